"""A thread fetched from a site that shows it without an account, as the one JSON document that
site's importer reads (Reddit is refused, with what to do instead). In UTF-8 bytes:

- lemmy: `{"post_view": ..., "comments": [...]}`: the `post_view` of `GET /api/v3/post?id=ID`,
  and every CommentView of `GET /api/v3/comment/list`, page after page, each once, oldest first;
- hn: Algolia's item with its nested `children`, exactly as `GET /api/v1/items/ID` gives it;
- discourse: the topic as `GET /t/ID.json` gives it, with every post of `post_stream.stream` in
  `post_stream.posts`, in stream order (those the topic leaves out come from
  `GET /t/ID/posts.json?post_ids[]=...`, twenty at a time);
- mastodon: `{"status": ..., "ancestors": [...], "descendants": [...]}`, from
  `GET /api/v1/statuses/ID` and `GET /api/v1/statuses/ID/context`.

Every request goes to an http or https address only (a redirect to anything else is refused),
says who asks (`argmap/VERSION (thread import)`), waits at most `timeout` seconds for the
server each time it waits, and reads no more than is left of `max_bytes`: one limit for all of a
thread's answers together, the one debate files have unless told otherwise. A thread takes at
most `max_pages` requests. So a misbehaving server can neither hold argmap for ever nor fill its
memory. Whatever goes wrong is a `ConvertError` that says what happened and what to do.
Nothing here prints: `progress` gets one short line per request. Reading the addresses is
`argmap.convert.threadurls`' job (pure functions; `site_of` and `address` are re-exported).
"""

from __future__ import annotations

import http.client
import json
import re
import socket
import ssl
import urllib.error
import urllib.request
from collections.abc import Callable
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

from argmap import __version__
from argmap.convert import ConvertError
from argmap.convert.threadurls import (
    LEMMY_PAGE,
    NAMES,
    REDDIT,
    Address,
    address,
    discourse_posts_api,
    discourse_topic_api,
    hn_api,
    host_of,
    lemmy_comment_api,
    lemmy_comments_api,
    lemmy_post_api,
    mastodon_context_api,
    mastodon_status_api,
    site_of,
)
from argmap.errors import quote
from argmap.files import TooLarge, read_at_most
from argmap.load import DEFAULT_MAX_BYTES, format_size

__all__ = ["Address", "address", "fetch_thread", "site_of"]

USER_AGENT = f"argmap/{__version__} (thread import)"
MAX_PAGES = 1000  # requests for one thread; a server that needs more is paging for ever
DISCOURSE_CHUNK = 20  # posts asked for at once, as Discourse's own pages ask for them
ERROR_BODY = 1 << 16  # of an error answer, read for the reason the server gives


def fetch_thread(
    site: str,
    url: str,
    *,
    timeout: float = 20.0,
    max_bytes: int | None = DEFAULT_MAX_BYTES,
    progress: Callable[[str], None] | None = None,
    max_pages: int = MAX_PAGES,
) -> bytes:
    """The thread at `url` on `site` (lemmy, hn, discourse, mastodon), as the JSON document the
    site's importer reads (see the module's docstring for each shape), in UTF-8.

    `timeout` is in seconds, for each wait on the server; `max_bytes` bounds all answers
    together (None or 0: no limit); `max_pages` bounds the number of requests; `progress`, when
    given, is called with one short line before each request. Raises `ConvertError` for an
    address that is not a thread of `site`, for Reddit, and for anything the server does
    wrong, with a message a user can act on.
    """
    if site == "reddit":
        raise ConvertError(REDDIT)
    where = address(site, url)
    session = _Session(timeout, max_bytes or None, max_pages, progress)
    if site == "hn":
        api = hn_api(url)
        item, text = session.get(api, f"{host_of(api)}: item {where.id}")
        _dig(item, "children", list, host_of(api), "a Hacker News item", site)
        return text.encode("utf-8")
    fetch = {"lemmy": _lemmy, "discourse": _discourse, "mastodon": _mastodon}[site]
    thread = fetch(session, where)
    return json.dumps(thread, ensure_ascii=False).encode("utf-8")


