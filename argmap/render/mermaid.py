"""A debate as a Mermaid flowchart: text to paste into a ```mermaid block (see docs/mermaid.md).

Everything taken from the debate file is data. Node labels are built from a small safe set of
ASCII characters; every other character, user text or not, is written as a Mermaid entity code
(`#34;` for `"`), so no claim, speaker or source can end a label, start a link or a comment, or
reach the page as HTML. A node is named by its claim's id when Mermaid reads that id as a plain
name, and by an encoding of the id otherwise (`node_names`). The title goes into the front
matter as a JSON-style string.

Relations keep their direction in the model, from the answering claim to the claim it answers,
so the chart is drawn in the opposite direction to the one asked for: `TB` (first claims on top,
replies below) is written `flowchart BT`.

What is drawn is `argmap.diagram.plan`'s, as for DOT: the same selection of claims, undercut
junctions, speaker boxes and title; colours, marks and line styles come from `argmap.look`.

>>> from argmap import loads
>>> print(to_mermaid(loads("title: T\\nclaims:\\n  a: {text: A}\\n  b: {text: B, rebuts: a}\\n")))
---
title: "T"
---
flowchart BT
    a(["a<br>A<br>#10008; defeated"])
    b["b<br>B<br>#10004; standing #183; unanswered"]
    b -->|rebuts| a
    classDef standing fill:#DCEBF7,stroke:#0072B2,color:#1a1a1a;
    classDef defeated fill:#FBE3D6,stroke:#D55E00,stroke-dasharray:5 3,color:#1a1a1a;
    classDef undecided fill:#FFF3C4,stroke:#B07800,stroke-dasharray:2 2,color:#1a1a1a;
    classDef unanswered stroke-width:3px;
    class b standing;
    class a defeated;
    class b unanswered;
    linkStyle 0 stroke:#D55E00,stroke-width:2px;
<BLANKLINE>
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from argmap import layout, look
from argmap.analysis import Analysis, analyse
from argmap.analyze import Status
from argmap.diagram import DiagramOptions, plan
from argmap.look import BORDER, EDGES, SEPARATOR, THEMES, UNANSWERED, mark
from argmap.model import Debate, RelationKind

WRAP = 40  # characters per line of a label's text

# Written as themselves inside a label; everything else becomes `#<decimal>;`. `:` is left out
# because Mermaid strips the last `;` of any line with `style...:...#...;` on it, which would
# break an entity; `#`, `;`, quotes, brackets, `<`, `>`, `&`, `%`, `=`, `|`, `@`, backticks and
# every non-ASCII character are left out because they mean something to Mermaid, HTML or Markdown.
_SAFE = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,!?'()/_-")
_ID_SAFE = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")

# Ids Mermaid 11 reads back as exactly themselves in node, link and `class` statements (checked
# with its parser in tests/test_render_mermaid.py): words joined by single `.` or `-` ...
_PLAIN = re.compile(r"[A-Za-z0-9_]+(?:[.-][A-Za-z0-9_]+)*")
# ... unless the first word, leading digits aside and in any case, is one of these, which the
# lexer takes for a keyword or a link target (`end`, `1end`, `end-x`, `_self.a`, `click`).
# Mermaid trips on fewer than this (`End` and `click-a` parse); these are refused to be safe.
_KEYWORDS = frozenset(
    {
        "end",
        "graph",
        "subgraph",
        "flowchart",
        "style",
        "class",
        "classdef",
        "linkstyle",
        "interpolate",
        "_self",
        "_blank",
        "_parent",
        "_top",
        "call",
        "click",
        "href",
    }
)

# (open, close) of each node shape: rectangle, stadium, hexagon; sources are parallelograms.
SHAPES = {
    Status.STANDING: ('["', '"]'),
    Status.DEFEATED: ('(["', '"])'),
    Status.UNDECIDED: ('{{"', '"}}'),
}
SOURCE_SHAPE = ('[/"', '"/]')
JUNCTION_SHAPE = "(( ))"  # a small empty circle: the reasoning of a claim, as in DOT
# Mermaid's dashes for the border styles of `argmap.look.BORDER`.
DASHES = {"solid": "", "dashed": ",stroke-dasharray:5 3", "dotted": ",stroke-dasharray:2 2"}
# Mermaid's links for the line styles of `argmap.look.EDGES`: it has no hollow head and no bar,
# so every relation gets an arrow, and a citation (a ring in DOT) none; the line style, and the
# kind written on every link but a claim's line to its own reasoning, tell them apart.
ARROWS = {"solid": "-->", "dashed": "-.->", "bold": "==>", "dotted": "-.->"}
CITE_ARROW = "-.-"  # dotted, and no head: Mermaid has no ring
REASONING_ARROW = "---"  # plain line, no head: a claim to its junction


@dataclass(frozen=True)
class Palette:
    """The class definitions and link colours of one theme."""

    class_defs: tuple[str, ...]
    source: str
    reasoning: str
    links: dict[str, str]  # kind -> colour
    config: tuple[str, ...] = ()  # front-matter lines setting Mermaid's own theme


def palette(name: str) -> Palette:
    """Mermaid's class definitions and link colours for the theme `name` of `argmap.look`."""
    theme = THEMES[name]
    colour = f"color:{theme.text}"
    class_defs = []
    for status in Status:
        border, fill = theme.status[status]
        dashes = DASHES[BORDER[status]]
        class_defs.append(f"classDef {status.value} fill:{fill},stroke:{border}{dashes},{colour};")
    class_defs.append(f"classDef {UNANSWERED} stroke-width:3px;")
    return Palette(
        class_defs=tuple(class_defs),
        source=f"classDef source fill:{theme.source[1]},stroke:{theme.source[0]},{colour};",
        reasoning=f"classDef reasoning fill:{theme.muted},stroke:{theme.muted};",
        links={**theme.edge, "reasoning": theme.muted},
        config=("config:", "  theme: dark") if name == "dark" else (),
    )


