"""`analyse(debate)`: every fact a view shows, worked out once, in one immutable object.

Reports, diagrams, the HTML page, exports and `expect:` all read an `Analysis`; none of them
works a fact out again. The algorithms stay in `argmap.analyze` (plain data in, plain data out);
this module only gathers their answers and the indexes every view needs, each computed on first
use and kept: a command that needs only statuses never pays for the longest exchanges.

To add a fact: compute it here (or in `analyze`, if it is an algorithm), once, as a property;
then let each view that shows it read it (docs/architecture.md).

>>> from argmap import loads
>>> a = analyse(loads("title: T\\nclaims:\\n  a: {text: A}\\n  b: {text: B, rebuts: a}\\n"))
>>> a.status["a"].value, a.why["a"].value, a.defeaters["a"], sorted(a.unanswered_ids)
('defeated', 'has-standing-attacker', ('b',), ['b'])
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from functools import cached_property

from argmap import analyze
from argmap.analyze import (
    Acceptance,
    Arrival,
    Base,
    Contested,
    Contribution,
    Labelling,
    Semantics,
    SourceUse,
    SpeakerStats,
    Status,
    Strengths,
    Unanswered,
)
from argmap.errors import ArgmapError, quote
from argmap.model import Claim, Debate, Relation, RelationKind

__all__ = [
    "Acceptance",
    "Analysis",
    "Arrival",
    "Base",
    "Change",
    "Contested",
    "Contribution",
    "Link",
    "Semantics",
    "SourceUse",
    "SpeakerStats",
    "Status",
    "Step",
    "Strengths",
    "Unanswered",
    "UnknownClaimError",
    "Why",
    "analyse",
]


class Why(StrEnum):
    """Why a claim has its status (the `why` of `argmap show --format json`)."""

    HAS_STANDING_ATTACKER = "has-standing-attacker"
    ALL_ATTACKERS_DEFEATED = "all-attackers-defeated"
    NO_ATTACKERS = "no-attackers"
    UNDECIDED = "undecided"


@dataclass(frozen=True, slots=True)
class Link:
    """One end of a relation, seen from the other: the claim `id`, and how the two relate."""

    id: str
    kind: RelationKind


@dataclass(frozen=True, slots=True)
class Change:
    """A status an arrival changed: `claim` went from `before` to `after`."""

    claim: str
    before: Status
    after: Status


@dataclass(frozen=True, slots=True)
class Step:
    """One claim's arrival, in the replay of the debate in time order (`Analysis.timeline`)."""

    claim: str
    at: datetime | None  # when it counts as made, in UTC; None: from the start
    timed: bool  # `at` is the claim's own `at:` (not the rule for claims without one)
    day: bool  # `at` is a date alone: the day is known, not the hour
    status: Status  # its status as it arrives
    relations: tuple[Relation, ...]  # what arrives with it: relations to and from claims there
    changes: tuple[Change, ...]  # every other claim whose status it changed, nearest first


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


