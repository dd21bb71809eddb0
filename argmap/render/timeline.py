"""`argmap timeline` for people: the debate replayed in time order, as a rich renderable.

One line per claim as it arrives: the time (UTC; a heading each time the date changes), the
speaker, the claim, what it answers, and after a colon every status its arrival changed:

    22:23  cy cy-1 rebuts bo-1.q1: bo-1.q1 ✔ standing → ✘ defeated

Everything from the debate goes through `clean` (via `richtext`), as in the other reports.
"""

from __future__ import annotations

from datetime import datetime

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from argmap.analysis import Analysis, Step, analyse
from argmap.analyze import Status
from argmap.model import Debate
from argmap.render.richtext import Trimmed, heading, indent, line, mark, plural, text
from argmap.render.words import provisional


def timeline(debate: Debate | Analysis) -> RenderableType:
    """Each arrival and every status it changed, in time order (`Analysis.timeline`)."""
    analysis = analyse(debate)
    steps = analysis.timeline
    changed = sum(len(s.changes) for s in steps)
    seconds = any(s.at is not None and (s.at.second or s.at.microsecond) for s in steps)
    out: list[RenderableType] = [
        text(analysis.debate.title, "bold"),
        line(
            f"Replayed in time order (UTC): {plural(len(steps), 'claim')} arrived, "
            f"{plural(changed, 'status change')}"
        ),
    ]
    day: object = ()  # no heading yet
    grid = Table.grid()
    for step in steps:
        today = None if step.at is None else step.at.date()
        if today != day:
            day = today
            grid = Table.grid(padding=(0, 2, 0, 0))
            grid.add_column(no_wrap=True)
            grid.add_column()
            out += [Text(), heading("From the start" if today is None else today.isoformat())]
            out.append(indent(grid))
        grid.add_row(text(_clock(step.at, seconds), "dim"), _arrival(step, analysis))
    note = provisional(len(analysis.unclassified))
    if note is not None:
        out += [Text(), text(note, "bold yellow")]
    return Trimmed(*out)


def _clock(at: datetime | None, seconds: bool) -> str:
    if at is None:
        return "--:--:--" if seconds else "--:--"
    return at.strftime("%H:%M:%S" if seconds else "%H:%M")


def _arrival(step: Step, analysis: Analysis) -> Text:
    """`cy cy-1 rebuts bo-1.q1: bo-1.q1 ✔ standing → ✘ defeated`."""
    by = analysis.debate.claims[step.claim].by
    out = Text()
    if by is not None:
        out.append_text(line(by, " "))
    out.append_text(text(step.claim, "bold"))
    if not step.timed:
        out.append_text(text(" (no time of its own)", "dim"))
    if step.status is not Status.STANDING:
        out.append_text(line(" arrives ", mark(step.status.value)))
    said: list[Text] = []
    for r in step.relations:
        if r.source == step.claim:
            said.append(line(r.kind.value, " ", r.target))
        else:
            said.append(line(f"{r.kind.passive} by ", r.source))
    for i, one in enumerate(said):
        out.append_text(line(", " if i else " ", one))
    for i, change in enumerate(step.changes):
        out.append_text(
            line(
                "; " if i else ": ", text(change.claim, "bold"), " ",
                mark(change.before.value), " → ", mark(change.after.value),
            )
        )  # fmt: skip
    return out
