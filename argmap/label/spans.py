"""Where each claim of a debate file is written: the start and end of every key and value, as
offsets into the text, so that `argmap label` can change one relation by editing those
characters and no others.

The loader's nodes keep only where each value starts (a file holds millions of them, and
nothing there needs more), and an edit needs where each ends too; so this reads the text again,
as PyYAML's events, which carry both marks. It runs on a file the loader has accepted (no
aliases, no tags, nesting within bounds), and like the loader it composes without recursion.
"""

from __future__ import annotations

import gc
from dataclasses import dataclass, field
from typing import Any

from yaml.events import (
    DocumentEndEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)

from argmap.fileformat import NESTED_FIELDS
from argmap.yamlnodes import LOADER, hide_breaks

SECTIONS = frozenset(name for name, _ in NESTED_FIELDS)


@dataclass(eq=False)
class Value:
    """A key or a value as written: `text[start:end]`. A scalar has its `text` and `style`
    (`''` plain, `'"'`, `"'"`, `'|'`, `'>'`); a list its `items`; a mapping its `pairs`."""

    start: int
    end: int
    kind: str  # "scalar", "seq" or "map"
    flow: bool = False  # a [list] or {mapping} rather than a block
    text: str = ""
    style: str = ""
    items: list[Value] = field(default_factory=list)
    pairs: list[tuple[Value, Value]] = field(default_factory=list)

    def get(self, key: str) -> tuple[Value, Value] | None:
        """The pair of this mapping whose key is `key`."""
        return next((p for p in self.pairs if p[0].text == key), None)


def compose(text: str) -> Value:
    """The document in `text` as `Value`s, each with where it starts and ends in `text`."""
    read, _ = hide_breaks(text)  # as the loader does: NEL, LS and PS are not line breaks here
    # libyaml reads past a byte-order mark and counts its marks from after it: each offset
    # would be one short of where it is in `text`.
    shift = 1 if read.startswith("\ufeff") else 0
    read = read[shift:]
    root: list[Value] = []
    open_: list[Value] = []
    top = root
    loader: Any = LOADER(read)
    # A value for every key and scalar, none in a cycle: the cyclic collector's passes over
    # them took half the time (as the loader finds for its own tree).
    collecting = gc.isenabled()
    gc.disable()
    try:
        while True:
            event = loader.get_event()
            cls = type(event)
            if cls is ScalarEvent:
                style = event.style or ""
                end = event.end_mark.index
                if style in ("|", ">"):  # its end mark is past the blank lines that follow it
                    while end > 0 and read[end - 1] in " \t\r\n":
                        end -= 1
                start = event.start_mark.index
                top.append(
                    Value(start + shift, end + shift, "scalar", text=event.value, style=style)
                )
            elif cls is MappingStartEvent or cls is SequenceStartEvent:
                kind = "map" if cls is MappingStartEvent else "seq"
                start = event.start_mark.index + shift
                node = Value(start, -1, kind, flow=bool(event.flow_style))
                top.append(node)
                open_.append(node)
                top = node.items
            elif cls is MappingEndEvent or cls is SequenceEndEvent:
                node = open_.pop()
                if node.kind == "map":
                    node.pairs = list(zip(node.items[::2], node.items[1::2], strict=True))
                    node.items = []
                node.end = event.end_mark.index + shift if node.flow else content_end(node)
                top = open_[-1].items if open_ else root
            elif cls is DocumentEndEvent:
                break
    finally:
        loader.dispose()
        if collecting:
            gc.enable()
    if not root:
        raise ValueError("the text holds no YAML document")
    return root[0]


def content_end(value: Value) -> int:
    """Where what is written of `value` ends: a block collection ends where its last value
    does (PyYAML's end mark is the next token, past any comments and blank lines)."""
    if value.kind == "scalar" or value.flow:
        return value.end
    if value.kind == "map":
        if not value.pairs:
            return value.start
        key, last = value.pairs[-1]
        return max(key.end, last.end)
    return value.items[-1].end if value.items else value.start


@dataclass
class Place:
    """Where one claim is written: its key and value (a mapping), and what holds it: the pair
    of the section it is nested in (`replies:` ...) with the claim above, or none for a claim
    directly under `claims:`; and `top`, the claim under `claims:` it is written within."""

    key: Value
    value: Value
    top: tuple[Value, Value]
    section: tuple[Value, Value] | None = None  # the (`replies`, mapping) pair holding it
    section_of: str | None = None  # the id of the claim whose section that is
    claims: Value | None = None  # the mapping under `claims:`


def places(root: Value) -> dict[str, Place]:
    """Where each claim is written, nested ones included, by id (the first of a repeated id,
    as the loader keeps it)."""
    found = root.get("claims") if root.kind == "map" else None
    if found is None or found[1].kind != "map":
        return {}
    claims = found[1]
    out: dict[str, Place] = {}
    for top in claims.pairs:
        # Each entry: (key, value, the section pair holding it, the id of its parent).
        stack: list[tuple[Value, Value, tuple[Value, Value] | None, str | None]] = [
            (top[0], top[1], None, None)
        ]
        while stack:
            key, value, section, parent = stack.pop()
            out.setdefault(key.text, Place(key, value, top, section, parent, claims))
            if value.kind != "map":
                continue
            for pair in value.pairs:
                if pair[0].text in SECTIONS and pair[1].kind == "map":
                    stack.extend((k, v, pair, key.text) for k, v in reversed(pair[1].pairs))
    return out
