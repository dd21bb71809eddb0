"""Debate file → checked `Debate`, gathering every diagnostic on the way.

The stages, each a module: `read` gets the text within the size limit (`sizes` reads and writes
the limit); `argmap.yamlnodes` turns the text into a vetted tree of YAML nodes; `build` walks
that tree against the format in `argmap.fileformat`, reading each value with `values`; and
`references` resolves every id, source and speaker referred to. `hints` words the diagnostics.

Loading knows nothing of the analysis: holding a debate to its `expect:` block is
`argmap.check`'s job, which passes it in as `more_checks`.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from typing import BinaryIO

from argmap.errors import DebateError, Diagnostic, Diagnostics
from argmap.load.build import Builder
from argmap.load.hints import SUGGESTION_BUDGET
from argmap.load.read import read_text
from argmap.load.sizes import format_size, parse_size
from argmap.model import Debate
from argmap.yamlnodes import BYTES_PER_VALUE, Node, parse, parse_stream

__all__ = [
    "DEFAULT_MAX_BYTES",
    "DEFAULT_MAX_VALUES",
    "SUGGESTION_BUDGET",
    "MoreChecks",
    "Result",
    "format_size",
    "load",
    "loads",
    "parse_debate",
    "parse_debate_stream",
    "parse_size",
    "read_debate",
]


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

# Checks of a debate that loaded, beyond the loader's own (such as `argmap.check`'s of the
# `expect:` block); what they find is kept and ordered with the loader's diagnostics.
MoreChecks = Callable[[Debate], Iterable[Diagnostic]]


def load(path: str | os.PathLike[str], *, max_bytes: int | None = DEFAULT_MAX_BYTES) -> Debate:
    """Load a debate file; raise `DebateError` listing every diagnostic if it has errors.

    The `expect:` block is loaded but not verified: that is `argmap.check`'s job, and a debate
    whose expectations fail is still worth analysing to see why. `max_bytes` is as for
    `read_debate`.
    """
    return _unwrap(read_debate(path, max_bytes=max_bytes))


def loads(text: str, file: str = "<string>") -> Debate:
    """Load a debate from YAML text; `file` names it in diagnostics."""
    return _unwrap(parse_debate(text, file))


def _unwrap(result: Result) -> Debate:
    if result.debate is None:
        raise DebateError(result.diagnostics)
    return result.debate


def read_debate(
    path: str | os.PathLike[str],
    *,
    max_bytes: int | None = DEFAULT_MAX_BYTES,
    more_checks: MoreChecks | None = None,
) -> Result:
    """Load a debate file. Never raises for a bad file: problems come back as diagnostics.

    A file larger than `max_bytes` (None or 0: no limit) is refused before it is read, and
    one with more than a value for every `BYTES_PER_VALUE` bytes of `max_bytes` as it is read.
    `more_checks`, if given, runs on the debate if it loads.
    """
    file = os.fspath(path)
    text, diagnostic = read_text(file, max_bytes or None)
    if text is None:
        assert diagnostic is not None
        return Result(file, None, [diagnostic])
    max_values = max_bytes // BYTES_PER_VALUE if max_bytes else None
    return parse_debate(text, file, max_values=max_values, more_checks=more_checks)


def parse_debate(
    text: str,
    file: str = "<string>",
    *,
    max_values: int | None = DEFAULT_MAX_VALUES,
    more_checks: MoreChecks | None = None,
    only_counted: Collection[str] = (),
) -> Result:
    """Load YAML text as a debate file named `file`. Never raises for bad text.

    Text with more than `max_values` values (None: no limit) is refused as it is read.
    `more_checks`, if given, runs on the debate if it loads; a debate with errors, the loader's
    or theirs, comes back as None. Diagnostics of a code in `only_counted` are not made, only
    counted towards the limit of those listed (see `Diagnostics`): warnings that a caller does
    not show cost it nothing.
    """
    result = _loaded(lambda: parse(text, file, max_values, only_counted), file, more_checks)
    assert result is not None  # `parse` always gives a tree or the diagnostics of why not
    return result


def parse_debate_stream(
    stream: BinaryIO,
    file: str = "<string>",
    *,
    max_values: int | None = DEFAULT_MAX_VALUES,
    more_checks: MoreChecks | None = None,
    only_counted: Collection[str] = (),
) -> Result | None:
    """`parse_debate` of the UTF-8 YAML read from `stream` as it comes, for text that holds no
    NEL, LS or PS (see `argmap.yamlnodes.parse_stream`); None when the YAML cannot be composed
    or holds nothing, so that `parse_debate` of the whole text says why."""
    return _loaded(lambda: parse_stream(stream, file, max_values, only_counted), file, more_checks)


def _loaded(
    compose: Callable[[], tuple[Node | None, Diagnostics] | None],
    file: str,
    more_checks: MoreChecks | None,
) -> Result | None:
    """The debate of the tree that `compose` gives, checked; None if it gives none."""
    collecting = gc.isenabled()
    gc.disable()  # building the tree allocates many small objects; the cyclic GC only slows that
    try:
        composed = compose()
        if composed is None:
            return None
        root, found = composed
        debate = Builder(file, found).build(root)
        # Free the node tree, and the builder that refers to its nodes, while the collector is
        # off: when it comes back, its first pass looks at every object made since it stopped
        # and still alive, and millions of nodes take seconds.
        del root, composed
    finally:
        if collecting:
            gc.enable()
    if more_checks is not None and debate is not None:
        found.extend(more_checks(debate))
    diagnostics = found.finish(file)
    if any(d.is_error for d in diagnostics):
        debate = None
    elif debate is not None:
        debate.diagnostics = tuple(diagnostics)
    return Result(file, debate, diagnostics)
