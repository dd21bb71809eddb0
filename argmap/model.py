"""The debate as plain data: what the loader builds and every other module reads."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, TypeVar, dataclass_transform

from argmap.errors import Diagnostic

if TYPE_CHECKING:
    import networkx as nx

_R = TypeVar("_R")


@dataclass_transform(frozen_default=True, field_specifiers=(field,))
def record(cls: type[_R]) -> type[_R]:
    """A slotted dataclass that the type checker holds frozen: assigning to a field of one is a
    mypy error, as it is for `@dataclass(frozen=True)`, and records compare and hash by value
    alike. Unlike a frozen dataclass, making one costs no `object.__setattr__` per field: an
    import of 10,000 comments makes some 80,000 claims, relations, comments and paragraphs, and
    frozen ones took 0.15 s more (docs/architecture.md).
    """
    return dataclass(slots=True, unsafe_hash=True)(cls)


class RelationKind(StrEnum):
    """How one claim answers another. The edge points from the answer to what it answers."""

    REBUTS = "rebuts"
    SUPPORTS = "supports"
    UNDERCUTS = "undercuts"  # attacks the reasoning of the target, not its content
    # A reply not yet classified (a thread says who answered whom, not how): neither an attack
    # nor a support, so no status depends on it until a person says which it is.
    ANSWERS = "answers"

    @property
    def is_attack(self) -> bool:
        return self is RelationKind.REBUTS or self is RelationKind.UNDERCUTS

    @property
    def is_classified(self) -> bool:
        return self is not RelationKind.ANSWERS

    @property
    def passive(self) -> str:
        return _PASSIVE[self.value]


_PASSIVE = {
    "rebuts": "rebutted",
    "supports": "supported",
    "undercuts": "undercut",
    "answers": "answered",
}


@record
class Relation:
    source: str
    target: str
    kind: RelationKind
    line: int
    column: int


@record
class Citation:
    """A claim citing a source, optionally with the quoted passage and where it is found."""

    source: str
    quote: str | None = None
    locator: str | None = None


@record
class Claim:
    id: str
    text: str
    by: str | None = None
    cites: tuple[Citation, ...] = ()
    tags: tuple[str, ...] = ()
    note: str | None = None
    parent: str | None = None  # the claim this one is nested under, if any
    line: int = 0
    column: int = 0
    at: str | None = None  # when it was said: ISO 8601 as written, `2023-07-14T09:30:00Z`
    url: str | None = None  # where it was said: the comment's permalink
    score: int | None = None  # the votes it had where it was said
    weight: float | None = None  # its base score, from 0 to 1, as the person mapping it set it


@record
class Source:
    id: str
    title: str | None = None
    url: str | None = None
    author: str | None = None
    date: str | None = None
    note: str | None = None
    inline: bool = False  # written inside a claim's `cites:` rather than under `sources:`
    line: int = 0
    column: int = 0


@record
class Speaker:
    name: str
    url: str | None = None
    note: str | None = None
    declared: bool = True  # listed under `speakers:`, rather than only named by a `by:`
    line: int = 0
    column: int = 0


@record
class Expectation:
    """One list under `expect:`: every claim with that outcome, as the file states it."""

    outcome: str  # unanswered | standing | defeated | undecided
    ids: tuple[str, ...]
    positions: tuple[tuple[int, int], ...]  # (line, column) of each id
    line: int  # of the `outcome:` key
    column: int


@dataclass
class Debate:
    """A loaded debate. Dicts keep the order of the file; `graph` is built on first use."""

    title: str
    claims: dict[str, Claim]
    relations: tuple[Relation, ...] = ()
    sources: dict[str, Source] = field(default_factory=dict)
    speakers: dict[str, Speaker] = field(default_factory=dict)
    url: str | None = None
    date: str | None = None
    note: str | None = None
    file: str = "<string>"
    expectations: tuple[Expectation, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()  # warnings the loader found
    _graph: nx.DiGraph | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def graph(self) -> nx.DiGraph:
        """The debate as a `networkx.DiGraph` (see `argmap.graph.to_digraph`)."""
        if self._graph is None:
            # Imported on first use: networkx is slow to import, and most commands never need
            # it. `argmap.graph` needs this module for its types only, so there is no cycle.
            from argmap.graph import to_digraph

            self._graph = to_digraph(self)
        return self._graph
