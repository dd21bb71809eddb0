"""Values that used to end in a traceback now end in one line that says what is wrong, and an
exit status: 2 for an option, 1 for input (docs/robustness.md)."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from argmap.cli import app

from .conftest import ROOT
from .test_render_limits import fake_dot

DEBATE = ROOT / "debates/lossy-compression.yaml"
runner = CliRunner()


@pytest.mark.parametrize("value", ["inf", "1e400", "nan"])
@pytest.mark.parametrize("option", ["--timeout", "--interval"])
def test_a_time_that_is_not_finite_is_a_usage_error(
    tmp_path: Path, option: str, value: str
) -> None:
    command = "render" if option == "--timeout" else "watch"
    argv = [command, str(DEBATE), "-o", str(tmp_path / "m.dot"), option, value]
    result = runner.invoke(app, argv)
    assert result.exit_code == 2, result.output
    assert f"Invalid value for '{option}'" in result.stderr
    assert not (tmp_path / "m.dot").exists()


def test_a_size_below_one_byte_is_a_usage_error_not_no_limit() -> None:
    result = runner.invoke(app, ["--max-size", "0.5", "check", str(DEBATE)])
    assert result.exit_code == 2
    assert "'0.5' is less than one byte; give at least 1 (0: no limit)" in result.stderr
    assert runner.invoke(app, ["--max-size", "0", "check", str(DEBATE)]).exit_code == 0


def test_a_json_number_too_long_to_read(tmp_path: Path) -> None:
    source = tmp_path / "big.json"
    number = "9" * 5000
    source.write_text(f'{{"nodes": [{{"id": "a", "text": "A", "n": {number}}}], "edges": []}}')
    result = runner.invoke(app, ["import", "json", str(source), "-o", str(tmp_path / "d.yaml")])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"argmap: error: {source}: the JSON holds a number too long")
    assert not (tmp_path / "d.yaml").exists()


@pytest.mark.parametrize(
    ("script", "message"),
    [
        ("printf '\\377\\376<svg/>'", "wrote an SVG that is not UTF-8 text"),
        ("printf 'not a drawing'", "wrote no <svg> element"),
    ],
)
def test_a_dot_that_writes_no_svg_for_the_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, script: str, message: str
) -> None:
    fake_dot(tmp_path / "bin", script, monkeypatch)
    out = tmp_path / "m.html"
    result = runner.invoke(app, ["render", str(DEBATE), "-o", str(out)])
    assert (result.exit_code, result.stderr) == (
        1,
        f"argmap: error: Graphviz's `dot` {message}; nothing was written\n",
    )
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir()] == ["bin"]


# --- standard output that is closed, full, or cannot show a mark ---------------------------------


def argmap_shell(
    command: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """`argmap ...` run by a shell, so that its redirections (`>&-`, `> /dev/full`) apply."""
    argmap = f"{shlex.quote(sys.executable)} -m argmap"
    return subprocess.run(
        ["sh", "-c", command.replace("argmap", argmap, 1)],
        capture_output=True,
        text=True,
        env={**os.environ, "NO_COLOR": "1", **(env or {})},
        cwd=ROOT,
        check=False,
    )


@pytest.mark.parametrize(
    "command",
    [
        "argmap check -f json debates/lossy-compression.yaml >&-",
        "argmap schema >&-",
        "argmap summary debates/lossy-compression.yaml >&-",
        "argmap render debates/lossy-compression.yaml -o - -f dot >&-",
    ],
)
def test_a_closed_standard_output(command: str) -> None:
    done = argmap_shell(command)
    assert (done.returncode, done.stderr) == (
        1,
        "argmap: error: standard output is closed; nothing can be written to it\n",
    )


@pytest.mark.parametrize(
    "command",
    [
        "argmap --help > /dev/full",
        "argmap summary debates/lossy-compression.yaml > /dev/full",
        "argmap tree --format json debates/lossy-compression.yaml > /dev/full",
        "argmap export debates/lossy-compression.yaml -o - --to json > /dev/full",
    ],
)
def test_a_full_standard_output(command: str) -> None:
    done = argmap_shell(command)
    assert (done.returncode, done.stderr) == (
        1,
        "argmap: error: cannot write to standard output: No space left on device\n",
    )


def test_a_closed_standard_output_does_not_stop_a_command_that_writes_a_file(
    tmp_path: Path,
) -> None:
    out = tmp_path / "m.dot"
    done = argmap_shell(f"argmap render debates/lossy-compression.yaml -o {out} >&-")
    assert (done.returncode, done.stderr) == (0, f"wrote {out}\n")


@pytest.mark.parametrize("encoding", ["latin-1", "ascii"])
def test_a_terminal_without_the_marks_gets_them_in_ascii(encoding: str) -> None:
    done = argmap_shell(
        "argmap summary debates/retrieval-or-concepts.yaml",
        {"PYTHONIOENCODING": encoding},
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[3] == "Status: + 10 standing, x 4 defeated, ? 0 undecided"
    assert "  table-lookup x defeated <- backprop, not-recording" in lines
    shown = argmap_shell(
        "argmap show debates/retrieval-or-concepts.yaml lookup", {"PYTHONIOENCODING": encoding}
    )
    assert shown.stdout.splitlines()[0] == "lookup - flatbield - x defeated"


def test_columns_beyond_any_terminal_are_capped() -> None:
    done = argmap_shell(
        "argmap tree debates/retrieval-or-concepts.yaml", {"COLUMNS": "99999999999"}
    )
    assert done.returncode == 0, done.stderr
    assert max(len(line) for line in done.stdout.splitlines()) <= 1000


def test_text_the_terminal_cannot_show_is_escaped_not_a_traceback(tmp_path: Path) -> None:
    debate = tmp_path / "jp.yaml"
    debate.write_text('title: "日本"\nclaims:\n  a: {text: "日本語"}\n', encoding="utf-8")
    done = argmap_shell(f"argmap tree {debate}", {"PYTHONIOENCODING": "latin-1"})
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.splitlines() == [
        "\\u65e5\\u672c",
        "`-- + standing 0.50 - a",
        "    \\u65e5\\u672c\\u8a9e",
    ]
