"""What changed between two versions of a debate (`argmap.compare`), as `argmap diff` shows
it: `as_data` for tools (`--format json`, the shape `DiffJSON` of docs/json.md) and `as_text`
for people, built from it as the other reports are (`argmap.render.terminal`): rich `Text`,
never markup, every string from a debate cleaned, and no mark in colour alone. Words taken out
of a claim show as `[-words-]`, words put in as `{+words+}`, in red and green when colour is on;
the sources and citations that changed are `argmap.render.evidence`'s.

A version that does not load cannot be compared; for `git diff` (`argmap diff --git`),
`not_compared` and `lines_changed` show its lines instead.
"""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING

from rich.console import RenderableType
from rich.text import Text

from argmap.analyze import Acceptance
from argmap.look import SEPARATOR
from argmap.render import evidence, report
from argmap.render.richtext import (
    Trimmed,
    change_sign,
    heading,
    indent,
    laid_out,
    line,
    mark,
    relation,
    text,
)
from argmap.render.shapes import (
    AcceptanceJSON,
    DiffClaimJSON,
    DiffJSON,
    FlipJSON,
    GroundsJSON,
    WordsJSON,
)
from argmap.render.words import acceptance_sentence, acceptance_words, provisional, reason

if TYPE_CHECKING:
    from argmap.analysis import Analysis
    from argmap.compare import Comparison

Section = list[RenderableType]

# --- for tools -----------------------------------------------------------------------------------


def as_data(comparison: Comparison) -> DiffJSON:
    """What changed between two versions (`argmap.compare`): outcomes first, then the claims,
    relations, sources and citations that changed. Each status change says why, as `show` says
    it of the new version."""
    c, old, new = comparison, comparison.old, comparison.new

    def claim(analysis: Analysis, claim_id: str) -> DiffClaimJSON:
        found = analysis.debate.claims[claim_id]
        return {
            "id": claim_id,
            "by": found.by,
            "status": analysis.status[claim_id].value,
            "text": found.text,
        }

    def accepted(found: Acceptance) -> AcceptanceJSON:
        return {"credulous": found.credulous, "sceptical": found.sceptical}

    flips: list[FlipJSON] = []
    for flip in c.flips:
        shown = report.show(new, flip.id)
        flips.append(
            {
                "id": flip.id,
                "old": flip.old.value,
                "new": flip.new.value,
                "why": shown["why"],
                "defeated_by": shown["defeated_by"],
                "attackers": shown["attackers"],
                "acceptance": shown["acceptance"],
                "reason": reason(shown),
            }
        )

    def grounds(analysis: Analysis, claim_id: str) -> GroundsJSON:
        shown = report.show(analysis, claim_id)
        return {
            "why": shown["why"],
            "defeated_by": shown["defeated_by"],
            "attackers": shown["attackers"],
            "reason": reason(shown),
        }

    return {
        "old": old.debate.file,
        "new": new.debate.file,
        "changed": c.changed,
        "title": None if c.title is None else {"old": c.title[0], "new": c.title[1]},
        "outcomes": {
            "status": flips,
            "held": [
                {
                    "id": h.id,
                    "status": h.status.value,
                    "old": grounds(old, h.id),
                    "new": grounds(new, h.id),
                }
                for h in c.held
            ],
            "became_unanswered": list(c.became_unanswered),
            "no_longer_unanswered": list(c.no_longer_unanswered),
            "acceptance": [
                {"id": a.id, "old": accepted(a.old), "new": accepted(a.new)} for a in c.acceptance
            ],
        },
        "claims": {
            "added": [claim(new, i) for i in c.added],
            "removed": [claim(old, i) for i in c.removed],
            "reworded": [
                {
                    "id": r.id,
                    "old": r.old,
                    "new": r.new,
                    "words": [{"op": w.op, "text": w.text} for w in r.words],
                }
                for r in c.reworded
            ],
            "moved": [{"id": m.id, "old": m.old, "new": m.new} for m in c.moved],
        },
        "relations": {
            "added": [
                {"source": r.source, "target": r.target, "relation": r.kind.value}
                for r in c.relations_added
            ],
            "removed": [
                {"source": r.source, "target": r.target, "relation": r.kind.value}
                for r in c.relations_removed
            ],
            "reclassified": [
                {"source": r.source, "target": r.target, "old": r.old.value, "new": r.new.value}
                for r in c.reclassified
            ],
        },
        "sources": evidence.sources_data(c),
        "citations": evidence.citations_data(c),
    }


