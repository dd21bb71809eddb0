"""YAML text → checked `Debate`, gathering every diagnostic on the way.

The file is composed into YAML nodes (never constructed into Python objects, so no tag can run
code), scanned once for what plain YAML lets through (duplicate keys, tags, aliases), then walked
against the format in `argmap.spec`. Every problem becomes a `Diagnostic`; nothing stops the walk
early, so one run shows every mistake in the file.
"""

from __future__ import annotations

import difflib
import gc
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from argmap.errors import CODES, DebateError, Diagnostic, quote, sort_key
from argmap.model import Citation, Claim, Debate, Relation, RelationKind, Source, Speaker
from argmap.spec import (
    CITATION_FIELDS,
    CLAIM_FIELDS,
    DEBATE_FIELDS,
    ID_RE,
    NAME_RE,
    SOURCE_FIELDS,
    SPEAKER_FIELDS,
    SYNONYMS,
    Field,
    Shape,
    field_names,
)

# libyaml's composer is several times faster than the pure-Python one; both are safe here
# because nodes are only composed, never constructed.
LOADER: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_T = "tag:yaml.org,2002:"
STR, NULL, BOOL, INT, FLOAT, TIMESTAMP = (
    _T + t for t in ("str", "null", "bool", "int", "float", "timestamp")
)
MAP, SEQ = _T + "map", _T + "seq"
_SCALAR_TAGS = {STR, NULL, BOOL, INT, FLOAT, TIMESTAMP}


@dataclass
class Result:
    """What checking one file gives: the debate when it has no errors, and every diagnostic."""

    file: str
    debate: Debate | None
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.is_error]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if not d.is_error]


def load(path: str | os.PathLike[str]) -> Debate:
    """Load a debate file; raise `DebateError` listing every diagnostic if it has errors."""
    return _unwrap(check(path))


def loads(text: str, file: str = "<string>") -> Debate:
    """Load a debate from YAML text; `file` names it in diagnostics."""
    return _unwrap(check_text(text, file))


def _unwrap(result: Result) -> Debate:
    if result.debate is None:
        raise DebateError(result.diagnostics)
    return result.debate


def check(path: str | os.PathLike[str]) -> Result:
    """Check a debate file. Never raises for a bad file: problems come back as diagnostics."""
    file = os.fspath(path)
    text, diagnostic = _read(Path(file), file)
    if text is None:
        assert diagnostic is not None
        return Result(file, None, [diagnostic])
    return check_text(text, file)


def check_text(text: str, file: str = "<string>") -> Result:
    """Check YAML text as a debate file named `file`."""
    paused = gc.isenabled()
    gc.disable()  # composing allocates many small objects; the cyclic GC only slows that down
    try:
        builder = _Builder(file)
        debate = builder.build(text)
    finally:
        if paused:
            gc.enable()
    diagnostics = sorted(builder.diagnostics, key=sort_key)
    if any(d.is_error for d in diagnostics):
        debate = None
    elif debate is not None:
        debate.diagnostics = tuple(diagnostics)
    return Result(file, debate, diagnostics)


def _read(path: Path, file: str) -> tuple[str | None, Diagnostic | None]:
    def fail(message: str, hint: str | None = None) -> tuple[None, Diagnostic]:
        return None, Diagnostic("read-error", message, file, hint=hint)

    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return fail("no such file", "check the path; `argmap new FILE` starts a new debate")
    except IsADirectoryError:
        return fail("this is a folder, not a file", "name a .yaml file inside it")
    except PermissionError:
        return fail("permission denied", "make the file readable, e.g. `chmod u+r FILE`")
    except OSError as e:
        return fail(f"cannot read the file: {e.strerror or e}")
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        column = e.start - (data.rfind(b"\n", 0, e.start) + 1) + 1
        return None, Diagnostic(
            "not-utf8",
            f"byte 0x{data[e.start]:02x} is not valid UTF-8",
            file,
            line,
            column,
            hint="save the file as UTF-8 (most editors offer it under 'Save with encoding')",
        )


def to_data(text: str) -> Any:
    """The plain data in YAML text, read with the same rules as the loader (dates stay text).

    The schema tests validate this against the JSON Schema, so both see the same values.
    """
    node = yaml.compose(text, Loader=LOADER)
    return None if node is None else _plain(node)


