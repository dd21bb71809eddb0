"""Loading and checking, apart: `argmap.load` gives the debate as the file states it; only
`argmap.check` holds it to its `expect:` block, and what that finds is ordered and counted with
the loader's own diagnostics."""

from __future__ import annotations

from pathlib import Path

from argmap import check, check_text
from argmap.check import expectations
from argmap.errors import Diagnostic, sort_key
from argmap.load import parse_debate, read_debate
from argmap.model import Debate

from .conftest import ROOT

FAILING = ROOT / "tests/data/invalid/expectation-failed.yaml"
TEXT = "title: T\nclaims:\n  a: {text: A}\n  b: {text: B, rebuts: a}\nexpect: {standing: [a]}\n"


def test_loading_does_not_hold_a_debate_to_its_expectations() -> None:
    loaded = read_debate(FAILING)
    assert loaded.debate is not None and loaded.diagnostics == []
    assert [e.outcome for e in loaded.debate.expectations] == ["standing", "unanswered"]
    checked = check(FAILING)
    assert checked.debate is None
    assert [(d.code, d.line, d.column) for d in checked.diagnostics] == [
        ("expectation-failed", 12, 3),
        ("expectation-failed", 12, 28),
    ]
    assert check(FAILING, verify=False) == loaded


def test_check_text_is_parse_debate_with_the_expectations() -> None:
    assert check_text(TEXT, "t.yaml", verify=False) == parse_debate(TEXT, "t.yaml")
    debate = parse_debate(TEXT, "t.yaml").debate
    assert debate is not None
    found = expectations(debate)
    assert [d.message for d in found] == [
        "'a' is expected to stand, but it is defeated by 'b'",
        "'b' is standing but not listed under 'expect.standing'",
    ]
    assert check_text(TEXT, "t.yaml").diagnostics == sorted(found, key=sort_key)


def test_more_checks_are_sorted_with_the_loaders_own() -> None:
    text = "title: T\nsources:\n  s: {title: S}\nclaims:\n  a: {text: A}\n"
    seen: list[Debate] = []

    def first_line(debate: Debate) -> list[Diagnostic]:
        seen.append(debate)
        return [Diagnostic("unused-source", "mine", debate.file, 1, 1)]

    r = parse_debate(text, "w.yaml", more_checks=first_line)
    assert [(d.message, d.line) for d in r.diagnostics] == [
        ("mine", 1),
        ("no claim cites the source 's'", 3),
    ]
    assert r.debate is seen[0] and r.debate.diagnostics == tuple(r.diagnostics)


def test_more_checks_run_only_on_a_debate_that_loads(tmp_path: Path) -> None:
    def never(debate: Debate) -> list[Diagnostic]:
        raise AssertionError("called")

    assert read_debate(tmp_path / "missing.yaml", more_checks=never).debate is None
    r = parse_debate("title: T\nclaims:\n  a: {rebuts: b}\n", more_checks=never)
    assert r.debate is None and r.errors


def test_an_error_from_more_checks_leaves_no_debate() -> None:
    def fail(debate: Debate) -> list[Diagnostic]:
        return [Diagnostic("expectation-failed", "no", debate.file, 3, 3)]

    r = parse_debate("title: T\nclaims:\n  a: {text: A}\n", more_checks=fail)
    assert r.debate is None and [d.message for d in r.errors] == ["no"]


def test_what_more_checks_find_is_counted_past_the_limit() -> None:
    def many(debate: Debate) -> list[Diagnostic]:
        return [Diagnostic("unused-source", f"{i}", debate.file, 1, 1) for i in range(10_002)]

    r = parse_debate("title: T\nclaims:\n  a: {text: A}\n", "m.yaml", more_checks=many)
    assert len(r.diagnostics) == 10_001
    # Only warnings were left out: the count is a warning too, and the debate still loads.
    assert r.diagnostics[-1].code == "too-many-warnings"
    assert r.diagnostics[-1].message.startswith("2 more warnings are not listed")
    assert r.debate is not None


def test_errors_past_the_limit_are_counted_as_problems() -> None:
    def many(debate: Debate) -> list[Diagnostic]:
        return [Diagnostic("unused-source", f"{i}", debate.file, 1, 1) for i in range(10_000)] + [
            Diagnostic("expectation-failed", "x", debate.file, 2, 1)
        ]

    r = parse_debate("title: T\nclaims:\n  a: {text: A}\n", "m.yaml", more_checks=many)
    assert [d.code for d in r.diagnostics[-1:]] == ["too-many-problems"]
    assert r.diagnostics[-1].message.startswith("1 more problems are not listed")


def test_only_counted_codes_are_left_out_and_keep_their_place_in_the_limit() -> None:
    # 3 unclassified replies, then 9,998 warnings and an error from more checks: with the
    # replies only counted, the same diagnostics past the limit are dropped and counted.
    text = "title: T\nclaims:\n  a: {text: A}\n  b: {text: B, replies: {c: {text: C}}}\n"
    text += "  d: {text: D, answers: a}\n  e: {text: E, answers: d}\n"

    def many(debate: Debate) -> list[Diagnostic]:
        return [Diagnostic("unused-source", f"{i}", debate.file, 9, 1) for i in range(9_998)] + [
            Diagnostic("expectation-failed", "x", debate.file, 9, 1)
        ]

    full = parse_debate(text, "m.yaml", more_checks=many)
    counted = parse_debate(text, "m.yaml", more_checks=many, only_counted={"unclassified-reply"})
    assert sum(d.code == "unclassified-reply" for d in full.diagnostics) == 3
    assert counted.diagnostics == [d for d in full.diagnostics if d.code != "unclassified-reply"]
    assert counted.diagnostics[-1].message.startswith("2 more problems are not listed")
    assert counted.debate is None and full.debate is None
    plain = check_text(text, "m.yaml")
    assert [d.code for d in plain.diagnostics] == ["unclassified-reply"] * 3
    assert check_text(text, "m.yaml", only_counted={"unclassified-reply"}).diagnostics == []
