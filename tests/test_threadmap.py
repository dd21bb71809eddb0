"""The thread builder every thread importer uses (`argmap.convert.threadmap`): threads built in
code, as the site importers give them, turned into exact claims, ids, replies, passages,
speakers and sources, with every loss reported; and in linear time."""

from __future__ import annotations

import importlib
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap import check_text
from argmap.convert import ConvertError, Imported
from argmap.convert.passages import Holders, widen
from argmap.convert.thread import Block, Comment, Link, Thread
from argmap.convert.threadmap import to_debate
from argmap.convert.written import imported_yaml
from argmap.model import Debate, RelationKind

from .conftest import ROOT


def build(*comments: Comment, **thread: object) -> Imported:
    got = to_debate(Thread("reddit", list(comments), **thread), b"{}", "t.json")  # type: ignore[arg-type]
    result = check_text(imported_yaml(got))
    assert result.debate is not None, [d.message for d in result.diagnostics]
    assert set(Counter(d.code for d in result.diagnostics)) <= {"unclassified-reply"}
    return got


def c(
    key: str, parent: str | None, author: str | None, *blocks: str | Block, **kw: object
) -> Comment:
    made = tuple(Block(b) if isinstance(b, str) else b for b in blocks)
    return Comment(key, parent, author, made, **kw)  # type: ignore[arg-type]


def q(text: str, of: str | None = None) -> Block:
    return Block(text, quote=True, of=of)


def edges(d: Debate) -> set[tuple[str, str]]:
    assert {r.kind for r in d.relations} <= {RelationKind.ANSWERS}
    return {(r.source, r.target) for r in d.relations}


def texts(d: Debate) -> dict[str, str]:
    return {x.id: x.text for x in d.claims.values()}


def test_one_claim_per_comment_each_answering_its_parent() -> None:
    got = build(
        c("p", None, "op", "The post: cats are liquid."),
        c("a", "p", "ann", "They are not."),
        c("b", "a", "op", "They are, at room temperature."),
        c("x", None, "zed", "A second top-level thread."),
    )
    d = got.debate
    assert texts(d) == {
        "op-1": "The post: cats are liquid.",
        "ann-1": "They are not.",
        "op-2": "They are, at room temperature.",
        "zed-1": "A second top-level thread.",
    }
    assert edges(d) == {("ann-1", "op-1"), ("op-2", "ann-1")}
    assert d.title == "The post: cats are liquid."
    assert d.note is not None and "`argmap label`" in d.note
    assert got.provenance["format"] == "reddit" and got.provenance["file"] == "t.json"


def test_when_where_and_votes_are_kept_and_checked() -> None:
    got = build(
        c("a", None, "ann", "First.", at="2023-07-14T09:30:00Z", url="https://x.org/c/1", score=7),
        c("b", "a", "bob", "Second.", at="yesterday", url="javascript:alert(1)", score=-2),
    )
    a, b = got.debate.claims.values()
    assert (a.at, a.url, a.score) == ("2023-07-14T09:30:00Z", "https://x.org/c/1", 7)
    assert (b.at, b.url, b.score) == (None, None, -2)
    assert got.skipped == [
        "comment 'b': its time 'yesterday' is not an ISO 8601 time: left out",
        "comment 'b': its url 'javascript:alert(1)' is not an http(s) address: left out",
    ]


def test_a_quote_the_site_names_is_cut_out_of_the_quoted_comment() -> None:
    got = build(
        c("a", None, "ann", "Cats are liquid. Dogs are solid. Birds are gas."),
        c("b", "a", "bob", q("Dogs are solid.", of="a"), "Not my dog."),
    )
    d = got.debate
    assert texts(d) == {
        "ann-1": "Cats are liquid. Birds are gas.",
        "ann-1.q1": "Dogs are solid.",
        "bob-1": "Not my dog.",
    }
    assert edges(d) == {("ann-1.q1", "ann-1"), ("bob-1", "ann-1.q1")}
    assert d.claims["ann-1"].note == "Replies quote the passage ann-1.q1, cut out of this text."
    assert got.mapped["passages"] == 1


def test_a_quote_without_a_name_is_found_in_the_nearest_ancestor_then_earlier() -> None:
    got = build(
        c("a", None, "ann", "Cats are liquid, said the physicist in the paper."),
        c("b", "a", "bob", "Cats are liquid, said the physicist in the paper. Really."),
        c("x", None, "xi", "Cats are liquid, said the physicist in the paper. Really."),
        c("d", "b", "dan", q("Cats are liquid, said the physicist in the paper."), "Which one?"),
        c("e", "x", "eve", q("said the physicist"), "Whatever."),
    )
    d = got.debate
    # dan's quote: bob (parent) holds the words, before ann. eve's: xi, her parent.
    assert ("dan-1", "bob-1.q1") in edges(d) and ("eve-1", "xi-1.q1") in edges(d)
    assert texts(d)["bob-1"] == "Really."


