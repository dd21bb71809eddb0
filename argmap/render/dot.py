"""Diagrams through Graphviz: the DOT text of a debate, and images drawn from it by `dot`.

Every claim is a node named by its id, labelled with its id, speaker, wrapped text and status,
and carrying SVG classes (`claim standing unanswered` ...) so a page can style or script it.
Status shows three ways at once, never by colour alone: a word with a symbol, a border style,
and a colour-blind-safe (Okabe-Ito) palette. All text from the file is escaped for DOT's
HTML-like labels, so nothing in a claim can change the drawing's structure.
"""

from __future__ import annotations

import re
import textwrap
import unicodedata
from collections import deque
from dataclasses import dataclass

from argmap.analyze import Labelling, Status, label, unanswered
from argmap.errors import ArgmapError
from argmap.model import Debate, Relation, RelationKind
from argmap.render import DOT_TIMEOUT

WRAP = 42  # characters per line of claim text
# Above this many claims, `dot`'s placement step (network simplex) takes minutes; bounding its
# iterations draws 10,000 claims in seconds, with every node in place and nothing shrunk.
DOT_LIMIT = 1500
LAYOUTS = {
    "dot": [],
    "dot-fast": ["nslimit=0.05", "nslimit1=0.05", "mclimit=0.5"],
}

DIRECTIONS = ("TB", "LR", "BT", "RL")
# Relations point from the answer to the claim answered; to draw a thread flowing from its first
# claims downwards (TB), Graphviz must therefore lay edges out bottom-to-top, and so on.
_RANKDIR = {"TB": "BT", "BT": "TB", "LR": "RL", "RL": "LR"}

_SYMBOL = {Status.STANDING: "✔", Status.DEFEATED: "✘", Status.UNDECIDED: "?"}
_BORDER = {Status.STANDING: "solid", Status.DEFEATED: "dashed", Status.UNDECIDED: "dotted"}


@dataclass(frozen=True)
class Theme:
    background: str
    text: str
    muted: str
    status: dict[Status, tuple[str, str]]  # border colour, fill colour
    edge: dict[str, str]
    source: tuple[str, str]
    panel: str  # the legend's background


THEMES = {
    "light": Theme(
        background="white",
        text="#1a1a1a",
        muted="#555555",
        status={
            Status.STANDING: ("#0072B2", "#DCEBF7"),
            Status.DEFEATED: ("#D55E00", "#FBE3D6"),
            Status.UNDECIDED: ("#B07800", "#FFF3C4"),
        },
        edge={
            "rebuts": "#D55E00",
            "supports": "#009E73",
            "undercuts": "#CC79A7",
            "cites": "#777777",
        },
        source=("#555555", "#F2F2F2"),
        panel="#F7F7F7",
    ),
    "dark": Theme(
        background="#1b1b1f",
        text="#eeeeee",
        muted="#aaaaaa",
        status={
            Status.STANDING: ("#56B4E9", "#12324a"),
            Status.DEFEATED: ("#E69F00", "#4a2a12"),
            Status.UNDECIDED: ("#F0E442", "#3f3a10"),
        },
        edge={
            "rebuts": "#E69F00",
            "supports": "#009E73",
            "undercuts": "#CC79A7",
            "cites": "#999999",
        },
        source=("#aaaaaa", "#2a2a2e"),
        panel="#26262b",
    ),
}

# How each relation is drawn: line style and arrowhead say what colour also says.
_EDGE_STYLE = {
    "rebuts": ("solid", "normal"),
    "supports": ("dashed", "empty"),
    "undercuts": ("bold", "tee"),
    "cites": ("dotted", "odot"),
}
_EDGE_WORDS = {
    "rebuts": "solid line, filled arrow",
    "supports": "dashed line, hollow arrow",
    "undercuts": "thick line, bar; points at the reasoning it attacks",
    "cites": "dotted line, ring",
}


@dataclass(frozen=True)
class DiagramOptions:
    """What to draw. The defaults draw the whole debate, top to bottom, in the light theme."""

    direction: str = "TB"
    theme: str = "light"
    sources: bool = False  # draw sources as nodes (otherwise a marker on each citing claim)
    focus: str | None = None  # draw only the neighbourhood of this claim ...
    depth: int = 2  # ... up to this many relations away
    speaker: str | None = None  # draw only this speaker's claims and what they answer
    unanswered_only: bool = False  # draw only unanswered claims and what they answer
    cluster_speakers: bool = False  # group each speaker's claims in a box


