"""Text for XML documents (GraphML, GEXF): escaped, and limited to what XML 1.0 can hold."""

from __future__ import annotations

import re

# XML 1.0 has no way to write most control characters, lone surrogates, U+FFFE or U+FFFF, not
# even as character references: they become U+FFFD, the replacement character.
_INVALID = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_TEXT = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"}
# In attributes a parser turns tabs and line breaks into spaces unless they are references.
_ATTR = {**_TEXT, '"': "&quot;", "\n": "&#10;", "\t": "&#9;"}
_TEXT_RE = re.compile("[&<>\r]")
_ATTR_RE = re.compile('[&<>\r"\n\t]')


def text(value: str) -> str:
    """`value` as element content.

    >>> text("a < b & c\\x1b")
    'a &lt; b &amp; c\\ufffd'
    """
    return _TEXT_RE.sub(lambda m: _TEXT[m.group()], _INVALID.sub("\ufffd", value))


def attr(value: str) -> str:
    """`value` as an attribute value, quotes included.

    >>> attr('say "hi"\\nthen')
    '"say &quot;hi&quot;&#10;then"'
    """
    return '"' + _ATTR_RE.sub(lambda m: _ATTR[m.group()], _INVALID.sub("\ufffd", value)) + '"'
