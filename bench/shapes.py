"""Small debates built to be slow: each shape once made a command take minutes or gigabytes
(issue 15). `make bench` times each as a row, so that a path that turns quadratic again shows
up as a number; `tests/fuzz.py` draws from them too.

    python bench/shapes.py long-word > /tmp/long-word.yaml
"""

from __future__ import annotations

import sys
from collections.abc import Callable


def long_word(size: int = 8_000_000) -> str:
    """One claim whose text is a single word of `size` characters, answered by another."""
    return f"title: T\nclaims:\n  a: {{text: {'w' * size}}}\n  b: {{text: B, rebuts: a}}\n"


def many_speakers(n: int = 20_000) -> str:
    """`n` claims, each by a speaker of its own, all citing one source."""
    lines = ["title: T", "speakers:", *(f"  s{i}:" for i in range(n))]
    lines += ["sources:", "  src: {title: S}", "claims:"]
    lines += [f"  c{i}: {{text: C{i}, by: s{i}, cites: [src]}}" for i in range(n)]
    return "\n".join(lines) + "\n"


def many_sources(n: int = 20_000) -> str:
    """`n` claims, each citing a source of its own."""
    lines = ["title: T", "sources:", *(f"  s{i}: {{title: S{i}}}" for i in range(n)), "claims:"]
    lines += [f"  c{i}: {{text: C{i}, cites: [s{i}]}}" for i in range(n)]
    return "\n".join(lines) + "\n"


def pairs_and_chain(pairs: int = 13, chain: int = 1_000) -> str:
    """`pairs` pairs of claims that rebut each other, all rebutting the head of a chain of
    `chain` rebuttals: 2**pairs preferred extensions above a chain that needs no search."""
    lines = ["title: T", "claims:"]
    for i in range(pairs):
        lines.append(f"  p{i}a: {{text: A, rebuts: [p{i}b, c0]}}")
        lines.append(f"  p{i}b: {{text: B, rebuts: [p{i}a, c0]}}")
    lines += [f"  c{i}: {{text: C, rebuts: c{i + 1}}}" for i in range(chain - 1)]
    lines.append(f"  c{chain - 1}: {{text: C}}")
    return "\n".join(lines) + "\n"


def chain(n: int = 10_000) -> str:
    """`n` replies, each rebutting the one before: a thread `n` deep."""
    lines = ["title: T", "claims:", "  c0: {text: C0}"]
    lines += [f"  c{i}: {{text: C{i}, rebuts: c{i - 1}}}" for i in range(1, n)]
    return "\n".join(lines) + "\n"


def kialo_chain(n: int = 40_000) -> str:
    """A Kialo export (text, not YAML) in which each of `n` claims is a link to the one before:
    `-> See 1.1.`, `-> See 1.2.` and so on."""
    lines = ["Discussion Title: T", "", "1. Thesis.", "1.1. Pro: C0."]
    lines += [f"1.{i}. Pro: -> See 1.{i - 1}." for i in range(2, n + 2)]
    return "\n".join(lines) + "\n"


SHAPES: dict[str, Callable[[], str]] = {
    "kialo-chain": kialo_chain,
    "chain": chain,
    "pairs-and-chain": pairs_and_chain,
    "long-word": long_word,
    "many-speakers": many_speakers,
    "many-sources": many_sources,
}


# The file each shape is written to, by its name: `shape-NAME.yaml`, but Kialo's text export.
def file_name(name: str) -> str:
    return f"shape-{name}.txt" if name.startswith("kialo") else f"shape-{name}.yaml"


# The rows of `make bench`: a shape and the command timed on it (FILE stands for the file).
COMMANDS: list[tuple[str, list[str]]] = [
    ("kialo-chain", ["import", "kialo", "FILE", "-o", "-"]),
    ("chain", ["tree", "FILE", "--format", "json"]),
    ("pairs-and-chain", ["summary", "FILE"]),
    ("long-word", ["render", "FILE", "-o", "-", "-f", "dot"]),
    ("long-word", ["tree", "FILE"]),
    ("many-speakers", ["summary", "FILE"]),
    ("many-sources", ["render", "FILE", "-o", "-", "-f", "dot", "--sources"]),
]

if __name__ == "__main__":
    sys.stdout.write(SHAPES[sys.argv[1]]())
