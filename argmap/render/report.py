"""Reports as plain data, ready for `json.dumps`: what `--format json` prints.

Every shape is a `TypedDict` below and is documented, with an example, in docs/json.md. Keys come
in the order written here; lists of claims come in the order of the file unless said otherwise.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, TypedDict

from argmap import analyze
from argmap.analyze import Acceptance, Labelling, Status
from argmap.model import Claim, Debate, RelationKind
from argmap.render import find_claim

# --- shapes ------------------------------------------------------------------------------------


class AcceptanceJSON(TypedDict):
    credulous: bool | None
    sceptical: bool | None


class ClaimJSON(TypedDict):
    id: str
    text: str
    by: str | None
    status: str
    acceptance: AcceptanceJSON | None  # undecided claims only; null for the others
    rebuts: list[str]
    supports: list[str]
    undercuts: list[str]
    rebutted_by: list[str]
    supported_by: list[str]
    undercut_by: list[str]
    cites: list[str]


class CountsJSON(TypedDict):
    claims: int
    relations: int
    rebuts: int
    supports: int
    undercuts: int
    speakers: int
    sources: int
    standing: int
    defeated: int
    undecided: int


class ContestedJSON(TypedDict):
    id: str
    attackers: list[str]


class SpeakerJSON(TypedDict):
    name: str
    claims: int
    rebuttals: int
    standing: int
    defeated: int
    undecided: int
    unanswered: int


class SourceJSON(TypedDict):
    id: str
    title: str | None
    url: str | None
    cited_by: list[str]
    standing: int


class SummaryJSON(TypedDict):
    title: str
    url: str | None
    date: str | None
    counts: CountsJSON
    claims: list[ClaimJSON]
    unanswered: list[str]
    unsupported: list[str]
    contested: list[ContestedJSON]
    exchanges: list[list[str]]
    speakers: list[SpeakerJSON]
    sources: list[SourceJSON]


class UnansweredJSON(TypedDict):
    id: str
    text: str
    by: str | None
    role: str  # "root" | "rebuttal" | "reason"


class NodeJSON(TypedDict):
    id: str
    relation: str | None  # how this claim answers its parent; null for a root
    status: str
    by: str | None
    text: str
    ref: bool  # shown in full elsewhere in the tree: a reference, without children
    cycle: bool  # a root picked up because it sits in a cycle that no other root reaches
    children: list[NodeJSON]


class TreeJSON(TypedDict):
    title: str
    roots: list[NodeJSON]


class LinkJSON(TypedDict):
    id: str
    relation: str
    status: str
    text: str


class CitationJSON(TypedDict):
    source: str
    title: str | None
    url: str | None
    author: str | None
    quote: str | None
    locator: str | None


class ShowJSON(TypedDict):
    id: str
    text: str
    by: str | None
    status: str
    why: str  # "has-standing-attacker" | "all-attackers-defeated" | "no-attackers" | "undecided"
    defeated_by: list[str]
    attackers: list[str]
    acceptance: AcceptanceJSON | None
    answers: list[LinkJSON]
    answered_by: list[LinkJSON]
    cites: list[CitationJSON]
    tags: list[str]
    note: str | None


# --- what answers what -------------------------------------------------------------------------


@dataclass
class Links:
    """Each claim's relations both ways, without repeats, each list in the order of the file."""

    answers: dict[str, list[tuple[str, RelationKind]]] = field(default_factory=dict)
    answered_by: dict[str, list[tuple[str, RelationKind]]] = field(default_factory=dict)


def links(debate: Debate) -> Links:
    order = {c: i for i, c in enumerate(debate.claims)}
    out = Links({c: [] for c in debate.claims}, {c: [] for c in debate.claims})
    for r in dict.fromkeys((r.source, r.target, r.kind) for r in debate.relations):
        out.answers[r[0]].append((r[1], r[2]))
        out.answered_by[r[1]].append((r[0], r[2]))
    for table in (out.answers, out.answered_by):
        for pairs in table.values():
            pairs.sort(key=lambda p: order[p[0]])
    return out


def acceptance(labelling: Labelling, claim: str) -> AcceptanceJSON | None:
    found: Acceptance | None = labelling.acceptance.get(claim)
    if labelling.status[claim] is not Status.UNDECIDED or found is None:
        return None
    return {"credulous": found.credulous, "sceptical": found.sceptical}


# --- summary -----------------------------------------------------------------------------------


