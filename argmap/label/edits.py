"""The edits that classify one reply, made to the text of a debate file: a key renamed, an id
taken out of a list or added to one, a line added, and for a nested reply marked not an
argument, its lines moved out of `replies:`. Everything else in the file, comments, blank lines,
quoting, order and line endings, stays as it was, byte for byte.

Edits are located with `argmap.label.spans`, gathered, and made in one pass over the text, so
that no edit moves another, and many replies can be classified at once. They are checked only
for what each needs of the layout (that a line holds nothing else, say); `argmap.label`'s
`reclassify` then loads the new text and checks that exactly the one relation changed.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable

from argmap.errors import ArgmapError, quote
from argmap.load.hints import as_yaml
from argmap.model import RelationKind

from .spans import Place, Value, compose, places


class LabelError(ArgmapError):
    """A reply that cannot be classified as asked; the message says why and the hint what to
    do instead. Nothing has been written."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.hint = hint


BY_HAND = "classify this reply by hand in an editor, then run `argmap check`"


def not_an_argument(target: str) -> str:
    """The comment left where a reply stood, so a reader still sees the thread."""
    return f"# replied to {target}; marked not an argument by argmap label"


# --- lines -------------------------------------------------------------------------------------


# Line breaks as YAML reads them once the loader has made NEL, LS and PS characters: CR, LF
# and CRLF. Each search stops at the first, so finding a line costs its length, not the file's.
_BREAK = re.compile(r"[\r\n]")


def line_start(text: str, i: int) -> int:
    lf = text.rfind("\n", 0, i)
    return max(lf, text.rfind("\r", lf + 1, i)) + 1


def line_end(text: str, i: int) -> int:
    """Where the line holding `i` ends: its line break, or the end of the text."""
    found = _BREAK.search(text, i)
    return found.start() if found else len(text)


def next_line(text: str, i: int) -> int:
    """Where the line after the one holding `i` starts (the end of the text, for the last)."""
    end = line_end(text, i)
    return end + (2 if text.startswith("\r\n", end) else 1 if end < len(text) else 0)


def newline(text: str, i: int) -> str:
    """The line break of the line holding `i`; for a last line without one, the file's first,
    or a plain `\\n`: an added line ends as its neighbours do."""
    end = line_end(text, i)
    if end == len(text):
        found = re.search(r"\r\n|\r|\n", text)
        return found.group() if found else "\n"
    return "\r\n" if text.startswith("\r\n", end) else text[end]


_REST = re.compile(r"[ \t]*(#.*)?")  # what may follow a value on its line: a comment
_ITEM = re.compile(r" *-[ \t]+")  # what comes before an item of a block list on its line


def whole_lines(text: str, start: int, end: int, lead: re.Pattern[str] | None = None) -> range:
    """The lines from `start` to `end`, which must hold nothing else (only spaces, or what
    `lead` matches, before `start`; only a comment after `end`)."""
    first = line_start(text, start)
    before = text[first:start]
    last_end = line_end(text, end)
    alone = before.strip(" ") == "" or (lead is not None and lead.fullmatch(before) is not None)
    if not alone or _REST.fullmatch(text[end:last_end]) is None:
        raise LabelError(
            "the reply is written on a line that holds other things too, which argmap label "
            "does not split",
            BY_HAND,
        )
    return range(first, next_line(text, end))


def indent(text: str, i: int) -> str:
    """The spaces before `i` on its line, which must be nothing but spaces."""
    before = text[line_start(text, i) : i]
    if before.strip(" "):
        raise LabelError("the claim is laid out in a way argmap label does not edit", BY_HAND)
    return before


def pair_end(pair: tuple[Value, Value]) -> int:
    return max(pair[0].end, pair[1].end)


# --- edits -------------------------------------------------------------------------------------


