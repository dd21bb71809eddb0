"""Hacker News JSON → a `Thread` (site "hn").

Three shapes are read, and told apart by their fields:

- **algolia**: Algolia's item, `https://hn.algolia.com/api/v1/items/ID`: the story with its
  whole tree of replies nested in `children` (`author`, `text`, `created_at_i`, `points`).
- **hnpwa**: the HNPWA API's item, `https://api.hnpwa.com/v0/item/ID.json`: replies nested in
  `comments` (`user`, `content`, `time`, `points`, `comments_count`).
- **firebase**: the official API's items, `https://hacker-news.firebaseio.com/v0/item/ID.json`,
  one per request: a saved thread is a list of them (or an object from ids to them), the
  story first; each comment names its `parent`, each item its replies (`kids`) in HN's order.

How it maps: the story is the first comment (its `title` the thread's, its `text` its blocks,
its `url` its first link, its points its score); each comment is keyed by its id and replies
to its parent. Comments come in the order the file gives them, which for Firebase items is the
order of each parent's `kids` (HN's ranking), and for Algolia and HNPWA the order of the
nested lists. Hacker News shows no score for a comment: None. A deleted or dead ("flagged")
comment keeps its place without its text. `text` is HTML (`htmltext.html_blocks`), a paragraph
starting with `>` a quote, as HN users write them. Permalinks are
`https://news.ycombinator.com/item?id=ID`, profiles `https://news.ycombinator.com/user?id=NAME`.
When the story counts more comments than the file holds (`descendants`, `comments_count`), the
difference is `Thread.missing`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import quote

from argmap.convert import ConvertError
from argmap.convert.htmltext import html_blocks
from argmap.convert.markup import link
from argmap.convert.thread import Comment, Thread
from argmap.convert.threadjson import (
    by_position,
    finish,
    integer,
    key,
    load,
    mapping,
    text,
    when,
)

SITE = "hn"
_ITEM = "https://news.ycombinator.com/item?id="
_USER = "https://news.ycombinator.com/user?id="
_STORIES = ("story", "poll", "job", "link", "ask", "show")
_SHAPES = (
    "Hacker News JSON is one of: Algolia's item (https://hn.algolia.com/api/v1/items/ID, "
    'replies nested in "children"), the HNPWA item (https://api.hnpwa.com/v0/item/ID.json, '
    'replies nested in "comments"), or the official API\'s items '
    "(https://hacker-news.firebaseio.com/v0/item/ID.json for the story and each comment, "
    "saved as a JSON list with the story first)"
)
# Where each shape keeps what a Comment needs.
_FIELDS = {
    "algolia": {"author": "author", "html": "text", "time": "created_at_i", "score": "points"},
    "hnpwa": {"author": "user", "html": "content", "time": "time", "score": "points"},
    "firebase": {"author": "by", "html": "text", "time": "time", "score": "score"},
}


def shape_of(value: object) -> str:
    """Which of the three shapes `value` is: "algolia", "hnpwa" or "firebase".

    >>> shape_of({"id": 1, "children": [], "created_at_i": 0}), shape_of([{"id": 1, "by": "pg"}])
    ('algolia', 'firebase')
    """
    if isinstance(value, dict):
        if isinstance(value.get("children"), list) and (
            {"created_at_i", "story_id"} & value.keys()
        ):
            return "algolia"
        if isinstance(value.get("comments"), list) and (
            {"user", "time_ago", "comments_count", "level"} & value.keys()
        ):
            return "hnpwa"
        if "id" in value and {"by", "kids", "parent", "type"} & value.keys():
            return "firebase"
        items = [v for v in value.values() if isinstance(v, dict)]
        if all(v is None or isinstance(v, dict) for v in value.values()) and any(
            "id" in v and {"by", "kids", "parent"} & v.keys() for v in items
        ):
            return "firebase"
        if "hits" in value:
            raise ConvertError(
                "this is an Algolia search result, not a thread: save the story's item "
                "instead, https://hn.algolia.com/api/v1/items/ID"
            )
    elif isinstance(value, list) and any(
        isinstance(v, dict) and "id" in v and {"by", "kids", "parent"} & v.keys() for v in value
    ):
        return "firebase"
    raise ConvertError(f"this is not Hacker News JSON: {_SHAPES}")


def parse(data: bytes, name: str) -> Thread:
    """The thread in `data`, Hacker News JSON in any of the three shapes (`name`: the file's
    name)."""
    value = load(data, "Hacker News JSON")
    shape = shape_of(value)
    reader = _Reader(shape)
    rank: Callable[[Comment], Any]
    if shape == "firebase":
        reader.firebase(value)
        rank = reader.kids_order
    else:
        reader.nested(mapping(value), "children" if shape == "algolia" else "comments")
        rank = by_position(reader.comments)
    ordered = finish(reader.comments, rank, "comment", reader.skipped)
    missing = reader.missing(ordered)
    return Thread(
        SITE,
        ordered,
        title=reader.title,
        url=_ITEM + reader.story if reader.story else None,
        skipped=reader.skipped,
        missing=missing,
    )


class _Reader:
    def __init__(self, shape: str) -> None:
        self.shape = shape
        self.fields = _FIELDS[shape]
        self.comments: list[Comment] = []
        self.keys: set[str] = set()
        self.skipped: list[str] = []
        self.story: str | None = None
        self.title: str | None = None
        self.count: int | None = None  # the comments the story says it has
        self.kid_index: dict[str, int] = {}

    def add(self, item: dict[str, Any], parent: str | None, where: str) -> str | None:
        """Read one item; its key, or None when it is left out."""
        ident = key(item.get("id"))
        kind = text(item.get("type")) or ("comment" if parent or self.story else "story")
        if ident is None or ident in self.keys:
            why = "has no id" if ident is None else f"repeats id {ident}"
            self.skipped.append(f"an item {where} {why}; it is left out, its replies kept")
            return None
        if kind not in _STORIES and kind != "comment":
            self.skipped.append(f"item {ident} is a {kind[:20]}, not a comment; it is left out")
            return None
        self.keys.add(ident)
        story = kind in _STORIES and not self.comments
        if story:
            self.story = ident
            self.title = text(item.get("title"))
            self.count = integer(item.get("descendants", item.get("comments_count")))
        elif kind in _STORIES:
            self.skipped.append(f"item {ident} is a second story in the file; read as a comment")
        gone = item.get("deleted") is True or item.get("dead") is True
        author = text(item.get(self.fields["author"]))
        html = item.get(self.fields["html"])
        blocks, links = html_blocks(html) if isinstance(html, str) and not gone else ((), ())
        target = text(item.get("url"))
        found = link(target, "") if story and target else None
        if found:
            links = (found, *(x for x in links if x != found))
        time = item.get(self.fields["time"])
        self.comments.append(
            Comment(
                ident,
                parent,
                None if item.get("deleted") is True else author,
                blocks,
                author_url=_USER + quote(author, safe="") if author else None,
                at=when(time) or when(item.get("created_at")),
                url=_ITEM + ident,
                score=integer(item.get(self.fields["score"])) if story else None,
                links=links,
                deleted=gone or (author is None and html is None),
            )
        )
        return ident

    def nested(self, root: dict[str, Any], replies: str) -> None:
        """Algolia's and HNPWA's items: the story (or a comment) and its nested replies."""
        if text(root.get("type")) == "comment":
            parent = key(root.get("parent_id"))
            self.skipped.append(
                f"the file starts at comment {key(root.get('id'))}, not at its story"
                + (f" (it replies to {parent})" if parent else "")
                + "; save the story's item to have the whole thread"
            )
        stack: list[tuple[Any, str | None]] = [(root, None)]
        while stack:
            item, parent = stack.pop()
            where = f"under {parent}" if parent else "at the top"
            if not isinstance(item, dict):
                self.skipped.append(f"an entry {where} is not an item ({type(item).__name__})")
                continue
            ident = self.add(item, parent, where)
            children = item.get(replies)
            if isinstance(children, list):
                stack.extend((c, ident or parent) for c in reversed(children))

    def firebase(self, value: object) -> None:
        """The official API's items: a list (or an object of them), the story first."""
        items = list(value.values()) if isinstance(value, dict) and "id" not in value else value
        items = items if isinstance(items, list) else [items]
        for i, item in enumerate(items):
            if not isinstance(item, dict):
                shown = "null (the API's answer for an item that does not exist)"
                self.skipped.append(
                    f"entry {i + 1} is {shown if item is None else type(item).__name__}"
                )
                continue
            first = not self.comments and item.get("type") != "comment" and "parent" not in item
            parent = None if first else key(item.get("parent"))
            ident = self.add(item, parent, f"at entry {i + 1}")
            kids = item.get("kids")
            if ident and isinstance(kids, list):
                for n, kid in enumerate(kids):
                    kid_key = key(kid)
                    if kid_key is not None:
                        self.kid_index.setdefault(kid_key, n)

    def kids_order(self, comment: Comment) -> tuple[int, int, str, str]:
        """HN's order: the story, then each comment where its parent's `kids` puts it (those
        it does not list last, by time)."""
        place = self.kid_index.get(comment.key, len(self.kid_index))
        return (0 if comment.key == self.story else 1, place, comment.at or "", comment.key)

    def missing(self, ordered: list[Comment]) -> int:
        """How many comments the story counts that the file does not hold, with a line."""
        if self.story is None or self.count is None:
            return 0
        under = {self.story}
        for c in ordered:  # parents come first
            if c.parent in under:
                under.add(c.key)
        held = len(under) - 1
        missing = max(0, self.count - held)
        if missing:
            self.skipped.append(
                f"the story counts {self.count} comments and the file holds {held}: save "
                f"https://hn.algolia.com/api/v1/items/{self.story}, which has the whole tree"
            )
        return missing
