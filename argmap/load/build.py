"""The walk: the vetted YAML tree of a debate file, read section by section into a `Debate`.

Each section (speakers, sources, claims with their nested replies, citations, `expect:`) is read
here with the typed readers of `argmap.load.values`; the references it meets are gathered and
checked at the end by `argmap.load.references`, once every id is known. Nothing stops the walk
early, so one run shows every mistake in the file.

The walk reads best whole: it is one pass over the file, section by section, and a claim's
fields are read where the claim is (with the quick readings that most fields, being right,
take), so that what the format allows is read in one place in the order the file is written.
"""

from __future__ import annotations

from argmap.errors import Diagnostics, quote
from argmap.fileformat import (
    CITATION_FIELDS,
    CLAIM_FIELDS,
    DEBATE_FIELDS,
    EXPECT_FIELDS,
    ID_RE,
    NAME_RE,
    NESTED_FIELDS,
    SOURCE_FIELDS,
    SPEAKER_FIELDS,
    Shape,
)
from argmap.load.hints import shown, slug
from argmap.load.references import RawRelation, Ref, References
from argmap.load.values import (
    Reader,
    is_http,
    plain_fields,
    plain_int,
    plain_text,
    time_problem,
)
from argmap.model import (
    Citation,
    Claim,
    Debate,
    Expectation,
    RelationKind,
    Source,
    Speaker,
)
from argmap.yamlnodes import (
    NULL,
    MappingNode,
    Node,
    Refused,
    ScalarNode,
    join,
    kind,
    position,
)


def claim_what(ident: str) -> str:
    """How messages name the claim `ident`."""
    return f"claim {quote(ident)}"


# Each relation a claim can state: its kind, its field, and the field quoted for messages.
_RELATION_FIELDS = tuple((kind, kind.value, quote(kind.value)) for kind in RelationKind)
_NESTED = tuple((name, RelationKind(kind)) for name, kind in NESTED_FIELDS)


