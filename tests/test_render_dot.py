"""DOT text and the images Graphviz draws from it (CI installs Graphviz; nothing is skipped)."""

from __future__ import annotations

import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from argmap import load, loads
from argmap.analysis import analyse
from argmap.analyze import label
from argmap.diagram import DiagramError, DiagramOptions, select
from argmap.render.dot import to_dot
from argmap.render.image import render_image

from .conftest import DEBATES, ROOT

SVG = "{http://www.w3.org/2000/svg}"
GOLDEN = ROOT / "tests/data/golden"


def svg_classes(svg: bytes) -> dict[str, set[str]]:
    """SVG element id -> its classes, for the groups Graphviz made of nodes."""
    root = ET.fromstring(svg)
    return {
        g.attrib["id"]: set(g.attrib.get("class", "").split())
        for g in root.iter(f"{SVG}g")
        if "node" in g.attrib.get("class", "").split()
    }


def test_golden_dot_for_a_small_debate() -> None:
    d = load(GOLDEN / "small.yaml")
    assert to_dot(d) == (GOLDEN / "small.dot").read_text()


def test_same_input_same_bytes() -> None:
    d = load(DEBATES[0])
    assert to_dot(d) == to_dot(load(DEBATES[0]))


@pytest.mark.parametrize("path", DEBATES, ids=lambda p: p.name)
def test_every_debate_renders_to_svg_with_exactly_its_claims(path: Path) -> None:
    d = load(path)
    status = label(d).status
    classes = svg_classes(render_image(to_dot(d), "svg"))
    claims = {i: c for i, c in classes.items() if "claim" in c}
    assert set(claims) == set(d.claims)
    for ident, cls in claims.items():
        assert status[ident].value in cls
    assert {i for i, c in classes.items() if "legend" in c} == {"#legend"}


@pytest.mark.parametrize("path", DEBATES, ids=lambda p: p.name)
def test_sources_drawn_as_nodes_when_asked(path: Path) -> None:
    d = load(path)
    classes = svg_classes(render_image(to_dot(d, DiagramOptions(sources=True)), "svg"))
    assert {i for i, c in classes.items() if "source" in c} == set(d.sources)


@pytest.mark.parametrize(("fmt", "magic"), [("png", b"\x89PNG\r\n\x1a\n"), ("pdf", b"%PDF-")])
def test_png_and_pdf(fmt: str, magic: bytes) -> None:
    data = render_image(to_dot(load(DEBATES[0])), fmt)
    assert data[: len(magic)] == magic


HOSTILE = """\
title: "T </B>> ]; x [label=\\"pwn\\"] <script>alert(1)</script>"
sources:
  s: {title: "<img src=x onerror=alert(1)>", url: "javascript:alert(1)"}
claims:
  a:
    by: "eve\\" ]; node [shape=star"
    text: "He said \\"x\\" ]; a -> b; <TABLE> & \\\\ \\x1b[2J %% -->"
    cites: [s]
  b: {text: "<script>alert(1)</script>", rebuts: a}
"""


def test_hostile_text_stays_text() -> None:
    d = loads(HOSTILE)
    svg = render_image(to_dot(d, DiagramOptions(sources=True)), "svg")
    root = ET.fromstring(svg)
    assert [e.tag for e in root.iter() if e.tag.endswith("script")] == []
    texts = " ".join(t.text or "" for t in root.iter(f"{SVG}text"))
    assert 'He said "x" ]; a -> b; <TABLE> & \\' in texts
    assert "<script>alert(1)</script>" in texts
    assert "\x1b" not in svg.decode()
    classes = svg_classes(svg)
    assert {i for i, c in classes.items() if "claim" in c} == {"a", "b"}
    # A javascript: url never becomes a link.
    links = list(root.iter(f"{SVG}a"))
    assert [a.attrib for a in links if "javascript" in str(a.attrib)] == []


