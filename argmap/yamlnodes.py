"""YAML text → a tree of YAML nodes with positions, holding only plain data.

The text is composed into nodes, never constructed into Python objects, so no tag can run code;
no alias is ever expanded, so a small file cannot grow into a huge tree ("billion laughs");
nesting is bounded, and nothing here recurses. The tree is then vetted once: what YAML allows
but a debate file must not have (duplicate keys, tags, anchors and aliases, keys that are not
text) is reported and cut out, so the loader that walks the tree next sees only plain mappings,
lists and scalars. The composer notes whether it met any of these as it goes; most files have
none, and then the vetting, which would change nothing, is not run.

One idea that reads best whole: the composer, its limits and the vetting share the node types
and positions, and each step's cost is only clear beside the others.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from typing import Any, BinaryIO

import yaml
from yaml.composer import ComposerError
from yaml.events import (
    AliasEvent,
    DocumentEndEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)

from argmap.errors import Diagnostic, Diagnostics, quote

# libyaml's parser is several times faster than the pure-Python one; both are safe here because
# nodes are only composed, never constructed.
LOADER: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_T = "tag:yaml.org,2002:"
STR, NULL, BOOL, INT, FLOAT, TIMESTAMP = (
    _T + t for t in ("str", "null", "bool", "int", "float", "timestamp")
)
MAP, SEQ, MERGE = _T + "map", _T + "seq", _T + "merge"
SCALAR_TAGS = {STR, NULL, BOOL, INT, FLOAT, TIMESTAMP}
TEXT_TAGS = {STR, TIMESTAMP}  # dates stay text, as they do for YAML 1.2 and JSON Schema


class Node:
    """A YAML node: its resolved tag, its value, and where it starts (0-based, as libyaml
    counts; `position` gives them as editors count).

    Lighter than PyYAML's nodes, which carry a dict, a style and two marks each: a file holds
    a node for every value in it.
    """

    __slots__ = ("column", "line", "tag", "value")
    value: Any

    def __init__(self, tag: str, value: Any, line: int, column: int) -> None:
        self.tag = tag
        self.value = value
        self.line = line
        self.column = column


class ScalarNode(Node):
    __slots__ = ()
    value: str


class SequenceNode(Node):
    __slots__ = ()
    value: list[Node]


class MappingNode(Node):
    """Its value is the list of its (key, value) pairs, in the order written."""

    __slots__ = ()
    value: list[Any]


class Refused(ScalarNode):
    """Stands in for a node the vetting refused, so the walk skips it without a second message."""

    __slots__ = ()

    def __init__(self, node: Node) -> None:
        super().__init__(NULL, "", node.line, node.column)


def parse(
    text: str, file: str, max_values: int | None = None, only_counted: Collection[str] = ()
) -> tuple[Node | None, Diagnostics]:
    """Compose and vet `text`; the root node is None when the text cannot be read as YAML, or
    holds more than `max_values` values (None: no limit). The diagnostics, of this and of
    what follows, only count those of a code in `only_counted` (see `Diagnostics`)."""
    diagnostics = Diagnostics(only_counted=only_counted)
    root, plain = _compose(text, file, diagnostics, max_values)
    if root is not None and not plain:  # a plain tree has nothing to report or cut out
        _Vetting(file, diagnostics).run(root)
    return root, diagnostics


def parse_stream(
    stream: BinaryIO, file: str, max_values: int | None = None, only_counted: Collection[str] = ()
) -> tuple[Node, Diagnostics] | None:
    """`parse` of the UTF-8 YAML read from `stream` as it comes, for text that holds no NEL,
    LS or PS (`hide_breaks` says, once the text is whole); None when it cannot be composed,
    holds no document or more than `max_values` values: `parse` of the whole text then says
    why, with the lines that `parse` quotes."""
    diagnostics = Diagnostics(only_counted=only_counted)
    try:
        root, plain = _build(stream, max_values)
    except (_Stop, yaml.YAMLError, UnicodeError):
        return None
    if root is None:
        return None
    if not plain:
        _Vetting(file, diagnostics).run(root)
    return root, diagnostics


def to_data(text: str) -> Any:
    """The plain data in YAML text, read with the loader's rules (dates stay text).

    >>> to_data("a: [1, yes, 2023-07-14]")
    {'a': [1, True, '2023-07-14']}
    """
    node = yaml.compose(text, Loader=LOADER)
    return None if node is None else _plain(node)


def _plain(node: yaml.Node) -> Any:
    if isinstance(node, yaml.MappingNode):
        return {_plain(k): _plain(v) for k, v in node.value}
    if isinstance(node, yaml.SequenceNode):
        return [_plain(v) for v in node.value]
    if node.tag in TEXT_TAGS:
        return node.value
    return yaml.SafeLoader("").construct_object(node)


def kind(node: Node) -> str:
    """How a value reads in a message: 'a mapping', 'a list', 'a number', 'text' ..."""
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    return {NULL: "nothing", BOOL: "true/false", INT: "a number", FLOAT: "a number"}.get(
        node.tag, "text"
    )


def position(node: Node) -> tuple[int, int]:
    """1-based line and column, as editors count them."""
    return node.line + 1, node.column + 1


def quote_hint(node: ScalarNode) -> str:
    """How to keep YAML from reading a number or true/false where text is meant."""
    if len(node.value) > 40:  # a number can be as long as the file: never repeat it whole
        return f"YAML reads this as {kind(node)}; put it in quotes"
    return f'YAML reads {node.value} as {kind(node)}; put it in quotes: "{node.value}"'


# Paths in diagnostics (`claims.a.rebuttals.b.text`) longer than this are shortened in the
# middle: a file nested a thousand levels deep would otherwise give each value a path of
# thousands of characters, and memory quadratic in its depth.
PATH_LIMIT = 200


def join(path: str, key: object) -> str:
    """The path of `key` inside `path`.

    >>> join("claims", "a"), join("", "title"), len(join("x" * 300, "y"))
    ('claims.a', 'title', 200)
    """
    joined = f"{path}.{key}" if path else str(key)
    return joined if len(joined) <= PATH_LIMIT else _shorten(joined)


def index(path: str, i: int) -> str:
    """The path of item `i` of the list at `path`."""
    return _shorten(f"{path}[{i}]")


def _shorten(path: str) -> str:
    if len(path) <= PATH_LIMIT:
        return path
    return path[:60] + "…" + path[len(path) - (PATH_LIMIT - 61) :]


# --- composing ---------------------------------------------------------------------------------

# How deep collections may nest: the one limit users meet, whatever PyYAML they have. Far beyond
# any debate (a reply chain of about 450 nested claims), and below libyaml's own limit: the
# libyaml in PyYAML 6.0.4's wheels refuses 1,000 levels of `[` and `{` and 1,000 of indentation,
# older ones nest without end. libyaml also slows down with each level of `[` and `{` it is
# inside; at this depth a file takes at most a few times as long as a flat one.
MAX_DEPTH = 900


class Alias(Refused):
    """An alias (`*name`), left in the tree where it was written and refused by the vetting."""

    __slots__ = ()

    def __init__(self, event: AliasEvent) -> None:
        start: Any = event.start_mark  # libyaml's marks, which read as PyYAML's
        ScalarNode.__init__(self, NULL, "", start.line, start.column)


# Each value costs a few hundred bytes of memory, so the number read is bounded too: a file may
# hold one for every so many bytes of the size limit. Debates hold one per 20-30 bytes.
BYTES_PER_VALUE = 16


class _Stop(Exception):
    """Composing stops: the file nests too deep, or holds too many values."""

    def __init__(self, code: str, message: str, hint: str, mark: Any) -> None:
        self.code, self.message, self.hint, self.mark = code, message, hint, mark


# YAML 1.1, which PyYAML reads, takes NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR for line
# breaks; editors do not (nor does YAML 1.2). After one, every line number was one off, and one
# in a comment ended the comment, making a valid file a syntax error. While the YAML is read,
# each stands in as a private-use character (the text is unchanged in length, so every position
# holds), and every value gets the character back.
_BREAKS = {"\x85": "\ue085", "\u2028": "\ue028", "\u2029": "\ue029"}
_HIDE = str.maketrans(_BREAKS)
_SHOW = str.maketrans({v: k for k, v in _BREAKS.items()})


def _hide_breaks(text: str) -> tuple[str, bool]:
    """`text` with NEL, LS and PS standing in as private-use characters, and whether any did.
    A text that already holds one of those private-use characters is left as it is."""
    if not any(c in text for c in _BREAKS) or any(c in text for c in _BREAKS.values()):
        return text, False
    return text.translate(_HIDE), True


# For `argmap.label`, which reads the same text again for where each value ends.
hide_breaks = _hide_breaks


def _compose(
    text: str, file: str, diagnostics: list[Diagnostic], max_values: int | None
) -> tuple[Node | None, bool]:
    """The root node, or None, and whether the tree is plain (see `_build`)."""
    read, hidden = _hide_breaks(text)
    try:
        try:
            node, plain = _build(read, max_values, hidden)
        except yaml.MarkedYAMLError as e:
            if e.problem != _LIBYAML_TOO_DEEP or e.problem_mark is None:
                raise
            _refuse_too_deep(read, max_values, e.problem_mark)
    except _Stop as e:
        line, column = e.mark.line + 1, e.mark.column + 1
        diagnostics.append(Diagnostic(e.code, e.message, file, line, column, e.hint))
        return None, True
    except yaml.MarkedYAMLError as e:
        diagnostics.append(_syntax_diagnostic(e, text, file))
        return None, True
    except UnicodeEncodeError as e:  # only text from Python can hold a lone surrogate
        diagnostics.append(
            Diagnostic(
                "yaml-syntax",
                f"the character U+{ord(text[e.start]):04X} is not valid Unicode text",
                file,
                text.count("\n", 0, e.start) + 1,
                e.start - text.rfind("\n", 0, e.start),
                "remove the character",
            )
        )
        return None, True
    except yaml.YAMLError as e:  # the reader's errors: characters YAML does not allow
        line = column = None
        offset = getattr(e, "position", None)
        if isinstance(offset, int):
            line = text.count("\n", 0, offset) + 1
            column = offset - (text.rfind("\n", 0, offset) + 1) + 1
        diagnostics.append(
            Diagnostic(
                "yaml-syntax",
                getattr(e, "reason", None) or str(e),
                file,
                line,
                column,
                "remove the character; inside double quotes it can be written as an escape",
            )
        )
        return None, True
    if node is None:
        diagnostics.append(
            Diagnostic(
                "empty-file",
                "the file holds no YAML document",
                file,
                hint="start from `argmap new FILE`, which writes a commented example",
            )
        )
    return node, plain


def _build(
    text: str | BinaryIO, max_values: int | None = None, hidden: bool = False
) -> tuple[Node | None, bool]:
    """Compose the one document in `text` (or read from a stream of UTF-8 bytes) from
    libyaml's events, without recursion; and say
    whether the tree is plain: no alias, no tag a debate file refuses, and every mapping keyed
    by distinct texts, so that the vetting would find nothing to report or cut out.

    Not `yaml.compose`: its composer recurses in C, one stack frame per level, so a few tens
    of thousands of `[` crash the process, and it expands every alias into a shared node. Here
    nesting is bounded by `MAX_DEPTH`, checked as each collection opens (libyaml has not yet
    read further), the number of values by `max_values`, and an alias stays an `Alias` where
    it was written, whatever it names. A node keeps only where it starts, as two numbers:
    nothing needs its end, and each of libyaml's marks costs memory. With `hidden`, the text's
    line-like separators stand in as private-use characters (`_hide_breaks`) and each value
    gets them back.
    """
    left = -1 if max_values is None else max_values
    loader = LOADER(text)
    try:
        get, resolve = loader.get_event, loader.resolve
        # A scalar is text unless an implicit resolver for its first character matches (or it
        # is quoted): most are, and asking `resolve` for each costs a Python call per value.
        firsts = frozenset(loader.yaml_implicit_resolvers)
        plain_text = None not in firsts and not loader.yaml_path_resolvers
        # What `resolve` made of the plain scalars it was asked about (keys such as `text`
        # start like `true`), up to a bound: for those it depends on the text alone.
        resolved: dict[str, str] = {}
        get()  # the start of the stream
        event = get()
        if isinstance(event, StreamEndEvent):
            return None, True
        document = event
        plain = True
        root: list[Any] = []  # the one node of the document, once it is read
        open_: list[Any] = []  # the collections being filled, innermost last
        top = root  # the items of the innermost, where the next node goes
        while True:
            event = get()
            node: Node
            cls = type(event)
            if cls is ScalarEvent:
                if left == 0:
                    raise _too_many(max_values or 0, event.start_mark)
                left -= 1
                value = event.value
                if hidden:
                    value = value.translate(_SHOW)
                tag = event.tag
                if tag is None or tag == "!":
                    if plain_text and (not event.implicit[0] or (value and value[0] not in firsts)):
                        tag = STR
                    elif plain_text:
                        tag = resolved.get(value)
                        if tag is None:
                            tag = resolve(yaml.ScalarNode, value, event.implicit)
                            if len(resolved) < 1000:
                                resolved[value] = tag
                    else:
                        tag = resolve(yaml.ScalarNode, value, event.implicit)
                if tag is not STR and tag not in SCALAR_TAGS:
                    plain = False
                start = event.start_mark
                top.append(ScalarNode(tag, value, start.line, start.column))
            elif cls is MappingEndEvent:
                node = open_.pop()
                keys = top[::2]
                node.value = list(zip(keys, top[1::2], strict=True))
                if plain:  # every key a text, and no two the same
                    plain = len({key.value for key in keys if key.tag == STR}) == len(keys)
                top = open_[-1].value if open_ else root
            elif cls is SequenceEndEvent:
                open_.pop()
                top = open_[-1].value if open_ else root
            elif cls is DocumentEndEvent:
                break
            elif left == 0:
                raise _too_many(max_values or 0, event.start_mark)
            elif cls is MappingStartEvent or cls is SequenceStartEvent:
                left -= 1
                if len(open_) >= MAX_DEPTH:
                    raise _too_deep(event.start_mark)
                mapping = cls is MappingStartEvent
                node_class, default = (MappingNode, MAP) if mapping else (SequenceNode, SEQ)
                tag = event.tag
                if tag is None or tag == "!":
                    # Without path resolvers, a collection's tag is the default for its kind.
                    if plain_text:
                        tag = default
                    else:
                        yaml_class = yaml.MappingNode if mapping else yaml.SequenceNode
                        tag = resolve(yaml_class, None, event.implicit)
                if tag != default:
                    plain = False
                start = event.start_mark
                node = node_class(tag, [], start.line, start.column)
                top.append(node)
                open_.append(node)
                top = node.value
            else:  # an alias
                left -= 1
                plain = False
                top.append(Alias(event))
        event = get()
        if not isinstance(event, StreamEndEvent):
            raise ComposerError(
                "expected a single document in the stream",
                document.start_mark,
                "but found another document",
                event.start_mark,
            )
        return (root[0] if root else None), plain
    finally:
        loader.dispose()


# What libyaml (0.2.6 and later) says when a file nests deeper than it allows.
_LIBYAML_TOO_DEEP = "exceeded maximum nesting depth"
_DEPTH_HINT = "write long reply chains flat, each reply with `rebuts: ID`, instead of nesting them"


def _too_deep(mark: Any) -> _Stop:
    return _Stop(
        "nesting-too-deep",
        f"the YAML nests more than {MAX_DEPTH:,} levels deep here",
        _DEPTH_HINT,
        mark,
    )


def _refuse_too_deep(text: str, max_values: int | None, mark: Any) -> None:
    """Raise the `nesting-too-deep` that `MAX_DEPTH` gives, where libyaml refused deeper
    nesting of its own at `mark`.

    libyaml's scanner reads ahead of the events (up to 1,024 characters, on one line, while a
    `[` or `{` may still turn out to be a key), so a long run of `[` reaches libyaml's limit
    before the event that crosses `MAX_DEPTH` is handed over. Everything before `mark` nests
    deeper than `MAX_DEPTH` and no deeper than libyaml allows, so composing just that part
    stops at the same line and column as a libyaml without a limit would.
    """
    try:
        _build(text[: mark.index], max_values)
    except _Stop:
        raise
    except yaml.YAMLError:
        pass
    raise _Stop(  # not reached with the libyaml of any PyYAML argmap allows
        "nesting-too-deep",
        "the YAML nests deeper than the YAML parser allows here",
        _DEPTH_HINT,
        mark,
    )


def _too_many(max_values: int, mark: Any) -> _Stop:
    return _Stop(
        "file-too-large",
        f"the file holds more than {max_values:,} values (texts, numbers, lists, mappings); "
        "argmap stops here",
        f"argmap reads one value for every {BYTES_PER_VALUE} bytes of its size limit; to read "
        "the file anyway, raise the limit: `argmap --max-size SIZE ...` or ARGMAP_MAX_SIZE=SIZE "
        "(0 for no limit)",
        mark,
    )


_TAB_HINT = "YAML does not allow tabs for indentation: use spaces"
_UNCLOSED = {
    "while scanning a quoted scalar": ("this quoted text is never closed", "add the closing quote"),
    "while parsing a flow sequence": ("this [list] is never closed", "add the closing ]"),
    "while parsing a flow mapping": ("this {mapping} is never closed", "add the closing }"),
}


def _syntax_diagnostic(e: yaml.MarkedYAMLError, text: str, file: str) -> Diagnostic:
    problem = e.problem or "invalid YAML"
    context = e.context or ""
    mark = e.problem_mark or e.context_mark
    hint = None
    at_end = mark is not None and not text[mark.index :].strip()
    if context == "expected a single document in the stream":
        message = "the file holds more than one YAML document"
        hint = "a debate file is one YAML document: remove the second '---', or split the file"
    elif context in _UNCLOSED and at_end and e.context_mark is not None:
        mark = e.context_mark  # where the unclosed thing starts, not the end of the file
        message, hint = _UNCLOSED[context]
    else:
        message = f"{problem} ({context})" if context and context != problem else problem
        if context == "while scanning a simple key" and e.context_mark is not None:
            mark = e.context_mark  # the line without its ':', not the line after it
        hint = _syntax_hint(e, text, mark)
        if hint == _TAB_HINT:
            message = "a tab where YAML expects spaces"
    if mark is None:
        return Diagnostic("yaml-syntax", message, file, hint=hint)
    return Diagnostic("yaml-syntax", message, file, mark.line + 1, mark.column + 1, hint)


_QUOTE_IT = "put the text in quotes"
_PROBLEM_HINTS = {
    "mapping values are not allowed": (
        "text containing ': ' must be quoted, or written as a block after `text: >-`"
    ),
    "could not find expected ':'": (
        "each line here is `key: value`: indent text that goes on from the line above, or "
        + _QUOTE_IT
    ),
    "found unknown escape character": (
        "inside double quotes a backslash starts an escape: write \\\\ for one backslash, "
        "or use single quotes"
    ),
    "block sequence entries are not allowed": (
        "a '- ' list cannot start on the line of its key: put the items on the next lines, "
        "indented, or write [a, b]"
    ),
    "did not find expected node content": (
        f"a value is missing here, or starts with a character YAML reserves: {_QUOTE_IT}"
    ),
    "did not find expected ',' or": (
        f"separate the items with commas; {_QUOTE_IT} if it holds [ ] {{ }} , or ': '"
    ),
}
_CONTEXT_HINTS = {
    "while scanning an anchor": f"'&' at the start of a value marks a YAML anchor: {_QUOTE_IT}",
    "while scanning an alias": f"'*' at the start of a value marks a YAML alias: {_QUOTE_IT}",
    "while parsing a tag": f"'!' at the start of a value marks a YAML tag: {_QUOTE_IT}",
    "while scanning a tag": f"'!' at the start of a value marks a YAML tag: {_QUOTE_IT}",
    "while scanning a directive": f"'%' at the start of a line marks a YAML directive: {_QUOTE_IT}",
    "while scanning a block scalar": (
        "after | or > the text starts on the next line, indented; "
        + _QUOTE_IT.replace("put", "or put")
    ),
}


def _syntax_hint(e: yaml.MarkedYAMLError, text: str, mark: Any) -> str | None:
    problem, context = e.problem or "", e.context or ""
    line = ""
    if mark is not None and mark.index <= len(text):
        line = text[text.rfind("\n", 0, mark.index) + 1 : mark.index + 1]
    if "\t" in line or "'\\t'" in problem:
        return _TAB_HINT
    if problem.startswith(("did not find expected key", "did not find expected '-'")):
        return "check the indentation of this line: it lines up with no key or '-' above it"
    if problem == "found character that cannot start any token" and line:
        return f"{quote(line[-1])} cannot start a value: {_QUOTE_IT}"
    for start, hint in _PROBLEM_HINTS.items():
        if problem.startswith(start):
            return hint
    return _CONTEXT_HINTS.get(context)


# --- vetting -----------------------------------------------------------------------------------


def _children(node: Node, path: str) -> Iterator[tuple[Node, str, list[Any], int]]:
    """The children of a vetted mapping (its values) or of a list, with their paths, and where
    each sits in its parent."""
    if isinstance(node, MappingNode):
        for pair in node.value:
            yield pair[1], join(path, pair[0].value), pair, 1
    else:
        items = node.value
        for i, item in enumerate(items):
            yield item, index(path, i), items, i


class _Vetting:
    def __init__(self, file: str, diagnostics: list[Diagnostic]) -> None:
        self.file = file
        self.diagnostics = diagnostics

    def report(self, code: str, node: Node, message: str, hint: str, path: str) -> None:
        line, column = position(node)
        self.diagnostics.append(Diagnostic(code, message, self.file, line, column, hint, path))

    def alias(self, node: Alias, path: str) -> None:
        self.report(
            "yaml-alias",
            node,
            "anchors and aliases (&name, *name, <<) are not supported in debate files",
            "write the value out in full; to reuse a claim, refer to it by id",
            path,
        )

    def run(self, root: Node) -> None:
        """Visit every node once, in document order, replacing refused ones in their parent.

        A stack, not recursion: a file may nest deeper than Python's call stack. It holds one
        generator per open collection, so its children's paths are made one at a time, not all
        at once (a list of millions of values would need gigabytes for them).
        """
        stack: list[Iterator[tuple[Node, str, list[Any] | None, int]]] = [
            iter([(root, "", None, 0)])
        ]
        while stack:
            entry = next(stack[-1], None)
            if entry is None:
                stack.pop()
                continue
            node, path, holder, slot = entry
            if isinstance(node, Alias):
                self.alias(node, path)
            elif not self.tag_allowed(node, path):
                node = Refused(node)
            if isinstance(node, Refused):
                if holder is not None:
                    holder[slot] = node
                continue
            if isinstance(node, MappingNode):
                node.value = self.pairs(node, path)
                stack.append(_children(node, path))
            elif isinstance(node, SequenceNode):
                stack.append(_children(node, path))

    def pairs(self, node: MappingNode, path: str) -> list[Any]:
        """The mapping's [key, value] pairs, without merge, refused, non-text or repeated keys."""
        first: dict[str, Node] = {}
        pairs: list[Any] = []
        for key, value in node.value:
            if key.tag == MERGE:
                aliases: list[Any] = value.value if isinstance(value, SequenceNode) else [value]
                if aliases and all(isinstance(v, Alias) for v in aliases):
                    for alias in aliases:
                        self.alias(alias, join(path, "<<"))
                else:
                    self.report(
                        "yaml-alias",
                        key,
                        "merge keys (<<) are not supported in debate files",
                        "write the fields out in full",
                        path,
                    )
                continue
            if isinstance(key, Alias):
                self.alias(key, path)
                continue
            if not self.tag_allowed(key, path):
                continue
            if not (isinstance(key, ScalarNode) and key.tag == STR):
                hint = "write the key as plain text"
                if isinstance(key, ScalarNode) and key.tag != NULL:
                    hint = quote_hint(key)
                self.report("wrong-type", key, f"keys must be text, not {kind(key)}", hint, path)
                continue
            if key.value in first:
                self.report(
                    "duplicate-key",
                    key,
                    f"the key {quote(key.value)} appears twice in this mapping "
                    f"(first at line {first[key.value].line + 1})",
                    "YAML would silently keep only the last one: merge the two entries "
                    "or rename one",
                    join(path, key.value),
                )
                continue
            first[key.value] = key
            pairs.append([key, value])
        return pairs

    def tag_allowed(self, node: Node, path: str) -> bool:
        if isinstance(node, ScalarNode):
            allowed = node.tag in SCALAR_TAGS
        else:
            allowed = node.tag == (MAP if isinstance(node, MappingNode) else SEQ)
        if not allowed:
            tag = "!!" + node.tag.removeprefix(_T) if node.tag.startswith(_T) else node.tag
            self.report(
                "yaml-tag",
                node,
                f"the YAML tag {quote(tag)} is not allowed: a debate file holds plain data",
                "remove the tag (`!…` or `!!…`); write text in quotes if it needs them",
                path,
            )
        return allowed
