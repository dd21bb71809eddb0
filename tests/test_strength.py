"""Strength (argmap.analyze.strength, docs/analysis.md "Strength"): the code against the
definitions, written again here independently and recursively; the properties each semantics
promises, on thousands of random debates; every debate of `debates/`; cycles, and the report of
what did not converge; base scores from `weight:` and from votes; the docs' worked example."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from fractions import Fraction
from functools import cache

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap import load, loads
from argmap.analysis import analyse
from argmap.analyze import Semantics, Strengths, from_votes, strength, strength_of

from .conftest import ROOT

SEMANTICS = list(Semantics)
Relations = dict[str, list[str]]
Drawn = tuple[dict[str, float], Relations, Relations]  # base scores, attackers, supporters


# --- the definitions, written out again -----------------------------------------------------------


def closed_form(
    semantics: Semantics,
    base: Mapping[str, float],
    att: Mapping[str, Sequence[str]],
    sup: Mapping[str, Sequence[str]],
) -> dict[str, float]:
    """The strengths of an acyclic debate, straight from the papers' formulas, by recursion."""

    @cache
    def s(c: str) -> float:
        w = base[c]
        xs = [s(a) for a in att.get(c, ())]
        ys = [s(b) for b in sup.get(c, ())]
        if semantics is Semantics.DF_QUAD:  # Rago et al. 2016
            va = 1 - math.prod(1 - x for x in xs) if xs else 0.0
            vs = 1 - math.prod(1 - y for y in ys) if ys else 0.0
            return w - w * abs(vs - va) if va >= vs else w + (1 - w) * abs(vs - va)
        if semantics is Semantics.QUADRATIC_ENERGY:  # Potyka 2018

            def h(e: float) -> float:
                return max(e, 0) ** 2 / (1 + max(e, 0) ** 2)

            energy = sum(ys) - sum(xs)
            return w - w * h(-energy) + (1 - w) * h(energy)
        return w / (1 + sum(xs))  # h-categorizer, weighted

    return {c: s(c) for c in base}


@st.composite
def dags(draw: st.DrawFn, max_claims: int = 8) -> Drawn:
    """A random acyclic debate: claim i answers only claims before it."""
    n = draw(st.integers(1, max_claims))
    ids = [f"c{i}" for i in range(n)]
    base = {c: draw(st.sampled_from([0.0, 0.1, 0.25, 0.5, 0.7, 0.9, 1.0])) for c in ids}
    att: dict[str, list[str]] = {c: [] for c in ids}
    sup: dict[str, list[str]] = {c: [] for c in ids}
    for i in range(1, n):
        for j in draw(st.sets(st.integers(0, i - 1), max_size=3)):
            (att if draw(st.booleans()) else sup)[ids[j]].append(ids[i])
    order = draw(st.permutations(ids))  # the order of claims must not matter
    return {c: base[c] for c in order}, att, sup


def reach(att: Mapping[str, Sequence[str]], sup: Mapping[str, Sequence[str]], c: str) -> set[str]:
    """The claims `c` can change: itself and everything it attacks or supports, onwards."""
    answers: dict[str, set[str]] = {}
    for table in (att, sup):
        for target, sources in table.items():
            for source in sources:
                answers.setdefault(source, set()).add(target)
    seen, todo = {c}, [c]
    while todo:
        for t in answers.get(todo.pop(), ()):
            if t not in seen:
                seen.add(t)
                todo.append(t)
    return seen


def values(s: Strengths) -> dict[str, float]:
    assert s.converged
    return {c: v for c, v in s.strength.items() if v is not None}


# --- against the definitions ----------------------------------------------------------------------


@pytest.mark.parametrize("semantics", SEMANTICS)
@settings(max_examples=400, deadline=None)
@given(debate=dags())
def test_acyclic_strengths_are_the_closed_form(semantics: Semantics, debate: Drawn) -> None:
    base, att, sup = debate
    got = values(strength(base, att, sup, semantics))
    want = closed_form(semantics, base, att, sup)
    assert got.keys() == want.keys()
    for c in want:
        assert got[c] == pytest.approx(want[c], abs=1e-12), c


