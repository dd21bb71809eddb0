"""The benchmark's output: one Markdown table, every row inside it, the notes after it; and
docs/performance.md in the same shape. Sample rows stand in for the slow measurements."""

from __future__ import annotations

import importlib.util
import io
import re
from types import ModuleType

from .conftest import ROOT


def bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_run", ROOT / "bench/run.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def cells(line: str) -> list[str]:
    """The cells of a Markdown table row (`\\|` is a pipe inside a cell)."""
    parts = re.split(r"(?<!\\)\|", line)
    assert parts[0] == "" and parts[-1].strip() == "", line
    return [p.strip() for p in parts[1:-1]]


def tables(text: str) -> list[list[list[str]]]:
    """Each Markdown table in `text` (a run of lines that start with `|`), as rows of cells,
    after checking it is well formed: a header, a delimiter row, then rows of as many cells."""
    found: list[list[list[str]]] = []
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        if not lines[i].startswith("|"):
            assert "|" not in lines[i].replace("\\|", ""), f"a stray cell: {lines[i]!r}"
            i += 1
            continue
        rows = []
        while i < len(lines) and lines[i].startswith("|"):
            rows.append(cells(lines[i]))
            i += 1
        assert len(rows) >= 2, rows
        assert all(re.fullmatch(r":?-+:?", c) for c in rows[1]), rows[1]
        assert {len(r) for r in rows} == {len(rows[0])}, rows
        assert i == len(lines) or lines[i] == "", "a table must end with a blank line"
        found.append([rows[0], *rows[2:]])
    return found


def test_the_bench_prints_one_table_then_its_notes() -> None:
    run = bench()
    out = io.StringIO()
    table = run.Table(out)
    table.start()
    table.time("`python -c pass` (floor)", 0.0104, 19.34)
    table.time("`argmap check`, 1,000 claims", 0.2471, 38.61)
    table.ratio("check / CSafeLoader load", 3.9213)
    table.note(run.help_imports({"yaml", "rich", "typer"}))
    table.time("status labelling, 1,000,000 claims (in process)", 2.4801, 856.66)
    table.note("Argdown CLI (the `argdown` rows): tests/js/node_modules/.bin/argdown")
    table.time("`argdown map --format svg`, 10,000 claims", 37.3921, 419.44)
    table.time("`argmap check` a|b.yaml, a name longer than the first column is wide", 0.2, 36)
    table.end()
    assert out.getvalue() == (
        "| what                                                 |  median s |  peak MiB |\n"
        "| ---------------------------------------------------- | ---------:| ---------:|\n"
        "| `python -c pass` (floor)                             |     0.010 |      19.3 |\n"
        "| `argmap check`, 1,000 claims                         |     0.247 |      38.6 |\n"
        "|   check / CSafeLoader load                           |      3.92 |           |\n"
        "| status labelling, 1,000,000 claims (in process)      |     2.480 |     856.7 |\n"
        "| `argdown map --format svg`, 10,000 claims            |    37.392 |     419.4 |\n"
        "| `argmap check` a\\|b.yaml, a name longer than the first column is wide |     0.200 |"
        "      36.0 |\n"
        "\n"
        "`argmap --help` imports none of networkx, graphviz, argmap.analyze\n"
        "Argdown CLI (the `argdown` rows): tests/js/node_modules/.bin/argdown\n"
    )
    [rows] = tables(out.getvalue())
    assert rows[0] == ["what", "median s", "peak MiB"]
    assert [r[0] for r in rows[1:]][-1] == (
        "`argmap check` a\\|b.yaml, a name longer than the first column is wide"
    )


def test_what_argmap_help_must_not_import() -> None:
    run = bench()
    assert run.help_imports({"yaml", "argmap.load"}) == (
        "`argmap --help` imports none of networkx, graphviz, argmap.analyze"
    )
    assert run.help_imports({"yaml", "graphviz", "argmap.analyze"}) == (
        "`argmap --help` imports graphviz, argmap.analyze, which it must not"
    )


def test_the_performance_doc_shows_the_table_the_bench_prints() -> None:
    doc = (ROOT / "docs/performance.md").read_text()
    measured = doc[doc.index("make bench\n```") : doc.index("## Against the targets")]
    [rows] = tables(measured)
    assert rows[0] == ["what", "median s", "peak MiB"]
    for line in measured.splitlines():
        if line.startswith("|"):
            assert len(line) == 80, line  # padded as the bench pads its rows
    notes = measured.split("|\n\n")[1].splitlines()
    assert notes[:2] == [
        "`argmap --help` imports none of networkx, graphviz, argmap.analyze",
        "Argdown CLI (the `argdown` rows): tests/js/node_modules/.bin/argdown",
    ]