def _lemmy(s: _Session, at: Address) -> dict[str, Any]:
    host, post_id = host_of(at.root), at.id
    if at.kind == "comment":
        found, _ = s.get(lemmy_comment_api(at.root, at.id), f"{host}: comment {at.id}", "comment")
        path = "comment_view.comment.post_id"
        post_id = str(_dig(found, path, int, host, "a Lemmy comment", "lemmy"))
    post, _ = s.get(lemmy_post_api(at.root, post_id), f"{host}: post {post_id}")
    post_view = _dig(post, "post_view", dict, host, "a Lemmy post", "lemmy")
    comments: list[Any] = []
    seen: set[int] = set()
    page = 1
    while True:
        url = lemmy_comments_api(at.root, post_id, page)
        got, _ = s.get(url, f"{host}: comments, page {page}")
        views = _dig(got, "comments", list, host, "a page of Lemmy comments", "lemmy")
        new = 0
        for view in views:
            key = _dig(view, "comment.id", int, host, "a page of Lemmy comments", "lemmy")
            if key not in seen:  # the oldest-first order can shift between pages
                seen.add(key)
                comments.append(view)
                new += 1
        if len(views) < LEMMY_PAGE:
            return {"post_view": post_view, "comments": comments}
        if new == 0:
            raise ConvertError(
                f"{host} sent the same comments for page {page} as before: it seems to ignore "
                "the page asked for, so argmap cannot get every comment; try again later"
            )
        page += 1


def _discourse(s: _Session, at: Address) -> dict[str, Any]:
    host, what = host_of(at.root), "a Discourse topic"
    topic, _ = s.get(discourse_topic_api(at.root, at.id), f"{host}: topic {at.id}")
    posts = _dig(topic, "post_stream.posts", list, host, what, "discourse")
    have = {_dig(p, "id", int, host, what, "discourse"): p for p in posts}
    stream = topic["post_stream"].get("stream", list(have))
    if not isinstance(stream, list) or not all(_is_int(i) for i in stream):
        raise _not_shaped(host, what, "post_stream.stream", "discourse")
    order = list(dict.fromkeys(stream))
    missing = [i for i in order if i not in have]
    for start in range(0, len(missing), DISCOURSE_CHUNK):
        chunk = missing[start : start + DISCOURSE_CHUNK]
        line = f"{host}: posts {start + 1}-{start + len(chunk)} of the {len(missing)} still to get"
        got, _ = s.get(discourse_posts_api(at.root, at.id, chunk), line)
        for post in _dig(got, "post_stream.posts", list, host, "Discourse posts", "discourse"):
            have.setdefault(_dig(post, "id", int, host, "Discourse posts", "discourse"), post)
    listed = set(order)
    topic["post_stream"]["posts"] = [have[i] for i in order if i in have] + [
        p for i, p in have.items() if i not in listed
    ]
    return topic  # type: ignore[no-any-return]


def _mastodon(s: _Session, at: Address) -> dict[str, Any]:
    host = host_of(at.root)
    status, _ = s.get(mastodon_status_api(at.root, at.id), f"{host}: post {at.id}")
    if not isinstance(status, dict) or not isinstance(status.get("id"), str | int):
        raise _not_shaped(host, "a Mastodon post", "id", "mastodon")
    line = f"{host}: the replies and context of post {at.id}"
    context, _ = s.get(mastodon_context_api(at.root, at.id), line)
    ancestors = _dig(context, "ancestors", list, host, "a Mastodon context", "mastodon")
    descendants = _dig(context, "descendants", list, host, "a Mastodon context", "mastodon")
    return {"status": status, "ancestors": ancestors, "descendants": descendants}


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _dig(value: Any, path: str, kind: type, host: str, what: str, site: str) -> Any:
    """`value[a][b]...` for `path` "a.b...", when it is a `kind`; else the error that says
    `host`'s answer is not `what`."""
    for key in path.split("."):
        value = value.get(key) if isinstance(value, dict) else None
    if not isinstance(value, kind) or (kind is int and not _is_int(value)):
        raise _not_shaped(host, what, path, site)
    return value


def _not_shaped(host: str, what: str, path: str, site: str) -> ConvertError:
    return ConvertError(
        f"{host} answered with JSON, but not {what}: it has no {path}; check that the "
        f"address is a {NAMES[site]} thread"
    )


