"""`argmap import text --copied-at TIME`: a pasted thread dated from the ages its page showed,
then replayed (`argmap timeline`) and seen as of a moment (`--as-of`), on the project's seed 003
(tests/data/threads/text/seed-003.txt, a Lemmy thread copied from the browser).

The seeds do not say when they were copied; the tests state a moment, 2023-07-20T12:00:00Z, as a
user would give theirs, and every date follows from it and the ages on the page.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from argmap import load

from .conftest import ROOT

SEED = ROOT / "tests" / "data" / "threads" / "text" / "seed-003.txt"
COPIED = "2023-07-20T12:00:00Z"


def argmap(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "argmap", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "NO_COLOR": "1", "COLUMNS": "100", "PYTHONPATH": str(ROOT)},
        check=False,
    )


def imported(tmp_path: Path) -> Path:
    out = tmp_path / "seed-003.yaml"
    done = argmap("import", "text", str(SEED), "--copied-at", COPIED, "-o", str(out))
    assert done.returncode == 0, done.stderr
    return out


def test_each_comment_is_dated_from_the_age_its_page_showed(tmp_path: Path) -> None:
    path = imported(tmp_path)
    debate = load(path)
    # `05 days ago` (score 0 glued to 5 days), `04 days ago`, `4 days ago` (its score on a
    # line of its own), `04 days ago`: dates, since an age in days gives no hour.
    assert {c.id: c.at for c in debate.claims.values()} == {
        "enumerator4829-1": "2023-07-15",
        "enumerator4829-1.q1": "2023-07-15",
        "FaceDeer-1": "2023-07-16",
        "FaceDeer-1.2": "2023-07-16",
        "HereIAm-1": "2023-07-16",
        "yetAnotherUser-1": "2023-07-16",
    }
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.endswith(
        "times: each comment's age counted back from 2023-07-20T12:00:00Z, when the page was "
        "copied, to the precision of the age."
    )


def test_the_dated_seed_replays_in_time_order_and_as_of_a_day(tmp_path: Path) -> None:
    path = imported(tmp_path)
    labelled = argmap("label", str(path), "--set", "FaceDeer-1=rebuts")
    assert labelled.returncode == 0, labelled.stderr
    done = argmap("timeline", str(path))
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[1:] == [
        "Replayed in time order (UTC): 6 claims arrived, 1 status change",
        "",
        "2023-07-15",
        "  enumerator4829 enumerator4829-1",
        "  enumerator4829 enumerator4829-1.q1 answers enumerator4829-1",
        "",
        "2023-07-16",
        "  FaceDeer FaceDeer-1 rebuts enumerator4829-1: enumerator4829-1 ✔ standing → ✘ defeated",
        "  FaceDeer FaceDeer-1.2 answers enumerator4829-1.q1",
        "  HereIAm HereIAm-1 answers FaceDeer-1",
        "  yetAnotherUser yetAnotherUser-1 answers HereIAm-1",
        "",
        "Statuses are provisional: 4 replies are not yet classified, and no status depends on them "
        "until they",
        "are (`argmap label FILE` classifies them).",
    ]
    before = argmap("unanswered", str(path), "--as-of", "2023-07-15", "--format", "json")
    assert before.returncode == 0, before.stderr
    assert before.stderr == (
        "argmap: note: the debate as of 2023-07-15, end of day UTC: 2 of 6 claims made by then\n"
    )
    assert [u["id"] for u in json.loads(before.stdout)] == [
        "enumerator4829-1",
        "enumerator4829-1.q1",
    ]


def test_copied_at_is_for_pasted_text_and_must_be_a_time(tmp_path: Path) -> None:
    thread = ROOT / "tests" / "data" / "threads" / "reddit" / "praw-3hahrw-cu61tk1.json"
    other = argmap("import", "reddit", str(thread), "--copied-at", COPIED, "-o", "-")
    assert (other.returncode, other.stderr) == (
        2,
        "argmap: error: --copied-at is for `argmap import text`: a site's JSON has each "
        "comment's own time\n",
    )
    bad = argmap("import", "text", str(SEED), "--copied-at", "last tuesday", "-o", "-")
    assert (bad.returncode, bad.stderr) == (
        2,
        "argmap: error: --copied-at: 'last tuesday' is not a time: give the date and time the "
        "page was copied, with its time zone (2023-07-20T12:00:00Z, 2023-07-20T14:00+02:00)\n",
    )
    assert not list(tmp_path.iterdir())
