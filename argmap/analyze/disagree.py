"""Where a claim's strength and its grounded status are at odds, which is where a reader should
look (docs/analysis.md, "When strength and status disagree")."""

from __future__ import annotations

from collections.abc import Mapping

from argmap.analyze.semantics import Status
from argmap.analyze.strength import Strengths

# Where a claim's strength and its grounded status point opposite ways: the middle of the scale,
# the base score of a claim nothing is known about.
MIDDLE = 0.5


def disagreements(strengths: Strengths, status: Mapping[str, Status]) -> tuple[str, ...]:
    """The claims whose strength and grounded status disagree, which is where a reader should
    look: a *standing* claim with a strength below 0.5 (it stands, but what answers it leaves it
    weak) and a *defeated* claim with a strength of 0.5 or more (it fell, but its reasons hold
    it up). The furthest from 0.5 first, ties in the order of `strengths`. Undecided claims and
    claims without a strength never disagree: nothing is claimed of them either way.

    >>> from argmap.analyze.strength import strength
    >>> s = strength({"a": 0.5, "b": 0.5, "c": 0.5, "d": 0.9}, {"a": ["b"]}, {"c": ["d"]})
    >>> disagreements(s, {"a": Status.STANDING, "b": Status.STANDING,
    ...                   "c": Status.DEFEATED, "d": Status.STANDING})
    ('c', 'a')
    """
    found: list[tuple[float, int, str]] = []
    for i, (c, v) in enumerate(zip(strengths.ids, strengths.values, strict=True)):
        if v is None:
            continue
        s = status[c]
        if (s is Status.STANDING and v < MIDDLE) or (s is Status.DEFEATED and v >= MIDDLE):
            found.append((-abs(v - MIDDLE), i, c))
    found.sort()
    return tuple(c for _, _, c in found)
