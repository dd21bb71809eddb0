from __future__ import annotations

import functools
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from argmap import load
from argmap.cli import app
from argmap.render.formats import FORMATS, choices, render
from argmap.render.mermaid import to_mermaid

from .conftest import ROOT

runner = CliRunner()
DEBATE = ROOT / "debates/lossy-compression.yaml"


@pytest.mark.parametrize(
    ("name", "magic"),
    [
        ("m.svg", b"<?xml"),
        ("m.png", b"\x89PNG\r\n\x1a\n"),
        ("m.pdf", b"%PDF-"),
        ("m.dot", b"digraph argmap {"),
        ("m.mmd", b"---\ntitle:"),
    ],
)
def test_format_from_the_extension(tmp_path: Path, name: str, magic: bytes) -> None:
    out = tmp_path / name
    result = runner.invoke(app, ["render", str(DEBATE), "-o", str(out)])
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", f"wrote {out}\n")
    assert out.read_bytes()[: len(magic)] == magic
    assert [p.name for p in tmp_path.iterdir()] == [name]


def test_svg_nodes_are_the_claims_with_their_classes(tmp_path: Path) -> None:
    out = tmp_path / "m.svg"
    assert runner.invoke(app, ["render", str(DEBATE), "-o", str(out), "--sources"]).exit_code == 0
    groups = {
        g.attrib["id"]: g.attrib["class"].split()
        for g in ET.parse(out).iter("{http://www.w3.org/2000/svg}g")
        if g.attrib.get("class", "").startswith("node")
    }
    assert {i: c for i, c in groups.items() if "claim" in c} == {
        "lossy-copies": ["node", "claim", "defeated"],
        "compression": ["node", "claim", "standing"],
        "magic-compression": ["node", "claim", "defeated"],
        "lossy-not-lossless": ["node", "claim", "standing", "unanswered"],
        "bluray-rip": ["node", "claim", "standing", "unanswered"],
        "single-bit-legal": ["node", "claim", "standing", "unanswered"],
        "piracy": ["node", "claim", "defeated"],
        "separate-issue": ["node", "claim", "standing", "unanswered"],
    }
    assert sorted(i for i, c in groups.items() if "source" in c) == ["laion-5b", "model-size"]


def test_mermaid_to_stdout() -> None:
    result = runner.invoke(app, ["render", str(DEBATE), "-o", "-", "--format", "mmd"])
    assert (result.exit_code, result.stdout) == (0, to_mermaid(load(DEBATE)))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-o", "-"], "say which format to write: give OUT an extension"),
        (["-o", "x.txt"], "say which format to write: give OUT an extension"),
        (
            ["-o", "x.svg", "-f", "gif"],
            "unknown format 'gif'; choose one of svg, png, pdf, dot (or graphviz, gv), "
            "mmd (or mermaid), html (or htm)\n",
        ),
        (["-o", "-", "-f", "png"], "PNG is binary: write it to a file with -o FILE"),
        (["-o", "x.svg", "-d", "up"], "--direction must be one of TB, LR, BT, RL"),
    ],
)
def test_usage_errors(args: list[str], message: str) -> None:
    result = runner.invoke(app, ["render", str(DEBATE), *args])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"argmap: error: {message}")


ALIASES = [(f.name, name) for f in FORMATS.values() for name in f.names]


def test_every_format_has_its_names() -> None:
    assert {f.name: f.names for f in FORMATS.values()} == {
        "svg": ("svg",),
        "png": ("png",),
        "pdf": ("pdf",),
        "dot": ("dot", "graphviz", "gv"),
        "mmd": ("mmd", "mermaid"),
        "html": ("html", "htm"),
    }


@functools.cache
def drawn_as(fmt: str) -> bytes:
    return undated(render(load(DEBATE), fmt).data)


def undated(data: bytes) -> bytes:
    """The drawing without the time a PDF says it was made at (to the second)."""
    return re.sub(rb"/CreationDate \(D:\d+Z\)", b"/CreationDate (D:0Z)", data)


@pytest.mark.parametrize(("fmt", "name"), ALIASES, ids=[f"{n}" for _, n in ALIASES])
def test_format_by_any_of_its_names(tmp_path: Path, fmt: str, name: str) -> None:
    out = tmp_path / "map.out"  # an extension that says nothing: --format decides
    for typed in (name, name.upper(), "." + name):
        result = runner.invoke(app, ["render", str(DEBATE), "-o", str(out), "--format", typed])
        assert (result.exit_code, result.stdout, result.stderr) == (0, "", f"wrote {out}\n")
        assert undated(out.read_bytes()) == drawn_as(fmt)
        assert undated(render(load(DEBATE), typed).data) == drawn_as(
            fmt
        )  # the library takes them too