PALETTES = {name: palette(name) for name in THEMES}


def _entity(c: str) -> str:
    code = ord(c)
    # HTML shows `&#0;` and a lone surrogate as U+FFFD, and `&#128;`...`&#159;` as the
    # Windows-1252 characters (`&#147;` is a curly quote): write what it would show for the
    # first two, and the same for C1 controls rather than a character the text never had.
    if code == 0 or 0x80 <= code < 0xA0 or 0xD800 <= code < 0xE000:
        return "#65533;"
    return f"#{code};"


def escape(text: str) -> str:
    """`text` for a quoted Mermaid label: safe characters kept, the rest as `#<decimal>;`.

    Mermaid shows each code as its character, except NUL, C1 controls and lone surrogates,
    which are written as U+FFFD, the replacement character.

    >>> escape('He said "x" ]; A --> B %% <b>')
    'He said #34;x#34; #93;#59; A --#62; B #37;#37; #60;b#62;'
    """
    return "".join(c if c in _SAFE else _entity(c) for c in text)


def is_plain(ident: str) -> bool:
    """Whether Mermaid reads `ident` as a node name exactly as written.

    >>> [is_plain(i) for i in ("not-stored", "a.b", "End", "end", "1end", "end-x", "a--b", "x#1")]
    [True, True, False, False, False, False, False, False]
    """
    if not _PLAIN.fullmatch(ident):
        return False
    lower = ident.lower()
    first = re.split(r"[.-]", lower, maxsplit=1)[0].lstrip("0123456789")
    return not lower.startswith("flowchart") and first not in _KEYWORDS


def encode_id(ident: str) -> str:
    """Letters and digits kept, `_` doubled, other ASCII `_xx`, anything else `_uxxxxxx` (hex).

    Decoding is unambiguous (after `_` comes `_`, `u` or a hex digit), so no two ids collide.

    >>> encode_id("end"), encode_id("a--b"), encode_id("a_2db"), encode_id("x#1")
    ('end', 'a_2d_2db', 'a__2db', 'x_231')
    """
    out = []
    for c in ident:
        if c in _ID_SAFE:
            out.append(c)
        elif c == "_":
            out.append("__")
        elif ord(c) < 0x80:
            out.append(f"_{ord(c):02x}")
        else:
            out.append(f"_u{ord(c):06x}")
    return "".join(out)


@dataclass(frozen=True)
class NodeNames:
    """The Mermaid name of everything a debate's flowchart can hold, each key in file order."""

    claims: dict[str, str]  # claim id -> node name
    sources: dict[str, str]  # source id -> node name
    junctions: dict[str, str]  # id of an undercut claim -> the node of its reasoning
    speakers: dict[str, str]  # speaker's name -> id of the subgraph boxing their claims


