from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from argmap import Citation, DebateError, RelationKind, check, check_text, load, loads
from argmap.yamlnodes import LOADER

EXAMPLE = """\
title: Does a trained image model store its training data?
url: https://example.org/thread/123
speakers:
  FaceDeer: {url: https://kbin.social/u/FaceDeer}
  flatbield:
sources:
  laion-5b: {title: LAION-5B dataset, url: https://laion.ai/blog/laion-5b/}
claims:
  not-stored:
    by: FaceDeer
    text: The training data is not stored in the model.
    rebuttals:
      lookup:
        by: flatbield
        text: It is recorded in a retrieval system that does a complicated lookup.
        rebuttals:
          one-byte:
            by: FaceDeer
            text: Five billion images in a ~5 GB model is about one byte per image.
            cites: [laion-5b]
  derivative:
    by: flatbield
    text: Whatever comes out depends on the images that went in, so it is derivative.
    rebuts: not-stored
"""


def test_example_loads_with_every_field() -> None:
    d = loads(EXAMPLE, "x.yaml")
    assert d.title == "Does a trained image model store its training data?"
    assert d.url == "https://example.org/thread/123"
    assert list(d.claims) == ["not-stored", "lookup", "one-byte", "derivative"]
    assert [(r.source, r.kind, r.target, r.line, r.column) for r in d.relations] == [
        ("lookup", RelationKind.REBUTS, "not-stored", 13, 7),
        ("one-byte", RelationKind.REBUTS, "lookup", 17, 11),
        ("derivative", RelationKind.REBUTS, "not-stored", 24, 13),
    ]
    assert d.claims["one-byte"].parent == "lookup"
    assert d.claims["one-byte"].cites == (Citation("laion-5b"),)
    assert d.claims["not-stored"].parent is None
    assert (d.claims["lookup"].line, d.claims["lookup"].column) == (13, 7)
    assert d.speakers["FaceDeer"].url == "https://kbin.social/u/FaceDeer"
    assert d.speakers["flatbield"].url is None
    assert d.sources["laion-5b"].title == "LAION-5B dataset"
    assert d.diagnostics == ()
    assert d.file == "x.yaml"


def test_reasons_support_their_parent_and_lists_of_ids_work() -> None:
    d = loads(
        "title: T\nclaims:\n"
        "  a:\n    text: A\n    reasons:\n      b: {text: B}\n"
        "  c: {text: C, rebuts: [a, b], undercuts: b2}\n"
        "  b2: {text: B2, supports: a}\n"
    )
    assert [(r.source, r.kind.value, r.target) for r in d.relations] == [
        ("b", "supports", "a"),
        ("c", "rebuts", "a"),
        ("c", "rebuts", "b"),
        ("c", "undercuts", "b2"),
        ("b2", "supports", "a"),
    ]


def test_inline_citation_becomes_a_source_with_a_derived_id() -> None:
    d = loads(
        "title: T\nsources:\n  s: {title: S}\nclaims:\n  a:\n    text: A\n    cites:\n"
        "      - {source: s, quote: q, locator: p. 3}\n"
        "      - {url: 'https://e.org/x', title: X, quote: the passage}\n"
    )
    assert d.claims["a"].cites == (
        Citation("s", "q", "p. 3"),
        Citation("a#2", "the passage", None),
    )
    inline = d.sources["a#2"]
    assert (inline.url, inline.title, inline.inline) == ("https://e.org/x", "X", True)
    assert d.sources["s"].inline is False


def test_speakers_are_derived_from_by_when_not_listed() -> None:
    d = loads("title: T\nclaims:\n  a: {text: A, by: ann}\n  b: {text: B, by: bo, rebuts: a}\n")
    assert [(s.name, s.declared) for s in d.speakers.values()] == [("ann", False), ("bo", False)]


def test_dates_and_tags_stay_text() -> None:
    d = loads("title: T\ndate: 2023-07-14\nclaims:\n  a: {text: A, tags: [x, y], note: n}\n")
    assert d.date == "2023-07-14"
    assert (d.claims["a"].tags, d.claims["a"].note) == (("x", "y"), "n")


