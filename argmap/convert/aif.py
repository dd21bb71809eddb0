"""AIF JSON, the Argument Interchange Format of AIFdb and OVA: import (`read`) and export
(`write_aif`).

An AIF nodeset is a graph of nodes and edges. I-nodes hold propositions: they become claims.
Scheme nodes say how I-nodes relate: an I-node pointing at an RA node that points at another
I-node supports it; through a CA node, it rebuts it; a CA node pointing at an RA or CA node
attacks that inference, which argmap calls an undercut of the inference's premise. L-nodes are
locutions (who said what), tied to I-nodes by YA nodes and to speakers by `locutions` and
`participants`. How each of these maps, what is lost and why: docs/formats.md.

Real corpora are untidy. Whatever cannot be mapped is reported, naming the node, in
`Imported.skipped`; only input that is not an AIF nodeset at all raises `ConvertError`.

One format, read and written here: the mapping both ways (and the report of what does not map)
is one idea that reads best whole, the reader and the writer checked against each other.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from argmap.analysis import Analysis, analyse
from argmap.convert import ConvertError, Imported, parse_json, provenance
from argmap.convert.fields import Fields, kind, speaker_name, valid_id
from argmap.convert.ids import Ids, from_node_id
from argmap.errors import quote
from argmap.model import Claim, Debate, Relation, RelationKind, Source, Speaker

EXTENSION = "argmap"  # the top-level key that carries what AIF has no place for
SCHEME_TEXT = {"RA": "Default Inference", "CA": "Default Conflict"}
# Scheme names that say no more than the node's type does.
_NOUN = {
    RelationKind.REBUTS: "rebuttal",
    RelationKind.SUPPORTS: "support",
    RelationKind.UNDERCUTS: "undercut",
    RelationKind.ANSWERS: "unclassified reply",
}
DEFAULT_SCHEMES = {
    *SCHEME_TEXT.values(),
    "Default Rephrase",
    "Default Preference",
    "RA",
    "CA",
    "MA",
    "PA",
}
PLACEHOLDER = "(no text in the AIF file)"


@dataclass
class _Node:
    key: str  # the nodeID as text: edges may write it as a number or as text
    raw: str | int
    type: str
    text: Any
    index: int
    scheme: str | None = None  # the argumentation scheme an RA/CA/MA/PA node names
    stamped: bool = False  # has a timestamp


@dataclass
class _Link:
    source: str  # claim ids
    target: str
    kind: RelationKind
    via: str  # the scheme node, as messages name it


@dataclass
class _Graph:
    nodes: dict[str, _Node] = field(default_factory=dict)
    outs: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    ins: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    def typed(self, keys: list[str], *types: str) -> list[str]:
        return [k for k in keys if self.nodes[k].type in types]


def read(data: bytes, name: str) -> Imported:
    """Import an AIF nodeset (AIFdb JSON, OVA, or xAIF with its `AIF` key)."""
    doc = parse_json(data, "AIF")
    return _Reader(name).read(doc, provenance("AIF", data, name))


def _key_of(node_id: Any) -> str | None:
    """The key of the node `node_id` names (a `nodeID`, text or a number), or None."""
    if isinstance(node_id, str | int) and not isinstance(node_id, bool):
        return str(node_id)
    return None


def _node_name(node: _Node) -> str:
    return f"{node.type}-node {quote(node.key)}"


def _edge_name(edge: dict[str, Any], index: int) -> str:
    ident = edge.get("edgeID")
    return f"edges[{index}]" if ident is None else f"edge {quote(str(ident))}"


def _names(keys: list[str]) -> str:
    return ", ".join(quote(k) for k in keys)


class _Reader:
    def __init__(self, name: str) -> None:
        self.name = name
        self.fields = Fields()
        self.graph = _Graph()
        self.ids: dict[str, str] = {}  # I-node key -> claim id
        self.links: dict[tuple[str, str], _Link] = {}
        self.notes: dict[str, list[str]] = defaultdict(list)  # claim id -> MA, PA, L notes
        self.used: set[str] = set()  # L and YA nodes that tie a claim to a speaker
        self.idle: list[str] = []  # RA and CA nodes with neither a premise nor a conclusion
        self.counts: dict[str, int] = defaultdict(int)
        self.participants: list[tuple[str, str]] = []  # (participantID, name)

    def skip(self, message: str) -> None:
        self.fields.skip(message)

    # -- the nodeset --

    def read(self, doc: Any, prov: dict[str, str]) -> Imported:
        if not isinstance(doc, dict):
            raise ConvertError(
                f"the file holds {kind(doc)}; an AIF file is a JSON object with 'nodes' and 'edges'"
            )
        aif = doc
        for key in ("AIF", "aif"):
            if isinstance(doc.get(key), dict):
                aif = doc[key]
                prov["wrapper"] = f"xAIF (the nodeset under '{key}')"
                break
        nodes = aif.get("nodes")
        node_link = "links" in aif or "directed" in aif or "multigraph" in aif
        hint = "; it looks like node-link JSON: try `argmap import json`" if node_link else ""
        if not isinstance(nodes, list):
            raise ConvertError(
                f"no 'nodes' list (found {kind(nodes) if 'nodes' in aif else 'none'}): "
                f"this is not an AIF nodeset{hint}"
            )
        edges = aif.get("edges")
        if not isinstance(edges, list):
            self.skip(f"no 'edges' list (found {kind(edges)}): no node is linked to another")
            edges = []
        self.read_nodes(nodes)
        if nodes and not self.graph.nodes:
            raise ConvertError(
                f"none of the {len(nodes)} nodes has a nodeID and a type: this is not an AIF "
                f"nodeset{hint}"
            )
        self.read_edges(edges)
        inodes = [n for n in self.graph.nodes.values() if n.type == "I"]
        if not inodes:
            raise ConvertError(
                "the nodeset has no I-nodes (claims), so there is nothing to import"
                + (" (it is empty)" if not self.graph.nodes else "")
            )
        self.report_keys(doc, aif)
        ext = doc.get(EXTENSION, aif.get(EXTENSION))
        extra = self.fields.mapping(ext, f"the '{EXTENSION}' object")
        return self.build(inodes, aif, extra, prov)

    def read_nodes(self, nodes: list[Any]) -> None:
        for i, n in enumerate(nodes):
            if not isinstance(n, dict):
                self.skip(f"nodes[{i}] is {kind(n)}, not a node object: skipped")
                continue
            raw = n.get("nodeID")
            if isinstance(raw, bool) or not isinstance(raw, str | int) or str(raw).strip() == "":
                self.skip(f"nodes[{i}] has no usable nodeID ({kind(raw)}): skipped")
                continue
            key = str(raw)
            if key in self.graph.nodes:
                first = self.graph.nodes[key].index
                self.skip(f"nodes[{i}] repeats the nodeID {quote(key)} of nodes[{first}]: skipped")
                continue
            type_ = n.get("type")
            if not isinstance(type_, str) or not type_.strip():
                self.skip(f"node {quote(key)} has no type ({kind(type_)}): skipped")
                continue
            node = _Node(key, raw, type_.strip().upper(), n.get("text"), i)
            node.stamped = bool(n.get("timestamp"))
            if node.type in ("RA", "CA", "MA", "PA"):
                scheme = n.get("scheme", node.text)
                node.scheme = scheme.strip() if isinstance(scheme, str) and scheme.strip() else None
            self.graph.nodes[key] = node

    def read_edges(self, edges: list[Any]) -> None:
        seen: set[tuple[str, str]] = set()
        for i, e in enumerate(edges):
            if not isinstance(e, dict):
                self.skip(f"edges[{i}] is {kind(e)}, not an edge object: skipped")
                continue
            ends = []
            for end in ("fromID", "toID"):
                value = e.get(end)
                ends.append(str(value) if isinstance(value, str | int) else None)
            source, target = ends
            if source is None or target is None:
                self.skip(f"{_edge_name(e, i)} lacks a fromID or a toID: skipped")
                continue
            missing = [k for k in (source, target) if k not in self.graph.nodes]
            if missing:
                self.skip(
                    f"{_edge_name(e, i)} points at {_names(missing)}, not a node of the file: "
                    "skipped"
                )
                continue
            if source == target:
                self.skip(f"{_edge_name(e, i)} links node {quote(source)} to itself: skipped")
                continue
            if (source, target) in seen:
                continue  # the same edge twice says nothing more
            seen.add((source, target))
            self.graph.outs[source].append(target)
            self.graph.ins[target].append(source)

    # -- the debate --

    def build(
        self, inodes: list[_Node], aif: dict[str, Any], extra: dict[str, Any], prov: dict[str, str]
    ) -> Imported:
        f = self.fields
        ext_claims = f.mapping(extra.get("claims"), f"{EXTENSION}.claims")
        ids = Ids()
        sources = f.sources(extra.get("sources"), f"{EXTENSION}.sources", ids)
        entries = {
            n.key: f.mapping(ext_claims.get(n.key), f"{EXTENSION}.claims.{n.key}") for n in inodes
        }
        wanted = []
        for n in inodes:
            written = entries[n.key].get("id")
            wanted.append(valid_id(written))
            if written is not None and wanted[-1] is None:
                self.skip(f"{EXTENSION}.claims.{n.key}.id is not a valid id: not used")
        given = ids.assign(
            [w or from_node_id(n.raw) for w, n in zip(wanted, inodes, strict=True)],
            exact=[
                w is not None or n.raw == from_node_id(n.raw)
                for w, n in zip(wanted, inodes, strict=True)
            ],
        )
        self.ids = {n.key: ident for n, ident in zip(inodes, given, strict=True)}
        by = self.speakers(inodes, aif)
        self.relations()
        self.replies(extra.get("replies"))
        for key in ext_claims:
            if key not in self.ids:
                self.skip(f"{EXTENSION}.claims has an entry for {quote(key)}, not an I-node")

        claims: dict[str, Claim] = {}
        inline: list[Source] = []
        for node in inodes:
            ident = self.ids[node.key]
            entry = entries[node.key]
            where = f"claim {quote(ident)}"
            cites, more = f.cites(entry.get("cites"), f"the citations of {where}", sources, ident)
            inline.extend(more)
            note = f.text(entry.get("note"), f"the note of {where}")
            notes = [note] if note is not None else []
            notes.extend(self.notes.get(ident, []))
            claims[ident] = Claim(
                ident,
                self.claim_text(node),
                by.get(node.key),
                cites,
                tuple(f.texts(entry.get("tags"), f"the tags of {where}")),
                "\n".join(notes) or None,
                at=f.time(entry.get("at"), f"the time of {where}"),
                url=f.text(entry.get("url"), f"the url of {where}"),
                score=f.count(entry.get("score"), f"the score of {where}"),
            )
        self.report_unused()

        speakers = self.speaker_table(by, extra)
        listed = {s.id: s for s in sources.values() if not s.inline}
        relations = tuple(
            Relation(link.source, link.target, link.kind, 0, 0) for link in self.links.values()
        )
        file = PurePath(self.name).name or "AIF"
        debate = Debate(
            title=f.text(extra.get("title"), f"{EXTENSION}.title") or f"Imported from {file}",
            claims=claims,
            relations=relations,
            sources={**listed, **{s.id: s for s in inline}},
            speakers=speakers,
            url=f.text(extra.get("url"), f"{EXTENSION}.url"),
            date=f.text(extra.get("date"), f"{EXTENSION}.date"),
            note=f.text(extra.get("note"), f"{EXTENSION}.note"),
            file=self.name,
        )
        known = {w: self.ids[n.key] for w, n in zip(wanted, inodes, strict=True) if w is not None}
        debate.expectations = f.expect(extra.get("expect"), f"{EXTENSION}.expect", known)
        self.hold_expectations(debate)
        mapped = {"claims": len(claims), "speakers": len(speakers)}
        for k in RelationKind:
            mapped[k.value] = sum(r.kind is k for r in relations)
        mapped["sources"] = len(debate.sources)
        mapped["citations"] = sum(len(c.cites) for c in claims.values())
        mapped["notes"] = self.counts["notes"]
        return Imported(
            debate, {k: v for k, v in mapped.items() if v or k == "claims"}, f.skipped, prov
        )

    def claim_text(self, node: _Node) -> str:
        where = _node_name(node)
        text = node.text
        if isinstance(text, str) and text.strip():
            return self.fields.clean(text, where)
        if isinstance(text, int | float) and not isinstance(text, bool):
            self.skip(f"{where} has a number for its text: kept as text")
            return str(text)
        what = "blank text" if isinstance(text, str) else f"no text ({kind(text)})"
        self.skip(f"{where} has {what}: its claim reads {PLACEHOLDER!r}")
        return PLACEHOLDER

    def hold_expectations(self, debate: Debate) -> None:
        if not debate.expectations:
            return
        from argmap.expect import verify

        if verify(debate):
            self.skip(
                f"{EXTENSION}.expect does not hold for the claims and relations in the file "
                "(the nodeset was changed after export?): left out"
            )
            debate.expectations = ()

    # -- speakers --

    def speakers(self, inodes: list[_Node], aif: dict[str, Any]) -> dict[str, str]:
        """Each I-node's speaker, through YA anchors, L-nodes, locutions and participants."""
        f = self.fields
        people: dict[str, str] = {}
        for i, p in enumerate(f.items(aif.get("participants"), "'participants'")):
            entry = f.mapping(p, f"participants[{i}]")
            pid = entry.get("participantID")
            parts = [entry.get(k) for k in ("firstname", "surname")]
            if not any(isinstance(x, str) and x.strip() for x in parts):
                parts = [entry.get("name")]
            name = speaker_name(" ".join(x for x in parts if isinstance(x, str)))
            if pid is None or not name:
                self.skip(f"participants[{i}] has no participantID or no name: skipped")
                continue
            people[str(pid)] = f.clean(name, f"participants[{i}]")
            self.participants.append((str(pid), people[str(pid)]))
        spoken: dict[str, str] = {}  # L-node key -> person id
        for i, loc in enumerate(f.items(aif.get("locutions"), "'locutions'")):
            entry = f.mapping(loc, f"locutions[{i}]")
            node, person = entry.get("nodeID"), entry.get("personID")
            if isinstance(node, str | int) and isinstance(person, str | int):
                spoken[str(node)] = str(person)

        by: dict[str, str] = {}
        worded: list[str] = []
        for node in inodes:
            names: list[tuple[str, str]] = []  # (speaker, L-node)
            for ya in self.graph.typed(self.graph.ins[node.key], "YA"):
                for lnode in self.graph.typed(self.graph.ins[ya], "L"):
                    self.used.update((ya, lnode))
                    who = self.locution_speaker(self.graph.nodes[lnode], spoken, people)
                    if who:
                        names.append((who, lnode))
                    else:
                        self.skip(
                            f"L-node {quote(lnode)} names its speaker neither in a locution nor "
                            "as 'Name : text': no speaker for that locution"
                        )
                    if self.worded(self.graph.nodes[lnode], node, who):
                        worded.append(lnode)
            if not names:
                continue
            by[node.key] = names[0][0]
            others = sorted({n for n, _ in names if n != names[0][0]})
            if others:
                self.skip(
                    f"I-node {quote(node.key)} is also asserted by {_names(others)}; argmap "
                    f"keeps one speaker per claim, the first: {quote(names[0][0])}"
                )
        if worded:
            many = len(worded) > 1
            self.skip(
                f"{len(worded)} locution{'s' if many else ''} word{'' if many else 's'} a claim "
                "differently from its I-node: the words are kept as a note on the claim "
                f"(L-node{'s' if many else ''} {_names(worded)})"
            )
        return by

    def worded(self, lnode: _Node, inode: _Node, who: str) -> bool:
        """Keep the words of a locution, when they differ from its claim's, as a note."""
        if not isinstance(lnode.text, str):
            return False
        if who and lnode.text.startswith(f"{who} : "):
            words = lnode.text[len(who) + 3 :].strip()
        else:
            _, sep, words = lnode.text.partition(" : ")
            words = (words if sep else lnode.text).strip()
        claim = inode.text.strip() if isinstance(inode.text, str) else ""
        if not words or words == claim:
            return False
        words = self.fields.clean(words, f"L-node {quote(lnode.key)}")
        self.notes[self.ids[inode.key]].append(f"AIF L-node '{lnode.key}' words it: {words}")
        self.counts["notes"] += 1
        return True

    def locution_speaker(self, lnode: _Node, spoken: dict[str, str], people: dict[str, str]) -> str:
        person = spoken.get(lnode.key)
        if person is not None:
            if person in people:
                return people[person]
            self.skip(
                f"L-node {quote(lnode.key)}: its locution names personID {quote(person)}, who is "
                "not among the participants; the speaker is read from the node's text"
            )
        text = lnode.text if isinstance(lnode.text, str) else ""
        name, sep, _ = text.partition(" : ")  # OVA writes "Speaker : what they said"
        return self.fields.clean(speaker_name(name), f"L-node {quote(lnode.key)}") if sep else ""

    def speaker_table(self, by: dict[str, str], extra: dict[str, Any]) -> dict[str, Speaker]:
        declared = self.fields.speakers(extra.get("speakers"), f"{EXTENSION}.speakers")
        has_extension = bool(extra)
        out = dict(declared)
        used = list(dict.fromkeys(by[k] for k in self.ids if k in by))
        for name in used:
            if name not in out:
                out[name] = Speaker(name, declared=not has_extension)
        for pid, name in self.participants:
            if name not in out:
                self.skip(
                    f"participant {quote(name)} (participantID {quote(pid)}) made no claim "
                    "argmap could map: not listed as a speaker"
                )
        return out

    # -- relations --

    def relations(self) -> None:
        g = self.graph
        for node in list(g.nodes.values()):
            if node.type in ("RA", "CA"):
                self.inference(node)
            elif node.type in ("MA", "PA"):
                self.kept_as_note(node)
            elif node.type not in ("I", "L", "YA", "TA"):
                self.skip(f"{_node_name(node)}: not a node type AIF defines: skipped")

    def premises(self, key: str) -> list[str]:
        return self.graph.typed(self.graph.ins[key], "I")

    def inference(self, node: _Node) -> None:
        g = self.graph
        name = _node_name(node)
        premises = self.premises(node.key)
        for lnode in g.typed(g.ins[node.key], "L"):
            self.skip(f"{name} has the L-node {quote(lnode)} as a premise: a locution, not a claim")
        conclusions = g.typed(g.outs[node.key], "I")
        inferences = g.typed(g.outs[node.key], "RA", "CA")
        for other in g.outs[node.key]:
            t = g.nodes[other].type
            if t not in ("I", "RA", "CA"):
                what = "a locution, not a claim" if t == "L" else "not a claim or an inference"
                self.skip(f"{name} points at the {t}-node {quote(other)} ({what}): not mapped")
        if not premises:
            if conclusions or inferences:
                self.skip(f"{name} has no premise (no I-node points at it): not mapped")
            else:
                self.idle.append(node.key)  # reported with the other nodes not mapped
            return
        pnames = [self.ids[p] for p in premises]
        if not conclusions and not inferences:
            # An inference with no conclusion can still be attacked (argmap writes one to carry
            # an undercut of a claim that answers nothing): then the undercut maps it. One that
            # points elsewhere has been reported above.
            undercut = any(self.premises(ca) for ca in g.typed(g.ins[node.key], "CA"))
            if not g.outs[node.key] and not undercut:
                many = len(pnames) > 1
                self.skip(
                    f"{name} has no conclusion: its premise{'s' if many else ''} "
                    f"{_names(pnames)} {'are' if many else 'is'} kept, answering nothing through it"
                )
            return
        kind_ = RelationKind.SUPPORTS if node.type == "RA" else RelationKind.REBUTS
        if len(premises) > 1:
            answered = [quote(self.ids[c]) for c in conclusions] + [
                f"the inference {quote(i)}" for i in inferences
            ]
            role, each = (
                ("reason for", "supporting") if node.type == "RA" else ("attack on", "attacking")
            )
            self.skip(
                f"{name} links {len(premises)} premises ({_names(pnames)}) into one {role} "
                f"{', '.join(answered)}: argmap records each premise as {each} it on its own"
            )
        for c in conclusions:
            for p in premises:
                self.link(p, c, kind_, node)
        for inf in inferences:
            if node.type == "RA":
                self.skip(
                    f"{name} supports the inference {quote(inf)}: argmap has no support for "
                    "reasoning, only for claims; not mapped"
                )
                continue
            attacked = self.premises(inf)
            if not attacked:
                self.skip(f"{name} attacks the inference {quote(inf)}, which has no premise")
            for p in premises:
                for a in attacked:
                    self.link(p, a, RelationKind.UNDERCUTS, node)

    def replies(self, value: Any) -> None:
        """The unclassified replies `write_aif` keeps under `argmap.replies`: [from, to] pairs
        of I-node ids. AIF has no inference for them, so a pair that an RA or CA node already
        relates is left out (a claim answers another in one way only)."""
        for i, pair in enumerate(self.fields.items(value, f"{EXTENSION}.replies")):
            where = f"{EXTENSION}.replies[{i}]"
            if not (isinstance(pair, list) and len(pair) == 2):
                shown = f"a list of {len(pair)}" if isinstance(pair, list) else kind(pair)
                self.skip(f"{where} is {shown}, not a pair [from, to] of I-node ids: left out")
                continue
            source, dest = (self.ids.get(_key_of(k) or "") for k in pair)
            if source is None or dest is None:
                bad = pair[0] if source is None else pair[1]
                named = _key_of(bad)
                self.skip(
                    f"{where} holds {kind(bad)}, not an I-node id: left out"
                    if named is None
                    else f"{where} names {quote(named)}, which is not an I-node: left out"
                )
                continue
            if source == dest:
                self.skip(f"{where}: {quote(source)} would answer itself: left out")
                continue
            old = self.links.get((source, dest))
            if old is None:
                self.links[(source, dest)] = _Link(source, dest, RelationKind.ANSWERS, where)
            elif old.kind is RelationKind.ANSWERS:
                self.skip(
                    f"{where} repeats {old.via} ({quote(source)} answers {quote(dest)}): "
                    "mapped once"
                )
            else:
                self.skip(
                    f"{where}: {quote(source)} already {old.kind.value} {quote(dest)} (through "
                    f"the {old.via}); a claim answers another in one way only in argmap, so "
                    "this unclassified reply was not mapped"
                )

    def link(self, premise: str, target: str, kind_: RelationKind, via: _Node) -> None:
        source, dest = self.ids[premise], self.ids[target]
        name = _node_name(via)
        if source == dest:
            self.skip(f"{name}: {quote(source)} would {kind_.value[:-1]} itself: not mapped")
            return
        old = self.links.get((source, dest))
        if old is None:
            self.links[(source, dest)] = _Link(source, dest, kind_, name)
        elif old.kind is not kind_:
            self.skip(
                f"{name}: {quote(source)} already {old.kind.value} {quote(dest)} (through the "
                f"{old.via}); a claim answers another in one way only in argmap, so this "
                f"{_NOUN[kind_]} was not mapped"
            )
        elif old.via != name:
            self.skip(
                f"{name} repeats {quote(source)} {kind_.value} {quote(dest)} "
                f"(already through the {old.via}): mapped once"
            )

    def kept_as_note(self, node: _Node) -> None:
        """MA (rephrase) and PA (preference) nodes between I-nodes become notes on the claims."""
        g = self.graph
        name = _node_name(node)
        left, right = g.typed(g.ins[node.key], "I"), g.typed(g.outs[node.key], "I")
        if not left or not right:
            self.skip(f"{name} does not join two I-nodes: not mapped")
            return
        for a in left:
            for b in right:
                x, y = self.ids[a], self.ids[b]
                if node.type == "MA":
                    on, note = y, f"AIF MA-node '{node.key}': rephrases '{x}'."
                    said = f"{quote(x)} rephrased as {quote(y)}"
                else:
                    on, note = x, f"AIF PA-node '{node.key}': preferred to '{y}'."
                    said = f"{quote(x)} preferred to {quote(y)}"
                self.notes[on].append(note)
                self.counts["notes"] += 1
                self.skip(f"{name} ({said}): kept as a note on {quote(on)}")

    def report_keys(self, doc: dict[str, Any], aif: dict[str, Any]) -> None:
        """Say what the file holds beyond the nodeset, which argmap does not keep."""
        used = {"nodes", "edges", "locutions", "participants", EXTENSION}
        outer = [k for k in doc if doc is not aif and k not in ("AIF", "aif", EXTENSION)]
        inner = [k for k, v in aif.items() if k not in used and v not in (None, "", [], {})]
        if outer:
            self.skip(
                f"the xAIF keys {_names(outer)} (e.g. OVA's layout, the analysed text) are not kept"
            )
        if inner:
            self.skip(f"the AIF keys {_names(inner)} are not kept")
        stamped = [n for n in self.graph.nodes.values() if n.stamped]
        if stamped:
            self.skip(f"{len(stamped)} nodes have timestamps, which argmap does not keep")
        for n in self.graph.nodes.values():
            if n.scheme and n.scheme not in DEFAULT_SCHEMES:
                self.skip(
                    f"{_node_name(n)} names the scheme {quote(n.scheme)}: argmap has no schemes, "
                    "so the name is not kept"
                )

    def report_unused(self) -> None:
        g = self.graph
        groups = {
            "RA": "inferences with neither a premise nor a conclusion, so they join no claims",
            "CA": "conflicts with neither a premise nor a conclusion, so they join no claims",
            "TA": "transitions between locutions: argmap keeps what answers what, not the "
            "order of the turns",
            "YA": "illocutions that tie no claim to a speaker",
            "L": "locutions with no claim tied to them",
        }
        for type_, why in groups.items():
            if type_ in ("RA", "CA"):
                keys = [k for k in self.idle if g.nodes[k].type == type_]
            else:
                keys = [k for k, n in g.nodes.items() if n.type == type_ and k not in self.used]
            if keys:
                plural = "s" if len(keys) > 1 else ""
                self.skip(f"{len(keys)} {type_}-node{plural} not mapped ({why}): {_names(keys)}")


