"""GraphML, GEXF, node-link JSON and the abstract argumentation formats: every claim and edge
attribute, read back by real parsers; node-link JSON imported again; attack graphs whose
grounded extension is what argmap calls standing."""

from __future__ import annotations

import dataclasses
import io
import json
import random
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap import Debate, __version__, check_text, load, loads
from argmap.analyze import Status, grounded, label, unanswered
from argmap.convert import EXPORTERS, IMPORTERS, ConvertError, exporter_for
from argmap.convert.af import write_apx, write_iccma, write_tgf
from argmap.convert.gexf import write_gexf
from argmap.convert.graphml import write_graphml
from argmap.convert.nodelink import read, write_json
from argmap.convert.written import imported_yaml, provenance_sentence, with_provenance
from argmap.convert.yamlwrite import to_yaml
from argmap.look import THEMES

from .conftest import DEBATES, ROOT
from .test_convert_yaml import debates, same

HOSTILE = ROOT / "tests/data/hostile.yaml"
JSON_DATA = ROOT / "tests/data/convert/json"
MINE = ("aif", "graphml", "gexf", "json", "apx", "tgf", "iccma")
SMALL = loads(
    "title: 'Small & <sharp>'\n"
    "url: https://example.org/t\n"
    "speakers: {ann: {url: 'https://example.org/ann'}, bob: }\n"
    "sources: {s1: {title: A book, author: Ann}}\n"
    "claims:\n"
    "  a: {by: ann, text: 'A \"quoted\" <claim>', tags: [x, y], note: 'Read as a claim.'}\n"
    "  b: {by: bob, text: B, rebuts: a,"
    " cites: [{source: s1, quote: 'p. 1 says so', locator: p. 1}]}\n"
    "  c: {text: C, supports: b, cites: [{url: 'https://example.org/c', title: Inline}]}\n"
    "  d: {by: ann, text: D, undercuts: b}\n"
)
GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"
GEXF = "{http://gexf.net/1.3}"


def test_the_registry_names_my_formats_and_their_functions() -> None:
    for name in MINE:
        assert callable(EXPORTERS[name].write)
    assert callable(IMPORTERS["aif"].read) and callable(IMPORTERS["json"].read)
    assert exporter_for(".graphml") is EXPORTERS["graphml"]
    assert exporter_for(".GEXF") is EXPORTERS["gexf"]
    assert exporter_for(".af") is EXPORTERS["iccma"]
    assert exporter_for(".json") is None  # both aif and json
    assert exporter_for(".txt") is None


@pytest.mark.parametrize("name", MINE)
@pytest.mark.parametrize("path", [*DEBATES, HOSTILE], ids=lambda p: p.stem)
def test_every_export_is_deterministic(name: str, path: Path) -> None:
    write = EXPORTERS[name].write
    debate = load(path)
    shuffled = list(debate.relations)
    random.Random(7).shuffle(shuffled)
    again = dataclasses.replace(debate, relations=tuple(shuffled))
    assert write(debate) == write(load(path)) == write(again)
    assert to_yaml(debate) == to_yaml(again)


@settings(max_examples=50, deadline=None)
@given(debates(), st.randoms(use_true_random=False))
def test_any_debate_gives_the_same_bytes_however_its_relations_are_listed(
    debate: Debate, rng: random.Random
) -> None:
    shuffled = list(debate.relations)
    rng.shuffle(shuffled)
    again = dataclasses.replace(debate, relations=tuple(shuffled))
    for converter in EXPORTERS.values():
        assert converter.write(debate) == converter.write(again), converter.name


# --- GraphML -----------------------------------------------------------------------------------