def test_a_quote_from_outside_the_thread_stays_in_the_text() -> None:
    got = build(
        c("a", None, "ann", "AI is theft."),
        c("b", "a", "bob", q("Copyright protects expression, not ideas."), "So no."),
    )
    d = got.debate
    assert texts(d)["bob-1"] == "\u201cCopyright protects expression, not ideas.\u201d\n\nSo no."
    assert edges(d) == {("bob-1", "ann-1")}


def test_quoted_paragraphs_in_a_row_are_one_passage() -> None:
    got = build(
        c("a", None, "ann", "First paragraph here.", "Second paragraph here.", "Third one."),
        c("b", "a", "bob", q("First paragraph here."), q("Second paragraph here."), "Both wrong."),
    )
    assert texts(got.debate)["ann-1.q1"] == "First paragraph here.\n\nSecond paragraph here."
    assert edges(got.debate) == {("ann-1.q1", "ann-1"), ("bob-1", "ann-1.q1")}


def test_a_quote_of_all_of_a_comment_answers_the_comment() -> None:
    got = build(
        c("a", None, "ann", "All of it.", "Every word."),
        c("b", "a", "bob", q("All of it."), q("Every word."), "Still no."),
    )
    assert set(got.debate.claims) == {"ann-1", "bob-1"}
    assert edges(got.debate) == {("bob-1", "ann-1")}


def test_overlapping_quotes_become_one_passage() -> None:
    got = build(
        c("a", None, "ann", "One. Two. Three. Four."),
        c("b", "a", "bob", q("One. Two."), "No."),
        c("d", "a", "dan", q("Two. Three."), "Yes."),
    )
    d = got.debate
    assert texts(d)["ann-1.q1"] == "One. Two. Three."
    assert texts(d)["ann-1"] == "Four."
    assert edges(d) == {("ann-1.q1", "ann-1"), ("bob-1", "ann-1.q1"), ("dan-1", "ann-1.q1")}


def test_a_trailing_quote_is_answered_by_the_part_before_it() -> None:
    got = build(
        c("a", None, "ann", "Cats are liquid. Dogs are solid."),
        c("b", "a", "bob", "I disagree with this:", q("Dogs are solid.")),
    )
    assert edges(got.debate) == {("ann-1.q1", "ann-1"), ("bob-1", "ann-1.q1")}
    assert texts(got.debate)["bob-1"] == "I disagree with this:"


def test_a_comment_that_only_quotes_says_the_quoted_words() -> None:
    got = build(
        c("a", None, "ann", "Cats are liquid. Dogs are solid."),
        c("b", "a", "bob", q("Dogs are solid.")),
    )
    assert texts(got.debate)["bob-1"] == "Dogs are solid."
    assert edges(got.debate) == {("ann-1.q1", "ann-1"), ("bob-1", "ann-1.q1")}
    assert got.skipped == ["comment 'b': the comment only quotes: its claim is the quoted words"]


def test_deleted_comments_are_kept_only_when_answered() -> None:
    got = build(
        c("a", None, "ann", "Root."),
        c("b", "a", None, deleted=True),
        c("c", "b", None, deleted=True),
        c("d", "c", "dan", "Answer to a deleted answer."),
        c("e", "a", "eve", deleted=True),
        c("f", "a", "fay"),  # no text at all
        missing=12,
    )
    d = got.debate
    assert texts(d) == {
        "ann-1": "Root.",
        "comment-1": "[deleted]",
        "comment-2": "[deleted]",
        "dan-1": "Answer to a deleted answer.",
    }
    assert edges(d) == {("comment-1", "ann-1"), ("comment-2", "comment-1"), ("dan-1", "comment-2")}
    assert list(d.speakers) == ["ann", "dan"]
    assert got.mapped == {
        "comments": 6,
        "claims": 4,
        "passages": 0,
        "answers": 3,
        "speakers": 2,
        "sources": 0,
        "deleted kept": 2,
        "deleted left out": 2,
        "missing": 12,
    }
    assert got.skipped == [
        "2 deleted or empty comments that nobody answered: left out",
        "12 comments in all that the site has are not in the input",
    ]


