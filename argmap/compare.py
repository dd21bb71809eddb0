"""What changed between two versions of a debate, by meaning: `compare(old, new)`.

The claims added, removed, re-worded (with the words that changed) or given to another speaker;
the relations added, removed or re-classified; the evidence: sources listed under `sources:`
added, removed or with other details, and claims that cite a source they did not, no longer cite
one, or cite it otherwise; and the outcomes that changed: statuses, statuses that held for
another reason, the unanswered set, preferred acceptance. Every fact is read from the two
analyses (and their debates), none worked out again here; a view that says *why* a status
changed reads the new analysis (`Comparison.new`), and why one held, both. `argmap diff` prints
a `Comparison`; `argmap.render.changes.as_data` is its JSON.

>>> from argmap import loads
>>> old = loads("title: T\\nclaims:\\n  a: {text: A is so}\\n")
>>> new = loads("title: T\\nclaims:\\n  a: {text: A is not so}\\n  b: {text: B, rebuts: a}\\n")
>>> c = compare(old, new)
>>> c.added, [(f.id, f.old.value, f.new.value) for f in c.flips], c.no_longer_unanswered
(('b',), [('a', 'standing', 'defeated')], ('a',))
>>> [(w.op, w.text) for w in c.reworded[0].words]
[('equal', 'A is'), ('insert', 'not'), ('equal', 'so')]
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Literal

from argmap.analysis import Analysis, Why, analyse
from argmap.analyze import Acceptance, Status
from argmap.evidence import CitationChange, Cited, SourceChange, citations, sources
from argmap.model import Debate, RelationKind, Source

__all__ = [
    "AcceptanceChange",
    "Comparison",
    "Flip",
    "Held",
    "Moved",
    "Reclassified",
    "RelationChange",
    "Reworded",
    "Words",
    "compare",
    "word_diff",
]


@dataclass(frozen=True, slots=True)
class Words:
    """A run of words of a re-worded claim: kept (`equal`), taken out (`delete`) or put in
    (`insert`), joined by single spaces."""

    op: Literal["equal", "delete", "insert"]
    text: str


@dataclass(frozen=True, slots=True)
class Reworded:
    """A claim whose words changed (whitespace alone does not count)."""

    id: str
    old: str
    new: str
    words: tuple[Words, ...]


@dataclass(frozen=True, slots=True)
class Moved:
    """A claim given to another speaker (None: to nobody, or from nobody)."""

    id: str
    old: str | None
    new: str | None


@dataclass(frozen=True, slots=True)
class RelationChange:
    """A relation added or removed: `source` answers `target` so."""

    source: str
    target: str
    kind: RelationKind


@dataclass(frozen=True, slots=True)
class Reclassified:
    """The same two claims, related otherwise: `source` answered `target` as `old`, now as
    `new` (answers → rebuts, when a reply is classified; rebuts → supports)."""

    source: str
    target: str
    old: RelationKind
    new: RelationKind


@dataclass(frozen=True, slots=True)
class Flip:
    """A claim in both versions whose grounded status changed."""

    id: str
    old: Status
    new: Status


@dataclass(frozen=True, slots=True)
class Held:
    """A claim in both versions whose status held for another reason: why it has the status
    changed (standing with no attackers, then with all of them defeated), or the claims it
    rests on did (a defeated claim's defeaters; a standing or undecided claim's attackers)."""

    id: str
    status: Status


@dataclass(frozen=True, slots=True)
class AcceptanceChange:
    """A claim undecided in both versions whose preferred acceptance changed."""

    id: str
    old: Acceptance
    new: Acceptance


@dataclass(frozen=True)
class Comparison:
    """What changed from `old` to `new`. Claims added, and anything about the new version, come
    in the order of the new file; claims and relations removed in the order of the old one."""

    old: Analysis
    new: Analysis
    title: tuple[str, str] | None  # (old, new) when the title changed
    added: tuple[str, ...]
    removed: tuple[str, ...]
    reworded: tuple[Reworded, ...]
    moved: tuple[Moved, ...]
    relations_added: tuple[RelationChange, ...]
    relations_removed: tuple[RelationChange, ...]
    reclassified: tuple[Reclassified, ...]
    flips: tuple[Flip, ...]
    held: tuple[Held, ...]  # same status, another reason
    became_unanswered: tuple[str, ...]  # claims in both versions
    no_longer_unanswered: tuple[str, ...]
    acceptance: tuple[AcceptanceChange, ...]
    # Sources listed under `sources:`; inline ones come with their citations.
    sources_added: tuple[Source, ...]
    sources_removed: tuple[Source, ...]
    sources_changed: tuple[SourceChange, ...]
    # Citations of claims in both versions (a claim added or removed brings or takes its own).
    citations_added: tuple[Cited, ...]
    citations_removed: tuple[Cited, ...]
    citations_changed: tuple[CitationChange, ...]

    @property
    def changed(self) -> bool:
        """Whether anything changed in the claims, the relations, the evidence or the
        outcomes."""
        return any(
            (
                self.title,
                self.added,
                self.removed,
                self.reworded,
                self.moved,
                self.relations_added,
                self.relations_removed,
                self.reclassified,
                self.flips,
                self.held,
                self.became_unanswered,
                self.no_longer_unanswered,
                self.acceptance,
                self.sources_added,
                self.sources_removed,
                self.sources_changed,
                self.citations_added,
                self.citations_removed,
                self.citations_changed,
            )
        )


def compare(old: Debate | Analysis, new: Debate | Analysis) -> Comparison:
    """What changed from `old` to `new`, by meaning: claims, relations, evidence and outcomes.
    Claims are the same claim when they have the same id, and so are listed sources; a claim or
    source renamed is one removed and one added."""
    before, after = analyse(old), analyse(new)
    was, now = before.debate.claims, after.debate.claims
    both = [c for c in now if c in was]

    reworded = []
    for c in both:
        if was[c].text.split() != now[c].text.split():
            reworded.append(
                Reworded(c, was[c].text, now[c].text, word_diff(was[c].text, now[c].text))
            )

    added_rel, removed_rel, reclassified = _relations(before, after)
    unanswered_before, unanswered_after = before.unanswered_ids, after.unanswered_ids
    acceptance = []
    for c in both:
        a, b = before.acceptance.get(c), after.acceptance.get(c)
        if a is not None and b is not None and a != b:
            acceptance.append(AcceptanceChange(c, a, b))
    titles = before.debate.title, after.debate.title
    listed, cited = sources(before.debate, after.debate), citations(before.debate, after.debate)
    return Comparison(
        old=before,
        new=after,
        title=titles if titles[0] != titles[1] and all(titles) else None,
        added=tuple(c for c in now if c not in was),
        removed=tuple(c for c in was if c not in now),
        reworded=tuple(reworded),
        moved=tuple(Moved(c, was[c].by, now[c].by) for c in both if was[c].by != now[c].by),
        relations_added=added_rel,
        relations_removed=removed_rel,
        reclassified=reclassified,
        flips=tuple(
            Flip(c, before.status[c], after.status[c])
            for c in both
            if before.status[c] is not after.status[c]
        ),
        held=tuple(
            Held(c, after.status[c])
            for c in both
            if before.status[c] is after.status[c] and _grounds(before, c) != _grounds(after, c)
        ),
        became_unanswered=tuple(
            c for c in both if c in unanswered_after and c not in unanswered_before
        ),
        no_longer_unanswered=tuple(
            c for c in both if c in unanswered_before and c not in unanswered_after
        ),
        acceptance=tuple(acceptance),
        sources_added=listed[0],
        sources_removed=listed[1],
        sources_changed=listed[2],
        citations_added=cited[0],
        citations_removed=cited[1],
        citations_changed=cited[2],
    )


def _grounds(analysis: Analysis, claim: str) -> tuple[Why, frozenset[str]]:
    """What a claim's status rests on, as `show` says it: why it has it, and the claims that
    make it so (a defeated claim's defeaters; any other claim's attackers)."""
    if analysis.status[claim] is Status.DEFEATED:
        return analysis.why[claim], frozenset(analysis.defeaters[claim])
    return analysis.why[claim], frozenset(analysis.attackers[claim])


def _relations(
    before: Analysis, after: Analysis
) -> tuple[tuple[RelationChange, ...], tuple[RelationChange, ...], tuple[Reclassified, ...]]:
    """Relations added, removed and re-classified. Two claims that were related one way and
    now are another (one kind out, one kind in) were re-classified; any other change between
    the same two claims is kinds added and removed."""

    def kinds(analysis: Analysis) -> dict[tuple[str, str], list[RelationKind]]:
        found: dict[tuple[str, str], list[RelationKind]] = {}
        for source, links in analysis.answers.items():
            for link in links:
                found.setdefault((source, link.id), []).append(link.kind)
        return found

    was, now = kinds(before), kinds(after)
    added: list[RelationChange] = []
    reclassified: list[Reclassified] = []
    for pair, new_kinds in now.items():
        old_kinds = was.get(pair, [])
        gone = [k for k in old_kinds if k not in new_kinds]
        came = [k for k in new_kinds if k not in old_kinds]
        if len(gone) == 1 and len(came) == 1:
            reclassified.append(Reclassified(*pair, gone[0], came[0]))
        else:
            added.extend(RelationChange(*pair, k) for k in came)
    removed: list[RelationChange] = []
    for pair, old_kinds in was.items():
        new_kinds = now.get(pair, [])
        gone = [k for k in old_kinds if k not in new_kinds]
        came = [k for k in new_kinds if k not in old_kinds]
        if not (len(gone) == 1 and len(came) == 1):
            removed.extend(RelationChange(*pair, k) for k in gone)
    return tuple(added), tuple(removed), tuple(reclassified)


def word_diff(old: str, new: str) -> tuple[Words, ...]:
    """The words of `old` and `new`, in order, each run kept, taken out or put in; a word
    replaced is taken out, then put in.

    >>> [(w.op, w.text) for w in word_diff("a b c d", "a x c")]
    [('equal', 'a'), ('delete', 'b'), ('insert', 'x'), ('equal', 'c'), ('delete', 'd')]
    """
    a, b = old.split(), new.split()
    out: list[Words] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            out.append(Words("equal", " ".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append(Words("delete", " ".join(a[i1:i2])))
        if j2 > j1:
            out.append(Words("insert", " ".join(b[j1:j2])))
    return tuple(out)
