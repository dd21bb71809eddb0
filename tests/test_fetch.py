"""Fetching threads (`argmap.convert.fetch`), against a real HTTP server on the loopback address
that answers as the sites do, from recorded answers (tests/data/threads/served/README.md says
where each comes from). Nothing here reaches the internet: a guard refuses any connection that
is not to 127.0.0.1."""

from __future__ import annotations

import contextlib
import copy
import json
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from argmap import __version__
from argmap.convert import ConvertError
from argmap.convert.fetch import MAX_PAGES, fetch_thread, site_of
from argmap.convert.threadurls import REDDIT, address, hn_api

SERVED = Path(__file__).parent / "data" / "threads" / "served"
Query = dict[str, list[str]]


def recorded(name: str) -> Any:
    return json.loads((SERVED / name).read_text(encoding="utf-8"))


@dataclass
class Reply:
    status: int = 200
    body: bytes = b"{}"
    headers: dict[str, str] = field(default_factory=dict)
    sleep: float = 0.0  # before the answer
    stall: float = 0.0  # after the first half of the body
    length: bool = True  # send Content-Length; without it, the body ends when the connection does


def as_json(value: Any, status: int = 200) -> Reply:
    return Reply(status, json.dumps(value).encode())


class Site:
    """What the loopback server answers at each path (a route reads the query, as the real
    site does), and what it was asked: each path with its query, and the headers."""

    def __init__(self) -> None:
        self.routes: dict[str, Callable[[Query], Reply]] = {}
        self.asked: list[str] = []
        self.agents: list[str] = []
        self.accepts: list[str] = []
        self.port = 0

    @property
    def host(self) -> str:
        return f"127.0.0.1:{self.port}"

    def url(self, path: str) -> str:
        return f"http://{self.host}{path}"

    def serve(self, path: str, route: Reply | Callable[[Query], Reply]) -> None:
        self.routes[path] = route if callable(route) else (lambda query: route)


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        site: Site = self.server.site  # type: ignore[attr-defined]
        site.asked.append(self.path)
        site.agents.append(self.headers.get("User-Agent", ""))
        site.accepts.append(self.headers.get("Accept", ""))
        parts = urlsplit(self.path)
        route = site.routes.get(parts.path)
        reply = route(parse_qs(parts.query)) if route else as_json({"error": "not_found"}, 404)
        time.sleep(reply.sleep)
        self.send_response(reply.status)
        headers = {"Content-Type": "application/json; charset=utf-8", **reply.headers}
        if reply.length:
            headers["Content-Length"] = str(len(reply.body))
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        half = len(reply.body) // 2 if reply.stall else len(reply.body)
        with contextlib.suppress(OSError):  # the client gave up waiting (the timeout tests)
            self.wfile.write(reply.body[:half])
            self.wfile.flush()
            time.sleep(reply.stall)
            self.wfile.write(reply.body[half:])

    def log_message(self, format: str, *args: Any) -> None:
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    site: Site

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass


@pytest.fixture(autouse=True)
def loopback_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """No proxy from the environment, and no connection anywhere but 127.0.0.1."""
    for name in ("http_proxy", "https_proxy", "all_proxy", "no_proxy"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.upper(), raising=False)
    connect = socket.create_connection

    def guarded(address: tuple[str, int], *args: Any, **kwargs: Any) -> socket.socket:
        assert address[0] == "127.0.0.1", f"the tests must not reach {address[0]}"
        return connect(address, *args, **kwargs)

    monkeypatch.setattr(socket, "create_connection", guarded)


@pytest.fixture
def site() -> Iterator[Site]:
    served = Site()
    server = _Server(("127.0.0.1", 0), _Handler)
    server.site = served
    served.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield served
    server.shutdown()
    server.server_close()
    thread.join()


def fetched(site_name: str, url: str, **options: Any) -> Any:
    return json.loads(fetch_thread(site_name, url, **options))


def failure(site_name: str, url: str, **options: Any) -> str:
    with pytest.raises(ConvertError) as caught:
        fetch_thread(site_name, url, **options)
    return caught.value.message


# --- Lemmy ---------------------------------------------------------------------------------

LIST = "/api/v3/comment/list"


def lemmy_comment(n: int) -> Any:
    """The recorded comment view, as comment `n`."""
    view = copy.deepcopy(recorded("lemmy/comments.json")["comments"][0])
    view["comment"].update(id=n, path=f"0.{n}", content=f"Comment {n}.")
    view["counts"]["comment_id"] = n
    return view


