"""When Graphviz misbehaves: too slow, killed, failing, or the user presses Ctrl-C; or when it
shrinks a PNG too large for it.

A stand-in `dot` on PATH plays each part. Whatever happens, the previous output stays as it was,
no temporary file is left, no `dot` outlives the command, and the message says what to try. The
shrunk PNG is drawn by the real `dot`.
"""

from __future__ import annotations

import math
import os
import signal
import struct
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from argmap import loads
from argmap.cli import app
from argmap.errors import DiagramError
from argmap.render import image
from argmap.render.formats import render
from argmap.render.image import BITMAP_LIMIT, draw_image, render_image

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


@pytest.mark.parametrize(
    ("signum", "status", "message"),
    [
        (signal.SIGINT, 130, "interrupted; nothing was written"),
        (signal.SIGTERM, 143, "stopped by SIGTERM; nothing was written"),
        (signal.SIGHUP, 129, "stopped by SIGHUP; nothing was written"),
    ],
    ids=["ctrl-c", "TERM", "HUP"],
)
def test_a_signal_stops_dot_and_keeps_the_previous_output(
    tmp_path: Path, previous: Path, signum: signal.Signals, status: int, message: str
) -> None:
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
        deadline = time.monotonic() + 60
        while not pid_file.exists() or not pid_file.read_text().strip():
            assert time.monotonic() < deadline, "dot never started"
            time.sleep(0.02)
        dot_pid = int(pid_file.read_text())
        argmap.send_signal(signum)
        _, stderr = argmap.communicate(timeout=20)
    finally:
        argmap.kill()
    assert (argmap.returncode, stderr.decode()) == (status, f"argmap: error: {message}\n")
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


def test_a_dot_that_writes_without_end_is_stopped(
    tmp_path: Path, previous: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(image, "MAX_DRAWING", 1 << 20)  # 1 MiB: the test need not make 512
    fake_dot(tmp_path / "bin", "exec cat /dev/zero", monkeypatch)
    result = runner.invoke(app, ["render", str(DEBATE), "-o", str(previous)])
    assert (result.exit_code, result.stderr) == (
        1,
        "argmap: error: Graphviz's `dot` wrote more than 1 MiB and was stopped; "
        "nothing was written\n",
    )
    assert_untouched(previous)


def test_a_dot_that_says_too_much_is_cut_short(
    tmp_path: Path, previous: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 2 MB of messages on one line, then a failure: what argmap keeps and shows stays small.
    fake_dot(tmp_path / "bin", "head -c 2000000 /dev/zero | tr '\\0' x >&2; exit 1", monkeypatch)
    result = runner.invoke(app, ["render", str(DEBATE), "-o", str(previous)])
    assert result.exit_code == 1
    assert result.stderr == (
        f"argmap: error: Graphviz's `dot` failed: {'x' * image.MAX_LINE}…; nothing was written\n"
    )
    assert_untouched(previous)


# --- a PNG larger than Graphviz can draw ---------------------------------------------------------

# One claim answered by 120 others side by side: about 39,600 pixels wide at 96 dpi, more than
# the 32,767 Graphviz's cairo renderer can draw, in under a second. (Here 100 answers, 101
# claims, are the fewest that go over: 33,055 pixels, shrunk by 0.991287; 99 fit in 32,727.)
WIDE = "title: Wide\nclaims:\n  t: {text: The thesis.}\n" + "".join(
    f"  r{i}: {{text: 'A reply of some length that wraps over a line or two, like a real one.', "
    "rebuts: t}\n"
    for i in range(120)
)


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def full_width(debate_text: str) -> float:
    """The width in pixels the map would have as a PNG at full size, from its SVG (points)."""
    svg = render(loads(debate_text), "svg")
    assert svg.scaled is None  # SVG has no such limit
    points = float(ET.fromstring(svg.data).attrib["width"].removesuffix("pt"))
    return points * 96 / 72  # Graphviz draws PNG at 96 pixels per inch


def shrunk_message(percent: str) -> str:
    return (
        f"argmap: warning: the map is too large for a PNG, so Graphviz shrank it to {percent} of "
        "its size (a PNG it draws is at most 32,767 pixels wide and high), and its text may be "
        "too small to read; for the whole map at full size write SVG or HTML (-o map.svg), or "
        "draw part of it (--focus ID --depth N, --speaker NAME, --unanswered)\n"
    )


def test_the_library_returns_the_factor_a_png_was_shrunk_by() -> None:
    drawn = render(loads(WIDE), "png")
    assert png_size(drawn.data)[0] == BITMAP_LIMIT == 32767
    assert drawn.scaled is not None
    # Graphviz scales the drawing by the limit over its full width (printed to 6 digits).
    assert drawn.scaled == pytest.approx(BITMAP_LIMIT / full_width(WIDE), abs=1e-4)
    assert 0.5 < drawn.scaled < 0.95


def test_a_shrunk_png_is_said_on_stderr_with_what_to_do(tmp_path: Path) -> None:
    debate, out = tmp_path / "wide.yaml", tmp_path / "wide.png"
    debate.write_text(WIDE)
    started = time.monotonic()
    result = runner.invoke(app, ["render", str(debate), "-o", str(out)])
    assert time.monotonic() - started < 10
    percent = f"{math.floor(BITMAP_LIMIT / full_width(WIDE) * 100)}%"  # 82% here
    assert (result.exit_code, result.stdout, result.stderr) == (
        0,
        "",
        shrunk_message(percent) + f"wrote {out}\n",
    )
    assert png_size(out.read_bytes())[0] == 32767


def test_the_warning_of_newer_graphviz_is_read_too(
    tmp_path: Path, previous: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Graphviz 2.43 starts the line with "dot: ", later versions with "Warning: ".
    fake_dot(
        tmp_path / "bin",
        "echo 'Warning: graph is too large for cairo-renderer bitmaps. Scaling by 0.0421 to fit' "
        ">&2; printf PNG",
        monkeypatch,
    )
    assert draw_image("digraph {}", "png").scaled == 0.0421
    out = previous.with_suffix(".png")
    result = runner.invoke(app, ["render", str(DEBATE), "-o", str(out)])
    assert (result.exit_code, result.stderr) == (0, shrunk_message("4%") + f"wrote {out}\n")
    assert out.read_bytes() == b"PNG"


def test_other_messages_of_dot_are_not_taken_for_a_shrunk_png(
    tmp_path: Path, previous: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_dot(
        tmp_path / "bin", "echo 'Warning: no value for width of 123' >&2; printf PNG", monkeypatch
    )
    assert draw_image("digraph {}", "png").scaled is None
    out = previous.with_suffix(".png")
    result = runner.invoke(app, ["render", str(DEBATE), "-o", str(out)])
    assert (result.exit_code, result.stderr) == (0, f"wrote {out}\n")
