"""Code actions: quick fixes for what `argmap check` reports, and one refactoring.

- A diagnostic whose hint says `did you mean 'X'?` (an unknown claim, source, speaker or
  field): write X in place of what it is about.
- `unknown-speaker`: add the speaker to `speakers:`.
- `unknown-claim`: add a claim with that id at the end of `claims:`, with an empty text, so
  that `argmap check` goes on reporting it (`empty-value`) until its text is written: a stub
  that looked finished would be forgotten.
- `unclassified-reply`: make the reply rebut, support or undercut what it answers, or answer
  nothing: the edit `argmap label` makes for each key (`argmap.label.edits.plan`), planned on
  the index's tree of the text, so that offering four costs no more than finding the reply.
  The new text is checked as every version is, as soon as the editor sends it.
- On the id of a nested claim: write it flat under `claims:`, after the claim it was written
  within, saying the relation its section said (`argmap.label.unnest`, which checks that the
  debate is the same but for where the claim is written).

Each is an edit of the document's own text: everything else in it stays as it was.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from lsprotocol import types as lsp

from argmap.convert.yamlwrite import scalar
from argmap.errors import quote
from argmap.fileformat import ID_RE
from argmap.label import KINDS, LabelError, unnest
from argmap.label.edits import Edits, line_start, plan
from argmap.label.spans import Value, content_end, places
from argmap.load.hints import suggested
from argmap.lsp.document import DebateDocument
from argmap.lsp.index import Kind, Occurrence

REWRITE = lsp.CodeActionKind.RefactorRewrite
_SPACES = re.compile(r" *")


def code_actions(
    doc: DebateDocument, range: lsp.Range, diagnostics: Sequence[lsp.Diagnostic]
) -> list[lsp.CodeAction]:
    """The quick fixes for `diagnostics` (those of argmap the editor shows in `range`), and
    the refactoring of the claim whose id starts `range`."""
    out: list[lsp.CodeAction] = []
    for d in diagnostics:
        if d.source not in (None, "argmap"):
            continue
        out += _apply_hint(doc, d)
        if d.code == "unknown-speaker":
            out += _add_speaker(doc, d)
        elif d.code == "unknown-claim":
            out += _add_claim(doc, d)
        elif d.code == "unclassified-reply":
            out += _classify(doc, d)
    out += _write_flat(doc, range)
    return out


def _action(
    doc: DebateDocument,
    title: str,
    edits: list[lsp.TextEdit],
    d: lsp.Diagnostic | None = None,
    preferred: bool = False,
) -> lsp.CodeAction:
    return lsp.CodeAction(
        title=title,
        kind=lsp.CodeActionKind.QuickFix if d is not None else REWRITE,
        diagnostics=[d] if d is not None else None,
        is_preferred=preferred or None,
        edit=lsp.WorkspaceEdit(changes={doc.uri: edits}),
    )


def _text_edits(doc: DebateDocument, e: Edits) -> list[lsp.TextEdit]:
    """The changes of `e` as an editor's edits. Changes that touch (a line put in where
    another is taken out) are one edit: the protocol forbids edits whose ranges overlap, and
    editors differ on whether an insertion at the start of a deletion does."""
    merged: list[tuple[int, int, str]] = []
    for start, end, new in sorted(e.changes, key=lambda c: (c[0], c[1])):
        if merged and start <= merged[-1][1]:
            first, last, written = merged[-1]
            merged[-1] = (first, max(last, end), written + new)
        else:
            merged.append((start, end, new))
    return [lsp.TextEdit(doc.lines.range(start, end), new) for start, end, new in merged]


def _about(doc: DebateDocument, d: lsp.Diagnostic, kind: Kind) -> Occurrence | None:
    """The reference of `kind` that `d` is about: the one its range starts."""
    occurrence = doc.index.at(doc.lines.offset(d.range.start))
    if occurrence is None or occurrence.kind is not kind or occurrence.definition:
        return None
    return occurrence


def _indent(text: str, i: int) -> str:
    found = _SPACES.match(text, line_start(text, i))
    return found.group() if found else ""


# --- did you mean ------------------------------------------------------------------------------


def _apply_hint(doc: DebateDocument, d: lsp.Diagnostic) -> list[lsp.CodeAction]:
    hint = d.data.get("hint") if isinstance(d.data, dict) else None
    name = suggested(hint if isinstance(hint, str) else None)
    start, end = doc.lines.offset(d.range.start), doc.lines.offset(d.range.end)
    if name is None or start >= end:
        return []
    # Written as it reads back inside a [list] too, which is also right outside one.
    written = scalar(name, flow=True)
    edit = lsp.TextEdit(d.range, written)
    return [_action(doc, f"Change to {quote(name)}", [edit], d, preferred=True)]


# --- unknown speaker ---------------------------------------------------------------------------


def _add_speaker(doc: DebateDocument, d: lsp.Diagnostic) -> list[lsp.CodeAction]:
    found = _about(doc, d, Kind.SPEAKER)
    if found is None or found.name in doc.index.names(Kind.SPEAKER):
        return []
    name, text = found.name, doc.text
    e = Edits(text)
    section = doc.index.sections.get("speakers")
    if section is None:
        claims = doc.index.sections.get("claims")
        if claims is None:
            return []
        at = line_start(text, claims[0].start)
        nl = _newline(text)
        blank = at >= 2 and text[line_start(text, at - 1) : at].strip() == ""
        unit = _unit(doc)
        e.insert(at, f"speakers:{nl}{unit}{scalar(name)}:{nl}" + (nl if blank else ""))
    else:
        key, value = section
        if value.kind == "map" and value.flow:
            if not text.startswith("}", value.end - 1):
                return []
            e.insert(
                value.end - 1,
                f", {scalar(name, flow=True)}" if value.pairs else scalar(name, flow=True),
            )
        elif value.kind == "map" and value.pairs:
            first, last = value.pairs[0][0], value.pairs[-1]
            e.insert_line_after(_pair_end(last), f"{_indent(text, first.start)}{scalar(name)}:")
        elif value.kind == "scalar" and value.text == "" and value.style == "":
            e.insert_line_after(key.end, f"{_unit(doc)}{scalar(name)}:")
        else:
            return []
    title = f"Add {quote(name)} under `speakers:`"
    return [_action(doc, title, _text_edits(doc, e), d)]


def _pair_end(pair: tuple[Value, Value]) -> int:
    return max(pair[0].end, content_end(pair[1]))


def _newline(text: str) -> str:
    found = re.search(r"\r\n|\r|\n", text)
    return found.group() if found else "\n"


def _unit(doc: DebateDocument) -> str:
    """The indentation the file gives what is under a top-level key: its claims'."""
    claims = doc.index.sections.get("claims")
    if claims is not None and claims[1].kind == "map" and claims[1].pairs:
        spaces = _indent(doc.text, claims[1].pairs[0][0].start)
        if spaces:
            return spaces
    return "  "