# --- for people ----------------------------------------------------------------------------------

# A re-worded claim shows this many kept words on each side of a change; more are cut to `…`.
CONTEXT = 6


def as_text(comparison: Comparison) -> RenderableType:
    """What changed between two versions (`argmap.compare`), read from `as_data`: the
    outcomes first (each status change with the sentence `show` gives for it), then the claims,
    relations, sources and citations. Words taken out of a claim show as `[-words-]`, words put
    in as `{+words+}`, in red and green when colour is on."""
    found = as_data(comparison)
    out: list[RenderableType] = [
        line(text(found["old"], "bold"), " → ", text(found["new"], "bold"))
    ]
    if not found["changed"]:
        out.append(line("No change in the claims, how they answer each other, or what stands."))
        return Trimmed(*out)
    if found["title"] is not None:
        out += [
            Text(),
            line(heading("Title: "), found["title"]["old"], " → ", found["title"]["new"]),
        ]
    for part in (
        _flips,
        _held,
        _unanswered_changes,
        _acceptance_changes,
        _claims_changed,
        _relations,
        evidence.sources_changed,
        evidence.citations_changed,
    ):
        section = part(found)
        if section:
            out += [Text(), *section]
    note = provisional(len(comparison.new.unclassified))
    if note is not None:
        out += [Text(), text(note, "bold yellow")]
    return Trimmed(*out)


def _flips(found: DiffJSON) -> Section:
    flips = found["outcomes"]["status"]
    if not flips:
        return []
    out: Section = [heading(f"Statuses changed ({len(flips)})")]
    for f in flips:
        said = line(
            text(f["id"], "bold"), ": ", mark(f["old"]), " → ", mark(f["new"]), ": ", f["reason"]
        )
        if f["new"] == "undecided":
            said.append_text(line(" Preferred acceptance: ", acceptance_sentence(f["acceptance"])))
        out.append(indent(said))
    return out


def _held(found: DiffJSON) -> Section:
    held = found["outcomes"]["held"]
    if not held:
        return []
    out: Section = [heading(f"Same status, another reason ({len(held)})")]
    for h in held:
        out.append(
            indent(line(text(h["id"], "bold"), ": ", mark(h["status"]), ": ", h["new"]["reason"]))
        )
        out.append(indent(line("before: ", h["old"]["reason"]), 4))
    return out


def _unanswered_changes(found: DiffJSON) -> Section:
    became, ended = (
        found["outcomes"]["became_unanswered"],
        found["outcomes"]["no_longer_unanswered"],
    )
    if not became and not ended:
        return []
    out: Section = [heading("Unanswered")]
    if became:
        out.append(indent(line(f"now ({len(became)}): ", ", ".join(became))))
    if ended:
        out.append(indent(line(f"no longer ({len(ended)}): ", ", ".join(ended))))
    return out


def _acceptance_changes(found: DiffJSON) -> Section:
    changes = found["outcomes"]["acceptance"]
    if not changes:
        return []
    out: Section = [heading(f"Preferred acceptance changed ({len(changes)})")]
    for a in changes:
        out.append(
            indent(
                line(
                    text(a["id"], "bold"), ": ", acceptance_words(a["old"]), " → ",
                    acceptance_words(a["new"]),
                )
            )
        )  # fmt: skip
    return out


