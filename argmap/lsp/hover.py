"""Hover: what argmap knows of the name under the cursor, in the words `argmap show` uses.

On a claim id (where it is defined or referred to): its text, speaker and status, the
sentence that says why (`render.words.reason`, which `show` prints after "Why:"), what it
answers and what answers it. On a speaker: their claims and tally, as the summary counts them.
On a source: its title, address and the claims that cite it. Everything comes from the
analysis (`render.report.show`, `Analysis.speakers`, `Analysis.sources`); nothing is worked
out here. Names and texts are the file's own, so each is escaped for Markdown.
"""

from __future__ import annotations

import re

from lsprotocol import types as lsp

from argmap.analysis import Analysis
from argmap.look import mark
from argmap.lsp.document import DebateDocument
from argmap.lsp.index import Kind, Occurrence
from argmap.lsp.text import word_at
from argmap.render import clean, report
from argmap.render.shapes import LinkJSON
from argmap.render.words import and_list, provisional, reason

_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~&])")


def escape(text: str) -> str:
    r"""`text` as Markdown shows it literally: control characters made visible as a terminal
    shows them (`render.clean`), every character Markdown gives a meaning to escaped, and line
    breaks made spaces.

    >>> escape("*not* <b>bold</b> [x](y)")
    '\\*not\\* \\<b\\>bold\\</b\\> \\[x\\]\\(y\\)'
    """
    return _MARKDOWN.sub(r"\\\1", " ".join(clean(text).split()))


def code(name: str) -> str:
    """A claim or source id in backticks (ids hold no backtick), or an escaped name."""
    return f"`{name}`" if "`" not in name and name.strip() == name and name else escape(name)


def hover(doc: DebateDocument, position: lsp.Position) -> lsp.Hover | None:
    offset = doc.lines.offset(position)
    found = doc.index.at(offset) if doc.index.ok else _guess(doc, offset)
    if found is None:
        return None
    text = _words(doc, found)
    if text is None:
        return None
    return lsp.Hover(
        contents=lsp.MarkupContent(kind=lsp.MarkupKind.Markdown, value=text),
        range=doc.lines.range(found.start, found.end),
    )


def _guess(doc: DebateDocument, offset: int) -> Occurrence | None:
    """In text that is not YAML yet, the claim or source id under the cursor, if the last
    analysis knows one by that word."""
    word = word_at(doc.text, offset)
    if word is None or doc.analysis is None:
        return None
    name = doc.text[word[0] : word[1]]
    debate = doc.analysis.debate
    kind = Kind.CLAIM if name in debate.claims else Kind.SOURCE if name in debate.sources else None
    return None if kind is None else Occurrence(kind, name, word[0], word[1], False, "")


def _words(doc: DebateDocument, found: Occurrence) -> str | None:
    analysis = doc.analysis
    if found.kind is Kind.CLAIM:
        return claim_words(analysis, found.name)
    if found.kind is Kind.SPEAKER:
        return speaker_words(analysis, found.name)
    return source_words(analysis, found.name)


def _stale(what: str) -> str:
    return f"{what}: not known until the file passes `argmap check`."


def claim_words(analysis: Analysis | None, claim_id: str) -> str:
    """A claim as `show` tells it, as Markdown."""
    if analysis is None or claim_id not in analysis.debate.claims:
        return f"**{code(claim_id)}**\n\n" + _stale("Its status")
    data = report.show(analysis, claim_id)
    head = f"**{code(claim_id)}**"
    if data["by"]:
        head += f" · {escape(data['by'])}"
    head += f" · {mark(data['status'])}"
    parts = [head, escape(data["text"]), f"Why: {escape(reason(data))}"]
    if data["answers"]:
        parts.append("Answers: " + _links(data["answers"], status=False))
    if data["answered_by"]:
        parts.append("Answered by: " + _links(data["answered_by"], status=True))
    said = provisional(data["unclassified"])
    if said:
        parts.append(escape(said))
    return "\n\n".join(parts)


def _links(links: list[LinkJSON], status: bool) -> str:
    words = []
    for link in links:
        how = link["relation"] + (f", {link['status']}" if status else "")
        words.append(f"{code(link['id'])} ({how})")
    return ", ".join(words)


def speaker_words(analysis: Analysis | None, name: str) -> str:
    """A speaker's tally, as the summary's Speakers section counts it, and their claims."""
    head = f"**{escape(name)}**"
    if analysis is None:
        return head + "\n\n" + _stale("Their claims")
    stats = next((s for s in analysis.speakers if s.name == name), None)
    if stats is None:
        return head + "\n\n" + _stale("Their claims")
    claims = [c.id for c in analysis.debate.claims.values() if c.by == name]
    tally = (
        f"{_count(stats.claims, 'claim')}, {_count(stats.rebuttals, 'rebuttal')}: "
        f"{stats.standing} standing, {stats.defeated} defeated, {stats.undecided} undecided, "
        f"{stats.unanswered} unanswered"
    )
    out = f"{head} · {tally}"
    if claims:
        out += "\n\nClaims: " + ", ".join(code(c) for c in claims)
    return out


def source_words(analysis: Analysis | None, source_id: str) -> str:
    """A source's title and address, and the claims that cite it."""
    head = f"**{code(source_id)}**"
    use = (
        None if analysis is None else next((s for s in analysis.sources if s.id == source_id), None)
    )
    if use is None:
        return head + "\n\n" + _stale("What cites it")
    parts = [head + (f" · {escape(use.title)}" if use.title else "")]
    if use.url:
        parts.append(escape(use.url))
    if use.cited_by:
        parts.append(
            f"Cited by {and_list([code(c) for c in use.cited_by])} "
            f"({use.standing} of them standing)"
        )
    else:
        parts.append("Cited by no claim.")
    return "\n\n".join(parts)


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"
