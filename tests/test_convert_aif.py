"""AIF import and export: hand-written nodesets with every quirk of real corpora, and round trips
of every debate (and of any debate hypothesis draws) through AIF and back."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap import Debate, __version__, check_text, load, loads
from argmap.analyze import label, unanswered
from argmap.convert import ConvertError, Imported
from argmap.convert.aif import read, write_aif
from argmap.convert.ids import Ids, from_node_id, slug
from argmap.convert.written import imported_yaml, provenance_sentence, with_provenance

from .conftest import DEBATES, ROOT
from .test_convert_yaml import debates, same

DATA = ROOT / "tests/data/convert/aif"
HOSTILE = ROOT / "tests/data/hostile.yaml"


def imported(name: str) -> Imported:
    path = DATA / name
    return read(path.read_bytes(), path.name)


def checked(result: Imported) -> Debate:
    """The YAML an import writes, loaded back: it must pass `argmap check` with no error."""
    loaded = check_text(imported_yaml(result), "imported.yaml")
    assert [d.format() for d in loaded.diagnostics if d.is_error] == []
    assert loaded.debate is not None
    return loaded.debate


def triples(debate: Debate) -> list[tuple[str, str, str]]:
    return [(r.source, r.kind.value, r.target) for r in debate.relations]


# --- hand-written nodesets ---------------------------------------------------------------------


@pytest.mark.parametrize("name", ["ova-xaif", "aifdb-quirks"])
def test_import_writes_exactly_the_expected_debate(name: str) -> None:
    expected = (DATA / f"{name}.expected.yaml").read_text()
    assert imported_yaml(imported(f"{name}.json")) == expected.replace(
        "argmap 0.1.0", f"argmap {__version__}"
    )


def test_ova_xaif_speakers_undercuts_and_rephrases() -> None:
    result = imported("ova-xaif.json")
    d = checked(result)
    assert {c.id: c.by for c in d.claims.values()} == {
        "1_1001": "Alice Smith",
        "1_1002": "Bob",
        "1_1003": "Alice Smith",
        "1_1004": "Alice Smith",
        "1_1005": "Alice Smith",
    }
    assert triples(d) == [
        ("1_1002", "rebuts", "1_1001"),
        ("1_1003", "undercuts", "1_1002"),  # a CA pointing at a CA attacks the attacker
        ("1_1004", "supports", "1_1001"),
    ]
    assert d.claims["1_1005"].note == (
        "AIF L-node '1_3005' words it: I mean, it shuts itself down without anyone acting.\n"
        "AIF MA-node '1_2004': rephrases '1_1004'."
    )
    assert result.mapped == {
        "claims": 5,
        "speakers": 2,
        "rebuts": 1,
        "supports": 1,
        "undercuts": 1,
        "notes": 2,
    }
    assert result.provenance["wrapper"] == "xAIF (the nodeset under 'AIF')"
    assert result.skipped == [
        "the xAIF keys 'OVA', 'text', 'dialog' (e.g. OVA's layout, the analysed text) are not kept",
        "14 nodes have timestamps, which argmap does not keep",
        "1 locution words a claim differently from its I-node: the words are kept as a note on "
        "the claim (L-node '1_3005')",
        "MA-node '1_2004' ('1_1004' rephrased as '1_1005'): kept as a note on '1_1005'",
        "2 TA-nodes not mapped (transitions between locutions: argmap keeps what answers what, "
        "not the order of the turns): '1_5001', '1_5002'",
        "2 YA-nodes not mapped (illocutions that tie no claim to a speaker): '1_6001', '1_6002'",
    ]


def test_aifdb_quirks_each_get_a_line_naming_the_node() -> None:
    result = imported("aifdb-quirks.json")
    d = checked(result)
    assert list(d.claims) == ["n1", "n2", "n3", "n5", "n7", "n9", "n16", "n19"]
    assert triples(d) == [
        ("n2", "supports", "n1"),  # linked premises: each supports the conclusion
        ("n3", "supports", "n1"),
        ("n5", "rebuts", "n1"),
        ("n7", "undercuts", "n5"),  # CA -> CA
        ("n9", "undercuts", "n2"),  # CA -> RA with two premises
        ("n9", "undercuts", "n3"),
    ]
    assert d.claims["n1"].by == "Carol"
    assert d.claims["n1"].note == "AIF PA-node '15': preferred to 'n5'."
    assert d.claims["n16"].text == "(no text in the AIF file)"
    assert d.claims["n19"].text == "42"
    assert list(d.speakers) == ["Carol"]
    assert result.skipped == [
        "nodes[17] repeats the nodeID '3' of nodes[2]: skipped",
        "nodes[20] has no usable nodeID (null): skipped",
        "nodes[27] is text, not a node object: skipped",
        "edge '18' points at '99', not a node of the file: skipped",
        "edges[28] is a list, not an edge object: skipped",
        "RA-node '18' names the scheme 'Argument From Expert Opinion': argmap has no schemes, "
        "so the name is not kept",
        "I-node '1' is also asserted by 'Dan Lee'; argmap keeps one speaker per claim, the "
        "first: 'Carol'",
        "L-node '23' names its speaker neither in a locution nor as 'Name : text': no speaker "
        "for that locution",
        "RA-node '4' links 2 premises ('n2', 'n3') into one reason for 'n1': argmap records "
        "each premise as supporting it on its own",
        "RA-node '11' has no conclusion: its premise 'n9' is kept, answering nothing through it",
        "CA-node '14' points at the L-node '12' (a locution, not a claim): not mapped",
        "PA-node '15' ('n1' preferred to 'n5'): kept as a note on 'n1'",
        "X-node '17': not a node type AIF defines: skipped",
        "RA-node '18' has no premise (no I-node points at it): not mapped",
        "RA-node '21': 'n7' already undercuts 'n5' (through the CA-node '8'); a claim answers "
        "another in one way only in argmap, so this support was not mapped",
        "RA-node '22': 'n2' would support itself: not mapped",
        "I-node '16' has blank text: its claim reads '(no text in the AIF file)'",
        "I-node '19' has a number for its text: kept as text",
        "participant 'Dan Lee' (participantID '8') made no claim argmap could map: not listed "
        "as a speaker",
    ]


def test_relation_nodes_that_map_to_nothing_are_named() -> None:
    doc = {
        "nodes": [
            {"nodeID": "1", "text": "A", "type": "I"},
            {"nodeID": "2", "text": "B", "type": "I"},
            {"nodeID": "3", "text": "Default Inference", "type": "RA"},  # A -> RA -> X-node
            {"nodeID": "4", "text": "?", "type": "X"},
            {"nodeID": "5", "text": "Default Inference", "type": "RA"},  # B -> RA <- CA 6
            {"nodeID": "6", "text": "Default Conflict", "type": "CA"},  # no premise
            {"nodeID": "7", "text": "Default Conflict", "type": "CA"},  # no edge at all
            {"nodeID": "8", "text": "Default Inference", "type": "RA"},  # only a YA-node
            {"nodeID": "9", "text": "Arguing", "type": "YA"},
        ],
        "edges": [
            {"fromID": "1", "toID": "3"},
            {"fromID": "3", "toID": "4"},
            {"fromID": "2", "toID": "5"},
            {"fromID": "6", "toID": "5"},
            {"fromID": "9", "toID": "8"},
        ],
    }
    result = read(json.dumps(doc).encode(), "x.json")
    assert triples(checked(result)) == []
    assert result.skipped == [
        "RA-node '3' points at the X-node '4' (not a claim or an inference): not mapped",
        "X-node '4': not a node type AIF defines: skipped",
        # Attacked, but by a CA-node that maps to nothing: nothing maps this inference either.
        "RA-node '5' has no conclusion: its premise 'n2' is kept, answering nothing through it",
        "CA-node '6' has no premise (no I-node points at it): not mapped",
        "1 RA-node not mapped (inferences with neither a premise nor a conclusion, so they join "
        "no claims): '8'",
        "1 CA-node not mapped (conflicts with neither a premise nor a conclusion, so they join "
        "no claims): '7'",
        "1 YA-node not mapped (illocutions that tie no claim to a speaker): '9'",
    ]


def test_names_with_quotes_read_as_written() -> None:
    """A name is shown as it was written: in double quotes when it holds a single quote, and
    with a backslash only when it holds both kinds of quote."""
    asserted = [("2", "3", 1), ("4", "5", 2)]  # L-node, YA-node, personID: both assert I-node 1
    doc = {
        "nodes": [
            {"nodeID": "1", "text": "A", "type": "I"},
            *(n for lnode, ya, _ in asserted for n in (
                {"nodeID": lnode, "text": "A", "type": "L"},
                {"nodeID": ya, "text": "Asserting", "type": "YA"},
            )),
        ],
        "edges": [
            e for lnode, ya, _ in asserted
            for e in ({"fromID": lnode, "toID": ya}, {"fromID": ya, "toID": "1"})
        ],
        "locutions": [{"nodeID": lnode, "personID": p} for lnode, _, p in asserted],
        "participants": [
            {"participantID": 1, "firstname": "Siobhan", "surname": "O'MALLEY"},
            {"participantID": 2, "firstname": "Dan", "surname": "O'Neill"},
            {"participantID": 3, "firstname": "Eve", "surname": '"Evie" O\'Hara'},
        ],
    }  # fmt: skip
    result = read(json.dumps(doc).encode(), "x.json")
    assert checked(result).claims["n1"].by == "Siobhan O'MALLEY"
    assert result.skipped == [
        "I-node '1' is also asserted by \"Dan O'Neill\"; argmap keeps one speaker per claim, "
        'the first: "Siobhan O\'MALLEY"',
        "participant \"Dan O'Neill\" (participantID '2') made no claim argmap could map: not "
        "listed as a speaker",
        "participant 'Eve \"Evie\" O\\'Hara' (participantID '3') made no claim argmap could "
        "map: not listed as a speaker",
    ]
    assert "# - participant \"Dan O'Neill\" (participantID '2')" in imported_yaml(result)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "the file is empty; AIF is a JSON object"),
        (b"\xef\xbb\xbf \n\x1c", "the file is empty; AIF is a JSON object"),
        (b'{"nodes": [', "the JSON is cut short: expecting value"),
        (b'{"nodes": [}', "invalid JSON: expecting value"),
        (b"[1, 2]", "the file holds a list; an AIF file is a JSON object with 'nodes' and 'edges'"),
        (b'{"nodes": {"a": 1}}', "no 'nodes' list (found an object): this is not an AIF nodeset"),
        (b'{"edges": []}', "no 'nodes' list (found none): this is not an AIF nodeset"),
        (
            b'{"directed": true, "nodes": [{"id": 1}], "edges": []}',
            "none of the 1 nodes has a nodeID and a type: this is not an AIF nodeset; it looks "
            "like node-link JSON: try `argmap import json`",
        ),
        (
            (DATA / "empty.json").read_bytes(),
            "the nodeset has no I-nodes (claims), so there is nothing to import (it is empty)",
        ),
        (
            (DATA / "no-claims.json").read_bytes(),
            "the nodeset has no I-nodes (claims), so there is nothing to import",
        ),
        (
            b"1. Discussion Title: Cars\n\n1.1. Pro: Fewer crashes.\n",
            "this is not JSON (AIF is a JSON object): it starts with '1. Discussion Title:'; it "
            "looks like Kialo's text export: try `argmap import kialo`",
        ),
        (
            b"\x89PNG\r\n\x1a\n\x00\x00",
            "byte 0x89 is not UTF-8: AIF is JSON text, and this looks like a binary file",
        ),
        (b"[" * 100_000, "the JSON is nested too deeply to be AIF"),
    ],
    ids=lambda x: repr(x)[:30],
)
def test_input_that_is_not_aif_is_a_clear_error(data: bytes, message: str) -> None:
    with pytest.raises(ConvertError) as caught:
        read(data, "x.json")
    assert caught.value.message == message


def test_json_errors_say_where() -> None:
    with pytest.raises(ConvertError) as caught:
        read(b'{\n  "nodes": [\n    {"nodeID": 1,,}\n  ]\n}\n', "x.json")
    assert (caught.value.line, caught.value.column) == (3, 18)


def test_ids_from_node_ids() -> None:
    assert [from_node_id(k) for k in (7, "7", "-3", "1.5", "a b/c", "..x", "ok_id", "é")] == [
        "n7",
        "n7",
        "n-3",
        "n1.5",
        "a-b-c",
        "x",
        "ok_id",
        "",
    ]
    # Valid ids are served first; clashes get -2, -3 ... in the order of the file.
    assert Ids({"taken"}).for_nodes(["x y", "x-y", 3, "3", "taken", "", ""]) == [
        "x-y-2",
        "x-y",
        "n3",
        "n3-2",
        "taken-2",
        "node-1",
        "node-2",
    ]
    assert slug("Ça coûte 5 €, n'est-ce pas?") == "ca-coute-5-n-est-ce"


def test_numeric_and_text_node_ids_meet_in_edges() -> None:
    doc = {
        "nodes": [
            {"nodeID": 1, "text": "A", "type": "I"},
            {"nodeID": "2", "text": "B", "type": "I"},
            {"nodeID": 3, "text": "Default Conflict", "type": "CA"},
        ],
        "edges": [{"fromID": "2", "toID": 3}, {"fromID": "3", "toID": "1"}],
    }
    d = checked(read(json.dumps(doc).encode(), "x.json"))
    assert triples(d) == [("n2", "rebuts", "n1")]


# --- a real corpus: QT30 ------------------------------------------------------------------------
# Nodesets of QT30 (BBC Question Time, AIFdb); tests/data/convert/README.md says where each file
# comes from and how the large one was trimmed. Every line of the report that names an RA- or
# CA-node, exactly: the nodes that join no claims are the ones the import used to drop silently.

NOT_JOINED = "neither a premise nor a conclusion, so they join no claims"
QT30: dict[str, tuple[dict[str, int], list[str]]] = {
    "qt30-nodeset23595.json": (
        {"claims": 17, "speakers": 3, "rebuts": 1, "supports": 8, "notes": 17},
        [
            "RA-node '855266' links 3 premises ('n806197', 'n806201', 'n806235') into one "
            "reason for 'n766049': argmap records each premise as supporting it on its own",
            f"6 RA-nodes not mapped (inferences with {NOT_JOINED}): '855185', '855189', "
            "'855196', '855209', '855213', '855218'",
            f"1 CA-node not mapped (conflicts with {NOT_JOINED}): '855225'",
        ],
    ),
    "qt30-nodeset23597.json": (
        {"claims": 17, "speakers": 3, "supports": 4, "notes": 19},
        [
            "RA-node '855444' links 2 premises ('n806416', 'n766085') into one reason for "
            "'n806412': argmap records each premise as supporting it on its own",
            f"3 RA-nodes not mapped (inferences with {NOT_JOINED}): '855354', '855378', '855391'",
        ],
    ),
    "qt30-nodeset25445-trimmed.json": (
        {"claims": 1},
        [
            "RA-node '1008887' has no conclusion: its premise 'n692261' is kept, answering "
            "nothing through it",
            f"1 CA-node not mapped (conflicts with {NOT_JOINED}): '1008858'",
        ],
    ),
}


@pytest.mark.parametrize("name", QT30)
def test_qt30_relation_nodes_that_join_no_claims_are_named(name: str) -> None:
    mapped, lines = QT30[name]
    result = imported(name)
    checked(result)
    assert result.mapped == mapped
    assert [s for s in result.skipped if re.search(r"\b(RA|CA)-nodes?\b", s)] == lines


@pytest.mark.parametrize("name", QT30)
def test_qt30_every_relation_node_is_mapped_or_named(name: str) -> None:
    """An RA- or CA-node that has a claim on each side is mapped; every other one is named in
    the report, by its nodeID."""
    doc = json.loads((DATA / name).read_bytes())
    types = {n["nodeID"]: n["type"] for n in doc["nodes"]}
    ins: dict[str, set[str]] = {k: set() for k in types}
    outs: dict[str, set[str]] = {k: set() for k in types}
    for e in doc["edges"]:
        outs[e["fromID"]].add(types[e["toID"]])
        ins[e["toID"]].add(types[e["fromID"]])
    report = "\n".join(imported(name).skipped)
    unmapped = [
        k
        for k, t in types.items()
        if t in ("RA", "CA") and not ("I" in ins[k] and outs[k] & {"I", "RA", "CA"})
    ]
    assert unmapped  # each of these nodesets has some
    assert [k for k in unmapped if f"'{k}'" not in report] == []


# --- export ------------------------------------------------------------------------------------


def nodes_and_edges(debate: Debate) -> tuple[list[tuple[str, str, str]], list[tuple[str, str]]]:
    doc = json.loads(write_aif(debate))
    return (
        [(n["nodeID"], n["type"], n["text"]) for n in doc["nodes"]],
        [(e["fromID"], e["toID"]) for e in doc["edges"]],
    )


def test_export_exactly() -> None:
    debate = loads(
        "title: T\nclaims:\n"
        "  a: {by: Ann Lee, text: A}\n"
        "  b: {by: bob, text: B, rebuts: a, supports: c}\n"
        "  c: {text: C}\n"
        "  u: {by: bob, text: U, undercuts: b}\n"  # b answers two claims: both inferences
        "  v: {text: V, undercuts: c}\n"  # c answers nothing: an inference without conclusion
    )
    nodes, edges = nodes_and_edges(debate)
    assert nodes == [
        ("1", "I", "A"),
        ("2", "I", "B"),
        ("3", "I", "C"),
        ("4", "I", "U"),
        ("5", "I", "V"),
        ("6", "CA", "Default Conflict"),  # b rebuts a
        ("7", "RA", "Default Inference"),  # b supports c
        ("8", "CA", "Default Conflict"),  # u undercuts b
        ("9", "CA", "Default Conflict"),  # v undercuts c
        ("10", "RA", "Default Inference"),  # c's inference, with no conclusion
        ("11", "L", "Ann Lee : A"),
        ("12", "YA", "Asserting"),
        ("13", "L", "bob : B"),
        ("14", "YA", "Asserting"),
        ("15", "L", "bob : U"),
        ("16", "YA", "Asserting"),
    ]
    assert edges == [
        ("2", "6"),
        ("2", "7"),
        ("4", "8"),
        ("5", "9"),
        ("6", "1"),
        ("7", "3"),
        ("8", "6"),
        ("8", "7"),
        ("3", "10"),
        ("9", "10"),
        ("11", "12"),
        ("12", "1"),
        ("13", "14"),
        ("14", "2"),
        ("15", "16"),
        ("16", "4"),
    ]
    doc = json.loads(write_aif(debate))
    assert doc["participants"] == [
        {"participantID": 1, "firstname": "Ann Lee", "surname": ""},
        {"participantID": 2, "firstname": "bob", "surname": ""},
    ]
    assert doc["locutions"] == [
        {"nodeID": "11", "personID": 1},
        {"nodeID": "13", "personID": 2},
        {"nodeID": "15", "personID": 2},
    ]
    back = read(write_aif(debate), "t.json")
    assert back.skipped == []
    assert triples(checked(back)) == triples(debate)


def test_citations_and_the_rest_travel_in_the_argmap_object() -> None:
    doc = json.loads(write_aif(load(DEBATES[0])))
    extension = doc["argmap"]
    assert extension["title"] == load(DEBATES[0]).title
    assert extension["claims"]["3"] == {
        "id": "magic-compression",
        "cites": [{"source": "laion-5b"}, {"source": "model-size"}],
    }
    assert [s["id"] for s in extension["sources"]] == ["laion-5b", "model-size"]
    # An AIF tool that drops the object still leaves the claims, speakers and relations.
    del doc["argmap"]
    d = checked(read(json.dumps(doc).encode(), "x.json"))
    assert list(d.claims) == [f"n{i}" for i in range(1, 9)]
    assert sorted(c.by or "" for c in d.claims.values()) == sorted(
        c.by or "" for c in load(DEBATES[0]).claims.values()
    )
    assert len(d.relations) == len(load(DEBATES[0]).relations)


def test_a_tampered_argmap_object_is_reported_not_trusted() -> None:
    doc: dict[str, Any] = json.loads(write_aif(loads("title: T\nclaims:\n  a: {text: A}\n")))
    doc["argmap"]["claims"]["1"]["id"] = "not valid!"
    doc["argmap"]["claims"]["9"] = {"id": "ghost"}
    doc["argmap"]["expect"] = {"defeated": ["a"], "sometimes": []}
    doc["argmap"]["sources"] = [{"id": "s"}, "x"]
    result = read(json.dumps(doc).encode(), "x.json")
    d = checked(result)
    assert list(d.claims) == ["n1"]
    assert result.skipped == [
        "argmap.sources[1] is text, not an object: left out",
        "source 's' has neither a title nor a url: left out",
        "argmap.claims.1.id is not a valid id: not used",
        "argmap.claims has an entry for '9', not an I-node",
        "argmap.expect.defeated names claims that are not in the file: left out",
        "argmap.expect.sometimes is not an outcome argmap checks: left out",
    ]


REPLIES = (
    "title: T\nclaims:\n  a: {text: A}\n  b: {text: B, rebuts: a}\n  c: {text: C, answers: a}\n"
)


def test_unclassified_replies_travel_as_pairs_of_i_nodes() -> None:
    doc = json.loads(write_aif(loads(REPLIES)))
    assert [(n["nodeID"], n["type"]) for n in doc["nodes"]] == [
        ("1", "I"),
        ("2", "I"),
        ("3", "I"),
        ("4", "CA"),  # b rebuts a; c's reply is no inference AIF knows
    ]
    assert doc["argmap"]["replies"] == [["3", "1"]]
    result = read(json.dumps(doc).encode(), "x.json")
    assert result.skipped == []
    assert triples(checked(result)) == [("b", "rebuts", "a"), ("c", "answers", "a")]
    assert result.mapped == {"claims": 3, "rebuts": 1, "answers": 1}


def test_times_permalinks_and_scores_travel_in_the_argmap_object() -> None:
    debate = loads(
        "title: T\nclaims:\n  a: {text: A, at: '2023-07-14T09:30:00Z', url: 'https://x.org/a',"
        " score: -3}\n  b: {text: B, at: 2023-07-15, score: 0}\n"
    )
    doc = json.loads(write_aif(debate))
    assert doc["argmap"]["claims"] == {
        "1": {"id": "a", "at": "2023-07-14T09:30:00Z", "url": "https://x.org/a", "score": -3},
        "2": {"id": "b", "at": "2023-07-15", "score": 0},
    }
    back = checked(read(json.dumps(doc).encode(), "x.json"))
    assert [(c.at, c.url, c.score) for c in back.claims.values()] == [
        ("2023-07-14T09:30:00Z", "https://x.org/a", -3),
        ("2023-07-15", None, 0),
    ]
    doc["argmap"]["claims"] = {
        "1": {"id": "a", "at": "2023-07-14T09:30", "url": "", "score": "12"},
        "2": {"id": "b", "at": "yesterday", "url": 3, "score": 1.5},
    }
    result = read(json.dumps(doc).encode(), "x.json")
    assert result.skipped == [
        "the time of claim 'a' has no time zone: '2023-07-14T09:30': left out",
        "the url of claim 'a' is blank: left out",
        "the score of claim 'a' is text, not a whole number: left out",
        "the time of claim 'b' is not an ISO 8601 time: 'yesterday': left out",
        "the url of claim 'b' is a number: left out",
        "the score of claim 'b' is a number, not a whole number: left out",
    ]
    back = checked(result)
    assert [(c.at, c.url, c.score) for c in back.claims.values()] == [(None, None, None)] * 2


def test_a_tampered_replies_list_is_reported_pair_by_pair() -> None:
    doc: dict[str, Any] = json.loads(write_aif(loads(REPLIES)))
    doc["argmap"]["replies"] = [
        ["3", "1"],
        ["3"],
        "3",
        ["3", "99"],
        [["3"], "1"],
        ["3", "4"],
        ["1", "1"],
        ["2", "1"],
        ["3", "1"],
        [True, "1"],
        [3, 2],
    ]
    result = read(json.dumps(doc).encode(), "x.json")
    assert result.skipped == [
        "argmap.replies[1] is a list of 1, not a pair [from, to] of I-node ids: left out",
        "argmap.replies[2] is text, not a pair [from, to] of I-node ids: left out",
        "argmap.replies[3] names '99', which is not an I-node: left out",
        "argmap.replies[4] holds a list, not an I-node id: left out",
        "argmap.replies[5] names '4', which is not an I-node: left out",
        "argmap.replies[6]: 'a' would answer itself: left out",
        "argmap.replies[7]: 'b' already rebuts 'a' (through the CA-node '4'); a claim answers "
        "another in one way only in argmap, so this unclassified reply was not mapped",
        "argmap.replies[8] repeats argmap.replies[0] ('c' answers 'a'): mapped once",
        "argmap.replies[9] holds true/false, not an I-node id: left out",
    ]
    assert triples(checked(result)) == [
        ("b", "rebuts", "a"),
        ("c", "answers", "a"),
        ("c", "answers", "b"),  # node ids may be numbers, as AIFdb writes them
    ]


@pytest.mark.parametrize(
    ("value", "line"),
    [
        ("3 1", "argmap.replies is text, not a list: left out"),
        ({"3": "1"}, "argmap.replies is an object, not a list: left out"),
        (7, "argmap.replies is a number, not a list: left out"),
    ],
)
def test_replies_that_are_not_a_list_are_left_out(value: Any, line: str) -> None:
    doc: dict[str, Any] = json.loads(write_aif(loads(REPLIES)))
    doc["argmap"]["replies"] = value
    result = read(json.dumps(doc).encode(), "x.json")
    assert result.skipped == [line]
    assert triples(checked(result)) == [("b", "rebuts", "a")]


def test_expectations_that_no_longer_hold_are_dropped() -> None:
    doc = json.loads(
        write_aif(loads("title: T\nclaims:\n  a: {text: A}\nexpect: {standing: [a]}\n"))
    )
    doc["argmap"]["expect"] = {"defeated": ["a"]}
    result = read(json.dumps(doc).encode(), "x.json")
    assert checked(result).expectations == ()
    assert result.skipped[-1].startswith("argmap.expect does not hold")


def test_export_is_deterministic_and_lone_surrogates_survive() -> None:
    debate = load(HOSTILE)
    assert write_aif(debate) == write_aif(load(HOSTILE))
    odd = Debate(title="T", claims={"a": load(HOSTILE).claims["root"]})
    odd.claims["a"] = odd.claims["a"].__class__("a", "x\ud800y")
    data = write_aif(odd)
    data.decode("utf-8")  # valid UTF-8: the surrogate is a JSON escape
    result = read(data, "x.json")
    assert result.debate.claims["a"].text == "x\ufffdy"
    assert "lone surrogates" in result.skipped[0]


# --- round trips -------------------------------------------------------------------------------


def round_trip(debate: Debate) -> Debate:
    """The debate exported to AIF and imported again, its note as it was before the import."""
    result = read(write_aif(debate), "debate.json")
    assert result.skipped == []
    back = checked(result)
    sentence = provenance_sentence(result.provenance)
    assert back.note == with_provenance(debate.note, sentence)
    back.note = debate.note
    return back


def same_analysis(a: Debate, b: Debate) -> None:
    assert label(a).status == label(b).status
    assert unanswered(a) == unanswered(b)


@pytest.mark.parametrize("path", [*DEBATES, HOSTILE], ids=lambda p: p.stem)
def test_every_debate_through_aif_and_back(path: Path) -> None:
    debate = load(path)
    back = round_trip(debate)
    same(debate, back)  # claims, texts, speakers, sources, citations, relations, expect ...
    same_analysis(debate, back)


@settings(max_examples=100, deadline=None)
@given(debates())
def test_any_debate_through_aif_and_back(debate: Debate) -> None:
    back = round_trip(debate)
    same(debate, back)
    same_analysis(debate, back)


JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-3, 30)
    | st.sampled_from(["I", "RA", "CA", "L", "YA", "1", "x"]),
    lambda inner: st.lists(inner, max_size=4)
    | st.dictionaries(
        st.sampled_from(["nodes", "edges", "nodeID", "type", "text", "fromID", "toID", "AIF",
                         "locutions", "participants", "personID", "participantID", "firstname",
                         "argmap", "claims", "id", "cites", "sources", "title", "speakers"]),
        inner,
        max_size=5,
    ),
    max_leaves=40,
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(JSON)
def test_any_json_imports_or_is_a_clear_error(data: Any) -> None:
    try:
        result = read(json.dumps(data).encode(), "x.json")
    except ConvertError as e:
        assert e.message
        return
    checked(result)
