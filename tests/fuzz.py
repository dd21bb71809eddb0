"""A mutation fuzzer: damage the debates in `debates/` and check that argmap answers every result
with a debate or diagnostics, never a traceback.

    python -m tests.fuzz --iterations 20000 --seed 1     (or: make fuzz)

Each iteration takes one debate, applies one to three mutations (delete, duplicate or swap
lines; retype a value; change indentation; insert tabs, NULs, odd Unicode, anchors and aliases,
tags, brackets; truncate ...) and runs the text through `check_text`, then writes it to a file
and runs `argmap check` and one other command on it, in process. It fails when an exception
escapes, an exit status is not 0, 1 or 2, `argmap check` fails without an error diagnostic that
names the file, or an iteration takes longer than `--slow` seconds.

Every iteration draws from its own generator, seeded with the run's seed and its number, so a
failure is reproduced by `--seed S --only N`. Each failure is printed with its seed, iteration,
mutations and traceback, and its input is written to `--out` (default `out/fuzz/`).
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import random
import re
import sys
import tempfile
import time
import traceback
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from typer.testing import CliRunner

from argmap.check import check_text
from argmap.cli import app
from argmap.errors import CODES, DebateError
from argmap.load import loads

ROOT = Path(__file__).resolve().parent.parent
DEBATES = sorted((ROOT / "debates").glob("*.yaml"))

# --- mutations ---------------------------------------------------------------------------------

Mutation = Callable[[random.Random, str], str]

ODD = [
    "\t", "\x00", "\x1b[2J", "\r", "\r\n", "\x85", "\u2028", "\u202e", "\ufeff", "\u200b",
    "\U0001f600", "e\u0301", "\ud800", "\x7f", "\x0b", "\\", "\\x", '"', "'", "#", "%", "@", "`",
    "|", ">", "? ", "- ", ": ", ",", "[", "]", "{", "}", "&a ", "*a", "<<: *a", "!", "!!",
    "---\n", "...\n", "\n", " ",
]  # fmt: skip
TAGS = [
    "!!python/object/apply:os.system ['true'] ", "!!python/name:os.system ", "!!binary ",
    "!!str ", "!!int ", "!!map ", "!!seq ", "!!set ", "!!omap ", "!local ", "!<tag:x,2000:y> ",
]  # fmt: skip
VALUES = [
    "42", "-1.5e300", ".inf", ".nan", "0x1F", "null", "~", "", '""', "''", "'  '", "yes", "no",
    "true", "2024-03-02", "2024-03-02T10:00:00Z", "[]", "{}", "[a, b]", "{a: b}", "[[[[[]]]]]",
    "{text: x}", "- a", "|\n  block", ">-\n  folded", "&x value", "*x", "!!null ''", '"\\u0000"',
    "[" * 2000, "x" * 5000, "\U0001f600" * 50,
]  # fmt: skip
VALUE_LINE = re.compile(r"^(\s*(?:- )?[^\s:#][^:#]*:) (.+)$")


def _line(rng: random.Random, lines: list[str]) -> int:
    return rng.randrange(len(lines)) if lines else 0


def delete_lines(rng: random.Random, text: str) -> str:
    lines = text.splitlines(keepends=True)
    i = _line(rng, lines)
    del lines[i : i + rng.choice([1, 1, 1, 2, 5])]
    return "".join(lines)


def duplicate_lines(rng: random.Random, text: str) -> str:
    lines = text.splitlines(keepends=True)
    i = _line(rng, lines)
    n = rng.choice([1, 1, 2, 3, 8])
    lines[i:i] = lines[i : i + n] * rng.choice([1, 1, 2])
    return "".join(lines)


def swap_lines(rng: random.Random, text: str) -> str:
    lines = text.splitlines(keepends=True)
    if len(lines) > 1:
        i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
        lines[i], lines[j] = lines[j], lines[i]
    return "".join(lines)


def retype_value(rng: random.Random, text: str) -> str:
    """Replace the value of a `key: value` line with a value of another type."""
    lines = text.splitlines(keepends=True)
    candidates = [i for i, line in enumerate(lines) if VALUE_LINE.match(line.rstrip("\n"))]
    if not candidates:
        return text
    i = rng.choice(candidates)
    m = VALUE_LINE.match(lines[i].rstrip("\n"))
    assert m is not None
    lines[i] = f"{m[1]} {rng.choice(VALUES)}\n"
    return "".join(lines)


def reindent(rng: random.Random, text: str) -> str:
    lines = text.splitlines(keepends=True)
    i = _line(rng, lines)
    if lines:
        body = lines[i].lstrip(" ")
        lines[i] = (
            " " * max(0, len(lines[i]) - len(body) + rng.choice([-4, -2, -1, 1, 2, 4])) + body
        )
    return "".join(lines)


def insert_odd(rng: random.Random, text: str) -> str:
    at = rng.randrange(len(text) + 1)
    return text[:at] + rng.choice(ODD) * rng.choice([1, 1, 1, 2, 50]) + text[at:]


def insert_tag(rng: random.Random, text: str) -> str:
    at = text.find(": ", rng.randrange(len(text) + 1))
    if at < 0:
        return text
    return text[: at + 2] + rng.choice(TAGS) + text[at + 2 :]


def anchor_and_alias(rng: random.Random, text: str) -> str:
    """Anchor one value and refer to it elsewhere, or write the start of a billion laughs."""
    if rng.random() < 0.2:
        laughs = "".join(f"x{i}: &x{i} [{', '.join([f'*x{i - 1}'] * 9)}]\n" for i in range(1, 9))
        return "x0: &x0 [lol, lol]\n" + laughs + text
    starts = [m.end() for m in re.finditer(r": ", text)]
    if len(starts) < 2:
        return text
    a, b = sorted(rng.sample(starts, 2))
    end = text.find("\n", b)
    end = len(text) if end < 0 else end
    return text[:a] + "&a " + text[a:b] + "*a" + text[end:]


def nest(rng: random.Random, text: str) -> str:
    at = text.find(": ", rng.randrange(len(text) + 1))
    if at < 0:
        return text
    n = rng.choice([10, 999, 1000, 1001, 5000])
    opener = rng.choice(["[", "{a: ", "- "])
    closer = {"[": "]", "{a: ": "}", "- ": ""}[opener] * rng.choice([0, n])
    return text[: at + 2] + opener * n + "x" + closer + text[at + 2 :]


def change_case(rng: random.Random, text: str) -> str:
    """Make one word differ in case or spacing, so an id no longer matches its references."""
    words = list(re.finditer(r"[a-z][a-z0-9-]{2,}", text))
    if not words:
        return text
    m = rng.choice(words)
    word = rng.choice([m[0].upper(), m[0].capitalize(), m[0].replace("-", " "), f" {m[0]} "])
    return text[: m.start()] + word + text[m.end() :]


def truncate(rng: random.Random, text: str) -> str:
    return text[: rng.randrange(len(text) + 1)]


def shuffle_lines(rng: random.Random, text: str) -> str:
    lines = text.splitlines(keepends=True)
    rng.shuffle(lines)
    return "".join(lines)


MUTATIONS: dict[str, Mutation] = {
    f.__name__: f
    for f in (
        delete_lines,
        duplicate_lines,
        swap_lines,
        retype_value,
        reindent,
        insert_odd,
        insert_tag,
        anchor_and_alias,
        nest,
        change_case,
        truncate,
        shuffle_lines,
    )
}
# Drawn from with these weights: the common mistakes more often.
NAMES = [*MUTATIONS, "retype_value", "retype_value", "insert_odd", "insert_odd", "reindent"]


def mutate(rng: random.Random, text: str) -> tuple[str, list[str]]:
    """`text` after one to three mutations, and their names."""
    done = []
    for _ in range(rng.choice([1, 1, 2, 3])):
        name = rng.choice(NAMES)
        text = MUTATIONS[name](rng, text)
        done.append(name)
    return text, done


# --- running -----------------------------------------------------------------------------------

FILE = "fuzz.yaml"
# Besides `check`, each iteration runs one of these on the file (`ID` is a claim id).
COMMANDS = [
    ["summary", FILE],
    ["summary", FILE, "--format", "json"],
    ["unanswered", FILE],
    ["tree", FILE],
    ["tree", FILE, "--format", "json"],
    ["show", FILE, "ID"],
    ["show", FILE, "ID", "--format", "json"],
    ["render", FILE, "-o", "out.dot"],
    ["render", FILE, "-o", "out.mmd"],
    ["check", "--strict", "--format", "json", FILE],
]
ERROR_LINE = re.compile(rf"^{re.escape(FILE)}(:\d+(:\d+)?)?: error\[[a-z0-9-]+\]: .", re.MULTILINE)


@dataclass
class Failure:
    seed: int
    iteration: int
    mutations: list[str]
    source: str
    what: str
    text: str

    def report(self) -> str:
        return (
            f"seed {self.seed}, iteration {self.iteration} ({self.source}; "
            f"{', '.join(self.mutations)}): {self.what}"
        )


@dataclass
class Report:
    iterations: int = 0
    seconds: float = 0.0
    failures: list[Failure] = field(default_factory=list)
    codes: Counter[str] = field(default_factory=Counter)
    exits: Counter[int] = field(default_factory=Counter)
    loaded: int = 0

    def summary(self) -> str:
        rate = self.iterations / self.seconds if self.seconds else 0.0
        codes = ", ".join(f"{c} {n}" for c, n in self.codes.most_common())
        exits = ", ".join(f"{c}: {n}" for c, n in sorted(self.exits.items()))
        return (
            f"{self.iterations} iterations in {self.seconds:.1f} s ({rate:.0f}/s): "
            f"{len(self.failures)} failures; {self.loaded} inputs loaded\n"
            f"exit statuses: {exits}\n"
            f"diagnostic codes: {codes or 'none'}"
        )


def _library(text: str, report: Report) -> str | None:
    """What is wrong with what the library does with `text`, or None."""
    r = check_text(text, FILE)
    for d in r.diagnostics:
        report.codes[d.code] += 1
        if d.code not in CODES or not d.message or d.file != FILE:
            return f"a malformed diagnostic: {d!r}"
        if (d.line is not None and d.line < 1) or (d.column is not None and d.column < 1):
            return f"a diagnostic outside the file: {d!r}"
    if (r.debate is None) != any(d.is_error for d in r.diagnostics):
        return "a debate with errors, or no debate and no error"
    try:
        loads(text, FILE)
    except DebateError:
        if r.debate is not None:
            return "loads() raised for a text that check_text() loaded"
    return None


def _cli(runner: CliRunner, args: list[str], report: Report) -> tuple[str | None, str]:
    result = runner.invoke(app, args)
    report.exits[result.exit_code] += 1
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        trace = "".join(traceback.format_exception(result.exception))
        return f"`argmap {' '.join(args)}` raised:\n{trace}", result.output
    if result.exit_code not in (0, 1, 2):
        return f"`argmap {' '.join(args)}` exited with {result.exit_code}", result.output
    return None, result.output


def run_one(
    seed: int,
    iteration: int,
    sources: Sequence[tuple[str, str]],
    report: Report,
    slow: float = 10.0,
) -> Failure | None:
    """Mutate one debate and run it through the library and the command line, in the current
    folder; the failure, if any."""
    began = time.perf_counter()
    rng = random.Random(f"{seed}:{iteration}")
    source, original = rng.choice(sources)
    text, mutations = mutate(rng, original)
    command = list(rng.choice(COMMANDS))

    def failed(what: str) -> Failure:
        return Failure(seed, iteration, mutations, source, what, text)

    try:
        problem = _library(text, report)
    except Exception:
        return failed(f"check_text raised:\n{traceback.format_exc()}")
    if problem is not None:
        return failed(problem)
    Path(FILE).write_bytes(text.encode("utf-8", "surrogatepass"))
    runner = CliRunner()
    problem, output = _cli(runner, ["check", "--quiet", FILE], report)
    if problem is not None:
        return failed(problem)
    ok = "1 file checked: 0 errors" in output
    report.loaded += ok
    if not ok and ERROR_LINE.search(output) is None:
        return failed(f"`argmap check` failed without an error naming the file:\n{output}")
    ids = re.findall(r"^ {2,}([\w.-]+):", text, re.MULTILINE) or ["x"]
    command = [rng.choice(ids) if a == "ID" else a for a in command]
    problem, _ = _cli(runner, command, report)
    if problem is not None:
        return failed(problem)
    took = time.perf_counter() - began
    return failed(f"took {took:.1f} s") if took > slow else None


def shapes() -> list[tuple[str, str]]:
    """The slow shapes of bench/shapes.py, small, as more debates to damage: the fuzzer looks
    for tracebacks in them (their speed is `make bench`'s to measure)."""
    spec = importlib.util.spec_from_file_location("bench_shapes", ROOT / "bench/shapes.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return [
        ("shape-long-word.yaml", module.long_word(20_000)),
        ("shape-many-speakers.yaml", module.many_speakers(300)),
        ("shape-many-sources.yaml", module.many_sources(300)),
        ("shape-pairs-and-chain.yaml", module.pairs_and_chain(4, 50)),
        ("shape-chain.yaml", module.chain(300)),
    ]


def fuzz(
    iterations: int,
    seed: int = 0,
    *,
    only: int | None = None,
    slow: float = 10.0,
    on_failure: Callable[[Failure], None] | None = None,
) -> Report:
    """Run `iterations` iterations (or just iteration `only`) in a temporary folder."""
    sources = [(p.name, p.read_text(encoding="utf-8")) for p in DEBATES] + shapes()
    report = Report()
    start = time.perf_counter()
    cwd = Path.cwd()
    with tempfile.TemporaryDirectory(prefix="argmap-fuzz-") as tmp:
        os.chdir(tmp)
        try:
            for i in range(iterations) if only is None else [only]:
                failure = run_one(seed, i, sources, report, slow)
                report.iterations += 1
                if failure is not None:
                    report.failures.append(failure)
                    if on_failure is not None:
                        on_failure(failure)
        finally:
            os.chdir(cwd)
    report.seconds = time.perf_counter() - start
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tests.fuzz", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--iterations", "-n", type=int, default=2000)
    parser.add_argument("--seed", "-s", type=int, default=0)
    parser.add_argument("--only", type=int, metavar="N", help="Run only iteration N.")
    parser.add_argument("--slow", type=float, default=10.0, help="Seconds that count as a hang.")
    parser.add_argument("--out", type=Path, default=ROOT / "out" / "fuzz")
    args = parser.parse_args(argv)

    def show(failure: Failure) -> None:
        args.out.mkdir(parents=True, exist_ok=True)
        saved = args.out / f"seed-{failure.seed}-iteration-{failure.iteration}.yaml"
        saved.write_bytes(failure.text.encode("utf-8", "surrogatepass"))
        print(f"FAIL {failure.report()}", file=sys.stderr)
        print(f"  input: {saved}", file=sys.stderr)
        print(f"  again: python -m tests.fuzz --seed {failure.seed} --only {failure.iteration}")

    report = fuzz(args.iterations, args.seed, only=args.only, slow=args.slow, on_failure=show)
    print(report.summary())
    return 1 if report.failures else 0


if __name__ == "__main__":
    sys.exit(main())
