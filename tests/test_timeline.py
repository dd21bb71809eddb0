"""The debate in time: when each claim counts as made (`analyze.times`), `--as-of TIME` on the
reports, drawings and exports, `argmap timeline`, and the incremental labelling behind it
(`analyze.replay`), held to a full labelling at every step of random debates."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner, Result

from argmap import loads
from argmap.analysis import analyse
from argmap.analyze import Status, arrivals, as_of, grounded, parse_as_of, replay
from argmap.cli import app
from argmap.render.timeline import moment_line

from .conftest import ROOT

runner = CliRunner()
ENV: dict[str, str | None] = {"COLUMNS": "100", "NO_COLOR": "1", "FORCE_COLOR": None}
THREAD = ROOT / "tests/data/threads/hn/algolia-handmade.json"
LINTER = ROOT / "tests/data/timeline/linter.yaml"  # THREAD imported and labelled, as below
LABELS = ["cy-1=rebuts", "ann-2=rebuts", "dee-1=rebuts", "bo-1.q1=supports", "bo-1=supports"]


def invoke(*args: str) -> Result:
    return runner.invoke(app, list(args), env=ENV)


@pytest.fixture(scope="module")
def thread(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Hacker News thread imported (each claim has the time it was posted), with its
    replies classified by `argmap label --set`."""
    path = tmp_path_factory.mktemp("thread") / "linter.yaml"
    assert invoke("import", "hn", str(THREAD), "-o", str(path)).exit_code == 0
    labelled = invoke("label", str(path), *(a for s in LABELS for a in ("--set", s)))
    assert labelled.exit_code == 0, labelled.output
    return path


def test_the_docs_example_is_the_thread_imported_and_labelled(thread: Path) -> None:
    assert thread.read_bytes() == LINTER.read_bytes()


# --- argmap timeline ---------------------------------------------------------------------------

TIMELINE = """\
Ask HN: Should a linter block a commit?
Replayed in time order (UTC): 6 claims arrived, 4 status changes

2023-11-14
  22:13:20  ann ann-1
  22:18:20  bo bo-1 supports ann-1
  22:18:20  bo bo-1.q1 supports bo-1
  22:20:00  dee dee-1 rebuts ann-1: ann-1 ✔ standing → ✘ defeated
  22:23:20  cy cy-1 rebuts bo-1.q1: bo-1.q1 ✔ standing → ✘ defeated
  22:30:00  ann ann-2 rebuts cy-1: cy-1 ✔ standing → ✘ defeated; bo-1.q1 ✘ defeated → ✔ standing
"""


def test_timeline_of_an_imported_thread(thread: Path) -> None:
    result = invoke("timeline", str(thread))
    assert (result.exit_code, result.stdout, result.stderr) == (0, TIMELINE, "")


def _step(at: str, claim: str, by: str, relations: str = "", changes: str = "") -> object:
    """A step of `timeline --format json`, written short: `kind target` and `claim from to`."""
    return {
        "at": f"2023-11-14T{at}Z",
        "timed": True,
        "claim": claim,
        "by": by,
        "status": "standing",
        "relations": [
            {"source": claim, "kind": kind, "target": target}
            for kind, target in (r.split() for r in relations.split(",") if r)
        ],
        "changes": [
            {"claim": c, "from": before, "to": after}
            for c, before, after in (x.split() for x in changes.split(",") if x)
        ],
    }


def test_timeline_json_of_an_imported_thread(thread: Path) -> None:
    result = invoke("timeline", str(thread), "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == [
        _step("22:13:20", "ann-1", "ann"),
        _step("22:18:20", "bo-1", "bo", "supports ann-1"),
        _step("22:18:20", "bo-1.q1", "bo", "supports bo-1"),
        _step("22:20:00", "dee-1", "dee", "rebuts ann-1", "ann-1 standing defeated"),
        _step("22:23:20", "cy-1", "cy", "rebuts bo-1.q1", "bo-1.q1 standing defeated"),
        _step(
            "22:30:00",
            "ann-2",
            "ann",
            "rebuts cy-1",
            "cy-1 standing defeated,bo-1.q1 defeated standing",
        ),
    ]


