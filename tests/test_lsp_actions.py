"""Code actions in `argmap lsp`: each quick fix and the refactoring, applied to the text, give
exactly the text expected, which `argmap check` then accepts (or reports only what is meant to
remain)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from lsprotocol import types as lsp

from argmap.check import check_text
from argmap.label import KINDS, reclassify
from argmap.load import parse_debate
from argmap.lsp.actions import code_actions
from argmap.lsp.document import DebateDocument
from argmap.lsp.navigate import rename
from argmap.lsp.text import Lines

from .conftest import ROOT

RETRIEVAL = (ROOT / "debates" / "retrieval-or-concepts.yaml").read_text(encoding="utf-8")
LOSSY = (ROOT / "debates" / "lossy-compression.yaml").read_text(encoding="utf-8")
URI = "file:///d.yaml"
NOWHERE = lsp.Range(lsp.Position(0, 0), lsp.Position(0, 0))


def apply(text: str, edits: list[lsp.TextEdit]) -> str:
    lines = Lines(text)
    spans = [(lines.offset(e.range.start), lines.offset(e.range.end), e.new_text) for e in edits]
    for start, end, new in sorted(spans, reverse=True):
        text = text[:start] + new + text[end:]
    return text


def actions(text: str, at: str | None = None) -> tuple[DebateDocument, list[lsp.CodeAction]]:
    """The actions for `text` with its own diagnostics, the cursor at the start of `at`."""
    doc = DebateDocument(URI, text)
    where = NOWHERE
    if at is not None:
        p = doc.lines.position(text.index(at))
        where = lsp.Range(p, p)
    return doc, code_actions(doc, where, doc.diagnostics())


def edits(action: lsp.CodeAction) -> list[lsp.TextEdit]:
    assert action.edit is not None and action.edit.changes is not None
    assert list(action.edit.changes) == [URI]
    return list(action.edit.changes[URI])


def applied(doc: DebateDocument, action: lsp.CodeAction) -> str:
    return apply(doc.text, edits(action))


def codes(text: str) -> list[str]:
    return [d.code for d in check_text(text).diagnostics]


# --- did you mean ------------------------------------------------------------------------------


def test_a_misspelt_claim_id_is_changed_to_the_one_meant() -> None:
    text = RETRIEVAL.replace("undercuts: not-recording", "undercuts: not-recordng")
    doc, found = actions(text)
    fix = found[0]
    assert fix.title == "Change to 'not-recording'"
    assert fix.kind == lsp.CodeActionKind.QuickFix
    assert fix.is_preferred is True
    assert fix.diagnostics is not None and [d.code for d in fix.diagnostics] == ["unknown-claim"]
    assert applied(doc, fix) == RETRIEVAL
    assert codes(RETRIEVAL) == []


def test_a_misspelt_speaker_and_field_are_changed_to_those_meant() -> None:
    by = "    by: flatbield\n    text: What"
    doc, found = actions(RETRIEVAL.replace(by, "    by: flatbeld\n    text: What"))
    assert [a.title for a in found] == ["Change to 'flatbield'", "Add 'flatbeld' under `speakers:`"]
    assert applied(doc, found[0]) == RETRIEVAL
    doc, found = actions(RETRIEVAL.replace(by, "    speaker: flatbield\n    text: What"))
    assert [a.title for a in found] == ["Change to 'by'"]
    assert applied(doc, found[0]) == RETRIEVAL


def test_a_suggested_name_is_written_as_yaml_reads_it() -> None:
    text = (
        "title: T\n"
        "speakers:\n"
        '  "a: b":\n'
        "  O'Neil:\n"
        "claims:\n"
        '  a: {text: A, by: "a: c"}\n'
        "  b: {text: B, by: O'Neill}\n"
    )
    doc, found = actions(text)
    fixes = [a for a in found if a.is_preferred]
    assert [a.title for a in fixes] == ["Change to 'a: b'", 'Change to "O\'Neil"']
    fixed = applied(doc, fixes[0])
    assert fixed == text.replace('by: "a: c"', 'by: "a: b"')
    fixed = apply(fixed, edits(fixes[1]))  # the two edits do not touch: made one after the other
    assert fixed == text.replace('by: "a: c"', 'by: "a: b"').replace("O'Neill}", "O'Neil}")
    assert codes(fixed) == []


def test_no_fix_for_a_hint_that_suggests_nothing_or_a_name_cut_short() -> None:
    doc = DebateDocument(URI, "title: T\nclaims:\n  a: {text: A, rebuts: b}\n")
    d = doc.diagnostics()[0]
    assert d.code == "unknown-claim"
    cut = lsp.Diagnostic(d.range, d.message, code=d.code, source="argmap")
    cut.data = {"hint": "did you mean '" + "x" * 59 + "…'?"}
    other = lsp.Diagnostic(d.range, d.message, code="yaml-syntax", source="yamlls")
    other.data = {"hint": "did you mean 'a'?"}
    assert [a.title for a in code_actions(doc, NOWHERE, [cut, other])] == [
        "Add a claim 'b' under `claims:` (its text still to write)"
    ]


# --- unknown speaker ---------------------------------------------------------------------------


def test_an_unknown_speaker_is_added_at_the_end_of_speakers() -> None:
    by = "    by: flatbield\n    text: What"
    text = RETRIEVAL.replace(by, "    by: Zed Q\n    text: What")
    doc, found = actions(text)
    assert [a.title for a in found] == ["Add 'Zed Q' under `speakers:`"]
    assert found[0].is_preferred is None
    last = '    note: Shown in the excerpt as "mobyduck648@beehaw.org".\n'
    assert applied(doc, found[0]) == text.replace(last, last + "  Zed Q:\n")
    assert codes(applied(doc, found[0])) == []


def test_a_speaker_is_added_to_speakers_with_nothing_in_it_or_written_in_braces() -> None:
    text = "title: T\nspeakers:\nclaims:\n  a: {text: A, by: Ann}\n"
    doc, found = actions(text)
    assert (
        applied(doc, found[0]) == "title: T\nspeakers:\n  Ann:\nclaims:\n  a: {text: A, by: Ann}\n"
    )
    text = (
        "title: T\nspeakers: {Bo: }\nclaims:\n  a: {text: A, by: 'a: b'}\n  b: {text: B, by: Bo}\n"
    )
    doc, found = actions(text)
    assert applied(doc, found[0]) == text.replace("{Bo: }", '{Bo: , "a: b"}')
    assert codes(applied(doc, found[0])) == []


def test_a_speakers_section_is_made_before_claims_when_there_is_none() -> None:
    # `argmap check` reports no unknown speaker without `speakers:`; an editor may still hold
    # the diagnostic from a version that had one.
    text = "title: T\n\nclaims:\n  a: {text: A, by: Ann Lee}\n"
    doc = DebateDocument(URI, text)
    start = doc.lines.position(text.index("Ann Lee"))
    end = doc.lines.position(text.index("Ann Lee") + len("Ann Lee"))
    d = lsp.Diagnostic(lsp.Range(start, end), "m", code="unknown-speaker", source="argmap")
    found = code_actions(doc, NOWHERE, [d])
    assert applied(doc, found[0]) == (
        "title: T\n\nspeakers:\n  Ann Lee:\n\nclaims:\n  a: {text: A, by: Ann Lee}\n"
    )


# --- unknown claim -----------------------------------------------------------------------------


def test_an_unknown_claim_gets_a_stub_with_an_empty_text_at_the_end_of_claims() -> None:
    text = RETRIEVAL.replace("undercuts: not-recording", "undercuts: brand-new")
    doc, found = actions(text)
    assert [a.title for a in found] == [
        "Add a claim 'brand-new' under `claims:` (its text still to write)"
    ]
    last = "nobody in the excerpt takes it up.\n"
    expected = text.replace(last, last + '  brand-new:\n    text: ""\n')
    assert applied(doc, found[0]) == expected
    # The stub says nothing yet, and `argmap check` keeps saying so until it does.
    assert codes(expected) == ["empty-value"]


def test_the_stub_follows_the_file_indentation_and_quotes_an_id_yaml_would_misread() -> None:
    text = "title: T\nclaims:\n    a:\n        text: A\n        rebuts: 'yes'\n"
    doc, found = actions(text)
    assert applied(doc, found[0]) == text + '    "yes":\n        text: ""\n'
    assert codes(applied(doc, found[0])) == ["empty-value"]
    text = "title: T\nclaims:\n  a: {text: A, rebuts: b}"  # no line break at the end
    doc, found = actions(text)
    assert applied(doc, found[0]) == text + '\n  b:\n    text: ""'


def test_no_stub_for_a_source_id_nor_in_a_claims_mapping_in_braces() -> None:
    text = "title: T\nsources:\n  c: {title: C}\nclaims:\n  a: {text: A, rebuts: c, cites: c}\n"
    assert actions(text)[1] == []
    assert actions("title: T\nclaims: {a: {text: A, rebuts: c}}\n")[1] == []


# --- unclassified reply ------------------------------------------------------------------------


def _seed_003() -> str:
    from argmap.convert import IMPORTERS, find
    from argmap.convert.written import imported_yaml

    path = ROOT / "tests" / "data" / "threads" / "text" / "seed-003.txt"
    importer = find(IMPORTERS, "text")
    assert importer is not None
    return imported_yaml(importer.read(path.read_bytes(), "seed-003.txt"))


def test_each_unclassified_reply_is_classified_as_argmap_label_would() -> None:
    text = _seed_003()
    doc = DebateDocument(URI, text)
    warnings = [d for d in doc.diagnostics() if d.code == "unclassified-reply"]
    assert len(warnings) == 5
    # FaceDeer's reply to enumerator4829, line 57: `    answers: enumerator4829-1`.
    second = code_actions(doc, warnings[1].range, warnings[1:2])
    assert [a.title for a in second] == [
        "Classify: 'FaceDeer-1' rebuts 'enumerator4829-1'",
        "Classify: 'FaceDeer-1' supports 'enumerator4829-1'",
        "Classify: 'FaceDeer-1' undercuts 'enumerator4829-1'",
        "Not an argument: 'FaceDeer-1' answers nothing (it replied to 'enumerator4829-1')",
    ]
    assert {a.kind for a in second} == {lsp.CodeActionKind.QuickFix}
    assert all(a.diagnostics == [warnings[1]] for a in second)
    assert edits(second[0]) == [
        lsp.TextEdit(lsp.Range(lsp.Position(56, 4), lsp.Position(56, 11)), "rebuts")
    ]
    assert edits(second[3]) == [  # the line taken out, and a comment in its place: one edit
        lsp.TextEdit(
            lsp.Range(lsp.Position(56, 0), lsp.Position(57, 0)),
            "    # replied to enumerator4829-1; marked not an argument by argmap label\n",
        )
    ]
    assert doc.analysis is not None
    for d, reply in zip(warnings, doc.analysis.unclassified, strict=True):
        found = code_actions(doc, d.range, [d])
        assert len(found) == 4
        for action, kind in zip(found, KINDS.values(), strict=True):
            # The same text as the edit `argmap label` checks and writes.
            after = applied(doc, action)
            assert after == reclassify(text, reply.source, reply.target, kind)
            assert codes(after).count("unclassified-reply") == 4


def test_a_nested_reply_is_classified_where_it_stands() -> None:
    text = (
        "title: T\nclaims:\n  a:\n    text: A\n    replies:\n      b:\n        text: B\n"
        "  c: {text: C}\n"
    )
    doc = DebateDocument(URI, text)
    (warning,) = doc.diagnostics()
    *found, flat = code_actions(doc, warning.range, [warning])
    assert flat.title == "Write `b` flat under `claims:`"  # the cursor is on its id
    assert [applied(doc, a) for a in found] == [
        "title: T\nclaims:\n  a:\n    text: A\n    replies:\n      b:\n        text: B\n"
        f"        {word}: a\n  c: {{text: C}}\n"
        for word in ("rebuts", "supports", "undercuts")
    ] + [
        # Moved out to `claims:`, as `argmap label` moves it, with whom it replied to.
        "title: T\nclaims:\n  a:\n    text: A\n  b:\n    # replied to a; marked not an argument "
        "by argmap label\n    text: B\n  c: {text: C}\n"
    ]


def test_no_classifying_in_a_file_with_errors_or_off_the_reply() -> None:
    text = "title: T\nclaims:\n  a: {text: A}\n  b: {text: B, answers: a}\n"
    doc = DebateDocument(URI, text)
    (warning,) = doc.diagnostics()
    assert len(code_actions(doc, warning.range, [warning])) == 4
    elsewhere = lsp.Diagnostic(NOWHERE, "m", code="unclassified-reply", source="argmap")
    assert code_actions(doc, NOWHERE, [elsewhere]) == []
    broken = DebateDocument(URI, text + "  c: {text: C, rebuts: nothing}\n", previous=doc)
    stale = [d for d in broken.diagnostics() if d.code == "unclassified-reply"]
    assert code_actions(broken, stale[0].range, stale) == []


# --- nested to flat ----------------------------------------------------------------------------

NOT_THAT_SIMPLE = """\
        rebuttals:
          not-that-simple:
            by: FaceDeer
            text: No, it really is not that simple.
            reasons:
              markov:
                by: FaceDeer
                text: >-
                  A Markov chain trained on text keeps only the probabilities of words following
                  other words. That table does not in any meaningful sense encode the training
                  text, and nothing can recover the text from it; it is similar with how more
                  advanced AIs train their neural networks.
