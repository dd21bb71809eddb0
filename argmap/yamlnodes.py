"""YAML text → a tree of YAML nodes with positions, holding only plain data.

The text is composed into nodes, never constructed into Python objects, so no tag can run code.
The tree is then vetted once: what YAML allows but a debate file must not have (duplicate keys,
tags, anchors and aliases, keys that are not text) is reported and cut out, so the loader that
walks the tree next sees only plain mappings, lists and scalars.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from argmap.errors import Diagnostic, quote

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


class Refused(ScalarNode):
    """Stands in for a node the vetting refused, so the walk skips it without a second message."""

    def __init__(self, node: Node) -> None:
        super().__init__(NULL, "", node.start_mark, node.end_mark)


def parse(text: str, file: str) -> tuple[Node | None, list[Diagnostic]]:
    """Compose and vet `text`; the root node is None when the text cannot be read as YAML."""
    diagnostics: list[Diagnostic] = []
    root = _compose(text, file, diagnostics)
    if root is not None:
        _Vetting(file, diagnostics).run(root, text)
    return root, diagnostics


def to_data(text: str) -> Any:
    """The plain data in YAML text, read with the loader's rules (dates stay text).

    >>> to_data("a: [1, yes, 2023-07-14]")
    {'a': [1, True, '2023-07-14']}
    """
    node = yaml.compose(text, Loader=LOADER)
    return None if node is None else _plain(node)


def _plain(node: Node) -> Any:
    if isinstance(node, MappingNode):
        return {_plain(k): _plain(v) for k, v in node.value}
    if isinstance(node, SequenceNode):
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
    return node.start_mark.line + 1, node.start_mark.column + 1


def join(path: str, key: object) -> str:
    return f"{path}.{key}" if path else str(key)


# --- composing ---------------------------------------------------------------------------------


def _compose(text: str, file: str, diagnostics: list[Diagnostic]) -> Node | None:
    try:
        node: Node | None = yaml.compose(text, Loader=LOADER)
    except yaml.MarkedYAMLError as e:
        diagnostics.append(_syntax_diagnostic(e, text, file))
        return None
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
        return None
    except RecursionError:
        diagnostics.append(
            Diagnostic(
                "yaml-syntax",
                "the YAML is nested too deeply to read",
                file,
                hint="flatten the nesting: refer to claims by id with `rebuts:`",
            )
        )
        return None
    if node is None:
        diagnostics.append(
            Diagnostic(
                "empty-file",
                "the file holds no YAML document",
                file,
                hint="start from `argmap new FILE`, which writes a commented example",
            )
        )
    return node


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
        hint = _syntax_hint(problem, text, mark)
        if hint == _TAB_HINT:
            message = "a tab where YAML expects spaces"
    if mark is None:
        return Diagnostic("yaml-syntax", message, file, hint=hint)
    return Diagnostic("yaml-syntax", message, file, mark.line + 1, mark.column + 1, hint)


def _syntax_hint(problem: str, text: str, mark: Any) -> str | None:
    lines = text.splitlines()
    line = ""
    if mark is not None and mark.line < len(lines):
        line = lines[mark.line][: mark.column + 1]
    if "\t" in line or "'\\t'" in problem:
        return _TAB_HINT
    if "mapping values are not allowed" in problem:
        return "text containing ': ' must be quoted, or written as a block after `text: >-`"
    if "found undefined alias" in problem or "found duplicate anchor" in problem:
        return "anchors and aliases are not supported: write the value out in full"
    return None


# --- vetting -----------------------------------------------------------------------------------


class _Vetting:
    def __init__(self, file: str, diagnostics: list[Diagnostic]) -> None:
        self.file = file
        self.diagnostics = diagnostics
        self.seen: set[int] = set()
        self.alias_paths: list[str] = []

    def report(
        self, code: str, node: Node | AliasEvent, message: str, hint: str, path: str
    ) -> None:
        mark = node.start_mark
        assert mark is not None  # composed nodes and parsed events always carry a position
        line, column = mark.line + 1, mark.column + 1
        self.diagnostics.append(Diagnostic(code, message, self.file, line, column, hint, path))

    def run(self, root: Node, text: str) -> None:
        """Visit every node once, in document order, replacing refused ones in their parent.

        An explicit stack, not recursion: a file may nest deeper than Python's call stack.
        """
        stack: list[tuple[Node, str, list[Any] | None, int]] = [(root, "", None, 0)]
        while stack:
            node, path, holder, slot = stack.pop()
            if id(node) in self.seen:
                # Composing shares one node object between an anchor and each of its aliases.
                self.alias_paths.append(path)
                node = Refused(node)
            elif not self.tag_allowed(node, path):
                node = Refused(node)
            if isinstance(node, Refused):
                if holder is not None:
                    holder[slot] = node
                continue
            self.seen.add(id(node))
            if isinstance(node, MappingNode):
                pairs = self.pairs(node, path)
                node.value = pairs
                stack.extend((p[1], join(path, p[0].value), p, 1) for p in reversed(pairs))
            elif isinstance(node, SequenceNode):
                items = node.value = list(node.value)
                stack.extend(
                    (items[i], f"{path}[{i}]", items, i) for i in reversed(range(len(items)))
                )
        if self.alias_paths:
            # An aliased node carries its anchor's position; the events know each alias's own.
            events = [e for e in yaml.parse(text, Loader=LOADER) if isinstance(e, AliasEvent)]
            for event, path in zip(events, self.alias_paths, strict=False):
                self.report(
                    "yaml-alias",
                    event,
                    "anchors and aliases (&name, *name, <<) are not supported in debate files",
                    "write the value out in full; to reuse a claim, refer to it by id",
                    path,
                )

    def pairs(self, node: MappingNode, path: str) -> list[Any]:
        """The mapping's [key, value] pairs, without merge, refused, non-text or repeated keys."""
        first: dict[str, Node] = {}
        pairs: list[Any] = []
        for key, value in node.value:
            if key.tag == MERGE:
                if self.is_alias(value):
                    self.alias_paths.append(join(path, "<<"))
                else:
                    self.report(
                        "yaml-alias",
                        key,
                        "merge keys (<<) are not supported in debate files",
                        "write the fields out in full",
                        path,
                    )
                continue
            if id(key) in self.seen:
                self.alias_paths.append(path)
                continue
            if not self.tag_allowed(key, path):
                continue
            if not (isinstance(key, ScalarNode) and key.tag == STR):
                hint = "write the key as plain text"
                if isinstance(key, ScalarNode) and key.tag != NULL:
                    hint = f'YAML reads {key.value} as {kind(key)}; put it in quotes: "{key.value}"'
                self.report("wrong-type", key, f"keys must be text, not {kind(key)}", hint, path)
                continue
            if key.value in first:
                self.report(
                    "duplicate-key",
                    key,
                    f"the key {quote(key.value)} appears twice in this mapping "
                    f"(first at line {first[key.value].start_mark.line + 1})",
                    "YAML would silently keep only the last one: merge the two entries "
                    "or rename one",
                    join(path, key.value),
                )
                continue
            first[key.value] = key
            pairs.append([key, value])
        return pairs

    def is_alias(self, node: Node) -> bool:
        """Whether a `<<:` value is an alias (or a list of them) rather than a written mapping."""
        if isinstance(node, SequenceNode):
            return bool(node.value) and all(id(v) in self.seen for v in node.value)
        return id(node) in self.seen

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
