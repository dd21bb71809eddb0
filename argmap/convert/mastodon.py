"""A Mastodon thread's JSON → a `Thread` (site "mastodon").

The input is a status's context as Mastodon's API gives it
(`GET /api/v1/statuses/ID/context`: `{"ancestors": [...], "descendants": [...]}`), with the
status itself beside them under `"status"` (the shape argmap's fetcher writes), or a JSON list
of statuses. The context alone lacks the status it was asked for: its replies then reply to a
status not in the file.

How it maps:

- Each status is a comment keyed by its id, replying to `in_reply_to_id`. A status whose
  parent is not in the file becomes a top-level reply, with a line saying so.
- Order: as Mastodon shows a thread: the ancestors from the first, the status, then its
  replies depth first, each status's replies in the order they were posted (`created_at`, then
  id).
- The author is `account.acct` (`name`, or `name@host` for another server's account),
  `author_home` the host of the account's profile (`account.url`), `author_shown` the display
  name when it differs. A content warning (`spoiler_text`) is the first block, `CW: ...`.
- Score: `favourites_count`, the nearest thing Mastodon has to votes (boosts spread a status
  more than they approve of it, and replies are counted as comments).
- `content` is HTML (`htmltext.html_blocks`): the parts of a link Mastodon hides are left out,
  mentions and hashtags are words, not links.
- A boost (`reblog`) is not a reply; it is left out with a line.
"""

from __future__ import annotations

from typing import Any

from argmap.convert import ConvertError
from argmap.convert.htmltext import html_blocks
from argmap.convert.thread import Block, Comment, Thread
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

SITE = "mastodon"
_SHAPE = (
    'Mastodon\'s thread JSON is a status\'s context, {"ancestors": [...], "descendants": '
    "[...]}, as GET /api/v1/statuses/ID/context gives it (with the status itself under "
    '"status" if you have it), or a list of statuses'
)


def parse(data: bytes, name: str) -> Thread:
    """The thread in `data`, a Mastodon status context (`name`: the file's name)."""
    value = load(data, "Mastodon's thread JSON")
    statuses, focal = _statuses(value)
    skipped: list[str] = []
    comments: list[Comment] = []
    seen: set[str] = set()
    for where, status in statuses:
        comment = _status(status, where, skipped)
        if comment is None:
            continue
        if comment.key in seen:
            skipped.append(f"status {comment.key} appears twice; the second is left out")
            continue
        if comment.parent is None and where.startswith("descendants"):
            skipped.append(
                f"status {comment.key} is among the replies but replies to nothing; "
                "it is kept as a top-level status"
            )
        seen.add(comment.key)
        comments.append(comment)
    ordered = finish(comments, _rank, "status", skipped)
    url = next((c.url for c in ordered if c.key == focal), None)
    return Thread(
        SITE,
        ordered,
        url=url or (ordered[0].url if ordered else None),
        skipped=skipped,
    )


def _statuses(value: object) -> tuple[list[tuple[str, Any]], str | None]:
    """Each status with where it is in the file, and the key of the focal status."""
    if isinstance(value, list):
        return [(f"entry {i + 1}", s) for i, s in enumerate(value)], None
    data = mapping(value)
    ancestors, descendants = data.get("ancestors"), data.get("descendants")
    if isinstance(ancestors, list) or isinstance(descendants, list):
        found: list[tuple[str, Any]] = []
        for part in ("ancestors", "descendants"):
            items = data.get(part)
            found += [(f"{part} entry {i + 1}", s) for i, s in enumerate(_list(items))]
            if part == "ancestors" and "status" in data:
                found.append(("the status", data["status"]))
        return found, key(mapping(data.get("status")).get("id"))
    if "id" in data and ("content" in data or "account" in data):
        return [("the status", data)], key(data.get("id"))
    raise ConvertError(f"this is not a Mastodon thread: {_SHAPE}")


def _list(value: object) -> list[Any]:
    return value if isinstance(value, list) else []


def _status(status: object, where: str, skipped: list[str]) -> Comment | None:
    data = mapping(status)
    ident = key(data.get("id"))
    if ident is None:
        skipped.append(f"{where} is not a status with an id; it is left out")
        return None
    if data.get("reblog") not in (None, False):
        skipped.append(f"status {ident} is a boost, not a reply; it is left out")
        return None
    account = mapping(data.get("account"))
    acct = text(account.get("acct")) or text(account.get("username"))
    profile = web_url(account.get("url"))
    shown = text(account.get("display_name"))
    content = data.get("content")
    blocks, links = html_blocks(content) if isinstance(content, str) else ((), ())
    warning = text(data.get("spoiler_text"))
    if warning:
        blocks = (Block(f"CW: {warning}"), *blocks)
    return Comment(
        ident,
        key(data.get("in_reply_to_id")),
        acct,
        blocks,
        author_home=host(profile) or (acct and acct.partition("@")[2]) or None,
        author_shown=shown if shown != acct else None,
        author_url=profile,
        at=when(data.get("created_at")),
        url=web_url(data.get("url")) or web_url(data.get("uri")),
        score=integer(data.get("favourites_count")),
        links=links,
    )


def _rank(comment: Comment) -> tuple[str, int, str]:
    """Mastodon's order of replies: by time posted, then by id (ids grow with time)."""
    digits = comment.key.isascii() and comment.key.isdigit() and len(comment.key) < 30
    number = int(comment.key) if digits else 0
    return (comment.at or "", number, comment.key)