def test_graphml_has_every_attribute() -> None:
    g = nx.read_graphml(io.BytesIO(write_graphml(SMALL)))
    assert list(g.nodes) == ["a", "b", "c", "d", "s1", "c#1"]
    a = g.nodes["a"]
    assert {k: a[k] for k in ("kind", "text", "by", "status", "unanswered", "tags", "note")} == {
        "kind": "claim",
        "text": 'A "quoted" <claim>',
        "by": "ann",
        "status": "standing",
        "unanswered": False,
        "tags": '["x", "y"]',
        "note": "Read as a claim.",
    }
    assert g.nodes["b"]["cites"] == '["s1"]'
    assert (g.nodes["b"]["status"], g.nodes["d"]["unanswered"]) == ("defeated", True)
    assert {k: g.nodes["s1"].get(k) for k in ("kind", "title", "author", "url", "inline")} == {
        "kind": "source",
        "title": "A book",
        "author": "Ann",
        "url": None,
        "inline": False,
    }
    assert g.nodes["c#1"]["inline"] is True
    assert [(u, v, k["kind"]) for u, v, k in g.edges(data=True)] == [
        ("b", "a", "rebuts"),
        ("b", "s1", "cites"),
        ("c", "b", "supports"),
        ("c", "c#1", "cites"),
        ("d", "b", "undercuts"),
    ]
    assert g.edges["b", "s1"]["quote"] == "p. 1 says so"
    assert g.edges["b", "s1"]["locator"] == "p. 1"
    assert g.graph["title"] == "Small & <sharp>"
    assert json.loads(g.graph["speakers"]) == [
        {"name": "ann", "url": "https://example.org/ann"},
        {"name": "bob"},
    ]
    assert g.nodes["a"]["label"] == 'a · ann · ✔ standing\nA "quoted" <claim>'  # for yEd


def test_graphml_parses_with_elementtree_and_keys_are_declared() -> None:
    root = ET.fromstring(write_graphml(SMALL))
    declared = {k.get("id") for k in root.iter(f"{GRAPHML}key")}
    used = {d.get("key") for d in root.iter(f"{GRAPHML}data")}
    assert used <= declared
    assert [n.get("id") for n in root.iter(f"{GRAPHML}node")] == ["a", "b", "c", "d", "s1", "c#1"]


@pytest.mark.parametrize("path", [*DEBATES, HOSTILE], ids=lambda p: p.stem)
def test_graphml_and_gexf_keep_every_claim_text(path: Path) -> None:
    debate = load(path)
    for write, reader in ((write_graphml, nx.read_graphml), (write_gexf, nx.read_gexf)):
        g = reader(io.BytesIO(write(debate)))
        for c in debate.claims.values():
            assert g.nodes[c.id]["text"] == xml_safe(c.text)
            assert g.nodes[c.id].get("by") == c.by


def xml_safe(text: str) -> str:
    """What XML 1.0 can hold of `text`: control characters become U+FFFD."""
    return "".join(
        ch
        if ch in "\t\n\r"
        or 0x20 <= ord(ch) <= 0xD7FF
        or 0xE000 <= ord(ch) <= 0xFFFD
        or ord(ch) >= 0x10000
        else "\ufffd"
        for ch in text
    )


def test_hostile_text_stays_text_in_xml() -> None:
    debate = load(HOSTILE)
    g = nx.read_graphml(io.BytesIO(write_graphml(debate)))
    assert g.graph["title"] == xml_safe(debate.title)
    assert g.nodes["root"]["text"] == xml_safe(debate.claims["root"].text)
    line_breaks = Debate(title="T\r\nx", claims=loads("title: T\nclaims: {a: {text: A}}").claims)
    line_breaks.claims["a"] = line_breaks.claims["a"].__class__("a", "one\r\ntwo\tthree")
    for write, reader in ((write_graphml, nx.read_graphml), (write_gexf, nx.read_gexf)):
        g = reader(io.BytesIO(write(line_breaks)))
        assert g.nodes["a"]["text"] == "one\r\ntwo\tthree"  # in attributes too (GEXF)


REPLIES = loads(
    "title: T\nclaims:\n"
    "  a: {text: A, at: '2023-07-14T09:30:00Z', url: 'https://example.org/a', score: 12}\n"
    "  b: {text: B, answers: a, at: 2023-07-15, score: -3}\n"
    "  c: {text: C, rebuts: a, url: 'https://example.org/c'}\n"
)


