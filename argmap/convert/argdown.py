"""Argdown (argdown.org): write a debate as an `.argdown` file; read the JSON `argdown json` writes.

The mapping, in both directions (docs/formats.md says the same for users):

- A claim is an Argdown statement `[id]: text`, its title being the claim's id. A claim whose
  reasoning another claim undercuts is an Argdown *argument* `<id>: text` instead, because
  Argdown's undercut (`_>`) attacks the inference of an argument, never a statement; such a claim
  keeps all its other relations, drawn from the argument.
- Relations are written after the claims, under a reference to the answering claim:
  `+> [t]` supports, `-> [t]` rebuts (Argdown's attack), `_> <t>` undercuts.
- Who made a claim, its tags, note and citations go in the claim's data block
  `{"by": ..., "tags": [...], "note": ..., "cites": [{"source": ..., "quote": ...}]}`. Tags are
  not written as `#tag`, because Argdown makes a `#tag` part of the statement's text.
- Argdown has no neutral relation, so an unclassified reply is no arrow: the replying claim's
  data block lists the ids it answers, `"answers": [...]`, beside its `at`, `url` and `score`.
  The import reads them back; Argdown's own map does not draw them.
- The debate's title is a heading; its url, date, note, speakers (with their details), sources
  and expectations are the heading's data under `argmap`, which `argdown json` keeps.
- Claim text is escaped so that nothing in it is read as Argdown: every ASCII character other
  than a letter, digit or space gets a backslash, which Argdown removes again. An Argdown
  statement is one line, so a line break in a claim is written as a space, and the exact text
  goes in the data block as `text` (so does a text with spaces at either end, which Argdown
  keeps but a reader of its JSON cannot tell from the space Argdown itself leaves there, and a
  text with control characters or bidirectional overrides, which the statement leaves out so
  that the file holds no byte a terminal would obey).

Reading Argdown JSON maps statements and arguments to claims, and `support`, `attack` and
`undercut` relations to supports, rebuts and undercuts; the `answers` of a data block to
unclassified replies. Argdown's other relations (`entails`,
`contrary`, `contradictory`) and premise-conclusion structures are mapped as closely as argmap
allows, each with a line in `skipped`.

One format, read and written here: the mapping both ways is one idea that reads best whole, the
reader and the writer checked against each other.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import replace
from typing import Any

from argmap.analysis import Analysis, analyse
from argmap.convert import ConvertError, Imported, parse_json, provenance
from argmap.convert.ids import Ids
from argmap.errors import quote
from argmap.fileformat import ID_RE, NAME_RE
from argmap.load.values import time_problem
from argmap.model import (
    Citation,
    Claim,
    Debate,
    Expectation,
    Relation,
    RelationKind,
    Source,
    Speaker,
)

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
# What a terminal or an editor acts on rather than shows: C0 and C1 controls (but the tab) and
# the bidirectional overrides. Left out of a statement, kept exactly in its data block's `text`.
_UNSHOWN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_ARROW = {
    RelationKind.SUPPORTS: "+>",
    RelationKind.REBUTS: "->",
    RelationKind.UNDERCUTS: "_>",
}
_OUTCOMES = ("unanswered", "standing", "defeated", "undecided")
_JS_EXACT = 2**53 - 1  # the largest integer JavaScript's numbers hold exactly
_SOURCE_KEYS = ("title", "url", "author", "date", "note")
_CLAIM_KEYS = {"by", "proponent", "tags", "note", "cites", "text", "answers", "at", "url", "score"}

# --- writing --------------------------------------------------------------------------------------


def one_line(text: str) -> str:
    """The text as one line: each line break becomes a space (an Argdown statement is one line),
    and control characters and bidirectional overrides are left out, so that the file holds no
    byte that a terminal showing it would obey (`\\x1bc` resets one).

    >>> one_line("a\\nb\\x1bc\\u202ed")
    'a bcd'
    """
    return _UNSHOWN.sub("", _LINE_BREAK.sub(" ", text))


def escape(text: str) -> str:
    r"""Text that Argdown reads back as exactly `one_line(text)`, whatever characters it holds.

    Every ASCII character other than a letter, digit or space is escaped with a backslash, which
    Argdown's lexer turns back into the character; so are a leading and a trailing space, which
    Argdown would otherwise drop.

    >>> escape("a [b] -> #c")
    'a \\[b\\] \\-\\> \\#c'
    >>> escape(" x ")
    '\\ x\\ '
    """
    flat = one_line(text)
    last = len(flat) - 1
    out: list[str] = []
    for i, ch in enumerate(flat):
        if ch == " ":
            out.append("\\ " if i in (0, last) else " ")
        elif ch < "\x80" and not ch.isalnum():
            out.append("\\" + ch)
        else:
            out.append(ch)
    return "".join(out)


def _json_text(value: str) -> str:
    # ASCII-only JSON (which YAML reads) with the braces inside strings escaped too: Argdown
    # finds the end of a data block by looking for a `}`.
    return json.dumps(value).replace("{", "\\u007b").replace("}", "\\u007d")


def data_block(value: Mapping[str, Any]) -> str:
    """A data block `{...}`: JSON, which is YAML too, safe to place after a statement."""

    def dump(v: Any) -> str:
        if isinstance(v, str):
            return _json_text(v)
        if isinstance(v, bool):
            return "true" if v else "false"
        if isinstance(v, int):
            return str(v)
        if isinstance(v, Mapping):
            return "{" + ", ".join(f"{_json_text(k)}: {dump(x)}" for k, x in v.items()) + "}"
        if isinstance(v, list | tuple):
            return "[" + ", ".join(dump(x) for x in v) + "]"
        raise TypeError(f"cannot write {type(v).__name__} in an Argdown data block")

    return dump(value)


def _claim_data(claim: Claim, answers: list[str]) -> dict[str, Any]:
    """The claim's data block; `answers`, the ids it replies to without saying how."""
    data: dict[str, Any] = {}
    if claim.by is not None:
        data["by"] = claim.by
    if claim.tags:
        data["tags"] = list(claim.tags)
    if claim.note is not None:
        data["note"] = claim.note
    if claim.cites:
        cites = []
        for c in claim.cites:
            cite = {"source": c.source}
            if c.quote is not None:
                cite["quote"] = c.quote
            if c.locator is not None:
                cite["locator"] = c.locator
            cites.append(cite)
        data["cites"] = cites
    if answers:
        data["answers"] = answers
    for key in ("at", "url"):
        value = getattr(claim, key)
        if value is not None:
            data[key] = value
    if claim.score is not None:
        # Argdown reads numbers as JavaScript does, exactly only up to 2**53: a larger score
        # would come back another number, so it is written as text.
        exact = abs(claim.score) <= _JS_EXACT
        data["score"] = claim.score if exact else str(claim.score)
    if one_line(claim.text).strip() != claim.text:
        data["text"] = claim.text
    return data


