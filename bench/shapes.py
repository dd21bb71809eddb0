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


def _thread_tree(n: int) -> list[list[int]]:
    """The replies of each of `n` comments: comment i answers comment (i - 1) // 3, so the
    thread branches three ways and is about log3(n) deep, as busy threads are."""
    children: list[list[int]] = [[] for _ in range(n)]
    for i in range(1, n):
        children[(i - 1) // 3].append(i)
    return children


def _depth_first(children: list[list[int]]) -> list[tuple[int, int]]:
    out, todo = [], [(0, 0)]
    while todo:
        i, depth = todo.pop()
        out.append((i, depth))
        todo.extend((c, depth + 1) for c in reversed(children[i]))
    return out


def _words(i: int) -> str:
    return f"Point {i} says that the claim numbered {i} holds, for reason {i * 7 % 101}."


def thread_paste(n: int = 10_000) -> str:
    """A Lemmy thread of `n` comments copied from the browser (argmap import text): bullets,
    author lines, headers, replies indented under their parent, each quoting its parent's
    first paragraph before answering it."""
    children = _thread_tree(n)
    parent = {c: i for i, cs in enumerate(children) for c in cs}
    lines = []
    for i, depth in _depth_first(children):
        bullet = 0 if depth == 0 else 4 + 2 * (depth - 1)
        pad = " " * (bullet + (4 if depth == 0 else 2))
        lines += [" " * bullet + f"• user{i % 97}@lemmy.example", pad + "link", pad + "fedilink"]
        lines += [
            pad + "arrow-up",
            pad + str(i % 50),
            pad + "·",
            pad + f"{i % 23 + 1} days ago",
            "",
        ]
        if i in parent:
            lines += [pad + _words(parent[i]), ""]
        lines += [pad + _words(i), "", pad + f"And a second paragraph from comment {i}.", ""]
    return "\n".join(lines) + "\n"


def thread_reddit(n: int = 10_000) -> str:
    """The JSON of a Reddit thread of `n` comments (argmap import reddit), nested as Reddit
    nests them, each comment Markdown with a `>` quote of its parent."""
    import json

    children = _thread_tree(n)

    def comment(i: int, parent: str) -> dict[str, object]:
        quote = f"> {_words((i - 1) // 3)}\n\n" if i else ""
        return {
            "kind": "t1",
            "data": {
                "id": f"c{i}",
                "name": f"t1_c{i}",
                "parent_id": parent,
                "author": f"user{i % 97}",
                "body": f"{quote}{_words(i)} See [the source](https://example.org/{i % 13}).",
                "created_utc": 1_700_000_000 + i * 60,
                "score": i % 50,
                "permalink": f"/r/t/comments/p1/t/c{i}/",
                "replies": "",
            },
        }

    nodes = {0: comment(0, "t3_p1")}
    for i, _ in _depth_first(children)[1:]:
        nodes[i] = comment(i, f"t1_c{(i - 1) // 3}")
    for i in range(n):
        if children[i]:
            data = nodes[i]["data"]
            assert isinstance(data, dict)
            data["replies"] = {
                "kind": "Listing",
                "data": {"children": [nodes[c] for c in children[i]]},
            }
    post = {
        "kind": "t3",
        "data": {
            "id": "p1",
            "name": "t3_p1",
            "title": "A thread of ten thousand comments",
            "author": "op",
            "selftext": "What do you think?",
            "created_utc": 1_700_000_000,
            "score": 100,
            "permalink": "/r/t/comments/p1/t/",
        },
    }
    listing = [
        {"kind": "Listing", "data": {"children": [post]}},
        {"kind": "Listing", "data": {"children": [nodes[0]]}},
    ]
    return json.dumps(listing)


def thread_timed(n: int = 10_000) -> str:
    """A debate of `n` claims with times, shaped as `thread_reddit`'s thread (three replies to
    each comment), each reply rebutting its parent a second after the comment before it: what
    `argmap timeline` replays."""
    lines = ["title: T", "claims:", '  c0: {text: C0, at: "2023-11-14T00:00:00Z"}']
    for i in range(1, n):
        at = f"2023-11-14T{i // 3600 % 24:02d}:{i // 60 % 60:02d}:{i % 60:02d}Z"
        day = f"2023-11-{14 + i // 86400:02d}"
        lines.append(f'  c{i}: {{text: C{i}, rebuts: c{(i - 1) // 3}, at: "{day}{at[10:]}"}}')
    return "\n".join(lines) + "\n"


SHAPES: dict[str, Callable[[], str]] = {
    "thread-paste": thread_paste,
    "thread-reddit": thread_reddit,
    "thread-timed": thread_timed,
    "kialo-chain": kialo_chain,
    "chain": chain,
    "pairs-and-chain": pairs_and_chain,
    "long-word": long_word,
    "many-speakers": many_speakers,
    "many-sources": many_sources,
}


# The file each shape is written to, by its name: `shape-NAME.yaml`, but Kialo's text export.
def file_name(name: str) -> str:
    if name == "thread-reddit":
        return f"shape-{name}.json"
    if name == "thread-timed":
        return f"shape-{name}.yaml"
    return f"shape-{name}.txt" if name.startswith(("kialo", "thread")) else f"shape-{name}.yaml"


# The rows of `make bench`: a shape and the command timed on it (FILE stands for the file).
COMMANDS: list[tuple[str, list[str]]] = [
    ("thread-paste", ["import", "text", "FILE", "-o", "-"]),
    ("thread-reddit", ["import", "reddit", "FILE", "-o", "-"]),
    ("thread-timed", ["timeline", "FILE"]),
    ("thread-timed", ["timeline", "FILE", "--format", "json"]),
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
