"""Positions in a document as the language server protocol counts them.

argmap counts in characters (code points): the loader's lines and columns, the offsets of
`argmap.label.spans`. An editor counts a line's characters in UTF-16 code units unless the
client and server agree otherwise (LSP 3.17 `positionEncoding`), so `é` is one unit and `🙂`
two. `Lines` converts both ways, for one text; lines are split where YAML and editors split
them (`\\n`, `\\r\\n`, `\\r`).
"""

from __future__ import annotations

import bisect
import re

from lsprotocol import types as lsp

_BREAK = re.compile(r"\r\n|\r|\n")


class Lines:
    """The line starts of one text, and conversions between offsets and LSP positions."""

    def __init__(self, text: str, encoding: str = lsp.PositionEncodingKind.Utf16) -> None:
        self.text = text
        self.encoding = encoding
        self.starts = [0, *(m.end() for m in _BREAK.finditer(text))]

    def line_of(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset) - 1

    def line_text(self, line: int) -> str:
        """Line `line` (0-based) without its line break; '' past the end."""
        if line >= len(self.starts):
            return ""
        start = self.starts[line]
        end = self.starts[line + 1] if line + 1 < len(self.starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n")

    def _units(self, s: str) -> int:
        if s.isascii() or self.encoding == lsp.PositionEncodingKind.Utf32:
            return len(s)
        if self.encoding == lsp.PositionEncodingKind.Utf8:
            return len(s.encode("utf-8", "surrogatepass"))
        return len(s.encode("utf-16-le", "surrogatepass")) // 2

    def position(self, offset: int) -> lsp.Position:
        offset = max(0, min(offset, len(self.text)))
        line = self.line_of(offset)
        start = self.starts[line]
        return lsp.Position(line, self._units(self.text[start:offset]))

    def range(self, start: int, end: int) -> lsp.Range:
        return lsp.Range(self.position(start), self.position(end))

    def offset(self, position: lsp.Position) -> int:
        """The offset of `position`; past the end of a line, the line's end."""
        if position.line >= len(self.starts):
            return len(self.text)
        start = self.starts[position.line]
        line = self.line_text(position.line)
        if line.isascii() or self.encoding == lsp.PositionEncodingKind.Utf32:
            return start + min(position.character, len(line))
        units = 0
        for i, ch in enumerate(line):
            if units >= position.character:
                return start + i
            units += self._units(ch)
        return start + len(line)

    def at(self, line: int, column: int) -> int:
        """The offset of a 1-based line and column as argmap's diagnostics give them."""
        if line - 1 >= len(self.starts):
            return len(self.text)
        start = self.starts[line - 1]
        return min(start + column - 1, start + len(self.line_text(line - 1)))


def token_end(text: str, start: int) -> int:
    """Where the YAML token that starts at `start` ends, on its first line: a quoted scalar
    to its closing quote, a [list] or {mapping} to its bracket, a plain scalar to the end of
    its first line, a comment, `: ` or a flow indicator of the brackets it is inside.

    >>> text = 'a: {text: "x, y", by: Ann Lee}  # who'
    >>> [text[i:token_end(text, i)] for i in (0, 3, 10, 22)]
    ['a', '{text: "x, y", by: Ann Lee}', '"x, y"', 'Ann Lee']
    """
    n = len(text)
    if start >= n:
        return start
    line_end = n
    for brk in ("\n", "\r"):
        i = text.find(brk, start)
        if i != -1:
            line_end = min(line_end, i)
    c = text[start]
    if c == '"':
        i = start + 1
        while i < line_end:
            if text[i] == "\\":
                i += 2
            elif text[i] == '"':
                return i + 1
            else:
                i += 1
        return line_end
    if c == "'":
        i = start + 1
        while i < line_end:
            if text[i] == "'":
                if i + 1 < line_end and text[i + 1] == "'":
                    i += 2
                    continue
                return i + 1
            i += 1
        return line_end
    if c in "[{":
        close = {"[": "]", "{": "}"}
        depth: list[str] = []
        i = start
        while i < line_end:
            ch = text[i]
            if ch in "[{":
                depth.append(close[ch])
            elif ch in "]}" and depth and ch == depth[-1]:
                depth.pop()
                if not depth:
                    return i + 1
            elif ch in "\"'":
                i = token_end(text, i)
                continue
            i += 1
        return line_end
    line_start = max(text.rfind("\n", 0, start), text.rfind("\r", 0, start)) + 1
    flow = _open_brackets(text[line_start:start])
    i = start
    while i < line_end:
        ch = text[i]
        if ch == "#" and i > start and text[i - 1] in " \t":
            break
        if ch == ":" and (
            i + 1 == line_end or text[i + 1] in " \t" or (flow and text[i + 1] in ",]}")
        ):
            break
        if flow and ch in ",]}":
            break
        i += 1
    while i > start and text[i - 1] in " \t":
        i -= 1
    return max(i, start + 1) if start < line_end else start


def _open_brackets(before: str) -> bool:
    """Whether a [ or { opened earlier on the line is still open (quotes skipped)."""
    depth = 0
    i = 0
    while i < len(before):
        ch = before[i]
        if ch in "\"'":
            end = token_end(before, i)
            i = max(end, i + 1)
            continue
        if ch == "#" and (i == 0 or before[i - 1] in " \t"):
            break
        depth += ch in "[{"
        depth -= ch in "]}" and depth > 0
        i += 1
    return depth > 0


def word_at(text: str, offset: int) -> tuple[int, int] | None:
    """The id-like word (letters, digits, `_`, `-`, `.`) around `offset`, as a span; None
    when there is none. For text that is not YAML yet, where the index has nothing.

    >>> text = "rebuts: [not-lookup, x"
    >>> start, end = word_at(text, 12); text[start:end]
    'not-lookup'
    """
    start = end = offset
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "_-."):
        start -= 1
    while end < len(text) and (text[end].isalnum() or text[end] in "_-."):
        end += 1
    return (start, end) if end > start else None
