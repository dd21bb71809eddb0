"""Where each name of a debate file is written: every claim id, source id and speaker, where
it is defined and everywhere it is referred to, as offsets into the text; and the claims as
they are nested in the file. Hover, definition, references, rename, symbols, folding, inlay
hints and code actions all read it.

It is read from `argmap.label.spans` (the one reader of where each value starts and ends),
walked with the fields of `argmap.fileformat`: which fields hold claim ids, which a speaker,
which sources. It needs YAML that parses, not a debate that loads: a file with an unknown id
still has an index, which is what finding that id's neighbours needs.
"""

from __future__ import annotations

import bisect
import gc
from dataclasses import dataclass, field
from enum import StrEnum

from argmap.fileformat import EXPECT_FIELDS
from argmap.label.flat import IMPLIED, REF_FIELDS
from argmap.label.spans import Value, compose, content_end

EXPECT_NAMES = frozenset(f.name for f in EXPECT_FIELDS)
SECTIONS = IMPLIED  # `rebuttals` -> `rebuts` ...


class Kind(StrEnum):
    CLAIM = "claim"
    SOURCE = "source"
    SPEAKER = "speaker"


@dataclass(frozen=True, slots=True)
class Occurrence:
    """One place a name is written: `text[start:end]` (quotes included when quoted)."""

    kind: Kind
    name: str
    start: int
    end: int
    definition: bool
    field: str  # what holds it: `claims`, `replies`, `rebuts`, `by`, `cites`, `expect.standing`


@dataclass(eq=False)
class ClaimPlace:
    """A claim as written: its key, where its value ends, and the claims nested in it."""

    id: str
    key: Value
    value: Value
    section: str | None  # the section it is nested in (`replies` ...), None under `claims:`
    parent: str | None
    children: list[ClaimPlace] = field(default_factory=list)

    @property
    def end(self) -> int:
        return max(self.key.end, content_end(self.value))


class Index:
    """The names of one text, by kind and name, and in the order written."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.occurrences: list[Occurrence] = []
        self.claims: list[ClaimPlace] = []  # under `claims:`, each with its nested ones
        self.root: Value | None = None
        self.sections: dict[str, tuple[Value, Value]] = {}  # top-level key -> (key, value)
        self.by_name: dict[tuple[Kind, str], list[Occurrence]] = {}
        # Many small objects and no cycles, as for the loader's tree: the cyclic collector
        # would pass over them all, several times, for nothing.
        collecting = gc.isenabled()
        gc.disable()
        try:
            self._read(text)
        finally:
            if collecting:
                gc.enable()

    def _read(self, text: str) -> None:
        try:
            self.root = compose(text)
        except Exception:  # not YAML (yet): no index; the diagnostics say why
            self.root = None
        if self.root is not None and self.root.kind == "map":
            self._walk(self.root)
        self.occurrences.sort(key=lambda o: o.start)
        self._starts = [o.start for o in self.occurrences]
        for o in self.occurrences:
            self.by_name.setdefault((o.kind, o.name), []).append(o)

    @property
    def ok(self) -> bool:
        return self.root is not None

    # --- queries ---------------------------------------------------------------------------

    def at(self, offset: int) -> Occurrence | None:
        """The occurrence whose text holds `offset` (its end included, where a cursor that
        has just typed a name stands)."""
        i = bisect.bisect_right(self._starts, offset) - 1
        if i >= 0 and self.occurrences[i].start <= offset <= self.occurrences[i].end:
            return self.occurrences[i]
        return None

    def of(self, kind: Kind, name: str) -> list[Occurrence]:
        return self.by_name.get((kind, name), [])

    def definition(self, kind: Kind, name: str) -> Occurrence | None:
        return next((o for o in self.of(kind, name) if o.definition), None)

    def names(self, kind: Kind) -> dict[str, Occurrence]:
        """Each defined name of `kind` and where it is defined, in the order written."""
        out: dict[str, Occurrence] = {}
        for o in self.occurrences:
            if o.kind is kind and o.definition:
                out.setdefault(o.name, o)
        return out

    def all_claims(self) -> list[ClaimPlace]:
        out: list[ClaimPlace] = []
        stack = list(reversed(self.claims))
        while stack:
            place = stack.pop()
            out.append(place)
            stack.extend(reversed(place.children))
        return out

    # --- the walk --------------------------------------------------------------------------

    def _add(self, kind: Kind, v: Value, definition: bool, where: str) -> None:
        if v.kind == "scalar" and v.text:
            self.occurrences.append(Occurrence(kind, v.text, v.start, v.end, definition, where))

    def _refs(self, kind: Kind, v: Value, where: str) -> None:
        for item in v.items if v.kind == "seq" else [v]:
            self._add(kind, item, False, where)

    def _walk(self, root: Value) -> None:
        for key, value in root.pairs:
            self.sections.setdefault(key.text, (key, value))
            if key.text == "speakers" and value.kind == "map":
                for k, _ in value.pairs:
                    self._add(Kind.SPEAKER, k, True, "speakers")
            elif key.text == "sources" and value.kind == "map":
                for k, _ in value.pairs:
                    self._add(Kind.SOURCE, k, True, "sources")
            elif key.text == "claims" and value.kind == "map":
                self.claims = self._claims(value, None, None)
            elif key.text == "expect" and value.kind == "map":
                for k, v in value.pairs:
                    if k.text in EXPECT_NAMES:
                        self._refs(Kind.CLAIM, v, f"expect.{k.text}")

    def _claims(self, mapping: Value, section: str | None, parent: str | None) -> list[ClaimPlace]:
        """The claims of `mapping`, without recursion: nested sections go on a stack."""
        top: list[ClaimPlace] = []
        stack: list[tuple[Value, Value, str | None, str | None, list[ClaimPlace]]] = [
            (k, v, section, parent, top) for k, v in reversed(mapping.pairs)
        ]
        while stack:
            key, value, where, above, siblings = stack.pop()
            if key.kind != "scalar":
                continue
            place = ClaimPlace(key.text, key, value, where, above)
            siblings.append(place)
            self._add(Kind.CLAIM, key, True, where or "claims")
            if value.kind != "map":
                continue
            nested: list[tuple[Value, Value, str | None, str | None, list[ClaimPlace]]] = []
            for k, v in value.pairs:
                name = k.text
                if name in REF_FIELDS:
                    self._refs(Kind.CLAIM, v, name)
                elif name == "by":
                    self._add(Kind.SPEAKER, v, False, "by")
                elif name == "cites":
                    for item in v.items if v.kind == "seq" else [v]:
                        if item.kind == "map":
                            found = item.get("source")
                            if found is not None:
                                self._add(Kind.SOURCE, found[1], False, "cites")
                        else:
                            self._add(Kind.SOURCE, item, False, "cites")
                elif name in SECTIONS and v.kind == "map":
                    nested += [(nk, nv, name, key.text, place.children) for nk, nv in v.pairs]
            stack.extend(reversed(nested))
        return top