@pytest.mark.parametrize("reader", [nx.read_graphml, nx.read_gexf], ids=["graphml", "gexf"])
def test_graphml_and_gexf_carry_replies_times_permalinks_and_scores(reader: Any) -> None:
    write = write_graphml if reader is nx.read_graphml else write_gexf
    g = reader(io.BytesIO(write(REPLIES)))
    assert [(u, v, d["kind"]) for u, v, d in g.edges(data=True)] == [
        ("b", "a", "answers"),
        ("c", "a", "rebuts"),
    ]
    assert {n: (d.get("at"), d.get("url"), d.get("score")) for n, d in g.nodes(data=True)} == {
        "a": ("2023-07-14T09:30:00Z", "https://example.org/a", 12),
        "b": ("2023-07-15", None, -3),
        "c": (None, "https://example.org/c", None),
    }
    assert type(g.nodes["a"]["score"]) is int and type(g.nodes["b"]["at"]) is str
    assert (g.nodes["a"]["status"], g.nodes["b"]["unanswered"]) == ("defeated", True)


def test_times_and_scores_are_declared_with_their_types_only_when_used() -> None:
    root = ET.fromstring(write_graphml(REPLIES))
    keys = {k.get("id"): k.get("attr.type") for k in root.iter(f"{GRAPHML}key")}
    assert (keys["n_at"], keys["n_url"], keys["n_score"]) == ("string", "string", "int")
    attributes = ET.fromstring(write_gexf(REPLIES)).iter(f"{GEXF}attribute")
    types = {a.get("id"): a.get("type") for a in attributes}
    assert (types["at"], types["url"], types["score"]) == ("string", "string", "integer")
    # A debate without them gives the file it gave before claims had them.
    graphml, gexf = write_graphml(SMALL).decode(), write_gexf(SMALL).decode()
    assert "n_at" not in graphml and "n_score" not in graphml
    assert 'id="at"' not in gexf and 'id="score"' not in gexf


def test_yed_draws_an_unclassified_reply_as_a_thin_grey_dotted_line() -> None:
    y = "{http://www.yworks.com/xml/graphml}"
    root = ET.fromstring(write_graphml(REPLIES))
    [reply] = [e for e in root.iter(f"{GRAPHML}edge") if e.get("source") == "b"]
    line = reply.find(f".//{y}LineStyle")
    assert line is not None
    assert (line.get("color"), line.get("type"), line.get("width")) == (
        THEMES["light"].edge["answers"],
        "dotted",
        "1.0",
    )


@settings(max_examples=50, deadline=None)
@given(debates())
def test_any_debate_in_graphml_and_gexf_keeps_relations_times_permalinks_and_scores(
    debate: Debate,
) -> None:
    relations = sorted((r.source, r.target, r.kind.value) for r in debate.relations)
    for write, reader in ((write_graphml, nx.read_graphml), (write_gexf, nx.read_gexf)):
        g = reader(io.BytesIO(write(debate)))
        got = [(u, v, d["kind"]) for u, v, d in g.edges(data=True) if d["kind"] != "cites"]
        assert sorted(got) == relations
        for c in debate.claims.values():
            node = g.nodes[c.id]
            assert node.get("at") == c.at
            assert node.get("url") == (None if c.url is None else xml_safe(c.url))
            assert node.get("score") == c.score


# --- GEXF --------------------------------------------------------------------------------------


def test_gexf_has_every_attribute() -> None:
    data = write_gexf(SMALL)
    root = ET.fromstring(data)
    assert root.get("version") == "1.3"
    assert root.findtext(f"{GEXF}meta/{GEXF}creator") == f"argmap {__version__}"
    assert root.findtext(f"{GEXF}meta/{GEXF}description") == "Small & <sharp>"
    g = nx.read_gexf(io.BytesIO(data))
    assert {k: g.nodes["a"][k] for k in ("label", "kind", "by", "status", "unanswered")} == {
        "label": "a",
        "kind": "claim",
        "by": "ann",
        "status": "standing",
        "unanswered": False,
    }
    assert g.nodes["a"]["viz"]["color"] == {"r": 220, "g": 235, "b": 247, "a": 1.0}
    assert [(u, v, d["kind"]) for u, v, d in g.edges(data=True)] == [
        ("b", "a", "rebuts"),
        ("b", "s1", "cites"),
        ("c", "b", "supports"),
        ("c", "c#1", "cites"),
        ("d", "b", "undercuts"),
    ]


