"""Mermaid text: exact output for small debates, stable bytes, no way out of a label, and every
diagram read back by Mermaid 11's own parser (tests/js, installed by `make test`)."""

from __future__ import annotations

import dataclasses
import itertools
import json
import re
import shutil
import subprocess
import textwrap
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from argmap import Citation, Claim, Debate, Relation, RelationKind, Source, Speaker, load, loads
from argmap.analysis import Analysis, analyse
from argmap.analyze import Labelling, Status, unanswered
from argmap.cli import app
from argmap.diagram import DiagramError, DiagramOptions, select
from argmap.render.mermaid import (
    encode_id,
    escape,
    is_plain,
    node_names,
    title_line,
    to_mermaid,
)

from .conftest import DEBATES, ROOT

JS = ROOT / "tests" / "js"
MERMAID_VERSION = "11.17.2"

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
    "    classDef standing fill:#DCEBF7,stroke:#0072B2,color:#1a1a1a;",
    "    classDef defeated fill:#FBE3D6,stroke:#D55E00,stroke-dasharray:5 3,color:#1a1a1a;",
    "    classDef undecided fill:#FFF3C4,stroke:#B07800,stroke-dasharray:2 2,color:#1a1a1a;",
    "    classDef unanswered stroke-width:3px;",
]
DARK_CLASS_DEFS = [
    "    classDef standing fill:#12324a,stroke:#56B4E9,color:#eeeeee;",
    "    classDef defeated fill:#4a2a12,stroke:#E69F00,stroke-dasharray:5 3,color:#eeeeee;",
    "    classDef undecided fill:#3f3a10,stroke:#F0E442,stroke-dasharray:2 2,color:#eeeeee;",
    "    classDef unanswered stroke-width:3px;",
]

GOLDEN = "\n".join(
    [
        "---",
        'title: "A small \\"golden\\" debate"',
        "---",
        "flowchart BT",
        '    root["root #183; Ann<br>The first claim, which is long enough to<br>'
        'be wrapped over two lines.<br>#10004; standing"]',
        '    reply(["reply #183; Bob<br>A rebuttal.<br>#10008; defeated"])',
        '    last-word["last-word #183; Ann<br>A counter#59; it has the last word.<br>'
        '#10004; standing #183; unanswered"]',
        '    reason(["reason #183; Ann<br>A reason.<br>#10008; defeated"])',
        '    cut["cut #183; Bob<br>That does not follow.<br>#10004; standing #183; unanswered"]',
        '    c_end{{"end #183; Cy<br>Round<br>? undecided"}}',
        '    a.b{{"a.b<br>and round.<br>? undecided"}}',
        "    reason.reasoning(( ))",
        "    reason --- reason.reasoning",
        "    reply -->|rebuts| root",
        "    last-word -->|rebuts| reply",
        "    reason.reasoning -.->|supports| root",
        "    cut ==>|undercuts| reason.reasoning",
        "    c_end -->|rebuts| a.b",
        "    a.b -->|rebuts| c_end",
        *CLASS_DEFS,
        "    classDef reasoning fill:#555555,stroke:#555555;",
        "    class root,last-word,cut standing;",
        "    class reply,reason defeated;",
        "    class c_end,a.b undecided;",
        "    class last-word,cut unanswered;",
        "    class reason.reasoning reasoning;",
        "    linkStyle 1,2,5,6 stroke:#D55E00,stroke-width:2px;",
        "    linkStyle 3 stroke:#009E73,stroke-width:2px;",
        "    linkStyle 4 stroke:#CC79A7,stroke-width:2px;",
        "    linkStyle 0 stroke:#555555,stroke-width:1px;",
        "",
    ]
)

# A node line: indent, node name, one of the four shapes around a quoted label.
NODE = re.compile(
    r" +(?P<id>[A-Za-z0-9_.-]+)"
    r'(?P<open>\["|\(\["|\{\{"|\[/")(?P<body>.*)(?P<close>"\]|"\]\)|"\}\}|"/\])'
)
SHAPES = {'["': '"]', '(["': '"])', '{{"': '"}}', '[/"': '"/]'}
# All a label may hold: safe characters, decimal entity codes and line breaks.
SAFE_BODY = re.compile(r"(?:[A-Za-z0-9 .,!?'()/_-]|#[0-9]+;|<br>)*")
PLAIN_NAME = re.compile(r"[A-Za-z0-9_]+(?:[.-][A-Za-z0-9_]+)*")


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


def decode_id(encoded: str) -> str:
    """The inverse of the encoding of ids that are not plain names."""
    out, i, s = [], 0, encoded
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


# --- Mermaid's own parser ------------------------------------------------------------------------
#
# Every diagram the tests below read back is listed here, so that one `node` process parses
# them all (starting Mermaid takes about a second).

HOSTILE = (
    'He said "x" ]; A --> B %% click A call alert(1) <script>alert(1)</script> '
    "<img src=x onerror=alert(1)> `md` #quot; #35; &amp; a;b\nend style x:#f00; [y] "
    "\U0001f600 \u200f\u202eRTL\u202c {{z}} |w| ---"
)
HOSTILE_TITLE = 'Title\n---\nflowchart LR\n%% x\nconfig: {}\n"q" <b>&</b> \\ \U0001f600 \u202e'
HOSTILE_NAMES = ('eve" ]; click end call x()', "%%{init: {}}%%", "end", "<b>x</b>\nsubgraph y")


