"""`text`: a thread copied from a web page (Lemmy, kbin ...) → a `Thread` → a `Debate`.

Three layouts are read, and which one was found is said in the provenance (docs/threads.md
shows each):

- **headers** (Lemmy and kbin, as a browser copies them): a `•` bullet per comment with its
  author (`name@instance`, `@name@instance` or a bare `name`), then header lines (`link`,
  `fedilink`, `arrow-up`, the score, `·`, `edit-2`, a language such as `English`, the age such
  as `1 year ago`), a blank line and the paragraphs. The bullet's column gives the nesting.
- **bullets**: the same without author lines: `• text` starts each comment.
- **paragraphs**: no bullets at all; only repeated paragraphs show who answers whom. A comment
  is a run of paragraphs that starts with its quotes and ends where the next quote starts.

A reply's paragraph that repeats words of an earlier comment is a quote (Lemmy shows Markdown
`>` quotes, and a copy loses the `>`): in the first two layouts the words must be an ancestor's,
in the third any earlier paragraph's. Header lines are read by the rules in `headers.py`; any
that argmap does not know is reported with its line and left out of the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from argmap.convert import ConvertError, Imported, decode_text
from argmap.convert.headers import Header, read_header
from argmap.convert.passages import Holders, is_sentences, locate, normal
from argmap.convert.thread import Block, Comment, Link, Thread
from argmap.convert.threadmap import to_debate

LAYOUTS = {
    "headers": "bullets with author lines (Lemmy, kbin)",
    "bullets": "bullets without author lines",
    "paragraphs": "paragraphs without bullets",
}
_BULLET = re.compile(r"([ \t]*)\u2022[ \t]*(.*)")
_NAME = re.compile(r"@?([^\s@\u2022]+)(?:@([^\s@]+\.[^\s@]+))?")
_URL = re.compile(r"https?://[^\s<>\"\u201c\u201d]+", re.IGNORECASE)
_KIALO = re.compile(
    r"\ufeff?[ \t]*Discussion (Title|Name)[ \t]*:|[ \t]*(\d+\.){2,}[ \t]+(Pro|Con):"
)
DELETED = {"deleted by creator", "removed by mod", "removed by moderator", "[deleted]", "[removed]"}
SHORT = 4  # a paragraph of fewer words is never taken for a quote ("Yes.", "It is not.")
SENTENCES = 8  # below this many words, a quote must be whole sentences of what it quotes


def read(data: bytes, name: str, copied: datetime | None = None) -> Imported:
    """Read a pasted thread (`data`, the file's bytes; `name`, what to call it).

    >>> text = "• ann@a.org\\n link\\n\\n Cats flow.\\n\\n • bob\\n  link\\n\\n  No."
    >>> got = read(text.encode(), "t.txt")
    >>> [(r.source, r.target) for r in got.debate.relations], got.provenance["layout"]
    ([('bob-1', 'ann-1')], 'bullets with author lines (Lemmy, kbin)')
    """
    reader = _Reader(_lines(data), copied)
    thread = reader.thread()
    about = {"layout": LAYOUTS[reader.layout]}
    if copied is not None:
        about["times"] = (
            f"each comment's age counted back from {stamp(copied, 'second')}, when the page was "
            "copied, to the precision of the age"
        )
    return to_debate(thread, data, name, **about)


def parse(data: bytes, name: str, copied: datetime | None = None) -> Thread:
    """The thread in a pasted page, before it becomes claims (`name` is for messages); with
    `copied` (when the page was copied, aware), each comment dated from the age it shows."""
    return _Reader(_lines(data), copied).thread()


# How far back each unit of a page's age goes, and how much of a time is kept for it: an age
# in days says nothing of the hour, so what it gives is a date.
_UNIT = {
    "second": (timedelta(seconds=1), "second"),
    "minute": (timedelta(minutes=1), "minute"),
    "hour": (timedelta(hours=1), "hour"),
    "day": (timedelta(days=1), "day"),
    "week": (timedelta(weeks=1), "day"),
    "month": (timedelta(days=30), "day"),
    "year": (timedelta(days=365), "day"),
}


def dated(copied: datetime, age: tuple[int, str]) -> str:
    """When a comment `age` old at `copied` was posted, to the precision its age gives.

    >>> t = datetime(2023, 7, 20, 12, 34, 56, tzinfo=UTC)
    >>> [dated(t, a) for a in ((0, "second"), (5, "minute"), (2, "hour"))]
    ['2023-07-20T12:34:56Z', '2023-07-20T12:29:00Z', '2023-07-20T10:00:00Z']
    >>> [dated(t, a) for a in ((5, "day"), (1, "week"), (1, "year"))]
    ['2023-07-15', '2023-07-13', '2022-07-20']
    """
    count, unit = age
    step, precision = _UNIT[unit]
    return stamp(copied - count * step, precision)


def stamp(at: datetime, precision: str) -> str:
    """`at` in UTC as an `at:` value, cut to `precision` (`second`, `minute`, `hour`, `day`)."""
    at = at.astimezone(UTC)
    if precision == "day":
        return at.date().isoformat()
    if precision == "hour":
        at = at.replace(minute=0, second=0, microsecond=0)
    elif precision == "minute":
        at = at.replace(second=0, microsecond=0)
    return at.replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def _lines(data: bytes) -> list[str]:
    if b"\0" in data:
        raise ConvertError("this is a binary file, not text copied from a web page", 1, 1)
    text = decode_text(data, "a pasted thread is text")
    if not text.strip():
        raise ConvertError("the file is empty: paste a thread copied from a web page into it")
    # The line breaks are \r\n, \r and \n: made \n, they split in a fifth of the time of
    # re.split(r"\r\n|\r|\n") (85 ms on a 10,000-comment page, now 17 ms).
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    kialo = [i for i, line in enumerate(lines[:2000]) if _KIALO.match(line)]
    if kialo and (lines[kialo[0]].lstrip("\ufeff \t").startswith("Discussion") or len(kialo) > 1):
        raise ConvertError(
            "this looks like Kialo's text export, not a thread copied from a web page: "
            "try `argmap import kialo`",
            kialo[0] + 1,
            1,
        )
    return lines


@dataclass
class _Raw:
    """A comment as read, before its quotes are found."""

    parent: int  # the position of the comment it replies to, or -1
    author_line: str | None
    index: int  # of its first line
    paragraphs: list[str]
    score: int | None = None
    at: str | None = None

    def comment(
        self, i: int, blocks: tuple[Block, ...], paragraphs: list[str], deleted: bool
    ) -> Comment:
        """Comment i, of `blocks`, of which `paragraphs` are the texts not quoted."""
        author = home = None
        if self.author_line:
            m = _NAME.fullmatch(self.author_line)
            assert m is not None
            author, home = m.groups()
        return Comment(
            str(i + 1),
            str(self.parent + 1) if self.parent >= 0 else None,
            author,
            blocks,
            author_home=home,
            author_shown=self.author_line if self.author_line != author else None,
            score=self.score,
            at=self.at,
            links=_links(paragraphs),
            deleted=deleted,
            line=self.index + 1,
        )


class _Reader:
    def __init__(self, lines: list[str], copied: datetime | None = None) -> None:
        self.lines = lines
        self.copied = copied
        self.skipped: list[str] = []
        self.layout = "paragraphs"
        self._headers: dict[int, range] = {}

    def thread(self) -> Thread:
        bullets = [
            (i, m.group(1), m.group(2))
            for i, line in enumerate(self.lines)
            if "\u2022" in line and (m := _BULLET.fullmatch(line))
        ]
        headed = [b for b in bullets if self._is_author_line(b[0], b[2])]
        first = next((i for i, line in enumerate(self.lines) if line.strip()), 0)
        if headed:
            comments = self._bulleted(headed, "headers")
        elif bullets and bullets[0][0] == first:  # else a list in a page without bullets
            comments = self._bulleted(bullets, "bullets")
        else:
            comments = self._paragraphs()
        return Thread("text", comments, skipped=self.skipped)

    # -- the layouts with bullets ---------------------------------------------------------------

    def _header_lines(self, i: int) -> range:
        """The lines after line i up to the first blank one or the first of more than three
        words (the text has begun)."""
        out = self._headers.get(i)
        if out is not None:  # asked twice: whether it is an author line, then to read them
            return out
        lines = self.lines
        j = i + 1
        while j < len(lines) and 0 < len(lines[j].split(None, 3)) <= 3:
            j += 1
        out = self._headers[i] = range(i + 1, j)
        return out

    def _is_author_line(self, i: int, rest: str) -> bool:
        if _NAME.fullmatch(rest.strip()) is None:
            return False
        return any(Header.known(self.lines[j].strip()) for j in self._header_lines(i))

    def _bulleted(self, starts: list[tuple[int, str, str]], layout: str) -> list[Comment]:
        """Comments from the bullets that start them, `(line index, indentation, rest of the
        line)`, in the layout `headers` or `bullets`."""
        self.layout = layout
        raws: list[_Raw] = []
        if any(line.strip() for line in self.lines[: starts[0][0]]):
            first = next(i for i, line in enumerate(self.lines) if line.strip())
            self.skipped.append(
                f"line {first + 1}: the text before the first comment is read as a comment of "
                "its own, by nobody named"
            )
            raws.append(_Raw(-1, None, first, _paragraphs(self.lines[first : starts[0][0]])))
        stack: list[tuple[int, int]] = []  # (column, position) of the comments open above
        for n, (i, indent, rest) in enumerate(starts):
            end = starts[n + 1][0] if n + 1 < len(starts) else len(self.lines)
            column = len(indent.expandtabs(4))
            while stack and stack[-1][0] >= column:
                stack.pop()
            parent = stack[-1][1] if stack else -1
            stack.append((column, len(raws)))
            if self.layout == "bullets":
                raws.append(_Raw(parent, None, i, _paragraphs([rest, *self.lines[i + 1 : end]])))
                continue
            header_lines = self._header_lines(i)
            author = rest.strip()
            header = read_header([(j + 1, self.lines[j].strip()) for j in header_lines], author)
            self.skipped.extend(header.skipped)
            body = _paragraphs(self.lines[header_lines.stop : end])
            at = None
            if self.copied is not None and header.age is not None:
                at = dated(self.copied, header.age)
            raws.append(_Raw(parent, author, i, body, header.score, at))
        return self._find_quotes(raws)

    def _find_quotes(self, raws: list[_Raw]) -> list[Comment]:
        """The comments, with each paragraph that repeats an ancestor's own words marked as a
        quote of it."""
        holders = Holders([""] * len(raws), [r.parent for r in raws])
        own: list[list[str]] = []
        comments = []
        for i, r in enumerate(raws):
            blocks = []
            plain = []  # the paragraphs not quoted, as written
            mine = []  # and normalised
            deleted = len(r.paragraphs) == 1 and r.paragraphs[0].lower() in DELETED
            # What the ancestors said, to pass over the paragraphs that repeat none of it
            # without looking further (40 ms of 10,000 comments' 20,000 own paragraphs).
            lineage = holders.lineage(i)
            for text in () if deleted else r.paragraphs:
                words = normal(text)
                if lineage is not None and words not in lineage:
                    h = None
                else:
                    h = _quoted(holders, own, words, i, ancestors_only=True)
                if h is None:
                    blocks.append(Block(text))
                    plain.append(text)
                    mine.append(words)
                else:
                    blocks.append(Block(text, True, str(h + 1)))
            own.append(mine)
            holders.add(i, " ".join(mine))
            comments.append(r.comment(i, tuple(blocks), plain, deleted))
        return comments

    # -- the layout without bullets -------------------------------------------------------------

    def _paragraphs(self) -> list[Comment]:
        """Comments as runs of paragraphs, each starting with its quotes (docs/threads.md)."""
        found = _paragraph_lines(self.lines)
        holders = Holders([""] * len(found), [-1] * len(found))
        own: list[list[str]] = []
        comment_of: list[str] = []  # the key of the comment each paragraph is in
        runs: list[tuple[int, list[Block]]] = []  # (line, blocks) of each comment
        for k, (line, text) in enumerate(found):
            h = _quoted(holders, own, normal(text), k, ancestors_only=False)
            if h is not None:
                block = Block(text, True, comment_of[h])
                if not runs or any(not b.quote for b in runs[-1][1]):
                    runs.append((line, []))
                runs[-1][1].append(block)
                own.append([])
            else:
                if not runs:
                    runs.append((line, []))
                runs[-1][1].append(Block(text))
                own.append([normal(text)])
            holders.add(k, " ".join(own[-1]))
            comment_of.append(str(len(runs)))
        if runs and all(b.quote for b in runs[-1][1]):
            line, blocks = runs.pop()
            self.skipped.append(
                f"line {line}: the last paragraph{'s' if len(blocks) > 1 else ''} repeat"
                f"{'' if len(blocks) > 1 else 's'} an earlier comment with no reply after "
                f"{'them' if len(blocks) > 1 else 'it'} (a reply cut off?): left out"
            )
        comments = []
        for n, (line, blocks) in enumerate(runs, 1):
            parent = next((b.of for b in blocks if b.quote), None)
            paragraphs = [b.text for b in blocks if not b.quote]
            links = _links(paragraphs)
            comments.append(Comment(str(n), parent, None, tuple(blocks), links=links, line=line))
        return comments


def _quoted(
    holders: Holders, own: list[list[str]], text: str, i: int, ancestors_only: bool
) -> int | None:
    """Which earlier comment (or paragraph) paragraph `text` of comment i quotes, if any: it
    repeats that one's own words, and is long enough not to do so by chance."""
    words = len(text.split(None, SENTENCES))  # enough words to tell: no more are counted
    if words < SHORT:
        return None
    h = holders.find(text, i, ancestors_only=ancestors_only)
    if h is None or words >= SENTENCES:
        return h
    held = "\n".join(own[h])  # the same offsets as the normalised text
    start = locate(holders.texts[h], text)
    return h if is_sentences(held, start, start + len(text)) else None


def _paragraphs(lines: list[str]) -> list[str]:
    """Paragraphs of a comment's lines. With blank lines between paragraphs, the lines of one
    paragraph are joined (a wrapped line, or a line break within it); without any blank line,
    each line is a paragraph. A `•` line that starts no comment is a list item: a paragraph."""
    stripped = [line.strip() for line in lines]
    start, end = 0, len(stripped)  # blank lines around the text say nothing
    while start < end and not stripped[start]:
        start += 1
    while end > start and not stripped[end - 1]:
        end -= 1
    stripped = stripped[start:end]
    if "" not in stripped:
        return stripped
    out: list[str] = []
    joining = False
    for s in stripped:
        if not s:
            joining = False
        elif joining and not s.startswith("\u2022"):
            out[-1] += " " + s
        else:
            out.append(s)
            joining = True
    return out


def _paragraph_lines(lines: list[str]) -> list[tuple[int, str]]:
    """(line number, paragraph) of a page without bullets, by the rule of `_paragraphs`."""
    found: list[tuple[int, str]] = []
    texts = [line.strip() for line in lines]
    filled = [j for j, t in enumerate(texts) if t]
    blank_between = "" in texts[filled[0] : filled[-1]] if filled else False
    for j, t in enumerate(texts):
        if not t:
            continue
        if blank_between and j > 0 and texts[j - 1] and found:
            found[-1] = (found[-1][0], found[-1][1] + " " + t)
        else:
            found.append((j + 1, t))
    return found


def _links(paragraphs: list[str]) -> tuple[Link, ...]:
    """The links in `paragraphs`, each once, in order."""
    urls = _urls(paragraphs)
    return tuple(Link(u) for u in dict.fromkeys(urls)) if urls else ()


def _urls(paragraphs: list[str]) -> list[str]:
    # Only a paragraph with "://" can hold a link: the test skips the search in most.
    return [
        m.group().rstrip(".,;:!?)]'") for p in paragraphs if "://" in p for m in _URL.finditer(p)
    ]
