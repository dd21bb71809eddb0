"""Classifying a thread's replies: each unclassified reply (`answers:`, `replies:`) made to
rebut, support or undercut what it answers, or to answer nothing, by an edit of the debate
file's own text that changes that one relation and leaves every other byte as it was.

`reclassify` is the edit, checked by loading the result (`reclassify_all` makes many at once);
`replies` lists what is left to classify, in thread order; `decide` reads the `ID=KIND` of
`argmap label --set`. `Session` (in `argmap.label.session`) is a file being labelled: each
decision written at once, undone on request, refused when someone else changed the file
meanwhile.

>>> text = "title: T\\nclaims:\\n  a: {text: A}\\n  b:\\n    text: B  # why\\n    answers: a\\n"
>>> print(reclassify(text, "b", "a", RelationKind.REBUTS), end="")
title: T
claims:
  a: {text: A}
  b:
    text: B  # why
    rebuts: a
"""

from __future__ import annotations

import dataclasses
import difflib
from collections.abc import Sequence
from dataclasses import dataclass

from argmap.errors import quote
from argmap.load import parse_debate
from argmap.model import Debate, Relation, RelationKind

from . import flat
from .edits import LabelError, classify, classify_all, not_an_argument

__all__ = [
    "KINDS",
    "Decision",
    "LabelError",
    "decide",
    "not_an_argument",
    "reclassify",
    "reclassify_all",
    "replies",
    "unnest",
]

# What `--set ID=KIND` takes; `none`: not an argument, the reply answers nothing.
KINDS: dict[str, RelationKind | None] = {
    "rebuts": RelationKind.REBUTS,
    "supports": RelationKind.SUPPORTS,
    "undercuts": RelationKind.UNDERCUTS,
    "none": None,
}
BOM = "\ufeff"


@dataclass(frozen=True, slots=True)
class Decision:
    """The reply `source` → `target` is to become `kind`; None: it answers nothing."""

    source: str
    target: str
    kind: RelationKind | None

    @property
    def words(self) -> str:
        """What the decision does, as a sentence: `b rebuts a`, `b answers nothing`."""
        if self.kind is None:
            return (
                f"{self.source} is not an argument: it replied to {self.target}, it answers nothing"
            )
        return f"{self.source} {self.kind.value} {self.target}"


def replies(debate: Debate) -> tuple[Relation, ...]:
    """The replies still to classify, in thread order: the order of the file, by the claim
    that answers, then by the claim answered (`Analysis.unclassified`)."""
    from argmap.analysis import analyse

    return analyse(debate).unclassified


def loaded(text: str, file: str = "<string>") -> Debate:
    """The debate in `text` (which may start with a byte-order mark); `LabelError` when the
    text has errors, naming the first."""
    result = parse_debate(text.removeprefix(BOM), file, max_values=None)
    if result.debate is None:
        first = next(d for d in result.diagnostics if d.is_error)
        raise LabelError(f"the debate has errors: {first.format()}", "run `argmap check`")
    return result.debate


def reclassify(text: str, source: str, target: str, kind: RelationKind | None) -> str:
    """`text` with the unclassified reply `source` → `target` made `kind` (rebuts, supports or
    undercuts), or, with None, made to answer nothing; every other byte stays as it was.

    The new text is loaded and compared with the old: it must hold the same claims, sources,
    speakers and expectations, and the same relations but for that one. If not, nothing is
    returned: `LabelError` says what could not be done.
    """
    return reclassify_all(text, [Decision(source, target, kind)])


def reclassify_all(text: str, decisions: Sequence[Decision]) -> str:
    """`text` with each of `decisions` made, as `reclassify` makes one, and checked the same
    way. Replies of different claims are edited at once, which a long list needs; if that
    cannot be done, one at a time."""
    return reclassified(text, decisions)[0]


def reclassified(
    text: str, decisions: Sequence[Decision], before: Debate | None = None
) -> tuple[str, Debate]:
    """`reclassify_all`, and the debate the new text holds; `before` is the debate `text`
    holds, when it is already loaded."""
    bom = BOM if text.startswith(BOM) else ""
    body = text[len(bom) :]
    if before is None:
        before = loaded(body)
    have = _relations(before)
    for d in decisions:
        if (d.source, d.target, RelationKind.ANSWERS) not in have:
            raise LabelError(_not_pending(before, d.source, d.target))
    if len(decisions) > 1:
        try:
            body_after, after = _checked(
                body, before, decisions, classify_all(body, _triples(decisions))
            )
            return bom + body_after, after
        except LabelError:
            pass  # made one at a time below, which says which decision could not be made
    after = before
    for d in decisions:
        body, after = _checked(body, after, [d], classify(body, d.source, d.target, d.kind))
    return bom + body, after