def hostile_debate() -> Debate:
    """Hostile text everywhere a file can put it, ids included (built directly, past the loader)."""
    claims = {
        "end": Claim("end", HOSTILE, by=HOSTILE_NAMES[0]),
        "a-b": Claim("a-b", "<b>bold</b>", by=HOSTILE_NAMES[1], cites=(Citation("x#1"),)),
        "a_2db": Claim("a_2db", "-->", by=HOSTILE_NAMES[2]),
        "x#1a": Claim("x#1a", ']"\n---', by=HOSTILE_NAMES[3], cites=(Citation('s"]'),)),
        "c_end": Claim("c_end", "%%", by=HOSTILE_NAMES[0]),
        "click": Claim("click", "`a`", cites=(Citation("x#1"),)),
    }
    relations = (
        Relation("a-b", "end", RelationKind.REBUTS, 0, 0),
        Relation("a_2db", "end", RelationKind.SUPPORTS, 0, 0),
        Relation("x#1a", "a-b", RelationKind.UNDERCUTS, 0, 0),
        Relation("c_end", "x#1a", RelationKind.REBUTS, 0, 0),
        Relation("click", "c_end", RelationKind.UNDERCUTS, 0, 0),
    )
    sources = {
        "x#1": Source("x#1", title=HOSTILE, inline=True),
        's"]': Source('s"]', url="javascript:alert(1) --> %% <a>"),
    }
    speakers = {name: Speaker(name) for name in HOSTILE_NAMES}
    return Debate(
        title=HOSTILE_TITLE, claims=claims, relations=relations, sources=sources, speakers=speakers
    )


def broad_ids() -> list[str]:
    """Ids that probe how Mermaid reads node names: every short string over a small alphabet,
    its keywords in many spellings and positions, and some that collide once encoded."""
    ids = ["".join(p) for n in (1, 2, 3) for p in itertools.product("ab_.-0ox", repeat=n)]
    words = [
        "end", "graph", "subgraph", "flowchart", "style", "class", "classDef", "linkStyle",
        "interpolate", "_self", "_blank", "_parent", "_top", "call", "click", "href",
        "callback", "direction", "default", "accTitle", "accDescr", "TB", "TD", "LR", "v",
    ]  # fmt: skip
    for word in words:
        for k in (word, word.upper(), word.capitalize()):
            ids += [k, f"{k}-a", f"{k}.a", f"1{k}", f"12{k}", f"{k}a", f"{k}_a", f"{k}1"]
            ids += [f"a{k}", f"a-{k}", f"a.{k}", f"{k}-", f"-{k}", f"{k}--a", f"1{k}-a"]
    ids += ["flowchart-elk", "flowchart-elk-a", "flowchartx", "not-stored", "A-1.2", "1.2.3"]
    ids += ["c_end", "c_end_2", "c_a_2db", "a.reasoning", "x#1", "a b", "\u00fc", "", "-->"]
    return list(dict.fromkeys(ids))


def id_debates() -> list[Debate]:
    """The broad ids as claims (every fifth one a source), in debates small enough for Mermaid:
    a chain of links cycling through the kinds, so every name starts and ends links, is boxed,
    classed and given a junction."""
    ids = broad_ids()
    out = []
    for start in range(0, len(ids), 150):
        chunk = ids[start : start + 150]
        sources = {s: Source(s, title=s) for s in chunk[4::5]}
        claims = {}
        for n, c in enumerate(chunk):
            cites = (Citation(chunk[n + 1]),) if n % 5 == 3 and n + 1 < len(chunk) else ()
            if c not in sources:
                claims[c] = Claim(c, "t", by=HOSTILE_NAMES[n % 4], cites=cites)
        kinds = list(RelationKind)
        relations = tuple(
            Relation(a, b, kinds[n % 3], 0, 0)
            for n, (a, b) in enumerate(itertools.pairwise(claims))
        )
        speakers = {name: Speaker(name) for name in HOSTILE_NAMES}
        out.append(Debate(f"ids {start}", claims, relations, sources, speakers))
    return out


def chain(n: int) -> Debate:
    claims = {f"c{i}": Claim(f"c{i}", "t") for i in range(n)}
    relations = tuple(
        Relation(f"c{i + 1}", f"c{i}", RelationKind.REBUTS, 0, 0) for i in range(n - 1)
    )
    return Debate("chain", claims, relations)


def variants(d: Debate) -> dict[str, DiagramOptions]:
    """Every option, over a real debate."""
    first = next(iter(d.claims))
    by = [c.by for c in d.claims.values() if c.by]
    speaker = min(by, key=by.count)  # the quietest, so that the filter leaves claims out
    return {
        "plain": DiagramOptions(),
        "sources": DiagramOptions(sources=True),
        "dark": DiagramOptions(theme="dark", sources=True),
        "LR": DiagramOptions(direction="LR"),
        "BT": DiagramOptions(direction="BT", theme="dark"),
        "RL": DiagramOptions(direction="RL"),
        "cluster": DiagramOptions(cluster_speakers=True, sources=True),
        "focus": DiagramOptions(focus=first, depth=1, sources=True),
        "speaker": DiagramOptions(speaker=speaker, cluster_speakers=True),
        "unanswered": DiagramOptions(unanswered_only=True, sources=True, theme="dark"),
    }


