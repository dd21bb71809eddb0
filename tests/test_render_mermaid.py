"""Mermaid text: exact output for a small debate, stable bytes, and no way out of a label."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from argmap import Claim, Debate, Relation, RelationKind, Source, load, loads
from argmap.analyze import Labelling, Status, label, unanswered
from argmap.render.mermaid import escape, node_id, source_node_id, title_line, to_mermaid

from .conftest import DEBATES, ROOT

SMALL = """\
title: A small "golden" debate
sources:
  paper: {title: A paper, url: "https://example.org/paper"}
claims:
  root:
    by: Ann
    text: The first claim, which is long enough to be wrapped over two lines.
    rebuttals:
      reply:
        by: Bob
        text: A rebuttal.
        rebuttals:
          last-word: {by: Ann, text: "A counter; it has the last word.", cites: [paper]}
    reasons:
      reason: {by: Ann, text: A reason.}
  cut:
    by: Bob
    text: That does not follow.
    undercuts: reason
  end: {by: Cy, text: Round, rebuts: a.b}
  a.b: {text: and round., rebuts: end}
"""

CLASS_DEFS = [
    "    classDef standing fill:#DCEBF7,stroke:#0072B2,color:#000000;",
    "    classDef defeated fill:#FBE3D6,stroke:#D55E00,stroke-dasharray:5 3,color:#000000;",
    "    classDef undecided fill:#FFF3C4,stroke:#E69F00,stroke-dasharray:2 2,color:#000000;",
    "    classDef unanswered stroke-width:3px;",
]

GOLDEN = "\n".join(
    [
        "---",
        'title: "A small \\"golden\\" debate"',
        "---",
        "flowchart BT",
        '    c_root["root #183; Ann<br>The first claim, which is long enough to<br>'
        'be wrapped over two lines.<br>#10004; standing"]',
        '    c_reply(["reply #183; Bob<br>A rebuttal.<br>#10008; defeated"])',
        '    c_last_2dword["last-word #183; Ann<br>A counter#59; it has the last word.<br>'
        '#10004; standing #183; unanswered"]',
        '    c_reason(["reason #183; Ann<br>A reason.<br>#10008; defeated"])',
        '    c_cut["cut #183; Bob<br>That does not follow.<br>#10004; standing #183; unanswered"]',
        '    c_end{{"end #183; Cy<br>Round<br>? undecided"}}',
        '    c_a_2eb{{"a.b<br>and round.<br>? undecided"}}',
        "    c_reply -->|rebuts| c_root",
        "    c_last_2dword -->|rebuts| c_reply",
        "    c_reason -.->|supports| c_root",
        "    c_cut ==>|undercuts| c_reason",
        "    c_end -->|rebuts| c_a_2eb",
        "    c_a_2eb -->|rebuts| c_end",
        *CLASS_DEFS,
        "    class c_root,c_last_2dword,c_cut standing;",
        "    class c_reply,c_reason defeated;",
        "    class c_end,c_a_2eb undecided;",
        "    class c_last_2dword,c_cut unanswered;",
        "    linkStyle 0,1,4,5 stroke:#D55E00,stroke-width:2px;",
        "    linkStyle 2 stroke:#009E73,stroke-width:2px;",
        "    linkStyle 3 stroke:#CC79A7,stroke-width:2px;",
        "",
    ]
)

# A node line: indent, node name, one of the four shapes around a quoted label.
NODE = re.compile(
    r"    (?P<id>[cs]_[A-Za-z0-9_]+)"
    r'(?P<open>\["|\(\["|\{\{"|\[/")(?P<body>.*)(?P<close>"\]|"\]\)|"\}\}|"/\])'
)
SHAPES = {'["': '"]', '(["': '"])', '{{"': '"}}', '[/"': '"/]'}
# All a label may hold: safe characters, decimal entity codes and line breaks.
SAFE_BODY = re.compile(r"(?:[A-Za-z0-9 .,!?'()/_-]|#[0-9]+;|<br>)*")


def node_lines(text: str) -> dict[str, str]:
    """Node name -> label body, for every node line; checks each line's shape and body."""
    out: dict[str, str] = {}
    for line in text.splitlines():
        m = NODE.fullmatch(line)
        if m is None:
            continue
        assert SHAPES[m["open"]] == m["close"], line
        assert SAFE_BODY.fullmatch(m["body"]), line
        assert m["id"] not in out
        out[m["id"]] = m["body"]
    return out