def unnest(text: str, claim_id: str, before: Debate | None = None) -> str:
    """`text` with the nested claim `claim_id` written flat under `claims:`, saying the
    relation its nesting said (`argmap.label.flat.unnest`); `before` is the debate `text`
    holds, when it is already loaded.

    The new text is loaded and compared with the old: it must hold the same claims, sources,
    speakers, expectations and relations, the claim only no longer nested; otherwise
    `LabelError`, and nothing to write.

    >>> text = "title: T\\nclaims:\\n  a:\\n    text: A\\n    rebuttals:\\n      b:\\n"
    >>> text += "        text: B\\n"
    >>> print(unnest(text, "b"), end="")
    title: T
    claims:
      a:
        text: A
      b:
        text: B
        rebuts: a
    """
    bom = BOM if text.startswith(BOM) else ""
    body = text[len(bom) :]
    if before is None:
        before = loaded(body)
    after_text = flat.unnest(body, claim_id)
    what = quote(claim_id)
    try:
        after = loaded(after_text)
    except LabelError as e:
        raise LabelError(f"argmap could not write {what} flat: {e}") from None
    if _relations(after) != _relations(before) or _content(before, {claim_id}) != _content(
        after, {claim_id}
    ):
        raise LabelError(f"argmap could not write {what} flat without changing more than that")
    return bom + after_text


def _triples(decisions: Sequence[Decision]) -> list[tuple[str, str, RelationKind | None]]:
    return [(d.source, d.target, d.kind) for d in decisions]


def _checked(
    body: str, before: Debate, decisions: Sequence[Decision], after_text: str
) -> tuple[str, Debate]:
    """`after_text` and its debate, once loaded and found to be `body` with `decisions` made
    and nothing else changed; `LabelError` otherwise."""
    expected = _relations(before)
    for d in decisions:
        expected.discard((d.source, d.target, RelationKind.ANSWERS))
        if d.kind is not None:
            expected.add((d.source, d.target, d.kind))
    what = quote(decisions[0].source) if len(decisions) == 1 else "these replies"
    try:
        after = loaded(after_text)
    except LabelError as e:
        raise LabelError(f"argmap label could not classify {what}: {e}", _REPORT) from None
    unnested = {d.source for d in decisions if d.kind is None}
    if _relations(after) != expected or _content(before, unnested) != _content(after, unnested):
        raise LabelError(
            f"argmap label could not classify {what} without changing more than that", _REPORT
        )
    return after_text, after


_REPORT = "nothing was changed; classify this reply by hand, and please report the file's layout"


def _relations(debate: Debate) -> set[tuple[str, str, RelationKind]]:
    return {(r.source, r.target, r.kind) for r in debate.relations}


def _content(debate: Debate, unnested: set[str]) -> tuple[object, ...]:
    """What an edit must keep, without where or in which order things are written (a reply
    moved out of `replies:` comes later in the file, and loses its parent)."""
    claims = {
        c.id: dataclasses.replace(
            c, line=0, column=0, parent=None if c.id in unnested else c.parent
        )
        for c in debate.claims.values()
    }
    sources = {k: dataclasses.replace(v, line=0, column=0) for k, v in debate.sources.items()}
    speakers = {k: dataclasses.replace(v, line=0, column=0) for k, v in debate.speakers.items()}
    expectations = [
        dataclasses.replace(e, positions=(), line=0, column=0) for e in debate.expectations
    ]
    return (
        debate.title,
        debate.url,
        debate.date,
        debate.note,
        claims,
        sources,
        speakers,
        expectations,
    )


def _not_pending(debate: Debate, source: str, target: str) -> str:
    if source not in debate.claims:
        return f"no claim {quote(source)} in the debate"
    if target not in debate.claims:
        return f"no claim {quote(target)} in the debate"
    how = next(
        (r.kind for r in debate.relations if r.source == source and r.target == target), None
    )
    if how is None:
        return f"{quote(source)} does not reply to {quote(target)}"
    return f"{quote(source)} already {how.value} {quote(target)}: it is not an unclassified reply"


def decide(spec: str, debate: Debate, pending: Sequence[Relation]) -> Decision:
    """`ID=KIND`, or `ID>TARGET=KIND` for a reply that answers several claims, as a decision
    on one of the `pending` replies of `debate`; `LabelError` saying what is wrong with it."""
    ident, equals, word = spec.rpartition("=")
    if not equals or not ident:
        raise LabelError(
            f"--set {quote(spec)}: write ID=KIND", "KIND is one of " + ", ".join(KINDS)
        )
    if word not in KINDS:
        close = difflib.get_close_matches(word, list(KINDS), n=1)
        raise LabelError(
            f"--set {quote(spec)}: {quote(word)} is not a kind",
            (f"did you mean {quote(close[0])}? " if close else "")
            + "KIND is one of "
            + ", ".join(KINDS),
        )
    source, arrow, target = ident.partition(">")
    if source not in debate.claims:
        close = difflib.get_close_matches(source, list(debate.claims), n=1)
        raise LabelError(
            f"--set {quote(spec)}: no claim {quote(source)} in the debate",
            f"did you mean {quote(close[0])}?" if close else None,
        )
    answered = [r.target for r in pending if r.source == source]
    if arrow:
        if target not in answered:
            raise LabelError(
                f"--set {quote(spec)}: {_not_pending(debate, source, target)}",
                _which(source, answered),
            )
    elif len(answered) == 1:
        target = answered[0]
    elif not answered:
        raise LabelError(f"--set {quote(spec)}: {quote(source)} is not an unclassified reply")
    else:
        raise LabelError(
            f"--set {quote(spec)}: {quote(source)} replies to {len(answered)} claims",
            _which(source, answered),
        )
    return Decision(source, target, KINDS[word])


def _which(source: str, answered: list[str]) -> str | None:
    if not answered:
        return None
    return "say which: " + ", ".join(f"{source}>{t}=KIND" for t in answered)