def test_the_last_step_leaves_the_statuses_of_the_whole_debate(thread: Path) -> None:
    analysis = analyse(loads(thread.read_text()))
    final: dict[str, Status] = {}
    for step in analysis.timeline:
        final[step.claim] = step.status
        final.update((c.claim, c.after) for c in step.changes)
    assert final == dict(analysis.status)


# --- --as-of -----------------------------------------------------------------------------------


def test_summary_as_of_a_moment(thread: Path) -> None:
    result = invoke("summary", str(thread), "--as-of", "2023-11-14T22:25:00+00:00", "-n", "0")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[:4] == [
        "Ask HN: Should a linter block a commit? (as of 2023-11-14T22:25:00Z)",
        "5 claims, 4 speakers, 2 sources",
        "4 relations: rebuts 2, supports 2, undercuts 0",
        "Status: ✔ 3 standing, ✘ 2 defeated, ? 0 undecided",
    ]
    assert result.stderr == (
        "argmap: note: the debate as of 2023-11-14T22:25:00Z: 5 of 6 claims made by then\n"
    )
    data = json.loads(
        invoke("summary", str(thread), "-f", "json", "--as-of", "2023-11-14T23:25+01:00").stdout
    )
    assert data["title"] == "Ask HN: Should a linter block a commit? (as of 2023-11-14T22:25:00Z)"
    assert {c["id"]: c["status"] for c in data["claims"]} == {
        "ann-1": "defeated",
        "bo-1": "standing",
        "bo-1.q1": "defeated",
        "dee-1": "standing",
        "cy-1": "standing",
    }


def test_a_date_is_the_end_of_that_day(thread: Path) -> None:
    whole = invoke("unanswered", str(thread), "--as-of", "2023-11-14")
    assert whole.stdout == invoke("unanswered", str(thread)).stdout
    assert whole.stderr == (
        "argmap: note: the debate as of 2023-11-14, end of day UTC: 6 of 6 claims made by then\n"
    )
    before = invoke("tree", str(thread), "--as-of", "2023-11-13")
    assert (before.exit_code, before.stdout) == (
        0,
        "Ask HN: Should a linter block a commit? (as of 2023-11-13, end of day UTC)\n",
    )


MERMAID_AS_OF = """\
---
title: "Ask HN: Should a linter block a commit? (as of 2023-11-14T22:21:00Z)"
---
flowchart BT
    ann-1(["ann-1 #183; ann<br>We argue about this every sprint.<br>Should a failing linter \
stop a commit,<br>or only the merge?<br>#10008; defeated"])
    bo-1["bo-1 #183; bo<br>See https#58;//example.org/style for the<br>rule we follow.<br>\
#10004; standing #183; unanswered"]
    bo-1.q1["bo-1.q1 #183; bo<br>Yes#58; a commit is cheap to redo, a broken<br>main branch \
is not.<br>#10004; standing #183; unanswered"]
    dee-1["dee-1 #183; dee<br>No#58; continuous integration is the place<br>for it.<br>\
#10004; standing #183; unanswered"]
    bo-1 -.->|supports| ann-1
    bo-1.q1 -.->|supports| bo-1
    dee-1 -->|rebuts| ann-1
"""


def test_render_as_of_draws_only_the_claims_made_by_then(thread: Path) -> None:
    result = invoke("render", str(thread), "-o", "-", "-f", "mmd", "--as-of", "2023-11-14T22:21Z")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(MERMAID_AS_OF)
    assert "class ann-1 defeated;" in result.stdout
    assert "class bo-1,bo-1.q1,dee-1 standing;" in result.stdout


def test_export_as_of_holds_only_the_claims_made_by_then(thread: Path) -> None:
    tgf = invoke("export", str(thread), "--to", "tgf", "-o", "-", "--as-of", "2023-11-14T22:21Z")
    assert (tgf.exit_code, tgf.stdout) == (0, "ann-1\nbo-1\nbo-1.q1\ndee-1\n#\ndee-1 ann-1\n")
    node_link = invoke(
        "export", str(thread), "--to", "json", "-o", "-", "--as-of", "2023-11-14T22:19Z"
    )
    data = json.loads(node_link.stdout)
    nodes = [n["id"] for n in data["nodes"] if n.get("kind", "claim") == "claim"]
    assert nodes == ["ann-1", "bo-1", "bo-1.q1"]
    assert [(e["source"], e["target"]) for e in data["edges"] if e["kind"] != "cites"] == [
        ("bo-1", "ann-1"),
        ("bo-1.q1", "bo-1"),
    ]


