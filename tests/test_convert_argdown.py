"""Argdown: every debate, and text written to break the syntax, exported to `.argdown` and read
back by the real Argdown CLI (`argdown json`, tests/js) with the same statements, arguments and
relations; that JSON imported again gives the same debate; hand-written Argdown JSON is read
with every loss named."""

from __future__ import annotations

import dataclasses
import json
import random
import re
import shutil
import subprocess
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap import Citation, Claim, Debate, Relation, RelationKind, Source, Speaker, load, loads
from argmap.analysis import analyse
from argmap.convert import EXPORTERS, IMPORTERS, ConvertError, Imported
from argmap.convert.argdown import data_block, escape, one_line, read, write_argdown
from argmap.model import Expectation

from .conftest import DEBATES, ROOT
from .test_convert_kialo import assert_valid

JS = ROOT / "tests" / "js"
DATA = ROOT / "tests" / "data" / "convert" / "argdown"
ARGDOWN_CLI_VERSION = "2.0.0"
TYPES = {"supports": "support", "rebuts": "attack", "undercuts": "undercut"}
# Argdown files written by hand, and the JSON `argdown json` (the CLI above) wrote for each.
HANDWRITTEN = {"handwritten": "from-cli.json", "intermediary": "intermediary.json"}

# --- a debate written to break Argdown's syntax --------------------------------------------------

HOSTILE_TEXTS = [
    "[t]: a statement definition inside a text",
    "<a>: an argument definition, <a> and [b] references, @[c] and @<d> mentions",
    "+> -> _> <+ <- <_ >< + - _ relations of every kind",
    "// a line comment /* a block comment */ <!-- an HTML comment -->",
    "=== front matter === and {data: 1} and {x: }} and } and {",
    "# a heading? #tag #(a tag) and ## more",
    "*italic* **bold** _italic_ __bold__ a_b_c 2*3*4",
    "(1) a premise\n----\n(2) a conclusion -- and --- an inference",
    "1. an ordered item * an unordered item",
    ":heart: .zwsp. .-> e.g. i.e. a: b: c. :: ..",
    "[a link](https://example.org/a_(b)) and https://example.org/?q={1}&r=[2]",
    "  leading and trailing spaces  ",
    "tabs\tinside\t\tand  double  spaces, after , a comma.  after a stop",
    "line one\nline two\r\nline three\rline four",
    "back\\slash \\[ \\n \\\\ and quotes \" ' `",
    "ünïcödé, 日本語, עברית, ‮right-to-left‬, emoji 🎉👩‍👩‍👧, combining é, NBSP\xa0here",
    "control characters \x1b[2J \x00 \x07 \x7f \x85 \u2028 \u2029 \ufeff",
    "$ % & ' ; ? ^ | ~ ! ,",
]
NASTY_IDS = ["_", "a-", "1.", "x..y", "1.2.3", "A", "a", "_a_b_", "a.b-c_d", "9"]
NASTY_TIMES = [
    "2023-07-14T09:30:00Z",
    "2023-07-14",
    "2023-07-14 11:30+02:00",
    "1999-12-31t23:59:59.5z",
]
NASTY_NAMES = ['Eve "x" }]{', "Mallory {data: 1}", "Ann, again", "日本 🎉", "tab\tname"]


