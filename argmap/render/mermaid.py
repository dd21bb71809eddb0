"""A debate as a Mermaid flowchart: text to paste into a ```mermaid block (see docs/mermaid.md).

Everything taken from the debate file is data. Node labels are built from a small safe set of
ASCII characters; every other character, user text or not, is written as a Mermaid entity code
(`#34;` for `"`), so no claim, speaker or source can end a label, start a link or a comment, or
reach the page as HTML. Node names are made from ids by an encoding that cannot collide and never
spells a Mermaid keyword. The title goes into the front matter as a JSON-style string.

Relations keep their direction in the model, from the answering claim to the claim it answers,
so the chart is drawn in the opposite direction to the one asked for: `TB` (first claims on top,
replies below) is written `flowchart BT`.

>>> from argmap import loads
>>> print(to_mermaid(loads("title: T\\nclaims:\\n  a: {text: A}\\n  b: {text: B, rebuts: a}\\n")))
---
title: "T"
---
flowchart BT
    c_a(["a<br>A<br>#10008; defeated"])
    c_b["b<br>B<br>#10004; standing #183; unanswered"]
    c_b -->|rebuts| c_a
    classDef standing fill:#DCEBF7,stroke:#0072B2,color:#000000;
    classDef defeated fill:#FBE3D6,stroke:#D55E00,stroke-dasharray:5 3,color:#000000;
    classDef undecided fill:#FFF3C4,stroke:#E69F00,stroke-dasharray:2 2,color:#000000;
    classDef unanswered stroke-width:3px;
    class c_b standing;
    class c_a defeated;
    class c_b unanswered;
    linkStyle 0 stroke:#D55E00,stroke-width:2px;
<BLANKLINE>
"""

from __future__ import annotations

import textwrap

from argmap.analyze import Labelling, Status, label, unanswered
from argmap.model import Debate, RelationKind

WRAP = 40  # characters per line of a label's text
DIRECTIONS = ("TB", "LR", "BT", "RL")
# Asked-for direction -> the one written: edges point from reply to what it answers.
_FLIPPED = {"TB": "BT", "BT": "TB", "LR": "RL", "RL": "LR"}

# Written as themselves inside a label; everything else becomes `#<decimal>;`. `:` is left out
# because Mermaid strips the last `;` of any line with `style...:...#...;` on it, which would
# break an entity; `#`, `;`, quotes, brackets, `<`, `>`, `&`, `%`, `=`, `|`, `@`, backticks and
# every non-ASCII character are left out because they mean something to Mermaid, HTML or Markdown.
_SAFE = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,!?'()/_-")
_ID_SAFE = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")

SEPARATOR = "\u00b7"  # between an id and its speaker, and a status and `unanswered`
MARKS = {
    Status.STANDING: "\u2714 standing",  # heavy check mark
    Status.DEFEATED: "\u2718 defeated",  # heavy ballot x
    Status.UNDECIDED: "? undecided",
}
# (open, close) of each node shape: rectangle, stadium, hexagon; sources are parallelograms.
SHAPES = {
    Status.STANDING: ('["', '"]'),
    Status.DEFEATED: ('(["', '"])'),
    Status.UNDECIDED: ('{{"', '"}}'),
}
SOURCE_SHAPE = ('[/"', '"/]')

# Okabe-Ito colours, told apart by colour-blind readers; the dashes and shapes repeat the status.
CLASS_DEFS = (
    "classDef standing fill:#DCEBF7,stroke:#0072B2,color:#000000;",
    "classDef defeated fill:#FBE3D6,stroke:#D55E00,stroke-dasharray:5 3,color:#000000;",
    "classDef undecided fill:#FFF3C4,stroke:#E69F00,stroke-dasharray:2 2,color:#000000;",
    "classDef unanswered stroke-width:3px;",
)
SOURCE_CLASS_DEF = "classDef source fill:#FFFFFF,stroke:#000000,color:#000000;"

# Each kind of link: how it is drawn (line style, head) and its colour; colour is never the only
# difference, and every link is labelled with its kind as well.
LINKS = {
    RelationKind.REBUTS.value: ("-->", "#D55E00"),  # solid line, arrow
    RelationKind.SUPPORTS.value: ("-.->", "#009E73"),  # dotted line, arrow
    RelationKind.UNDERCUTS.value: ("==>", "#CC79A7"),  # thick line, arrow
    "cites": ("-.-", "#999999"),  # dotted line, no head (only with sources)
}