def _plain(node: Node) -> Any:
    if isinstance(node, MappingNode):
        return {_plain(k): _plain(v) for k, v in node.value}
    if isinstance(node, SequenceNode):
        return [_plain(v) for v in node.value]
    if node.tag in (STR, TIMESTAMP):
        return node.value
    return yaml.SafeLoader("").construct_object(node)


# --- describing values in messages ---------------------------------------------------------------


def _kind(node: Node) -> str:
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    return {NULL: "nothing", BOOL: "true/false", INT: "a number", FLOAT: "a number"}.get(
        node.tag, "text"
    )


def _type_hint(node: Node, wanted: str) -> str | None:
    if isinstance(node, ScalarNode) and node.tag in (BOOL, INT, FLOAT):
        return f'YAML reads {node.value} as {_kind(node)}; put it in quotes: "{node.value}"'
    if wanted == "text" and isinstance(node, SequenceNode | MappingNode):
        return "write the value on one line after the colon, or as a block with `|`"
    return None


def _suggest(word: str, candidates: list[str], what: str = "ids") -> str | None:
    squeezed = "".join(word.split()).casefold()
    for c in candidates:
        if "".join(c.split()).casefold() == squeezed:
            return f"did you mean {quote(c)}? {what} differ by case and spaces"
    close = difflib.get_close_matches(word, candidates, n=1, cutoff=0.6)
    return f"did you mean {quote(close[0])}?" if close else None


def _is_http(url: str) -> bool:
    parts = urlsplit(url.strip())
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


# --- the walk ----------------------------------------------------------------------------------


class _Refused(ScalarNode):
    """Stands in for a node the scan refused, so the walk skips it without a second message."""

    def __init__(self, node: Node) -> None:
        super().__init__(NULL, "", node.start_mark, node.end_mark)


@dataclass
class _Ref:
    """A reference written in the file, resolved once every id is known."""

    owner: str
    target: str
    node: Node
    path: str


@dataclass
class _RawRelation(_Ref):
    kind: RelationKind = RelationKind.REBUTS
    nested: bool = False


