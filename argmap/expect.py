"""Holding a debate to the outcomes written in its `expect:` block.

The outcomes are read from the debate's `Analysis`, as every view reads them: what `expect:` is
held to is exactly what `argmap summary` and `argmap show` say.
"""

from __future__ import annotations

from collections.abc import Set

from argmap.analysis import Analysis, Status, analyse
from argmap.errors import Diagnostic, quote
from argmap.model import Debate

_VERB = {
    "standing": "to stand",
    "defeated": "to be defeated",
    "undecided": "to be undecided",
    "unanswered": "to go unanswered",
}


def verify(analysis: Analysis | Debate) -> list[Diagnostic]:
    """One `expectation-failed` diagnostic per claim the analysis places differently.

    A listed claim that does not have the outcome is reported at its place in the list; a claim
    that has the outcome but is not listed is reported at the list's key. Given a `Debate`, it
    is analysed first (as the importers do, to see whether an `expect:` block still holds).
    """
    analysis = analyse(analysis)
    debate = analysis.debate
    actual: dict[str, Set[str]] = {s.value: set(analysis.of(s)) for s in Status}
    actual["unanswered"] = analysis.unanswered_ids
    out = []
    for e in debate.expectations:
        have = actual[e.outcome]
        for ident, (line, column) in zip(e.ids, e.positions, strict=True):
            if ident not in have:
                out.append(
                    Diagnostic(
                        "expectation-failed",
                        f"{quote(ident)} is expected {_VERB[e.outcome]}, but "
                        + _actual(ident, analysis),
                        debate.file,
                        line,
                        column,
                        f"see why with `argmap show {debate.file} {ident}`; if the file is "
                        f"right, remove {quote(ident)} from 'expect.{e.outcome}'",
                        f"expect.{e.outcome}",
                    )
                )
        listed = set(e.ids)
        for ident in debate.claims:
            if ident in have and ident not in listed:
                out.append(
                    Diagnostic(
                        "expectation-failed",
                        f"{quote(ident)} is {e.outcome} but not listed under 'expect.{e.outcome}'",
                        debate.file,
                        e.line,
                        e.column,
                        f"add {quote(ident)} to the list, or see why with "
                        f"`argmap show {debate.file} {ident}`",
                        f"expect.{e.outcome}",
                    )
                )
    return out


def _actual(ident: str, analysis: Analysis) -> str:
    """Where the analysis places `ident`, and what answers it."""
    status = analysis.status[ident]
    if status is Status.DEFEATED:
        text = f"it is defeated by {', '.join(quote(d) for d in analysis.defeaters[ident])}"
    else:
        text = f"it is {status.value}"
    if ident in analysis.unanswered_ids:
        text += " and unanswered"
    elif status is not Status.DEFEATED:
        text += f" and answered by {', '.join(quote(a) for a in analysis.attackers[ident])}"
    return text
