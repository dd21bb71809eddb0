"""Kialo's text export: each quirk of real exports read into exact claims, relations and sources;
what cannot be mapped is named, line by line, in `skipped`; a file that is not an export is a
`ConvertError` saying where; and no text at all makes the reader fail in any other way."""

from __future__ import annotations

import hashlib
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap import Citation, Debate, check_text
from argmap.convert import IMPORTERS, ConvertError, Imported
from argmap.convert.kialo import parse_text, read, unescape
from argmap.convert.yamlwrite import to_yaml
from argmap.fileformat import ID_RE, NAME_RE

from .conftest import ROOT

DATA = ROOT / "tests" / "data" / "convert" / "kialo"
NO_AUTHORS = "Kialo's text export names no authors, so no claim says who made it (no `by`)"
NOTE = (
    "Imported from a Kialo text export; Kialo's export names no authors, "
    "so no claim says who made it."
)


def assert_valid(debate: Debate) -> None:
    """What argmap's loader demands of a debate, checked on one built by an importer."""
    assert debate.title.strip()
    claim_ids = set(debate.claims)
    for cid, claim in debate.claims.items():
        assert cid == claim.id and ID_RE.fullmatch(cid), cid
        assert claim.text.strip(), cid
        assert claim.by is None or NAME_RE.fullmatch(claim.by)
        assert claim.by is None or claim.by in debate.speakers
        assert claim.parent is None or claim.parent in claim_ids
        for c in claim.cites:
            assert c.source in debate.sources, (cid, c.source)
    for sid, source in debate.sources.items():
        assert sid == source.id and sid not in claim_ids
        assert source.title is not None or source.url is not None
        if source.inline:
            owner, _, n = sid.rpartition("#")
            assert owner in claim_ids and n.isdigit(), sid
        else:
            assert ID_RE.fullmatch(sid), sid
    pairs: set[tuple[str, str]] = set()
    for r in debate.relations:
        assert r.source in claim_ids and r.target in claim_ids, r
        assert r.source != r.target, r
        assert (r.source, r.target) not in pairs, r
        pairs.add((r.source, r.target))


def load_fixture(name: str) -> Imported:
    got = read((DATA / name).read_bytes(), name)
    assert_valid(got.debate)
    return got


def relations(d: Debate) -> list[tuple[str, str, str]]:
    return [(r.source, r.kind.value, r.target) for r in d.relations]


def texts(d: Debate) -> dict[str, str]:
    return {c.id: c.text for c in d.claims.values()}


def test_the_registry_names_this_reader() -> None:
    assert IMPORTERS["kialo"].read is read


def test_the_older_layout() -> None:
    got = load_fixture("classic.txt")
    d = got.debate
    assert d.title == "Does a trained image model store its training images?"
    assert d.file == "classic.txt"
    assert d.note == NOTE
    assert d.speakers == {}
    assert texts(d) == {
        "1": "A trained image model does not store its training images.",
        "1.1": "It is recorded in a retrieval system that does a complicated lookup.",
        # Lines of a paragraph are joined with a space, paragraphs with a blank line.
        "1.1.1": "Five billion images in a model of about five gigabytes is about one byte per "
        "image, which cannot hold a picture.\n\nNo lookup table is that small [citation needed].",
        "1.1.2": "Researchers extracted training images from a model; see the paper and a summary.",
        "1.2": "The model learns concepts (shapes, styles) from many examples — like an art "
        "student in Köln learning from 10,000 paintings 🎨.",
        "1.3": "Compression can be *lossy* or **lossless**; a model is neither \\ nor both.",
    }
    assert {c.id: c.parent for c in d.claims.values()} == {
        "1": None,
        "1.1": "1",
        "1.1.1": "1.1",
        "1.1.2": "1.1",
        "1.2": "1",
        "1.3": "1",
    }
    # `-> See` reuses a claim: 1.2 answers 1.1.1 too, and 1.1 answers 1.2.
    assert relations(d) == [
        ("1.1", "rebuts", "1"),
        ("1.1.1", "rebuts", "1.1"),
        ("1.2", "supports", "1.1.1"),
        ("1.1.2", "supports", "1.1"),
        ("1.2", "supports", "1"),
        ("1.1", "rebuts", "1.2"),
        ("1.3", "supports", "1"),
    ]
    assert [(r.line, r.column) for r in d.relations][:3] == [(4, 1), (5, 1), (9, 1)]
    # Every link keeps its URL, escapes undone, as an inline source of its claim.
    assert {s.id: (s.title, s.url, s.inline) for s in d.sources.values()} == {
        "1.1#1": (
            "retrieval system",
            "https://en.wikipedia.org/wiki/Retrieval_(information)",
            True,
        ),
        "1.1.2#1": ("the paper", "https://arxiv.org/abs/2301.13188", True),
        "1.1.2#2": ("a summary", "https://example.org/summary?a=1&b=(2)", True),
    }
    assert d.claims["1.1.2"].cites == (Citation("1.1.2#1"), Citation("1.1.2#2"))
    assert got.mapped == {
        "claims": 6,
        "supports": 4,
        "rebuts": 3,
        "cross-links": 2,
        "sources": 3,
        "citations": 3,
    }
    assert got.skipped == [NO_AUTHORS]