class DiagramError(ArgmapError):
    pass


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
        lines.extend(textwrap.wrap(paragraph, width) or [""])
    return lines


def select(debate: Debate, labelling: Labelling, options: DiagramOptions) -> list[str]:
    """The claims to draw, in file order."""
    claims = list(debate.claims)
    if options.focus is not None:
        if options.focus not in debate.claims:
            raise DiagramError(f"no claim has the id {options.focus!r}")
        near: dict[str, set[str]] = {c: set() for c in claims}
        for r in debate.relations:
            near[r.source].add(r.target)
            near[r.target].add(r.source)
        seen = {options.focus: 0}
        queue = deque([options.focus])
        while queue:
            c = queue.popleft()
            if seen[c] < options.depth:
                for n in near[c]:
                    if n not in seen:
                        seen[n] = seen[c] + 1
                        queue.append(n)
        claims = [c for c in claims if c in seen]
    keep = set(claims)
    if options.speaker is not None:
        if options.speaker not in debate.speakers:
            raise DiagramError(f"no speaker is named {options.speaker!r}")
        mine = {c for c in keep if debate.claims[c].by == options.speaker}
        keep = mine | {r.target for r in debate.relations if r.source in mine} & keep
    if options.unanswered_only:
        quiet = {u.id for u in unanswered(debate)} & keep
        keep = quiet | {r.target for r in debate.relations if r.source in quiet} & keep
    return [c for c in claims if c in keep]


def engine_for(claims: int) -> str:
    """The layout for a map of this many claims: `dot`, or `dot-fast` for large maps."""
    return "dot" if claims <= DOT_LIMIT else "dot-fast"


