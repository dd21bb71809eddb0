"""Reports on a debate, for people (`terminal`: rich renderables) and for tools (`report`: data).

Nothing here prints. Everything taken from a debate file (claim text, ids, titles, names, urls)
is data: `terminal` builds `rich.text.Text` objects, never markup strings, and passes every such
string through `clean` first, so no file can style, link or move the cursor of a terminal.
"""

from __future__ import annotations

import difflib

from argmap.errors import ArgmapError, quote
from argmap.model import Claim, Debate

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


class UnknownClaimError(ArgmapError):
    """A claim id that the debate does not have; `hint` suggests what was meant, if anything."""

    def __init__(self, claim: str, debate: Debate) -> None:
        self.claim = claim
        self.hint: str | None = None
        if claim in debate.sources:
            self.hint = f"{quote(claim)} is a source; `argmap show` takes a claim id"
        else:
            close = difflib.get_close_matches(claim, list(debate.claims), n=1, cutoff=0.6)
            if close:
                self.hint = f"did you mean {quote(close[0])}?"
        super().__init__(f"no claim {quote(claim)} in {debate.file}")


def find_claim(debate: Debate, claim: str) -> Claim:
    """The claim with id `claim`; `UnknownClaimError` (with a did-you-mean) if there is none."""
    try:
        return debate.claims[claim]
    except KeyError:
        raise UnknownClaimError(claim, debate) from None
