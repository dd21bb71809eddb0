"""What else a debate says once labelled: what went unanswered or unsupported, what was most
contested, the longest exchanges, and what each speaker and source contributed."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

from argmap.analyze.graphs import Graph, attackers_of, claims_of
from argmap.analyze.semantics import Labelling, Status, label
from argmap.model import Debate, RelationKind


@dataclass(frozen=True, slots=True)
class Unanswered:
    id: str
    by: str | None
    text: str
    # "root": answers nothing; "rebuttal": got the last word; "reason": supports only; "reply":
    # replies without saying how (an unclassified reply), and attacks nothing
    role: str


def unanswered(debate: Graph) -> list[Unanswered]:
    """Claims that nothing rebuts or undercuts, in the order of the file."""
    found = claims_of(debate)
    attacked = {e.target for e in found.relations if e.kind.is_attack}
    answers: dict[str, set[RelationKind]] = {}
    for e in found.relations:
        answers.setdefault(e.source, set()).add(e.kind)
    out = []
    for c in found.ids:
        if c in attacked:
            continue
        kinds = answers.get(c, set())
        if not kinds:
            role = "root"
        elif any(k.is_attack for k in kinds):
            role = "rebuttal"
        else:
            role = "reason" if RelationKind.SUPPORTS in kinds else "reply"
        out.append(Unanswered(c, found.by[c], found.text[c], role))
    return out


def unsupported(debate: Debate) -> list[str]:
    """Claims that cite nothing and that no claim supports."""
    supported = {r.target for r in debate.relations if r.kind is RelationKind.SUPPORTS}
    return [c.id for c in debate.claims.values() if not c.cites and c.id not in supported]


@dataclass(frozen=True, slots=True)
class Contested:
    id: str
    attackers: tuple[str, ...]


def contested(
    debate: Graph, attackers: Mapping[str, Sequence[str]] | None = None
) -> list[Contested]:
    """Claims that drew rebuttals or undercuts, most first (ties in file order); `attackers`
    (as `attackers_of` gives them) are worked out when not given."""
    att = attackers if attackers is not None else attackers_of(debate)
    ranked = sorted((c for c in att if att[c]), key=lambda c: -len(att[c]))
    return [Contested(c, tuple(att[c])) for c in ranked]


def exchanges(debate: Graph, limit: int = 3) -> list[list[str]]:
    """The longest chains of rebuttals, each from the claim first answered to the last word.

    A chain follows rebuttals and undercuts (A, rebutted by B, rebutted by C ...) and never
    repeats a claim: where replies go round in a circle, it stops before coming back. The
    longest come first (ties: a chain starting at a claim that answers nothing, then file
    order), and a chain that lies inside one already listed is left out.
    """
    att = attackers_of(debate)
    order = {c: i for i, c in enumerate(att)}
    # Drop the attacks that close a circle (back edges of a depth-first walk in file order),
    # leaving a DAG in which longest paths are found in linear time.
    kept: dict[str, list[str]] = {c: [] for c in att}
    state: dict[str, int] = {}  # 1: on the walk, 2: done
    post: list[str] = []
    for root in att:
        if root in state:
            continue
        state[root] = 1
        work = [(root, iter(att[root]))]
        while work:
            node, children = work[-1]
            for child in children:
                if child not in state:
                    kept[node].append(child)
                    state[child] = 1
                    work.append((child, iter(att[child])))
                    break
                if state[child] == 2:
                    kept[node].append(child)
            else:
                state[node] = 2
                post.append(node)
                work.pop()
    length: dict[str, int] = {}
    best_next: dict[str, str | None] = {}
    for node in post:  # children finish before their parents
        choice = max(kept[node], key=lambda c: (length[c], -order[c]), default=None)
        best_next[node] = choice
        length[node] = 1 + (length[choice] if choice is not None else 0)
    attacks_something = {a for sources in att.values() for a in sources}
    starts = sorted(
        (c for c in att if length[c] > 1),
        key=lambda c: (-length[c], c in attacks_something, order[c]),
    )
    chains: list[list[str]] = []
    covered: set[str] = set()
    for start in starts:
        if len(chains) == limit:
            break
        if start in covered:  # a chain inside one already chosen says nothing new
            continue
        chain = [start]
        step = best_next[start]
        while step is not None:
            chain.append(step)
            step = best_next[step]
        chains.append(chain)
        covered.update(chain)
    return chains


@dataclass(frozen=True, slots=True)
class SpeakerStats:
    name: str
    claims: int
    rebuttals: int  # claims of theirs that rebut or undercut another
    standing: int
    defeated: int
    undecided: int
    unanswered: int


def speakers(
    debate: Debate,
    labelling: Labelling | None = None,
    unanswered_ids: Collection[str] | None = None,
) -> list[SpeakerStats]:
    """Per speaker, in the order of `speakers:` (or of first appearance); `labelling` and
    `unanswered_ids` are worked out when not given."""
    labelling = labelling or label(debate)
    attacking = {r.source for r in debate.relations if r.kind.is_attack}
    if unanswered_ids is None:
        unanswered_ids = {u.id for u in unanswered(debate)}
    by_speaker: dict[str, list[str]] = {name: [] for name in debate.speakers}
    for c in debate.claims.values():  # one pass, not one per speaker
        if c.by in by_speaker:
            by_speaker[c.by].append(c.id)
    out = []
    for name, mine in by_speaker.items():
        count = {s: sum(labelling.status[c] is s for c in mine) for s in Status}
        out.append(
            SpeakerStats(
                name=name,
                claims=len(mine),
                rebuttals=sum(c in attacking for c in mine),
                standing=count[Status.STANDING],
                defeated=count[Status.DEFEATED],
                undecided=count[Status.UNDECIDED],
                unanswered=sum(c in unanswered_ids for c in mine),
            )
        )
    return out


@dataclass(frozen=True, slots=True)
class SourceUse:
    id: str
    title: str | None
    url: str | None
    cited_by: tuple[str, ...]
    standing: int  # how many standing claims cite it


def sources(debate: Debate, labelling: Labelling | None = None) -> list[SourceUse]:
    """Every source, with the claims that cite it and how many of those stand."""
    labelling = labelling or label(debate)
    cited: dict[str, dict[str, None]] = {s: {} for s in debate.sources}  # ordered sets
    for c in debate.claims.values():
        for cite in c.cites:
            cited[cite.source][c.id] = None
    return [
        SourceUse(
            s.id,
            s.title,
            s.url,
            tuple(cited[s.id]),
            sum(labelling.status[c] is Status.STANDING for c in cited[s.id]),
        )
        for s in debate.sources.values()
    ]
