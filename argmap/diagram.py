"""What a diagram draws, whatever writes it: DOT, Mermaid and the HTML page share this core.

`DiagramOptions` say what to draw; `plan(analysis, options)` turns them into a `Drawing`: the
claims drawn (for `--focus`, `--speaker`, `--unanswered`), the relations between them, the
claims whose reasoning is drawn as a junction, the speaker boxes, the sources drawn, the title
and the direction to write. Each renderer only spells the `Drawing` in its own syntax.

>>> from argmap import loads
>>> from argmap.analysis import analyse
>>> d = loads("title: T\\nclaims:\\n  a: {text: A}\\n  b: {text: B, rebuts: a}\\n"
...           "  c: {text: C, rebuts: b}\\n")
>>> drawing = plan(analyse(d), DiagramOptions(focus="a", depth=1))
>>> drawing.claims, drawing.title, drawing.flow
(['a', 'b'], 'T (around a, depth 1)', 'BT')
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

from argmap.analysis import Analysis
from argmap.analyze import Base, Semantics
from argmap.errors import DiagramError
from argmap.look import THEMES
from argmap.model import Relation, RelationKind

__all__ = ["DIRECTIONS", "FLOW", "DiagramError", "DiagramOptions", "Drawing", "plan", "select"]

DIRECTIONS = ("TB", "LR", "BT", "RL")
# Relations point from the answer to the claim answered; to draw a thread flowing from its first
# claims downwards (TB), a layout must therefore run edges bottom-to-top, and so on.
FLOW = {"TB": "BT", "BT": "TB", "LR": "RL", "RL": "LR"}


@dataclass(frozen=True)
class DiagramOptions:
    """What to draw. The defaults draw the whole debate, top to bottom, in the light theme."""

    direction: str = "TB"
    theme: str = "light"
    sources: bool = False  # draw sources as nodes (otherwise a marker on each citing claim)
    focus: str | None = None  # draw only the neighbourhood of this claim ...
    depth: int = 2  # ... up to this many relations away
    speaker: str | None = None  # draw only this speaker's claims and what they answer
    unanswered_only: bool = False  # draw only unanswered claims and what they answer
    cluster_speakers: bool = False  # group each speaker's claims in a box
    # Show each claim's strength under this gradual semantics (`analyze.Semantics`: `df-quad`,
    # `quadratic-energy`, `h-categorizer`), from these base scores (`weights` or `votes`);
    # None draws no strength.
    strength: str | None = None
    base: str = "weights"


@dataclass(frozen=True)
class Drawing:
    """One diagram's content, every list in the order of the file."""

    claims: list[str]
    relations: list[Relation]  # between drawn claims, in the order the file states them
    junctions: list[str]  # drawn claims whose step to what they answer is drawn as a junction
    groups: dict[str | None, list[str]]  # speaker (None: no boxes) -> their drawn claims
    sources: list[str]  # sources drawn as nodes (with `sources`): those the drawn claims cite
    title: str
    flow: str  # the direction edges run, for the direction asked for (see `FLOW`)
    # With `DiagramOptions.strength`: each drawn claim's strength (None: not settled), and the
    # semantics and base scores it is under; otherwise None.
    strength: dict[str, float | None] | None = None
    semantics: str | None = None
    base: str = "weights"


def select(analysis: Analysis, options: DiagramOptions) -> list[str]:
    """The claims to draw, in file order."""
    debate = analysis.debate
    claims = list(debate.claims)
    if options.focus is not None:
        if options.focus not in debate.claims:
            raise DiagramError(f"no claim has the id {options.focus!r}")
        seen = {options.focus: 0}
        queue = deque([options.focus])
        while queue:
            c = queue.popleft()
            if seen[c] < options.depth:
                near = (*analysis.answers[c], *analysis.answered_by[c])
                for n in dict.fromkeys(link.id for link in near):
                    if n not in seen:
                        seen[n] = seen[c] + 1
                        queue.append(n)
        claims = [c for c in claims if c in seen]
    keep = set(claims)
    if options.speaker is not None:
        if options.speaker not in debate.speakers:
            raise DiagramError(f"no speaker is named {options.speaker!r}")
        mine = {c for c in keep if debate.claims[c].by == options.speaker}
        keep = mine | {link.id for c in mine for link in analysis.answers[c]} & keep
    if options.unanswered_only:
        quiet = set(analysis.unanswered_ids & keep)
        keep = quiet | {link.id for c in quiet for link in analysis.answers[c]} & keep
    return [c for c in claims if c in keep]


def check_options(options: DiagramOptions) -> None:
    """`DiagramError` for a direction, theme, semantics or base argmap does not know."""
    if options.direction not in FLOW:
        raise DiagramError(
            f"direction must be one of {', '.join(DIRECTIONS)}, not {options.direction!r}"
        )
    if options.theme not in THEMES:
        raise DiagramError(f"theme must be one of {', '.join(THEMES)}, not {options.theme!r}")
    if options.strength is not None and options.strength not in set(Semantics):
        raise DiagramError(
            f"strength must be one of {', '.join(Semantics)}, not {options.strength!r}"
        )
    if options.base not in set(Base):
        raise DiagramError(f"base must be one of {', '.join(Base)}, not {options.base!r}")


def plan(analysis: Analysis, options: DiagramOptions | None = None) -> Drawing:
    """What to draw of `analysis.debate` under `options`."""
    options = options or DiagramOptions()
    check_options(options)
    debate = analysis.debate
    drawn = select(analysis, options)
    shown = set(drawn)
    relations = [r for r in debate.relations if r.source in shown and r.target in shown]
    # An undercut attacks a claim's reasoning: the step from that claim to what it answers.
    # That step is drawn as a small junction the undercut can point at.
    undercut = {r.target for r in relations if r.kind is RelationKind.UNDERCUTS}
    answering = {r.source for r in relations if r.kind is not RelationKind.UNDERCUTS}
    junctions = [c for c in drawn if c in undercut and c in answering]
    groups: dict[str | None, list[str]] = {}
    for c in drawn:
        groups.setdefault(debate.claims[c].by if options.cluster_speakers else None, []).append(c)
    sources: list[str] = []
    if options.sources:
        cited = {cite.source for c in drawn for cite in debate.claims[c].cites}
        sources = [s for s in debate.sources if s in cited]
    title = debate.title
    if options.focus is not None:
        title += f" (around {options.focus}, depth {options.depth})"
    strength = semantics = None
    if options.strength is not None:
        found = analysis.strength(options.strength, options.base).strength
        strength = {c: found[c] for c in drawn}
        semantics = Semantics(options.strength).value
    return Drawing(
        drawn,
        relations,
        junctions,
        groups,
        sources,
        title,
        FLOW[options.direction],
        strength,
        semantics,
        Base(options.base).value,
    )