def test_the_newer_layout_with_footnotes_and_sources() -> None:
    got = load_fixture("newer.txt")
    d = got.debate
    assert d.title == "Is training an image model lossy compression?"
    assert texts(d) == {
        "1": "Training an image model is a kind of lossy compression.",
        "1.1": "You can build bad language models with standard compression algorithms [1].",
        "1.1.1": "A model of 3 GB trained on five billion images keeps less than a byte per "
        "image (p. 2 [2]).",
        "1.2": "Lossy compression keeps something of each input; a model keeps what many "
        "inputs share [3]. That is learning, not compression.",
    }
    assert relations(d) == [
        ("1.1", "supports", "1"),
        ("1.1.1", "rebuts", "1.1"),
        ("1.2", "rebuts", "1"),
        ("1.1.1", "supports", "1.2"),
    ]
    assert [(c.line, c.column) for c in d.claims.values()] == [(4, 1), (7, 3), (10, 5), (13, 3)]
    assert {s.id: (s.title, s.url, s.inline) for s in d.sources.values()} == {
        "source-1": (None, "https://example.org/compression-as-learning", False),
        "source-2": ("Model size notes", "https://example.org/model-size", False),
        "source-3": ("Hinton, G. Lecture notes on learning. 2012.", None, False),
    }
    # The quoted passage under a source is the citation's quote; "p. 2" before a mark, its locator.
    assert d.claims["1.1"].cites == (
        Citation(
            "source-1",
            quote="Any compressor can be turned into a predictor.\n\nThe converse holds too.",
        ),
    )
    assert d.claims["1.1.1"].cites == (Citation("source-2", locator="p. 2"),)
    assert d.claims["1.2"].cites == (Citation("source-3"),)
    assert got.provenance["layout"] == "Discussion Name"
    assert got.skipped == [NO_AUTHORS]


def test_windows_line_endings() -> None:
    raw = (DATA / "crlf.txt").read_bytes()
    assert raw.count(b"\r\n") == raw.count(b"\n") == 6  # the fixture kept its CR LF
    d = load_fixture("crlf.txt").debate
    assert d.title == "Line endings from Windows"
    assert texts(d) == {
        "1": "Files exported on Windows end their lines with CR LF.",
        "1.1": "Notepad writes CR LF and so does the export.",
    }
    assert relations(d) == [("1.1", "supports", "1"), ("1", "rebuts", "1.1")]


@pytest.mark.parametrize("ending", ["\r\n", "\r"])
def test_any_line_ending_reads_the_same(ending: str) -> None:
    lf = (DATA / "classic.txt").read_text(encoding="utf-8")
    other = read(lf.replace("\n", ending).encode(), "classic.txt").debate
    same = read(lf.encode(), "classic.txt").debate
    assert texts(other) == texts(same) and relations(other) == relations(same)
    assert other.sources == same.sources


def test_a_byte_order_mark_is_ignored() -> None:
    raw = (DATA / "crlf.txt").read_bytes()
    assert texts(read(b"\xef\xbb\xbf" + raw, "x").debate) == texts(read(raw, "x").debate)


def test_twenty_five_levels_deep() -> None:
    d = load_fixture("deep.txt").debate
    ids = list(d.claims)
    assert len(ids) == 25
    assert ids[0] == "1" and ids[-1] == ".".join(["1"] * 25)
    assert d.claims[ids[-1]].text == "Level 25 claim."
    assert relations(d) == [
        (ids[i], "supports" if (i + 1) % 2 else "rebuts", ids[i - 1]) for i in range(1, 25)
    ]
    assert [c.parent for c in d.claims.values()] == [None, *ids[:-1]]


