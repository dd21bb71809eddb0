"""Go to definition, find references and rename, for claim ids, source ids and speakers.

Each reads the index of the current text: a claim's definition is its key (under `claims:` or
nested), a source's its key under `sources:`, a speaker's their entry under `speakers:`. A
rename edits every occurrence and refuses a name that is not a valid id (or speaker name) or
that another claim, source or speaker already has.
"""

from __future__ import annotations

from lsprotocol import types as lsp
from pygls.exceptions import JsonRpcException

from argmap.convert.yamlwrite import scalar
from argmap.errors import quote
from argmap.fileformat import ID_RE, NAME_RE
from argmap.lsp.document import DebateDocument
from argmap.lsp.index import Kind, Occurrence


class RenameRefused(JsonRpcException):
    """A rename the file cannot take; the editor shows the message. LSP's RequestFailed."""

    CODE = -32803


def _here(doc: DebateDocument, position: lsp.Position) -> Occurrence | None:
    return doc.index.at(doc.lines.offset(position))


def _location(doc: DebateDocument, o: Occurrence) -> lsp.Location:
    return lsp.Location(doc.uri, doc.lines.range(o.start, o.end))


def definition(doc: DebateDocument, position: lsp.Position) -> list[lsp.Location] | None:
    found = _here(doc, position)
    if found is None:
        return None
    defined = doc.index.definition(found.kind, found.name)
    return None if defined is None else [_location(doc, defined)]


def references(
    doc: DebateDocument, position: lsp.Position, include_declaration: bool = True
) -> list[lsp.Location] | None:
    found = _here(doc, position)
    if found is None:
        return None
    return [
        _location(doc, o)
        for o in doc.index.of(found.kind, found.name)
        if include_declaration or not o.definition
    ]


def prepare_rename(
    doc: DebateDocument, position: lsp.Position
) -> lsp.PrepareRenamePlaceholder | None:
    found = _here(doc, position)
    if found is None:
        return None
    return lsp.PrepareRenamePlaceholder(doc.lines.range(found.start, found.end), found.name)


def rename(doc: DebateDocument, position: lsp.Position, new_name: str) -> lsp.WorkspaceEdit | None:
    """Every occurrence of the name under the cursor, renamed; `RenameRefused` when the new
    name is not valid or is taken."""
    found = _here(doc, position)
    if found is None:
        return None
    refusal = refused(doc, found, new_name)
    if refusal:
        raise RenameRefused(refusal)
    written = scalar(new_name, flow=True)
    edits = [
        lsp.TextEdit(doc.lines.range(o.start, o.end), written)
        for o in doc.index.of(found.kind, found.name)
    ]
    return lsp.WorkspaceEdit(changes={doc.uri: edits})


def refused(doc: DebateDocument, found: Occurrence, new: str) -> str | None:
    """Why `found` cannot be renamed `new`; None when it can."""
    if new == found.name:
        return None
    index = doc.index
    if found.kind is Kind.SPEAKER:
        if not NAME_RE.fullmatch(new):
            return f"{quote(new)} is not a speaker name: it may not be blank or padded"
        if index.of(Kind.SPEAKER, new):
            return f"{quote(new)} is already a speaker in this file"
        return None
    if not ID_RE.fullmatch(new):
        return (
            f"{quote(new)} is not an id: ids use letters, digits, `_`, `-` and `.`, and "
            "start with a letter, digit or `_`"
        )
    for kind in (Kind.CLAIM, Kind.SOURCE):
        if index.definition(kind, new) is not None:
            return f"{quote(new)} is already the id of a {kind.value} in this file"
    return None