@pytest.mark.parametrize(
    "argv",
    [
        ["summary", "F", "--as-of", "2023-11-1"],
        ["show", "F", "ann-1", "--as-of", "yesterday"],
        ["tree", "F", "--as-of", "2023-11-14T22:25"],  # no time zone
        ["unanswered", "F", "--as-of", "2023-02-30"],
        ["render", "F", "-o", "-", "-f", "dot", "--as-of", "14:02"],
        ["export", "F", "--to", "tgf", "-o", "-", "--as-of", "2023-13-01"],
    ],
    ids=lambda a: " ".join(a),
)
def test_a_bad_time_is_a_usage_error(thread: Path, argv: list[str]) -> None:
    result = invoke(*(str(thread) if a == "F" else a for a in argv))
    assert (result.exit_code, result.stdout) == (2, "")
    assert "Invalid value for '--as-of'" in result.stderr


NO_TIMES = (
    "argmap: error: no claim in {file} has a time (`at:`), so it has no history\n"
    "  hint: a thread imported from its site's JSON (`argmap import reddit|lemmy|hn|discourse|"
    "mastodon`) gives each claim the time it was posted; or write `at:` on the claims\n"
)


@pytest.mark.parametrize(
    "argv", [["timeline", "F"], ["summary", "F", "--as-of", "2023-11-14"]], ids=" ".join
)
def test_a_debate_with_no_times_has_no_history(argv: list[str]) -> None:
    file = "debates/lossy-compression.yaml"
    result = runner.invoke(
        app, [file if a == "F" else a for a in argv], env={**ENV, "COLUMNS": "300"}
    )
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == NO_TIMES.format(file=file)


# --- claims without a time ---------------------------------------------------------------------

MIXED = """\
title: Some claims have times
claims:
  thesis: {text: T.}
  early: {text: E., rebuts: thesis, at: "2023-07-14T09:00:00Z"}
  late: {text: L., rebuts: early, at: "2023-07-14T11:30:00+02:00"}
  by-hand: {text: H., rebuts: late}
  reason: {text: R., supports: by-hand}
  after: {text: A., rebuts: thesis, at: "2023-07-15"}
"""


def test_an_untimed_claim_counts_as_made_with_what_it_answers() -> None:
    made = arrivals(loads(MIXED))
    assert [(c, None if a.at is None else a.at.isoformat(), a.timed) for c, a in made.items()] == [
        ("thesis", None, False),  # answers nothing: there from the start
        ("early", "2023-07-14T09:00:00+00:00", True),
        ("late", "2023-07-14T09:30:00+00:00", True),
        ("by-hand", "2023-07-14T09:30:00+00:00", False),  # with what it rebuts, after it
        ("reason", "2023-07-14T09:30:00+00:00", False),  # with what it supports, in turn
        ("after", "2023-07-15T00:00:00+00:00", True),  # a date alone: its 00:00 UTC
    ]
    past = as_of(loads(MIXED), parse_as_of("2023-07-14T09:29:59Z"))
    assert list(past.claims) == ["thesis", "early"]


def test_the_timeline_warns_once_for_the_untimed_claims(tmp_path: Path) -> None:
    path = tmp_path / "mixed.yaml"
    path.write_text(MIXED)
    result = invoke("timeline", str(path))
    assert result.exit_code == 0, result.output
    assert result.stderr == (
        "argmap: warning: 3 claims have no time (`at:`): each counts as made when the latest "
        "claim it answers was, or from the start if it answers nothing "
        "(docs/analysis.md#time)\n"
    )
    assert (
        result.stdout
        == """\
Some claims have times
Replayed in time order (UTC): 6 claims arrived, 6 status changes

From the start
  --:--  thesis (no time of its own)

2023-07-14
  09:00  early rebuts thesis: thesis ✔ standing → ✘ defeated
  09:30  late rebuts early: early ✔ standing → ✘ defeated; thesis ✘ defeated → ✔ standing
  09:30  by-hand (no time of its own) rebuts late: late ✔ standing → ✘ defeated; early ✘ defeated →
         ✔ standing; thesis ✔ standing → ✘ defeated
  09:30  reason (no time of its own) supports by-hand

2023-07-15
  (day)  after rebuts thesis
"""
    )