def test_links_become_sources_cited_by_the_claim_that_shows_them() -> None:
    got = build(
        c(
            "a",
            None,
            "ann",
            "See the paper on extraction. Also https://example.org/x.",
            links=(
                Link("https://arxiv.org/abs/2301.13188", "the paper"),
                Link("https://example.org/x"),
                Link("javascript:alert(1)", "click"),
                Link("https://arxiv.org/abs/2301.13188", "it again"),
            ),
        ),
        c("b", "a", "bob", "Same paper.", links=(Link("https://arxiv.org/abs/2301.13188"),)),
    )
    d = got.debate
    assert [(s.id, s.title, s.url) for s in d.sources.values()] == [
        ("arxiv.org-abs-2301.13188", "the paper", "https://arxiv.org/abs/2301.13188"),
        ("example.org-x", "https://example.org/x", "https://example.org/x"),
    ]
    assert [x.source for x in d.claims["ann-1"].cites] == [
        "arxiv.org-abs-2301.13188",
        "example.org-x",
    ]
    assert [x.source for x in d.claims["bob-1"].cites] == ["arxiv.org-abs-2301.13188"]
    assert got.skipped == [
        "comment 'a': the link 'javascript:alert(1)' is not an http(s) address: not a source"
    ]


def test_speakers_keep_their_profile_and_how_they_were_shown() -> None:
    got = build(
        c(
            "a",
            None,
            "ann",
            "One.",
            author_home="a.org",
            author_shown="ann@a.org",
            author_url="https://a.org/u/ann",
        ),
        c("b", "a", "ann", "Two.", author_home="b.org", author_url="file:///etc/passwd"),
        c("d", "b", "dan", "Three.", author_url="https://d.org/u/dan"),
    )
    d = got.debate
    assert {n: (s.url, s.note) for n, s in d.speakers.items()} == {
        "ann@a.org": ("https://a.org/u/ann", None),
        "ann@b.org": (None, None),
        "dan": ("https://d.org/u/dan", None),
    }
    assert list(d.claims) == ["ann-a.org-1", "ann-b.org-1", "dan-1"]
    assert got.skipped == [
        "the profile of 'ann@b.org' 'file:///etc/passwd' is not an http(s) address: left out"
    ]


def test_keys_that_repeat_or_point_nowhere_are_reported() -> None:
    got = build(
        c("a", None, "ann", "One."),
        c("a", None, "bob", "Two."),
        c("c", "zz", "cid", "Three."),
        c("d", "a", "dan", "Four."),
    )
    assert edges(got.debate) == {("dan-1", "ann-1")}
    assert got.skipped == [
        "comment 'a': the comment key 'a' is used twice; replies to it are read as replies to "
        "the first",
        "comment 'c': it replies to 'zz', which is not in the input before it: it answers nothing",
    ]


def test_the_title_is_the_threads_else_the_first_words_else_the_file() -> None:
    assert build(c("a", None, "ann", "Hi."), title="  A  title ").debate.title == "A title"
    assert (
        build(c("a", None, None, deleted=True), c("b", "a", "bob", "Words.")).debate.title
        == "Words."
    )
    assert build(c("a", None, "ann", "x"), url="https://t.org/1").debate.url == "https://t.org/1"


def test_ids_are_stable_and_never_clash() -> None:
    got = build(
        c("1", None, "a b", "One."),
        c("2", "1", "a-b", "Two."),
        c("3", "2", "Jürgen", "Three."),
        c("4", "3", "!!", "Four."),
        c("5", "4", None, "Five."),
    )
    assert list(got.debate.claims) == ["a-b-1", "a-b-2", "Jurgen-1", "comment-1", "comment-2"]
    assert [x.by for x in got.debate.claims.values()] == ["a b", "a-b", "Jürgen", "!!", None]


def test_holders_answer_ancestry_without_recursion() -> None:
    n = 50_000
    h = Holders(["w"] * n, [i - 1 for i in range(n)])
    assert h.is_ancestor(0, n - 1) and not h.is_ancestor(n - 1, 0) and not h.is_ancestor(5, 5)


def test_widen_stops_at_paragraphs_and_sentence_marks() -> None:
    t = "Alpha beta. Gamma delta!\nEpsilon \u201czeta.\u201d Eta theta"
    assert t[slice(*widen(t, t.index("beta"), t.index("beta") + 4))] == "Alpha beta."
    assert t[slice(*widen(t, t.index("Gamma"), t.index("Gamma") + 5))] == "Gamma delta!"
    assert t[slice(*widen(t, t.index("zeta"), t.index("zeta") + 4))] == "Epsilon \u201czeta.\u201d"
    assert t[slice(*widen(t, t.index("Eta"), t.index("Eta") + 3))] == "Eta theta"


