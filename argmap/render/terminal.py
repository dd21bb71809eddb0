"""Reports for people: each function returns a rich renderable, to print on any `Console`.

Everything is built from `rich.text.Text` (never from markup), every string from the debate goes
through `argmap.render.clean`, and no mark relies on colour alone: a status is a symbol and a
word (`✔ standing`, `✘ defeated`, `? undecided`), a relation is a word in brackets
(`[rebuts]`). In the summary, `x ← y` means "x is rebutted or undercut by y".
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TypeVar

from rich import box
from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.measure import Measurement
from rich.padding import Padding
from rich.segment import Segment
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from argmap.analyze import Labelling
from argmap.model import Debate
from argmap.render import DEFAULT_LIMIT, clean, report
from argmap.render.report import NodeJSON, acceptance_words

T = TypeVar("T")


MARKS: dict[str, tuple[str, str]] = {
    "standing": ("✔", "green"),
    "defeated": ("✘", "red"),
    "undecided": ("?", "yellow"),
}

ROLES: dict[str, str] = {
    "root": "roots nobody challenged",
    "rebuttal": "rebuttals with the last word",
    "reason": "reasons nobody challenged",
}


# --- pieces ------------------------------------------------------------------------------------


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
    symbol, colour = MARKS[status]
    return text(f"{symbol} {status}", colour)


def relation(kind: str) -> Text:
    return text(f"[{kind}]", "cyan")


def preview(value: str, *parts: Text | str) -> Text:
    """One line that ends where the screen does, with `…`: `parts`, then `value` unwrapped."""
    out = line(*parts, " ".join(value.split()))
    out.no_wrap, out.overflow = True, "ellipsis"
    return out


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _cut(items: Sequence[T], limit: int | None) -> tuple[Sequence[T], int]:
    if limit is None or len(items) <= limit:
        return items, 0
    return items[:limit], len(items) - limit


def _more(n: int, indent: int = 2) -> Text:
    return text(f"{' ' * indent}… and {n} more", "dim")


def _ids(ids: Sequence[str], limit: int | None) -> Text:
    """`a, b, c, … and 2 more`."""
    shown, more = _cut(ids, limit)
    out = line(", ".join(shown))
    if more:
        out.append_text(text(f", … and {more} more", "dim"))
    return out


def _indent(renderable: RenderableType, n: int = 2) -> Padding:
    return Padding(renderable, (0, 0, 0, n))


def _heading(title: str) -> Text:
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


# --- summary -----------------------------------------------------------------------------------


def summary(
    debate: Debate, limit: int | None = DEFAULT_LIMIT, labelling: Labelling | None = None
) -> RenderableType:
    """The debate on one screen: counts, statuses, what went unanswered, what was fought over,
    who said what, what rests on evidence. Each list stops at `limit` (None: no limit)."""
    data = report.summary(debate, labelling)
    counts = data["counts"]
    out: list[RenderableType] = [
        text(data["title"], "bold"),
        line(
            f"{_plural(counts['claims'], 'claim')}, {_plural(counts['speakers'], 'speaker')}, "
            f"{_plural(counts['sources'], 'source')}"
        ),
        line(
            f"{_plural(counts['relations'], 'relation')}: rebuts {counts['rebuts']}, "
            f"supports {counts['supports']}, undercuts {counts['undercuts']}"
        ),
        line(
            "Status: ",
            *_joined(
                (
                    text(f"{MARKS[s][0]} {n} {s}", MARKS[s][1])
                    for s, n in (
                        ("standing", counts["standing"]),
                        ("defeated", counts["defeated"]),
                        ("undecided", counts["undecided"]),
                    )
                ),
                ", ",
            ),
        ),
    ]
    for part in (_undecided, _unanswered, _contested, _exchange, _speakers, _evidence):
        section = part(data, debate, limit)
        if section:
            out.append(Text())
            out.extend(section)
    return Trimmed(*out)


def _joined(items: Iterable[Text], sep: str) -> list[Text]:
    out: list[Text] = []
    for item in items:
        if out:
            out.append(text(sep))
        out.append(item)
    return out


Section = list[RenderableType]


def _undecided(data: report.SummaryJSON, debate: Debate, limit: int | None) -> Section:
    undecided = [c for c in data["claims"] if c["status"] == "undecided"]
    if not undecided:
        return []
    shown, more = _cut(undecided, limit)
    out: Section = [line(_heading("Undecided"), " (preferred acceptance)")]
    for c in shown:
        out.append(_indent(line(text(c["id"], "bold"), ": ", acceptance_words(c["acceptance"]))))
    if more:
        out.append(_more(more))
    return out


def _unanswered(data: report.SummaryJSON, debate: Debate, limit: int | None) -> Section:
    found = report.unanswered(debate)
    if not found:
        return [line(_heading("Unanswered: "), "none; every claim is rebutted or undercut")]
    out: Section = [
        line(
            _heading("Unanswered"),
            f" ({_plural(len(found), 'claim')} nothing rebuts or undercuts)",
        )
    ]
    for role, words in ROLES.items():
        ids = [u["id"] for u in found if u["role"] == role]
        if ids:
            out.append(_indent(line(f"{words} ({len(ids)}): ", _ids(ids, limit))))
    return out


def _contested(data: report.SummaryJSON, debate: Debate, limit: int | None) -> Section:
    contested = data["contested"]
    if not contested:
        return [line(_heading("Most contested: "), "none; nothing is rebutted or undercut")]
    status = {c["id"]: c["status"] for c in data["claims"]}
    out: Section = [line(_heading("Most contested"), " (x ← y: y rebuts or undercuts x)")]
    shown, more = _cut(contested, limit)
    for c in shown:
        out.append(
            _indent(
                line(
                    text(c["id"], "bold"), " ", mark(status[c["id"]]), " ← ",
                    _ids(c["attackers"], limit),
                )
            )
        )  # fmt: skip
    if more:
        out.append(_more(more))
    return out


def _exchange(data: report.SummaryJSON, debate: Debate, limit: int | None) -> Section:
    if not data["exchanges"]:
        return [line(_heading("Longest exchange: "), "none; nothing is rebutted or undercut")]
    chain = data["exchanges"][0]
    shown = line(" ← ".join(chain))
    head = chain[: max(limit - 1, 1)] if limit is not None else chain
    if len(chain) - len(head) > 2:  # keep where it starts and the last word
        more = len(chain) - len(head) - 1
        shown = line(" ← ".join(head), " ← ", text(f"… {more} more", "dim"), " ← ", chain[-1])
    return [line(_heading("Longest exchange"), f" ({len(chain)} claims)"), _indent(shown)]


def _speakers(data: report.SummaryJSON, debate: Debate, limit: int | None) -> Section:
    if not data["speakers"]:
        return [line(_heading("Speakers: "), "none named")]
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, padding=(0, 1, 0, 0), header_style="bold")
    table.add_column("speaker")
    for header in ("claims", "rebuttals", "standing", "defeated", "undecided", "unanswered"):
        table.add_column(header, justify="right")
    shown, more = _cut(data["speakers"], limit)
    narrow: list[RenderableType] = []
    for s in shown:
        numbers = (s["claims"], s["rebuttals"], s["standing"], s["defeated"], s["undecided"])
        table.add_row(text(s["name"]), *(str(n) for n in (*numbers, s["unanswered"])))
        narrow.append(
            line(
                text(s["name"], "bold"),
                f": {_plural(s['claims'], 'claim')}, {_plural(s['rebuttals'], 'rebuttal')}, "
                f"{s['standing']} standing, {s['defeated']} defeated, "
                f"{s['undecided']} undecided, {s['unanswered']} unanswered",
            )
        )
    out: Section = [_heading("Speakers"), _indent(Fit(table, Group(*narrow)))]
    if more:
        out.append(_more(more))
    return out


def _evidence(data: report.SummaryJSON, debate: Debate, limit: int | None) -> Section:
    unsupported = data["unsupported"]
    out: Section = [_heading("Evidence gaps")]
    if unsupported:
        out.append(
            _indent(
                line(
                    f"unsupported ({len(unsupported)}, citing nothing, supported by nothing): ",
                    _ids(unsupported, limit),
                )
            )
        )
    else:
        out.append(_indent(line("unsupported: none; every claim cites or has a reason")))
    sources = data["sources"]
    if not sources:
        out.append(_indent(line("sources: none")))
        return out
    table = Table(box=None, padding=(0, 2, 0, 0), header_style="bold")
    table.add_column("source", no_wrap=True)
    table.add_column("standing", justify="right", no_wrap=True)
    table.add_column("citing", justify="right", no_wrap=True)
    table.add_column("title")
    shown, more = _cut(sources, limit)
    narrow: list[RenderableType] = []
    for s in shown:
        about = s["title"] or s["url"] or ""
        cited = len(s["cited_by"])
        table.add_row(text(s["id"]), str(s["standing"]), str(cited), preview(about))
        narrow.append(line(text(s["id"], "bold"), f": {s['standing']} standing of {cited} citing"))
        narrow.append(_indent(preview(about)))
    need = max(cell_len(clean(s["id"])) for s in shown) + 2 + 8 + 2 + 6 + 2 + 20
    out.append(_indent(line("sources, with the standing claims and all claims that cite each:")))
    out.append(_indent(Fit(table, Group(*narrow), need), 4))
    if more:
        out.append(_more(more, 4))
    return out


# --- unanswered --------------------------------------------------------------------------------


def unanswered(debate: Debate) -> RenderableType:
    """The claims nothing rebuts or undercuts, grouped by role, each with speaker and text."""
    found = report.unanswered(debate)
    if not found:
        return Trimmed(line("No unanswered claims: every claim is rebutted or undercut."))
    out: list[RenderableType] = [
        line(
            f"{_plural(len(found), 'unanswered claim')}: nothing rebuts or undercuts "
            f"{'it' if len(found) == 1 else 'them'}"
        )
    ]
    for role, words in ROLES.items():
        mine = [u for u in found if u["role"] == role]
        if not mine:
            continue
        out += [Text(), _heading(f"{words[0].upper()}{words[1:]} ({len(mine)})")]
        for u in mine:
            head = line(text(u["id"], "bold"))
            if u["by"] is not None:
                head.append_text(line(" · ", u["by"]))
            out += [_indent(head), _indent(text(u["text"]), 4)]
    return Trimmed(*out)


# --- tree --------------------------------------------------------------------------------------


def tree(debate: Debate, labelling: Labelling | None = None) -> RenderableType:
    """The thread as a tree: under each claim, what answers it (see `report.tree`)."""
    return Trimmed(ThreadTree(report.tree(debate, labelling)))


class ThreadTree:
    """A `report.tree` as rich trees, fitted to the width it is given.

    Each level of a tree indents by 4 columns; where the claims under a node would be left
    fewer than `min_label` columns, they go to a tree of their own further down, headed by
    that node (`↓ continued below` marks the place), so deep threads stay readable on
    narrow screens.
    """

    GUIDE = 4  # the width of one level of rich's tree guides

    def __init__(self, data: report.TreeJSON, min_label: int = 24) -> None:
        self.data = data
        self.min_label = min_label

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        deepest = max(1, (options.max_width - self.min_label) // self.GUIDE)
        later: list[NodeJSON] = []
        top = Tree(text(self.data["title"], "bold"), guide_style="dim")
        self._grow(top, self.data["roots"], deepest, later)
        yield top
        for node in later:  # grows as it goes
            yield Text()
            head = line("↓ ", mark(node["status"]), " · ", text(node["id"], "bold"))
            if node["by"] is not None:
                head.append_text(line(" · ", node["by"]))
            head.append_text(line(" (continued)"))
            sub = Tree(head, guide_style="dim")
            self._grow(sub, node["children"], deepest, later)
            yield sub

    @staticmethod
    def _grow(top: Tree, nodes: list[NodeJSON], deepest: int, later: list[NodeJSON]) -> None:
        todo = [(top, node, 1) for node in nodes]
        for parent, node, depth in todo:  # grows as it goes: breadth first keeps siblings in order
            branch = parent.add(_node_label(node))
            if not node["children"]:
                continue
            if depth < deepest:
                todo.extend((branch, child, depth + 1) for child in node["children"])
            else:
                branch.add(text("↓ continued below", "dim"))
                later.append(node)


def _node_label(node: NodeJSON) -> Text:
    """`[rebuts] ✘ defeated · id · speaker`, then the text; the relation and the status come
    first, so they line up under each other and never wrap apart."""
    out = Text()
    if node["relation"] is not None:
        out.append_text(line(relation(node["relation"]), " "))
    out.append_text(mark(node["status"]))
    if node["ref"]:
        out.append_text(line(" · ↪ see ", text(node["id"], "bold")))
        return out
    out.append_text(line(" · ", text(node["id"], "bold")))
    if node["by"] is not None:
        out.append_text(line(" · ", node["by"]))
    if node["cycle"]:
        out.append_text(line(" · ", text("↻ in a cycle", "magenta")))
    out.append_text(line("\n", node["text"]))
    return out


# --- show --------------------------------------------------------------------------------------


def show(debate: Debate, claim: str, labelling: Labelling | None = None) -> RenderableType:
    """One claim in context: status and why, what it answers, what answers it, what it cites.

    Raises `argmap.render.UnknownClaimError` when the debate has no such claim.
    """
    data = report.show(debate, claim, labelling)
    head = line(text(data["id"], "bold"))
    if data["by"] is not None:
        head.append_text(line(" · ", data["by"]))
    head.append_text(line(" · ", mark(data["status"])))
    out: list[RenderableType] = [head, text(data["text"]), Text(), _why(data), Text()]
    for title, links, empty in (
        ("Answers", data["answers"], "nothing (it starts a thread)"),
        ("Answered by", data["answered_by"], "nothing"),
    ):
        if not links:
            out.append(line(_heading(f"{title}: "), empty))
            continue
        out.append(_heading(f"{title} ({len(links)})"))
        for link in links:
            out.append(
                preview(
                    link["text"], "  ", relation(link["relation"]), " ", mark(link["status"]),
                    " · ", text(link["id"], "bold"), ": ",
                )
            )  # fmt: skip
    out.extend(_citations(data))
    if data["tags"]:
        out.append(line(_heading("Tags: "), ", ".join(data["tags"])))
    if data["note"] is not None:
        out.append(line(_heading("Note: "), data["note"]))
    return Trimmed(*out)


def _why(data: report.ShowJSON) -> Text:
    out = line(_heading("Why: "), report.reason(data))
    if data["why"] == "undecided":
        out.append_text(
            line(
                "\n",
                _heading("Preferred acceptance: "),
                report.acceptance_sentence(data["acceptance"]),
            )
        )
    return out


def _citations(data: report.ShowJSON) -> list[RenderableType]:
    if not data["cites"]:
        return [line(_heading("Cites: "), "nothing")]
    out: list[RenderableType] = [_heading(f"Cites ({len(data['cites'])})")]
    for cite in data["cites"]:
        head = line(text(cite["source"], "bold"))
        if cite["title"] is not None:
            head.append_text(line(": ", cite["title"]))
        if cite["author"] is not None:
            head.append_text(line(" (", cite["author"], ")"))
        out.append(_indent(head))
        if cite["url"] is not None:
            out.append(_indent(text(cite["url"], "blue"), 4))
        if cite["quote"] is not None or cite["locator"] is not None:
            quoted = line()
            if cite["quote"] is not None:
                quoted.append_text(line("“", cite["quote"], "”"))
            if cite["locator"] is not None:
                quoted.append_text(
                    line(" (" if cite["quote"] is not None else "(", cite["locator"], ")")
                )
            out.append(_indent(quoted, 4))
    return out
