"""Strength in the reports: a number as JSON gives it (6 decimals), one claim's strength for
`show` (its value, base score and what moved it), and the summary's Strength section for people.
Everything here reads `Analysis.strength` and `Analysis.disagreements`; the sentences are in
`argmap.render.words`."""

from __future__ import annotations

from typing import overload

from rich.console import RenderableType
from rich.text import Text

from argmap.analysis import Analysis
from argmap.analyze import Base, Semantics, Strengths
from argmap.look import SEPARATOR
from argmap.render import shapes
from argmap.render.richtext import heading, id_list, indent, line, mark, text
from argmap.render.shapes import ContributionJSON, StrengthJSON
from argmap.render.words import strength_basis, two

DECIMALS = 6  # strengths in JSON: enough to check the worked examples, none of float's noise

Semantics_ = Semantics | str
Base_ = Base | str


@overload
def number(value: float) -> float: ...
@overload
def number(value: None) -> None: ...
@overload
def number(value: float | None) -> float | None: ...
def number(value: float | None) -> float | None:
    """A strength (or a change in one) as JSON gives it: rounded to 6 decimals, never `-0.0`.

    >>> number(0.531250000001), number(-1e-12), number(None)
    (0.53125, 0.0, None)
    """
    return None if value is None else round(value, DECIMALS) + 0.0


def strength_of(analysis: Analysis, strengths: Strengths, claim: str) -> StrengthJSON:
    """One claim's strength, its base score and what moved it (`Strengths.contributions`)."""
    claims = analysis.debate.claims
    contributions: list[ContributionJSON] = [
        {
            "id": c.id,
            "by": claims[c.id].by,
            "relation": c.kind,
            "change": number(c.change),
        }
        for c in strengths.contributions.get(claim, ())
    ]
    value = strengths.strength[claim]
    return {
        "value": number(value),
        "base": number(strengths.base[claim]),
        "semantics": strengths.semantics.value,
        "contributions": contributions,
        "converged": value is not None,
    }


FEW = 3  # the strongest and the weakest claims the summary shows, at most


def strength_section(
    data: shapes.SummaryJSON, analysis: Analysis, limit: int | None
) -> list[RenderableType]:
    """The summary's Strength section: the semantics and base scores used, the strongest and
    the weakest claims (`Strengths.extremes`) and the claims at odds with their status
    (`Analysis.disagreements`), `FEW` of each (or `limit`, if fewer), and those without a
    strength, cut at `limit`."""
    found = data["strength"]
    strengths = analysis.strength(found["semantics"], found["base"])
    claims = {c["id"]: c for c in data["claims"]}

    def row(claim: str) -> Text:
        c = claims[claim]
        out = line(two(c["strength"]), " ", mark(c["status"]), f" {SEPARATOR} ")
        out.append_text(text(claim, "bold"))
        if c["by"] is not None:
            out.append_text(line(f" {SEPARATOR} ", c["by"]))
        return out

    out: list[RenderableType] = [
        line(heading("Strength"), f" ({strength_basis(found['semantics'], found['base'])})")
    ]
    # A few of each, so that the summary still fits one screen; the at-odds label says how
    # many there are in all, the rows show at most a few.
    few = FEW if limit is None else min(limit, FEW)
    strongest, weakest = strengths.extremes(few)
    disagree = found["disagreements"]
    lists = (
        ("strongest", strongest),
        ("weakest", weakest),
        (f"at odds ({len(disagree)})", disagree[:few]),
    )
    width = max(len(words) for words, _ in lists) + 2
    for words, ids in lists:
        for i, c in enumerate(ids):
            out.append(indent(line(f"{words if i == 0 else '':<{width}}", row(c))))
    if not disagree:
        out.append(
            indent(
                line(f"{'at odds':<{width}}none (standing below 0.50, or defeated at 0.50 or more)")
            )
        )
    unconverged = found["unconverged"]
    if unconverged:
        out.append(
            indent(
                line(
                    text(
                        f"no strength, in or after a cycle that did not settle "
                        f"({len(unconverged)}): ",
                        "bold yellow",
                    ),
                    id_list(unconverged, limit),
                )
            )
        )
    return out
