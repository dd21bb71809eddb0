"""Strength in the reports (summary, unanswered, tree, show; text and JSON), with `--strength
NAME` and `--votes`: exact values on the debates of `debates/`, worked by hand in the comments
(docs/analysis.md, "Strength"), and a strength that did not converge shown without a number."""

from __future__ import annotations

import json
from functools import partial
from pathlib import Path
from typing import Any

import pytest

from argmap import analyze, load
from argmap.analysis import analyse

from .test_reports_cli import invoke

STORED = "debates/stored-in-original-form.yaml"
LOSSY = "debates/lossy-compression.yaml"
RETRIEVAL = "debates/retrieval-or-concepts.yaml"


def _json(*args: str) -> Any:
    result = invoke(*args, "--format", "json")
    assert (result.exit_code, result.stderr) == (0, "")
    return json.loads(result.stdout)


def _section(text: str, heading: str) -> str:
    return next(part for part in text.split("\n\n") if part.startswith(heading))


# --- the facts, in the analysis ----------------------------------------------------------------


def test_the_analysis_ranks_and_finds_what_is_at_odds_once(in_root: Path) -> None:
    analysis = analyse(load(LOSSY))
    strengths = analysis.strength()
    assert strengths.extremes(3) == (
        ("lossy-copies", "lossy-not-lossless", "bluray-rip"),
        ("magic-compression", "piracy", "compression"),
    )
    # compression stands at 0.375 (its one attacker fell, to 0.25); lossy-copies is defeated
    # at 0.59375 (two reasons outweigh the undercut): the furthest from 0.5 first.
    assert analysis.disagreements() == ("compression", "lossy-copies")
    assert analysis.disagreements() is analysis.disagreements()  # worked out once


# --- summary -----------------------------------------------------------------------------------


def test_summary_strength_section(in_root: Path) -> None:
    result = invoke("summary", LOSSY)
    assert result.exit_code == 0
    assert _section(result.stdout, "Strength") == (
        "Strength (DF-QuAD; base scores from `weight:`, else 0.5)\n"
        "  strongest    0.59 ✘ defeated · lossy-copies · enumerator4829\n"
        "               0.50 ✔ standing · lossy-not-lossless · HereIAm\n"
        "               0.50 ✔ standing · bluray-rip · enumerator4829\n"
        "  weakest      0.25 ✘ defeated · magic-compression · FaceDeer\n"
        "               0.25 ✘ defeated · piracy · enumerator4829\n"
        "               0.38 ✔ standing · compression · enumerator4829\n"
        "  at odds (2)  0.38 ✔ standing · compression · enumerator4829\n"
        "               0.59 ✘ defeated · lossy-copies · enumerator4829"
    )


def test_summary_strength_section_follows_the_limit(in_root: Path) -> None:
    result = invoke("summary", RETRIEVAL, "--limit", "2")
    assert _section(result.stdout, "Strength") == (
        "Strength (DF-QuAD; base scores from `weight:`, else 0.5)\n"
        "  strongest    0.88 ✔ standing · not-that-simple · FaceDeer\n"
        "               0.81 ✔ standing · not-lookup · FaceDeer\n"
        "  weakest      0.03 ✘ defeated · depends-on-data · flatbield\n"
        "               0.09 ✘ defeated · lookup · flatbield\n"
        "  at odds (1)  0.48 ✔ standing · not-recording · FaceDeer"
    )


def test_summary_json_strength(in_root: Path) -> None:
    data = _json("summary", LOSSY)
    assert data["strength"] == {
        "semantics": "df-quad",
        "base": "weights",
        "ranking": [
            "lossy-copies",
            "lossy-not-lossless",
            "bluray-rip",
            "single-bit-legal",
            "separate-issue",
            "compression",
            "magic-compression",
            "piracy",
        ],
        "disagreements": ["compression", "lossy-copies"],
        "unconverged": [],
    }
    assert {c["id"]: c["strength"] for c in data["claims"]} == {
        "lossy-copies": 0.59375,
        "compression": 0.375,
        "magic-compression": 0.25,
        "lossy-not-lossless": 0.5,
        "bluray-rip": 0.5,
        "single-bit-legal": 0.5,
        "piracy": 0.25,
        "separate-issue": 0.5,
    }