def nasty_debate() -> Debate:
    """Every hostile text as a claim, odd ids, every relation kind (undercut targets with other
    relations too, unclassified replies to statements and to arguments), and speakers, sources,
    tags, notes, times, permalinks, scores and expectations that are hostile too."""
    rng = random.Random(20240712)
    alphabet = [chr(c) for c in range(32, 127)] + ["\n", "\t", "é", "🎉", "\u2028", "}", "{"]
    texts = [*HOSTILE_TEXTS]
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 24))) for _ in range(80)]
    texts = [t if t.strip() else f"x{t}" for t in texts]
    ids = [*NASTY_IDS, *(f"h{i}" for i in range(len(texts) - len(NASTY_IDS)))]
    sources = {
        "src": Source("src", title='A {source} }, with "quotes"', url="https://x.org/?a={b}"),
        "a#1": Source("a#1", title="Inline } source", url="https://y.org/", inline=True),
    }
    claims: dict[str, Claim] = {}
    for i, (cid, text) in enumerate(zip(ids, texts, strict=True)):
        claims[cid] = Claim(
            cid,
            text,
            by=NASTY_NAMES[i % len(NASTY_NAMES)] if i % 3 else None,
            tags=(HOSTILE_TEXTS[i % 7][:12], "two words") if i % 4 == 0 else (),
            note=HOSTILE_TEXTS[(i + 3) % len(HOSTILE_TEXTS)] if i % 5 == 0 else None,
            cites=(Citation("src", quote="} {x: 1}", locator="p. {3}"),) if i % 6 == 0 else (),
            at=NASTY_TIMES[i % len(NASTY_TIMES)] if i % 2 else None,
            url=HOSTILE_TEXTS[(i + 5) % len(HOSTILE_TEXTS)] if i % 3 == 1 else None,
            score=(-1) ** i * 7**i if i % 4 != 3 else None,
        )
    claims["a"] = dataclasses.replace(claims["a"], cites=(Citation("a#1"), Citation("src")))
    relations = [
        Relation("A", "a", RelationKind.UNDERCUTS, 0, 0),
        Relation("a", "A", RelationKind.SUPPORTS, 0, 0),
        Relation("_", "a", RelationKind.REBUTS, 0, 0),
        Relation("a", "1.", RelationKind.UNDERCUTS, 0, 0),
        Relation("1.", "_", RelationKind.SUPPORTS, 0, 0),
        Relation("x..y", "1.", RelationKind.REBUTS, 0, 0),
        Relation("9", "a-", RelationKind.REBUTS, 0, 0),
    ]
    ids_ = list(claims)
    for k in range(len(ids_) - 1):
        kind = list(RelationKind)[k % 3]
        pair = (ids_[k + 1], ids_[k])
        if all((r.source, r.target) not in (pair, pair[::-1]) for r in relations):
            relations.append(Relation(*pair, kind, 0, 0))
    # Unclassified replies, to statements and to arguments (`a` and `1.` are undercut), from
    # statements and from arguments, one claim answering several.
    for source, target in [("h5", "a"), ("h5", "1."), ("h5", "_"), ("a", "h9"), ("9", "A")]:
        assert all({r.source, r.target} != {source, target} for r in relations)
        relations.append(Relation(source, target, RelationKind.ANSWERS, 0, 0))
    speakers = {n: Speaker(n, url="https://p.org/{u}", note="a } note") for n in NASTY_NAMES[:3]}
    for c in claims.values():  # the others only named by `by`, in the order they first are
        if c.by is not None and c.by not in speakers:
            speakers[c.by] = Speaker(c.by, declared=False)
    return Debate(
        title="Hostile { title } \n with ] [x]: <y> # and // all",
        claims=claims,
        relations=tuple(relations),
        sources=sources,
        speakers=speakers,
        url="https://example.org/{thread}",
        date="2024-07-12",
        note="A note } {with: braces}\nand a line break.",
        file="nasty",
        expectations=(
            Expectation("standing", ("a", "_"), ((0, 0), (0, 0)), 0, 0),
            Expectation("undecided", (), (), 0, 0),
        ),
    )


REPLIES = """\
title: Unclassified replies
claims:
  root: {text: Root., at: "2023-07-14T09:30:00Z", url: "https://example.org/c/1", score: 12}
  reply: {text: A reply., answers: root, at: 2023-07-14, score: -3}
  reason: {text: A reason., supports: root, answers: reply}
  cut: {text: A cut., undercuts: reason}
  late: {text: Late., answers: [root, reason, cut], url: "https://example.org/c/9"}
"""

CASES: dict[str, Debate] = {p.stem: load(p) for p in DEBATES}
CASES["hostile"] = load(ROOT / "tests" / "data" / "hostile.yaml")
CASES["nasty"] = nasty_debate()
CASES["replies"] = loads(REPLIES)


# --- the real Argdown CLI -------------------------------------------------------------------


