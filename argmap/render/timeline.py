"""`argmap timeline` for people: the debate replayed in time order, as a rich renderable.

One line per claim as it arrives: the time (UTC; a heading each time the date changes), the
speaker, the claim, what it answers, and after a colon every status its arrival changed:

    22:23  cy cy-1 rebuts bo-1.q1: bo-1.q1 ✔ standing → ✘ defeated

Everything from the debate goes through `clean_line` (each arrival stays one line, wrapped),
as in the other reports.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.segment import Segment
from rich.text import Text

from argmap.analysis import Analysis, Step, analyse
from argmap.analyze import Status
from argmap.model import Debate
from argmap.render import clean_line
from argmap.render.richtext import Trimmed, heading, line, mark, plural, text
from argmap.render.words import provisional


def timeline(debate: Debate | Analysis) -> RenderableType:
    """Each arrival and every status it changed, in time order (`Analysis.timeline`)."""
    analysis = analyse(debate)
    steps = analysis.timeline
    changed = sum(len(s.changes) for s in steps)
    seconds = any(s.at is not None and (s.at.second or s.at.microsecond) for s in steps)
    # Without a time of day anywhere (dates alone, as an import of a copied page gives), the
    # headings say all there is: no clock column, rather than 00:00 on every line.
    clocks = any(s.at is not None and not s.day for s in steps)
    head: list[RenderableType] = [
        text(analysis.debate.title, "bold"),
        line(
            f"Replayed in time order (UTC): {plural(len(steps), 'claim')} arrived, "
            f"{plural(changed, 'status change')}"
        ),
    ]
    out: list[RenderableType] = [Trimmed(*head)]
    day: object = ()  # no heading yet
    lines: list[Text] = []
    marks = {s: mark(s.value) for s in Status}
    by = {c.id: None if c.by is None else clean_line(c.by) for c in analysis.debate.claims.values()}
    for step in steps:
        today = None if step.at is None else step.at.date()
        if today != day:
            day = today
            lines = []
            out += [Text(), heading("From the start" if today is None else today.isoformat())]
            out.append(Lines(lines))
        clock = _clock(step, seconds) if clocks else None
        lines.append(_arrival(step, by[step.claim], clock, marks))
    note = provisional(len(analysis.unclassified))
    if note is not None:
        out += [Text(), Trimmed(text(note, "bold yellow"))]
    return Group(*out)


class Lines:
    """Lines of text, indented by two, each wrapped under its own start after the time (a
    hanging indent), laid out one at a time: a table, or rich's own wrapping of the whole,
    would take seconds over 10,000 lines."""

    INDENT = 2

    def __init__(self, lines: list[Text]) -> None:
        self.lines = lines

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = max(options.max_width - self.INDENT, 1)
        pad = Segment(" " * self.INDENT)
        for one in self.lines:
            plain = one.plain
            if cell_len(plain) <= width:
                yield pad
                yield from one.render(console)
                yield Segment.line()
                continue
            hang = min(plain.index("  ") + 2 if "  " in plain else 0, width // 2)
            first = one.wrap(console, width, overflow="fold")[0]
            first.rstrip()
            yield pad
            yield from first.render(console)
            yield Segment.line()
            start = len(first.plain)
            while start < len(plain) and plain[start] == " ":
                start += 1
            for piece in one[start:].wrap(console, width - hang, overflow="fold"):
                piece.rstrip()
                yield Segment(" " * (self.INDENT + hang))
                yield from piece.render(console)
                yield Segment.line()


def moment_line(analysis: Analysis, step: Step) -> str:
    """One arrival in plain words, dated: what the HTML map's timeline says of a moment.

    >>> from argmap import loads
    >>> a = analyse(loads("title: T\\nclaims:\\n  a: {text: A, at: '2023-07-14T09:30:00Z'}\\n"
    ...                   "  b: {text: B, by: Bo, rebuts: a, at: '2023-07-14T10:00:00Z'}\\n"))
    >>> moment_line(a, a.timeline[1])
    '2023-07-14 10:00:00  Bo b rebuts a: a ✔ standing → ✘ defeated'
    """
    by = analysis.debate.claims[step.claim].by
    clock = (
        "from the start"
        if step.at is None
        else step.at.strftime("%Y-%m-%d" if step.day else "%Y-%m-%d %H:%M:%S")
    )
    marks = {s: mark(s.value) for s in Status}
    return _arrival(step, None if by is None else clean_line(by), clock, marks).plain


def _clock(step: Step, seconds: bool) -> str:
    """The time of day of an arrival, `--:--` from the start, `(day)` for a date alone."""
    width = 8 if seconds else 5
    if step.at is None:
        return "--:--:--" if seconds else "--:--"
    if step.day:
        return "(day)".ljust(width)
    return step.at.strftime("%H:%M:%S" if seconds else "%H:%M")


def _arrival(step: Step, by: str | None, clock: str | None, marks: dict[Status, Text]) -> Text:
    """`22:23  cy cy-1 rebuts bo-1.q1: bo-1.q1 ✔ standing → ✘ defeated`; without `clock`, from
    the speaker on."""
    out = Text()
    if clock is not None:
        out.append(clock, "dim")
        out.append("  ")
    if by is not None:
        out.append(by + " ")
    out.append(clean_line(step.claim), "bold")
    if not step.timed:
        out.append(" (no time of its own)", "dim")
    if step.status is not Status.STANDING:
        out.append(" arrives ")
        out.append_text(marks[step.status])
    for i, r in enumerate(step.relations):
        out.append(", " if i else " ")
        if r.source == step.claim:
            out.append(f"{r.kind.value} {clean_line(r.target)}")
        else:
            out.append(f"{r.kind.passive} by {clean_line(r.source)}")
    for i, change in enumerate(step.changes):
        out.append("; " if i else ": ")
        out.append(clean_line(change.claim), "bold")
        out.append(" ")
        out.append_text(marks[change.before])
        out.append(" → ")
        out.append_text(marks[change.after])
    return out