class Edits:
    """Changes to one text, each a span and what replaces it, made all at once."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.changes: list[tuple[int, int, str]] = []
        self.moved_after: set[int] = set()  # the top-level claims claims were moved out after

    def replace(self, start: int, end: int, new: str) -> None:
        self.changes.append((start, end, new))

    def insert(self, at: int, new: str) -> None:
        self.changes.append((at, at, new))

    def delete(self, span: range) -> None:
        self.changes.append((span.start, span.stop, ""))

    def insert_line_after(self, i: int, line: str) -> None:
        """A new line after the line holding `i`."""
        nl = newline(self.text, i)
        at = next_line(self.text, i)
        if at == len(self.text) and not self.text.endswith(("\n", "\r")):
            self.insert(at, nl + line)
        else:
            self.insert(at, line + nl)

    def insert_line_before(self, i: int, body: str) -> None:
        """A new line before the line holding `i`, indented as that line is."""
        start = line_start(self.text, i)
        spaces = re.match(r"[ ]*", self.text[start:])
        self.insert(start, (spaces.group() if spaces else "") + body + newline(self.text, i))

    def apply(self) -> str:
        """The text with every change made, in one pass. Changes may touch but never overlap:
        a deletion and an insertion where it starts put the insertion in its place."""
        changes = sorted(self.changes, key=lambda c: (c[0], c[1]))
        for before, after in itertools.pairwise(changes):
            if after[0] < before[1]:
                raise LabelError(
                    "the claim is laid out in a way argmap label does not edit", BY_HAND
                )
        pieces: list[str] = []
        done = 0
        # Among changes at one place, an insertion comes first and a deletion after it, and
        # insertions keep the order they were planned in: the order of the file.
        for start, end, new in changes:
            pieces += (self.text[done:start], new)
            done = max(done, end)
        pieces.append(self.text[done:])
        return "".join(pieces)


def remove_pair(e: Edits, mapping: Value, pair: tuple[Value, Value]) -> range | None:
    """Take `key: value` out of `mapping`; the lines it held, when it held whole lines."""
    i = mapping.pairs.index(pair)
    if mapping.flow:
        if i + 1 < len(mapping.pairs):
            e.replace(pair[0].start, mapping.pairs[i + 1][0].start, "")
        else:  # text: is required, so a claim's last field is never its only one
            e.replace(pair_end(mapping.pairs[i - 1]), pair_end(pair), "")
        return None
    span = whole_lines(e.text, pair[0].start, pair_end(pair))
    e.delete(span)
    return span


def remove_item(e: Edits, seq: Value, i: int) -> range | None:
    """Take item `i` (not the only one) out of a list; the lines it held, in a block list."""
    item = seq.items[i]
    if seq.flow:
        if i + 1 < len(seq.items):
            e.replace(item.start, seq.items[i + 1].start, "")
        else:
            e.replace(seq.items[i - 1].end, item.end, "")
        return None
    span = whole_lines(e.text, item.start, item.end, _ITEM)
    e.delete(span)
    return span


def add_item(e: Edits, value: Value, written: str) -> None:
    """Add the id `written` to the ids of an existing field: one id becomes a [list]."""
    text = e.text
    if value.kind == "scalar" and value.style in ("", '"', "'"):
        shown = text[value.start : value.end]
        if "\n" in shown or "\r" in shown:
            raise LabelError("an id is written over two lines, which argmap label does not edit")
        e.replace(value.start, value.end, f"[{shown}, {written}]")
    elif value.kind == "seq" and value.flow:
        if value.items:
            e.insert(value.items[-1].end, f", {written}")
        else:
            e.insert(value.start + 1, written)
    elif value.kind == "seq" and value.items:
        last = value.items[-1]
        lead = text[line_start(text, last.start) : last.start]
        whole_lines(text, last.start, last.end, _ITEM)
        e.insert_line_after(last.end, lead + written)
    else:
        raise LabelError("a field of the claim is laid out in a way argmap label does not edit")


def add_pair(e: Edits, mapping: Value, after: tuple[Value, Value], key: str, written: str) -> None:
    """Add `key: written` to `mapping`, right after the pair `after`."""
    if mapping.flow:
        e.insert(pair_end(after), f", {key}: {written}")
        return
    spaces = indent(e.text, after[0].start)
    whole_lines(e.text, after[0].start, pair_end(after))
    e.insert_line_after(pair_end(after), f"{spaces}{key}: {written}")


# --- classifying -------------------------------------------------------------------------------


def classify(text: str, source: str, target: str, kind: RelationKind | None) -> str:
    """`text` with the unclassified reply `source` → `target` made `kind` (or, with None,
    answering nothing). Not checked here: `argmap.label.reclassify` checks the result."""
    e = Edits(text)
    plan(e, places(compose(text)), source, target, kind)
    return e.apply()


def classify_all(text: str, decisions: Iterable[tuple[str, str, RelationKind | None]]) -> str:
    """`text` with every reply of `decisions` classified, located once and edited at once:
    what a long `--set` list needs. `LabelError` when two edits would touch the same
    characters (two replies of one claim); the caller then makes them one at a time."""
    e = Edits(text)
    found = places(compose(text))
    # In the order of the file, so that two lines added at one place keep that order.
    ordered = sorted(decisions, key=lambda d: found[d[0]].key.start if d[0] in found else -1)
    if len({d[0] for d in ordered}) < len(ordered):
        raise LabelError("two replies of one claim are edited one after the other")
    for source, target, kind in ordered:
        plan(e, found, source, target, kind)
    return e.apply()


def plan(
    e: Edits, found: dict[str, Place], source: str, target: str, kind: RelationKind | None
) -> None:
    """Add to `e` the edits that classify the reply `source` → `target` as `kind`."""
    place = found.get(source)
    if place is None or place.value.kind != "map":
        raise LabelError(f"no claim {quote(source)} is written in the file as a mapping", BY_HAND)
    claim = place.value
    answers = claim.get("answers")
    listed: list[Value] = []
    if answers is not None:
        listed = answers[1].items if answers[1].kind == "seq" else [answers[1]]
    index = next((i for i, v in enumerate(listed) if v.kind == "scalar" and v.text == target), None)
    nested = (
        place.section is not None
        and place.section[0].text == "replies"
        and place.section_of == target
    )
    if index is not None and answers is not None:
        if nested and kind is None:
            raise LabelError(
                f"{quote(source)} replies to {quote(target)} twice, nested under its `replies:` "
                "and with `answers:`",
                "remove the `answers:` entry, then run argmap label again",
            )
        _flat(e, place, answers, listed, index, target, kind)
    elif nested and kind is None:
        _unnest(e, place, source, target)
    elif nested and kind is not None:
        add_relation(e, claim, target, kind)
    else:
        raise LabelError(
            f"{quote(source)} is not written as a reply to {quote(target)} "
            "(with `answers:` or under `replies:`)"
        )


def _flat(
    e: Edits,
    place: Place,
    answers: tuple[Value, Value],
    listed: list[Value],
    index: int,
    target: str,
    kind: RelationKind | None,
) -> None:
    """A reply that says `answers: target`, alone or in a list."""
    claim = place.value
    only = len(listed) == 1
    written = e.text[listed[index].start : listed[index].end]  # the id as the file spells it
    if kind is not None:
        existing = claim.get(kind.value)
        if existing is None and only:  # the smallest edit there is: `answers:` → `rebuts:`
            e.replace(answers[0].start, answers[0].end, kind.value)
            return
        if existing is None:
            add_pair(e, claim, answers, kind.value, written)
        else:
            add_item(e, existing[1], written)
    lines = remove_pair(e, claim, answers) if only else remove_item(e, answers[1], index)
    if kind is not None:
        return
    comment = not_an_argument(target)
    if lines is None:  # inside a [list] or {mapping}: the comment goes on a line of its own,
        # above the claim's (a {mapping}'s lines may be its own) or else the field's
        e.insert_line_before(place.key.start if claim.flow else answers[0].start, comment)
    else:  # in place of the lines taken out, indented as they were
        spaces = re.match(r"[ ]*", e.text[lines.start : lines.stop])
        e.insert(
            lines.start, (spaces.group() if spaces else "") + comment + newline(e.text, lines.start)
        )


def add_relation(e: Edits, claim: Value, target: str, kind: RelationKind) -> None:
    """A reply nested under `replies:` is classified by saying how it answers its parent
    (docs/format.md): `rebuts: PARENT` is added after its text, and it stays where it is."""
    written = as_yaml(target)
    existing = claim.get(kind.value)
    if existing is not None:
        add_item(e, existing[1], written)
        return
    after = claim.get("text") or claim.pairs[-1]
    add_pair(e, claim, after, kind.value, written)


def _unnest(e: Edits, place: Place, source: str, target: str) -> None:
    """A reply nested under `replies:` that answers nothing: its lines move out, to
    `claims:`, right after the claim they were written within, with a comment saying whom it
    replied to. Its own replies move with it."""
    move_out(e, place, source, not_an_argument(target), "argmap label")


def move_out(
    e: Edits, place: Place, source: str, comment: str | None = None, who: str = "argmap"
) -> None:
    """The nested claim `source` (with its own nested claims) moves out to `claims:`, right
    after the top-level claim it was written within; a section left empty goes too. With a
    `comment`, it is written inside the claim above its first field (or above its id). `who`
    is what the messages say cannot make the move."""
    text = e.text
    assert place.section is not None and place.claims is not None
    section_key, section = place.section
    name = section_key.text
    top_key, top_value = place.top
    if place.claims.flow or section.flow:
        raise LabelError(
            f"{quote(source)} is nested inside a {{mapping}} written on one line, from which "
            f"{who} does not move it",
            BY_HAND,
        )
    if top_key.start in e.moved_after:  # claims moved after one claim land in the order made
        raise LabelError(f"{who} moves claims out after one claim one at a time")
    e.moved_after.add(top_key.start)
    key, value = place.key, place.value
    lines = whole_lines(text, key.start, pair_end((key, value)))
    depth = len(indent(text, key.start)) - len(indent(text, top_key.start))
    moved = []
    for line in text[lines.start : lines.stop].splitlines(keepends=True):
        if line.strip() and not line.startswith(" " * depth):
            raise LabelError(
                f"a line of {quote(source)} is indented less than its id, so {who} cannot "
                f"move it out of `{name}:`",
                BY_HAND,
            )
        moved.append(line[min(depth, len(line) - len(line.lstrip(" "))) :])
    block = "".join(moved)
    nl = newline(text, key.start)
    if not block.endswith(("\n", "\r")):
        block += nl
    if comment is None:
        pass
    elif value.kind == "map" and not value.flow and value.pairs:
        # Inside the claim, above its first field, as a flat reply's comment is.
        head = len(moved[0])
        spaces = len(indent(text, value.pairs[0][0].start)) - depth
        block = block[:head] + " " * spaces + comment + nl + block[head:]
    else:
        block = f"{indent(text, top_key.start)}# {source} {comment[2:]}{nl}{block}"
    if len(section.pairs) == 1:  # the section would be left empty, which the format refuses
        key_line = line_end(text, section_key.start)
        if not re.fullmatch(r"[ \t]*:[ \t]*(#.*)?", text[section_key.end : key_line]):
            raise LabelError(
                f"the `{name}:` of the claim is laid out in a way {who} does not edit", BY_HAND
            )
        e.delete(range(line_start(text, section_key.start), next_line(text, section_key.start)))
    e.delete(lines)
    at = next_line(text, pair_end((top_key, top_value)))
    whole_lines(text, top_key.start, pair_end((top_key, top_value)))
    if at == len(text) and not text.endswith(("\n", "\r")):
        block = nl + block
    e.insert(at, block)
