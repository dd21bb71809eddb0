"""Record every output argmap gives for every debate the repository holds, to compare two trees.

A refactoring tool, not a test: run it before a change and after, then `diff -r` the two folders.
Every view is recorded byte for byte, with its exit status and stderr:

- every valid debate in `debates/` and `tests/data/` (anything `check` loads) x `summary`,
  `unanswered`, `tree` and `show` (every claim), in text and JSON;
- x `render` as DOT, Mermaid, SVG and HTML, in both themes and with each drawing option;
- x `export` to every format;
- `check --quiet` of every fixture under `tests/data/invalid/`.

    .venv/bin/python -m tests.golden out/golden-before
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator
from pathlib import Path

from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent


def debates() -> Iterator[Path]:
    import argmap

    for folder in ("debates", "tests/data"):
        for path in sorted((ROOT / folder).rglob("*.yaml")):
            if "invalid" in path.parts:
                continue
            result = argmap.check(path)
            if result.debate is not None and not result.errors:
                yield path.relative_to(ROOT)


def runs(path: Path) -> Iterator[tuple[str, list[str]]]:
    import argmap

    debate = argmap.load(path)
    first = next(iter(debate.claims), None)
    speaker = next(iter(debate.speakers), None)
    file = str(path)
    for fmt in ("text", "json"):
        for report in ("summary", "unanswered", "tree"):
            yield f"{report}.{fmt}", [report, file, "--format", fmt]
        for claim in debate.claims:
            yield f"show.{fmt}/{claim}", ["show", file, claim, "--format", fmt]
    variants: list[tuple[str, list[str]]] = [
        ("plain", []),
        ("dark", ["--theme", "dark"]),
        ("lr", ["--direction", "LR"]),
        ("sources", ["--sources"]),
        ("cluster", ["--cluster", "speakers"]),
        ("unanswered", ["--unanswered"]),
    ]
    if first is not None:
        variants.append(("focus", ["--focus", first, "--depth", "1"]))
    if speaker is not None:
        variants.append(("speaker", ["--speaker", speaker]))
    for fmt in ("dot", "mmd", "svg", "html"):
        for name, options in variants:
            if fmt in ("svg", "html") and name not in ("plain", "sources", "focus"):
                continue  # drawn from the same DOT, which is recorded with every option
            yield f"render.{fmt}/{name}", ["render", file, "-o", "-", "-f", fmt, *options]
    for fmt in ("aif", "argdown", "graphml", "gexf", "json", "apx", "tgf", "iccma"):
        yield f"export/{fmt}", ["export", file, "-o", "-", "--to", fmt]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="an empty or new folder")
    args = parser.parse_args()
    from argmap.cli import app

    os.chdir(ROOT)  # paths in the outputs are relative to the repository
    runner = CliRunner()
    out: Path = args.out.resolve()
    count = 0

    def record(name: Path, argv: list[str]) -> None:
        nonlocal count
        result = runner.invoke(app, argv, catch_exceptions=False)
        target = out / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(result.stdout_bytes)
        if result.exit_code or result.stderr_bytes:
            stderr = result.stderr_bytes
            target.with_name(target.name + ".stderr").write_bytes(
                f"exit {result.exit_code}\n".encode() + stderr
            )
        count += 1

    for path in debates():
        for name, argv in runs(path):
            record(path / name, argv)
    for fixture in sorted((ROOT / "tests/data/invalid").glob("*.yaml")):
        rel = fixture.relative_to(ROOT)
        record(rel.with_suffix(".check"), ["check", "--quiet", str(rel)])
    print(f"{count} outputs written to {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
