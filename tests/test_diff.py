"""`argmap diff`: what changed between two versions of a debate, on real edits of each debate in
`debates/` (a rebuttal added, one removed, one re-classified, a claim re-worded, a claim given to
another speaker; and of the evidence: a citation added, a quote given, a source's address given,
a source removed with its citations), as text and JSON; its exit statuses; `REV:PATH` read from
git; and the diff driver, run by `git diff` in a repository each test makes."""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from argmap import load
from argmap.cli import app
from argmap.compare import compare

from .conftest import ROOT

runner = CliRunner()
ENV: dict[str, str | None] = {
    "COLUMNS": "80",
    "NO_COLOR": "1",
    "FORCE_COLOR": None,
    "TTY_COMPATIBLE": None,
    "TTY_INTERACTIVE": None,
}


def invoke(*args: str) -> Result:
    return runner.invoke(app, list(args), env=ENV)


# --- the edits ---------------------------------------------------------------------------------


def seed(name: str) -> str:
    return (ROOT / "debates" / f"{name}.yaml").read_text(encoding="utf-8")


def once(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


def add_rebuttal(text: str, claim: str, by: str, said: str, target: str) -> str:
    """A new claim, first in the file, that rebuts `target`."""
    new = f"  {claim}:\n    by: {by}\n    text: {said}\n    rebuts: {target}\n"
    return once(text, "\nclaims:\n", f"\nclaims:\n{new}")


def remove(text: str, claim: str) -> str:
    """`claim` and everything nested under it taken out; its `rebuttals:` or `reasons:` key too,
    when it was the only claim there."""
    lines = text.splitlines(keepends=True)
    (at,) = [i for i, line in enumerate(lines) if line.strip() == f"{claim}:"]
    depth = len(lines[at]) - len(lines[at].lstrip())
    end = at + 1
    while end < len(lines) and (
        not lines[end].strip() or len(lines[end]) - len(lines[end].lstrip()) > depth
    ):
        end += 1
    above = lines[at - 1]
    alone = above.strip() in ("rebuttals:", "reasons:") and (
        end == len(lines) or len(lines[end]) - len(lines[end].lstrip()) < depth
    )
    kept = lines[: at - 1 if alone else at] + lines[end:]
    # ... and out of the `expect:` block, as whoever removed it would have to.
    start = kept.index("expect:\n")
    expect = [
        line.replace(f"[{claim}, ", "[").replace(f", {claim}]", "]").replace(f", {claim},", ",")
        for line in kept[start:]
        if line.strip() != f"- {claim}"
    ]
    return "".join(kept[:start] + expect)


def reclassify(text: str, claim: str) -> str:
    """`claim`, the only rebuttal under its parent, made a reason for it: rebuts → supports."""
    lines = text.splitlines(keepends=True)
    (at,) = [i for i, line in enumerate(lines) if line.strip() == f"{claim}:"]
    assert lines[at - 1].strip() == "rebuttals:"
    lines[at - 1] = lines[at - 1].replace("rebuttals:", "reasons:")
    return "".join(lines)


def cite(text: str, claim: str, *entries: str) -> str:
    """`claim`, which cites nothing, made to cite `entries` (each a YAML flow value)."""
    lines = text.splitlines(keepends=True)
    (at,) = [i for i, line in enumerate(lines) if line.strip() == f"{claim}:"]
    assert not any(line.strip().startswith("cites:") for line in lines[at + 1 : at + 4])
    depth = len(lines[at]) - len(lines[at].lstrip()) + 2
    lines.insert(at + 1, " " * depth + f"cites: [{', '.join(entries)}]\n")
    return "".join(lines)


def unlist(text: str, source: str) -> str:
    """`source` taken out from under `sources:`, with the one `cites: [source]` that cites it."""
    lines = text.splitlines(keepends=True)
    (at,) = [i for i, line in enumerate(lines) if line == f"  {source}:\n"]
    end = at + 1
    while lines[end].startswith("    "):
        end += 1
    (cited,) = [i for i, line in enumerate(lines) if line.strip() == f"cites: [{source}]"]
    return "".join(line for i, line in enumerate(lines) if not at <= i < end and i != cited)


BACKPROP = "{title: Backpropagation, url: https://en.wikipedia.org/wiki/Backpropagation}"


def move(text: str, claim: str, speaker: str) -> str:
    """`claim` given to `speaker`."""
    lines = text.splitlines(keepends=True)
    (at,) = [i for i, line in enumerate(lines) if line.strip() == f"{claim}:"]
    assert lines[at + 1].strip().startswith("by: ")
    lines[at + 1] = re.sub(r"by: .*", f"by: {speaker}", lines[at + 1])
    return "".join(lines)


EDITS: dict[str, dict[str, str]] = {
    "lossy-compression": {
        "added": add_rebuttal(
            seed("lossy-compression"),
            "rip-not-model",
            "FaceDeer",
            "A rip is made to be watched in place of the film; a model is not.",
            "bluray-rip",
        ),
        "removed": remove(seed("lossy-compression"), "lossy-not-lossless"),
        "reclassified": reclassify(seed("lossy-compression"), "lossy-not-lossless"),
        "reworded": once(
            seed("lossy-compression"),
            "a lossy copy is not made legal by being lossy.",
            "a copy is not made legal by losing detail.",
        ),
        "moved": move(seed("lossy-compression"), "bluray-rip", "FaceDeer"),
    },
    "retrieval-or-concepts": {
        "added": add_rebuttal(
            seed("retrieval-or-concepts"),
            "fair-by-design",
            "FaceDeer",
            "Training that keeps no copy of an image is fair use by any reading of the law.",
            "fair-use",
        ),
        "removed": remove(seed("retrieval-or-concepts"), "backprop"),
        "reclassified": reclassify(seed("retrieval-or-concepts"), "not-lookup"),
        "reworded": once(
            seed("retrieval-or-concepts"),
            "It is just a big table lookup of sorts",
            "It is just a huge table lookup, of sorts,",
        ),
        "moved": move(seed("retrieval-or-concepts"), "markov", "mobyduck648"),
        # The evidence.
        "cited": cite(seed("retrieval-or-concepts"), "backprop", BACKPROP),
        "quoted": once(
            seed("retrieval-or-concepts"),
            "cites: [laion-5b, model-on-disk]",
            'cites: [{source: laion-5b, quote: "five billion images"}, model-on-disk]',
        ),
        "addressed": once(
            seed("retrieval-or-concepts"),
            "    title: LAION-5B, a dataset describing five billion images\n",
            "    title: LAION-5B, a dataset describing five billion images\n"
            "    url: https://laion.ai/blog/laion-5b/\n",
        ),
        "unsourced": unlist(seed("retrieval-or-concepts"), "extraction-paper"),
    },
    "stored-in-original-form": {
        "added": add_rebuttal(
            seed("stored-in-original-form"),
            "video-says-nothing",
            "critic",
            "A video of how such models work says nothing of what this one keeps.",
            "how-diffusion-works",
        ),
        "removed": remove(seed("stored-in-original-form"), "how-diffusion-works"),
        "reclassified": reclassify(seed("stored-in-original-form"), "how-diffusion-works"),
        "reworded": once(
            seed("stored-in-original-form"),
            "that makes some kind of sense, but it is still wrong.",
            "that makes sense, but it is wrong.",
        ),
        "moved": move(seed("stored-in-original-form"), "how-diffusion-works", "critic"),
    },
}
CASES = [(debate, edit) for debate, edits in EDITS.items() for edit in edits]


@pytest.fixture
def versions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder holding each seed debate (`NAME.yaml`) and each edit of it (`NAME-EDIT.yaml`),
    made the current folder so that names in the output are short."""
    for debate, edits in EDITS.items():
        (tmp_path / f"{debate}.yaml").write_text(seed(debate), encoding="utf-8")
        for edit, text in edits.items():
            (tmp_path / f"{debate}-{edit}.yaml").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_every_edit_loads_and_changes_something(versions: Path) -> None:
    for debate, edit in CASES:
        old, new = load(f"{debate}.yaml"), load(f"{debate}-{edit}.yaml")
        assert compare(old, new).changed, (debate, edit)
        assert not compare(old, old).changed


# The text of each edit's diff, after its first line (`OLD → NEW`).
TEXT = {
    ("lossy-compression", "added"): """\

Statuses changed (1)
  bluray-rip: ✔ standing → ✘ defeated: defeated by rip-not-model, which stands
  and rebuts it.

Unanswered
  no longer (1): bluray-rip

Claims added (1)
  + rip-not-model · FaceDeer · ✔ standing
    A rip is made to be watched in place of the film; a model is not.

Relations added (1)
  + rip-not-model [rebuts] bluray-rip
""",
    ("lossy-compression", "removed"): """\

Statuses changed (2)
  compression: ✔ standing → ✘ defeated: defeated by magic-compression, which
  stands and rebuts it.
  magic-compression: ✘ defeated → ✔ standing: nothing rebuts or undercuts it (it
  is unanswered).

Unanswered
  now (1): magic-compression

Claims removed (1)
  - lossy-not-lossless · HereIAm · ✔ standing
    There is a difference between lossy and lossless. You can compress anything
    down to a single bit if you so wish, just don't expect to get everything
    back; that is how lossy compression works.

Relations removed (1)
  - lossy-not-lossless [rebuts] magic-compression
""",
    ("lossy-compression", "reclassified"): """\

Statuses changed (2)
  compression: ✔ standing → ✘ defeated: defeated by magic-compression, which
  stands and rebuts it.
  magic-compression: ✘ defeated → ✔ standing: nothing rebuts or undercuts it (it
  is unanswered).

Unanswered
  now (1): magic-compression

Relations re-classified (1)
  ~ lossy-not-lossless [rebuts → supports] magic-compression
""",
    ("lossy-compression", "reworded"): """\

Claims re-worded (1)
  ~ lossy-copies
    … it was trained on, and a [-lossy-] copy is not made legal by [-being
    lossy.-]{+losing detail.+}
""",
    ("lossy-compression", "moved"): """\

Speakers changed (1)
  ~ bluray-rip: enumerator4829 → FaceDeer
""",
    ("retrieval-or-concepts", "added"): """\

Statuses changed (1)
  fair-use: ✔ standing → ✘ defeated: defeated by fair-by-design, which stands
  and rebuts it.

Unanswered
  no longer (1): fair-use

Claims added (1)
  + fair-by-design · FaceDeer · ✔ standing
    Training that keeps no copy of an image is fair use by any reading of the
    law.

Relations added (1)
  + fair-by-design [rebuts] fair-use
""",
    ("retrieval-or-concepts", "removed"): """\

Same status, another reason (1)
  table-lookup: ✘ defeated: defeated by not-recording, which stands and rebuts
  it.
    before: defeated by backprop and not-recording, which stand and rebut it.

Claims removed (1)
  - backprop · mobyduck648 · ✔ standing
    A big table lookup is not what is going on here; backpropagation and
    gradient descent are what is actually happening.

Relations removed (1)
  - backprop [rebuts] table-lookup
""",
    ("retrieval-or-concepts", "reclassified"): """\

Statuses changed (1)
  lookup: ✘ defeated → ✔ standing: nothing rebuts or undercuts it (it is
  unanswered).

Unanswered
  now (1): lookup

Relations re-classified (1)
  ~ not-lookup [rebuts → supports] lookup
""",
    ("retrieval-or-concepts", "reworded"): """\

Claims re-worded (1)
  ~ table-lookup
    … would disagree. It is just a [-big-]{+huge+} table [-lookup-]{+lookup,+}
    of [-sorts-]{+sorts,+} with some complicated interpolation/extrapolation
    algorithm; training …
""",
    ("retrieval-or-concepts", "moved"): """\

Speakers changed (1)
  ~ markov: FaceDeer → mobyduck648
""",
    ("retrieval-or-concepts", "cited"): """\

Citations added (1)
  + backprop [cites] backprop#1 (inline)
    Backpropagation
    https://en.wikipedia.org/wiki/Backpropagation
""",
    ("retrieval-or-concepts", "quoted"): """\

Citations changed (1)
  ~ one-byte [cites] laion-5b
    quote: none → “five billion images”
""",
    ("retrieval-or-concepts", "addressed"): """\

Sources changed (1)
  ~ laion-5b
    url: none → https://laion.ai/blog/laion-5b/
""",
    ("retrieval-or-concepts", "unsourced"): """\

Sources removed (1)
  - extraction-paper
    A paper on pulling copies of training images back out of an image model

Citations removed (1)
  - not-recording [cites] extraction-paper
""",
    ("stored-in-original-form", "added"): """\

Statuses changed (3)
  no-copy: ✔ standing → ✘ defeated: defeated by what-function, which stands and
  rebuts it.
  what-function: ✘ defeated → ✔ standing: every claim that rebuts or undercuts
  it is defeated: how-diffusion-works.
  how-diffusion-works: ✔ standing → ✘ defeated: defeated by video-says-nothing,
  which stands and rebuts it.

Unanswered
  no longer (1): how-diffusion-works

Claims added (1)
  + video-says-nothing · critic · ✔ standing
    A video of how such models work says nothing of what this one keeps.

Relations added (1)
  + video-says-nothing [rebuts] how-diffusion-works
""",
    ("stored-in-original-form", "removed"): """\

Statuses changed (2)
  no-copy: ✔ standing → ✘ defeated: defeated by what-function, which stands and
  rebuts it.
  what-function: ✘ defeated → ✔ standing: nothing rebuts or undercuts it (it is
  unanswered).

Unanswered
  now (1): what-function

Claims removed (1)
  - how-diffusion-works · defender · ✔ standing
    Here is a video explaining how diffusion models work, and this article by
    Kit Walsh, a senior staff attorney at the EFF.

Relations removed (1)
  - how-diffusion-works [rebuts] what-function
""",
    ("stored-in-original-form", "reclassified"): """\

Statuses changed (2)
  no-copy: ✔ standing → ✘ defeated: defeated by what-function, which stands and
  rebuts it.
  what-function: ✘ defeated → ✔ standing: nothing rebuts or undercuts it (it is
  unanswered).

Unanswered
  now (1): what-function

Relations re-classified (1)
  ~ how-diffusion-works [rebuts → supports] what-function
""",
    ("stored-in-original-form", "reworded"): """\

Claims re-worded (1)
  ~ still-wrong
    … not intellectual property theft; that makes [-some kind of-] sense, but it
    is [-still-] wrong.
""",
    ("stored-in-original-form", "moved"): """\

Speakers changed (1)
  ~ how-diffusion-works: defender → critic
""",
}

# Its JSON, without `old`, `new` and `changed`, and without the keys whose value is empty.
JSON: dict[tuple[str, str], dict[str, Any]] = {
    ("lossy-compression", "added"): {
        "outcomes": {
            "status": [
                {
                    "id": "bluray-rip",
                    "old": "standing",
                    "new": "defeated",
                    "why": "has-standing-attacker",
                    "defeated_by": ["rip-not-model"],
                    "attackers": ["rip-not-model"],
                    "reason": "defeated by rip-not-model, which stands and rebuts it.",
                }
            ],
            "no_longer_unanswered": ["bluray-rip"],
        },
        "claims": {
            "added": [
                {
                    "id": "rip-not-model",
                    "by": "FaceDeer",
                    "status": "standing",
                    "text": "A rip is made to be watched in place of the film; a model is not.",
                }
            ]
        },
        "relations": {
            "added": [{"source": "rip-not-model", "target": "bluray-rip", "relation": "rebuts"}]
        },
    },
    ("lossy-compression", "removed"): {
        "outcomes": {
            "status": [
                {
                    "id": "compression",
                    "old": "standing",
                    "new": "defeated",
                    "why": "has-standing-attacker",
                    "defeated_by": ["magic-compression"],
                    "attackers": ["magic-compression"],
                    "reason": "defeated by magic-compression, which stands and rebuts it.",
                },
                {
                    "id": "magic-compression",
                    "old": "defeated",
                    "new": "standing",
                    "why": "no-attackers",
                    "reason": "nothing rebuts or undercuts it (it is unanswered).",
                },
            ],
            "became_unanswered": ["magic-compression"],
        },
        "claims": {
            "removed": [
                {
                    "id": "lossy-not-lossless",
                    "by": "HereIAm",
                    "status": "standing",
                    "text": "There is a difference between lossy and lossless. You "
                    "can compress anything down to a single bit if you so "
                    "wish, just don't expect to get everything back; that "
                    "is how lossy compression works.",
                }
            ]
        },
        "relations": {
            "removed": [
                {
                    "source": "lossy-not-lossless",
                    "target": "magic-compression",
                    "relation": "rebuts",
                }
            ]
        },
    },
    ("lossy-compression", "reclassified"): {
        "outcomes": {
            "status": [
                {
                    "id": "compression",
                    "old": "standing",
                    "new": "defeated",
                    "why": "has-standing-attacker",
                    "defeated_by": ["magic-compression"],
                    "attackers": ["magic-compression"],
                    "reason": "defeated by magic-compression, which stands and rebuts it.",
                },
                {
                    "id": "magic-compression",
                    "old": "defeated",
                    "new": "standing",
                    "why": "no-attackers",
                    "reason": "nothing rebuts or undercuts it (it is unanswered).",
                },
            ],
            "became_unanswered": ["magic-compression"],
        },
        "claims": {},
        "relations": {
            "reclassified": [
                {
                    "source": "lossy-not-lossless",
                    "target": "magic-compression",
                    "old": "rebuts",
                    "new": "supports",
                }
            ]
        },
    },
    ("lossy-compression", "reworded"): {
        "outcomes": {},
        "claims": {
            "reworded": [
                {
                    "id": "lossy-copies",
                    "old": "By that argument, any model contains lossy and "
                    "unstructured copies of all data it was trained on, and "
                    "a lossy copy is not made legal by being lossy.",
                    "new": "By that argument, any model contains lossy and "
                    "unstructured copies of all data it was trained on, and "
                    "a copy is not made legal by losing detail.",
                    "words": [
                        {
                            "op": "equal",
                            "text": "By that argument, any model contains lossy "
                            "and unstructured copies of all data it was "
                            "trained on, and a",
                        },
                        {"op": "delete", "text": "lossy"},
                        {"op": "equal", "text": "copy is not made legal by"},
                        {"op": "delete", "text": "being lossy."},
                        {"op": "insert", "text": "losing detail."},
                    ],
                }
            ]
        },
        "relations": {},
    },
    ("lossy-compression", "moved"): {
        "outcomes": {},
        "claims": {"moved": [{"id": "bluray-rip", "old": "enumerator4829", "new": "FaceDeer"}]},
        "relations": {},
    },
    ("retrieval-or-concepts", "added"): {
        "outcomes": {
            "status": [
                {
                    "id": "fair-use",
                    "old": "standing",
                    "new": "defeated",
                    "why": "has-standing-attacker",
                    "defeated_by": ["fair-by-design"],
                    "attackers": ["fair-by-design"],
                    "reason": "defeated by fair-by-design, which stands and rebuts it.",
                }
            ],
            "no_longer_unanswered": ["fair-use"],
        },
        "claims": {
            "added": [
                {
                    "id": "fair-by-design",
                    "by": "FaceDeer",
                    "status": "standing",
                    "text": "Training that keeps no copy of an image is fair use by "
                    "any reading of the law.",
                }
            ]
        },
        "relations": {
            "added": [{"source": "fair-by-design", "target": "fair-use", "relation": "rebuts"}]
        },
    },
    ("retrieval-or-concepts", "removed"): {
        "outcomes": {
            "held": [
                {
                    "id": "table-lookup",
                    "status": "defeated",
                    "old": {
                        "why": "has-standing-attacker",
                        "defeated_by": ["backprop", "not-recording"],
                        "attackers": ["backprop", "not-recording"],
                        "reason": "defeated by backprop and not-recording, which stand and "
                        "rebut it.",
                    },
                    "new": {
                        "why": "has-standing-attacker",
                        "defeated_by": ["not-recording"],
                        "attackers": ["not-recording"],
                        "reason": "defeated by not-recording, which stands and rebuts it.",
                    },
                }
            ]
        },
        "claims": {
            "removed": [
                {
                    "id": "backprop",
                    "by": "mobyduck648",
                    "status": "standing",
                    "text": "A big table lookup is not what is going on here; "
                    "backpropagation and gradient descent are what is "
                    "actually happening.",
                }
            ]
        },
        "relations": {
            "removed": [{"source": "backprop", "target": "table-lookup", "relation": "rebuts"}]
        },
    },
    ("retrieval-or-concepts", "reclassified"): {
        "outcomes": {
            "status": [
                {
                    "id": "lookup",
                    "old": "defeated",
                    "new": "standing",
                    "why": "no-attackers",
                    "reason": "nothing rebuts or undercuts it (it is unanswered).",
                }
            ],
            "became_unanswered": ["lookup"],
        },
        "claims": {},
        "relations": {
            "reclassified": [
                {"source": "not-lookup", "target": "lookup", "old": "rebuts", "new": "supports"}
            ]
        },
    },
    ("retrieval-or-concepts", "reworded"): {
        "outcomes": {},
        "claims": {
            "reworded": [
                {
                    "id": "table-lookup",
                    "old": "I would disagree. It is just a big table lookup of "
                    "sorts with some complicated "
                    "interpolation/extrapolation algorithm; training is "
                    "recording the data into the net.",
                    "new": "I would disagree. It is just a huge table lookup, of "
                    "sorts, with some complicated "
                    "interpolation/extrapolation algorithm; training is "
                    "recording the data into the net.",
                    "words": [
                        {"op": "equal", "text": "I would disagree. It is just a"},
                        {"op": "delete", "text": "big"},
                        {"op": "insert", "text": "huge"},
                        {"op": "equal", "text": "table"},
                        {"op": "delete", "text": "lookup"},
                        {"op": "insert", "text": "lookup,"},
                        {"op": "equal", "text": "of"},
                        {"op": "delete", "text": "sorts"},
                        {"op": "insert", "text": "sorts,"},
                        {
                            "op": "equal",
                            "text": "with some complicated "
                            "interpolation/extrapolation algorithm; "
                            "training is recording the data into the "
                            "net.",
                        },
                    ],
                }
            ]
        },
        "relations": {},
    },
    ("retrieval-or-concepts", "moved"): {
        "outcomes": {},
        "claims": {"moved": [{"id": "markov", "old": "FaceDeer", "new": "mobyduck648"}]},
        "relations": {},
    },
    ("retrieval-or-concepts", "cited"): {
        "citations": {
            "added": [
                {
                    "claim": "backprop",
                    "source": "backprop#1",
                    "inline": True,
                    "title": "Backpropagation",
                    "url": "https://en.wikipedia.org/wiki/Backpropagation",
                }
            ]
        }
    },
    ("retrieval-or-concepts", "quoted"): {
        "citations": {
            "changed": [
                {
                    "claim": "one-byte",
                    "source": "laion-5b",
                    "inline": False,
                    "fields": [{"field": "quote", "new": "five billion images"}],
                }
            ]
        }
    },
    ("retrieval-or-concepts", "addressed"): {
        "sources": {
            "changed": [
                {
                    "id": "laion-5b",
                    "fields": [{"field": "url", "new": "https://laion.ai/blog/laion-5b/"}],
                }
            ]
        }
    },
    ("retrieval-or-concepts", "unsourced"): {
        "sources": {
            "removed": [
                {
                    "id": "extraction-paper",
                    "title": "A paper on pulling copies of training images back out of an image "
                    "model",
                }
            ]
        },
        "citations": {
            "removed": [
                {
                    "claim": "not-recording",
                    "source": "extraction-paper",
                    "inline": False,
                    "title": "A paper on pulling copies of training images back out of an image "
                    "model",
                }
            ]
        },
    },
    ("stored-in-original-form", "added"): {
        "outcomes": {
            "status": [
                {
                    "id": "no-copy",
                    "old": "standing",
                    "new": "defeated",
                    "why": "has-standing-attacker",
                    "defeated_by": ["what-function"],
                    "attackers": ["still-wrong", "what-function"],
                    "reason": "defeated by what-function, which stands and rebuts it.",
                },
                {
                    "id": "what-function",
                    "old": "defeated",
                    "new": "standing",
                    "why": "all-attackers-defeated",
                    "attackers": ["how-diffusion-works"],
                    "reason": "every claim that rebuts or undercuts it is "
                    "defeated: how-diffusion-works.",
                },
                {
                    "id": "how-diffusion-works",
                    "old": "standing",
                    "new": "defeated",
                    "why": "has-standing-attacker",
                    "defeated_by": ["video-says-nothing"],
                    "attackers": ["video-says-nothing"],
                    "reason": "defeated by video-says-nothing, which stands and rebuts it.",
                },
            ],
            "no_longer_unanswered": ["how-diffusion-works"],
        },
        "claims": {
            "added": [
                {
                    "id": "video-says-nothing",
                    "by": "critic",
                    "status": "standing",
                    "text": "A video of how such models work says nothing of what this one keeps.",
                }
            ]
        },
        "relations": {
            "added": [
                {
                    "source": "video-says-nothing",
                    "target": "how-diffusion-works",
                    "relation": "rebuts",
                }
            ]
        },
    },
    ("stored-in-original-form", "removed"): {
        "outcomes": {
            "status": [
                {
                    "id": "no-copy",
                    "old": "standing",
                    "new": "defeated",
                    "why": "has-standing-attacker",
                    "defeated_by": ["what-function"],
                    "attackers": ["still-wrong", "what-function"],
                    "reason": "defeated by what-function, which stands and rebuts it.",
                },
                {
                    "id": "what-function",
                    "old": "defeated",
                    "new": "standing",
                    "why": "no-attackers",
                    "reason": "nothing rebuts or undercuts it (it is unanswered).",
                },
            ],
            "became_unanswered": ["what-function"],
        },
        "claims": {
            "removed": [
                {
                    "id": "how-diffusion-works",
                    "by": "defender",
                    "status": "standing",
                    "text": "Here is a video explaining how diffusion models work, "
                    "and this article by Kit Walsh, a senior staff attorney "
                    "at the EFF.",
                }
            ]
        },
        "relations": {
            "removed": [
                {"source": "how-diffusion-works", "target": "what-function", "relation": "rebuts"}
            ]
        },
    },
    ("stored-in-original-form", "reclassified"): {
        "outcomes": {
            "status": [
                {
                    "id": "no-copy",
                    "old": "standing",
                    "new": "defeated",
                    "why": "has-standing-attacker",
                    "defeated_by": ["what-function"],
                    "attackers": ["still-wrong", "what-function"],
                    "reason": "defeated by what-function, which stands and rebuts it.",
                },
                {
                    "id": "what-function",
                    "old": "defeated",
                    "new": "standing",
                    "why": "no-attackers",
                    "reason": "nothing rebuts or undercuts it (it is unanswered).",
                },
            ],
            "became_unanswered": ["what-function"],
        },
        "claims": {},
        "relations": {
            "reclassified": [
                {
                    "source": "how-diffusion-works",
                    "target": "what-function",
                    "old": "rebuts",
                    "new": "supports",
                }
            ]
        },
    },
    ("stored-in-original-form", "reworded"): {
        "outcomes": {},
        "claims": {
            "reworded": [
                {
                    "id": "still-wrong",
                    "old": "The argument is that because the training data is not "
                    "stored in the model in its original form, it does not "
                    "count as a copy and so is not intellectual property "
                    "theft; that makes some kind of sense, but it is still "
                    "wrong.",
                    "new": "The argument is that because the training data is not "
                    "stored in the model in its original form, it does not "
                    "count as a copy and so is not intellectual property "
                    "theft; that makes sense, but it is wrong.",
                    "words": [
                        {
                            "op": "equal",
                            "text": "The argument is that because the training "
                            "data is not stored in the model in its "
                            "original form, it does not count as a copy "
                            "and so is not intellectual property theft; "
                            "that makes",
                        },
                        {"op": "delete", "text": "some kind of"},
                        {"op": "equal", "text": "sense, but it is"},
                        {"op": "delete", "text": "still"},
                        {"op": "equal", "text": "wrong."},
                    ],
                }
            ]
        },
        "relations": {},
    },
    ("stored-in-original-form", "moved"): {
        "outcomes": {},
        "claims": {"moved": [{"id": "how-diffusion-works", "old": "defender", "new": "critic"}]},
        "relations": {},
    },
}


PARTS = ("outcomes", "claims", "relations", "sources", "citations")


def compact(value: Any) -> Any:
    """`value` without the keys whose value is empty (`[]` or null)."""
    if isinstance(value, dict):
        return {k: compact(v) for k, v in value.items() if v not in ([], None)}
    if isinstance(value, list):
        return [compact(v) for v in value]
    return value


@pytest.mark.parametrize(("debate", "edit"), CASES, ids=lambda x: x)
def test_the_text_of_each_edit(versions: Path, debate: str, edit: str) -> None:
    result = invoke("diff", f"{debate}.yaml", f"{debate}-{edit}.yaml")
    head = f"{debate}.yaml → {debate}-{edit}.yaml\n"
    assert (result.exit_code, result.stderr, result.stdout) == (1, "", head + TEXT[debate, edit])


@pytest.mark.parametrize(("debate", "edit"), CASES, ids=lambda x: x)
def test_the_json_of_each_edit(versions: Path, debate: str, edit: str) -> None:
    result = invoke("diff", "--format", "json", f"{debate}.yaml", f"{debate}-{edit}.yaml")
    assert (result.exit_code, result.stderr) == (1, "")
    data = json.loads(result.stdout)
    assert data == {
        "old": f"{debate}.yaml",
        "new": f"{debate}-{edit}.yaml",
        "changed": True,
        "title": None,
        **{
            part: {key: data[part][key] for key in keys}  # every key, always, in this order
            for part, keys in (
                (
                    "outcomes",
                    ["status", "held", "became_unanswered", "no_longer_unanswered", "acceptance"],
                ),
                ("claims", ["added", "removed", "reworded", "moved"]),
                ("relations", ["added", "removed", "reclassified"]),
                ("sources", ["added", "removed", "changed"]),
                ("citations", ["added", "removed", "changed"]),
            )
        },
    }
    # A part not in JSON[...] has nothing: no evidence changed in the other edits.
    assert compact({k: data[k] for k in PARTS}) == {k: {} for k in PARTS} | JSON[debate, edit]
    for flip in data["outcomes"]["status"]:
        assert list(flip) == [
            "id", "old", "new", "why", "defeated_by", "attackers", "acceptance", "reason"
        ]  # fmt: skip


# --- exit statuses and errors ------------------------------------------------------------------

SAME = "No change in the claims, how they answer each other, or what stands.\n"


def test_nothing_changed_exits_0(versions: Path) -> None:
    result = invoke("diff", "lossy-compression.yaml", "lossy-compression.yaml")
    assert (result.exit_code, result.stdout) == (
        0,
        "lossy-compression.yaml → lossy-compression.yaml\n" + SAME,
    )
    data = json.loads(invoke("diff", "-f", "json", *["lossy-compression.yaml"] * 2).stdout)
    assert data["changed"] is False
    assert compact({k: data[k] for k in PARTS}) == {k: {} for k in PARTS}


def test_notes_comments_and_layout_are_no_change(versions: Path) -> None:
    text = seed("stored-in-original-form").replace("# Worked out by hand", "# Worked out")
    text = once(
        text,
        "    rebuttals:\n      still-wrong:",
        "    # a comment\n    rebuttals:\n      still-wrong:",
    )
    text = text.replace("A question, read as a challenge", "A question read as a challenge")
    # A source's note, and the order of a claim's citations.
    text = once(text, "the excerpt\n      gives neither", "the excerpt gives\n      neither")
    text = once(
        text, "cites: [diffusion-video, eff-article]", "cites: [eff-article, diffusion-video]"
    )
    Path("same.yaml").write_text(text, encoding="utf-8")
    result = invoke("diff", "stored-in-original-form.yaml", "same.yaml")
    assert (result.exit_code, result.stdout) == (
        0,
        "stored-in-original-form.yaml → same.yaml\n" + SAME,
    )


# --- the evidence: what the edits above do not show ----------------------------------------------

GRADIENT = "{title: Gradient descent, url: https://en.wikipedia.org/wiki/Gradient_descent}"


def test_an_inline_source_is_the_same_wherever_it_stands(versions: Path) -> None:
    """An inline source's id (`CLAIM#N`) says where it stands in `cites:`: a citation put before
    it, or the order changed, is no change to it; its url fixed is a change of that citation,
    not one removed and one added."""
    one = EDITS["retrieval-or-concepts"]["cited"]
    two = cite(seed("retrieval-or-concepts"), "backprop", GRADIENT, BACKPROP)
    Path("one.yaml").write_text(one, encoding="utf-8")
    Path("two.yaml").write_text(two, encoding="utf-8")
    result = invoke("diff", "one.yaml", "two.yaml")
    assert (result.exit_code, result.stdout) == (
        1,
        """\
one.yaml → two.yaml

Citations added (1)
  + backprop [cites] backprop#1 (inline)
    Gradient descent
    https://en.wikipedia.org/wiki/Gradient_descent
""",
    )
    data = json.loads(invoke("diff", "-f", "json", "one.yaml", "two.yaml").stdout)
    assert compact({k: data[k] for k in PARTS}) == {k: {} for k in PARTS} | {
        "citations": {
            "added": [
                {
                    "claim": "backprop",
                    "source": "backprop#1",
                    "inline": True,
                    "title": "Gradient descent",
                    "url": "https://en.wikipedia.org/wiki/Gradient_descent",
                }
            ]
        }
    }
    # The other way round: backprop#2 became backprop#1, and only Gradient descent went.
    assert invoke("diff", "two.yaml", "one.yaml").stdout == (
        "two.yaml → one.yaml\n\n"
        "Citations removed (1)\n"
        "  - backprop [cites] backprop#1 (inline)\n"
        "    Gradient descent\n"
        "    https://en.wikipedia.org/wiki/Gradient_descent\n"
    )
    Path("three.yaml").write_text(
        cite(seed("retrieval-or-concepts"), "backprop", BACKPROP, GRADIENT), encoding="utf-8"
    )
    result = invoke("diff", "two.yaml", "three.yaml")
    assert (result.exit_code, result.stdout) == (0, "two.yaml → three.yaml\n" + SAME)
    mobile = BACKPROP.replace("https://en.", "https://en.m.")
    Path("mobile.yaml").write_text(
        cite(seed("retrieval-or-concepts"), "backprop", mobile), encoding="utf-8"
    )
    result = invoke("diff", "mobile.yaml", "two.yaml")
    assert (result.exit_code, result.stdout) == (
        1,
        """\
mobile.yaml → two.yaml

Citations added (1)
  + backprop [cites] backprop#1 (inline)
    Gradient descent
    https://en.wikipedia.org/wiki/Gradient_descent
Citations changed (1)
  ~ backprop [cites] backprop#2 (inline)
    url: https://en.m.wikipedia.org/wiki/Backpropagation →
    https://en.wikipedia.org/wiki/Backpropagation
""",
    )
    changed = json.loads(invoke("diff", "-f", "json", "mobile.yaml", "two.yaml").stdout)
    assert changed["citations"]["changed"] == [
        {
            "claim": "backprop",
            "source": "backprop#2",
            "inline": True,
            "fields": [
                {
                    "field": "url",
                    "old": "https://en.m.wikipedia.org/wiki/Backpropagation",
                    "new": "https://en.wikipedia.org/wiki/Backpropagation",
                }
            ],
        }
    ]


def test_a_quote_and_a_locator_changed(versions: Path) -> None:
    quoted = EDITS["retrieval-or-concepts"]["quoted"]
    Path("quoted.yaml").write_text(quoted, encoding="utf-8")
    Path("requoted.yaml").write_text(
        once(
            quoted,
            'quote: "five billion images"}',
            'quote: "a dataset describing five billion images", locator: the title}',
        ),
        encoding="utf-8",
    )
    result = invoke("diff", "quoted.yaml", "requoted.yaml")
    assert (result.exit_code, result.stdout) == (
        1,
        """\
quoted.yaml → requoted.yaml

Citations changed (1)
  ~ one-byte [cites] laion-5b
    quote: “five billion images” → “a dataset describing five billion images”
    locator: none → the title
""",
    )
    data = json.loads(invoke("diff", "-f", "json", "quoted.yaml", "requoted.yaml").stdout)
    assert data["changed"] is True
    assert data["citations"]["changed"] == [
        {
            "claim": "one-byte",
            "source": "laion-5b",
            "inline": False,
            "fields": [
                {
                    "field": "quote",
                    "old": "five billion images",
                    "new": "a dataset describing five billion images",
                },
                {"field": "locator", "old": None, "new": "the title"},
            ],
        }
    ]


def test_a_source_added_with_a_citation_of_it(versions: Path) -> None:
    text = once(
        seed("retrieval-or-concepts"),
        "\nclaims:\n",
        "  markov-chains:\n"
        "    title: Markov chain\n"
        "    url: https://en.wikipedia.org/wiki/Markov_chain\n"
        "    author: Wikipedia\n"
        "\nclaims:\n",
    )
    Path("markov.yaml").write_text(
        cite(text, "markov", '{source: markov-chains, locator: "§ Markov text generators"}'),
        encoding="utf-8",
    )
    result = invoke("diff", "retrieval-or-concepts.yaml", "markov.yaml")
    assert (result.exit_code, result.stdout) == (
        1,
        """\
retrieval-or-concepts.yaml → markov.yaml

Sources added (1)
  + markov-chains · Wikipedia
    Markov chain
    https://en.wikipedia.org/wiki/Markov_chain

Citations added (1)
  + markov [cites] markov-chains
    (§ Markov text generators)
""",
    )


def test_a_version_with_errors_exits_2_with_its_diagnostics(versions: Path) -> None:
    Path("bad.yaml").write_text("title: T\nclaims:\n  a: {text: A, rebuts: b}\n")
    result = invoke("diff", "lossy-compression.yaml", "bad.yaml")
    assert (result.exit_code, result.stdout, result.stderr) == (
        2,
        "",
        "bad.yaml:3:24: error[unknown-claim]: 'b' is rebutted by 'a' but no claim has that id\n"
        "  hint: define the claim, or fix the id\n",
    )
    assert invoke("diff", "bad.yaml", "nope.yaml").stderr == (
        "bad.yaml:3:24: error[unknown-claim]: 'b' is rebutted by 'a' but no claim has that id\n"
        "  hint: define the claim, or fix the id\n"
        "nope.yaml: error[read-error]: no such file\n"
        "  hint: check the path; `argmap new FILE` starts a new debate\n"
    )


@pytest.mark.parametrize(
    "args",
    [["diff"], ["diff", "a.yaml"], ["diff", "a.yaml", "b.yaml", "c.yaml"], ["diff", "-f", "x"]],
    ids=" ".join,
)
def test_usage_errors_exit_2(args: list[str]) -> None:
    result = invoke(*args)
    assert (result.exit_code, result.stdout) == (2, "")


def test_dev_null_is_a_debate_with_no_claims(versions: Path) -> None:
    added = json.loads(invoke("diff", "-f", "json", "/dev/null", "lossy-compression.yaml").stdout)
    removed = json.loads(invoke("diff", "-f", "json", "lossy-compression.yaml", "/dev/null").stdout)
    claims = list(load("lossy-compression.yaml").claims)
    assert [c["id"] for c in added["claims"]["added"]] == claims
    assert [c["id"] for c in removed["claims"]["removed"]] == claims
    assert len(added["relations"]["added"]) == len(removed["relations"]["removed"]) == 6
    assert (
        added["outcomes"]
        == removed["outcomes"]
        == {
            "status": [],
            "held": [],
            "became_unanswered": [],
            "no_longer_unanswered": [],
            "acceptance": [],
        }
    )
    assert invoke("diff", "/dev/null", "lossy-compression.yaml").exit_code == 1


def test_a_file_whose_name_has_a_colon_is_a_file(versions: Path) -> None:
    Path("HEAD:x.yaml").write_text(seed("lossy-compression"), encoding="utf-8")
    result = invoke("diff", "HEAD:x.yaml", "lossy-compression.yaml")
    assert (result.exit_code, result.stdout) == (
        0,
        "HEAD:x.yaml → lossy-compression.yaml\n" + SAME,
    )


# --- git ---------------------------------------------------------------------------------------


def git(repo: Path, *args: str, **env: str) -> str:
    done = subprocess.run(
        ["git", *args],
        cwd=repo,
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, **env},
    )
    return done.stdout


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository with `debates/x.yaml` committed as the lossy-compression seed, and a rebuttal
    added to it since. Git reads no configuration of this machine or user."""
    for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_EXTERNAL_DIFF"):
        monkeypatch.delenv(name, raising=False)
    for name, value in {
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_CEILING_DIRECTORIES": str(tmp_path),
        "GIT_AUTHOR_NAME": "A",
        "GIT_AUTHOR_EMAIL": "a@example.org",
        "GIT_COMMITTER_NAME": "A",
        "GIT_COMMITTER_EMAIL": "a@example.org",
        "GIT_PAGER": "cat",
    }.items():
        monkeypatch.setenv(name, value)
    root = tmp_path / "repo"
    (root / "debates").mkdir(parents=True)
    git(root, "init", "-q")
    (root / "debates/x.yaml").write_text(seed("lossy-compression"), encoding="utf-8")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "The seed")
    (root / "debates/x.yaml").write_text(EDITS["lossy-compression"]["added"], encoding="utf-8")
    monkeypatch.chdir(root)
    return root