def test_direction_is_where_the_thread_flows() -> None:
    d = loads("title: T\nclaims:\n  a: {text: A}\n")
    heads = {
        direction: to_dot(d, DiagramOptions(direction=direction)).split("rankdir=")[1][:2]
        for direction in ("TB", "BT", "LR", "RL")
    }
    assert heads == {"TB": "BT", "BT": "TB", "LR": "RL", "RL": "LR"}


def test_focus_draws_the_neighbourhood() -> None:
    d = load(ROOT / "debates/retrieval-or-concepts.yaml")
    lab = analyse(d)
    near = select(lab, DiagramOptions(focus="table-lookup", depth=1))
    assert near == ["not-lookup", "table-lookup", "backprop", "not-recording"]
    with pytest.raises(DiagramError):
        select(lab, DiagramOptions(focus="nope"))


def test_unanswered_and_speaker_filters() -> None:
    d = load(ROOT / "debates/stored-in-original-form.yaml")
    lab = analyse(d)
    # The two unanswered claims, and what they answer (not-stored-period also supports no-copy).
    assert select(lab, DiagramOptions(unanswered_only=True)) == [
        "no-copy",
        "still-wrong",
        "not-stored-period",
        "what-function",
        "how-diffusion-works",
    ]
    assert select(lab, DiagramOptions(speaker="critic")) == [
        "no-copy",
        "still-wrong",
        "what-function",
    ]


def test_dot_output_is_valid_for_graphviz() -> None:
    done = subprocess.run(
        ["dot", "-Tcanon"], input=to_dot(load(GOLDEN / "small.yaml")).encode(), capture_output=True
    )
    assert (done.returncode, done.stderr) == (0, b"")


def test_missing_graphviz_is_a_clear_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(DiagramError) as info:
        render_image(to_dot(load(DEBATES[0])), "svg")
    assert str(info.value).startswith("drawing SVG needs Graphviz's `dot` program")


def test_the_readme_diagram_is_current() -> None:
    """`make diagrams` regenerates docs/lossy-compression.{dot,svg}; the DOT must be today's."""
    d = load(ROOT / "debates/lossy-compression.yaml")
    assert (ROOT / "docs/lossy-compression.dot").read_text() == to_dot(d)
    svg = (ROOT / "docs/lossy-compression.svg").read_bytes()
    assert set(svg_classes(svg)) == {*d.claims, "#legend"}


def test_large_maps_bound_the_placement_step_and_say_so() -> None:
    from argmap.render.formats import render

    body = "".join(f"  c{i}: {{text: C{i}, rebuts: c{i - 1}}}\n" for i in range(1, 1600))
    d = loads("title: T\nclaims:\n  c0: {text: C0}\n" + body)
    drawn = render(d, "dot")
    assert (drawn.engine, drawn.automatic) == ("dot-fast", True)
    assert "nslimit=0.05, nslimit1=0.05, mclimit=0.5" in drawn.data.decode()
    small = render(load(DEBATES[0]), "dot")
    assert (small.engine, small.automatic) == ("dot", False)


def test_no_claim_shares_an_element_id_with_what_graphviz_names() -> None:
    # Graphviz names the graph `graph0`, edges `edge1`..., clusters `clust1`...: claims with
    # those names, and `legend`, must not give the SVG (or the page) two elements with one id.
    names = ["graph0", "edge1", "edge2", "clust1", "node1", "legend"]
    claims = "".join(
        f"  {n}: {{text: T, by: s{i % 2}, rebuts: graph0}}\n" for i, n in enumerate(names[1:])
    )
    d = loads(f"title: T\nclaims:\n  graph0: {{text: T, by: s0}}\n{claims}")
    svg = render_image(to_dot(d, DiagramOptions(cluster_speakers=True)), "svg").decode()
    ids = re.findall(r' id="([^"]*)"', svg)
    assert sorted(i for i in ids if ids.count(i) > 1) == []
    assert set(names) <= {i.replace("&#45;", "-") for i in ids}
