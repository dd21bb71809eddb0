"""Comment bodies made readable: Markdown (Reddit, Lemmy) and HTML (Hacker News, Discourse,
Mastodon) to plain paragraphs, quoted paragraphs marked, links kept as data.

Each paragraph, heading, list item (`- ` or `1. ` before it), table row (cells between ` | `)
and code block becomes one `Block`, its text on one line: line breaks become spaces, emphasis
marks go, inline code keeps its text, an image its alt text. A paragraph inside a quote
(Markdown `>`, HTML `<blockquote>`, Discourse's quote aside) is a quote block; so is an HTML
paragraph that starts with `>`, as people quote on Hacker News and Mastodon, where `>` is not
markup. A link keeps its words in the paragraph and becomes a `Link`; only http and https
addresses do (a `javascript:` link keeps its words and nothing else), and so do bare web
addresses written in Markdown. Mentions and hashtags are words, not links.

All text is plain: control characters go, runs of white space become one space, and HTML comes
out as the words it shows (`<script>` and `<style>` show none, nor do the parts of a link
Mastodon hides). Writers escape it again for whatever they write.

>>> markdown_blocks("> It *is* [stored](https://example.org/r).\\n\\nIt is not.")
((Block(text='It is stored.', quote=True, of=None), Block(text='It is not.', quote=False, \
of=None)), (Link(url='https://example.org/r', title='stored'),))

HTML is read by `argmap.convert.htmltext`, with the helpers here.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from argmap.convert.thread import Block, Link

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

# C0 and C1 control characters that are not white space (white space becomes one space).
CONTROL = re.compile("[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_BARE_URL = re.compile(r"https?://[^\s<>\[\]\"'`]+", re.IGNORECASE)
_URL_END = ".,;:!?*_~'\""
_ELLIPSIS = ("…", "...")
_PARSER: list[MarkdownIt] = []  # made on first need: most comments never need markdown-it


def _markdown() -> MarkdownIt:
    """The Markdown parser (also `markup._MARKDOWN`), imported and made on first use: the fast
    paths below read most comments, and importing markdown-it costs a command 50 ms."""
    if not _PARSER:
        from markdown_it import MarkdownIt

        # Markdown as Reddit and Lemmy write it: CommonMark, tables, ~~strikethrough~~, no raw
        # HTML (both sites show HTML typed in a comment as text).
        parser = MarkdownIt("commonmark", {"html": False}).enable(["table", "strikethrough"])
        # Every link target is read, so that a link this module will not keep (`javascript:`)
        # still shows its words rather than its Markdown.
        parser.validateLink = lambda url: True  # type: ignore[method-assign]
        # Addresses are kept as written (`link` checks them): percent-encoding each one as a
        # browser would took a quarter of the time of reading a thread.
        parser.normalizeLink = lambda url: url  # type: ignore[method-assign]
        _PARSER.append(parser)
    return _PARSER[0]


def __getattr__(name: str) -> Any:
    if name == "_MARKDOWN":
        return _markdown()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# Text in which no character or line start means anything to Markdown (`_has_markup`): CommonMark
# reads it as paragraphs split at blank lines, each line joined to the next with a space, so it
# is read so here, in a tenth of the time (most comments are such text; a test holds the two to
# the same). The characters and the line starts are two searches: one alternation of both tried
# every pattern at every character, three times as slow (3.2 µs against 1.0 µs on a line of 70).
_MARKUP_CHARACTER = re.compile(r"[\\`*_\[\]<>#~|&!=\t]")
_MARKUP_LINE = re.compile(r"^(?: {0,3}(?:[-+]|\d{1,9}[.)])(?:[ ]|$)| {4}| {0,3}-)", re.MULTILINE)
_LINE_START = frozenset(" -+0123456789")  # what a line of `_MARKUP_LINE` starts with
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
# The Markdown most comments have, and nothing else: `> ` quotes and [words](address) links.
_QUOTE_LINE = re.compile(r"^ {0,3}> ?", re.MULTILINE)
_PLAIN = r"[^\\`*_\[\]<>#~|&!=\t\n()]"
_SIMPLE_LINK = re.compile(rf"\[({_PLAIN}+)\]\((https?://{_PLAIN.replace('()', '() ')}+)\)")
_LEAVES = {"inline", "fence", "code_block", "hr", "html_block"}
_REFERENCE = re.compile(r" {0,3}\[[^\]]+\]:\s*\S")
_WORD = re.compile(r"\w")
_QUOTE_MARKS = re.compile(r"^ {0,3}((?:> ?)*)")

Blocks = tuple[tuple[Block, ...], tuple[Link, ...]]


def clean(text: str) -> str:
    """`text` on one line: control characters removed, white space runs made one space, lone
    surrogates (which no file can hold) made U+FFFD.

    >>> clean(" a\\r\\n\\tb\\x00c\\x85d\\u2028 ")
    'a bc d'
    """
    if text.isprintable():
        # No control character, surrogate or white space but " " is printable: such text is
        # clean already unless spaces run together or stand at an end (most names, words and
        # addresses are; this saves a third of a microsecond to a microsecond a call).
        if "  " not in text and text[:1] != " " and text[-1:] != " ":
            return text
        return " ".join(text.split())
    if not text.isascii():
        text = _SURROGATE.sub("\ufffd", text)
    # `split()` splits where `\s` matches (both ask `str.isspace`), at a fraction of the cost.
    return " ".join(CONTROL.sub("", text).split())


def link(url: str, words: str) -> Link | None:
    """A `Link` to `url` shown as `words`, or None when `url` is not an http(s) address. The
    words are its title unless they only repeat the address (in full, without the scheme, or
    cut short with an ellipsis, as Mastodon and Hacker News show long ones).

    >>> link("https://www.example.org/a/b", "example.org/a…"), link("ftp://x.org", "x")
    (Link(url='https://www.example.org/a/b', title=None), None)
    """
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    web = parts.scheme.lower() in ("http", "https") and parts.hostname
    if not web or clean(url) != url or " " in url:
        return None
    words = clean(words)
    bare = url.split("://", 1)[1]
    shown = (url, bare, bare.rstrip("/"), bare.removeprefix("www."))
    if words in shown or (
        words.endswith(_ELLIPSIS) and any(s.startswith(words.rstrip(".…")) for s in shown)
    ):
        return Link(url)
    return Link(url, words or None)


def bare_links(text: str) -> list[Link]:
    """The web addresses written out in `text`, without the punctuation after them (a `)`
    only when it closes no `(` of the address, as in Wikipedia's `Word_(sense)`)."""
    found: list[Link] = []
    if "://" not in text:  # no address can be in it: most text, and a quick look
        return found
    for match in _BARE_URL.finditer(text):
        url = match.group()
        while url:
            trimmed = url.rstrip(_URL_END)
            if trimmed.endswith(")") and trimmed.count("(") < trimmed.count(")"):
                trimmed = trimmed[:-1]
            if trimmed == url:
                break
            url = trimmed
        candidate = link(url, "")
        if candidate:
            found.append(candidate)
    return found


def unique_links(links: list[Link]) -> tuple[Link, ...]:
    # Most comments have one link or none: hashing a Link (a dataclass) costs a microsecond.
    return tuple(links) if len(links) < 2 else tuple(dict.fromkeys(links))


def markdown_blocks(text: str) -> Blocks:
    """The paragraphs and links of a Markdown text (Reddit's and Lemmy's flavour).

    >>> markdown_blocks("1. one\\n2. two\\n\\n- a `b`\\n\\n![a map](m.png) https://x.org/y.")
    ((Block(text='1. one', quote=False, of=None), Block(text='2. two', quote=False, of=None), \
Block(text='- a b', quote=False, of=None), Block(text='a map https://x.org/y.', quote=False, \
of=None)), (Link(url='https://x.org/y', title=None),))
    """
    # Control characters go before markdown-it turns a NUL into U+FFFD. None is printable, and
    # most text has none: asking `isprintable` (line breaks aside) costs half of looking for one.
    if not text.replace("\n", " ").isprintable():
        text = CONTROL.sub("", text)
    if not _has_markup(text):
        return _paragraphs(text)
    simple = _simple(text)
    if simple is not None:
        return simple
    try:
        tokens = _markdown().parse(text)
    except RecursionError:
        return _plain_blocks(text)
    if not _all_read(tokens, text):
        return _plain_blocks(text)
    blocks: list[Block] = []
    links: list[Link] = []
    quote = 0
    marker = ""  # put before the next paragraph: the first one of a list item
    cells: list[str] = []
    in_cell = False
    for token in tokens:
        kind = token.type
        if kind == "blockquote_open":
            quote += 1
        elif kind == "blockquote_close":
            quote -= 1
        elif kind == "list_item_open":
            marker = f"{token.info}. " if token.markup in (".", ")") else "- "
        elif kind == "list_item_close":
            marker = ""
        elif kind in ("td_open", "th_open", "td_close", "th_close"):
            in_cell = kind.endswith("open")
        elif kind in ("fence", "code_block"):
            body = clean(token.content)
            if body:
                blocks.append(Block(marker + body, quote=quote > 0))
            marker = ""
        elif kind == "inline":
            words, found = _inline(token.children or [])
            links.extend(found)
            if in_cell:
                cells.append(words)
            elif words:
                blocks.append(Block(marker + words, quote=quote > 0))
                marker = ""
        elif kind == "tr_close":
            row = " | ".join(c for c in cells if c)
            if row:
                blocks.append(Block(row, quote=quote > 0))
            cells = []
    return tuple(blocks), unique_links(links)


def _paragraphs(text: str) -> Blocks:
    """Text without Markdown in it, read as CommonMark reads it (see `_has_markup`)."""
    blocks: list[Block] = []
    links: list[Link] = []
    for paragraph in _BLANK_LINE.split(text.replace("\r\n", "\n").replace("\r", "\n")):
        words = clean(paragraph)
        if words:
            blocks.append(Block(words))
            links.extend(bare_links(words))
    return tuple(blocks), unique_links(links)


def _has_markup(text: str) -> bool:
    """Whether some character or line start in `text` may mean something to Markdown."""
    return _MARKUP_CHARACTER.search(text) is not None or _MARKUP_LINE.search(text) is not None


def _simple(text: str) -> Blocks | None:
    """Text whose only Markdown is `> ` quotes (one level) and [words](address) links, read as
    CommonMark reads it; None for any other text. A quote runs to the next blank line (a line
    without `>` after a quoted one continues it, as CommonMark's lazy lines do); a line with
    `>` after an unquoted one starts a quote. A test holds it to markdown-it."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    found: list[tuple[bool, str]] = []  # (quoted, the line without its mark)
    # Each regular expression is tried only where it can match: a quote mark starts in the
    # first four characters, and Markdown's line starts with a space, `-`, `+` or a digit
    # (this halves the time of this loop).
    for line in text.split("\n"):
        mark = _QUOTE_LINE.match(line) if ">" in line[:4] else None
        body = line[mark.end() :] if mark else line
        rest = _SIMPLE_LINK.sub(" ", body) if "[" in body else body
        if (
            "(" in rest
            or ")" in rest
            or _MARKUP_CHARACTER.search(rest) is not None
            or (rest[:1] in _LINE_START and _MARKUP_LINE.match(rest) is not None)
        ):
            return None
        found.append((mark is not None, body))
    blocks: list[Block] = []
    links: list[Link] = []
    words: list[str] = []
    quoted = False

    def end() -> None:
        paragraph = " ".join(words)
        words.clear()
        if "[" not in paragraph:  # no link in it (every bracket left is a link's)
            links.extend(bare_links(paragraph))
        else:
            pieces = _SIMPLE_LINK.split(paragraph)  # text, words, address, text, ...
            shown: list[str] = []
            for i in range(0, len(pieces) - 1, 3):
                before, shown_as, address = pieces[i : i + 3]
                shown += (before, shown_as)
                links.extend(bare_links(before))
                made = link(address, shown_as)
                if made:
                    links.append(made)
            shown.append(pieces[-1])
            links.extend(bare_links(pieces[-1]))
            paragraph = "".join(shown)
        paragraph = clean(paragraph)
        if paragraph:
            blocks.append(Block(paragraph, quote=quoted))

    for is_quote, body in found:
        if not body.strip():  # a blank line, quoted or not, ends the paragraph
            if words:
                end()
            continue
        if is_quote and not quoted and words:
            end()  # a quote interrupts a paragraph
        if not words:
            quoted = is_quote
        words.append(body)
    if words:
        end()
    return tuple(blocks), unique_links(links)


def _all_read(tokens: list[Token], text: str) -> bool:
    """Whether every line of `text` with words in it is in some paragraph, heading or code
    block: markdown-it leaves out what is nested deeper than it reads (20 levels)."""
    read: set[int] = set()
    for token in tokens:
        if token.type in _LEAVES and token.map:
            read.update(range(token.map[0], token.map[1]))
    return all(
        i in read or not _WORD.search(line) or _REFERENCE.match(line)
        for i, line in enumerate(text.splitlines())
    )


def _plain_blocks(text: str) -> Blocks:
    """Markdown too deeply nested to read as Markdown: its paragraphs as they are written, a
    paragraph whose first line starts with `>` as a quote (its `>` marks dropped)."""
    blocks: list[Block] = []
    links: list[Link] = []
    for paragraph in re.split(r"\n[ \t]*\n", text):
        lines = paragraph.strip("\n").splitlines() or [""]
        quote = bool(_QUOTE_MARKS.match(lines[0]).group(1))  # type: ignore[union-attr]
        words = clean(" ".join(_QUOTE_MARKS.sub("", line) for line in lines))
        if words:
            blocks.append(Block(words, quote=quote))
            links.extend(bare_links(words))
    return tuple(blocks), unique_links(links)


def _inline(children: list[Token]) -> tuple[str, list[Link]]:
    """The words of a Markdown inline run, and its links in order."""
    parts: list[str] = []
    links: list[Link] = []
    opened: list[tuple[str, int]] = []  # (href, where its words start in parts)
    for child in children:
        kind = child.type
        if kind == "text" or kind == "code_inline":
            parts.append(child.content)
            if not opened:
                links.extend(bare_links(child.content))
        elif kind in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif kind == "image":
            parts.append("".join(c.content for c in child.children or []) or child.content)
        elif kind == "link_open":
            opened.append((str(child.attrGet("href") or ""), len(parts)))
        elif kind == "link_close" and opened:
            href, start = opened.pop()
            found = link(href, "".join(parts[start:]))
            if found:
                links.append(found)
    return clean("".join(parts)), links
