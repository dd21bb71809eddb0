"""How strong each claim is: gradual semantics, which give every claim a number in [0, 1] from
a base score and the strengths of what attacks it (rebuts, undercuts) and supports it, beside
its grounded status, never instead of it (docs/analysis.md, "Strength").

Three semantics, each written as its two parts (Mossakowski and Neuhaus's modular form): how
the strengths of the attackers and of the supporters are *aggregated*, and how the aggregate
moves the base score (*influence*):

- `df-quad` (Rago, Toni, Aurisicchio and Baroni, KR 2016), the default;
- `quadratic-energy` (Potyka, KR 2018);
- `h-categorizer` (Besnard and Hunter 2001; weighted, Amgoud, Ben-Naim, Doder and Vesic 2017),
  which reads attacks alone.

A debate without cycles is worked out in one pass, each claim after everything that answers
it. What hangs in a cycle is worked out one strongly connected part at a time, each after the
parts it depends on, by integrating the continuous model ds/dt = f(s) - s (Potyka 2018) with
Euler's method: s <- s + step * (f(s) - s), from the base scores, until no claim moves by more
than `tolerance`. Its fixed points are those of the semantics; with `step=1` it is the plain
discrete iteration, which can oscillate for ever (a rebuts b, b rebuts a, under DF-QuAD). A part
that does not settle within the bounds is reported, with every claim that depends on it: their
strength is `None`, never a number that has not converged.

>>> s = strength({"a": 0.5, "b": 0.5, "c": 0.5}, {"a": ["b"]}, {"a": ["c"]})
>>> s.strength["a"], s.converged
(0.5, True)
>>> s = strength({"a": 0.5, "b": 0.8}, {"a": ["b"]}, {})
>>> round(s.strength["a"], 3), s.contributions["a"]
(0.1, (Contribution(id='b', kind='attack', change=-0.4),))
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property
from typing import NamedTuple

from argmap.analyze.fixpoint import settle
from argmap.analyze.semantics import paused_collector


class Semantics(StrEnum):
    DF_QUAD = "df-quad"
    QUADRATIC_ENERGY = "quadratic-energy"
    H_CATEGORIZER = "h-categorizer"


DEFAULT = Semantics.DF_QUAD
TOLERANCE = 1e-9  # a part has converged when no claim in it would move by more than this
STEP = 0.5  # the Euler step; halved whenever the largest move grows
MAX_ITERATIONS = 10_000  # steps for one strongly connected part
# Claim updates for all the cyclic parts of one debate together: a bound on work, not on time,
# so the same debate gets the same answer on every machine. It stands for about a second.
MAX_UPDATES = 1_000_000


class Contribution(NamedTuple):
    """How much one attacker or supporter moved a claim's strength: the claim's strength minus
    what it would be without that one relation, every other strength held as it is."""

    id: str
    kind: str  # "attack" or "support"
    change: float  # negative for an attack, positive for a support (or zero)


Numbered = list[list[int]]


@dataclass(frozen=True, eq=False)
class Strengths:
    """The strengths of one debate under one semantics, keyed by claim id in the order given.

    `strength[c]` is `None` for a claim in `unconverged`: it is in, or depends on, a cycle
    that did not settle within the bounds.
    """

    semantics: Semantics
    ids: Sequence[str]
    base_scores: Sequence[float]
    values: Sequence[float | None]
    attacker_numbers: Numbered  # each claim's attackers, by number, each once
    supporter_numbers: Numbered
    unconverged_numbers: Sequence[int]
    iterations: int  # the most steps any cyclic part took (0 without cycles)
    cyclic: int  # how many claims sit in a cycle

    @cached_property
    def strength(self) -> dict[str, float | None]:
        return dict(zip(self.ids, self.values, strict=True))

    @cached_property
    def base(self) -> dict[str, float]:
        return dict(zip(self.ids, self.base_scores, strict=True))

    @cached_property
    def unconverged(self) -> tuple[str, ...]:
        """The claims without a strength, in order."""
        ids = self.ids
        return tuple(ids[i] for i in sorted(self.unconverged_numbers))

    @property
    def converged(self) -> bool:
        return not self.unconverged_numbers

    @cached_property
    def attackers(self) -> dict[str, tuple[str, ...]]:
        ids = self.ids
        return {
            c: tuple(ids[a] for a in n) for c, n in zip(ids, self.attacker_numbers, strict=True)
        }

    @cached_property
    def supporters(self) -> dict[str, tuple[str, ...]]:
        ids = self.ids
        return {
            c: tuple(ids[a] for a in n) for c, n in zip(ids, self.supporter_numbers, strict=True)
        }

    @cached_property
    def ranking(self) -> tuple[str, ...]:
        """The claims with a strength, strongest first; equal strengths in the order given.

        >>> strength({"a": 0.5, "b": 0.8, "c": 0.5}, {}, {}).ranking
        ('b', 'a', 'c')
        """
        values = self.values
        found = [i for i, v in enumerate(values) if v is not None]
        found.sort(key=lambda i: -_known(values[i]))  # stable: ties keep the order given
        ids = self.ids
        return tuple(ids[i] for i in found)

    def extremes(self, n: int | None = None) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The `n` strongest claims, strongest first, and the `n` weakest, weakest first (equal
        strengths in the order given; `None`: no limit). The strongest are at most the stronger
        half (the middle claim with them); the weakest are only claims weaker than every one
        of the strongest, so no claim is in both and a tie is never split between the two.

        >>> s = strength({"a": 0.5, "b": 0.8, "c": 0.1, "d": 0.5, "e": 0.9}, {}, {})
        >>> s.extremes(2), s.extremes(3), s.extremes()
        ((('e', 'b'), ('c', 'a')), (('e', 'b', 'a'), ('c',)), (('e', 'b', 'a'), ('c',)))
        >>> strength({"a": 0.5, "b": 0.5}, {}, {}).extremes(5)
        (('a',), ())
        """
        ranking = self.ranking
        half = (len(ranking) + 1) // 2
        strongest = ranking[: half if n is None else min(n, half)]
        if not strongest:
            return (), ()
        strength = self.strength
        floor = _known(strength[strongest[-1]])
        position = {c: i for i, c in enumerate(self.ids)}
        rest = [c for c in ranking[len(strongest) :] if _known(strength[c]) < floor]
        weakest = sorted(rest, key=lambda c: (_known(strength[c]), position[c]))
        return strongest, tuple(weakest if n is None else weakest[:n])

    @cached_property
    def contributions(self) -> dict[str, tuple[Contribution, ...]]:
        """For each claim with a strength, what each attacker and supporter changed, largest
        change first (ties in order of the claims); see `Contribution`."""
        ids, values, base = self.ids, self.values, self.base_scores
        influence = _INFLUENCE[self.semantics]
        out: dict[str, tuple[Contribution, ...]] = {}
        for i, c in enumerate(ids):
            v = values[i]
            if v is None:
                continue
            att = [(a, _known(values[a])) for a in self.attacker_numbers[i]]
            sup = [(b, _known(values[b])) for b in self.supporter_numbers[i]]
            if self.semantics is Semantics.H_CATEGORIZER:
                sup = []  # h-categorizer reads attacks alone
            found = [
                (a, "attack", v - without)
                for (a, _), without in zip(
                    att, _without(influence, base[i], att, sup, 0), strict=True
                )
            ]
            found += [
                (b, "support", v - without)
                for (b, _), without in zip(
                    sup, _without(influence, base[i], att, sup, 1), strict=True
                )
            ]
            found.sort(key=lambda x: (-abs(x[2]), x[0]))
            out[c] = tuple(Contribution(ids[n], kind, change) for n, kind, change in found)
        return out