def escape(text: str) -> str:
    """`text` for a quoted Mermaid label: safe characters kept, the rest as `#<decimal>;`.

    >>> escape('He said "x" ]; A --> B %% <b>')
    'He said #34;x#34; #93;#59; A --#62; B #37;#37; #60;b#62;'
    """
    return "".join(c if c in _SAFE else f"#{ord(c)};" for c in text)


def _encode_id(ident: str) -> str:
    """Letters and digits kept, `_` doubled, other ASCII `_xx`, anything else `_uxxxxxx` (hex).

    Decoding is unambiguous (after `_` comes `_`, `u` or a hex digit), so no two ids collide.
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


def node_id(claim_id: str) -> str:
    """The Mermaid node name of a claim: `c_` and the encoded id (`not-stored` -> `c_not_2dstored`).

    >>> node_id("end"), node_id("a-b.c"), node_id("a_2db")
    ('c_end', 'c_a_2db_2ec', 'c_a__2db')
    """
    return "c_" + _encode_id(claim_id)


def source_node_id(source_id: str) -> str:
    """The Mermaid node name of a source: `s_` and the encoded id (`a#2` -> `s_a_232`).

    Claims and sources share one namespace of ids, but the prefixes keep their nodes apart anyway.
    """
    return "s_" + _encode_id(source_id)


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
    return "<br>".join(escape(line) for line in lines)


def _wrap(text: str) -> list[str]:
    return textwrap.wrap(text, width=WRAP, break_long_words=True, break_on_hyphens=False)


def to_mermaid(
    debate: Debate,
    labelling: Labelling | None = None,
    direction: str = "TB",
    *,
    sources: bool = False,
) -> str:
    """The debate as the text of a Mermaid flowchart, ending in a newline.

    `direction` says where the first claims go: `TB` on top (replies below), `BT` at the bottom,
    `LR` on the left, `RL` on the right. With `sources`, each source is drawn as a parallelogram
    linked to the claims that cite it. The same debate always gives the same text, and a claim's
    node line depends only on the claim, its status and whether it went unanswered.
    """
    if direction not in _FLIPPED:
        raise ValueError(f"direction must be one of {', '.join(DIRECTIONS)}, not {direction!r}")
    labelling = labelling if labelling is not None else label(debate)
    open_ids = {u.id for u in unanswered(debate)}

    out = ["---", title_line(debate.title), "---", f"flowchart {_FLIPPED[direction]}"]
    by_class: dict[str, list[str]] = {s.value: [] for s in Status}
    by_class["unanswered"] = []
    for claim in debate.claims.values():
        status = labelling.status[claim.id]
        node = node_id(claim.id)
        head = claim.id if claim.by is None else f"{claim.id} {SEPARATOR} {claim.by}"
        mark = MARKS[status]
        if claim.id in open_ids:
            mark += f" {SEPARATOR} unanswered"
            by_class["unanswered"].append(node)
        by_class[status.value].append(node)
        start, end = SHAPES[status]
        out.append(f"    {node}{start}{_label([head, *_wrap(claim.text), mark])}{end}")
    if sources:
        for source in debate.sources.values():
            start, end = SOURCE_SHAPE
            body = _label([source.id, *_wrap(source.title or source.url or "")])
            out.append(f"    {source_node_id(source.id)}{start}{body}{end}")

    links: list[tuple[str, str, str]] = [
        (node_id(r.source), r.kind.value, node_id(r.target)) for r in debate.relations
    ]
    if sources:
        for claim in debate.claims.values():
            for source_id in dict.fromkeys(c.source for c in claim.cites):  # once each, in order
                links.append((node_id(claim.id), "cites", source_node_id(source_id)))
    out.extend(f"    {a} {LINKS[kind][0]}|{kind}| {b}" for a, kind, b in links)

    out.extend(f"    {line}" for line in CLASS_DEFS)
    if sources:
        out.append(f"    {SOURCE_CLASS_DEF}")
    for name, nodes in by_class.items():
        if nodes:
            out.append(f"    class {','.join(nodes)} {name};")
    if sources and debate.sources:
        out.append(f"    class {','.join(map(source_node_id, debate.sources))} source;")
    # Mermaid numbers links in the order they are written; one `linkStyle` line per kind.
    for kind, (_, colour) in LINKS.items():
        indices = ",".join(str(i) for i, link in enumerate(links) if link[1] == kind)
        if indices:  # the colour must not end the line: Mermaid would read `#...;` as an entity
            out.append(f"    linkStyle {indices} stroke:{colour},stroke-width:2px;")
    return "\n".join(out) + "\n"
