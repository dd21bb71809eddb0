"""Whatever arrives, argmap answers with a debate or with diagnostics, never a traceback: the
loader on generated, damaged and random YAML, and every command on the same, and on paths that
cannot be read or written."""

from __future__ import annotations

import os
import random
import re
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner
from typer.testing import Result as CliResult

from argmap import check_text
from argmap.cli import app
from argmap.load import Result

from . import fuzz
from .conftest import DEBATES

WORDS = st.sampled_from(
    ["title", "claims", "text", "by", "rebuts", "supports", "undercuts", "cites", "rebuttals",
     "reasons", "sources", "speakers", "url", "a", "b", "c", "s", "ann", "tags", "note", ""]
)  # fmt: skip
SCALARS = st.one_of(
    WORDS, st.text(max_size=8), st.integers(), st.booleans(), st.none(), st.floats()
)
DATA = st.recursive(
    SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(WORDS, inner, max_size=5)),
    max_leaves=30,
)


def _consistent(r: Result) -> None:
    assert (r.debate is None) == any(d.is_error for d in r.diagnostics)
    for d in r.diagnostics:
        assert d.message and d.file == "p.yaml"
        assert d.line is None or d.line >= 1


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_any_text(text: str) -> None:
    _consistent(check_text(text, "p.yaml"))


@settings(max_examples=300, deadline=None)
@given(DATA)
def test_any_yaml_data(data: Any) -> None:
    _consistent(check_text(yaml.safe_dump(data), "p.yaml"))


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_damaged_real_debates(data: st.DataObject) -> None:
    text = data.draw(st.sampled_from(DEBATES)).read_text()
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, min(len(text), start + 40)))
    insert = data.draw(st.sampled_from(["", "\t", ":", "- ", "  x: y\n", "&a ", "*a", "'", "{"]))
    _consistent(check_text(text[:start] + insert + text[end:], "p.yaml"))


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 30), st.sampled_from(["rebuts", "supports", "undercuts"])),
        max_size=40,
    )
)
def test_generated_debates_load_exactly(edges: list[tuple[int, str]]) -> None:
    claims: dict[str, dict[str, Any]] = {
        f"c{i}": {"text": f'Claim {i}: it\'s "quoted" [red]x[/red]'} for i in range(31)
    }
    expected = {}
    for n, (target, kind) in enumerate(edges):
        source = f"c{(target + 1 + n % 30) % 31}"
        if (source, f"c{target}") in expected:
            continue
        expected[(source, f"c{target}")] = kind
        claims[source].setdefault(kind, []).append(f"c{target}")
    r = check_text(yaml.safe_dump({"title": "T", "claims": claims}), "p.yaml")
    assert r.diagnostics == []
    assert r.debate is not None
    assert {(x.source, x.target): x.kind.value for x in r.debate.relations} == expected
    assert r.debate.claims["c3"].text == 'Claim 3: it\'s "quoted" [red]x[/red]'


# --- generated debates -------------------------------------------------------------------------

IDS = st.from_regex(r"[a-z][a-z0-9_.-]{0,11}", fullmatch=True)
NAMES = st.from_regex(r"[A-Za-z_][A-Za-z0-9_-]{0,11}", fullmatch=True)
# Claim text as people paste it: any printable character, markup, quotes, escapes, RTL marks.
TEXTS = st.text(
    st.characters(blacklist_categories=["Cs", "Cc"]) | st.sampled_from("\x1b\t\r\n\u202e"),
    min_size=1,
    max_size=40,
).filter(str.strip)


