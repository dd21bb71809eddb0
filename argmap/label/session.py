"""A debate file being labelled: read once, then each decision written at once, atomically,
and undone on request, but never over a change someone else made to the file meanwhile.

The file is kept as the bytes read, and every write is the text before it with one relation
changed (`argmap.label.reclassify`), so an undo writes back exactly the bytes that were there.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from argmap.check import check_text
from argmap.errors import DebateError
from argmap.files import TooLarge, open_for_reading, read_at_most, write_atomic
from argmap.load import DEFAULT_MAX_BYTES, Result, parse_debate, read_debate
from argmap.model import Debate, Relation
from argmap.yamlnodes import BYTES_PER_VALUE

from . import BOM, Decision, LabelError, reclassified, replies


class Changed(LabelError):
    """The file is not what the session last read or wrote: someone saved it meanwhile."""


@dataclass(frozen=True, slots=True)
class Step:
    """A decision written: the file's bytes (and debate) before it and its bytes after, and
    which reply it was in the walk (its index in `Session.pending`)."""

    decision: Decision
    before: bytes
    debate: Debate  # the debate `before` holds
    after: bytes
    index: int = -1


class Session:
    """The debate file `path`, read within `max_bytes` (None: no limit). `DebateError` when it
    cannot be read or has errors, with the diagnostics `argmap check` gives."""

    def __init__(self, path: str | os.PathLike[str], max_bytes: int | None = DEFAULT_MAX_BYTES):
        self.path = os.fspath(path)
        self.max_bytes = max_bytes
        data = self._read()
        text = None if data is None else _decode(data)
        if data is None or text is None:  # let the loader say why, as `argmap check` does
            result = read_debate(self.path, max_bytes=max_bytes)
            raise DebateError(result.diagnostics)
        # Values are bounded by the size limit, as the loader bounds them reading a file.
        values = max_bytes // BYTES_PER_VALUE if max_bytes else None
        result = parse_debate(text.removeprefix(BOM), self.path, max_values=values)
        if result.debate is None:
            raise DebateError(result.diagnostics)
        self.data, self.text = data, text
        self.debate: Debate = result.debate
        self.current: Debate = result.debate  # what the file holds now
        # The replies to walk, as they were when the file was read: the walk's numbering.
        self.pending: tuple[Relation, ...] = replies(self.debate)
        self.steps: list[Step] = []

    def _read(self) -> bytes | None:
        try:
            f, size = open_for_reading(self.path)
            with f:
                return read_at_most(f, self.max_bytes, size)
        except (OSError, ValueError, TooLarge):
            return None

    def unchanged(self) -> None:
        """`LabelError` if the file is not what this session last read or wrote: someone
        saved it in an editor meanwhile, and writing now would undo their change."""
        if self._read() != self.data:
            raise Changed(
                f"{self.path} changed since argmap label read it, so nothing more was written",
                "run `argmap label` again: it goes on from the file as it is now",
            )

    def _write(self, text: str, debate: Debate) -> None:
        self.unchanged()
        data = text.encode("utf-8")
        write_atomic(self.path, data)
        self.data, self.text, self.current = data, text, debate

    def decide(self, decision: Decision, index: int = -1) -> None:
        """Classify one reply, and write the file at once."""
        before = (self.data, self.current)
        self._write(*reclassified(self.text, [decision], self.current))
        self.steps.append(Step(decision, *before, self.data, index))

    def decide_all(self, decisions: list[Decision]) -> None:
        """Classify each reply and write the file once, when all are made."""
        self._write(*reclassified(self.text, decisions, self.current))

    def undo(self) -> Step | None:
        """Write back the file as it was before the last decision of this session (None when
        there is none)."""
        if not self.steps:
            return None
        step = self.steps[-1]
        self._write(step.before.decode("utf-8"), step.debate)
        self.steps.pop()
        return step

    def left(self) -> tuple[Relation, ...]:
        """The replies still unclassified in the file as it is now."""
        return replies(self.current)

    def check(self) -> Result:
        """What `argmap check` says of the file as it is now."""
        return check_text(self.text.removeprefix(BOM), self.path, max_values=None)


def _decode(data: bytes) -> str | None:
    try:
        return data.decode("utf-8")  # a byte-order mark stays, as a character, to be written back
    except UnicodeDecodeError:
        return None
