"""The YAML writer: any debate, any text, written so that loading it gives the same debate."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap import Debate, check_text, load, loads
from argmap.convert import Imported
from argmap.convert.written import imported_yaml, provenance_sentence, with_provenance
from argmap.convert.yamlwrite import comment, quoted, scalar, to_yaml
from argmap.model import Citation, Claim, Relation, RelationKind, Source, Speaker
from argmap.yamlnodes import to_data

from .conftest import DEBATES, ROOT

HOSTILE = ROOT / "tests/data/hostile.yaml"


def same(a: Debate, b: Debate) -> None:
    """Everything the YAML format holds, except where claims were nested and line numbers."""
    assert (a.title, a.url, a.date, a.note) == (b.title, b.url, b.date, b.note)
    assert {n: (s.url, s.note) for n, s in a.speakers.items()} == {
        n: (s.url, s.note) for n, s in b.speakers.items()
    }
    assert {
        i: (s.title, s.url, s.author, s.date, s.note, s.inline) for i, s in a.sources.items()
    } == {i: (s.title, s.url, s.author, s.date, s.note, s.inline) for i, s in b.sources.items()}
    assert [
        (c.id, c.text, c.by, c.cites, c.tags, c.note, c.at, c.url, c.score)
        for c in a.claims.values()
    ] == [
        (c.id, c.text, c.by, c.cites, c.tags, c.note, c.at, c.url, c.score)
        for c in b.claims.values()
    ]
    assert sorted((r.source, r.target, r.kind) for r in a.relations) == sorted(
        (r.source, r.target, r.kind) for r in b.relations
    )
    assert [(e.outcome, e.ids) for e in a.expectations] == [
        (e.outcome, e.ids) for e in b.expectations
    ]


def reload(debate: Debate, header: list[str] | None = None) -> Debate:
    result = check_text(to_yaml(debate, header), "written.yaml")
    assert [d for d in result.diagnostics if d.is_error] == []
    assert result.debate is not None
    return result.debate


@pytest.mark.parametrize("path", [*DEBATES, HOSTILE], ids=lambda p: p.stem)
def test_every_debate_comes_back_the_same(path: Path) -> None:
    debate = load(path)
    same(debate, reload(debate))


@pytest.mark.parametrize("path", DEBATES, ids=lambda p: p.stem)
def test_written_debates_check_clean_and_keep_their_expectations(path: Path) -> None:
    result = check_text(to_yaml(load(path)), "written.yaml")
    assert result.diagnostics == []  # no warning either, and `expect:` still holds


def test_the_same_debate_gives_the_same_bytes() -> None:
    debate = load(DEBATES[0])
    assert to_yaml(debate) == to_yaml(load(DEBATES[0])) == to_yaml(reload(debate))


def test_a_small_debate_exactly() -> None:
    text = (
        "title: 'Is 42 the answer?'\n"
        "speakers:\n  '@ann@example.social': {url: 'https://example.social/@ann'}\n  bob:\n"
        "sources:\n  s1: {title: 'A book: the answer', date: '1979'}\n"
        "claims:\n"
        "  q:\n    by: '@ann@example.social'\n    text: 'yes'\n    tags: [a, 'b, c', '1.5']\n"
        "    rebuttals:\n"
        "      r: {by: bob, text: 'no # really', cites: [{source: s1, locator: p. 3}]}\n"
        "  u: {by: bob, text: 'x: y', undercuts: r, supports: q,"
        " cites: [{url: 'https://example.org', quote: '  spaced  '}, s1]}\n"
        "expect: {unanswered: [q, u], undecided: []}\n"
    )
    assert to_yaml(loads(text)) == (
        "title: Is 42 the answer?\n"
        "speakers:\n"
        '  "@ann@example.social":\n'
        "    url: https://example.social/@ann\n"
        "  bob:\n"
        "sources:\n"
        "  s1:\n"
        '    title: "A book: the answer"\n'
        '    date: "1979"\n'
        "claims:\n"
        "  q:\n"
        '    by: "@ann@example.social"\n'
        '    text: "yes"\n'
        '    tags: [a, "b, c", "1.5"]\n'
        "  r:\n"
        "    by: bob\n"
        '    text: "no # really"\n'
        "    rebuts: q\n"
        "    cites:\n"
        "      - source: s1\n"
        "        locator: p. 3\n"
        "  u:\n"
        "    by: bob\n"
        '    text: "x: y"\n'
        "    supports: q\n"
        "    undercuts: r\n"
        "    cites:\n"
        "      - url: https://example.org\n"
        '        quote: "  spaced  "\n'
        "      - s1\n"
        "expect:\n"
        "  unanswered: [q, u]\n"
        "  undecided: []\n"
    )


def test_replies_times_permalinks_and_scores_exactly() -> None:
    text = (
        "title: T\n"
        "claims:\n"
        "  a: {text: A, at: 2023-07-14, url: 'https://example.org/a', score: 0}\n"
        "  b: {text: B, answers: a, at: '2023-07-14T09:30:00Z', score: -12}\n"
    )
    written = to_yaml(loads(text))
    assert written == (
        "title: T\n"
        "claims:\n"
        "  a:\n"
        "    text: A\n"
        '    at: "2023-07-14"\n'
        "    url: https://example.org/a\n"
        "    score: 0\n"
        "  b:\n"
        "    text: B\n"
        "    answers: a\n"
        '    at: "2023-07-14T09:30:00Z"\n'
        "    score: -12\n"
    )
    back = reload(loads(text))
    assert [(c.at, c.url, c.score) for c in back.claims.values()] == [
        ("2023-07-14", "https://example.org/a", 0),
        ("2023-07-14T09:30:00Z", None, -12),
    ]


# Text that YAML would misread, or that would break the file, if written plainly.
HOSTILE_TEXT = [
    "yes", "No", "off", "null", "~", "true", "42", "-1.5", "0x1F", "1_000", "1e3", ".inf",
    "2023-07-14", "12:30:00", "a: b", "a #b", "a:", "#x", "- x", "-", "* x", "&a", "*a", "!x",
    "!!python/object:os.system", "%YAML", "@x", "`x`", "|", ">", "?", "? x", "'q'", '"q"',
    "[a]", "{a: 1}", "a, b", "---", "...", "x\ny", "x\n\ny\n", "\tx", "x\t", " x", "x ",
    "\r\n", "a\x85b", "a\u2028b", "a\u2029b", "\ufeffx", "\x00", "\x1b[2J", "\x7f", "\u202eevil",
    "back\\slash", "é", "日本語", "emoji 😀", "\U0010ffff", "a" * 2000, "word " * 40 + "end",
]  # fmt: skip


@pytest.mark.parametrize("text", HOSTILE_TEXT, ids=repr)
def test_hostile_text_comes_back_exactly(text: str) -> None:
    assert to_data(f"k: {scalar(text)}") == {"k": text}
    assert to_data(f"k: [{scalar(text, flow=True)}]") == {"k": [text]}
    if text.strip():
        name = " ".join(text.split())  # a speaker's name is one line, without padding
        claims = {"c": Claim("c", text, by=name, tags=(text,), note=text)}
        debate = Debate(title=text, claims=claims, url=text, date=text, note=text)
        back = reload(debate)
        assert (back.title, back.claims["c"].text, back.claims["c"].tags) == (text, text, (text,))
        assert back.claims["c"].by == name


def test_scalars_are_plain_only_when_that_is_safe() -> None:
    assert [scalar(t) for t in ("FaceDeer", "it's fine", "C# code", "https://x.org/a")] == [
        "FaceDeer",
        "it's fine",
        "C# code",
        "https://x.org/a",
    ]
    assert quoted('a"b\\c\nd\te\x1bf\u2028g') == '"a\\"b\\\\c\\nd\\te\\x1bf\\u2028g"'
    assert quoted("\ud800") == '"\\ufffd"'  # a lone surrogate cannot be written to any file


def test_long_text_is_folded_and_comes_back_exactly() -> None:
    text = "word " * 60 + "end"
    written = to_yaml(Debate(title="T", claims={"c": Claim("c", text)}))
    assert "    text: >-\n      word word" in written
    assert max(len(line) for line in written.splitlines()) <= 100
    assert reload(Debate(title="T", claims={"c": Claim("c", text)})).claims["c"].text == text


def test_keys_longer_than_yaml_allows_use_explicit_keys() -> None:
    name = "n" * 1500
    debate = Debate(
        title="T",
        claims={"c": Claim("c", "C", by=name)},
        speakers={name: Speaker(name, url="https://example.org")},
    )
    written = to_yaml(debate)
    assert f"  ? {name}\n  :\n    url: https://example.org\n" in written
    assert reload(debate).speakers[name].url == "https://example.org"


def test_inline_sources_stay_inline_and_listed_ones_listed() -> None:
    debate = load(HOSTILE)
    written = to_yaml(debate)
    assert "reply#1" not in written  # written inline, where the loader names it again
    assert reload(debate).sources["reply#1"].inline


def test_header_lines_cannot_break_out_of_their_comment() -> None:
    debate = loads("title: T\nclaims:\n  a: {text: A}\n")
    header = ["file 'x\ntitle: pwned\n#'", "tab\there \\ back", "\u2028", ""]
    written = to_yaml(debate, header)
    assert written.splitlines()[:4] == [
        "# file 'x\\ntitle: pwned\\n#'",
        "# tab\\there \\\\ back",
        "# \\u2028",
        "#",
    ]
    assert reload(debate, header).title == "T"
    assert comment("a\x00b") == "# a\\x00b"


def test_speakers_are_listed_when_the_debate_lists_them() -> None:
    derived = loads("title: T\nclaims:\n  a: {by: ann, text: A}\n")
    assert "speakers:" not in to_yaml(derived)
    listed = loads("title: T\nspeakers: {ann: }\nclaims:\n  a: {by: ann, text: A}\n")
    assert "speakers:\n  ann:\n" in to_yaml(listed)


def test_an_imported_debate_records_where_it_came_from() -> None:
    debate = Debate(title="T", claims={"a": Claim("a", "A")}, note="Kept.")
    prov = {"format": "AIF", "file": "x.json", "sha256": "ab" * 32, "argmap": "9.9"}
    imported = Imported(debate, {"claims": 1}, ["node '7': skipped"], prov)
    text = imported_yaml(imported)
    sentence = f"Imported by argmap 9.9 from the AIF file 'x.json' (SHA-256 {'ab' * 32})."
    assert text.splitlines()[:4] == [
        f"# {sentence}",
        "# Mapped: claims 1",
        "# Not mapped, or mapped with a loss (1):",
        "# - node '7': skipped",
    ]
    back = check_text(text).debate
    assert back is not None and back.note == f"Kept.\n\n{sentence}"
    # Importing again replaces the earlier provenance rather than piling it up.
    again = with_provenance(back.note, provenance_sentence({**prov, "sha256": "cd" * 32}))
    assert again == f"Kept.\n\n{sentence.replace('ab' * 32, 'cd' * 32)}"
    assert provenance_sentence({**prov, "wrapper": "xAIF"}).endswith("; wrapper: xAIF.")
    clean = imported_yaml(Imported(debate, {"claims": 1}, [], prov))
    assert clean.splitlines()[2] == "# Nothing was left out."


# --- any debate --------------------------------------------------------------------------------

IDS = st.from_regex(r"[A-Za-z0-9_][A-Za-z0-9_.-]{0,8}", fullmatch=True)
TEXT = st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=40).filter(
    lambda t: t.strip() != ""
)
NAMES = TEXT.map(str.strip).filter(lambda t: "\n" not in t)
MAYBE = st.none() | TEXT


@st.composite
def times(draw: st.DrawFn) -> str:
    """An `at:` value in any form the format takes: a date, or a date and time (with or
    without seconds and their fraction, `T` or a space) and a zone (`Z`, `+02:00`, `-0530`)."""
    moment = draw(st.datetimes())
    day = moment.date().isoformat()
    if draw(st.booleans()):
        return day
    clock = moment.strftime(draw(st.sampled_from(["%H:%M", "%H:%M:%S", "%H:%M:%S.%f"])))
    zone = draw(st.sampled_from(["Z", "z", "+02:00", "-05:30", "+0000", "-1159"]))
    return f"{day}{draw(st.sampled_from('Tt '))}{clock}{zone}"


TIMES = st.none() | times()
SCORES = st.none() | st.integers()


@st.composite
def debates(draw: st.DrawFn) -> Debate:
    """Any valid debate: ids, names and every text field drawn freely; relations of every kind
    (unclassified replies too), and claims' times, permalinks and scores."""
    ids = draw(st.lists(IDS, min_size=1, max_size=8, unique=True))
    source_ids = [i for i in draw(st.lists(IDS, max_size=3, unique=True)) if i not in ids]
    names = draw(st.lists(NAMES, max_size=3, unique=True))
    sources = {
        s: Source(s, title=draw(TEXT), url=draw(MAYBE), author=draw(MAYBE), note=draw(MAYBE))
        for s in source_ids
    }
    claims: dict[str, Claim] = {}
    for i in ids:
        cites: list[Citation] = []
        for n in range(draw(st.integers(0, 2))):
            if len(source_ids) > 0 and draw(st.booleans()):
                cites.append(Citation(draw(st.sampled_from(source_ids)), draw(MAYBE), draw(MAYBE)))
            else:
                ident = f"{i}#{n + 1}"
                sources[ident] = Source(ident, url=draw(TEXT), inline=True)
                cites.append(Citation(ident, draw(MAYBE)))
        by = draw(st.sampled_from(names)) if len(names) > 0 and draw(st.booleans()) else None
        tags = tuple(draw(st.lists(TEXT, max_size=2)))
        claims[i] = Claim(
            i,
            draw(TEXT),
            by,
            tuple(cites),
            tags,
            draw(MAYBE),
            at=draw(TIMES),
            url=draw(MAYBE),
            score=draw(SCORES),
        )
    pairs = draw(
        st.lists(
            st.tuples(st.sampled_from(ids), st.sampled_from(ids), st.sampled_from(RelationKind)),
            max_size=12,
        )
    )
    relations: dict[tuple[str, str], Relation] = {}
    for a, b, kind in pairs:
        if a != b and (a, b) not in relations:
            relations[(a, b)] = Relation(a, b, kind, 0, 0)
    used = {c.by for c in claims.values() if c.by is not None}
    speakers = {n: Speaker(n, url=draw(MAYBE), note=draw(MAYBE)) for n in names if n in used}
    return Debate(
        title=draw(TEXT),
        claims=claims,
        relations=tuple(relations.values()),
        sources=sources,
        speakers=speakers,
        url=draw(MAYBE),
        date=draw(MAYBE),
        note=draw(MAYBE),
    )


@settings(max_examples=150, deadline=None)
@given(debates())
def test_any_debate_comes_back_the_same(debate: Debate) -> None:
    same(debate, reload(debate))