def _debate_data(debate: Debate) -> dict[str, Any]:
    meta: dict[str, Any] = {}
    if one_line(debate.title).strip() != debate.title:
        meta["title"] = debate.title
    for key in ("url", "date", "note"):
        value = getattr(debate, key)
        if value is not None:
            meta[key] = value
    speakers = {
        s.name: {k: v for k in ("url", "note") if (v := getattr(s, k)) is not None}
        for s in debate.speakers.values()
        if s.declared
    }
    if speakers:
        meta["speakers"] = speakers
    if debate.sources:
        meta["sources"] = {
            s.id: {
                **{k: v for k in _SOURCE_KEYS if (v := getattr(s, k)) is not None},
                **({"inline": True} if s.inline else {}),
            }
            for s in debate.sources.values()
        }
    if debate.expectations:
        meta["expect"] = {e.outcome: list(e.ids) for e in debate.expectations}
    return {"isGroup": False, "argmap": meta}


def write_argdown(debate: Debate | Analysis) -> bytes:
    """The debate as an `.argdown` file (UTF-8), the same bytes for the same debate.

    >>> from argmap import loads
    >>> d = loads("title: T\\nclaims:\\n  a: {text: A, by: Ann}\\n  b: {text: B, undercuts: a}\\n")
    >>> print(write_argdown(d).decode())
    // Written by argmap: claims are statements [id], or arguments <id> where undercut.
    # T{"isGroup": false, "argmap": {}}
    <BLANKLINE>
    <a>: A{"by": "Ann"}
    <BLANKLINE>
    [b]: B
    <BLANKLINE>
    [b]
      _> <a>
    <BLANKLINE>
    """
    analysis = analyse(debate)
    debate = analysis.debate
    undercut = {r.target for r in debate.relations if r.kind is RelationKind.UNDERCUTS}

    def ref(cid: str) -> str:
        return f"<{cid}>" if cid in undercut else f"[{cid}]"

    lines = [
        "// Written by argmap: claims are statements [id], or arguments <id> where undercut.",
        f"# {escape(one_line(debate.title).strip())}{data_block(_debate_data(debate))}",
        "",
    ]
    replies: dict[str, list[str]] = {}
    for r in analysis.unclassified:
        replies.setdefault(r.source, []).append(r.target)
    for claim in debate.claims.values():
        data = _claim_data(claim, replies.get(claim.id, []))
        lines.append(f"{ref(claim.id)}: {escape(claim.text)}{data_block(data) if data else ''}")
        lines.append("")
    order = {cid: i for i, cid in enumerate(debate.claims)}
    kinds = list(RelationKind)
    outgoing: dict[str, list[Relation]] = {}
    for r in debate.relations:
        if r.kind.is_classified:  # Argdown has no neutral relation: replies are data
            outgoing.setdefault(r.source, []).append(r)
    for cid in debate.claims:
        answers = outgoing.get(cid)
        if not answers:
            continue
        lines.append(ref(cid))
        answers.sort(key=lambda r: (order.get(r.target, len(order)), kinds.index(r.kind)))
        lines.extend(f"  {_ARROW[r.kind]} {ref(r.target)}" for r in answers)
        lines.append("")
    return "\n".join(lines).encode("utf-8")


