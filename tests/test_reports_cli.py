"""The report commands (summary, unanswered, tree, show) end to end, and the docs that show them."""

from __future__ import annotations

import io
import json
import shlex
import shutil
from pathlib import Path
from typing import Any

import pytest
import typer
from rich.console import Console, RenderableType
from typer.core import TyperGroup
from typer.testing import CliRunner, Result

from argmap import load
from argmap.cli import app
from argmap.render import jsontext, report, terminal

from .conftest import DEBATES, ROOT

runner = CliRunner()

# Output must not depend on the terminal the tests run in.
ENV: dict[str, str | None] = {
    "COLUMNS": "80",
    "NO_COLOR": None,
    "FORCE_COLOR": None,
    "TTY_COMPATIBLE": None,
    "TTY_INTERACTIVE": None,
}


def invoke(*args: str, **env: str | None) -> Result:
    return runner.invoke(app, list(args), env={**ENV, **env})


def render(renderable: RenderableType, width: int = 80) -> str:
    out = io.StringIO()
    Console(file=out, width=width, color_system=None, force_terminal=False).print(renderable)
    return out.getvalue()


SMALL = """\
title: Small
speakers:
  Ann:
  Bob:
sources:
  paper: {title: A paper, url: https://example.org/p}
claims:
  a:
    by: Ann
    text: A.
    cites: [{source: paper, quote: Q, locator: p. 1}]
    rebuttals:
      b: {by: Bob, text: B.}
    reasons:
      c: {by: Ann, text: C.}
  d: {by: Bob, text: D., undercuts: c, rebuts: e}
  e: {by: Ann, text: E., rebuts: d}
"""


@pytest.fixture
def small(tmp_path: Path) -> str:
    path = tmp_path / "small.yaml"
    path.write_text(SMALL)
    return str(path)


@pytest.fixture
def broken(tmp_path: Path) -> str:
    path = tmp_path / "broken.yaml"
    path.write_text("title: T\nclaims:\n  a: {text: A, rebuts: lookup2}\n")
    return str(path)


# SMALL's strengths under DF-QuAD, worked by hand: d and e rebut each other, so each is
# 0.5 - 0.5 x the other, 1/3; c is undercut by d, 0.5 - 0.5/3 = 1/3; a is rebutted by b (0.5)
# and supported by c (1/3), so 0.5 - 0.5 x (0.5 - 1/3) = 5/12.
THIRD = 0.333333
STRENGTH = {"a": 0.416667, "b": 0.5, "c": THIRD, "d": THIRD, "e": THIRD}


def _claim(id: str, by: str, status: str, **fields: Any) -> dict[str, Any]:
    claim: dict[str, Any] = {
        "id": id,
        "text": f"{id.upper()}.",
        "by": by,
        "status": status,
        "acceptance": None,
        "strength": STRENGTH[id],
    }
    for key in ("rebuts", "supports", "undercuts", "rebutted_by", "supported_by", "undercut_by"):
        claim[key] = fields.get(key, [])
    claim["answers"] = fields.get("answers", [])
    claim["answered_by"] = fields.get("answered_by", [])
    claim["cites"] = fields.get("cites", [])
    claim.update(at=None, url=None, score=None)
    if status == "undecided":
        claim["acceptance"] = {"credulous": True, "sceptical": False}
    return claim


# --- JSON --------------------------------------------------------------------------------------


