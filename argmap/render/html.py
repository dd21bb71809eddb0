"""One self-contained HTML page: the diagram with pan and zoom, a panel for each claim, search,
filters and the summary (`argmap render FILE -o map.html`).

The page holds three things argmap writes: the SVG that `render` draws (Graphviz escapes every
string in it), one JSON block with the debate's data, and the page's own CSS and script
(`page.css`, `page.js`). The script reads the JSON and puts each string on the page as text,
never as HTML. A Content-Security-Policy allows nothing but that inline style and script (named
by their SHA-256), so the page makes no request of any kind and works from `file://`.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from importlib import resources
from typing import Any

from argmap.analysis import Analysis, analyse
from argmap.analyze import Status
from argmap.errors import DiagramError
from argmap.look import BORDER, SEMANTICS_NAMES, THEMES, Theme, mark, strength_mark
from argmap.model import Debate
from argmap.render import report
from argmap.render.strengths import FEW
from argmap.render.words import acceptance_sentence, provisional, reason, strength_sentence

# `<`, `>` and `&` are written as JSON escapes, so no string can end the <script> block the data
# sits in or start a comment there; U+2028/9 too, which some older parsers took for line ends.
_JSON_IN_HTML = {
    ord("<"): "\\u003c",
    ord(">"): "\\u003e",
    ord("&"): "\\u0026",
    0x2028: "\\u2028",
    0x2029: "\\u2029",
}


def _asset(name: str) -> str:
    return resources.files("argmap.render").joinpath(name).read_text(encoding="utf-8")


def page_data(
    debate: Debate | Analysis, semantics: str | None = None, base: str = "weights"
) -> dict[str, Any]:
    """What the page's script reads: every claim with its status, reason, relations and
    citations, its strength under `semantics` (None: the default) from the base scores `base`
    (`Analysis.strength`) with the sentence of what moved it, and the summary. Shapes follow
    `argmap.render.report` (docs/json.md). Addresses are kept as they are: the script makes
    links of the http(s) ones only, and shows any other as text."""
    analysis = analyse(debate)
    debate = analysis.debate
    summary = report.summary(analysis)
    quiet = analysis.unanswered_ids
    strengths = (
        analysis.strength(base=base) if semantics is None else analysis.strength(semantics, base)
    )
    strongest, weakest = strengths.extremes(FEW)
    claims = [
        {
            "id": shown["id"],
            "text": shown["text"],
            "by": shown["by"],
            "status": shown["status"],
            "unanswered": shown["id"] in quiet,
            "reason": reason(shown),
            "acceptance": acceptance_sentence(shown["acceptance"])
            if shown["why"] == "undecided"
            else None,
            "answers": [[link["id"], link["relation"]] for link in shown["answers"]],
            "answered_by": [[link["id"], link["relation"]] for link in shown["answered_by"]],
            "cites": shown["cites"],
            "tags": shown["tags"],
            "note": shown["note"],
            "at": shown["at"],
            "url": shown["url"],
            "score": shown["score"],
            "strength": strengths.strength[shown["id"]],
            "strength_mark": strength_mark(strengths.strength[shown["id"]]),
            "strength_line": strength_sentence(shown["strength"]),
        }
        for shown in report.show_all(analysis, strengths.semantics, base)
    ]
    return {
        "title": debate.title,
        "marks": {status.value: mark(status) for status in Status},
        "timeline": _timeline(analysis),
        "strength": {
            "semantics": strengths.semantics.value,
            "name": SEMANTICS_NAMES[strengths.semantics.value],
            "base": base,
            # The summary's lists, as `argmap summary` gives them (`strength_section`): `few`
            # of each, the count of those at odds with their status too.
            "few": FEW,
            "strongest": list(strongest),
            "weakest": list(weakest),
            "disagreements": list(analysis.disagreements(strengths.semantics, base)),
            "unconverged": list(strengths.unconverged),
        },
        "provisional": provisional(len(analysis.unclassified)),
        "claims": claims,
        "counts": summary["counts"],
        "unanswered": summary["unanswered"],
        "contested": summary["contested"],
        "speakers": [{**s, "url": debate.speakers[s["name"]].url} for s in summary["speakers"]],
    }


def _timeline(analysis: Analysis) -> list[dict[str, Any]] | None:
    """The replay the page's timeline steps through (`Analysis.timeline`): each arrival, its
    status then, the statuses it changed and the line `argmap timeline` gives it, dated. None
    when no claim has a time of its own: a replay in file order would pretend to know one."""
    from argmap.render.timeline import moment_line

    if not any(a.timed for a in analysis.arrivals.values()):
        return None
    return [
        {
            "claim": step.claim,
            "status": step.status.value,
            "changes": [[c.claim, c.after.value] for c in step.changes],
            "line": moment_line(analysis, step),
        }
        for step in analysis.timeline
    ]


def then_rules(light: Theme = THEMES["light"], dark: Theme = THEMES["dark"]) -> str:
    """CSS that draws a claim with the status it had at a moment of the timeline
    (`data-then` on its node), in each theme: its box's fill, border and dashes, and the colour
    of its status line, as `look` draws that status."""
    dashes = {"solid": "none", "dashed": "5,2", "dotted": "1,5"}

    def rules(theme: Theme, indent: str) -> list[str]:
        out = []
        for status in Status:
            line, fill = (c.lower() for c in theme.status[status])
            node = f'.am-map g.claim[data-then="{status.value}"]'
            out += [
                f"{indent}{node} > path, {node} > polygon {{ stroke: {line}; "
                f"stroke-dasharray: {dashes[BORDER[status]]}; }}",
                f"{indent}{node} > path:first-of-type, {node} > polygon:first-of-type "
                f"{{ fill: {fill}; }}",
                f"{indent}{node} > text.am-mark {{ fill: {line}; }}",
            ]
        return out

    return "\n".join(
        [
            *rules(light, ""),
            "@media (prefers-color-scheme: dark) {",
            *rules(dark, "  "),
            "}",
            "",
        ]
    )


def _svg_body(svg: str) -> str:
    """Graphviz's SVG made ready to sit inside HTML: no XML prolog, doctype or comments, no
    fixed size (the page sizes and zooms it), and links that pass on no referrer."""
    start = svg.find("<svg")
    if start < 0:
        raise DiagramError("Graphviz's `dot` wrote no <svg> element; nothing was written")
    body = re.sub(r"<!--.*?-->\n?", "", svg[start:], flags=re.DOTALL)
    body = re.sub(r'^<svg width="[^"]*" height="[^"]*"\s*', "<svg ", body, count=1)
    return body.replace("<a xlink:href=", '<a rel="noopener noreferrer" xlink:href=').strip()


def colour_variables(light: Theme = THEMES["light"], dark: Theme = THEMES["dark"]) -> str:
    """The page's own colours as CSS variables (`page.css` uses them and writes none itself):
    the light theme's, and the dark theme's for readers whose system asks for dark pages."""

    def variables(theme: Theme, indent: str) -> list[str]:
        names = {
            "bg": theme.background,
            "fg": theme.text,
            "muted": theme.muted,
            "line": theme.line,
            "panel": theme.panel,
            "accent": theme.status_text[Status.STANDING],
            "focus": theme.focus,
            **{status.value: theme.status_text[status] for status in Status},
        }
        return [f"{indent}--{name}: {value.lower()};" for name, value in names.items()]

    return "\n".join(
        [
            ":root {",
            *variables(light, "  "),
            "}",
            "@media (prefers-color-scheme: dark) {",
            "  :root {",
            *variables(dark, "    "),
            "  }",
            "}",
            "",
        ]
    )


def dark_rules(light: Theme = THEMES["light"], dark: Theme = THEMES["dark"]) -> str:
    """CSS that turns the light diagram into the dark one, colour by colour, for readers whose
    system asks for dark pages. Graphviz writes colours as attributes, lower case; CSS wins over
    attributes, so each light colour is matched and replaced by its dark counterpart."""
    pairs = [
        (light.background, dark.background),
        (light.text, dark.text),
        (light.muted, dark.muted),
        (light.panel, dark.panel),
        *zip(light.source, dark.source, strict=True),
        *((light.edge[k], dark.edge[k]) for k in light.edge),
        *(
            pair
            for status in light.status
            for pair in zip(light.status[status], dark.status[status], strict=True)
        ),
    ]
    mapping: dict[str, str] = {}
    for old, new in pairs:
        old = old.lower()
        if mapping.setdefault(old, new) != new:
            raise ValueError(f"light colour {old} stands for two dark colours")
    rules = []
    for old, new in mapping.items():
        for prop in ("fill", "stroke"):
            rules.append(f'.am-map [{prop}="{old}"] {{ {prop}: {new}; }}')
    return "@media (prefers-color-scheme: dark) {\n" + "\n".join(rules) + "\n}\n"


def _hash(code: str) -> str:
    digest = hashlib.sha256(code.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def to_html(
    debate: Debate | Analysis, svg: str, semantics: str | None = None, base: str = "weights"
) -> str:
    """The page for `debate`, around `svg` (the diagram `render` drew of it); its panel, sort
    and filter show strength under `semantics` from the base scores `base`."""
    analysis = analyse(debate)
    found = page_data(analysis, semantics, base)
    data = json.dumps(found, ensure_ascii=False, separators=(",", ":"))
    strength_name = html.escape(found["strength"]["name"])
    style = colour_variables() + _asset("page.css") + dark_rules() + then_rules()
    script = _asset("page.js")
    policy = "; ".join(
        [
            "default-src 'none'",
            f"style-src {_hash(style)}",
            f"script-src {_hash(script)}",
            "img-src data:",
            "base-uri 'none'",
            "form-action 'none'",
        ]
    )
    title = html.escape(analysis.debate.title)
    sentence = provisional(len(analysis.unclassified))
    notice = (
        ""
        if sentence is None
        else f'<p class="am-provisional" role="note">{html.escape(sentence)}</p>\n'
    )
    marks = {status: html.escape(mark(status)) for status in Status}
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{html.escape(policy)}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="argmap">
<title>{title}</title>
<link rel="icon" href="data:,">
<style>{style}</style>
</head>
<body>
<header class="am-bar">
<h1>{title}</h1>
{notice}\
<label class="am-search"><input type="search" data-am="search" placeholder="Search claims and \
speakers" aria-label="Search claims and speakers" autocomplete="off"></label>
<div class="am-tools">
<details><summary>Filters</summary>
<div class="am-drop" data-am="filters">
<fieldset><legend>Show</legend>
<label><input type="checkbox" data-am="unanswered"> only unanswered claims</label>
</fieldset>
<fieldset><legend>Status</legend>
<label><input type="checkbox" data-am="status-standing" checked> {marks[Status.STANDING]}</label>
<label><input type="checkbox" data-am="status-defeated" checked> {marks[Status.DEFEATED]}</label>
<label><input type="checkbox" data-am="status-undecided" checked> {marks[Status.UNDECIDED]}\
</label>
</fieldset>
<fieldset><legend>Speaker</legend>
<select data-am="speaker" aria-label="Speaker"><option value="">all speakers</option></select>
</fieldset>
<fieldset><legend>Strength ({strength_name})</legend>
<label>at least <input type="number" data-am="strength-min" min="0" max="1" step="0.05" \
inputmode="decimal" aria-label="Strength at least"></label>
<label>at most <input type="number" data-am="strength-max" min="0" max="1" step="0.05" \
inputmode="decimal" aria-label="Strength at most"></label>
</fieldset>
<fieldset><legend>List</legend>
<select data-am="sort" aria-label="Order of the list of matching claims">\
<option value="file">in file order</option>\
<option value="strongest">strongest first</option>\
<option value="weakest">weakest first</option></select>
</fieldset>
<button type="button" data-am="reset">Show all</button>
<ul class="am-matches" data-am="matches"></ul>
</div>
</details>
<details><summary>Summary</summary>
<div class="am-drop" data-am="summary"></div>
</details>
<div class="am-zoom">
<button type="button" data-am="zoom-out" aria-label="Zoom out">&#8722;</button>
<button type="button" data-am="fit" aria-label="Fit the map to the window">Fit</button>
<button type="button" data-am="zoom-in" aria-label="Zoom in">+</button>
</div>
</div>
<span class="am-status" data-am="count" aria-live="polite"></span>
<div class="am-time" data-am="time" role="group" aria-label="Timeline" hidden>
<button type="button" data-am="play" aria-pressed="false">&#9654; Play</button>
<input type="range" data-am="moment" min="0" max="0" value="0" step="1" \
aria-label="Replay the debate: claims shown as they were posted">
<output data-am="moment-count"></output>
<p data-am="moment-text" aria-live="polite"></p>
</div>
</header>
<main class="am-main">
<div class="am-map" data-am="map"><div class="am-stage" data-am="stage">
{_svg_body(svg)}
</div></div>
<aside class="am-panel" data-am="panel" aria-label="Claim" hidden></aside>
</main>
<noscript><p>This map needs JavaScript for its panel, search and filters; the diagram above \
works without it.</p></noscript>
<script type="application/json" data-am="data">{data.translate(_JSON_IN_HTML)}</script>
<script>{script}</script>
</body>
</html>
"""
