"""The thread readers of Reddit, Lemmy, Hacker News, Discourse and Mastodon, on the sites' own
JSON (tests/data/threads/README.md says where each file comes from) and on JSON built to break
them: whatever the input, a `Thread` or a `ConvertError`, never a traceback.

The expected values were read off the files, not off the readers."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.convert import ConvertError, discourse, hn, lemmy, mastodon, reddit
from argmap.convert.thread import Block, Link, Thread

from .conftest import ROOT

DATA = ROOT / "tests/data/threads"
Parse = Callable[[bytes, str], Thread]
SITES: dict[str, Parse] = {
    "reddit": reddit.parse,
    "lemmy": lemmy.parse,
    "hn": hn.parse,
    "discourse": discourse.parse,
    "mastodon": mastodon.parse,
}
REAL = sorted(p.relative_to(DATA).as_posix() for p in DATA.glob("*/*.json"))


def read(path: str) -> Thread:
    site = path.split("/")[0]
    thread = SITES[site]((DATA / path).read_bytes(), path)
    assert thread.site == site
    return thread


def parse(site: str, value: object) -> Thread:
    return SITES[site](json.dumps(value).encode(), "thread.json")


def edges(thread: Thread) -> set[tuple[str, str]]:
    return {(c.key, c.parent) for c in thread.comments if c.parent is not None}


def authors(thread: Thread) -> set[str | None]:
    return {c.author for c in thread.comments}


def in_thread_order(thread: Thread) -> bool:
    seen: set[str] = set()
    for c in thread.comments:
        if c.parent is not None and c.parent not in seen:
            return False
        seen.add(c.key)
    return len(seen) == len(thread.comments)


@pytest.mark.parametrize("path", REAL)
def test_every_real_file_reads_in_thread_order_with_unique_keys(path: str) -> None:
    thread = read(path)
    assert thread.comments
    assert in_thread_order(thread)
    assert all(c.at is None or (c.at.endswith("Z") and len(c.at) == 20) for c in thread.comments)
    assert all(b.text and b.text == b.text.strip() for c in thread.comments for b in c.blocks)


def test_reddit_a_link_post_with_ten_comments_and_eleven_load_more_stubs() -> None:
    thread = read("reddit/praw-3hahrw-limit10.json")
    post, first = thread.comments[0], thread.comments[1]
    assert (thread.title, thread.url) == ("Ba Dum Tsss", post.url)
    assert len(thread.comments) == 11
    assert authors(thread) == {
        "your_local_librarian", "johnnwho", "Lommo97", "mcampo84", "frittenlord", "Rivster79",
        "stupiddie", "Antrikshy", "FrostyAce81", "TheProphetBroses", None,
    }  # fmt: skip
    assert len(edges(thread)) == 10
    assert {("cu5sye5", "cu5pebp"), ("cu5tgzu", "cu5sye5"), ("cu5th6m", "cu5p1hh")} <= edges(thread)
    assert sum(c.deleted for c in thread.comments) == 0
    assert thread.missing == 559 and len(thread.skipped) == 11
    assert (post.at, post.score, post.links) == (
        "2015-08-17T07:44:40Z",
        29790,
        (Link("http://i.imgur.com/eoF76hj.gifv"),),
    )
    assert post.url == "https://www.reddit.com/r/funny/comments/3hahrw/ba_dum_tsss/"
    assert (first.key, first.at, first.score) == ("cu5pebp", "2015-08-17T08:45:51Z", 1127)
    assert first.url == "https://www.reddit.com/r/funny/comments/3hahrw/ba_dum_tsss/cu5pebp/"
    assert first.author_url == "https://www.reddit.com/user/johnnwho"
    quoted = next(c for c in thread.comments if c.key == "cu5tgzu")
    assert quoted.blocks == (Block("I have a glandular problem!", quote=True),)
    assert thread.skipped[-1].startswith("332 more comments under the post are not in the file")


def test_reddit_a_comment_permalink_whose_parent_is_not_in_the_file() -> None:
    thread = read("reddit/praw-3hahrw-cu61tk1.json")
    assert [c.key for c in thread.comments] == ["3hahrw", "cu61tk1", "cu6236a"]
    assert authors(thread) == {"your_local_librarian", None, "yourmansconnect"}
    assert edges(thread) == {("cu6236a", "cu61tk1")}
    gone = thread.comments[1]
    assert (gone.deleted, gone.blocks, gone.author, gone.score) == (True, (), None, 1)
    assert sum(c.deleted for c in thread.comments) == 1
    assert thread.missing == 0
    assert thread.skipped == [
        "comment cu61tk1 replies to cu61nnl, which is not in the file; "
        "it is kept as a top-level reply"
    ]
    post = thread.comments[0]
    assert (post.at, post.score, post.url) == (
        "2015-08-17T07:44:40Z",
        11700,
        "https://www.reddit.com/r/funny/comments/3hahrw/ba_dum_tsss/",
    )


def test_reddit_a_self_post_in_markdown() -> None:
    thread = read("reddit/praw-98vj9e-e4j4830.json")
    post = thread.comments[0]
    assert [c.key for c in thread.comments] == [
        "98vj9e",
        "e4j4830",
        "e7q58bn",
        "e4uaa59",
        "e4uhrr8",
    ]
    assert edges(thread) == {
        ("e4j4830", "98vj9e"), ("e7q58bn", "e4j4830"), ("e4uaa59", "e4j4830"),
        ("e4uhrr8", "e4uaa59"),
    }  # fmt: skip
    assert authors(thread) == {"kemitche", "Sporkicide", "SwineFluPandemic", "V2Blast"}
    assert thread.missing == 28 and len(thread.skipped) == 2
    assert (post.at, post.score, len(post.blocks)) == ("2018-08-20T17:21:30Z", 83, 13)
    # PRAW recorded the thread with its test subreddit's name replaced (README.md).
    assert post.url == (
        "https://www.reddit.com/r/<TEST_SUBREDDIT>/comments/98vj9e/"
        "please_be_a_good_bot_citizen_of_reddit/"
    )
    assert sum(c.deleted for c in thread.comments) == 0
    assert post.blocks[3] == Block("Please don't write simple reply bots")
    assert post.links == (
        Link("https://www.reddit.com/subreddits/create", "own subreddit"),
        Link("https://www.reddit.com/wiki/bottiquette"),
    )
    assert thread.comments[1].blocks == (
        Block("Please don't make me send your bot to a farm upstate."),
        Block("You know I'll do it."),
    )


def test_reddit_escapes_and_a_listing_of_comments_only() -> None:
    listing = {"kind": "Listing", "data": {"children": [
        {"kind": "t1", "data": {"id": "a", "parent_id": "t3_p", "author": "x",
                                "body": "&gt; quoted &amp;lt;b&amp;gt;\n\nreply", "score": 3,
                                "score_hidden": True, "created_utc": 0,
                                "permalink": "/r/s/comments/p/t/a/", "link_title": "T",
                                "replies": ""}},
        {"kind": "more", "data": {"count": 0, "children": [], "parent_id": "t1_a"}},
    ]}}  # fmt: skip
    thread = parse("reddit", listing)
    (comment,) = thread.comments
    # Reddit escaped what was typed ("&lt;b&gt;"); Markdown then reads those entities, as
    # Reddit shows them.
    assert comment.blocks == (Block("quoted <b>", quote=True), Block("reply"))
    assert (comment.parent, comment.score, comment.at) == (None, None, "1970-01-01T00:00:00Z")
    assert (thread.title, thread.missing) == ("T", 0)
    assert comment.url == "https://www.reddit.com/r/s/comments/p/t/a/"
    assert thread.skipped[0].startswith("the replies under comment a are not in the file")
    assert thread.skipped[1].startswith("the post itself is not in the file")


def test_reddit_a_subreddit_listing_is_not_a_thread() -> None:
    posts = {"kind": "Listing", "data": {"children": [{"kind": "t3", "data": {}}] * 2}}
    with pytest.raises(ConvertError, match="a list of posts"):
        parse("reddit", posts)


def lemmy_view(ident: int, path: str, published: str, **comment: Any) -> dict[str, Any]:
    return {
        "comment": {"id": ident, "path": path, "published": published, "content": f"c{ident}",
                    "ap_id": f"https://lemmy.ml/comment/{ident}", **comment},
        "creator": {"name": f"u{ident}", "actor_id": f"https://beehaw.org/u/u{ident}"},
        "counts": {"score": ident},
    }  # fmt: skip


def test_lemmy_0_19_and_1_0_give_the_same_comment() -> None:
    old, new = read("lemmy/lemmykit-comments-v3.json"), read("lemmy/lemmykit-comments-v4.json")
    assert old == new
    (comment,) = old.comments
    assert (comment.key, comment.parent, comment.author, comment.author_shown) == (
        "501", None, "seed_mod1", "Mod One"
    )  # fmt: skip
    assert (comment.author_home, comment.at, comment.score) == (
        "test1.lemmy.ddenis.info", "2026-06-12T23:39:00Z", 3
    )  # fmt: skip
    assert comment.url == "https://test1.lemmy.ddenis.info/comment/501"
    assert comment.blocks == (Block("Great track, thanks for sharing!"),)
    assert comment.deleted is False
    assert (old.title, old.url, old.missing, old.skipped) == (
        "Live recording (thread 8)", "https://test1.lemmy.ddenis.info/post/180", 0, []
    )  # fmt: skip


def test_lemmy_the_post_view_beside_the_comments_as_the_fetcher_writes_them() -> None:
    post = json.loads((DATA / "lemmy/lemmykit-post-v3.json").read_bytes())["post_view"]
    views = json.loads((DATA / "lemmy/lemmykit-comments-v3.json").read_bytes())["comments"]
    thread = parse("lemmy", {"post_view": post, "comments": views})
    assert [c.key for c in thread.comments] == ["p180", "501"]
    assert edges(thread) == {("501", "p180")}
    opening = thread.comments[0]
    assert (opening.at, opening.score, opening.links) == (
        "2026-06-12T23:37:46Z", 1, (Link("https://example.com/live"),)
    )  # fmt: skip
    assert thread.missing == 6
    assert thread.skipped[0].startswith("the post counts 7 comments and the file holds 1")
    alone = read("lemmy/lemmykit-post-v3.json")
    assert ([c.key for c in alone.comments], alone.missing) == (["p180"], 7)
    assert alone.comments[0].url == "https://test1.lemmy.ddenis.info/post/180"
    assert (alone.comments[0].author, alone.comments[0].deleted) == ("seed_mod1", False)


def test_lemmy_orders_pages_by_time_then_id_and_reads_parents_from_paths() -> None:
    views = [
        lemmy_view(9, "0.5.9", "2024-01-01T10:00:00Z"),
        lemmy_view(7, "0.7", "2024-01-01T09:00:00Z", deleted=True),
        lemmy_view(5, "0.5", "2024-01-01T09:00:00Z"),
        lemmy_view(8, "0.5.8", "2024-01-01T10:00:00Z", removed=True),
        lemmy_view(6, "0.3.6", "2024-01-01T08:00:00+02:00"),
        lemmy_view(4, "oops", "2024-01-01T11:00:00Z"),
    ]
    thread = parse("lemmy", {"comments": views})
    assert [c.key for c in thread.comments] == ["6", "5", "8", "9", "7", "4"]
    assert edges(thread) == {("9", "5"), ("8", "5")}
    assert [c.deleted for c in thread.comments] == [False, False, True, False, True, False]
    assert thread.comments[0].at == "2024-01-01T06:00:00Z"
    assert thread.comments[0].author_home == "beehaw.org"
    assert thread.skipped == [
        "comment 4 has no path saying what it replies to; it is kept as a reply to the post",
        "comment 6 replies to 3, which is not in the file; it is kept as a top-level reply",
    ]


def test_hn_firebase_items_from_the_official_readme() -> None:
    thread = read("hn/firebase-readme-items.json")
    story, comment = thread.comments
    assert (thread.title, thread.url) == (
        "Ask HN: The Arc Effect", "https://news.ycombinator.com/item?id=121003"
    )  # fmt: skip
    assert (story.key, story.at, story.score, story.url) == (
        "121003", "2008-02-22T02:33:40Z", 25, "https://news.ycombinator.com/item?id=121003"
    )  # fmt: skip
    assert story.blocks[0] == Block("or HN: the Next Iteration") and len(story.blocks) == 4
    assert (comment.key, comment.parent, comment.author, comment.score) == (
        "2921983", None, "norvig", None
    )  # fmt: skip
    assert comment.author_url == "https://news.ycombinator.com/user?id=norvig"
    assert authors(thread) == {"tel", "norvig"}
    assert sum(c.deleted for c in thread.comments) == 0
    assert edges(thread) == set() and thread.missing == 16
    assert thread.skipped == [
        "item 160705 is a pollopt, not a comment; it is left out",
        "comment 2921983 replies to 2921506, which is not in the file; "
        "it is kept as a top-level reply",
        "the story counts 16 comments and the file holds 0: save "
        "https://hn.algolia.com/api/v1/items/121003, which has the whole tree",
    ]


def test_hn_firebase_comments_follow_their_parents_kids() -> None:
    items = [
        {"id": 1, "type": "story", "by": "a", "kids": [3, 2], "descendants": 3, "time": 0},
        {"id": 2, "type": "comment", "by": "b", "parent": 1, "time": 10, "text": "two"},
        {"id": 4, "type": "comment", "parent": 3, "time": 30, "deleted": True},
        {"id": 3, "type": "comment", "by": "c", "parent": 1, "time": 20, "kids": [4]},
        None,
    ]
    thread = parse("hn", {str(i): item for i, item in enumerate(items)})
    assert [c.key for c in thread.comments] == ["1", "3", "4", "2"]
    assert [c.deleted for c in thread.comments] == [False, False, True, False]
    assert thread.missing == 0
    assert thread.skipped == ["entry 5 is null (the API's answer for an item that does not exist)"]


def test_hn_algolia_item() -> None:
    thread = read("hn/algolia-handmade.json")
    keys = [c.key for c in thread.comments]
    assert keys == [
        "40000001",
        "40000002",
        "40000004",
        "40000006",
        "40000007",
        "40000003",
        "40000005",
    ]
    assert authors(thread) == {"ann", "bo", "cy", "dee", None}
    assert len(edges(thread)) == 6 and ("40000007", "40000004") in edges(thread)
    assert [c.key for c in thread.comments if c.deleted] == ["40000006", "40000005"]
    assert (thread.missing, thread.skipped) == (0, [])
    story = thread.comments[0]
    assert (story.at, story.score, story.url) == (
        "2023-11-14T22:13:20Z", 42, "https://news.ycombinator.com/item?id=40000001"
    )  # fmt: skip
    assert thread.comments[2].blocks == (
        Block("a commit is cheap to redo", quote=True),
        Block("Not when the hook takes a minute:"),
        Block("pre-commit run --all-files"),
    )
    assert thread.comments[1].links == (Link("https://example.org/style"),)


def test_hn_hnpwa_item() -> None:
    thread = read("hn/hnpwa-handmade.json")
    assert [c.key for c in thread.comments] == [str(50000001 + i) for i in range(6)]
    assert authors(thread) == {"ivy", "fay", "eve", None, "gus", "hal"}
    assert edges(thread) == {
        ("50000002", "50000001"), ("50000003", "50000002"), ("50000004", "50000002"),
        ("50000005", "50000001"), ("50000006", "50000001"),
    }  # fmt: skip
    assert [c.key for c in thread.comments if c.deleted] == ["50000004", "50000005"]
    assert thread.missing == 1
    story = thread.comments[0]
    assert (story.at, story.score, story.links) == (
        "2024-03-09T16:00:00Z", 17, (Link("https://example.org/tabs"),)
    )  # fmt: skip
    assert story.url == thread.url == "https://news.ycombinator.com/item?id=50000001"
    assert thread.comments[-1].links == (Link("https://peps.python.org/pep-0008/", "PEP 8"),)


def test_hn_says_which_shapes_it_reads() -> None:
    with pytest.raises(ConvertError, match=r"Algolia's item .* HNPWA item .* official API"):
        parse("hn", {"title": "no"})
    with pytest.raises(ConvertError, match="search result"):
        parse("hn", {"hits": []})
    assert hn.shape_of({"id": 1, "comments": [], "user": "x"}) == "hnpwa"


def test_discourse_topic_of_try_discourse_org() -> None:
    thread = read("discourse/discourse-api-topic.json")
    assert [c.key for c in thread.comments] == ["1", "2", "3", "14"]
    assert thread.title == "THIS SITE IS A SANDBOX -- it is reset every day"
    assert authors(thread) == {"samsaffron", "stienman", "splattne"}
    assert edges(thread) == {("2", "1"), ("3", "1"), ("14", "1")}
    assert [c.score for c in thread.comments] == [0, 0, 5, 5]
    assert sum(c.deleted for c in thread.comments) == 0
    assert (thread.missing, thread.skipped, thread.url) == (0, [], None)
    first = thread.comments[0]
    assert (first.at, first.url, first.author_shown) == (
        "2013-02-04T20:26:26Z",
        None,
        "Sam Saffron",
    )
    assert first.blocks[5] == Block(
        "- For more information on the Discourse project and its goals, visit "
        "http://www.discourse.org"
    )
    assert thread.comments[3].blocks == (Block("What? So I have to post this every day? image"),)


def test_discourse_quotes_deleted_posts_and_posts_not_in_the_file() -> None:
    aside = (
        '<aside class="quote no-group" data-username="ann" data-post="2" data-topic="7">'
        '<div class="title"><div class="quote-controls"></div><img alt="" src="/a.png"> ann:'
        "</div><blockquote><p>Tabs.</p></blockquote></aside><p>Spaces.</p>"
    )
    posts = [
        {"id": 70, "post_number": 1, "username": "ann", "cooked": "<p>Which?</p>"},
        {"id": 71, "post_number": 2, "username": "ann", "cooked": "<p>Tabs.</p>",
         "deleted_at": "2024-01-01T00:00:00Z"},
        {"id": 72, "post_number": 3, "username": "bo", "cooked": aside, "reply_to_post_number": 2,
         "actions_summary": [{"id": 2, "count": 4}], "post_url": "https://f.org/t/x/7/3"},
        {"id": 73, "post_number": 4, "post_type": 3, "action_code": "closed.enabled"},
        {"id": 75, "post_number": 6, "username": "cy", "cooked": "", "reply_to_post_number": 5},
    ]  # fmt: skip
    topic = {"id": 7, "title": "T", "post_stream": {"posts": posts, "stream": list(range(70, 80))}}
    thread = parse("discourse", topic)
    assert [c.key for c in thread.comments] == ["1", "2", "3", "6"]
    assert edges(thread) == {("2", "1"), ("3", "2")}
    reply = thread.comments[2]
    assert reply.blocks == (Block("Tabs.", quote=True, of="2"), Block("Spaces."))
    assert (reply.score, reply.url, reply.author_url) == (
        4,
        "https://f.org/t/x/7/3",
        "https://f.org/u/bo",
    )
    assert (thread.comments[1].deleted, thread.comments[1].blocks) == (True, ())
    assert thread.missing == 5
    assert thread.skipped[:2] == [
        "post 4 records 'closed.enabled', not a post anyone wrote; left out",
        "post 6 replies to post 5, which is not in the file; it is kept as a reply to nothing",
    ]
    assert thread.skipped[2].startswith("5 of the topic's 10 posts are not in the file")


def test_mastodon_context_from_mastodon_social() -> None:
    thread = read("mastodon/mastodonpy-context.json")
    first, reply = thread.comments
    assert (first.key, reply.key) == ("110446983178245440", "110446984249325790")
    assert authors(thread) == {"halcy"} and edges(thread) == set()
    assert (first.at, first.score, first.url) == (
        "2023-05-28T15:20:18Z", 0, "https://mastodon.social/@halcy/110446983178245440"
    )  # fmt: skip
    assert (first.author_home, first.author_shown) == ("mastodon.social", "autumnal halcy")
    assert (first.blocks, reply.blocks) == ((Block("first status"),), (Block("final status"),))
    assert thread.missing == 0 and not any(c.deleted for c in thread.comments)
    assert thread.skipped == [
        "status 110446984249325790 replies to 110446983926957470, which is not in the file; "
        "it is kept as a top-level reply"
    ]


def test_mastodon_a_hand_edited_context_with_broken_html() -> None:
    thread = read("mastodon/mastodon-cr-context.json")
    assert [c.key for c in thread.comments] == ["1", "2"] and edges(thread) == set()
    first = thread.comments[0]
    assert first.blocks == (
        Block('"I lost my inheritance with one wrong digit on my sort code"'),
        Block("theguardian.com/money/2019/dec…"),
    )
    assert first.links == (
        Link(
            "https://www.theguardian.com/money/2019/dec/07/"
            "i-lost-my-193000-inheritance-with-one-wrong-digit-on-my-sort-code"
        ),
    )
    assert (first.score, first.at) == (11, "2019-12-08T03:48:33Z")
    assert first.url == "https://mastodon.social/@Gargron/103270115826048975"
    assert authors(thread) == {"Gargron"} and first.author_shown == "Eugen"
    assert (thread.missing, sum(c.deleted for c in thread.comments)) == (0, 0)
    assert thread.skipped == [
        "status 2 is among the replies but replies to nothing; it is kept as a top-level status"
    ]


def test_mastodon_order_content_warnings_and_boosts() -> None:
    def status(i: int, parent: int | None, at: str, **more: Any) -> dict[str, Any]:
        account = {"acct": "ann@social.example", "url": "https://social.example/@ann"}
        return {"id": i, "in_reply_to_id": parent, "created_at": at, "content": f"<p>s{i}</p>",
                "account": account, "favourites_count": i, **more}  # fmt: skip

    context = {
        "ancestors": [status(1, None, "2024-01-01T00:00:00Z")],
        "status": status(2, 1, "2024-01-01T01:00:00Z", spoiler_text="politics"),
        "descendants": [
            status(4, 2, "2024-01-01T03:00:00Z"),
            status(3, 2, "2024-01-01T02:00:00Z"),
            status(5, 3, "2024-01-01T04:00:00Z"),
            status(6, 2, "2024-01-01T05:00:00Z", reblog={"id": "1"}),
        ],
    }
    thread = parse("mastodon", context)
    assert [c.key for c in thread.comments] == ["1", "2", "3", "5", "4"]
    assert thread.comments[1].blocks == (Block("CW: politics"), Block("s2"))
    assert thread.comments[0].author_home == "social.example"
    assert thread.url is None
    assert thread.skipped == ["status 6 is a boost, not a reply; it is left out"]


# Hostile input: whatever comes, a Thread or a ConvertError.


@pytest.mark.parametrize("site", SITES)
@pytest.mark.parametrize(
    "data",
    [b"", b"\xff\xfe", b"not json", b"[1, 2", b"null", b"[]", b"{}", b"42", b'"text"', b"[[]]",
     b'{"comments": 5}', b'{"post_stream": []}', b'[{"kind": "Listing"}]', b"1" * 5000],
)  # fmt: skip
def test_input_that_is_no_thread_is_an_error_or_an_empty_thread(site: str, data: bytes) -> None:
    try:
        thread = SITES[site](data, "x.json")
    except ConvertError as e:
        assert e.message and "Traceback" not in e.message
    else:
        assert thread.comments == [] or all(c.key for c in thread.comments)


@pytest.mark.parametrize("site", ["reddit", "lemmy", "discourse", "mastodon"])
def test_a_shape_of_another_site_names_what_was_expected(site: str) -> None:
    with pytest.raises(ConvertError, match="this is not"):
        parse(site, {"title": "hello"})


def paths(value: object) -> Iterator[tuple[Any, Any]]:
    """Every (container, key) of a JSON value, without recursion."""
    stack = [value]
    while stack:
        node = stack.pop()
        items = (
            node.items()
            if isinstance(node, dict)
            else enumerate(node)
            if isinstance(node, list)
            else []
        )
        for k, v in items:
            yield node, k
            stack.append(v)


ODD: list[object] = [None, True, -1, 10**40, 1e308, "", "\x00\u202e", [], {}, "9" * 5000]


@pytest.mark.parametrize("path", REAL)
def test_any_one_value_of_a_real_file_replaced_gives_a_thread_or_an_error(path: str) -> None:
    site = path.split("/")[0]
    text = (DATA / path).read_text(encoding="utf-8")
    every = list(paths(json.loads(text)))
    for n in range(0, len(every), max(1, len(every) // 30)):
        for odd in ODD:
            value = json.loads(text)
            container, key = list(paths(value))[n]
            container[key] = odd
            try:
                thread = parse(site, value)
            except ConvertError:
                continue
            assert in_thread_order(thread)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
        st.sampled_from(["id", "kind", "data", "children", "comments", "post_stream", "posts",
                         "path", "comment", "ancestors", "descendants", "by", "kids", "parent",
                         "body", "content", "cooked", "text", "post_number", "in_reply_to_id"]),
        inner, max_size=5),
    max_leaves=20,
)  # fmt: skip


@pytest.mark.parametrize("site", SITES)
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(value=json_values)
def test_any_json_gives_a_thread_or_an_error(site: str, value: object) -> None:
    try:
        thread = parse(site, value)
    except ConvertError:
        return
    assert in_thread_order(thread)


def nested(depth: int, open_: str, close: str) -> bytes:
    return (open_ * depth + close * depth).encode()


DEEP = 5000


def test_reddit_a_reply_chain_5000_deep() -> None:
    head = (
        '{"kind":"t1","data":{"id":"c%d","body":"b",'
        '"replies":{"kind":"Listing","data":{"children":['
    )
    body = "".join(head % i for i in range(DEEP)) + "]}}}}" * DEEP
    data = f'{{"kind":"Listing","data":{{"children":[{body}]}}}}'.encode()
    thread = reddit.parse(data, "deep.json")
    assert len(thread.comments) == DEEP and thread.comments[-1].parent == f"c{DEEP - 2}"


def test_hn_algolia_and_hnpwa_chains_5000_deep() -> None:
    algolia = (
        '{"id":%d,"type":"comment","author":"a","text":"t","created_at_i":1,"story_id":1,'
        '"children":['
    )
    thread = hn.parse(("".join(algolia % i for i in range(DEEP)) + "]}" * DEEP).encode(), "x")
    assert len(thread.comments) == DEEP and thread.comments[-1].parent == str(DEEP - 2)
    hnpwa = '{"id":%d,"user":"a","content":"t","time":1,"level":0,"comments":['
    thread = hn.parse(("".join(hnpwa % i for i in range(DEEP)) + "]}" * DEEP).encode(), "x")
    assert len(thread.comments) == DEEP


def test_lemmy_discourse_and_mastodon_chains_5000_deep() -> None:
    # A path names every ancestor; the reader needs only the last two numbers of it.
    views = [lemmy_view(i, f"0.{i - 1}.{i}" if i > 1 else "0.1", "2024-01-01T00:00:00Z")
             for i in range(1, DEEP + 1)]  # fmt: skip
    assert len(parse("lemmy", views).comments) == DEEP
    posts = [{"post_number": i, "username": "u", "cooked": "x", "reply_to_post_number": i - 1}
             for i in range(1, DEEP + 1)]  # fmt: skip
    thread = parse("discourse", {"post_stream": {"posts": posts}})
    assert len(edges(thread)) == DEEP - 1
    statuses = [{"id": str(i), "in_reply_to_id": str(i - 1) if i else None, "content": "x"}
                for i in range(DEEP)][::-1]  # fmt: skip
    thread = parse("mastodon", statuses)
    assert [c.key for c in thread.comments] == [str(i) for i in range(DEEP)]


def test_a_loop_of_replies_is_cut_and_named() -> None:
    statuses = [{"id": "1", "in_reply_to_id": "2", "content": "a"},
                {"id": "2", "in_reply_to_id": "1", "content": "b"}]  # fmt: skip
    thread = parse("mastodon", statuses)
    assert [(c.key, c.parent) for c in thread.comments] == [("1", None), ("2", "1")]
    assert thread.skipped == [
        "status 1 is in a loop of replies (it replies, through others, to itself); "
        "it is kept as a top-level reply instead of a reply to 2"
    ]


def test_json_nested_deeper_than_python_reads_is_read_or_refused_with_a_position() -> None:
    with pytest.raises(ConvertError) as caught:
        hn.parse(nested(DEEP, "[", "]")[:-1], "x")
    assert (caught.value.message, caught.value.line) == ("invalid JSON: expecting ',' or ']'", 1)
    with pytest.raises(ConvertError, match="not Hacker News JSON"):
        hn.parse(nested(DEEP, "[", "]"), "x")