@st.composite
def debates(draw: st.DrawFn) -> dict[str, Any]:
    """A valid debate as data: claims with nested replies, relations, speakers and sources."""
    ids = draw(st.lists(IDS, min_size=1, max_size=12, unique=True))
    names = draw(st.lists(NAMES, max_size=4, unique=True))
    sources = {f"src-{i}": {"title": draw(TEXTS)} for i in range(draw(st.integers(0, 2)))}
    claims: dict[str, Any] = {}
    placed: dict[str, dict[str, Any]] = {}  # every claim's fields, wherever it is nested
    for ident in ids:
        fields: dict[str, Any] = {"text": draw(TEXTS)}
        if bool(names) and draw(st.booleans()):
            fields["by"] = draw(st.sampled_from(names))
        if bool(sources) and draw(st.booleans()):
            fields["cites"] = [draw(st.sampled_from(sorted(sources)))]
        earlier = sorted(placed)
        if bool(earlier) and draw(st.booleans()):
            parent = placed[draw(st.sampled_from(earlier))]
            parent.setdefault(draw(st.sampled_from(["rebuttals", "reasons"])), {})[ident] = fields
        else:
            claims[ident] = fields
        if bool(earlier) and draw(st.booleans()):
            kind = draw(st.sampled_from(["rebuts", "supports", "undercuts"]))
            fields[kind] = draw(st.lists(st.sampled_from(earlier), min_size=1, max_size=2,
                                         unique=True))  # fmt: skip
        placed[ident] = fields
    data: dict[str, Any] = {"title": draw(TEXTS), "claims": claims}
    if names:
        data["speakers"] = dict.fromkeys(names)
    if sources:
        data["sources"] = sources
    return data


def _relations_conflict(data: dict[str, Any]) -> bool:
    """Whether a claim answers another in two ways (nested and by id), which is an error."""
    seen: dict[tuple[str, str], str] = {}
    stack: list[tuple[str, dict[str, Any], str | None, str | None]] = [
        (k, v, None, None) for k, v in data["claims"].items()
    ]
    while stack:
        ident, fields, parent, kind = stack.pop()
        pairs = [(parent, kind)] if parent and kind else []
        pairs += [(t, k) for k in ("rebuts", "supports", "undercuts") for t in fields.get(k, [])]
        for target, k in pairs:
            if seen.setdefault((ident, target), k) != k:
                return True
        for section, k in (("rebuttals", "rebuts"), ("reasons", "supports")):
            stack += [(c, f, ident, k) for c, f in fields.get(section, {}).items()]
    return False


def _dump(data: Any, style: str) -> str:
    if style == "flow":
        return yaml.safe_dump(data, allow_unicode=True, default_flow_style=True, width=60)
    return yaml.safe_dump(data, allow_unicode=style == "unicode", sort_keys=False)


STYLES = st.sampled_from(["block", "unicode", "flow"])


@settings(max_examples=150, deadline=None)
@given(debates(), STYLES)
def test_generated_debates_load(data: dict[str, Any], style: str) -> None:
    r = check_text(_dump(data, style), "p.yaml")
    errors = [d.format() for d in r.diagnostics if d.is_error]
    if _relations_conflict(data):
        assert {d.code for d in r.diagnostics if d.is_error} == {"conflicting-relation"}
        return
    assert errors == []
    assert r.debate is not None
    assert r.debate.title == data["title"]
    assert len(r.debate.claims) == len(_claim_ids(data))


def _claim_ids(data: dict[str, Any]) -> list[str]:
    out, stack = [], list(data["claims"].items())
    while stack:
        ident, fields = stack.pop()
        out.append(ident)
        stack += [*fields.get("rebuttals", {}).items(), *fields.get("reasons", {}).items()]
    return out


@settings(max_examples=200, deadline=None)
@given(debates(), STYLES, st.integers(0, 2**32))
def test_damaged_generated_debates(data: dict[str, Any], style: str, seed: int) -> None:
    text, _ = fuzz.mutate(random.Random(seed), _dump(data, style))
    _consistent(check_text(text, "p.yaml"))