def node_names(debate: Debate) -> NodeNames:
    """Every node and subgraph name of the debate's flowchart, whatever the options draw.

    A claim or source is named by its id when `is_plain(id)`. Any other id is encoded: `c_`
    (a source: `s_`) and the id with each character but a letter or digit written as `_` and its
    hex code (`-` is `_2d`, `_` is `__`, `x#1` gives `s_x_231`). A junction is named after its
    claim's node, with `.reasoning`, and speaker boxes are `speaker_1`, `speaker_2`, ... in the
    order speakers first appear. A name already taken gets `_2` (`_3`, ...) added; ids used as
    they are come first, then encoded ones, junctions and boxes, each in file order, so the same
    debate always gives the same names and no two things share one.

    >>> from argmap import loads
    >>> names = node_names(loads("title: T\\nclaims:\\n  end: {text: A}\\n  c_end: {text: B}\\n"))
    >>> names.claims
    {'end': 'c_end_2', 'c_end': 'c_end'}
    """
    taken: set[str] = set()

    def take(name: str) -> str:
        unique, n = name, 1
        while unique in taken:
            n += 1
            unique = f"{name}_{n}"
        taken.add(unique)
        return unique

    # A claim and a source may share an id in a debate built in code: the prefixes keep them apart.
    items = [*(("c_", c) for c in debate.claims), *(("s_", s) for s in debate.sources)]
    chosen: dict[tuple[str, str], str] = {}
    for prefix, ident in items:
        if is_plain(ident) and ident not in taken:
            chosen[prefix, ident] = take(ident)
    for prefix, ident in items:
        if (prefix, ident) not in chosen:
            chosen[prefix, ident] = take(prefix + encode_id(ident))
    claims = {c: chosen["c_", c] for c in debate.claims}
    undercut = {r.target for r in debate.relations if r.kind is RelationKind.UNDERCUTS}
    junctions = {c: take(claims[c] + ".reasoning") for c in debate.claims if c in undercut}
    speakers: dict[str, str] = {}
    for claim in debate.claims.values():
        if claim.by is not None and claim.by not in speakers:
            speakers[claim.by] = take(f"speaker_{len(speakers) + 1}")
    return NodeNames(
        claims=claims,
        sources={s: chosen["s_", s] for s in debate.sources},
        junctions=junctions,
        speakers=speakers,
    )


_TITLE_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def title_line(title: str) -> str:
    """The front-matter `title:` line: a double-quoted string with JSON's escapes, ASCII only.

    Quotes, backslashes and line breaks are escaped as in JSON, and so is every character outside
    printable ASCII, and `<`, `>`, `&`, `%`, as `\\uXXXX` (`\\UXXXXXXXX` beyond U+FFFF, which YAML
    reads and JSON lacks), so the title stays on its line and nothing in it looks like a tag,
    a fence or a `%%` comment.

    >>> print(title_line('a "b"\\n---\\n<i> \\U0001f600'))
    title: "a \\"b\\"\\n---\\n\\u003ci\\u003e \\U0001f600"
    """
    out = []
    for c in title:
        code = ord(c)
        if c in _TITLE_ESCAPES:
            out.append(_TITLE_ESCAPES[c])
        elif 0x20 <= code < 0x7F and c not in "<>&%":
            out.append(c)
        elif 0xD800 <= code < 0xE000:  # a lone surrogate is no character: the replacement one
            out.append("\\ufffd")
        elif code <= 0xFFFF:
            out.append(f"\\u{code:04x}")
        else:
            out.append(f"\\U{code:08x}")
    return f'title: "{"".join(out)}"'


def _label(lines: list[str]) -> str:
    body = "<br>".join(escape(line) for line in lines)
    # Mermaid trims a label's text; a space it would drop (an empty id) is kept as an entity.
    if body.startswith(" "):
        body = "#32;" + body[1:]
    if body.endswith(" "):
        body = body[:-1] + "#32;"
    return body


def _wrap(text: str) -> list[str]:
    return layout.wrap(text, WRAP, break_on_hyphens=False)


