"""What every site's thread reader shares: JSON read without a depth limit, values read
defensively (text, whole numbers, times, web addresses), and comments put in thread order.

Site JSON is read by walking it, never by recursion: a reply chain of any depth is one loop. A
value of the wrong type reads as missing (None), never as an error, so one odd field costs one
field and not the import. `finish` settles what the sites all have to settle: a comment whose
parent is not in the file becomes a top-level comment, replies that loop are cut, and the
comments come out parent first, siblings in the site's order, with one `skipped` line for each
change it made.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Hashable
from dataclasses import replace
from datetime import UTC, datetime
from time import gmtime, strftime
from typing import Any
from urllib.parse import urlsplit

from argmap.convert import ConvertError, parse_json
from argmap.convert.markup import clean
from argmap.convert.thread import Comment

# The string reader of Python's own JSON decoder (typeshed does not list it).
_scanstring: Callable[[str, int], tuple[str, int]] = vars(json.decoder)["scanstring"]
_WS = re.compile(r"[ \t\n\r]*")
_NUMBER = re.compile(r"-?(?:0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?")
_CONSTANTS = {"true": True, "false": False, "null": None}
_SPECIAL = {"NaN": math.nan, "Infinity": math.inf, "-Infinity": -math.inf}
# The first second `datetime` cannot hold (10000-01-01), from 1970.
_YEAR_10000 = 253402300800
# Scores and ids beyond this are not counts of anything real; they read as missing.
_LARGEST = 2**53


def load(data: bytes, what: str) -> Any:
    """The JSON value in `data`, however deeply nested (a thread of 5,000 replies, each under
    the one before, nests deeper than Python's own JSON reader goes), or a `ConvertError`."""
    try:
        return parse_json(data, what)
    except ConvertError as e:
        if not e.message.startswith("the JSON is nested too deeply"):
            raise
    return _parse_deep(data.decode("utf-8-sig"))


def _error(text: str, pos: int, message: str) -> ConvertError:
    line = text.count("\n", 0, pos) + 1
    return ConvertError(f"invalid JSON: {message}", line, pos - (text.rfind("\n", 0, pos) + 1) + 1)


def _parse_deep(text: str) -> Any:
    """JSON text to Python values with an explicit stack instead of recursion."""
    stack: list[list[Any] | dict[str, Any]] = []
    keys: list[str] = []
    pos = _WS.match(text, 0).end()  # type: ignore[union-attr]
    while True:
        if pos >= len(text):
            raise _error(text, pos, "the text ends where a value should be")
        char = text[pos]
        value: Any
        if char in "{[":
            container: list[Any] | dict[str, Any] = {} if char == "{" else []
            pos = _WS.match(text, pos + 1).end()  # type: ignore[union-attr]
            closer = "}" if char == "{" else "]"
            if text.startswith(closer, pos):
                value, pos = container, pos + 1
            else:
                stack.append(container)
                if isinstance(container, dict):
                    key, pos = _key(text, pos)
                    keys.append(key)
                continue
        elif char == '"':
            try:
                value, pos = _scanstring(text, pos + 1)
            except json.JSONDecodeError as e:
                raise _error(text, e.pos, e.msg.lower()) from None
        else:
            value, pos = _scalar(text, pos)
        # A value is complete: put it where it belongs, closing containers as they end.
        while True:
            if not stack:
                if _WS.match(text, pos).end() != len(text):  # type: ignore[union-attr]
                    raise _error(text, pos, "extra data after the JSON value")
                return value
            top = stack[-1]
            if isinstance(top, list):
                top.append(value)
            else:
                top[keys.pop()] = value
            pos = _WS.match(text, pos).end()  # type: ignore[union-attr]
            closer = "]" if isinstance(top, list) else "}"
            if text.startswith(",", pos):
                pos = _WS.match(text, pos + 1).end()  # type: ignore[union-attr]
                if isinstance(top, dict):
                    key, pos = _key(text, pos)
                    keys.append(key)
                break
            if not text.startswith(closer, pos):
                raise _error(text, pos, f"expecting ',' or '{closer}'")
            value, pos = stack.pop(), pos + 1


def _key(text: str, pos: int) -> tuple[str, int]:
    """The key of an object member starting at `pos`, and where its value starts."""
    if not text.startswith('"', pos):
        raise _error(text, pos, "expecting a property name in double quotes")
    try:
        key, pos = _scanstring(text, pos + 1)
    except json.JSONDecodeError as e:
        raise _error(text, e.pos, e.msg.lower()) from None
    pos = _WS.match(text, pos).end()  # type: ignore[union-attr]
    if not text.startswith(":", pos):
        raise _error(text, pos, "expecting ':' delimiter")
    return key, _WS.match(text, pos + 1).end()  # type: ignore[union-attr]


def _scalar(text: str, pos: int) -> tuple[Any, int]:
    for word, value in (*_CONSTANTS.items(), *_SPECIAL.items()):
        if text.startswith(word, pos):
            return value, pos + len(word)
    number = _NUMBER.match(text, pos)
    if not number:
        raise _error(text, pos, "expecting value")
    digits = number.group()
    try:
        value = float(digits) if number.group(1) or number.group(2) else int(digits)
    except ValueError:
        raise ConvertError(f"the JSON holds a number too long to read ({digits[:20]}...)") from None
    return value, number.end()


def text(value: object) -> str | None:
    """`value` as one line of plain text (`markup.clean`), or None when it is not text or is
    blank.

    >>> text("  two\\nlines "), text(""), text(7)
    ('two lines', None, None)
    """
    return (clean(value) or None) if isinstance(value, str) else None


def integer(value: object) -> int | None:
    """`value` as a whole number (a count, a score), or None: not a number, not whole, a
    boolean, or beyond any real count.

    >>> integer(12), integer(12.0), integer(True), integer(1e300), integer("12")
    (12, 12, None, None, None)
    """
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if isinstance(value, float) and not value.is_integer():
        return None
    number = int(value) if math.isfinite(value) else _LARGEST
    return number if abs(number) < _LARGEST else None


def key(value: object) -> str | None:
    """An id as the site gives it, as text: a whole number or non-blank text.

    >>> key(123), key("t1_x"), key(1.5), key(None)
    ('123', 't1_x', None, None)
    """
    number = integer(value)
    return str(number) if number is not None else text(value)


def when(value: object) -> str | None:
    """A time as ISO 8601 in UTC to the second, from epoch seconds or an ISO text (an offset is
    turned into UTC; a time without one is taken as UTC, as the sites send them).

    >>> when(1439797480), when("2013-02-04T15:26:26.278-05:00"), when("2023-09-23T10:41:41.2")
    ('2015-08-17T07:44:40Z', '2013-02-04T20:26:26Z', '2023-09-23T10:41:41Z')
    >>> when("yesterday"), when(1e300), when(True)
    (None, None, None)
    """
    moment: datetime | None = None
    if isinstance(value, int | float) and not isinstance(value, bool):
        if 0 <= value < _YEAR_10000 and value == int(value):
            # Whole seconds since 1970 (what the sites send): the same text through the C
            # library, without time zone objects, 5.0 -> 2.0 us a comment.
            return strftime("%Y-%m-%dT%H:%M:%SZ", gmtime(int(value)))
        try:
            moment = datetime.fromtimestamp(value, UTC)
        except (OverflowError, OSError, ValueError):
            return None
    elif isinstance(value, str) and len(value) < 64:
        try:
            moment = datetime.fromisoformat(value.strip())
        except ValueError:
            return None
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        try:
            moment = moment.astimezone(UTC)
        except (OverflowError, ValueError):
            return None
    if moment is None:
        return None
    return moment.replace(microsecond=0, tzinfo=None).isoformat() + "Z"


def web_url(value: object) -> str | None:
    """`value` when it is a web address (http or https, with a host, no spaces), else None.

    >>> web_url("https://lemmy.ml/post/1"), web_url("javascript:alert(1)"), web_url("/t/x/1")
    ('https://lemmy.ml/post/1', None, None)
    """
    if not isinstance(value, str) or len(value) > 4096:
        return None
    url = value.strip()
    if not url or clean(url) != url or " " in url:
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return url if parts.scheme.lower() in ("http", "https") and parts.hostname else None


def host(url: str | None) -> str | None:
    """The host of a web address, lower case.

    >>> host("https://Beehaw.org/u/someone"), host(None)
    ('beehaw.org', None)
    """
    if url is None:
        return None
    try:
        return urlsplit(url).hostname or None
    except ValueError:
        return None


def mapping(value: object) -> dict[str, Any]:
    """`value` when it is a JSON object, else an empty one."""
    return value if isinstance(value, dict) else {}


def finish(
    comments: list[Comment],
    rank: Callable[[Comment], Any],
    noun: str,
    skipped: list[str],
) -> list[Comment]:
    """`comments` in thread order: each parent before its replies, siblings (and top-level
    comments) by `rank`. A comment whose parent is not among them, and one comment of each loop
    of replies, becomes top-level, with a line in `skipped` naming it (`noun`: "comment",
    "post", "status").
    """
    keys = {c.key for c in comments}
    placed: list[Comment] = []
    for c in comments:
        if c.parent is not None and c.parent not in keys:
            skipped.append(
                f"{noun} {c.key} replies to {c.parent}, which is not in the file; "
                "it is kept as a top-level reply"
            )
            c = replace(c, parent=None)
        placed.append(c)
    by_key = {c.key: c for c in placed}
    children: dict[str | None, list[Comment]] = {}
    for c in placed:
        children.setdefault(c.parent, []).append(c)
    for replies in children.values():
        replies.sort(key=rank)
    ordered: list[Comment] = []
    seen: set[str] = set()

    def walk(start: Comment) -> None:
        stack = [start]
        while stack:
            c = stack.pop()
            if c.key in seen:
                continue
            seen.add(c.key)
            ordered.append(c)
            stack.extend(reversed(children.get(c.key, [])))

    for root in children.get(None, []):
        walk(root)
    for c in sorted(placed, key=rank):  # only comments in a loop of replies are left
        if c.key not in seen:
            skipped.append(
                f"{noun} {c.key} is in a loop of replies (it replies, through others, to "
                f"itself); it is kept as a top-level reply instead of a reply to {c.parent}"
            )
            by_key[c.key] = replace(c, parent=None)
            start = len(ordered)
            walk(c)
            ordered[start] = by_key[c.key]
    return ordered


def by_position(comments: list[Comment]) -> Callable[[Comment], Hashable]:
    """A rank that keeps the order of `comments` (for sites whose file is in the order shown)."""
    position = {c.key: i for i, c in enumerate(comments)}
    return lambda c: position[c.key]
