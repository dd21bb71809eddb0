"""Comment bodies made readable: Markdown (Reddit, Lemmy) and HTML (Hacker News, Discourse,
Mastodon) to plain paragraphs, quoted paragraphs marked, links kept as data.

Each paragraph, heading, list item (`- ` or `1. ` before it), table row (cells between ` | `)
and code block becomes one `Block`, its text on one line: line breaks become spaces, emphasis
marks go, inline code keeps its text, an image its alt text. A paragraph inside a quote
(Markdown `>`, HTML `<blockquote>`, Discourse's quote aside) is a quote block; so is an HTML
paragraph that starts with `>`, as people quote on Hacker News and Mastodon, where `>` is not
markup. A link keeps its words in the paragraph and becomes a `Link`; only http and https
addresses do (a `javascript:` link keeps its words and nothing else), and so do bare web
addresses written in Markdown. Mentions and hashtags are words, not links.

All text is plain: control characters go, runs of white space become one space, and HTML comes
out as the words it shows (`<script>` and `<style>` show none, nor do the parts of a link
Mastodon hides). Writers escape it again for whatever they write.

>>> markdown_blocks("> It *is* [stored](https://example.org/r).\\n\\nIt is not.")
((Block(text='It is stored.', quote=True, of=None), Block(text='It is not.', quote=False, \
of=None)), (Link(url='https://example.org/r', title='stored'),))
>>> html_blocks("First<p>&gt; quoted<p>Third <a href='javascript:x()'>link</a>")[0]
(Block(text='First', quote=False, of=None), Block(text='quoted', quote=True, of=None), \
Block(text='Third link', quote=False, of=None))
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

from markdown_it import MarkdownIt
from markdown_it.token import Token

from argmap.convert.thread import Block, Link

# C0 and C1 control characters that are not white space (white space becomes one space).
_CONTROL = re.compile("[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_SPACE = re.compile(r"\s+")
_BARE_URL = re.compile(r"https?://[^\s<>\[\]\"'`]+", re.IGNORECASE)
_URL_END = ".,;:!?*_~'\""
_ELLIPSIS = ("…", "...")
# Markdown as Reddit and Lemmy write it: CommonMark, tables, ~~strikethrough~~, no raw HTML
# (both sites show HTML typed in a comment as text).
_MARKDOWN = MarkdownIt("commonmark", {"html": False}).enable(["table", "strikethrough"])
# Every link target is read, so that a link this module will not keep (`javascript:`) still
# shows its words rather than its Markdown.
_MARKDOWN.validateLink = lambda url: True  # type: ignore[method-assign]
_LEAVES = {"inline", "fence", "code_block", "hr", "html_block"}
_REFERENCE = re.compile(r" {0,3}\[[^\]]+\]:\s*\S")
_WORD = re.compile(r"\w")
_QUOTE_MARKS = re.compile(r"^ {0,3}((?:> ?)*)")

Blocks = tuple[tuple[Block, ...], tuple[Link, ...]]


def clean(text: str) -> str:
    """`text` on one line: control characters removed, white space runs made one space, lone
    surrogates (which no file can hold) made U+FFFD.

    >>> clean(" a\\r\\n\\tb\\x00c\\x85d\\u2028 ")
    'a bc d'
    """
    text = _SURROGATE.sub("\ufffd", _CONTROL.sub("", text))
    return _SPACE.sub(" ", text).strip()


def link(url: str, words: str) -> Link | None:
    """A `Link` to `url` shown as `words`, or None when `url` is not an http(s) address. The
    words are its title unless they only repeat the address (in full, without the scheme, or
    cut short with an ellipsis, as Mastodon and Hacker News show long ones).

    >>> link("https://www.example.org/a/b", "example.org/a…"), link("ftp://x.org", "x")
    (Link(url='https://www.example.org/a/b', title=None), None)
    """
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    web = parts.scheme.lower() in ("http", "https") and parts.hostname
    if not web or clean(url) != url or " " in url:
        return None
    words = clean(words)
    bare = url.split("://", 1)[1]
    shown = (url, bare, bare.rstrip("/"), bare.removeprefix("www."))
    if words in shown or (
        words.endswith(_ELLIPSIS) and any(s.startswith(words.rstrip(".…")) for s in shown)
    ):
        return Link(url)
    return Link(url, words or None)


def _bare_links(text: str) -> list[Link]:
    """The web addresses written out in `text`, without the punctuation after them (a `)`
    only when it closes no `(` of the address, as in Wikipedia's `Word_(sense)`)."""
    found = []
    for match in _BARE_URL.finditer(text):
        url = match.group()
        while url:
            trimmed = url.rstrip(_URL_END)
            if trimmed.endswith(")") and trimmed.count("(") < trimmed.count(")"):
                trimmed = trimmed[:-1]
            if trimmed == url:
                break
            url = trimmed
        candidate = link(url, "")
        if candidate:
            found.append(candidate)
    return found


def _unique(links: list[Link]) -> tuple[Link, ...]:
    return tuple(dict.fromkeys(links))


def markdown_blocks(text: str) -> Blocks:
    """The paragraphs and links of a Markdown text (Reddit's and Lemmy's flavour).

    >>> markdown_blocks("1. one\\n2. two\\n\\n- a `b`\\n\\n![a map](m.png) https://x.org/y.")
    ((Block(text='1. one', quote=False, of=None), Block(text='2. two', quote=False, of=None), \
Block(text='- a b', quote=False, of=None), Block(text='a map https://x.org/y.', quote=False, \
of=None)), (Link(url='https://x.org/y', title=None),))
    """
    text = _CONTROL.sub("", text)  # before markdown-it turns a NUL into U+FFFD
    try:
        tokens = _MARKDOWN.parse(text)
    except RecursionError:
        return _plain_blocks(text)
    if not _all_read(tokens, text):
        return _plain_blocks(text)
    blocks: list[Block] = []
    links: list[Link] = []
    quote = 0
    marker = ""  # put before the next paragraph: the first one of a list item
    cells: list[str] = []
    in_cell = False
    for token in tokens:
        kind = token.type
        if kind == "blockquote_open":
            quote += 1
        elif kind == "blockquote_close":
            quote -= 1
        elif kind == "list_item_open":
            marker = f"{token.info}. " if token.markup in (".", ")") else "- "
        elif kind == "list_item_close":
            marker = ""
        elif kind in ("td_open", "th_open", "td_close", "th_close"):
            in_cell = kind.endswith("open")
        elif kind in ("fence", "code_block"):
            body = clean(token.content)
            if body:
                blocks.append(Block(marker + body, quote=quote > 0))
            marker = ""
        elif kind == "inline":
            words, found = _inline(token.children or [])
            links.extend(found)
            if in_cell:
                cells.append(words)
            elif words:
                blocks.append(Block(marker + words, quote=quote > 0))
                marker = ""
        elif kind == "tr_close":
            row = " | ".join(c for c in cells if c)
            if row:
                blocks.append(Block(row, quote=quote > 0))
            cells = []
    return tuple(blocks), _unique(links)


def _all_read(tokens: list[Token], text: str) -> bool:
    """Whether every line of `text` with words in it is in some paragraph, heading or code
    block: markdown-it leaves out what is nested deeper than it reads (20 levels)."""
    read: set[int] = set()
    for token in tokens:
        if token.type in _LEAVES and token.map:
            read.update(range(token.map[0], token.map[1]))
    return all(
        i in read or not _WORD.search(line) or _REFERENCE.match(line)
        for i, line in enumerate(text.splitlines())
    )


def _plain_blocks(text: str) -> Blocks:
    """Markdown too deeply nested to read as Markdown: its paragraphs as they are written, a
    paragraph whose first line starts with `>` as a quote (its `>` marks dropped)."""
    blocks: list[Block] = []
    links: list[Link] = []
    for paragraph in re.split(r"\n[ \t]*\n", text):
        lines = paragraph.strip("\n").splitlines() or [""]
        quote = bool(_QUOTE_MARKS.match(lines[0]).group(1))  # type: ignore[union-attr]
        words = clean(" ".join(_QUOTE_MARKS.sub("", line) for line in lines))
        if words:
            blocks.append(Block(words, quote=quote))
            links.extend(_bare_links(words))
    return tuple(blocks), _unique(links)


def _inline(children: list[Token]) -> tuple[str, list[Link]]:
    """The words of a Markdown inline run, and its links in order."""
    parts: list[str] = []
    links: list[Link] = []
    opened: list[tuple[str, int]] = []  # (href, where its words start in parts)
    for child in children:
        kind = child.type
        if kind == "text" or kind == "code_inline":
            parts.append(child.content)
            if not opened:
                links.extend(_bare_links(child.content))
        elif kind in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif kind == "image":
            parts.append("".join(c.content for c in child.children or []) or child.content)
        elif kind == "link_open":
            opened.append((str(child.attrGet("href") or ""), len(parts)))
        elif kind == "link_close" and opened:
            href, start = opened.pop()
            found = link(href, "".join(parts[start:]))
            if found:
                links.append(found)
    return clean("".join(parts)), links


# HTML elements whose content shows no words, those that end a paragraph, those a paragraph
# cannot reach out of, and those that hold nothing.
_HIDDEN = {"script", "style", "template", "noscript", "iframe", "object", "svg", "head", "title"}
_BLOCKS = {
    "p", "div", "li", "ul", "ol", "blockquote", "pre", "aside", "table", "tr", "section",
    "article", "header", "footer", "details", "summary", "figure", "figcaption", "dl", "dt",
    "dd", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "main", "nav", "form", "fieldset",
}  # fmt: skip
_CONTAINERS = {"blockquote", "li", "div", "aside", "td", "th", "ul", "ol", "table", "details"}
_DECLARATION = re.compile("<!(?!--)")
_VOID = {"br", "img", "hr", "wbr", "input", "meta", "link", "source", "area", "col", "embed"}


class _Element:
    """An open HTML element and what it changed, undone when it closes."""

    __slots__ = ("hidden", "link", "muted", "number", "quote", "quoted", "suffix", "tag")

    def __init__(self, tag: str) -> None:
        self.tag = tag
        self.hidden = self.muted = self.quote = False
        self.quoted = False  # a Discourse quote aside
        self.link: tuple[str, int, bool] | None = None  # href, start in parts, a mention
        self.number: int | None = None  # an <ol>: its next item's number; a <ul>: 0
        self.suffix = ""


class _HtmlText(HTMLParser):
    def __init__(self, topic: str | None) -> None:
        super().__init__(convert_charrefs=True)
        self.topic = topic
        self.blocks: list[Block] = []
        self.links: list[Link] = []
        self.parts: list[str] = []
        self.prefix = ""
        self.open: list[_Element] = []
        self.hidden = self.muted = self.quote = 0
        self.quoted: list[str | None] = []  # the post each open quote aside quotes

    def flush(self) -> None:
        words = clean("".join(self.parts))
        self.parts = []
        quote = self.quote > 0
        if words.startswith(">") and not quote:
            words, quote = clean(words.lstrip("> ")), True
        if words:
            of = self.quoted[-1] if self.quoted else None
            self.blocks.append(Block(self.prefix + words, quote=quote, of=of))
            self.prefix = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        classes = set(values.get("class", "").split())
        if tag in _BLOCKS:
            self._close("p", _CONTAINERS)
            if tag == "li":
                self._close("li", {"ul", "ol"})
            self.flush()
        elif tag in ("td", "th") and "".join(self.parts).strip():
            self.parts.append(" | ")
        elif tag == "br":
            self.parts.append(" ")
        elif tag == "img" and not self.hidden and not self.muted:
            self.parts.append(values.get("alt", ""))
        if tag in _VOID:
            return
        element = _Element(tag)
        self.open.append(element)
        if (
            tag in _HIDDEN
            or "invisible" in classes  # the parts of a link Mastodon hides
            or (tag == "div" and "meta" in classes)  # Discourse's name and size of an image
            or (self.quoted and tag == "div" and classes & {"title", "quote-controls"})
        ):
            element.hidden = True
            self.hidden += 1
        elif tag == "aside" and "onebox" in classes:
            element.muted = True  # a preview of a linked page: its link, not its words
            self.muted += 1
        elif tag in ("blockquote", "aside") and (tag == "blockquote" or "quote" in classes):
            element.quote = True
            self.quote += 1
            if tag == "aside":
                element.quoted = True
                self.quoted.append(self._quoted_post(values))
        elif tag in ("ol", "ul"):
            start = values.get("start", "1").strip()
            element.number = 0 if tag == "ul" else int(start) if _small(start) else 1
        elif tag == "li":
            lists = [e for e in self.open if e.number is not None]
            number = lists[-1].number if lists else 0
            if lists and number:
                lists[-1].number = (number or 0) + 1
            self.prefix = f"{number}. " if number else "- "
        elif tag == "a":
            rel = values.get("rel", "").split()
            mention = bool(classes & {"mention", "hashtag"}) or "tag" in rel
            element.link = (values.get("href", ""), len(self.parts), mention)
        elif tag == "span" and "ellipsis" in classes:
            element.suffix = "…"  # Mastodon cuts long links short and shows that it did

    def _quoted_post(self, values: dict[str, str]) -> str | None:
        post = values.get("data-post", "").strip()
        topic = values.get("data-topic", "").strip()
        same = not topic or self.topic is None or topic == self.topic
        return post if _small(post) and same else None

    def _close(self, tag: str, within: set[str]) -> None:
        """Close an open `tag` that a new block ends, as HTML does, unless it is outside the
        innermost element of `within`."""
        for i in range(len(self.open) - 1, -1, -1):
            if self.open[i].tag == tag:
                self._pop_to(i)
                return
            if self.open[i].tag in within:
                return

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.open) - 1, -1, -1):
            if self.open[i].tag == tag:
                self._pop_to(i)
                break
        if tag == "br":
            self.parts.append(" ")
        elif tag in _BLOCKS or tag == "tr":
            self.flush()

    def _pop_to(self, index: int) -> None:
        while len(self.open) > index:
            element = self.open.pop()
            if element.suffix and not self.hidden and not self.muted:
                self.parts.append(element.suffix)
            if element.link is not None:
                href, start, mention = element.link
                found = link(href, "".join(self.parts[start:]))
                if found and not mention and not self.hidden:
                    self.links.append(found)
            if element.tag in _BLOCKS or element.tag == "tr":
                self.flush()
            self.hidden -= element.hidden
            self.muted -= element.muted
            self.quote -= element.quote
            if element.quoted:
                self.quoted.pop()

    def handle_data(self, data: str) -> None:
        if not self.hidden and not self.muted:
            self.parts.append(data)

    def close(self) -> None:
        super().close()
        self._pop_to(0)
        self.flush()


def _small(digits: str) -> bool:
    return re.fullmatch("[0-9]{1,9}", digits) is not None


def html_blocks(html: str, topic: str | None = None) -> Blocks:
    """The paragraphs and links of an HTML comment (Hacker News `text`, Discourse `cooked`,
    Mastodon `content`). Hacker News separates paragraphs with `<p>` alone, its first paragraph
    before any. A Discourse quote aside gives quote blocks whose `of` is the quoted post's
    number, when it quotes this topic (`topic`, the topic's id) or does not say which; its
    "name said:" header is left out.

    >>> html_blocks('<aside class="quote" data-post="3" data-topic="9"><div class="title">'
    ...     'ann said:</div><blockquote><p>Yes.</p></blockquote></aside><p>No.</p>', "9")[0]
    (Block(text='Yes.', quote=True, of='3'), Block(text='No.', quote=False, of=None))
    """
    parser = _HtmlText(topic)
    # Python's parser asserts on some `<!` it cannot read (`<![>`); no comment needs a
    # declaration or a marked section, so `<!` is text unless it starts a comment.
    parser.feed(_DECLARATION.sub("&lt;!", _CONTROL.sub("", html)))
    parser.close()
    return tuple(parser.blocks), _unique(parser.links)