# --- show --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "claim", "sentence"),
    [
        # va = 0.5 (single-bit-legal), vs = 1 - 0.625 x 0.5 = 0.6875: 0.5 + 0.5 x 0.1875.
        # Without the undercut 0.84375; without bluray-rip 0.4375; without compression 0.5.
        (
            LOSSY,
            "lossy-copies",
            "Strength: 0.59 (DF-QuAD, base 0.50): lowered 0.25 by single-bit-legal\n"
            "(yetAnotherUser), raised 0.16 by bluray-rip (enumerator4829), raised 0.09 by\n"
            "compression (enumerator4829).",
        ),
        (
            RETRIEVAL,
            "not-lookup",
            "Strength: 0.81 (DF-QuAD, base 0.50): raised 0.12 by one-byte (FaceDeer), raised\n"
            "0.12 by concepts (FaceDeer), lowered 0.06 by table-lookup (flatbield).",
        ),
        (
            STORED,
            "how-diffusion-works",
            "Strength: 0.50 (DF-QuAD, base 0.50): nothing rebuts, undercuts or supports it.",
        ),
    ],
)
def test_show_says_what_moved_the_strength(
    in_root: Path, path: str, claim: str, sentence: str
) -> None:
    result = invoke("show", path, claim)
    assert result.exit_code == 0
    lines = result.stdout.split("\n\n")[1].splitlines()
    assert "\n".join(lines[lines.index(sentence.splitlines()[0]) :]) == sentence


def test_show_json_strength(in_root: Path) -> None:
    # The worked example of docs/analysis.md.
    assert _json("show", STORED, "no-copy")["strength"] == {
        "value": 0.53125,
        "base": 0.5,
        "semantics": "df-quad",
        "contributions": [
            {"id": "not-stored-period", "by": "defender", "relation": "support", "change": 0.25},
            {"id": "still-wrong", "by": "critic", "relation": "attack", "change": -0.09375},
            {"id": "what-function", "by": "critic", "relation": "attack", "change": -0.09375},
        ],
        "converged": True,
    }


# --- tree and unanswered -----------------------------------------------------------------------


def _tree_strengths(*args: str) -> dict[str, float | None]:
    return {n["id"]: n["strength"] for n in _json("tree", *args)["nodes"]}


@pytest.mark.parametrize(
    ("semantics", "expected"),
    [
        # docs/analysis.md's table, to 6 decimals.
        (None, (0.53125, 0.25, 0.5, 0.25, 0.5)),
        # still-wrong: E = -0.5, 0.5 - 0.5 x 0.25/1.25 = 0.4; no-copy: E = 0.5 - 0.4 - 0.4,
        # 0.5 - 0.5 x 0.09/1.09.
        ("quadratic-energy", (0.458716, 0.4, 0.5, 0.4, 0.5)),
        # still-wrong: 0.5 / 1.5; no-copy: 0.5 / (1 + 1/3 + 1/3), its support not counted.
        ("h-categorizer", (0.3, 0.333333, 0.5, 0.333333, 0.5)),
    ],
)
def test_tree_json_under_each_semantics(
    in_root: Path, semantics: str | None, expected: tuple[float, ...]
) -> None:
    args = [STORED, *(["--strength", semantics] if semantics else [])]
    claims = ("no-copy", "still-wrong", "not-stored-period", "what-function")
    assert _tree_strengths(*args) == dict(
        zip((*claims, "how-diffusion-works"), expected, strict=True)
    )


def test_tree_text_under_h_categorizer(in_root: Path) -> None:
    out = invoke("tree", STORED, "--strength", "h-categorizer").stdout
    heads = [line.strip(" │├└─") for line in out.splitlines() if " · " in line]
    assert heads == [
        "✔ standing 0.30 · no-copy · defender",
        "[rebuts] ✘ defeated 0.33 · still-wrong · critic",
        "[rebuts] ✔ standing 0.50 · not-stored-period · defender",
        "[supports] ✔ standing · ↪ see not-stored-period",
        "[rebuts] ✘ defeated 0.33 · what-function · critic",
        "[rebuts] ✔ standing 0.50 · how-diffusion-works · defender",
    ]


def test_unanswered_shows_strength(in_root: Path) -> None:
    out = invoke("unanswered", STORED, "--strength", "quadratic-energy").stdout
    assert [line for line in out.splitlines() if "strength" in line] == [
        "  not-stored-period · defender · strength 0.50",
        "  how-diffusion-works · defender · strength 0.50",
    ]


# --- votes -------------------------------------------------------------------------------------


