"""A `Debate` written as argmap's YAML format: what `argmap import` writes.

The output is flat: every claim sits directly under `claims:` and says what it answers with
`rebuts:`, `supports:`, `undercuts:` and `answers:`. Imported maps are graphs, not trees (a
claim answers several others, people argue in circles), so nesting could not hold them all;
flat entries hold any graph. Claims keep the order of the file and each claim lists what it
answers in that order too, so the same debate always gives the same bytes.

Every string is written so that YAML reads back exactly that string: plain when that is safe
(YAML would read it as the same text, not as a number, a date, `yes` or `null`, and it holds no
character YAML gives a meaning to), folded with `>-` when it is long prose, and otherwise in
double quotes, where every character YAML could misread (line breaks of any kind, tabs, control
characters, a byte-order mark, bidirectional controls) is written as an escape.

>>> from argmap import loads
>>> print(to_yaml(loads("title: T\\nclaims:\\n  a: {text: 'yes'}\\n  b: {text: B, rebuts: a}\\n")))
title: T
claims:
  a:
    text: "yes"
  b:
    text: B
    rebuts: a
<BLANKLINE>
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import cast

import yaml
from yaml.nodes import ScalarNode

from argmap.analysis import analyse
from argmap.model import Citation, Debate, RelationKind, Source, Speaker

_STR = "tag:yaml.org,2002:str"
# How YAML reads an unquoted scalar (PyYAML's Resolver, which the loader uses too).
_RESOLVER = yaml.resolver.Resolver()
_resolve = cast("Callable[[type[ScalarNode], str, tuple[bool, bool]], str]", _RESOLVER.resolve)
# The first characters for which the resolver tries a pattern (`true`, `1.5`, `null` ...): a
# plain scalar starting with any other is text, and `_resolve` need not be asked (it is a Python
# call per scalar, and an import writes hundreds of thousands of them).
_RESOLVED_FIRSTS = frozenset(_RESOLVER.yaml_implicit_resolvers)
_ALWAYS_RESOLVED = None in _RESOLVED_FIRSTS or bool(_RESOLVER.yaml_path_resolvers)

# Plain scalars: a word character first (so no YAML indicator can start it), then characters
# with no meaning inside a plain scalar: ':' and '#' only where they cannot end it (not ': ',
# ' #' or a final ':'), and in flow lists neither those nor ',[]{}'.
_PLAIN = re.compile(r"\w[\w .,;:#()'\"/?!+=$%&*<>@^~|`\[\]{}-]*")
_PLAIN_FLOW = re.compile(r"\w[\w .;()'\"/?!+=$%&*<>@^~|`-]*")
# What may stand as itself inside double quotes or a block scalar: YAML's printable characters,
# less the line breaks YAML 1.1 knows besides \n (NEL, LS, PS), the byte-order mark, and the
# bidirectional controls, which would make the file read differently from what it holds.
_BEYOND_ASCII = (
    "\xa0-\u2027\u202f-\u2065\u206a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff"
)
_PRINTABLE = "\x20-\x7e" + _BEYOND_ASCII
# What needs an escape in double quotes: any character not above, '"' and '\'. One negated class
# (printable ASCII but for \x22 '"' and \x5c '\'), not an alternation of two: a search of it
# takes a third of the time.
_QUOTE = re.compile(rf"[^\x20\x21\x23-\x5b\x5d-\x7e{_BEYOND_ASCII}]")
_NOT_PRINTABLE = re.compile(f"[^{_PRINTABLE}]")
_NAMED = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r", "\x00": "\\0"}
FOLD_AT = 80  # longer prose is folded over lines of about WIDTH characters
WIDTH = 96
KEY_LIMIT = 1000  # YAML limits a simple key to 1024 characters; longer keys are written `? key`
# Each kind and its field name, in the order claims list them (the enum's iteration and its
# `.value` are Python calls: 60,000 of them for 10,000 comments).
_KINDS = tuple((kind, kind.value) for kind in RelationKind)


def _escape(match: re.Match[str]) -> str:
    ch = match.group()
    named = _NAMED.get(ch)
    if named is not None:
        return named
    code = ord(ch)
    if 0xD800 <= code <= 0xDFFF:  # a lone surrogate is no character: YAML has no escape for it
        return "\\ufffd"
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def quoted(text: str) -> str:
    """`text` in double quotes, with everything YAML could misread escaped.

    >>> print(quoted('say "no"\\n\\tthen\\u2028go\\x1b'))
    "say \\"no\\"\\n\\tthen\\u2028go\\x1b"
    """
    return '"' + _QUOTE.sub(_escape, text) + '"'


def scalar(text: str, flow: bool = False) -> str:
    """`text` as a YAML scalar that reads back as exactly `text`; `flow` for inside `[...]`.

    >>> [scalar(t) for t in ("FaceDeer", "yes", "1.5", "2023-07-14", "a: b", "-x", "", "a b ")]
    ['FaceDeer', '"yes"', '"1.5"', '"2023-07-14"', '"a: b"', '"-x"', '""', '"a b "']
    """
    plain = _PLAIN_FLOW if flow else _PLAIN
    if (
        plain.fullmatch(text)
        and not text.endswith((" ", ":"))
        and ": " not in text
        and " #" not in text
        and (
            (text[0] not in _RESOLVED_FIRSTS and not _ALWAYS_RESOLVED)
            or _resolve(ScalarNode, text, (True, False)) == _STR
        )
    ):
        return text
    return quoted(text)


def comment(line: str) -> str:
    """A `# ` comment line showing `line` with backslashes and unprintable characters escaped,
    so nothing in it (a newline in a file name) can end the comment and start YAML.

    >>> comment("from 'a\\nb: c'")
    "# from 'a\\\\nb: c'"
    """
    out = []
    for ch in line:
        if ch == "\\":
            out.append("\\\\")
        elif ch.isprintable():
            out.append(ch)
        else:
            out.append(ch.encode("unicode_escape").decode("ascii"))
    return ("# " + "".join(out)).rstrip()


def _key(pad: str, key: str) -> str:
    """The start of a mapping entry, up to and including its ':'."""
    written = scalar(key)
    if len(written) > KEY_LIMIT:
        return f"{pad}? {written}\n{pad}:"
    return f"{pad}{written}:"


# The few field names (`by`, `text`, `note` ...), written at the same few indents for every
# claim: their entry starts are worked out once (the cache holds them by name and indent,
# exactly). Claim, source and speaker ids go through `_key` itself: each is written once.
_field_key = lru_cache(maxsize=256)(_key)


def _foldable(paragraph: str) -> bool:
    """Whether `paragraph` may be a line of a folded scalar: some text, only characters that
    stand as themselves, and no space that folding would lose (doubled, or at either end).
    (One character class and three tests take a fifth of the time of one pattern that
    alternates between them.)"""
    return (
        paragraph != ""
        and paragraph[0] != " "
        and paragraph[-1] != " "
        and "  " not in paragraph
        and not _NOT_PRINTABLE.search(paragraph)
    )


def _fold(text: str, width: int) -> list[str]:
    """A `_foldable` paragraph (words one space apart) over lines of at most `width`
    characters, but for a word longer than that, which has a line of its own."""
    if len(text) <= width:  # its words would all fit on the first line: most paragraphs
        return [text]
    lines: list[str] = []
    current = ""
    for word in text.split(" "):
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    lines.append(current)
    return lines


def _field(out: list[str], pad: str, key: str, value: str) -> None:
    head = _field_key(pad, key)
    if len(value) <= FOLD_AT and "\n\n" not in value:  # short, one paragraph: never folded
        out.append(f"{head} {scalar(value)}")
        return
    paragraphs = value.split("\n\n")
    if all(_foldable(p) for p in paragraphs):
        # Folded: each paragraph over lines of about WIDTH characters. Between paragraphs, two
        # empty lines, which is how a folded scalar says "a blank line" (one would be "\n").
        out.append(head + " >-")
        inner = pad + "  "
        for i, paragraph in enumerate(paragraphs):
            if i:
                out.extend(("", ""))
            out.extend(inner + line for line in _fold(paragraph, max(40, WIDTH - len(inner))))
    else:
        out.append(f"{head} {scalar(value)}")


def _ids(out: list[str], pad: str, key: str, values: list[str]) -> None:
    """One value, or a flow list of them."""
    if len(values) == 1:
        out.append(f"{_field_key(pad, key)} {scalar(values[0], flow=True)}")
    else:
        out.append(f"{_field_key(pad, key)} [{', '.join(scalar(v, flow=True) for v in values)}]")


def _source_fields(out: list[str], pad: str, source: Source) -> None:
    for name in ("title", "url", "author", "date", "note"):
        value = getattr(source, name)
        if value is not None:
            _field(out, pad, name, value)


def _inline(claim_id: str, n: int, cite: Citation, debate: Debate) -> Source | None:
    """The source that the `n`th citation of a claim writes inline, if it is one: a source
    whose id is `CLAIM#N`, the id the loader gives an inline source."""
    source = debate.sources.get(cite.source)
    if source is not None and source.inline and cite.source == f"{claim_id}#{n}":
        return source
    return None


def _cites(
    out: list[str], pad: str, claim_id: str, cites: tuple[Citation, ...], debate: Debate
) -> None:
    """Write `cites:`, each inline source (`_inline`) with its fields."""
    items: list[str | list[str]] = []  # a source id, or the lines of a citation mapping
    inner = pad + "    "
    for n, cite in enumerate(cites, 1):
        source = _inline(claim_id, n, cite, debate)
        lines: list[str] = []
        if source is not None:
            _source_fields(lines, inner, source)
        elif cite.quote is None and cite.locator is None:
            items.append(cite.source)
            continue
        else:
            _field(lines, inner, "source", cite.source)
        if cite.quote is not None:
            _field(lines, inner, "quote", cite.quote)
        if cite.locator is not None:
            _field(lines, inner, "locator", cite.locator)
        lines[0] = pad + "  - " + lines[0][len(inner) :]
        items.append(lines)
    ids = [i for i in items if isinstance(i, str)]
    if len(ids) == len(items):
        _ids(out, pad, "cites", ids)
        return
    out.append(_field_key(pad, "cites"))
    for item in items:
        if isinstance(item, str):
            out.append(f"{pad}  - {scalar(item)}")
        else:
            out.extend(item)


def to_yaml(debate: Debate, header: list[str] | None = None) -> str:
    """The debate as argmap YAML text, headed by `header` as `# ` comment lines.

    Loading the text gives back the same title, url, date, note, speakers, sources, claims
    (text, speaker, citations with their quotes and locators, time, permalink, score, tags,
    note), relations (unclassified replies as `answers:`) and expectations. Nesting is not
    kept: every claim is written at the top of `claims:`.
    """
    return "".join(yaml_pieces(debate, header))


# How many claims each piece of `yaml_pieces` holds: about 25 KB of YAML.
PIECE = 100


def yaml_pieces(debate: Debate, header: list[str] | None = None) -> Iterator[str]:
    """`to_yaml`'s text in whole lines: the head up to `claims:`, then `PIECE` claims at a
    time, so that a reader can load the start while the rest is written."""
    out = [comment(line) for line in header or []]
    _field(out, "", "title", debate.title)
    for name in ("url", "date", "note"):
        value = getattr(debate, name)
        if value is not None:
            _field(out, "", name, value)

    speakers = dict(debate.speakers)
    if any(s.declared or s.url or s.note for s in speakers.values()):
        for c in debate.claims.values():  # with `speakers:`, every `by:` must be listed
            if c.by is not None and c.by not in speakers:
                speakers[c.by] = Speaker(c.by, declared=False)
        out.append("speakers:")
        for name, s in speakers.items():
            out.append(_key("  ", name))
            if s.url is not None:
                _field(out, "    ", "url", s.url)
            if s.note is not None:
                _field(out, "    ", "note", s.note)

    inline = {
        cite.source
        for c in debate.claims.values()
        for n, cite in enumerate(c.cites, 1)
        if _inline(c.id, n, cite, debate) is not None
    }
    listed = [source for source in debate.sources.values() if source.id not in inline]
    if listed:
        out.append("sources:")
        for source in listed:
            out.append(_key("  ", source.id))
            _source_fields(out, "    ", source)
    out.append("claims:")
    yield "\n".join(out) + "\n"

    answers: dict[str, dict[RelationKind, list[str]]] = {}
    for r in analyse(debate).ordered_relations:
        answers.setdefault(r.source, {}).setdefault(r.kind, []).append(r.target)
    by_lines: dict[str, list[str]] = {}  # each speaker's `by:`, written once for all its claims
    claims: list[str] = []
    for n, c in enumerate(debate.claims.values(), 1):
        claims.append(_key("  ", c.id))
        if c.by is not None:
            if c.by not in by_lines:
                _field(by_lines.setdefault(c.by, []), "    ", "by", c.by)
            claims.extend(by_lines[c.by])
        _field(claims, "    ", "text", c.text)
        answered = answers.get(c.id)
        if answered:
            for kind, name in _KINDS:
                targets = answered.get(kind)
                if targets:
                    _ids(claims, "    ", name, targets)
        if c.cites:
            _cites(claims, "    ", c.id, c.cites, debate)
        if c.at is not None:
            _field(claims, "    ", "at", c.at)
        if c.url is not None:
            _field(claims, "    ", "url", c.url)
        if c.score is not None:
            claims.append(f"    score: {c.score}")
        if c.tags:
            _ids(claims, "    ", "tags", list(c.tags))
        if c.note is not None:
            _field(claims, "    ", "note", c.note)
        if n % PIECE == 0:
            yield "\n".join(claims) + "\n"
            claims = []

    if debate.expectations:
        claims.append("expect:")
        for e in debate.expectations:
            if e.ids:
                _ids(claims, "  ", e.outcome, list(e.ids))
            else:
                claims.append(f"{_key('  ', e.outcome)} []")
    if claims:
        yield "\n".join(claims) + "\n"
