"""Text written by strangers stays text in every output: terminal, JSON, DOT, SVG, PNG/PDF, Mermaid.

`tests/data/hostile.yaml` puts markup, control sequences, quotes, brackets, HTML, script and
`javascript:` links in the title, speaker names, claim text and source titles and urls.
"""

from __future__ import annotations

import json
import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from argmap import load
from argmap.cli import app

from .conftest import ROOT

runner = CliRunner()
HOSTILE = ROOT / "tests/data/hostile.yaml"
DEBATE = load(HOSTILE)
SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}"
# The only escape sequences argmap itself writes to a colour terminal: SGR (colour and style).
SGR = re.compile(r"\x1b\[[0-9;]*m")


def test_the_hostile_file_is_a_valid_debate() -> None:
    assert sorted(DEBATE.claims) == ["reply", "root"]
    assert "\x1b[2J" in DEBATE.claims["root"].text
    assert DEBATE.sources["evil"].url == "javascript:alert(document.cookie)"


ROOT_TEXT = DEBATE.claims["root"].text
REPLY_TEXT = DEBATE.claims["reply"].text


def shown(text: str) -> str:
    """How a terminal report shows `text`: control and bidi characters as escapes."""
    return (
        text.replace("\x1b", "\\x1b").replace("\x9b", "\\x9b").replace("\u202e", "\\u202e")
    ).replace("\u202c", "\\u202c")


# Each report, and the user text it must show exactly as written (markup and all).
REPORTS = {
    "summary": [shown(DEBATE.title), 'Eve [bold]" ]; node [shape=star'],
    "unanswered": [shown(REPLY_TEXT)],
    "tree": [shown(DEBATE.title), shown(ROOT_TEXT), shown(REPLY_TEXT)],
    "show root": [shown(ROOT_TEXT), "javascript:alert(document.cookie)"],
    "show reply": [shown(REPLY_TEXT), '"}] [link](javascript:alert(1))'],
}


@pytest.mark.parametrize("report", list(REPORTS))
@pytest.mark.parametrize("colour", [False, True], ids=["plain", "colour"])
def test_terminal_reports_show_control_codes_and_markup_as_text(
    report: str, colour: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.setenv("FORCE_COLOR" if colour else "NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "400")
    command, *rest = report.split()
    result = runner.invoke(app, [command, str(HOSTILE), *rest])
    assert result.exit_code == 0, result.output
    out = result.stdout + result.stderr
    bare = SGR.sub("", out)
    assert "\x1b" not in bare  # no clear-screen, no OSC 8 link: only argmap's own colours
    assert "\x9b" not in out and "\u202e" not in out  # C1 CSI, bidi override: made visible
    assert ("\x1b[" in out) is colour
    for text in REPORTS[report]:
        assert text in bare


@pytest.mark.parametrize("command", ["summary", "unanswered", "tree", "show"])
def test_json_reports_carry_the_exact_strings(command: str) -> None:
    args = [command, str(HOSTILE), "--format", "json"]
    if command == "show":
        args.insert(2, "root")
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert result.stdout.isascii() or "\x1b" not in result.stdout
    data = json.loads(result.stdout)
    strings = set(_strings(data))
    assert DEBATE.claims["root"].text in strings or command == "unanswered"
    if command in ("summary", "tree"):
        assert DEBATE.title in strings
    if command == "show":
        assert DEBATE.claims["root"].by in strings


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in (*_strings(k), *_strings(v))]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


@pytest.fixture(scope="module")
def drawings(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    folder = tmp_path_factory.mktemp("hostile")
    out = {}
    for name in ("m.svg", "m.dot", "m.png", "m.pdf", "m.mmd"):
        result = runner.invoke(app, ["render", str(HOSTILE), "-o", str(folder / name), "--sources"])
        assert result.exit_code == 0, result.output
        out[name.split(".")[1]] = (folder / name).read_bytes()
    return out


def test_dot_has_exactly_the_nodes_of_the_debate(drawings: dict[str, bytes]) -> None:
    parsed = json.loads(
        subprocess.run(
            ["dot", "-Tjson0"], input=drawings["dot"], capture_output=True, check=True
        ).stdout
    )
    names = sorted(o["name"] for o in parsed["objects"] if "nodes" not in o)  # not subgraphs
    assert names == sorted(["#legend", "root", "reply", *DEBATE.sources])
    shapes = {o["name"]: o.get("shape") for o in parsed["objects"]}
    assert shapes["root"] == shapes["reply"] == "box"  # `node [shape=star` changed nothing
    assert len(parsed["edges"]) == 1 + 4  # one rebuttal, four citations
    assert "\x1b" not in drawings["dot"].decode("utf-8")


def test_svg_has_no_script_no_handlers_and_only_http_links(drawings: dict[str, bytes]) -> None:
    root = ET.fromstring(drawings["svg"])
    tags = {e.tag.removeprefix(SVG) for e in root.iter()}
    assert tags <= {"svg", "g", "title", "text", "path", "polygon", "ellipse", "polyline", "a"}
    handlers = [(e.tag, k) for e in root.iter() for k in e.attrib if k.lower().startswith("on")]
    assert handlers == []
    links = sorted(e.attrib[f"{XLINK}href"] for e in root.iter(f"{SVG}a"))
    assert links == ["https://example.org/a?b=1&c=%3C2%3E"]  # `<` `>` `"` percent-encoded
    shown = "".join(t.text or "" for t in root.iter(f"{SVG}text"))
    assert "<script>alert(1)</script><b" in shown  # wrapped after this
    assert "<svg onload=alert(1)>" in shown
    assert "\x1b" not in drawings["svg"].decode("utf-8")
    ids = {g.attrib["id"] for g in root.iter(f"{SVG}g") if "claim" in g.attrib.get("class", "")}
    assert ids == {"root", "reply"}


def test_png_and_pdf_are_drawn(drawings: dict[str, bytes]) -> None:
    assert drawings["png"].startswith(b"\x89PNG\r\n\x1a\n")
    assert drawings["pdf"].startswith(b"%PDF-")
    # Only the https source becomes a link in the PDF; javascript: and data: never do.
    uris = sorted(set(re.findall(rb"/URI \(([^)]*)\)", drawings["pdf"])))
    assert uris == [b"https://example.org/a?b=1&c=%3C2%3E"]


def test_mermaid_keeps_every_character_of_user_text_inside_labels(
    drawings: dict[str, bytes],
) -> None:
    text = drawings["mmd"].decode("ascii")  # pure ASCII: everything else is an entity code
    for raw in ("<script", "<img", "<svg", "%%", "javascript:", "\x1b"):
        assert raw not in text


def test_output_is_the_same_bytes_every_time(tmp_path: Path, drawings: dict[str, bytes]) -> None:
    for fmt in ("svg", "dot", "mmd"):
        again = tmp_path / f"again.{fmt}"
        result = runner.invoke(app, ["render", str(HOSTILE), "-o", str(again), "--sources"])
        assert result.exit_code == 0
        assert again.read_bytes() == drawings[fmt]