LOADED = {p.name: load(p) for p in DEBATES}
CASES: dict[str, tuple[Debate, DiagramOptions]] = {
    f"{name}/{variant}": (d, options)
    for name, d in LOADED.items()
    for variant, options in variants(d).items()
}
CASES["small/sources"] = (loads(SMALL), DiagramOptions(sources=True))
CASES["small/cluster-dark"] = (loads(SMALL), DiagramOptions(cluster_speakers=True, theme="dark"))
# A thread as imported: replies not yet classified, one of them also rebutting.
THREAD = """\
title: A thread
claims:
  a: {by: ann, text: A, replies: {b: {by: bo, text: B}}}
  c: {by: cy, text: C, answers: a, rebuts: b}
  d: {by: ann, text: D, answers: c}
"""
CASES["thread"] = (loads(THREAD), DiagramOptions())
CASES["thread/dark-LR"] = (loads(THREAD), DiagramOptions(theme="dark", direction="LR"))
CASES["hostile"] = (hostile_debate(), DiagramOptions(sources=True, cluster_speakers=True))
CASES["hostile/dark-RL"] = (hostile_debate(), DiagramOptions(direction="RL", theme="dark"))
for n, d in enumerate(id_debates()):
    CASES[f"ids/{n}"] = (d, DiagramOptions(sources=True, cluster_speakers=True))
ID_CASES = [k for k in CASES if k.startswith("ids/")]
COMPARED = list(CASES)  # those below are checked by tests of their own
CASES["chain/501-links"] = (chain(502), DiagramOptions())

# Every character up to U+02FF and a few beyond, in labels of no more than 40 characters
# without whitespace, so that wrapping leaves them as they are.
_CHARS = [chr(i) for i in range(0x300) if chr(i) not in " \t\n\x0b\x0c\r"]
_CHARS += ["\u200f", "\u202e", "\ufeff", "\U0001f600", "\ufffe", "\U0010ffff", "\ud800"]
CASES["every-character"] = (
    Debate(
        "chars",
        {
            f"c{n}": Claim(f"c{n}", "x" + "".join(_CHARS[n : n + 30]) + "y")
            for n in range(0, len(_CHARS), 30)
        },
    ),
    DiagramOptions(),
)


# Written as they are, these ids break Mermaid, which is why they are encoded.
UNSAFE_RAW = ["end", "1end", "end-x", "graph", "subgraph.a", "style", "class", "classDef"]
UNSAFE_RAW += ["linkStyle", "click", "call", "href", "_self", "flowchart-elk", "a--b", "a-.b"]


def raw_diagram(name: str) -> str:
    lines = [f'{name}["x"]', 'q9["y"]', f"q9 -->|rebuts| {name}", f"{name} -.->|supports| q9"]
    lines += [f"{name} ==>|undercuts| q9", f"class {name},q9 standing;"]
    return "flowchart BT\n" + "".join(f"    {line}\n" for line in lines)


EXTRA = {f"raw/{name}": raw_diagram(name) for name in UNSAFE_RAW}