# --- node-link JSON ----------------------------------------------------------------------------


def test_node_link_json_is_what_networkx_reads() -> None:
    data: dict[str, Any] = json.loads(write_json(SMALL))
    g = nx.node_link_graph(data)
    assert g.is_directed() and not g.is_multigraph()
    assert data["nodes"][1] == {
        "id": "b",
        "kind": "claim",
        "text": "B",
        "by": "bob",
        "status": "defeated",
        "unanswered": False,
        "tags": [],
        "note": None,
        "cites": ["s1"],
        "at": None,
        "url": None,
        "score": None,
    }
    assert data["nodes"][5] == {
        "id": "c#1",
        "kind": "source",
        "title": "Inline",
        "url": "https://example.org/c",
        "author": None,
        "date": None,
        "note": None,
        "inline": True,
    }
    assert data["edges"][3] == {
        "source": "b",
        "target": "s1",
        "kind": "cites",
        "quote": "p. 1 says so",
        "locator": "p. 1",
    }
    assert g.graph["title"] == "Small & <sharp>"
    assert g.graph["speakers"][0] == {
        "name": "ann",
        "url": "https://example.org/ann",
        "note": None,
        "declared": True,
    }


def test_node_link_json_carries_replies_times_permalinks_and_scores() -> None:
    data: dict[str, Any] = json.loads(write_json(REPLIES))
    assert data["edges"] == [
        {"source": "b", "target": "a", "kind": "answers"},
        {"source": "c", "target": "a", "kind": "rebuts"},
    ]
    assert [(n["at"], n["url"], n["score"]) for n in data["nodes"]] == [
        ("2023-07-14T09:30:00Z", "https://example.org/a", 12),
        ("2023-07-15", None, -3),
        (None, "https://example.org/c", None),
    ]
    back = json_round_trip(REPLIES)
    assert [(r.source, r.kind.value, r.target) for r in back.relations] == [
        ("b", "answers", "a"),
        ("c", "rebuts", "a"),
    ]
    assert [(c.at, c.url, c.score) for c in back.claims.values()] == [
        (c.at, c.url, c.score) for c in REPLIES.claims.values()
    ]


def json_round_trip(debate: Debate) -> Debate:
    result = read(write_json(debate), "debate.json")
    assert result.skipped == []
    loaded = check_text(imported_yaml(result), "imported.yaml")
    assert loaded.debate is not None, [d.format() for d in loaded.diagnostics]
    back = loaded.debate
    assert back.note == with_provenance(debate.note, provenance_sentence(result.provenance))
    back.note = debate.note
    return back


@pytest.mark.parametrize("path", [*DEBATES, HOSTILE], ids=lambda p: p.stem)
def test_every_debate_through_json_and_back(path: Path) -> None:
    debate = load(path)
    back = json_round_trip(debate)
    same(debate, back)
    assert label(debate).status == label(back).status
    assert unanswered(debate) == unanswered(back)


@settings(max_examples=100, deadline=None)
@given(debates())
def test_any_debate_through_json_and_back(debate: Debate) -> None:
    back = json_round_trip(debate)
    same(debate, back)
    assert label(debate).status == label(back).status


