"""The composer's note that a tree is plain, which lets the loader skip the vetting: it must say
so exactly when the vetting would find nothing to report and nothing to cut out."""

from __future__ import annotations

import random
from typing import Any

import pytest
import yaml

from argmap.errors import Diagnostics
from argmap.yamlnodes import MappingNode, Node, SequenceNode, _build, _Stop, _Vetting

from . import fuzz
from .conftest import ROOT

REFUSED = [
    "{a: 1, a: 2}",
    "{1: a}",
    "{null: a}",
    "{true: a}",
    "{[a]: b}",
    "{{a: b}: c}",
    "? [a]\n: b",
    "a: &x 1\nb: *x",
    "a: &x {b: 1}\nc: {<<: *x}",
    "a: {<<: {b: 1}}",
    "a: [*x]",
    "*x",
    "!!set {a}",
    "a: !!set {b}",
    "a: =",
    "a: !!python/name:os.system x",
    "a: !local x",
    "!!binary a: b",
    "a: [!!omap [b: 1]]",
    "{a: {b: 1, b: 2}}",
]
PLAIN = [
    "a: 1",
    "a: [1, yes, null, 2023-07-14, 1.5]",
    "!!str 1: a",
    "! a: b",
    "!!map {a: !!seq [!!str x, !!int 1]}",
    "a: {b: 1}\nb: {b: 1}",
    "text: true\ntitle: yes",
    "'true': 1\n'1': 2",
    "plain",
    "[a, a]",
]


def _shape(root: Node) -> list[Any]:
    """The tree as nested data with every tag, value and position (pairs as lists), read
    without recursion: fuzzed files nest deep."""
    out: list[Any] = []
    stack: list[tuple[Node, list[Any]]] = [(root, out)]
    while stack:
        node, into = stack.pop()
        entry: list[Any] = [type(node).__name__, node.tag, node.line, node.column]
        into.append(entry)
        if isinstance(node, MappingNode):
            for key, value in node.value:
                pair: list[Any] = []
                entry.append(pair)
                stack.extend([(value, pair), (key, pair)])
        elif isinstance(node, SequenceNode):
            items: list[Any] = []
            entry.append(items)
            stack.extend((item, items) for item in reversed(node.value))
        else:
            entry.append(node.value)
    return out


def _texts() -> list[str]:
    texts = [p.read_text() for p in sorted((ROOT / "debates").glob("*.yaml"))]
    texts += [
        p.read_text(encoding="utf-8", errors="replace")
        for p in sorted((ROOT / "tests/data").rglob("*.yaml"))
    ]
    debates = texts[:]
    for i in range(400):
        rng = random.Random(i)
        texts.append(fuzz.mutate(rng, rng.choice(debates))[0])
    return texts + REFUSED + PLAIN


def _plain(text: str) -> tuple[Node | None, bool] | None:
    try:
        return _build(text)
    except (yaml.YAMLError, _Stop, UnicodeEncodeError):
        return None


@pytest.mark.parametrize("text", REFUSED)
def test_what_the_vetting_refuses_is_not_plain(text: str) -> None:
    built = _plain(text)
    assert built is not None and not built[1]


@pytest.mark.parametrize("text", PLAIN)
def test_plain_data_is_plain(text: str) -> None:
    built = _plain(text)
    assert built is not None and built[1]


def test_a_tree_is_plain_exactly_when_the_vetting_has_nothing_to_do() -> None:
    seen = {True: 0, False: 0}
    for text in _texts():
        built = _plain(text)
        if built is None:
            continue
        root, plain = built
        if root is None:
            continue
        before = _shape(root)
        found = Diagnostics()
        _Vetting("f", found).run(root)
        assert plain == (not found), text
        if plain:
            assert _shape(root) == before, text
        seen[plain] += 1
    assert min(seen.values()) > 50, seen
