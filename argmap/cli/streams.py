"""Standard output as argmap writes to it, whatever it turns out to be: closed (`>&-`), a full
disk (`> /dev/full`), or a terminal whose encoding has no `✔` (`PYTHONIOENCODING=latin-1`,
`LC_ALL=C`). Each ends in one line on stderr and an exit status, never a traceback; a terminal
that cannot show argmap's marks gets their ASCII forms (`argmap.look.ASCII`)."""

from __future__ import annotations

import codecs
import contextlib
import os
import sys
from typing import Any, TextIO

from argmap.errors import OutputError


class Guarded:
    """A text stream whose write errors are an `OutputError` saying what happened, and which,
    on an encoding without argmap's marks, writes their ASCII forms (anything else it cannot
    encode as a backslash escape, so nothing is lost)."""

    def __init__(self, stream: TextIO | None, name: str) -> None:
        self._stream = stream
        self._name = name
        encoding = getattr(stream, "encoding", None) or "utf-8"
        self._ascii = not _unicode(encoding) and not _encodes(encoding, "".join(_ascii()))
        self._table = {ord(k): v for k, v in _ascii().items()} if self._ascii else {}
        if not _unicode(encoding) and stream is not None and hasattr(stream, "reconfigure"):
            # Whatever else the encoding lacks (a claim in Japanese on latin-1) is written as
            # a backslash escape rather than ending in a UnicodeEncodeError.
            with contextlib.suppress(Exception):
                stream.reconfigure(errors="backslashreplace")

    def write(self, text: str) -> int:
        if self._stream is None:
            raise OutputError(f"{self._name} is closed; nothing can be written to it")
        if self._ascii:
            text = text.translate(self._table)
        try:
            return self._stream.write(text)
        except OSError as e:
            raise OutputError(f"cannot write to {self._name}: {e.strerror or e}") from None

    def flush(self) -> None:
        if self._stream is None:
            return
        try:
            self._stream.flush()
        except OSError as e:
            raise OutputError(f"cannot write to {self._name}: {e.strerror or e}") from None

    def isatty(self) -> bool:
        return self._stream is not None and self._stream.isatty()

    @property
    def encoding(self) -> str:
        return "ascii" if self._ascii else getattr(self._stream, "encoding", "utf-8")

    def __getattr__(self, name: str) -> Any:
        if self._stream is None:
            raise OutputError(f"{self._name} is closed; nothing can be written to it")
        return getattr(self._stream, name)


def _ascii() -> dict[str, str]:
    # Imported only for a terminal that needs it: the look imports the analysis, which
    # `argmap --help` must not load.
    from argmap.look import ASCII

    return ASCII


def _unicode(encoding: str) -> bool:
    """Whether `encoding` is one of Unicode's own, which encode every mark."""
    try:
        return codecs.lookup(encoding).name.startswith("utf")
    except LookupError:
        return False


def _encodes(encoding: str, text: str) -> bool:
    try:
        codecs.lookup(encoding)
        text.encode(encoding)
    except (LookupError, UnicodeEncodeError):
        return False
    return True


def guard() -> None:
    """Put `Guarded` streams in place of standard output and standard error."""
    sys.stdout = Guarded(sys.stdout, "standard output")
    sys.stderr = Guarded(sys.stderr, "standard error")


def silence() -> None:
    """Send what is left of standard output nowhere, so that Python's own flush at exit does
    not fail a second time on a stream that already failed."""
    with contextlib.suppress(OSError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.close(devnull)
