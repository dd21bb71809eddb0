"""The mutation fuzzer of `tests/fuzz.py`, a bounded run of it, and a check that it catches what
it is meant to catch. `make fuzz` runs it for longer."""

from __future__ import annotations

import random
import zlib
from pathlib import Path

import pytest

from argmap.check import check_text
from argmap.errors import Diagnostic
from argmap.load import Result

from . import fuzz

ITERATIONS = 300  # about 6 s; `make fuzz` runs 20,000


def test_a_bounded_run_finds_nothing() -> None:
    report = fuzz.fuzz(ITERATIONS, seed=0)
    assert [f.report() for f in report.failures] == []
    assert report.iterations == ITERATIONS
    # The mutations reach far: valid debates, syntax errors, refused YAML, broken references.
    assert report.loaded > 0
    assert set(report.exits) == {0, 1}
    for code in ("yaml-syntax", "yaml-alias", "yaml-tag", "nesting-too-deep", "duplicate-key",
                 "wrong-type", "unknown-claim"):  # fmt: skip
        assert report.codes[code] > 0, code


def test_mutations_are_deterministic() -> None:
    text = fuzz.DEBATES[0].read_text(encoding="utf-8")
    first = [fuzz.mutate(random.Random(f"3:{i}"), text) for i in range(50)]
    again = [fuzz.mutate(random.Random(f"3:{i}"), text) for i in range(50)]
    assert first == again
    assert len({t for t, _ in first}) > 40


@pytest.mark.parametrize("name", sorted(fuzz.MUTATIONS))
def test_every_mutation_changes_some_text(name: str) -> None:
    text = fuzz.DEBATES[0].read_text(encoding="utf-8")
    changed = {fuzz.MUTATIONS[name](random.Random(i), text) for i in range(20)} - {text}
    assert changed


def test_an_escaping_exception_is_reported_with_its_input(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def unlucky(text: str) -> bool:
        # About one input in three, whatever the debates hold today.
        return zlib.crc32(text.encode("utf-8", "surrogatepass")) % 3 == 0

    def fragile(text: str, file: str = "<string>", verify: bool = True) -> Result:
        if unlucky(text):
            raise RuntimeError("an unlucky input!")
        return check_text(text, file, verify)

    monkeypatch.setattr(fuzz, "check_text", fragile)
    status = fuzz.main(["--iterations", "40", "--seed", "1", "--out", str(tmp_path)])
    assert status == 1
    out, err = capsys.readouterr()
    failures = [line for line in err.splitlines() if line.startswith("FAIL ")]
    saved = sorted(tmp_path.iterdir())
    assert failures and len(saved) == len(failures)
    assert all("check_text raised" in line and "seed 1, iteration" in line for line in failures)
    assert all(unlucky(p.read_bytes().decode("utf-8", "surrogatepass")) for p in saved)
    assert "again: python -m tests.fuzz --seed 1 --only " in out
    assert "40 iterations in" in out and f"{len(failures)} failures" in out
    # The iteration named reproduces the failure on its own.
    first = int(saved[0].stem.rpartition("-")[2])
    assert len(fuzz.fuzz(1, 1, only=first).failures) == 1


def test_a_failed_check_without_an_error_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    def silent(text: str, file: str = "<string>", verify: bool = True) -> Result:
        r = check_text(text, file, verify)
        return Result(r.file, None, [Diagnostic("unused-source", "x", file)])

    monkeypatch.setattr(fuzz, "check_text", silent)
    report = fuzz.fuzz(3, seed=0)
    assert {f.what for f in report.failures} == {"a debate with errors, or no debate and no error"}