"""
FLAT = """\
  not-that-simple:
    by: FaceDeer
    text: No, it really is not that simple.
    rebuts: depends-on-data
    reasons:
      markov:
        by: FaceDeer
        text: >-
          A Markov chain trained on text keeps only the probabilities of words following
          other words. That table does not in any meaningful sense encode the training
          text, and nothing can recover the text from it; it is similar with how more
          advanced AIs train their neural networks.
"""


def relations(text: str) -> set[tuple[str, str, str]]:
    debate = parse_debate(text, "d.yaml").debate
    assert debate is not None
    return {(r.source, r.target, r.kind.value) for r in debate.relations}


def test_a_nested_claim_is_written_flat_with_the_relation_its_section_said() -> None:
    doc, found = actions(RETRIEVAL, "not-that-simple:")
    assert [(a.title, a.kind, a.diagnostics) for a in found] == [
        ("Write `not-that-simple` flat under `claims:`", lsp.CodeActionKind.RefactorRewrite, None)
    ]
    after = applied(doc, found[0])
    human = (
        "derivative work: read as an undercut of depends-on-data and a rebuttal of derivative.\n"
    )
    expected = RETRIEVAL.replace(NOT_THAT_SIMPLE, "").replace(human, human + FLAT)
    assert after == expected
    assert codes(after) == []  # the expect: block still holds
    assert relations(after) == relations(RETRIEVAL)
    assert len(edits(found[0])) == 1


def test_every_nested_claim_of_the_real_debates_can_be_written_flat() -> None:
    for text in (RETRIEVAL, LOSSY):
        doc = DebateDocument(URI, text)
        nested = [
            o
            for o in doc.index.occurrences
            if o.definition and o.field in ("reasons", "rebuttals", "replies")
        ]
        assert nested
        for o in nested:
            p = doc.lines.position(o.start)
            found = code_actions(doc, lsp.Range(p, p), [])
            assert len(found) == 1, o.name
            after = applied(doc, found[0])
            assert relations(after) == relations(text), o.name
            assert [c for c in codes(after) if c != "unclassified-reply"] == []


def test_reasons_supports_replies_answers_and_an_empty_section_goes() -> None:
    text = "title: T\nclaims:\n  a:\n    text: A\n    reasons:\n      b: {text: B}\n"
    text += "      c: {text: C}\n"
    doc, found = actions(text, "c:")
    assert applied(doc, found[0]) == (
        "title: T\nclaims:\n  a:\n    text: A\n    reasons:\n      b: {text: B}\n"
        "  c: {text: C, supports: a}\n"
    )
    text = (
        "title: T\nclaims:\n  a:\n    text: A\n    replies:\n      b:\n        text: B\n"
        "        replies:\n          c: {text: C}\n  d: {text: D}\n"
    )
    doc, found = actions(text, "b:")
    # The reply's own quick fixes (`unclassified-reply`) come first; then the refactoring.
    assert [a.title for a in found][-1] == "Write `b` flat under `claims:`"
    after = applied(doc, found[-1])
    assert after == (
        "title: T\nclaims:\n  a:\n    text: A\n  b:\n    text: B\n    answers: a\n"
        "    replies:\n      c: {text: C}\n  d: {text: D}\n"
    )
    assert relations(after) == relations(text)


def test_a_reply_classified_where_it_stands_keeps_its_one_relation() -> None:
    text = (
        "title: T\nclaims:\n  a:\n    text: A\n    replies:\n      b:\n        text: B\n"
        "        rebuts: a\n"
    )
    doc, found = actions(text, "b:")
    after = applied(doc, found[0])
    assert after == "title: T\nclaims:\n  a:\n    text: A\n  b:\n    text: B\n    rebuts: a\n"
    assert relations(after) == relations(text) == {("b", "a", "rebuts")}


def test_no_refactoring_off_a_nested_key_on_a_top_claim_or_in_a_file_with_errors() -> None:
    assert actions(RETRIEVAL, "derivative:")[1] == []
    assert actions(RETRIEVAL, "No, it really")[1] == []
    broken = RETRIEVAL.replace("undercuts: not-recording", "undercuts: nothing-such")
    assert [a.title for a in actions(broken, "not-that-simple:")[1]] == [
        "Add a claim 'nothing-such' under `claims:` (its text still to write)"
    ]


# --- a byte-order mark -------------------------------------------------------------------------


def test_a_file_that_starts_with_a_byte_order_mark_is_edited_where_the_names_are() -> None:
    # libyaml counts its offsets from after the mark: every edit was one character early.
    text = "\ufefftitle: T\nclaims:\n  aa: {text: A}\n  b: {text: B, rebuts: aa}\n"
    doc = DebateDocument(URI, text)
    renamed = rename(doc, doc.lines.position(text.index("aa")), "cc")
    assert renamed is not None and renamed.changes is not None
    assert apply(text, list(renamed.changes[URI])) == (
        "\ufefftitle: T\nclaims:\n  cc: {text: A}\n  b: {text: B, rebuts: cc}\n"
    )


# --- never a traceback -------------------------------------------------------------------------

_PIECES = st.sampled_from(
    ["claims:", "speakers:", "  ", "- ", "rebuts: ", "by: ", "text: ", "a", "b", "[", "{", "]",
     "}", ", ", ": ", "#", '"', "'", "\n", "\r\n", "reasons:", "replies:", "é", "🙂", "\ufeff"]
)  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(
    pieces=st.lists(_PIECES | st.text(max_size=6), max_size=40),
    lines=st.tuples(*[st.integers(0, 30)] * 4),
    hint=st.none() | st.text(max_size=30) | st.just("did you mean 'a'?"),
    code=st.sampled_from(
        ["unknown-claim", "unknown-speaker", "unknown-field", "unclassified-reply", "other"]
    ),
)
def test_code_actions_never_raise(
    pieces: list[str], lines: tuple[int, int, int, int], hint: str | None, code: str
) -> None:
    text = "title: T\n" + "".join(pieces)
    doc = DebateDocument(URI, text)
    where = lsp.Range(lsp.Position(lines[0], lines[1]), lsp.Position(lines[2], lines[3]))
    made = lsp.Diagnostic(where, "m", code=code, source="argmap", data={"hint": hint})
    for found in (doc.diagnostics(), [made]):
        for action in code_actions(doc, where, found):
            apply(text, edits(action))