class _Builder:
    def __init__(self, file: str) -> None:
        self.file = file
        self.diagnostics: list[Diagnostic] = []
        self.ids: dict[str, tuple[str, Node]] = {}  # every id defined: ("claim"|"source", key)
        self.claims: dict[str, Claim] = {}
        self.sources: dict[str, Source] = {}
        self.speakers: dict[str, Speaker] | None = None  # None: no `speakers:` section
        self.relations: list[_RawRelation] = []
        self.citations: list[_Ref] = []
        self.bys: list[_Ref] = []

    def report(
        self, code: str, node: Node | None, message: str, hint: str | None = None, path: str = ""
    ) -> None:
        assert code in CODES, code
        line = column = None
        if node is not None:
            line, column = node.start_mark.line + 1, node.start_mark.column + 1
        self.diagnostics.append(Diagnostic(code, message, self.file, line, column, hint, path))

    # -- parsing and the scan --

    def build(self, text: str) -> Debate | None:
        root = self.compose(text)
        if root is None:
            return None
        self.scan(root)
        if not isinstance(root, MappingNode):
            self.report(
                "wrong-type",
                root,
                f"a debate file is a mapping with 'title:' and 'claims:', not {_kind(root)}",
                "start from `argmap new FILE` to see the shape",
            )
            return None
        return self.debate(root)

    def compose(self, text: str) -> Node | None:
        try:
            node: Node | None = yaml.compose(text, Loader=LOADER)
        except yaml.MarkedYAMLError as e:
            mark = e.problem_mark or e.context_mark
            problem = e.problem or e.context or "invalid YAML"
            self.diagnostics.append(
                Diagnostic(
                    "yaml-syntax",
                    problem
                    if not e.context or e.context == problem
                    else f"{problem} ({e.context})",
                    self.file,
                    mark.line + 1 if mark else None,
                    mark.column + 1 if mark else None,
                    _syntax_hint(problem, text, mark),
                )
            )
            return None
        except yaml.YAMLError as e:  # reader errors: characters YAML does not allow
            line = column = None
            position = getattr(e, "position", None)
            if isinstance(position, int):
                line = text.count("\n", 0, position) + 1
                column = position - (text.rfind("\n", 0, position) + 1) + 1
            reason = getattr(e, "reason", None) or str(e)
            self.diagnostics.append(
                Diagnostic(
                    "yaml-syntax",
                    reason,
                    self.file,
                    line,
                    column,
                    "remove the character, or quote text that needs it and write it as an escape",
                )
            )
            return None
        except RecursionError:
            self.diagnostics.append(
                Diagnostic(
                    "yaml-syntax",
                    "the YAML is nested too deeply to read",
                    self.file,
                    hint="flatten the nesting: refer to claims by id with `rebuts:`",
                )
            )
            return None
        if node is None:
            self.diagnostics.append(
                Diagnostic(
                    "empty-file",
                    "the file holds no YAML document",
                    self.file,
                    hint="start from `argmap new FILE`, which writes a commented example",
                )
            )
        return node

    def scan(self, root: Node) -> None:
        """Refuse what YAML allows but a debate must not have, anywhere in the file."""
        seen: set[int] = set()
        stack: list[Node] = [root]
        while stack:
            node = stack.pop()
            seen.add(id(node))
            children: list[Node]
            if isinstance(node, MappingNode):
                first: dict[str, Node] = {}
                kept: list[tuple[Node, Node]] = []
                for key, value in node.value:
                    key, value = self.vet(key, seen), self.vet(value, seen)
                    if isinstance(key, _Refused):
                        continue
                    if not (isinstance(key, ScalarNode) and key.tag == STR):
                        self.report(
                            "wrong-type",
                            key,
                            f"keys must be text, not {_kind(key)}",
                            _type_hint(key, "text") or "write the key as plain text",
                        )
                        continue
                    if key.value in first:
                        self.report(
                            "duplicate-key",
                            key,
                            f"the key {quote(key.value)} appears twice in this mapping "
                            f"(first at line {first[key.value].start_mark.line + 1})",
                            "YAML would silently keep only the last one: merge the two entries "
                            "or rename one",
                        )
                        continue
                    first[key.value] = key
                    kept.append((key, value))
                node.value = kept
                children = [v for _, v in kept]
            elif isinstance(node, SequenceNode):
                node.value = [self.vet(v, seen) for v in node.value]
                children = node.value
            else:
                continue
            stack.extend(c for c in reversed(children) if not isinstance(c, _Refused))

    def vet(self, node: Node, seen: set[int]) -> Node:
        if id(node) in seen:
            # Composing shares one node object between an anchor and each of its aliases.
            self.report(
                "yaml-alias",
                node,
                "anchors and aliases (&name, *name, <<) are not supported in debate files",
                "write the value out in full; to reuse a claim, refer to it by id",
            )
            return _Refused(node)
        expected = MAP if isinstance(node, MappingNode) else SEQ
        allowed = node.tag in _SCALAR_TAGS if isinstance(node, ScalarNode) else node.tag == expected
        if not allowed:
            self.report(
                "yaml-tag",
                node,
                f"the YAML tag {quote(_short_tag(node.tag))} is not allowed: "
                "a debate file holds plain data",
                "remove the tag (`!…` or `!!…`); write text in quotes if it needs them",
            )
            return _Refused(node)
        return node

    # -- typed readers --

    def fields(
        self, node: Node, spec: tuple[Field, ...], what: str, path: str, anchor: Node
    ) -> dict[str, Node] | None:
        """The fields of a mapping, after reporting unknown and missing ones."""
        if isinstance(node, _Refused):
            return None
        if not isinstance(node, MappingNode):
            self.report(
                "wrong-type",
                node,
                f"{what} must be a mapping of fields, not {_kind(node)}",
                _mapping_hint(node, spec),
                path,
            )
            return None
        names = field_names(spec)
        found: dict[str, Node] = {}
        for key, value in node.value:
            if key.value in names:
                found[key.value] = value
                continue
            guess = SYNONYMS.get(key.value)
            hint = (
                f"did you mean {quote(guess)}?"
                if guess in names
                else _suggest(key.value, names, "field names")
            )
            self.report(
                "unknown-field",
                key,
                f"{what} has no field {quote(key.value)}",
                hint or f"the fields of {_plain_what(what)} are: {', '.join(names)}",
                _join(path, key.value),
            )
        for f in spec:
            if f.required and f.name not in found:
                self.report(
                    "missing-field",
                    anchor,
                    f"{what} has no {quote(f.name)}",
                    f"add `{f.name}:` ({f.help[0].lower() + f.help[1:].rstrip('.')})",
                    path,
                )
        return found

    def text(self, node: Node | None, what: str, path: str) -> str | None:
        if node is None or isinstance(node, _Refused):
            return None
        if isinstance(node, ScalarNode) and node.tag in (STR, TIMESTAMP):
            if node.value.strip():
                return str(node.value)
            self.report(
                "empty-value", node, f"{what} is blank", "write it, or remove the line", path
            )
        elif isinstance(node, ScalarNode) and node.tag == NULL:
            self.report(
                "empty-value",
                node,
                f"{what} is empty",
                "write the value after the colon, or remove the line",
                path,
            )
        else:
            self.report(
                "wrong-type",
                node,
                f"{what} must be text, not {_kind(node)}",
                _type_hint(node, "text"),
                path,
            )
        return None

    def url(self, node: Node | None, what: str, path: str) -> str | None:
        value = self.text(node, what, path)
        if value is not None and not _is_http(value):
            self.report(
                "non-http-url",
                node,
                f"{what} is not an http(s) address: {quote(value)}",
                "write a full address such as https://example.org/page; "
                "other kinds are never made clickable",
                path,
            )
        return value

    def items(self, node: Node | None, path: str) -> Iterator[tuple[Node, str]]:
        """One value or a list of values, as (node, path) pairs."""
        if node is None or isinstance(node, _Refused):
            return
        if isinstance(node, SequenceNode):
            for i, item in enumerate(node.value):
                if not isinstance(item, _Refused):
                    yield item, f"{path}[{i}]"
        else:
            yield node, path

    def id_key(self, key: Node, kind: str, path: str) -> str:
        ident = str(key.value)
        if not ID_RE.fullmatch(ident):
            self.report(
                "invalid-id",
                key,
                f"{quote(ident)} is not a valid {kind} id",
                "ids use letters, digits, '_', '-' and '.', and start with a letter, digit "
                f"or '_' (e.g. {_slug(ident)})",
                path,
            )
        previous = self.ids.get(ident)
        if previous is not None:
            self.report(
                "duplicate-id",
                key,
                f"the id {quote(ident)} is already used by the {previous[0]} at line "
                f"{previous[1].start_mark.line + 1}",
                "ids are unique across the whole file, nested claims and sources included: "
                "rename one",
                path,
            )
        else:
            self.ids[ident] = (kind, key)
        return ident

    # -- the debate --

    def debate(self, root: MappingNode) -> Debate | None:
        found = self.fields(root, DEBATE_FIELDS, "the debate", "", root)
        assert found is not None
        title = self.text(found.get("title"), "'title'", "title")
        url = self.url(found.get("url"), "'url'", "url")
        date = self.text(found.get("date"), "'date'", "date")
        note = self.text(found.get("note"), "'note'", "note")
        if "speakers" in found:
            self.read_speakers(found["speakers"])
        if "sources" in found:
            self.read_sources(found["sources"])
        claims = found.get("claims")
        if claims is not None:
            if isinstance(claims, MappingNode) and not claims.value:
                self.report(
                    "empty-debate",
                    claims,
                    "the debate has no claims",
                    "add at least one claim under 'claims:'",
                    "claims",
                )
            self.read_claims(claims)
        self.resolve()
        if title is None or any(d.is_error for d in self.diagnostics):
            return None
        return Debate(
            title=title,
            claims=self.claims,
            relations=self.unique_relations(),
            sources=self.sources,
            speakers=self.speakers if self.speakers is not None else self.derived_speakers(),
            url=url,
            date=date,
            note=note,
            file=self.file,
        )

    def mapping(self, node: Node, what: str, path: str) -> list[tuple[Node, Node]]:
        if isinstance(node, _Refused):
            return []
        if not isinstance(node, MappingNode):
            self.report(
                "wrong-type",
                node,
                f"{what} must be a mapping of ids to entries, not {_kind(node)}",
                "indent each entry under it as `id: {...}`",
                path,
            )
            return []
        return list(node.value)

    def read_speakers(self, node: Node) -> None:
        self.speakers = {}
        for key, value in self.mapping(node, "'speakers'", "speakers"):
            name, path = str(key.value), _join("speakers", key.value)
            if not NAME_RE.fullmatch(name):
                self.report(
                    "invalid-id",
                    key,
                    f"the speaker name {quote(name)} is blank or padded",
                    "write the name without spaces around it",
                    path,
                )
            what = f"speaker {quote(name)}"
            url = note = None
            if not (isinstance(value, ScalarNode) and value.tag == NULL):
                found = self.fields(value, SPEAKER_FIELDS, what, path, key)
                if found is not None:
                    url = self.url(found.get("url"), f"the url of {what}", _join(path, "url"))
                    note = self.text(found.get("note"), f"the note of {what}", _join(path, "note"))
            self.speakers[name] = Speaker(name, url, note, True, *_mark(key))

    def read_sources(self, node: Node) -> None:
        for key, value in self.mapping(node, "'sources'", "sources"):
            path = _join("sources", key.value)
            ident = self.id_key(key, "source", path)
            what = f"source {quote(ident)}"
            found = self.fields(value, SOURCE_FIELDS, what, path, key)
            if found is None:
                continue
            source = self.source_fields(found, ident, what, path, key, inline=False)
            if source is not None:
                self.sources.setdefault(ident, source)

    def source_fields(
        self, found: dict[str, Node], ident: str, what: str, path: str, anchor: Node, inline: bool
    ) -> Source | None:
        values = {
            f.name: (self.url if f.shape is Shape.URL else self.text)(
                found.get(f.name), f"the {f.name} of {what}", _join(path, f.name)
            )
            for f in SOURCE_FIELDS
        }
        if "title" not in found and "url" not in found:
            if inline:
                self.report(
                    "bad-citation",
                    anchor,
                    f"{what} has no source, title or url",
                    "name a listed source with `source: ID`, or give an inline source a "
                    "`url:` or `title:`",
                    path,
                )
            else:
                self.report(
                    "missing-field",
                    anchor,
                    f"{what} has neither a title nor a url",
                    "add `title:` or `url:` (or both) so readers can find it",
                    path,
                )
            return None
        return Source(
            ident,
            **values,
            inline=inline,
            line=anchor.start_mark.line + 1,
            column=anchor.start_mark.column + 1,
        )

    def read_claims(self, node: Node) -> None:
        # An explicit stack rather than recursion: replies can nest as deep as a thread goes.
        stack: list[tuple[Node, Node, str | None, RelationKind | None, str]] = [
            (key, value, None, None, _join("claims", key.value))
            for key, value in reversed(self.mapping(node, "'claims'", "claims"))
        ]
        while stack:
            key, value, parent, kind, path = stack.pop()
            ident = self.id_key(key, "claim", path)
            if parent is not None and kind is not None:
                self.relations.append(_RawRelation(ident, parent, key, path, kind, nested=True))
            what = f"claim {quote(ident)}"
            found = self.fields(value, CLAIM_FIELDS, what, path, key)
            if found is None:
                continue
            claim = self.claim(ident, found, what, path, key, parent)
            if claim is not None and self.ids[ident][1] is key:
                self.claims[ident] = claim
            for field_name, child_kind in (
                ("reasons", RelationKind.SUPPORTS),
                ("rebuttals", RelationKind.REBUTS),
            ):
                if field_name in found:
                    fpath = _join(path, field_name)
                    children = self.mapping(found[field_name], f"the {field_name} of {what}", fpath)
                    stack.extend(
                        (k, v, ident, child_kind, _join(fpath, k.value))
                        for k, v in reversed(children)
                    )

    def claim(
        self,
        ident: str,
        found: dict[str, Node],
        what: str,
        path: str,
        key: Node,
        parent: str | None,
    ) -> Claim | None:
        text = self.text(found.get("text"), f"the text of {what}", _join(path, "text"))
        by = self.text(found.get("by"), f"'by' of {what}", _join(path, "by"))
        if by is not None:
            self.bys.append(_Ref(ident, by, found["by"], _join(path, "by")))
        for kind in RelationKind:
            for node, p in self.items(found.get(kind.value), _join(path, kind.value)):
                target = self.text(node, f"{quote(kind.value)} of {what}", p)
                if target is not None:
                    self.relations.append(_RawRelation(ident, target, node, p, kind))
        tags = tuple(
            t
            for node, p in self.items(found.get("tags"), _join(path, "tags"))
            if (t := self.text(node, f"a tag of {what}", p)) is not None
        )
        note = self.text(found.get("note"), f"the note of {what}", _join(path, "note"))
        cites = tuple(
            c
            for n, (node, p) in enumerate(self.items(found.get("cites"), _join(path, "cites")), 1)
            if (c := self.citation(ident, n, node, what, p)) is not None
        )
        if text is None:
            return None
        line, column = _mark(key)
        return Claim(ident, text, by, cites, tags, note, parent, line, column)

    def citation(self, owner: str, n: int, node: Node, what: str, path: str) -> Citation | None:
        if isinstance(node, ScalarNode) and node.tag != NULL:
            source = self.text(node, f"a citation of {what}", path)
            if source is None:
                return None
            self.citations.append(_Ref(owner, source, node, path))
            return Citation(source)
        found = self.fields(node, CITATION_FIELDS, f"a citation of {what}", path, node)
        if found is None:
            return None
        quote_ = self.text(found.get("quote"), f"the quote in a citation of {what}", path)
        locator = self.text(found.get("locator"), f"the locator in a citation of {what}", path)
        if "source" in found:
            extra = [f.name for f in SOURCE_FIELDS if f.name in found]
            if extra:
                self.report(
                    "bad-citation",
                    node,
                    f"a citation of {what} names the source {quote(found['source'].value)} and "
                    f"also has {', '.join(extra)}",
                    "with `source:`, a citation takes only `quote:` and `locator:`; "
                    "put the details on the source under `sources:`",
                    path,
                )
            source = self.text(found["source"], f"the source of a citation of {what}", path)
            if source is None:
                return None
            self.citations.append(_Ref(owner, source, found["source"], path))
            return Citation(source, quote_, locator)
        ident = f"{owner}#{n}"  # '#' cannot occur in written ids, so this never collides
        inline = self.source_fields(found, ident, f"a citation of {what}", path, node, inline=True)
        if inline is None:
            return None
        self.sources[ident] = inline
        return Citation(ident, quote_, locator)

    # -- references --

    def resolve(self) -> None:
        claim_ids = [i for i, (k, _) in self.ids.items() if k == "claim"]
        source_ids = [i for i, (k, _) in self.ids.items() if k == "source"]
        for rel in self.relations:
            if self.ids.get(rel.target, ("",))[0] == "claim":
                continue
            if rel.target in self.ids:
                hint = f"{quote(rel.target)} is a source; cite it with `cites:`"
            else:
                hint = _suggest(rel.target, claim_ids) or "define the claim, or fix the id"
            self.report(
                "unknown-claim",
                rel.node,
                f"{quote(rel.target)} is {rel.kind.passive} by {quote(rel.owner)} "
                "but no claim has that id",
                hint,
                rel.path,
            )
        cited = set()
        for ref in self.citations:
            cited.add(ref.target)
            if self.ids.get(ref.target, ("",))[0] == "source":
                continue
            if ref.target in self.ids:
                hint = f"{quote(ref.target)} is a claim; a claim backs another with `supports:`"
            else:
                hint = _suggest(ref.target, source_ids) or (
                    "list it under `sources:`, or cite inline as {url: ..., title: ...}"
                )
            self.report(
                "unknown-source",
                ref.node,
                f"{quote(ref.owner)} cites {quote(ref.target)} but no source has that id",
                hint,
                ref.path,
            )
        self.check_relations()
        for ident, (kind, key) in self.ids.items():
            if kind == "source" and ident not in cited:
                self.report(
                    "unused-source",
                    key,
                    f"no claim cites the source {quote(ident)}",
                    "cite it from the claim that relies on it (`cites: [id]`), or remove it",
                    _join("sources", ident),
                )
        if self.speakers is not None:
            self.check_speakers(self.speakers)

    def check_relations(self) -> None:
        seen: dict[tuple[str, str], _RawRelation] = {}
        for rel in self.relations:
            if rel.owner == rel.target:
                self.report(
                    "self-relation",
                    rel.node,
                    f"{quote(rel.owner)} {rel.kind.value} itself",
                    f"point `{rel.kind.value}:` at the id of the claim it answers",
                    rel.path,
                )
                continue
            first = seen.setdefault((rel.owner, rel.target), rel)
            if first is rel:
                continue
            if first.kind is rel.kind:
                self.report(
                    "duplicate-relation",
                    rel.node,
                    f"{quote(rel.owner)} {rel.kind.value} {quote(rel.target)} twice "
                    f"(first at line {first.node.start_mark.line + 1})",
                    "a nested reply already rebuts or supports its parent: remove the repeat"
                    if first.nested or rel.nested
                    else "remove the repeat",
                    rel.path,
                )
            else:
                self.report(
                    "conflicting-relation",
                    rel.node,
                    f"{quote(rel.owner)} both {first.kind.value} (line "
                    f"{first.node.start_mark.line + 1}) and {rel.kind.value} {quote(rel.target)}",
                    "a claim answers another in one way only: keep the one you mean, "
                    "or split the claim in two",
                    rel.path,
                )

    def unique_relations(self) -> tuple[Relation, ...]:
        out: dict[tuple[str, str], Relation] = {}
        for r in self.relations:
            out.setdefault((r.owner, r.target), Relation(r.owner, r.target, r.kind, *_mark(r.node)))
        return tuple(out.values())

    def check_speakers(self, speakers: dict[str, Speaker]) -> None:
        names = list(speakers)
        used = set()
        for ref in self.bys:
            used.add(ref.target)
            if ref.target not in speakers:
                self.report(
                    "unknown-speaker",
                    ref.node,
                    f"{quote(ref.owner)} is by {quote(ref.target)}, "
                    "who is not listed under 'speakers:'",
                    _suggest(ref.target, names, "names")
                    or f"add {quote(ref.target)} under 'speakers:'",
                    ref.path,
                )
        for name, speaker in speakers.items():
            if name not in used:
                self.diagnostics.append(
                    Diagnostic(
                        "unused-speaker",
                        f"no claim is by the speaker {quote(name)}",
                        self.file,
                        speaker.line,
                        speaker.column,
                        "add `by: " + name + "` to their claims, or remove the speaker",
                        _join("speakers", name),
                    )
                )

    def derived_speakers(self) -> dict[str, Speaker]:
        out: dict[str, Speaker] = {}
        for ref in self.bys:
            if ref.target not in out:
                out[ref.target] = Speaker(
                    ref.target, declared=False, line=_mark(ref.node)[0], column=_mark(ref.node)[1]
                )
        return out


