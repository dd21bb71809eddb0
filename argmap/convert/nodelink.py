"""Node-link JSON, the shape networkx (`node_link_data` / `node_link_graph`) and d3 use:
export (`write_json`) and import (`read`).

One node per claim (`kind: claim`) and per source (`kind: source`), one edge per relation
(`kind`: `rebuts`, `supports`, `undercuts`) and per citation (`kind: cites`, with the quote
and locator). Claims carry their id, text, speaker, status, whether they went unanswered, tags,
note and the ids they cite; the graph carries the title, url, date, note, speakers and
expectations. Statuses are written for tools to read, and worked out again on import.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import replace
from pathlib import PurePath
from typing import Any

from argmap.analysis import Analysis, analyse
from argmap.convert import ConvertError, Imported, parse_json, provenance
from argmap.convert.fields import SOURCE_FIELDS, Fields, kind, speaker_name
from argmap.convert.ids import Ids
from argmap.errors import quote
from argmap.model import Citation, Claim, Debate, Relation, RelationKind, Source, Speaker

_KINDS = frozenset(k.value for k in RelationKind)

PLACEHOLDER = "(no text in the JSON file)"
# What a claim node may carry besides its id and kind (`label` or `name` stand in for `text`).
CLAIM_KEYS = (
    *("text", "label", "name", "by", "status", "unanswered", "tags", "note", "cites"),
    *("at", "url", "score"),
)


def graph_data(debate: Debate | Analysis) -> dict[str, Any]:
    """The debate as node-link data (what `write_json` writes)."""
    analysis = analyse(debate)
    debate = analysis.debate
    quiet = analysis.unanswered_ids
    nodes: list[dict[str, Any]] = [
        {
            "id": c.id,
            "kind": "claim",
            "text": c.text,
            "by": c.by,
            "status": analysis.status[c.id].value,
            "unanswered": c.id in quiet,
            "tags": list(c.tags),
            "note": c.note,
            "cites": [x.source for x in c.cites],
            "at": c.at,
            "url": c.url,
            "score": c.score,
        }
        for c in debate.claims.values()
    ]
    nodes += [
        {
            "id": s.id,
            "kind": "source",
            **{f: getattr(s, f) for f in SOURCE_FIELDS},
            "inline": s.inline,
        }
        for s in debate.sources.values()
    ]
    edges: list[dict[str, Any]] = [
        {"source": r.source, "target": r.target, "kind": r.kind.value}
        for r in analysis.ordered_relations
    ]
    edges += [
        {
            "source": c.id,
            "target": x.source,
            "kind": "cites",
            "quote": x.quote,
            "locator": x.locator,
        }
        for c in debate.claims.values()
        for x in c.cites
    ]
    graph = {
        "title": debate.title,
        "url": debate.url,
        "date": debate.date,
        "note": debate.note,
        "speakers": [
            {"name": s.name, "url": s.url, "note": s.note, "declared": s.declared}
            for s in debate.speakers.values()
        ],
        "expect": {e.outcome: list(e.ids) for e in debate.expectations},
    }
    return {"directed": True, "multigraph": False, "graph": graph, "nodes": nodes, "edges": edges}


def write_json(debate: Debate | Analysis) -> bytes:
    """Node-link JSON, readable by `networkx.node_link_graph(data)` and by `read`."""
    text = json.dumps(graph_data(debate), indent=2, ensure_ascii=False) + "\n"
    return text.encode("utf-8", "backslashreplace")  # a lone surrogate stays a JSON escape


def read(data: bytes, name: str) -> Imported:
    """Import node-link JSON: what `write_json` writes, or any node-link graph whose nodes have
    a `text` (or `label`, or `name`) and whose edges have a `kind`."""
    doc = parse_json(data, "node-link JSON")
    return _Reader(name).read(doc, provenance("node-link JSON", data, name))


class _Reader:
    def __init__(self, name: str) -> None:
        self.name = name
        self.f = Fields()

    def read(self, doc: Any, prov: dict[str, str]) -> Imported:
        f = self.f
        hint = ""
        if isinstance(doc, dict) and ("AIF" in doc or "locutions" in doc or "participants" in doc):
            hint = "; it looks like AIF: try `argmap import aif`"
        if not isinstance(doc, dict) or not isinstance(doc.get("nodes"), list):
            raise ConvertError(
                f"the file holds {kind(doc)} without a 'nodes' list; node-link JSON is an object "
                f"with 'nodes' and 'edges' (or 'links'){hint}"
            )
        edge_key = "edges" if "edges" in doc else "links"
        edges = f.items(doc.get(edge_key), f"'{edge_key}'")
        graph = f.mapping(doc.get("graph"), "'graph'")

        claim_nodes: list[tuple[str, dict[str, Any]]] = []
        source_nodes: list[tuple[str, dict[str, Any]]] = []
        seen: set[str] = set()
        raw_ids: list[object] = []
        for i, node in enumerate(doc["nodes"]):
            if not isinstance(node, dict):
                f.skip(f"nodes[{i}] is {kind(node)}, not a node object: skipped")
                continue
            raw = node.get("id")
            if isinstance(raw, bool) or not isinstance(raw, str | int) or str(raw) in seen:
                f.skip(f"nodes[{i}] has no id of its own ({kind(raw)}): skipped")
                continue
            key = str(raw)
            seen.add(key)
            what = node.get("kind", "claim")
            if what == "claim":
                claim_nodes.append((key, node))
                raw_ids.append(raw)
            elif what == "source":
                source_nodes.append((key, node))
                if node.get("inline") is not True:
                    raw_ids.append(raw)
            else:
                f.skip(
                    f"node {quote(key)} is of kind {quote(str(what))}, not claim or source: skipped"
                )
        if not claim_nodes:
            raise ConvertError(f"the graph has no claim nodes, so there is nothing to import{hint}")
        listed = [(k, n) for k, n in source_nodes if n.get("inline") is not True]
        order = [k for k, _ in claim_nodes] + [k for k, _ in listed]
        raws = {str(r): r for r in raw_ids}
        given = dict(
            zip(order, Ids().for_nodes([raws[k] for k in order], numeric_text=False), strict=True)
        )

        sources: dict[str, Source] = {}
        for key, node in source_nodes:
            inline = node.get("inline") is True
            where = f"source {quote(key)}"
            source = f.source(key if inline else given[key], node, where, inline)
            if source is not None:
                sources[key] = source

        claim_keys = {k for k, _ in claim_nodes}
        cites: dict[str, list[Citation]] = defaultdict(list)
        inline_sources: list[Source] = []
        relations: dict[tuple[str, str], Relation] = {}
        for i, e in enumerate(edges):
            edge = f.mapping(e, f"{edge_key}[{i}]")
            ends = [edge.get("source"), edge.get("target")]
            if not all(isinstance(x, str | int) and not isinstance(x, bool) for x in ends):
                f.skip(f"{edge_key}[{i}] lacks a source or a target: skipped")
                continue
            a, b = str(ends[0]), str(ends[1])
            how = edge.get("kind")
            where = f"{edge_key}[{i}] ({quote(a)} → {quote(b)})"
            if how == "cites":
                if a not in claim_keys or b not in sources:
                    f.skip(f"{where} cites, but not from a claim to a source: skipped")
                    continue
                source, claim = sources[b], given[a]
                text_quote = f.text(edge.get("quote"), f"the quote of {where}")
                locator = f.text(edge.get("locator"), f"the locator of {where}")
                if source.inline:
                    ident = f"{claim}#{len(cites[a]) + 1}"
                    inline_sources.append(replace(source, id=ident))
                    cites[a].append(Citation(ident, text_quote, locator))
                else:
                    cites[a].append(Citation(source.id, text_quote, locator))
                continue
            if how not in _KINDS:
                f.skip(
                    f"{where} has the kind {quote(str(how))}, not rebuts, supports, undercuts, "
                    "answers or cites: skipped"
                )
                continue
            if a not in claim_keys or b not in claim_keys:
                f.skip(f"{where} {how}, but not from a claim to a claim: skipped")
                continue
            if a == b:
                f.skip(f"{where}: a claim that {how} itself: skipped")
                continue
            x, y = given[a], given[b]
            old = relations.get((x, y))
            if old is not None:
                f.skip(
                    f"{where}: {quote(x)} already {old.kind.value} {quote(y)}; a claim answers "
                    "another once, in one way"
                    + (": skipped" if old.kind.value != how else ": mapped once")
                )
                continue
            relations[(x, y)] = Relation(x, y, RelationKind(how), 0, 0)

        claims: dict[str, Claim] = {}
        for key, node in claim_nodes:
            ident = given[key]
            where = f"claim {quote(ident)}"
            text = f.text(node.get("text"), f"the text of {where}")
            if text is None:
                for alt in ("label", "name"):
                    text = text or (node[alt] if isinstance(node.get(alt), str) else None)
                if text is None or not text.strip():
                    f.skip(f"{where} has no text: it reads {PLACEHOLDER!r}")
                    text = PLACEHOLDER
                else:
                    text = f.clean(text, where)
            by = f.text(node.get("by"), f"the speaker of {where}")
            if by is not None and speaker_name(by) != by:
                f.skip(f"the speaker of {where}, {quote(by)}, is written {quote(speaker_name(by))}")
                by = speaker_name(by)
            claims[ident] = Claim(
                ident,
                text,
                by,
                tuple(cites.get(key, [])),
                tuple(f.texts(node.get("tags"), f"the tags of {where}")),
                f.text(node.get("note"), f"the note of {where}"),
                at=f.time(node.get("at"), f"the time of {where}"),
                url=f.text(node.get("url"), f"the url of {where}"),
                score=f.count(node.get("score"), f"the score of {where}"),
            )

        speakers: dict[str, Speaker] = {}
        for s in f.items(graph.get("speakers"), "graph.speakers"):
            entry = f.mapping(s, "a speaker in 'graph.speakers'")
            raw_name = f.text(entry.get("name"), "the name of a speaker in 'graph.speakers'")
            if raw_name is None:
                continue
            person = speaker_name(raw_name)
            speakers[person] = Speaker(
                person,
                f.text(entry.get("url"), f"the url of speaker {quote(person)}"),
                f.text(entry.get("note"), f"the note of speaker {quote(person)}"),
                declared=entry.get("declared", True) is not False,
            )
        for c in claims.values():
            if c.by is not None and c.by not in speakers:
                speakers[c.by] = Speaker(c.by, declared=False)

        listed_sources = {s.id: s for s in sources.values() if not s.inline}
        file = PurePath(self.name).name or "JSON"
        debate = Debate(
            title=f.text(graph.get("title", graph.get("name")), "graph.title")
            or f"Imported from {file}",
            claims=claims,
            relations=tuple(relations.values()),
            sources={**listed_sources, **{s.id: s for s in inline_sources}},
            speakers=speakers,
            url=f.text(graph.get("url"), "graph.url"),
            date=f.text(graph.get("date"), "graph.date"),
            note=f.text(graph.get("note"), "graph.note"),
            file=self.name,
        )
        written = {k: given[k] for k, _ in claim_nodes}
        debate.expectations = f.expect(graph.get("expect"), "graph.expect", written)
        if debate.expectations:
            from argmap.expect import verify

            if verify(debate):
                f.skip("graph.expect does not hold for the claims and relations: left out")
                debate.expectations = ()
        self.report_unknown(graph, claim_nodes, source_nodes, edges)
        rels = debate.relations
        mapped = {
            "claims": len(claims),
            "speakers": len(speakers),
            **{k.value: sum(r.kind is k for r in rels) for k in RelationKind},
            "sources": len(debate.sources),
            "citations": sum(len(c.cites) for c in claims.values()),
        }
        return Imported(
            debate, {k: v for k, v in mapped.items() if v or k == "claims"}, f.skipped, prov
        )

    def report_unknown(
        self,
        graph: dict[str, Any],
        claims: list[tuple[str, dict[str, Any]]],
        sources: list[tuple[str, dict[str, Any]]],
        edges: list[Any],
    ) -> None:
        """Name the attributes argmap does not keep (statuses are worked out again)."""
        groups: list[tuple[str, set[str], list[Any]]] = [
            ("graph", {"title", "name", "url", "date", "note", "speakers", "expect"}, [graph]),
            ("claim", {"id", "kind", *CLAIM_KEYS}, [n for _, n in claims]),
            ("source", {"id", "kind", *SOURCE_FIELDS, "inline"}, [n for _, n in sources]),
            ("edge", {"source", "target", "kind", "quote", "locator"}, edges),
        ]
        for what, known, items in groups:
            unknown = sorted(
                {str(k) for item in items if isinstance(item, dict) for k in item} - known
            )
            if unknown:
                names = ", ".join(quote(k) for k in unknown)
                self.f.skip(f"the {what} attributes {names} are not kept")