def _known(v: float | None) -> float:
    assert v is not None  # a claim with a strength has only attackers and supporters with one
    return v


# --- the semantics, in modular form ---------------------------------------------------------------
#
# Each is an influence function of the base score w, the aggregate of the attackers' strengths
# and that of the supporters'. DF-QuAD aggregates by the product of (1 - s) (its probabilistic
# sum is 1 minus that), the others by the sum of s.


def _df_quad(w: float, att: float, sup: float) -> float:
    # att and sup are products of (1 - s): va = 1 - att, vs = 1 - sup, so va - vs = sup - att.
    d = sup - att
    return w - w * d if d >= 0 else w - (1.0 - w) * d


def _quadratic_energy(w: float, att: float, sup: float) -> float:
    e = sup - att
    if e > 0:
        return w + (1.0 - w) * (e * e / (1.0 + e * e))
    if e < 0:
        return w - w * (e * e / (1.0 + e * e))
    return w


def _h_categorizer(w: float, att: float, sup: float) -> float:
    return w / (1.0 + att)


_INFLUENCE: dict[Semantics, Callable[[float, float, float], float]] = {
    Semantics.DF_QUAD: _df_quad,
    Semantics.QUADRATIC_ENERGY: _quadratic_energy,
    Semantics.H_CATEGORIZER: _h_categorizer,
}


def _aggregate(influence: Callable[[float, float, float], float], values: Sequence[float]) -> float:
    if influence is _df_quad:
        p = 1.0
        for v in values:
            p *= 1.0 - v
        return p
    return sum(values)


def _without(
    influence: Callable[[float, float, float], float],
    w: float,
    att: Sequence[tuple[int, float]],
    sup: Sequence[tuple[int, float]],
    side: int,
) -> list[float]:
    """The claim's value with each relation of one side (0 attacks, 1 supports) left out in
    turn, in time linear in the number of relations (prefix and suffix aggregates)."""
    sides = ([v for _, v in att], [v for _, v in sup])
    mine, other = sides[side], _aggregate(influence, sides[1 - side])
    n = len(mine)
    df = influence is _df_quad
    prefix = [1.0 if df else 0.0] * (n + 1)
    suffix = [1.0 if df else 0.0] * (n + 1)
    for k in range(n):
        prefix[k + 1] = prefix[k] * (1.0 - mine[k]) if df else prefix[k] + mine[k]
    for k in range(n - 1, -1, -1):
        suffix[k] = suffix[k + 1] * (1.0 - mine[k]) if df else suffix[k + 1] + mine[k]
    rest = [prefix[k] * suffix[k + 1] if df else prefix[k] + suffix[k + 1] for k in range(n)]
    if side == 0:
        return [influence(w, r, other) for r in rest]
    return [influence(w, other, r) for r in rest]