class Builder(Reader):
    """Builds the `Debate` of one file, reporting every mistake on the way."""

    def __init__(self, file: str, diagnostics: Diagnostics) -> None:
        super().__init__(file, diagnostics)
        self.refs = References(self)
        self.claims: dict[str, Claim] = {}
        self.sources: dict[str, Source] = {}
        self.speakers: dict[str, Speaker] | None = None  # None: no `speakers:` section
        self.expectations: list[Expectation] = []

    def build(self, root: Node | None) -> Debate | None:
        """The debate, or None when the file has errors (every one of them reported). A builder
        builds once: it lets go of what it found on the way when it is done."""
        try:
            return self._build(root)
        finally:
            # The references call back this builder's `report`: a cycle that would keep every
            # node they point to alive until the cyclic collector ran (for a 13,000-claim file,
            # 100,000 objects and 0.2 s of collecting). Without it they go as the builder goes.
            del self.refs

    def _build(self, root: Node | None) -> Debate | None:
        if root is None or isinstance(root, Refused):
            return None
        if not isinstance(root, MappingNode):
            self.report(
                "wrong-type",
                root,
                f"a debate file is a mapping with 'title:' and 'claims:', not {kind(root)}",
                "start from `argmap new FILE` to see the shape",
            )
            return None
        return self.debate(root)

    # -- ids and names --

    def id_key(self, key: Node, what: str, path: str) -> tuple[str, bool]:
        """The id written as `key`, and whether it is the first definition of that id."""
        ident = str(key.value)
        if not ID_RE.fullmatch(ident):
            self.report(
                "invalid-id",
                key,
                f"{quote(ident)} is not a valid {what} id",
                "ids use letters, digits, '_', '-' and '.', and start with a letter, digit "
                f"or '_' (e.g. {slug(ident)})",
                path,
            )
        previous = self.refs.ids.get(ident)
        if previous is None:
            self.refs.ids[ident] = (what, key)
            return ident, True
        self.report(
            "duplicate-id",
            key,
            f"the id {quote(ident)} is already used by the {previous[0]} at line "
            f"{previous[1].line + 1}",
            "ids are unique across the whole file, nested claims and sources included: rename one",
            path,
        )
        return ident, False

    def speaker_name(self, node: Node, name: str, path: str) -> None:
        if not NAME_RE.fullmatch(name):
            self.report(
                "invalid-id",
                node,
                f"the speaker name {quote(name)} is blank or has spaces around it",
                "write the name without spaces around it",
                path,
            )

    # -- the debate --

    def debate(self, root: MappingNode) -> Debate | None:
        found = self.fields(root, DEBATE_FIELDS, "the debate", "", root)
        assert found is not None
        title = self.text(found.get("title"), "'title'", "title", required=True)
        url = self.url(found.get("url"), "'url'", "url")
        date = self.text(found.get("date"), "'date'", "date")
        note = self.text(found.get("note"), "'note'", "note")
        if "speakers" in found:
            self.read_speakers(found["speakers"])
        if "sources" in found:
            self.read_sources(found["sources"])
        claims = found.get("claims")
        if claims is not None:
            if (isinstance(claims, ScalarNode) and claims.tag == NULL) or (
                isinstance(claims, MappingNode) and not claims.value
            ):
                self.report(
                    "empty-debate",
                    claims,
                    "the debate has no claims",
                    "add at least one claim under 'claims:'",
                    "claims",
                )
            else:
                self.read_claims(claims)
        if "expect" in found:
            self.read_expect(found["expect"])
        self.refs.resolve(self.speakers)
        if title is None or any(d.is_error for d in self.diagnostics):
            return None
        return Debate(
            title=title,
            claims=self.claims,
            relations=self.refs.unique_relations(),
            sources=self.sources,
            speakers=self.speakers if self.speakers is not None else self.refs.derived_speakers(),
            url=url,
            date=date,
            note=note,
            file=self.file,
            expectations=tuple(self.expectations),
        )

    def read_expect(self, node: Node) -> None:
        found = self.fields(node, EXPECT_FIELDS, "'expect'", "expect", node)
        for outcome, value in (found or {}).items():
            path = join("expect", outcome)
            refs = []
            for item, p in self.items(value, path):
                ident = self.text(item, f"an id under 'expect.{outcome}'", p)
                if ident is not None:
                    refs.append(Ref(outcome, ident, item, p))
            self.refs.expect_refs.extend(refs)
            key = next(k for k, _ in node.value if k.value == outcome)
            self.expectations.append(
                Expectation(
                    outcome,
                    tuple(r.target for r in refs),
                    tuple(position(r.node) for r in refs),
                    *position(key),
                )
            )

    def read_speakers(self, node: Node) -> None:
        self.speakers = {}
        for key, value in self.mapping(node, "'speakers'", "speakers", "names"):
            name, path = str(key.value), join("speakers", key.value)
            self.speaker_name(key, name, path)
            what = f"speaker {quote(name)}"
            url = note = None
            if not (isinstance(value, ScalarNode) and value.tag == NULL):
                found = self.fields(value, SPEAKER_FIELDS, what, path, key)
                if found is not None:
                    url = self.url(found.get("url"), f"the url of {what}", join(path, "url"))
                    note = self.text(found.get("note"), f"the note of {what}", join(path, "note"))
            self.speakers[name] = Speaker(name, url, note, True, *position(key))

    def read_sources(self, node: Node) -> None:
        for key, value in self.mapping(node, "'sources'", "sources"):
            path = join("sources", key.value)
            ident, first = self.id_key(key, "source", path)
            what = f"source {quote(ident)}"
            found = self.fields(value, SOURCE_FIELDS, what, path, key)
            if found is None:
                continue
            source = self.source(found, ident, what, path, key, inline=False)
            if source is not None and first:
                self.sources[ident] = source

    def source(
        self, found: dict[str, Node], ident: str, what: str, path: str, anchor: Node, inline: bool
    ) -> Source | None:
        values = {
            f.name: (self.url if f.shape is Shape.URL else self.text)(
                found.get(f.name), f"the {f.name} of {what}", join(path, f.name)
            )
            for f in SOURCE_FIELDS
        }
        if "title" in found or "url" in found:
            line, column = position(anchor)
            return Source(ident, **values, inline=inline, line=line, column=column)
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

    def read_claims(self, node: Node) -> None:
        # An explicit stack rather than recursion: replies can nest as deep as a thread goes.
        stack: list[tuple[Node, Node, str | None, RelationKind | None, str]] = [
            (key, value, None, None, join("claims", key.value))
            for key, value in reversed(self.mapping(node, "'claims'", "claims"))
        ]
        while stack:
            key, value, parent, relation, path = stack.pop()
            ident, first = self.id_key(key, "claim", path)
            # A repeated id has been reported; its relations would only be credited to the
            # first claim of that id and cause confusing follow-on messages.
            if first and parent is not None and relation is not None:
                self.refs.relations.append(
                    RawRelation(ident, parent, key, path, relation, nested=True)
                )
            found = plain_fields(value, CLAIM_FIELDS)
            if found is None:
                found = self.fields(value, CLAIM_FIELDS, claim_what(ident), path, key)
                if found is None:
                    continue
            claim = self.claim(ident, found, path, key, parent, first)
            if claim is not None and first:
                self.claims[ident] = claim
            if "reasons" not in found and "rebuttals" not in found and "replies" not in found:
                continue
            children: list[tuple[Node, Node, str | None, RelationKind | None, str]] = []
            for field_name, child_relation in _NESTED:
                if field_name in found:
                    fpath = join(path, field_name)
                    children.extend(
                        (k, v, ident if first else None, child_relation, join(fpath, k.value))
                        for k, v in self.mapping(
                            found[field_name], f"the {field_name} of {claim_what(ident)}", fpath
                        )
                    )
            # Popped in the order they are written, whichever section comes first.
            children.sort(key=lambda child: position(child[0]), reverse=True)
            stack.extend(children)

    def claim(
        self,
        ident: str,
        found: dict[str, Node],
        path: str,
        key: Node,
        parent: str | None,
        first: bool,
    ) -> Claim | None:
        # Each field is read as its reader reads it (`text`, `time`, `url`, `count`), but the
        # message and path that only a mistake needs are made only then, the claim's name in
        # them too (`claim_what`): most of the file is claims, and most claims are right.
        get = found.get
        node = get("text")
        text = plain_text(node)
        if text is None:
            text = self.text(
                node, f"'text' of {claim_what(ident)}", join(path, "text"), required=True
            )
        by = None
        node = get("by")
        if node is not None:
            by = plain_text(node)
            if by is None:
                by = self.text(
                    node, f"'by' of {claim_what(ident)}", join(path, "by"), wanted="name"
                )
            if by is not None:
                by_path = join(path, "by")
                self.speaker_name(node, by, by_path)
                if first:
                    self.refs.bys.append(Ref(ident, by, node, by_path))
        for relation, name, quoted in _RELATION_FIELDS:
            node = get(name)
            if node is None:
                continue
            for item, p in self.items(node, join(path, name)):
                target = plain_text(item)
                if target is None:
                    target = self.text(item, f"{quoted} of {claim_what(ident)}", p)
                if target is not None and first:
                    self.refs.relations.append(RawRelation(ident, target, item, p, relation))
        tags: tuple[str, ...] = ()
        if "tags" in found:
            what = claim_what(ident)
            tags = tuple(
                t
                for node, p in self.items(found["tags"], join(path, "tags"))
                if (t := self.text(node, f"a tag of {what}", p)) is not None
            )
        note = None
        node = get("note")
        if node is not None:
            note = plain_text(node)
            if note is None:
                note = self.text(node, f"'note' of {claim_what(ident)}", join(path, "note"))
        cites: tuple[Citation, ...] = ()
        node = get("cites")
        if node is not None:
            source = plain_text(node)
            if source is not None:  # one listed source, as an imported comment cites a link
                if first:
                    self.refs.citations.append(Ref(ident, source, node, join(path, "cites")))
                cites = (Citation(source),)
            else:
                what = claim_what(ident)
                cites = tuple(
                    c
                    for n, (node, p) in enumerate(self.items(node, join(path, "cites")), 1)
                    if (c := self.citation(ident, n, node, what, p, first)) is not None
                )
        # An imported thread gives each claim `at:`, `url:` and `score:`.
        at = url = score = None
        node = get("at")
        if node is not None:
            at = plain_text(node)
            if at is None or time_problem(at) is not None:
                at = self.time(node, f"'at' of {claim_what(ident)}", join(path, "at"))
        node = get("url")
        if node is not None:
            url = plain_text(node)
            if url is None or not is_http(url):
                url = self.url(node, f"'url' of {claim_what(ident)}", join(path, "url"))
        node = get("score")
        if node is not None:
            score = plain_int(node)
            if score is None:
                score = self.count(node, f"'score' of {claim_what(ident)}", join(path, "score"))
        weight = None
        if "weight" in found:
            weight = self.fraction(
                found["weight"], f"'weight' of {claim_what(ident)}", join(path, "weight")
            )
        if text is None:
            return None
        line, column = key.line + 1, key.column + 1
        return Claim(
            ident, text, by, cites, tags, note, parent, line, column, at, url, score, weight
        )

    def citation(
        self, owner: str, n: int, node: Node, what: str, path: str, record: bool
    ) -> Citation | None:
        def cite(source: str, source_node: Node, source_path: str) -> None:
            if record:
                self.refs.citations.append(Ref(owner, source, source_node, source_path))

        if isinstance(node, ScalarNode) and node.tag != NULL:
            source = self.text(node, f"a citation of {what}", path)
            if source is None:
                return None
            cite(source, node, path)
            return Citation(source)
        what = f"a citation of {what}"
        found = self.fields(node, CITATION_FIELDS, what, path, node)
        if found is None:
            return None
        quote_ = self.text(found.get("quote"), f"the quote in {what}", join(path, "quote"))
        locator = self.text(found.get("locator"), f"the locator in {what}", join(path, "locator"))
        if "source" in found:
            extra = [f.name for f in SOURCE_FIELDS if f.name in found]
            if extra:
                self.report(
                    "bad-citation",
                    node,
                    f"{what} names the source {shown(found['source'])} and also has "
                    f"{', '.join(extra)}",
                    "with `source:`, a citation takes only `quote:` and `locator:`; "
                    "put the details on the source under `sources:`",
                    path,
                )
            spath = join(path, "source")
            source = self.text(found["source"], f"the source of {what}", spath)
            if source is None:
                return None
            cite(source, found["source"], spath)
            return Citation(source, quote_, locator)
        ident = f"{owner}#{n}"  # '#' cannot occur in written ids, so this never collides
        inline = self.source(found, ident, what, path, node, inline=True)
        if inline is None:
            return None
        if record:
            self.sources[ident] = inline
        return Citation(ident, quote_, locator)