def unescape(body: str) -> list[str]:
    """A label body back to its lines of plain text."""
    return [re.sub(r"#([0-9]+);", lambda m: chr(int(m[1])), part) for part in body.split("<br>")]


def decode_id(node: str) -> str:
    """The inverse of `node_id` / `source_node_id`, without the prefix."""
    out, i, s = [], 2, node
    while i < len(s):
        if s[i] != "_":
            out.append(s[i])
            i += 1
        elif s[i + 1] == "_":
            out.append("_")
            i += 2
        elif s[i + 1] == "u":
            out.append(chr(int(s[i + 2 : i + 8], 16)))
            i += 8
        else:
            out.append(chr(int(s[i + 1 : i + 3], 16)))
            i += 3
    return "".join(out)


def test_golden_output_for_a_small_debate() -> None:
    assert to_mermaid(loads(SMALL)) == GOLDEN


def test_sources_as_parallelograms_with_cites_links() -> None:
    lines = to_mermaid(loads(SMALL), sources=True).splitlines()
    assert '    s_paper[/"paper<br>A paper"/]' in lines
    assert "    c_last_2dword -.-|cites| s_paper" in lines
    assert "    classDef source fill:#FFFFFF,stroke:#000000,color:#000000;" in lines
    assert "    class s_paper source;" in lines
    assert lines[-1] == "    linkStyle 6 stroke:#999999,stroke-width:2px;"
    # Without sources, none of that.
    assert "s_paper" not in to_mermaid(loads(SMALL))


@pytest.mark.parametrize(
    ("asked", "written"), [("TB", "BT"), ("BT", "TB"), ("LR", "RL"), ("RL", "LR")]
)
def test_direction_is_flipped_so_that_answers_point_back(asked: str, written: str) -> None:
    lines = to_mermaid(loads(SMALL), direction=asked).splitlines()
    assert lines[3] == f"flowchart {written}"
    assert lines[4:] == GOLDEN.splitlines()[4:]


@pytest.mark.parametrize("direction", ["TD", "tb", "", "TB; click"])
def test_unknown_direction_is_refused(direction: str) -> None:
    with pytest.raises(ValueError, match="direction must be one of TB, LR, BT, RL"):
        to_mermaid(loads(SMALL), direction=direction)


def test_same_input_same_bytes() -> None:
    d = load(DEBATES[0])
    assert to_mermaid(d) == to_mermaid(d) == to_mermaid(load(DEBATES[0]))
    assert to_mermaid(d, label(d)) == to_mermaid(d)


def test_each_node_renders_the_same_whatever_the_file_order() -> None:
    d = loads(SMALL)
    flipped = dataclasses.replace(d, claims=dict(reversed(d.claims.items())))
    a, b = node_lines(to_mermaid(d)), node_lines(to_mermaid(flipped))
    assert a == b
    assert list(a) == [node_id(c) for c in d.claims]
    assert list(node_lines(to_mermaid(flipped))) == [node_id(c) for c in reversed(d.claims)]


def test_the_labelling_given_is_the_one_drawn() -> None:
    d = loads(SMALL)
    every = Labelling(dict.fromkeys(d.claims, Status.UNDECIDED), {}, {})
    text = to_mermaid(d, every)
    assert "    class c_root,c_reply,c_last_2dword,c_reason,c_cut,c_end,c_a_2eb undecided;" in (
        text.splitlines()
    )
    assert all("<br>? undecided" in body for body in node_lines(text).values())