def serve_lemmy_post(site: Site, pages: dict[str, list[Any]]) -> None:
    """Post 1 and its comments, by page, as Lemmy answers: a wrong id or a limit over 50 is an
    error, a page past the last is empty."""

    def post(query: Query) -> Reply:
        if query != {"id": ["1"]}:
            return as_json({"error": "couldnt_find_post"}, 404)
        return Reply(body=(SERVED / "lemmy/post.json").read_bytes())

    def comments(query: Query) -> Reply:
        page = query.pop("page", ["1"])[0]
        wanted = {"post_id": ["1"], "type_": ["All"], "sort": ["Old"], "limit": ["50"]}
        if query != wanted:
            return as_json({"error": "couldnt_get_comments"}, 400)
        return as_json({"comments": pages.get(page, [])})

    site.serve("/api/v3/post", post)
    site.serve(LIST, comments)


def page_url(page: int) -> str:
    return f"{LIST}?post_id=1&type_=All&sort=Old&limit=50&page={page}"


def test_lemmy_pages_through_every_comment_once(site: Site) -> None:
    # Page 2 repeats the last comment of page 1, as paging by offset does when a comment is
    # added meanwhile: it is kept once.
    pages = {
        "1": [lemmy_comment(n) for n in range(1, 51)],
        "2": [lemmy_comment(n) for n in range(50, 100)],
        "3": [lemmy_comment(n) for n in range(100, 108)],
    }
    serve_lemmy_post(site, pages)
    lines: list[str] = []
    thread = fetched("lemmy", site.url("/post/1"), progress=lines.append)
    assert thread == {
        "post_view": recorded("lemmy/post.json")["post_view"],
        "comments": [lemmy_comment(n) for n in range(1, 108)],
    }
    assert site.asked == ["/api/v3/post?id=1", page_url(1), page_url(2), page_url(3)]
    assert lines == [f"{site.host}: post 1"] + [
        f"{site.host}: comments, page {n}" for n in (1, 2, 3)
    ]


def test_lemmy_comment_address_fetches_the_whole_post(site: Site) -> None:
    serve_lemmy_post(site, {"1": recorded("lemmy/comments.json")["comments"]})
    site.serve(
        "/api/v3/comment",
        lambda query: (
            Reply(body=(SERVED / "lemmy/comment.json").read_bytes())
            if query == {"id": ["102"]}
            else as_json({"error": "couldnt_find_comment"}, 404)
        ),
    )
    thread = fetched("lemmy", site.url("/comment/102"))
    assert thread == {
        "post_view": recorded("lemmy/post.json")["post_view"],
        "comments": recorded("lemmy/comments.json")["comments"],
    }
    assert site.asked == ["/api/v3/comment?id=102", "/api/v3/post?id=1", page_url(1)]


def test_lemmy_says_so_when_the_server_ignores_the_page(site: Site) -> None:
    serve_lemmy_post(site, {})
    site.serve(LIST, as_json({"comments": [lemmy_comment(n) for n in range(1, 51)]}))
    assert failure("lemmy", site.url("/post/1")) == (
        f"{site.host} sent the same comments for page 2 as before: it seems to ignore the page "
        "asked for, so argmap cannot get every comment; try again later"
    )


def test_a_server_that_pages_for_ever_is_stopped_by_the_page_bound(site: Site) -> None:
    serve_lemmy_post(site, {})
    served = iter(range(1, 10**9))
    site.serve(
        LIST, lambda query: as_json({"comments": [lemmy_comment(next(served)) for _ in range(50)]})
    )
    assert failure("lemmy", site.url("/post/1"), max_pages=5) == (
        f"{site.host} kept sending more: argmap stopped after 5 requests, its limit for one "
        "thread; the server may be misbehaving"
    )
    assert site.asked == ["/api/v3/post?id=1"] + [page_url(n) for n in range(1, 5)]
    assert MAX_PAGES == 1000


# --- Hacker News, Discourse, Mastodon -------------------------------------------------------


def test_hn_answer_is_algolias_json_as_it_came(site: Site) -> None:
    body = (SERVED / "hn/item.json").read_bytes()
    site.serve("/api/v1/items/4001", Reply(body=body))
    assert fetch_thread("hn", site.url("/api/v1/items/4001")) == body
    assert site.asked == ["/api/v1/items/4001"]


def test_a_hacker_news_address_maps_to_algolia() -> None:
    assert hn_api("https://news.ycombinator.com/item?id=4001") == (
        "https://hn.algolia.com/api/v1/items/4001"
    )
    assert hn_api("https://hn.algolia.com/api/v1/items/4001/") == (
        "https://hn.algolia.com/api/v1/items/4001"
    )


