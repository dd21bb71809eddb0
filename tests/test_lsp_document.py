"""The language server's document, in process: what is kept from one version to the next."""

from __future__ import annotations

import gc
import sys

from lsprotocol import types as lsp

from argmap.lsp import hover, outline
from argmap.lsp.document import DebateDocument

TEXT = (
    "title: T\nspeakers: {Ann: {}, Bo: {}}\nclaims:\n"
    "  a: {text: A, by: Ann}\n  b: {text: B, by: Bo, rebuts: a}\n"
)
# What a person typing does to it: a misspelt id, half a list, text that is not YAML, and back.
EDITS = (
    TEXT,
    TEXT.replace("rebuts: a", "rebuts: aa"),
    TEXT.replace("rebuts: a}", "rebuts: [a, "),
    TEXT.replace("by: Bo", "by: Bob"),
    TEXT + "  c: {text: C, supports: b}\n",
)


def _edit(i: int, previous: DebateDocument | None) -> DebateDocument:
    doc = DebateDocument("file:///d.yaml", EDITS[i % len(EDITS)], i, previous=previous)
    doc.diagnostics()
    hover.hover(doc, lsp.Position(4, 3))
    outline.inlay_hints(doc)
    outline.symbols(doc)
    return doc


def test_the_last_good_analysis_is_kept_while_the_text_is_broken() -> None:
    good = DebateDocument("file:///d.yaml", TEXT, 1)
    broken = DebateDocument("file:///d.yaml", EDITS[2], 2, previous=good)
    assert broken.result.debate is None and broken.analysis is good.analysis
    assert [d.code for d in broken.result.diagnostics] == ["yaml-syntax"]
    fixed = DebateDocument("file:///d.yaml", EDITS[4], 3, previous=broken)
    assert fixed.analysis is not None and sorted(fixed.analysis.debate.claims) == ["a", "b", "c"]


def test_memory_does_not_grow_over_ten_thousand_edits() -> None:
    doc = None
    for i in range(1_000):  # caches and interned strings settle first
        doc = _edit(i, doc)
    gc.collect()
    before = sys.getallocatedblocks()
    for i in range(1_000, 11_000):
        doc = _edit(i, doc)
    gc.collect()
    grown = sys.getallocatedblocks() - before
    # The memory blocks Python holds: one document's worth may differ (a few hundred); a leak
    # of even one object an edit would be ten thousand.
    assert grown < 2_000, grown


def test_inlay_hints_from_where_the_loader_says_claims_are_equal_those_from_the_index() -> None:
    # The fast way (a version that loads) and the index's way (one with errors) must put each
    # hint at the same place, on every debate, quoted keys and non-ASCII text included.
    from .conftest import DEBATES

    texts = [p.read_text(encoding="utf-8") for p in DEBATES]
    texts.append(
        'title: Zoë 🙂\nclaims:\n  "yes": {text: "🙂", rebuts: b}\n  \'1.5\': {text: B}\n'
        "  b:\n    text: B\n    reasons:\n      c: {text: C}\n"
    )
    for text in texts:
        doc = DebateDocument("file:///d.yaml", text)
        assert doc.result.debate is not None
        fast = outline.inlay_hints(doc)
        via_index = [
            (place.id, doc.lines.position(place.key.end)) for place in doc.index.all_claims()
        ]
        assert [((h.data or {})["claim"], h.position) for h in fast] == via_index


def test_hover_on_hostile_text_shows_it_as_text() -> None:
    from .conftest import ROOT

    text = (ROOT / "tests" / "data" / "hostile.yaml").read_text(encoding="utf-8")
    doc = DebateDocument("file:///h.yaml", text)
    shown = [
        h.contents.value
        for o in doc.index.occurrences
        if o.definition
        and (h := hover.hover(doc, doc.lines.position(o.start))) is not None
        and isinstance(h.contents, lsp.MarkupContent)
    ]
    assert len(shown) == len([o for o in doc.index.occurrences if o.definition])
    assert all(value.isprintable() or "\n" in value for value in shown)
    assert not any(ch in value for value in shown for ch in "\x1b\x07\x9b")
    assert any("\\<img src=x onerror=alert\\(1\\)\\>" in value for value in shown)
