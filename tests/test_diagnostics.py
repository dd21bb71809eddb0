"""Every diagnostic code on a small debate file, checked against the exact output of `argmap check`.

Each `tests/data/invalid/<name>.yaml` is named for the code it triggers (`unknown-claim.yaml`,
`unknown-claim-case.yaml`, ...) and `<name>.expected` holds the exact output of
`argmap check --quiet tests/data/invalid/<name>.yaml`, run from the repository root (after the
global options in `OPTIONS`, for the few fixtures that need them). To add a case,
write the file, run that command, check line, column, message and hint by hand, and save the
output next to it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from argmap.cli import app
from argmap.errors import CODES

ROOT = Path(__file__).resolve().parent.parent
INVALID = Path("tests/data/invalid")  # relative to ROOT, as the paths in the output are
DOCS = Path("docs/diagnostics.md")

# These need a file that cannot live in the repository (missing, unreadable), or an output of
# more than 10,000 diagnostics; tests/test_load.py and tests/test_property.py show them.
NOT_IN_FIXTURES = frozenset({"read-error", "too-many-problems", "too-many-warnings"})
# Their fixtures cannot be shown as text in the docs (not UTF-8; 10,000 brackets on a line): the
# docs show the command and its output instead, and a test runs it.
NOT_SHOWN = frozenset({"not-utf8", "nesting-too-deep"})
# Global options a fixture is checked with, before `check`; the docs example says so.
OPTIONS = {
    "file-too-large.yaml": ["--max-size", "200"],
    "file-too-large-values.yaml": ["--max-size", "1KB"],
}

# `file:line:column: severity[code]: message`; line and column are absent for whole-file problems.
DIAGNOSTIC = re.compile(
    r"^(?P<where>\S+?): (?P<severity>error|warning)\[(?P<code>[a-z0-9-]+)\]: (?P<message>.*)$"
)
TALLY = re.compile(r"^(?P<files>\d+) files? checked: (?P<errors>\d+) errors?, \d+ warnings?$")
SECTION = re.compile(r"^## (?P<code>\S+)$", re.MULTILINE)
SEVERITY = re.compile(r"^\*\*Severity:\*\* (?P<severity>error|warning)$", re.MULTILINE)
SESSION = re.compile(
    r"^```text\n\$ argmap (?P<args>check --quiet (?P<fixture>tests/data/invalid/[\w.-]+\.yaml))\n"
    r"(?P<output>.*?)```$",
    re.MULTILINE | re.DOTALL,
)
EXAMPLE = re.compile(
    r"^From `(?P<fixture>tests/data/invalid/[\w.-]+\.yaml)`:\n\n"
    r"```yaml\n(?P<yaml>.*?)```\n\n"
    r"```text\n(?P<output>.*?)```$",
    re.MULTILINE | re.DOTALL,
)


@pytest.fixture(autouse=True)
def at_root(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run every test from the repository root, so that paths match the expected output."""
    monkeypatch.chdir(ROOT)


def fixture_names() -> list[str]:
    return sorted(p.name for p in (ROOT / INVALID).glob("*.yaml"))


def fixture_params() -> list[object]:
    return [
        pytest.param(
            name,
            id=name.removesuffix(".yaml"),
        )
        for name in fixture_names()
    ]


def expected_output(name: str) -> str:
    return (INVALID / name).with_suffix(".expected").read_text(encoding="utf-8")


def named_code(name: str) -> str:
    """The code a fixture is named for: `unknown-claim-case.yaml` → `unknown-claim`."""
    stem = name.removesuffix(".yaml")
    matches = [c for c in CODES if stem == c or stem.startswith(c + "-")]
    assert matches, f"{name} is not named for a diagnostic code"
    return max(matches, key=len)


@dataclass(frozen=True)
class Line:
    severity: str
    code: str


def diagnostics_in(output: str) -> list[Line]:
    return [
        Line(m["severity"], m["code"])
        for line in output.splitlines()
        if (m := DIAGNOSTIC.match(line)) is not None
    ]


def run(*args: str) -> Result:
    result = CliRunner().invoke(app, list(args))
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception  # a crash: show its traceback rather than a mismatched output
    return result


# -- (a) the exact output of every fixture --------------------------------------------------------


@pytest.mark.parametrize("name", fixture_params())
def test_check_output_matches_expected(name: str) -> None:
    expected = expected_output(name)
    tally = TALLY.match(expected.splitlines()[-1])
    assert tally is not None, f"the last line of {name}'s .expected is not the tally"
    result = run(*OPTIONS.get(name, []), "check", "--quiet", str(INVALID / name))
    assert result.output == expected
    # Errors fail the check; a file with only warnings passes unless --strict is given.
    assert result.exit_code == (1 if int(tally["errors"]) > 0 else 0)


def test_every_fixture_has_its_expected_output() -> None:
    yaml_stems = sorted(p.stem for p in (ROOT / INVALID).glob("*.yaml"))
    expected_stems = sorted(p.stem for p in (ROOT / INVALID).glob("*.expected"))
    assert expected_stems == yaml_stems


