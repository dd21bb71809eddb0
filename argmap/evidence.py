"""What changed in a debate's evidence from one version to another, for `argmap.compare`: the
sources listed under `sources:` added, removed or with other details (`sources`), and the
citations of each claim in both versions added, removed or changed (`citations`).

An inline source is the same source wherever it stands in the claim's `cites:` (its id, `a#1`
here and `a#2` there, says only where): only the citation of `s` is new.

>>> from argmap import loads
>>> head = "title: T\\nsources: {s: {title: S}}\\nclaims:\\n  a: {text: A, cites: "
>>> old = loads(head + "[{url: https://x.org}]}\\n")
>>> new = loads(head + "[s, {url: https://x.org}]}\\n")
>>> added, removed, changed = citations(old, new)
>>> [(x.claim, x.citation.source) for x in added], removed, changed
([('a', 's')], (), ())
"""

from __future__ import annotations

from dataclasses import dataclass

from argmap.model import Citation, Debate, Source

__all__ = ["CitationChange", "Cited", "FieldChange", "SourceChange", "citations", "sources"]


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One detail that changed: of a source (`title`, `url`, `author`, `date`) or of a citation
    (`quote`, `locator`); None where a version has none."""

    field: str
    old: str | None
    new: str | None


@dataclass(frozen=True, slots=True)
class SourceChange:
    """A source listed under `sources:` in both versions whose details changed."""

    id: str
    fields: tuple[FieldChange, ...]


@dataclass(frozen=True, slots=True)
class Cited:
    """A claim citing a source, as one version has it: the citation and the source it names."""

    claim: str
    citation: Citation
    source: Source


@dataclass(frozen=True, slots=True)
class CitationChange:
    """A claim citing the same source in both versions, otherwise: another quote or locator,
    or, for an inline source (which has no home but the citation), other details. `source` is
    its id in the new version."""

    claim: str
    source: str
    inline: bool
    fields: tuple[FieldChange, ...]


# The details of a source that count. Its note is a comment on it: a note changed is no change,
# as for a claim's note.
SOURCE_FIELDS = ("title", "url", "author", "date")
CITATION_FIELDS = ("quote", "locator")


def sources(
    before: Debate, after: Debate
) -> tuple[tuple[Source, ...], tuple[Source, ...], tuple[SourceChange, ...]]:
    """The sources listed under `sources:` added (in the order of the new file), removed (of
    the old) and changed (of the new). Inline ones come with their citations (`citations`).

    >>> from argmap import loads
    >>> claims = "\\nclaims: {a: {text: A, cites: s}}"
    >>> old = loads("title: T\\nsources: {s: {title: S}}" + claims)
    >>> new = loads("title: T\\nsources: {s: {url: https://s.org}}" + claims)
    >>> [(f.field, f.old, f.new) for f in sources(old, new)[2][0].fields]
    [('title', 'S', None), ('url', None, 'https://s.org')]
    """
    was, now = ({i: s for i, s in d.sources.items() if not s.inline} for d in (before, after))
    return (
        tuple(s for i, s in now.items() if i not in was),
        tuple(s for i, s in was.items() if i not in now),
        tuple(
            SourceChange(i, fields)
            for i, s in now.items()
            if i in was and (fields := _fields(was[i], s, SOURCE_FIELDS))
        ),
    )


def _fields(old: object, new: object, names: tuple[str, ...]) -> tuple[FieldChange, ...]:
    return tuple(
        FieldChange(name, getattr(old, name), getattr(new, name))
        for name in names
        if getattr(old, name) != getattr(new, name)
    )


def citations(
    before: Debate, after: Debate
) -> tuple[tuple[Cited, ...], tuple[Cited, ...], tuple[CitationChange, ...]]:
    """The citations added to, removed from and changed in each claim in both versions.

    A claim's citations are matched, not compared place by place: the order of `cites:` means
    nothing, and an inline source's id (`CLAIM#N`) says only where it stands. First the
    citations that did not change at all; then those of the same listed source, or of an
    inline source with the same details (another quote or locator); then inline sources with
    the same url, then the same title (details fixed). What is left was added or removed."""
    was, now = before.claims, after.claims
    added: dict[str, list[Cited]] = {}
    removed: dict[str, list[Cited]] = {}
    changed: dict[str, list[CitationChange]] = {}
    for c in (c for c in now if c in was):
        old = [Cited(c, cite, before.sources[cite.source]) for cite in was[c].cites]
        new = [Cited(c, cite, after.sources[cite.source]) for cite in now[c].cites]
        left_old, left_new = list(range(len(old))), list(range(len(new)))
        found: list[tuple[int, CitationChange]] = []
        for key in (_exactly, _what, _url, _title):
            for i, j in _paired(
                [(i, key(old[i])) for i in left_old], [(j, key(new[j])) for j in left_new]
            ):
                left_old.remove(i)
                left_new.remove(j)
                a, b = old[i], new[j]
                fields = _fields(a.citation, b.citation, CITATION_FIELDS)
                if b.source.inline:
                    fields = _fields(a.source, b.source, SOURCE_FIELDS) + fields
                if fields:
                    found.append((j, CitationChange(c, b.citation.source, b.source.inline, fields)))
        added[c] = [new[j] for j in left_new]
        removed[c] = [old[i] for i in left_old]
        changed[c] = [change for _, change in sorted(found, key=lambda x: x[0])]
    return (
        tuple(x for c in now if c in added for x in added[c]),
        tuple(x for c in was if c in removed for x in removed[c]),
        tuple(x for c in now if c in changed for x in changed[c]),
    )


def _exactly(cited: Cited) -> object:
    return _what(cited), cited.citation.quote, cited.citation.locator


def _what(cited: Cited) -> object:
    """What a citation names: a listed source by its id, an inline one by its details."""
    if not cited.source.inline:
        return cited.citation.source
    return tuple(getattr(cited.source, name) for name in SOURCE_FIELDS)


def _url(cited: Cited) -> object:
    return cited.source.url if cited.source.inline else None


def _title(cited: Cited) -> object:
    return cited.source.title if cited.source.inline else None


def _paired(old: list[tuple[int, object]], new: list[tuple[int, object]]) -> list[tuple[int, int]]:
    """Each of `new` (place, key) paired with the first of `old` with the same key, in order;
    a key of None pairs nothing.

    >>> _paired([(0, "a"), (1, None), (2, "a")], [(0, None), (1, "a"), (2, "a"), (3, "a")])
    [(0, 1), (2, 2)]
    """
    pairs: list[tuple[int, int]] = []
    free = list(old)
    for j, key in new:
        if key is None:
            continue
        at = next((n for n, (_, k) in enumerate(free) if k == key), None)
        if at is not None:
            pairs.append((free.pop(at)[0], j))
    return pairs
