"""Diagrams through Graphviz: the DOT text of a debate (`to_dot`), which `argmap.render.image`
draws as SVG, PNG or PDF.

Every claim is a node named by its id, labelled with its id, speaker, wrapped text and status,
and carrying SVG classes (`claim standing unanswered` ...) so a page can style or script it.
Status shows three ways at once, never by colour alone: a word with a symbol, a border style,
and a colour-blind-safe (Okabe-Ito) palette, all from `argmap.look`. What is drawn comes from
`argmap.diagram.plan`, as for Mermaid and the HTML page; this module only spells it in DOT. All
text from the file is escaped for DOT's HTML-like labels, so nothing in a claim can change the
drawing's structure.
"""

from __future__ import annotations

import itertools
import re
import unicodedata

from argmap import layout
from argmap.analysis import Analysis, analyse
from argmap.analyze import Status
from argmap.diagram import DiagramOptions, Drawing, plan
from argmap.look import (
    BORDER,
    EDGES,
    SEPARATOR,
    STRENGTH_EXAMPLE,
    THEMES,
    UNANSWERED,
    UNSETTLED,
    UNSETTLED_WORDS,
    Theme,
    mark,
    strength_key,
    strength_mark,
)
from argmap.model import Debate, RelationKind
from argmap.render.image import LAYOUTS, engine_for

WRAP = 42  # characters per line of claim text
# Graphviz's names for the arrowheads of `argmap.look.EDGES`.
ARROWHEADS = {"filled": "normal", "hollow": "empty", "bar": "tee", "ring": "odot", "open": "vee"}


PENWIDTH = {"undercuts": "2.2", "answers": "0.9"}


def text(value: str) -> str:
    """User text made safe inside an HTML-like label: escaped, control characters dropped."""
    clean = "".join(c if unicodedata.category(c)[0] != "C" or c in "\n\t" else "" for c in value)
    return (
        clean.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#39;")
    )


def quoted(value: str) -> str:
    """A DOT double-quoted string (ids, colours, urls)."""
    clean = "".join(c for c in value if unicodedata.category(c)[0] != "C")
    return '"' + clean.replace("\\", "\\\\").replace('"', '\\"') + '"'


# Characters a URL may keep as they are: RFC 3986's unreserved and reserved ones, and `%` of the
# escapes already in it. Graphviz copies a URL into SVG and PDF without any escaping, so a quote
# or `<` in a source's address could end the attribute and start markup; they are encoded.
_URL_SAFE = frozenset(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~:/?#[]@!$()*+,;=%&"
)


def link(url: str, xml: bool = True) -> str | None:
    """The address of a source as a clickable link, or None when it is not http(s).

    Every character outside `_URL_SAFE` is percent-encoded (as UTF-8), so nothing in the address
    can break out of the attribute Graphviz writes it into. With `xml` (for SVG and DOT), `&` is
    written `&amp;`, which SVG reads back as `&`; PDF takes the address as it is.

    >>> link('https://example.org/a b?x=1&y="<2>"')
    'https://example.org/a%20b?x=1&amp;y=%22%3C2%3E%22'
    >>> link("javascript:alert(1)") is None
    True
    """
    if not re.match(r"(?i)https?://", url):
        return None
    out = "".join(
        c if c in _URL_SAFE else "".join(f"%{b:02X}" for b in c.encode("utf-8", "replace"))
        for c in url
    )
    return out.replace("&", "&amp;") if xml else out


def wrap(value: str, width: int = WRAP) -> list[str]:
    lines: list[str] = []
    for paragraph in value.splitlines() or [""]:
        lines.extend(layout.wrap(paragraph, width) or [""])
    return lines


def to_dot(
    debate: Debate | Analysis,
    options: DiagramOptions | None = None,
    engine: str | None = None,
    *,
    xml_links: bool = True,
    drawing: Drawing | None = None,
) -> str:
    """The debate (or its analysis) as DOT text, ready for Graphviz's `dot`.

    Links to sources are written for SVG (see `link`); `xml_links=False` writes them for PDF.
    `drawing`, when the caller has already planned it (`argmap.diagram.plan`), is drawn as is.

    >>> from argmap import loads
    >>> d = loads("title: T\\nclaims:\\n  a: {text: A}\\n  b: {text: B, rebuts: a}\\n")
    >>> [line.strip()[:14] for line in to_dot(d).splitlines() if '"b" -> ' in line]
    ['"b" -> "a" [id']
    """
    analysis = analyse(debate)
    options = options or DiagramOptions()
    drawing = drawing or plan(analysis, options)
    return _dot(analysis, drawing, options, engine or engine_for(len(drawing.claims)), xml_links)