def discourse_post(post_id: int) -> Any:
    """The recorded post of posts.json, as post `post_id`."""
    post = copy.deepcopy(recorded("discourse/posts.json")["post_stream"]["posts"][0])
    post.update(id=post_id, post_number=post_id - 1997, cooked=f"<p>Post {post_id}.</p>")
    return post


def test_discourse_fetches_the_posts_the_topic_leaves_out_twenty_at_a_time(site: Site) -> None:
    topic = recorded("discourse/topic.json")
    site.serve("/t/280.json", as_json(topic))

    def posts(query: Query) -> Reply:  # in another order than asked: the stream decides
        ids = sorted((int(i) for i in query["post_ids[]"]), reverse=True)
        return as_json({"post_stream": {"posts": [discourse_post(i) for i in ids]}, "id": 280})

    site.serve("/t/280/posts.json", posts)
    thread = fetched("discourse", site.url("/t/did-car-free-centres-work/280/3?u=ben"))
    want = copy.deepcopy(topic)
    want["post_stream"]["posts"] += [discourse_post(i) for i in range(2001, 2043)]
    assert thread == want
    chunks = [range(2001, 2021), range(2021, 2041), range(2041, 2043)]
    assert site.asked == ["/t/280.json"] + [
        "/t/280/posts.json?" + "&".join(f"post_ids[]={i}" for i in chunk) for chunk in chunks
    ]


def test_a_redirect_to_http_is_followed(site: Site) -> None:
    site.serve(
        "/t/280.json", Reply(301, b"", {"Location": "/t/did-car-free-centres-work/280.json"})
    )
    topic = recorded("discourse/topic.json")
    topic["post_stream"]["stream"] = [1001, 1002, 1003]
    site.serve("/t/did-car-free-centres-work/280.json", as_json(topic))
    assert fetched("discourse", site.url("/t/280")) == topic


def test_mastodon_combines_the_post_and_its_context(site: Site) -> None:
    status, context = recorded("mastodon/status.json"), recorded("mastodon/context.json")
    site.serve("/api/v1/statuses/109440142472665266", as_json(status))
    site.serve("/api/v1/statuses/109440142472665266/context", as_json(context))
    url = site.url("/@mastodonpy_test@example.net/109440142472665266")
    assert fetched("mastodon", url) == {"status": status, **context}
    assert site.asked == [
        "/api/v1/statuses/109440142472665266",
        "/api/v1/statuses/109440142472665266/context",
    ]


def test_every_request_says_it_is_argmap_and_asks_for_json(site: Site) -> None:
    serve_lemmy_post(site, {"1": recorded("lemmy/comments.json")["comments"]})
    fetch_thread("lemmy", site.url("/post/1"))
    assert site.agents == [f"argmap/{__version__} (thread import)"] * 2
    assert site.accepts == ["application/json"] * 2


# --- what goes wrong ----------------------------------------------------------------------

STATUS = "/api/v1/statuses/1"


@pytest.mark.parametrize(
    "reply,message",
    [
        (
            as_json({"error": "Record not found"}, 404),
            "{host} says there is no such thread (404); check the address",
        ),
        (
            as_json({"error": "couldnt_find_post"}, 400),
            "{host} says there is no such thread (400); check the address",
        ),
        (
            as_json({"errors": ["You are not permitted to view the requested resource."]}, 403),
            "{host} refuses to show this thread (403 Forbidden): it needs an account, or {host} "
            "blocks programs that are not browsers; it says 'You are not permitted to view the "
            "requested resource.'",
        ),
        (
            Reply(429, b"", {"Retry-After": "120"}),
            "{host} is limiting how often it may be asked (429 Too Many Requests): it asks to "
            "wait 120 seconds before trying again",
        ),
        (
            Reply(500, b"<html>oops</html>", {"Content-Type": "text/html"}),
            "{host} failed on its side (500 Internal Server Error); try again later",
        ),
        (
            Reply(
                200,
                b"<!DOCTYPE html><html><head><title>Log in -\n Forum</title></head>",
                {"Content-Type": "text/html"},
            ),
            "{host} answered with a web page ('Log in - Forum'), not JSON: it may want you to log "
            "in, or let only browsers in; open the address in a browser to see",
        ),
        (
            as_json({"statuses": []}),
            "{host} answered with JSON, but not a Mastodon post: it has no id; check that the "
            "address is a Mastodon thread",
        ),
        (
            Reply(302, b"", {"Location": "file:///etc/passwd"}),
            "{host} sent argmap on to 'file:///etc/passwd'; argmap follows only http and https "
            "addresses",
        ),
        (
            Reply(302, b"", {"Location": "/api/v1/statuses/1"}),
            "{host} sends argmap round in circles (302); check the address",
        ),
    ],
    ids=[
        "404",
        "lemmy-404",
        "403",
        "429",
        "500",
        "html",
        "not-a-status",
        "redirect-to-file",
        "redirect-loop",
    ],
)
def test_each_failure_has_a_message(site: Site, reply: Reply, message: str) -> None:
    site.serve(STATUS, reply)
    assert failure("mastodon", site.url("/@someone/1")) == message.format(host=site.host)