# --- unknown claim -----------------------------------------------------------------------------


def _add_claim(doc: DebateDocument, d: lsp.Diagnostic) -> list[lsp.CodeAction]:
    found = _about(doc, d, Kind.CLAIM)
    index = doc.index
    if found is None or ID_RE.fullmatch(found.name) is None:
        return []
    ident = found.name
    if ident in index.names(Kind.CLAIM) or ident in index.names(Kind.SOURCE):
        return []  # defined since, or a source: a stub would be a duplicate id
    section = index.sections.get("claims")
    if section is None:
        return []
    text = doc.text
    key, value = section
    e = Edits(text)
    nl = _newline(text)
    if value.kind == "map" and not value.flow and value.pairs:
        spaces = _indent(text, value.pairs[0][0].start)
        inner = _field_indent(text, value) or spaces + spaces
        at = _pair_end(value.pairs[-1])
    elif value.kind == "scalar" and value.text == "" and value.style == "":
        spaces = "  "
        inner, at = spaces * 2, key.end
    else:
        return []
    stub = f'{spaces}{scalar(ident)}:{nl}{inner}text: ""'
    e.insert_line_after(at, stub)
    title = f"Add a claim {quote(ident)} under `claims:` (its text still to write)"
    return [_action(doc, title, _text_edits(doc, e), d)]


def _field_indent(text: str, claims: Value) -> str | None:
    """How the file indents a claim's fields: as its first claim written as a block does."""
    for _, claim in claims.pairs:
        if claim.kind == "map" and not claim.flow and claim.pairs:
            return _indent(text, claim.pairs[0][0].start)
    return None


# --- unclassified reply ------------------------------------------------------------------------


def _classify(doc: DebateDocument, d: lsp.Diagnostic) -> list[lsp.CodeAction]:
    root = doc.index.root
    if doc.result.debate is None or doc.analysis is None or root is None:
        return []  # the analysis is of an earlier version: its replies are not this text's
    at = doc.lines.offset(d.range.start)
    reply = next(
        (r for r in doc.analysis.unclassified if doc.lines.at(r.line, r.column) == at), None
    )
    if reply is None:
        return []
    found = places(root)
    source, target = quote(reply.source), quote(reply.target)
    out: list[lsp.CodeAction] = []
    for word, kind in KINDS.items():  # the choices of `argmap label --set`, in its order
        e = Edits(doc.text)
        try:
            plan(e, found, reply.source, reply.target, kind)
            e.apply()  # refuses edits that would overlap, as `argmap label` does
        except LabelError:
            continue
        title = (
            f"Classify: {source} {word} {target}"
            if kind is not None
            else f"Not an argument: {source} answers nothing (it replied to {target})"
        )
        out.append(_action(doc, title, _text_edits(doc, e), d))
    return out


# --- nested to flat ----------------------------------------------------------------------------


def _write_flat(doc: DebateDocument, range: lsp.Range) -> list[lsp.CodeAction]:
    found = doc.index.at(doc.lines.offset(range.start))
    if found is None or found.kind is not Kind.CLAIM or not found.definition:
        return []
    if found.field == "claims":
        return []  # written flat already
    try:
        after = unnest(doc.text, found.name, doc.result.debate)
    except LabelError:
        return []
    before = doc.text
    # One edit, of what lies between the text both versions start and end with.
    start = _common(before, after)
    end = _common(before[start:][::-1], after[start:][::-1])
    edit = lsp.TextEdit(doc.lines.range(start, len(before) - end), after[start : len(after) - end])
    return [_action(doc, f"Write `{found.name}` flat under `claims:`", [edit])]


def _common(a: str, b: str) -> int:
    """How many characters `a` and `b` start with alike (compared in halves, not one by one:
    a file is long)."""
    low, high = 0, min(len(a), len(b))
    while low < high:
        mid = (low + high + 1) // 2
        if a[low:mid] == b[low:mid]:
            low = mid
        else:
            high = mid - 1
    return low
