"""Kialo's text export → a `Debate`.

Kialo (kialo.com) exports a discussion as numbered text. Two layouts are in use; both are read:

    Discussion Title: Does a model store its training data?     (the older layout)

    1. The training data is not stored in the model.
    1.1. Con: It is recorded in a [retrieval system](https://example.org/r).
    1.1.1. Pro: -> See 1.2.

    Discussion Name:                                              (the newer layout)
    Does a model store its training data?

    1. Thesis:
    The training data is not stored in the model.

      1.1. Con:
      It is recorded in a retrieval system [1].

    Sources:
    [1] https://example.org/r
    "The quoted passage."

How it maps (docs/formats.md says the same for users):

- Each numbered claim becomes a claim whose id is its number without the last dot (`1.2.3.`
  becomes `1.2.3`), so ids are stable and lead back to the export. A number that occurs twice
  gets `-2`, `-3` ... on its later occurrences.
- `Pro:` supports the claim it is numbered under, `Con:` rebuts it; the claim is nested under it.
- `-> See 1.4.2.` is Kialo's link to a claim that stands in several places: no new claim is made,
  the linked claim answers this parent too, so the result is a graph, not a tree.
- Text is Markdown: lines of one paragraph are joined with a space, paragraphs with a blank line;
  backslash escapes (`\\(`, `\\[`, ...) are undone. A link `[text](url)` keeps `text` in the
  claim and becomes an inline source with its URL (`CLAIM#N`, N counting the claim's citations).
  A footnote `[3]` stays in the text and cites source `source-3` from the `Sources:` list, with
  the quoted passage as the citation's quote and a `p. 5` before it as its locator.
- A thesis under a question (multi-thesis discussions) answers nothing: argmap has no relation
  for it, and `skipped` says so.
- Kialo's text export names no authors, so no claim has a speaker.

Whatever cannot be mapped is listed in `Imported.skipped`, one line each, naming the line.

One format: the parser of Kialo's outline and what each of its lines becomes is one idea that
reads best whole.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from argmap.convert import ConvertError, Imported, provenance
from argmap.model import Citation, Claim, Debate, Relation, RelationKind, Source

# `1.2.3.` and what follows it on the line.
_NUMBERED = re.compile(r"[ \t]*((?:\d+\.)+)(?:[ \t]+(.*))?")
_STANCE = re.compile(r"(Pro|Con|Thesis|Question)[ \t]*:(?:[ \t]+(.*))?", re.DOTALL)
_TITLE = re.compile(r"\ufeff?[ \t]*Discussion (Title|Name)[ \t]*:(?:[ \t]*(.*))?")
_LINK_TO = re.compile(r"->[ \t]*See[ \t]+((?:\d+\.)+)")
_SOURCE_ENTRY = re.compile(r"\[(\d{1,9})\][ \t]*(.*)")
_URL = re.compile(r"(https?://\S+)(?:\s+(.*))?", re.IGNORECASE)
# CommonMark: a backslash escapes any ASCII punctuation character.
_PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"
# A Markdown inline link; the URL may hold escaped characters and one level of parentheses.
_LINK = re.compile(
    r"\[((?:\\.|[^\\\[\]])*)\]"
    r"\(\s*((?:\\.|[^\\()\s]|\((?:\\.|[^\\()\s])*\))+)\s*\)"
)
_FOOTNOTE = re.compile(r"\[(\d{1,9})\](?!\()")
_LOCATOR_BEFORE = re.compile(r"\((pp?\.\s*[^()\[\]]*?)\s*$")


@dataclass
class _Entry:
    """One numbered line of the export and the lines of text that belong to it."""

    number: str  # without the last dot: "1.2.3"
    stance: str | None
    line: int
    column: int
    lines: list[str] = field(default_factory=list)


@dataclass
class _Text:
    text: str
    links: list[tuple[int, str, str]]  # (position in text, link text, url)
    footnotes: list[tuple[int, int, str | None]]  # (position, number, locator)


@dataclass
class _Placed:
    entry: _Entry
    parent: str | tuple[str] | None  # a claim id, a link `(number,)`, or nothing
    source: str | tuple[str]  # the claim's id, or for a link line `(number,)`


@dataclass
class _SourceNote:
    line: int
    reference: str
    quote: str | None


def read(data: bytes, name: str) -> Imported:
    """Read Kialo's text export (`data`, the file's bytes; `name`, what to call it).

    Raises `ConvertError` when the bytes are not a Kialo export at all.

    >>> text = "Discussion Title: T\\n\\n1. Thesis.\\n1.1. Con: No.\\n1.1.1. Pro: -> See 1.\\n"
    >>> got = read(text.encode(), "t.txt")
    >>> [(r.source, r.kind.value, r.target) for r in got.debate.relations]
    [('1.1', 'rebuts', '1'), ('1', 'supports', '1.1')]
    """
    text = _decode(data)
    lines = re.split(r"\r\n|\r|\n", text)
    reader = _Reader(lines)
    debate = reader.build(name)
    return Imported(
        debate=debate,
        mapped=reader.mapped,
        skipped=reader.skipped,
        provenance=provenance("Kialo", data, name, layout=reader.layout),
    )


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        before = data[: e.start]
        line = before.count(b"\n") + 1
        column = e.start - (before.rfind(b"\n") + 1) + 1
        raise ConvertError(
            f"not a Kialo text export: the file is not UTF-8 text (byte {e.start + 1})",
            line,
            column,
        ) from None


def unescape(text: str) -> str:
    r"""Undo Markdown backslash escapes, as Kialo writes them (`\(` is `(`).

    >>> unescape(r"a \(b\) \[c\] \\ \n")
    'a (b) [c] \\ \\n'
    """
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", text)


def parse_text(raw: str) -> _Text:
    """Claim text without Markdown link markup and escapes; where its links and footnotes are."""
    out: list[str] = []
    size = 0
    links: list[tuple[int, str, str]] = []
    footnotes: list[tuple[int, int, str | None]] = []
    i = 0
    while i < len(raw):
        ch = raw[i]
        if ch == "\\" and i + 1 < len(raw) and raw[i + 1] in _PUNCTUATION:
            out.append(raw[i + 1])
            size += 1
            i += 2
            continue
        if ch == "[":
            link = _LINK.match(raw, i)
            if link:
                label = unescape(link.group(1))
                links.append((size, label, unescape(link.group(2))))
                out.append(label)
                size += len(label)
                i = link.end()
                continue
            note = _FOOTNOTE.match(raw, i)
            if note:
                before = _LOCATOR_BEFORE.search("".join(out[-200:]))
                after = raw[note.end() : note.end() + 1]
                locator = before.group(1).strip() if before and after == ")" else None
                footnotes.append((size, int(note.group(1)), locator or None))
        out.append(ch)
        size += 1
        i += 1
    return _Text("".join(out), links, footnotes)


class _Reader:
    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.skipped: list[str] = []
        self.mapped: dict[str, int] = {}
        self.layout = ""

    def skip(self, line: int, message: str) -> None:
        self.skipped.append(f"line {line}: {message}")

    # -- the layout of the file --

    def header(self) -> tuple[str, int]:
        """The discussion's title and the index of the first line after it."""
        i = 0
        while i < len(self.lines) and not self.lines[i].strip():
            i += 1
        if i == len(self.lines):
            raise ConvertError("not a Kialo text export: the file is empty", 1, 1)
        m = _TITLE.fullmatch(self.lines[i])
        if m is None:
            raise ConvertError(
                "not a Kialo text export: expected 'Discussion Title: ...' "
                "(or 'Discussion Name:') as the first line",
                i + 1,
                1,
            )
        self.layout = f"Discussion {m.group(1)}"
        title = (m.group(2) or "").strip()
        i += 1
        if not title:  # the newer layout puts the title on the next line
            while i < len(self.lines) and not self.lines[i].strip():
                i += 1
            if i < len(self.lines) and not _NUMBERED.fullmatch(self.lines[i]):
                title = self.lines[i].strip()
                i += 1
        return unescape(title), i

    def entries(self, start: int) -> tuple[list[_Entry], list[str], int]:
        """The numbered claims, the text before the first of them, and where `Sources:` is."""
        entries: list[_Entry] = []
        preamble: list[str] = []
        seen_root = False
        for i in range(start, len(self.lines)):
            line = self.lines[i]
            if entries and line.strip() == "Sources:" and not line[:1].isspace():
                return entries, preamble, i
            m = _NUMBERED.fullmatch(line)
            if m:
                rest = m.group(2) or ""
                stance = _STANCE.fullmatch(rest)
                if stance or not seen_root:
                    seen_root = True
                    indent = len(line) - len(line.lstrip(" \t"))
                    entry = _Entry(
                        m.group(1)[:-1],
                        stance.group(1) if stance else None,
                        i + 1,
                        indent + 1,
                        [(stance.group(2) or "") if stance else rest],
                    )
                    entries.append(entry)
                    continue
            if entries:
                entries[-1].lines.append(line)
            elif line.strip():
                preamble.append(line.strip())
        if not entries:
            raise ConvertError(
                "not a Kialo text export: no numbered thesis ('1. ...') after the title",
                len(self.lines),
                1,
            )
        return entries, preamble, len(self.lines)

    def sources(self, start: int) -> dict[int, _SourceNote]:
        """The numbered list under `Sources:`."""
        notes: dict[int, _SourceNote] = {}
        current: tuple[int, int, str, list[str]] | None = None  # (number, line, ref, quote)

        def close() -> None:
            if current is None:
                return
            number, line, reference, quote_lines = current
            quote = "\n".join(quote_lines).strip()
            if len(quote) >= 2 and quote[0] == '"' and quote[-1] == '"':
                quote = quote[1:-1].strip()
            if number in notes:
                self.skip(line, f"source [{number}] is listed twice; the first is kept")
            elif not reference:
                self.skip(line, f"source [{number}] names nothing; skipped")
            else:
                notes[number] = _SourceNote(line, reference, quote or None)

        for i in range(start + 1, len(self.lines)):
            line = self.lines[i]
            m = _SOURCE_ENTRY.fullmatch(line.strip())
            if m:
                close()
                current = (int(m.group(1)), i + 1, m.group(2).strip(), [])
            elif current is not None:
                current[3].append(line)
            elif line.strip():
                self.skip(i + 1, "text under 'Sources:' that is not a numbered source; skipped")
        close()
        return notes

    # -- the debate --

    def build(self, name: str) -> Debate:
        title, start = self.header()
        entries, preamble, sources_at = self.entries(start)
        notes = self.sources(sources_at) if sources_at < len(self.lines) else {}

        # Pass 1: each numbered line is a claim, a link to a claim, or nothing (no text).
        claims: dict[str, Claim] = {}
        texts: dict[str, _Text] = {}
        # What each number stands for so far: a claim id, or a link `(number,)`.
        current: dict[str, str | tuple[str]] = {}
        placed: list[_Placed] = []
        for entry in entries:
            parent_number = entry.number.rpartition(".")[0]
            parent = current.get(parent_number) if parent_number else None
            if parent_number and parent is None:
                self.skip(
                    entry.line,
                    f"{entry.number}. has no claim {parent_number}. above it in the file; "
                    "it answers nothing",
                )
            raw = _join(entry.lines)
            link = _LINK_TO.fullmatch(raw)
            if link:
                target = link.group(1)[:-1]
                current[entry.number] = (target,)
                placed.append(_Placed(entry, parent, (target,)))
                continue
            parsed = parse_text(raw)
            if not parsed.text.strip():
                self.skip(entry.line, f"{entry.number}. has no text; skipped")
                current.pop(entry.number, None)
                continue
            ident = entry.number
            n = 1
            while ident in claims:
                n += 1
                ident = f"{entry.number}-{n}"
            if n > 1:
                self.skip(
                    entry.line,
                    f"{entry.number}. occurs more than once; this one gets the id {ident}",
                )
            current[entry.number] = ident
            texts[ident] = parsed
            claims[ident] = Claim(ident, parsed.text, line=entry.line, column=entry.column)
            placed.append(_Placed(entry, parent, ident))

        # Where each link number leads, once worked out: a claim id, or why it leads nowhere
        # ("circle", the number where the walk comes round; "missing", the number that is no
        # claim). Kept so that a chain of 40,000 links is walked once, not once per link.
        leads: dict[str, tuple[str, str]] = {}

        def resolve(ref: str | tuple[str], line: int, label: str) -> str | None:
            """The claim a number stands for at the end of the file, following links."""
            path: list[str] = []
            on_path: set[str] = set()
            outcome: tuple[str, str] | None = None
            while isinstance(ref, tuple):
                target = ref[0]
                if target in leads:
                    outcome = leads[target]
                    if outcome[0] == "circle" and target in cycle_members:
                        outcome = ("circle", target)
                    break
                if target in on_path:
                    outcome = ("circle", target)
                    cycle_members.update(path[path.index(target) :])
                    break
                path.append(target)
                on_path.add(target)
                found = current.get(target)
                if found is None:
                    outcome = ("missing", target)
                    break
                ref = found
            if outcome is None:
                assert isinstance(ref, str)
                outcome = ("claim", ref)
            for step in path:
                leads[step] = ("circle", step) if step in cycle_members else outcome
            kind, value = outcome
            if kind == "claim":
                return value
            if kind == "circle":
                self.skip(line, f"{label} links round in a circle through {value}.; skipped")
            else:
                self.skip(
                    line, f"{label} links to {value}., which is not a claim in the file; skipped"
                )
            return None

        cycle_members: set[str] = set()

        # Pass 2: relations, in the order of the file.
        relations: dict[tuple[str, str], Relation] = {}
        parents: dict[str, str] = {}
        counts = {"supports": 0, "rebuts": 0, "cross-links": 0}
        for place in placed:
            entry = place.entry
            label = f"{entry.number}."
            stance = entry.stance
            is_link = isinstance(place.source, tuple)
            if place.parent is None:
                if "." not in entry.number and (stance in ("Pro", "Con") or is_link):
                    what = "a link" if is_link else f"marked {stance}"
                    self.skip(entry.line, f"{label} is {what} but has no claim above it")
                continue
            if stance not in ("Pro", "Con"):
                self.skip(
                    entry.line,
                    f"{label} is a {(stance or 'claim').lower()} under "
                    f"{entry.number.rpartition('.')[0]}.; argmap has no relation for that, "
                    "so it answers nothing",
                )
                continue
            source = resolve(place.source, entry.line, label)
            parent = resolve(place.parent, entry.line, label)
            if source is None or parent is None:
                continue
            kind = RelationKind.SUPPORTS if stance == "Pro" else RelationKind.REBUTS
            if source == parent:
                self.skip(entry.line, f"{label} links to {source}., the claim it is under; skipped")
                continue
            known = relations.get((source, parent))
            if known is not None:
                if known.kind is kind:
                    self.skip(
                        entry.line,
                        f"{label} repeats that {source} {kind.value} {parent}; kept once",
                    )
                else:
                    self.skip(
                        entry.line,
                        f"{label} says {source} {kind.value} {parent}, but it already "
                        f"{known.kind.value} it (line {known.line}); a claim answers another "
                        "in one way only, so this one is skipped",
                    )
                continue
            relations[(source, parent)] = Relation(source, parent, kind, entry.line, entry.column)
            counts["supports" if kind is RelationKind.SUPPORTS else "rebuts"] += 1
            if is_link:
                counts["cross-links"] += 1
            else:
                parents[source] = parent

        # Citations: links become inline sources, footnotes cite the `Sources:` list.
        sources: dict[str, Source] = {}
        used: set[int] = set()
        citations = 0
        for number, note in notes.items():
            web = _URL.fullmatch(note.reference)
            sources[f"source-{number}"] = Source(
                f"source-{number}",
                title=(web.group(2) or None) if web else note.reference,
                url=web.group(1) if web else None,
                line=note.line,
                column=1,
            )
        for ident, claim in list(claims.items()):
            parsed = texts[ident]
            marks: list[tuple[int, Citation | tuple[str, str]]] = []
            marks.extend((pos, (label, url)) for pos, label, url in parsed.links)
            seen_notes: set[tuple[int, str | None]] = set()
            for pos, number, locator in parsed.footnotes:
                if number not in notes:
                    if notes:
                        self.skip(
                            claim.line,
                            f"{ident} cites [{number}], which is not listed under "
                            "'Sources:'; the mark stays in the text",
                        )
                    continue
                if (number, locator) in seen_notes:
                    continue
                seen_notes.add((number, locator))
                used.add(number)
                marks.append((pos, Citation(f"source-{number}", notes[number].quote, locator)))
            marks.sort(key=lambda m: m[0])
            cites: list[Citation] = []
            for n, (_, mark) in enumerate(marks, 1):
                if isinstance(mark, Citation):
                    cites.append(mark)
                    continue
                label, address = mark
                sid = f"{ident}#{n}"
                sources[sid] = Source(
                    sid,
                    title=label.strip() or None,
                    url=address,
                    inline=True,
                    line=claim.line,
                    column=claim.column,
                )
                cites.append(Citation(sid))
            citations += len(cites)
            claims[ident] = Claim(
                ident,
                claim.text,
                cites=tuple(cites),
                parent=parents.get(ident),
                line=claim.line,
                column=claim.column,
            )
        for number, note in notes.items():
            if number not in used:
                self.skip(note.line, f"source [{number}] is cited by no claim; kept as a source")

        if not claims:
            raise ConvertError(
                "the Kialo export has no claim with text", entries[0].line, entries[0].column
            )
        if not title:
            first = next(iter(claims.values())).text
            # The first line with words on it (a claim's text may start with a line break).
            title = next((line.strip() for line in first.splitlines() if line.strip()), "?")
            self.skip(1, "the discussion has no title; the first claim's text is used")
        self.skipped.sort(key=_line_of)
        self.skipped.append(
            "Kialo's text export names no authors, so no claim says who made it (no `by`)"
        )
        note_lines = [
            "Imported from a Kialo text export; Kialo's export names no authors, "
            "so no claim says who made it."
        ]
        if preamble:
            note_lines.append(" ".join(preamble))
        self.mapped = {
            "claims": len(claims),
            **counts,
            "sources": len(sources),
            "citations": citations,
        }
        return Debate(
            title=title,
            claims=claims,
            relations=tuple(sorted(relations.values(), key=lambda r: r.line)),
            sources=sources,
            note="\n\n".join(note_lines),
            file=name,
        )


def _line_of(message: str) -> int:
    m = re.match(r"line (\d+):", message)
    return int(m.group(1)) if m else 0


def _join(lines: list[str]) -> str:
    """Markdown paragraphs: lines joined with a space, paragraphs with a blank line."""
    paragraphs: list[list[str]] = [[]]
    for line in lines:
        if line.strip():
            paragraphs[-1].append(line.strip())
        elif paragraphs[-1]:
            paragraphs.append([])
    return "\n\n".join(" ".join(p) for p in paragraphs if p)