@pytest.fixture(scope="session")
def parsed() -> dict[str, dict[str, Any]]:
    """What Mermaid's parser reads from each diagram in CASES and EXTRA, by key."""
    texts = {key: to_mermaid(d, options) for key, (d, options) in CASES.items()}
    texts.update(EXTRA)
    node = shutil.which("node")
    if node is None or not (JS / "node_modules" / "mermaid").is_dir():
        pytest.fail(
            "Mermaid's parser is not installed (Node.js and tests/js/node_modules are needed): "
            "run `make test`, which installs both (or `make node`)"
        )
    run = subprocess.run(
        [node, str(JS / "mermaid-check.mjs")],
        input=json.dumps(list(texts.values())),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    results = [json.loads(line) for line in run.stdout.splitlines()]
    assert len(results) == len(texts)
    return dict(zip(texts, results, strict=True))


def test_the_parser_is_the_pinned_mermaid() -> None:
    package = json.loads((JS / "package.json").read_text(encoding="utf-8"))
    assert package["dependencies"]["mermaid"] == MERMAID_VERSION
    lock = json.loads((JS / "package-lock.json").read_text(encoding="utf-8"))
    assert lock["packages"]["node_modules/mermaid"]["version"] == MERMAID_VERSION
    installed = JS / "node_modules" / "mermaid" / "package.json"
    if installed.exists():  # otherwise the `parsed` fixture says how to install it
        assert json.loads(installed.read_text(encoding="utf-8"))["version"] == MERMAID_VERSION


EDGE = {  # kind -> (Mermaid's arrow type, stroke, colour in the light theme, in the dark one)
    "rebuts": ("arrow_point", "normal", "#D55E00", "#E69F00"),
    "supports": ("arrow_point", "dotted", "#009E73", "#009E73"),
    "undercuts": ("arrow_point", "thick", "#CC79A7", "#CC79A7"),
    "answers": ("arrow_point", "dotted", "#8C8C8C", "#7A7A7A"),
    "cites": ("arrow_open", "dotted", "#777777", "#999999"),
    "reasoning": ("arrow_open", "normal", "#555555", "#aaaaaa"),
}
SHAPE = {Status.STANDING: "square", Status.DEFEATED: "stadium", Status.UNDECIDED: "hexagon"}
MARK = {
    Status.STANDING: "✔ standing",
    Status.DEFEATED: "✘ defeated",
    Status.UNDECIDED: "? undecided",
}
CLASS_DEF_STYLES = {
    "light": {
        "standing": ["fill:#DCEBF7", "stroke:#0072B2", "color:#1a1a1a"],
        "defeated": ["fill:#FBE3D6", "stroke:#D55E00", "stroke-dasharray:5 3", "color:#1a1a1a"],
        "undecided": ["fill:#FFF3C4", "stroke:#B07800", "stroke-dasharray:2 2", "color:#1a1a1a"],
        "unanswered": ["stroke-width:3px"],
        "source": ["fill:#F2F2F2", "stroke:#555555", "color:#1a1a1a"],
        "reasoning": ["fill:#555555", "stroke:#555555"],
    },
    "dark": {
        "standing": ["fill:#12324a", "stroke:#56B4E9", "color:#eeeeee"],
        "defeated": ["fill:#4a2a12", "stroke:#E69F00", "stroke-dasharray:5 3", "color:#eeeeee"],
        "undecided": ["fill:#3f3a10", "stroke:#F0E442", "stroke-dasharray:2 2", "color:#eeeeee"],
        "unanswered": ["stroke-width:3px"],
        "source": ["fill:#2a2a2e", "stroke:#aaaaaa", "color:#eeeeee"],
        "reasoning": ["fill:#aaaaaa", "stroke:#aaaaaa"],
    },
}


def wrapped(text: str) -> list[str]:
    return textwrap.wrap(text, width=40, break_long_words=True, break_on_hyphens=False)


def expected(d: Debate, options: DiagramOptions) -> dict[str, Any]:
    """What Mermaid should read from the drawing of `d`: the claims `select` keeps, what they
    cite, a junction on the answers of each undercut claim that answers something, and the
    relations between drawn claims, each node under its name from `node_names`."""
    labelling = analyse(d)
    drawn = select(labelling, options)
    names = node_names(d)
    quiet = {u.id for u in unanswered(d)}
    vertices: dict[str, dict[str, Any]] = {}
    for c in drawn:
        claim, status = d.claims[c], labelling.status[c]
        head = c if claim.by is None else f"{c} · {claim.by}"
        mark = MARK[status] + (" · unanswered" if c in quiet else "")
        vertices[names.claims[c]] = {
            "classes": [status.value, *(["unanswered"] if c in quiet else [])],
            "shape": SHAPE[status],
            "label": "\n".join([head, *wrapped(claim.text), mark]),
        }
    relations = [r for r in d.relations if r.source in drawn and r.target in drawn]
    cut = {r.target for r in relations if r.kind is RelationKind.UNDERCUTS}
    answering = {r.source for r in relations if r.kind is not RelationKind.UNDERCUTS}
    junctions = [c for c in drawn if c in cut and c in answering]
    for c in junctions:
        vertices[names.junctions[c]] = {"classes": ["reasoning"], "shape": "circle", "label": ""}
    cited = [s for s in d.sources if any(x.source == s for c in drawn for x in d.claims[c].cites)]
    for s in cited if options.sources else []:
        source = d.sources[s]
        vertices[names.sources[s]] = {
            "classes": ["source"],
            "shape": "lean_right",
            "label": "\n".join([s, *wrapped(source.title or source.url or "")]),
        }
    edges = [(names.claims[c], names.junctions[c], "reasoning") for c in junctions]
    for r in relations:
        tail, head = names.claims[r.source], names.claims[r.target]
        if r.kind is RelationKind.UNDERCUTS and r.target in junctions:
            head = names.junctions[r.target]
        if r.kind is not RelationKind.UNDERCUTS and r.source in junctions:
            tail = names.junctions[r.source]
        edges.append((tail, head, r.kind.value))
    if options.sources:
        for c in drawn:
            for s in dict.fromkeys(x.source for x in d.claims[c].cites):
                edges.append((names.claims[c], names.sources[s], "cites"))
    dark = options.theme == "dark"
    subgraphs: dict[str, dict[str, Any]] = {}
    if options.cluster_speakers:
        for c in drawn:
            by = d.claims[c].by
            if by is not None:
                box = subgraphs.setdefault(names.speakers[by], {"title": by, "nodes": []})
                box["nodes"].append(names.claims[c])
    title = d.title + (f" (around {options.focus}, depth {options.depth})" if options.focus else "")
    return {
        "type": "flowchart-v2",
        "config": {"theme": "dark"} if dark else {},
        "title": title,
        "vertices": vertices,
        "edges": [
            {
                "start": a,
                "end": b,
                "type": EDGE[kind][0],
                "stroke": EDGE[kind][1],
                "text": "" if kind == "reasoning" else kind,
                "style": [
                    f"stroke:{EDGE[kind][3 if dark else 2]}",
                    f"stroke-width:{'1px' if kind in ('reasoning', 'answers') else '2px'}",
                    "fill:none",
                ],
            }
            for a, b, kind in edges
        ],
        "subgraphs": subgraphs,
    }


def read_back(result: dict[str, Any]) -> dict[str, Any]:
    """The parts of a parser result that `expected` predicts, in the same form."""
    assert "error" not in result, result["error"]
    for v in result["vertices"]:
        assert set(v["elements"]) <= {"BR"}, v  # no HTML but argmap's own line breaks
    return {
        "type": result["type"],
        "config": result["config"],
        "title": result["title"],
        "vertices": {
            v["id"]: {"classes": v["classes"], "shape": v["shape"], "label": v["label"]}
            for v in result["vertices"]
        },
        "edges": result["edges"],
        "subgraphs": {
            s["id"]: {"title": s["title"], "nodes": s["nodes"]} for s in result["subgraphs"]
        },
    }


@pytest.mark.parametrize("key", COMPARED)
def test_mermaid_reads_exactly_what_was_drawn(key: str, parsed: dict[str, dict[str, Any]]) -> None:
    d, options = CASES[key]
    result = parsed[key]
    assert read_back(result) == expected(d, options)
    theme = CLASS_DEF_STYLES[options.theme]
    used = ["standing", "defeated", "undecided", "unanswered"]
    used += ["source"] if options.sources else []
    used += ["reasoning"] if any(v["classes"] == ["reasoning"] for v in result["vertices"]) else []
    assert result["classDefs"] == {name: theme[name] for name in used}


def test_the_cases_cover_every_option(parsed: dict[str, dict[str, Any]]) -> None:
    """The comparisons above are not vacuous: between them the cases draw junctions, boxes,
    sources, cites, focus and filters, on the real debates and on hostile ones."""
    drawn = [read_back(parsed[k]) for k in COMPARED]
    kinds = {(e["text"], e["type"]) for r in drawn for e in r["edges"]}
    assert kinds == {
        ("rebuts", "arrow_point"),
        ("supports", "arrow_point"),
        ("undercuts", "arrow_point"),
        ("answers", "arrow_point"),
        ("cites", "arrow_open"),
        ("", "arrow_open"),
    }
    shapes = {v["shape"] for r in drawn for v in r["vertices"].values()}
    assert shapes == {"square", "stadium", "hexagon", "lean_right", "circle"}
    assert sum(len(r["subgraphs"]) for r in drawn) > 20

    def claims(key: str) -> list[Any]:
        # Sources (lean_right) and junctions for undercut reasoning are not claims.
        return [
            v
            for v in parsed[key]["vertices"]
            if v["shape"] != "lean_right" and v["classes"] != ["reasoning"]
        ]

    for name, d in LOADED.items():
        whole = len(claims(f"{name}/plain"))
        assert whole == len(d.claims)
        for variant in ("focus", "speaker"):
            assert 0 < len(claims(f"{name}/{variant}")) < whole, (name, variant)


def test_every_debate_is_small_enough_for_mermaid_defaults() -> None:
    # Mermaid replaces any text over 50,000 characters (`maxTextSize`) with an error message.
    for d in LOADED.values():
        assert len(to_mermaid(d, DiagramOptions(sources=True, cluster_speakers=True))) < 50_000


def test_mermaids_link_limit(parsed: dict[str, dict[str, Any]]) -> None:
    """docs/mermaid.md warns that Mermaid refuses more than 500 links unless the site allows."""
    assert parsed["chain/501-links"]["error"].startswith(
        "Edge limit exceeded. 500 edges found, but the limit is 500."
    )


@pytest.mark.parametrize("name", UNSAFE_RAW)
def test_ids_that_are_encoded_would_break_mermaid(
    name: str, parsed: dict[str, dict[str, Any]]
) -> None:
    assert "error" in parsed[f"raw/{name}"]
    assert not is_plain(name)


@pytest.mark.parametrize("key", ID_CASES)
def test_every_name_reads_back_as_itself(key: str, parsed: dict[str, dict[str, Any]]) -> None:
    d, _ = CASES[key]
    names = node_names(d)
    every = [*names.claims.values(), *names.sources.values(), *names.junctions.values()]
    every += names.speakers.values()
    assert len(set(every)) == len(every)  # no two things share a name
    result = parsed[key]
    vertices = {v["id"]: v for v in result["vertices"]}
    for ident, name in [*names.claims.items(), *names.sources.items()]:
        assert vertices[name]["label"].split("\n")[0].split(" · ")[0] == ident
        if is_plain(ident):
            assert name == ident
        else:
            assert name.startswith("c_" if ident in d.claims else "s_")
    assert {s["id"] for s in result["subgraphs"]} == set(names.speakers.values())


def test_the_broad_ids_use_both_kinds_of_name() -> None:
    """Plain ids (as Mermaid 11 reads them) keep their names; the others are encoded."""
    ids = broad_ids()
    plain = [i for i in ids if is_plain(i)]
    assert len(ids) > 1000
    assert 300 < len(plain) < len(ids) - 300
    for i in ["not-stored", "a.b", "A-1.2", "o1", "x1", "ob", "1a", "Enda", "1.2.3", "_"]:
        assert is_plain(i), i
    for i in ["End", "GRAPH", "Click", "click-a", "call.a"]:  # Mermaid takes these; to be safe
        assert not is_plain(i), i
    for k in ["end", "classdef", "_self", "call", "click", "href"]:
        for i in [k, f"{k}-a", f"{k}.a", f"1{k}", k.upper(), f"1{k.capitalize()}-a"]:
            assert not is_plain(i), i
        for i in [f"{k}a", f"{k}_a", f"{k}1", f"a{k}", f"a-{k}", f"a.{k}"]:
            assert is_plain(i), i
    for i in ["flowchart-elk", "flowchartx", "a--b", "a..b", "a-", ".a", "a#1", "", "a b"]:
        assert not is_plain(i), i


def test_names_take_the_id_then_an_encoding_then_a_suffix() -> None:
    claims = {c: Claim(c, "t") for c in ["end", "c_end", "c_end_2", "a-b", "a--b", "x"]}
    claims["y.reasoning"] = Claim("y.reasoning", "t")
    claims["y"] = Claim("y", "t", by="Ann")
    relations = (
        Relation("x", "y", RelationKind.UNDERCUTS, 0, 0),
        Relation("y", "x", RelationKind.REBUTS, 0, 0),
    )
    sources = {"x#1": Source("x#1"), "speaker_1": Source("speaker_1")}
    names = node_names(Debate("T", claims, relations, sources))
    assert names.claims == {
        "end": "c_end_3",  # c_end and c_end_2 are taken by the claims of those ids
        "c_end": "c_end",
        "c_end_2": "c_end_2",
        "a-b": "a-b",
        "a--b": "c_a_2d_2db",
        "x": "x",
        "y.reasoning": "y.reasoning",
        "y": "y",
    }
    assert names.sources == {"x#1": "s_x_231", "speaker_1": "speaker_1"}
    assert names.junctions == {"y": "y.reasoning_2"}
    assert names.speakers == {"Ann": "speaker_1_2"}


@given(st.lists(st.text(), unique=True))
def test_names_are_plain_distinct_and_keep_plain_ids(ids: list[str]) -> None:
    claims = {c: Claim(c, "t", by=c) for c in ids}
    relations = tuple(
        Relation(a, b, RelationKind.UNDERCUTS, 0, 0) for a, b in itertools.pairwise(ids)
    )
    names = node_names(Debate("T", claims, relations))
    every = [*names.claims.values(), *names.junctions.values(), *names.speakers.values()]
    assert len(set(every)) == len(every)
    assert all(PLAIN_NAME.fullmatch(n) and is_plain(n) for n in every)
    for ident, name in names.claims.items():
        if is_plain(ident):
            assert name == ident
        else:
            assert re.fullmatch(re.escape("c_" + encode_id(ident)) + r"(_[0-9]+)?", name)


@given(st.text())
def test_the_encoding_can_be_read_back(ident: str) -> None:
    encoded = encode_id(ident)
    assert re.fullmatch(r"[A-Za-z0-9_]*", encoded)
    assert decode_id(encoded) == ident  # so no two ids share an encoding


HOSTILE_STRUCTURE = [
    "---",
    'title: "Title\\n---\\nflowchart LR\\n\\u0025\\u0025 x\\nconfig: {}\\n'
    '\\"q\\" \\u003cb\\u003e\\u0026\\u003c/b\\u003e \\\\ \\U0001f600 \\u202e"',
    "---",
    "flowchart BT",
    '    subgraph speaker_1["eve#34; #93;#59; click end call x()"]',
    "    end",
    '    subgraph speaker_2["#37;#37;#123;init#58; #123;#125;#125;#37;#37;"]',
    "    end",
    '    subgraph speaker_3["end"]',
    "    end",
    '    subgraph speaker_4["#60;b#62;x#60;/b#62;#10;subgraph y"]',
    "    end",
    "    a-b.reasoning(( ))",
    "    c_end.reasoning(( ))",
    "    a-b --- a-b.reasoning",
    "    c_end --- c_end.reasoning",
    "    a-b.reasoning -->|rebuts| c_end_2",
    "    a_2db -.->|supports| c_end_2",
    "    c_x_231a ==>|undercuts| a-b.reasoning",
    "    c_end.reasoning -->|rebuts| c_x_231a",
    "    c_click ==>|undercuts| c_end.reasoning",
    "    a-b -.-|cites| s_x_231",
    "    c_x_231a -.-|cites| s_s_22_5d",
    "    c_click -.-|cites| s_x_231",
    "    classDef standing fill:#DCEBF7,stroke:#0072B2,color:#1a1a1a;",
    "    classDef defeated fill:#FBE3D6,stroke:#D55E00,stroke-dasharray:5 3,color:#1a1a1a;",
    "    classDef undecided fill:#FFF3C4,stroke:#B07800,stroke-dasharray:2 2,color:#1a1a1a;",
    "    classDef unanswered stroke-width:3px;",
    "    classDef source fill:#F2F2F2,stroke:#555555,color:#1a1a1a;",
    "    classDef reasoning fill:#555555,stroke:#555555;",
    "    class c_end_2,a_2db,c_x_231a,c_click standing;",
    "    class c_end,a-b defeated;",
    "    class a_2db,c_click unanswered;",
    "    class s_x_231,s_s_22_5d source;",
    "    class a-b.reasoning,c_end.reasoning reasoning;",
    "    linkStyle 2,5 stroke:#D55E00,stroke-width:2px;",
    "    linkStyle 3 stroke:#009E73,stroke-width:2px;",
    "    linkStyle 4,6 stroke:#CC79A7,stroke-width:2px;",
    "    linkStyle 7,8,9 stroke:#777777,stroke-width:2px;",
    "    linkStyle 0,1 stroke:#555555,stroke-width:1px;",
]


def test_hostile_text_stays_inside_its_labels() -> None:
    d = hostile_debate()
    text = to_mermaid(d, DiagramOptions(sources=True, cluster_speakers=True))
    assert text.isascii()
    lines = text.splitlines()
    nodes = node_lines(text)
    assert list(nodes) == [
        "c_end_2",
        "c_end",
        "a-b",
        "a_2db",
        "c_x_231a",
        "c_click",
        "s_x_231",
        "s_s_22_5d",
    ]
    # Everything but the node lines is exactly the structure expected: user text never reaches it.
    assert [line for line in lines if not NODE.fullmatch(line)] == HOSTILE_STRUCTURE
    assert len(lines) == len(HOSTILE_STRUCTURE) + len(nodes)
    # The title is one YAML line that reads back as the title, and the front matter ends once.
    assert yaml.safe_load(lines[1]) == {"title": HOSTILE_TITLE}
    assert lines.count("---") == 2
    for raw in ("<script", "<img", "%%", "</b>", "`", "{{z", "|w|"):
        assert raw not in text


def test_hostile_text_reads_back_exactly(parsed: dict[str, dict[str, Any]]) -> None:
    """Mermaid reads each label, box title and the title as exactly the text of the file."""
    for key in ("hostile", "hostile/dark-RL"):
        result = parsed[key]
        assert result["title"] == HOSTILE_TITLE
        labels = {v["id"]: v["label"] for v in result["vertices"]}
        assert labels["c_end_2"].split("\n")[0] == f"end · {HOSTILE_NAMES[0]}"
        assert " ".join(labels["c_end_2"].split("\n")[1:-1]) == " ".join(HOSTILE.split())
    titles = [s["title"] for s in parsed["hostile"]["subgraphs"]]
    assert titles == list(HOSTILE_NAMES)
    sources = {v["id"]: v["label"] for v in parsed["hostile"]["vertices"] if v["id"][:2] == "s_"}
    assert sources == {
        "s_x_231": "\n".join(["x#1", *wrapped(HOSTILE)]),
        "s_s_22_5d": 's"]\njavascript:alert(1) --> %% <a>',
    }


def test_every_character_reads_back(parsed: dict[str, dict[str, Any]]) -> None:
    d = CASES["every-character"][0]
    labels = {v["id"]: v["label"] for v in parsed["every-character"]["vertices"]}
    for claim in d.claims.values():
        text = claim.text.replace("\0", "\ufffd")
        text = re.sub("[\x80-\x9f\ud800-\udfff]", "\ufffd", text)
        assert labels[claim.id].split("\n")[1] == text, claim.id


# --- The text itself -----------------------------------------------------------------------------


def test_golden_output_for_a_small_debate() -> None:
    assert to_mermaid(loads(SMALL)) == GOLDEN


def test_sources_as_parallelograms_with_cites_links() -> None:
    lines = to_mermaid(loads(SMALL), DiagramOptions(sources=True)).splitlines()
    assert '    paper[/"paper<br>A paper"/]' in lines
    assert "    last-word -.-|cites| paper" in lines
    assert "    classDef source fill:#F2F2F2,stroke:#555555,color:#1a1a1a;" in lines
    assert "    class paper source;" in lines
    assert lines[-2:] == [
        "    linkStyle 7 stroke:#777777,stroke-width:2px;",
        "    linkStyle 0 stroke:#555555,stroke-width:1px;",
    ]
    # Without sources, none of that.
    assert "paper" not in to_mermaid(loads(SMALL))


def test_focus_draws_the_neighbourhood_and_says_so() -> None:
    text = to_mermaid(loads(SMALL), DiagramOptions(focus="reply", depth=1, sources=True))
    assert text.splitlines()[1] == 'title: "A small \\"golden\\" debate (around reply, depth 1)"'
    assert list(node_lines(text)) == ["root", "reply", "last-word", "paper"]
    assert [line for line in text.splitlines() if "|" in line] == [
        "    reply -->|rebuts| root",
        "    last-word -->|rebuts| reply",
        "    last-word -.-|cites| paper",
    ]


def test_an_undercut_of_a_claim_that_answers_nothing_points_at_the_claim() -> None:
    d = loads("title: T\nclaims:\n  a: {text: A}\n  b: {text: B, undercuts: a}\n")
    text = to_mermaid(d)
    assert "    b ==>|undercuts| a" in text.splitlines()
    assert "reasoning" not in text
    # Drawn without what it answers, a claim loses its junction too.
    small = loads(SMALL)
    text = to_mermaid(small, DiagramOptions(focus="cut", depth=1))
    assert list(node_lines(text)) == ["reason", "cut"]
    assert "    cut ==>|undercuts| reason" in text.splitlines()
    assert "reasoning" not in text


def test_clusters_box_each_speakers_claims() -> None:
    text = to_mermaid(loads(SMALL), DiagramOptions(cluster_speakers=True, theme="dark"))
    lines = text.splitlines()
    assert lines[:6] == [
        "---",
        'title: "A small \\"golden\\" debate"',
        "config:",
        "  theme: dark",
        "---",
        "flowchart BT",
    ]
    assert [line.split("<br>")[0] for line in lines[6:20]] == [
        '    subgraph speaker_1["Ann"]',
        '        root["root #183; Ann',
        '        last-word["last-word #183; Ann',
        '        reason(["reason #183; Ann',
        "    end",
        '    subgraph speaker_2["Bob"]',
        '        reply(["reply #183; Bob',
        '        cut["cut #183; Bob',
        "    end",
        '    subgraph speaker_3["Cy"]',
        '        c_end{{"end #183; Cy',
        "    end",
        '    a.b{{"a.b',
        "    reason.reasoning(( ))",
    ]
    assert [line for line in lines if "classDef" in line] == [
        *DARK_CLASS_DEFS,
        "    classDef reasoning fill:#aaaaaa,stroke:#aaaaaa;",
    ]
    assert lines[-4:] == [
        "    linkStyle 1,2,5,6 stroke:#E69F00,stroke-width:2px;",
        "    linkStyle 3 stroke:#009E73,stroke-width:2px;",
        "    linkStyle 4 stroke:#CC79A7,stroke-width:2px;",
        "    linkStyle 0 stroke:#aaaaaa,stroke-width:1px;",
    ]


def test_speaker_and_unanswered_filters() -> None:
    d = loads(SMALL)
    assert list(node_lines(to_mermaid(d, DiagramOptions(speaker="Bob")))) == [
        "root",
        "reply",
        "reason",
        "cut",
    ]
    assert list(node_lines(to_mermaid(d, DiagramOptions(unanswered_only=True)))) == [
        "reply",
        "last-word",
        "reason",
        "cut",
    ]


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (DiagramOptions(focus="nope"), "no claim has the id 'nope'"),
        (DiagramOptions(speaker="Nobody"), "no speaker is named 'Nobody'"),
        (DiagramOptions(direction="TD"), "direction must be one of TB, LR, BT, RL, not 'TD'"),
        (DiagramOptions(direction="TB; click"), "direction must be one of TB, LR, BT, RL, not"),
        (DiagramOptions(theme="solarized"), "theme must be one of light, dark, not 'solarized'"),
    ],
)
def test_bad_options_are_refused(options: DiagramOptions, message: str) -> None:
    with pytest.raises(DiagramError, match=re.escape(message)):
        to_mermaid(loads(SMALL), options)


