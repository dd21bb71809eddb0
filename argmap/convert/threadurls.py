"""Thread addresses: which site an address is a thread of, and the API addresses that give the
thread as JSON. Pure functions, no network: `argmap.convert.fetch` makes the requests.

The shapes read are the addresses people copy from their browser:

- lemmy: `https://HOST/post/ID` or `https://HOST/comment/ID` (the comment's post is the thread);
- hn: `https://news.ycombinator.com/item?id=ID`, or Algolia's
  `https://hn.algolia.com/api/v1/items/ID`;
- discourse: `https://HOST/t/SLUG/ID` or `https://HOST/t/ID`, with or without a post number or a
  query after it, and in a forum's folder (`https://HOST/forum/t/...`) too;
- mastodon: `https://HOST/@USER/ID`, `https://HOST/@USER@OTHERHOST/ID` (a remote post as HOST
  shows it: ID is HOST's id, so it is fetched from HOST) or `https://HOST/users/USER/statuses/ID`;
- reddit: any reddit.com address, recognised only to be refused with what to do instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from argmap.convert import ConvertError
from argmap.errors import quote

NAMES = {"lemmy": "Lemmy", "hn": "Hacker News", "discourse": "Discourse", "mastodon": "Mastodon"}
SHAPES = {
    "lemmy": "https://HOST/post/ID or https://HOST/comment/ID",
    "hn": "https://news.ycombinator.com/item?id=ID or https://hn.algolia.com/api/v1/items/ID",
    "discourse": "https://HOST/t/SLUG/ID or https://HOST/t/ID, with or without a post number",
    "mastodon": "https://HOST/@USER/ID, https://HOST/@USER@OTHERHOST/ID or "
    "https://HOST/users/USER/statuses/ID",
}
LEMMY_PAGE = 50  # the most comments Lemmy gives at once (its FETCH_LIMIT_MAX)
REDDIT = (
    "argmap does not fetch from Reddit: its API needs an account, and the .json pages it shows "
    "without one are rate limited and often refused. Open the thread's address with .json "
    "added to its end (https://www.reddit.com/r/SUB/comments/ID/TITLE.json) in a browser, save "
    "the page, and import the file: `argmap import reddit FILE.json -o OUT`"
)

_LEMMY = re.compile(r"/(?P<kind>post|comment)/(?P<id>\d+)(?:/\d+)?/?")
_DISCOURSE = re.compile(
    r"(?P<folder>(?:/[^/]+)*?)/t/(?:[^/]*[^/\d][^/]*/)?(?P<id>\d+)(?:/\d+)?(?:\.json)?/?"
)
_MASTODON = re.compile(r"/(?:@[^/@]+(?:@[^/]+)?|users/[^/]+/statuses)/(?P<id>\d+)/?")
_ALGOLIA = re.compile(r"/api/v1/items/(?P<id>\d+)/?")


@dataclass(frozen=True)
class Address:
    """A thread's address as argmap reads it: the server's root (`https://host`, and a
    Discourse forum's folder), what the address names (a Lemmy `post` or `comment`, a
    Hacker News `item`, a Discourse `topic`, a Mastodon `status`) and its id."""

    root: str
    kind: str
    id: str


def host_of(url: str) -> str:
    """The host (and port) of `url`, for messages: its netloc without a user name."""
    return urlsplit(url).netloc.rpartition("@")[2] or url


def _is_hn_item(url: str) -> str | None:
    parts = urlsplit(url)
    ids = parse_qs(parts.query).get("id", [""])
    if (parts.hostname or "") == "news.ycombinator.com" and parts.path == "/item":
        return ids[0] if ids[0].isdigit() else None
    return None


def site_of(url: str) -> str | None:
    """Which site's thread `url` looks like: lemmy, hn, discourse, mastodon or reddit; None
    when it looks like none of them (say, a site's home page).

    >>> [site_of(u) for u in ("https://lemmy.ml/post/123", "https://beehaw.org/comment/9",
    ...     "https://news.ycombinator.com/item?id=8863", "https://hn.algolia.com/api/v1/items/1",
    ...     "https://meta.discourse.org/t/some-topic/280/4", "https://mastodon.social/@Gargron/1",
    ...     "https://old.reddit.com/r/x/comments/abc/t/", "https://example.org/")]
    ['lemmy', 'lemmy', 'hn', 'hn', 'discourse', 'mastodon', 'reddit', None]
    """
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if host in ("reddit.com", "redd.it") or host.endswith(".reddit.com"):
        return "reddit"
    if _is_hn_item(url) or _ALGOLIA.fullmatch(parts.path):
        return "hn"
    for site, shape in (("lemmy", _LEMMY), ("discourse", _DISCOURSE), ("mastodon", _MASTODON)):
        if shape.fullmatch(parts.path):
            return site
    return None


def address(site: str, url: str) -> Address:
    """The `Address` of `url`, a thread of `site`; a `ConvertError` naming the shapes accepted
    when it is not one.

    >>> address("lemmy", "https://lemmy.ml/comment/42")
    Address(root='https://lemmy.ml', kind='comment', id='42')
    >>> address("discourse", "https://forum.example.org/community/t/a-topic/280/7?u=sam")
    Address(root='https://forum.example.org/community', kind='topic', id='280')
    >>> address("mastodon", "https://mastodon.social/@someone@example.net/109440142472665266")
    Address(root='https://mastodon.social', kind='status', id='109440142472665266')
    >>> address("hn", "https://news.ycombinator.com/item?id=8863")
    Address(root='https://hn.algolia.com', kind='item', id='8863')
    """
    if site not in NAMES:
        raise ConvertError(
            f"argmap fetches threads from {', '.join(NAMES)}; {quote(site)} is none of them"
        )
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise ConvertError(
            f"argmap fetches only http and https addresses, and {quote(url)} is not one; "
            f"a {NAMES[site]} thread's address looks like {SHAPES[site]}"
        )
    try:
        parts.port  # noqa: B018 (reading it checks it)
    except ValueError:
        raise ConvertError(
            f"{quote(url)} has a port that is not a number from 0 to 65535"
        ) from None
    root = f"{parts.scheme.lower()}://{host_of(url)}"
    path = parts.path
    found: re.Match[str] | None = None
    if site == "hn":
        item = _is_hn_item(url)
        if item:
            return Address("https://hn.algolia.com", "item", item)
        found = _ALGOLIA.fullmatch(path)
        if found:
            return Address(root, "item", found["id"])
    elif site == "lemmy" and (found := _LEMMY.fullmatch(path)):
        return Address(root, found["kind"], found["id"])
    elif site == "discourse" and (found := _DISCOURSE.fullmatch(path)):
        return Address(root + found["folder"], "topic", found["id"])
    elif site == "mastodon" and (found := _MASTODON.fullmatch(path)):
        return Address(root, "status", found["id"])
    other = site_of(url)
    if other == "reddit":
        raise ConvertError(REDDIT)
    hint = (
        ""
        if other is None
        else (f"; it looks like a {NAMES[other]} address: try `argmap import {other} URL`")
    )
    raise ConvertError(
        f"{quote(url)} is not the address of a {NAMES[site]} thread; argmap reads "
        f"{SHAPES[site]}{hint}"
    )


def lemmy_post_api(root: str, post_id: str) -> str:
    """A Lemmy post (`GetPostResponse`).

    >>> lemmy_post_api("https://lemmy.ml", "123")
    'https://lemmy.ml/api/v3/post?id=123'
    """
    return f"{root}/api/v3/post?id={post_id}"


def lemmy_comment_api(root: str, comment_id: str) -> str:
    """A Lemmy comment (`CommentResponse`), to learn its post.

    >>> lemmy_comment_api("https://lemmy.ml", "42")
    'https://lemmy.ml/api/v3/comment?id=42'
    """
    return f"{root}/api/v3/comment?id={comment_id}"


def lemmy_comments_api(root: str, post_id: str, page: int) -> str:
    """Page `page` (from 1) of a post's comments, oldest first.

    No `max_depth`: given one, Lemmy fetches a tree of at most 300 comments and ignores `limit`
    and `page` (its comment_view.rs says so), so a long thread would lose comments; without
    one, it pages by `limit` (at most 50) and `page`, which reaches every comment once.

    >>> lemmy_comments_api("https://lemmy.ml", "123", 2)
    'https://lemmy.ml/api/v3/comment/list?post_id=123&type_=All&sort=Old&limit=50&page=2'
    """
    query = f"post_id={post_id}&type_=All&sort=Old&limit={LEMMY_PAGE}&page={page}"
    return f"{root}/api/v3/comment/list?{query}"


def hn_api(url: str) -> str:
    """The Algolia items address of a Hacker News thread (`item?id=` on news.ycombinator.com,
    or an items address already).

    >>> hn_api("https://news.ycombinator.com/item?id=8863")
    'https://hn.algolia.com/api/v1/items/8863'
    """
    found = address("hn", url)
    return f"{found.root}/api/v1/items/{found.id}"


def discourse_topic_api(root: str, topic_id: str) -> str:
    """A Discourse topic with its first posts and the ids of all (`post_stream.stream`).

    >>> discourse_topic_api("https://meta.discourse.org", "280")
    'https://meta.discourse.org/t/280.json'
    """
    return f"{root}/t/{topic_id}.json"


def discourse_posts_api(root: str, topic_id: str, post_ids: list[int]) -> str:
    """Some posts of a Discourse topic, by id.

    >>> discourse_posts_api("https://meta.discourse.org", "280", [3, 5])
    'https://meta.discourse.org/t/280/posts.json?post_ids[]=3&post_ids[]=5'
    """
    return f"{root}/t/{topic_id}/posts.json?" + "&".join(f"post_ids[]={i}" for i in post_ids)


def mastodon_status_api(root: str, status_id: str) -> str:
    """A Mastodon post (a `Status`).

    >>> mastodon_status_api("https://mastodon.social", "1")
    'https://mastodon.social/api/v1/statuses/1'
    """
    return f"{root}/api/v1/statuses/{status_id}"


def mastodon_context_api(root: str, status_id: str) -> str:
    """The posts a Mastodon post answers and those that answer it (a `Context`).

    >>> mastodon_context_api("https://mastodon.social", "1")
    'https://mastodon.social/api/v1/statuses/1/context'
    """
    return f"{root}/api/v1/statuses/{status_id}/context"