def test_node_link_json_from_another_tool() -> None:
    path = JSON_DATA / "foreign.json"
    result = read(path.read_bytes(), path.name)
    expected = (JSON_DATA / "foreign.expected.yaml").read_text()
    assert imported_yaml(result) == expected.replace("argmap 0.1.0", f"argmap {__version__}")
    assert result.skipped == [
        "node 'v' is of kind 'vote', not claim or source: skipped",
        "links[3] ('two words' → '0') has the kind 'attacks', not rebuts, supports, undercuts, "
        "answers or cites: skipped",
        "links[4] ('1' → '0'): 'n1' already rebuts 'n0'; a claim answers another once, in one "
        "way: skipped",
        "links[5] ('0' → '0'): a claim that rebuts itself: skipped",
        "links[6] ('0' → '99') supports, but not from a claim to a claim: skipped",
        "the speaker of claim 'n1', '  Ann\\nLee ', is written 'Ann Lee'",
        "claim 'n5' has no text: it reads '(no text in the JSON file)'",
    ]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"{}", "the file holds an object without a 'nodes' list; node-link JSON is an object"),
        (b'{"nodes": []}', "the graph has no claim nodes, so there is nothing to import"),
        (b'{"nodes": [{"nodeID": 1}], "locutions": []}', "try `argmap import aif`"),
        (b'{"nodes": [1', "the JSON is cut short"),
    ],
)
def test_json_that_is_not_node_link_is_a_clear_error(data: bytes, message: str) -> None:
    with pytest.raises(ConvertError) as caught:
        read(data, "x.json")
    assert message in caught.value.message


# --- abstract argumentation --------------------------------------------------------------------


def test_af_formats_exactly() -> None:
    assert write_apx(SMALL).decode() == (
        "arg(a).\narg(b).\narg(c).\narg(d).\natt(b,a).\natt(d,b).\n"
    )
    assert write_tgf(SMALL).decode() == "a\nb\nc\nd\n#\nb a\nd b\n"
    assert write_iccma(SMALL).decode() == "p af 4\n# 1 a\n# 2 b\n# 3 c\n# 4 d\n2 1\n4 2\n"


def test_apx_quotes_ids_that_are_not_asp_constants() -> None:
    debate = loads(
        "title: T\nclaims:\n  Big: {text: A}\n  1.2-x: {text: B, rebuts: Big}\n  ok_1: {text: C}\n"
    )
    assert write_apx(debate).decode() == (
        'arg("Big").\narg("1.2-x").\narg(ok_1).\natt("1.2-x","Big").\n'
    )


def parse_iccma(text: str) -> tuple[dict[int, str], dict[str, list[str]]]:
    """The id of each argument (from the comments) and each argument's attackers, by id."""
    lines = text.splitlines()
    assert lines[0].startswith("p af ")
    n = int(lines[0].split()[2])
    names: dict[int, str] = {}
    attackers: dict[int, list[int]] = {i: [] for i in range(1, n + 1)}
    for line in lines[1:]:
        if line.startswith("#"):
            _, number, ident = line.split(" ", 2)
            names[int(number)] = ident
        else:
            a, b = map(int, line.split())
            attackers[b].append(a)
    return names, {names[b]: [names[a] for a in att] for b, att in attackers.items()}


def test_the_attack_graph_leaves_unclassified_replies_out() -> None:
    assert write_apx(REPLIES).decode() == "arg(a).\narg(b).\narg(c).\natt(c,a).\n"
    assert write_tgf(REPLIES).decode() == "a\nb\nc\n#\nc a\n"
    assert write_iccma(REPLIES).decode() == "p af 3\n# 1 a\n# 2 b\n# 3 c\n3 1\n"


@settings(max_examples=50, deadline=None)
@given(debates())
def test_a_solver_finds_what_argmap_calls_standing_in_any_debate(debate: Debate) -> None:
    a_solver_finds_what_argmap_calls_standing(debate)


@pytest.mark.parametrize("path", [*DEBATES, HOSTILE], ids=lambda p: p.stem)
def test_a_solver_on_the_attack_graph_finds_what_argmap_calls_standing(path: Path) -> None:
    a_solver_finds_what_argmap_calls_standing(load(path))


def a_solver_finds_what_argmap_calls_standing(debate: Debate) -> None:
    names, attackers = parse_iccma(write_iccma(debate).decode())
    assert list(names.values()) == list(debate.claims)
    extension = {c for c, s in grounded(attackers).items() if s is Status.STANDING}
    assert extension == set(label(debate).of(Status.STANDING))
    apx = write_apx(debate).decode()
    tgf = write_tgf(debate).decode()
    attacks = sum(r.kind.is_attack for r in debate.relations)
    assert apx.count("att(") == attacks == len(tgf.split("#\n")[1].splitlines())