@pytest.mark.parametrize(
    ("asked", "written"), [("TB", "BT"), ("BT", "TB"), ("LR", "RL"), ("RL", "LR")]
)
def test_direction_is_flipped_so_that_answers_point_back(asked: str, written: str) -> None:
    lines = to_mermaid(loads(SMALL), DiagramOptions(direction=asked)).splitlines()
    assert lines[3] == f"flowchart {written}"
    assert lines[4:] == GOLDEN.splitlines()[4:]


def test_the_command_writes_the_same_text(tmp_path: Path) -> None:
    path = DEBATES[0]
    out = tmp_path / "map.mermaid"
    argv = ["render", str(path), "-o", str(out), "--focus", next(iter(load(path).claims))]
    argv += ["--depth", "1", "--theme", "dark", "--cluster", "speakers", "--sources", "-d", "LR"]
    result = CliRunner().invoke(app, argv)
    assert result.exit_code == 0, result.output
    options = DiagramOptions(
        direction="LR",
        theme="dark",
        sources=True,
        focus=next(iter(load(path).claims)),
        depth=1,
        cluster_speakers=True,
    )
    assert out.read_text(encoding="utf-8") == to_mermaid(load(path), options)
    bad = CliRunner().invoke(app, ["render", str(path), "-o", "-", "-f", "mmd", "--focus", "x-y"])
    assert (bad.exit_code, "no claim has the id 'x-y'" in bad.output) == (1, True)


