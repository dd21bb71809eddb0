"""The evidence that changed between two versions of a debate (`argmap.evidence`, part of an
`argmap.compare.Comparison`), as `argmap diff` shows it after the claims and relations: as data
for `argmap.render.changes.as_data` (the `sources` and `citations` of `DiffJSON`), and its two
sections for people, read from that data. A detail that changed shows as `field: old → new`
(`none` for a detail a version has not); an inline source, whose id (`CLAIM#N`) says only where
it stands, shows with its title and address.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import RenderableType
from rich.text import Text

from argmap.look import SEPARATOR
from argmap.render.richtext import change_sign, heading, indent, laid_out, line, relation, text
from argmap.render.shapes import (
    CitationChangesJSON,
    CitedJSON,
    DiffJSON,
    DiffSourceJSON,
    FieldChangeJSON,
    SourceChangesJSON,
)

if TYPE_CHECKING:
    from argmap.compare import Comparison
    from argmap.evidence import Cited, FieldChange
    from argmap.model import Source

Section = list[RenderableType]

# --- for tools -----------------------------------------------------------------------------------


def sources_data(c: Comparison) -> SourceChangesJSON:
    """The sources listed under `sources:` added, removed and changed."""
    return {
        "added": [_source(s) for s in c.sources_added],
        "removed": [_source(s) for s in c.sources_removed],
        "changed": [{"id": s.id, "fields": _fields_data(s.fields)} for s in c.sources_changed],
    }


def citations_data(c: Comparison) -> CitationChangesJSON:
    """The citations of claims in both versions added, removed and changed."""
    return {
        "added": [_cited(x) for x in c.citations_added],
        "removed": [_cited(x) for x in c.citations_removed],
        "changed": [
            {
                "claim": x.claim,
                "source": x.source,
                "inline": x.inline,
                "fields": _fields_data(x.fields),
            }
            for x in c.citations_changed
        ],
    }


def _source(found: Source) -> DiffSourceJSON:
    return {
        "id": found.id,
        "title": found.title,
        "url": found.url,
        "author": found.author,
        "date": found.date,
    }


def _cited(found: Cited) -> CitedJSON:
    return {
        "claim": found.claim,
        "source": found.citation.source,
        "inline": found.source.inline,
        "title": found.source.title,
        "url": found.source.url,
        "author": found.source.author,
        "date": found.source.date,
        "quote": found.citation.quote,
        "locator": found.citation.locator,
    }


def _fields_data(found: tuple[FieldChange, ...]) -> list[FieldChangeJSON]:
    return [{"field": f.field, "old": f.old, "new": f.new} for f in found]


# --- for people ----------------------------------------------------------------------------------


def sources_changed(found: DiffJSON) -> Section:
    """Sources added and removed, each with its author, date, title and address; changed, a
    line for each detail."""
    sources = found["sources"]
    out: Section = []
    for title, sign, listed in (
        ("Sources added", "+", sources["added"]),
        ("Sources removed", "-", sources["removed"]),
    ):
        if listed:
            out.append(heading(f"{title} ({len(listed)})"))
            for s in listed:
                head = line(change_sign(sign), " ", text(s["id"], "bold"))
                out += [indent(_by(head, s)), *_about(s)]
    if sources["changed"]:
        out.append(heading(f"Sources changed ({len(sources['changed'])})"))
        for c in sources["changed"]:
            out.append(indent(line(change_sign("~"), " ", text(c["id"], "bold"))))
            out += _fields(c["fields"])
    return out


def citations_changed(found: DiffJSON) -> Section:
    """Citations added and removed (`+ CLAIM [cites] SOURCE`), with the passage quoted; changed,
    a line for each detail."""
    citations = found["citations"]
    out: Section = []
    for title, sign, listed in (
        ("Citations added", "+", citations["added"]),
        ("Citations removed", "-", citations["removed"]),
    ):
        if listed:
            out.append(heading(f"{title} ({len(listed)})"))
            for c in listed:
                head = _cites(sign, c["claim"], c["source"], c["inline"])
                if c["inline"]:  # its id says only where it stands: what it is, too
                    out += [indent(_by(head, c)), *_about(c)]
                else:  # a listed source's details are its own, under Sources
                    out.append(indent(head))
                if c["quote"] is not None or c["locator"] is not None:
                    out.append(indent(_quoted(c["quote"], c["locator"]), 4))
    if citations["changed"]:
        out.append(heading(f"Citations changed ({len(citations['changed'])})"))
        for x in citations["changed"]:
            out.append(indent(_cites("~", x["claim"], x["source"], x["inline"])))
            out += _fields(x["fields"])
    return out


def _cites(sign: str, claim: str, source: str, inline: bool) -> Text:
    """`+ CLAIM [cites] SOURCE`, with `(inline)` after an inline source's id."""
    out = line(change_sign(sign), " ", claim, " ", relation("cites"), " ", source)
    if inline:
        out.append_text(line(" (inline)"))
    return out


def _by(head: Text, source: DiffSourceJSON | CitedJSON) -> Text:
    """`head`, then the source's author and date, when it has them."""
    for said in (source["author"], source["date"]):
        if said is not None:
            head.append_text(line(f" {SEPARATOR} ", said))
    return head


def _about(source: DiffSourceJSON | CitedJSON) -> Section:
    """A source's title and address, each on a line of its own under its head."""
    out: Section = []
    if source["title"] is not None:
        out.append(indent(laid_out(text(source["title"])), 4))
    if source["url"] is not None:
        out.append(indent(text(source["url"], "blue"), 4))
    return out


def _quoted(quote: str | None, locator: str | None) -> Text:
    """`“quote” (locator)`, as `show` gives a citation's passage."""
    out = Text()
    if quote is not None:
        out.append_text(line("“", quote, "”"))
    if locator is not None:
        out.append_text(line(" (" if quote is not None else "(", locator, ")"))
    return out


def _fields(changes: list[FieldChangeJSON]) -> Section:
    """Each detail that changed, `field: old → new` (`none` for a detail a version has not)."""

    def value(field: str, said: str | None) -> Text:
        if said is None:
            return line("none")
        return line("“", said, "”") if field == "quote" else line(said)

    return [
        indent(
            line(
                f"{f['field']}: ", value(f["field"], f["old"]), " → ", value(f["field"], f["new"])
            ),
            4,
        )
        for f in changes
    ]