@pytest.mark.parametrize("name", fixture_names())
def test_fixture_triggers_only_the_code_it_is_named_for(name: str) -> None:
    codes = {line.code for line in diagnostics_in(expected_output(name))}
    assert codes == {named_code(name)}


# -- (b) every code is shown by a fixture ----------------------------------------------------------


def test_every_code_is_emitted_by_a_fixture() -> None:
    emitted = {
        line.code for name in fixture_names() for line in diagnostics_in(expected_output(name))
    }
    assert emitted == set(CODES) - NOT_IN_FIXTURES


def test_expected_severities_match_the_registry() -> None:
    for name in fixture_names():
        for line in diagnostics_in(expected_output(name)):
            assert line.severity == str(CODES[line.code].severity), (name, line.code)


# -- (c) docs/diagnostics.md documents every code --------------------------------------------------


def doc_sections() -> dict[str, str]:
    text = DOCS.read_text(encoding="utf-8")
    heads = list(SECTION.finditer(text))
    ends = [m.start() for m in heads[1:]] + [len(text)]
    return {m["code"]: text[m.end() : end] for m, end in zip(heads, ends, strict=True)}


def test_every_code_has_a_section_in_the_docs() -> None:
    assert sorted(set(CODES) - set(doc_sections())) == []


def test_every_docs_section_names_a_code() -> None:
    assert sorted(set(doc_sections()) - set(CODES)) == []


def test_docs_sections_follow_the_order_of_codes() -> None:
    assert list(doc_sections()) == list(CODES)


def test_docs_give_each_code_its_severity() -> None:
    for code, body in doc_sections().items():
        assert [m["severity"] for m in SEVERITY.finditer(body)] == [str(CODES[code].severity)]


def test_docs_examples_are_the_fixtures_and_their_output() -> None:
    for code, body in doc_sections().items():
        examples = list(EXAMPLE.finditer(body))
        if code in NOT_IN_FIXTURES | NOT_SHOWN:
            assert examples == []
            continue
        assert len(examples) >= 1, f"the section on {code} has no example from a fixture"
        for m in examples:
            fixture = Path(m["fixture"])
            assert named_code(fixture.name) == code
            assert m["yaml"] == fixture.read_text(encoding="utf-8")
            without_tally = expected_output(fixture.name).splitlines(keepends=True)[:-1]
            assert m["output"] == "".join(without_tally)


def test_docs_show_the_fixtures_that_cannot_be_shown_as_their_command() -> None:
    for code in NOT_SHOWN:
        sessions = list(SESSION.finditer(doc_sections()[code]))
        assert len(sessions) >= 1, f"the section on {code} shows no `$ argmap check` of a fixture"
        for m in sessions:
            assert named_code(Path(m["fixture"]).name) == code
            assert m["output"] == expected_output(Path(m["fixture"]).name)
            assert run(*m["args"].split()).output == m["output"]


def test_the_docs_say_which_options_a_fixture_is_checked_with() -> None:
    sections = doc_sections()
    for name, options in OPTIONS.items():
        assert f"`argmap {' '.join(options)} check" in sections[named_code(name)]


# -- (d) --format json -----------------------------------------------------------------------------


def test_json_format() -> None:
    result = run("check", "--quiet", "--format", "json", str(INVALID / "unknown-claim.yaml"))
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert isinstance(data, list)
    assert [sorted(d) for d in data] == [
        sorted(["file", "line", "column", "severity", "code", "message", "hint", "path"])
    ]
    assert data == [
        {
            "file": "tests/data/invalid/unknown-claim.yaml",
            "line": 12,
            "column": 17,
            "severity": "error",
            "code": "unknown-claim",
            "message": "'lookup2' is rebutted by 'one-byte' but no claim has that id",
            "hint": "did you mean 'lookup'?",
            "path": "claims.not-stored.reasons.one-byte.rebuts",
        }
    ]


def test_docs_json_example_is_real_output() -> None:
    text = DOCS.read_text(encoding="utf-8")
    blocks = re.findall(r"^```json\n(.*?)```$", text, re.MULTILINE | re.DOTALL)
    result = run("check", "--quiet", "--format", "json", str(INVALID / "unknown-claim.yaml"))
    assert blocks == [result.output]


# -- (e) --strict ----------------------------------------------------------------------------------

WARNINGS_ONLY = INVALID / "unused-source.yaml"
UNUSED_SOURCE = (
    "tests/data/invalid/unused-source.yaml:6:3: warning[unused-source]: "
    "no claim cites the source 'budget-2024'\n"
    "  hint: cite it from the claim that relies on it (`cites: [id]`), or remove it\n"
)


def test_warnings_pass_without_strict() -> None:
    result = run("check", "--quiet", str(WARNINGS_ONLY))
    assert result.output == UNUSED_SOURCE + "1 file checked: 0 errors, 1 warning\n"
    assert result.exit_code == 0


def test_warnings_fail_with_strict() -> None:
    result = run("check", "--quiet", "--strict", str(WARNINGS_ONLY))
    assert result.output == (
        UNUSED_SOURCE + "1 file checked: 0 errors, 1 warning (--strict: warnings fail)\n"
    )
    assert result.exit_code == 1
