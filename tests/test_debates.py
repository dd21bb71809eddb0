"""The real debates in debates/: each passes `check --strict` and says what the thread said."""

from __future__ import annotations

from pathlib import Path

import pytest

from argmap import Debate, check, load

from .conftest import DEBATES, ROOT


def relations(d: Debate) -> set[tuple[str, str, str]]:
    return {(r.source, r.kind.value, r.target) for r in d.relations}


def test_there_is_a_file_per_distinct_thread() -> None:
    assert [p.name for p in DEBATES] == [
        "lossy-compression.yaml",
        "retrieval-or-concepts.yaml",
        "stored-in-original-form.yaml",
    ]


@pytest.mark.parametrize("path", DEBATES, ids=lambda p: p.name)
def test_every_debate_is_clean_under_strict(path: Path) -> None:
    assert check(path).diagnostics == []


@pytest.mark.parametrize("path", DEBATES, ids=lambda p: p.name)
def test_every_claim_says_who_made_it(path: Path) -> None:
    d = load(path)
    assert [c.id for c in d.claims.values() if c.by is None] == []
    assert all(s.declared for s in d.speakers.values())


def test_retrieval_thread() -> None:
    d = load(ROOT / "debates/retrieval-or-concepts.yaml")
    assert list(d.speakers) == ["flatbield", "FaceDeer", "mobyduck648"]
    assert relations(d) == {
        ("lookup", "supports", "derivative"),
        ("not-lookup", "rebuts", "lookup"),
        ("one-byte", "supports", "not-lookup"),
        ("concepts", "supports", "not-lookup"),
        ("concepts", "supports", "not-that-simple"),
        ("table-lookup", "rebuts", "not-lookup"),
        ("backprop", "rebuts", "table-lookup"),
        ("not-recording", "rebuts", "table-lookup"),
        ("depends-on-data", "undercuts", "not-recording"),
        ("depends-on-data", "supports", "derivative"),
        ("not-that-simple", "rebuts", "depends-on-data"),
        ("markov", "supports", "not-that-simple"),
        ("human-artists", "undercuts", "depends-on-data"),
        ("human-artists", "rebuts", "derivative"),
    }
    by = {c.id: c.by for c in d.claims.values()}
    assert [i for i, s in by.items() if s == "mobyduck648"] == ["backprop"]
    assert {c.id: [x.source for x in c.cites] for c in d.claims.values() if c.cites} == {
        "one-byte": ["laion-5b", "model-on-disk"],
        "not-recording": ["extraction-paper"],
    }
    assert [c.id for c in d.claims.values() if c.parent is None] == [
        "derivative",
        "ip-perverse",
        "fair-use",
    ]


def test_lossy_compression_thread() -> None:
    d = load(ROOT / "debates/lossy-compression.yaml")
    assert list(d.speakers) == ["enumerator4829", "FaceDeer", "HereIAm", "yetAnotherUser"]
    assert relations(d) == {
        ("compression", "supports", "lossy-copies"),
        ("bluray-rip", "supports", "lossy-copies"),
        ("magic-compression", "rebuts", "compression"),
        ("lossy-not-lossless", "rebuts", "magic-compression"),
        ("single-bit-legal", "undercuts", "lossy-copies"),
        ("separate-issue", "undercuts", "piracy"),
    }
    assert d.claims["magic-compression"].by == "FaceDeer"
    assert [c.id for c in d.claims.values() if c.parent is None] == [
        "lossy-copies",
        "single-bit-legal",
        "piracy",
        "separate-issue",
    ]
    assert [x.source for x in d.claims["magic-compression"].cites] == ["laion-5b", "model-size"]


def test_stored_thread() -> None:
    d = load(ROOT / "debates/stored-in-original-form.yaml")
    assert list(d.speakers) == ["critic", "defender"]
    assert relations(d) == {
        ("still-wrong", "rebuts", "no-copy"),
        ("not-stored-period", "rebuts", "still-wrong"),
        ("not-stored-period", "supports", "no-copy"),
        ("what-function", "rebuts", "no-copy"),
        ("how-diffusion-works", "rebuts", "what-function"),
    }
    assert [x.source for x in d.claims["how-diffusion-works"].cites] == [
        "diffusion-video",
        "eff-article",
    ]
    assert d.sources["eff-article"].author == "Kit Walsh, senior staff attorney at the EFF"


@pytest.mark.parametrize("path", DEBATES, ids=lambda p: p.name)
def test_no_address_the_excerpts_do_not_give(path: Path) -> None:
    # The excerpts show user names and link texts, never an address: none may be made up.
    d = load(path)
    assert d.url is None
    assert [s.name for s in d.speakers.values() if s.url is not None] == []
    assert [s.id for s in d.sources.values() if s.url is not None] == []


def test_every_citation_in_the_threads_is_a_source() -> None:
    # The dataset, the model's size on disk, the extraction paper, the video, the EFF article.
    assert {p.name: list(load(p).sources) for p in DEBATES} == {
        "lossy-compression.yaml": ["laion-5b", "model-size"],
        "retrieval-or-concepts.yaml": ["laion-5b", "model-on-disk", "extraction-paper"],
        "stored-in-original-form.yaml": ["diffusion-video", "eff-article"],
    }
