"""One look: every format shows a status, a relation and a source in the colours of
`argmap.look`, in each theme. Each format is read back from its own output, not from the
tables the renderers use."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from argmap import loads
from argmap.analysis import analyse
from argmap.analyze import Status
from argmap.convert.gexf import write_gexf
from argmap.convert.graphml import write_graphml
from argmap.diagram import DiagramOptions
from argmap.look import BORDER, EDGES, SYMBOL, THEMES, mark
from argmap.render.dot import to_dot
from argmap.render.html import colour_variables, dark_rules
from argmap.render.mermaid import to_mermaid

# Every status (a and b rebut each other: undecided), every relation (an unclassified reply
# too), a citation.
DEBATE = loads(
    """title: T
sources:
  s: {title: S}
claims:
  top: {text: Top}
  win: {text: Win, rebuts: top, cites: [s]}
  back: {text: Back, supports: win}
  cut: {text: Cut, undercuts: back}
  a: {text: A, rebuts: b}
  b: {text: B, rebuts: a}
  reply: {text: Reply, answers: top}
"""
)
STATUS_OF = {"top": Status.DEFEATED, "win": Status.STANDING, "a": Status.UNDECIDED}


def test_the_debate_shows_every_status() -> None:
    status = analyse(DEBATE).status
    assert {c: status[c] for c in STATUS_OF} == STATUS_OF


@pytest.mark.parametrize("theme", sorted(THEMES))
def test_dot_draws_each_status_relation_and_source_in_the_theme(theme: str) -> None:
    look = THEMES[theme]
    dot = to_dot(DEBATE, DiagramOptions(theme=theme, sources=True))
    for claim, status in STATUS_OF.items():
        [node] = [line for line in dot.splitlines() if line.startswith(f'  "{claim}" [id=')]
        assert f'color="{look.status[status][0]}"' in node
        assert f'fillcolor="{look.status[status][1]}"' in node
        assert f"rounded,filled,{BORDER[status]}" in node
        assert mark(status) in node
    for kind in EDGES:
        edges = re.findall(rf'class="{kind}", style=(\w+), arrowhead=\w+, color="([^"]+)"', dot)
        assert edges and set(edges) == {(EDGES[kind].line, look.edge[kind])}, kind
    [source] = [line for line in dot.splitlines() if line.startswith('  "s" [id=')]
    assert f'color="{look.source[0]}", fillcolor="{look.source[1]}"' in source
    assert f'bgcolor="{look.background}"' in dot


@pytest.mark.parametrize("theme", sorted(THEMES))
def test_mermaid_draws_each_status_relation_and_source_in_the_theme(theme: str) -> None:
    look = THEMES[theme]
    text = to_mermaid(DEBATE, DiagramOptions(theme=theme, sources=True))
    defs = dict(re.findall(r"^    classDef (\w+) (.*);$", text, re.MULTILINE))
    for status in Status:
        border, fill = look.status[status]
        assert defs[status.value].startswith(f"fill:{fill},stroke:{border}")
        assert defs[status.value].endswith(f"color:{look.text}")
    assert defs["source"] == f"fill:{look.source[1]},stroke:{look.source[0]},color:{look.text}"
    # Mermaid numbers links in the order they are written: a kind between bars, or a claim's
    # plain line to its own reasoning.
    arrows = re.findall(r"^    \S+ (?:\S+\|(\w+)\||---) \S+$", text, re.MULTILINE)
    kinds = [kind or "reasoning" for kind in arrows]
    assert set(kinds) == {*EDGES, "reasoning"}
    styles = re.findall(r"^    linkStyle ([\d,]+) stroke:([^,]+),", text, re.MULTILINE)
    colour_of = {int(i): colour for found, colour in styles for i in found.split(",")}
    assert colour_of == {
        i: look.muted if kind == "reasoning" else look.edge[kind] for i, kind in enumerate(kinds)
    }


def test_graphml_and_gexf_use_the_light_theme() -> None:
    look = THEMES["light"]
    y = "{http://www.yworks.com/xml/graphml}"
    graphml = ET.fromstring(write_graphml(DEBATE))
    nodes = {n.get("id"): n for n in graphml.iter("{http://graphml.graphdrawing.org/xmlns}node")}
    for claim, status in STATUS_OF.items():
        shape = nodes[claim].find(f".//{y}ShapeNode")
        assert shape is not None
        fill, border = shape.find(f"{y}Fill"), shape.find(f"{y}BorderStyle")
        assert fill is not None and border is not None
        assert (border.get("color"), fill.get("color")) == look.status[status]
        label = shape.find(f"{y}NodeLabel")
        assert label is not None and f"{SYMBOL[status]} {status.value}" in (label.text or "")
    lines = {
        e.get("color")
        for e in graphml.iter(f"{y}LineStyle")  # every edge: the four kinds, in the look's colours
    }
    assert lines == set(look.edge.values())
    gexf = write_gexf(DEBATE).decode()
    for status in Status:
        colour = look.status[status][1]
        r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
        assert f'<viz:color r="{r}" g="{g}" b="{b}"/>' in gexf


def test_the_page_takes_its_colours_from_the_themes() -> None:
    css = colour_variables()
    light, dark = css.split("@media (prefers-color-scheme: dark)")
    for look, part in ((THEMES["light"], light), (THEMES["dark"], dark)):
        for status in Status:
            assert f"--{status.value}: {look.status_text[status].lower()};" in part
        assert f"--bg: {look.background.lower()};" in part
        assert f"--panel: {look.panel.lower()};" in part
    rules = dark_rules()
    for status in Status:
        before, after = THEMES["light"].status[status], THEMES["dark"].status[status]
        for old, new in zip(before, after, strict=True):
            assert f'[fill="{old.lower()}"] {{ fill: {new}; }}' in rules
