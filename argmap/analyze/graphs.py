"""What the algorithms read: a loaded `Debate`, or any `networkx.DiGraph` of claims whose edges
carry `kind` (`rebuts`, `supports` or `undercuts`, from the answering claim to the claim it
answers); `claims_of` and `attackers_of` turn either into plain data."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple, TypeAlias

from argmap.model import Debate, RelationKind

if TYPE_CHECKING:
    import networkx as nx

# A loaded debate, or any directed graph of claims (see the module's docstring).
Graph: TypeAlias = "Debate | nx.DiGraph"


class Edge(NamedTuple):
    """One relation: `source` answers `target` in the way `kind` says."""

    source: str
    target: str
    kind: RelationKind


class Claims(NamedTuple):
    """What the algorithms need of a debate or a graph: the claims in order, with their
    speaker and text where known, and the relations between them in order."""

    ids: list[str]
    by: dict[str, str | None]
    text: dict[str, str]
    relations: list[Edge]


def claims_of(graph: Graph) -> Claims:
    """The claims and relations of a `Debate`, or of a `networkx.DiGraph`: every node but those
    whose `kind` is not `claim` (sources), and every edge whose `kind` is a relation (not
    `cites`); a node's `by` and `text` are read if it has them.

    >>> import networkx as nx
    >>> g = nx.DiGraph([("b", "a", {"kind": "rebuts"}), ("b", "s", {"kind": "cites"})])
    >>> g.nodes["s"]["kind"] = "source"
    >>> claims_of(g).ids, claims_of(g).relations
    (['b', 'a'], [Edge(source='b', target='a', kind=<RelationKind.REBUTS: 'rebuts'>)])
    """
    if isinstance(graph, Debate):
        return Claims(
            list(graph.claims),
            {c.id: c.by for c in graph.claims.values()},
            {c.id: c.text for c in graph.claims.values()},
            [Edge(r.source, r.target, r.kind) for r in graph.relations],
        )
    nodes: Any = graph.nodes
    ids = [n for n, kind in nodes(data="kind", default="claim") if kind == "claim"]
    kinds = {k.value: k for k in RelationKind}
    relations = [
        Edge(a, b, kinds[kind]) for a, b, kind in graph.edges(data="kind") if kind in kinds
    ]
    return Claims(
        ids,
        {n: nodes[n].get("by") for n in ids},
        {n: str(nodes[n].get("text", "")) for n in ids},
        relations,
    )


def attackers_of(graph: Graph) -> dict[str, list[str]]:
    """Each claim's attackers (what rebuts or undercuts it), in the order of the relations."""
    if isinstance(graph, Debate):  # the common case, without building `claims_of`
        out: dict[str, list[str]] = {c: [] for c in graph.claims}
        for r in graph.relations:
            if r.kind.is_attack:
                out[r.target].append(r.source)
        return out
    found = claims_of(graph)
    out = {c: [] for c in found.ids}
    for e in found.relations:
        if e.kind.is_attack:
            out[e.target].append(e.source)
    return out
