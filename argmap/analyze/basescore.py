"""Base scores, where every strength starts (docs/analysis.md, "Base scores"): the `weight:`
a person mapping the debate gave a claim, 0.5 otherwise; or, with `base="votes"`, the votes a
thread import recorded (`score:`), made a number in (0, 1) by a logistic of the score relative
to the thread's median. `strength_of` reads them and works out the strengths."""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable, Mapping, Sequence
from enum import StrEnum

from argmap.analyze.graphs import Edge, Graph, claims_of
from argmap.analyze.semantics import paused_collector
from argmap.analyze.strength import DEFAULT, Semantics, Strengths, solve
from argmap.model import Debate, Relation, RelationKind

NEUTRAL = 0.5  # the base score of a claim nothing is known about


class Base(StrEnum):
    WEIGHTS = "weights"  # `weight:`, else 0.5
    VOTES = "votes"  # `weight:`, else from `score:`, else 0.5


def from_votes(scores: Mapping[str, int]) -> dict[str, float]:
    """Base scores from votes: 1 / (1 + exp(-(score - median) / spread)), where the median and
    the spread (the median absolute deviation, at least 1) are those of the scores given.

    A claim with the thread's median score gets 0.5; one a spread above it 0.73, two above
    0.88, two below 0.12. Here the median is 4 and the spread 2:

    >>> {c: round(w, 3) for c, w in from_votes({"a": 1, "b": 3, "c": 5, "d": 9}).items()}
    {'a': 0.182, 'b': 0.378, 'c': 0.622, 'd': 0.924}
    """
    if not scores:
        return {}
    # As floats, within a range where their differences stay finite: a file may say 10**400.
    clamped = {c: float(max(-1e300, min(1e300, v))) for c, v in scores.items()}
    median = statistics.median(clamped.values())
    spread = max(1.0, statistics.median(abs(v - median) for v in clamped.values()))
    return {c: _logistic((v - median) / spread) for c, v in clamped.items()}


def _logistic(x: float) -> float:
    if x < -700:  # exp would overflow; the answer is 0 to double precision
        return 0.0
    if x > 700:
        return 1.0
    return 1.0 / (1.0 + math.exp(-x))


def base_scores(
    ids: Sequence[str],
    weights: Mapping[str, float],
    scores: Mapping[str, int],
    base: Base | str = Base.WEIGHTS,
) -> list[float]:
    """Each claim's base score, in the order of `ids`: its weight if it has one; with votes,
    else the score made a base score by `from_votes`; else 0.5.

    >>> base_scores(["a", "b", "c"], {"a": 0.9}, {"a": 1, "b": 7, "c": 7}, "votes")
    [0.9, 0.5, 0.5]
    """
    voted = from_votes(scores) if Base(base) is Base.VOTES else {}
    if not weights and not voted:
        return [NEUTRAL] * len(ids)
    return [weights.get(c, voted.get(c, NEUTRAL)) for c in ids]


def strength_of(
    graph: Graph,
    semantics: Semantics | str = DEFAULT,
    base: Base | str = Base.WEIGHTS,
    **bounds: float,
) -> Strengths:
    """The strength of every claim of a `Debate`, or of a `networkx.DiGraph` whose nodes may
    carry `weight` and `score`, under `semantics`; `bounds` as for `strength.solve`.

    >>> from argmap import loads
    >>> d = loads("title: T\\nclaims:\\n  a: {text: A}\\n  b: {text: B, rebuts: a, weight: 0.8}\\n")
    >>> {c: round(v, 3) for c, v in strength_of(d).strength.items() if v is not None}
    {'a': 0.1, 'b': 0.8}
    """
    with paused_collector():
        if isinstance(graph, Debate):
            ids = list(graph.claims)
            claims = graph.claims.values()
            weights = {c.id: c.weight for c in claims if c.weight is not None}
            scores = {c.id: c.score for c in claims if c.score is not None}
            relations: Iterable[Edge | Relation] = graph.relations
        else:
            found = claims_of(graph)
            ids = found.ids
            nodes = graph.nodes
            weights = {c: float(nodes[c]["weight"]) for c in ids if "weight" in nodes[c]}
            scores = {c: int(nodes[c]["score"]) for c in ids if "score" in nodes[c]}
            relations = found.relations
        index = {c: i for i, c in enumerate(ids)}
        att: list[list[int]] = [[] for _ in ids]
        sup: list[list[int]] = [[] for _ in ids]
        rebuts, undercuts, supports = (
            RelationKind.REBUTS,
            RelationKind.UNDERCUTS,
            RelationKind.SUPPORTS,
        )
        for r in relations:
            kind = r.kind
            if kind is rebuts or kind is undercuts:
                att[index[r.target]].append(index[r.source])
            elif kind is supports:
                sup[index[r.target]].append(index[r.source])
        for table in (att, sup):  # a relation written twice counts once
            for i in [i for i, found_ in enumerate(table) if len(found_) > 1]:
                table[i] = list(dict.fromkeys(table[i]))
        scores_ = base_scores(ids, weights, scores, base)
        return solve(ids, scores_, att, sup, semantics, **bounds)
