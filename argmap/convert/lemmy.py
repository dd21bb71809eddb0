"""Lemmy's API JSON → a `Thread` (site "lemmy").

The input is a list of comments as Lemmy's API gives it: the response of
`GET /api/v3/comment/list?post_id=ID` (`{"comments": [CommentView ...]}`; Lemmy 1.0's
`/api/v4/comment/list` says `items`), a bare list of CommentViews, or either with the post
beside them: `{"post_view": ..., "comments": [...]}`, the post view being what
`GET /api/v3/post?id=ID` gives as `post_view` (the shape argmap's fetcher writes).

How it maps:

- The post, when the file has it, is the first comment, keyed `p` and its id (`p180`: Lemmy
  numbers posts and comments apart, so a post and a comment can share a number); its `name` is
  the thread's title, its `body` (Markdown) its blocks, its `url` its first link. Without it,
  the title and address come from the post a comment names, and top-level comments reply to
  nothing.
- Each comment is keyed by its id. Its parent is the second-to-last number of its `path`
  (`0.12.34`: 34 replies to 12; `0.34` replies to the post).
- Order: Lemmy's pages come sorted as asked (hot, new, top ...), and a thread may be saved from
  several pages, so the order is made again, as Lemmy's "old" sort shows it: each parent
  before its replies, replies in the order they were posted (`published`, then id).
- The author is `creator.name`, `author_home` the host of the profile address (`actor_id`, or
  `ap_id` in Lemmy 1.0), `author_shown` the display name when it differs; `score` is Lemmy's
  score (upvotes less downvotes: `counts.score`, or `score` on the comment in Lemmy 1.0).
  Deleted and removed comments keep their place without their text.
- When the post counts more comments than the file holds, the difference is
  `Thread.missing`, with a line saying how to fetch the rest.
"""

from __future__ import annotations

import re
from typing import Any

from argmap.convert import ConvertError
from argmap.convert.markup import link, markdown_blocks
from argmap.convert.thread import Comment, Thread
from argmap.convert.threadjson import (
    finish,
    host,
    integer,
    key,
    load,
    mapping,
    text,
    web_url,
    when,
)

SITE = "lemmy"
_PATH = re.compile(r"0(\.[0-9]{1,19})+")
_SHAPE = (
    'Lemmy\'s comment list is a JSON object with "comments" (or "items", in Lemmy 1.0), as '
    "GET /api/v3/comment/list?post_id=ID gives it, or a list of comment views"
)


def parse(data: bytes, name: str) -> Thread:
    """The thread in `data`, Lemmy's API JSON for a post's comments (`name`: the file's name)."""
    value = load(data, "Lemmy's API JSON")
    views, post_view = _shape(value)
    skipped: list[str] = []
    post = _post(mapping(post_view), skipped) if post_view is not None else None
    comments: list[Comment] = [post] if post else []
    seen = {post.key} if post else set()
    about = mapping(mapping(views[0]).get("post")) if views else {}
    for i, view in enumerate(views):
        comment = _comment(mapping(view), post.key if post else None, i, skipped)
        if comment is None:
            continue
        if comment.key in seen:
            skipped.append(f"comment {comment.key} appears twice; the second is left out")
            continue
        seen.add(comment.key)
        comments.append(comment)
    ordered = finish(comments, _rank, "comment", skipped)
    missing = _missing(mapping(post_view), len(comments) - (1 if post else 0), skipped)
    post_data = mapping(mapping(post_view).get("post")) or about
    return Thread(
        SITE,
        ordered,
        title=text(post_data.get("name")),
        url=web_url(post_data.get("ap_id")),
        skipped=skipped,
        missing=missing,
    )


def _shape(value: object) -> tuple[list[Any], object]:
    """The comment views, and the post view (None when the file has none)."""
    if isinstance(value, list):
        return value, None
    data = mapping(value)
    views = data.get("comments", data.get("items"))
    post_view = data.get("post_view")
    if isinstance(views, list) or (isinstance(post_view, dict) and views is None):
        return views if isinstance(views, list) else [], post_view
    if "comment_view" in data:
        return [data["comment_view"]], None
    raise ConvertError(f"this is not a list of Lemmy comments: {_SHAPE}")


