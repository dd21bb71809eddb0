"""Pieces of terminal text for the reports (`argmap.render.terminal`): data from a debate as
rich `Text`, never markup, with every control character made visible (`clean`); status marks in
the look's words and the terminal's own colours; and the layout pieces the reports share."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.measure import Measurement
from rich.padding import Padding
from rich.segment import Segment
from rich.text import Text

from argmap.analyze import Status
from argmap.look import TERMINAL_RELATION, TERMINAL_STATUS
from argmap.look import mark as mark_words
from argmap.render import clean

T = TypeVar("T")


def text(value: str, style: str = "") -> Text:
    """Data from the debate as a `Text`: never markup, control characters made visible."""
    return Text(clean(value), style=style)


def line(*parts: Text | str) -> Text:
    """One `Text` from pieces; plain strings are cleaned like data."""
    out = Text()
    for part in parts:
        out.append_text(part if isinstance(part, Text) else text(part))
    return out


def mark(status: str) -> Text:
    """`✔ standing`, `✘ defeated` or `? undecided`, coloured when colour is on."""
    return text(mark_words(status), TERMINAL_STATUS[Status(status)])


def relation(kind: str) -> Text:
    return text(f"[{kind}]", TERMINAL_RELATION)


# What a change did, in `diff`: put in, taken out, or changed. The sign says it without colour.
SIGNS = {"+": "green", "-": "red", "~": "yellow"}


def change_sign(said: str) -> Text:
    """`+`, `-` or `~`, coloured when colour is on."""
    return text(said, SIGNS[said])


def preview(value: str, *parts: Text | str) -> Text:
    """One line that ends where the screen does, with `…`: `parts`, then `value` unwrapped."""
    out = line(*parts, " ".join(value.split()))
    out.no_wrap, out.overflow = True, "ellipsis"
    return out


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def cut(items: Sequence[T], limit: int | None) -> tuple[Sequence[T], int]:
    if limit is None or len(items) <= limit:
        return items, 0
    return items[:limit], len(items) - limit


def and_more(n: int, indent: int = 2) -> Text:
    return text(f"{' ' * indent}… and {n} more", "dim")


def id_list(ids: Sequence[str], limit: int | None) -> Text:
    """`a, b, c, … and 2 more`."""
    shown, more = cut(ids, limit)
    out = line(", ".join(shown))
    if more:
        out.append_text(text(f", … and {more} more", "dim"))
    return out


def indent(renderable: RenderableType, n: int = 2) -> Padding:
    return Padding(renderable, (0, 0, 0, n))


def heading(title: str) -> Text:
    return text(title, "bold")


class Trimmed:
    """A renderable without the spaces rich leaves at the end of lines (where text wraps,
    and in table cells), so output compares, copies and diffs cleanly."""

    def __init__(self, *renderables: RenderableType) -> None:
        self.renderable = Group(*renderables)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for segments in console.render_lines(self.renderable, options, pad=False):
            while segments and not segments[-1].control and not segments[-1].text.strip(" "):
                segments.pop()
            if segments and not segments[-1].control:
                last = segments[-1]
                segments[-1] = Segment(last.text.rstrip(" "), last.style)
            yield from segments
            yield Segment.line()


class Fit:
    """`wide` where it fits in the width given, `narrow` otherwise. `need` is the width `wide`
    needs; by default, its full natural width as rich measures it."""

    def __init__(self, wide: RenderableType, narrow: RenderableType, need: int | None = None):
        self.wide, self.narrow, self.need = wide, narrow, need

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        need = self.need
        if need is None:
            need = Measurement.get(console, options.update_width(10_000), self.wide).maximum
        yield self.wide if need <= options.max_width else self.narrow


# A text longer than this is laid out line by line (`Wrapped`).
LONG = 4096


class Wrapped:
    """A `Text` laid out as rich lays it out, but handed on one line at a time. Rich joins the
    wrapped lines of a `Text` into one segment, and cutting that back into lines copies the rest
    of it for each line: the square of its length, minutes for a 20 MB claim."""

    def __init__(self, text: Text) -> None:
        self.text = text

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        text = self.text
        lines = text.wrap(
            console,
            options.max_width,
            justify=text.justify or options.justify or "default",
            overflow=text.overflow or options.overflow or "fold",
            tab_size=text.tab_size or console.tab_size or 8,
            no_wrap=bool(text.no_wrap or options.no_wrap),
        )
        for one in lines:
            yield from one.render(console)
            yield Segment.line()

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self.text)


def laid_out(text: Text) -> RenderableType:
    """`text`, or for a long one (`LONG`), `Wrapped(text)`: the same lines, in linear time."""
    return Wrapped(text) if len(text) > LONG else text
