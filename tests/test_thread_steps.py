"""The README's "map a thread in three steps", as a new user runs them: import a real seed
thread, classify every reply in `argmap label` in a real pseudo-terminal, then summarise; the
file checks clean with `--strict`, and its statuses are no longer provisional."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

from .conftest import ROOT
from .terminal import Terminal

README = (ROOT / "README.md").read_text(encoding="utf-8")


def steps() -> list[list[str]]:
    """The commands of the README's three steps, as argument lists after `argmap`."""
    block = README.split("## Map a thread in three steps")[1].split("```sh\n")[1].split("```")[0]
    return [shlex.split(line.split("#")[0])[1:] for line in block.splitlines() if line.strip()]


def argmap(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {"PYTHONPATH": str(ROOT), "NO_COLOR": "1", "COLUMNS": "100", "PATH": "/usr/bin:/bin"}
    return subprocess.run(
        [sys.executable, "-m", "argmap", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_readme_gives_three_steps() -> None:
    assert [s[0] for s in steps()] == ["import", "label", "summary"]


def test_a_seed_thread_mapped_in_three_steps(tmp_path: Path) -> None:
    imported, label, summary = steps()
    seed = Path(imported[2])
    (tmp_path / seed.parent).mkdir(parents=True)
    shutil.copy(ROOT / seed, tmp_path / seed)

    done = argmap(*imported, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines()[-2:] == [
        "5 replies are not yet classified; `argmap label thread.yaml` walks them one key at a time",
        "wrote thread.yaml",
    ]
    before = argmap("summary", "thread.yaml", cwd=tmp_path).stdout
    assert "Statuses are provisional: 5 replies are not yet classified" in before
    assert argmap("check", "--strict", "thread.yaml", cwd=tmp_path).returncode == 1

    # Every reply of the seed, classified one key each: rebuts, rebuts, undercuts, supports,
    # not an argument, in the order argmap label shows them.
    with Terminal.argmap(*label, cwd=tmp_path) as term:
        session = term.classify_all("rrusn")
    assert term.status == 0, session
    assert "1 of 5" in session and "5 of 5" in session
    assert re.search(r"classified 5\b", session), session

    checked = argmap("check", "--strict", "thread.yaml", cwd=tmp_path)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    after = argmap(*summary, cwd=tmp_path)
    assert after.returncode == 0 and "provisional" not in after.stdout
    assert "5 relations: rebuts 2, supports 1, undercuts 1" in after.stdout or (
        "relations: rebuts 2, supports 1, undercuts 1" in after.stdout
    )
