"""Reports as plain data, ready for `json.dumps`: what `--format json` prints.

Every shape is a `TypedDict` of `argmap.render.shapes`, documented with an example in
docs/json.md; this module fills them from the analysed debate. The sentences said about a
claim are in `argmap.render.words`; the JSON text that `--format json` prints is made by
`argmap.render.jsontext`.

Every report reads strength under one semantics and one choice of base scores (`semantics`,
`base`: `--strength NAME` and `--votes`), from `Analysis.strength`; numbers are rounded to 6
decimals (`strengths.number`), so that JSON does not carry the last bits of floating point.
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.analysis import Analysis, Link, analyse
from argmap.analyze import Base, Semantics, Status, Strengths, iso
from argmap.model import Claim, Debate, RelationKind
from argmap.render.shapes import (
    AcceptanceJSON,
    CitationJSON,
    ClaimJSON,
    LinkJSON,
    NodeJSON,
    RowJSON,
    ShowJSON,
    StepJSON,
    SummaryJSON,
    TreeJSON,
    TreeRowsJSON,
    UnansweredJSON,
)
from argmap.render.strengths import Base_, Semantics_, number, strength_of

# --- pieces ------------------------------------------------------------------------------------


def acceptance(analysis: Analysis, claim: str) -> AcceptanceJSON | None:
    found = analysis.acceptance.get(claim)
    if found is None:
        return None
    return {"credulous": found.credulous, "sceptical": found.sceptical}


# --- summary -----------------------------------------------------------------------------------


def summary(
    debate: Debate | Analysis,
    semantics: Semantics_ = Semantics.DF_QUAD,
    base: Base_ = Base.WEIGHTS,
) -> SummaryJSON:
    """Everything the analysis finds, complete (the text summary cuts each list short)."""
    analysis = analyse(debate)
    debate = analysis.debate
    counts = analysis.relation_counts
    strengths = analysis.strength(semantics, base)
    strength = strengths.strength

    def ids(links: list[Link], kind: RelationKind) -> list[str]:
        return [link.id for link in links if link.kind is kind]

    claims: list[ClaimJSON] = []
    for c in debate.claims.values():
        out, into = analysis.answers[c.id], analysis.answered_by[c.id]
        claims.append(
            {
                "id": c.id,
                "text": c.text,
                "by": c.by,
                "status": analysis.status[c.id].value,
                "acceptance": acceptance(analysis, c.id),
                "strength": number(strength[c.id]),
                "rebuts": ids(out, RelationKind.REBUTS),
                "supports": ids(out, RelationKind.SUPPORTS),
                "undercuts": ids(out, RelationKind.UNDERCUTS),
                "rebutted_by": ids(into, RelationKind.REBUTS),
                "supported_by": ids(into, RelationKind.SUPPORTS),
                "undercut_by": ids(into, RelationKind.UNDERCUTS),
                "answers": ids(out, RelationKind.ANSWERS),
                "answered_by": ids(into, RelationKind.ANSWERS),
                "cites": list(dict.fromkeys(cite.source for cite in c.cites)),
                "at": c.at,
                "url": c.url,
                "score": c.score,
            }
        )
    return {
        "title": debate.title,
        "url": debate.url,
        "date": debate.date,
        "counts": {
            "claims": len(debate.claims),
            "relations": len(debate.relations),
            "rebuts": counts[RelationKind.REBUTS],
            "supports": counts[RelationKind.SUPPORTS],
            "undercuts": counts[RelationKind.UNDERCUTS],
            "answers": counts[RelationKind.ANSWERS],
            "speakers": len(debate.speakers),
            "sources": len(debate.sources),
            "standing": len(analysis.of(Status.STANDING)),
            "defeated": len(analysis.of(Status.DEFEATED)),
            "undecided": len(analysis.of(Status.UNDECIDED)),
        },
        "claims": claims,
        "unanswered": [u.id for u in analysis.unanswered],
        "unsupported": list(analysis.unsupported),
        "contested": [{"id": c.id, "attackers": list(c.attackers)} for c in analysis.contested],
        "exchanges": [list(chain) for chain in analysis.exchanges],
        "speakers": [
            {
                "name": s.name,
                "claims": s.claims,
                "rebuttals": s.rebuttals,
                "standing": s.standing,
                "defeated": s.defeated,
                "undecided": s.undecided,
                "unanswered": s.unanswered,
            }
            for s in analysis.speakers
        ],
        "sources": [
            {
                "id": s.id,
                "title": s.title,
                "url": s.url,
                "cited_by": list(s.cited_by),
                "standing": s.standing,
            }
            for s in analysis.sources
        ],
        "strength": {
            "semantics": strengths.semantics.value,
            "base": Base(base).value,
            "ranking": list(strengths.ranking),
            "disagreements": list(analysis.disagreements(semantics, base)),
            "unconverged": list(strengths.unconverged),
        },
    }


# --- unanswered --------------------------------------------------------------------------------


def unanswered(
    debate: Debate | Analysis,
    semantics: Semantics_ = Semantics.DF_QUAD,
    base: Base_ = Base.WEIGHTS,
) -> list[UnansweredJSON]:
    """The claims nothing rebuts or undercuts, in the order of the file."""
    analysis = analyse(debate)
    strength = analysis.strength(semantics, base).strength
    return [
        {"id": u.id, "text": u.text, "by": u.by, "role": u.role, "strength": number(strength[u.id])}
        for u in analysis.unanswered
    ]


# --- tree --------------------------------------------------------------------------------------


def tree(
    debate: Debate | Analysis,
    semantics: Semantics_ = Semantics.DF_QUAD,
    base: Base_ = Base.WEIGHTS,
) -> TreeJSON:
    """The thread as a tree: under each claim, the claims that answer it.

    Roots are the claims that answer nothing, in the order of the file; children come in the
    order of the file. A claim is shown in full once, where a walk of the tree in that order
    first meets it; anywhere else (a claim answering two claims, or a cycle coming back) it is a
    reference (`ref`) without children. Claims that only answer claims in a cycle no root
    reaches are then picked up: one root per such cycle, its first claim in the file (`cycle`).
    """
    analysis = analyse(debate)
    debate = analysis.debate
    strength = analysis.strength(semantics, base).strength
    shown: set[str] = set()

    def node(claim: str, relation: RelationKind | None, cycle: bool = False) -> NodeJSON:
        c = debate.claims[claim]
        return {
            "id": claim,
            "relation": None if relation is None else relation.value,
            "status": analysis.status[claim].value,
            "strength": number(strength[claim]),
            "by": c.by,
            "text": c.text,
            "ref": claim in shown,
            "cycle": cycle,
            "children": [],
        }

    def grow(root: str, cycle: bool = False) -> NodeJSON:
        top = node(root, None, cycle)
        shown.add(root)
        stack = [(top, iter(analysis.answered_by[root]))]
        while stack:
            parent, children = stack[-1]
            for child in children:
                sub = node(child.id, child.kind)
                parent["children"].append(sub)
                if not sub["ref"]:
                    shown.add(child.id)
                    stack.append((sub, iter(analysis.answered_by[child.id])))
                    break
            else:
                stack.pop()
        return top

    roots = [grow(c) for c in debate.claims if not analysis.answers[c]]
    for start in _cycle_starts(analysis, shown):
        if start not in shown:  # always true (see `_cycle_starts`): a root is never a reference
            roots.append(grow(start, cycle=True))
    return {"title": debate.title, "roots": roots}


def tree_rows(
    debate: Debate | Analysis,
    semantics: Semantics_ = Semantics.DF_QUAD,
    base: Base_ = Base.WEIGHTS,
) -> TreeRowsJSON:
    """The tree of `tree` as a list of its nodes, depth first, children in order, each naming
    the index of its parent and its depth: what `tree --format json` prints. Its size is linear
    in the debate's, however deep the thread (nested, each level would be indented further, and
    a 10,000-reply chain would nest deeper than most JSON readers go)."""
    nested = tree(debate, semantics, base)
    rows: list[RowJSON] = []
    stack: list[tuple[NodeJSON, int | None, int]] = [
        (root, None, 0) for root in reversed(nested["roots"])
    ]
    while stack:
        node, parent, depth = stack.pop()
        index = len(rows)
        rows.append(
            {
                "id": node["id"],
                "parent": parent,
                "depth": depth,
                "relation": node["relation"],
                "status": node["status"],
                "strength": node["strength"],
                "by": node["by"],
                "text": node["text"],
                "ref": node["ref"],
                "cycle": node["cycle"],
            }
        )
        stack.extend((child, index, depth + 1) for child in reversed(node["children"]))
    return {"title": nested["title"], "nodes": rows}


def _cycle_starts(analysis: Analysis, shown: set[str]) -> list[str]:
    """For each cycle that no root reaches and that answers nothing outside itself, its first
    claim, in the order of the file. Growing a tree from each covers every claim not `shown`:
    following what a claim answers, what no root reaches can only end in such a cycle."""
    import networkx as nx

    left = [c for c in analysis.debate.claims if c not in shown]
    if not left:
        return []
    answers = analysis.answers
    graph = nx.DiGraph()
    graph.add_nodes_from(left)
    graph.add_edges_from((c, link.id) for c in left for link in answers[c])
    order = analysis.order
    starts = [
        min(part, key=order.__getitem__)
        for part in nx.strongly_connected_components(graph)
        if all(link.id in part for c in part for link in answers[c])
    ]
    return sorted(starts, key=order.__getitem__)


# --- show --------------------------------------------------------------------------------------


def show(
    debate: Debate | Analysis,
    claim_id: str,
    semantics: Semantics_ = Semantics.DF_QUAD,
    base: Base_ = Base.WEIGHTS,
) -> ShowJSON:
    """One claim in context; `argmap.analysis.UnknownClaimError` if there is no such claim."""
    analysis = analyse(debate)
    claim = analysis.claim(claim_id)
    return _show(analysis, claim, analysis.strength(semantics, base))


def show_all(
    debate: Debate | Analysis,
    semantics: Semantics_ = Semantics.DF_QUAD,
    base: Base_ = Base.WEIGHTS,
) -> Iterator[ShowJSON]:
    """`show` for every claim, in the order of the file, in time linear in the debate."""
    analysis = analyse(debate)
    strengths = analysis.strength(semantics, base)
    for claim in analysis.debate.claims.values():
        yield _show(analysis, claim, strengths)


def _show(analysis: Analysis, claim: Claim, strengths: Strengths) -> ShowJSON:
    debate = analysis.debate

    def link(found: Link) -> LinkJSON:
        return {
            "id": found.id,
            "relation": found.kind.value,
            "status": analysis.status[found.id].value,
            "text": debate.claims[found.id].text,
        }

    cites: list[CitationJSON] = []
    for cite in claim.cites:
        source = debate.sources[cite.source]
        cites.append(
            {
                "source": cite.source,
                "title": source.title,
                "url": source.url,
                "author": source.author,
                "quote": cite.quote,
                "locator": cite.locator,
            }
        )
    return {
        "id": claim.id,
        "text": claim.text,
        "by": claim.by,
        "status": analysis.status[claim.id].value,
        "why": analysis.why[claim.id].value,
        "defeated_by": list(analysis.defeaters[claim.id]),
        "attackers": list(analysis.attackers[claim.id]),
        "acceptance": acceptance(analysis, claim.id),
        "strength": strength_of(analysis, strengths, claim.id),
        "answers": [link(found) for found in analysis.answers[claim.id]],
        "answered_by": [link(found) for found in analysis.answered_by[claim.id]],
        "cites": cites,
        "tags": list(claim.tags),
        "note": claim.note,
        "at": claim.at,
        "url": claim.url,
        "score": claim.score,
        "unclassified": len(analysis.unclassified),
    }


# --- timeline ----------------------------------------------------------------------------------


def timeline(debate: Debate | Analysis) -> list[StepJSON]:
    """The debate replayed in time order (`Analysis.timeline`): one step per claim."""
    analysis = analyse(debate)
    claims = analysis.debate.claims
    return [
        {
            "at": None
            if step.at is None
            else step.at.date().isoformat()
            if step.day
            else iso(step.at),
            "timed": step.timed,
            "claim": step.claim,
            "by": claims[step.claim].by,
            "status": step.status.value,
            "relations": [
                {"source": r.source, "kind": r.kind.value, "target": r.target}
                for r in step.relations
            ],
            "changes": [
                {"claim": c.claim, "from": c.before.value, "to": c.after.value}
                for c in step.changes
            ],
        }
        for step in analysis.timeline
    ]
