"""Reddit's thread JSON → a `Thread` (site "reddit").

The input is what Reddit gives for a thread's address with `.json` after it
(`https://www.reddit.com/r/SUB/comments/ID/SLUG/.json`): a list of two listings, the post's and
the comments'. A single listing of comments (a comment's permalink saved alone) is read too,
without its post.

How it maps:

- The post (`t3`) is the first comment, keyed by its id (`3hahrw`): its title is the thread's,
  its text (`selftext`) its blocks, the address of a link post its first link. Each comment
  (`t1`) is keyed by its id, replies to its parent (`parent_id` without its `t1_`/`t3_`), and
  keeps Reddit's order. `author` `[deleted]` reads as no author; a `body` of `[deleted]` or
  `[removed]` as a deleted comment, its text gone.
- Reddit escapes `&`, `<` and `>` in `body` and `selftext` (`&gt;` starts a quote); they are
  unescaped, then the Markdown read (`markup.markdown_blocks`).
- `score` is the score Reddit shows (upvotes less downvotes), None while Reddit hides it.
  `created_utc` is the time; the permalink and the author's profile are made absolute.
- Reddit leaves comments out of long threads: a "load more comments" stub (`kind: more`) adds
  its count to `Thread.missing` and one `skipped` line; a "continue this thread" stub adds a
  line saying where the replies are.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from argmap.convert import ConvertError
from argmap.convert.markup import link, markdown_blocks
from argmap.convert.thread import Comment, Thread
from argmap.convert.threadjson import by_position, finish, integer, load, mapping, text, when

SITE = "reddit"
_BASE = "https://www.reddit.com"
_GONE = ("[deleted]", "[removed]")
_SHAPE = (
    "Reddit's thread JSON is a list of two listings, the post's and its comments' (save the "
    "thread's address with .json at the end: https://www.reddit.com/r/SUB/comments/ID/.json)"
)


def parse(data: bytes, name: str) -> Thread:
    """The thread in `data`, Reddit's JSON for a thread (`name` is the file's name)."""
    value = load(data, "Reddit's thread JSON")
    post_listing, comment_listing = _listings(value)
    skipped: list[str] = []
    if post_listing is not None and mapping(_first(post_listing)).get("kind") != "t3":
        skipped.append("the first listing holds no post (t3); the thread is read without it")
        post_listing = None
    post = _post(post_listing, skipped) if post_listing is not None else None
    reader = _Comments(post, skipped)
    reader.read(comment_listing)
    if post is None and reader.to_missing_post:
        skipped.append(
            "the post itself is not in the file; its top-level comments are kept as replies "
            "to nothing"
        )
    comments = [post, *reader.comments] if post else reader.comments
    ordered = finish(comments, by_position(comments), "comment", skipped)
    return Thread(
        SITE,
        ordered,
        title=reader.title if post is None else _title(post_listing),
        url=post.url if post else None,
        skipped=skipped,
        missing=reader.missing,
    )


def _listing(value: object) -> list[Any] | None:
    """The children of a Reddit listing, or None when `value` is not one."""
    data = mapping(value)
    children = mapping(data.get("data")).get("children")
    return children if data.get("kind") == "Listing" and isinstance(children, list) else None


def _listings(value: object) -> tuple[Any, Any]:
    """The post's listing (None without one) and the comments' listing."""
    if isinstance(value, list) and len(value) == 2 and all(_listing(v) is not None for v in value):
        return value[0], value[1]
    items = value[0] if isinstance(value, list) and len(value) == 1 else value
    children = _listing(items)
    if children is None:
        raise ConvertError(f"this is not a Reddit thread: {_SHAPE}")
    kinds = {mapping(child).get("kind") for child in children}
    if "t3" in kinds and len(children) > 1:
        raise ConvertError(
            "this is a list of posts (a subreddit or the front page), not a thread: open one "
            "post and save its address with .json at the end"
        )
    if "t3" in kinds:
        return items, {"kind": "Listing", "data": {"children": []}}
    return None, items


def _unescape(body: str) -> str:
    """Reddit's escaped Markdown as typed (Reddit escapes only these three).

    >>> _unescape("&gt; a &amp;lt; b &amp;&amp; c")
    '> a &lt; b && c'
    """
    return body.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def _permalink(value: object) -> str | None:
    link = text(value)
    if link is None or not link.startswith("/") or link.startswith("//"):
        return None
    return _BASE + link


def _author(data: dict[str, Any]) -> tuple[str | None, str | None]:
    author = text(data.get("author"))
    if author is None or author in _GONE:
        return None, None
    return author, f"{_BASE}/user/{quote(author, safe='')}"


def _score(data: dict[str, Any]) -> int | None:
    hidden = data.get("score_hidden") is True or data.get("hide_score") is True
    return None if hidden else integer(data.get("score"))


def _title(listing: Any) -> str | None:
    return text(mapping(mapping(_first(listing)).get("data")).get("title"))


def _first(listing: Any) -> Any:
    children = _listing(listing) or [None]
    return children[0]


def _post(listing: Any, skipped: list[str]) -> Comment:
    data = mapping(mapping(_first(listing)).get("data"))
    key = text(data.get("id")) or (text(data.get("name")) or "t3_post").removeprefix("t3_")
    author, author_url = _author(data)
    body = data.get("selftext")
    deleted = body in _GONE
    blocks, links = markdown_blocks(_unescape(body)) if isinstance(body, str) else ((), ())
    url = _permalink(data.get("permalink"))
    target = text(data.get("url"))
    if target and data.get("is_self") is not True and not target.startswith(_BASE + "/r/"):
        found = link(target, "")
        if found:
            links = (found, *(x for x in links if x != found))
        else:
            skipped.append(f"the post links to {target[:80]!r}, which is not a web address")
    return Comment(
        key,
        None,
        author,
        () if deleted else blocks,
        author_url=author_url,
        at=when(data.get("created_utc")),
        url=url,
        score=_score(data),
        links=() if deleted else links,
        deleted=deleted,
    )


class _Comments:
    """The comments of a listing, read in Reddit's order with an explicit stack."""

    def __init__(self, post: Comment | None, skipped: list[str]) -> None:
        self.post = post.key if post else None
        # Old threads give no permalink for a comment: it is the post's with the comment's id.
        self.base = post.url if post and post.url and post.url.endswith("/") else None
        self.skipped = skipped
        self.comments: list[Comment] = []
        self.keys: set[str] = set() if post is None else {post.key}
        self.missing = 0
        self.to_missing_post = False
        self.title: str | None = None

    def read(self, listing: Any) -> None:
        # Each entry: (a child of a listing, the key of the comment it replies to by nesting).
        stack: list[tuple[Any, str | None]] = [(c, None) for c in reversed(_listing(listing) or [])]
        while stack:
            child, parent = stack.pop()
            entry = mapping(child)
            kind = entry.get("kind")
            data = mapping(entry.get("data"))
            if kind == "more":
                self._more(data, parent)
            elif kind != "t1" or not data:
                where = "the post" if parent is None else f"comment {parent}"
                shown = kind if isinstance(kind, str) else type(child).__name__
                self.skipped.append(f"an entry under {where} is not a comment ({shown[:40]})")
            else:
                key = self._comment(data, parent)
                replies = _listing(data.get("replies"))
                if replies:
                    nested_in = key or parent
                    stack.extend([(c, nested_in) for c in reversed(replies)])

    def _comment(self, data: dict[str, Any], nested_in: str | None) -> str | None:
        key = text(data.get("id")) or (text(data.get("name")) or "").removeprefix("t1_") or None
        if key is None or key in self.keys:
            shown = "a comment without an id" if key is None else f"comment {key}"
            place = "" if nested_in is None else f" under comment {nested_in}"
            why = "it has no id" if key is None else "it appears twice"
            self.skipped.append(f"{shown}{place} is left out: {why}; its replies are kept")
            return key
        self.keys.add(key)
        parent = nested_in if nested_in is not None else self._parent(data.get("parent_id"))
        author, author_url = _author(data)
        body = data.get("body")
        deleted = body in _GONE
        blocks, links = markdown_blocks(_unescape(body)) if isinstance(body, str) else ((), ())
        if not isinstance(body, str):
            self.skipped.append(f"comment {key} has no text (no body)")
        self.title = self.title or text(data.get("link_title"))
        self.comments.append(
            Comment(
                key,
                parent,
                author,
                () if deleted else blocks,
                author_url=author_url,
                at=when(data.get("created_utc")),
                url=_permalink(data.get("permalink")) or (self.base and f"{self.base}{key}/"),
                score=_score(data),
                links=() if deleted else links,
                deleted=deleted,
            )
        )
        return key

    def _parent(self, value: object) -> str | None:
        """The key of the comment (or post) a top-level entry of the listing replies to."""
        parent = text(value)
        if parent is None:
            return self.post
        if parent.startswith("t3_"):
            if self.post is None:
                self.to_missing_post = True
            return self.post
        return parent.removeprefix("t1_")

    def _more(self, data: dict[str, Any], nested_in: str | None) -> None:
        parent = nested_in if nested_in is not None else self._parent(data.get("parent_id"))
        where = "the post" if parent is None or parent == self.post else f"comment {parent}"
        ids = data.get("children")
        count = max(integer(data.get("count")) or 0, len(ids) if isinstance(ids, list) else 0)
        if count > 0:
            self.missing += count
            self.skipped.append(
                f"{count} more {'comments' if count > 1 else 'comment'} under {where} "
                f"{'are' if count > 1 else 'is'} not in the file (Reddit's \"load more "
                "comments\"): save the thread's .json again with ?limit=500 at the end, "
                "or open those comments on Reddit and import their .json too"
            )
        else:
            self.skipped.append(
                f"the replies under {where} are not in the file (Reddit's \"continue this "
                "thread\"): open that comment's permalink with .json at the end and import "
                "it too"
            )