def test_a_deep_export_is_read_without_recursion() -> None:
    lines = ["Discussion Title: Deep", "", "1. Root."]
    number = "1."
    for depth in range(2, 1201):
        number += "1."
        lines.append(f"{number} Con: Level {depth}.")
    d = read("\n".join(lines).encode(), "deep").debate
    assert len(d.claims) == 1200 and len(d.relations) == 1199


def test_a_damaged_export_says_what_it_left_out() -> None:
    got = load_fixture("malformed.txt")
    d = got.debate
    assert texts(d) == {
        "1": "The thesis.",
        "1.1": "A con with no problems.",
        "1.1-2": "The same number again.",
        "1.3.1": "Its parent 1.3 is missing.",
        "1.4.1": "Its parent 1.4 has no text.",
        "2": "A second top-level claim marked Pro.",
        # A numbered line without Pro/Con is text, not a claim.
        "1.7": "1.7 does not end the numbering; this line 2. continues the text of 1.7.",
    }
    assert relations(d) == [
        ("1.1", "rebuts", "1"),
        ("1.1-2", "supports", "1"),
        ("1", "supports", "1.1-2"),
        ("1.7", "supports", "1"),
    ]
    # Text between the title and the thesis is kept, in the debate's note.
    assert d.note == NOTE + "\n\nThis line sits between the title and the thesis."
    assert got.skipped == [
        "line 6: 1.1. occurs more than once; this one gets the id 1.1-2",
        "line 7: 1.3.1. has no claim 1.3. above it in the file; it answers nothing",
        "line 8: 1.4. has no text; skipped",
        "line 9: 1.4.1. has no claim 1.4. above it in the file; it answers nothing",
        "line 10: 1.5. links to 1.9., which is not a claim in the file; skipped",
        "line 11: 1.6. links to 1., the claim it is under; skipped",
        "line 13: 1.1.2. says 1 rebuts 1.1-2, but it already supports it (line 12); a claim "
        "answers another in one way only, so this one is skipped",
        "line 14: 1.1.3. links round in a circle through 1.1.3.; skipped",
        "line 15: 2. is marked Pro but has no claim above it",
        "line 20: text under 'Sources:' that is not a numbered source; skipped",
        "line 21: source [1] is cited by no claim; kept as a source",
        "line 22: source [1] is listed twice; the first is kept",
        "line 23: source [2] names nothing; skipped",
        NO_AUTHORS,
    ]
    assert list(d.sources) == ["source-1"]


def test_a_multi_thesis_discussion() -> None:
    got = load_fixture("multi-thesis.txt")
    d = got.debate
    assert texts(d) == {
        "1": "What should the law say about training on images?",
        "1.1": "Training on images should need the artist's consent.",
        "1.1.1": "Artists lose work to models trained on their images.",
        "1.2": "Training on images should be fair use.",
    }
    assert relations(d) == [("1.1.1", "supports", "1.1"), ("1.1.1", "rebuts", "1.2")]
    assert got.skipped == [
        "line 7: 1.1. is a thesis under 1.; argmap has no relation for that, so it answers nothing",
        "line 13: 1.2. is a thesis under 1.; argmap has no relation for that, so it answers "
        "nothing",
        NO_AUTHORS,
    ]


def test_provenance() -> None:
    raw = (DATA / "classic.txt").read_bytes()
    p = read(raw, "some/folder/classic.txt").provenance
    assert p["format"] == "Kialo"
    assert p["file"] == "classic.txt"
    assert p["sha256"] == hashlib.sha256(raw).hexdigest()
    assert p["layout"] == "Discussion Title"


def test_the_same_bytes_give_the_same_debate() -> None:
    raw = (DATA / "classic.txt").read_bytes()
    assert read(raw, "a") == read(raw, "a")


@pytest.mark.parametrize(
    ("name", "message", "line", "column"),
    [
        (
            "not-kialo.md",
            "not a Kialo text export: expected 'Discussion Title: ...' "
            "(or 'Discussion Name:') as the first line",
            1,
            1,
        ),
        (
            "no-thesis.txt",
            "not a Kialo text export: no numbered thesis ('1. ...') after the title",
            4,
            1,
        ),
        ("latin1.txt", "not a Kialo text export: the file is not UTF-8 text (byte 27)", 1, 27),
    ],
)
def test_what_is_not_a_kialo_export(name: str, message: str, line: int, column: int) -> None:
    with pytest.raises(ConvertError) as e:
        read((DATA / name).read_bytes(), name)
    assert (e.value.message, e.value.line, e.value.column) == (message, line, column)