@pytest.fixture(scope="session")
def argdown_json(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """What `argdown json` writes for each case's export and for each handwritten file, by name;
    one run of the CLI for all of them (it takes about 2 s to start)."""
    node = shutil.which("node")
    if node is None:  # `make test` installs it (scripts/ensure-node): never skipped
        pytest.fail("Node.js is not installed, so the Argdown CLI cannot run: run `make test`")
    cli = JS / "node_modules" / "@argdown" / "cli" / "dist" / "cli.js"
    if not cli.is_file():
        pytest.fail(
            "the Argdown CLI is not installed (tests/js/node_modules/@argdown/cli): run "
            "`make test`, which installs it (or `make node`)"
        )
    tmp = tmp_path_factory.mktemp("argdown")
    (tmp / "in").mkdir()
    for name, debate in CASES.items():
        (tmp / "in" / f"{name}.argdown").write_bytes(write_argdown(debate))
    for name in HANDWRITTEN:
        shutil.copy(DATA / f"{name}.argdown", tmp / "in" / f"{name}.argdown")
    run = subprocess.run(
        [node, str(cli), "json", "in/*.argdown", "out"],
        cwd=tmp,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=180,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    names = [*CASES, *HANDWRITTEN]
    out = {name: (tmp / "out" / f"{name}.json").read_bytes() for name in names}
    assert sorted(p.stem for p in (tmp / "out").iterdir()) == sorted(names), run.stdout
    return out


def test_the_cli_is_the_pinned_version() -> None:
    package = json.loads((JS / "package.json").read_text(encoding="utf-8"))
    assert package["dependencies"]["@argdown/cli"] == ARGDOWN_CLI_VERSION
    # The published 2.0.0 CLI installs only with this plugin pinned.
    assert package["overrides"] == {"@argdown/markdown-it-plugin": "1.7.7"}
    lock = json.loads((JS / "package-lock.json").read_text(encoding="utf-8"))
    assert lock["packages"]["node_modules/@argdown/cli"]["version"] == ARGDOWN_CLI_VERSION
    installed = JS / "node_modules" / "@argdown" / "cli" / "package.json"
    if installed.exists():  # otherwise the `argdown_json` fixture says how to install it
        version = json.loads(installed.read_text(encoding="utf-8"))["version"]
        assert version == ARGDOWN_CLI_VERSION


def _members(obj: dict[str, Any]) -> list[str]:
    return [m["text"] for m in obj["members"] if not m.get("isReference") and m.get("text")]


def expected_nodes(debate: Debate) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """The statements and arguments Argdown should report: title -> the text it holds."""
    undercut = {r.target for r in debate.relations if r.kind is RelationKind.UNDERCUTS}
    statements = {c.id: [one_line(c.text)] for c in debate.claims.values() if c.id not in undercut}
    arguments = {c.id: [one_line(c.text)] for c in debate.claims.values() if c.id in undercut}
    return statements, arguments


@pytest.mark.parametrize("name", list(CASES))
def test_argdown_reads_the_same_statements(name: str, argdown_json: dict[str, bytes]) -> None:
    debate = CASES[name]
    doc = json.loads(argdown_json[name])
    statements, arguments = expected_nodes(debate)
    assert {t: _members(s) for t, s in doc["statements"].items()} == statements
    assert {t: _members(a) for t, a in doc["arguments"].items()} == arguments
    # The data block of each claim comes through as written.
    for claim in debate.claims.values():
        table = "statements" if claim.id in statements else "arguments"
        data = doc[table][claim.id].get("data", {})
        assert data.get("by") == claim.by
        assert data.get("tags", []) == list(claim.tags)
        assert data.get("note") == claim.note
        assert len(data.get("cites", [])) == len(claim.cites)
        exact = one_line(claim.text).strip() == claim.text
        assert data.get("text") == (None if exact else claim.text)
        assert data.get("answers", []) == [
            r.target for r in analyse(debate).unclassified if r.source == claim.id
        ]
        # A score JavaScript cannot hold exactly comes through as text.
        score = claim.score if claim.score is None or abs(claim.score) < 2**53 else str(claim.score)
        assert (data.get("at"), data.get("url"), data.get("score")) == (claim.at, claim.url, score)
    # The debate's title is the one section, kept out of the map's groups.
    [section] = doc["sections"]
    assert section["title"] == one_line(debate.title).strip()
    assert section["data"]["isGroup"] is False


@pytest.mark.parametrize("name", list(CASES))
def test_argdown_reads_the_same_relations(name: str, argdown_json: dict[str, bytes]) -> None:
    debate = CASES[name]
    doc = json.loads(argdown_json[name])
    statements, _ = expected_nodes(debate)

    def kind(cid: str) -> str:
        return "equivalence-class" if cid in statements else "argument"

    got = [
        (r["from"], r["fromType"], r["relationType"], r["to"], r["toType"])
        for r in doc["relations"]
    ]
    expected = [
        (r.source, kind(r.source), TYPES[r.kind.value], r.target, kind(r.target))
        for r in debate.relations
        if r.kind.is_classified  # Argdown has no neutral relation: replies are data
    ]
    assert sorted(got) == sorted(expected)


@pytest.mark.parametrize("name", list(CASES))
def test_the_json_imports_as_the_same_debate(name: str, argdown_json: dict[str, bytes]) -> None:
    debate = CASES[name]
    got = read(argdown_json[name], f"{name}.json")
    assert_valid(got.debate)
    assert got.skipped == []
    assert_same_debate(got.debate, debate)


def assert_same_debate(got: Debate, want: Debate) -> None:
    def claim(c: Claim) -> tuple[Any, ...]:
        return (c.id, c.text, c.by, c.cites, c.tags, c.note, c.at, c.url, c.score)

    def speaker(s: Speaker) -> tuple[Any, ...]:
        return (s.name, s.url, s.note, s.declared)

    def source(s: Source) -> tuple[Any, ...]:
        return (s.id, s.title, s.url, s.author, s.date, s.note, s.inline)

    assert [claim(c) for c in got.claims.values()] == [claim(c) for c in want.claims.values()]
    assert sorted((r.source, r.kind, r.target) for r in got.relations) == sorted(
        (r.source, r.kind, r.target) for r in want.relations
    )
    assert [speaker(s) for s in got.speakers.values()] == [
        speaker(s) for s in want.speakers.values()
    ]
    assert [source(s) for s in got.sources.values()] == [source(s) for s in want.sources.values()]
    assert (got.title, got.url, got.date, got.note) == (want.title, want.url, want.date, want.note)
    assert [(e.outcome, e.ids) for e in got.expectations] == [
        (e.outcome, e.ids) for e in want.expectations
    ]


@pytest.mark.parametrize("name", HANDWRITTEN)
def test_a_handwritten_argdown_file(argdown_json: dict[str, bytes], name: str) -> None:
    """The live CLI's JSON for each handwritten file reads as the JSON stored beside it does."""
    live = read(argdown_json[name], f"{name}.json")
    stored = read((DATA / HANDWRITTEN[name]).read_bytes(), f"{name}.json")
    assert_same_debate(live.debate, stored.debate)
    assert live.skipped == stored.skipped


# --- export without the CLI -----------------------------------------------------------------

SMALL = """\
title: A small debate
url: https://example.org/t
speakers:
  Ann: {url: https://example.org/ann}
  Bob:
sources:
  paper: {title: A paper, url: "https://example.org/paper"}
claims:
  root:
    by: Ann
    text: The first claim [with brackets].
    tags: [law]
    rebuttals:
      reply:
        by: Bob
        text: "A rebuttal -> with an arrow."
        cites: [{source: paper, quote: "p {1}"}]
    reasons:
      reason: {by: Ann, text: A reason.}
  cut:
    by: Bob
    text: That does not follow.
    undercuts: reason
"""


def test_a_small_export_exactly() -> None:
    assert write_argdown(loads(SMALL)).decode() == (
        "// Written by argmap: claims are statements [id], or arguments <id> where undercut.\n"
        '# A small debate{"isGroup": false, "argmap": {"url": "https://example.org/t", '
        '"speakers": {"Ann": {"url": "https://example.org/ann"}, "Bob": {}}, '
        '"sources": {"paper": {"title": "A paper", "url": "https://example.org/paper"}}}}\n'
        "\n"
        '[root]: The first claim \\[with brackets\\]\\.{"by": "Ann", "tags": ["law"]}\n'
        "\n"
        '[reply]: A rebuttal \\-\\> with an arrow\\.{"by": "Bob", "cites": [{"source": '
        '"paper", "quote": "p \\u007b1\\u007d"}]}\n'
        "\n"
        '<reason>: A reason\\.{"by": "Ann"}\n'
        "\n"
        '[cut]: That does not follow\\.{"by": "Bob"}\n'
        "\n"
        "[reply]\n"
        "  -> [root]\n"
        "\n"
        "<reason>\n"
        "  +> [root]\n"
        "\n"
        "[cut]\n"
        "  _> <reason>\n"
    )


def test_replies_times_permalinks_and_scores_are_data_exactly() -> None:
    assert write_argdown(loads(REPLIES)).decode() == (
        "// Written by argmap: claims are statements [id], or arguments <id> where undercut.\n"
        '# Unclassified replies{"isGroup": false, "argmap": {}}\n'
        "\n"
        '[root]: Root\\.{"at": "2023-07-14T09:30:00Z", "url": "https://example.org/c/1", '
        '"score": 12}\n'
        "\n"
        '[reply]: A reply\\.{"answers": ["root"], "at": "2023-07-14", "score": -3}\n'
        "\n"
        '<reason>: A reason\\.{"answers": ["reply"]}\n'
        "\n"
        "[cut]: A cut\\.\n"
        "\n"
        '[late]: Late\\.{"answers": ["root", "reason", "cut"], "url": "https://example.org/c/9"}\n'
        "\n"
        "<reason>\n"
        "  +> [root]\n"
        "\n"
        "[cut]\n"
        "  _> <reason>\n"
    )
    big = Debate(
        title="T",
        claims={"a": Claim("a", "A", score=2**53), "b": Claim("b", "B", score=-(2**53) + 1)},
    )
    assert '[a]: A{"score": "9007199254740992"}' in write_argdown(big).decode()
    assert '[b]: B{"score": -9007199254740991}' in write_argdown(big).decode()


def test_bad_replies_times_permalinks_and_scores_are_each_reported() -> None:
    def statement(text: str, line: int, data: dict[str, Any]) -> dict[str, Any]:
        return {"members": [{"text": text, "startLine": line}], "data": data}

    doc = {
        "statements": {
            "a": statement(
                "A", 1, {"answers": "b", "at": "2023-07-14T09:30", "url": 3, "score": "12x"}
            ),
            "b": statement("B", 2, {"answers": ["a", "a", "b", "zz", 5], "at": 7, "score": 1.5}),
            "c": statement(
                "C", 3, {"answers": ["a"], "score": "-90071992547409930", "at": "2023-07-14t09:30z"}
            ),
        },
        "relations": [
            {
                "relationType": "attack",
                "from": "c",
                "fromType": "equivalence-class",
                "to": "a",
                "toType": "equivalence-class",
            }
        ],
        "sections": [{"title": "T"}],
    }
    got = read(json.dumps(doc).encode(), "r.json")
    assert_valid(got.debate)
    assert got.skipped == [
        "statement 'a': the time '2023-07-14T09:30' has no time zone; skipped",
        "statement 'a': the url '3' is not text; skipped",
        "statement 'a': the score '12x' is not a whole number; skipped",
        "statement 'b': the time '7' is not text; skipped",
        "statement 'b': the score '1.5' is not a whole number; skipped",
        "statement 'b' answers 'a' twice; once is kept",
        "statement 'b' answers itself; skipped",
        "statement 'b' answers 'zz', which is not in the JSON; skipped",
        "statement 'b' answers '5', which is not a title; skipped",
        "statement 'c' answers 'a', which it already rebuts; a claim answers another in one way "
        "only, so this one is skipped",
    ]
    assert relations(got.debate) == [
        ("c", "rebuts", "a"),
        ("a", "answers", "b"),
        ("b", "answers", "a"),
    ]
    assert [(c.at, c.url, c.score) for c in got.debate.claims.values()] == [
        (None, None, None),
        (None, None, None),
        ("2023-07-14t09:30z", None, -90071992547409930),
    ]
    assert got.mapped == {
        "claims": 3,
        "statements": 3,
        "arguments": 0,
        "rebuts": 1,
        "supports": 0,
        "undercuts": 0,
        "answers": 2,
        "sources": 0,
        "citations": 0,
        "speakers": 0,
    }


def test_the_registry_names_these_functions() -> None:
    assert EXPORTERS["argdown"].write is write_argdown
    assert IMPORTERS["argdown"].read is read


@pytest.mark.parametrize("name", list(CASES))
def test_the_same_debate_gives_the_same_bytes(name: str) -> None:
    debate = CASES[name]
    shuffled = list(debate.relations)
    random.Random(7).shuffle(shuffled)
    again = dataclasses.replace(debate, relations=tuple(shuffled))
    assert write_argdown(debate) == write_argdown(again) == write_argdown(CASES[name])


def test_escape_leaves_no_special_character_bare() -> None:
    text = " " + "".join(chr(c) for c in range(1, 128)) + " é 🎉 \u2028 "
    out = escape(text)
    plain: list[str] = []
    i = 0
    while i < len(out):  # undo the escapes as Argdown's lexer does, checking nothing is bare
        if out[i] == "\\":
            plain.append(out[i + 1])
            i += 2
            continue
        assert out[i].isalnum() or out[i] == " " or out[i] >= "\x80", (i, out[i])
        plain.append(out[i])
        i += 1
    assert "".join(plain) == one_line(text)
    assert out.startswith("\\ ") and out.endswith("\\ ")


@given(st.dictionaries(st.text(max_size=5), st.text(max_size=20), max_size=4))
def test_a_data_block_is_json_with_no_brace_in_its_strings(value: dict[str, str]) -> None:
    block = data_block(value)
    assert json.loads(block) == value
    assert block.count("{") == block.count("}") == 1


# --- hand-written Argdown JSON -------------------------------------------------------------------


def load_json(name: str) -> Imported:
    got = read((DATA / name).read_bytes(), name)
    assert_valid(got.debate)
    return got


def relations(d: Debate) -> list[tuple[str, str, str]]:
    return [(r.source, r.kind.value, r.target) for r in d.relations]


def test_the_json_of_a_handwritten_file() -> None:
    got = load_json("from-cli.json")
    d = got.debate
    assert d.title == "Memorisation"
    assert {c.id: (c.text, c.by, c.tags) for c in d.claims.values()} == {
        # Argdown keeps a #tag in the text; argmap keeps both.
        "Not-stored": (
            "A trained image model does not store its training images. #core",
            "FaceDeer",
            ("core",),
        ),
        # A statement over two lines is one line of text.
        "Uber-Lookup": (
            "It is recorded in a retrieval system that does a complicated lookup.",
            "flatbield",
            (),
        ),
        "Capacity": ("Five billion images do not fit in five gigabytes.", None, ()),
        "Stored": ("The model stores its training images.", None, ()),
        "Size": ("The model file is about five gigabytes.", None, ()),
        "Count": ("The training set holds about five billion images.", None, ()),
        "Extraction": ("Some training images can be extracted again.", None, ()),
        "Untitled-1": ("Plain statement without a title.", None, ()),
    }
    assert relations(d) == [
        ("Uber-Lookup", "rebuts", "Not-stored"),
        ("Not-stored", "rebuts", "Stored"),
        ("Stored", "rebuts", "Not-stored"),
        ("Extraction", "rebuts", "Not-stored"),
        ("Extraction", "undercuts", "Capacity"),
        ("Extraction", "supports", "Stored"),
        ("Size", "supports", "Capacity"),
        ("Count", "supports", "Capacity"),
        ("Capacity", "supports", "Not-stored"),
    ]
    assert [(s.name, s.declared) for s in d.speakers.values()] == [
        ("FaceDeer", False),
        ("flatbield", False),
    ]
    assert got.skipped == [
        "statement 'Not stored' gets the id 'Not-stored' (Argdown titles may hold any text)",
        "statement 'Über-Lookup' gets the id 'Uber-Lookup' (Argdown titles may hold any text)",
        "statement 'Untitled 1' gets the id 'Untitled-1' (Argdown titles may hold any text)",
        "statement 'Über-Lookup': data not mapped: lang='de'",
        "argument 'Capacity': its premise-conclusion structure is mapped as 2 premise(s) "
        "supporting it and it supporting 'Not stored'; inference rules and intermediate steps "
        "are not kept",
        "the 'contradictory' relation from 'Not stored' to 'Stored' is mapped as two claims "
        "rebutting each other",
    ]
    assert got.mapped == {
        "claims": 8,
        "statements": 7,
        "arguments": 1,
        "rebuts": 4,
        "supports": 4,
        "undercuts": 1,
        "sources": 0,
        "citations": 0,
        "speakers": 2,
    }
    assert got.provenance["format"] == "Argdown JSON"
    assert got.provenance["file"] == "from-cli.json"


def test_a_minimal_json_with_every_problem() -> None:
    got = load_json("minimal.json")
    d = got.debate
    assert d.title == "minimal.json"
    assert {c.id: (c.text, c.by) for c in d.claims.values()} == {
        "Not-stored": ("A trained image model does not store its training images.", "FaceDeer"),
        "Lookup": ("It is recorded in a retrieval system.", "flatbield"),
        "Bytes": ("Five billion images in five gigabytes is a byte each.", "FaceDeer"),
        "Only-referenced": ("Only referenced", None),
    }
    assert d.claims["Bytes"].cites == (Citation("Bytes#1", quote="5.85 billion pairs"),)
    assert d.sources == {
        "Bytes#1": Source(
            "Bytes#1", title="LAION-5B", url="https://laion.ai/blog/laion-5b/", inline=True
        )
    }
    assert relations(d) == [
        ("Lookup", "rebuts", "Not-stored"),
        ("Bytes", "rebuts", "Lookup"),
        ("Only-referenced", "supports", "Not-stored"),
        ("Not-stored", "rebuts", "Bytes"),
        ("Only-referenced", "undercuts", "Bytes"),
    ]
    assert got.skipped == [
        "statement 'Bad' is not an object with a title; skipped",
        "statement 'Not stored' gets the id 'Not-stored' (Argdown titles may hold any text)",
        "statement 'Only referenced' gets the id 'Only-referenced' (Argdown titles may hold "
        "any text)",
        "statement 'Not stored': the tag '' is not text; skipped",
        "statement 'Not stored': the tag '3' is not text; skipped",
        "statement 'Lookup' has 2 different texts; the first is kept: 'It is a lookup.'",
        "statement 'Lookup': data not mapped: colour='red'",
        "statement 'Only referenced' has no text; its title is its text",
        "statement 'Only referenced': 'by' is not a speaker's name: ' padded '",
        "the 'support' relation from 'Bytes' to 'Lookup' says Bytes supports Lookup, but it "
        "already rebuts it; a claim answers another in one way only, so this one is skipped",
        "the 'entails' relation from 'Only referenced' to 'Not stored' is mapped as 'supports' "
        "(argmap has no entailment)",
        "the 'contrary' relation from 'Not stored' to 'Bytes' is mapped as 'rebuts'",
        "the 'attack' relation from 'Nobody' to 'Lookup' names something that is not in the "
        "JSON; skipped",
        "the 'support' relation from 'Lookup' to 'Lookup' makes Lookup answer itself; skipped",
        "the 'rephrase' relation from 'Lookup' to 'Not stored': Argdown has no such relation "
        "type; skipped",
        "argument 'Bytes': cites 'missing-source', which is not a source; skipped",
        "argument 'Bytes': citation 3 is not a source; skipped",
        "argument 'Bytes': citation 4 has neither a title nor a url; skipped",
        "the JSON has no section title; the debate is titled 'minimal.json'",
    ]


def test_intermediary_conclusions_do_not_support_the_argument() -> None:
    """An argument's premises support it and it supports its main conclusion; a conclusion
    inferred on the way (`A byte each?`) is neither, as in Argdown's own map."""
    got = load_json("intermediary.json")
    assert relations(got.debate) == [
        ("Memorised", "rebuts", "A-byte-each"),
        ("Size", "supports", "Too-small"),
        ("Count", "supports", "Too-small"),
        ("Byte", "supports", "Too-small"),
        ("Too-small", "supports", "Not-stored"),
    ]
    assert got.skipped[-1] == (
        "argument 'Too small': its premise-conclusion structure is mapped as 3 premise(s) "
        "supporting it and it supporting 'Not stored!'; the intermediary conclusion "
        "'A byte each?' is not linked to it (inferred inside the argument, not a reason for "
        "it); inference rules are not kept"
    )


def test_ids_from_titles_lose_the_punctuation_at_their_ends() -> None:
    """A title ending in `?`, `!` or `.` gives an id without a `-` or `.` at the end; titles
    that come out the same are told apart by `-2`, and the report names each title."""
    got = load_json("intermediary.json")
    assert list(got.debate.claims) == [
        "Too-small",
        "Size",
        "Count",
        "A-byte-each",
        "Byte",
        "Not-stored",
        "Memorised",
        "Not-stored-2",
    ]
    assert got.debate.claims["Not-stored-2"].text == "The model keeps no copies."
    assert got.skipped[:4] == [
        "argument 'Too small' gets the id 'Too-small' (Argdown titles may hold any text)",
        "statement 'A byte each?' gets the id 'A-byte-each' (Argdown titles may hold any text)",
        "statement 'Not stored!' gets the id 'Not-stored' (Argdown titles may hold any text)",
        "statement 'Not stored.' gets the id 'Not-stored-2' (Argdown titles may hold any text)",
    ]


def test_relations_embedded_at_both_ends_are_read_once() -> None:
    got = load_json("embedded-only.json")
    assert relations(got.debate) == [("b", "rebuts", "a"), ("b", "undercuts", "c")]
    assert got.mapped["rebuts"] == 1 and got.mapped["undercuts"] == 1


def test_json_that_is_not_argdown_json() -> None:
    with pytest.raises(ConvertError) as e:
        read((DATA / "not-argdown.json").read_bytes(), "not-argdown.json")
    assert (e.value.message, e.value.line, e.value.column) == (
        "not the JSON `argdown json` writes: it has no 'statements' or 'arguments' object",
        1,
        1,
    )


@pytest.mark.parametrize(
    ("data", "line", "column"),
    [((DATA / "broken.json").read_bytes(), 4, 3), (b"[a]: an Argdown file", 1, 2)],
)
def test_what_is_not_json(data: bytes, line: int, column: int) -> None:
    with pytest.raises(ConvertError) as e:
        read(data, "x.json")
    assert e.value.message.endswith(
        "(an .argdown file is read through the JSON that `argdown json FILE.argdown` writes)"
    )
    assert (e.value.line, e.value.column) == (line, column)


KEYS = st.sampled_from(
    ["statements", "arguments", "relations", "sections", "members", "text", "title", "data",
     "by", "proponent", "tags", "note", "cites", "source", "url", "quote", "relationType",
     "from", "to", "fromType", "toType", "isReference", "startLine", "pcs", "argmap",
     "speakers", "sources", "expect", "standing", "inline", "children", "a", "b", "a#1", "",
     "support", "attack", "undercut", "argument", "equivalence-class", "inference"]
)  # fmt: skip
SCALARS = st.one_of(KEYS, st.text(max_size=6), st.integers(-2, 3), st.booleans(), st.none())
JSON = st.recursive(
    SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(KEYS, inner, max_size=5)),
    max_leaves=40,
)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(KEYS, JSON, max_size=6))
def test_any_json_reads_or_is_refused(doc: dict[str, Any]) -> None:
    for wrapped in (doc, {"statements": doc, "arguments": doc, "relations": [doc], **doc}):
        try:
            got = read(json.dumps(wrapped).encode(), "p.json")
        except ConvertError as e:
            assert e.message and e.line == 1
            continue
        assert_valid(got.debate)


@pytest.mark.parametrize("data", [b"", b"\xef\xbb\xbf", b"\x1c", "\u2028 \x85".encode()])
def test_a_file_of_nothing_but_blanks_is_refused(data: bytes) -> None:
    with pytest.raises(ConvertError):
        read(data, "blank.json")


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=100))
def test_any_bytes_read_or_are_refused(data: bytes) -> None:
    try:
        assert_valid(read(data, "p.json").debate)
    except ConvertError as e:
        assert e.message


def test_the_file_holds_no_byte_a_terminal_would_obey() -> None:
    # Control characters and bidirectional overrides stay in the data blocks, escaped as JSON;
    # the statements leave them out (every other export escapes them too).
    text = write_argdown(nasty_debate()).decode("utf-8")
    unshown = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
    assert unshown.findall(text) == []
    assert "control characters [2J" in text.replace("\\", "")
