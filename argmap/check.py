"""Checking a debate: load it, then hold it to the outcomes its `expect:` block states.

This is what `argmap check` runs and what an editor calls. It is the one place where loading
meets the analysis: `argmap.load` knows nothing of it, and the analysis is imported only for a
debate that states expectations, so checking any other file never pays for it.
"""

from __future__ import annotations

import os
from collections.abc import Collection
from typing import BinaryIO

from argmap.errors import Diagnostic
from argmap.load import (
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_VALUES,
    Result,
    parse_debate,
    parse_debate_stream,
    read_debate,
)
from argmap.model import Debate

__all__ = ["check", "check_stream", "check_text", "expectations"]


def check(
    path: str | os.PathLike[str],
    verify: bool = True,
    *,
    max_bytes: int | None = DEFAULT_MAX_BYTES,
) -> Result:
    """Check a debate file. Never raises for a bad file: problems come back as diagnostics.

    With `verify`, a debate that loads is also held to the outcomes in its `expect:` block.
    A file larger than `max_bytes` (None or 0: no limit) is refused before it is read, and
    one with more than a value for every `BYTES_PER_VALUE` bytes of `max_bytes` as it is read.
    """
    return read_debate(path, max_bytes=max_bytes, more_checks=expectations if verify else None)


def check_text(
    text: str,
    file: str = "<string>",
    verify: bool = True,
    *,
    max_values: int | None = DEFAULT_MAX_VALUES,
    only_counted: Collection[str] = (),
) -> Result:
    """Check YAML text as a debate file named `file`.

    With `verify`, a debate that loads is also held to the outcomes in its `expect:` block.
    Text with more than `max_values` values (None: no limit) is refused as it is read.
    Diagnostics of a code in `only_counted` are left out of the result, not even made (see
    `argmap.errors.Diagnostics`).
    """
    return parse_debate(
        text,
        file,
        max_values=max_values,
        more_checks=expectations if verify else None,
        only_counted=only_counted,
    )


def check_stream(
    stream: BinaryIO,
    file: str = "<string>",
    verify: bool = True,
    *,
    max_values: int | None = DEFAULT_MAX_VALUES,
    only_counted: Collection[str] = (),
) -> Result | None:
    """`check_text` of the UTF-8 YAML read from `stream` as it comes, for text that holds no
    NEL, LS or PS (`argmap.yamlnodes.hide_breaks` says); None when the YAML cannot be composed
    or holds nothing, so that `check_text` of the whole text says why."""
    return parse_debate_stream(
        stream,
        file,
        max_values=max_values,
        more_checks=expectations if verify else None,
        only_counted=only_counted,
    )


def expectations(debate: Debate) -> list[Diagnostic]:
    """One `expectation-failed` diagnostic per claim the analysis places otherwise than the
    `expect:` block of `debate` says; none when it has no such block."""
    if not debate.expectations:
        return []
    from argmap.analysis import analyse
    from argmap.expect import verify

    return verify(analyse(debate))