def test_summary_json(small: str) -> None:
    result = invoke("summary", small, "--format", "json")
    assert (result.exit_code, result.stderr) == (0, "")
    assert json.loads(result.stdout) == {
        "title": "Small",
        "url": None,
        "date": None,
        "counts": {
            "claims": 5,
            "relations": 5,
            "rebuts": 3,
            "supports": 1,
            "undercuts": 1,
            "answers": 0,
            "speakers": 2,
            "sources": 1,
            "standing": 1,
            "defeated": 1,
            "undecided": 3,
        },
        "claims": [
            _claim("a", "Ann", "defeated", rebutted_by=["b"], supported_by=["c"], cites=["paper"]),
            _claim("b", "Bob", "standing", rebuts=["a"]),
            _claim("c", "Ann", "undecided", supports=["a"], undercut_by=["d"]),
            _claim("d", "Bob", "undecided", rebuts=["e"], undercuts=["c"], rebutted_by=["e"]),
            _claim("e", "Ann", "undecided", rebuts=["d"], rebutted_by=["d"]),
        ],
        "unanswered": ["b"],
        "unsupported": ["b", "c", "d", "e"],
        "contested": [
            {"id": "a", "attackers": ["b"]},
            {"id": "c", "attackers": ["d"]},
            {"id": "d", "attackers": ["e"]},
            {"id": "e", "attackers": ["d"]},
        ],
        "exchanges": [["c", "d", "e"], ["a", "b"]],
        "speakers": [
            {
                "name": "Ann",
                "claims": 3,
                "rebuttals": 1,
                "standing": 0,
                "defeated": 1,
                "undecided": 2,
                "unanswered": 0,
            },
            {
                "name": "Bob",
                "claims": 2,
                "rebuttals": 2,
                "standing": 1,
                "defeated": 0,
                "undecided": 1,
                "unanswered": 1,
            },
        ],
        "sources": [
            {
                "id": "paper",
                "title": "A paper",
                "url": "https://example.org/p",
                "cited_by": ["a"],
                "standing": 0,
            }
        ],
        "strength": {
            "semantics": "df-quad",
            "base": "weights",
            "ranking": ["b", "a", "c", "d", "e"],
            "disagreements": [],
            "unconverged": [],
        },
    }


def test_json_is_indented_with_unicode_kept(tmp_path: Path) -> None:
    path = tmp_path / "u.yaml"
    path.write_text("title: Ünï\nclaims:\n  a: {text: 日本}\n", encoding="utf-8")
    result = invoke("unanswered", str(path), "-f", "json")
    assert result.stdout == (
        '[\n  {\n    "id": "a",\n    "text": "日本",\n    "by": null,\n    "role": "root",\n'
        '    "strength": 0.5\n  }\n]\n'
    )


def test_unanswered_json(small: str) -> None:
    result = invoke("unanswered", small, "--format", "json")
    assert (result.exit_code, result.stderr) == (0, "")
    assert json.loads(result.stdout) == [
        {"id": "b", "text": "B.", "by": "Bob", "role": "rebuttal", "strength": 0.5}
    ]


def _node(id: str, relation: str | None, status: str, by: str, *children: Any) -> dict[str, Any]:
    return {
        "id": id,
        "relation": relation,
        "status": status,
        "strength": STRENGTH[id],
        "by": by,
        "text": f"{id.upper()}.",
        "ref": False,
        "cycle": False,
        "children": list(children),
    }


def _row(
    ident: str, parent: int | None, depth: int, relation: str | None, status: str, by: str
) -> dict[str, object]:
    return {
        "id": ident,
        "parent": parent,
        "depth": depth,
        "relation": relation,
        "status": status,
        "strength": STRENGTH[ident],
        "by": by,
        "text": f"{ident.upper()}.",
        "ref": False,
        "cycle": False,
    }


def test_tree_json(small: str) -> None:
    result = invoke("tree", small, "--format", "json")
    assert (result.exit_code, result.stderr) == (0, "")
    assert json.loads(result.stdout) == {
        "title": "Small",
        "nodes": [
            _row("a", None, 0, None, "defeated", "Ann"),
            _row("b", 0, 1, "rebuts", "standing", "Bob"),
            _row("c", 0, 1, "supports", "undecided", "Ann"),
            _row("d", 2, 2, "undercuts", "undecided", "Bob"),
            _row("e", 3, 3, "rebuts", "undecided", "Ann"),
            _row("d", 4, 4, "rebuts", "undecided", "Bob") | {"ref": True},
        ],
    }