def _person(creator: dict[str, Any]) -> dict[str, Any]:
    """What a Comment says of its author, from a Lemmy person (0.19 or 1.0)."""
    name = text(creator.get("name"))
    profile = web_url(creator.get("actor_id")) or web_url(creator.get("ap_id"))
    shown = text(creator.get("display_name"))
    return {
        "author": name,
        "author_home": host(profile),
        "author_url": profile,
        "author_shown": shown if shown != name else None,
    }


def _post(view: dict[str, Any], skipped: list[str]) -> Comment | None:
    post = mapping(view.get("post"))
    ident = key(post.get("id"))
    if ident is None:
        skipped.append("the post view has no post id; the post is left out")
        return None
    gone = post.get("deleted") is True or post.get("removed") is True
    body = post.get("body")
    blocks, links = markdown_blocks(body) if isinstance(body, str) else ((), ())
    target = text(post.get("url"))
    found = link(target, "") if target else None
    if found:
        links = (found, *(x for x in links if x != found))
    score = integer(mapping(view.get("counts")).get("score"))
    return Comment(
        f"p{ident}",
        None,
        blocks=() if gone else blocks,
        at=when(post.get("published", post.get("published_at"))),
        url=web_url(post.get("ap_id")),
        score=score if score is not None else integer(post.get("score")),
        links=() if gone else links,
        deleted=gone,
        **_person(mapping(view.get("creator"))),
    )


def _comment(view: dict[str, Any], post: str | None, i: int, skipped: list[str]) -> Comment | None:
    data = mapping(view.get("comment"))
    ident = key(data.get("id"))
    if ident is None:
        skipped.append(f"entry {i + 1} of the comments has no comment id; it is left out")
        return None
    path = data.get("path")
    parent: str | None
    if isinstance(path, str) and _PATH.fullmatch(path):
        steps = path.split(".")
        parent = post if steps[-2] == "0" else steps[-2]
        if steps[-1] != ident:
            skipped.append(f"comment {ident} has the path {path} of another comment; read so")
    else:
        parent = post
        skipped.append(
            f"comment {ident} has no path saying what it replies to; "
            "it is kept as a reply to the post"
        )
    gone = data.get("deleted") is True or data.get("removed") is True
    content = data.get("content")
    blocks, links = markdown_blocks(content) if isinstance(content, str) else ((), ())
    score = integer(mapping(view.get("counts")).get("score"))
    return Comment(
        ident,
        parent,
        blocks=() if gone else blocks,
        at=when(data.get("published", data.get("published_at"))),
        url=web_url(data.get("ap_id")),
        score=score if score is not None else integer(data.get("score")),
        links=() if gone else links,
        deleted=gone,
        **_person(mapping(view.get("creator"))),
    )


def _rank(comment: Comment) -> tuple[int, str, int, str]:
    """Lemmy's "old" order: the post first, then by time posted, then by id."""
    number = comment.key.removeprefix("p")
    return (
        0 if comment.key.startswith("p") else 1,
        comment.at or "",
        int(number) if number.isascii() and number.isdigit() and len(number) < 30 else 0,
        comment.key,
    )


def _missing(post_view: dict[str, Any], held: int, skipped: list[str]) -> int:
    post = mapping(post_view.get("post"))
    counted = integer(mapping(post_view.get("counts")).get("comments"))
    if counted is None:
        counted = integer(post.get("comments"))
    missing = max(0, (counted or 0) - held)
    if missing:
        ident = key(post.get("id")) or "ID"
        skipped.append(
            f"the post counts {counted} comments and the file holds {held}: fetch every page "
            f"of /api/v3/comment/list?post_id={ident}&limit=50&page=N (/api/v4/ on Lemmy "
            "1.0) and import them together"
        )
    return missing
