"""The benchmark: each command in a fresh process, several runs, median wall time and peak RSS.

    make bench        (or: .venv/bin/python bench/run.py [--runs N])

Floors measured in the same run (`python -c pass`, `import yaml`, a plain CSafeLoader load of
the same file) keep the ratios meaningful on a noisy machine.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
ARGMAP = [PY, "-m", "argmap"]


def measure(argv: list[str], runs: int) -> tuple[float, float]:
    """Median seconds and peak RSS (MiB) of `argv` run `runs` times, each a fresh process."""
    times, peaks = [], []
    for _ in range(runs):
        start = time.perf_counter()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, 1)
            os.dup2(devnull, 2)
            os.execv(argv[0], argv)
        _, status, usage = os.wait4(pid, 0)
        times.append(time.perf_counter() - start)
        peaks.append(usage.ru_maxrss / 1024)
        if os.waitstatus_to_exitcode(status) not in (0, 1):
            raise SystemExit(f"failed: {' '.join(argv)}")
    return statistics.median(times), max(peaks)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sizes", default="1000,10000,100000")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    tmp = Path(tempfile.mkdtemp(prefix="argmap-bench-"))
    files = {n: tmp / f"synthetic-{n}.yaml" for n in sizes}
    for n, f in files.items():
        f.write_text(generate(n))
    rows: list[tuple[str, float, float]] = []

    def row(name: str, argv: list[str], runs: int = args.runs) -> None:
        t, m = measure(argv, runs)
        rows.append((name, t, m))
        print(f"  {name:<48} {t:8.3f} s {m:8.1f} MiB", flush=True)

    print(
        f"argmap benchmark: {platform.platform()}, Python {platform.python_version()}, "
        f"{os.cpu_count()} cores, {args.runs} runs each (median time, peak RSS)"
    )
    row("python -c pass (floor)", [PY, "-c", "pass"])
    row("python -c 'import yaml' (floor)", [PY, "-c", "import yaml"])
    row("argmap --help", [*ARGMAP, "--help"])
    for p in sorted((ROOT / "debates").glob("*.yaml")):
        row(f"argmap check {p.name}", [*ARGMAP, "check", str(p)])
        row(f"argmap summary {p.name}", [*ARGMAP, "summary", str(p)])
    for n, f in files.items():
        few = 1 if n >= 100_000 else args.runs
        load = f"import yaml; yaml.load(open({str(f)!r}), Loader=yaml.CSafeLoader)"
        row(f"yaml CSafeLoader load, {n} claims (floor)", [PY, "-c", load], few)
        row(f"argmap check, {n} claims", [*ARGMAP, "check", "-q", str(f)], few)
        if n <= 10_000:
            summary = [*ARGMAP, "summary", "--format", "json", str(f)]
            row(f"argmap summary --format json, {n} claims", summary, few)
            svg = [*ARGMAP, "render", str(f), "-o", str(tmp / f"{n}.svg")]
            row(f"argmap render svg, {n} claims", svg, 1 if n > 1000 else few)


if __name__ == "__main__":
    main()
