from __future__ import annotations

from argmap import loads

TEXT = """\
title: T
url: https://e.org/t
sources:
  s: {title: S, url: "https://e.org/s"}
claims:
  a:
    by: ann
    text: A
    tags: [x]
    rebuttals:
      b:
        by: bo
        text: B
        cites: [{source: s, quote: q}]
  c: {text: C, supports: a, undercuts: b}
"""


def test_graph_has_a_node_per_claim_and_source_and_an_edge_per_relation() -> None:
    g = loads(TEXT, "t.yaml").graph
    assert g.graph == {"title": "T", "url": "https://e.org/t", "file": "t.yaml"}
    assert list(g.nodes(data="kind")) == [
        ("a", "claim"),
        ("b", "claim"),
        ("c", "claim"),
        ("s", "source"),
    ]
    assert list(g.edges(data="kind")) == [
        ("b", "a", "rebuts"),
        ("b", "s", "cites"),
        ("c", "a", "supports"),
        ("c", "b", "undercuts"),
    ]
    assert g.nodes["a"] == {
        "kind": "claim",
        "text": "A",
        "by": "ann",
        "tags": ["x"],
        "note": None,
        "parent": None,
        "line": 6,
    }
    assert g.nodes["s"] == {
        "kind": "source",
        "title": "S",
        "url": "https://e.org/s",
        "author": None,
        "date": None,
        "note": None,
        "inline": False,
        "line": 4,
    }
    assert g.edges["b", "s"] == {"kind": "cites", "quote": "q", "locator": None}
    assert g.nodes["b"]["parent"] == "a"


def test_graph_is_built_once() -> None:
    d = loads(TEXT)
    assert d.graph is d.graph