class _Redirects(urllib.request.HTTPRedirectHandler):
    """Follows redirects to http and https addresses only: not to file:, ftp: or data:."""

    def http_error_302(self, req: Any, fp: Any, code: Any, msg: Any, headers: Any) -> Any:
        target = urljoin(req.full_url, headers.get("location") or headers.get("uri") or "")
        if urlsplit(target).scheme.lower() not in ("http", "https"):
            fp.close()
            raise ConvertError(
                f"{host_of(req.full_url)} sent argmap on to {quote(target, 80)}; argmap follows "
                "only http and https addresses"
            )
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302


def _opener() -> urllib.request.OpenerDirector:
    """An opener for http and https only: no file:, ftp: or data: handler at all."""
    opener = urllib.request.OpenerDirector()
    for handler in (
        urllib.request.ProxyHandler(),
        urllib.request.HTTPHandler(),
        urllib.request.HTTPSHandler(),
        urllib.request.HTTPDefaultErrorHandler(),
        _Redirects(),
        urllib.request.HTTPErrorProcessor(),
    ):
        opener.add_handler(handler)
    return opener


class _Session:
    """One thread's requests and the limits they share."""

    def __init__(
        self,
        timeout: float,
        max_bytes: int | None,
        max_pages: int,
        progress: Callable[[str], None] | None,
    ) -> None:
        self.timeout = timeout
        self.limit = max_bytes
        self.used = 0
        self.max_pages = max_pages
        self.requests = 0
        self.progress = progress
        self.opener = _opener()

    def get(self, url: str, line: str, thing: str = "thread") -> tuple[Any, str]:
        """The JSON value at `url` and its text. `line` is shown to `progress`; `thing` is what
        a 404 says does not exist."""
        host = host_of(url)
        if self.requests >= self.max_pages:
            raise ConvertError(
                f"{host} kept sending more: argmap stopped after {self.max_pages:,} requests, "
                "its limit for one thread; the server may be misbehaving"
            )
        self.requests += 1
        if self.progress is not None:
            self.progress(line)
        left = None if self.limit is None else self.limit - self.used
        request = urllib.request.Request(
            url, headers={"User-Agent": USER_AGENT, "Accept": "application/json"}
        )
        kind = None  # the type of the answer, once it has begun
        try:
            with self.opener.open(request, timeout=self.timeout) as answer:
                kind = answer.headers.get("Content-Type", "")
                length = answer.headers.get("Content-Length", "").strip()
                if left is not None and length.isdigit() and int(length) > left:
                    raise TooLarge(int(length), left)  # said before a byte is read
                data = read_at_most(answer, left)
        except urllib.error.HTTPError as e:
            raise _refused(e, host, thing) from None
        except urllib.error.URLError as e:
            raise ConvertError(_unreachable(host, e.reason, self.timeout)) from None
        except TimeoutError:
            if kind is None:
                raise ConvertError(_unreachable(host, TimeoutError(), self.timeout)) from None
            raise ConvertError(
                f"{host} stopped sending for more than {self.timeout:g} seconds; try again later"
            ) from None
        except TooLarge:
            raise ConvertError(self._too_large(host)) from None
        except http.client.InvalidURL as e:
            raise ConvertError(f"argmap cannot use the address {quote(url, 80)}: {e}") from None
        except (http.client.HTTPException, OSError) as e:
            raise ConvertError(f"the connection to {host} broke off: {_reason(e)}") from None
        except ValueError as e:  # an address http.client cannot use (a bad port, say)
            raise ConvertError(f"argmap cannot use the address {quote(url, 80)}: {e}") from None
        self.used += len(data)
        return _parsed(data, host, kind)

    def _too_large(self, host: str) -> str:
        assert self.limit is not None  # only a limit makes `read_at_most` refuse
        return (
            f"the thread from {host} is larger than the limit of {format_size(self.limit)}"
            + (" (all of its answers together)" if self.requests > 1 else "")
            + "; to fetch it anyway, raise the limit: `argmap --max-size SIZE import ...` or "
            "ARGMAP_MAX_SIZE=SIZE (0 for no limit)"
        )