def test_a_version_from_git(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = invoke("diff", "HEAD:debates/x.yaml", "debates/x.yaml")
    assert (result.exit_code, result.stdout) == (
        1,
        "HEAD:debates/x.yaml → debates/x.yaml\n" + TEXT["lossy-compression", "added"],
    )
    monkeypatch.chdir(repo / "debates")  # PATH is from the top, or from here with ./
    result = invoke("diff", "HEAD:./x.yaml", "x.yaml")
    assert (result.exit_code, result.stdout) == (
        1,
        "HEAD:./x.yaml → x.yaml\n" + TEXT["lossy-compression", "added"],
    )
    assert invoke("diff", "HEAD:./x.yaml", "HEAD:debates/x.yaml").exit_code == 0
    result = invoke("diff", "HEAD:x.yaml", "x.yaml")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.startswith("argmap: error: cannot read 'HEAD:x.yaml' from git: ")
    assert result.stderr.endswith(
        "  hint: REV:PATH reads PATH as of the revision REV (HEAD, HEAD~1, a branch, a commit); "
        "PATH is relative to the repository's top folder, or to this folder when it starts "
        "with ./\n"
    )


def test_an_unknown_revision(repo: Path) -> None:
    result = invoke("diff", "HEAD~5:debates/x.yaml", "debates/x.yaml")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.startswith("argmap: error: cannot read 'HEAD~5:debates/x.yaml' from git: ")
    assert "HEAD~5" in result.stderr.splitlines()[0].split("from git: ")[1]


def test_not_in_a_repository(repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    result = invoke("diff", "HEAD:x.yaml", str(repo / "debates/x.yaml"))
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.startswith(
        "argmap: error: cannot read 'HEAD:x.yaml' from git: not a git repository"
    )


def test_without_git(repo: Path) -> None:
    result = runner.invoke(
        app, ["diff", "HEAD:debates/x.yaml", "debates/x.yaml"], env={**ENV, "PATH": ""}
    )
    assert (result.exit_code, result.stdout, result.stderr) == (
        2,
        "",
        "argmap: error: cannot read 'HEAD:debates/x.yaml': git is not installed (or not on PATH)\n"
        "  hint: install git, or give the path of a file\n",
    )


# --- the diff driver ---------------------------------------------------------------------------

SMALL = "title: Small\nclaims:\n  a: {text: A.}\n  b: {text: B., rebuts: a}\n"


def driver(repo: Path) -> dict[str, str]:
    """Set `repo` up as docs/git.md says, with this checkout's argmap as the command; the
    environment git needs to run it."""
    (repo / ".gitattributes").write_text("*.yaml diff=argmap\n")
    command = f"{shlex.quote(sys.executable)} -m argmap diff --git"
    git(repo, "config", "diff.argmap.command", command)
    return {"PYTHONPATH": str(ROOT), "NO_COLOR": "1", "COLUMNS": "80"}


def test_git_diff_shows_argmap_diff(repo: Path) -> None:
    env = driver(repo)
    shown = git(repo, "diff", **env)
    assert shown == "a/debates/x.yaml → b/debates/x.yaml\n" + TEXT["lossy-compression", "added"]
    assert git(repo, "diff", "--no-ext-diff", "--stat", **env).startswith(" debates/x.yaml")


def test_git_diff_shows_the_evidence_that_changed(repo: Path) -> None:
    (repo / "debates/r.yaml").write_text(seed("retrieval-or-concepts"), encoding="utf-8")
    git(repo, "add", "debates/r.yaml")
    git(repo, "commit", "-q", "-m", "Another")
    unsourced = EDITS["retrieval-or-concepts"]["unsourced"]
    (repo / "debates/r.yaml").write_text(unsourced, encoding="utf-8")
    shown = git(repo, "diff", "--", "debates/r.yaml", **driver(repo))
    head = "a/debates/r.yaml → b/debates/r.yaml\n"
    assert shown == head + TEXT["retrieval-or-concepts", "unsourced"]


def test_git_diff_of_files_added_deleted_renamed_and_not_debates(repo: Path) -> None:
    (repo / "ci.yaml").write_text("on: push\n")
    (repo / "gone.yaml").write_text(SMALL)
    (repo / "old-name.yaml").write_text(seed("stored-in-original-form"), encoding="utf-8")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "More")
    (repo / "ci.yaml").write_text("on: [push, pull_request]\n")
    (repo / "gone.yaml").unlink()
    (repo / "new.yaml").write_text(SMALL.replace("rebuts", "supports"))
    git(repo, "add", "-A")
    env = driver(repo)
    shown = git(repo, "diff", "--cached", "--no-renames", "--", "*.yaml", ":!debates", **env)
    assert shown == (
        "a/ci.yaml → b/ci.yaml\n"
        "a/ci.yaml and b/ci.yaml do not load as a debate (`argmap check` says why); the\n"
        "lines that changed:\n"
        "--- a/ci.yaml\n"
        "+++ b/ci.yaml\n"
        "@@ -1 +1 @@\n"
        "-on: push\n"
        "+on: [push, pull_request]\n"
        "\n"
        "a/gone.yaml → /dev/null\n"
        "\n"
        "Claims removed (2)\n"
        "  - a · ✘ defeated\n"
        "    A.\n"
        "  - b · ✔ standing\n"
        "    B.\n"
        "\n"
        "Relations removed (1)\n"
        "  - b [rebuts] a\n"
        "\n"
        "/dev/null → b/new.yaml\n"
        "\n"
        "Claims added (2)\n"
        "  + a · ✔ standing\n"
        "    A.\n"
        "  + b · ✔ standing\n"
        "    B.\n"
        "\n"
        "Relations added (1)\n"
        "  + b [supports] a\n"
    )
    git(repo, "commit", "-q", "-m", "Renamed next")
    (repo / "old-name.yaml").rename(repo / "new-name.yaml")
    git(repo, "add", "-A")
    shown = git(repo, "diff", "--cached", "-M", "--", "*.yaml", **env)
    assert shown == "a/old-name.yaml → b/new-name.yaml\n" + SAME


def test_the_driver_exits_0_when_something_changed_and_for_an_unmerged_path(
    versions: Path,
) -> None:
    args = ["lossy-compression.yaml", "1" * 40, "100644"]
    new = ["lossy-compression-added.yaml", "2" * 40, "100644"]
    result = invoke("diff", "--git", "debates/x.yaml", *args, *new)
    assert (result.exit_code, result.stdout) == (
        0,
        "a/debates/x.yaml → b/debates/x.yaml\n" + TEXT["lossy-compression", "added"],
    )
    result = invoke("diff", "--git", "debates/x.yaml")
    assert (result.exit_code, result.stdout) == (
        0,
        "debates/x.yaml: unmerged; resolve the conflict first\n",
    )
    result = invoke("diff", "--git", "debates/x.yaml", *args)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.startswith("argmap: error: --git takes the 7 arguments git gives")


# --- the docs ----------------------------------------------------------------------------------


def test_the_versions_the_docs_show_are_edits_of_this_file() -> None:
    data = ROOT / "tests/data/diff"
    for debate in ("lossy-compression", "stored-in-original-form"):
        shown = (data / f"{debate}-rebutted.yaml").read_text(encoding="utf-8")
        assert shown == EDITS[debate]["added"]


def test_the_set_up_in_the_docs_is_the_one_tested() -> None:
    doc = (ROOT / "docs/git.md").read_text(encoding="utf-8")
    assert "```\ndebates/*.yaml diff=argmap\n```" in doc
    assert "```sh\ngit config diff.argmap.command 'argmap diff --git'\n```" in doc
    # This repository's own: without the command set, git ignores it.
    assert (ROOT / ".gitattributes").read_text() == "debates/*.yaml diff=argmap\n"
    shown = doc.split("as ever):\n\n```\n")[1].split("...\n```")[0]
    head = "a/debates/lossy-compression.yaml → b/debates/lossy-compression.yaml\n"
    assert (head + TEXT["lossy-compression", "added"]).startswith(shown)


# --- what the seeds do not show: titles, acceptance, undecided, replies classified -------------

TWO = """\
title: Two
claims:
  a: {text: A., rebuts: b}
  b: {text: B., rebuts: a}
  r: {text: R.}
  s: {text: S., answers: r}
"""


def test_a_title_acceptance_and_a_reply_classified(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("two.yaml").write_text(TWO)
    Path("three.yaml").write_text(
        "title: Three\nclaims:\n  a: {text: A., rebuts: b}\n  b: {text: B., rebuts: c}\n"
        "  c: {text: C., rebuts: a}\n  r: {text: R.}\n  s: {text: S., rebuts: r}\n"
        "  t: {text: T., answers: s}\n"
    )
    result = invoke("diff", "two.yaml", "three.yaml")
    assert (result.exit_code, result.stdout) == (
        1,
        """\
two.yaml → three.yaml

Title: Two → Three

Statuses changed (1)
  r: ✔ standing → ✘ defeated: defeated by s, which stands and rebuts it.

Same status, another reason (1)
  a: ? undecided: of the claims that rebut or undercut it (c), none stands and
  not all are defeated: attacks going round in a cycle leave them open.
    before: of the claims that rebut or undercut it (b), none stands and not all
    are defeated: attacks going round in a cycle leave them open.

Unanswered
  no longer (1): r

Preferred acceptance changed (2)
  a: credulous: yes, sceptical: no → credulous: no, sceptical: no
  b: credulous: yes, sceptical: no → credulous: no, sceptical: no

Claims added (2)
  + c · ? undecided
    C.
  + t · ✔ standing
    T.

Relations added (3)
  + b [rebuts] c
  + c [rebuts] a
  + t [answers] s
Relations removed (1)
  - b [rebuts] a
Relations re-classified (1)
  ~ s [answers → rebuts] r

Statuses are provisional: 1 reply is not yet classified, and no status depends
on it until it is (`argmap label FILE` classifies it).
""",
    )
    data = json.loads(invoke("diff", "-f", "json", "two.yaml", "three.yaml").stdout)
    assert (data["title"], data["outcomes"]["acceptance"][0]) == (
        {"old": "Two", "new": "Three"},
        {
            "id": "a",
            "old": {"credulous": True, "sceptical": False},
            "new": {"credulous": False, "sceptical": False},
        },
    )


def test_a_claim_now_undecided_says_its_acceptance(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("two.yaml").write_text(TWO)
    Path("new.yaml").write_text(TWO.replace("rebuts: b}", "rebuts: [b, r]}"))
    result = invoke("diff", "two.yaml", "new.yaml")
    assert result.stdout.split("\n\n")[1] == (
        "Statuses changed (1)\n"
        "  r: ✔ standing → ? undecided: of the claims that rebut or undercut it (a), none\n"
        "  stands and not all are defeated: attacks going round in a cycle leave them\n"
        "  open. Preferred acceptance: credulous: yes, sceptical: no (it stands in some\n"
        "  preferred extensions, not in all)."
    )
    flip = json.loads(invoke("diff", "-f", "json", "two.yaml", "new.yaml").stdout)["outcomes"][
        "status"
    ][0]
    assert (flip["why"], flip["attackers"], flip["acceptance"]) == (
        "undecided",
        ["a"],
        {"credulous": True, "sceptical": False},
    )


def test_a_status_that_holds_for_another_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # `a` stands in both, answered first by one attack that falls, then by two; `b` is defeated
    # in both, first by `c`, then by `d` alone once `c` is taken out.
    monkeypatch.chdir(tmp_path)
    Path("old.yaml").write_text(
        "title: T\nclaims:\n  a: {text: A.}\n  b: {text: B., rebuts: a}\n"
        "  c: {text: C., rebuts: b}\n"
    )
    Path("new.yaml").write_text(
        "title: T\nclaims:\n  a: {text: A.}\n  b: {text: B., rebuts: a}\n"
        "  d: {text: D., rebuts: [b, e]}\n  e: {text: E., rebuts: a}\n"
    )
    result = invoke("diff", "old.yaml", "new.yaml")
    assert result.exit_code == 1
    assert result.stdout.split("\n\n")[1] == (
        "Same status, another reason (2)\n"
        "  a: ✔ standing: every claim that rebuts or undercuts it is defeated: b and e.\n"
        "    before: every claim that rebuts or undercuts it is defeated: b.\n"
        "  b: ✘ defeated: defeated by d, which stands and rebuts it.\n"
        "    before: defeated by c, which stands and rebuts it."
    )
    held = json.loads(invoke("diff", "-f", "json", "old.yaml", "new.yaml").stdout)["outcomes"][
        "held"
    ]
    assert held == [
        {
            "id": "a",
            "status": "standing",
            "old": {
                "why": "all-attackers-defeated",
                "defeated_by": [],
                "attackers": ["b"],
                "reason": "every claim that rebuts or undercuts it is defeated: b.",
            },
            "new": {
                "why": "all-attackers-defeated",
                "defeated_by": [],
                "attackers": ["b", "e"],
                "reason": "every claim that rebuts or undercuts it is defeated: b and e.",
            },
        },
        {
            "id": "b",
            "status": "defeated",
            "old": {
                "why": "has-standing-attacker",
                "defeated_by": ["c"],
                "attackers": ["c"],
                "reason": "defeated by c, which stands and rebuts it.",
            },
            "new": {
                "why": "has-standing-attacker",
                "defeated_by": ["d"],
                "attackers": ["d"],
                "reason": "defeated by d, which stands and rebuts it.",
            },
        },
    ]
    # The same claims in another order are the same reason: nothing held otherwise.
    Path("again.yaml").write_text(
        "title: T\nclaims:\n  c: {text: C., rebuts: b}\n  b: {text: B., rebuts: a}\n"
        "  a: {text: A.}\n"
    )
    again = json.loads(invoke("diff", "-f", "json", "old.yaml", "again.yaml").stdout)
    assert again["outcomes"]["held"] == []