def test_ten_thousand_comments_each_quoting_its_parent_build_whole() -> None:
    # Its speed is a row of `make bench` (bench/shapes.py), not a timed test.
    comments = [c("0", None, "u0", "Point 0 is that the sky is blue. And more about it.")]
    for i in range(1, 10_000):
        comments.append(
            c(
                str(i),
                str(i - 1),
                f"u{i % 50}",
                q(f"Point {i - 1} is that the sky is blue."),
                f"Point {i} is that the sky is blue. And more about it.",
            )
        )
    got = to_debate(Thread("reddit", comments), b"", "big.json")
    assert got.mapped["claims"] == 19_999 and got.mapped["passages"] == 9_999
    assert ("u1-1", "u0-1.q1") in edges(got.debate)


def test_a_thread_with_no_words_is_a_convert_error() -> None:
    with pytest.raises(ConvertError) as e:
        to_debate(Thread("reddit", [c("a", None, "ann", deleted=True)]), b"", "t.json")
    assert e.value.message == (
        "the thread has no comment with text (1 comment read, none with words of its own)"
    )


SENTENCES = ["Cats flow.", "Dogs are solid, mostly.", "It is that simple.", "No.", "A b c d e f."]
blocks = st.builds(
    Block,
    st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=3).map(" ".join)
    | st.text(max_size=20),
    st.booleans(),
    st.none() | st.sampled_from(["0", "1", "2", "9"]),
)
comments = st.builds(
    Comment,
    st.sampled_from(["0", "1", "2", "3", "4"]),
    st.none() | st.sampled_from(["0", "1", "2", "9"]),
    st.none() | st.sampled_from(["ann", "bob", "a b", " ", "é"]),
    st.lists(blocks, max_size=4).map(tuple),
    author_home=st.none() | st.sampled_from(["a.org", "b.org"]),
    author_url=st.none() | st.sampled_from(["https://a.org/u", "javascript:x", " "]),
    at=st.none() | st.sampled_from(["2023-07-14T09:30:00Z", "2023-02-30", "now"]),
    url=st.none() | st.sampled_from(["https://a.org/c/1", "ftp://x"]),
    score=st.none() | st.integers(-5, 5),
    links=st.lists(
        st.builds(Link, st.sampled_from(["https://x.org/a", "mailto:a@b"])), max_size=2
    ).map(tuple),
    deleted=st.booleans(),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(comments, max_size=8), st.none() | st.text(max_size=10))
def test_any_thread_builds_or_says_why_not(made: list[Comment], title: str | None) -> None:
    try:
        got = to_debate(Thread("lemmy", made, title=title), b"", "t.json")
    except ConvertError as e:
        assert e.message.startswith("the thread has no comment with text")
        return
    result = check_text(imported_yaml(got))
    assert result.debate is not None, [d.message for d in result.diagnostics]
    assert {d.code for d in result.diagnostics} <= {"unclassified-reply"}
    assert imported_yaml(to_debate(Thread("lemmy", made, title=title), b"", "t.json")) == (
        imported_yaml(got)
    )


def test_a_link_post_says_its_title() -> None:
    got = build(
        c("p", None, "op", links=(Link("https://example.com/live"),)),
        c("a", "p", "ann", "Worth a look."),
        title="Live recording",
    )
    assert texts(got.debate) == {"op-1": "Live recording", "ann-1": "Worth a look."}
    assert edges(got.debate) == {("ann-1", "op-1")}
    assert [x.source for x in got.debate.claims["op-1"].cites] == ["example.com-live"]


SITES = ROOT / "tests" / "data" / "threads"


@pytest.mark.parametrize(
    "path",
    sorted(
        p
        for site in ("reddit", "lemmy", "hn", "discourse", "mastodon")
        for p in (SITES / site).glob("*.json")
    ),
    ids=lambda p: f"{p.parent.name}/{p.name}",
)
def test_every_site_thread_in_the_tests_builds(path: Path) -> None:
    # The site readers' own fixtures, read by them and built here: each passes `argmap check`
    # with only unclassified replies to warn of.
    site = importlib.import_module(f"argmap.convert.{path.parent.name}")
    thread = site.parse(path.read_bytes(), path.name)
    got = to_debate(thread, path.read_bytes(), path.name)
    result = check_text(imported_yaml(got))
    assert result.debate is not None, [d.message for d in result.diagnostics]
    assert Counter(d.code for d in result.diagnostics) == (
        {"unclassified-reply": len(got.debate.relations)} if got.debate.relations else {}
    )
    assert got.mapped["comments"] == len(thread.comments)
