"""Completion in `argmap lsp`: what is offered where, in which order, and what it writes.

The texts are the real debates of `debates/` with a line being typed, and small files for the
cases they do not have. The cursor is written `‸` in a text and taken out before completing.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from lsprotocol import types as lsp

from argmap.fileformat import CLAIM_FIELDS
from argmap.lsp.complete import completion
from argmap.lsp.document import DebateDocument
from argmap.lsp.text import Lines

from .conftest import ROOT

CARET = "‸"
RETRIEVAL = (ROOT / "debates" / "retrieval-or-concepts.yaml").read_text(encoding="utf-8")
HELP = {f.name: f.help for f in CLAIM_FIELDS}
CHECKED = DebateDocument("file:///d.yaml", RETRIEVAL)


def complete(
    text: str, doc: DebateDocument | None = None, encoding: str = "utf-16"
) -> lsp.CompletionList | None:
    """Completion at the caret of `text`; `doc` defaults to the text itself, checked after
    retrieval-or-concepts.yaml was (whose analysis it keeps while it has errors)."""
    at = text.index(CARET)
    text = text.replace(CARET, "")
    if doc is None:
        doc = DebateDocument("file:///d.yaml", text, encoding=encoding, previous=CHECKED)
    return completion(text, doc, Lines(text, encoding).position(at), encoding)


def labels(found: lsp.CompletionList | None) -> list[str]:
    assert found is not None
    # The order an editor shows: by sort_text.
    return [i.label for i in sorted(found.items, key=lambda i: i.sort_text or "")]


def typed(after: str, line: str, text: str = RETRIEVAL) -> str:
    """`text` with `line` (holding the caret) added after the line `after`."""
    lines = text.split("\n")
    i = lines.index(after)
    return "\n".join([*lines[: i + 1], line, *lines[i + 1 :]])


def edit(item: lsp.CompletionItem) -> lsp.TextEdit:
    assert isinstance(item.text_edit, lsp.TextEdit)
    return item.text_edit


def span(e: lsp.TextEdit) -> tuple[int, int, int, int]:
    r = e.range
    return r.start.line, r.start.character, r.end.line, r.end.character


# --- claim ids ---------------------------------------------------------------------------------

# The claims of retrieval-or-concepts.yaml as seen from a line added at the top of `lookup`
# (line 42): derivative above it, then the claims nested in lookup, then those further down.
FROM_LOOKUP = [
    "derivative",
    "not-lookup",
    "one-byte",
    "concepts",
    "table-lookup",
    "backprop",
    "not-recording",
    "depends-on-data",
    "not-that-simple",
    "markov",
    "human-artists",
    "ip-perverse",
    "fair-use",
]


def test_claim_ids_after_rebuts_come_nearest_first_without_the_claim_itself() -> None:
    found = complete(typed("      lookup:", "        rebuts: ‸"))
    assert found is not None and not found.is_incomplete
    assert labels(found) == FROM_LOOKUP  # `lookup` is the claim being written
    first = min(found.items, key=lambda i: i.sort_text or "")
    assert first.kind == lsp.CompletionItemKind.Reference
    assert first.detail == "flatbield · ✘ defeated"
    assert first.documentation == (
        "What comes out of the model is derivative of the data that went in."
    )
    assert edit(first).new_text == "derivative"
    assert first.filter_text == "derivative"
    assert span(edit(first)) == (41, 16, 41, 16)


def test_every_relation_field_and_a_partial_id_replaced_whole() -> None:
    for field in ("supports", "undercuts", "answers"):
        found = complete(typed("      lookup:", f"        {field}: ‸"))
        assert labels(found) == FROM_LOOKUP
    # Typed in the middle of an id: the whole id is replaced.
    found = complete(typed("      lookup:", "        rebuts: not-‸look"))
    assert found is not None
    assert {span(edit(i)) for i in found.items} == {(41, 16, 41, 24)}


def test_claim_ids_in_a_flow_list_being_typed_come_from_the_last_check() -> None:
    # `[not-lookup, ` does not parse: the ids are those of the version last checked.
    doc = DebateDocument("file:///d.yaml", RETRIEVAL)
    text = typed("      lookup:", "        rebuts: [not-lookup, ‸")
    found = complete(text, doc)
    assert labels(found) == FROM_LOOKUP
    assert found is not None
    assert {span(edit(i)) for i in found.items} == {(41, 29, 41, 29)}
    # No checked version and a text that does not parse: no names to offer.
    text = text.replace(CARET, "")
    lines = Lines(text)
    at = lines.position(text.index("[not-lookup, ") + len("[not-lookup, "))
    assert completion(text, None, at, "utf-16") is None


def test_claim_ids_under_expect_block_and_flow_lists() -> None:
    found = complete(RETRIEVAL.replace("    - backprop\n", "    - ‸backprop\n"))
    assert labels(found) == [
        "fair-use",
        "ip-perverse",
        "human-artists",
        "markov",
        "not-that-simple",
        "depends-on-data",
        "not-recording",
        "backprop",
        "table-lookup",
        "concepts",
        "one-byte",
        "not-lookup",
        "lookup",
        "derivative",
    ]
    assert found is not None
    assert {span(edit(i)) for i in found.items} == {(168, 6, 168, 14)}
    found = complete(RETRIEVAL.replace("  undecided: []", "  undecided: [‸]"))
    assert found is not None and len(found.items) == 14
    assert {span(edit(i)) for i in found.items} == {(178, 14, 178, 14)}


def test_an_id_that_needs_quotes_is_written_quoted() -> None:
    text = 'title: T\nclaims:\n  "yes": {text: Y}\n  "1.5": {text: F}\n  b:\n    text: B\n'
    found = complete(text + "    rebuts: [‸]\n")
    assert found is not None
    assert [(i.label, edit(i).new_text, i.filter_text) for i in found.items] == [
        ("1.5", '"1.5"', '"1.5"'),
        ("yes", '"yes"', '"yes"'),
    ]


def test_right_after_the_colon_a_space_is_written_first() -> None:
    found = complete(typed("      lookup:", "        rebuts:‸"))
    assert found is not None
    item = min(found.items, key=lambda i: i.sort_text or "")
    assert edit(item).new_text == " derivative"
    assert item.filter_text == "derivative"
    found = complete("title: T\nclaims:\n  a: {text: A}\n  b:\n    text: B\n    rebuts:\n    -‸\n")
    assert found is not None
    assert [edit(i).new_text for i in found.items] == [" a"]


# --- speakers and sources ----------------------------------------------------------------------

SPEAKERS = (
    "title: T\n"
    "speakers:\n"
    "  Ann Lee:\n"
    "  'yes':\n"
    '  "a: b":\n'
    "claims:\n"
    "  a: {text: A, by: Ann Lee}\n"
    "  b:\n"
    "    text: B\n"
    '    by: "yes"\n'
)


def test_speakers_after_by_nearest_first_quoted_where_yaml_needs_it() -> None:
    found = complete(SPEAKERS + "  c:\n    text: C\n    by: An‸\n")
    assert found is not None
    assert [(i.label, edit(i).new_text) for i in found.items] == [
        ("yes", '"yes"'),  # named on the line above
        ("Ann Lee", "Ann Lee"),
        ("a: b", '"a: b"'),
    ]
    assert {span(edit(i)) for i in found.items} == {(12, 8, 12, 10)}
    # In a {mapping}: the same names.
    found = complete(SPEAKERS + "  c: {text: C, by: ‸}\n")
    assert labels(found) == ["yes", "Ann Lee", "a: b"]


def test_speakers_named_only_by_by_are_offered_but_not_the_name_being_typed() -> None:
    text = "title: T\nclaims:\n  a: {text: A, by: Ann}\n  b: {text: B, by: Bo}\n  c:\n    text: C\n"
    found = complete(text + "    by: X‸\n")
    assert labels(found) == ["Bo", "Ann"]


def test_sources_after_cites_with_their_titles() -> None:
    found = complete(typed("      lookup:", "        cites: ‸"))
    assert found is not None
    assert [(i.label, i.detail) for i in found.items] == [
        (
            "extraction-paper",
            "A paper on pulling copies of training images back out of an image model",
        ),
        ("model-on-disk", "The Stable Diffusion model file on FaceDeer's hard drive, about 5 GB"),
        ("laion-5b", "LAION-5B, a dataset describing five billion images"),
    ]
    expected = ["extraction-paper", "model-on-disk", "laion-5b"]
    assert labels(complete(typed("      lookup:", "        cites: [laion-5b, ‸]"))) == expected
    cited = typed("      lookup:", "        cites:\n          - source: ‸")
    assert labels(complete(cited)) == expected
    cited = typed("      lookup:", "        cites:\n          - ‸")
    assert labels(complete(cited)) == expected
    assert labels(complete(typed("      lookup:", "        cites: [{source: ‸}]"))) == expected


# --- field names -------------------------------------------------------------------------------


def test_fields_of_a_nested_claim_are_those_it_does_not_have() -> None:
    # `lookup` (nested under derivative's reasons) has by, text, note and rebuttals.
    found = complete(typed("      lookup:", "        ‸"))
    assert labels(found) == [
        "rebuts",
        "supports",
        "undercuts",
        "answers",
        "cites",
        "reasons",
        "replies",
        "at",
        "url",
        "score",
        "weight",
        "tags",
    ]
    assert found is not None
    for item in found.items:
        assert item.kind == lsp.CompletionItemKind.Property
        assert item.documentation == HELP[item.label]
        assert edit(item).new_text == f"{item.label}: "
        assert span(edit(item)) == (41, 8, 41, 8)


def test_fields_three_levels_deep_and_a_partial_name() -> None:
    # `one-byte`: claims > derivative > reasons > lookup > rebuttals > not-lookup > reasons.
    found = complete(
        typed("                cites: [laion-5b, model-on-disk]", "                re‸")
    )
    assert labels(found) == [
        "rebuts",
        "supports",
        "undercuts",
        "answers",
        "rebuttals",
        "reasons",
        "replies",
        "at",
        "url",
        "score",
        "weight",
        "tags",
        "note",
    ]
    assert found is not None
    assert {span(edit(i)) for i in found.items} == {(65, 16, 65, 18)}


def test_fields_of_the_debate_source_speaker_expect_and_citation() -> None:
    assert labels(complete(RETRIEVAL + "‸")) == ["url", "date"]
    speaker = RETRIEVAL.replace("  flatbield:\n", "  flatbield:\n    ‸\n")
    assert labels(complete(speaker)) == ["url"]  # it has a note
    source = RETRIEVAL.replace("  laion-5b:\n", "  laion-5b:\n    ‸\n")
    assert labels(complete(source)) == ["url", "author", "date"]
    assert labels(complete(RETRIEVAL.replace("  undecided: []\n", "  ‸\n"))) == ["undecided"]
    citation = typed("      lookup:", "        cites:\n          - source: laion-5b\n            ‸")
    assert labels(complete(citation)) == [
        "title",
        "url",
        "author",
        "date",
        "note",
        "quote",
        "locator",
    ]
    flow = typed("      lookup:", "        cites: [{source: laion-5b, ‸}]")
    assert len(labels(complete(flow))) == 7
    claim = "title: T\nclaims:\n  a: {text: A, ‸}\n"
    assert labels(complete(claim))[:3] == ["by", "rebuts", "supports"]


def test_a_key_already_followed_by_its_colon_is_replaced_alone() -> None:
    found = complete(
        RETRIEVAL.replace(
            '    note: Shown in the excerpt as "flatbield',
            '    ‸note: Shown in the excerpt as "flatbield',
        )
    )
    assert found is not None
    assert [(i.label, edit(i).new_text, span(edit(i))) for i in found.items] == [
        ("url", "url", (10, 4, 10, 8)),
        ("note", "note", (10, 4, 10, 8)),
    ]


# --- nothing to complete -----------------------------------------------------------------------


def test_nothing_inside_text_titles_comments_or_where_a_new_id_goes() -> None:
    inside = RETRIEVAL.replace("complicated lookup.\n", "complicated ‸lookup.\n", 1)
    assert complete(inside) is None
    assert complete(RETRIEVAL.replace("title: Does", "title: ‸Does")) is None
    assert complete(RETRIEVAL.replace("# Worked out", "# Wor‸ked out")) is None
    assert complete(RETRIEVAL.replace("  ip-perverse:\n", "  ip‸-perverse:\n")) is None
    assert complete(typed("    reasons:", "      ‸")) is None
    assert (
        complete(
            RETRIEVAL.replace(
                "    text: >-\n      On the other hand, is",
                "    text: >-\n      ‸\n      On the other hand, is",
            )
        )
        is None
    )
    # A name where the value is a block text.
    assert complete(typed("      lookup:", "        rebuts: >-\n          ‸")) is None


# --- positions ---------------------------------------------------------------------------------


def test_positions_count_utf16_units_and_a_byte_order_mark_is_not_indentation() -> None:
    text = "\ufefftitle: T\nclaims:\n  a: {text: 🙂 A}\n  b: {text: 🙂, rebuts: ‸}\n"
    found = complete(text)
    assert found is not None
    assert [(i.label, span(edit(i))) for i in found.items] == [("a", (3, 24, 3, 24))]
    found = complete(text, encoding="utf-32")
    assert found is not None
    assert [(i.label, span(edit(i))) for i in found.items] == [("a", (3, 23, 3, 23))]
    assert labels(complete("\ufeffti‸")) == [
        "title",
        "url",
        "date",
        "note",
        "speakers",
        "sources",
        "claims",
        "expect",
    ]
    crlf = "title: T\r\nclaims:\r\n  a: {text: A}\r\n  b:\r\n    text: B\r\n    rebuts: ‸\r\n"
    assert labels(complete(crlf)) == ["a"]


# --- never a traceback -------------------------------------------------------------------------

_PIECES = st.sampled_from(
    ["claims:", "  ", "- ", "rebuts: ", "by: ", "cites:", "[", "{", "]", "}", ", ", ": ", "#",
     '"', "'", "\n", "\r\n", "\t", ">-", "a", "é", "🙂", "\ufeff", "---", "source: ", "\x00"]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(
    pieces=st.lists(_PIECES | st.text(max_size=8), max_size=40),
    line=st.integers(0, 50),
    character=st.integers(0, 80),
    with_doc=st.booleans(),
    encoding=st.sampled_from(["utf-8", "utf-16", "utf-32"]),
)
def test_completion_never_raises(
    pieces: list[str], line: int, character: int, with_doc: bool, encoding: str
) -> None:
    text = "".join(pieces)
    doc = DebateDocument("file:///d.yaml", RETRIEVAL) if with_doc else None
    found = completion(text, doc, lsp.Position(line, character), encoding)
    assert found is None or found.items


def test_completion_never_raises_on_the_real_files_cut_anywhere() -> None:
    for path in sorted(Path(ROOT / "debates").glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        doc = DebateDocument("file:///d.yaml", text)
        for cut in range(0, len(text), 97):
            part = text[:cut]
            lines = Lines(part)
            completion(part, doc, lines.position(cut), "utf-16")
