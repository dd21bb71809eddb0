"""Every debate in `debates/`, drawn by `argmap render` in every format (CI installs Graphviz).

Each picture is read back, not just sniffed: SVG as XML with exactly the claims (and sources when
drawn) as nodes with their classes; PNG and PDF by their headers, at the size the SVG says
(nothing shrunk); DOT by Graphviz itself; Mermaid as the same text the library writes; the HTML
page as holding that same SVG and every claim (tests/test_html_browser.py opens it in a browser).
"""

from __future__ import annotations

import json
import re
import struct
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from argmap import load
from argmap.analyze import label, unanswered
from argmap.cli import app
from argmap.diagram import DiagramOptions
from argmap.render.formats import FORMATS
from argmap.render.html import _svg_body
from argmap.render.mermaid import to_mermaid

from .conftest import DEBATES

runner = CliRunner()
SVG = "{http://www.w3.org/2000/svg}"
CASES = [(path, sources) for path in DEBATES for sources in (False, True)]


def case_id(case: tuple[Path, bool]) -> str:
    return case[0].stem + ("+sources" if case[1] else "")


@pytest.fixture(scope="module", params=CASES, ids=[case_id(c) for c in CASES])
def drawn(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, bool, dict[str, bytes]]:
    """One debate drawn in every format by the command line: format name -> bytes written."""
    path, sources = request.param
    folder = tmp_path_factory.mktemp(path.stem)
    out: dict[str, bytes] = {}
    for fmt in FORMATS.values():
        target = folder / f"map{fmt.suffixes[0]}"
        args = ["render", str(path), "-o", str(target), *(["--sources"] if sources else [])]
        result = runner.invoke(app, args)
        assert (result.exit_code, result.stderr) == (0, f"wrote {target}\n"), result.output
        out[fmt.name] = target.read_bytes()
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        f"map{f.suffixes[0]}" for f in FORMATS.values()
    )  # nothing else written, no temporary file left behind
    return path, sources, out


def svg_size(svg: bytes) -> tuple[float, float]:
    root = ET.fromstring(svg)
    return float(root.attrib["width"].removesuffix("pt")), float(
        root.attrib["height"].removesuffix("pt")
    )


def test_svg_nodes_are_exactly_the_claims_with_their_classes(
    drawn: tuple[Path, bool, dict[str, bytes]],
) -> None:
    path, sources, out = drawn
    d = load(path)
    status = label(d).status
    quiet = {u.id for u in unanswered(d)}
    root = ET.fromstring(out["svg"])
    nodes = {
        g.attrib["id"]: g.attrib["class"].split()
        for g in root.iter(f"{SVG}g")
        if g.attrib.get("class", "").split()[:1] == ["node"]
    }
    expected = {
        c: ["node", "claim", status[c].value, *(["unanswered"] if c in quiet else [])]
        for c in d.claims
    }
    assert {i: c for i, c in nodes.items() if "claim" in c} == expected
    drawn_sources = {i for i, c in nodes.items() if "source" in c}
    assert drawn_sources == (set(d.sources) if sources else set())
    assert {i for i, c in nodes.items() if "legend" in c} == {"#legend"}
    # Anything else is a junction for undercut reasoning, named after its claim: one for each
    # undercut claim that answers another (undercutting an undercut claim is drawn to its junction).
    others = set(nodes) - set(expected) - drawn_sources - {"#legend"}
    undercut = {r.target for r in d.relations if r.kind.value == "undercuts"}
    answering = {
        r.source for r in d.relations if r.kind.value != "undercuts" or r.target not in undercut
    }
    assert others == {f"{c}#reasoning" for c in undercut & answering}
    assert all(nodes[o] == ["node", "reasoning"] for o in others)
    # Every relation is an edge with its kind as the class; the title is the debate's.
    kinds = sorted(
        g.attrib["class"].split()[1]
        for g in root.iter(f"{SVG}g")
        if g.attrib.get("class", "").startswith("edge ")
        and g.attrib["class"].split()[1] in ("rebuts", "supports", "undercuts")
    )
    assert kinds == sorted(r.kind.value for r in d.relations)
    title = next(t for t in root.iter(f"{SVG}text"))
    assert title.text == d.title


def test_png_is_drawn_at_the_size_of_the_svg(drawn: tuple[Path, bool, dict[str, bytes]]) -> None:
    _, _, out = drawn
    png = out["png"]
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert png[12:16] == b"IHDR"
    width, height = struct.unpack(">II", png[16:24])
    points = svg_size(out["svg"])
    # Graphviz draws PNG at 96 pixels per inch and SVG in points (72 per inch): same drawing.
    assert abs(width - points[0] * 96 / 72) <= 2
    assert abs(height - points[1] * 96 / 72) <= 2
    assert png.endswith(b"IEND\xaeB`\x82")


def test_pdf_page_is_the_size_of_the_svg(drawn: tuple[Path, bool, dict[str, bytes]]) -> None:
    _, _, out = drawn
    pdf = out["pdf"]
    assert pdf.startswith(b"%PDF-1.")
    assert pdf.rstrip().endswith(b"%%EOF")
    box = re.search(rb"/MediaBox \[ ?0 0 ([0-9.]+) ([0-9.]+) ?\]", pdf)
    assert box is not None
    points = svg_size(out["svg"])
    # Graphviz's PDF page is the drawing with a margin of half an inch (36 pt) on each side.
    assert abs(float(box[1]) - (points[0] + 72)) <= 2
    assert abs(float(box[2]) - (points[1] + 72)) <= 2


def test_dot_is_read_by_graphviz_with_the_claims_as_node_names(
    drawn: tuple[Path, bool, dict[str, bytes]],
) -> None:
    path, sources, out = drawn
    d = load(path)
    parsed = json.loads(
        subprocess.run(["dot", "-Tjson0"], input=out["dot"], capture_output=True, check=True).stdout
    )
    names = {o["name"] for o in parsed.get("objects", []) if "nodes" not in o}
    claims = {n for n in names if n in d.claims}
    assert claims == set(d.claims)
    assert {n for n in names if n in d.sources} == (set(d.sources) if sources else set())
    assert "#legend" in names


def test_mermaid_is_the_library_text(drawn: tuple[Path, bool, dict[str, bytes]]) -> None:
    path, sources, out = drawn
    d = load(path)
    expected = to_mermaid(d, DiagramOptions(sources=sources))
    assert out["mmd"].decode("utf-8") == expected


def test_html_page_holds_the_svg_and_every_claim(
    drawn: tuple[Path, bool, dict[str, bytes]],
) -> None:
    path, _, out = drawn
    d = load(path)
    page = out["html"].decode("utf-8")
    assert _svg_body(out["svg"].decode("utf-8")) in page  # the same drawing as the SVG file
    data = re.search(r'<script type="application/json" data-am="data">(.*?)</script>', page)
    assert data is not None
    assert [c["id"] for c in json.loads(data.group(1))["claims"]] == list(d.claims)
