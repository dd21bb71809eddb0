"""What `argmap import` writes is checked as `argmap check` would check it, in a child process
as it is written when the debate is large (argmap.convert.written): the same text and the same
findings as the check in process, whatever the child does."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from argmap.check import check_stream, check_text
from argmap.convert import IMPORTERS, Imported, find
from argmap.convert import written as module
from argmap.convert.written import imported_yaml, written
from argmap.model import Citation, Claim, Debate, Relation, RelationKind, Source

from .conftest import ROOT

THREADS = ROOT / "tests/data/threads"
FIXTURES = sorted(
    p.relative_to(THREADS).as_posix()
    for p in [*THREADS.glob("*/*.json"), *THREADS.glob("text/*.txt")]
)


def imported(path: str) -> Imported:
    fmt = path.split("/")[0]
    converter = find(IMPORTERS, fmt)
    assert converter is not None
    return converter.read((THREADS / path).read_bytes(), path)


@pytest.fixture(autouse=True)
def _forks() -> None:
    # Every test here means the child process: were another thread running, `written` would
    # check in process and the tests would prove nothing about the child.
    assert module._may_fork()


@pytest.mark.parametrize("path", FIXTURES)
def test_the_child_finds_what_the_check_in_process_finds(path: str) -> None:
    got = imported(path)
    forked = written(got, "out.yaml", fork_at=0)
    assert forked == written(got, "out.yaml", fork_at=None)
    assert forked.text == imported_yaml(got)
    assert forked.loads
    result = check_text(forked.text, "out.yaml")
    assert forked.unclassified == sum(d.code == "unclassified-reply" for d in result.diagnostics)
    assert forked.diagnostics == [d for d in result.diagnostics if d.code != "unclassified-reply"]


def debate_with_warnings() -> Imported:
    claims = {
        "a": Claim("a", "Cats purr.", by="ann", cites=(Citation("paper"),)),
        "b": Claim("b", "They do not.", by="bob", url="ftp://example.org/b"),
    }
    return Imported(
        Debate(
            "T",
            claims,
            (Relation("b", "a", RelationKind.ANSWERS, 0, 0),),
            sources={"paper": Source("paper", "A paper"), "spare": Source("spare", "Unused")},
        )
    )


def test_warnings_come_back_from_the_child_as_the_check_gives_them() -> None:
    forked = written(debate_with_warnings(), "w.yaml", fork_at=0)
    assert forked == written(debate_with_warnings(), "w.yaml", fork_at=None)
    assert (forked.loads, forked.unclassified) == (True, 1)
    assert [(d.code, d.line, d.column, d.path) for d in forked.diagnostics] == [
        ("unused-source", 9, 3, "sources.spare"),
        ("non-http-url", 20, 10, "claims.b.url"),
    ]


def test_a_child_that_fails_leaves_the_check_to_the_parent(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def fails(*args: object, **kwargs: object) -> None:
        raise RuntimeError("the child fails")

    monkeypatch.setattr(module, "check_stream", fails)  # in the child too: it is a copy
    forked = written(debate_with_warnings(), "w.yaml", fork_at=0)
    assert forked == written(debate_with_warnings(), "w.yaml", fork_at=None)


def test_yaml_the_child_cannot_read_as_it_comes_is_checked_whole() -> None:
    # A broken start: the child stops reading at its first read, while the parent has 400 KB
    # to write, far more than a pipe holds: the parent's writes then fail, and it goes on.
    pieces = iter(["]\n", *(f"# line {i:06}{'.' * 80}\n" for i in range(4_000))])
    text, found = module._checked_beside(pieces, "b.yaml")
    assert found is None
    assert text.startswith("]\n# line 000000") and text.count("\n") == 4_001
    assert [d.code for d in check_text(text, "b.yaml").diagnostics] == ["yaml-syntax"]


def test_the_stream_check_says_none_where_the_text_check_explains(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_bytes(b"claims:\n  a: {text: [\n")
    with broken.open("rb") as stream:
        assert check_stream(stream, "broken.yaml") is None
    empty = tmp_path / "empty.yaml"
    empty.write_bytes(b"# nothing\n")
    with empty.open("rb") as stream:
        assert check_stream(stream, "empty.yaml") is None


@pytest.mark.parametrize("name", sorted(p.name for p in (ROOT / "debates").glob("*.yaml")))
def test_the_stream_check_of_each_debate_is_the_text_check(name: str) -> None:
    path = ROOT / "debates" / name
    text = path.read_text(encoding="utf-8")
    with path.open("rb") as stream:
        streamed = check_stream(stream, name)
    assert streamed is not None
    whole = check_text(text, name)
    assert streamed.diagnostics == whole.diagnostics
    assert streamed.debate == whole.debate


def test_the_child_is_waited_for(monkeypatch: pytest.MonkeyPatch) -> None:
    children: list[int] = []
    real_fork = os.fork

    def fork() -> int:
        pid = real_fork()
        children.append(pid)
        return pid

    monkeypatch.setattr(os, "fork", fork)
    written(debate_with_warnings(), "w.yaml", fork_at=0)
    assert len(children) == 1
    with pytest.raises(ChildProcessError):  # already reaped: no zombie left
        os.waitpid(children[0], os.WNOHANG)


def test_no_child_to_be_had_leaves_the_check_to_the_parent(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def fork() -> int:
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", fork)
    forked = written(debate_with_warnings(), "w.yaml", fork_at=0)
    assert forked == written(debate_with_warnings(), "w.yaml", fork_at=None)
