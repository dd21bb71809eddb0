"""A Discourse topic's JSON → a `Thread` (site "discourse").

The input is what a Discourse forum gives for a topic's address with `.json` at the end
(`https://forum.example/t/SLUG/ID.json`), or for `/t/ID/posts.json`: the posts in
`post_stream.posts`, the ids of all of the topic's posts in `post_stream.stream`.

How it maps:

- Each post is a comment keyed by its number in the topic (`post_number`, "1", "2" ...), in
  that order, which is the order Discourse shows. Post 1 opens the topic and replies to
  nothing; a post replies to `reply_to_post_number`, or to post 1 when it names none (it
  answers the topic).
- `cooked` is HTML (`htmltext.html_blocks`). A quote of another post (`[quote]`, which Discourse
  writes as an `aside` with the quoted post's number) gives quote blocks whose `of` is that
  post's key; its "name said:" header is left out.
- The author is `username`, `author_shown` the full `name` when it differs. A post deleted by
  its author or by staff keeps its place without its text; a post only hidden by flags keeps
  its text when the file has it.
- Score: Discourse's own `score` is a ranking number (reads, likes, replies and time mixed),
  not votes, so the score is the post's likes, what a reader of the topic sees counted:
  `like_count` when the file has it, else the count of action 2 (like) in `actions_summary`,
  else the count of reactions.
- The topic JSON seldom says which forum it is from: a post's address (`post_url`) is used
  only when it is absolute; otherwise `url` is None, as is the profile address.
- Discourse sends the first 20 posts of a long topic: the ids in `stream` that are not among
  the posts are counted in `Thread.missing`, with a line saying how to get them. Small
  actions (the topic was closed, pinned ...) are not posts anyone wrote; they are left out
  with a line each.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any
from urllib.parse import urljoin

from argmap.convert import ConvertError
from argmap.convert.htmltext import html_blocks
from argmap.convert.thread import Comment, Thread
from argmap.convert.threadjson import (
    integer,
    key,
    load,
    mapping,
    text,
    web_url,
    when,
)

SITE = "discourse"
_SMALL_ACTION = 3
_SHAPE = (
    "a Discourse topic's JSON is an object with the posts in \"post_stream\" (save the topic's "
    "address with .json at the end: https://forum.example/t/SLUG/ID.json)"
)


def parse(data: bytes, name: str) -> Thread:
    """The thread in `data`, a Discourse topic's JSON (`name`: the file's name)."""
    value = load(data, "a Discourse topic's JSON")
    topic = mapping(value)
    stream = mapping(topic.get("post_stream"))
    posts = stream.get("posts")
    if not isinstance(posts, list):
        if "latest_posts" in topic or "topic_list" in topic:
            raise ConvertError(
                "this is a list of a forum's posts or topics, not one topic: open the topic "
                "and save its address with .json at the end"
            )
        raise ConvertError(f"this is not a Discourse topic: {_SHAPE}")
    topic_id = key(topic.get("id")) or key(mapping(posts[0] if posts else {}).get("topic_id"))
    skipped: list[str] = []
    by_number: dict[int, Comment] = {}
    held: set[str] = set()  # the ids of the posts read, to find those the stream has beyond
    for i, post in enumerate(posts):
        ident = key(mapping(post).get("id"))
        if ident:
            held.add(ident)
        comment = _post(mapping(post), i, topic_id, skipped)
        if comment is None:
            continue
        if int(comment.key) in by_number:
            skipped.append(f"post {comment.key} appears twice; the second is left out")
            continue
        by_number[int(comment.key)] = comment
    ordered = [_placed(by_number[n], by_number, skipped) for n in sorted(by_number)]
    missing = _missing(stream.get("stream"), held, topic_id, skipped)
    first = next((c for c in ordered if c.key == "1"), None)
    return Thread(
        SITE,
        ordered,
        title=text(topic.get("title")) or text(topic.get("fancy_title")),
        url=first.url if first else None,
        skipped=skipped,
        missing=missing,
    )


def _post(post: dict[str, Any], i: int, topic_id: str | None, skipped: list[str]) -> Comment | None:
    """A post as a comment; None when it is left out (with a line)."""
    number = integer(post.get("post_number"))
    ident = key(post.get("id"))
    if number is None or number < 1:
        shown = f"post id {ident}" if ident else f"entry {i + 1} of the posts"
        skipped.append(f"{shown} has no post number; it is left out")
        return None
    if integer(post.get("post_type")) == _SMALL_ACTION:
        action = text(post.get("action_code")) or "a small action"
        skipped.append(f"post {number} records {action!r}, not a post anyone wrote; left out")
        return None
    reply_to = integer(post.get("reply_to_post_number"))
    parent = None if number == 1 else str(reply_to if reply_to and reply_to > 0 else 1)
    gone = post.get("deleted_at") is not None or post.get("user_deleted") is True
    cooked = post.get("cooked")
    blocks, links = html_blocks(cooked, topic_id) if isinstance(cooked, str) else ((), ())
    if post.get("hidden") is True and not blocks:
        gone = True
    username = text(post.get("username"))
    full_name = text(post.get("name"))
    url = web_url(post.get("post_url")) or web_url(post.get("url"))
    return Comment(
        str(number),
        parent,
        username,
        () if gone else blocks,
        author_shown=full_name if full_name != username else None,
        author_url=urljoin(url, f"/u/{username}") if url and username else None,
        at=when(post.get("created_at")),
        url=url,
        score=_likes(post),
        links=() if gone else links,
        deleted=gone,
    )


def _likes(post: dict[str, Any]) -> int | None:
    """The likes a post shows: `like_count`, action 2 of `actions_summary`, or reactions."""
    likes = integer(post.get("like_count"))
    if likes is not None:
        return likes
    actions = post.get("actions_summary")
    if isinstance(actions, list):
        counts = [mapping(a).get("count") for a in actions if mapping(a).get("id") == 2]
        return sum(integer(c) or 0 for c in counts)
    reactions = post.get("reactions")
    if isinstance(reactions, list):
        return sum(integer(mapping(r).get("count")) or 0 for r in reactions)
    return integer(post.get("reaction_users_count"))


def _placed(post: Comment, by_number: dict[int, Comment], skipped: list[str]) -> Comment:
    """`post`, replying to nothing when what it replies to is not in the file (or, never
    written so, comes after it), so that the posts in number order, as Discourse shows them,
    put each parent before its replies."""
    if post.parent is None:
        return post
    parent = int(post.parent)
    if parent in by_number and parent < int(post.key):
        return post
    why = "which is not in the file" if parent not in by_number else "which comes after it"
    skipped.append(
        f"post {post.key} replies to post {parent}, {why}; it is kept as a reply to nothing"
    )
    return replace(post, parent=None)


def _missing(stream: object, held: set[str], topic_id: str | None, skipped: list[str]) -> int:
    if not isinstance(stream, list):
        return 0
    ids = {k for k in (key(i) for i in stream) if k is not None}
    missing = len(ids - held)
    if missing:
        where = f"/t/{topic_id}" if topic_id else "/t/ID"
        skipped.append(
            f"{missing} of the topic's {len(ids)} posts are not in the file (Discourse sends "
            f"20 at a time): save {where}.json?print=true, which holds up to 1,000 posts, or "
            f"fetch the rest with {where}/posts.json?post_ids[]=ID&post_ids[]=ID ..."
        )
    return missing