# --- incremental labelling ---------------------------------------------------------------------


@st.composite
def arrivals_of_debates(draw: st.DrawFn) -> tuple[dict[str, list[str]], list[str]]:
    """A random attack graph (cycles, self-attacks and claims attacking later claims included)
    and a random order of arrival."""
    n = draw(st.integers(1, 9))
    ids = [f"c{i}" for i in range(n)]
    edges = draw(st.sets(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), max_size=3 * n))
    attackers: dict[str, list[str]] = {c: [] for c in ids}
    for source, target in sorted(edges):
        attackers[ids[target]].append(ids[source])
    return attackers, draw(st.permutations(ids))


@settings(max_examples=1500, deadline=None)
@given(arrivals_of_debates())
def test_incremental_statuses_equal_a_full_labelling_at_every_step(
    case: tuple[dict[str, list[str]], list[str]],
) -> None:
    attackers, order = case
    for arriving in (order, order[::-1]):  # two replays of each debate: 3,000 in all
        there: list[str] = []
        before: dict[str, Status] = {}
        for claim, (status, changes) in zip(arriving, replay(attackers, arriving), strict=True):
            there.append(claim)
            full = grounded({c: [a for a in attackers[c] if a in there] for c in there})
            assert status is full[claim]
            assert sorted(changes) == sorted(
                (c, before[c], full[c]) for c in there[:-1] if before[c] is not full[c]
            )
            before = full


def test_a_long_thread_replays_in_steps_along_the_path_to_its_root() -> None:
    # 30,000 replies, each rebutting its parent in a thread that branches three ways.
    n = 30_000
    attackers: dict[str, list[str]] = {f"c{i}": [] for i in range(n)}
    for i in range(1, n):
        attackers[f"c{(i - 1) // 3}"].append(f"c{i}")
    steps = list(replay(attackers, list(attackers)))
    assert sum(len(changes) for _, changes in steps) < 2 * n
    final = dict(grounded(attackers))
    assert all(
        status is final[c]
        for c, (status, _) in zip(attackers, steps, strict=True)
        if not attackers[c]
    )


def test_a_date_alone_shows_no_time_of_day(tmp_path: Path) -> None:
    # A copied page gives ages in days, so an import dates its comments by day: the timeline
    # says the day, in its headings, its JSON and the HTML map's lines, and no hour it does not
    # know. A claim without a time that takes a date alone from what it answers has the day too.
    path = tmp_path / "days.yaml"
    path.write_text(MIXED.replace('"2023-07-14T09:00:00Z"', '"2023-07-14"'))
    result = invoke("timeline", str(path))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[3:8] == [
        "From the start",
        "  --:--  thesis (no time of its own)",
        "",
        "2023-07-14",
        "  (day)  early rebuts thesis: thesis ✔ standing → ✘ defeated",
    ]
    steps = json.loads(invoke("timeline", str(path), "--format", "json").stdout)
    assert [(s["claim"], s["at"]) for s in steps] == [
        ("thesis", None),
        ("early", "2023-07-14"),
        ("late", "2023-07-14T09:30:00Z"),
        ("by-hand", "2023-07-14T09:30:00Z"),
        ("reason", "2023-07-14T09:30:00Z"),
        ("after", "2023-07-15"),
    ]
    analysis = analyse(loads(path.read_text()))
    assert [moment_line(analysis, s) for s in analysis.timeline[1:3]] == [
        "2023-07-14  early rebuts thesis: thesis ✔ standing → ✘ defeated",
        "2023-07-14 09:30:00  late rebuts early: early ✔ standing → ✘ defeated; thesis ✘ defeated "
        "→ ✔ standing",
    ]
    only_days = tmp_path / "only-days.yaml"
    only_days.write_text(
        "title: T\nclaims:\n  a: {text: A, at: 2023-07-14}\n  b: {text: B, rebuts: a}\n"
    )
    result = invoke("timeline", str(only_days))
    assert result.stdout.splitlines()[3:] == [
        "2023-07-14",
        "  a",
        "  b (no time of its own) rebuts a: a ✔ standing → ✘ defeated",
    ]