class Analysis:
    """The facts of one debate. Build it with `analyse`; every attribute is computed once, on
    first use, and never changes. Mappings are keyed by claim id in the order of the file."""

    def __init__(self, debate: Debate, labelling: Labelling | None = None) -> None:
        """`labelling`, when given, is taken as the debate's (to show a labelling worked out
        elsewhere, or one made up to test a view); otherwise it is worked out on first use."""
        self.debate = debate
        if labelling is not None:
            self.__dict__["labelling"] = labelling

    # --- where each claim stands ---------------------------------------------------------------

    @cached_property
    def order(self) -> Mapping[str, int]:
        """Each claim's place in the file."""
        return {c: i for i, c in enumerate(self.debate.claims)}

    @cached_property
    def labelling(self) -> Labelling:
        return analyze.label(self.debate)

    @property
    def status(self) -> Mapping[str, Status]:
        """Grounded status: standing, defeated or undecided."""
        return self.labelling.status

    @cached_property
    def acceptance(self) -> Mapping[str, Acceptance]:
        """Preferred acceptance, for the undecided claims only."""
        return {
            c: a for c, a in self.labelling.acceptance.items() if self.status[c] is Status.UNDECIDED
        }

    @cached_property
    def attackers(self) -> Mapping[str, tuple[str, ...]]:
        """What rebuts or undercuts each claim, each once, in the order of the file."""
        order = self.order
        return {
            c: tuple(sorted(dict.fromkeys(found), key=order.__getitem__))
            for c, found in self.labelling.attackers.items()
        }

    @cached_property
    def defeaters(self) -> Mapping[str, tuple[str, ...]]:
        """For a defeated claim, the standing claims that defeat it; empty for the others."""
        status, standing = self.status, Status.STANDING
        return {
            c: tuple(a for a in found if status[a] is standing)
            if status[c] is Status.DEFEATED
            else ()
            for c, found in self.attackers.items()
        }

    @cached_property
    def why(self) -> Mapping[str, Why]:
        """Why each claim has its status."""
        out = {}
        for c, s in self.status.items():
            if s is Status.DEFEATED:
                out[c] = Why.HAS_STANDING_ATTACKER
            elif s is Status.UNDECIDED:
                out[c] = Why.UNDECIDED
            else:
                out[c] = Why.ALL_ATTACKERS_DEFEATED if self.attackers[c] else Why.NO_ATTACKERS
        return out

    def claim(self, claim_id: str) -> Claim:
        """The claim with id `claim_id`; `UnknownClaimError` (with a did-you-mean) if none."""
        try:
            return self.debate.claims[claim_id]
        except KeyError:
            raise UnknownClaimError(claim_id, self.debate) from None

    def of(self, status: Status) -> list[str]:
        """The claims with `status`, in the order of the file."""
        return self.labelling.of(status)

    # --- how strong each claim is --------------------------------------------------------------

    @cached_property
    def _strengths(self) -> dict[tuple[Semantics, Base], Strengths]:
        return {}

    def strength(
        self,
        semantics: Semantics | str = analyze.Semantics.DF_QUAD,
        base: Base | str = Base.WEIGHTS,
    ) -> Strengths:
        """Every claim's strength under `semantics` (`df-quad`, the default;
        `quadratic-energy`; `h-categorizer`), from the base scores `base` says (`weights`:
        each claim's `weight:`, else 0.5; `votes`: also its `score:`), with what each
        attacker and supporter changed (`.contributions`) and whether cycles settled
        (`.unconverged`); worked out once for each pair (docs/analysis.md, "Strength").

        >>> from argmap import loads
        >>> a = analyse(loads("title: T\\nclaims:\\n  a: {text: A}\\n  b: {text: B, rebuts: a}\\n"))
        >>> s = a.strength()
        >>> s.strength, s.contributions["a"]
        ({'a': 0.25, 'b': 0.5}, (Contribution(id='b', kind='attack', change=-0.25),))
        """
        key = (Semantics(semantics), Base(base))
        found = self._strengths.get(key)
        if found is None:
            found = self._strengths[key] = analyze.strength_of(self.debate, *key)
        return found

    @cached_property
    def _disagreements(self) -> dict[tuple[Semantics, Base], tuple[str, ...]]:
        return {}

    def disagreements(
        self,
        semantics: Semantics | str = analyze.Semantics.DF_QUAD,
        base: Base | str = Base.WEIGHTS,
    ) -> tuple[str, ...]:
        """The claims whose strength (`strength(semantics, base)`) and status disagree: standing
        below 0.5, or defeated at 0.5 or above; the furthest from 0.5 first
        (`analyze.disagreements`; docs/analysis.md, "When strength and status disagree").

        >>> from argmap import loads
        >>> text = "title: T\\nclaims:\\n  a: {text: A}\\n  b: {text: B, rebuts: a}\\n"
        >>> analyse(loads(text)).disagreements()
        ()
        >>> analyse(loads(text + "  c: {text: C, supports: a, weight: 1}\\n")).disagreements()
        ('a',)
        """
        key = (Semantics(semantics), Base(base))
        found = self._disagreements.get(key)
        if found is None:
            found = self._disagreements[key] = analyze.disagreements(
                self.strength(*key), self.status
            )
        return found

    # --- what answers what ---------------------------------------------------------------------

    @cached_property
    def _links(self) -> tuple[dict[str, list[Link]], dict[str, list[Link]]]:
        claims = self.debate.claims
        answers: dict[str, list[Link]] = {c: [] for c in claims}
        answered_by: dict[str, list[Link]] = {c: [] for c in claims}
        for source, target, kind in dict.fromkeys(
            (r.source, r.target, r.kind) for r in self.debate.relations
        ):
            answers[source].append(Link(target, kind))
            answered_by[target].append(Link(source, kind))
        order = self.order
        for table in (answers, answered_by):
            for links in table.values():
                links.sort(key=lambda link: order[link.id])
        return answers, answered_by

    @property
    def answers(self) -> Mapping[str, list[Link]]:
        """What each claim answers, each relation once, in the order of the file."""
        return self._links[0]

    @property
    def answered_by(self) -> Mapping[str, list[Link]]:
        """What answers each claim, each relation once, in the order of the file."""
        return self._links[1]

    @cached_property
    def ordered_relations(self) -> tuple[Relation, ...]:
        """The relations ordered by the claims they join (answering claim, then answered claim,
        in the order of the file), so that exports depend on what the debate says, not on the
        order in which its relations happen to be listed."""
        order, end = self.order, len(self.order)
        return tuple(
            sorted(
                self.debate.relations,
                key=lambda r: (order.get(r.source, end), order.get(r.target, end)),
            )
        )

    @cached_property
    def unclassified(self) -> tuple[Relation, ...]:
        """The replies that do not yet say how they answer (`answers:`, `replies:`), in the
        order of `ordered_relations`. While there are any, every status is provisional."""
        return tuple(r for r in self.ordered_relations if r.kind is RelationKind.ANSWERS)

    @cached_property
    def relation_counts(self) -> Mapping[RelationKind, int]:
        """How many relations of each kind the file states."""
        kinds = [r.kind for r in self.debate.relations]
        return {k: kinds.count(k) for k in RelationKind}

    # --- what went unanswered, what is contested ------------------------------------------------

    @cached_property
    def unanswered(self) -> tuple[Unanswered, ...]:
        """The claims nothing rebuts or undercuts, each with its role, in the order of the file."""
        return tuple(analyze.unanswered(self.debate))

    @cached_property
    def unanswered_ids(self) -> frozenset[str]:
        return frozenset(u.id for u in self.unanswered)

    @cached_property
    def unsupported(self) -> tuple[str, ...]:
        """Claims that cite nothing and that no claim supports."""
        return tuple(analyze.unsupported(self.debate))

    @cached_property
    def contested(self) -> tuple[Contested, ...]:
        """Claims that drew rebuttals or undercuts, most first (ties in file order), each with
        its attackers as the relations list them (see `analyze.contested`)."""
        return tuple(analyze.contested(self.debate, self.labelling.attackers))

    @cached_property
    def exchanges(self) -> tuple[tuple[str, ...], ...]:
        """Every chain of rebuttals worth listing, longest first (see `analyze.exchanges`)."""
        found = analyze.exchanges(self.debate, limit=len(self.debate.claims))
        return tuple(tuple(chain) for chain in found)

    # --- when each claim was made --------------------------------------------------------------

    @cached_property
    def arrivals(self) -> Mapping[str, Arrival]:
        """When each claim counts as made, in the order the claims arrived (`analyze.times`)."""
        return analyze.arrivals(self.debate)

    @cached_property
    def timeline(self) -> tuple[Step, ...]:
        """The debate replayed in time order: each claim's arrival, its status then and every
        status it changed, labelled incrementally (`analyze.replay`). The last step leaves
        every claim with its status in `status`."""
        arrivals = self.arrivals
        place = {c: i for i, c in enumerate(arrivals)}
        arriving: list[list[Relation]] = [[] for _ in place]
        for r in self.ordered_relations:
            arriving[max(place[r.source], place[r.target])].append(r)
        steps = analyze.replay(self.labelling.attackers, list(arrivals))
        return tuple(
            Step(
                claim=c,
                at=a.at,
                timed=a.timed,
                day=a.day,
                status=status,
                relations=tuple(arriving[i]),
                changes=tuple(Change(*change) for change in changes),
            )
            for i, ((c, a), (status, changes)) in enumerate(
                zip(arrivals.items(), steps, strict=True)
            )
        )

    # --- who argued what, what cites what -------------------------------------------------------

    @cached_property
    def speakers(self) -> tuple[SpeakerStats, ...]:
        return tuple(analyze.speakers(self.debate, self.labelling, self.unanswered_ids))

    @cached_property
    def sources(self) -> tuple[SourceUse, ...]:
        return tuple(analyze.sources(self.debate, self.labelling))


def analyse(debate: Debate | Analysis) -> Analysis:
    """The facts of `debate`, each worked out once, when a view first asks for it. Given an
    `Analysis`, returns it: a view called with either a debate or its analysis reads the same
    object, and a command analyses its debate once however many views it shows."""
    return debate if isinstance(debate, Analysis) else Analysis(debate)
