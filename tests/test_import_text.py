"""`argmap import text`: the four seed threads imported into exact speakers, claims, reply edges
and quote targets; seed 001 read against the hand-made debates/retrieval-or-concepts.yaml; the
header lines of Lemmy and kbin, with every unknown line reported; the guards against taking a
short paragraph for a quote; hostile text that stays data; and the command line."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap import check_text, load
from argmap.convert import IMPORTERS, ConvertError, Imported
from argmap.convert.headers import read_header, readings
from argmap.convert.pasted import parse, read
from argmap.convert.written import imported_yaml
from argmap.model import Debate, RelationKind

from .conftest import ROOT

SEEDS = ROOT / "tests" / "data" / "threads" / "text"


def seed(n: str) -> Imported:
    return read((SEEDS / f"seed-{n}.txt").read_bytes(), f"seed-{n}.txt")


def edges(d: Debate) -> set[tuple[str, str]]:
    """Every relation, answering id → answered id; each must be an unclassified reply."""
    assert {r.kind for r in d.relations} <= {RelationKind.ANSWERS}
    return {(r.source, r.target) for r in d.relations}


def passages(d: Debate) -> dict[str, str]:
    """The claims cut out of a comment because a reply quotes them: id → text."""
    return {c.id: c.text for c in d.claims.values() if ".q" in c.id}


def imported(text: str, name: str = "t.txt") -> Imported:
    return read(text.encode(), name)


def test_the_registry_names_this_reader() -> None:
    assert IMPORTERS["text"].read is read
    assert IMPORTERS["text"].suffix == ".txt"


# --- the seeds -----------------------------------------------------------------------------------


def test_seed_000_bare_paragraphs() -> None:
    got = seed("000")
    d = got.debate
    assert got.provenance["layout"] == "paragraphs without bullets"
    assert d.speakers == {} and all(c.by is None for c in d.claims.values())
    assert list(d.claims) == ["comment-1", "comment-1.q1", "comment-2", "comment-3"]
    assert edges(d) == {
        ("comment-1.q1", "comment-1"),  # the quoted sentence answers the rest of its comment
        ("comment-2", "comment-1.q1"),  # quotes "the training data is not stored ... form,"
        ("comment-3", "comment-1"),  # quotes both paragraphs of comment 1: all of it
    }
    assert passages(d) == {
        "comment-1.q1": "I see, so your argument is that because the training data is not "
        "stored in the model in its original form, it doesn\u2019t count as a copy, and "
        "therefore it doesn\u2019t constitute intellectual property theft."
    }
    assert d.claims["comment-1.q1"].note == (
        "A passage of comment-1, a claim of its own because comment-2 quotes it. Quoted as "
        "\u201cthe training data is not stored in the model in its original form,\u201d; the "
        "passage is the whole sentence."
    )
    assert d.claims["comment-3"].text.startswith("Here\u2019s a video explaining")
    assert got.skipped == [
        "line 8: the last paragraph repeats an earlier comment with no reply after it "
        "(a reply cut off?): left out"
    ]
    assert got.mapped == {
        "comments": 3,
        "claims": 4,
        "passages": 1,
        "answers": 3,
        "speakers": 0,
        "sources": 0,
    }


def test_seed_001_lemmy_with_author_lines() -> None:
    got = seed("001")
    d = got.debate
    assert got.provenance["layout"] == "bullets with author lines (Lemmy, kbin)"
    assert {n: (s.url, s.note) for n, s in d.speakers.items()} == {
        "flatbield": (None, 'Shown as "flatbield@beehaw.org".'),
        "FaceDeer": (None, 'Shown as "FaceDeer@kbin.social".'),
        "mobyduck648": (None, 'Shown as "mobyduck648@beehaw.org".'),
    }
    assert [(c.id, c.by, c.score) for c in d.claims.values()] == [
        ("flatbield-1", "flatbield", 6),
        ("flatbield-1.q1", "flatbield", 6),
        ("FaceDeer-1", "FaceDeer", 6),
        ("flatbield-2", "flatbield", 3),
        ("FaceDeer-2", "FaceDeer", 5),
        ("flatbield-3", "flatbield", 2),
        ("flatbield-3.q1", "flatbield", 2),
        ("FaceDeer-3", "FaceDeer", 3),
        ("mobyduck648-1", "mobyduck648", 3),
    ]
    assert edges(d) == {
        ("flatbield-1.q1", "flatbield-1"),
        ("FaceDeer-1", "flatbield-1.q1"),  # FaceDeer quotes the "retrieval system" sentence
        ("flatbield-2", "FaceDeer-1"),
        ("FaceDeer-2", "flatbield-2"),
        ("flatbield-3", "FaceDeer-2"),
        ("flatbield-3.q1", "flatbield-3"),
        ("FaceDeer-3", "flatbield-3.q1"),  # FaceDeer quotes "It is that simple."
        ("mobyduck648-1", "flatbield-2"),
    }
    assert passages(d) == {
        "flatbield-1.q1": "Absolutely it is recorded in a retrieval system and doing some sort "
        "of complicated lookup.",
        "flatbield-3.q1": "It is that simple.",
    }
    assert d.claims["flatbield-1"].text == (
        "I feel two ways about it. So derivative.\n\nOn the other hand, the whole idea of "
        "copyright or other so called IP except maybe trademarks and trade dress in the most "
        "limited way is perverse and should not exist. Not that I have a better idea."
    )
    assert d.claims["FaceDeer-1"].text.startswith("It is not.\n\nStable Diffusion\u2019s model")
    assert d.claims["FaceDeer-3"].text.startswith("No, it really isn\u2019t.\n\nIf you want")
    assert (got.skipped, d.url, all(c.at is None for c in d.claims.values())) == ([], None, True)
    assert got.mapped == {
        "comments": 7,
        "claims": 9,
        "passages": 2,
        "answers": 8,
        "speakers": 3,
        "sources": 0,
    }


def test_seed_002_bullets_without_author_lines() -> None:
    got = seed("002")
    d = got.debate
    assert got.provenance["layout"] == "bullets without author lines"
    assert d.speakers == {} and all(c.by is None for c in d.claims.values())
    assert list(d.claims) == ["comment-1", "comment-2", "comment-2.q1", "comment-3"]
    assert edges(d) == {
        ("comment-2", "comment-1"),
        ("comment-2.q1", "comment-2"),
        ("comment-3", "comment-2.q1"),
    }
    assert passages(d) == {"comment-2.q1": "It is that simple."}
    assert d.claims["comment-2"].text.endswith("Lot of stuff to be worked out.")
    assert got.skipped == []
    assert got.mapped["claims"] == 4


def test_seed_003_lemmy_with_glued_scores() -> None:
    got = seed("003")
    d = got.debate
    assert {n: s.note for n, s in d.speakers.items()} == {
        "enumerator4829": 'Shown as "@enumerator4829@sh.itjust.works".',
        "FaceDeer": None,  # shown without an instance: nothing to say
        "HereIAm": 'Shown as "@HereIAm@lemmy.world".',
        "yetAnotherUser": 'Shown as "@yetAnotherUser@discuss.tchncs.de".',
    }
    # `05 days ago` and `04 days ago` are score 0 glued to the age; HereIAm's `0` stands alone.
    assert [(c.id, c.by, c.score) for c in d.claims.values()] == [
        ("enumerator4829-1", "enumerator4829", 0),
        ("enumerator4829-1.q1", "enumerator4829", 0),
        ("FaceDeer-1", "FaceDeer", 0),
        ("FaceDeer-1.2", "FaceDeer", 0),
        ("HereIAm-1", "HereIAm", 0),
        ("yetAnotherUser-1", "yetAnotherUser", 0),
    ]
    assert edges(d) == {
        ("enumerator4829-1.q1", "enumerator4829-1"),
        ("FaceDeer-1", "enumerator4829-1"),  # the text before FaceDeer's quote
        ("FaceDeer-1.2", "enumerator4829-1.q1"),  # the quote, and FaceDeer's answer to it
        ("HereIAm-1", "FaceDeer-1"),  # a reply to a comment answers its first part
        ("yetAnotherUser-1", "HereIAm-1"),
    }
    assert passages(d) == {
        "enumerator4829-1.q1": "Besides, even if we consider the model itself to be fine, they "
        "did not buy all the media they trained the model on."
    }
    assert d.claims["FaceDeer-1.2"].text.startswith("That is a completely separate issue.")
    assert d.claims["FaceDeer-1"].note == (
        "Part 1 of 2 of one comment (FaceDeer-1), split where it quotes."
    )
    assert got.skipped == []
    assert got.mapped["claims"] == 6


# Seed 001 as debates/retrieval-or-concepts.yaml reads it: each imported claim → the hand-made
# claim holding its words.
READING_001 = {
    # What is left of flatbield's first comment, "I feel two ways about it. So derivative." and
    # the IP paragraph: the hand-made file writes "So derivative." as `derivative` (the IP
    # paragraph, which nobody answers, as ip-perverse).
    "flatbield-1": "derivative",
    "flatbield-1.q1": "lookup",  # the sentence FaceDeer quotes, word for word
    # "It is not." with its reasons: the hand-made file writes the reasons (one-byte,
    # concepts) as claims of their own under not-lookup.
    "FaceDeer-1": "not-lookup",
    "flatbield-2": "table-lookup",  # "I would disagree. It is just a big table lookup ..."
    "FaceDeer-2": "not-recording",  # "You think it's “recording” five billion images ..."
    # "Step back for a moment ..." and the fair-use paragraph: the first is depends-on-data
    # (fair-use, which nobody answers, is a claim of its own by hand).
    "flatbield-3": "depends-on-data",
    "flatbield-3.q1": "depends-on-data",  # "It is that simple." is part of depends-on-data
    # "No, it really isn't." and the Markov chain: not-that-simple (markov, human-artists and
    # concepts are written as claims of their own by hand).
    "FaceDeer-3": "not-that-simple",
    "mobyduck648-1": "backprop",
}


def test_seed_001_matches_the_hand_made_debate() -> None:
    got = seed("001").debate
    by_hand = load(ROOT / "debates" / "retrieval-or-concepts.yaml")
    assert set(got.speakers) == set(by_hand.speakers)
    assert set(READING_001) == set(got.claims)  # every imported claim is read
    assert set(READING_001.values()) <= set(by_hand.claims)
    for c in got.claims.values():  # the same speaker as the claim it is read as
        assert c.by == by_hand.claims[READING_001[c.id]].by, c.id
    pairs = {(r.source, r.target) for r in by_hand.relations}
    for source, target in edges(got):
        a, b = READING_001[source], READING_001[target]
        assert a == b or (a, b) in pairs or (b, a) in pairs, (source, target, a, b)


@pytest.mark.parametrize("n", ["000", "001", "002", "003"])
def test_every_seed_passes_check_with_only_unclassified_replies(n: str) -> None:
    got = seed(n)
    result = check_text(imported_yaml(got), f"seed-{n}.yaml")
    assert result.debate is not None
    counts = Counter(d.code for d in result.diagnostics)
    assert counts == {"unclassified-reply": len(got.debate.relations)}
    assert edges(result.debate) == edges(got.debate)
    assert list(result.debate.claims) == list(got.debate.claims)


@pytest.mark.parametrize("n", ["000", "001", "002", "003"])
def test_every_seed_imports_to_the_same_bytes(n: str) -> None:
    data = (SEEDS / f"seed-{n}.txt").read_bytes()
    first = imported_yaml(read(data, f"seed-{n}.txt"))
    assert imported_yaml(read(data, f"seed-{n}.txt")) == first
    assert imported_yaml(read(data, f"/elsewhere/seed-{n}.txt")) == first
    assert imported_yaml(read(data.replace(b"\n", b"\r\n"), f"seed-{n}.txt")) != first  # hash


# The SHA-256 of each seed thread as the project received it (tests/data/threads/text/README.md).
SEED_SHA256 = {
    "000": "03620197c51ed50bececaf0bea89f85e13fac0128158b8b02dd14c19ce66bb76",
    "001": "7488f50963efdb3336ccc003eae5114fa0d6bf23940d525d4c2d6e237dc4e903",
    "002": "8f9bffb722ffeea37fa2567cd8d5d2ebd434833651d3de037cc0de3fb6782451",
    "003": "ec96c42259b08b2f3dbf76c9a1180154f6e0d4672ebc7c35b86ed4ffdb3a39ac",
}


def test_the_seeds_are_the_project_seeds_unchanged() -> None:
    for n, digest in SEED_SHA256.items():
        assert hashlib.sha256((SEEDS / f"seed-{n}.txt").read_bytes()).hexdigest() == digest


# --- header lines --------------------------------------------------------------------------------


def test_glued_scores_are_split_only_when_one_reading_fits() -> None:
    assert readings("05") == [(0, 5)]
    assert readings("5") == [(None, 5)]
    assert readings("15") == [(None, 15), (1, 5)]
    assert readings("125") == [(None, 125), (1, 25), (12, 5)]
    assert readings("-23") == [(-2, 3)]
    assert readings("100") == [(None, 100)]
    assert readings("000") == []


def test_a_header_gives_its_score() -> None:
    lines = ["link", "fedilink", "arrow-up", "6", "\u00b7", "edit-2", "1 year ago"]
    assert read_header(list(enumerate(lines, 2)), "ann").score == 6
    assert read_header([(2, "arrow-up"), (3, "7"), (4, "arrow-down"), (5, "2")], "a").score == 5
    assert read_header([(2, "English"), (3, "05 days ago")], "a").score == 0
    assert read_header([(2, "0"), (3, "edit-2"), (4, "4 days ago")], "a").score == 0
    assert read_header([(2, "link"), (3, "an hour ago")], "a").score is None


def test_an_ambiguous_age_keeps_no_score_and_says_so() -> None:
    header = read_header([(5, "link"), (6, "15 days ago")], "ann")
    assert header.score is None
    assert header.skipped == [
        "line 6: '15 days ago' may be a score glued to the age (15, score 1 then 5): no score "
        "is kept for 'ann'"
    ]


def test_unknown_header_lines_are_reported_and_left_out_of_the_text() -> None:
    got = imported(
        "• ann@a.org\n  link\n  Klingon\n  mod badge\n  3\n  2 days ago\n\n  Cats flow.\n\n"
        "  • bob@b.org\n    link\n    Deutsch\n    1\n    a day ago\n\n    Not at all.\n"
    )
    d = got.debate
    assert [(c.id, c.text, c.score) for c in d.claims.values()] == [
        ("ann-1", "Cats flow.", 3),
        ("bob-1", "Not at all.", 1),
    ]
    assert got.skipped == [
        "line 3: 'Klingon' in the header of 'ann@a.org' is no header line argmap knows (an "
        "icon, a score, an age, a language): left out",
        "line 4: 'mod badge' in the header of 'ann@a.org' is no header line argmap knows (an "
        "icon, a score, an age, a language): left out",
    ]


def test_author_lines_in_every_form() -> None:
    got = imported(
        "• ann@a.org\n  link\n\n  One thing said here.\n\n"
        "• @bob@b.social\n  link\n\n  Another thing said.\n\n"
        "• carol\n  link\n\n  A third thing said.\n"
    )
    assert {n: s.note for n, s in got.debate.speakers.items()} == {
        "ann": 'Shown as "ann@a.org".',
        "bob": 'Shown as "@bob@b.social".',
        "carol": None,
    }
    assert edges(got.debate) == set()  # three top-level comments, no post


def test_one_name_on_two_instances_is_two_speakers() -> None:
    got = imported(
        "• sam@a.org\n  link\n\n  Water is wet.\n\n  • sam@b.org\n    link\n\n    It is not.\n"
        "\n    • sam@a.org\n      link\n\n      Yes it is.\n"
    )
    d = got.debate
    assert list(d.speakers) == ["sam@a.org", "sam@b.org"]
    assert [(c.id, c.by) for c in d.claims.values()] == [
        ("sam-a.org-1", "sam@a.org"),
        ("sam-b.org-1", "sam@b.org"),
        ("sam-a.org-2", "sam@a.org"),
    ]
    assert all(s.note is None for s in d.speakers.values())  # shown exactly as named


def test_a_bullet_with_no_header_in_a_headed_page_is_a_list_item() -> None:
    got = imported(
        "• ann@a.org\n  link\n\n  Two reasons:\n\n  • it is cheap\n  • it is fast\n\n"
        "  • bob@b.org\n    link\n\n    Neither holds.\n"
    )
    d = got.debate
    assert d.claims["ann-1"].text == "Two reasons:\n\n\u2022 it is cheap\n\n\u2022 it is fast"
    assert edges(d) == {("bob-1", "ann-1")}


def test_deleted_comments_stay_only_where_someone_answered_them() -> None:
    got = imported(
        "• ann@a.org\n  link\n\n  Cats flow like water.\n\n"
        "  • bob@b.org\n    link\n\n    deleted by creator\n\n"
        "    • cid@c.org\n      link\n\n      You were wrong anyway.\n\n"
        "  • dan@d.org\n    link\n\n    removed by mod\n"
    )
    d = got.debate
    assert [(c.id, c.by, c.text) for c in d.claims.values()] == [
        ("ann-1", "ann", "Cats flow like water."),
        ("bob-1", "bob", "[deleted]"),
        ("cid-1", "cid", "You were wrong anyway."),
    ]
    assert edges(d) == {("bob-1", "ann-1"), ("cid-1", "bob-1")}
    assert got.mapped["deleted kept"] == 1 and got.mapped["deleted left out"] == 1
    assert got.skipped == ["1 deleted or empty comment that nobody answered: left out"]
    assert "dan" not in d.speakers


def test_text_before_the_first_comment_is_a_comment_of_its_own() -> None:
    got = imported("A page title\n\n• ann\n  link\n\n  First.\n")
    assert [c.text for c in got.debate.claims.values()] == ["A page title", "First."]
    assert got.skipped == [
        "line 1: the text before the first comment is read as a comment of its own, by nobody named"
    ]


# --- quotes --------------------------------------------------------------------------------------


def test_short_paragraphs_are_never_quotes() -> None:
    got = imported(
        "• ann\n  link\n\n  Is it stored? It is not. Yes.\n\n"
        "  • bob\n    link\n\n    It is not.\n\n    Yes.\n\n    Stored it is.\n"
    )
    d = got.debate
    assert edges(d) == {("bob-1", "ann-1")}
    assert d.claims["bob-1"].text == "It is not.\n\nYes.\n\nStored it is."


def test_a_quote_under_eight_words_must_be_whole_sentences() -> None:
    parent = "• ann\n  link\n\n  The model is not a copy of the data. Nothing more.\n\n"
    fragment = imported(parent + "  • bob\n    link\n\n    is not a copy of\n\n    Yes it is.\n")
    assert passages(fragment.debate) == {}
    sentence = imported(parent + "  • bob\n    link\n\n    Nothing more.\n\n    More, surely.\n")
    assert passages(sentence.debate) == {}  # two words: too short, whole sentence or not
    whole = imported(
        parent + "  • bob\n    link\n\n    The model is not a copy of the data.\n\n    It is.\n"
    )
    assert passages(whole.debate) == {"ann-1.q1": "The model is not a copy of the data."}
    assert edges(whole.debate) == {("ann-1.q1", "ann-1"), ("bob-1", "ann-1.q1")}


def test_a_long_fragment_is_stretched_to_its_sentence() -> None:
    got = imported(
        "• ann\n  link\n\n  First point. So the model holds every image it was trained on, "
        "in some form. Last point.\n\n"
        "  • bob\n    link\n\n    the model holds every image it was trained on\n\n    No.\n"
    )
    assert passages(got.debate) == {
        "ann-1.q1": "So the model holds every image it was trained on, in some form."
    }
    assert got.debate.claims["ann-1"].text == "First point. Last point."


def test_two_replies_quoting_one_passage_answer_one_claim() -> None:
    got = imported(
        "• ann\n  link\n\n  A claim to be quoted by both of them. And another.\n\n"
        "  • bob\n    link\n\n    A claim to be quoted by both of them.\n\n    Wrong.\n\n"
        "  • cid\n    link\n\n    A claim to be quoted by both of them.\n\n    Right.\n"
    )
    d = got.debate
    assert edges(d) == {("ann-1.q1", "ann-1"), ("bob-1", "ann-1.q1"), ("cid-1", "ann-1.q1")}
    assert d.claims["ann-1.q1"].note == (
        "A passage of ann-1, a claim of its own because bob-1, cid-1 quote it."
    )


def test_only_ancestors_are_quoted_in_nested_pages() -> None:
    got = imported(
        "• ann\n  link\n\n  The words that a cousin will repeat here.\n\n"
        "• bob\n  link\n\n  The words that a cousin will repeat here.\n\n  Echo.\n"
    )
    assert edges(got.debate) == set()  # bob is not a reply to ann: no quote


def test_a_reply_quoting_several_passages_is_one_claim_per_quote() -> None:
    got = imported(
        "• ann\n  link\n\n  Cats are liquid at room temperature. Dogs are solid at all times.\n\n"
        "  • bob\n    link\n\n    I have a view.\n\n    Cats are liquid at room temperature.\n\n"
        "    Only when asleep.\n\n    Dogs are solid at all times.\n\n    Not in the bath.\n"
    )
    d = got.debate
    assert [(c.id, c.text) for c in d.claims.values()] == [
        ("ann-1", "Cats are liquid at room temperature. Dogs are solid at all times."),
        ("bob-1", "I have a view."),
        ("bob-1.2", "Only when asleep."),
        ("bob-1.3", "Not in the bath."),
    ]
    # Both passages together are all of ann's comment: no claim would be left, so none is cut.
    assert edges(d) == {("bob-1", "ann-1"), ("bob-1.2", "ann-1"), ("bob-1.3", "ann-1")}


def test_bare_paragraphs_wrapped_over_lines() -> None:
    got = imported(
        "The model stores its training data,\nin a compressed form.\n\n"
        "It does not: it is far too small\nfor that to be possible at all.\n\n"
        "The model stores its training data, in a compressed form.\n\n"
        "Too small to hold them whole, yes.\n"
    )
    d = got.debate
    assert got.provenance["layout"] == "paragraphs without bullets"
    assert [(c.id, c.text) for c in d.claims.values()] == [
        ("comment-1", "It does not: it is far too small for that to be possible at all."),
        ("comment-1.q1", "The model stores its training data, in a compressed form."),
        ("comment-2", "Too small to hold them whole, yes."),
    ]
    assert edges(d) == {("comment-1.q1", "comment-1"), ("comment-2", "comment-1.q1")}


# --- input that is not a pasted thread -----------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "the file is empty: paste a thread copied from a web page into it"),
        (b" \n\t\n", "the file is empty: paste a thread copied from a web page into it"),
        (b"PK\x03\x04\x00\x00", "this is a binary file, not text copied from a web page"),
        (
            b"abc\n\xff\xfe",
            "byte 0xff is not UTF-8: a pasted thread is text, and this looks like a binary file",
        ),
        (
            b"Discussion Title: T\n\n1. Thesis.\n1.1. Con: No.\n",
            "this looks like Kialo's text export, not a thread copied from a web page: try "
            "`argmap import kialo`",
        ),
        (
            b"1. Thesis.\n1.1. Con: No.\n1.1.1. Pro: Yes.\n",
            "this looks like Kialo's text export, not a thread copied from a web page: try "
            "`argmap import kialo`",
        ),
    ],
)
def test_input_that_is_no_thread_is_a_convert_error(data: bytes, message: str) -> None:
    with pytest.raises(ConvertError) as e:
        read(data, "x.txt")
    assert e.value.message == message


def test_a_numbered_list_in_a_comment_is_no_kialo_export() -> None:
    got = imported("• ann\n  link\n\n  1. First reason.\n\n  2. Second reason.\n")
    assert got.debate.claims["ann-1"].text == "1. First reason.\n\n2. Second reason."


# --- hostile text --------------------------------------------------------------------------------

HOSTILE = (
    "<script>alert(1)</script> [x](javascript:alert(1)) javascript:alert(2) \x1b[2J\x07 "
    "\u202eevil\u202c \u2028 \x85 {{ }} &amp; ]]> --> `rm -rf` https://example.org/a?b=1&c=<d>"
)


def test_hostile_text_stays_data() -> None:
    got = imported(
        f"• <b>ann</b>@x.org\n  link\n\n  {HOSTILE}\n\n"
        f"  • bob\n    link\n\n    {HOSTILE}\n\n    Said again, and more.\n"
    )
    d = got.debate
    assert list(d.speakers) == ["<b>ann</b>", "bob"]
    first = next(iter(d.claims.values()))
    assert first.id == "b-ann-b-1"
    assert first.by == "<b>ann</b>"
    assert edges(d) == {("bob-1", "b-ann-b-1")}  # all of ann's words quoted: the whole comment
    assert d.claims["bob-1"].text == "Said again, and more."
    assert [(s.id, s.url) for s in d.sources.values()] == [
        ("example.org-a", "https://example.org/a?b=1&c=")
    ]
    assert first.cites[0].source == "example.org-a"
    text = imported_yaml(got)
    result = check_text(text)
    assert result.debate is not None
    assert {x.code for x in result.diagnostics} == {"unclassified-reply"}
    assert result.debate.claims["b-ann-b-1"].text == first.text
    assert "javascript:alert(1)" in first.text and "\x1b[2J" in first.text


def test_a_very_long_line_imports() -> None:
    word = "lorem ipsum dolor sit amet " * 40_000  # a million characters on one line
    got = imported(f"• ann\n  link\n\n  {word}\n\n  • bob\n    link\n\n    {word[:200]}\n")
    assert len(got.debate.claims["ann-1"].text) == len(word.strip())
    assert check_text(imported_yaml(got)).debate is not None


def test_five_thousand_levels_of_indentation_import_without_recursion() -> None:
    depth = 5000
    lines = "".join(f"{' ' * i}\u2022 Point {i} of the chain.\n" for i in range(depth))
    got = imported(lines)
    d = got.debate
    assert got.provenance["layout"] == "bullets without author lines"
    assert len(d.claims) == depth
    assert ("comment-5000", "comment-4999") in edges(d) and len(d.relations) == depth - 1
    result = check_text(imported_yaml(got))
    assert result.debate is not None and len(result.debate.relations) == depth - 1


def test_a_thread_of_ten_thousand_comments_imports_whole() -> None:
    # Its speed is a row of `make bench` (bench/shapes.py), not a timed test.
    chunks = []
    for i in range(10_000):
        pad = "  " * (i % 20)
        chunks.append(f"{pad}\u2022 user{i % 40}@x.org\n{pad}  link\n{pad}  {i % 7}\n\n")
        if i % 20:
            chunks.append(f"{pad}  Comment {i - 1} holds the sky is blue, said at length.\n\n")
        chunks.append(f"{pad}  Comment {i} holds the sky is blue, said at length. And more.\n\n")
    data = "".join(chunks).encode()
    got = read(data, "big.txt")
    assert got.mapped["comments"] == 10_000 and got.mapped["passages"] == 9_500


# --- the command line ----------------------------------------------------------------------------


def test_the_command_line_imports_seed_001(tmp_path: Path) -> None:
    out = tmp_path / "out.yaml"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "argmap",
            "import",
            "text",
            str(SEEDS / "seed-001.txt"),
            "-o",
            str(out),
        ],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines()[0] == (
        "Mapped: comments 7, claims 9, passages 2, answers 8, speakers 3, sources 0"
    )
    assert out.read_text() == imported_yaml(seed("001"))


def test_parse_gives_the_thread_before_it_becomes_claims() -> None:
    thread = parse((SEEDS / "seed-003.txt").read_bytes(), "seed-003.txt")
    assert [
        (c.key, c.parent, c.author, c.author_home, c.score, c.line) for c in thread.comments
    ] == [
        ("1", None, "enumerator4829", "sh.itjust.works", 0, 1),
        ("2", "1", "FaceDeer", None, 0, 13),
        ("3", "2", "HereIAm", "lemmy.world", 0, 24),
        ("4", "3", "yetAnotherUser", "discuss.tchncs.de", 0, 34),
    ]
    assert [(b.quote, b.of) for b in thread.comments[1].blocks] == [
        (False, None),
        (True, "1"),
        (False, None),
    ]


def test_a_list_in_a_page_without_bullets_is_no_thread_of_bullets() -> None:
    got = imported(
        "The model stores every image it was ever trained on.\n"
        "\u2022 first reason\n"
        "The model stores every image it was ever trained on.\n"
        "It is five gigabytes: it cannot.\n"
    )
    assert got.provenance["layout"] == "paragraphs without bullets"
    assert texts(got.debate) == {
        "comment-1": "\u2022 first reason",
        "comment-1.q1": "The model stores every image it was ever trained on.",
        "comment-2": "It is five gigabytes: it cannot.",
    }


def texts(d: Debate) -> dict[str, str]:
    return {c.id: c.text for c in d.claims.values()}


def test_the_docs_show_seed_003_as_it_imports() -> None:
    doc = (ROOT / "docs" / "threads.md").read_text(encoding="utf-8")
    shown = doc.split("```yaml\n")[1].split("```")[0]
    assert shown == imported_yaml(seed("003"))


def test_a_comment_without_blank_lines_has_a_paragraph_per_line() -> None:
    got = imported("• ann\n  link\n\n  First line here.\n  Second line here.\n\n• bob\n  link\n")
    assert texts(got.debate) == {"ann-1": "First line here.\n\nSecond line here."}
    assert got.mapped["deleted left out"] == 1  # bob said nothing


def test_the_written_file_keeps_the_scores() -> None:
    got = seed("001")
    result = check_text(imported_yaml(got))
    assert result.debate is not None
    assert [c.score for c in result.debate.claims.values()] == [
        c.score for c in got.debate.claims.values()
    ]


PIECES = [
    "\u2022 ann@a.org",
    "  \u2022 @bob@b.social",
    "    \u2022 cid",
    "\u2022 Some text on a bullet.",
    "  link",
    "  fedilink",
    "  arrow-up",
    "  12",
    "  05 days ago",
    "  15 days ago",
    "  English",
    "  Klingon",
    "  \u00b7",
    "",
    "  The model stores every image it was trained on.",
    "  It is not.",
    "  It is that simple. The model stores every image it was trained on.",
    "  deleted by creator",
    "  https://example.org/x and javascript:alert(1)",
    "1.1. Con: No.",
    "\x1b[2J\u202e\x85\u2028",
]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(PIECES) | st.text(max_size=30), max_size=40))
def test_any_paste_imports_or_says_why_not(lines: list[str]) -> None:
    data = "\n".join(lines).encode("utf-8", "surrogatepass")
    try:
        got = read(data, "x.txt")
    except ConvertError as e:
        assert e.message
        return
    result = check_text(imported_yaml(got))
    assert result.debate is not None, [d.message for d in result.diagnostics]
    assert {d.code for d in result.diagnostics} <= {"unclassified-reply"}
    assert imported_yaml(read(data, "x.txt")) == imported_yaml(got)
