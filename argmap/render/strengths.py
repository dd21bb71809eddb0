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
from argmap.render.richtext import and_more, cut, heading, id_list, indent, line, mark, text
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


def strength_section(
    data: shapes.SummaryJSON, analysis: Analysis, limit: int | None
) -> list[RenderableType]:
    """The summary's Strength section: the semantics and base scores used, the strongest and
    the weakest claims (`Strengths.extremes`), the claims at odds with their status
    (`Analysis.disagreements`) and those without a strength, each list cut at `limit`."""
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
    strongest, weakest = strengths.extremes(limit)
    for words, ids in (("strongest", strongest), ("weakest", weakest)):
        if ids:
            out.append(indent(line(words)))
            out.extend(indent(row(c), 4) for c in ids)
    rule = "standing < 0.50, defeated ≥ 0.50"  # analyze.disagreements
    disagree = found["disagreements"]
    if disagree:
        out.append(indent(line(f"at odds with their status ({len(disagree)}; {rule})")))
        shown, more = cut(disagree, limit)
        out.extend(indent(row(c), 4) for c in shown)
        if more:
            out.append(and_more(more, 4))
    else:
        out.append(indent(line(f"at odds with their status ({rule}): none")))
    unconverged = found["unconverged"]
    if unconverged:
        out.append(
            indent(
                line(
                    text(f"no strength ({len(unconverged)}", "bold yellow"),
                    text(
                        ": in, or after, a cycle that did not settle within the bounds): ",
                        "bold yellow",
                    ),
                    id_list(unconverged, limit),
                )
            )
        )
    return out
