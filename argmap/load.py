"""Debate file → checked `Debate`, gathering every diagnostic on the way.

`argmap.yamlnodes` turns the text into a vetted tree of YAML nodes; this module walks that tree
against the format in `argmap.spec`, then resolves every id, source and speaker referred to.
Nothing stops the walk early, so one run shows every mistake in the file.
"""

from __future__ import annotations

import difflib
import gc
import json
import os
import re
import stat
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import BinaryIO
from urllib.parse import urlsplit

from argmap.errors import CODES, DebateError, Diagnostic, Diagnostics, quote
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
from argmap.spec import (
    CITATION_FIELDS,
    CLAIM_FIELDS,
    DEBATE_FIELDS,
    EXPECT_FIELDS,
    ID_RE,
    NAME_RE,
    SOURCE_FIELDS,
    SPEAKER_FIELDS,
    SYNONYMS,
    Field,
    Shape,
    field_names,
)
from argmap.yamlnodes import (
    BOOL,
    BYTES_PER_VALUE,
    FLOAT,
    INT,
    NULL,
    STR,
    TEXT_TAGS,
    MappingNode,
    Node,
    Refused,
    ScalarNode,
    SequenceNode,
    index,
    join,
    kind,
    parse,
    position,
    quote_hint,
)


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


# The largest file argmap reads, unless told otherwise: far above any debate written by hand
# (the 100,000-claim benchmark is 26 MB) and far below what would exhaust memory. With it, the
# number of values in a file is bounded to one per BYTES_PER_VALUE bytes of the limit.
DEFAULT_MAX_BYTES = 64 * 1024 * 1024
DEFAULT_MAX_VALUES = DEFAULT_MAX_BYTES // BYTES_PER_VALUE


def load(path: str | os.PathLike[str], *, max_bytes: int | None = DEFAULT_MAX_BYTES) -> Debate:
    """Load a debate file; raise `DebateError` listing every diagnostic if it has errors.

    The `expect:` block is loaded but not verified: that is `check`'s job, and a debate whose
    expectations fail is still worth analysing to see why. `max_bytes` is as for `check`.
    """
    return _unwrap(check(path, verify=False, max_bytes=max_bytes))


def loads(text: str, file: str = "<string>") -> Debate:
    """Load a debate from YAML text; `file` names it in diagnostics."""
    return _unwrap(check_text(text, file, verify=False))


def _unwrap(result: Result) -> Debate:
    if result.debate is None:
        raise DebateError(result.diagnostics)
    return result.debate


def check(
    path: str | os.PathLike[str],
    verify: bool = True,
    *,
    max_bytes: int | None = DEFAULT_MAX_BYTES,
) -> Result:
    """Check a debate file. Never raises for a bad file: problems come back as diagnostics.

    A file larger than `max_bytes` (None or 0: no limit) is refused before it is read, and
    one with more than a value for every `BYTES_PER_VALUE` bytes of `max_bytes` as it is read.
    """
    file = os.fspath(path)
    text, diagnostic = _read(file, max_bytes or None)
    if text is None:
        assert diagnostic is not None
        return Result(file, None, [diagnostic])
    max_values = max_bytes // BYTES_PER_VALUE if max_bytes else None
    return check_text(text, file, verify, max_values=max_values)


def check_text(
    text: str,
    file: str = "<string>",
    verify: bool = True,
    *,
    max_values: int | None = DEFAULT_MAX_VALUES,
) -> Result:
    """Check YAML text as a debate file named `file`.

    With `verify`, a debate that loads is also held to the outcomes in its `expect:` block.
    Text with more than `max_values` values (None: no limit) is refused as it is read.
    """
    collecting = gc.isenabled()
    gc.disable()  # building the tree allocates many small objects; the cyclic GC only slows that
    try:
        root, found = parse(text, file, max_values)
        debate = _Builder(file, found).build(root)
        # Free the node tree, and the builder that refers to its nodes, while the collector is
        # off: when it comes back, its first pass looks at every object made since it stopped
        # and still alive, and millions of nodes take seconds.
        del root
    finally:
        if collecting:
            gc.enable()
    if verify and debate is not None and debate.expectations:
        from argmap.expect import verify as verify_expectations

        found.extend(verify_expectations(debate))
    diagnostics = found.finish(file)
    if any(d.is_error for d in diagnostics):
        debate = None
    elif debate is not None:
        debate.diagnostics = tuple(diagnostics)
    return Result(file, debate, diagnostics)


