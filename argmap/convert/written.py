"""What `argmap import` writes, checked as it is written.

An import never writes a file that fails `argmap check`: the YAML it writes is loaded again by
the loader `argmap check` runs, and only a debate that loads is written. That load is a third
of an import's time. For a large debate, where the system can fork, it runs beside the writing:
a child process loads the YAML from a pipe, piece by piece, while the import writes the pieces
(`yaml_pieces`), and sends back what it found. The check is the same; it only starts before the
text is whole, on the machine's second core. Anything the child cannot answer (a system without
`fork`, other threads running, text that YAML reads line breaks in other than `\\n`, a child
that fails) is checked in process instead, as a small debate always is.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import threading
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, BinaryIO

from argmap.analysis import analyse
from argmap.check import check_stream, check_text
from argmap.convert.yamlwrite import yaml_pieces
from argmap.errors import Diagnostic
from argmap.yamlnodes import hide_breaks

if TYPE_CHECKING:
    from argmap.convert import Imported
    from argmap.load import Result

# The warnings an import only counts: one line says how many replies are unclassified.
COUNTED = frozenset({"unclassified-reply"})
# From how many claims the check runs in a child: the writing it overlaps takes hundredths of a
# second below that, no more than starting the child.
FORK_AT = 2_000


@dataclass(frozen=True, slots=True)
class Written:
    """The YAML an import writes, and what `argmap check` finds in it."""

    text: str
    loads: bool  # without errors
    diagnostics: list[Diagnostic]  # all but the unclassified replies, which are counted
    unclassified: int  # replies not yet classified


def written(imported: Imported, file: str, fork_at: int | None = FORK_AT) -> Written:
    """The YAML of `imported` (`imported_yaml`), checked as the file `file`; in a child process
    as it is written when the debate has at least `fork_at` claims (None: never)."""
    pieces = imported_yaml_pieces(imported)
    if fork_at is not None and len(imported.debate.claims) >= fork_at and _may_fork():
        text, found = _checked_beside(pieces, file)
        if found is not None and not hide_breaks(text)[1]:
            return found
    else:
        text = "".join(pieces)
    return _checked(text, check_text(text, file, only_counted=COUNTED))


PROVENANCE_START = "Imported by argmap "


def provenance_sentence(provenance: dict[str, str]) -> str:
    """One sentence on where an imported debate came from (the importer's `provenance`)."""
    p = dict(provenance)
    version, fmt, file = p.pop("argmap", "?"), p.pop("format", "?"), p.pop("file", "?")
    where = (
        f"the {fmt} thread at {file}"
        if file.startswith(("http://", "https://"))
        else f"the {fmt} file '{file}'"
    )
    sentence = f"{PROVENANCE_START}{version} from {where} (SHA-256 {p.pop('sha256', '?')})"
    extra = "; ".join(f"{k}: {v}" for k, v in p.items())
    return sentence + (f"; {extra}." if extra else ".")


def with_provenance(note: str | None, sentence: str) -> str:
    """`note` ending with `sentence`, in place of an earlier import's, so that importing an
    exported debate again does not pile up provenance paragraphs."""
    head, _, last = (note or "").rpartition("\n\n")
    if last.startswith(PROVENANCE_START):
        note = head
    return f"{note}\n\n{sentence}" if note and note.strip() else sentence


def mapped_line(mapped: dict[str, int]) -> str:
    return "Mapped: " + (", ".join(f"{what} {n}" for what, n in mapped.items()) or "nothing")


def imported_yaml(imported: Imported) -> str:
    """The YAML file `argmap import` writes: a header saying where the debate came from, what
    was mapped and what was not, then the debate, whose `note:` records the provenance too."""
    return "".join(imported_yaml_pieces(imported))


def imported_yaml_pieces(imported: Imported) -> Iterator[str]:
    """`imported_yaml` in pieces, as `yaml_pieces` gives them."""
    sentence = provenance_sentence(imported.provenance)
    debate = replace(imported.debate, note=with_provenance(imported.debate.note, sentence))
    header = [sentence, mapped_line(imported.mapped)]
    if imported.skipped:
        header.append(f"Not mapped, or mapped with a loss ({len(imported.skipped)}):")
        header.extend(f"- {line}" for line in imported.skipped)
    else:
        header.append("Nothing was left out.")
    return yaml_pieces(debate, header)


def _checked(text: str, result: Result) -> Written:
    """`text` and what its check (`result`) found: the one place the findings are read."""
    debate = result.debate
    unclassified = len(analyse(debate).unclassified) if debate is not None else 0
    return Written(text, debate is not None, list(result.diagnostics), unclassified)


def _may_fork() -> bool:
    # A fork copies only the thread that calls it: a lock another thread held stays held.
    return hasattr(os, "fork") and threading.active_count() == 1


def _checked_beside(pieces: Iterator[str], file: str) -> tuple[str, Written | None]:
    """The text of `pieces`, and what a child process found loading it as it was written
    (None when it found nothing to say, or there is no child: the caller checks the text)."""
    fds: list[int] = []
    try:
        for _ in range(2):
            fds.extend(os.pipe())
        pid = os.fork()
    except OSError:  # no memory, or no process, left for a child
        for fd in fds:
            os.close(fd)
        return "".join(pieces), None
    data_in, data_out, answer_in, answer_out = fds
    if pid == 0:  # the child: nothing of the parent's (its exit handlers, its buffers) runs
        status = 1
        try:
            os.close(data_out)
            os.close(answer_in)
            with os.fdopen(data_in, "rb") as stream:
                answer = _answer(check_stream(stream, file, only_counted=COUNTED))
            with os.fdopen(answer_out, "wb") as out:
                out.write(answer)
            status = 0
        finally:
            os._exit(status)
    os.close(data_in)
    os.close(answer_out)
    parts: list[str] = []
    try:
        sink = os.fdopen(data_out, "wb")
        reading = True  # until the child stops reading (it then says why, or nothing)
        try:
            for piece in pieces:
                parts.append(piece)
                if reading:
                    try:
                        sink.write(piece.encode("utf-8"))
                    except BrokenPipeError:
                        reading = False
        finally:
            _close(sink)
        with os.fdopen(answer_in, "rb") as answers:
            answer = answers.read()
    except BaseException:
        os.kill(pid, signal.SIGKILL)
        raise
    finally:
        os.waitpid(pid, 0)
    text = "".join(parts)
    return text, _found(text, answer)


def _close(sink: BinaryIO) -> None:
    with contextlib.suppress(BrokenPipeError):  # the rest, for a child that stopped reading
        sink.close()


def _answer(result: Result | None) -> bytes:
    """What the child sends back: the check's findings as JSON (no object of the parent's
    kind crosses the pipe), or `null` when the YAML could not be loaded as it came."""
    if result is None:
        return b"null"
    found = _checked("", result)  # the text stays with the parent, which wrote it
    return json.dumps(
        {
            "loads": found.loads,
            "unclassified": found.unclassified,
            "diagnostics": [
                [d.code, d.message, d.file, d.line, d.column, d.hint, d.path]
                for d in found.diagnostics
            ],
        }
    ).encode("utf-8")


def _found(text: str, answer: bytes) -> Written | None:
    try:
        got = json.loads(answer)
    except ValueError:  # the child failed before it answered
        return None
    if got is None:
        return None
    diagnostics = [Diagnostic(*d) for d in got["diagnostics"]]
    return Written(text, got["loads"], diagnostics, got["unclassified"])