def test_a_single_tag_may_be_written_without_a_list() -> None:
    assert loads("title: T\nclaims:\n  a: {text: A, tags: x}\n").claims["a"].tags == ("x",)


def test_warnings_are_kept_on_the_debate() -> None:
    d = loads("title: T\nsources:\n  s: {title: S}\nclaims:\n  a: {text: A}\n", "w.yaml")
    assert [d.format() for d in d.diagnostics] == [
        "w.yaml:3:3: warning[unused-source]: no claim cites the source 's'\n"
        "  hint: cite it from the claim that relies on it (`cites: [id]`), or remove it"
    ]


def test_load_raises_with_every_diagnostic() -> None:
    with pytest.raises(DebateError) as info:
        loads("title: T\nclaims:\n  a: {text: A, rebuts: b}\n  c: {rebuts: a}\n", "e.yaml")
    assert [(d.code, d.line, d.column) for d in info.value.diagnostics] == [
        ("unknown-claim", 3, 24),
        ("missing-field", 4, 3),
    ]
    assert str(info.value).splitlines()[0] == "2 error(s) in the debate:"


def test_a_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    f = tmp_path / "bom.yaml"
    f.write_bytes(b"\xef\xbb\xbftitle: T\nclaims:\n  a: {text: A}\n")
    assert load(f).title == "T"


def test_not_utf8_is_reported_at_the_byte(tmp_path: Path) -> None:
    f = tmp_path / "latin1.yaml"
    f.write_bytes("title: T\nclaims:\n  a: {text: caf\u00e9}\n".encode("latin-1"))
    r = check(f)
    assert r.debate is None
    assert [d.format() for d in r.diagnostics] == [
        f"{f}:3:16: error[not-utf8]: byte 0xe9 is not valid UTF-8\n"
        "  hint: save the file as UTF-8 (most editors offer it under 'Save with encoding')"
    ]


@pytest.mark.parametrize(
    ("name", "message"),
    [("missing.yaml", "no such file"), (".", "this is a folder, not a file")],
)
def test_unreadable_paths_are_diagnostics(tmp_path: Path, name: str, message: str) -> None:
    r = check(tmp_path / name)
    assert [(d.code, d.message, d.line) for d in r.diagnostics] == [("read-error", message, None)]


def test_check_never_modifies_the_file(tmp_path: Path) -> None:
    f = tmp_path / "d.yaml"
    f.write_text(EXAMPLE + "  x: {text: X, rebuts: nowhere}\n")
    before = (f.read_bytes(), f.stat().st_mtime_ns)
    assert check(f).debate is None
    assert (f.read_bytes(), f.stat().st_mtime_ns) == before


def test_the_c_loader_is_used_when_libyaml_is_present() -> None:
    assert LOADER is (yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader)


def test_object_tags_are_refused_not_constructed(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    text = (
        "title: T\nclaims:\n  a:\n    text: A\n"
        f'    note: !!python/object/apply:os.system ["touch {marker}"]\n'
    )
    r = check_text(text)
    assert [d.code for d in r.diagnostics] == ["yaml-tag"]
    assert not marker.exists()


def test_a_billion_laughs_is_refused_quickly() -> None:
    lines = ["title: T", "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for i in range(1, 10):
        refs = ", ".join([f"*a{i - 1}"] * 9)
        lines.append(f"a{i}: &a{i} [{refs}]")
    lines.append("claims:\n  x: {text: X}")
    r = check_text("\n".join(lines) + "\n")
    codes = [d.code for d in r.diagnostics]
    assert codes.count("yaml-alias") == 81
    assert codes.count("unknown-field") == 10


def test_deep_nesting_does_not_overflow_the_stack() -> None:
    depth = 3000
    lines = ["title: T", "claims:"]
    for i in range(depth):
        pad = "  " * (2 * i + 1)
        lines.append(f"{pad}c{i}:")
        lines.append(f"{pad}  text: C{i}")
        lines.append(f"{pad}  rebuttals:")
    lines[-1] = lines[-1].replace("rebuttals:", "note: end")
    d = loads("\n".join(lines) + "\n")
    assert len(d.claims) == depth
    assert d.claims[f"c{depth - 1}"].parent == f"c{depth - 2}"
