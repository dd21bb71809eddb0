"""The benchmark: each command in a fresh process, several runs, median wall time and peak RSS.

    make bench        (or: .venv/bin/python bench/run.py [--runs N] [--sizes 1000,10000])

Inputs are the files in `debates/` and synthetic debates of 1,000, 10,000 and 100,000 claims
(`bench/generate.py`, seeded: the same bytes on every machine), and the AIF export of one of 10 MB
for `argmap import aif`. Floors measured in the same run
(`python -c pass`, `import yaml`, a plain CSafeLoader load of the same file) keep the ratios
meaningful on a noisy machine. Where the Argdown CLI is on PATH (or installed by the tests under
tests/js), the same debates exported to Argdown are timed with it as the peer to beat.

It prints one Markdown table, a row as each is measured, then notes after it (what `argmap
--help` imports, which Argdown CLI was used): docs/performance.md shows exactly that.
"""

from __future__ import annotations

import argparse
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TextIO

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate
from shapes import COMMANDS, SHAPES, file_name

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
# Each command runs as an installed argmap does: from its cached bytecode, which `main` writes
# first. With PYTHONDONTWRITEBYTECODE set (some sandboxes set it), a module changed since its
# bytecode was last written would be compiled again on every run and counted in its time.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
ARGMAP = [PY, "-m", "argmap"]
LABEL_1M = (
    "import gc, sys, time; sys.path.insert(0, {bench!r}); from generate import build; "
    "from argmap.analyze import label; d = build(1_000_000); gc.collect(); gc.freeze(); "
    "t = time.perf_counter(); label(d); print(time.perf_counter() - t)"
)

# Strength (DF-QuAD, the default), in process like the labelling: `{make}` builds the debate.
STRENGTH = (
    "import gc, sys, time; sys.path.insert(0, {bench!r}); from generate import build, tangle; "
    "from argmap.analyze import strength_of; d = {make}; gc.collect(); gc.freeze(); "
    "t = time.perf_counter(); s = strength_of(d); print(s.converged, time.perf_counter() - t)"
)
STRENGTH_ROWS = (
    ("strength, 100,000 claims, no cycles (in process)", "build(100_000, cycles=False)"),
    ("strength, 1,000,000 claims, no cycles (in process)", "build(1_000_000, cycles=False)"),
    ("strength, 10,000 claims in a tangle (in process)", "tangle(10_000)"),
)


# The shapes whose row is an import of a 10,000-comment thread.
THREAD_IMPORTS = ("thread-paste", "thread-reddit")

# What `argmap --help` must not import: it loads typer, rich and the loader (so yaml), and
# nothing that only a report or a drawing needs.
HEAVY = ("networkx", "graphviz", "argmap.analyze")


class Table:
    """The benchmark's one Markdown table, printed a row at a time as each is measured, with
    the notes kept for after it, so that nothing ever lands inside the table."""

    WIDTH = 52  # of the first column; a longer name widens its own row only

    def __init__(self, out: TextIO = sys.stdout) -> None:
        self.out = out
        self.notes: list[str] = []

    def _row(self, what: str, seconds: str, peak: str) -> None:
        what = what.replace("|", "\\|")  # a `|` in a name would start a new cell
        print(f"| {what:<{self.WIDTH}} | {seconds:>9} | {peak:>9} |", file=self.out, flush=True)

    def start(self) -> None:
        self._row("what", "median s", "peak MiB")
        print(f"| {'-' * self.WIDTH} | {'-' * 9}:| {'-' * 9}:|", file=self.out)

    def time(self, what: str, seconds: float, peak: float) -> None:
        self._row(what, f"{seconds:.3f}", f"{peak:.1f}")

    def ratio(self, what: str, ratio: float) -> None:
        self._row(f"  {what}", f"{ratio:.2f}", "")

    def note(self, text: str) -> None:
        self.notes.append(text)

    def end(self) -> None:
        if self.notes:
            print(file=self.out)
            for text in self.notes:
                print(text, file=self.out)


def help_imports(imported: set[str]) -> str:
    """The note on what `argmap --help` imports of the modules it must not.

    >>> help_imports({"yaml", "rich"})
    '`argmap --help` imports none of networkx, graphviz, argmap.analyze'
    >>> help_imports({"yaml", "networkx"})
    '`argmap --help` imports networkx, which it must not'
    """
    found = [m for m in HEAVY if m in imported]
    if not found:
        return f"`argmap --help` imports none of {', '.join(HEAVY)}"
    return f"`argmap --help` imports {', '.join(found)}, which it must not"


