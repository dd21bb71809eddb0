"""What the thread builder (`threadmap.py`) takes from each comment besides its words: who
said it (speakers and the ids made from their names), what it links to (sources), and when and
where it was said, each checked as the loader will check it, so that every import passes
`argmap check`; and the notes that say why a comment was split and what was cut out of it.

Speakers are named by their user name (`FaceDeer`, not `FaceDeer@kbin.social`), unless two
different people share it across instances: then each is `name@instance` (one shown without an
instance keeps the bare name). A speaker's note says how the thread showed the name when that
differs ("Shown as ..."); the profile page is its `url`. A comment without an author gets no
`by:` at all: no speaker is invented.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import replace
from urllib.parse import urlsplit

from argmap.convert.fields import speaker_name
from argmap.convert.ids import Ids, from_node_id
from argmap.convert.passages import normal
from argmap.convert.thread import Comment
from argmap.errors import quote
from argmap.load.values import is_http, time_problem
from argmap.model import Citation, Source, Speaker

TITLE_WORDS = 12


def slug(name: str, length: int = 40) -> str:
    """An id part made of `name`: ASCII letters, digits, `_`, `.` and `-`, case kept.

    >>> slug("FaceDeer"), slug("Jürgen Groß"), slug("@x@lemmy.world"), slug("!!")
    ('FaceDeer', 'Jurgen-Gro', 'x-lemmy.world', '')
    """
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return from_node_id(ascii_name, numeric_text=False)[:length].strip(".-")


class People:
    """The speakers of the kept comments, and the name and id stem of each comment."""

    def __init__(self, comments: list[Comment], kept: list[int], skipped: list[str]) -> None:
        self.comments = comments
        homes: dict[str, list[str | None]] = {}
        authors: dict[int, str] = {}
        cleaned: dict[str, str] = {}  # each author as shown → speaker_name of it, worked out once
        for i in kept:
            c = comments[i]
            if not c.author:
                continue
            author = cleaned.get(c.author)
            if author is None:
                author = cleaned[c.author] = speaker_name(c.author)
            if not author:
                continue
            authors[i] = author
            seen = homes.setdefault(author, [])
            if c.author_home not in seen:
                seen.append(c.author_home)
        self.names: dict[int, str] = {}
        self.speakers: dict[str, Speaker] = {}
        shown: dict[str, list[str]] = {}
        for i, author in authors.items():
            c = comments[i]
            home = c.author_home
            name = f"{author}@{home}" if len(homes[author]) > 1 and home else author
            self.names[i] = name
            forms = shown.setdefault(name, [])
            if c.author_shown and c.author_shown != name and c.author_shown not in forms:
                forms.append(c.author_shown)
            known = self.speakers.get(name)
            if known is None or (known.url is None and c.author_url is not None):
                # A speaker's first comment, or the first that shows its profile's address.
                url = None
                if c.author_url is not None:
                    url = valid_url(c.author_url, f"the profile of {quote(name)}", skipped)
                self.speakers[name] = Speaker(name, url=url)
        for name, forms in shown.items():
            if forms:
                listed = " and ".join(f'"{f}"' for f in forms)
                self.speakers[name] = replace(self.speakers[name], note=f"Shown as {listed}.")
        self._counts: dict[str, int] = {}
        self._stems: dict[str, str] = {}

    def name(self, i: int) -> str | None:
        return self.names.get(i)

    def id_base(self, i: int) -> str:
        """`NAME-N` for the Nth comment of a name (`comment-N` without one), in thread order:
        call it once per comment, in order."""
        name = self.names.get(i)
        if name is None:
            stem = "comment"
        elif (stem := self._stems.get(name, "")) == "":  # worked out once per name
            stem = self._stems[name] = slug(name) or "comment"
        self._counts[stem] = self._counts.get(stem, 0) + 1
        return f"{stem}-{self._counts[stem]}"


# What a checked value is, for its report: text, or a function that makes the text, for the
# checks made of every comment, so that the text is made only when there is a report (making
# `line 123: its time` for each of 10,000 comments took a fifth of the checks' time).
What = str | Callable[[], str]


def _said(what: What) -> str:
    return what if isinstance(what, str) else what()


def valid_url(url: str | None, what: What, skipped: list[str]) -> str | None:
    """`url` when it is an http(s) address; otherwise None, reported unless it was absent."""
    if url is None or not url.strip():
        return None
    if is_http(url) and url == url.strip():
        return url
    skipped.append(f"{_said(what)} {quote(url)} is not an http(s) address: left out")
    return None


def valid_at(at: str | None, what: What, skipped: list[str]) -> str | None:
    """`at` when the loader takes it (ISO 8601 with a zone, or a date); else None, reported."""
    if at is None:
        return None
    problem = time_problem(at)
    if problem is None:
        return at
    skipped.append(f"{_said(what)} {quote(at)} {problem}: left out")
    return None


def title_for(title: str | None, first: str, name: str) -> str:
    """The thread's title; else the first words of its first comment; else the file's name.

    >>> title_for(None, "one two three four five six seven eight nine ten 11 12 13", "t.txt")
    'one two three four five six seven eight nine ten 11 12…'
    """
    if title is not None and normal(title):
        return normal(title)
    words = normal(first).split(" ")
    if words != [""]:
        return " ".join(words[:TITLE_WORDS]) + ("\u2026" if len(words) > TITLE_WORDS else "")
    return name.replace("\\", "/").rsplit("/", 1)[-1] or name


def source_id(url: str) -> str:
    """An id from a link's host and path.

    >>> source_id("https://www.example.org/papers/2301.13188/"), source_id("http://x.org")
    ('example.org-papers-2301.13188', 'x.org')
    """
    parts = urlsplit(url)
    host = (parts.hostname or "").removeprefix("www.")
    return slug(host + parts.path.rstrip("/"), 60) or "source"


def cite_links(
    comments: list[Comment],
    claims_of: dict[int, list[str]],
    texts: Mapping[str, str],
    ids: Ids,
    where: Callable[[int], str],
    skipped: list[str],
) -> tuple[dict[str, Source], dict[str, tuple[Citation, ...]]]:
    """One source per distinct http(s) address that kept comments link to, cited by the claim
    of the comment whose text shows the link (its words, or the address), else by the
    comment's first claim; `texts` are the claims' texts. Returns the sources and what each
    citing claim cites. Other links are reported, and are not sources."""
    found: dict[str, str | None] = {}  # url → title
    citing: dict[str, list[str]] = {}  # claim id → urls
    for i, mine in claims_of.items():
        for link in comments[i].links:
            url = link.url
            if not is_http(url) or url != url.strip():
                skipped.append(
                    f"{where(i)}the link {quote(url)} is not an http(s) address: not a source"
                )
                continue
            title = normal(link.title) if link.title else None
            title = title if title and title != url else None
            if url not in found or found[url] is None:
                found[url] = title
            shows = next(
                (c for c in mine if (title and title in texts[c]) or url in texts[c]),
                mine[0],
            )
            urls = citing.setdefault(shows, [])
            if url not in urls:
                urls.append(url)
    urls = list(found)
    given = ids.assign([source_id(u) for u in urls], fallback="source")
    sid = dict(zip(urls, given, strict=True))
    cite = {u: Citation(sid[u]) for u in urls}  # one each: many claims cite one address
    cites = {cid: tuple(cite[u] for u in cited) for cid, cited in citing.items()}
    return {sid[u]: Source(sid[u], title=found[u] or u, url=u) for u in urls}, cites


def part_note(k: int, n: int, base: str, cut: list[str]) -> str | None:
    """The note on part k of a comment split in n where it quotes, and on the passages cut out
    of it (`cut`, their ids)."""
    notes = []
    if n > 1:
        notes.append(f"Part {k + 1} of {n} of one comment ({base}), split where it quotes.")
    if cut:
        some = "passages" if len(cut) > 1 else "passage"
        notes.append(f"Replies quote the {some} {' and '.join(cut)}, cut out of this text.")
    return " ".join(notes) or None


def passage_note(part: str, passage: str, quoted_by: list[tuple[str, str]]) -> str:
    """What a passage was cut out of, which replies quote it, and their words when the passage
    was stretched to whole sentences."""
    replies = list(dict.fromkeys(r for r, _ in quoted_by))
    verb = "quotes" if len(replies) == 1 else "quote"
    note = f"A passage of {part}, a claim of its own because {', '.join(replies)} {verb} it."
    as_written = normal(passage)
    words = [w for _, w in quoted_by if w != as_written]
    if words:
        shown = " and ".join(f"\u201c{w}\u201d" for w in dict.fromkeys(words))
        note += f" Quoted as {shown}; the passage is the whole sentence."
    return note