# --- reading --------------------------------------------------------------------------------------


def read(data: bytes, name: str) -> Imported:
    """Read the JSON that `argdown json` writes (`data`, the file's bytes; `name`, what to call it).

    Raises `ConvertError` when the bytes are not Argdown JSON at all.
    """
    try:
        doc = parse_json(data, "Argdown JSON")
    except ConvertError as e:
        raise ConvertError(
            f"{e.message} (an .argdown file is read through the JSON that "
            "`argdown json FILE.argdown` writes)",
            e.line,
            e.column,
        ) from None
    if not isinstance(doc, dict) or not (
        isinstance(doc.get("statements"), dict) or isinstance(doc.get("arguments"), dict)
    ):
        raise ConvertError(
            "not the JSON `argdown json` writes: it has no 'statements' or 'arguments' object",
            1,
            1,
        )
    reader = _Reader(doc, name)
    debate = reader.build()
    return Imported(
        debate=debate,
        mapped=reader.mapped,
        skipped=reader.skipped,
        provenance=provenance("Argdown JSON", data, name),
    )


def _text(value: Any) -> str | None:
    """A non-blank string, or None."""
    return value if isinstance(value, str) and value.strip() else None


def _dicts(value: Any) -> list[dict[str, Any]]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _source(sid: str, details: dict[str, Any], inline: bool) -> Source | None:
    """A source from its details in the JSON, if it has a title or a url."""
    title, url = _text(details.get("title")), _text(details.get("url"))
    if title is None and url is None:
        return None
    author, date, note = (_text(details.get(k)) for k in ("author", "date", "note"))
    return Source(sid, title, url, author, date, note, inline=inline)


def _slug(title: str) -> str:
    """The id an Argdown title that is not a valid id asks for (`Ids` makes it unique).

    Accents are dropped and every other run of characters becomes one `-`; a `-` or `.` left
    at either end is dropped. Titles are names written as prose and often end in punctuation
    (`Why not?`, `Not stored!`): an id ending in a `-` that separates nothing would be easy to
    mistype when the id is written in `rebuts:`, and the report names the title it came from.

    >>> [_slug(t) for t in ("Über-Lookup", "Why not?", "v. 2.", "?!")]
    ['Uber-Lookup', 'Why-not', 'v.-2', '']
    """
    ascii_ = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^A-Za-z0-9_.-]+", "-", ascii_)
    return re.sub(r"^[^A-Za-z0-9_]+", "", slug).rstrip("-.")