def to_mermaid(debate: Debate | Analysis, options: DiagramOptions | None = None) -> str:
    """The debate (or its analysis) as the text of a Mermaid flowchart, ending in a newline.

    `options` are those of `to_dot` (`argmap.diagram.DiagramOptions`): `direction` says where the
    first claims go (`TB` on top, replies below; `BT`, `LR`, `RL`); `focus`/`depth`, `speaker`
    and `unanswered_only` choose the claims drawn, as `argmap.diagram.select` does; `sources`
    draws the sources those claims cite, as parallelograms; `cluster_speakers` boxes each
    speaker's claims in a subgraph; `theme` is `light` or `dark`. The same debate always gives
    the same text, and a claim's node line depends only on the claim, its node name
    (`node_names`), its status, whether it went unanswered and, with `strength`, its strength
    (a last line such as `0.31 ▰▰▰▱▱▱▱▱▱▱`, or `strength not settled`; the title then says
    what the number and bar are, and by which semantics).
    """
    analysis = analyse(debate)
    options = options or DiagramOptions()
    drawing = plan(analysis, options)
    palette = PALETTES[options.theme]
    debate = analysis.debate
    names = node_names(debate)
    open_ids = analysis.unanswered_ids
    junctions = drawing.junctions
    junction_set = set(junctions)
    sources = drawing.sources

    title = drawing.title
    if drawing.strength is not None and drawing.semantics is not None:
        # A flowchart has no legend: the title says what the number and bar in each node are.
        title += f" ({look.strength_key(drawing.semantics, drawing.base)})"
    out = ["---", title_line(title), *palette.config, "---"]
    out.append(f"flowchart {drawing.flow}")
    by_class: dict[str, list[str]] = {s.value: [] for s in Status}
    by_class[UNANSWERED] = []
    for speaker, members in drawing.groups.items():
        indent = "    "
        if speaker is not None:
            out.append(f'    subgraph {names.speakers[speaker]}["{escape(speaker)}"]')
            indent = "        "
        for c in members:
            claim = debate.claims[c]
            status = analysis.status[c]
            node = names.claims[c]
            head = c if claim.by is None else f"{c} {SEPARATOR} {claim.by}"
            marks = mark(status)
            if c in open_ids:
                marks += f" {SEPARATOR} {UNANSWERED}"
                by_class[UNANSWERED].append(node)
            by_class[status.value].append(node)
            start, end = SHAPES[status]
            lines = [head, *_wrap(claim.text), marks]
            if drawing.strength is not None:
                lines.append(look.strength_mark(drawing.strength[c]))
            out.append(f"{indent}{node}{start}{_label(lines)}{end}")
        if speaker is not None:
            out.append("    end")
    for c in junctions:
        out.append(f"    {names.junctions[c]}{JUNCTION_SHAPE}")
    for s in sources:
        source = debate.sources[s]
        start, end = SOURCE_SHAPE
        body = _label([s, *_wrap(source.title or source.url or "")])
        out.append(f"    {names.sources[s]}{start}{body}{end}")

    links = [(names.claims[c], "reasoning", names.junctions[c]) for c in junctions]
    for r in drawing.relations:
        tail, head = names.claims[r.source], names.claims[r.target]
        if r.kind is RelationKind.UNDERCUTS:
            if r.target in junction_set:
                head = names.junctions[r.target]
        elif r.source in junction_set:
            tail = names.junctions[r.source]
        links.append((tail, r.kind.value, head))
    if sources:
        for c in drawing.claims:
            for s in dict.fromkeys(cite.source for cite in debate.claims[c].cites):  # once each
                if s in names.sources:
                    links.append((names.claims[c], "cites", names.sources[s]))
    for a, kind, b in links:
        if kind == "reasoning":
            out.append(f"    {a} {REASONING_ARROW} {b}")
        elif kind == "cites":
            out.append(f"    {a} {CITE_ARROW}|{kind}| {b}")
        else:
            out.append(f"    {a} {ARROWS[EDGES[kind].line]}|{kind}| {b}")

    out.extend(f"    {line}" for line in palette.class_defs)
    if options.sources:
        out.append(f"    {palette.source}")
    if junctions:
        out.append(f"    {palette.reasoning}")
    for name, nodes in by_class.items():
        if nodes:
            out.append(f"    class {','.join(nodes)} {name};")
    if sources:
        out.append(f"    class {','.join(names.sources[s] for s in sources)} source;")
    if junctions:
        out.append(f"    class {','.join(names.junctions[c] for c in junctions)} reasoning;")
    # Mermaid numbers links in the order they are written; one `linkStyle` line per kind.
    for kind, colour in palette.links.items():
        indices = ",".join(str(i) for i, link in enumerate(links) if link[1] == kind)
        if indices:  # the colour must not end the line: Mermaid would read `#...;` as an entity
            width = "1px" if kind in ("reasoning", "answers") else "2px"
            out.append(f"    linkStyle {indices} stroke:{colour},stroke-width:{width};")
    return "\n".join(out) + "\n"