# Keys of every scalar type, and YAML written token by token: tags, anchors, aliases,
# indicators, odd characters, deep brackets.
ANY_KEYS = st.one_of(WORDS, st.integers(), st.booleans(), st.none(), st.floats(allow_nan=False))
ANY_DATA = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(ANY_KEYS, inner, max_size=5)
    ),
    max_leaves=30,
)
TOKENS = st.sampled_from(
    ["title", "claims", "text", "a", ":", ": ", "\n", "  ", "- ", "[", "]", "{", "}", ",", "'",
     '"', "&a ", "*a", "<<: ", "!!python/object/apply:os.system ", "!x ", "? ", "|", ">-", "#",
     "%", "@", "---", "...", "\t", "\x00", "\ufeff", "\u2028", "\\", "~", "1", "yes", "[" * 1001]
)  # fmt: skip
YAMLISH = st.lists(TOKENS, max_size=60).map("".join)


@settings(max_examples=300, deadline=None)
@given(ANY_DATA)
def test_any_yaml_data_with_any_keys(data: Any) -> None:
    _consistent(check_text(yaml.safe_dump(data), "p.yaml"))


@settings(max_examples=400, deadline=None)
@given(YAMLISH)
def test_yaml_written_token_by_token(text: str) -> None:
    _consistent(check_text(text, "p.yaml"))


# --- every command -----------------------------------------------------------------------------

# Each example runs `check` and one of these; `ID` is a claim id of the file, if it has one.
COMMANDS = [
    ["summary"], ["summary", "--format", "json"], ["unanswered"], ["unanswered", "-f", "json"],
    ["tree"], ["tree", "--format", "json"], ["show", "ID"], ["show", "ID", "--format", "json"],
    ["render", "-o", "out.dot"], ["render", "-o", "out.mmd"], ["render", "-o", "-", "-f", "dot"],
    ["check", "--strict", "--format", "json"],
]  # fmt: skip
INPUTS = st.one_of(
    st.builds(_dump, debates(), STYLES),
    st.builds(lambda d, s, n: fuzz.mutate(random.Random(n), _dump(d, s))[0],
              debates(), STYLES, st.integers(0, 2**32)),
    ANY_DATA.map(yaml.safe_dump),
    YAMLISH,
    st.text(max_size=200),
)  # fmt: skip


def _survives(result: CliResult, args: list[str]) -> None:
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"argmap {' '.join(args)} raised") from result.exception
    assert result.exit_code in (0, 1, 2), (args, result.output)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(INPUTS, st.sampled_from(COMMANDS))
def test_every_command_answers_any_input(text: str, command: list[str]) -> None:
    runner = CliRunner()
    with tempfile.TemporaryDirectory() as folder:
        file = Path(folder) / "p.yaml"
        file.write_bytes(text.encode("utf-8", "surrogatepass"))
        check = ["check", "--quiet", str(file)]
        result = runner.invoke(app, check)
        _survives(result, check)
        if result.exit_code == 1:
            assert re.search(rf"^{re.escape(str(file))}(:\d+)*: error\[", result.output, re.M)
        ids = re.findall(r"^ {2,}([\w.-]+):", text, re.MULTILINE) or ["x"]
        args = [command[0], str(file)] + [ids[0] if a == "ID" else a for a in command[1:]]
        cwd = Path.cwd()
        os.chdir(folder)
        try:
            _survives(runner.invoke(app, args), args)
        finally:
            os.chdir(cwd)


# --- paths that cannot be read or written --------------------------------------------------------

READERS = [
    ["check"], ["summary"], ["unanswered"], ["tree"], ["show", "a"], ["render", "-o", "x.dot"]
]  # fmt: skip
NEW = "check the path; `argmap new FILE` starts a new debate"
EMPTY = "hint: start from `argmap new FILE`, which writes a commented example"


def _read_error(path: str, message: str, hint: str) -> str:
    return f"{path}: error[read-error]: {message}\n  hint: {hint}\n"