def _short_tag(tag: str) -> str:
    return "!!" + tag.removeprefix(_T) if tag.startswith(_T) else tag


def _mark(node: Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _join(path: str, key: object) -> str:
    return f"{path}.{key}" if path else str(key)


def _plain_what(what: str) -> str:
    """'claim 'x'' → 'a claim', for listing the fields a kind of entry takes."""
    head = what.split(" '")[0]
    return head if head.startswith(("the ", "a ")) else f"a {head}"


def _slug(text: str) -> str:
    out = "".join(c if c.isascii() and (c.isalnum() or c in "_-.") else "-" for c in text)
    out = "-".join(p for p in out.split("-") if p).lstrip(".-") or "claim-1"
    return quote(out)


def _mapping_hint(node: Node, spec: tuple[Field, ...]) -> str | None:
    if spec is CLAIM_FIELDS and isinstance(node, ScalarNode) and node.tag == STR:
        return "put the text under the id, indented, as `text: ...`"
    return None


def _syntax_hint(problem: str, text: str, mark: Any) -> str | None:
    line = (
        text.splitlines()[mark.line]
        if mark is not None and mark.line < text.count("\n") + 1
        else ""
    )
    if "\t" in line[: (mark.column + 1) if mark else 0] or "'\\t'" in problem:
        return "YAML does not allow tabs for indentation: use spaces"
    if "expected a single document" in problem:
        return "a debate file holds one YAML document: remove the '---' line, or split the file"
    if "mapping values are not allowed" in problem:
        return "text containing ': ' must be quoted, or written as a block after `text: |`"
    if "found duplicate anchor" in problem or "found undefined alias" in problem:
        return "anchors and aliases are not supported: write the value out in full"
    return None