def measure(argv: list[str], runs: int, inner: bool = False) -> tuple[float, float]:
    """Median seconds and peak RSS (MiB) of `argv` run `runs` times, each a fresh process.

    With `inner`, the seconds are the number the command prints (a time it took itself).
    """
    times, peaks = [], []
    for _ in range(runs):
        out_r, out_w = os.pipe()
        start = time.perf_counter()
        # posix_spawn, not fork: a forked child's peak RSS would count the benchmark's own memory.
        pid = os.posix_spawn(
            argv[0],
            argv,
            ENV,
            file_actions=[
                (os.POSIX_SPAWN_DUP2, out_w, 1),
                (os.POSIX_SPAWN_OPEN, 2, os.devnull, os.O_WRONLY, 0),
                (os.POSIX_SPAWN_CLOSE, out_r),
            ],
        )
        os.close(out_w)
        with os.fdopen(out_r, "rb") as f:
            printed = f.read()
        _, status, usage = os.wait4(pid, 0)
        elapsed = time.perf_counter() - start
        times.append(float(printed.split()[-1]) if inner else elapsed)
        peaks.append(usage.ru_maxrss / 1024)
        if os.waitstatus_to_exitcode(status) not in (0, 1):
            raise SystemExit(f"failed: {' '.join(argv)}")
    return statistics.median(times), max(peaks)


def argdown_cli() -> str | None:
    found = shutil.which("argdown")
    local = ROOT / "tests/js/node_modules/.bin/argdown"
    return found or (str(local) if local.exists() else None)


def imports_of_help() -> set[str]:
    """The modules `argmap --help` imports, from `python -X importtime`."""
    done = subprocess.run(
        [PY, "-X", "importtime", "-m", "argmap", "--help"], capture_output=True, text=True
    )
    return {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines()}