class _Node:
    """A statement (equivalence class) or an argument of the JSON, on its way to a claim."""

    def __init__(self, kind: str, title: str, obj: dict[str, Any], index: int) -> None:
        self.kind = kind  # "statement" | "argument"
        self.title = title
        self.obj = obj
        self.index = index
        self.members = _dicts(obj.get("members"))
        defined = [m for m in self.members if not m.get("isReference") and _text(m.get("text"))]
        # Argdown leaves a space at the end of a statement that has relations below it.
        self.texts = list(dict.fromkeys(m["text"].strip() for m in defined))
        lines = [m.get("startLine") for m in defined + self.members]
        self.line = next((n for n in lines if isinstance(n, int)), 1 << 60)
        data = obj.get("data")
        self.data: dict[str, Any] = data if isinstance(data, dict) else {}
        self.id = ""

    @property
    def label(self) -> str:
        return f"{self.kind} {quote(self.title)}"


class _Reader:
    def __init__(self, doc: dict[str, Any], name: str) -> None:
        self.doc = doc
        self.name = name
        self.skipped: list[str] = []
        self.mapped: dict[str, int] = {}

    def skip(self, message: str) -> None:
        self.skipped.append(message)

    def sections(self) -> Iterator[dict[str, Any]]:
        stack = list(reversed(_dicts(self.doc.get("sections"))))
        while stack:
            section = stack.pop()
            yield section
            stack.extend(reversed(_dicts(section.get("children"))))

    def build(self) -> Debate:
        meta: dict[str, Any] = {}
        heading: str | None = None
        for section in self.sections():
            data = section.get("data")
            if isinstance(data, dict) and isinstance(data.get("argmap"), dict):
                meta = data["argmap"]
                heading = _text(section.get("title"))
                break
            if heading is None:
                heading = _text(section.get("title"))

        nodes = self.nodes()
        claims = {n.id: self.claim(n) for n in nodes}
        by_key = {(n.kind, n.title): n.id for n in nodes}
        relations = self.relations(by_key, claims)
        relations += self.replies(nodes, by_key, relations)
        sources = self.sources(meta, claims)
        claims = self.citations(nodes, claims, sources)
        speakers = self.speakers(meta, claims)

        title = _text(meta.get("title")) or heading
        if title is None:
            title = self.name
            self.skip(f"the JSON has no section title; the debate is titled {quote(self.name)}")
        expectations = self.expectations(meta, claims)
        for key in ("title", "url", "date", "note"):
            if key in meta and _text(meta[key]) is None:
                self.skip(f"the debate's {key} {quote(meta[key])} is not text; skipped")
        self.mapped = {
            "claims": len(claims),
            "statements": sum(n.kind == "statement" for n in nodes),
            "arguments": sum(n.kind == "argument" for n in nodes),
            **{
                k.value: count
                for k in RelationKind
                if (count := sum(r.kind is k for r in relations)) or k.is_classified
            },
            "sources": len(sources),
            "citations": sum(len(c.cites) for c in claims.values()),
            "speakers": len(speakers),
        }
        return Debate(
            title=title,
            claims=claims,
            relations=tuple(relations),
            sources=sources,
            speakers=speakers,
            url=_text(meta.get("url")),
            date=_text(meta.get("date")),
            note=_text(meta.get("note")),
            file=self.name,
            expectations=expectations,
        )

    # -- claims --

    def nodes(self) -> list[_Node]:
        nodes: list[_Node] = []
        for kind, key in (("statement", "statements"), ("argument", "arguments")):
            table = self.doc.get(key)
            if not isinstance(table, dict):
                continue
            for title, obj in table.items():
                if isinstance(obj, dict) and title.strip():
                    nodes.append(_Node(kind, title, obj, len(nodes)))
                else:
                    self.skip(f"{kind} {quote(title)} is not an object with a title; skipped")
        # In the order of the Argdown file, which is the order of the debate argmap wrote.
        nodes.sort(key=lambda n: (n.line, n.index))
        wanted = [n.title if ID_RE.fullmatch(n.title) else _slug(n.title) for n in nodes]
        exact = [ID_RE.fullmatch(n.title) is not None for n in nodes]
        for n, ident in zip(nodes, Ids().assign(wanted, "statement", exact), strict=True):
            n.id = ident
            if ident != n.title:
                self.skip(
                    f"{n.label} gets the id {quote(ident)} (Argdown titles may hold any text)"
                )
        return nodes

    def claim(self, n: _Node) -> Claim:
        exact = _text(n.data.get("text"))
        if exact is not None:
            text = exact
        elif n.texts:
            text = n.texts[0]
            if len(n.texts) > 1:
                self.skip(
                    f"{n.label} has {len(n.texts)} different texts; the first is kept: "
                    + "; ".join(quote(t) for t in n.texts[1:])
                )
        else:
            text = n.title
            self.skip(f"{n.label} has no text; its title is its text")
        by = None
        for key in ("by", "proponent"):
            value = n.data.get(key)
            if value is None:
                continue
            if isinstance(value, str) and NAME_RE.fullmatch(value):
                by = value
                break
            self.skip(f"{n.label}: {quote(key)} is not a speaker's name: {quote(value)}")
        tags: list[str] = []
        raw_tags = n.data.get("tags")
        argdown_tags = n.obj.get("tags")
        given: list[Any] = (
            raw_tags if isinstance(raw_tags, list) else [raw_tags] if raw_tags else []
        )
        if isinstance(argdown_tags, list):
            given += argdown_tags
        for t in given:
            if _text(t) is not None and t not in tags:
                tags.append(t)
            elif _text(t) is None:
                self.skip(f"{n.label}: the tag {quote(t)} is not text; skipped")
        note = n.data.get("note")
        if note is not None and _text(note) is None:
            self.skip(f"{n.label}: the note {quote(note)} is not text; skipped")
        at, url, score = self.origin(n)
        extra = sorted(k for k in n.data if k not in _CLAIM_KEYS)
        if extra:
            self.skip(
                f"{n.label}: data not mapped: "
                + ", ".join(f"{k}={quote(n.data[k])}" for k in extra)
            )
        return Claim(
            n.id, text, by=by, tags=tuple(tags), note=_text(note), at=at, url=url, score=score
        )

    def origin(self, n: _Node) -> tuple[str | None, str | None, int | None]:
        """When the claim was said, its permalink and its score, from its data block; a value
        that is not one is reported and left out."""
        at, url, score = (n.data.get(k) for k in ("at", "url", "score"))
        if at is not None:
            problem = time_problem(at.strip()) if isinstance(at, str) else "is not text"
            if problem is None:
                at = at.strip()
            else:
                self.skip(f"{n.label}: the time {quote(at)} {problem}; skipped")
                at = None
        if url is not None and _text(url) is None:
            self.skip(f"{n.label}: the url {quote(url)} is not text; skipped")
            url = None
        if isinstance(score, str) and re.fullmatch(r"-?[0-9]+", score):
            score = int(score)  # a score too large for JavaScript, written as text
        if score is not None and (isinstance(score, bool) or not isinstance(score, int)):
            self.skip(f"{n.label}: the score {quote(score)} is not a whole number; skipped")
            score = None
        return at, url, score

    # -- relations --

    def relations(
        self, by_key: dict[tuple[str, str], str], claims: dict[str, Claim]
    ) -> list[Relation]:
        raw = _dicts(self.doc.get("relations"))
        if not isinstance(self.doc.get("relations"), list):
            # Without the top-level list, take the relations embedded in each statement and
            # argument; each is embedded at both of its ends, so keep one of each.
            seen: set[str] = set()
            for table in ("statements", "arguments"):
                objs = self.doc.get(table)
                for obj in objs.values() if isinstance(objs, dict) else []:
                    for r in _dicts(obj.get("relations") if isinstance(obj, dict) else None):
                        key = json.dumps(r, sort_keys=True, default=str)
                        if key not in seen:
                            seen.add(key)
                            raw.append(r)

        def end(title: Any, kind: Any) -> str | None:
            if not isinstance(title, str):
                return None
            order: tuple[str, ...] = ("statement",)
            if kind in ("argument", "inference"):
                order = ("argument",)
            if kind not in ("argument", "inference", "equivalence-class", "statement"):
                order = ("statement", "argument")
            return next((by_key[(k, title)] for k in order if (k, title) in by_key), None)

        out: dict[tuple[str, str], Relation] = {}
        pcs = self.premises(by_key)
        for r in [*raw, *pcs]:
            kind_name = r.get("relationType")
            src = end(r.get("from"), r.get("fromType"))
            dst = end(r.get("to"), r.get("toType"))
            what = (
                f"the {quote(kind_name)} relation from {quote(r.get('from'))} "
                f"to {quote(r.get('to'))}"
            )
            if src is None or dst is None:
                self.skip(f"{what} names something that is not in the JSON; skipped")
                continue
            pairs: list[tuple[str, str, RelationKind]]
            if kind_name == "support":
                pairs = [(src, dst, RelationKind.SUPPORTS)]
            elif kind_name == "attack":
                pairs = [(src, dst, RelationKind.REBUTS)]
            elif kind_name == "undercut":
                pairs = [(src, dst, RelationKind.UNDERCUTS)]
            elif kind_name == "entails":
                pairs = [(src, dst, RelationKind.SUPPORTS)]
                self.skip(f"{what} is mapped as 'supports' (argmap has no entailment)")
            elif kind_name == "contrary":
                pairs = [(src, dst, RelationKind.REBUTS)]
                self.skip(f"{what} is mapped as 'rebuts'")
            elif kind_name == "contradictory":
                pairs = [(src, dst, RelationKind.REBUTS), (dst, src, RelationKind.REBUTS)]
                self.skip(f"{what} is mapped as two claims rebutting each other")
            else:
                self.skip(f"{what}: Argdown has no such relation type; skipped")
                continue
            for a, b, kind in pairs:
                if a == b:
                    self.skip(f"{what} makes {a} answer itself; skipped")
                    continue
                known = out.get((a, b))
                if known is None:
                    out[(a, b)] = Relation(a, b, kind, 0, 0)
                elif known.kind is not kind:
                    self.skip(
                        f"{what} says {a} {kind.value} {b}, but it already "
                        f"{known.kind.value} it; a claim answers another in one way only, "
                        "so this one is skipped"
                    )
        return list(out.values())

    def replies(
        self, nodes: list[_Node], by_key: dict[tuple[str, str], str], known: list[Relation]
    ) -> list[Relation]:
        """The unclassified replies argmap keeps in each claim's data block (`answers`: the
        titles it answers), after the relations Argdown draws, which take precedence."""
        taken = {(r.source, r.target): r for r in known}
        out: list[Relation] = []
        for n in nodes:
            raw = n.data.get("answers")
            for title in raw if isinstance(raw, list) else [] if raw is None else [raw]:
                what = f"{n.label} answers {quote(title)}"
                if not isinstance(title, str):
                    self.skip(f"{what}, which is not a title; skipped")
                    continue
                target = by_key.get(("statement", title)) or by_key.get(("argument", title))
                if target is None:
                    self.skip(f"{what}, which is not in the JSON; skipped")
                elif target == n.id:
                    self.skip(f"{n.label} answers itself; skipped")
                elif (n.id, target) in taken:
                    old = taken[(n.id, target)]
                    self.skip(
                        f"{what} twice; once is kept"
                        if old.kind is RelationKind.ANSWERS
                        else f"{what}, which it already {old.kind.value}; a claim answers "
                        "another in one way only, so this one is skipped"
                    )
                else:
                    taken[(n.id, target)] = reply = Relation(
                        n.id, target, RelationKind.ANSWERS, 0, 0
                    )
                    out.append(reply)
        return out

    def premises(self, by_key: dict[tuple[str, str], str]) -> list[dict[str, Any]]:
        """An argument's premise-conclusion structure, as relations: its premises support it,
        it supports its main conclusion.

        Intermediary conclusions are neither: each is inferred inside the argument from the
        statements above it, not a reason given for the argument, and the argument's claim is
        its main conclusion. Argdown itself relates an argument only to its premises and its
        main conclusion, for the same reason (`deriveImplicitRelations` in argdown-core).
        """
        out: list[dict[str, Any]] = []
        args = self.doc.get("arguments")
        for title, obj in args.items() if isinstance(args, dict) else []:
            pcs = _dicts(obj.get("pcs")) if isinstance(obj, dict) else []
            if not pcs or ("argument", title) not in by_key:
                continue
            steps = [(p["title"], p.get("role")) for p in pcs if isinstance(p.get("title"), str)]
            if not steps:
                continue
            # The main conclusion is marked as such; JSON without roles ends with it.
            marked = [i for i, (_, role) in enumerate(steps) if role == "main-conclusion"]
            last = marked[-1] if marked else len(steps) - 1
            conclusion = steps[last][0]
            inferred = ("intermediary-conclusion", "main-conclusion")
            premises = [
                t for i, (t, role) in enumerate(steps) if i != last and role not in inferred
            ]
            inner = [t for i, (t, role) in enumerate(steps) if i != last and role in inferred]
            for premise in premises:
                out.append(
                    {
                        "relationType": "support",
                        "from": premise,
                        "fromType": "equivalence-class",
                        "to": title,
                        "toType": "argument",
                    }
                )
            out.append(
                {
                    "relationType": "support",
                    "from": title,
                    "fromType": "argument",
                    "to": conclusion,
                    "toType": "equivalence-class",
                }
            )
            lost = "inference rules and intermediate steps are not kept"
            if inner:
                many = len(inner) > 1
                lost = (
                    f"the intermediary conclusion{'s' if many else ''} "
                    f"{', '.join(quote(t) for t in inner)} {'are' if many else 'is'} not linked "
                    "to it (inferred inside the argument, not a reason for it); inference rules "
                    "are not kept"
                )
            self.skip(
                f"argument {quote(title)}: its premise-conclusion structure is mapped as "
                f"{len(premises)} premise(s) supporting it and it supporting "
                f"{quote(conclusion)}; {lost}"
            )
        return out

    # -- sources, citations, speakers --

    def sources(self, meta: dict[str, Any], claims: dict[str, Claim]) -> dict[str, Source]:
        out: dict[str, Source] = {}
        listed = meta.get("sources")
        for sid, details in listed.items() if isinstance(listed, dict) else []:
            inline = isinstance(details, dict) and details.get("inline") is True
            valid = ID_RE.fullmatch(sid) or (
                inline and (m := re.fullmatch(r"(.+)#[1-9][0-9]*", sid)) and m.group(1) in claims
            )
            if not valid or sid in claims or not isinstance(details, dict):
                self.skip(f"source {quote(sid)} cannot be an argmap source; skipped")
                continue
            source = _source(sid, details, inline)
            if source is None:
                self.skip(f"source {quote(sid)} has neither a title nor a url; skipped")
                continue
            out[sid] = source
        return out

    def citations(
        self, nodes: list[_Node], claims: dict[str, Claim], sources: dict[str, Source]
    ) -> dict[str, Claim]:
        out: dict[str, Claim] = {}
        for n in nodes:
            claim = claims[n.id]
            raw = n.data.get("cites")
            items = raw if isinstance(raw, list) else [raw] if raw is not None else []
            cites: list[Citation] = []
            for k, item in enumerate(items, 1):
                if isinstance(item, str):
                    item = {"source": item}
                if not isinstance(item, dict):
                    self.skip(f"{n.label}: citation {k} is not a source; skipped")
                    continue
                passage, locator = _text(item.get("quote")), _text(item.get("locator"))
                source = item.get("source")
                if isinstance(source, str):
                    if source in sources:
                        cites.append(Citation(source, passage, locator))
                    else:
                        self.skip(
                            f"{n.label}: cites {quote(source)}, which is not a source; skipped"
                        )
                    continue
                sid = f"{n.id}#{k}"
                inline = _source(sid, item, True)
                if inline is None:
                    self.skip(f"{n.label}: citation {k} has neither a title nor a url; skipped")
                    continue
                sources[sid] = inline
                cites.append(Citation(sid, passage, locator))
            out[n.id] = replace(claim, cites=tuple(cites))
        return out

    def speakers(self, meta: dict[str, Any], claims: dict[str, Claim]) -> dict[str, Speaker]:
        out: dict[str, Speaker] = {}
        listed = meta.get("speakers")
        for name, details in listed.items() if isinstance(listed, dict) else []:
            if not NAME_RE.fullmatch(name):
                self.skip(f"speaker {quote(name)} is not a speaker's name; skipped")
                continue
            info = details if isinstance(details, dict) else {}
            out[name] = Speaker(name, _text(info.get("url")), _text(info.get("note")))
        for claim in claims.values():
            if claim.by is not None and claim.by not in out:
                out[claim.by] = Speaker(claim.by, declared=False)
        return out

    def expectations(
        self, meta: dict[str, Any], claims: dict[str, Claim]
    ) -> tuple[Expectation, ...]:
        expect = meta.get("expect")
        out: list[Expectation] = []
        for outcome, ids in expect.items() if isinstance(expect, dict) else []:
            if outcome not in _OUTCOMES or not isinstance(ids, list):
                self.skip(f"expectation {quote(outcome)} is not one argmap checks; skipped")
                continue
            known = [i for i in ids if isinstance(i, str) and i in claims]
            if len(known) != len(ids):
                self.skip(
                    f"expectation {quote(outcome)} names ids that are not claims; they are left out"
                )
            out.append(Expectation(outcome, tuple(known), ((0, 0),) * len(known), 0, 0))
        return tuple(out)
