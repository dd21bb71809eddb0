"""Reports for people: each function returns a rich renderable, to print on any `Console`.

Everything is built from `rich.text.Text` (never from markup), every string from the debate goes
through `argmap.render.clean`, and no mark relies on colour alone: a status is a symbol and a
word (`✔ standing`, `✘ defeated`, `? undecided`), a relation is a word in brackets
(`[rebuts]`). In the summary, `x ← y` means "x is rebutted or undercut by y". Strengths have
two decimals; a strength that did not converge is `—`, never a number.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich import box
from rich.cells import cell_len
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from argmap.analysis import Analysis, analyse
from argmap.analyze import Base, Semantics, Status
from argmap.look import SEPARATOR, SYMBOL, TERMINAL_STATUS
from argmap.model import Debate
from argmap.render import DEFAULT_LIMIT, clean, report, shapes
from argmap.render.richtext import (
    Fit,
    Trimmed,
    and_more,
    cut,
    heading,
    id_list,
    indent,
    laid_out,
    line,
    mark,
    plural,
    preview,
    relation,
    text,
)
from argmap.render.strengths import Base_, Semantics_, strength_section
from argmap.render.threadtree import ThreadTree
from argmap.render.words import (
    acceptance_sentence,
    acceptance_words,
    provisional,
    reason,
    strength_sentence,
    two,
)

ROLES: dict[str, str] = {
    "root": "roots nobody challenged",
    "rebuttal": "rebuttals with the last word",
    "reason": "reasons nobody challenged",
    "reply": "replies not yet classified",
}


# --- summary -----------------------------------------------------------------------------------


def summary(
    debate: Debate | Analysis,
    limit: int | None = DEFAULT_LIMIT,
    semantics: Semantics_ = Semantics.DF_QUAD,
    base: Base_ = Base.WEIGHTS,
) -> RenderableType:
    """The debate on one screen: counts, statuses, what went unanswered, what was fought over,
    how strong the claims are, who said what, what rests on evidence. Each list stops at
    `limit` (None: no limit)."""
    analysis = analyse(debate)
    data = report.summary(analysis, semantics, base)
    counts = data["counts"]
    out: list[RenderableType] = [
        text(data["title"], "bold"),
        line(
            f"{plural(counts['claims'], 'claim')}, {plural(counts['speakers'], 'speaker')}, "
            f"{plural(counts['sources'], 'source')}"
        ),
        line(
            f"{plural(counts['relations'], 'relation')}: rebuts {counts['rebuts']}, "
            f"supports {counts['supports']}, undercuts {counts['undercuts']}"
            + (f", not yet classified {counts['answers']}" if counts["answers"] else "")
        ),
        line(
            "Status: ",
            *_joined(
                (
                    text(f"{SYMBOL[s]} {counts[s.value]} {s.value}", TERMINAL_STATUS[s])
                    for s in Status
                ),
                ", ",
            ),
        ),
        *_provisional(counts["answers"]),
    ]
    parts = (_undecided, _unanswered, _contested, _exchange, strength_section, _speakers, _evidence)
    for part in parts:
        section = part(data, analysis, limit)
        if section:
            out.append(Text())
            out.extend(section)
    return Trimmed(*out)


def _provisional(unclassified: int) -> list[RenderableType]:
    """The line every report ends with (the summary: begins with) while replies are
    unclassified; nothing when none are."""
    sentence = provisional(unclassified)
    return [] if sentence is None else [text(sentence, "bold yellow")]


def _joined(items: Iterable[Text], sep: str) -> list[Text]:
    out: list[Text] = []
    for item in items:
        if out:
            out.append(text(sep))
        out.append(item)
    return out


Section = list[RenderableType]


def _undecided(data: shapes.SummaryJSON, analysis: Analysis, limit: int | None) -> Section:
    undecided = [c for c in data["claims"] if c["status"] == "undecided"]
    if not undecided:
        return []
    shown, more = cut(undecided, limit)
    out: Section = [line(heading("Undecided"), " (preferred acceptance)")]
    for c in shown:
        out.append(indent(line(text(c["id"], "bold"), ": ", acceptance_words(c["acceptance"]))))
    if more:
        out.append(and_more(more))
    return out


def _unanswered(data: shapes.SummaryJSON, analysis: Analysis, limit: int | None) -> Section:
    found = report.unanswered(analysis)
    if not found:
        return [line(heading("Unanswered: "), "none; every claim is rebutted or undercut")]
    out: Section = [
        line(
            heading("Unanswered"),
            f" ({plural(len(found), 'claim')} nothing rebuts or undercuts)",
        )
    ]
    for role, words in ROLES.items():
        ids = [u["id"] for u in found if u["role"] == role]
        if ids:
            out.append(indent(line(f"{words} ({len(ids)}): ", id_list(ids, limit))))
    return out


def _contested(data: shapes.SummaryJSON, analysis: Analysis, limit: int | None) -> Section:
    contested = data["contested"]
    if not contested:
        return [line(heading("Most contested: "), "none; nothing is rebutted or undercut")]
    status = {c["id"]: c["status"] for c in data["claims"]}
    out: Section = [line(heading("Most contested"), " (x ← y: y rebuts or undercuts x)")]
    shown, more = cut(contested, limit)
    for c in shown:
        out.append(
            indent(
                line(
                    text(c["id"], "bold"), " ", mark(status[c["id"]]), " ← ",
                    id_list(c["attackers"], limit),
                )
            )
        )  # fmt: skip
    if more:
        out.append(and_more(more))
    return out


def _exchange(data: shapes.SummaryJSON, analysis: Analysis, limit: int | None) -> Section:
    if not data["exchanges"]:
        return [line(heading("Longest exchange: "), "none; nothing is rebutted or undercut")]
    chain = data["exchanges"][0]
    shown = line(" ← ".join(chain))
    head = chain[: max(limit - 1, 1)] if limit is not None else chain
    if len(chain) - len(head) > 2:  # keep where it starts and the last word
        more = len(chain) - len(head) - 1
        shown = line(" ← ".join(head), " ← ", text(f"… {more} more", "dim"), " ← ", chain[-1])
    return [line(heading("Longest exchange"), f" ({len(chain)} claims)"), indent(shown)]


def _speakers(data: shapes.SummaryJSON, analysis: Analysis, limit: int | None) -> Section:
    if not data["speakers"]:
        return [line(heading("Speakers: "), "none named")]
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, padding=(0, 1, 0, 0), header_style="bold")
    table.add_column("speaker")
    for header in ("claims", "rebuttals", "standing", "defeated", "undecided", "unanswered"):
        table.add_column(header, justify="right")
    shown, more = cut(data["speakers"], limit)
    narrow: list[RenderableType] = []
    for s in shown:
        numbers = (s["claims"], s["rebuttals"], s["standing"], s["defeated"], s["undecided"])
        table.add_row(text(s["name"]), *(str(n) for n in (*numbers, s["unanswered"])))
        narrow.append(
            line(
                text(s["name"], "bold"),
                f": {plural(s['claims'], 'claim')}, {plural(s['rebuttals'], 'rebuttal')}, "
                f"{s['standing']} standing, {s['defeated']} defeated, "
                f"{s['undecided']} undecided, {s['unanswered']} unanswered",
            )
        )
    out: Section = [heading("Speakers"), indent(Fit(table, Group(*narrow)))]
    if more:
        out.append(and_more(more))
    return out


def _evidence(data: shapes.SummaryJSON, analysis: Analysis, limit: int | None) -> Section:
    unsupported = data["unsupported"]
    out: Section = [heading("Evidence gaps")]
    if unsupported:
        out.append(
            indent(
                line(
                    f"unsupported ({len(unsupported)}, citing nothing, supported by nothing): ",
                    id_list(unsupported, limit),
                )
            )
        )
    else:
        out.append(indent(line("unsupported: none; every claim cites or has a reason")))
    sources = data["sources"]
    if not sources:
        out.append(indent(line("sources: none")))
        return out
    table = Table(box=None, padding=(0, 2, 0, 0), header_style="bold")
    table.add_column("source", no_wrap=True)
    table.add_column("standing", justify="right", no_wrap=True)
    table.add_column("citing", justify="right", no_wrap=True)
    table.add_column("title")
    shown, more = cut(sources, limit)
    narrow: list[RenderableType] = []
    for s in shown:
        about = s["title"] or s["url"] or ""
        cited = len(s["cited_by"])
        table.add_row(text(s["id"]), str(s["standing"]), str(cited), preview(about))
        narrow.append(line(text(s["id"], "bold"), f": {s['standing']} standing of {cited} citing"))
        narrow.append(indent(preview(about)))
    need = max(cell_len(clean(s["id"])) for s in shown) + 2 + 8 + 2 + 6 + 2 + 20
    out.append(indent(line("sources, with the standing claims and all claims that cite each:")))
    out.append(indent(Fit(table, Group(*narrow), need), 4))
    if more:
        out.append(and_more(more, 4))
    return out


# --- unanswered --------------------------------------------------------------------------------


def unanswered(
    debate: Debate | Analysis,
    semantics: Semantics_ = Semantics.DF_QUAD,
    base: Base_ = Base.WEIGHTS,
) -> RenderableType:
    """The claims nothing rebuts or undercuts, grouped by role, each with speaker, strength and
    text."""
    analysis = analyse(debate)
    found = report.unanswered(analysis, semantics, base)
    note = _provisional(len(analysis.unclassified))
    if not found:
        return Trimmed(line("No unanswered claims: every claim is rebutted or undercut."), *note)
    out: list[RenderableType] = [
        line(
            f"{plural(len(found), 'unanswered claim')}: nothing rebuts or undercuts "
            f"{'it' if len(found) == 1 else 'them'}"
        )
    ]
    for role, words in ROLES.items():
        mine = [u for u in found if u["role"] == role]
        if not mine:
            continue
        out += [Text(), heading(f"{words[0].upper()}{words[1:]} ({len(mine)})")]
        for u in mine:
            head = line(text(u["id"], "bold"))
            if u["by"] is not None:
                head.append_text(line(f" {SEPARATOR} ", u["by"]))
            head.append_text(line(f" {SEPARATOR} strength {two(u['strength'])}"))
            out += [indent(head), indent(laid_out(text(u["text"])), 4)]
    if note:
        out += [Text(), *note]
    return Trimmed(*out)


# --- tree --------------------------------------------------------------------------------------


def tree(
    debate: Debate | Analysis,
    semantics: Semantics_ = Semantics.DF_QUAD,
    base: Base_ = Base.WEIGHTS,
) -> RenderableType:
    """The thread as a tree: under each claim, what answers it, each with its status and
    strength (see `report.tree`)."""
    analysis = analyse(debate)
    note = _provisional(len(analysis.unclassified))
    return Trimmed(
        ThreadTree(report.tree(analysis, semantics, base)), *([Text(), *note] if note else [])
    )


# --- show --------------------------------------------------------------------------------------


def show(
    debate: Debate | Analysis,
    claim: str,
    semantics: Semantics_ = Semantics.DF_QUAD,
    base: Base_ = Base.WEIGHTS,
) -> RenderableType:
    """One claim in context: status and why, strength and what moved it, what it answers,
    what answers it, what it cites.

    Raises `argmap.analysis.UnknownClaimError` when the debate has no such claim.
    """
    data = report.show(debate, claim, semantics, base)
    head = line(text(data["id"], "bold"))
    if data["by"] is not None:
        head.append_text(line(f" {SEPARATOR} ", data["by"]))
    head.append_text(line(f" {SEPARATOR} ", mark(data["status"])))
    out: list[RenderableType] = [head]
    said = [
        *([f"at {data['at']}"] if data["at"] is not None else []),
        *([f"score {data['score']}"] if data["score"] is not None else []),
        *([data["url"]] if data["url"] is not None else []),
    ]
    if said:
        out.append(text(f" {SEPARATOR} ".join(said), "dim"))
    out += [laid_out(text(data["text"])), Text(), _why(data), Text()]
    for title, links, empty in (
        ("Answers", data["answers"], "nothing (it starts a thread)"),
        ("Answered by", data["answered_by"], "nothing"),
    ):
        if not links:
            out.append(line(heading(f"{title}: "), empty))
            continue
        out.append(heading(f"{title} ({len(links)})"))
        for link in links:
            out.append(
                preview(
                    link["text"], "  ", relation(link["relation"]), " ", mark(link["status"]),
                    " · ", text(link["id"], "bold"), ": ",
                )
            )  # fmt: skip
    out.extend(_citations(data))
    if data["tags"]:
        out.append(line(heading("Tags: "), ", ".join(data["tags"])))
    if data["note"] is not None:
        out.append(line(heading("Note: "), data["note"]))
    note = _provisional(data["unclassified"])
    if note:
        out += [Text(), *note]
    return Trimmed(*out)


def _why(data: shapes.ShowJSON) -> Text:
    out = line(heading("Why: "), reason(data))
    if data["why"] == "undecided":
        out.append_text(
            line(
                "\n",
                heading("Preferred acceptance: "),
                acceptance_sentence(data["acceptance"]),
            )
        )
    out.append_text(line("\n", heading("Strength: "), strength_sentence(data["strength"])))
    return out


def _citations(data: shapes.ShowJSON) -> list[RenderableType]:
    if not data["cites"]:
        return [line(heading("Cites: "), "nothing")]
    out: list[RenderableType] = [heading(f"Cites ({len(data['cites'])})")]
    for cite in data["cites"]:
        head = line(text(cite["source"], "bold"))
        if cite["title"] is not None:
            head.append_text(line(": ", cite["title"]))
        if cite["author"] is not None:
            head.append_text(line(" (", cite["author"], ")"))
        out.append(indent(head))
        if cite["url"] is not None:
            out.append(indent(text(cite["url"], "blue"), 4))
        if cite["quote"] is not None or cite["locator"] is not None:
            quoted = line()
            if cite["quote"] is not None:
                quoted.append_text(line("“", cite["quote"], "”"))
            if cite["locator"] is not None:
                quoted.append_text(
                    line(" (" if cite["quote"] is not None else "(", cite["locator"], ")")
                )
            out.append(indent(quoted, 4))
    return out
