"""Completion: what may be written where the cursor stands, read from the text as it is now.

While a person types, the file is rarely YAML that parses, so where the cursor stands is read
from the lines around it, as YAML's block layout places them: the keys above it with less
indentation are its ancestors (`claims:` → `lookup:` → `rebuttals:` → `table-lookup:`), and on
its own line a `key:`, a `- ` item, or a `[list]` or `{mapping}` still open. That path says
what is expected:

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
from dataclasses import dataclass, field
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
from argmap.label.spans import places
from argmap.load import DEFAULT_MAX_BYTES
from argmap.look import SEPARATOR, mark
from argmap.lsp.index import EXPECT_NAMES, REF_FIELDS, SECTIONS, Index, Kind
from argmap.lsp.text import Lines, token_end

if TYPE_CHECKING:
    from argmap.lsp.document import DebateDocument

ITEM = "-"  # in a path, an item of a list

# A line as block YAML lays it out: its indentation, the `- ` of the list items it starts,
# and what follows.
_LINE = re.compile(r"( *)((?:-(?: +|$))*)(.*)", re.DOTALL)
# A key and its colon: quoted, or plain up to the first `:` that a space or the line's end
# follows.
_KEY = re.compile(r"""("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#'"\[\]{},][^#]*?)[ \t]*:(?=[ \t]|$)""")
_FIELD_PREFIX = re.compile(r"[A-Za-z_][A-Za-z0-9_]*|")  # what a field name being typed can be
_ID_PREFIX = re.compile(rf"""["']?({ID_PATTERN})?""")  # what an id being typed can be
_WORD = re.compile(r"[A-Za-z0-9_]*")
_MARKER = re.compile(r"(---|\.\.\.)([ \t].*)?")  # the start or the end of a document


@dataclass(frozen=True, slots=True)
class _Layout:
    """One line of block YAML: where its content starts, after its indentation and the
    columns of any `- `; the key it gives, and what follows the key's colon."""

    indent: int
    dashes: tuple[int, ...]
    col: int
    key: str | None
    value: str  # after the colon of `key`, or the whole content without a key

    @property
    def holds_nothing(self) -> bool:
        """Whether the key's value is on the lines below (nothing, or a comment, follows)."""
        rest = self.value.strip()
        return rest == "" or rest.startswith("#")


def _unquoted(key: str) -> str:
    if len(key) >= 2 and key[0] == key[-1] == "'":
        return key[1:-1].replace("''", "'")
    if len(key) >= 2 and key[0] == key[-1] == '"':
        return re.sub(r"\\(.)", r"\1", key[1:-1])
    return key


def _layout(line: str) -> _Layout | None:
    """How `line` is laid out; None for a blank line or a comment."""
    m = _LINE.match(line)
    assert m is not None  # every part of the pattern may be empty
    spaces, dashes, content = m.groups()
    if not dashes and (content.strip() == "" or content.lstrip().startswith("#")):
        return None
    columns: list[int] = []
    at = len(spaces)
    for d in re.finditer(r"-(?: +|$)", dashes):
        columns.append(at + d.start())
    col = len(spaces) + len(dashes)
    key = _KEY.match(content)
    if key is None:
        return _Layout(len(spaces), tuple(columns), col, None, content)
    return _Layout(len(spaces), tuple(columns), col, _unquoted(key.group(1)), content[key.end() :])


@dataclass
class _Where:
    """Where the cursor stands: the path from the top of the document (keys, and `-` for an
    item of a list), whether a key or a value is being written there, where what has been
    typed of it starts, and for a key, those its mapping already has."""

    path: list[str]
    role: str  # "key" or "value"
    start: int  # an offset into the text
    flow: bool = False
    present: set[str] = field(default_factory=set)


class _Text:
    """The lines of the current text, read as block YAML around one position."""

    def __init__(self, text: str, lines: Lines) -> None:
        self.text = text
        self.lines = lines
        self.count = len(lines.starts)

    def row(self, r: int) -> tuple[int, str]:
        """Where line `r` starts and what it holds (a byte-order mark is not part of it)."""
        start, line = self.lines.starts[r], self.lines.line_text(r)
        if r == 0 and line.startswith("\ufeff"):
            return start + 1, line[1:]
        return start, line

    def ancestors(self, row: int, threshold: int, item: bool) -> list[str] | None:
        """The path to what starts at column `threshold` of line `row` (an item of a list
        when `item`), read upwards. None when the cursor is inside a scalar that started
        above (a `>-` text, say)."""
        path: list[str] = []  # from the cursor up, reversed at the end
        for r in range(row - 1, -1, -1):
            if threshold == 0 and not item:
                break
            text = self.row(r)[1]
            spaces = len(text) - len(text.lstrip(" "))
            if spaces > threshold or (spaces == threshold and not item):
                continue  # deeper than what is looked for: read no further
            line = _layout(text)
            if line is None:
                continue
            if not line.dashes and _MARKER.fullmatch(line.value):
                break
            c, dashes = line.col, line.dashes
            if line.key is not None and c < threshold:
                if not line.holds_nothing:
                    return None
                path.append(line.key)
                path.extend(ITEM for _ in dashes)
                threshold, item = line.indent, bool(dashes)
            elif item and line.key is not None and not dashes and c == threshold:
                # `key:` with its list's items at its own indentation
                if not line.holds_nothing:
                    return None
                path.append(line.key)
                item = False
            elif dashes and dashes[0] < threshold and (c >= threshold or not line.value):
                path.extend(ITEM for d in dashes if d < threshold)
                threshold, item = dashes[0], True
            elif c < threshold:
                return None  # a scalar or a [list] less indented: the cursor is inside it
        path.reverse()
        return path

    def keys(self, row: int, col: int) -> set[str]:
        """The other keys at column `col` of the mapping that holds line `row`: on the lines
        above and below it, up to the first line indented less."""
        keys: set[str] = set()
        for rows in (range(row - 1, -1, -1), range(row + 1, self.count)):
            for r in rows:
                text = self.row(r)[1]
                if len(text) - len(text.lstrip(" ")) > col:
                    continue
                line = _layout(text)
                if line is None:
                    continue
                if line.key is not None and line.col == col:
                    keys.add(line.key)
                if line.indent < col:
                    break  # a mapping item's first key is on its `- ` line, and ends it
                if not line.dashes and _MARKER.fullmatch(line.value):
                    break
        return keys


def _flow(s: str, cursor: int) -> tuple[list[str], str, int, set[str]] | None:
    """In `s`, a line from a `[` or `{` on: what holds `cursor` (the path below the opening
    bracket), whether a key or a value is written there, where it starts, and for a key the
    other keys of its mapping. None when the cursor is past the brackets."""
    # Each open bracket: its kind, the key being given a value (None: a key is expected),
    # and the keys of a mapping with where each starts.
    stack: list[tuple[str, list[str | None], dict[str, int]]] = []
    mark_at = 0  # where the token after the last `[`, `{`, `,` or `: ` starts (before spaces)
    found: tuple[list[str], str, int, dict[str, int]] | None = None

    def here() -> tuple[list[str], str, int, dict[str, int]] | None:
        path: list[str] = []
        for kind, key, _ in stack[:-1]:
            if kind == "[":
                path.append(ITEM)
            elif key[0] is None:
                return None  # a collection written as a key
            else:
                path.append(key[0])
        kind, key, keys = stack[-1]
        start = mark_at
        while start < cursor and s[start] in " \t":
            start += 1
        if kind == "[":
            return [*path, ITEM], "value", start, keys
        if key[0] is None:
            return path, "key", start, keys
        return [*path, key[0]], "value", start, keys

    i, n = 0, len(s)
    while i < n:
        ch = s[i]
        if found is None and i >= cursor:
            if not stack:
                return None
            found = here()
            if found is None:
                return None
        if ch in "\"'":
            end = max(token_end(s, i), i + 1)
            if found is None and i < cursor < end:
                if not stack:
                    return None
                found = here()  # the cursor is inside the quotes: the token starts at them
                if found is None:
                    return None
            i = end
            continue
        if ch == "#" and (i == 0 or s[i - 1] in " \t"):
            break
        if ch in "[{":
            stack.append((ch, [None], {}))
            mark_at = i + 1
        elif ch in "]}":
            if stack and stack[-1][0] == {"]": "[", "}": "{"}[ch]:
                closed = stack.pop()
                if found is not None and closed[2] is found[3]:
                    break
            mark_at = i + 1
        elif ch == "," and stack:
            stack[-1][1][0] = None
            mark_at = i + 1
        elif (
            ch == ":"
            and stack
            and stack[-1][0] == "{"
            and stack[-1][1][0] is None
            and (i + 1 == n or s[i + 1] in " \t,]}" or s[i - 1] in "\"'")
        ):
            start = mark_at
            while start < i and s[start] in " \t":
                start += 1
            name = _unquoted(s[start:i].strip())
            stack[-1][1][0] = name
            stack[-1][2].setdefault(name, start)
            mark_at = i + 1
        i += 1
    if found is None:
        if not stack or cursor > n:
            return None
        found = here()  # the cursor at the end of the line, inside what is still open
        if found is None:
            return None
    path, role, start, keys = found
    return path, role, start, {k for k, at in keys.items() if at != start}


def _where(t: _Text, row: int, col: int) -> _Where | None:
    """Where the cursor at column `col` of line `row` stands; None where nothing completes."""
    base, line = t.row(row)
    col -= base - t.lines.starts[row]
    if col < 0:
        return None
    prefix = line[:col]
    m = _LINE.match(prefix)
    assert m is not None
    spaces, dash_text, content = m.groups()
    dashes = [len(spaces) + d.start() for d in re.finditer(r"-(?: +|$)", dash_text)]
    c = len(spaces) + len(dash_text)
    threshold = dashes[0] if dashes else c
    here = [ITEM for _ in dashes]
    key = _KEY.match(content)
    if key is not None:
        here.append(_unquoted(key.group(1)))
        value_at = c + key.end()
        rest = content[key.end() :]
        value_at += len(rest) - len(rest.lstrip(" \t"))
        rest = rest.lstrip(" \t")
    else:
        value_at, rest = c, content
    if rest.startswith(("[", "{")):
        found = _flow(line[value_at:], col - value_at)
        if found is None:
            return None
        extra, role, start, present = found
        above = t.ancestors(row, threshold, bool(dashes))
        if above is None:
            return None
        return _Where(above + here + extra, role, base + value_at + start, True, present)
    if key is not None or dashes:
        if rest.startswith(("|", ">", "&", "!", "*", "#")) or re.search(r"[ \t]#", rest):
            return None  # a block scalar, an anchor, a tag, an alias or a comment
        above = t.ancestors(row, threshold, bool(dashes))
        if above is None:
            return None
        return _Where(above + here, "value", base + value_at)
    if not _FIELD_PREFIX.fullmatch(content):
        return None  # not a key being typed: text that goes on from a line above
    above = t.ancestors(row, c, False)
    if above is None:
        return None
    return _Where(above, "key", base + c, False, t.keys(row, c))


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
    t = _Text(text, lines)
    where = _where(t, row, cursor - lines.starts[row])
    if where is None:
        return None
    if where.role == "key":
        items = _field_items(text, lines, where, cursor)
    else:
        items = _value_items(text, doc, lines, where, row, cursor)
    if not items:
        return None
    return lsp.CompletionList(is_incomplete=False, items=items)


def _field_items(text: str, lines: Lines, where: _Where, cursor: int) -> list[lsp.CompletionItem]:
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
    where: _Where,
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