@pytest.mark.parametrize("semantics", SEMANTICS)
@settings(max_examples=1000, deadline=None)
@given(debate=dags(), data=st.data())
def test_properties(semantics: Semantics, debate: Drawn, data: st.DataObject) -> None:
    """Bounds, balance, monotonicity, directionality and the sign of contributions."""
    base, att, sup = debate
    before = strength(base, att, sup, semantics)
    s = values(before)
    for c, v in s.items():
        assert 0 <= v <= 1
        xs = [s[a] for a in att[c]]
        ys = [s[b] for b in sup[c]] if semantics is not Semantics.H_CATEGORIZER else []
        if not xs and not ys:  # nothing attacks or supports it: it keeps its base score
            assert v == base[c]
        balanced = (
            math.prod(1 - x for x in xs) == math.prod(1 - y for y in ys)
            if semantics is Semantics.DF_QUAD
            else sum(xs) == sum(ys)
        )
        if balanced:
            assert v == pytest.approx(base[c], abs=1e-12)
        for link in before.contributions[c]:
            assert (link.change <= 1e-15) if link.kind == "attack" else (link.change >= -1e-15)
    # A new claim answering `target`: only what `target` reaches may change, and `target` moves
    # down for an attack, up for a support (or not at all).
    target = data.draw(st.sampled_from(sorted(base)))
    new_base = data.draw(st.sampled_from([0.1, 0.5, 1.0]))
    attack = data.draw(st.booleans())
    att2 = {c: list(a) for c, a in att.items()}
    sup2 = {c: list(b) for c, b in sup.items()}
    (att2 if attack else sup2)[target].append("new")
    after = values(strength({**base, "new": new_base}, att2, sup2, semantics))
    for c in set(base) - reach(att, sup, target):
        assert after[c] == s[c], c
    if attack:
        assert after[target] <= s[target] + 1e-15
    else:
        assert after[target] >= s[target] - 1e-15


@pytest.mark.parametrize("semantics", SEMANTICS)
@settings(max_examples=300, deadline=None)
@given(debate=dags(max_claims=6))
def test_a_contribution_is_the_change_that_removing_the_relation_makes(
    semantics: Semantics, debate: Drawn
) -> None:
    base, att, sup = debate
    s = strength(base, att, sup, semantics)
    for c, links in s.contributions.items():
        for link in links:
            table = att if link.kind == "attack" else sup
            fewer = {**table, c: [x for x in table[c] if x != link.id]}
            a, b = (fewer, sup) if link.kind == "attack" else (att, fewer)
            without = values(strength(base, a, b, semantics))[c]
            assert link.change == pytest.approx(values(s)[c] - without, abs=1e-12)


def test_h_categorizer_ignores_supports() -> None:
    s = strength({"a": 0.5, "b": 0.9}, {}, {"a": ["b"]}, "h-categorizer")
    assert s.strength["a"] == 0.5
    assert s.contributions["a"] == ()


# --- the debates ----------------------------------------------------------------------------------

F = Fraction
# DF-QuAD, every claim at 0.5: exact binary fractions, checked by hand for stored-in-original-form
# in docs/analysis.md.
DEBATES = {
    "lossy-compression.yaml": {
        "lossy-copies": F(19, 32),
        "compression": F(3, 8),
        "magic-compression": F(1, 4),
        "lossy-not-lossless": F(1, 2),
        "bluray-rip": F(1, 2),
        "single-bit-legal": F(1, 2),
        "piracy": F(1, 4),
        "separate-issue": F(1, 2),
    },
    "retrieval-or-concepts.yaml": {
        "derivative": F(20415, 65536),
        "lookup": F(97, 1024),
        "not-lookup": F(415, 512),
        "one-byte": F(1, 2),
        "concepts": F(1, 2),
        "table-lookup": F(33, 256),
        "backprop": F(1, 2),
        "not-recording": F(31, 64),
        "depends-on-data": F(1, 32),
        "not-that-simple": F(7, 8),
        "markov": F(1, 2),
        "human-artists": F(1, 2),
        "ip-perverse": F(1, 2),
        "fair-use": F(1, 2),
    },
    "stored-in-original-form.yaml": {
        "no-copy": F(17, 32),
        "still-wrong": F(1, 4),
        "not-stored-period": F(1, 2),
        "what-function": F(1, 4),
        "how-diffusion-works": F(1, 2),
    },
}


