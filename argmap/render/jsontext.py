"""The JSON text argmap prints (`--format json`): indented, non-ASCII kept, controls escaped,
and no limit on nesting."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

# Characters `json.dumps(ensure_ascii=False)` leaves raw but a terminal would act on: DEL, the C1
# controls, and the bidirectional overrides. In JSON they can only be inside strings, where a
# `\uNNNN` escape stands for the same character, so the data is unchanged.
_JSON_ESCAPES = {
    c: f"\\u{c:04x}"
    for c in (0x7F, *range(0x80, 0xA0), *range(0x202A, 0x202F), *range(0x2066, 0x206A))
}


def to_json(data: Any) -> str:
    """`data` as the JSON text argmap prints: indented, non-ASCII kept, controls escaped.

    >>> print(to_json({"text": "é\\x1b\\x9b"}))
    {
      "text": "é\\u001b\\u009b"
    }
    """
    try:
        text = json.dumps(data, indent=2, ensure_ascii=False)
    except RecursionError:  # a tree nested deeper than Python's recursion limit
        text = _dumps_deep(data)
    return text.translate(_JSON_ESCAPES)


def _dumps_deep(data: Any) -> str:
    """What `json.dumps(data, indent=2, ensure_ascii=False)` gives, for dicts with text keys,
    lists and scalars, without recursion, so without a limit on nesting.

    >>> _dumps_deep({"a": [1, {"b": None}], "c": [], "d": {}})
    '{\\n  "a": [\\n    1,\\n    {\\n      "b": null\\n    }\\n  ],\\n  "c": [],\\n  "d": {}\\n}'
    """
    out: list[str] = []
    # Each open container: its remaining (key or None, value) pairs, its depth, its closing
    # bracket, and whether an item has been written yet.
    stack: list[tuple[Iterator[tuple[str | None, Any]], int, str, list[bool]]] = []

    def start(value: Any, depth: int) -> None:
        if isinstance(value, dict) and value:
            out.append("{")
            stack.append((iter(value.items()), depth + 1, "}", [False]))
        elif isinstance(value, list | tuple) and value:
            out.append("[")
            stack.append((((None, v) for v in value), depth + 1, "]", [False]))
        else:
            out.append(json.dumps(value, ensure_ascii=False))

    start(data, 0)
    while stack:
        items, depth, closer, started = stack[-1]
        item = next(items, None)
        if item is None:
            stack.pop()
            out.append("\n" + "  " * (depth - 1) + closer)
            continue
        out.append(("," if started[0] else "") + "\n" + "  " * depth)
        started[0] = True
        key, value = item
        if key is not None:
            out.append(json.dumps(key, ensure_ascii=False) + ": ")
        start(value, depth)
    return "".join(out)
