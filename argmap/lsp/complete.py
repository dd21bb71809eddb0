"""Completion: what may be written where the cursor stands, read from the text as it is now.

Where the cursor stands is read from the text around it (`argmap.lsp.where`), which is often
not YAML that parses while a person types; the path it gives says what is expected:

- a claim id after `rebuts:`, `supports:`, `undercuts:`, `answers:` and in the lists under
  `expect:`, every claim but the one being written, with its speaker and status as detail and
  its text as documentation;
- a speaker after `by:` (those under `speakers:`, and the names other `by:` give);
- a source id after `cites:`, in its list, or after `source:` in a citation;
- a field name where a key is expected, with its help: those of the debate, a claim (at any
  depth of nesting), a source, a speaker, `expect:` or a citation, less those already there.

Names come nearest first: those written on the lines closest to the cursor, where the claims
being answered usually are. The names themselves are read from the index of the current text
when it parses, and otherwise from the last version checked. Anywhere else (inside a claim's
text, say) there is nothing to complete, and the answer is None.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from lsprotocol import types as lsp

from argmap.convert.yamlwrite import scalar
from argmap.fileformat import (
    CITATION_FIELDS,
    CLAIM_FIELDS,
    DEBATE_FIELDS,
    EXPECT_FIELDS,
    ID_PATTERN,
    SOURCE_FIELDS,
    SPEAKER_FIELDS,
    Field,
)
from argmap.label.flat import REF_FIELDS
from argmap.label.spans import places
from argmap.load import DEFAULT_MAX_BYTES
from argmap.look import SEPARATOR, mark
from argmap.lsp.index import EXPECT_NAMES, SECTIONS, Index, Kind
from argmap.lsp.text import Lines, token_end
from argmap.lsp.where import ITEM, Where, where

if TYPE_CHECKING:
    from argmap.lsp.document import DebateDocument


_ID_PREFIX = re.compile(rf"""["']?({ID_PATTERN})?""")  # what an id being typed can be
_WORD = re.compile(r"[A-Za-z0-9_]*")  # a field name, to its end


# --- what the path expects ---------------------------------------------------------------------


def _claim(path: list[str]) -> str | None:
    """The id of the claim whose mapping `path` leads to: `claims: ID:`, or a claim nested
    in a section of one (`... ID: rebuttals: ID:`), at any depth."""
    if len(path) < 2 or len(path) % 2 or path[0] != "claims":
        return None
    if any(p == ITEM for p in path[1::2]) or any(p not in SECTIONS for p in path[2::2]):
        return None
    return path[-1]


def _citation(path: list[str]) -> bool:
    """Whether `path` leads to a citation written as a mapping (`cites:` or its items)."""
    owner = path[:-1] if path and path[-1] == ITEM else path
    return bool(owner) and owner[-1] == "cites" and _claim(owner[:-1]) is not None


def _fields(path: list[str]) -> tuple[Field, ...] | None:
    if not path:
        return DEBATE_FIELDS
    if _claim(path) is not None:
        return CLAIM_FIELDS
    if len(path) == 2 and path[1] != ITEM and path[0] in ("sources", "speakers"):
        return SOURCE_FIELDS if path[0] == "sources" else SPEAKER_FIELDS
    if path == ["expect"]:
        return EXPECT_FIELDS
    if _citation(path):
        return CITATION_FIELDS
    return None


def _expects(path: list[str]) -> tuple[Kind, str | None] | None:
    """What a value at `path` names, and the claim it must not name (the one it is in)."""
    items = bool(path) and path[-1] == ITEM
    base = path[:-1] if items else path
    if not base:
        return None
    key, owner = base[-1], base[:-1]
    claim = _claim(owner)
    if claim is not None:
        if key in REF_FIELDS:
            return Kind.CLAIM, claim
        if key == "by" and not items:
            return Kind.SPEAKER, None
        if key == "cites":
            return Kind.SOURCE, None
    if owner == ["expect"] and key in EXPECT_NAMES:
        return Kind.CLAIM, None
    if key == "source" and not items and _citation(owner):
        return Kind.SOURCE, None
    return None


# --- the items ---------------------------------------------------------------------------------


def _index(text: str, doc: DebateDocument | None) -> Index | None:
    """The names of the current text when it parses, else of the last version checked."""
    if doc is not None and doc.text == text:
        return doc.index
    if len(text) <= DEFAULT_MAX_BYTES:
        current = Index(text)
        if current.ok:
            return current
    return doc.index if doc is not None else None


def _order(found: dict[str, list[int]], row: int) -> list[str]:
    """The names of `found` (each with the lines it is written on), nearest to `row` first,
    then in the order written."""
    nearest = {name: min(abs(r - row) for r in rows) for name, rows in found.items()}
    return sorted(found, key=lambda name: nearest[name])  # sorted() keeps the written order


def _rank(i: int, count: int) -> str:
    return str(i).zfill(len(str(count)))


