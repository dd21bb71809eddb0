"""The views of a debate: reports for people (`terminal`) and for tools (`report`), diagrams
(`dot`, `mermaid`, `html`, drawn by `image`) and their registry (`formats`).

Nothing here prints. Everything taken from a debate file (claim text, ids, titles, names, urls)
is data: `terminal` builds `rich.text.Text` objects, never markup strings, and passes every such
string through `clean` first, so no file can style, link or move the cursor of a terminal. This
module itself holds only what the command line also needs before any view is imported: `clean`
and the length of a summary's lists.
"""

from __future__ import annotations

# How many items each list of a terminal summary shows unless asked for more (`--limit`).
DEFAULT_LIMIT = 5

# C0 controls except newline, DEL, C1 controls: shown as `\xNN`. Bidirectional embeddings,
# overrides and isolates (which reorder what follows them on screen): shown as `\uNNNN`.
_ESCAPES: dict[int, str] = {
    **{c: f"\\x{c:02x}" for c in (*range(0x20), 0x7F, *range(0x80, 0xA0)) if c != 0x0A},
    **{c: f"\\u{c:04x}" for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))},
}


def clean(text: str) -> str:
    """`text` with every control character made visible, safe to show on a terminal.

    Newlines are kept; everything else that a terminal would act on instead of showing is
    replaced by its escape, so it is seen rather than obeyed.

    >>> clean("a\\x1b[2Jb\\tc\\nd\\x9b")
    'a\\\\x1b[2Jb\\\\x09c\\nd\\\\x9b'
    """
    return text.translate(_ESCAPES)


def clean_line(text: str) -> str:
    """`clean`, with line breaks made visible too (`\\n`): for what must stay on one line, such
    as a file's name in `path: ok` or `path:3:1: error`, so that no name can forge a line.

    >>> clean_line("x\\nFAKE: ok.yaml")
    'x\\\\nFAKE: ok.yaml'
    """
    return clean(text).replace("\n", "\\n")
