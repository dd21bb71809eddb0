"""Whatever arrives, the loader answers with a debate or with diagnostics, never a traceback."""

from __future__ import annotations

from typing import Any

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap import check_text
from argmap.load import Result

from .conftest import DEBATES

WORDS = st.sampled_from(
    ["title", "claims", "text", "by", "rebuts", "supports", "undercuts", "cites", "rebuttals",
     "reasons", "sources", "speakers", "url", "a", "b", "c", "s", "ann", "tags", "note", ""]
)  # fmt: skip
SCALARS = st.one_of(
    WORDS, st.text(max_size=8), st.integers(), st.booleans(), st.none(), st.floats()
)
DATA = st.recursive(
    SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(WORDS, inner, max_size=5)),
    max_leaves=30,
)


def _consistent(r: Result) -> None:
    assert (r.debate is None) == any(d.is_error for d in r.diagnostics)
    for d in r.diagnostics:
        assert d.message and d.file == "p.yaml"
        assert d.line is None or d.line >= 1


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_any_text(text: str) -> None:
    _consistent(check_text(text, "p.yaml"))


@settings(max_examples=300, deadline=None)
@given(DATA)
def test_any_yaml_data(data: Any) -> None:
    _consistent(check_text(yaml.safe_dump(data), "p.yaml"))


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_damaged_real_debates(data: st.DataObject) -> None:
    text = data.draw(st.sampled_from(DEBATES)).read_text()
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, min(len(text), start + 40)))
    insert = data.draw(st.sampled_from(["", "\t", ":", "- ", "  x: y\n", "&a ", "*a", "'", "{"]))
    _consistent(check_text(text[:start] + insert + text[end:], "p.yaml"))


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 30), st.sampled_from(["rebuts", "supports", "undercuts"])),
        max_size=40,
    )
)
def test_generated_debates_load_exactly(edges: list[tuple[int, str]]) -> None:
    claims: dict[str, dict[str, Any]] = {
        f"c{i}": {"text": f'Claim {i}: it\'s "quoted" [red]x[/red]'} for i in range(31)
    }
    expected = {}
    for n, (target, kind) in enumerate(edges):
        source = f"c{(target + 1 + n % 30) % 31}"
        if (source, f"c{target}") in expected:
            continue
        expected[(source, f"c{target}")] = kind
        claims[source].setdefault(kind, []).append(f"c{target}")
    r = check_text(yaml.safe_dump({"title": "T", "claims": claims}), "p.yaml")
    assert r.diagnostics == []
    assert r.debate is not None
    assert {(x.source, x.target): x.kind.value for x in r.debate.relations} == expected
    assert r.debate.claims["c3"].text == 'Claim 3: it\'s "quoted" [red]x[/red]'
