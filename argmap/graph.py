"""The one adapter from `Debate` to networkx."""

from __future__ import annotations

from typing import TYPE_CHECKING

import networkx as nx

if TYPE_CHECKING:  # for the type only: `Debate.graph` imports this module, not the reverse
    from argmap.model import Debate


def to_digraph(debate: Debate) -> nx.DiGraph:
    """One node per claim (`kind="claim"`) and per source (`kind="source"`), one edge per relation.

    Edges point from the answering claim to the claim it answers, and from a claim to each source
    it cites; their `kind` is `rebuts`, `supports`, `undercuts` or `cites`. Nodes and edges are
    added in the order of the file, so iterating the graph is deterministic.

    >>> from argmap import loads
    >>> g = to_digraph(loads("title: T\\nclaims:\\n  a: {text: A}\\n  b: {text: B, rebuts: a}\\n"))
    >>> g.nodes["b"]["kind"], g.edges["b", "a"]["kind"]
    ('claim', 'rebuts')
    """
    g = nx.DiGraph(title=debate.title, url=debate.url, file=debate.file)
    for c in debate.claims.values():
        g.add_node(
            c.id,
            kind="claim",
            text=c.text,
            by=c.by,
            tags=list(c.tags),
            note=c.note,
            parent=c.parent,
            line=c.line,
        )
    for s in debate.sources.values():
        g.add_node(
            s.id,
            kind="source",
            title=s.title,
            url=s.url,
            author=s.author,
            date=s.date,
            note=s.note,
            inline=s.inline,
            line=s.line,
        )
    for r in debate.relations:
        g.add_edge(r.source, r.target, kind=r.kind.value)
    for c in debate.claims.values():
        for cite in c.cites:
            g.add_edge(c.id, cite.source, kind="cites", quote=cite.quote, locator=cite.locator)
    return g
