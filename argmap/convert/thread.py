"""A discussion thread as the sites give it, before it becomes a debate.

Every thread importer (`text` for a page copied from the browser, and one per site's JSON:
`reddit`, `lemmy`, `hn`, `discourse`, `mastodon`) reads its input into a `Thread`: the comments in
the order the site shows them, each with its author, what it replies to, its text as plain
paragraphs (quoted paragraphs marked as such), its links, and whatever the site says about when
it was posted, where it lives and how it was voted. One builder (`argmap.convert.threadmap`)
then turns any `Thread` into claims, so the rules of docs/threads.md hold for every site alike.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from argmap.model import record


@record
class Block:
    """One paragraph of a comment (or one list item, one heading, one code block), as plain
    text on one line per paragraph, Markdown and HTML already made readable.

    `quote` marks a paragraph the comment quotes from elsewhere (Markdown `>` lines, an HTML
    `<blockquote>`, Discourse's quote aside, a paragraph repeated in pasted text). `of` is the
    key of the comment the site says is quoted, when it says so (Discourse does); otherwise the
    builder finds the quoted comment by its words.
    """

    text: str
    quote: bool = False
    of: str | None = None


@record
class Link:
    """A link in a comment: its address, and the words it was shown as when they are not the
    address itself."""

    url: str
    title: str | None = None


@record
class Comment:
    """One comment (or the opening post) of a thread.

    `key` is the site's id for it, unique in the thread (a pasted page has none: its position,
    "1", "2" ...). `parent` is the key of the comment it replies to; None for the opening post
    and for top-level comments of a thread whose post is not in the input.
    """

    key: str
    parent: str | None
    author: str | None  # the user name as the site shows it; None when unknown or deleted
    blocks: tuple[Block, ...]  # the text; empty when deleted
    author_home: str | None = None  # the user's instance or site (`beehaw.org`), where shown
    author_shown: str | None = None  # the author line exactly as shown, when it differs
    author_url: str | None = None  # the user's profile page
    at: str | None = None  # when it was posted: ISO 8601 in UTC, `2023-07-14T09:30:00Z`
    url: str | None = None  # its permalink
    score: int | None = None  # votes, as the site counts them
    links: tuple[Link, ...] = ()
    deleted: bool = False  # deleted or removed: its text is gone
    line: int | None = None  # where it starts in the input, for pasted text


@dataclass
class Thread:
    """A whole thread: `comments` in the order the site shows them (a parent before its
    replies), the opening post first when the input has it."""

    site: str  # the importer's format name: "text", "reddit", "lemmy" ...
    comments: list[Comment]
    title: str | None = None
    url: str | None = None  # the thread's address
    # One line each for what the reader could not read or left out, naming where it was.
    skipped: list[str] = field(default_factory=list)
    missing: int = 0  # comments the input says exist but does not hold (Reddit's "more")
