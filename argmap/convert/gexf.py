"""GEXF 1.3, for Gephi: export (`write_gexf`).

The same nodes, edges and attributes as GraphML (`argmap.convert.graphml`), declared as GEXF
attributes (lists as JSON arrays in a string, a score an `integer`), with each node labelled by
its id and coloured by its status (`viz:color`), each edge by its kind. GEXF has no graph-level
attributes: the title is the graph's `<description>`, and the url, date and note are not
written.
"""

from __future__ import annotations

from argmap import __version__
from argmap.analysis import Analysis, analyse
from argmap.convert.graphml import (
    EDGE_KEYS,
    EDGE_STYLE,
    SOURCE_STYLE,
    STATUS_STYLE,
    node_keys,
    value,
)
from argmap.convert.nodelink import graph_data
from argmap.convert.xmltext import attr, text
from argmap.model import Debate

# GEXF's names for the GraphML types that differ.
_TYPES = {"int": "integer"}


def _rgb(colour: str) -> str:
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return f'r="{r}" g="{g}" b="{b}"'


def write_gexf(debate: Debate | Analysis) -> bytes:
    """The debate as GEXF 1.3: every claim, source, relation and citation, every attribute."""
    analysis = analyse(debate)
    data = graph_data(analysis)
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz"'
        ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
        ' xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">',
        "  <meta>",
        f"    <creator>argmap {text(__version__)}</creator>",
        f"    <description>{text(analysis.debate.title)}</description>",
        "  </meta>",
        '  <graph mode="static" defaultedgetype="directed">',
    ]
    node_attributes = node_keys(data)
    for domain, keys in (("node", node_attributes), ("edge", EDGE_KEYS)):
        out.append(f'    <attributes class="{domain}">')
        for name, type_ in keys:
            type_ = _TYPES.get(type_, type_)
            out.append(f'      <attribute id="{name}" title="{name}" type="{type_}"/>')
        out.append("    </attributes>")
    out.append("    <nodes>")
    for node in data["nodes"]:
        out.append(f"      <node id={attr(node['id'])} label={attr(node['id'])}>")
        out.append("        <attvalues>")
        for name, _ in node_attributes:
            written = value(node.get(name))
            if written is not None:
                out.append(f'          <attvalue for="{name}" value={attr(written)}/>')
        out.append("        </attvalues>")
        style = STATUS_STYLE[node["status"]] if node["kind"] == "claim" else SOURCE_STYLE
        colour = style.fill
        out.append(f"        <viz:color {_rgb(colour)}/>")
        out.append("      </node>")
    out.append("    </nodes>")
    out.append("    <edges>")
    for i, edge in enumerate(data["edges"]):
        out.append(
            f'      <edge id="{i}" source={attr(edge["source"])} target={attr(edge["target"])}'
            f" label={attr(edge['kind'])}>"
        )
        out.append("        <attvalues>")
        for name, _ in EDGE_KEYS:
            written = value(edge.get(name))
            if written is not None:
                out.append(f'          <attvalue for="{name}" value={attr(written)}/>')
        out.append("        </attvalues>")
        out.append(f"        <viz:color {_rgb(EDGE_STYLE[edge['kind']].colour)}/>")
        out.append("      </edge>")
    out += ["    </edges>", "  </graph>", "</gexf>"]
    return ("\n".join(out) + "\n").encode("utf-8")