def summary(debate: Debate, labelling: Labelling | None = None) -> SummaryJSON:
    """Everything the analysis finds, complete (the text summary cuts each list short)."""
    labelling = labelling or analyze.label(debate)
    linked = links(debate)
    kinds = [r.kind for r in debate.relations]

    def ids(pairs: list[tuple[str, RelationKind]], kind: RelationKind) -> list[str]:
        return [c for c, k in pairs if k is kind]

    claims: list[ClaimJSON] = []
    for c in debate.claims.values():
        out, into = linked.answers[c.id], linked.answered_by[c.id]
        claims.append(
            {
                "id": c.id,
                "text": c.text,
                "by": c.by,
                "status": labelling.status[c.id].value,
                "acceptance": acceptance(labelling, c.id),
                "rebuts": ids(out, RelationKind.REBUTS),
                "supports": ids(out, RelationKind.SUPPORTS),
                "undercuts": ids(out, RelationKind.UNDERCUTS),
                "rebutted_by": ids(into, RelationKind.REBUTS),
                "supported_by": ids(into, RelationKind.SUPPORTS),
                "undercut_by": ids(into, RelationKind.UNDERCUTS),
                "cites": list(dict.fromkeys(cite.source for cite in c.cites)),
            }
        )
    return {
        "title": debate.title,
        "url": debate.url,
        "date": debate.date,
        "counts": {
            "claims": len(debate.claims),
            "relations": len(debate.relations),
            "rebuts": kinds.count(RelationKind.REBUTS),
            "supports": kinds.count(RelationKind.SUPPORTS),
            "undercuts": kinds.count(RelationKind.UNDERCUTS),
            "speakers": len(debate.speakers),
            "sources": len(debate.sources),
            "standing": len(labelling.of(Status.STANDING)),
            "defeated": len(labelling.of(Status.DEFEATED)),
            "undecided": len(labelling.of(Status.UNDECIDED)),
        },
        "claims": claims,
        "unanswered": [u.id for u in analyze.unanswered(debate)],
        "unsupported": analyze.unsupported(debate),
        "contested": [
            {"id": c.id, "attackers": list(c.attackers)} for c in analyze.contested(debate)
        ],
        "exchanges": analyze.exchanges(debate, limit=len(debate.claims)),
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
            for s in analyze.speakers(debate, labelling)
        ],
        "sources": [
            {
                "id": s.id,
                "title": s.title,
                "url": s.url,
                "cited_by": list(s.cited_by),
                "standing": s.standing,
            }
            for s in analyze.sources(debate, labelling)
        ],
    }


# --- unanswered --------------------------------------------------------------------------------


def unanswered(debate: Debate) -> list[UnansweredJSON]:
    """The claims nothing rebuts or undercuts, in the order of the file."""
    return [
        {"id": u.id, "text": u.text, "by": u.by, "role": u.role} for u in analyze.unanswered(debate)
    ]


# --- tree --------------------------------------------------------------------------------------


def tree(debate: Debate, labelling: Labelling | None = None) -> TreeJSON:
    """The thread as a tree: under each claim, the claims that answer it.

    Roots are the claims that answer nothing, in the order of the file; children come in the
    order of the file. A claim is shown in full once, where a walk of the tree in that order
    first meets it; anywhere else (a claim answering two claims, or a cycle coming back) it is a
    reference (`ref`) without children. Claims that only answer claims in a cycle no root
    reaches are then picked up: one root per such cycle, its first claim in the file (`cycle`).
    """
    labelling = labelling or analyze.label(debate)
    linked = links(debate)
    shown: set[str] = set()

    def node(claim: str, relation: RelationKind | None, cycle: bool = False) -> NodeJSON:
        c = debate.claims[claim]
        return {
            "id": claim,
            "relation": None if relation is None else relation.value,
            "status": labelling.status[claim].value,
            "by": c.by,
            "text": c.text,
            "ref": claim in shown,
            "cycle": cycle,
            "children": [],
        }

    def grow(root: str, cycle: bool = False) -> NodeJSON:
        top = node(root, None, cycle)
        shown.add(root)
        stack = [(top, iter(linked.answered_by[root]))]
        while stack:
            parent, children = stack[-1]
            for child, kind in children:
                sub = node(child, kind)
                parent["children"].append(sub)
                if not sub["ref"]:
                    shown.add(child)
                    stack.append((sub, iter(linked.answered_by[child])))
                    break
            else:
                stack.pop()
        return top

    roots = [grow(c) for c in debate.claims if not linked.answers[c]]
    for start in _cycle_starts(debate, linked, shown):
        if start not in shown:  # always true (see `_cycle_starts`): a root is never a reference
            roots.append(grow(start, cycle=True))
    return {"title": debate.title, "roots": roots}