def test_same_input_same_bytes() -> None:
    d = load(DEBATES[0])
    assert to_mermaid(d) == to_mermaid(d) == to_mermaid(load(DEBATES[0]))
    assert to_mermaid(analyse(d)) == to_mermaid(d)


def test_each_node_renders_the_same_whatever_the_file_order() -> None:
    d = loads(SMALL)
    flipped = dataclasses.replace(d, claims=dict(reversed(d.claims.items())))
    a, b = node_lines(to_mermaid(d)), node_lines(to_mermaid(flipped))
    assert a == b
    assert list(a) == [node_names(d).claims[c] for c in d.claims]
    assert list(b) == [node_names(d).claims[c] for c in reversed(d.claims)]


def test_the_labelling_given_is_the_one_drawn() -> None:
    d = loads(SMALL)
    every = Labelling(dict.fromkeys(d.claims, Status.UNDECIDED), {}, {})
    text = to_mermaid(Analysis(d, every))
    assert "    class root,reply,last-word,reason,cut,c_end,a.b undecided;" in text.splitlines()
    assert all("<br>? undecided" in body for body in node_lines(text).values())


def test_hostile_text_through_the_loader() -> None:
    quoted = HOSTILE.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    name = quoted.replace("\\n", " ")  # a speaker's name is one line
    d = loads(f'title: "{quoted}"\nclaims:\n  a: {{text: "{quoted}", by: "{name}"}}\n')
    text = to_mermaid(d, DiagramOptions(sources=True, cluster_speakers=True))
    (body,) = node_lines(text).values()
    parts = unescape(body)
    assert parts[0].split() == f"a \u00b7 {HOSTILE}".split()
    assert " ".join(parts[1:-1]).split() == HOSTILE.split()
    assert yaml.safe_load(text.splitlines()[1]) == {"title": HOSTILE}


@given(st.text())
def test_escape_is_safe_and_reads_back(text: str) -> None:
    escaped = escape(text)
    assert SAFE_BODY.fullmatch(escaped)
    assert "<br>" not in escaped
    # As HTML shows them: NUL, C1 controls and lone surrogates as the replacement character.
    assert unescape(escaped) == [re.sub("[\0\x80-\x9f\ud800-\udfff]", "\ufffd", text)]


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


UNDERCUT_EXAMPLE = """\
title: Undercut
claims:
  training: {by: Ann, text: The model learnt from the images.}
  concepts: {by: Ann, text: "So it holds concepts, not copies.", supports: training}
  non-sequitur:
    {by: Bob, text: Learning from images does not show what is kept., undercuts: concepts}
"""


def test_the_undercut_in_the_docs_is_what_argmap_writes() -> None:
    doc = (ROOT / "docs/mermaid.md").read_text(encoding="utf-8")
    block = re.search(r"```text\n(    concepts.*?)```\n", doc, re.DOTALL)
    assert block is not None
    lines = to_mermaid(loads(UNDERCUT_EXAMPLE)).splitlines()
    start = lines.index("    concepts.reasoning(( ))")
    assert block[1].splitlines() == lines[start : start + 4]
