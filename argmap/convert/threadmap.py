"""A `Thread` → a `Debate`: the one builder every thread importer uses (docs/threads.md).

Each comment is one claim by its author that `answers:` the comment it replies to, unclassified
(a thread says who answered whom, not whether the answer rebuts, supports or undercuts), except
where replies quote: a reply that quotes a comment answers the passage it quotes, that passage
becomes a claim of its own (cut out of the quoted comment, whose rest it answers), and a reply
that quotes several passages becomes one claim per quote. Claims are written flat, so no thread
is too deep. Ids are the author's name and a counter (`FaceDeer-2`; `comment-3` for a comment
with no author), the later parts of a reply `ID.2`, `ID.3` ..., and the passages cut out of a
comment `ID.q1`, `ID.q2` ..., in the order of its text. Speakers, sources, notes and checks of
times and addresses are in `threadparts.py`; deleted comments stay as placeholders only where
someone answered them. Whatever is lost is reported, naming where it was.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from argmap.convert import ConvertError, Imported, provenance
from argmap.convert.ids import Ids
from argmap.convert.passages import Holders, as_paragraphs, locate, normal, widen, without
from argmap.convert.thread import Thread
from argmap.convert.threadparts import (
    People,
    cite_links,
    part_note,
    passage_note,
    title_for,
    valid_at,
    valid_url,
)
from argmap.errors import quote
from argmap.model import Citation, Claim, Debate, Relation, RelationKind

DELETED = "[deleted]"
DELETED_NOTE = "Deleted or removed; kept so that the replies to it keep their place."
NOTE = (
    "Imported from a thread: one claim per comment, and one for each passage a reply quotes. "
    "Every reply `answers:` what it replies to, unclassified: `argmap label` says whether it "
    "rebuts, supports or undercuts (docs/threads.md)."
)


@dataclass
class _Quote:
    text: str  # the quoted words, normalised; consecutive quotes of one comment joined
    of: int  # the position of the comment that holds them
    at: tuple[int, int, int] | None = None  # (part, start, end) in that comment, once found


@dataclass(slots=True)  # not frozen: one is made per comment, and a frozen one takes 4x as long
class _Origin:
    """Who said a comment, when, where and with what score: every claim made of it has these."""

    by: str | None
    at: str | None
    url: str | None
    score: int | None

    def claim(
        self, ident: str, text: str, note: str | None, cites: tuple[Citation, ...] = ()
    ) -> Claim:
        return Claim(
            ident,
            text,
            by=self.by,
            cites=cites,
            note=note,
            at=self.at,
            url=self.url,
            score=self.score,
        )


@dataclass
class _Part:
    """A comment's own text up to its next quote, and the quotes before it that it answers."""

    paragraphs: list[str]
    quotes: list[_Quote] = field(default_factory=list)
    quoting_only: bool = False  # the comment says nothing but quotes: no words of its own
    ident: str = ""
    targets: list[str] = field(default_factory=list)  # the ids it answers
    wanted: list[tuple[int, int]] = field(default_factory=list)  # ranges replies quote
    cuts: dict[tuple[int, int], str] = field(default_factory=dict)  # passage range → its id
    # Quoted words → where they are (`find`): replies often quote the same words of a part.
    found: dict[str, tuple[int, int] | None] = field(default_factory=dict)

    @property
    def text(self) -> str:
        """The paragraphs a line apart: the same offsets as the normalised text."""
        return "\n".join(self.paragraphs)

    def find(self, words: str) -> tuple[int, int] | None:
        """Where `words` (normalised) are in `text`, stretched to whole sentences, or None;
        a passage less than the whole part is `wanted`. Worked out once for each text quoted."""
        if words not in self.found:
            span = None
            start = locate(" ".join(self.paragraphs), words)
            if start >= 0:
                text = self.text
                span = widen(text, start, start + len(words))
                if span[1] - span[0] < len(text):  # a quote of it all answers it as it is
                    self.wanted.append(span)
            self.found[words] = span
        return self.found[words]