def test_tree_json_marks_a_cycle_no_root_reaches(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_text("title: C\nclaims:\n  a: {text: A., rebuts: b}\n  b: {text: B., rebuts: a}\n")
    data = json.loads(invoke("tree", str(path), "-f", "json").stdout)
    assert [(n["id"], n["parent"], n["cycle"]) for n in data["nodes"]] == [
        ("a", None, True),
        ("b", 0, False),
        ("a", 1, False),
    ]


def test_show_json(small: str) -> None:
    result = invoke("show", small, "a", "--format", "json")
    assert (result.exit_code, result.stderr) == (0, "")
    assert json.loads(result.stdout) == {
        "id": "a",
        "text": "A.",
        "by": "Ann",
        "status": "defeated",
        "why": "has-standing-attacker",
        "defeated_by": ["b"],
        "attackers": ["b"],
        "acceptance": None,
        "strength": {
            "value": 0.416667,
            "base": 0.5,
            "semantics": "df-quad",
            "contributions": [  # without b: 0.5 + 0.5 x 1/3 = 2/3; without c: 0.5 - 0.5 x 0.5
                {"id": "b", "by": "Bob", "relation": "attack", "change": -0.25},
                {"id": "c", "by": "Ann", "relation": "support", "change": 0.166667},
            ],
            "converged": True,
        },
        "answers": [],
        "answered_by": [
            {"id": "b", "relation": "rebuts", "status": "standing", "text": "B."},
            {"id": "c", "relation": "supports", "status": "undecided", "text": "C."},
        ],
        "cites": [
            {
                "source": "paper",
                "title": "A paper",
                "url": "https://example.org/p",
                "author": None,
                "quote": "Q",
                "locator": "p. 1",
            }
        ],
        "tags": [],
        "note": None,
        "at": None,
        "url": None,
        "score": None,
        "unclassified": 0,
    }


@pytest.mark.parametrize(
    ("claim", "why", "acceptance"),
    [
        ("b", "no-attackers", None),
        ("d", "undecided", {"credulous": True, "sceptical": False}),
    ],
)
def test_show_json_says_why(small: str, claim: str, why: str, acceptance: Any) -> None:
    data = json.loads(invoke("show", small, claim, "-f", "json").stdout)
    assert (data["why"], data["acceptance"]) == (why, acceptance)


def test_show_json_of_a_claim_whose_attackers_fell(in_root: Path) -> None:
    result = invoke("show", "debates/stored-in-original-form.yaml", "no-copy", "-f", "json")
    data = json.loads(result.stdout)
    assert (data["status"], data["why"], data["attackers"], data["defeated_by"]) == (
        "standing",
        "all-attackers-defeated",
        ["still-wrong", "what-function"],
        [],
    )


def test_json_escapes_what_a_terminal_would_obey(tmp_path: Path) -> None:
    path = tmp_path / "h.yaml"
    path.write_text('title: T\nclaims:\n  a: {text: "\\e[2J \\x9b1m \\u202Ex"}\n')
    result = invoke("unanswered", str(path), "-f", "json")
    assert [c for c in "\x1b\x9b\u202e" if c in result.stdout] == []
    assert result.stdout.splitlines()[3] == '    "text": "\\u001b[2J \\u009b1m \\u202ex",'
    assert json.loads(result.stdout)[0]["text"] == "\x1b[2J \x9b1m \u202ex"


# --- text --------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", DEBATES, ids=lambda p: p.stem)
@pytest.mark.parametrize("command", ["summary", "tree", "unanswered"])
def test_text_is_the_library_rendering(command: str, path: Path) -> None:
    result = invoke(command, str(path))
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == render(getattr(terminal, command)(load(path)))


def test_show_text_is_the_library_rendering() -> None:
    path = DEBATES[1]
    result = invoke("show", str(path), "not-lookup")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == render(terminal.show(load(path), "not-lookup"))


def test_summary_limit(small: str) -> None:
    two = invoke("summary", small, "--limit", "2").stdout.split("\n\n")
    every = invoke("summary", small, "-n", "0").stdout.split("\n\n")
    assert (two[3], every[3]) == (
        "Most contested (x ← y: y rebuts or undercuts x)\n"
        "  a ✘ defeated ← b\n"
        "  c ? undecided ← d\n"
        "  … and 2 more",
        "Most contested (x ← y: y rebuts or undercuts x)\n"
        "  a ✘ defeated ← b\n"
        "  c ? undecided ← d\n"
        "  d ? undecided ← e\n"
        "  e ? undecided ← d",
    )


def test_tree_follows_the_terminal_width() -> None:
    path = DEBATES[1]
    result = invoke("tree", str(path), COLUMNS="40")
    assert result.stdout == render(terminal.tree(load(path)), width=40)
    assert max(len(line) for line in result.stdout.splitlines()) == 40


@pytest.mark.parametrize("command", ["summary", "tree", "unanswered", "show"])
def test_no_color_means_no_escape_codes_at_all(command: str) -> None:
    args = [command, str(DEBATES[1]), *(["not-lookup"] if command == "show" else [])]
    coloured = invoke(*args, FORCE_COLOR="1")
    plain = invoke(*args, FORCE_COLOR="1", NO_COLOR="1")
    assert "\x1b[" in coloured.stdout  # the test means something: colour was on
    assert (plain.exit_code, "\x1b" in plain.stdout) == (0, False)
    assert plain.stdout == invoke(*args).stdout


# --- failures ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [["summary"], ["unanswered"], ["tree"], ["show", "a"], ["summary", "-f", "json"]],
    ids=lambda a: " ".join(a),
)
def test_a_file_with_errors_gets_its_diagnostics_on_stderr(broken: str, args: list[str]) -> None:
    result = invoke(args[0], broken, *args[1:])
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"{broken}:3:24: error[unknown-claim]: 'lookup2' is rebutted by 'a' but no claim has "
        "that id\n"
        "  hint: define the claim, or fix the id\n"
    )