def test_every_debate_has_its_strengths() -> None:
    assert sorted(DEBATES) == sorted(p.name for p in (ROOT / "debates").glob("*.yaml"))


@pytest.mark.parametrize("name", sorted(DEBATES))
def test_debate_strengths(name: str) -> None:
    s = analyse(load(ROOT / "debates" / name)).strength()
    assert s.semantics is Semantics.DF_QUAD and s.converged and s.cyclic == 0
    assert {c: F(v) for c, v in s.strength.items() if v is not None} == DEBATES[name]


@pytest.mark.parametrize("name", sorted(DEBATES))
@pytest.mark.parametrize("semantics", SEMANTICS)
def test_debates_match_the_definitions(name: str, semantics: Semantics) -> None:
    debate = load(ROOT / "debates" / name)
    s = strength_of(debate, semantics)
    want = closed_form(semantics, s.base, s.attackers, s.supporters)
    assert values(s) == pytest.approx(want, abs=1e-12)


def test_the_contributions_of_no_copy() -> None:
    s = analyse(load(ROOT / "debates/stored-in-original-form.yaml")).strength()
    assert [(x.id, x.kind, F(x.change)) for x in s.contributions["no-copy"]] == [
        ("not-stored-period", "support", F(1, 4)),
        ("still-wrong", "attack", F(-3, 32)),
        ("what-function", "attack", F(-3, 32)),
    ]


def test_the_docs_worked_example_is_the_code() -> None:
    text = (ROOT / "docs/analysis.md").read_text(encoding="utf-8")
    section = text[text.index("### A worked example of strength") :]
    rows = re.findall(r"^\| `([\w-]+)` \| ([\d.]+) \| ([\d.]+) \| ([\d.]+) \|$", section, re.M)
    assert len(rows) == 5
    a = analyse(load(ROOT / "debates/stored-in-original-form.yaml"))
    for claim, *shown in rows:
        for semantics, number in zip(SEMANTICS, shown, strict=True):
            decimals = len(number.partition(".")[2])
            value = a.strength(semantics).strength[claim]
            assert value is not None and round(value, decimals) == float(number), (claim, semantics)


def test_the_analysis_works_each_out_once() -> None:
    a = analyse(load(ROOT / "debates/lossy-compression.yaml"))
    assert a.strength() is a.strength("df-quad", "weights")
    assert a.strength("h-categorizer") is not a.strength()


def test_a_networkx_graph_gives_what_its_debate_gives() -> None:
    debate = load(ROOT / "debates/retrieval-or-concepts.yaml")
    g = nx.DiGraph()
    g.add_nodes_from(debate.claims)
    g.add_edges_from((r.source, r.target, {"kind": r.kind.value}) for r in debate.relations)
    for semantics in SEMANTICS:
        assert strength_of(g, semantics).strength == strength_of(debate, semantics).strength


# --- cycles ---------------------------------------------------------------------------------------


def test_h_categorizer_two_cycle_is_the_golden_ratio() -> None:
    # Each is 1 / (1 + the other): x = 1 / (1 + x), x = (sqrt(5) - 1) / 2.
    s = strength({"a": 1.0, "b": 1.0}, {"a": ["b"], "b": ["a"]}, {}, "h-categorizer")
    assert s.strength["a"] == pytest.approx((math.sqrt(5) - 1) / 2, abs=1e-9)
    assert s.cyclic == 2 and s.converged


