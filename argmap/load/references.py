"""The references of a debate file, checked once the walk has seen every id: what each relation,
citation, `by:` and `expect:` list names must exist; a claim answers another once, and not
itself; every listed source is cited and every listed speaker speaks.
"""

from __future__ import annotations

from dataclasses import dataclass

from argmap.errors import Diagnostic, quote
from argmap.fileformat import NESTED_FIELDS
from argmap.load.hints import Names, Reporter, as_yaml, did_you_mean
from argmap.model import Relation, RelationKind, Speaker
from argmap.yamlnodes import Node, join, position


@dataclass(slots=True)
class Ref:
    """A reference written in the file, resolved once every id is known."""

    owner: str
    target: str
    node: Node
    path: str


@dataclass(slots=True)
class RawRelation(Ref):
    kind: RelationKind = RelationKind.REBUTS
    nested: bool = False


class References:
    """Every id the walk defined and every reference it met, in the order of the file."""

    def __init__(self, reporter: Reporter) -> None:
        self.reporter = reporter
        self.report = reporter.report
        self.ids: dict[str, tuple[str, Node]] = {}  # every id defined: ("claim"|"source", key)
        self.relations: list[RawRelation] = []
        self.citations: list[Ref] = []
        self.bys: list[Ref] = []
        self.expect_refs: list[Ref] = []

    def resolve(self, speakers: dict[str, Speaker] | None) -> None:
        """Report every reference to nothing, and every source and speaker listed but unused
        (`speakers` as listed under `speakers:`; None when there is no such section)."""
        self.classify_nested_replies()
        known: dict[str, Names] = {}

        def ids_of(what: str) -> Names:  # made only when a reference is wrong
            if what not in known:
                known[what] = Names([i for i, (k, _) in self.ids.items() if k == what])
            return known[what]

        suggest = self.reporter.suggestions.hint
        for rel in self.relations:
            if self.ids.get(rel.target, ("",))[0] == "claim":
                continue
            if rel.target in self.ids:
                hint = f"{quote(rel.target)} is a source; cite it with `cites:`"
            else:
                hint = suggest(rel.target, ids_of("claim")) or "define the claim, or fix the id"
            self.report(
                "unknown-claim",
                rel.node,
                f"{quote(rel.target)} is {rel.kind.passive} by {quote(rel.owner)} "
                "but no claim has that id",
                hint,
                rel.path,
            )
        for ref in self.expect_refs:
            if self.ids.get(ref.target, ("",))[0] != "claim":
                self.report(
                    "unknown-claim",
                    ref.node,
                    f"{quote(ref.target)} is listed under 'expect.{ref.owner}' "
                    "but no claim has that id",
                    suggest(ref.target, ids_of("claim")) or "list claim ids only",
                    ref.path,
                )
        cited = set()
        for ref in self.citations:
            cited.add(ref.target)
            if self.ids.get(ref.target, ("",))[0] == "source":
                continue
            if ref.target in self.ids:
                hint = (
                    f"{quote(ref.target)} is a claim; claims answer claims with "
                    "`supports:`, `rebuts:` or `undercuts:`"
                )
            else:
                hint = suggest(ref.target, ids_of("source")) or (
                    "list it under `sources:`, or cite inline as {url: ..., title: ...}"
                )
            self.report(
                "unknown-source",
                ref.node,
                f"{quote(ref.owner)} cites {quote(ref.target)} but no source has that id",
                hint,
                ref.path,
            )
        self.check_relations()
        self.check_unclassified()
        for ident, (what, key) in self.ids.items():
            if what == "source" and ident not in cited:
                self.report(
                    "unused-source",
                    key,
                    f"no claim cites the source {quote(ident)}",
                    "cite it from the claim that relies on it (`cites: [id]`), or remove it",
                    join("sources", ident),
                )
        if speakers is not None:
            self.check_speakers(speakers)

    def classify_nested_replies(self) -> None:
        """A claim nested under `replies:` that also says it `rebuts:`, `supports:` or
        `undercuts:` its parent is classified by saying so: `replies:` tells where it sits in the
        thread, the field how it answers. Its nesting then states no relation of its own, so the
        two are neither a conflict nor a repeat. (This is the edit `argmap label` makes: one
        line added, nothing moved.)"""
        nested = {
            (r.owner, r.target)
            for r in self.relations
            if r.nested and r.kind is RelationKind.ANSWERS
        }
        if not nested:
            return
        stated = {
            (r.owner, r.target)
            for r in self.relations
            if not r.nested and r.kind.is_classified and (r.owner, r.target) in nested
        }
        if stated:
            self.relations = [
                r
                for r in self.relations
                if not (
                    r.nested and r.kind is RelationKind.ANSWERS and (r.owner, r.target) in stated
                )
            ]

    def check_relations(self) -> None:
        """Report a claim that answers itself, or answers another twice or in two ways."""
        seen: dict[tuple[str, str], RawRelation] = {}
        for rel in self.relations:
            if rel.owner == rel.target:
                self.report(
                    "self-relation",
                    rel.node,
                    f"{quote(rel.owner)} {rel.kind.value} itself",
                    f"point `{rel.kind.value}:` at the id of the claim it answers",
                    rel.path,
                )
                continue
            first = seen.setdefault((rel.owner, rel.target), rel)
            if first is rel:
                continue
            line = first.node.line + 1
            nested = first if first.nested else rel if rel.nested else None
            if first.kind is rel.kind:
                self.report(
                    "duplicate-relation",
                    rel.node,
                    f"{quote(rel.owner)} {rel.kind.value} {quote(rel.target)} twice "
                    f"(first at line {line})",
                    "a nested reply already answers its parent: remove the repeat"
                    if nested
                    else "remove the repeat",
                    rel.path,
                )
            elif nested is not None:
                other = rel if nested is first else first
                section = next(n for n, k in NESTED_FIELDS if k == nested.kind.value)
                self.report(
                    "conflicting-relation",
                    rel.node,
                    f"{quote(rel.owner)} is nested under the {section} of {quote(rel.target)}, "
                    f"so it {nested.kind.value} it, and it also {other.kind.value} it",
                    "a claim answers another in one way only: move it to the section that says "
                    f"what it does, or remove `{other.kind.value}:`",
                    rel.path,
                )
            else:
                self.report(
                    "conflicting-relation",
                    rel.node,
                    f"{quote(rel.owner)} both {first.kind.value} (line {line}) and "
                    f"{rel.kind.value} {quote(rel.target)}",
                    "a claim answers another in one way only: keep the one you mean, "
                    "or split the claim in two",
                    rel.path,
                )

    def check_unclassified(self) -> None:
        """Warn once for each reply that does not say how it answers (`answers:`, `replies:`):
        statuses are provisional until every one is classified."""
        replies: dict[tuple[str, str], RawRelation] = {}  # the first of each pair, in order
        for rel in self.relations:
            if (
                rel.kind is RelationKind.ANSWERS
                and rel.owner != rel.target
                and self.ids.get(rel.target, ("",))[0] == "claim"
            ):
                replies.setdefault((rel.owner, rel.target), rel)
        diagnostics = self.reporter.diagnostics
        worded = 0
        for rel in replies.values():
            # A thread has one per reply, and wording each takes 9 µs: `argmap import` shows
            # none of them, and `argmap check` lists 10,000 at most. The rest are counted.
            if not diagnostics.wanted("unclassified-reply"):
                break
            worded += 1
            target = as_yaml(rel.target)
            how = (
                f"add `rebuts: {target}`, `supports: {target}` or `undercuts: {target}` to it "
                "where it stands"
                if rel.nested
                else "write `rebuts:`, `supports:` or `undercuts:` in place of `answers:`"
            )
            self.report(
                "unclassified-reply",
                rel.node,
                f"{quote(rel.owner)} replies to {quote(rel.target)} without saying how; "
                "no status depends on it until it is classified",
                f"{how}, or run `argmap label` on the file",
                rel.path,
            )
        diagnostics.tally("unclassified-reply", len(replies) - worded)

    def unique_relations(self) -> tuple[Relation, ...]:
        """The relations as the debate holds them: one per pair of claims, the first written."""
        out: dict[tuple[str, str], Relation] = {}
        for r in self.relations:
            key = (r.owner, r.target)
            if key not in out:
                line, column = r.node.line + 1, r.node.column + 1
                out[key] = Relation(r.owner, r.target, r.kind, line, column)
        return tuple(out.values())

    def check_speakers(self, speakers: dict[str, Speaker]) -> None:
        """Report a `by:` naming no listed speaker, and a listed speaker no claim is by."""
        names = Names(list(speakers), "names")
        used = set()
        for ref in self.bys:
            used.add(ref.target)
            if ref.target in speakers:
                continue
            found = self.reporter.suggestions.closest(ref.target, names)
            if found is not None:
                used.add(found[0])  # a misspelt name is not also an unused speaker
            self.report(
                "unknown-speaker",
                ref.node,
                f"{quote(ref.owner)} is by {quote(ref.target)}, "
                "who is not listed under 'speakers:'",
                did_you_mean(found, names) or f"add {quote(ref.target)} under 'speakers:'",
                ref.path,
            )
        for name, speaker in speakers.items():
            if name not in used:
                self.reporter.diagnostics.append(
                    Diagnostic(
                        "unused-speaker",
                        f"no claim is by the speaker {quote(name)}",
                        self.reporter.file,
                        speaker.line,
                        speaker.column,
                        f"add `by: {as_yaml(name)}` to their claims, or remove the speaker",
                        join("speakers", name),
                    )
                )

    def derived_speakers(self) -> dict[str, Speaker]:
        """Without a `speakers:` section, the speakers are the names `by:` gives, in order."""
        out: dict[str, Speaker] = {}
        for ref in self.bys:
            if ref.target not in out:
                line, column = position(ref.node)
                out[ref.target] = Speaker(ref.target, declared=False, line=line, column=column)
        return out