def _update(
    semantics: Semantics, base: Sequence[float], att: Numbered, sup: Numbered, s: list[float]
) -> Callable[[int], float]:
    """f(s) for one claim, written out per semantics: this runs for every claim of the debate."""
    if semantics is Semantics.DF_QUAD:

        def df_quad(i: int) -> float:
            pa = ps = 1.0
            for a in att[i]:
                pa *= 1.0 - s[a]
            for b in sup[i]:
                ps *= 1.0 - s[b]
            w, d = base[i], ps - pa
            return w - w * d if d >= 0 else w - (1.0 - w) * d

        return df_quad
    if semantics is Semantics.QUADRATIC_ENERGY:

        def energy(i: int) -> float:
            e = 0.0
            for b in sup[i]:
                e += s[b]
            for a in att[i]:
                e -= s[a]
            w = base[i]
            if e > 0:
                return w + (1.0 - w) * (e * e / (1.0 + e * e))
            if e < 0:
                return w - w * (e * e / (1.0 + e * e))
            return w

        return energy

    def h_categorizer(i: int) -> float:
        total = 0.0
        for a in att[i]:
            total += s[a]
        return base[i] / (1.0 + total)

    return h_categorizer


# --- working it out -----------------------------------------------------------------------------


def strength(
    base: Mapping[str, float],
    attackers: Mapping[str, Sequence[str]],
    supporters: Mapping[str, Sequence[str]],
    semantics: Semantics | str = DEFAULT,
    **bounds: float,
) -> Strengths:
    """The strength of every claim of `base` (its keys, in order, with their base scores), from
    what attacks and supports each; `bounds` are those of `solve`.

    >>> s = strength({"a": 1.0, "b": 1.0}, {"a": ["b"], "b": ["a"]}, {}, "h-categorizer")
    >>> round(s.strength["a"], 6), s.cyclic  # (sqrt(5) - 1) / 2
    (0.618034, 2)
    """
    ids = list(base)
    index = {c: i for i, c in enumerate(ids)}
    att = [_once([index[a] for a in attackers.get(c, ())]) for c in ids]
    sup = [_once([index[a] for a in supporters.get(c, ())]) for c in ids]
    return solve(ids, [float(base[c]) for c in ids], att, sup, semantics, **bounds)


def _once(found: list[int]) -> list[int]:
    return list(dict.fromkeys(found)) if len(found) > 1 else found


def solve(
    ids: Sequence[str],
    base: Sequence[float],
    att: Numbered,
    sup: Numbered,
    semantics: Semantics | str = DEFAULT,
    tolerance: float = TOLERANCE,
    max_iterations: float = MAX_ITERATIONS,
    max_updates: float = MAX_UPDATES,
    step: float = STEP,
) -> Strengths:
    """`strength` on numbered claims: `att[i]` and `sup[i]` list the numbers of claim i's
    attackers and supporters, each once. This is the fast path (lists, not dicts)."""
    semantics = Semantics(semantics)
    n = len(ids)
    with paused_collector():
        reads_supports = semantics is not Semantics.H_CATEGORIZER  # h-categorizer: attacks alone
        s: list[float] = list(base)
        f = _update(semantics, base, att, sup, s)
        children: Numbered = [[] for _ in range(n)]
        for i, ps in enumerate(att):
            for p in ps:
                children[p].append(i)
        if reads_supports and any(sup):
            for i, ps in enumerate(sup):
                for p in ps:
                    children[p].append(i)
            left = [len(a) + len(b) for a, b in zip(att, sup, strict=True)]
        else:
            left = [len(a) for a in att]
        # One pass in topological order (Kahn): each claim once everything that answers it is.
        queue = [i for i, k in enumerate(left) if not k]
        answered = left[:]  # a claim nothing answers keeps its base score: no need to ask f
        append = queue.append
        for i in queue:
            if answered[i]:
                s[i] = f(i)
            for c in children[i]:
                left[c] -= 1
                if not left[c]:
                    append(c)
        values: list[float | None] = list(s)
        unconverged: list[int] = []
        iterations = cyclic = 0
        if len(queue) < n:
            rest = [i for i in range(n) if left[i]]
            parents = [a + b for a, b in zip(att, sup, strict=True)] if reads_supports else att
            iterations, cyclic = settle(
                rest, parents, s, values, f, unconverged, tolerance, max_iterations,
                max_updates, step,
            )  # fmt: skip
    return Strengths(semantics, ids, base, values, att, sup, unconverged, iterations, cyclic)