# --- export ---------------------------------------------------------------------------------------


def write_aif(debate: Debate | Analysis) -> bytes:
    """The debate as an AIF nodeset (AIFdb's JSON), with what AIF cannot hold under `argmap`.

    Nodes are numbered in a fixed order: the claims' I-nodes in the order of the file, then one
    RA (supports) or CA (rebuts, undercuts) node per relation, then the L- and YA nodes that say
    who made each claim. The same debate always gives the same bytes.
    """
    analysis = analyse(debate)
    debate = analysis.debate
    nodes: list[dict[str, Any]] = []
    edges: list[dict[str, Any]] = []

    def node(text: str, type_: str) -> str:
        key = str(len(nodes) + 1)
        nodes.append({"nodeID": key, "text": text, "type": type_})
        return key

    def edge(source: str, target: str) -> None:
        edges.append(
            {"edgeID": str(len(edges) + 1), "fromID": source, "toID": target, "formEdgeID": None}
        )

    inode = {c.id: node(c.text, "I") for c in debate.claims.values()}
    # An unclassified reply is no inference AIF knows (neither RA nor CA): it is kept under
    # `argmap.replies`, as pairs of I-node ids, so that importing the export gives it back.
    relations = tuple(r for r in analysis.ordered_relations if r.kind.is_classified)
    scheme: list[str] = []
    answering: dict[str, list[str]] = defaultdict(list)  # claim -> its inference nodes
    for r in relations:
        type_ = "RA" if r.kind is RelationKind.SUPPORTS else "CA"
        key = node(SCHEME_TEXT[type_], type_)
        scheme.append(key)
        answering[r.source].append(key)
        edge(inode[r.source], key)
    stubs: dict[str, str] = {}
    for r, key in zip(relations, scheme, strict=True):
        if r.kind is not RelationKind.UNDERCUTS:
            edge(key, inode[r.target])
            continue
        # An undercut attacks the reasoning of the claim it names: every inference that claim
        # makes. A claim that answers nothing gets an inference with no conclusion to attack.
        targets = answering[r.target]
        if not targets:
            if r.target not in stubs:
                stubs[r.target] = node(SCHEME_TEXT["RA"], "RA")
                edge(inode[r.target], stubs[r.target])
            targets = [stubs[r.target]]
        for target in targets:
            edge(key, target)

    people = dict.fromkeys(debate.speakers)
    people.update(dict.fromkeys(c.by for c in debate.claims.values() if c.by is not None))
    person = {name: i for i, name in enumerate(people, 1)}
    participants = [{"participantID": i, "firstname": n, "surname": ""} for n, i in person.items()]
    locutions = []
    for c in debate.claims.values():
        if c.by is None:
            continue
        lnode = node(f"{c.by} : {c.text}", "L")
        anchor = node("Asserting", "YA")
        edge(lnode, anchor)
        edge(anchor, inode[c.id])
        locutions.append({"nodeID": lnode, "personID": person[c.by]})

    doc = {
        "nodes": nodes,
        "edges": edges,
        "locutions": locutions,
        "participants": participants,
        EXTENSION: _extension(analysis, inode),
    }
    text = json.dumps(doc, indent=1, ensure_ascii=False) + "\n"
    # A lone surrogate (which only JSON escapes can carry) is written as the same escape.
    return text.encode("utf-8", "backslashreplace")