def to_dot(
    debate: Debate,
    options: DiagramOptions | None = None,
    labelling: Labelling | None = None,
    engine: str | None = None,
    *,
    xml_links: bool = True,
) -> str:
    """The debate as DOT text, ready for Graphviz's `dot`.

    Links to sources are written for SVG (see `link`); `xml_links=False` writes them for PDF.

    >>> from argmap import loads
    >>> d = loads("title: T\\nclaims:\\n  a: {text: A}\\n  b: {text: B, rebuts: a}\\n")
    >>> [line.strip()[:14] for line in to_dot(d).splitlines() if '"b" -> ' in line]
    ['"b" -> "a" [cl']
    """
    options = options or DiagramOptions()
    if options.direction not in DIRECTIONS:
        raise DiagramError(f"direction must be one of {', '.join(DIRECTIONS)}")
    theme = THEMES[options.theme]
    labelling = labelling or label(debate)
    drawn = select(debate, labelling, options)
    shown = set(drawn)
    quiet = {u.id for u in unanswered(debate)}
    relations = [r for r in debate.relations if r.source in shown and r.target in shown]
    undercut = {r.target for r in relations if r.kind is RelationKind.UNDERCUTS}
    answers: dict[str, list[Relation]] = {}
    for r in relations:
        if r.kind is not RelationKind.UNDERCUTS or r.target not in undercut:
            answers.setdefault(r.source, []).append(r)
    # An undercut attacks a claim's reasoning: the step from that claim to what it answers.
    # That step is drawn as a small junction the undercut can point at.
    junctions = {c for c in undercut if answers.get(c)}
    engine = engine or engine_for(len(drawn))
    title = debate.title
    if options.focus is not None:
        title += f" (around {options.focus}, depth {options.depth})"

    out = [
        "digraph argmap {",
        "  graph ["
        + ", ".join(
            [
                f"rankdir={_RANKDIR[options.direction]}",
                f"bgcolor={quoted(theme.background)}",
                f"fontcolor={quoted(theme.text)}",
                'fontname="Helvetica,Arial,sans-serif"',
                "fontsize=18",
                "labelloc=t",
                f"label=<<B>{text(title)}</B>>",
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
    groups: dict[str | None, list[str]] = {}
    for c in drawn:
        groups.setdefault(debate.claims[c].by if options.cluster_speakers else None, []).append(c)
    for n, (speaker, members) in enumerate(groups.items()):
        indent = "  "
        if speaker is not None:
            out.append(f"  subgraph cluster_{n} {{")
            out.append(
                f"    label=<{text(speaker)}>; style=rounded; color={quoted(theme.muted)}; "
                f"class={quoted('speaker')}"
            )
            indent = "    "
        for c in members:
            out.append(indent + _claim_node(debate, c, labelling, c in quiet, options, theme))
        if speaker is not None:
            out.append("  }")
    for c in (c for c in drawn if c in junctions):  # file order, not set order
        out.append(
            f"  {quoted(c + '#reasoning')} [id={quoted(c + '#reasoning')}, "
            f'class="reasoning", shape=point, width=0.09, label="", '
            f"color={quoted(theme.muted)}]"
        )
        out.append(
            f'  {quoted(c)} -> {quoted(c + "#reasoning")} [class="reasoning", '
            f"arrowhead=none, color={quoted(theme.muted)}]"
        )
    for source, targets in answers.items():
        tail = source + "#reasoning" if source in junctions else source
        for r in targets:
            out.append(_edge(tail, r.target, r.kind.value, theme))
    for r in relations:
        if r.kind is RelationKind.UNDERCUTS:
            head = r.target + "#reasoning" if r.target in junctions else r.target
            out.append(_edge(r.source, head, "undercuts", theme))
    if options.sources:
        cited = [
            s
            for s in debate.sources.values()
            if any(cite.source == s.id for c in drawn for cite in debate.claims[c].cites)
        ]
        for s in cited:
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
        for c in drawn:
            for cite in debate.claims[c].cites:
                out.append(_edge(c, cite.source, "cites", theme))
    cites = any(debate.claims[c].cites for c in drawn)
    out.extend(_legend(drawn, relations, labelling, quiet, options, theme, junctions, cites))
    out.append("}")
    return "\n".join(out) + "\n"


def _claim_node(
    debate: Debate,
    ident: str,
    labelling: Labelling,
    is_unanswered: bool,
    options: DiagramOptions,
    theme: Theme,
) -> str:
    claim = debate.claims[ident]
    status = labelling.status[ident]
    border, fill = theme.status[status]
    head = f"<B>{text(ident)}</B>" + (f" · {text(claim.by)}" if claim.by else "")
    body = '<BR ALIGN="LEFT"/>'.join(text(line) for line in wrap(claim.text))
    marks = [f"{_SYMBOL[status]} {status.value}"]
    if is_unanswered:
        marks.append("unanswered")
    if claim.cites and not options.sources:
        marks.append("cites " + ", ".join(text(c.source) for c in claim.cites))
    foot = text(" · ".join(marks))
    label_html = (
        '<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1">'
        f'<TR><TD ALIGN="LEFT">{head}</TD></TR>'
        f'<TR><TD ALIGN="LEFT">{body}<BR ALIGN="LEFT"/></TD></TR>'
        f'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="9" COLOR={quoted(border)}>{foot}</FONT></TD></TR>'
        "</TABLE>>"
    )
    classes = ["claim", status.value] + (["unanswered"] if is_unanswered else [])
    attrs = [
        f"id={quoted(ident)}",
        f"class={quoted(' '.join(classes))}",
        f'style="rounded,filled,{_BORDER[status]}"',
        f"color={quoted(border)}",
        f"fillcolor={quoted(fill)}",
        f"penwidth={'2.2' if is_unanswered else '1.4'}",
        f"peripheries={2 if is_unanswered else 1}",
        f"label={label_html}",
    ]
    return f"{quoted(ident)} [{', '.join(attrs)}]"


def _edge(tail: str, head: str, kind: str, theme: Theme) -> str:
    style, arrow = _EDGE_STYLE[kind]
    return (
        f"  {quoted(tail)} -> {quoted(head)} [class={quoted(kind)}, style={style}, "
        f"arrowhead={arrow}, color={quoted(theme.edge[kind])}, penwidth="
        f"{'2.2' if kind == 'undercuts' else '1.2'}]"
    )


def _legend(
    drawn: list[str],
    relations: list[Relation],
    labelling: Labelling,
    quiet: set[str],
    options: DiagramOptions,
    theme: Theme,
    junctions: set[str],
    cites: bool,
) -> list[str]:
    """A key to every mark the drawing uses, and only those."""
    rows = []
    for status in Status:
        if any(labelling.status[c] is status for c in drawn):
            border, fill = theme.status[status]
            rows.append(
                f'<TR><TD BGCOLOR={quoted(fill)} BORDER="1" COLOR={quoted(border)}>'
                f"{_SYMBOL[status]} {status.value}</TD>"
                f'<TD ALIGN="LEFT">{_BORDER[status]} border</TD></TR>'
            )
    if quiet & set(drawn):
        rows.append('<TR><TD BORDER="1">unanswered</TD><TD ALIGN="LEFT">double border</TD></TR>')
    kinds = [k.value for k in RelationKind if any(r.kind is k for r in relations)]
    if options.sources and cites:
        kinds.append("cites")
    for kind in kinds:
        rows.append(
            f"<TR><TD><FONT COLOR={quoted(theme.edge[kind])}>{kind} →</FONT></TD>"
            f'<TD ALIGN="LEFT">{text(_EDGE_WORDS[kind])}</TD></TR>'
        )
    if junctions:
        rows.append('<TR><TD>•</TD><TD ALIGN="LEFT">the reasoning of a claim</TD></TR>')
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
        f'    "#legend" [id="legend", class="legend", shape=box, style="rounded,filled", '
        f"color={quoted(theme.muted)}, fillcolor={quoted(theme.panel)}, fontsize=10, "
        f"label={table}]",
        "  }",
    ]


IMAGE_FORMATS = ("svg", "png", "pdf")

# The most pixels a side that Graphviz's cairo renderer can draw in a bitmap (PNG): a larger
# drawing is shrunk to fit, and `dot` says so on stderr only, still exiting 0.
BITMAP_LIMIT = 32767
# Graphviz 2.x: "dot: graph is too large ...", later versions: "Warning: graph is too large ...".
_SHRUNK = re.compile(
    r"too large for cairo-renderer bitmaps\. Scaling by (\d*\.?\d+(?:e[+-]?\d+)?) to fit", re.I
)


@dataclass(frozen=True)
class Image:
    """What Graphviz drew: the bytes, and the factor (below 1) by which it shrank a bitmap too
    large for it (more than `BITMAP_LIMIT` pixels a side) to fit, or None when it did not."""

    data: bytes
    scaled: float | None = None


def render_image(
    dot_text: str, fmt: str, engine: str = "dot", timeout: float | None = DOT_TIMEOUT
) -> bytes:
    """Draw DOT text with Graphviz as svg, png or pdf: the bytes of `draw_image`."""
    return draw_image(dot_text, fmt, engine, timeout).data


def draw_image(
    dot_text: str, fmt: str, engine: str = "dot", timeout: float | None = DOT_TIMEOUT
) -> Image:
    """Draw DOT text with Graphviz as svg, png or pdf, stopping `dot` after `timeout` seconds.

    `dot` runs as a child process that is killed when it runs out of time or when the caller is
    interrupted (Ctrl-C), so no layout outlives the command. The graphviz package's own `pipe`
    cannot stop it, hence the direct call. A PNG larger than `BITMAP_LIMIT` pixels a side comes
    back shrunk, with the factor in `Image.scaled`: Graphviz only mentions it on stderr.
    """
    import subprocess

    import graphviz

    program = "dot" if engine in LAYOUTS else engine
    command = [str(graphviz.DOT_BINARY if program == "dot" else program), f"-T{fmt}"]
    try:
        done = subprocess.run(
            command,
            input=dot_text.encode("utf-8"),
            capture_output=True,
            timeout=timeout or None,
            check=False,
        )
    except FileNotFoundError:
        raise DiagramError(
            f"drawing {fmt.upper()} needs Graphviz's `{program}` program, which is not installed; "
            "install the graphviz package (Debian/Ubuntu: sudo apt-get install graphviz; "
            "macOS: brew install graphviz), or write .dot or .mmd, which need no Graphviz"
        ) from None
    except subprocess.TimeoutExpired:
        raise DiagramError(
            f"Graphviz's `{program}` took longer than {timeout:g} s and was stopped; draw part of "
            "the map (--focus ID --depth N, --speaker NAME, --unanswered), write .dot or .mmd, "
            "which need no layout, or allow more time with --timeout SECONDS (0: no limit)"
        ) from None
    if done.returncode != 0:
        detail = done.stderr.decode("utf-8", "replace").strip().splitlines()
        if done.returncode < 0:
            import signal

            try:
                why = f"was stopped by {signal.Signals(-done.returncode).name}"
            except ValueError:
                why = f"was stopped by signal {-done.returncode}"
        else:
            why = f"failed: {detail[-1] if detail else f'exit status {done.returncode}'}"
        raise DiagramError(f"Graphviz's `{program}` {why}; nothing was written")
    shrunk = _SHRUNK.search(done.stderr.decode("utf-8", "replace"))
    return Image(done.stdout, float(shrunk[1]) if shrunk else None)