def test_mermaid_by_name_to_stdout() -> None:
    result = runner.invoke(app, ["render", str(DEBATE), "-o", "-", "--format", "mermaid"])
    assert (result.exit_code, result.stdout) == (0, to_mermaid(load(DEBATE)))


def test_the_docs_give_every_name_of_every_format() -> None:
    doc = (ROOT / "docs/commands.md").read_text()
    section = doc[doc.index("## argmap render") : doc.index("## argmap watch")]
    row = next(line for line in section.splitlines() if line.startswith("| `--format`"))
    synopsis = re.search(r"\[--format ([a-z|]+)\]", section)
    assert synopsis is not None
    assert synopsis[1].split("|") == list(FORMATS)
    described = row.split("|")[2]
    assert re.findall(r"`([a-z]+)`", described) == [n for _, n in ALIASES]
    assert "(or `graphviz`, `gv`)" in described


@pytest.mark.parametrize("command", ["render", "watch"])
def test_the_help_gives_every_name_of_every_format(command: str) -> None:
    group = typer.main.get_command(app)
    assert isinstance(group, typer.core.TyperGroup)
    option = next(p for p in group.commands[command].params if p.name == "format")
    assert getattr(option, "help", None) == f"{choices()}; by default from OUT's extension."


def test_output_may_not_be_the_input(tmp_path: Path) -> None:
    debate = tmp_path / "d.yaml"
    debate.write_bytes(DEBATE.read_bytes())
    result = runner.invoke(app, ["render", str(debate), "-o", str(debate), "-f", "dot"])
    assert result.exit_code == 1
    assert debate.read_bytes() == DEBATE.read_bytes()


def test_a_failed_render_keeps_the_previous_output(tmp_path: Path) -> None:
    out = tmp_path / "m.svg"
    out.write_text("previous")
    result = runner.invoke(app, ["render", str(DEBATE), "-o", str(out), "--focus", "nope"])
    assert (result.exit_code, result.stderr) == (
        1,
        "argmap: error: no claim has the id 'nope'\n",
    )
    assert out.read_text() == "previous"
    assert [p.name for p in tmp_path.iterdir()] == ["m.svg"]


def test_missing_graphviz(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    result = runner.invoke(app, ["render", str(DEBATE), "-o", str(tmp_path / "m.svg")])
    assert result.exit_code == 1
    assert result.stderr.startswith("argmap: error: drawing SVG needs Graphviz's `dot` program")
    dot = runner.invoke(app, ["render", str(DEBATE), "-o", str(tmp_path / "m.dot")])
    assert dot.exit_code == 0


def test_watch_redraws_shows_diagnostics_and_stops_on_ctrl_c(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import argmap.watch

    debate = tmp_path / "d.yaml"
    debate.write_text("title: T\nclaims:\n  a: {text: A}\n")
    out = tmp_path / "m.dot"

    def fake_watch(path: Path, act: Callable[[], object], interval: float) -> None:
        act()
        first = out.read_text()
        debate.write_text("title: T\nclaims:\n  a: {text: A, rebuts: b}\n")
        act()
        assert out.read_text() == first  # the last good drawing stays
        debate.write_text("title: T\nclaims:\n  a: {text: A}\n  b: {text: B, rebuts: a}\n")
        act()
        raise KeyboardInterrupt

    monkeypatch.setattr(argmap.watch, "watch", fake_watch)
    result = runner.invoke(app, ["watch", str(debate), "-o", str(out)])
    assert result.exit_code == 0
    assert result.stderr == (
        f"watching {debate}; Ctrl-C stops\n"
        f"wrote {out}\n"
        f"{debate}:3:24: error[unknown-claim]: 'b' is rebutted by 'a' but no claim has that id\n"
        "  hint: define the claim, or fix the id\n"
        f"wrote {out}\n"
        "stopped\n"
    )
    assert '"b" -> "a"' in out.read_text()


def test_html_says_that_the_page_chooses_its_own_theme(tmp_path: Path) -> None:
    target = tmp_path / "map.html"
    result = runner.invoke(app, ["render", str(DEBATE), "-o", str(target), "--theme", "dark"])
    assert (result.exit_code, result.stderr) == (
        0,
        "argmap: note: an HTML map follows the reader's own light or dark setting; --theme "
        f"applies to the other formats\nwrote {target}\n",
    )
    assert target.read_bytes() == render(load(DEBATE), "html").data


def test_html_goes_to_stdout_with_dash() -> None:
    result = runner.invoke(app, ["render", str(DEBATE), "-o", "-", "--format", "html"])
    assert (result.exit_code, result.stdout) == (0, render(load(DEBATE), "html").data.decode())
