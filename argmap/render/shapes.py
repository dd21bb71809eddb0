"""The shapes of the reports' JSON (`--format json`), each a `TypedDict`, documented with an
example in docs/json.md. Keys come in the order written here; lists of claims come in the
order of the file unless said otherwise. `argmap.render.report` fills them.

Strengths are numbers in [0, 1] rounded to 6 decimals, or null for a claim whose strength did
not converge (docs/analysis.md, "Strength")."""

from __future__ import annotations

from typing import TypedDict


class AcceptanceJSON(TypedDict):
    credulous: bool | None
    sceptical: bool | None


class ClaimJSON(TypedDict):
    id: str
    text: str
    by: str | None
    status: str
    acceptance: AcceptanceJSON | None  # undecided claims only; null for the others
    strength: float | None  # null: it did not converge
    rebuts: list[str]
    supports: list[str]
    undercuts: list[str]
    rebutted_by: list[str]
    supported_by: list[str]
    undercut_by: list[str]
    answers: list[str]  # unclassified replies: what this claim replies to without saying how
    answered_by: list[str]  # ... and the claims that reply to it so
    cites: list[str]
    at: str | None
    url: str | None
    score: int | None


class CountsJSON(TypedDict):
    claims: int
    relations: int
    rebuts: int
    supports: int
    undercuts: int
    answers: int  # unclassified replies: while there are any, every status is provisional
    speakers: int
    sources: int
    standing: int
    defeated: int
    undecided: int


class ContestedJSON(TypedDict):
    id: str
    attackers: list[str]


class SpeakerJSON(TypedDict):
    name: str
    claims: int
    rebuttals: int
    standing: int
    defeated: int
    undecided: int
    unanswered: int


class SourceJSON(TypedDict):
    id: str
    title: str | None
    url: str | None
    cited_by: list[str]
    standing: int


class StrengthsJSON(TypedDict):
    semantics: str  # "df-quad" | "quadratic-energy" | "h-categorizer"
    base: str  # "weights" | "votes": where the base scores come from
    ranking: list[str]  # the claims with a strength, strongest first, ties in file order
    disagreements: list[str]  # strength and status disagree: furthest from 0.5 first
    unconverged: list[str]  # no strength: in, or depending on, a cycle that did not settle


class SummaryJSON(TypedDict):
    title: str
    url: str | None
    date: str | None
    counts: CountsJSON
    claims: list[ClaimJSON]
    unanswered: list[str]
    unsupported: list[str]
    contested: list[ContestedJSON]
    exchanges: list[list[str]]
    speakers: list[SpeakerJSON]
    sources: list[SourceJSON]
    strength: StrengthsJSON


class UnansweredJSON(TypedDict):
    id: str
    text: str
    by: str | None
    role: str  # "root" | "rebuttal" | "reason"
    strength: float | None


class NodeJSON(TypedDict):
    id: str
    relation: str | None  # how this claim answers its parent; null for a root
    status: str
    strength: float | None
    by: str | None
    text: str
    ref: bool  # shown in full elsewhere in the tree: a reference, without children
    cycle: bool  # a root picked up because it sits in a cycle that no other root reaches
    children: list[NodeJSON]


class TreeJSON(TypedDict):
    title: str
    roots: list[NodeJSON]


class RowJSON(TypedDict):
    id: str
    parent: int | None  # the index in `nodes` of the node this one is under; null for a root
    depth: int  # 0 for a root
    relation: str | None
    status: str
    strength: float | None
    by: str | None
    text: str
    ref: bool
    cycle: bool


class TreeRowsJSON(TypedDict):
    title: str
    nodes: list[RowJSON]


class LinkJSON(TypedDict):
    id: str
    relation: str
    status: str
    text: str


class CitationJSON(TypedDict):
    source: str
    title: str | None
    url: str | None
    author: str | None
    quote: str | None
    locator: str | None


class ContributionJSON(TypedDict):
    id: str  # the attacker or supporter
    by: str | None  # its speaker
    relation: str  # "attack" (rebuts, undercuts) | "support"
    change: float  # the claim's strength minus what it would be without this relation


class StrengthJSON(TypedDict):
    value: float | None  # null: it did not converge
    base: float  # the base score it starts from
    semantics: str
    contributions: list[ContributionJSON]  # largest change first; empty when not converged
    converged: bool


class ShowJSON(TypedDict):
    id: str
    text: str
    by: str | None
    status: str
    why: str  # "has-standing-attacker" | "all-attackers-defeated" | "no-attackers" | "undecided"
    defeated_by: list[str]
    attackers: list[str]
    acceptance: AcceptanceJSON | None
    strength: StrengthJSON
    answers: list[LinkJSON]
    answered_by: list[LinkJSON]
    cites: list[CitationJSON]
    tags: list[str]
    note: str | None
    at: str | None
    url: str | None
    score: int | None
    unclassified: int  # replies in the debate not yet classified: statuses are provisional