@pytest.mark.parametrize("command", READERS, ids=lambda c: c[0])
@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("missing.yaml", _read_error("missing.yaml", "no such file", NEW)),
        (
            "folder",
            _read_error("folder", "this is a folder, not a file", "name a .yaml file inside it"),
        ),
        (
            "file.yaml/x.yaml",
            _read_error(
                "file.yaml/x.yaml",
                "no such file: a part of the path is a file, not a folder",
                "check the path",
            ),
        ),
        (
            "pipe.yaml",
            f"pipe.yaml: error[empty-file]: the file holds no YAML document\n  {EMPTY}\n",
        ),
    ],
    ids=["missing", "folder", "through-a-file", "named-pipe"],
)
def test_every_command_on_a_path_it_cannot_read(
    command: list[str], path: str, expected: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "folder").mkdir()
    (tmp_path / "folder" / "notes.txt").write_text("x")
    (tmp_path / "file.yaml").write_text("title: T\nclaims:\n  a: {text: A}\n")
    os.mkfifo(tmp_path / "pipe.yaml")
    result = CliRunner().invoke(app, [command[0], path, *command[1:]])
    _survives(result, command)
    if command == ["check"] and path == "folder":  # a folder is searched for debate files
        assert (result.exit_code, result.stderr) == (
            2, "argmap: error: no .yaml files in the folder folder\n"
        )  # fmt: skip
        return
    assert result.exit_code == 1
    if command == ["check"]:
        assert result.stdout == expected + "1 file checked: 1 error, 0 warnings\n"
    else:
        assert (result.stdout, result.stderr) == ("", expected)


@pytest.mark.parametrize("command", READERS, ids=lambda c: c[0])
def test_every_command_on_a_file_it_may_not_read(
    command: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Tests may run as root, whom `chmod 000` does not stop: make opening the file fail instead.
    monkeypatch.chdir(tmp_path)
    (tmp_path / "secret.yaml").write_text("title: T\nclaims:\n  a: {text: A}\n")
    real_open = os.open

    def guarded(path: Any, *args: Any, **kwargs: Any) -> int:
        if str(path).endswith("secret.yaml"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", guarded)
    result = CliRunner().invoke(app, [command[0], "secret.yaml", *command[1:]])
    _survives(result, command)
    expected = _read_error(
        "secret.yaml", "permission denied", "make the file readable, e.g. `chmod u+r FILE`"
    )
    assert result.exit_code == 1
    assert (result.stdout if command == ["check"] else result.stderr).startswith(expected)


MISSING = "missing does not exist; create the folder first"


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["render", "ok.yaml", "-o", "missing/x.dot"], MISSING),
        (["render", "ok.yaml", "-o", "ok.yaml/x.dot"], None),
        (["render", "ok.yaml", "-o", "full/x.dot"], "cannot write in full: Permission denied"),
        (["export", "ok.yaml", "-o", "missing/x.argdown"], MISSING),
        (["export", "ok.yaml", "-o", "ok.yaml/x.argdown"], None),
        (["new", "missing/x.yaml"], MISSING),
        (["new", "ok.yaml/x.yaml"], None),
        (["new", "full/x.yaml"], "cannot write in full: Permission denied"),
        (["new", "ok.yaml"], "ok.yaml already exists; choose another name or remove it first"),
    ],
)
def test_writing_where_nothing_can_be_written(
    args: list[str], expected: str | None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "ok.yaml").write_text("title: T\nclaims:\n  a: {text: A}\n")
    (tmp_path / "full").mkdir()
    real_mkstemp = tempfile.mkstemp

    def guarded(dir: Path, prefix: str, suffix: str) -> tuple[int, str]:
        if Path(dir).name == "full":  # root may write anywhere: refuse here
            raise PermissionError(13, "Permission denied")
        return real_mkstemp(dir=dir, prefix=prefix, suffix=suffix)

    monkeypatch.setattr(tempfile, "mkstemp", guarded)
    before = sorted(p.name for p in tmp_path.rglob("*"))
    result = CliRunner().invoke(app, args)
    _survives(result, args)
    assert result.exit_code == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("argmap: error: "), result.stderr
    if expected is not None:
        assert lines[0] == f"argmap: error: {expected}"
    assert sorted(p.name for p in tmp_path.rglob("*")) == before  # nothing made, nothing lost