def test_a_missing_file(tmp_path: Path) -> None:
    result = invoke("tree", str(tmp_path / "nope.yaml"))
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"{tmp_path / 'nope.yaml'}: error[read-error]: no such file\n"
        "  hint: check the path; `argmap new FILE` starts a new debate\n"
    )


def test_show_an_unknown_id_suggests_the_closest(small: str) -> None:
    result = invoke("show", small, "aa")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"argmap: error: no claim 'aa' in {small}\n  hint: did you mean 'a'?\n"
    )


def test_show_a_source_id_says_it_is_a_source(small: str) -> None:
    result = invoke("show", small, "paper", "-f", "json")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"argmap: error: no claim 'paper' in {small}\n"
        "  hint: 'paper' is a source; `argmap show` takes a claim id\n"
    )


def test_show_an_unknown_id_far_from_any(small: str) -> None:
    result = invoke("show", small, "\x1b[2Jzzzzzz")
    assert (result.exit_code, result.stderr) == (
        1,
        f"argmap: error: no claim '\\x1b[2Jzzzzzz' in {small}\n",
    )


@pytest.mark.parametrize(
    "args",
    [
        ["summary", "--format", "yaml", "f.yaml"],
        ["summary", "--limit", "-1", "f.yaml"],
        ["summary", "--limit", "many", "f.yaml"],
        ["tree"],
        ["show", "f.yaml"],
        ["unanswered", "--nope", "f.yaml"],
        ["tree", "a.yaml", "b.yaml"],
    ],
    ids=lambda a: " ".join(a),
)
def test_usage_errors_exit_2(args: list[str]) -> None:
    result = invoke(*args)
    assert (result.exit_code, result.stdout) == (2, "")


# --- docs --------------------------------------------------------------------------------------

COMMANDS_MD = (ROOT / "docs/commands.md").read_text()
JSON_MD = (ROOT / "docs/json.md").read_text()


def _blocks(text: str) -> list[tuple[str, str]]:
    """Fenced code blocks as (language, body)."""
    out: list[tuple[str, str]] = []
    body: list[str] = []
    lang, inside = "", False
    for line in text.splitlines(keepends=True):
        if line.startswith("```"):
            if inside:
                out.append((lang, "".join(body)))
            lang, inside, body = line[3:].strip(), not inside, []
        elif inside:
            body.append(line)
    return out


def _sessions(text: str) -> list[str]:
    """Blocks that show a command and its output: `$ argmap ...` on the first line."""
    return [b for lang, b in _blocks(text) if lang in ("", "console") and b.startswith("$ argmap ")]


