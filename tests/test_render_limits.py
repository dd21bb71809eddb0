"""When Graphviz misbehaves: too slow, killed, failing, or the user presses Ctrl-C.

A stand-in `dot` on PATH plays each part. Whatever happens, the previous output stays as it was,
no temporary file is left, no `dot` outlives the command, and the message says what to try.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from argmap.cli import app
from argmap.render.dot import DiagramError, render_image

from .conftest import ROOT

runner = CliRunner()
DEBATE = ROOT / "debates/lossy-compression.yaml"


def fake_dot(folder: Path, script: str, monkeypatch: pytest.MonkeyPatch | None = None) -> Path:
    """A `dot` that runs `script` (sh) instead of drawing, first on PATH."""
    folder.mkdir(exist_ok=True)
    program = folder / "dot"
    program.write_text(f"#!/bin/sh\n{script}\n")
    program.chmod(0o755)
    if monkeypatch is not None:
        monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")
    return folder


@pytest.fixture
def previous(tmp_path: Path) -> Path:
    out = tmp_path / "out" / "m.svg"
    out.parent.mkdir()
    out.write_text("the previous drawing")
    return out


def assert_untouched(out: Path) -> None:
    assert out.read_text() == "the previous drawing"
    assert [p.name for p in out.parent.iterdir()] == ["m.svg"]


def test_a_slow_layout_is_stopped_at_the_time_limit(
    tmp_path: Path, previous: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_dot(tmp_path / "bin", "exec sleep 30", monkeypatch)
    started = time.monotonic()
    result = runner.invoke(app, ["render", str(DEBATE), "-o", str(previous), "--timeout", "0.5"])
    assert time.monotonic() - started < 10
    assert (result.exit_code, result.stderr) == (
        1,
        "argmap: error: Graphviz's `dot` took longer than 0.5 s and was stopped; draw part of "
        "the map (--focus ID --depth N, --speaker NAME, --unanswered), write .dot or .mmd, "
        "which need no layout, or allow more time with --timeout SECONDS (0: no limit)\n",
    )
    assert_untouched(previous)


def test_no_limit_with_timeout_zero(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A `dot` that answers after a pause longer than any limit the test could mistake for 0.
    fake_dot(tmp_path / "bin", "sleep 0.3; printf '<svg/>'", monkeypatch)
    assert render_image("digraph {}", "svg", timeout=0) == b"<svg/>"
    with pytest.raises(DiagramError, match=r"took longer than 0\.1 s"):
        render_image("digraph {}", "svg", timeout=0.1)


def test_a_killed_dot(tmp_path: Path, previous: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake_dot(tmp_path / "bin", "kill -KILL $$", monkeypatch)
    result = runner.invoke(app, ["render", str(DEBATE), "-o", str(previous)])
    assert (result.exit_code, result.stderr) == (
        1,
        "argmap: error: Graphviz's `dot` was stopped by SIGKILL; nothing was written\n",
    )
    assert_untouched(previous)


def test_a_failing_dot_reports_its_last_line(
    tmp_path: Path, previous: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_dot(tmp_path / "bin", "echo 'Warning: x' >&2; echo 'Error: out of memory' >&2; exit 1")
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}")
    result = runner.invoke(app, ["render", str(DEBATE), "-o", str(previous)])
    assert (result.exit_code, result.stderr) == (
        1,
        "argmap: error: Graphviz's `dot` failed: Error: out of memory; nothing was written\n",
    )
    assert_untouched(previous)


def test_ctrl_c_stops_dot_and_keeps_the_previous_output(tmp_path: Path, previous: Path) -> None:
    pid_file = tmp_path / "dot.pid"
    folder = fake_dot(tmp_path / "bin", f"echo $$ > {pid_file}\nexec sleep 30")
    env = {**os.environ, "PATH": f"{folder}{os.pathsep}{os.environ['PATH']}", "NO_COLOR": "1"}
    argmap = subprocess.Popen(
        [sys.executable, "-m", "argmap", "render", str(DEBATE), "-o", str(previous)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        # A job started in the background by a non-interactive shell (as CI may run the tests)
        # inherits SIGINT ignored, and Python then installs no Ctrl-C handler: undo that.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    try:
        deadline = time.monotonic() + 20
        while not pid_file.exists() or not pid_file.read_text().strip():
            assert time.monotonic() < deadline, "dot never started"
            time.sleep(0.02)
        dot_pid = int(pid_file.read_text())
        argmap.send_signal(signal.SIGINT)
        _, stderr = argmap.communicate(timeout=20)
    finally:
        argmap.kill()
    assert (argmap.returncode, stderr) == (
        130,
        b"argmap: error: interrupted; nothing was written\n",
    )
    assert_untouched(previous)
    deadline = time.monotonic() + 5
    while Path(f"/proc/{dot_pid}").exists() and "Z" not in state(dot_pid):
        assert time.monotonic() < deadline, "dot outlived argmap"
        time.sleep(0.02)


def state(pid: int) -> str:
    """The process state letter from /proc (Z: a zombie, already dead)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return "Z"
