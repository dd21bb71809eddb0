"""The table of every output (`argmap.outputs`) holds the command line, its help and the docs to
every entry, and each output is made, end to end, from a debate in `debates/`."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from argmap.cli import app
from argmap.cli.common import ReportFormat
from argmap.outputs import REPORT_FORMATS, REPORTS, Output, outputs

from .conftest import ROOT

DEBATE = ROOT / "debates/lossy-compression.yaml"
OUTPUTS = outputs()
runner = CliRunner()


def test_the_reports_take_the_formats_of_the_table() -> None:
    assert [f.value for f in ReportFormat] == list(REPORT_FORMATS)
    assert {o.command for o in OUTPUTS} == {*REPORTS, "render", "export"}


def help_words(command: str) -> str:
    result = runner.invoke(app, [command, "--help"], env={"NO_COLOR": "1"})
    assert result.exit_code == 0, result.output
    return " ".join(result.output.replace("\u2502", " ").split())


@pytest.mark.parametrize("output", OUTPUTS, ids=lambda o: f"{o.command}-{o.name}")
def test_the_help_names_every_output(output: Output) -> None:
    words = set(re.findall(r"[\w-]+", help_words(output.command)))
    assert set(output.names) <= words


@pytest.mark.parametrize("output", OUTPUTS, ids=lambda o: f"{o.command}-{o.name}")
def test_the_docs_name_every_output(output: Output) -> None:
    commands = (ROOT / "docs/commands.md").read_text(encoding="utf-8")
    section = commands.split(f"\n## argmap {output.command}\n")[1].split("\n## ")[0]
    assert set(output.names) <= set(re.findall(r"[\w-]+", section))


@pytest.mark.parametrize("output", OUTPUTS, ids=lambda o: f"{o.command}-{o.name}")
def test_every_output_is_made(output: Output, tmp_path: Path) -> None:
    target = tmp_path / f"out.{output.name}"
    if output.command in REPORTS:
        argv = [output.command, str(DEBATE), "--format", output.name]
        if output.command == "show":
            argv.insert(2, "lossy-copies")
        if output.command == "diff":  # every claim added to nothing
            argv.insert(1, "/dev/null")
    elif output.command == "render":
        argv = ["render", str(DEBATE), "-o", str(target), "--format", output.name]
    else:
        argv = ["export", str(DEBATE), "-o", str(target), "--to", output.name]
    result = runner.invoke(app, argv, env={"NO_COLOR": "1", "COLUMNS": "100"})
    assert result.exit_code == (1 if output.command == "diff" else 0), result.output
    made = result.stdout_bytes if output.command in REPORTS else target.read_bytes()
    assert len(made) > 100
    if not output.binary:
        text = made.decode("utf-8")
        # A claim every output shows (SVG writes its hyphens as `&#45;`).
        assert "single-bit-legal" in text.replace("&#45;", "-")