def _dot(
    analysis: Analysis, drawing: Drawing, options: DiagramOptions, engine: str, xml_links: bool
) -> str:
    debate = analysis.debate
    theme = THEMES[options.theme]
    quiet = analysis.unanswered_ids
    junctions = set(drawing.junctions)
    edges = itertools.count(1)
    out = [
        "digraph argmap {",
        "  graph ["
        + ", ".join(
            [
                # Every element argmap names has an id with a `#`, which no claim id can hold,
                # so no claim (`graph0`, `edge1`, `clust1`, `legend`) shares an id with one.
                'id="#graph"',
                f"rankdir={drawing.flow}",
                f"bgcolor={quoted(theme.background)}",
                f"fontcolor={quoted(theme.text)}",
                'fontname="Helvetica,Arial,sans-serif"',
                "fontsize=18",
                "labelloc=t",
                f"label=<<B>{text(drawing.title)}</B>>",
                "nodesep=0.35",
                "ranksep=0.5",
                "newrank=true",
                'charset="UTF-8"',
                *LAYOUTS[engine],
            ]
        )
        + "]",
        '  node [shape=box, style="rounded,filled", fontname="Helvetica,Arial,sans-serif", '
        f"fontsize=11, margin=0.12, fontcolor={quoted(theme.text)}]",
        f'  edge [fontname="Helvetica,Arial,sans-serif", fontsize=9, '
        f"fontcolor={quoted(theme.muted)}]",
    ]
    for n, (speaker, members) in enumerate(drawing.groups.items()):
        indent = "  "
        if speaker is not None:
            out.append(f"  subgraph cluster_{n} {{")
            out.append(
                f"    label=<{text(speaker)}>; style=rounded; color={quoted(theme.muted)}; "
                f"class={quoted('speaker')}; id={quoted(f'#speaker{n}')}"
            )
            indent = "    "
        for c in members:
            strength = drawing.strength
            shows = strength_mark(strength[c]) if strength is not None else None
            out.append(indent + _claim_node(analysis, c, c in quiet, options, theme, shows))
        if speaker is not None:
            out.append("  }")
    for c in drawing.junctions:
        out.append(
            f"  {quoted(c + '#reasoning')} [id={quoted(c + '#reasoning')}, "
            f'class="reasoning", shape=point, width=0.09, label="", '
            f"color={quoted(theme.muted)}]"
        )
        out.append(
            f"  {quoted(c)} -> {quoted(c + '#reasoning')} [id={quoted(f'#edge{next(edges)}')}, "
            f'class="reasoning", arrowhead=none, color={quoted(theme.muted)}]'
        )
    # Rebuttals and supports grouped by the claim that makes them, from its junction when its
    # reasoning is undercut; then the undercuts, each at the reasoning it attacks.
    answers: dict[str, list[tuple[str, str]]] = {}
    for r in drawing.relations:
        if r.kind is not RelationKind.UNDERCUTS:
            answers.setdefault(r.source, []).append((r.target, r.kind.value))
    for source, targets in answers.items():
        tail = source + "#reasoning" if source in junctions else source
        for target, kind in targets:
            out.append(_edge(tail, target, kind, theme, next(edges)))
    for r in drawing.relations:
        if r.kind is RelationKind.UNDERCUTS:
            head = r.target + "#reasoning" if r.target in junctions else r.target
            out.append(_edge(r.source, head, "undercuts", theme, next(edges)))
    for s in (debate.sources[s] for s in drawing.sources):
        lines = [f"<B>{text(s.title or s.url or s.id)}</B>"]
        if s.author:
            lines.append(text(s.author))
        attrs = [
            f"id={quoted(s.id)}",
            'class="source"',
            "shape=note",
            'style="filled"',
            f"color={quoted(theme.source[0])}",
            f"fillcolor={quoted(theme.source[1])}",
            f"label=<{'<BR/>'.join(lines)}>",
        ]
        url = link(s.url, xml_links) if s.url else None
        if url:
            attrs += [f"URL={quoted(url)}", 'target="_blank"']
        out.append(f"  {quoted(s.id)} [{', '.join(attrs)}]")
    if options.sources:
        for c in drawing.claims:
            for cite in debate.claims[c].cites:
                out.append(_edge(c, cite.source, "cites", theme, next(edges)))
    cites = any(debate.claims[c].cites for c in drawing.claims)
    out.extend(_legend(analysis, drawing, options, theme, cites))
    out.append("}")
    return "\n".join(out) + "\n"


