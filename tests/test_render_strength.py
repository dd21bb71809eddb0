"""Strength in the diagrams (`render --strength NAME [--votes]`): the number and bar on each
claim's node and the legend's row, exactly, in DOT, in the SVG the real `dot` draws and in
Mermaid as Mermaid 11's own parser reads it; a claim whose strength did not converge says so;
without the option every diagram is what it was."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from argmap import analyze, load, loads
from argmap.analysis import analyse
from argmap.cli import app
from argmap.diagram import DiagramError, DiagramOptions, plan
from argmap.render.dot import to_dot
from argmap.render.formats import render
from argmap.render.mermaid import to_mermaid

from .conftest import DEBATES, ROOT

runner = CliRunner()
STORED = ROOT / "debates/stored-in-original-form.yaml"
JS = ROOT / "tests" / "js"

# docs/analysis.md's worked example, to two decimals, with the bar (a block for each tenth,
# rounded to the nearest).
SHOWN = {
    "df-quad": {
        "no-copy": "0.53 ▰▰▰▰▰▱▱▱▱▱",
        "still-wrong": "0.25 ▰▰▰▱▱▱▱▱▱▱",
        "not-stored-period": "0.50 ▰▰▰▰▰▱▱▱▱▱",
        "what-function": "0.25 ▰▰▰▱▱▱▱▱▱▱",
        "how-diffusion-works": "0.50 ▰▰▰▰▰▱▱▱▱▱",
    },
    "quadratic-energy": {
        "no-copy": "0.46 ▰▰▰▰▰▱▱▱▱▱",
        "still-wrong": "0.40 ▰▰▰▰▱▱▱▱▱▱",
        "not-stored-period": "0.50 ▰▰▰▰▰▱▱▱▱▱",
        "what-function": "0.40 ▰▰▰▰▱▱▱▱▱▱",
        "how-diffusion-works": "0.50 ▰▰▰▰▰▱▱▱▱▱",
    },
    "h-categorizer": {
        "no-copy": "0.30 ▰▰▰▱▱▱▱▱▱▱",
        "still-wrong": "0.33 ▰▰▰▱▱▱▱▱▱▱",
        "not-stored-period": "0.50 ▰▰▰▰▰▱▱▱▱▱",
        "what-function": "0.33 ▰▰▰▱▱▱▱▱▱▱",
        "how-diffusion-works": "0.50 ▰▰▰▰▰▱▱▱▱▱",
    },
}
NAME = {
    "df-quad": "DF-QuAD",
    "quadratic-energy": "quadratic energy",
    "h-categorizer": "h-categorizer",
}
STRENGTH_ROW = '<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="9">{}</FONT></TD></TR>'


def legend_row(semantics: str, votes: bool = False) -> str:
    words = f"strength from 0 to 1 by {NAME[semantics]}; a block for each tenth"
    words += "; base scores from votes (score:)" if votes else ""
    return f'<TR><TD>0.50 ▰▰▰▰▰▱▱▱▱▱</TD><TD ALIGN="LEFT">{words}</TD></TR>'


UNSETTLED_ROW = (
    '<TR><TD>strength not settled</TD><TD ALIGN="LEFT">in or after a cycle that did not '
    "converge: no number</TD></TR>"
)


def node_line(dot: str, claim: str) -> str:
    [line] = [line for line in dot.splitlines() if line.startswith(f'  "{claim}" [id=')]
    return line


def test_the_plan_carries_the_strength_of_each_drawn_claim() -> None:
    analysis = analyse(load(STORED))
    drawing = plan(analysis, DiagramOptions(strength="df-quad", focus="still-wrong", depth=1))
    assert drawing.strength == {"no-copy": 0.53125, "still-wrong": 0.25, "not-stored-period": 0.5}
    assert (drawing.semantics, drawing.base) == ("df-quad", "weights")
    plain = plan(analysis, DiagramOptions())
    assert (plain.strength, plain.semantics) == (None, None)


@pytest.mark.parametrize("options", [DiagramOptions(strength="bogus"), DiagramOptions(base="x")])
def test_the_plan_refuses_an_unknown_semantics_or_base(options: DiagramOptions) -> None:
    with pytest.raises(DiagramError, match="must be one of"):
        plan(analyse(load(STORED)), options)


@pytest.mark.parametrize("semantics", list(SHOWN))
def test_dot_shows_the_number_and_bar_on_each_node_and_a_legend_row(semantics: str) -> None:
    dot = to_dot(load(STORED), DiagramOptions(strength=semantics))
    for claim, shown in SHOWN[semantics].items():
        # The strength is the node's last row, under its status.
        assert node_line(dot, claim).endswith(STRENGTH_ROW.format(shown) + "</TABLE>>]")
    [legend] = [line for line in dot.splitlines() if line.startswith('    "#legend"')]
    assert legend.endswith(legend_row(semantics) + "</TABLE>>]")
    assert "not settled" not in dot


def test_the_command_line_draws_strength_and_votes() -> None:
    args = ["render", str(STORED), "-o", "-", "-f", "dot"]
    result = runner.invoke(app, [*args, "--strength", "df-quad"])
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == to_dot(load(STORED), DiagramOptions(strength="df-quad"))
    # --votes alone draws strength by the default semantics, from the votes (none here: 0.5).
    voted = runner.invoke(app, [*args, "--votes"])
    assert voted.exit_code == 0
    assert voted.stdout == to_dot(load(STORED), DiagramOptions(strength="df-quad", base="votes"))
    assert legend_row("df-quad", votes=True) in voted.stdout
    assert STRENGTH_ROW.format("0.53 ▰▰▰▰▰▱▱▱▱▱") in voted.stdout


def test_votes_make_base_scores() -> None:
    debate = loads(
        "title: T\nclaims:\n  a: {text: A, score: 1}\n  b: {text: B, score: 3}\n"
        "  c: {text: C, score: 5}\n  d: {text: D, score: 9}\n"
    )
    dot = to_dot(debate, DiagramOptions(strength="df-quad", base="votes"))
    # Base scores from the votes (docs/analysis.md: 0.182, 0.378, 0.622, 0.924).
    shown = {
        "a": "0.18 ▰▰▱▱▱▱▱▱▱▱",
        "b": "0.38 ▰▰▰▰▱▱▱▱▱▱",
        "c": "0.62 ▰▰▰▰▰▰▱▱▱▱",
        "d": "0.92 ▰▰▰▰▰▰▰▰▰▱",
    }
    for claim, text in shown.items():
        assert node_line(dot, claim).endswith(STRENGTH_ROW.format(text) + "</TABLE>>]")


@pytest.mark.parametrize("command", ["render", "watch"])
def test_an_unknown_semantics_is_a_usage_error(command: str, tmp_path: Path) -> None:
    out = tmp_path / "m.dot"
    result = runner.invoke(app, [command, str(STORED), "-o", str(out), "--strength", "bogus"])
    assert (result.exit_code, result.stdout) == (2, "")
    assert "'bogus' is not one of df-quad, quadratic-energy, h-categorizer" in result.stderr
    assert not out.exists()


def _unsettled(monkeypatch: pytest.MonkeyPatch) -> None:
    """Strength worked out with so few steps that no cycle settles."""
    real = analyze.strength_of
    monkeypatch.setattr(
        analyze, "strength_of", lambda graph, s, b: real(graph, s, b, max_iterations=2)
    )


CYCLE = """\
title: A cycle
claims:
  top: {text: Top}
  a: {text: A, rebuts: [top, b]}
  b: {text: B, rebuts: a}
  free: {text: Free, supports: top}