HOSTILE = (
    'He said "x" ]; A --> B %% click A call alert(1) <script>alert(1)</script> '
    "<img src=x onerror=alert(1)> `md` #quot; #35; &amp; a;b\nend style x:#f00; [y]"
)
HOSTILE_TITLE = 'Title\n---\nflowchart LR\n%% x\n"q" <b>&</b> \\ \U0001f600'


def hostile_debate() -> Debate:
    """Hostile text everywhere a file can put it, ids included (built directly, past the loader)."""
    claims = {
        "end": Claim("end", HOSTILE, by='eve" ]; click end call x()'),
        "a-b": Claim("a-b", "<b>bold</b>", by="%%{init: {}}%%"),
        "a_2db": Claim("a_2db", "-->", cites=()),
        "x#1": Claim("x#1", ']"\n---'),
    }
    relations = (
        Relation("a-b", "end", RelationKind.REBUTS, 0, 0),
        Relation("a_2db", "end", RelationKind.SUPPORTS, 0, 0),
        Relation("x#1", "a-b", RelationKind.UNDERCUTS, 0, 0),
    )
    return Debate(title=HOSTILE_TITLE, claims=claims, relations=relations)


def test_hostile_text_stays_inside_its_labels() -> None:
    d = hostile_debate()
    text = to_mermaid(d)
    assert text.isascii()
    lines = text.splitlines()
    nodes = node_lines(text)
    assert list(nodes) == ["c_end", "c_a_2db", "c_a__2db", "c_x_231"]
    # Each label holds exactly the claim's id, speaker, text and status, and nothing else.
    status = label(d).status
    open_ids = {u.id for u in unanswered(d)}
    for claim in d.claims.values():
        parts = unescape(nodes[node_id(claim.id)])
        head = claim.id if claim.by is None else f"{claim.id} \u00b7 {claim.by}"
        assert parts[0] == head
        assert " ".join(parts[1:-1]).split() == claim.text.split()
        mark = {"standing": "\u2714 standing", "defeated": "\u2718 defeated"}[status[claim.id]]
        assert parts[-1] == mark + (" \u00b7 unanswered" if claim.id in open_ids else "")
    # Everything else is exactly the structure expected: the user's text never reaches it.
    structure = [line for line in lines if not NODE.fullmatch(line)]
    assert structure == [
        "---",
        'title: "Title\\n---\\nflowchart LR\\n\\u0025\\u0025 x\\n'
        '\\"q\\" \\u003cb\\u003e\\u0026\\u003c/b\\u003e \\\\ \\U0001f600"',
        "---",
        "flowchart BT",
        "    c_a_2db -->|rebuts| c_end",
        "    c_a__2db -.->|supports| c_end",
        "    c_x_231 ==>|undercuts| c_a_2db",
        *CLASS_DEFS,
        "    class c_end,c_a__2db,c_x_231 standing;",
        "    class c_a_2db defeated;",
        "    class c_a__2db,c_x_231 unanswered;",
        "    linkStyle 0 stroke:#D55E00,stroke-width:2px;",
        "    linkStyle 1 stroke:#009E73,stroke-width:2px;",
        "    linkStyle 2 stroke:#CC79A7,stroke-width:2px;",
    ]
    assert len(lines) == len(structure) + len(d.claims)
    # The title is one YAML line that reads back as the title, and the front matter ends once.
    assert yaml.safe_load(lines[1]) == {"title": HOSTILE_TITLE}
    assert lines.count("---") == 2
    for raw in ("<script", "<img", "%%", "</b>", "`"):
        assert raw not in text


def test_hostile_text_through_the_loader() -> None:
    quoted = HOSTILE.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    name = quoted.replace("\\n", " ")  # a speaker's name is one line
    d = loads(f'title: "{quoted}"\nclaims:\n  a: {{text: "{quoted}", by: "{name}"}}\n')
    text = to_mermaid(d, sources=True)
    (body,) = node_lines(text).values()
    parts = unescape(body)
    assert parts[0].split() == f"a \u00b7 {HOSTILE}".split()
    assert " ".join(parts[1:-1]).split() == HOSTILE.split()
    assert yaml.safe_load(text.splitlines()[1]) == {"title": HOSTILE}