def _extension(analysis: Analysis, inode: dict[str, str]) -> dict[str, Any]:
    """What AIF has no place for: the title, url, date and note, the speakers' details, the
    sources and citations, tags, notes, claim ids, times, permalinks and scores, unclassified
    replies and expectations."""
    debate = analysis.debate

    def some(**values: Any) -> dict[str, Any]:
        return {k: v for k, v in values.items() if v not in (None, [], ())}

    claims = {}
    for c in debate.claims.values():
        cites = [some(source=x.source, quote=x.quote, locator=x.locator) for x in c.cites]
        claims[inode[c.id]] = some(
            id=c.id,
            cites=cites,
            tags=list(c.tags),
            note=c.note,
            at=c.at,
            url=c.url,
            score=c.score,
        )
    return some(
        version=1,
        title=debate.title,
        url=debate.url,
        date=debate.date,
        note=debate.note,
        speakers=[
            some(name=s.name, url=s.url, note=s.note)
            for s in debate.speakers.values()
            if s.declared
        ],
        sources=[
            some(
                id=s.id,
                title=s.title,
                url=s.url,
                author=s.author,
                date=s.date,
                note=s.note,
                inline=s.inline or None,
            )
            for s in debate.sources.values()
        ],
        claims=claims,
        replies=[[inode[r.source], inode[r.target]] for r in analysis.unclassified],
        expect={e.outcome: list(e.ids) for e in debate.expectations} or None,
    )
