"""GraphML, for yEd, Cytoscape, Gephi and networkx: export (`write_graphml`).

The nodes and edges of node-link JSON (`argmap.convert.nodelink.graph_data`), each attribute a
GraphML `<data>` element declared by a `<key>`: claims carry id, kind, text, by, status,
unanswered, tags, note, cites, url, at and score; sources their title, url, author, date, note
and inline; edges their kind (`rebuts`, `supports`, `undercuts`, `answers` for an unclassified
reply, `cites`) and, for citations, the quote and locator. Lists (tags, cites) are JSON arrays
in a string, since GraphML has no list type; an absent value has no `<data>`, and `at` and
`score` are declared only when a claim has one. yEd's own drawing data (`y:ShapeNode`,
`y:PolyLineEdge`) is added so that yEd shows each claim's id, status and text, with status drawn
as in argmap's diagrams; other tools ignore it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from argmap import layout
from argmap.analysis import Analysis
from argmap.analyze import Status
from argmap.convert.nodelink import graph_data
from argmap.convert.xmltext import attr, text
from argmap.look import BORDER, EDGES, SEPARATOR, THEMES, UNANSWERED, mark
from argmap.model import Debate

GRAPH_KEYS = (
    ("title", "string"),
    ("url", "string"),
    ("date", "string"),
    ("note", "string"),
    ("speakers", "string"),  # JSON: [{name, url, note}, ...]
)
NODE_KEYS = (
    ("kind", "string"),
    ("text", "string"),
    ("by", "string"),
    ("status", "string"),
    ("unanswered", "boolean"),
    ("tags", "string"),
    ("note", "string"),
    ("cites", "string"),
    ("title", "string"),
    ("url", "string"),
    ("author", "string"),
    ("date", "string"),
    ("inline", "boolean"),
)
# When a claim was said and the votes it had (its permalink is `url`, a key sources use too):
# declared only when a claim has one, so that a debate without them gives the file it always
# gave. A score is a GraphML `int`, as networkx writes a Python int.
ORIGIN_KEYS = (("at", "string"), ("score", "int"))
EDGE_KEYS = (("kind", "string"), ("quote", "string"), ("locator", "string"))

# yEd's names for the line styles of `argmap.look` (a bold line is a plain one, drawn wider).
LINES = {"solid": "line", "dashed": "dashed", "dotted": "dotted", "bold": "line"}
ARROWS = {
    "filled": "standard",
    "hollow": "white_delta",
    "bar": "t_shape",
    "ring": "transparent_circle",
    "open": "plain",
}


@dataclass(frozen=True)
class NodeStyle:
    border: str
    fill: str
    line: str


@dataclass(frozen=True)
class EdgeStyle:
    colour: str
    line: str
    width: str
    arrow: str


# Claims and relations drawn as in argmap's light diagrams (`argmap.look`).
_LIGHT = THEMES["light"]
STATUS_STYLE = {
    status.value: NodeStyle(*_LIGHT.status[status], LINES[BORDER[status]]) for status in Status
}
SOURCE_STYLE = NodeStyle(*_LIGHT.source, "line")
EDGE_STYLE = {
    kind: EdgeStyle(
        _LIGHT.edge[kind],
        LINES[look.line],
        "3.0" if look.line == "bold" else "1.0",
        ARROWS[look.head],
    )
    for kind, look in EDGES.items()
}
WRAP = 40


def node_keys(data: dict[str, Any]) -> tuple[tuple[str, str], ...]:
    """The node attributes of node-link `data`: `NODE_KEYS`, then each of `ORIGIN_KEYS` that a
    claim has."""
    claims = [n for n in data["nodes"] if n["kind"] == "claim"]
    some = tuple(k for k in ORIGIN_KEYS if any(n[k[0]] is not None for n in claims))
    return NODE_KEYS + some


def value(v: Any) -> str | None:
    """An attribute as GraphML/GEXF text: None when absent, lists as JSON arrays."""
    if v is None:
        return None
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, list | dict):
        return json.dumps(v, ensure_ascii=False)
    return str(v)


def _data(key: str, v: Any, pad: str) -> str | None:
    written = value(v)
    return None if written is None else f"{pad}<data key={attr(key)}>{text(written)}</data>"


def _label(node: dict[str, Any]) -> list[str]:
    if node["kind"] == "source":
        return [node["id"], *layout.wrap(node["title"] or node["url"] or "", WRAP)]
    head = f" {SEPARATOR} ".join(p for p in (node["id"], node["by"], mark(node["status"])) if p)
    if node["unanswered"]:
        head += f" {SEPARATOR} {UNANSWERED}"
    return [head, *layout.wrap(node["text"], WRAP)]


def _shape(node: dict[str, Any]) -> str:
    if node["kind"] == "source":
        style, width = SOURCE_STYLE, "1.0"
    else:
        style = STATUS_STYLE[node["status"]]
        width = "3.0" if node["unanswered"] else "1.5"
    lines = _label(node)
    height = 16 * len(lines) + 14
    return (
        '<y:ShapeNode><y:Geometry height="{h}" width="300.0"/><y:Fill color="{fill}"/>'
        '<y:BorderStyle color="{border}" type="{line}" width="{width}"/>'
        "<y:NodeLabel>{label}</y:NodeLabel>"
        '<y:Shape type="roundrectangle"/></y:ShapeNode>'
    ).format(
        h=f"{height}.0",
        fill=style.fill,
        border=style.border,
        line=style.line,
        width=width,
        label=text("\n".join(lines)),
    )


def write_graphml(debate: Debate | Analysis) -> bytes:
    """The debate as GraphML: every claim, source, relation and citation, every attribute."""
    data = graph_data(debate)
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns"'
        ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
        ' xmlns:y="http://www.yworks.com/xml/graphml"'
        ' xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns'
        ' http://www.yworks.com/xml/schema/graphml/1.1/ygraphml.xsd">',
    ]
    node_attributes = node_keys(data)
    for domain, keys in (("graph", GRAPH_KEYS), ("node", node_attributes), ("edge", EDGE_KEYS)):
        for name, type_ in keys:
            out.append(
                f'  <key id="{domain[0]}_{name}" for="{domain}" attr.name="{name}"'
                f' attr.type="{type_}"/>'
            )
    out.append('  <key id="n_yed" for="node" yfiles.type="nodegraphics"/>')
    out.append('  <key id="e_yed" for="edge" yfiles.type="edgegraphics"/>')
    out.append('  <graph id="debate" edgedefault="directed">')
    graph = dict(data["graph"])
    graph["speakers"] = [
        {k: v for k, v in s.items() if v is not None and k != "declared"} for s in graph["speakers"]
    ]
    for name, _ in GRAPH_KEYS:
        line = _data(f"g_{name}", graph[name] or None, "    ")
        if line is not None:
            out.append(line)
    for node in data["nodes"]:
        out.append(f"    <node id={attr(node['id'])}>")
        for name, _ in node_attributes:
            v = node.get(name)
            line = _data(f"n_{name}", v if v != [] or node["kind"] == "claim" else None, "      ")
            if line is not None:
                out.append(line)
        out.append(f'      <data key="n_yed">{_shape(node)}</data>')
        out.append("    </node>")
    for i, edge in enumerate(data["edges"]):
        out.append(
            f'    <edge id="e{i}" source={attr(edge["source"])} target={attr(edge["target"])}>'
        )
        for name, _ in EDGE_KEYS:
            line = _data(f"e_{name}", edge.get(name), "      ")
            if line is not None:
                out.append(line)
        look = EDGE_STYLE[edge["kind"]]
        out.append(
            f'      <data key="e_yed"><y:PolyLineEdge><y:LineStyle color="{look.colour}"'
            f' type="{look.line}" width="{look.width}"/><y:Arrows source="none"'
            f' target="{look.arrow}"/></y:PolyLineEdge></data>'
        )
        out.append("    </edge>")
    out += ["  </graph>", "</graphml>"]
    return ("\n".join(out) + "\n").encode("utf-8")