def _claim_node(
    analysis: Analysis,
    ident: str,
    is_unanswered: bool,
    options: DiagramOptions,
    theme: Theme,
    strength: str | None = None,
) -> str:
    """A claim's node; `strength`, when given, is what it shows of its strength
    (`look.strength_mark`), on a line of its own under its status."""
    claim = analysis.debate.claims[ident]
    status = analysis.status[ident]
    border, fill = theme.status[status]
    head = f"<B>{text(ident)}</B>" + (f" {SEPARATOR} {text(claim.by)}" if claim.by else "")
    body = '<BR ALIGN="LEFT"/>'.join(text(line) for line in wrap(claim.text))
    marks = [mark(status)]
    if is_unanswered:
        marks.append(UNANSWERED)
    if claim.cites and not options.sources:
        marks.append("cites " + ", ".join(text(c.source) for c in claim.cites))
    foot = text(f" {SEPARATOR} ".join(marks))
    label_html = (
        '<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1">'
        f'<TR><TD ALIGN="LEFT">{head}</TD></TR>'
        f'<TR><TD ALIGN="LEFT">{body}<BR ALIGN="LEFT"/></TD></TR>'
        f'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="9" COLOR={quoted(border)}>{foot}</FONT></TD></TR>'
        + (
            ""
            if strength is None
            else f'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="9">{text(strength)}</FONT></TD></TR>'
        )
        + "</TABLE>>"
    )
    classes = ["claim", status.value] + ([UNANSWERED] if is_unanswered else [])
    attrs = [
        f"id={quoted(ident)}",
        f"class={quoted(' '.join(classes))}",
        f'style="rounded,filled,{BORDER[status]}"',
        f"color={quoted(border)}",
        f"fillcolor={quoted(fill)}",
        f"penwidth={'2.2' if is_unanswered else '1.4'}",
        f"peripheries={2 if is_unanswered else 1}",
        f"label={label_html}",
    ]
    return f"{quoted(ident)} [{', '.join(attrs)}]"


def _edge(tail: str, head: str, kind: str, theme: Theme, number: int) -> str:
    look = EDGES[kind]
    return (
        f"  {quoted(tail)} -> {quoted(head)} [id={quoted(f'#edge{number}')}, "
        f"class={quoted(kind)}, style={look.line}, "
        f"arrowhead={ARROWHEADS[look.head]}, color={quoted(theme.edge[kind])}, penwidth="
        f"{PENWIDTH.get(kind, '1.2')}]"
    )


def _legend(
    analysis: Analysis, drawing: Drawing, options: DiagramOptions, theme: Theme, cites: bool
) -> list[str]:
    """A key to every mark the drawing uses, and only those."""
    rows = []
    drawn_status = {analysis.status[c] for c in drawing.claims}
    for status in Status:
        if status in drawn_status:
            border, fill = theme.status[status]
            rows.append(
                f'<TR><TD BGCOLOR={quoted(fill)} BORDER="1" COLOR={quoted(border)}>'
                f"{mark(status)}</TD>"
                f'<TD ALIGN="LEFT">{BORDER[status]} border</TD></TR>'
            )
    if not analysis.unanswered_ids.isdisjoint(drawing.claims):
        rows.append(f'<TR><TD BORDER="1">{UNANSWERED}</TD><TD ALIGN="LEFT">double border</TD></TR>')
    kinds = [k.value for k in RelationKind if any(r.kind is k for r in drawing.relations)]
    if options.sources and cites:
        kinds.append("cites")
    for kind in kinds:
        rows.append(
            f"<TR><TD><FONT COLOR={quoted(theme.edge[kind])}>{kind} →</FONT></TD>"
            f'<TD ALIGN="LEFT">{text(EDGES[kind].words)}</TD></TR>'
        )
    if drawing.junctions:
        rows.append('<TR><TD>•</TD><TD ALIGN="LEFT">the reasoning of a claim</TD></TR>')
    if drawing.strength is not None and drawing.semantics is not None:
        rows.append(
            f"<TR><TD>{text(strength_mark(STRENGTH_EXAMPLE))}</TD>"
            f'<TD ALIGN="LEFT">{text(strength_key(drawing.semantics, drawing.base))}</TD></TR>'
        )
        if any(v is None for v in drawing.strength.values()):
            rows.append(
                f'<TR><TD>{UNSETTLED}</TD><TD ALIGN="LEFT">{text(UNSETTLED_WORDS)}</TD></TR>'
            )
    if not rows:
        return []
    table = (
        '<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="2" CELLPADDING="3">'
        '<TR><TD COLSPAN="2"><B>Legend</B></TD></TR>' + "".join(rows) + "</TABLE>>"
    )
    return [
        "  subgraph legend {",
        "    rank=min",
        # '#' cannot occur in a claim id, so the legend never collides with a claim.
        f'    "#legend" [id="#legend", class="legend", shape=box, style="rounded,filled", '
        f"color={quoted(theme.muted)}, fillcolor={quoted(theme.panel)}, fontsize=10, "
        f"label={table}]",
        "  }",
    ]
