"""Moving debates between argmap and other tools: importers and exporters, in one registry.

An importer turns another tool's file into a `Debate` and says what it could not map; the
caller writes the debate as argmap YAML (`argmap.convert.yamlwrite`). An exporter turns a
`Debate` into another tool's bytes. Converter modules are imported only when their format is
used, so `argmap --help` stays fast. The registry drives `argmap import` / `argmap export`, the
docs and the tests; it also says what each export does with unclassified replies (`Replies`),
which no other tool has a relation for, so that the docs' table and the line `argmap export`
prints about them read one home.

What converters share lives here too: `provenance` (what an importer records about its input)
and `parse_json` (JSON, or an error that says where and why not); ids derived from the input
are made by `argmap.convert.ids`. Exporters read the analysed debate (`argmap.analysis`), so
that, for one, relations are written in `Analysis.ordered_relations`, whatever order the file
lists them in.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import PurePath
from types import ModuleType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from argmap.analysis import Analysis
    from argmap.convert.thread import Thread
    from argmap.model import Debate


@dataclass
class Imported:
    """What an importer made of a file.

    `debate` holds everything that could be mapped; `mapped` counts what was (e.g.
    `{"claims": 12, "rebuttals": 4}`); `skipped` explains, one line each, every part of the input
    that could not be mapped or was mapped with a loss (naming the node or line), so nothing is
    dropped silently; `provenance` describes the input (format, file name, a SHA-256 of its
    bytes, anything the input says about itself).
    """

    debate: Debate
    mapped: dict[str, int] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)
    provenance: dict[str, str] = field(default_factory=dict)


class ConvertError(Exception):
    """The input cannot be read as the format asked for at all (a diagnostic, not a crash)."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


class Kept(StrEnum):
    """How an export keeps something its format may have no place for."""

    RELATIONS = "relations"  # as links of their own kind, which the format's tools read
    DATA = "data"  # only as data the format's tools pass over; `argmap import` reads it back
    NO = "no"  # not at all


@dataclass(frozen=True)
class Replies:
    """What an export does with unclassified replies (`answers:`, `replies:`): how it keeps
    them, and `words` that finish "unclassified replies are ...", which the table in
    docs/formats.md gives and `argmap export` prints when they are not kept as relations."""

    kept: Kept
    words: str

    def notice(self, count: int) -> str | None:
        """What a file of this format does with `count` unclassified replies, when the format
        does not keep them as relations its tools read (None when it does, or there are none).

        >>> Replies(Kept.NO, "not in the attack graph").notice(1)
        '1 unclassified reply is not in the attack graph'
        >>> Replies(Kept.RELATIONS, "edges of kind `answers`").notice(3) is None
        True
        """
        if count == 0 or self.kept is Kept.RELATIONS:
            return None
        if count == 1:
            return f"1 unclassified reply is {self.words}"
        return f"{count:,} unclassified replies are {self.words}"


@dataclass(frozen=True)
class Converter:
    name: str  # as typed after `argmap import` / `--to`
    module: str  # `argmap.convert.<module>`, imported on first use
    suffix: str  # of the files this format is usually kept in
    description: str
    aliases: tuple[str, ...] = ()  # other names typed for it: the format's own name, its extension
    replies: Replies | None = None  # an exporter's: what it does with unclassified replies

    @property
    def names(self) -> tuple[str, ...]:
        """Every word `argmap import` / `--to` takes for this format."""
        return (self.name, *self.aliases)

    def load(self) -> ModuleType:
        return importlib.import_module(f"argmap.convert.{self.module}")

    @property
    def read(self) -> Callable[[bytes, str], Imported]:
        """`read(data, name) -> Imported`: the module's `read` function; for a site's thread
        JSON, the module's `parse` (to a `Thread`), then the one builder of every thread."""
        module = self.load()
        reader: Callable[[bytes, str], Imported] | None = getattr(module, "read", None)
        if reader is not None:
            return reader
        from argmap.convert.threadmap import to_debate

        parse: Callable[[bytes, str], Thread] = module.parse
        return lambda data, name: to_debate(parse(data, name), data, name)

    @property
    def write(self) -> Callable[[Debate | Analysis], bytes]:
        """`write(debate) -> bytes`: the module's `write` function for this format; it takes a
        `Debate` or its `Analysis`."""
        writer: Callable[[Debate | Analysis], bytes] = getattr(self.load(), f"write_{self.name}")
        return writer