def _cycle_starts(debate: Debate, linked: Links, shown: set[str]) -> list[str]:
    """For each cycle that no root reaches and that answers nothing outside itself, its first
    claim, in the order of the file. Growing a tree from each covers every claim not `shown`:
    following what a claim answers, what no root reaches can only end in such a cycle."""
    import networkx as nx

    left = [c for c in debate.claims if c not in shown]
    if not left:
        return []
    graph = nx.DiGraph()
    graph.add_nodes_from(left)
    graph.add_edges_from((c, t) for c in left for t, _ in linked.answers[c])
    order = {c: i for i, c in enumerate(debate.claims)}
    starts = [
        min(part, key=order.__getitem__)
        for part in nx.strongly_connected_components(graph)
        if all(t in part for c in part for t, _ in linked.answers[c])
    ]
    return sorted(starts, key=order.__getitem__)


# --- show --------------------------------------------------------------------------------------


def show(debate: Debate, claim_id: str, labelling: Labelling | None = None) -> ShowJSON:
    """One claim in context; `argmap.render.UnknownClaimError` if there is no such claim."""
    claim = find_claim(debate, claim_id)
    labelling = labelling or analyze.label(debate)
    order = {c: i for i, c in enumerate(debate.claims)}
    return _show(debate, claim, labelling, links(debate), order)


def show_all(debate: Debate, labelling: Labelling | None = None) -> Iterator[ShowJSON]:
    """`show` for every claim, in the order of the file, in time linear in the debate."""
    labelling = labelling or analyze.label(debate)
    linked = links(debate)
    order = {c: i for i, c in enumerate(debate.claims)}
    for claim in debate.claims.values():
        yield _show(debate, claim, labelling, linked, order)


def _show(
    debate: Debate, claim: Claim, labelling: Labelling, linked: Links, order: dict[str, int]
) -> ShowJSON:
    status = labelling.status[claim.id]
    attackers = sorted(dict.fromkeys(labelling.attackers[claim.id]), key=order.__getitem__)
    defeated_by = [a for a in attackers if labelling.status[a] is Status.STANDING]
    if status is Status.DEFEATED:
        why = "has-standing-attacker"
    elif status is Status.UNDECIDED:
        why = "undecided"
    else:
        why = "all-attackers-defeated" if attackers else "no-attackers"

    def link(other: str, kind: RelationKind) -> LinkJSON:
        return {
            "id": other,
            "relation": kind.value,
            "status": labelling.status[other].value,
            "text": debate.claims[other].text,
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
        "status": status.value,
        "why": why,
        "defeated_by": defeated_by,
        "attackers": attackers,
        "acceptance": acceptance(labelling, claim.id),
        "answers": [link(t, k) for t, k in linked.answers[claim.id]],
        "answered_by": [link(s, k) for s, k in linked.answered_by[claim.id]],
        "cites": cites,
        "tags": list(claim.tags),
        "note": claim.note,
    }


def reason(data: ShowJSON) -> str:
    """Why a claim has its status, in one sentence (`show` prints it after "Why:").

    >>> reason({"why": "has-standing-attacker", "defeated_by": ["b"], "attackers": ["b"],
    ...         "answered_by": [{"id": "b", "relation": "rebuts", "status": "standing",
    ...                          "text": "B"}]})
    'defeated by b, which stands and rebuts it.'
    """
    why = data["why"]
    if why == "has-standing-attacker":
        defeaters = data["defeated_by"]
        kinds = {link["relation"] for link in data["answered_by"] if link["id"] in defeaters}
        verb = kinds.pop() if len(kinds) == 1 else "rebuts or undercuts"
        if len(defeaters) > 1:
            verb = verb.removesuffix("s").replace("s or", " or")
        which = "which stands and" if len(defeaters) == 1 else "which stand and"
        return f"defeated by {and_list(defeaters)}, {which} {verb} it."
    if why == "all-attackers-defeated":
        return (
            f"every claim that rebuts or undercuts it is defeated: {and_list(data['attackers'])}."
        )
    if why == "no-attackers":
        return "nothing rebuts or undercuts it (it is unanswered)."
    return (
        f"of the claims that rebut or undercut it ({and_list(data['attackers'])}), none stands "
        "and not all are defeated: attacks going round in a cycle leave them open."
    )


