"""argmap's own fields, read back from the JSON that argmap's exporters write.

AIF has no place for titles, sources, citations, tags or notes, so `write_aif` keeps them in a
top-level `argmap` object; node-link JSON keeps them as graph, node and edge attributes. Either
way they come back through here: each value is checked for its type, and anything unusable is
reported (`Fields.skipped`) and left out, never guessed at and never a crash.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from argmap.convert.ids import Ids
from argmap.errors import quote
from argmap.fileformat import ID_RE
from argmap.load.values import time_problem
from argmap.model import Citation, Expectation, Source, Speaker

_SURROGATE = re.compile("[\ud800-\udfff]")
_BREAK = re.compile(r"\s*\n\s*")
SOURCE_FIELDS = ("title", "url", "author", "date", "note")
OUTCOMES = ("unanswered", "standing", "defeated", "undecided")


def kind(value: object) -> str:
    """How a JSON value reads in a message."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    return "an object"


def speaker_name(name: str) -> str:
    """A name as argmap takes it, on one line and without spaces around it.

    >>> speaker_name("  Ann \\n  Lee ")
    'Ann Lee'
    """
    return _BREAK.sub(" ", name).strip()


class Fields:
    """Typed readers over JSON values; every problem becomes a line of `skipped`."""

    def __init__(self) -> None:
        self.skipped: list[str] = []

    def skip(self, message: str) -> None:
        self.skipped.append(message)

    def clean(self, text: str, where: str) -> str:
        """`text` with lone surrogates (which JSON can encode but no file can hold) replaced."""
        if _SURROGATE.search(text) is None:
            return text
        self.skip(f"{where}: characters that are not Unicode (lone surrogates) became U+FFFD")
        return _SURROGATE.sub("\ufffd", text)

    def text(self, value: Any, where: str) -> str | None:
        """Non-blank text, or None (reported unless the value is absent or null)."""
        if value is None:
            return None
        if isinstance(value, str) and value.strip():
            return self.clean(value, where)
        self.skip(f"{where} is {'blank' if isinstance(value, str) else kind(value)}: left out")
        return None

    def time(self, value: Any, where: str) -> str | None:
        """An `at:` time (ISO 8601 with a zone, or a date), or None (reported unless absent)."""
        text = self.text(value, where)
        if text is None:
            return None
        problem = time_problem(text.strip())
        if problem is not None:
            self.skip(f"{where} {problem}: {quote(text)}: left out")
            return None
        return text.strip()

    def count(self, value: Any, where: str) -> int | None:
        """A whole number such as a score, or None (reported unless absent or null)."""
        if value is None:
            return None
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        self.skip(f"{where} is {kind(value)}, not a whole number: left out")
        return None

    def texts(self, value: Any, where: str) -> list[str]:
        if value is None:
            return []
        if not isinstance(value, list):
            value = [value]
        return [t for i, v in enumerate(value) if (t := self.text(v, f"{where}[{i}]")) is not None]

    def mapping(self, value: Any, where: str) -> dict[str, Any]:
        if value is None:
            return {}
        if isinstance(value, dict):
            return value
        self.skip(f"{where} is {kind(value)}, not an object: left out")
        return {}

    def items(self, value: Any, where: str) -> list[Any]:
        if value is None:
            return []
        if isinstance(value, list):
            return value
        self.skip(f"{where} is {kind(value)}, not a list: left out")
        return []

    def speakers(self, value: Any, where: str) -> dict[str, Speaker]:
        """`[{name, url, note}, ...]`, as the exporters write declared speakers."""
        out: dict[str, Speaker] = {}
        for i, item in enumerate(self.items(value, where)):
            entry = self.mapping(item, f"{where}[{i}]")
            if not isinstance(item, dict):
                continue
            raw = self.text(entry.get("name"), f"{where}[{i}].name")
            if raw is None:
                continue
            name = speaker_name(raw)
            if name in out:
                self.skip(f"{where}[{i}]: the speaker {quote(name)} is listed twice: left out")
                continue
            if name != raw:
                self.skip(f"{where}[{i}]: the speaker name {quote(raw)} became {quote(name)}")
            url = self.text(entry.get("url"), f"the url of speaker {quote(name)}")
            note = self.text(entry.get("note"), f"the note of speaker {quote(name)}")
            out[name] = Speaker(name, url, note)
        return out

    def sources(self, value: Any, where: str, ids: Ids) -> dict[str, Source]:
        """`[{id, title, url, author, date, note, inline}, ...]`, keyed by the id as written.

        Listed sources keep their id when it is valid and free (else they get one by the rule of
        `argmap.convert.ids`); inline sources are given theirs (`CLAIM#N`) when cited.
        """
        out: dict[str, Source] = {}
        entries: list[tuple[str, dict[str, Any], bool]] = []
        for i, item in enumerate(self.items(value, where)):
            entry = self.mapping(item, f"{where}[{i}]")
            if not isinstance(item, dict):
                continue
            ident = entry.get("id")
            if not isinstance(ident, str) or not ident or ident in out:
                self.skip(f"{where}[{i}] has no id of its own: left out")
                continue
            inline = entry.get("inline") is True
            entries.append((ident, entry, inline))
            out[ident] = Source(ident)  # placeholder, to catch repeats
        listed = [ident for ident, _, inline in entries if not inline]
        new_ids = dict(zip(listed, ids.assign(listed, fallback="source"), strict=True))
        out = {}
        for ident, entry, inline in entries:
            what = f"source {quote(ident)}"
            source = self.source(ident if inline else new_ids[ident], entry, what, inline)
            if source is None:
                continue
            if not inline and new_ids[ident] != ident:
                self.skip(f"{what} is not a valid id: renamed {quote(new_ids[ident])}")
            out[ident] = source
        return out

    def source(self, ident: str, entry: dict[str, Any], what: str, inline: bool) -> Source | None:
        """The source `entry` describes, or None (reported) when it has neither title nor url."""
        values = {f: self.text(entry.get(f), f"the {f} of {what}") for f in SOURCE_FIELDS}
        if values["title"] is None and values["url"] is None:
            self.skip(f"{what} has neither a title nor a url: left out")
            return None
        return Source(
            ident,
            title=values["title"],
            url=values["url"],
            author=values["author"],
            date=values["date"],
            note=values["note"],
            inline=inline,
        )

    def cites(
        self, value: Any, where: str, sources: dict[str, Source], claim: str
    ) -> tuple[tuple[Citation, ...], list[Source]]:
        """A claim's citations `[{source, quote, locator}, ...]`, and the inline sources they
        bring (each given the id `CLAIM#N` that the loader gives it)."""
        cites: list[Citation] = []
        inline: list[Source] = []
        for i, item in enumerate(self.items(value, where)):
            entry = self.mapping(item, f"{where}[{i}]")
            if not isinstance(item, dict):
                continue
            ref = entry.get("source")
            source = sources.get(ref) if isinstance(ref, str) else None
            if source is None:
                self.skip(f"{where}[{i}] cites {quote(str(ref))}, which is not listed: left out")
                continue
            text_quote = self.text(entry.get("quote"), f"{where}[{i}].quote")
            locator = self.text(entry.get("locator"), f"{where}[{i}].locator")
            if source.inline:
                ident = f"{claim}#{len(cites) + 1}"
                inline.append(replace(source, id=ident))
                cites.append(Citation(ident, text_quote, locator))
            else:
                cites.append(Citation(source.id, text_quote, locator))
        return tuple(cites), inline

    def expect(self, value: Any, where: str, claims: dict[str, str]) -> tuple[Expectation, ...]:
        """`{outcome: [claim ids]}`, with ids as written mapped to the ids given (`claims`)."""
        out = []
        for outcome, ids in self.mapping(value, where).items():
            if outcome not in OUTCOMES or not isinstance(ids, list):
                self.skip(f"{where}.{outcome} is not an outcome argmap checks: left out")
                continue
            mapped = [claims.get(i) if isinstance(i, str) else None for i in ids]
            if any(m is None for m in mapped):
                self.skip(f"{where}.{outcome} names claims that are not in the file: left out")
                continue
            ok = [m for m in mapped if m is not None]
            out.append(Expectation(outcome, tuple(ok), tuple((0, 0) for _ in ok), 0, 0))
        return tuple(out)


def valid_id(value: object) -> str | None:
    return value if isinstance(value, str) and ID_RE.fullmatch(value) else None