def _claims_changed(found: DiffJSON) -> Section:
    claims = found["claims"]
    out: Section = []

    def said(sign: str, claim: DiffClaimJSON) -> list[RenderableType]:
        head = line(change_sign(sign), " ", text(claim["id"], "bold"))
        if claim["by"] is not None:
            head.append_text(line(f" {SEPARATOR} ", claim["by"]))
        head.append_text(line(f" {SEPARATOR} ", mark(claim["status"])))
        return [indent(head), indent(laid_out(text(claim["text"])), 4)]

    for title, sign, listed in (
        ("Claims added", "+", claims["added"]),
        ("Claims removed", "-", claims["removed"]),
    ):
        if listed:
            out += [heading(f"{title} ({len(listed)})")]
            for claim in listed:
                out += said(sign, claim)
    if claims["reworded"]:
        out.append(heading(f"Claims re-worded ({len(claims['reworded'])})"))
        for r in claims["reworded"]:
            out.append(indent(line(change_sign("~"), " ", text(r["id"], "bold"))))
            out.append(indent(laid_out(words(r["words"])), 4))
    if claims["moved"]:
        out.append(heading(f"Speakers changed ({len(claims['moved'])})"))
        for m in claims["moved"]:
            out.append(
                indent(
                    line(
                        change_sign("~"), " ", text(m["id"], "bold"), ": ",
                        m["old"] or "nobody", " → ", m["new"] or "nobody",
                    )
                )
            )  # fmt: skip
    return out


def _relations(found: DiffJSON) -> Section:
    relations = found["relations"]
    out: Section = []
    for title, sign, listed in (
        ("Relations added", "+", relations["added"]),
        ("Relations removed", "-", relations["removed"]),
    ):
        if listed:
            out.append(heading(f"{title} ({len(listed)})"))
            for r in listed:
                out.append(
                    indent(
                        line(
                            change_sign(sign), " ", r["source"], " ",
                            relation(r["relation"]), " ", r["target"],
                        )
                    )
                )  # fmt: skip
    if relations["reclassified"]:
        out.append(heading(f"Relations re-classified ({len(relations['reclassified'])})"))
        for c in relations["reclassified"]:
            out.append(
                indent(
                    line(
                        change_sign("~"), " ", c["source"], " ",
                        relation(f"{c['old']} → {c['new']}"), " ", c["target"],
                    )
                )
            )  # fmt: skip
    return out


def words(pieces: list[WordsJSON], context: int = CONTEXT) -> Text:
    """A word diff as one `Text`: `[-taken out-]`, `{+put in+}`, and the words kept, cut to
    `context` words next to each change (`…` for the rest).

    >>> words([{"op": "equal", "text": "a b c"}, {"op": "delete", "text": "d"},
    ...        {"op": "insert", "text": "e"}], context=2).plain
    '… b c [-d-]{+e+}'
    """
    out = Text()
    last = len(pieces) - 1
    for i, piece in enumerate(pieces):
        if out and not (piece["op"] == "insert" and pieces[i - 1]["op"] == "delete"):
            out.append(" ")
        if piece["op"] == "delete":
            out.append_text(text(f"[-{piece['text']}-]", "red"))
        elif piece["op"] == "insert":
            out.append_text(text(f"{{+{piece['text']}+}}", "green"))
        else:
            kept = piece["text"].split(" ")
            head = kept[:context] if i > 0 else []
            tail = kept[-context:] if i < last else []
            if len(head) + len(tail) < len(kept):
                shown = " ".join([*head, "…", *tail])
            else:
                shown = piece["text"]
            out.append_text(text(shown))
    return out


def not_compared(old: str, new: str, failed: list[str]) -> RenderableType:
    """What `git diff` shows above the lines that changed when a version is not a debate (or
    not yet one): the two names, and which of them did not load."""
    return Trimmed(
        line(text(old, "bold"), " → ", text(new, "bold")),
        line(
            " and ".join(failed),
            " does" if len(failed) == 1 else " do",
            " not load as a debate (`argmap check` says why); the lines that changed:",
        ),
    )


def lines_changed(old: str, new: str, old_name: str, new_name: str) -> RenderableType:
    """The lines that changed from `old` to `new`, as `diff -u` shows them."""
    out: list[RenderableType] = []
    for found in difflib.unified_diff(
        old.splitlines(), new.splitlines(), old_name, new_name, lineterm=""
    ):
        style = ""
        if found.startswith("@@"):
            style = "cyan"
        elif found.startswith("+") and not found.startswith("+++ "):
            style = "green"
        elif found.startswith("-") and not found.startswith("--- "):
            style = "red"
        out.append(text(found, style))
    return Trimmed(*out)