def _names(
    index: Index, kind: Kind, row: int, cursor: int, exclude: str | None
) -> dict[str, list[int]]:
    """Each name of `kind` to offer and the lines where it counts for nearness: where a
    claim or source is defined; where a speaker is listed or named (not the name being
    typed)."""
    lines = Lines(index.text)
    found: dict[str, list[int]] = {}
    for o in index.occurrences:
        if o.kind is not kind or o.name == exclude:
            continue
        if kind is Kind.SPEAKER:
            if o.start <= cursor <= o.end and not o.definition:
                continue
        elif not o.definition:
            continue
        found.setdefault(o.name, []).append(lines.line_of(o.start))
    return found


def _claim_items(
    index: Index, doc: DebateDocument | None, names: list[str]
) -> list[tuple[str, str | None, str | None]]:
    """Each claim id with its detail (speaker, status) and documentation (its text)."""
    written = places(index.root) if index.root is not None else {}
    analysis = doc.analysis if doc is not None else None
    out = []
    for name in names:
        by = text = None
        place = written.get(name)
        if place is not None and place.value.kind == "map":
            for k, v in place.value.pairs:
                if v.kind == "scalar" and k.text == "by":
                    by = v.text
                elif v.kind == "scalar" and k.text == "text":
                    text = v.text
        parts = []
        if analysis is not None and name in analysis.debate.claims:
            claim = analysis.debate.claims[name]
            by = by or claim.by
            text = text or claim.text
            if by:
                parts.append(by)
            parts.append(mark(analysis.status[name]))
        elif by:
            parts.append(by)
        out.append((name, f" {SEPARATOR} ".join(parts) or None, text or None))
    return out


def _source_items(index: Index, names: list[str]) -> list[tuple[str, str | None, str | None]]:
    titles: dict[str, str] = {}
    sources = index.sections.get("sources")
    if sources is not None and sources[1].kind == "map":
        for k, v in sources[1].pairs:
            title = v.get("title") if v.kind == "map" else None
            if title is not None and title[1].kind == "scalar":
                titles.setdefault(k.text, title[1].text)
    return [(name, titles.get(name), None) for name in names]


def completion(
    text: str, doc: DebateDocument | None, position: lsp.Position, encoding: str
) -> lsp.CompletionList | None:
    """What may be written at `position` of `text` (the editor's text now); `doc` is the last
    version checked, None if there is none. None where nothing completes."""
    lines = Lines(text, encoding)
    cursor = lines.offset(position)
    row = lines.line_of(cursor)
    here = where(text, lines, row, cursor - lines.starts[row])
    if here is None:
        return None
    if here.role == "key":
        items = _field_items(text, lines, here, cursor)
    else:
        items = _value_items(text, doc, lines, here, row, cursor)
    if not items:
        return None
    return lsp.CompletionList(is_incomplete=False, items=items)


def _field_items(text: str, lines: Lines, where: Where, cursor: int) -> list[lsp.CompletionItem]:
    fields = _fields(where.path)
    if fields is None:
        return []
    word = _WORD.match(text, cursor)
    end = word.end() if word else cursor
    colon = text.startswith(":", end)
    span = lines.range(where.start, end)
    offered = [f for f in fields if f.name not in where.present]
    return [
        lsp.CompletionItem(
            label=f.name,
            kind=lsp.CompletionItemKind.Property,
            documentation=f.help,
            sort_text=_rank(i, len(offered)),
            filter_text=f.name,
            text_edit=lsp.TextEdit(span, f.name if colon else f"{f.name}: "),
        )
        for i, f in enumerate(offered)
    ]


def _value_items(
    text: str,
    doc: DebateDocument | None,
    lines: Lines,
    where: Where,
    row: int,
    cursor: int,
) -> list[lsp.CompletionItem]:
    wanted = _expects(where.path)
    if wanted is None:
        return []
    kind, exclude = wanted
    typed = text[where.start : cursor]
    if kind is not Kind.SPEAKER and not _ID_PREFIX.fullmatch(typed):
        return []
    index = _index(text, doc)
    if index is None:
        return []
    stale = index.text != text
    names = _order(_names(index, kind, row, -1 if stale else cursor, exclude), row)
    if kind is Kind.CLAIM:
        described = _claim_items(index, doc, names)
    elif kind is Kind.SOURCE:
        described = _source_items(index, names)
    else:
        described = [(name, None, None) for name in names]
    end = where.start
    if end < len(text) and text[end] not in ",]}#\r\n":
        end = token_end(text, end)
    end = max(end, cursor)
    # Right after `key:` or `-`, the name needs a space before it to be read as a value.
    space = " " if where.start > 0 and text[where.start - 1] in ":-" else ""
    span = lines.range(where.start, end)
    items = []
    for i, (name, detail, documentation) in enumerate(described):
        written = scalar(name, flow=where.flow)
        items.append(
            lsp.CompletionItem(
                label=name,
                kind=lsp.CompletionItemKind.Reference,
                detail=detail,
                documentation=documentation,
                sort_text=_rank(i, len(described)),
                filter_text=written,
                text_edit=lsp.TextEdit(span, space + written),
            )
        )
    return items