def test_the_discrete_iteration_oscillates_and_is_reported() -> None:
    # Under DF-QuAD with base scores of 1, a and b rebutting each other: s <- f(s) goes
    # (1, 1), (0, 0), (1, 1), ... for ever; `c`, which a supports, depends on it.
    base = {"a": 1.0, "b": 1.0, "c": 0.5, "d": 0.5}
    att = {"a": ["b"], "b": ["a"]}
    sup = {"c": ["a"]}
    s = strength(base, att, sup, "df-quad", step=1.0, max_iterations=1000)
    assert s.unconverged == ("a", "b", "c")
    assert s.strength == {"a": None, "b": None, "c": None, "d": 0.5}
    assert s.iterations == 1000
    assert "a" not in s.contributions and s.contributions["d"] == ()
    # The continuous model settles: half a step at a time, both meet at 0.5.
    s = strength(base, att, sup, "df-quad")
    assert s.converged and s.strength["a"] == pytest.approx(0.5, abs=1e-9)
    assert s.strength["c"] == pytest.approx(0.75, abs=1e-9)


def test_the_bounds_are_reported() -> None:
    base = {"a": 0.9, "b": 0.8, "c": 0.3}
    att = {"a": ["b"], "b": ["c"], "c": ["a"]}
    for semantics in SEMANTICS:
        assert strength(base, att, {}, semantics).converged
        few = strength(base, att, {}, semantics, max_iterations=2)
        assert few.unconverged == ("a", "b", "c") and few.iterations == 2
        poor = strength(base, att, {}, semantics, max_updates=5)
        assert poor.unconverged == ("a", "b", "c")


@st.composite
def tangles(draw: st.DrawFn) -> Drawn:
    """A random debate with cycles: any claim may answer any other."""
    n = draw(st.integers(2, 7))
    ids = [f"c{i}" for i in range(n)]
    base = {c: draw(st.sampled_from([0.0, 0.2, 0.5, 0.8, 1.0])) for c in ids}
    att: dict[str, list[str]] = {c: [] for c in ids}
    sup: dict[str, list[str]] = {c: [] for c in ids}
    for c in ids:
        for t in draw(st.sets(st.sampled_from(ids), max_size=2)) - {c}:
            (att if draw(st.booleans()) else sup)[t].append(c)
    return base, att, sup


@pytest.mark.parametrize("semantics", SEMANTICS)
@settings(max_examples=300, deadline=None)
@given(debate=tangles())
def test_what_converges_is_a_fixed_point(semantics: Semantics, debate: Drawn) -> None:
    """Every number given satisfies the semantics' own equation; the rest is reported."""
    base, att, sup = debate
    s = strength(base, att, sup, semantics)
    assert set(s.unconverged) == {c for c, v in s.strength.items() if v is None}
    for c, v in s.strength.items():
        if v is None:
            continue
        assert 0 <= v <= 1
        known = {x: s.strength[x] for x in [*att[c], *sup[c]]}
        assert None not in known.values()  # a claim with a number depends only on numbers
        one = closed_form(
            semantics,
            {**{x: float(y) for x, y in known.items() if y is not None}, c: base[c]},
            {c: att[c]},
            {c: sup[c]},
        )
        assert v == pytest.approx(one[c], abs=1e-7)


# --- base scores ----------------------------------------------------------------------------------


def test_weights_are_base_scores() -> None:
    d = loads("title: T\nclaims:\n  a: {text: A, weight: 0.9}\n  b: {text: B, rebuts: a}\n")
    s = analyse(d).strength()
    assert s.base == {"a": 0.9, "b": 0.5}
    assert s.strength["a"] == pytest.approx(0.9 - 0.9 * 0.5)


def test_votes_are_base_scores_by_the_documented_rule() -> None:
    text = (
        "title: T\nclaims:\n  a: {text: A, score: 1}\n  b: {text: B, score: 3, rebuts: a}\n"
        "  c: {text: C, score: 5, weight: 0.2}\n  d: {text: D, score: 9}\n  e: {text: E}\n"
    )
    a = analyse(loads(text))
    assert a.strength().base == {"a": 0.5, "b": 0.5, "c": 0.2, "d": 0.5, "e": 0.5}
    # The median of 1, 3, 5, 9 is 4, the median absolute deviation 2.
    base = a.strength(base="votes").base
    assert base["a"] == pytest.approx(1 / (1 + math.exp(1.5)))
    assert base["b"] == pytest.approx(1 / (1 + math.exp(0.5)))
    assert base["c"] == 0.2  # a weight wins over votes
    assert base["d"] == pytest.approx(1 / (1 + math.exp(-2.5)))
    assert base["e"] == 0.5  # neither: neutral


