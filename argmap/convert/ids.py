"""Ids for imported claims: derived from the input, valid, unique, the same on every run.

The rule, for a node of another tool's file:

- a numeric node id (`123`, or in AIF the text `"123"`, as AIFdb writes them) becomes `n123`;
- any other id keeps its letters, digits, `_`, `.` and `-`; every other run of characters
  becomes one `-`, and leading `.`/`-` are dropped (`"1_16 x"` → `1_16-x`);
- an id that comes out empty becomes the first free `node-1`, `node-2` ...; one that is the
  same as an id already given gets the first free `ID-2`, `ID-3` ..., in the order of the file.
  Ids that were valid as written are given out first, so a node never loses its own id to
  another node's mangled one.

>>> Ids().for_nodes([7, "a b", "a-b", "é", "x", "x"])
['n7', 'a-b-2', 'a-b', 'node-1', 'x', 'x-2']
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from argmap.fileformat import ID_RE

_NUMERIC = re.compile(r"[+-]?\d+(\.\d+)?")
_BAD = re.compile(r"[^A-Za-z0-9_.-]+")


def from_node_id(key: object, numeric_text: bool = True) -> str:
    """The id a node id asks for (possibly empty, possibly taken: `Ids` settles that).

    With `numeric_text`, text made of digits counts as a number, as AIFdb writes its numbers.

    >>> [from_node_id(k) for k in (12, "12", "1_16", "a/b", "..x", "é")]
    ['n12', 'n12', '1_16', 'a-b', 'x', '']
    >>> from_node_id("12", numeric_text=False)
    '12'
    """
    text = str(key).strip()
    number = isinstance(key, int | float) and not isinstance(key, bool)
    if number or (numeric_text and _NUMERIC.fullmatch(text)):
        return "n" + _BAD.sub("-", text.lstrip("+"))
    return _BAD.sub("-", text).lstrip(".-")


def slug(text: str, words: int = 6, length: int = 40) -> str:
    """A short id made of the first words of `text`, ASCII only (accents dropped).

    >>> slug("The model does NOT store its training data, period.")
    'the-model-does-not-store-its'
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    parts = [p for p in re.split(r"[^A-Za-z0-9]+", ascii_text.lower()) if p][:words]
    return "-".join(parts)[:length].strip("-")


class Ids:
    """Gives out unique valid ids, avoiding those `taken` already (e.g. source ids)."""

    def __init__(self, taken: Iterable[str] = ()) -> None:
        self.taken = set(taken)

    def for_nodes(self, keys: list[object], numeric_text: bool = True) -> list[str]:
        """One id for each node id, in order (see the module's rule)."""
        wanted = [from_node_id(k, numeric_text) for k in keys]
        exact = [isinstance(k, str) and k == w for k, w in zip(keys, wanted, strict=True)]
        return self.assign(wanted, exact=exact)

    def assign(
        self, wanted: list[str], fallback: str = "node", exact: list[bool] | None = None
    ) -> list[str]:
        """One id for each wanted id, in order; those marked `exact` are served first."""
        out: list[str] = [""] * len(wanted)
        first = exact if exact is not None else [True] * len(wanted)
        for rank in (True, False):
            for i, w in enumerate(wanted):
                if first[i] is rank and w and ID_RE.fullmatch(w) and w not in self.taken:
                    self.taken.add(w)
                    out[i] = w
        for i, w in enumerate(wanted):
            if not out[i]:
                valid = bool(w) and ID_RE.fullmatch(w) is not None
                out[i] = self.fresh(w, 2) if valid else self.fresh(fallback, 1)
        return out

    def fresh(self, base: str, n: int = 2) -> str:
        """`base-N` for the first N from `n` that is free."""
        while f"{base}-{n}" in self.taken:
            n += 1
        ident = f"{base}-{n}"
        self.taken.add(ident)
        return ident
