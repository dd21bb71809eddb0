"""The HTML page as text: what it holds, its policy, its data, its determinism (no browser here;
tests/test_html_browser.py opens the pages in Chromium)."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path

import pytest

from argmap import load, loads
from argmap.diagram import DiagramOptions
from argmap.errors import DiagramError
from argmap.look import THEMES, Theme
from argmap.render.formats import render
from argmap.render.html import _svg_body, dark_rules, page_data, to_html

from .conftest import ROOT

SEED = ROOT / "debates/retrieval-or-concepts.yaml"
HOSTILE = ROOT / "tests/data/hostile.yaml"

SMALL = """\
title: Small
speakers:
  ann: {url: https://example.org/ann}
  bob: {url: "javascript:alert(1)"}
sources:
  s1: {title: A source, url: https://example.org/s1}
claims:
  a: {by: ann, text: "A <b>", cites: [{source: s1, quote: Q}]}
  b: {by: bob, text: B, rebuts: a}
  c: {text: C, supports: a, tags: [t], note: N}
"""


def blocks(page: str) -> dict[str, str]:
    """The page's inline style, script and JSON data, by kind."""
    return {
        "style": re.search(r"<style>(.*?)</style>", page, re.DOTALL).group(1),  # type: ignore[union-attr]
        "script": re.search(r"<script>(.*?)</script>", page, re.DOTALL).group(1),  # type: ignore[union-attr]
        "data": re.search(
            r'<script type="application/json" data-am="data">(.*?)</script>', page, re.DOTALL
        ).group(1),  # type: ignore[union-attr]
    }


def sha256(code: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(code.encode()).digest()).decode() + "'"


def test_page_data_has_each_claim_with_its_status_reason_relations_and_citations() -> None:
    data = page_data(loads(SMALL))
    assert data["claims"] == [
        {
            "id": "a",
            "text": "A <b>",
            "by": "ann",
            "status": "defeated",
            "unanswered": False,
            "reason": "defeated by b, which stands and rebuts it.",
            "acceptance": None,
            "answers": [],
            "answered_by": [["b", "rebuts"], ["c", "supports"]],
            "cites": [
                {
                    "source": "s1",
                    "title": "A source",
                    "url": "https://example.org/s1",
                    "author": None,
                    "quote": "Q",
                    "locator": None,
                }
            ],
            "tags": [],
            "note": None,
            "at": None,
            "url": None,
            "score": None,
            "strength": 0.5,
            "strength_mark": "0.50 ▰▰▰▰▰▱▱▱▱▱",
            "strength_line": "0.50 (DF-QuAD, base 0.50): lowered 0.25 by b (bob), "
            "raised 0.25 by c.",
        },
        {
            "id": "b",
            "text": "B",
            "by": "bob",
            "status": "standing",
            "unanswered": True,
            "reason": "nothing rebuts or undercuts it (it is unanswered).",
            "acceptance": None,
            "answers": [["a", "rebuts"]],
            "answered_by": [],
            "cites": [],
            "tags": [],
            "note": None,
            "at": None,
            "url": None,
            "score": None,
            "strength": 0.5,
            "strength_mark": "0.50 ▰▰▰▰▰▱▱▱▱▱",
            "strength_line": "0.50 (DF-QuAD, base 0.50): nothing rebuts, undercuts or supports it.",
        },
        {
            "id": "c",
            "text": "C",
            "by": None,
            "status": "standing",
            "unanswered": True,
            "reason": "nothing rebuts or undercuts it (it is unanswered).",
            "acceptance": None,
            "answers": [["a", "supports"]],
            "answered_by": [],
            "cites": [],
            "tags": ["t"],
            "note": "N",
            "at": None,
            "url": None,
            "score": None,
            "strength": 0.5,
            "strength_mark": "0.50 ▰▰▰▰▰▱▱▱▱▱",
            "strength_line": "0.50 (DF-QuAD, base 0.50): nothing rebuts, undercuts or supports it.",
        },
    ]
    assert [(s["name"], s["url"]) for s in data["speakers"]] == [
        ("ann", "https://example.org/ann"),
        ("bob", "javascript:alert(1)"),  # kept as data; the page shows it as text, not a link
    ]
    assert (data["unanswered"], data["contested"]) == (
        ["b", "c"],
        [{"id": "a", "attackers": ["b"]}],
    )


def test_an_undecided_claim_carries_its_preferred_acceptance() -> None:
    debate = loads("title: T\nclaims:\n  a: {text: A, rebuts: b}\n  b: {text: B, rebuts: a}\n")
    claim = page_data(debate)["claims"][0]
    assert (claim["status"], claim["acceptance"]) == (
        "undecided",
        "credulous: yes, sceptical: no (it stands in some preferred extensions, not in all).",
    )
    assert claim["reason"] == (
        "of the claims that rebut or undercut it (b), none stands and not all are defeated: "
        "attacks going round in a cycle leave them open."
    )


def test_the_policy_allows_only_the_page_s_own_style_and_script() -> None:
    page = render(load(SEED), "html").data.decode()
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', page)
    assert policy is not None
    code = blocks(page)
    assert policy.group(1).replace("&#x27;", "'").split("; ") == [
        "default-src 'none'",
        f"style-src {sha256(code['style'])}",
        f"script-src {sha256(code['script'])}",
        "img-src data:",
        "base-uri 'none'",
        "form-action 'none'",
    ]
    assert page.index("Content-Security-Policy") < page.index("<style>")
    assert '<meta name="referrer" content="no-referrer">' in page
    # Nothing that would fetch: no external script, style, font or image.
    assert not re.search(r"""(src|href)=["'](?!data:)""", page.replace("xlink:href", ""))


def test_the_page_holds_the_svg_that_render_draws() -> None:
    debate = load(SEED)
    svg = render(debate, "svg").data.decode()
    page = render(debate, "html").data.decode()
    assert _svg_body(svg) in page
    body = _svg_body(svg)
    assert body.startswith("<svg viewBox=") and body.endswith("</svg>")
    assert "<!--" not in body and "<?xml" not in body and "DOCTYPE" not in body
    assert body.count('class="node claim') == len(debate.claims)


def test_links_in_the_svg_pass_on_no_referrer() -> None:
    page = render(load(HOSTILE), "html", DiagramOptions(sources=True)).data.decode()
    anchors = re.findall(r"<a [^>]*>", page)
    assert anchors == [
        '<a rel="noopener noreferrer" xlink:href="https://example.org/a?b=1&amp;c=%3C2%3E" '
        'xlink:title="&lt;B&gt;An &amp;quot;honest&amp;quot; &amp;lt;source&amp;gt; &amp;amp; '
        'more&lt;/B&gt;" '
        'target="_blank">'
    ]


def test_hostile_text_cannot_end_the_data_block_or_the_title() -> None:
    debate = load(HOSTILE)
    page = render(debate, "html").data.decode()
    data = blocks(page)["data"]
    assert "<" not in data and ">" not in data and "&" not in data
    assert json.loads(data) == page_data(debate)
    assert page.count("<script") == 2 and page.count("</script>") == 2
    title = re.search(r"<title>(.*?)</title>", page, re.DOTALL)
    assert title is not None and "<" not in title.group(1)
    assert "&lt;script&gt;alert(&#x27;t&#x27;)&lt;/script&gt;" in title.group(1)


def test_the_same_debate_gives_the_same_bytes() -> None:
    debate = load(SEED)
    assert render(debate, "html").data == render(load(SEED), "html").data


def test_dark_rules_map_each_light_colour_to_its_dark_one() -> None:
    rules = dark_rules().splitlines()
    assert rules[0] == "@media (prefers-color-scheme: dark) {"
    assert '.am-map [fill="white"] { fill: #1b1b1f; }' in rules
    assert '.am-map [stroke="#0072b2"] { stroke: #56B4E9; }' in rules
    assert '.am-map [fill="#fbe3d6"] { fill: #4a2a12; }' in rules
    light = THEMES["light"]
    colours = {
        light.background, light.text, light.muted, light.panel, *light.source,
        *light.edge.values(), *(c for pair in light.status.values() for c in pair),
    }  # fmt: skip
    assert len(rules) == 2 + 2 * len({c.lower() for c in colours})


def test_dark_rules_refuse_a_light_colour_with_two_dark_ones() -> None:
    light = THEMES["light"]
    broken = Theme(**{**light.__dict__, "muted": light.text})  # dark has two colours for them
    with pytest.raises(ValueError, match="light colour #1a1a1a stands for two dark colours"):
        dark_rules(broken)


def test_page_for_every_option_set_is_complete(tmp_path: Path) -> None:
    debate = load(SEED)
    for options in (
        DiagramOptions(focus="lookup", depth=1),
        DiagramOptions(speaker="flatbield"),
        DiagramOptions(unanswered_only=True),
        DiagramOptions(cluster_speakers=True, direction="LR", theme="dark"),
    ):
        page = render(debate, "html", options).data.decode()
        # Every claim is in the data (the panel can show one not drawn); the drawing follows the
        # options, in the light theme (dark comes from the reader's setting).
        assert [c["id"] for c in json.loads(blocks(page)["data"])["claims"]] == list(debate.claims)
        assert 'fill="white"' in page
        assert 'style="' not in page  # the policy allows no style attribute


def test_to_html_wants_graphviz_svg() -> None:
    with pytest.raises(DiagramError, match="Graphviz's `dot` wrote no <svg> element"):
        to_html(load(SEED), "not svg")


def test_the_page_writes_no_colour_or_mark_of_its_own() -> None:
    # Its colours arrive as CSS variables and its marks as data, both from argmap/look.py.
    folder = ROOT / "argmap/render"
    for name in ("page.css", "page.js"):
        text = (folder / name).read_text(encoding="utf-8")
        assert re.findall(r"#[0-9A-Fa-f]{3,8}\b", text) == [], name
        assert not {"✔", "✘"} & set(text), name
    assert page_data(loads(SMALL))["marks"] == {
        "standing": "✔ standing",
        "defeated": "✘ defeated",
        "undecided": "? undecided",
    }