"""


def test_a_claim_whose_strength_did_not_converge_shows_no_number(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _unsettled(monkeypatch)
    dot = to_dot(loads(CYCLE), DiagramOptions(strength="df-quad"))
    for claim in ("top", "a", "b"):  # in the cycle, or answered by it
        assert node_line(dot, claim).endswith(
            STRENGTH_ROW.format("strength not settled") + "</TABLE>>]"
        )
    assert node_line(dot, "free").endswith(STRENGTH_ROW.format("0.50 ▰▰▰▰▰▱▱▱▱▱") + "</TABLE>>]")
    assert legend_row("df-quad") + UNSETTLED_ROW + "</TABLE>>]" in dot
    mermaid = to_mermaid(loads(CYCLE), DiagramOptions(strength="df-quad"))
    assert '    a{{"a<br>A<br>? undecided<br>strength not settled"}}' in mermaid
    assert '    free["free<br>Free<br>#10004; standing #183; unanswered<br>0.50 ' in mermaid


# --- without --strength, nothing changes ----------------------------------------------------------

STRENGTH_LINE = re.compile(
    r'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="9">[^<]*</FONT></TD></TR>(?=</TABLE>>\])'
)


@pytest.mark.parametrize("path", [*DEBATES, ROOT / "tests/data/hostile.yaml"], ids=lambda p: p.stem)
def test_without_strength_the_diagrams_are_those_with_it_less_the_strength(path: Path) -> None:
    debate = load(path)
    for extra in ({}, {"sources": True, "cluster_speakers": True, "theme": "dark"}):
        plain = DiagramOptions(**extra)  # type: ignore[arg-type]
        strong = DiagramOptions(**extra, strength="quadratic-energy")  # type: ignore[arg-type]
        dot = to_dot(debate, strong)
        legend = re.escape(legend_row("quadratic-energy"))
        assert re.sub(legend, "", STRENGTH_LINE.sub("", dot)) == to_dot(debate, plain)
        mermaid = to_mermaid(debate, strong)
        title = " (strength from 0 to 1 by quadratic energy; a block for each tenth)"
        less = re.sub(r"<br>(?:[0-9.]+ (?:#964[89];)+|strength not settled)(?=\")", "", mermaid)
        assert less.replace(title, "", 1) == to_mermaid(debate, plain)


@pytest.mark.parametrize("fmt", ["dot", "mmd"])
def test_the_command_line_without_strength_writes_the_plain_diagram(fmt: str) -> None:
    result = runner.invoke(app, ["render", str(STORED), "-o", "-", "-f", fmt])
    assert result.exit_code == 0
    assert result.stdout.encode() == render(load(STORED), fmt, DiagramOptions()).data
    assert "▰" not in result.stdout and "#9648;" not in result.stdout


# --- SVG from the real dot -----------------------------------------------------------------------

SVG = "{http://www.w3.org/2000/svg}"


def test_svg_drawn_by_dot_shows_the_strength_in_each_node_and_the_legend() -> None:
    svg = render(load(STORED), "svg", DiagramOptions(strength="df-quad")).data.decode()
    root = ET.fromstring(svg)
    groups = {g.get("id"): g for g in root.iter(f"{SVG}g")}
    for claim, shown in SHOWN["df-quad"].items():
        texts = ["".join(t.itertext()) for t in groups[claim].iter(f"{SVG}text")]
        assert texts[-1] == shown, claim  # the last line of the node
    legend = ["".join(t.itertext()) for t in groups["#legend"].iter(f"{SVG}text")]
    assert legend[-2:] == [
        "0.50 ▰▰▰▰▰▱▱▱▱▱",
        "strength from 0 to 1 by DF-QuAD; a block for each tenth",
    ]


# --- Mermaid, read back by its own parser -------------------------------------------------------


def mermaid_parse(texts: list[str]) -> list[dict[str, Any]]:
    """What Mermaid 11's parser reads from each text (tests/js/mermaid-check.mjs)."""
    node = shutil.which("node")
    if node is None or not (JS / "node_modules" / "mermaid").is_dir():
        pytest.fail("Mermaid's parser is not installed: run `make test` (or `make node`)")
    run = subprocess.run(
        [node, str(JS / "mermaid-check.mjs")],
        input=json.dumps(texts),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    return [json.loads(line) for line in run.stdout.splitlines()]


def test_mermaid_shows_the_number_and_bar_as_its_parser_reads_them() -> None:
    debate = load(STORED)
    texts = [to_mermaid(debate, DiagramOptions(strength=s)) for s in SHOWN]
    for semantics, found in zip(SHOWN, mermaid_parse(texts), strict=True):
        assert "error" not in found, found
        assert found["title"] == (
            f"{debate.title} (strength from 0 to 1 by {NAME[semantics]}; a block for each tenth)"
        )
        labels = {v["id"]: v for v in found["vertices"]}
        for claim, shown in SHOWN[semantics].items():
            assert labels[claim]["label"].split("\n")[-1] == shown
            assert set(labels[claim]["elements"]) == {"BR"}


# --- the docs' examples are real output -----------------------------------------------------------

MERMAID_DOC_EXAMPLE = """\
title: Does a trained image model store its training data?
claims:
  not-stored:
    by: FaceDeer
    text: The training data is not stored in the model.
    rebuttals:
      lookup:
        by: flatbield
        text: It is recorded in a retrieval system.
        rebuttals:
          one-byte: {by: FaceDeer, text: "Five billion images in ~5 GB: one byte each."}
"""


def test_the_commands_doc_shows_each_claims_status_and_strength_as_drawn() -> None:
    doc = (ROOT / "docs/commands.md").read_text(encoding="utf-8")
    section = doc[doc.index("## argmap render") : doc.index("## argmap watch")]
    block = re.search(r"```text\n(no-copy .*?)```\n", section, re.DOTALL)
    assert block is not None
    dot = to_dot(load(STORED), DiagramOptions(strength="df-quad"))
    lines = block[1].splitlines()
    for first, second in zip(lines[::2], lines[1::2], strict=True):
        claim, status = re.split(r"\s{2,}", first)
        strength = second.strip()
        node = node_line(dot, claim)
        assert f">{status}</FONT></TD></TR>{STRENGTH_ROW.format(strength)}</TABLE>>]" in node
    row = "`0.50 ▰▰▰▰▰▱▱▱▱▱  strength from 0 to 1 by DF-QuAD; a block for\neach tenth`"
    assert row in section and legend_row("df-quad") in dot


def test_the_mermaid_doc_shows_a_node_with_its_strength_as_written() -> None:
    doc = (ROOT / "docs/mermaid.md").read_text(encoding="utf-8")
    block = re.search(r"```text\n(    lookup\(.*?)\n```\n", doc, re.DOTALL)
    assert block is not None
    text = to_mermaid(loads(MERMAID_DOC_EXAMPLE), DiagramOptions(strength="df-quad"))
    assert block[1] in text.splitlines()


def test_the_page_data_follows_the_semantics_and_base_asked_for() -> None:
    from argmap.render.html import page_data

    debate = loads(
        "title: T\nclaims:\n  a: {text: A, score: 1}\n  b: {text: B, score: 9, rebuts: a}\n"
    )
    data = page_data(debate, "h-categorizer", "votes")
    assert data["strength"] == {
        "semantics": "h-categorizer",
        "name": "h-categorizer",
        "base": "votes",
        "few": 3,
        "strongest": ["b"],
        "weakest": ["a"],
        "disagreements": [],
        "unconverged": [],
    }
    # median 5, spread 4: a starts at 1 / (1 + e) = 0.269, b at 0.731; a = 0.269 / 1.731.
    assert [(c["id"], c["strength_mark"], c["strength_line"]) for c in data["claims"]] == [
        ("a", "0.16 ▰▰▱▱▱▱▱▱▱▱", "0.16 (h-categorizer, base 0.27): lowered 0.11 by b."),
        (
            "b",
            "0.73 ▰▰▰▰▰▰▰▱▱▱",
            "0.73 (h-categorizer, base 0.73): nothing rebuts or undercuts it, and the "
            "h-categorizer counts attacks alone.",
        ),
    ]
    assert page_data(debate)["strength"]["semantics"] == "df-quad"  # the default
