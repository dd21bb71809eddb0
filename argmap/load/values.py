"""Reading one value of the debate format: a mapping of known fields, a text, an address, one
value or a list of them, a section of entries. Each reader reports what is wrong with its node
and gives back what can still be used, so the walk goes on and finds every mistake.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from datetime import datetime
from urllib.parse import urlsplit

from argmap.errors import quote
from argmap.fileformat import CLAIM_FIELDS, SYNONYMS, TIME_RE, Field, field_names
from argmap.load.hints import Names, Reporter, suggestion, type_hint, what_kind
from argmap.yamlnodes import (
    FLOAT,
    INT,
    NULL,
    STR,
    TEXT_TAGS,
    MappingNode,
    Node,
    Refused,
    ScalarNode,
    SequenceNode,
    index,
    join,
    kind,
)

_FIELD_SETS: dict[int, tuple[tuple[Field, ...], frozenset[str], frozenset[str]]] = {}


def _field_sets(spec: tuple[Field, ...]) -> tuple[frozenset[str], frozenset[str]]:
    """The names of the fields in `spec`, and of those required."""
    sets = _FIELD_SETS.get(id(spec))
    if sets is None or sets[0] is not spec:
        known = frozenset(f.name for f in spec)
        sets = _FIELD_SETS[id(spec)] = (spec, known, frozenset(f.name for f in spec if f.required))
    return sets[1], sets[2]


def plain_text(node: Node | None) -> str | None:
    """The text of a scalar that is text and not blank; None for anything `Reader.text`
    would report or skip. The common case, tested inline before asking `text` for messages."""
    if node.__class__ is ScalarNode and node.tag in TEXT_TAGS:
        value: str = node.value
        if value and not value.isspace():  # as `value.strip()`, without a copy
            return value
    return None


def plain_fields(node: Node, spec: tuple[Field, ...]) -> dict[str, Node] | None:
    """The fields of a mapping that holds only fields of `spec`, and every required one; None
    for anything else, which `Reader.fields` would report or skip. The common case, tested
    before asking `fields` for messages. (The vetting leaves one key of each text.)"""
    if node.__class__ is MappingNode:
        known, required = _field_sets(spec)
        found = {key.value: value for key, value in node.value}
        if found.keys() <= known and required <= found.keys():
            return found
    return None


def plain_int(node: Node) -> int | None:
    """The whole number a scalar holds; None for anything `Reader.count` would report."""
    if node.__class__ is ScalarNode and node.tag == INT:
        try:
            return int(node.value.replace("_", ""), 0)
        except ValueError:
            pass
    return None


def time_problem(value: str) -> str | None:
    """What is wrong with `value` as an `at:` time, or None when it is one.

    >>> [time_problem(v) for v in ("2023-07-14", "2023-07-14T09:30:00Z", "2023-07-14 09:30+02:00")]
    [None, None, None]
    >>> time_problem("2023-07-14T09:30")
    'has no time zone'
    >>> time_problem("2023-02-30"), time_problem("yesterday")
    ('is not a real date', 'is not an ISO 8601 time')
    >>> time_problem("2023-07-14t09:30z")  # ISO 8601 allows lower case; `fromisoformat` does not
    """
    if not TIME_RE.fullmatch(value):
        if TIME_RE.fullmatch(value + "Z"):
            return "has no time zone"
        return "is not an ISO 8601 time"
    try:
        datetime.fromisoformat(value.upper())
    except ValueError:
        return "is not a real date" if len(value) == 10 else "is not a real time"
    return None


# An address that is plainly http(s): the scheme, a host of letters, digits, dots and hyphens,
# then printable ASCII. `urlsplit` says yes to every such one, and most addresses are such;
# any other is asked of `urlsplit`. (No IGNORECASE: it would let U+017F stand for `s`.)
_PLAIN_WEB = re.compile(r"[Hh][Tt][Tt][Pp][Ss]?://[A-Za-z0-9.-]+(?:[/?#][!-~]*)?")


def is_http(url: str) -> bool:
    """Whether `url` is an http(s) address.

    >>> is_http("https://example.org/a"), is_http("example.org"), is_http("http://[::1")
    (True, False, False)
    """
    if _PLAIN_WEB.fullmatch(url):
        return True
    try:
        parts = urlsplit(url.strip())
    except ValueError:  # such as an unclosed [ of an IPv6 address, found by tests/fuzz.py
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def _number(text: str) -> float | None:
    """A YAML number as Python reads it (`1_000`, `.5`, `1.0e-3`, `.inf`, `0x1f`), or None."""
    text = text.replace("_", "")
    special = {".inf": float("inf"), ".nan": float("nan")}.get(text.lower().lstrip("+-"))
    if special is not None:
        return -special if text.startswith("-") else special
    try:
        return float(text)
    except ValueError:
        pass
    try:
        return float(int(text, 0))
    except (ValueError, OverflowError):
        return None


class Reader(Reporter):
    """The typed readers, each reporting at the node it reads."""

    def fields(
        self, node: Node, spec: tuple[Field, ...], what: str, path: str, anchor: Node
    ) -> dict[str, Node] | None:
        """The fields of a mapping, after reporting unknown and missing ones."""
        found = plain_fields(node, spec)
        if found is not None:
            return found
        if isinstance(node, Refused):
            return None
        if isinstance(node, ScalarNode) and node.tag == NULL:
            first = next(f for f in spec if f.required) if spec is CLAIM_FIELDS else None
            self.report(
                "empty-value",
                anchor,
                f"{what} is empty",
                f"add `{first.name}: ...` on the next line, indented" if first else None,
                path,
            )
            return None
        if not isinstance(node, MappingNode):
            hint = None
            if spec is CLAIM_FIELDS and isinstance(node, ScalarNode) and node.tag == STR:
                hint = "put the text under the id, indented, as `text: ...`"
            self.report(
                "wrong-type",
                node,
                f"{what} must be a mapping of fields, not {kind(node)}",
                hint,
                path,
            )
            return None
        names = field_names(spec)
        found = {}
        for key, value in node.value:
            if key.value in names:
                found[key.value] = value
                continue
            guess = SYNONYMS.get(key.value)
            hint = (
                suggestion(guess)
                if guess is not None and guess in names
                else self.suggestions.hint(key.value, Names(names, "field names"), cutoff=0.75)
            )
            self.report(
                "unknown-field",
                key,
                f"{what} has no field {quote(key.value)}",
                hint or f"the fields of {what_kind(what)} are: {', '.join(names)}",
                join(path, key.value),
            )
        for f in spec:
            if f.required and f.name not in found:
                self.report(
                    "missing-field",
                    anchor,
                    f"{what} has no {quote(f.name)}",
                    f"add `{f.name}:` ({f.help[0].lower() + f.help[1:].rstrip('.')})",
                    path,
                )
        return found

    def text(
        self,
        node: Node | None,
        what: str,
        path: str,
        required: bool = False,
        wanted: str = "text",
    ) -> str | None:
        if node is None or isinstance(node, Refused):
            return None
        if isinstance(node, ScalarNode) and node.tag in TEXT_TAGS and node.value.strip():
            return str(node.value)
        if isinstance(node, ScalarNode) and node.tag in TEXT_TAGS | {NULL}:
            self.report(
                "empty-value",
                node,
                f"{what} is {'empty' if node.tag == NULL else 'blank'}",
                "write it after the colon" + ("" if required else ", or remove the line"),
                path,
            )
        else:
            self.report(
                "wrong-type",
                node,
                f"{what} must be text, not {kind(node)}",
                type_hint(node, wanted),
                path,
            )
        return None

    def url(self, node: Node | None, what: str, path: str) -> str | None:
        value = self.text(node, what, path)
        if value is not None and not is_http(value):
            self.report(
                "non-http-url",
                node,
                f"{what} is not an http(s) address: {quote(value)}",
                "write a full address such as https://example.org/page; "
                "other kinds are never made clickable",
                path,
            )
        return value

    def time(self, node: Node | None, what: str, path: str) -> str | None:
        """An `at:` value: a date, or a date and time with a time zone, as written."""
        value = self.text(node, what, path)
        if value is None:
            return None
        value = value.strip()
        problem = time_problem(value)
        if problem is not None:
            self.report(
                "bad-time",
                node,
                f"{what} {problem}: {quote(value)}",
                "write a date and time in ISO 8601 with its time zone, such as "
                "2023-07-14T09:30:00Z or 2023-07-14T11:30:00+02:00, or a date, 2023-07-14",
                path,
            )
            return None
        return value

    def count(self, node: Node | None, what: str, path: str) -> int | None:
        """A whole number, such as a `score:`."""
        if node is None or isinstance(node, Refused):
            return None
        value = plain_int(node)
        if value is not None:
            return value
        self.report(
            "wrong-type",
            node,
            f"{what} must be a whole number, not {kind(node)}",
            "write the number alone, such as 12 or -3",
            path,
        )
        return None

    def fraction(self, node: Node | None, what: str, path: str) -> float | None:
        """A number from 0 to 1, such as a `weight:`."""
        if node is None or isinstance(node, Refused):
            return None
        if isinstance(node, ScalarNode) and node.tag == NULL:
            self.report(
                "empty-value",
                node,
                f"{what} is empty",
                "write a number from 0 to 1 after the colon, or remove the line",
                path,
            )
            return None
        problem = "must be a number from 0 to 1, not " + kind(node)
        hint = (
            "write a number from 0 (counts for nothing) to 1 (counts fully), such as 0.8; "
            "0.5, the default, is neutral"
        )
        if isinstance(node, ScalarNode) and node.tag in (INT, FLOAT):
            value = _number(str(node.value))
            if value is not None and 0 <= value <= 1:
                return value
            if value is not None and value == value:  # not NaN
                shown = node.value if len(node.value) <= 40 else node.value[:40] + "..."
                problem = f"is {shown}, {'above 1' if value > 1 else 'below 0'}"
                if 1 < value <= 100:
                    hint = f"a weight is from 0 to 1, not a percentage: write {value / 100:g}"
            else:
                problem = "is not a number argmap can read" if value is None else "is .nan"
        self.report(
            "bad-weight",
            node,
            f"{what} {problem}",
            hint,
            path,
        )
        return None

    def items(self, node: Node | None, path: str) -> Iterator[tuple[Node, str]]:
        """One value or a list of values, as (node, path) pairs."""
        if node is None or isinstance(node, Refused):
            return
        if isinstance(node, SequenceNode):
            for i, item in enumerate(node.value):
                if not isinstance(item, Refused):
                    yield item, index(path, i)
        else:
            yield node, path

    def mapping(
        self, node: Node, what: str, path: str, keyed_by: str = "ids"
    ) -> list[Sequence[Node]]:
        """The (key, value) pairs of a section such as `claims:`, `sources:`, `rebuttals:`."""
        if isinstance(node, Refused):
            return []
        if not isinstance(node, MappingNode):
            empty = isinstance(node, ScalarNode) and node.tag == NULL
            self.report(
                "empty-value" if empty else "wrong-type",
                node,
                f"{what} is empty"
                if empty
                else f"{what} must be a mapping of {keyed_by} to entries, not {kind(node)}",
                "list entries under it, indented, or remove the line"
                if empty
                else "indent each entry under it as `id: {...}`",
                path,
            )
            return []
        return list(node.value)
