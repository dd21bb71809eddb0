"""The analysed debate: each fact once, the same whether read from a `Debate` or from a
networkx graph, and what the views read."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import networkx as nx
import pytest

from argmap import load, loads
from argmap.analysis import Analysis, Link, Why, analyse
from argmap.analyze import Status, contested, exchanges, label, unanswered
from argmap.model import RelationKind

from .conftest import ROOT

DEBATES = sorted((ROOT / "debates").glob("*.yaml"))

# b and c rebut a; c rebuts a twice over (a rebuttal and an undercut); d supports c; e and f
# rebut each other.
SMALL = """title: T
claims:
  a: {text: A}
  b: {text: B, rebuts: a}
  c: {text: C, rebuts: a, undercuts: b}
  d: {text: D, supports: c}
  e: {text: E, rebuts: f}
  f: {text: F, rebuts: e}
"""


def test_the_facts_of_a_small_debate() -> None:
    a = analyse(loads(SMALL))
    assert {c: s.value for c, s in a.status.items()} == {
        "a": "defeated",
        "b": "defeated",
        "c": "standing",
        "d": "standing",
        "e": "undecided",
        "f": "undecided",
    }
    assert a.why == {
        "a": Why.HAS_STANDING_ATTACKER,
        "b": Why.HAS_STANDING_ATTACKER,
        "c": Why.NO_ATTACKERS,
        "d": Why.NO_ATTACKERS,
        "e": Why.UNDECIDED,
        "f": Why.UNDECIDED,
    }
    assert a.attackers["a"] == ("b", "c") and a.defeaters["a"] == ("c",)
    assert a.defeaters["e"] == () and a.attackers["e"] == ("f",)
    assert a.answers["c"] == [Link("a", RelationKind.REBUTS), Link("b", RelationKind.UNDERCUTS)]
    assert a.answered_by["c"] == [Link("d", RelationKind.SUPPORTS)]
    assert [(u.id, u.role) for u in a.unanswered] == [("c", "rebuttal"), ("d", "reason")]
    assert a.unanswered_ids == {"c", "d"}
    assert [(c.id, c.attackers) for c in a.contested] == [
        ("a", ("b", "c")),
        ("b", ("c",)),
        ("e", ("f",)),
        ("f", ("e",)),
    ]
    assert a.relation_counts == {
        RelationKind.REBUTS: 4,
        RelationKind.SUPPORTS: 1,
        RelationKind.UNDERCUTS: 1,
        RelationKind.ANSWERS: 0,
    }
    assert list(a.acceptance) == ["e", "f"]


def test_analyse_gives_back_an_analysis_it_is_given() -> None:
    a = analyse(loads(SMALL))
    assert analyse(a) is a


def test_a_labelling_given_is_the_one_shown() -> None:
    d = loads(SMALL)
    every = label(d)
    every.status["c"] = Status.UNDECIDED
    assert Analysis(d, every).status["c"] is Status.UNDECIDED


def test_relations_in_order_follow_the_claims_not_the_list() -> None:
    d = loads(SMALL)
    shuffled = analyse(dataclasses.replace(d, relations=tuple(reversed(d.relations))))
    assert shuffled.ordered_relations == analyse(d).ordered_relations
    assert [(r.source, r.target) for r in analyse(d).ordered_relations] == [
        ("b", "a"),
        ("c", "a"),
        ("c", "b"),
        ("d", "c"),
        ("e", "f"),
        ("f", "e"),
    ]


@pytest.mark.parametrize("path", DEBATES, ids=lambda p: p.name)
def test_a_networkx_graph_gives_the_same_answers_as_the_debate(path: Path) -> None:
    d = load(path)
    graph = d.graph  # sources are nodes too, and citations edges: both are left out
    assert label(graph).status == label(d).status
    assert unanswered(graph) == unanswered(d)
    assert contested(graph) == contested(d)
    assert exchanges(graph) == exchanges(d)


def test_a_graph_from_anywhere() -> None:
    g = nx.DiGraph()
    g.add_edge("reply", "claim", kind="rebuts")
    g.add_edge("reason", "reply", kind="supports")
    g.add_edge("last", "reply", kind="undercuts")
    assert {c: s.value for c, s in label(g).status.items()} == {
        "reply": "defeated",
        "claim": "standing",
        "reason": "standing",
        "last": "standing",
    }
    # `claim` is rebutted (by a claim that falls), so only two went unanswered.
    assert [(u.id, u.role) for u in unanswered(g)] == [("reason", "reason"), ("last", "rebuttal")]
