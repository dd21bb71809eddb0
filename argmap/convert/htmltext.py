"""HTML comment bodies (Hacker News, Discourse, Mastodon) made readable: the HTML half of
`argmap.convert.markup` (whose docstring says what comes out), with Python's own HTML parser.

>>> html_blocks("First<p>&gt; quoted<p>Third <a href='javascript:x()'>link</a>")[0]
(Block(text='First', quote=False, of=None), Block(text='quoted', quote=True, of=None), \
Block(text='Third link', quote=False, of=None))
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from argmap.convert.markup import CONTROL, Blocks, clean, link, unique_links
from argmap.convert.thread import Block, Link

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
    parser.feed(_DECLARATION.sub("&lt;!", CONTROL.sub("", html)))
    parser.close()
    return tuple(parser.blocks), unique_links(parser.links)