def _read(file: str, limit: int | None) -> tuple[str | None, Diagnostic | None]:
    """The text of `file`, never reading more than `limit` bytes and one more.

    The size is checked before reading, and the read itself is bounded, so that a file that
    grows while it is read, or a device such as /dev/zero, cannot make argmap read forever.
    """

    def fail(message: str, hint: str | None = None) -> tuple[None, Diagnostic]:
        return None, Diagnostic("read-error", message, file, hint=hint)

    folder = ("this is a folder, not a file", "name a .yaml file inside it")
    try:
        # Without O_NONBLOCK, opening a named pipe waits for a writer, perhaps for ever.
        fd = os.open(file, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        return fail("no such file", "check the path; `argmap new FILE` starts a new debate")
    except NotADirectoryError:
        return fail("no such file: a part of the path is a file, not a folder", "check the path")
    except IsADirectoryError:
        return fail(*folder)
    except PermissionError:
        return fail("permission denied", "make the file readable, e.g. `chmod u+r FILE`")
    except OSError as e:
        return fail(f"cannot read the file: {e.strerror or e}")
    except ValueError:  # a NUL character, which no path can hold
        return fail("no such file: the path holds a NUL character", "check the path")
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            os.close(fd)
            return fail(*folder)
        with os.fdopen(fd, "rb", buffering=0) as f:
            os.set_blocking(fd, True)
            size = info.st_size if stat.S_ISREG(info.st_mode) else None
            if size is not None and limit is not None and size > limit:
                return None, _too_large(file, size, limit)
            data = _read_at_most(f, None if limit is None else limit + 1, size or 0)
    except OSError as e:
        return fail(f"cannot read the file: {e.strerror or e}")
    if limit is not None and len(data) > limit:
        return None, _too_large(file, None, limit)  # it grew, or is a stream
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        line_start = data.rfind(b"\n", 0, e.start) + 1
        column = len(data[line_start : e.start].decode("utf-8", "replace")) + 1
        return None, Diagnostic(
            "not-utf8",
            f"byte 0x{data[e.start]:02x} is not valid UTF-8",
            file,
            line,
            column,
            hint="save the file as UTF-8 (most editors offer it under 'Save with encoding')",
        )


def _read_at_most(f: BinaryIO, cap: int | None, expected: int) -> bytes:
    """Up to `cap` bytes (None: all), in one read when the file is the `expected` size."""
    chunks: list[bytes] = []
    total = 0
    while cap is None or total < cap:
        want = max(expected + 1 - total, 1 << 16)
        chunk = f.read(want if cap is None else min(want, cap - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    return b"".join(chunks)


def _too_large(file: str, size: int | None, limit: int) -> Diagnostic:
    shown, most = format_size(size or 0), format_size(limit)
    if shown.replace(".0 ", " ") == most:  # rounded to the limit: show the bytes
        shown, most = f"{size:,} bytes", f"{limit:,} bytes"
    unit = 1 << 30 if (size or 0) >= 1 << 30 else 1 << 20
    suggest = format_size(-(-(size or 2 * limit) // unit) * unit).replace(" ", "")
    return Diagnostic(
        "file-too-large",
        f"the file is {shown}, more than the limit of {most}"
        if size is not None
        else f"the file is larger than the limit of {most}",
        file,
        hint=f"to read it anyway, raise the limit: `argmap --max-size {suggest} ...` or "
        f"ARGMAP_MAX_SIZE={suggest} (0 for no limit)",
    )


_UNITS = {
    "": 1,
    "b": 1,
    "kb": 1000,
    "mb": 1000**2,
    "gb": 1000**3,
    "kib": 1 << 10,
    "mib": 1 << 20,
    "gib": 1 << 30,
}
_SIZE = re.compile(r"(\d+(?:\.\d+)?) ?([a-z]*)")


def parse_size(text: str) -> int:
    """A size written as bytes or with a unit (KB, MB, GB: powers of 1000; KiB, MiB, GiB:
    powers of 1024), in any case; 0 means no limit.

    >>> [parse_size(s) for s in ("1000", "64MiB", "200 MB", "1.5gb", "0")]
    [1000, 67108864, 200000000, 1500000000, 0]
    """
    m = _SIZE.fullmatch(text.strip().lower())
    if m is None or m[2] not in _UNITS:
        raise ValueError(
            f"{quote(text)} is not a size: write a number of bytes, or a number with "
            "KB, MB, GB, KiB, MiB or GiB (0: no limit)"
        )
    return int(float(m[1]) * _UNITS[m[2]])


def format_size(n: int) -> str:
    """A size as people read it, in the largest unit that divides it or with one decimal.

    >>> [format_size(n) for n in (1, 312, 2048, 67108864, 200_000_000, 1_500_001, 1 << 30)]
    ['1 byte', '312 bytes', '2 KiB', '64 MiB', '200 MB', '1.4 MiB', '1 GiB']
    """
    if n < 1024:
        return f"{n} byte{'' if n == 1 else 's'}"
    for name, unit in (("GiB", 1 << 30), ("GB", 1000**3), ("MiB", 1 << 20), ("MB", 1000**2),
                       ("KiB", 1 << 10), ("KB", 1000)):  # fmt: skip
        if n % unit == 0:
            return f"{n // unit} {name}"
    name, unit = next(
        u for u in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)) if n >= u[1]
    )
    return f"{n / unit:.1f} {name}"


# --- wording -------------------------------------------------------------------------------------


def _type_hint(node: Node, wanted: str = "text") -> str | None:
    if isinstance(node, ScalarNode) and node.tag in (BOOL, INT, FLOAT):
        return quote_hint(node)
    if isinstance(node, SequenceNode | MappingNode):
        if wanted == "name":
            return "`by:` names one speaker; put details about them under `speakers:`"
        return "write the text after the colon, or as an indented block after `>-`"
    return None


# A did-you-mean compares the word with every candidate, so a file with thousands of unknown ids
# among thousands of claims would take minutes. Past this many comparisons in one file, a hint
# names only ids that differ in case or spaces, which are found by lookup, not comparison.
SUGGESTION_BUDGET = 100_000


def _squeeze(word: str) -> str:
    return "".join(word.split()).casefold()


class _Names:
    """The names a reference may mean, indexed for did-you-mean hints."""

    def __init__(self, names: list[str], what: str = "ids") -> None:
        self.names = names
        self.what = what
        self.squeezed: dict[str, str] = {}
        for name in names:
            self.squeezed.setdefault(_squeeze(name), name)


class _Suggestions:
    def __init__(self) -> None:
        self.budget = SUGGESTION_BUDGET

    def closest(self, word: str, names: _Names, cutoff: float = 0.6) -> tuple[str, str] | None:
        """The name `word` was probably meant to be, and why when only case or spaces differ."""
        match = names.squeezed.get(_squeeze(word))
        if match is not None:
            if match.casefold() == word.casefold():
                return match, "differ in case"
            if match == "".join(word.split()):
                return match, "have no spaces"
            return match, "differ in case and have no spaces"
        if len(names.names) > self.budget or len(word) > 200:
            return None
        self.budget -= len(names.names)
        close = difflib.get_close_matches(word, names.names, n=1, cutoff=cutoff)
        return (close[0], "") if close else None

    def hint(self, word: str, names: _Names, cutoff: float = 0.6) -> str | None:
        """A did-you-mean hint that says so when only case or spaces differ."""
        return _did_you_mean(self.closest(word, names, cutoff), names)


def _did_you_mean(found: tuple[str, str] | None, names: _Names) -> str | None:
    if found is None:
        return None
    name, why = found
    return f"did you mean {quote(name)}?" + (f" {names.what} {why}" if why else "")


def _value(node: Node) -> str:
    """A scalar as it reads in a message; other values by their kind."""
    return quote(node.value) if isinstance(node, ScalarNode) else kind(node)


def _is_http(url: str) -> bool:
    """Whether `url` is an http(s) address.

    >>> _is_http("https://example.org/a"), _is_http("example.org"), _is_http("http://[::1")
    (True, False, False)
    """
    try:
        parts = urlsplit(url.strip())
    except ValueError:  # such as an unclosed [ of an IPv6 address, found by tests/fuzz.py
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def _as_yaml(name: str) -> str:
    """A name as it can be written after `by:` (quoted when YAML would misread it)."""
    plain = re.fullmatch(r"[A-Za-z_][\w .-]*", name) and not name.endswith((" ", ":"))
    return name if plain else json.dumps(name, ensure_ascii=False)


def _slug(text: str) -> str:
    out = "".join(c if c.isascii() and (c.isalnum() or c in "_-.") else "-" for c in text)
    return quote("-".join(p for p in out.split("-") if p).lstrip(".-") or "claim-1")


def _what_kind(what: str) -> str:
    """ "claim 'x'" → "a claim", for listing the fields an entry of that kind takes."""
    head = what.split(" '")[0]
    return head if head.startswith(("the ", "a ")) else f"a {head}"


# --- the walk ----------------------------------------------------------------------------------


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


_FIELD_SETS: dict[int, tuple[tuple[Field, ...], frozenset[str], frozenset[str]]] = {}


def _field_sets(spec: tuple[Field, ...]) -> tuple[frozenset[str], frozenset[str]]:
    """The names of the fields in `spec`, and of those required."""
    sets = _FIELD_SETS.get(id(spec))
    if sets is None or sets[0] is not spec:
        known = frozenset(f.name for f in spec)
        sets = _FIELD_SETS[id(spec)] = (spec, known, frozenset(f.name for f in spec if f.required))
    return sets[1], sets[2]


def _plain_text(node: Node | None) -> str | None:
    """The text of a scalar that is text and not blank; None for anything `_Builder.text`
    would report or skip. The common case, tested inline before asking `text` for messages."""
    if node.__class__ is ScalarNode and node.tag in TEXT_TAGS:
        value: str = node.value
        if value and not value.isspace():  # as `value.strip()`, without a copy
            return value
    return None


# Each relation a claim can state: its kind, its field, and the field quoted for messages.
_RELATION_FIELDS = tuple((kind, kind.value, quote(kind.value)) for kind in RelationKind)


class _Builder:
    def __init__(self, file: str, diagnostics: Diagnostics) -> None:
        self.file = file
        self.diagnostics = diagnostics
        self.ids: dict[str, tuple[str, Node]] = {}  # every id defined: ("claim"|"source", key)
        self.claims: dict[str, Claim] = {}
        self.sources: dict[str, Source] = {}
        self.speakers: dict[str, Speaker] | None = None  # None: no `speakers:` section
        self.relations: list[_RawRelation] = []
        self.citations: list[_Ref] = []
        self.bys: list[_Ref] = []
        self.expectations: list[Expectation] = []
        self.expect_refs: list[_Ref] = []
        self.suggestions = _Suggestions()

    def report(
        self, code: str, node: Node | None, message: str, hint: str | None = None, path: str = ""
    ) -> None:
        assert code in CODES, code
        line, column = position(node) if node is not None else (None, None)
        self.diagnostics.append(Diagnostic(code, message, self.file, line, column, hint, path))

    def build(self, root: Node | None) -> Debate | None:
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

    # -- typed readers --

    def fields(
        self, node: Node, spec: tuple[Field, ...], what: str, path: str, anchor: Node
    ) -> dict[str, Node] | None:
        """The fields of a mapping, after reporting unknown and missing ones."""
        if isinstance(node, Refused):
            return None
        if isinstance(node, ScalarNode) and node.tag == NULL:
            first = next(f for f in spec if f.required) if spec is CLAIM_FIELDS else None
            self.report(
                "empty-value",
                anchor,
                f"{what} is empty",
                f"add `{first.name}: ...` on the next line, indented" if first else None,
                path,
            )
            return None
        if not isinstance(node, MappingNode):
            hint = None
            if spec is CLAIM_FIELDS and isinstance(node, ScalarNode) and node.tag == STR:
                hint = "put the text under the id, indented, as `text: ...`"
            self.report(
                "wrong-type",
                node,
                f"{what} must be a mapping of fields, not {kind(node)}",
                hint,
                path,
            )
            return None
        known, required = _field_sets(spec)
        # Most mappings hold only known fields and every required one: the messages below
        # are then not needed. (The vetting leaves one key of each text.)
        found = {key.value: value for key, value in node.value}
        if found.keys() <= known and required <= found.keys():
            return found
        names = field_names(spec)
        found = {}
        for key, value in node.value:
            if key.value in names:
                found[key.value] = value
                continue
            guess = SYNONYMS.get(key.value)
            hint = (
                f"did you mean {quote(guess)}?"
                if guess in names
                else self.suggestions.hint(key.value, _Names(names, "field names"), cutoff=0.75)
            )
            self.report(
                "unknown-field",
                key,
                f"{what} has no field {quote(key.value)}",
                hint or f"the fields of {_what_kind(what)} are: {', '.join(names)}",
                join(path, key.value),
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

    def text(
        self,
        node: Node | None,
        what: str,
        path: str,
        required: bool = False,
        wanted: str = "text",
    ) -> str | None:
        if node is None or isinstance(node, Refused):
            return None
        if isinstance(node, ScalarNode) and node.tag in TEXT_TAGS and node.value.strip():
            return str(node.value)
        if isinstance(node, ScalarNode) and node.tag in TEXT_TAGS | {NULL}:
            self.report(
                "empty-value",
                node,
                f"{what} is {'empty' if node.tag == NULL else 'blank'}",
                "write it after the colon" + ("" if required else ", or remove the line"),
                path,
            )
        else:
            self.report(
                "wrong-type",
                node,
                f"{what} must be text, not {kind(node)}",
                _type_hint(node, wanted),
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
        if node is None or isinstance(node, Refused):
            return
        if isinstance(node, SequenceNode):
            for i, item in enumerate(node.value):
                if not isinstance(item, Refused):
                    yield item, index(path, i)
        else:
            yield node, path

    def mapping(
        self, node: Node, what: str, path: str, keyed_by: str = "ids"
    ) -> list[Sequence[Node]]:
        """The (key, value) pairs of a section such as `claims:`, `sources:`, `rebuttals:`."""
        if isinstance(node, Refused):
            return []
        if not isinstance(node, MappingNode):
            empty = isinstance(node, ScalarNode) and node.tag == NULL
            self.report(
                "empty-value" if empty else "wrong-type",
                node,
                f"{what} is empty"
                if empty
                else f"{what} must be a mapping of {keyed_by} to entries, not {kind(node)}",
                "list entries under it, indented, or remove the line"
                if empty
                else "indent each entry under it as `id: {...}`",
                path,
            )
            return []
        return list(node.value)

    def id_key(self, key: Node, what: str, path: str) -> tuple[str, bool]:
        """The id written as `key`, and whether it is the first definition of that id."""
        ident = str(key.value)
        if not ID_RE.fullmatch(ident):
            self.report(
                "invalid-id",
                key,
                f"{quote(ident)} is not a valid {what} id",
                "ids use letters, digits, '_', '-' and '.', and start with a letter, digit "
                f"or '_' (e.g. {_slug(ident)})",
                path,
            )
        previous = self.ids.get(ident)
        if previous is None:
            self.ids[ident] = (what, key)
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
                    refs.append(_Ref(outcome, ident, item, p))
            self.expect_refs.extend(refs)
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
                self.relations.append(_RawRelation(ident, parent, key, path, relation, nested=True))
            what = f"claim {quote(ident)}"
            found = self.fields(value, CLAIM_FIELDS, what, path, key)
            if found is None:
                continue
            claim = self.claim(ident, found, what, path, key, parent, first)
            if claim is not None and first:
                self.claims[ident] = claim
            if "reasons" not in found and "rebuttals" not in found:
                continue
            children: list[tuple[Node, Node, str | None, RelationKind | None, str]] = []
            for field_name, child_relation in (
                ("reasons", RelationKind.SUPPORTS),
                ("rebuttals", RelationKind.REBUTS),
            ):
                if field_name in found:
                    fpath = join(path, field_name)
                    children.extend(
                        (k, v, ident if first else None, child_relation, join(fpath, k.value))
                        for k, v in self.mapping(
                            found[field_name], f"the {field_name} of {what}", fpath
                        )
                    )
            # Popped in the order they are written, whichever section comes first.
            children.sort(key=lambda child: position(child[0]), reverse=True)
            stack.extend(children)

    def claim(
        self,
        ident: str,
        found: dict[str, Node],
        what: str,
        path: str,
        key: Node,
        parent: str | None,
        first: bool,
    ) -> Claim | None:
        # Each field is read as `text` reads it, but the message and path that only a mistake
        # needs are made only then: most of the file is claims, and most claims are right.
        get = found.get
        node = get("text")
        text = _plain_text(node)
        if text is None:
            text = self.text(node, f"'text' of {what}", join(path, "text"), required=True)
        by = None
        node = get("by")
        if node is not None:
            by = _plain_text(node)
            if by is None:
                by = self.text(node, f"'by' of {what}", join(path, "by"), wanted="name")
            if by is not None:
                by_path = join(path, "by")
                self.speaker_name(node, by, by_path)
                if first:
                    self.bys.append(_Ref(ident, by, node, by_path))
        for relation, name, quoted in _RELATION_FIELDS:
            node = get(name)
            if node is None:
                continue
            for item, p in self.items(node, join(path, name)):
                target = _plain_text(item)
                if target is None:
                    target = self.text(item, f"{quoted} of {what}", p)
                if target is not None and first:
                    self.relations.append(_RawRelation(ident, target, item, p, relation))
        tags: tuple[str, ...] = ()
        if "tags" in found:
            tags = tuple(
                t
                for node, p in self.items(found["tags"], join(path, "tags"))
                if (t := self.text(node, f"a tag of {what}", p)) is not None
            )
        note = None
        if "note" in found:
            note = self.text(found["note"], f"'note' of {what}", join(path, "note"))
        cites: tuple[Citation, ...] = ()
        if "cites" in found:
            cites = tuple(
                c
                for n, (node, p) in enumerate(self.items(found["cites"], join(path, "cites")), 1)
                if (c := self.citation(ident, n, node, what, p, first)) is not None
            )
        if text is None:
            return None
        return Claim(ident, text, by, cites, tags, note, parent, key.line + 1, key.column + 1)

    def citation(
        self, owner: str, n: int, node: Node, what: str, path: str, record: bool
    ) -> Citation | None:
        def cite(source: str, source_node: Node, source_path: str) -> None:
            if record:
                self.citations.append(_Ref(owner, source, source_node, source_path))

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
                    f"{what} names the source {_value(found['source'])} and also has "
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

    # -- references --

    def resolve(self) -> None:
        known: dict[str, _Names] = {}

        def ids_of(what: str) -> _Names:  # made only when a reference is wrong
            if what not in known:
                known[what] = _Names([i for i, (k, _) in self.ids.items() if k == what])
            return known[what]

        suggest = self.suggestions.hint
        for rel in self.relations:
            if self.ids.get(rel.target, ("",))[0] == "claim":
                continue
            if rel.target in self.ids:
                hint = f"{quote(rel.target)} is a source; cite it with `cites:`"
            else:
                hint = suggest(rel.target, ids_of("claim")) or "define the claim, or fix the id"
            self.report(
                "unknown-claim",
                rel.node,
                f"{quote(rel.target)} is {rel.kind.passive} by {quote(rel.owner)} "
                "but no claim has that id",
                hint,
                rel.path,
            )
        for ref in self.expect_refs:
            if self.ids.get(ref.target, ("",))[0] != "claim":
                self.report(
                    "unknown-claim",
                    ref.node,
                    f"{quote(ref.target)} is listed under 'expect.{ref.owner}' "
                    "but no claim has that id",
                    suggest(ref.target, ids_of("claim")) or "list claim ids only",
                    ref.path,
                )
        cited = set()
        for ref in self.citations:
            cited.add(ref.target)
            if self.ids.get(ref.target, ("",))[0] == "source":
                continue
            if ref.target in self.ids:
                hint = (
                    f"{quote(ref.target)} is a claim; claims answer claims with "
                    "`supports:`, `rebuts:` or `undercuts:`"
                )
            else:
                hint = suggest(ref.target, ids_of("source")) or (
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
        for ident, (what, key) in self.ids.items():
            if what == "source" and ident not in cited:
                self.report(
                    "unused-source",
                    key,
                    f"no claim cites the source {quote(ident)}",
                    "cite it from the claim that relies on it (`cites: [id]`), or remove it",
                    join("sources", ident),
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
            line = first.node.line + 1
            nested = first if first.nested else rel if rel.nested else None
            if first.kind is rel.kind:
                self.report(
                    "duplicate-relation",
                    rel.node,
                    f"{quote(rel.owner)} {rel.kind.value} {quote(rel.target)} twice "
                    f"(first at line {line})",
                    "a nested reply already answers its parent: remove the repeat"
                    if nested
                    else "remove the repeat",
                    rel.path,
                )
            elif nested is not None:
                other = rel if nested is first else first
                section = "rebuttals" if nested.kind is RelationKind.REBUTS else "reasons"
                self.report(
                    "conflicting-relation",
                    rel.node,
                    f"{quote(rel.owner)} is nested under the {section} of {quote(rel.target)}, "
                    f"so it {nested.kind.value} it, and it also {other.kind.value} it",
                    "a claim answers another in one way only: move it to the section that says "
                    f"what it does, or remove `{other.kind.value}:`",
                    rel.path,
                )
            else:
                self.report(
                    "conflicting-relation",
                    rel.node,
                    f"{quote(rel.owner)} both {first.kind.value} (line {line}) and "
                    f"{rel.kind.value} {quote(rel.target)}",
                    "a claim answers another in one way only: keep the one you mean, "
                    "or split the claim in two",
                    rel.path,
                )

    def unique_relations(self) -> tuple[Relation, ...]:
        out: dict[tuple[str, str], Relation] = {}
        for r in self.relations:
            key = (r.owner, r.target)
            if key not in out:
                line, column = r.node.line + 1, r.node.column + 1
                out[key] = Relation(r.owner, r.target, r.kind, line, column)
        return tuple(out.values())

    def check_speakers(self, speakers: dict[str, Speaker]) -> None:
        names = _Names(list(speakers), "names")
        used = set()
        for ref in self.bys:
            used.add(ref.target)
            if ref.target in speakers:
                continue
            found = self.suggestions.closest(ref.target, names)
            if found is not None:
                used.add(found[0])  # a misspelt name is not also an unused speaker
            self.report(
                "unknown-speaker",
                ref.node,
                f"{quote(ref.owner)} is by {quote(ref.target)}, "
                "who is not listed under 'speakers:'",
                _did_you_mean(found, names) or f"add {quote(ref.target)} under 'speakers:'",
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
                        f"add `by: {_as_yaml(name)}` to their claims, or remove the speaker",
                        join("speakers", name),
                    )
                )

    def derived_speakers(self) -> dict[str, Speaker]:
        out: dict[str, Speaker] = {}
        for ref in self.bys:
            if ref.target not in out:
                line, column = position(ref.node)
                out[ref.target] = Speaker(ref.target, declared=False, line=line, column=column)
        return out
