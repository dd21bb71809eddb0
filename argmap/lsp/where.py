"""Where the cursor stands in a debate file being typed, read from the lines around it.

While a person types, the file is rarely YAML that parses, so this reads the text as YAML's
block layout places it: the keys above the cursor with less indentation are its ancestors
(`claims:` → `lookup:` → `rebuttals:` → `table-lookup:`), and on its own line a `key:`, a `- `
item, or a `[list]` or `{mapping}` still open. `where` gives the path from the top of the
document to the cursor, whether a key or a value is being written there, where what has been
typed of it starts, and the keys its mapping already has. Completion reads it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from argmap.lsp.text import Lines, token_end

ITEM = "-"  # in a path, an item of a list

# A line as block YAML lays it out: its indentation, the `- ` of the list items it starts,
# and what follows.
_LINE = re.compile(r"( *)((?:-(?: +|$))*)(.*)", re.DOTALL)
# A key and its colon: quoted, or plain up to the first `:` that a space or the line's end
# follows.
_KEY = re.compile(r"""("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#'"\[\]{},][^#]*?)[ \t]*:(?=[ \t]|$)""")
_FIELD_PREFIX = re.compile(r"[A-Za-z_][A-Za-z0-9_]*|")  # what a field name being typed can be
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
class Where:
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


def _where(t: _Text, row: int, col: int) -> Where | None:
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
        return Where(above + here + extra, role, base + value_at + start, True, present)
    if key is not None or dashes:
        if rest.startswith(("|", ">", "&", "!", "*", "#")) or re.search(r"[ \t]#", rest):
            return None  # a block scalar, an anchor, a tag, an alias or a comment
        above = t.ancestors(row, threshold, bool(dashes))
        if above is None:
            return None
        return Where(above + here, "value", base + value_at)
    if not _FIELD_PREFIX.fullmatch(content):
        return None  # not a key being typed: text that goes on from a line above
    above = t.ancestors(row, c, False)
    if above is None:
        return None
    return Where(above, "key", base + c, False, t.keys(row, c))


def where(text: str, lines: Lines, row: int, col: int) -> Where | None:
    """Where the cursor at column `col` (in characters) of line `row` of `text` stands;
    None where nothing is expected that can be named (inside a text, a comment...)."""
    return _where(_Text(text, lines), row, col)
