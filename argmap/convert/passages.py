"""Quoted words in a thread: which comment holds them, and which of its sentences they are.

Replies quote what they answer, and the quote is found by its words: a passage is *held* by a
comment when its words occur in the comment's own text (not in what that comment quotes),
verbatim once runs of white space are made one space (`normal`), and without cutting a word in
two. `Holders.find` looks at the nearest ancestors of the quoting comment first, then at the
latest earlier comment; `widen` stretches the words to whole sentences, so a passage cut out of
a comment reads as a claim of its own.

Quotes are looked up without reading every comment: the parent and a few more ancestors are
read directly (a reply usually quotes its parent), and beyond them an index of words (built on
first need) names the comments that hold the quote's rarest word, of which the latest
`CANDIDATES` are read. A thread of 10,000
comments each quoting its parent costs 10,000 look-ups, not 50 million.

>>> h = Holders(["It is not stored. Never.", "Far from it.", "It is not stored."], [-1, 0, 1])
>>> h.find("It is not stored.", 2), h.find("not stored", 2), h.find("it is", 2), h.find("Far", 1)
(0, 0, None, None)
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

# White space a browser copy or a site's text may hold between words; the line breaks YAML
# knows besides \n (NEL, LS, PS) are characters here, as everywhere in argmap.
_SPACE = re.compile("[ \t\n\r\f\v\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_WORD = re.compile(r"\w+")
# The end of a sentence: its mark, then closing quotes or brackets, then a space or the end.
_END = re.compile(r"[.!?\u2026]+[\"'\u201d\u2019\u00bb)\]]*(?= |\n|$)")
ANCESTORS = 32  # ancestors read directly before the index is asked
CANDIDATES = 1000  # comments the index offers for one quote, at most, latest first


def normal(text: str) -> str:
    """`text` with each run of white space made one space, and none at either end.

    >>> normal(" a\\t b\\u00a0c\\n")
    'a b c'
    """
    # Most text is normal already: with every character printable, a space is the only white
    # space it can hold (the others are not printable), so no run, and none at either end,
    # says so in a fraction of the time of the substitution.
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text
    return _SPACE.sub(" ", text).strip()


def _word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def locate(holder: str, words: str) -> int:
    """Where `words` first occur in `holder` without cutting a word in two; -1 if nowhere.

    >>> locate("So derivative.", "derivative."), locate("underivative", "derivative")
    (3, -1)
    """
    if not words:
        return -1
    start = holder.find(words)
    while start >= 0:
        end = start + len(words)
        cuts_before = start > 0 and _word(holder[start - 1]) and _word(words[0])
        cuts_after = end < len(holder) and _word(holder[end]) and _word(words[-1])
        if not (cuts_before or cuts_after):
            return start
        start = holder.find(words, start + 1)
    return -1


def widen(text: str, start: int, end: int) -> tuple[int, int]:
    """`text[start:end]` stretched to whole sentences: back to the start of the sentence it
    starts in, on to the end of the sentence it ends in. A sentence ends with `.`, `!`, `?` or
    `…` (and any closing quotes or brackets) before a space, and at the end of a paragraph
    (a line break in `text`). Only the paragraphs at either end are read.

    >>> t = "I see, so you say it is not stored in its original form, so no copy. Wrong."
    >>> s = t.index("it is not"); a, b = widen(t, s, s + 20); t[a:b]
    'I see, so you say it is not stored in its original form, so no copy.'
    """
    a = text.rfind("\n", 0, start) + 1
    for m in _END.finditer(text, a, start):
        if m.end() < start:
            a = m.end() + 1
    last = text.find("\n", end)
    last = len(text) if last < 0 else last
    b = last
    for m in _END.finditer(text, text.rfind("\n", 0, end) + 1, last):
        if m.end() >= end:
            b = m.end()
            break
    return a, b


def is_sentences(text: str, start: int, end: int) -> bool:
    """Whether `text[start:end]` is one or more whole sentences of `text`."""
    return widen(text, start, end) == (start, end)


class Holders:
    """The own words of a thread's comments, to find who said words that a reply quotes.

    `texts[i]` is comment i's own text, normalised (`normal`); `parents[i]` the position of the
    comment it replies to, or -1. A parent comes before its replies. `texts` may be filled in
    as the comments are read, as long as every comment before the one asking is filled in.
    """

    def __init__(self, texts: list[str], parents: Sequence[int]) -> None:
        self.texts = texts
        self.parents = parents
        self._index: dict[str, list[int]] | None = None
        # Each comment's parent, or -1 where it has none before it: the walk up in `find`
        # then takes one look-up a step.
        self._up = [p if 0 <= p < i else -1 for i, p in enumerate(parents)]
        self._walked = False
        self._enter: list[int] = []
        self._exit: list[int] = []

    def _walk(self) -> None:
        """Ancestry in O(1): a comment's descendants are the comments between its entry and
        its exit in a depth-first walk (done without recursion: threads nest deep). Walked on
        the first question only: a thread whose quotes are all its nearest ancestors' asks
        none (25 ms saved on 10,000 comments)."""
        self._walked = True
        n = len(self._up)
        children: list[list[int]] = [[] for _ in range(n)]
        roots: list[int] = []
        for i, p in enumerate(self._up):
            (roots if p < 0 else children[p]).append(i)
        self._enter = [0] * n
        self._exit = [0] * n
        clock = 0
        stack: list[tuple[int, bool]] = [(r, False) for r in reversed(roots)]
        while stack:
            node, done = stack.pop()
            if done:
                self._exit[node] = clock
                continue
            self._enter[node] = clock
            clock += 1
            stack.append((node, True))
            stack.extend((c, False) for c in reversed(children[node]))

    def add(self, i: int, text: str) -> None:
        """Set comment i's own text (normalised), for texts filled in as comments are read."""
        self.texts[i] = text
        if self._index is not None:
            for word in set(_WORD.findall(text.lower())):
                self._index.setdefault(word, []).append(i)

    def is_ancestor(self, a: int, c: int) -> bool:
        """Whether comment `a` is an ancestor of comment `c` (not `c` itself)."""
        if not self._walked:
            self._walk()
        return a != c and self._enter[a] <= self._enter[c] < self._exit[a]

    def _postings(self) -> dict[str, list[int]]:
        if self._index is None:
            index: dict[str, list[int]] = {}
            for i, text in enumerate(self.texts):
                for word in set(_WORD.findall(text.lower())):
                    index.setdefault(word, []).append(i)
            self._index = index
        return self._index

    def lineage(self, at: int) -> str | None:
        """The own texts of comment `at`'s ancestors, one a line; None if it has more than
        `ANCESTORS` of them. Words (normalised, so on one line) that are not in it are held by
        no ancestor: `find(words, at, ancestors_only=True)` is None, told by one `in` for all
        of a comment's paragraphs instead of a walk up for each.

        >>> Holders(["a b", "c d", "e"], [-1, 0, 1]).lineage(2)
        'c d\\na b'
        """
        texts, up = self.texts, self._up
        held: list[str] = []
        ancestor = up[at]
        while ancestor >= 0:
            if len(held) == ANCESTORS:
                return None
            held.append(texts[ancestor])
            ancestor = up[ancestor]
        return "\n".join(held)

    def find(self, words: str, at: int, ancestors_only: bool = False) -> int | None:
        """The comment that holds `words` (normalised) for comment `at`: its nearest ancestor
        that does, else (unless `ancestors_only`) the latest comment before it that does."""
        texts, up = self.texts, self._up
        ancestor = up[at]
        for _ in range(ANCESTORS):
            if ancestor < 0:  # every ancestor is read, and none holds the words
                return None if ancestors_only else self._search(words, at, False)
            # `in` first: most ancestors do not hold the words at all, and it is no Python call.
            if words in texts[ancestor] and locate(texts[ancestor], words) >= 0:
                return ancestor
            ancestor = up[ancestor]
        return self._search(words, at, ancestors_only)

    def _search(self, words: str, at: int, ancestors_only: bool) -> int | None:
        """Ask the index: the candidates are the comments before `at` that hold the rarest
        word of `words`, read latest first; the first ancestor that holds the words
        wins (the latest ancestor is the nearest), else the first other comment that does."""
        tokens = set(_WORD.findall(words.lower()))
        if tokens:
            index = self._postings()
            rarest = min((index.get(t, []) for t in tokens), key=len)
            before = bisect.bisect_left(rarest, at)
            candidates: Sequence[int] = rarest[max(0, before - CANDIDATES) : before][::-1]
        else:  # no word at all (punctuation): read the latest comments
            candidates = range(at - 1, max(-1, at - 1 - CANDIDATES), -1)
        fallback = None
        for c in candidates:
            ancestor = self.is_ancestor(c, at)
            if (ancestors_only or fallback is not None) and not ancestor:
                continue
            held = self.texts[c]
            if words not in held or locate(held, words) < 0:
                continue
            if ancestor:
                return c
            fallback = c
        return fallback


def without(text: str, cuts: list[tuple[int, int]]) -> str:
    """`text` with the ranges `cuts` (start, end) taken out."""
    out, at = [], 0
    for a, b in sorted(cuts):
        out.append(text[at:a])
        at = b
    out.append(text[at:])
    return "".join(out)


def as_paragraphs(text: str) -> str:
    """Paragraphs (split at line breaks, each already normalised but for the spaces a cut may
    leave at its ends or doubled) with a blank line between."""
    return "\n\n".join(p for line in text.split("\n") if (p := line.strip().replace("  ", " ")))