@pytest.mark.parametrize("length", [True, False], ids=["said", "streamed"])
def test_an_answer_over_the_size_limit_is_refused(site: Site, length: bool) -> None:
    site.serve(STATUS, Reply(body=b'{"id": "1", "content": "' + b"x" * 5000 + b'"}', length=length))
    assert failure("mastodon", site.url("/@someone/1"), max_bytes=1000) == (
        f"the thread from {site.host} is larger than the limit of 1000 bytes; to fetch it "
        "anyway, raise the limit: `argmap --max-size SIZE import ...` or ARGMAP_MAX_SIZE=SIZE "
        "(0 for no limit)"
    )


def test_the_size_limit_counts_all_answers_together(site: Site) -> None:
    status = (SERVED / "mastodon/status.json").read_bytes()
    context = (SERVED / "mastodon/context.json").read_bytes()
    site.serve(STATUS, Reply(body=status))
    site.serve(STATUS + "/context", Reply(body=context))
    assert len(status) < 3000 and len(context) < 3000 < len(status) + len(context)
    assert failure("mastodon", site.url("/@someone/1"), max_bytes=3000) == (
        f"the thread from {site.host} is larger than the limit of 3 KB (all of its answers "
        "together); to fetch it anyway, raise the limit: `argmap --max-size SIZE import ...` or "
        "ARGMAP_MAX_SIZE=SIZE (0 for no limit)"
    )


def test_a_server_too_slow_to_answer(site: Site) -> None:
    site.serve(STATUS, Reply(body=b"{}", sleep=1.5))
    assert failure("mastodon", site.url("/@someone/1"), timeout=0.3) == (
        f"could not reach {site.host}: no answer within 0.3 seconds; try again later"
    )


def test_a_server_that_stops_sending(site: Site) -> None:
    site.serve(STATUS, Reply(body=b'{"id": "1", "content": "<p>Toot!</p>"}', stall=1.5))
    assert failure("mastodon", site.url("/@someone/1"), timeout=0.3) == (
        f"{site.host} stopped sending for more than 0.3 seconds; try again later"
    )


def test_a_closed_port() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    assert failure("mastodon", f"http://127.0.0.1:{port}/@someone/1") == (
        f"could not reach 127.0.0.1:{port}: the connection was refused; check the address"
    )


def test_a_host_with_no_address(monkeypatch: pytest.MonkeyPatch) -> None:
    def unknown(address: tuple[str, int], *args: Any, **kwargs: Any) -> socket.socket:
        raise socket.gaierror(-2, "Name or service not known")

    monkeypatch.setattr(socket, "create_connection", unknown)
    assert failure("mastodon", "https://mastodon.invalid/@someone/1") == (
        "could not reach mastodon.invalid: no such host (Name or service not known); check the "
        "address and your connection"
    )


def test_reddit_is_refused_with_what_to_do() -> None:
    url = "https://www.reddit.com/r/urbanism/comments/abc123/car_free_centres/"
    assert failure("reddit", url) == REDDIT
    assert failure("lemmy", url) == REDDIT
    assert "with .json added to its end" in REDDIT and "argmap import reddit" in REDDIT


@pytest.mark.parametrize(
    "site_name,url,message",
    [
        (
            "lemmy",
            "https://lemmy.example/c/debate",
            "'https://lemmy.example/c/debate' is not the address of a Lemmy thread; argmap reads "
            "https://HOST/post/ID or https://HOST/comment/ID",
        ),
        (
            "discourse",
            "https://news.ycombinator.com/item?id=4001",
            "'https://news.ycombinator.com/item?id=4001' is not the address of a Discourse "
            "thread; argmap reads https://HOST/t/SLUG/ID or https://HOST/t/ID, with or without a "
            "post number; it looks like a Hacker News address: try `argmap import hn URL`",
        ),
        (
            "mastodon",
            "file:///etc/passwd",
            "argmap fetches only http and https addresses, and 'file:///etc/passwd' is not one; a "
            "Mastodon thread's address looks like https://HOST/@USER/ID, "
            "https://HOST/@USER@OTHERHOST/ID or https://HOST/users/USER/statuses/ID",
        ),
        (
            "kialo",
            "https://www.kialo.com/x",
            "argmap fetches threads from lemmy, hn, discourse, mastodon; 'kialo' is none of them",
        ),
    ],
)
def test_an_address_that_is_not_a_thread(site_name: str, url: str, message: str) -> None:
    assert failure(site_name, url) == message


