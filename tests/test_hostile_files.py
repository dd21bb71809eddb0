"""No file is hurt: the input reached by another path is never overwritten, `-o /dev/stdout`
writes where standard output goes, and permissions are never widened (docs/robustness.md)."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from argmap.cli import app

from .conftest import ROOT

DEBATE = ROOT / "debates/lossy-compression.yaml"
runner = CliRunner()


def aliases(tmp_path: Path) -> tuple[Path, list[Path]]:
    """A debate, and other paths to the very same file: a hard link and a symbolic link."""
    src = tmp_path / "src"
    src.mkdir()
    debate = src / "d.yaml"
    debate.write_bytes(DEBATE.read_bytes())
    hard = tmp_path / "hard.yaml"
    os.link(debate, hard)
    soft = tmp_path / "soft.yaml"
    soft.symlink_to(debate)
    return debate, [hard, soft]


@pytest.mark.parametrize(
    "argv",
    [
        ["render", "{debate}", "-o", "{alias}", "-f", "dot"],
        ["export", "{debate}", "-o", "{alias}", "--to", "json"],
        ["import", "json", "{exported}", "-o", "{alias}", "--force"],
    ],
    ids=["render", "export", "import"],
)
def test_the_input_reached_by_another_path_is_never_overwritten(
    tmp_path: Path, argv: list[str]
) -> None:
    debate, others = aliases(tmp_path)
    exported = tmp_path / "d.json"
    export = ["export", str(debate), "-o", str(exported), "--to", "json"]
    assert runner.invoke(app, export).exit_code == 0
    os.link(exported, tmp_path / "hard-json.yaml")
    for alias in others:
        if argv[0] == "import":  # the input is the JSON file, reached through its hard link
            alias = tmp_path / "hard-json.yaml"
        before = (debate.read_bytes(), exported.read_bytes())
        args = [a.format(debate=debate, alias=alias, exported=exported) for a in argv]
        result = runner.invoke(app, args)
        assert result.exit_code == 1, result.output
        assert "choose another OUT" in result.stderr
        assert (debate.read_bytes(), exported.read_bytes()) == before


def test_render_to_dev_stdout_sent_to_a_file(tmp_path: Path) -> None:
    # A link made as /dev/stdout is (to /proc/self/fd/1), in the test's own folder, so that a
    # regression replaces it rather than the machine's /dev/stdout.
    link = tmp_path / "stdout"
    link.symlink_to("/proc/self/fd/1")
    out = tmp_path / "out.mmd"
    argv = [sys.executable, "-m", "argmap", "render", str(DEBATE), "-o", str(link), "-f", "mmd"]
    with out.open("wb") as f:
        done = subprocess.run(argv, stdout=f, stderr=subprocess.PIPE, check=False)
    assert done.returncode == 0, done.stderr
    assert out.read_text(encoding="utf-8").startswith("---\ntitle: ")
    assert link.is_symlink()


def test_outputs_follow_the_umask_and_keep_their_mode(tmp_path: Path) -> None:
    new = tmp_path / "new.yaml"
    drawn = tmp_path / "map.dot"
    old = os.umask(0o077)
    try:
        assert runner.invoke(app, ["new", str(new)]).exit_code == 0
        assert runner.invoke(app, ["render", str(DEBATE), "-o", str(drawn)]).exit_code == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE(new.stat().st_mode) == 0o600
    assert stat.S_IMODE(drawn.stat().st_mode) == 0o600
    drawn.chmod(0o640)
    assert runner.invoke(app, ["render", str(DEBATE), "-o", str(drawn)]).exit_code == 0
    assert stat.S_IMODE(drawn.stat().st_mode) == 0o640


def test_a_line_break_in_a_file_name_cannot_forge_a_line(tmp_path: Path) -> None:
    broken = tmp_path / "x\nFAKE: ok.yaml"
    broken.write_text("title: T\nclaims:\n  a: {text: A, rebuts: nope}\n")
    result = runner.invoke(app, ["check", str(broken)], env={"NO_COLOR": "1"})
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert not any(line.startswith("FAKE") for line in lines), lines
    assert lines[0].startswith(f"{tmp_path}/x\\nFAKE: ok.yaml:3:")
    good = tmp_path / "y\nFAKE: 0 errors.yaml"
    good.write_text("title: T\nclaims:\n  a: {text: A}\n")
    result = runner.invoke(app, ["check", str(good)], env={"NO_COLOR": "1"})
    assert result.stdout.splitlines()[0] == f"{tmp_path}/y\\nFAKE: 0 errors.yaml: ok: " + (
        "1 claim, 0 relations, 0 speakers, 0 sources"
    )