def to_debate(thread: Thread, data: bytes, name: str, **about: str) -> Imported:
    """The debate of `thread` (read from `data`, the file `name`), what was mapped and what was
    not; `about` adds to the provenance (e.g. the layout of pasted text)."""
    return _Builder(thread).build(data, name, about)


class _Builder:
    def __init__(self, thread: Thread) -> None:
        self.thread = thread
        self.comments = thread.comments
        self.skipped: list[str] = []
        self.position: dict[str, int] = {}
        self.parents = self._parents()
        # Each block's text normalised once: (text, quote, of).
        self.blocks = [
            [(t, b.quote, b.of) for b in c.blocks if (t := normal(b.text))] for c in self.comments
        ]
        first = self.comments[0] if self.comments else None
        title = normal(thread.title or "")
        if first and first.parent is None and not first.deleted and not self.blocks[0] and title:
            self.blocks[0] = [(title, False, None)]  # a link post says its title
        own = [" ".join(t for t, q, _ in blocks if not q) for blocks in self.blocks]
        self.holders = Holders(own, self.parents)
        self.kept = self._kept()
        self.parts: list[list[_Part]] = [[] for _ in self.comments]
        self.base: dict[int, str] = {}

    def where(self, i: int) -> str:
        c = self.comments[i]
        return f"line {c.line}: " if c.line else f"comment {quote(c.key)}: "

    def _parents(self) -> list[int]:
        parents: list[int] = []
        for i, c in enumerate(self.comments):
            if c.key in self.position:
                self.skipped.append(
                    f"{self.where(i)}the comment key {quote(c.key)} is used twice; replies to it "
                    "are read as replies to the first"
                )
            self.position.setdefault(c.key, i)
            p = self.position.get(c.parent) if c.parent is not None else None
            if c.parent is not None and (p is None or p >= i):
                self.skipped.append(
                    f"{self.where(i)}it replies to {quote(c.parent)}, which is not in the input "
                    "before it: it answers nothing"
                )
            parents.append(p if p is not None and p < i else -1)
        return parents

    def _of(self, i: int, key: str | None) -> int | None:
        """The comment a site says a quote of comment i is from, if it is one before i."""
        p = self.position.get(key) if key is not None else None
        return p if p is not None and p < i else None

    def _kept(self) -> list[bool]:
        """Which comments become claims: all with text, and the deleted or empty ones that a
        kept comment answers (a reply, or a quote the site says is of it)."""
        answered = [False] * len(self.comments)
        kept = [False] * len(self.comments)
        for i in range(len(self.comments) - 1, -1, -1):  # replies come after what they answer
            kept[i] = not (self.comments[i].deleted or not self.blocks[i]) or answered[i]
            if kept[i]:
                if self.parents[i] >= 0:
                    answered[self.parents[i]] = True
                for _, is_quote, key in self.blocks[i]:
                    of = self._of(i, key) if is_quote else None
                    if of is not None:
                        answered[of] = True
        return kept

    # -- quotes ---------------------------------------------------------------------------------

    def _split(self, i: int) -> None:
        """Comment i in parts: its own text before its first quote, then each run of quotes
        with the text after it. A quote that no kept comment before it holds (an article, a
        page elsewhere) stays in the text, in quotation marks."""
        items: list[str | _Quote] = []
        for text, is_quote, key in self.blocks[i]:
            if not is_quote:
                items.append(text)
                continue
            of = self._of(i, key)
            if of is None:
                if key is not None:
                    self.skipped.append(
                        f"{self.where(i)}it quotes {quote(key)}, which is not in the input "
                        "before it; the quoted words are looked for instead"
                    )
                of = self.holders.find(text, i)
            if of is None or not self.kept[of]:
                items.append(f"\u201c{text}\u201d")
            elif items and isinstance(items[-1], _Quote) and items[-1].of == of:
                items[-1].text += " " + text  # one passage, quoted paragraph by paragraph
            else:
                items.append(_Quote(text, of))
        parts: list[_Part] = []
        waiting: list[_Quote] = []
        for item in items:
            if isinstance(item, _Quote):
                waiting.append(item)
            elif waiting or not parts:
                parts.append(_Part([item], waiting))
                waiting = []
            else:
                parts[-1].paragraphs.append(item)
        if waiting and parts:  # quotes with no text after them: the part before answers them
            parts[-1].quotes.extend(waiting)
        elif waiting:  # nothing but quotes: the quoted words are all it says
            parts.append(_Part([q.text for q in waiting], waiting, quoting_only=True))
            self.skipped.append(
                f"{self.where(i)}the comment only quotes: its claim is the quoted words"
            )
        self.parts[i] = parts

    def _locate(self, q: _Quote) -> None:
        """Find the passage `q` quotes in the comment that holds it, stretched to sentences."""
        for k, part in enumerate(self.parts[q.of]):
            if part.quoting_only:
                continue
            span = part.find(q.text)
            if span is not None:
                q.at = (k, *span)
                return

    def _name_parts(self, i: int) -> None:
        """Ids for comment i's parts and for the passages cut out of them: overlapping quoted
        ranges are one passage; none is cut when the passages would leave nothing."""
        n = 0
        for k, part in enumerate(self.parts[i]):
            part.ident = self.base[i] if k == 0 else f"{self.base[i]}.{k + 1}"
            if not part.wanted:  # no reply quotes a passage of it: nothing to cut
                continue
            merged: list[tuple[int, int]] = []
            for a, b in sorted(set(part.wanted)):
                if merged and a < merged[-1][1]:
                    merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
                else:
                    merged.append((a, b))
            if not any(ch.isalnum() for ch in without(part.text, merged)):
                continue
            for r in merged:
                n += 1
                part.cuts[r] = f"{self.base[i]}.q{n}"

    def _target(self, q: _Quote) -> str:
        """The id of what quote `q` answers: its passage, or the part or comment it quotes."""
        if q.at is None:
            return self.parts[q.of][0].ident if self.parts[q.of] else self.base[q.of]
        k, a, b = q.at
        part = self.parts[q.of][k]
        for (x, y), pid in part.cuts.items():
            if x <= a and b <= y:
                return pid
        return part.ident

    # -- the debate -----------------------------------------------------------------------------

    def build(self, data: bytes, name: str, about: dict[str, str]) -> Imported:
        kept = [i for i, k in enumerate(self.kept) if k]
        for i in kept:
            if not self.comments[i].deleted:
                self._split(i)
        for i in kept:
            for part in self.parts[i]:
                for q in part.quotes:
                    self._locate(q)
        people = People(self.comments, kept, self.skipped)
        ids = Ids()
        wanted = [people.id_base(i) for i in kept]
        self.base = dict(zip(kept, ids.assign(wanted, fallback="comment"), strict=True))
        for i in kept:
            self._name_parts(i)
        quoted_by: dict[str, list[tuple[str, str]]] = {}  # passage → (reply, words quoted)
        for i in kept:
            parent = self.parents[i]
            for part in self.parts[i]:
                part.targets = [self._target(q) for q in part.quotes]
                for t, q in zip(part.targets, part.quotes, strict=True):
                    quoted_by.setdefault(t, []).append((part.ident, q.text))
                if not part.targets and parent >= 0:
                    part.targets.append(self._first(parent))
        # Each claim's origin, text and note: the claims are made once their citations are
        # known (`cite_links` reads their texts), not made and then remade with citations.
        made: dict[str, tuple[_Origin, str, str | None]] = {}
        relations: dict[tuple[str, str], Relation] = {}
        claims_of: dict[int, list[str]] = {}
        deleted = passages = 0
        for i in kept:
            where = self._origin(i, people.name(i))
            mine = claims_of.setdefault(i, [])
            if not self.parts[i]:
                deleted += 1
                mine.append(self.base[i])
                made[self.base[i]] = (where, DELETED, DELETED_NOTE)
                if self.parents[i] >= 0:
                    answered = self._first(self.parents[i])
                    relations[(self.base[i], answered)] = _answers(self.base[i], answered)
                continue
            n = len(self.parts[i])
            for k, part in enumerate(self.parts[i]):
                note = part_note(k, n, self.base[i], list(part.cuts.values()))
                if part.cuts:
                    text = part.text
                    rest = as_paragraphs(without(text, list(part.cuts)))
                else:  # its paragraphs are `normal` text: nothing for `_paragraphs` to tidy
                    rest = "\n\n".join(part.paragraphs)
                made[part.ident] = (where, rest, note)
                mine.append(part.ident)
                for t in dict.fromkeys(part.targets):
                    relations[(part.ident, t)] = _answers(part.ident, t)
                for (a, b), pid in part.cuts.items():
                    passage = as_paragraphs(text[a:b])
                    note = passage_note(part.ident, passage, quoted_by.get(pid, []))
                    made[pid] = (where, passage, note)
                    mine.append(pid)
                    relations[(pid, part.ident)] = _answers(pid, part.ident)
                passages += len(part.cuts)
        if not made:
            raise ConvertError(
                f"the thread has no comment with text ({len(self.comments)} "
                f"comment{'' if len(self.comments) == 1 else 's'} read, none with words of "
                "its own)"
            )
        texts = {ident: text for ident, (_, text, _) in made.items()}
        sources, cites = cite_links(self.comments, claims_of, texts, ids, self.where, self.skipped)
        claims = {
            ident: origin.claim(ident, text, note, cites.get(ident, ()))
            for ident, (origin, text, note) in made.items()
        }
        return Imported(
            Debate(
                title=title_for(self.thread.title, self._first_words(kept), name),
                claims=claims,
                relations=tuple(relations.values()),
                sources=sources,
                speakers=people.speakers,
                url=valid_url(self.thread.url, "the thread's url", self.skipped),
                note=NOTE,
                file=name,
            ),
            self._mapped(len(claims), passages, len(relations), people, len(sources), deleted),
            [*self.thread.skipped, *self.skipped],
            provenance(self.thread.site, data, name, **about),
        )

    def _first_words(self, kept: list[int]) -> str:
        return next((self.holders.texts[i] for i in kept if self.holders.texts[i]), "")

    def _first(self, i: int) -> str:
        """The id a reply to comment i answers: its first part (or its placeholder)."""
        return self.parts[i][0].ident if self.parts[i] else self.base[i]

    def _origin(self, i: int, by: str | None) -> _Origin:
        c = self.comments[i]
        score = c.score if isinstance(c.score, int) and not isinstance(c.score, bool) else None
        at = c.at and valid_at(c.at, lambda: f"{self.where(i)}its time", self.skipped)
        url = c.url and valid_url(c.url, lambda: f"{self.where(i)}its url", self.skipped)
        return _Origin(by, at or None, url or None, score)

    def _mapped(
        self, claims: int, passages: int, answers: int, people: People, sources: int, deleted: int
    ) -> dict[str, int]:
        mapped = {
            "comments": len(self.comments),
            "claims": claims,
            "passages": passages,
            "answers": answers,
            "speakers": len(people.speakers),
            "sources": sources,
        }
        if deleted:
            mapped["deleted kept"] = deleted
        left_out = self.kept.count(False)
        if left_out:
            mapped["deleted left out"] = left_out
            self.skipped.append(
                f"{left_out} deleted or empty comment{'s' if left_out > 1 else ''} that nobody "
                "answered: left out"
            )
        if self.thread.missing:
            mapped["missing"] = self.thread.missing
            n = self.thread.missing
            # In all: the lines above may say where some of them are (a Reddit stub each).
            self.skipped.append(
                f"{n} comment{'s' if n != 1 else ''} in all that the site has "
                f"{'are' if n != 1 else 'is'} not in the input"
            )
        return mapped


def _answers(source: str, target: str) -> Relation:
    return Relation(source, target, RelationKind.ANSWERS, 0, 0)