IMPORTERS: dict[str, Converter] = {}
EXPORTERS: dict[str, Converter] = {}


def register(registry: dict[str, Converter], *converters: Converter) -> None:
    for c in converters:
        taken = [n for n in c.names if find(registry, n) is not None]
        if taken:
            raise ValueError(f"{c.name}: {', '.join(taken)} already names another format")
        registry[c.name] = c


def find(registry: dict[str, Converter], word: str) -> Converter | None:
    """The converter of `registry` that `word` names (any of its `names`, in any case).

    >>> find(EXPORTERS, "Node-Link").name, find(EXPORTERS, "af").name, find(IMPORTERS, "dot")
    ('json', 'iccma', None)
    """
    word = word.lower().removeprefix(".")
    return next((c for c in registry.values() if word in c.names), None)


def choices(registry: dict[str, Converter]) -> str:
    """The formats of `registry`, for messages: each name, then its other names.

    >>> choices(IMPORTERS)
    'aif (or xaif), kialo, argdown, json (or node-link, nodelink), text, reddit, lemmy, hn (or \
hackernews), discourse, mastodon'
    """
    return ", ".join(
        c.name + (f" (or {', '.join(c.aliases)})" if c.aliases else "") for c in registry.values()
    )


NODE_LINK = ("node-link", "nodelink")
register(
    IMPORTERS,
    Converter("aif", "aif", ".json", "AIF JSON (AIFdb, OVA) and xAIF", ("xaif",)),
    Converter("kialo", "kialo", ".txt", "Kialo's text export"),
    Converter("argdown", "argdown", ".json", "the JSON that `argdown json` writes"),
    Converter(
        "json",
        "nodelink",
        ".json",
        "node-link JSON, as `argmap export --to json` writes",
        NODE_LINK,
    ),
    Converter("text", "pasted", ".txt", "a thread copied from a web page (Lemmy, kbin ...)"),
    Converter("reddit", "reddit", ".json", "a Reddit thread's JSON (its address with .json added)"),
    Converter("lemmy", "lemmy", ".json", "a Lemmy post's comments from its API, or its address"),
    Converter(
        "hn",
        "hn",
        ".json",
        "a Hacker News thread: Algolia's, the official API's or HNPWA's JSON, or its address",
        ("hackernews",),
    ),
    Converter("discourse", "discourse", ".json", "a Discourse topic's JSON, or its address"),
    Converter("mastodon", "mastodon", ".json", "a Mastodon status and its context, or its address"),
)
# What each export does with unclassified replies; docs/formats.md's table says the same.
AS_EDGES = Replies(Kept.RELATIONS, "edges of kind `answers`")
NOT_ATTACKS = Replies(Kept.NO, "not in the attack graph, which holds attacks only")
register(
    EXPORTERS,
    Converter(
        "aif",
        "aif",
        ".json",
        "AIF JSON, as AIFdb and OVA read it",
        replies=Replies(
            Kept.DATA,
            "only in the `argmap` object (`replies`), which AIF tools ignore: AIF has no "
            "neutral relation",
        ),
    ),
    Converter(
        "argdown",
        "argdown",
        ".argdown",
        "Argdown, for the Argdown tools",
        replies=Replies(
            Kept.DATA,
            "only in the claims' data blocks (`answers`), which Argdown does not draw: it has "
            "no neutral relation",
        ),
    ),
    Converter(
        "graphml", "graphml", ".graphml", "GraphML, for yEd and other graph tools", replies=AS_EDGES
    ),
    Converter("gexf", "gexf", ".gexf", "GEXF, for Gephi", replies=AS_EDGES),
    Converter(
        "json",
        "nodelink",
        ".json",
        "node-link JSON, as networkx and d3 read it",
        NODE_LINK,
        replies=AS_EDGES,
    ),
    Converter(
        "apx",
        "af",
        ".apx",
        "the attack graph in ASPARTIX format",
        ("aspartix",),
        replies=NOT_ATTACKS,
    ),
    Converter("tgf", "af", ".tgf", "the attack graph in Trivial Graph Format", replies=NOT_ATTACKS),
    Converter(
        "iccma",
        "af",
        ".af",
        "the attack graph in ICCMA's `p af N` format",
        ("af",),
        replies=NOT_ATTACKS,
    ),
)


