"""Comment bodies made readable (argmap.convert.markup): the exact blocks and links that
Markdown and HTML become."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from argmap.convert import markup
from argmap.convert.htmltext import html_blocks
from argmap.convert.markup import clean, markdown_blocks
from argmap.convert.thread import Block, Link

B = Block


def Q(text: str, of: str | None = None) -> Block:  # a quote block, as short as B
    return Block(text, quote=True, of=of)


@pytest.mark.parametrize(
    ("markdown", "blocks", "links"),
    [
        ("Line one\nline two  \nhard", [B("Line one line two hard")], []),
        ("# Title\n\ntext", [B("Title"), B("text")], []),
        ("3. c\n4. d\n\n* star\n  - inner", [B("3. c"), B("4. d"), B("- star"), B("- inner")], []),
        ("- first\n\n  second paragraph", [B("- first"), B("second paragraph")], []),
        ("> a\n>\n> > b\n\nc", [Q("a"), Q("b"), B("c")], []),
        (
            "```py\nx = 1\n\n\ny\n```\n\n    indented\n    code",
            [B("x = 1 y"), B("indented code")],
            [],
        ),
        ("> ```\n> quoted code\n> ```", [Q("quoted code")], []),
        ("**bold** _em_ ~~struck~~ `code` ![a *map*](m.png)", [B("bold em struck code a map")], []),
        ("| a | b |\n|---|---|\n| 1 | |", [B("a | b"), B("1")], []),
        (
            '[https://x.org](https://x.org) <https://y.org/a> [see](https://z.org "T")',
            [B("https://x.org https://y.org/a see")],
            [Link("https://x.org"), Link("https://y.org/a"), Link("https://z.org", "see")],
        ),
        ("[click](javascript:alert(1)) [f](file:///etc/passwd)", [B("click f")], []),
        (
            "See https://en.wikipedia.org/wiki/Foo_(bar), or (https://x.org/a).",
            [B("See https://en.wikipedia.org/wiki/Foo_(bar), or (https://x.org/a).")],
            [Link("https://en.wikipedia.org/wiki/Foo_(bar)"), Link("https://x.org/a")],
        ),
        (
            "[a](https://x.org) and [b](https://x.org)",
            [B("a and b")],
            [Link("https://x.org", "a"), Link("https://x.org", "b")],
        ),
        (
            "An <b>html</b> tag <script>alert(1)</script>",
            [B("An <b>html</b> tag <script>alert(1)</script>")],
            [],
        ),
        ("::: spoiler Title\nhidden\n:::", [B("::: spoiler Title hidden :::")], []),
        ("tab\there\x00\x07bell \ud800", [B("tab herebell \ufffd")], []),
        ("&amp; &copy; &#x27;", [B("& © '")], []),
        ("", [], []),
        ("   \n\n  ", [], []),
    ],
)
def test_markdown(markdown: str, blocks: list[Block], links: list[Link]) -> None:
    assert markdown_blocks(markdown) == (tuple(blocks), tuple(links))


def test_markdown_nested_deeper_than_markdown_it_reads_keeps_its_words() -> None:
    assert markdown_blocks(">" * 5000 + " deep\n\nafter") == ((Q("deep"), B("after")), ())
    assert markdown_blocks("- " * 40 + "deep") == ((B("- " * 39 + "- deep"),), ())
    assert markdown_blocks("[" * 5000 + "x" + "]" * 5000) == (
        (B("[" * 5000 + "x" + "]" * 5000),),
        (),
    )


@pytest.mark.parametrize(
    ("html", "blocks", "links"),
    [
        (  # Hacker News: the first paragraph before any <p>, `>` quotes
            "First<p>Second<p>&gt; quoted<p>  &gt;&gt; twice",
            [B("First"), B("Second"), Q("quoted"), Q("twice")],
            [],
        ),
        (
            "<p>Code:<p><pre><code>  def f():\n      return 1\n</code></pre>After",
            [B("Code:"), B("def f(): return 1"), B("After")],
            [],
        ),
        (
            '<a href="https:&#x2F;&#x2F;x.org&#x2F;a" rel="nofollow">https:&#x2F;&#x2F;x.org&#x2F;a'
            '</a> and <a href="https://y.org">the docs</a> <a href="javascript:alert(1)">click</a>'
            ' <a href="/u/ann" class="mention">@ann</a> <a href="https://g.org/very/long/'
            'address">https://g.org/very/lo...</a>',
            [B("https://x.org/a and the docs click @ann https://g.org/very/lo...")],
            [
                Link("https://x.org/a"),
                Link("https://y.org", "the docs"),
                Link("https://g.org/very/long/address"),
            ],
        ),
        ("<p>a<script>alert(1)</script><style>p{}</style>b</p>", [B("ab")], []),
        (  # Mastodon: hidden parts of links, mentions and hashtags
            '<p><span class="h-card"><a href="https://m.social/@ann" class="u-url mention">@<span>'
            'ann</span></a></span> see <a href="https://m.social/tags/x" class="mention hashtag" '
            'rel="tag">#<span>x</span></a> <a href="https://example.org/a/long/path"><span class='
            '"invisible">https://</span><span class="ellipsis">example.org/a/long</span><span '
            'class="invisible">/path</span></a></p><p>Line<br>break</p>',
            [B("@ann see #x example.org/a/long…"), B("Line break")],
            [Link("https://example.org/a/long/path")],
        ),
        (  # Discourse: a quote of this topic, of another topic, a onebox, an image
            '<aside class="quote no-group" data-username="ann" data-post="3" data-topic="7">'
            '<div class="title"><div class="quote-controls"></div><img alt="" src="/a.png"> ann:'
            "</div><blockquote><p>Yes.</p><p>Sure.</p></blockquote></aside><p>No.</p>"
            '<aside class="quote" data-post="4" data-topic="99"><div class="title">bo:</div>'
            "<blockquote><p>Elsewhere.</p></blockquote></aside>"
            '<aside class="onebox" data-onebox-src="https://x.org/p"><header><a href='
            '"https://x.org/p">x.org</a></header><article><h3>A title</h3><p>A preview</p>'
            '</article></aside><div class="lightbox-wrapper"><a class="lightbox" href='
            '"https://f.org/i.png"><img src="https://f.org/i.png" alt="diagram"><div class="meta">'
            '<span class="filename">i.png</span><span class="informations">800x600</span></div>'
            "</a></div>",
            [Q("Yes.", "3"), Q("Sure.", "3"), B("No."), Q("Elsewhere."), B("diagram")],
            [Link("https://x.org/p"), Link("https://f.org/i.png")],
        ),
        (
            "<ol start=3><li>one<li>two</ol><ul><li>x</li></ul><table><tr><th>a</th><th>b</th>"
            "</tr><tr><td>1</td><td>2</td></tr></table>",
            [B("3. one"), B("4. two"), B("- x"), B("a | b"), B("1 | 2")],
            [],
        ),
        (
            "<p>unclosed <b>bold <i>both</p><p>next</i></b></p></div></span><p></p>",
            [B("unclosed bold both"), B("next")],
            [],
        ),
        (
            "<blockquote><blockquote><p>inner</p></blockquote><p>outer</p></blockquote>",
            [Q("inner"), Q("outer")],
            [],
        ),
        ("a\x00b\x1b[31mc &#0; &amp;lt; \ud800", [B("ab[31mc \ufffd &lt; \ufffd")], []),
        (
            '<ol start="99999999999999999999"><li>big</ol><a href="http://[::1">x</a>',
            [B("1. big"), B("x")],
            [],
        ),
        ("<<![>&aa!='-\nd>#ipb]q <!-- a comment -->", [B("<<![>&aa!='- d>#ipb]q")], []),
        ("", [], []),
    ],
)
def test_html(html: str, blocks: list[Block], links: list[Link]) -> None:
    assert html_blocks(html, "7") == (tuple(blocks), tuple(links))


def test_html_nested_5000_deep_is_read_without_recursion() -> None:
    assert html_blocks("<blockquote>" * 5000 + "deep" + "<div>" * 5000) == ((Q("deep"),), ())
    assert html_blocks("<i>" * 5000 + "x<p>y") == ((B("x"), B("y")), ())


def test_clean() -> None:
    assert clean(" a\r\n\tb\x00c\x85d\u2028e\u00a0f ") == "a bc d e f"


@given(
    st.text(
        alphabet=st.sampled_from([*"ab cd,.;:?'\"()/@%$^{}\n\n\n", "é", "\u00a0", "1", "-"]),
        max_size=80,
    )
)
def test_text_without_markdown_reads_as_commonmark_reads_it(text: str) -> None:
    # The quick reading of plain text (`_paragraphs`) gives what markdown-it gives.
    if markup._has_markup(text):
        return
    by_markdown_it = markup._MARKDOWN.parse(text)
    assert markup._all_read(by_markdown_it, text)
    paragraphs = [t for t in by_markdown_it if t.type == "inline"]
    assert [b.text for b in markup.markdown_blocks(text)[0]] == [
        w for t in paragraphs if (w := markup._inline(t.children or [])[0])
    ]
    assert [t.type for t in by_markdown_it if t.type.endswith("_open")] == ["paragraph_open"] * len(
        paragraphs
    )


@given(
    st.lists(
        st.sampled_from(
            [
                *("> ", ">", " > ", "a b", "c.", " ", "\n", "\n\n", "[w x](https://e.org/p)"),
                *("é", "https://x.org/a", "[y](https://x.org/b) ", "d, e", "> [z](http://q.net)"),
            ]
        ),
        max_size=14,
    ).map("".join)
)
def test_quotes_and_links_read_as_commonmark_reads_them(text: str) -> None:
    # The quick reading of `> ` quotes and [words](address) links gives what markdown-it gives.
    quick = markup._simple(text)
    if quick is None:
        return
    markup_it = markup._MARKDOWN.parse(text)
    blocks, links = [], []
    quote = 0
    for token in markup_it:
        if token.type.startswith("blockquote"):
            quote += 1 if token.type.endswith("open") else -1
        elif token.type == "inline":
            words, found = markup._inline(token.children or [])
            links.extend(found)
            if words:
                blocks.append(Block(words, quote=quote > 0))
        else:
            assert token.type in ("paragraph_open", "paragraph_close"), token.type
    assert quick == (tuple(blocks), tuple(dict.fromkeys(links)))