def write_aif_file(path: Path, size: int) -> int:
    """Write the AIF export of a synthetic debate of at least `size` bytes; return its claims."""
    from argmap import loads
    from argmap.convert.aif import write_aif

    per_claim = len(write_aif(loads(generate(1000)))) / 1000
    claims = math.ceil(size / per_claim)
    data = write_aif(loads(generate(claims)))
    while len(data) < size:
        claims += max(1, claims // 100)
        data = write_aif(loads(generate(claims)))
    path.write_bytes(data)
    return claims


def prepare(tmp: str, sizes: list[int], aif: str) -> None:
    """Write the synthetic debates, the slow shapes and the AIF file; print the AIF file's
    claims."""
    for n in sizes:
        (Path(tmp) / f"synthetic-{n}.yaml").write_text(generate(n))
    for name, make in SHAPES.items():
        (Path(tmp) / file_name(name)).write_text(make())
    print(write_aif_file(Path(aif), 10_000_000))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--no-label", action="store_true", help="skip the 1,000,000-claim row")
    parser.add_argument("--no-strength", action="store_true", help="skip the strength rows")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    tmp = Path(tempfile.mkdtemp(prefix="argmap-bench-"))
    files = {n: tmp / f"synthetic-{n}.yaml" for n in sizes}
    # The inputs are made by a child process: a child's peak RSS starts from its parent's (the
    # kernel carries it over fork and exec), so this process must stay small.
    aif = tmp / "synthetic.aif.json"
    prepare = f"import sys; sys.path.insert(0, {str(Path(__file__).parent)!r}); import run; "
    prepare += f"run.prepare({str(tmp)!r}, {sizes!r}, {str(aif)!r})"
    claims = int(subprocess.run([PY, "-c", prepare], check=True, capture_output=True).stdout)
    subprocess.run([PY, "-m", "compileall", "-q", str(ROOT / "argmap")], check=True, env=ENV)
    runs = args.runs

    print(
        f"argmap benchmark: {platform.platform()}, Python {platform.python_version()}, "
        f"{os.cpu_count()} cores; median of {runs} runs (1 for the largest), peak RSS"
    )
    print()
    table = Table()
    table.start()

    def row(name: str, argv: list[str], n: int = runs, inner: bool = False) -> float:
        t, m = measure(argv, n, inner)
        table.time(name, t, m)
        return t

    row("`python -c pass` (floor)", [PY, "-c", "pass"])
    row("`python -c 'import yaml'` (floor)", [PY, "-c", "import yaml"])
    row("`argmap --help`", [*ARGMAP, "--help"])
    for p in sorted((ROOT / "debates").glob("*.yaml")):
        row(f"`argmap check` {p.name}", [*ARGMAP, "check", str(p)])
        row(f"`argmap summary` {p.name}", [*ARGMAP, "summary", str(p)])
    floors: dict[int, float] = {}
    for n, f in files.items():
        few = 1 if n >= 100_000 else runs
        size = f"{n:,} claims ({f.stat().st_size / 1e6:.1f} MB)"
        load = f"import yaml; yaml.load(open({str(f)!r}), Loader=yaml.CSafeLoader)"
        floors[n] = row(f"CSafeLoader load, {size} (floor)", [PY, "-c", load], few)
        check = row(f"`argmap check`, {n:,} claims", [*ARGMAP, "check", "-q", str(f)], few)
        table.ratio("check / CSafeLoader load", check / floors[n])
        if n <= 10_000:
            summary = [*ARGMAP, "summary", "--format", "json", str(f)]
            row(f"`argmap summary --format json`, {n:,} claims", summary, few)
            svg = [*ARGMAP, "render", str(f), "-o", str(tmp / f"{n}.svg")]
            row(f"`argmap render` SVG, {n:,} claims", svg, 1 if n > 1000 else few)
    keystroke = str(Path(__file__).resolve().parent / "keystroke.py")
    for n, f in files.items():
        if n <= 10_000:
            edits = ["--edits", "20" if n <= 1000 else "6"]
            typed = [PY, keystroke, str(f), *edits]
            row(f"lsp keystroke → diagnostics, {n:,} claims", typed, 1, True)
            hinted = [*typed, "--hints"]
            row(f"lsp keystroke → inlay hints, {n:,} claims", hinted, 1, True)
    imported = [*ARGMAP, "import", "aif", str(aif), "-o", str(tmp / "imported.yaml"), "--force"]
    row(f"`argmap import aif`, {aif.stat().st_size / 1e6:.1f} MB ({claims:,} claims)", imported)
    for name, command in COMMANDS:
        shape = tmp / file_name(name)
        argv = [*ARGMAP, *(str(shape) if a == "FILE" else a for a in command)]
        size = f"{shape.stat().st_size / 1e6:.1f} MB"
        words = " ".join(a for a in command if a not in ("FILE", "-o", "-"))
        # A thread's import has a target (< 2 s): the median of `runs`, and its ratio to the
        # machine's floor, as a check's.
        thread = name in THREAD_IMPORTS
        took = row(f"`{words}`, {name} ({size})", argv, runs if thread else 1)
        if thread and 10_000 in floors:
            table.ratio("import / CSafeLoader load, 10,000 claims", took / floors[10_000])
    if not args.no_label:
        label = [PY, "-c", LABEL_1M.format(bench=str(Path(__file__).resolve().parent))]
        row("status labelling, 1,000,000 claims (in process)", label, 1, inner=True)
    if not args.no_strength:
        bench = str(Path(__file__).resolve().parent)
        for name, make in STRENGTH_ROWS:
            row(name, [PY, "-c", STRENGTH.format(bench=bench, make=make)], 1, inner=True)
    table.note(help_imports(imports_of_help()))
    argdown = argdown_cli()
    if argdown is None:
        table.note("Argdown CLI: not on PATH; peer rows skipped (npm install -g @argdown/cli)")
    else:
        shown = Path(argdown)
        where = shown.relative_to(ROOT) if shown.is_relative_to(ROOT) else shown
        table.note(f"Argdown CLI (the `argdown` rows): {where}")
        for n, f in files.items():
            if n > 10_000:
                continue
            out = tmp / f"synthetic-{n}.argdown"
            exported = subprocess.run(
                [*ARGMAP, "export", str(f), "--to", "argdown", "-o", str(out)], capture_output=True
            )
            if exported.returncode != 0:
                table.note(f"Argdown peer: export failed: {exported.stderr.decode().strip()}")
                break
            row(f"`argdown json`, {n:,} claims", [argdown, "json", str(out), str(tmp)], 1)
            svg = [argdown, "map", "--format", "svg", str(out), str(tmp)]
            row(f"`argdown map --format svg`, {n:,} claims", svg, 1)
    table.end()


if __name__ == "__main__":
    main()