@pytest.mark.parametrize("data", [b"", b"\n \n\t\n", b"\xef\xbb\xbf"])
def test_an_empty_file_is_not_an_export(data: bytes) -> None:
    with pytest.raises(ConvertError, match="the file is empty"):
        read(data, "empty.txt")


@pytest.mark.parametrize(
    ("fixture"), ["classic.txt", "newer.txt", "crlf.txt", "deep.txt", "multi-thesis.txt"]
)
def test_the_loader_accepts_what_was_read(fixture: str) -> None:
    result = check_text(to_yaml(load_fixture(fixture).debate), fixture)
    assert result.diagnostics == []


# --- the text of a claim ---------------------------------------------------------------------


def test_unescape() -> None:
    assert unescape(r"\(a\) \[b\] \\ \* \@ \n \é") == r"(a) [b] \ * @ \n \é"


def test_links_with_parentheses_and_escapes_in_the_url() -> None:
    parsed = parse_text(r"See [a \[b\]](https://x.org/a_\(b\)) and [c](https://y.org/(d)e).")
    assert parsed.text == "See a [b] and c."
    assert parsed.links == [(4, "a [b]", "https://x.org/a_(b)"), (14, "c", "https://y.org/(d)e")]


def test_escaped_brackets_are_not_a_link_or_a_footnote() -> None:
    parsed = parse_text(r"\[not\](a link) and \[3\]")
    assert parsed.text == "[not](a link) and [3]"
    assert parsed.links == [] and parsed.footnotes == []


def test_footnotes_and_their_locators() -> None:
    parsed = parse_text("A [1], b (p. 7 [2]), c (pp. 14-15 [3]) and [4](https://x.org) [5]")
    assert parsed.text == "A [1], b (p. 7 [2]), c (pp. 14-15 [3]) and 4 [5]"
    at = parsed.text.index
    assert parsed.footnotes == [
        (at("[1]"), 1, None),
        (at("[2]"), 2, "p. 7"),
        (at("[3]"), 3, "pp. 14-15"),
        (at("[5]"), 5, None),
    ]
    assert parsed.links == [(at("4 "), "4", "https://x.org")]


def test_a_cross_link_under_the_wrong_stance_is_a_thesis_note() -> None:
    text = "Discussion Title: T\n\n1. A.\n1.1. Thesis: -> See 1.\n"
    got = read(text.encode(), "t")
    assert relations(got.debate) == []
    assert got.skipped[0].startswith("line 4: 1.1. is a thesis under 1.")


# --- whatever arrives --------------------------------------------------------------------------

NUMBERS = st.lists(st.integers(1, 3), min_size=1, max_size=4).map(
    lambda ns: "".join(f"{n}." for n in ns)
)
LINE = st.one_of(
    st.builds(
        lambda n, s, t: f"{n} {s}{t}",
        NUMBERS,
        st.sampled_from(["Pro: ", "Con: ", "Thesis: ", "Question:", "", "Pro:"]),
        st.one_of(
            st.text(max_size=30),
            NUMBERS.map(lambda n: f"-> See {n}"),
            st.sampled_from(["[a](http://x)", "[1]", r"\(", "[b](", "(p. 3 [2])", "[](u)"]),
        ),
    ),
    st.sampled_from(["", "  ", "Sources:", "[1] https://x.org", "[2] A book", '"quoted"', "[1]"]),
    st.text(max_size=20),
)
EXPORTS = st.builds(
    lambda title, lines, ending: ending.join([title, "", *lines]),
    st.sampled_from(["Discussion Title: T", "Discussion Name:\nT", "Discussion Title:", "x"]),
    st.lists(LINE, max_size=25),
    st.sampled_from(["\n", "\r\n", "\r"]),
)


def _reads_or_refuses(data: bytes) -> None:
    try:
        got = read(data, "p.txt")
    except ConvertError as e:
        assert e.message and (e.line is None or e.line >= 1)
        return
    assert_valid(got.debate)
    assert all(re.match(r"line \d+: ", s) or s == NO_AUTHORS for s in got.skipped)


@settings(max_examples=300, deadline=None)
@given(EXPORTS)
def test_anything_shaped_like_an_export(text: str) -> None:
    _reads_or_refuses(text.encode("utf-8", "surrogatepass"))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_any_text(text: str) -> None:
    _reads_or_refuses(("Discussion Title: T\n\n1. A\n" + text).encode("utf-8", "surrogatepass"))
    _reads_or_refuses(text.encode("utf-8", "surrogatepass"))


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=200))
def test_any_bytes(data: bytes) -> None:
    _reads_or_refuses(data)