def test_votes_give_base_scores_on_an_imported_thread(in_root: Path) -> None:
    # Scores 14, 6, 9, 4, 1, 3: median 5, spread (median absolute deviation) 3. Every reply is
    # unclassified, so each claim keeps its base score, 1 / (1 + exp(-(score - 5) / 3)).
    path = "tests/data/label/library.yaml"
    assert _tree_strengths(path, "--votes") == {
        "open-sundays": 0.952574,  # (14 - 5) / 3 = 3
        "volunteers": 0.58257,  # 1/3
        "grant": 0.41743,  # -1/3
        "two-years": 0.339244,  # -2/3
        "staff-cost": 0.791391,  # 4/3
        "thanks": 0.208609,  # -4/3
    }
    assert set(_tree_strengths(path).values()) == {0.5}  # without --votes


def test_votes_move_strengths_through_relations(tmp_path: Path) -> None:
    path = tmp_path / "voted.yaml"
    path.write_text(
        "title: Voted\nclaims:\n"
        "  a: {text: A., score: 10}\n"
        "  b: {text: B., score: 0, rebuts: a}\n"
        "  c: {text: C., score: 5, supports: a}\n"
    )
    # Median 5, spread 5: a starts at 1/(1 + e^-1) = 0.731059, b at 0.268941, c at 0.5; then
    # vs = 0.5 > va = 0.268941, so a = 0.731059 + 0.268941 x 0.231059 = 0.7932.
    data = _json("show", str(path), "a", "--votes")["strength"]
    assert (data["value"], data["base"]) == (0.7932, 0.731059)
    summary = _json("summary", str(path), "--votes")["strength"]
    assert (summary["base"], summary["ranking"]) == ("votes", ["a", "c", "b"])
    text = invoke("summary", str(path), "--votes").stdout
    assert _section(text, "Strength").splitlines()[0] == (
        "Strength (DF-QuAD; base scores from `weight:`, else votes (`score:`), else 0.5)"
    )


# --- usage -------------------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["summary", "unanswered", "tree", "show"])
def test_an_unknown_semantics_is_a_usage_error(in_root: Path, command: str) -> None:
    args = [command, STORED, *(["no-copy"] if command == "show" else []), "--strength", "dfquad"]
    result = invoke(*args)
    assert (result.exit_code, result.stdout) == (2, "")
    assert "'dfquad' is not one of df-quad, quadratic-energy, h-categorizer" in result.stderr


# --- what did not converge ---------------------------------------------------------------------

# a and b rebut each other; c rebuts b and e supports a from outside the cycle, and d stands
# apart. With two steps allowed, the cycle cannot settle: a and b get no strength, the others
# keep their 0.5.
CYCLE = """\
title: Unsettled
claims:
  a: {by: Ann, text: A., rebuts: b}
  b: {by: Bob, text: B., rebuts: a}
  c: {by: Cy, text: C., rebuts: b}
  d: {by: Dee, text: D.}
  e: {by: Eve, text: E., supports: a}
"""


@pytest.fixture
def unsettled(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setattr(analyze, "strength_of", partial(analyze.strength_of, max_iterations=2))
    path = tmp_path / "unsettled.yaml"
    path.write_text(CYCLE)
    return str(path)


def test_an_unconverged_strength_has_no_number_in_json(unsettled: str) -> None:
    data = _json("summary", unsettled)
    assert {c["id"]: c["strength"] for c in data["claims"]} == {
        "a": None,
        "b": None,
        "c": 0.5,
        "d": 0.5,
        "e": 0.5,
    }
    assert (data["strength"]["unconverged"], data["strength"]["ranking"]) == (
        ["a", "b"],
        ["c", "d", "e"],
    )
    assert _json("show", unsettled, "a")["strength"] == {
        "value": None,
        "base": 0.5,
        "semantics": "df-quad",
        "contributions": [],
        "converged": False,
    }


def test_an_unconverged_strength_has_no_number_in_text(unsettled: str) -> None:
    summary = invoke("summary", unsettled).stdout
    assert _section(summary, "Strength").splitlines()[-1] == (
        "  no strength, in or after a cycle that did not settle (2): a, b"
    )
    tree = invoke("tree", unsettled).stdout
    assert "[rebuts] ✘ defeated — · b · Bob" in tree
    show = invoke("show", unsettled, "a").stdout
    assert _section(show, "Why").splitlines()[-2:] == [
        "Strength: none (DF-QuAD, base 0.50): it is in, or depends on, a cycle of attacks",
        "and supports that did not settle within the bounds, so it has no number.",
    ]