def exporter_for(suffix: str) -> Converter | None:
    """The one exporter whose files end in `suffix`; None when none does or several do."""
    found = [c for c in EXPORTERS.values() if c.suffix == suffix.lower()]
    return found[0] if len(found) == 1 else None


def provenance(fmt: str, data: bytes, name: str, **extra: str) -> dict[str, str]:
    """What an importer records about its input: the format, the file's name (without its
    folder, so the same file gives the same output wherever it lies), the SHA-256 of its bytes
    and the argmap version, then anything format-specific."""
    from argmap import __version__

    return {
        "format": fmt,
        # A fetched thread is named by its address; a file by its name, without its folder.
        "file": name if name.startswith(("http://", "https://")) else PurePath(name).name or name,
        "sha256": hashlib.sha256(data).hexdigest(),
        "argmap": __version__,
        **extra,
    }


def decode_text(data: bytes, expected: str) -> str:
    """`data` as UTF-8 text (a byte-order mark dropped), or a `ConvertError` at the first byte
    that is not UTF-8; `expected` says what the file should be ("a pasted thread is text").

    >>> try:
    ...     decode_text(b"ok\\n\\xff", "a pasted thread is text")
    ... except ConvertError as e:
    ...     print(e.line, e.column, e.message)
    2 1 byte 0xff is not UTF-8: a pasted thread is text, and this looks like a binary file
    """
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        column = e.start - (data.rfind(b"\n", 0, e.start) + 1) + 1
        raise ConvertError(
            f"byte 0x{data[e.start]:02x} is not UTF-8: {expected}, and this looks like a "
            "binary file",
            line,
            column,
        ) from None


def parse_json(data: bytes, what: str) -> Any:
    """The JSON value in `data`, or a `ConvertError` that says where and why it is not JSON.

    `what` names the format expected ("AIF", "node-link JSON"), for the message.
    """
    text = decode_text(data, f"{what} is JSON text")
    if not text.strip():
        raise ConvertError(f"the file is empty; {what} is a JSON object")
    try:
        return json.loads(text)
    except json.JSONDecodeError as e:
        start = text.lstrip()[:1]
        if start not in ("{", "["):
            shown = text.lstrip()[:20].splitlines()[0]
            hint = ""
            if re.match(r"\s*(\d+\.)+\s", text) or "Discussion Title:" in text[:500]:
                hint = "; it looks like Kialo's text export: try `argmap import kialo`"
            raise ConvertError(
                f"this is not JSON ({what} is a JSON object): it starts with {shown!r}{hint}"
            ) from None
        if e.pos >= len(text.rstrip()):
            message = f"the JSON is cut short: {e.msg.lower()}"
        else:
            message = f"invalid JSON: {e.msg.lower()}"
        raise ConvertError(message, e.lineno, e.colno) from None
    except RecursionError:
        raise ConvertError(f"the JSON is nested too deeply to be {what}") from None
    except ValueError as e:  # Python reads no integer of more than 4,300 digits
        raise ConvertError(f"the JSON holds a number too long to read ({e})") from None
