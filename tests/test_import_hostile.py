"""Hostile comment text stays data: imported from a site's JSON (Markdown and HTML) or pasted,
markup is words, control characters go, `javascript:` links cite nothing, and every output of
the imported debate shows the words without obeying them."""

from __future__ import annotations

import json
import re

from argmap import loads
from argmap.check import check_text
from argmap.convert import IMPORTERS
from argmap.convert.written import imported_yaml
from argmap.render.dot import to_dot
from argmap.render.html import to_html
from argmap.render.mermaid import to_mermaid

BODY = (
    "<script>alert(1)</script> [click](javascript:alert(1)) \x1b[31mred\x1b[0m "
    "\u202egnp.exe\u202c {{x}} ]; A --> B %% [/x] `code` # not a heading"
)
HN_TEXT = (
    '<p>&lt;img src=x onerror=alert(1)&gt; <a href="javascript:alert(1)">click</a>'
    '<script>alert(2)</script><p>fine <a href="https://example.org/ok">ok</a>'
)


def reddit_thread() -> bytes:
    def t1(key: str, parent: str, body: str) -> dict[str, object]:
        return {
            "kind": "t1",
            "data": {"id": key, "parent_id": parent, "author": "eve\u202e", "body": body,
                     "created_utc": 1_700_000_000, "score": 1, "permalink": f"/r/x/{key}/",
                     "replies": ""},
        }  # fmt: skip

    post = {"kind": "t3", "data": {"id": "p", "title": "<b>T</b>\x00", "author": "op",
                                   "selftext": BODY, "created_utc": 1_700_000_000,
                                   "permalink": "/r/x/p/"}}  # fmt: skip
    first = t1("a", "t3_p", BODY)
    first["data"]["replies"] = {"kind": "Listing", "data": {"children": [t1("b", "t1_a", BODY)]}}  # type: ignore[index]
    return json.dumps(
        [
            {"kind": "Listing", "data": {"children": [post]}},
            {"kind": "Listing", "data": {"children": [first]}},
        ]
    ).encode()


def imported(fmt: str, data: bytes) -> str:
    text = imported_yaml(IMPORTERS[fmt].read(data, "hostile"))
    result = check_text(text, "hostile.yaml")
    assert result.debate is not None
    assert {d.code for d in result.diagnostics} == {"unclassified-reply"}
    return text


def test_markdown_markup_and_controls_become_plain_words() -> None:
    debate = loads(imported("reddit", reddit_thread()))
    texts = [c.text for c in debate.claims.values()]
    assert texts[1] == (
        # The escape character goes; what followed it is words.
        "<script>alert(1)</script> click [31mred[0m \u202egnp.exe\u202c {{x}} ]; A --> B %% "
        "[/x] code # not a heading"
    )
    assert debate.title == "<b>T</b>"
    assert [s.url for s in debate.sources.values()] == []  # a javascript: link cites nothing


def test_html_markup_and_scripts_become_plain_words() -> None:
    reply = {"id": 2, "type": "comment", "author": "eve", "text": HN_TEXT,
             "created_at_i": 1_700_000_060, "parent_id": 1, "children": []}  # fmt: skip
    story = {"id": 1, "type": "story", "author": "op", "title": "T", "text": HN_TEXT,
             "created_at_i": 1_700_000_000, "points": 3, "children": [reply]}  # fmt: skip
    debate = loads(imported("hn", json.dumps(story).encode()))
    assert [c.text for c in debate.claims.values()][1] == (
        "<img src=x onerror=alert(1)> click\n\nfine ok"
    )
    assert [s.url for s in debate.sources.values()] == ["https://example.org/ok"]


def test_every_drawing_shows_the_words_without_obeying_them() -> None:
    debate = loads(imported("reddit", reddit_thread()))
    page = to_html(debate, "<svg></svg>")
    plain = to_html(loads("title: T\nclaims:\n  a: {text: A}\n"), "<svg></svg>")
    assert len(re.findall(r"<script\b", page)) == len(re.findall(r"<script\b", plain))
    assert "javascript:" not in page
    dot = to_dot(debate)
    assert "<script>" not in dot and "&lt;script&gt;alert(1)&lt;/script&gt;" in dot
    mermaid = to_mermaid(debate)
    assert "\u202e" not in mermaid and "<script>" not in mermaid and "#60;script#62;" in mermaid