def test_hostile_source_titles() -> None:
    d = Debate(
        title="T",
        claims={"a": Claim("a", "A")},
        sources={"a#1": Source("a#1", title='"/] --> <i>', inline=True)},
    )
    nodes = node_lines(to_mermaid(d, sources=True))
    assert unescape(nodes[source_node_id("a#1")]) == ["a#1", '"/] --> <i>']


def test_node_ids_avoid_keywords_and_punctuation() -> None:
    assert node_id("end") == "c_end"
    assert node_id("not-stored") == "c_not_2dstored"
    assert node_id("1.2.3") == "c_1_2e2_2e3"
    assert node_id("a_b") == "c_a__b"
    assert source_node_id("one-byte#2") == "s_one_2dbyte_232"
    assert node_id("\u00fc") == "c__u0000fc"


@given(st.text())
def test_node_ids_are_safe_and_collision_free(ident: str) -> None:
    node = node_id(ident)
    assert re.fullmatch(r"c_[A-Za-z0-9_]*", node)
    assert decode_id(node) == ident  # decodable, so no two ids share a node


@given(st.text())
def test_escape_is_safe_and_lossless(text: str) -> None:
    escaped = escape(text)
    assert SAFE_BODY.fullmatch(escaped)
    assert "<br>" not in escaped
    assert unescape(escaped) == [text]


@given(st.text())
def test_titles_stay_on_one_line_and_read_back(title: str) -> None:
    line = title_line(title)
    assert line.isascii()
    assert "\n" not in line and "<" not in line
    if not any(0xD800 <= ord(c) < 0xE000 for c in title):
        assert yaml.safe_load(line) == {"title": title}


def test_long_words_are_broken_at_the_wrap_width() -> None:
    d = loads("title: T\nclaims:\n  a: {text: " + "x" * 90 + "}\n")
    (body,) = node_lines(to_mermaid(d)).values()
    assert unescape(body)[1:-1] == ["x" * 40, "x" * 40, "x" * 10]


@pytest.mark.parametrize("path", DEBATES, ids=lambda p: p.name)
def test_every_debate_renders_one_node_per_claim(path: Path) -> None:
    d = load(path)
    status = label(d).status
    text = to_mermaid(d, sources=True)
    assert text.endswith("\n")
    assert text.isascii()
    nodes = node_lines(text)
    claims = [n for n in nodes if n.startswith("c_")]
    assert claims == [node_id(c) for c in d.claims]
    assert [n for n in nodes if n.startswith("s_")] == [source_node_id(s) for s in d.sources]
    for claim in d.claims.values():
        assert unescape(nodes[node_id(claim.id)])[-1].split()[1] == status[claim.id].value
    edges = [line for line in text.splitlines() if re.fullmatch(r"    \S+ \S+\|\w+\| \S+", line)]
    cites = {(c.id, x.source) for c in d.claims.values() for x in c.cites}
    assert len(edges) == len(d.relations) + len(cites)


DOC_EXAMPLE = """\
title: Does a trained image model store its training data?
claims:
  not-stored:
    by: FaceDeer
    text: The training data is not stored in the model.
    rebuttals:
      lookup:
        by: flatbield
        text: It is recorded in a retrieval system.
        rebuttals:
          one-byte: {by: FaceDeer, text: "Five billion images in ~5 GB: one byte each."}
"""


def test_the_example_in_the_docs_is_what_argmap_writes() -> None:
    doc = (ROOT / "docs/mermaid.md").read_text(encoding="utf-8")
    block = re.search(r"```mermaid\n(.*?)```\n", doc, re.DOTALL)
    assert block is not None
    assert block[1] == to_mermaid(loads(DOC_EXAMPLE))