def test_every_command_has_a_section_in_the_commands_doc() -> None:
    group = typer.main.get_command(app)
    assert isinstance(group, TyperGroup)
    headings = [line for line in COMMANDS_MD.splitlines() if line.startswith("## argmap ")]
    assert sorted(f"## argmap {name}" for name in group.commands) == sorted(headings)


def test_every_report_has_a_json_section_with_an_example() -> None:
    sections = [line for line in JSON_MD.splitlines() if line.startswith("## ")]
    examples = [shlex.split(s.splitlines()[0])[1:3] for s in _sessions(JSON_MD)]
    assert (sections, examples) == (
        [
            f"## argmap {c} --format json"
            for c in ("summary", "unanswered", "tree", "show", "timeline", "diff")
        ],
        [["argmap", c] for c in ("summary", "unanswered", "tree", "show", "timeline", "diff")],
    )


@pytest.mark.parametrize(
    "block",
    _sessions(COMMANDS_MD) + _sessions(JSON_MD),
    ids=lambda b: b.splitlines()[0],
)
def test_docs_examples_are_real_output(
    block: str, in_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    command, _, expected = block.partition("\n")
    argv = shlex.split(command.removeprefix("$ "))[1:]
    if argv[0] == "new":  # writes a file: not in the repository
        monkeypatch.chdir(tmp_path)
    if argv[0] == "label":  # classifies replies in the file: a copy of it
        shutil.copytree(in_root / "tests/data/label", tmp_path / "tests/data/label")
        monkeypatch.chdir(tmp_path)
    if argv[0] == "render":  # writes under out/, which a fresh clone does not have
        shutil.copytree(in_root / "debates", tmp_path / "debates")
        (tmp_path / "out").mkdir()
        monkeypatch.chdir(tmp_path)
    result = invoke(*argv)
    assert result.output == expected


def test_the_commands_doc_has_an_example_of_each_command_but_schema() -> None:
    # `schema` is too long to show whole; its section shows how it starts.
    shown = {shlex.split(s.splitlines()[0])[2] for s in _sessions(COMMANDS_MD)}
    assert shown >= {"check", "new", "summary", "unanswered", "tree", "show"}


# --- deep threads ------------------------------------------------------------------------------


def test_a_thread_deeper_than_the_recursion_limit(tmp_path: Path) -> None:
    path = tmp_path / "deep.yaml"
    path.write_text(
        "title: Deep\nclaims:\n  c0: {text: C0.}\n"
        + "".join(f"  c{i}: {{text: C{i}., rebuts: c{i - 1}}}\n" for i in range(1, 1500))
    )
    result = invoke("tree", str(path), "-f", "json")
    assert (result.exit_code, result.stderr) == (0, "")
    nodes = json.loads(result.stdout)["nodes"]  # flat: any JSON reader reads it
    assert [(n["id"], n["parent"], n["depth"]) for n in nodes[:2]] == [
        ("c0", None, 0),
        ("c1", 0, 1),
    ]
    assert (len(nodes), nodes[-1]["id"], nodes[-1]["depth"]) == (1500, "c1499", 1499)
    # Linear in size: every node is indented alike, however deep it is.
    assert max(len(line) - len(line.lstrip()) for line in result.stdout.splitlines()) == 6
    text = invoke("tree", str(path))
    assert (text.exit_code, text.stdout.count("↓ continued below")) == (0, 1499 // 14)
    summary = invoke("summary", str(path)).stdout.split("\n\n")[3]
    assert summary == "Longest exchange (1500 claims)\n  c0 ← c1 ← c2 ← c3 ← … 1495 more ← c1499"


@pytest.mark.parametrize("path", DEBATES, ids=lambda p: p.stem)
def test_the_deep_json_writer_writes_what_json_dumps_writes(path: Path) -> None:
    debate = load(path)
    for data in (report.summary(debate), report.tree_rows(debate), report.unanswered(debate)):
        assert jsontext._dumps_deep(data) == json.dumps(data, indent=2, ensure_ascii=False)
