"""How the loader tells of a mistake: a diagnostic at the node where it is written, and the hint
that goes with it (did you mean, what to write instead).

Every message the walk and the reference checks give is filed through `Reporter.report`, so each
carries its file, line, column and path the same way.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Callable
from typing import cast

import yaml

from argmap.errors import CODES, Diagnostic, Diagnostics, quote, unquote
from argmap.yamlnodes import (
    BOOL,
    FLOAT,
    INT,
    STR,
    MappingNode,
    Node,
    ScalarNode,
    SequenceNode,
    kind,
    position,
    quote_hint,
)

# A did-you-mean compares the word with every candidate, so a file with thousands of unknown ids
# among thousands of claims would take minutes. Past this many comparisons in one file, a hint
# names only ids that differ in case or spaces, which are found by lookup, not comparison.
SUGGESTION_BUDGET = 100_000


class Reporter:
    """The diagnostics of one file, and the did-you-mean budget they share."""

    def __init__(self, file: str, diagnostics: Diagnostics) -> None:
        self.file = file
        self.diagnostics = diagnostics
        self.suggestions = Suggestions()

    def report(
        self, code: str, node: Node | None, message: str, hint: str | None = None, path: str = ""
    ) -> None:
        assert code in CODES, code
        line, column = position(node) if node is not None else (None, None)
        self.diagnostics.append(Diagnostic(code, message, self.file, line, column, hint, path))


def _squeeze(word: str) -> str:
    return "".join(word.split()).casefold()


class Names:
    """The names a reference may mean, indexed for did-you-mean hints."""

    def __init__(self, names: list[str], what: str = "ids") -> None:
        self.names = names
        self.what = what
        self.squeezed: dict[str, str] = {}
        for name in names:
            self.squeezed.setdefault(_squeeze(name), name)


class Suggestions:
    def __init__(self) -> None:
        self.budget = SUGGESTION_BUDGET

    def closest(self, word: str, names: Names, cutoff: float = 0.6) -> tuple[str, str] | None:
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

    def hint(self, word: str, names: Names, cutoff: float = 0.6) -> str | None:
        """A did-you-mean hint that says so when only case or spaces differ."""
        return did_you_mean(self.closest(word, names, cutoff), names)


def did_you_mean(found: tuple[str, str] | None, names: Names) -> str | None:
    if found is None:
        return None
    name, why = found
    return suggestion(name) + (f" {names.what} {why}" if why else "")


def suggestion(name: str) -> str:
    """The hint that names what was probably meant; `suggested` reads it back.

    >>> suggestion("lookup")
    "did you mean 'lookup'?"
    """
    return f"did you mean {quote(name)}?"


_SUGGESTION = re.compile(r"did you mean ('(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\")\?")


def suggested(hint: str | None) -> str | None:
    """The name a did-you-mean `hint` suggests, exactly as it is (an editor's quick fix
    writes it in); None for another hint, or a name too long to be shown whole.

    >>> suggested("did you mean 'Lookup'? ids differ in case")
    'Lookup'
    >>> suggested(suggestion("O'Neil")), suggested(suggestion("a\\tb"))
    ("O'Neil", 'a\\tb')
    >>> suggested("define the claim, or fix the id") is None
    True
    """
    found = _SUGGESTION.match(hint or "")
    return unquote(found.group(1)) if found else None


def type_hint(node: Node, wanted: str = "text") -> str | None:
    """What to write instead of a value that is not text (`wanted`: "text" or "name")."""
    if isinstance(node, ScalarNode) and node.tag in (BOOL, INT, FLOAT):
        return quote_hint(node)
    if isinstance(node, SequenceNode | MappingNode):
        if wanted == "name":
            return "`by:` names one speaker; put details about them under `speakers:`"
        return "write the text after the colon, or as an indented block after `>-`"
    return None


def shown(node: Node) -> str:
    """A scalar as it reads in a message; other values by their kind."""
    return quote(node.value) if isinstance(node, ScalarNode) else kind(node)


# How YAML reads an unquoted scalar (PyYAML's Resolver, which the loader uses too).
_resolve = cast(
    "Callable[[type[yaml.ScalarNode], str, tuple[bool, bool]], str]",
    yaml.resolver.Resolver().resolve,
)


def as_yaml(name: str) -> str:
    """A name or an id as it can be written after `by:` or `rebuts:`: quoted when YAML would
    misread it (as a number, true/false, nothing) or could not read it plain.

    >>> as_yaml("FaceDeer"), as_yaml("not-stored"), as_yaml("1.2"), as_yaml("yes"), as_yaml("4chan")
    ('FaceDeer', 'not-stored', '"1.2"', '"yes"', '4chan')
    """
    plain = (
        re.fullmatch(r"[A-Za-z0-9_][\w .-]*", name)
        and not name.endswith((" ", ":"))
        and _resolve(yaml.ScalarNode, name, (True, False)) == STR
    )
    return name if plain else json.dumps(name, ensure_ascii=False)


def slug(text: str) -> str:
    """`text` made into a valid id, quoted: the example an invalid id's hint gives."""
    out = "".join(c if c.isascii() and (c.isalnum() or c in "_-.") else "-" for c in text)
    return quote("-".join(p for p in out.split("-") if p).lstrip(".-") or "claim-1")


def what_kind(what: str) -> str:
    """ "claim 'x'" → "a claim", for listing the fields an entry of that kind takes."""
    head = what.split(" '")[0]
    return head if head.startswith(("the ", "a ")) else f"a {head}"