def _parsed(data: bytes, host: str, kind: str) -> tuple[Any, str]:
    """The JSON value in an answer, and its text; a `ConvertError` saying what came instead."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ConvertError(f"{host} answered with something that is not text, not JSON") from None
    try:
        return json.loads(text), text
    except RecursionError:
        raise ConvertError(f"{host} answered with JSON nested too deeply to read") from None
    except ValueError as e:
        start = text.lstrip()[:1]
        if start == "<" or "html" in kind.lower():
            title = re.search(r"<title[^>]*>(.*?)</title>", text, re.IGNORECASE | re.DOTALL)
            named = " ".join(title[1].split()) if title else ""
            raise ConvertError(
                f"{host} answered with a web page{f' ({quote(named)})' if named else ''}, not "
                "JSON: it may want you to log in, or let only browsers in; open the address in "
                "a browser to see"
            ) from None
        if not text.strip():
            raise ConvertError(f"{host} answered with nothing, not JSON") from None
        if start not in ("{", "["):
            shown = quote(text.strip()[:40])
            raise ConvertError(f"{host} answered with text, not JSON: it starts {shown}") from None
        where = f" at line {e.lineno}" if isinstance(e, json.JSONDecodeError) else ""
        raise ConvertError(
            f"{host} answered with JSON that is cut short or broken{where}"
        ) from None


def _refused(e: urllib.error.HTTPError, host: str, thing: str) -> ConvertError:
    """The message for an HTTP error status, with the reason the server gives when it gives
    one (`{"error": ...}`, or Discourse's `{"errors": [...]}`)."""
    code, said = e.code, _said(e)
    told = f"; it says {quote(said, 120)}" if said else ""
    status = f"{code} {e.reason}".strip() if isinstance(e.reason, str) else str(code)
    if code in (404, 410) or (code == 400 and re.search(r"couldnt_find|not.found", said)):
        return ConvertError(f"{host} says there is no such {thing} ({code}); check the address")
    if code in (401, 403):
        return ConvertError(
            f"{host} refuses to show this {thing} ({status}): it needs an account, or {host} "
            f"blocks programs that are not browsers{told}"
        )
    if code == 429:
        return ConvertError(
            f"{host} is limiting how often it may be asked (429 Too Many Requests): "
            + _retry_after(e.headers.get("Retry-After", ""))
        )
    if code >= 500:
        return ConvertError(f"{host} failed on its side ({status}){told}; try again later")
    if 300 <= code < 400:  # urllib gives up on a loop of redirects, or on too many
        return ConvertError(f"{host} sends argmap round in circles ({code}); check the address")
    return ConvertError(f"{host} refused the request ({status}){told}")


def _said(e: urllib.error.HTTPError) -> str:
    """The reason an error answer gives, if it is JSON that gives one; else ''."""
    try:
        value = json.loads(e.read(ERROR_BODY).decode("utf-8"))
    except (OSError, ValueError, http.client.HTTPException, RecursionError):
        return ""
    finally:
        e.close()
    if not isinstance(value, dict):
        return ""
    said = value.get("error") or value.get("errors")
    if isinstance(said, list):
        said = "; ".join(s for s in said if isinstance(s, str))
    return said if isinstance(said, str) else ""


def _retry_after(value: str) -> str:
    """What a 429's Retry-After asks: a number of seconds or a date; or 'try again later'.

    >>> _retry_after("120"), _retry_after("")
    ('it asks to wait 120 seconds before trying again', 'wait a while, then try again')
    >>> _retry_after("Wed, 21 Oct 2015 07:28:00 GMT")
    'it asks to wait until 2015-10-21 07:28:00 UTC before trying again'
    """
    value = value.strip()
    if value.isdigit():
        seconds = f"{int(value):,} second{'' if int(value) == 1 else 's'}"
        return f"it asks to wait {seconds} before trying again"
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return "wait a while, then try again"
    return f"it asks to wait until {when:%Y-%m-%d %H:%M:%S} UTC before trying again"


def _unreachable(host: str, reason: object, timeout: float) -> str:
    """'could not reach HOST: why', for a failure before any answer came."""
    if isinstance(reason, TimeoutError):
        why = f"no answer within {timeout:g} seconds; try again later"
    elif isinstance(reason, ConnectionRefusedError):
        why = "the connection was refused; check the address"
    elif isinstance(reason, ssl.SSLCertVerificationError):
        why = f"its certificate cannot be trusted ({reason.verify_message})"
    elif isinstance(reason, socket.gaierror):
        why = f"no such host ({_reason(reason)}); check the address and your connection"
    else:
        why = _reason(reason)
    return f"could not reach {host}: {why}"


def _reason(error: object) -> str:
    return str(getattr(error, "strerror", None) or error or type(error).__name__)