class RelationJSON(TypedDict):
    source: str
    kind: str  # "rebuts" | "supports" | "undercuts" | "answers"
    target: str


# `from` is a Python keyword: this shape is written the long way.
ChangeJSON = TypedDict("ChangeJSON", {"claim": str, "from": str, "to": str})


class StepJSON(TypedDict):
    at: str | None  # when the claim counts as made, ISO 8601 in UTC; null: from the start
    timed: bool  # `at` is the claim's own `at:`, not the rule for claims without one
    claim: str
    by: str | None
    status: str  # its status as it arrives
    relations: list[RelationJSON]  # the relations that arrive with it
    changes: list[ChangeJSON]  # every other status its arrival changed, nearest first


class DiffClaimJSON(TypedDict):
    id: str
    by: str | None
    status: str  # in the version that has it
    text: str


class WordsJSON(TypedDict):
    op: str  # "equal" | "delete" | "insert"
    text: str


class RewordedJSON(TypedDict):
    id: str
    old: str
    new: str
    words: list[WordsJSON]


class MovedJSON(TypedDict):
    id: str
    old: str | None
    new: str | None


class RelationChangeJSON(TypedDict):
    source: str
    target: str
    relation: str


class ReclassifiedJSON(TypedDict):
    source: str
    target: str
    old: str
    new: str


class FlipJSON(TypedDict):
    id: str
    old: str
    new: str
    why: str  # as in `show`, in the new version
    defeated_by: list[str]
    attackers: list[str]
    acceptance: AcceptanceJSON | None
    reason: str  # the sentence `show` says after "Why:"


class GroundsJSON(TypedDict):
    why: str  # as in `show`
    defeated_by: list[str]
    attackers: list[str]
    reason: str  # the sentence `show` says after "Why:"


class HeldJSON(TypedDict):
    id: str
    status: str  # the same in both versions
    old: GroundsJSON
    new: GroundsJSON


class AcceptanceChangeJSON(TypedDict):
    id: str
    old: AcceptanceJSON
    new: AcceptanceJSON


class TitleChangeJSON(TypedDict):
    old: str
    new: str


class ClaimChangesJSON(TypedDict):
    added: list[DiffClaimJSON]
    removed: list[DiffClaimJSON]
    reworded: list[RewordedJSON]
    moved: list[MovedJSON]


class RelationChangesJSON(TypedDict):
    added: list[RelationChangeJSON]
    removed: list[RelationChangeJSON]
    reclassified: list[ReclassifiedJSON]


class DiffSourceJSON(TypedDict):
    id: str
    title: str | None
    url: str | None
    author: str | None
    date: str | None


class FieldChangeJSON(TypedDict):
    field: str  # "title" | "url" | "author" | "date" | "quote" | "locator"
    old: str | None  # null: that version has none
    new: str | None


class SourceChangeJSON(TypedDict):
    id: str
    fields: list[FieldChangeJSON]


class SourceChangesJSON(TypedDict):
    added: list[DiffSourceJSON]  # listed under `sources:`; inline ones come with citations
    removed: list[DiffSourceJSON]
    changed: list[SourceChangeJSON]


class CitedJSON(TypedDict):
    claim: str
    source: str  # its id in the version that has it (`CLAIM#N` for an inline source)
    inline: bool
    title: str | None  # the source's, as in that version
    url: str | None
    author: str | None
    date: str | None
    quote: str | None
    locator: str | None


class CitationChangeJSON(TypedDict):
    claim: str
    source: str  # in the new version
    inline: bool
    fields: list[FieldChangeJSON]  # quote, locator; an inline source's details too


class CitationChangesJSON(TypedDict):
    added: list[CitedJSON]
    removed: list[CitedJSON]
    changed: list[CitationChangeJSON]


class OutcomeChangesJSON(TypedDict):
    status: list[FlipJSON]
    held: list[HeldJSON]  # same status, another reason
    became_unanswered: list[str]
    no_longer_unanswered: list[str]
    acceptance: list[AcceptanceChangeJSON]


class DiffJSON(TypedDict):
    old: str  # the versions compared, as named
    new: str
    changed: bool
    title: TitleChangeJSON | None
    outcomes: OutcomeChangesJSON
    claims: ClaimChangesJSON
    relations: RelationChangesJSON
    sources: SourceChangesJSON
    citations: CitationChangesJSON
