"""Deterministic synthetic debates shaped like real threads, for benchmarks and tests.

Each claim rebuts or supports one or two earlier claims; some rebuttals are answered back, which
makes cycles; claims have speakers, some cite sources, and texts are of realistic length.

    python bench/generate.py 1000 > /tmp/d1000.yaml
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from argmap.model import Claim, Debate, Relation, RelationKind

WORDS = (
    "model",
    "training",
    "data",
    "image",
    "copy",
    "store",
    "weights",
    "learn",
    "concept",
    "compress",
    "lossy",
    "byte",
    "pixel",
    "copyright",
    "law",
    "fair",
    "use",
    "derivative",
    "artist",
    "style",
    "output",
    "input",
    "dataset",
    "billion",
    "gigabyte",
    "memorise",
    "overfit",
    "extract",
    "paper",
    "evidence",
    "claim",
    "because",
    "therefore",
    "however",
    "never",
    "always",
)


def generate(claims: int, seed: int = 7) -> str:
    """The YAML text of a debate with `claims` claims; the same arguments give the same bytes."""
    rng = random.Random(seed)
    speakers = [f"user{i}" for i in range(max(3, claims // 40))]
    sources = [f"src{i}" for i in range(max(2, claims // 25))]
    out = [f"title: Synthetic debate of {claims} claims", "speakers:"]
    out += [f"  {s}: {{url: 'https://example.org/u/{s}'}}" for s in speakers]
    out.append("sources:")
    out += [f"  {s}: {{title: Source {s}, url: 'https://example.org/{s}'}}" for s in sources]
    out.append("claims:")
    for i in range(claims):
        words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(12, 45)))
        line = f"  c{i}: {{by: {rng.choice(speakers)}, text: {json.dumps(words.capitalize() + '.')}"
        if i > 0:
            targets = sorted(
                {rng.randrange(max(0, i - 50), i) for _ in range(rng.choice((1, 1, 2)))}
            )
            kind = "supports" if rng.random() < 0.3 else "rebuts"
            line += f", {kind}: [{', '.join(f'c{t}' for t in targets)}]"
            if kind == "rebuts" and rng.random() < 0.05 and i + 1 < claims:
                # answered back by a later claim that this one also rebuts: a cycle
                line = line[:-1] + f", c{i + 1}]"
        if i < len(sources):  # every source is cited, so the file is clean under --strict
            line += f", cites: [{sources[i]}]"
        elif rng.random() < 0.2:
            line += f", cites: [{rng.choice(sources)}]"
        out.append(line + "}")
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    sys.stdout.write(generate(int(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 7))


def build(claims: int, seed: int = 7, cycles: bool = True) -> Debate:
    """A debate shaped like `generate`'s, built in code (no YAML): for timing the analysis alone.
    Without `cycles`, no rebuttal is answered back: every claim answers only earlier ones."""
    rng = random.Random(seed)
    speakers = [f"user{i}" for i in range(max(3, claims // 40))]
    made: dict[str, Claim] = {}
    relations: list[Relation] = []
    for i in range(claims):
        ident = f"c{i}"
        made[ident] = Claim(ident, "text", by=rng.choice(speakers), line=i + 1, column=3)
        if i > 0:
            targets = sorted(
                {rng.randrange(max(0, i - 50), i) for _ in range(rng.choice((1, 1, 2)))}
            )
            kind = RelationKind.SUPPORTS if rng.random() < 0.3 else RelationKind.REBUTS
            if cycles and kind is RelationKind.REBUTS and rng.random() < 0.05 and i + 1 < claims:
                targets.append(i + 1)
            relations.extend(Relation(ident, f"c{t}", kind, i + 1, 5) for t in targets)
    return Debate(
        title=f"Synthetic debate of {claims} claims", claims=made, relations=tuple(relations)
    )


def tangle(claims: int, seed: int = 3) -> Debate:
    """A debate in which each claim answers two claims anywhere in it (30% supports): nearly all
    of it one strongly connected part, the worst case for strength in cycles."""
    rng = random.Random(seed)
    made = {f"c{i}": Claim(f"c{i}", "text", line=i + 1, column=3) for i in range(claims)}
    relations = [
        Relation(
            f"c{i}",
            f"c{t}",
            RelationKind.SUPPORTS if rng.random() < 0.3 else RelationKind.REBUTS,
            i + 1,
            5,
        )
        for i in range(claims)
        for t in sorted({rng.randrange(claims) for _ in range(2)} - {i})
    ]
    return Debate(title=f"A tangle of {claims} claims", claims=made, relations=tuple(relations))