def test_votes_all_equal_are_neutral() -> None:
    assert from_votes({"a": 7, "b": 7}) == {"a": 0.5, "b": 0.5}
    assert from_votes({}) == {}
    # Far from the median, a score is 0 or 1 to double precision, and never overflows.
    extreme = from_votes({"a": -(10**400), "b": 0, "c": 0, "d": 0, "e": 10**9})
    assert extreme == {"a": 0.0, "b": 0.5, "c": 0.5, "d": 0.5, "e": 1.0}


# --- published examples ------------------------------------------------------------------------

# Rago, Toni, Aurisicchio and Baroni, "Discontinuity-free decision support with quantitative
# argumentation debates", KR 2016: the e-democracy example, two answers A1 and A2, pros P1-P3
# and cons C1-C4 with their base scores (the structure and scores as nicopotyka/Uncertainpy
# keeps them, examples/gradual/BAG/RagoEtAlEDemocracy.bag). Its DF-QuAD strengths as that
# reference implementation of modular semantics prints them (its notebook
# examples/gradual/gradual_argumentation_examples.ipynb, product aggregation and linear
# influence, which is DF-QuAD): A1 0.862, A2 0.85, P2 0.08, the others their base scores.
E_DEMOCRACY = """\
title: e-democracy
claims:
  A1: {text: A1, weight: 0.5}
  A2: {text: A2, weight: 0.5}
  P1: {text: P1, weight: 0.7, supports: A1}
  P2: {text: P2, weight: 0.5, supports: A1}
  P3: {text: P3, weight: 0.9, supports: A2}
  C1: {text: C1, weight: 0.2, rebuts: A2}
  C2: {text: C2, weight: 0.2, rebuts: P2}
  C3: {text: C3, weight: 0.6, rebuts: P2}
  C4: {text: C4, weight: 0.5, rebuts: P2}
"""

# Potyka, "Continuous dynamical systems for weighted bipolar argumentation", KR 2018: the stock
# example, with a cycle (Buy and Sell attack each other). The reference implementation's run of
# the quadratic energy model (the notebook above: RK4, step 0.1, stopped once a step moves no
# strength by more than 10e-4) prints Buy 0.8208, Sell 0.3635, 1 0.2049, 2 0.8050, 3 0.1658,
# 4 and 5 0.9: a run stopped that early is within a few thousandths of the fixed point, which
# argmap follows to 1e-9, so the two agree to within that.
STOCK = """\
title: stock
claims:
  Buy: {text: Buy, weight: 0.5, rebuts: Sell}
  Sell: {text: Sell, weight: 0.5, rebuts: Buy}
  "1": {text: "1", weight: 0.8, supports: Sell}
  "2": {text: "2", weight: 0.7, supports: Buy, rebuts: "1"}
  "3": {text: "3", weight: 0.3, rebuts: "2"}
  "4": {text: "4", weight: 0.9, rebuts: "3", supports: "2"}
  "5": {text: "5", weight: 0.9, rebuts: "1", supports: Buy}
"""


def test_df_quad_reproduces_the_e_democracy_example_of_rago_et_al_to_three_decimals() -> None:
    got = analyse(loads(E_DEMOCRACY)).strength("df-quad").strength
    assert {c: round(v, 3) for c, v in got.items() if v is not None} == {
        "A1": 0.862,
        "A2": 0.85,
        "P1": 0.7,
        "P2": 0.08,
        "P3": 0.9,
        "C1": 0.2,
        "C2": 0.2,
        "C3": 0.6,
        "C4": 0.5,
    }


def test_the_quadratic_energy_model_agrees_with_the_reference_run_of_the_stock_example() -> None:
    got = analyse(loads(STOCK)).strength("quadratic-energy").strength
    published = {"Buy": 0.8208, "Sell": 0.3635, "1": 0.2049, "2": 0.8050, "3": 0.1658}
    for claim, value in published.items():
        found = got[claim]
        assert found is not None and abs(found - value) < 0.0015, (claim, found)
    assert got["4"] == got["5"] == 0.9  # attacked and supported by nothing
