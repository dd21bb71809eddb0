"""Holding a debate to the outcomes written in its `expect:` block."""

from __future__ import annotations

from argmap.analyze import Labelling, Status, label, unanswered
from argmap.errors import Diagnostic, quote
from argmap.model import Debate

_VERB = {
    "standing": "to stand",
    "defeated": "to be defeated",
    "undecided": "to be undecided",
    "unanswered": "to go unanswered",
}


def verify(debate: Debate) -> list[Diagnostic]:
    """One `expectation-failed` diagnostic per claim the analysis places differently.

    A listed claim that does not have the outcome is reported at its place in the list; a claim
    that has the outcome but is not listed is reported at the list's key.
    """
    labelling = label(debate)
    not_answered = {u.id for u in unanswered(debate)}
    actual: dict[str, set[str]] = {s.value: set(labelling.of(s)) for s in Status}
    actual["unanswered"] = not_answered
    out = []
    for e in debate.expectations:
        have = actual[e.outcome]
        for ident, (line, column) in zip(e.ids, e.positions, strict=True):
            if ident not in have:
                out.append(
                    Diagnostic(
                        "expectation-failed",
                        f"{quote(ident)} is expected {_VERB[e.outcome]}, but "
                        + _actual(ident, labelling, not_answered),
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


def _actual(ident: str, labelling: Labelling, not_answered: set[str]) -> str:
    status = labelling.status[ident]
    if status is Status.DEFEATED:
        by = ", ".join(quote(d) for d in labelling.defeaters(ident))
        text = f"it is defeated by {by}"
    else:
        text = f"it is {status.value}"
    attackers = labelling.attackers[ident]
    if ident in not_answered:
        text += " and unanswered"
    elif status is not Status.DEFEATED:
        text += f" and answered by {', '.join(quote(a) for a in attackers)}"
    return text