def acceptance_words(acceptance: AcceptanceJSON | None) -> str:
    """`credulous: yes, sceptical: no`, or `not decided` when the search was too large."""
    if acceptance is None:
        return "not decided"
    c, s = acceptance["credulous"], acceptance["sceptical"]
    if c is None and s is None:
        return "not decided"
    return f"credulous: {_yes_no(c)}, sceptical: {_yes_no(s)}"


def _yes_no(value: bool | None) -> str:
    return "not decided" if value is None else "yes" if value else "no"


def acceptance_sentence(acceptance: AcceptanceJSON | None) -> str:
    """An undecided claim's preferred acceptance, in words (`show` prints it after "Preferred
    acceptance:")."""
    words = acceptance_words(acceptance)
    if acceptance is None or words == "not decided":
        return "not decided: the tangle of attacks is too large to search."
    meanings: dict[tuple[bool | None, bool | None], str] = {
        (True, True): "it stands in every preferred extension",
        (True, False): "it stands in some preferred extensions, not in all",
        (False, False): "it stands in no preferred extension",
    }
    meaning = meanings.get((acceptance["credulous"], acceptance["sceptical"]))
    return words + (f" ({meaning})." if meaning else ".")


def and_list(ids: Sequence[str]) -> str:
    """`a`, `a and b`, `a, b and c`.

    >>> and_list(["a"]), and_list(["a", "b", "c"])
    ('a', 'a, b and c')
    """
    return ids[0] if len(ids) == 1 else f"{', '.join(ids[:-1])} and {ids[-1]}"


# --- JSON text ---------------------------------------------------------------------------------

# Characters `json.dumps(ensure_ascii=False)` leaves raw but a terminal would act on: DEL, the C1
# controls, and the bidirectional overrides. In JSON they can only be inside strings, where a
# `\uNNNN` escape stands for the same character, so the data is unchanged.
_JSON_ESCAPES = {
    c: f"\\u{c:04x}"
    for c in (0x7F, *range(0x80, 0xA0), *range(0x202A, 0x202F), *range(0x2066, 0x206A))
}


def to_json(data: Any) -> str:
    """`data` as the JSON text argmap prints: indented, non-ASCII kept, controls escaped.

    >>> print(to_json({"text": "é\\x1b\\x9b"}))
    {
      "text": "é\\u001b\\u009b"
    }
    """
    try:
        text = json.dumps(data, indent=2, ensure_ascii=False)
    except RecursionError:  # a tree nested deeper than Python's recursion limit
        text = _dumps_deep(data)
    return text.translate(_JSON_ESCAPES)


def _dumps_deep(data: Any) -> str:
    """What `json.dumps(data, indent=2, ensure_ascii=False)` gives, for dicts with text keys,
    lists and scalars, without recursion, so without a limit on nesting.

    >>> _dumps_deep({"a": [1, {"b": None}], "c": [], "d": {}})
    '{\\n  "a": [\\n    1,\\n    {\\n      "b": null\\n    }\\n  ],\\n  "c": [],\\n  "d": {}\\n}'
    """
    out: list[str] = []
    # Each open container: its remaining (key or None, value) pairs, its depth, its closing
    # bracket, and whether an item has been written yet.
    stack: list[tuple[Iterator[tuple[str | None, Any]], int, str, list[bool]]] = []

    def start(value: Any, depth: int) -> None:
        if isinstance(value, dict) and value:
            out.append("{")
            stack.append((iter(value.items()), depth + 1, "}", [False]))
        elif isinstance(value, list | tuple) and value:
            out.append("[")
            stack.append((((None, v) for v in value), depth + 1, "]", [False]))
        else:
            out.append(json.dumps(value, ensure_ascii=False))

    start(data, 0)
    while stack:
        items, depth, closer, started = stack[-1]
        item = next(items, None)
        if item is None:
            stack.pop()
            out.append("\n" + "  " * (depth - 1) + closer)
            continue
        out.append(("," if started[0] else "") + "\n" + "  " * depth)
        started[0] = True
        key, value = item
        if key is not None:
            out.append(json.dumps(key, ensure_ascii=False) + ": ")
        start(value, depth)
    return "".join(out)