@pytest.mark.parametrize(
    "url,site_name,root,kind,key",
    [
        ("https://lemmy.ml/post/123", "lemmy", "https://lemmy.ml", "post", "123"),
        ("https://lemmy.ml/post/123/456", "lemmy", "https://lemmy.ml", "post", "123"),
        ("https://beehaw.org/comment/9/", "lemmy", "https://beehaw.org", "comment", "9"),
        (
            "https://news.ycombinator.com/item?id=8863",
            "hn",
            "https://hn.algolia.com",
            "item",
            "8863",
        ),
        (
            "https://meta.discourse.org/t/280",
            "discourse",
            "https://meta.discourse.org",
            "topic",
            "280",
        ),
        (
            "https://meta.discourse.org/t/280/4",
            "discourse",
            "https://meta.discourse.org",
            "topic",
            "280",
        ),
        (
            "https://meta.discourse.org/t/i18n/280.json",
            "discourse",
            "https://meta.discourse.org",
            "topic",
            "280",
        ),
        (
            "https://x.org/forum/t/i18n/280/4?u=a",
            "discourse",
            "https://x.org/forum",
            "topic",
            "280",
        ),
        (
            "https://mastodon.social/@Gargron/1",
            "mastodon",
            "https://mastodon.social",
            "status",
            "1",
        ),
        (
            "https://mastodon.social/users/Gargron/statuses/1",
            "mastodon",
            "https://mastodon.social",
            "status",
            "1",
        ),
        (
            "http://127.0.0.1:8080/@a@b.example/2",
            "mastodon",
            "http://127.0.0.1:8080",
            "status",
            "2",
        ),
    ],
)
def test_thread_addresses(url: str, site_name: str, root: str, kind: str, key: str) -> None:
    assert site_of(url) == site_name
    found = address(site_name, url)
    assert (found.root, found.kind, found.id) == (root, kind, key)


@pytest.mark.parametrize(
    "url",
    ["https://lemmy.ml/", "https://lemmy.ml/c/memes", "https://example.org/t/slug", "not a url"],
)
def test_site_of_an_address_that_is_no_thread(url: str) -> None:
    assert site_of(url) is None


# --- `argmap import SITE ADDRESS`, end to end ----------------------------------------------------


def test_import_fetches_a_thread_by_its_address(site: Site, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from argmap import __version__, load
    from argmap.cli import app

    status, context = recorded("mastodon/status.json"), recorded("mastodon/context.json")
    site.serve("/api/v1/statuses/109440142472665266", as_json(status))
    site.serve("/api/v1/statuses/109440142472665266/context", as_json(context))
    url = site.url("/@mastodonpy_test@example.net/109440142472665266")
    out = tmp_path / "thread.yaml"
    result = CliRunner().invoke(
        app, ["import", "mastodon", url, "-o", str(out)], env={"NO_COLOR": "1", "COLUMNS": "200"}
    )
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[:2] == [
        f"fetching {site.host}: post 109440142472665266",
        f"fetching {site.host}: the replies and context of post 109440142472665266",
    ]
    debate = load(out)
    first, second = debate.claims
    assert [(r.source, r.target, r.kind.value) for r in debate.relations] == [
        (second, first, "answers")
    ]
    assert f"# Imported by argmap {__version__} from the mastodon thread at {url} (SHA-256 " in (
        out.read_text(encoding="utf-8")
    )


def test_import_says_why_a_thread_cannot_be_fetched(site: Site, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from argmap.cli import app

    url = site.url("/post/404")
    result = CliRunner().invoke(app, ["import", "lemmy", url, "-o", str(tmp_path / "t.yaml")])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1].startswith(f"argmap: error: {url}: ")
    assert not (tmp_path / "t.yaml").exists()


def test_import_to_a_file_that_is_there_fetches_nothing(site: Site, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from argmap.cli import app

    out = tmp_path / "t.yaml"
    out.write_text("mine\n")
    url = site.url("/post/404")
    result = CliRunner().invoke(app, ["import", "lemmy", url, "-o", str(out)])
    assert result.exit_code == 1
    assert result.stderr == (
        f"argmap: error: {out} already exists; choose another name or remove it first "
        "(or pass --force to overwrite it)\n"
    )
    assert site.asked == []  # refused before the thread was fetched
    assert out.read_text() == "mine\n"
