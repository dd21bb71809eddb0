"""Errors and diagnostics: the one root exception and the record every problem is reported as."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Code:
    """A stable diagnostic code: its name, its severity and one line on what it means."""

    name: str
    severity: Severity
    summary: str


# Which codes can reach a user. `docs/diagnostics.md` documents each one; a test keeps the two
# in step, and the loader refuses to emit a code that is not listed here.
CODES: dict[str, Code] = {
    c.name: c
    for c in (
        # The file itself.
        Code("read-error", Severity.ERROR, "the file cannot be read"),
        Code("file-too-large", Severity.ERROR, "the file is larger than argmap reads"),
        Code("not-utf8", Severity.ERROR, "the file is not UTF-8 text"),
        Code("empty-file", Severity.ERROR, "the file holds no YAML document"),
        Code("yaml-syntax", Severity.ERROR, "the YAML cannot be parsed"),
        Code("nesting-too-deep", Severity.ERROR, "the YAML nests deeper than argmap reads"),
        Code("yaml-tag", Severity.ERROR, "a YAML tag asks for something other than plain data"),
        Code("yaml-alias", Severity.ERROR, "YAML anchors and aliases are not supported"),
        Code("duplicate-key", Severity.ERROR, "a mapping repeats a key"),
        Code("too-many-problems", Severity.ERROR, "more problems than argmap lists for one file"),
        Code("too-many-warnings", Severity.WARNING, "more warnings than argmap lists for a file"),
        # The shape of the data.
        Code("wrong-type", Severity.ERROR, "a value has the wrong type"),
        Code("empty-value", Severity.ERROR, "a value is empty or blank"),
        Code("bad-time", Severity.ERROR, "an `at:` time is not an ISO 8601 time with a zone"),
        Code("bad-weight", Severity.ERROR, "a `weight:` is not a number from 0 to 1"),
        Code("missing-field", Severity.ERROR, "a required field is missing"),
        Code("unknown-field", Severity.ERROR, "a field is not part of the format"),
        Code("invalid-id", Severity.ERROR, "an id has characters ids may not have"),
        Code("bad-citation", Severity.ERROR, "a citation names neither a source nor a url/title"),
        Code("empty-debate", Severity.ERROR, "the debate has no claims"),
        # What refers to what.
        Code("duplicate-id", Severity.ERROR, "two claims or sources share an id"),
        Code("unknown-claim", Severity.ERROR, "a relation points at a claim that does not exist"),
        Code("unknown-source", Severity.ERROR, "a claim cites a source that does not exist"),
        Code("unknown-speaker", Severity.ERROR, "`by:` names a speaker not listed in `speakers:`"),
        Code("self-relation", Severity.ERROR, "a claim rebuts, supports or undercuts itself"),
        Code("conflicting-relation", Severity.ERROR, "a claim answers another in two ways"),
        # What the file expects of the analysis.
        Code("expectation-failed", Severity.ERROR, "the analysis disagrees with `expect:`"),
        # Legal, but probably not what was meant.
        Code("duplicate-relation", Severity.WARNING, "the same relation is written twice"),
        Code("unused-source", Severity.WARNING, "no claim cites this source"),
        Code("unused-speaker", Severity.WARNING, "no claim is by this speaker"),
        Code("non-http-url", Severity.WARNING, "a url is not an http(s) address"),
        Code("unclassified-reply", Severity.WARNING, "a reply does not say how it answers"),
    )
}


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem found in a file, located the way compilers locate them (1-based)."""

    code: str
    message: str
    file: str
    line: int | None = None
    column: int | None = None
    hint: str | None = None
    path: str = ""  # where in the document, e.g. `claims.lookup.rebuts[0]`

    @property
    def severity(self) -> Severity:
        return CODES[self.code].severity

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    @property
    def location(self) -> str:
        """`file:line:col`, or as much of it as is known."""
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return where

    def format(self) -> str:
        """The compiler form: `file:line:col: severity[code]: message`, then an indented hint."""
        text = f"{self.location}: {self.severity}[{self.code}]: {self.message}"
        if self.hint:
            text += f"\n  hint: {self.hint}"
        return text

    def to_dict(self) -> dict[str, str | int | None]:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "severity": str(self.severity),
            "code": self.code,
            "message": self.message,
            "hint": self.hint,
            "path": self.path,
        }


# The most diagnostics kept for one file. Past it they are only counted: a file made of
# mistakes (millions of aliases, say) cannot fill memory, or a terminal, with messages.
MAX_PROBLEMS = 10_000


class Diagnostics(list[Diagnostic]):
    """The diagnostics of one file, of which the first `limit` are kept and the rest counted.

    Diagnostics of a code in `only_counted` are counted where they fall, never kept: a caller
    that has no use for their messages (`argmap import` says in one line how many replies are
    unclassified) names them, and they take their place among the first `limit` all the same,
    so what else is kept and counted is as without them.
    """

    def __init__(self, limit: int = MAX_PROBLEMS, only_counted: Collection[str] = ()) -> None:
        super().__init__()
        self.limit = limit
        self.only_counted = frozenset(only_counted)
        self.counted = 0  # of `only_counted` codes, within the limit
        self.dropped = 0
        self.dropped_errors = 0

    def wanted(self, code: str) -> bool:
        """Whether a diagnostic of `code` would be kept: when not, making its message can be
        skipped, and `tally` called instead of `append`."""
        return code not in self.only_counted and len(self) + self.counted < self.limit

    def tally(self, code: str, n: int = 1) -> None:
        """Count `n` diagnostics of `code` that `wanted` says are not kept, without making them."""
        counted = min(n, max(0, self.limit - len(self) - self.counted))
        self.counted += counted
        self.dropped += n - counted
        if CODES[code].severity is Severity.ERROR:
            self.dropped_errors += n - counted

    def append(self, d: Diagnostic) -> None:
        if d.code in self.only_counted or len(self) + self.counted >= self.limit:
            self.tally(d.code)
        else:
            super().append(d)

    def extend(self, ds: Iterable[Diagnostic]) -> None:
        for d in ds:
            self.append(d)

    def finish(self, file: str) -> list[Diagnostic]:
        """In the order editors want them, and a last one saying how many were not kept."""
        out = sorted(self, key=sort_key)
        if self.dropped and not self.dropped_errors:  # a big thread of unclassified replies
            out.append(
                Diagnostic(
                    "too-many-warnings",
                    f"{self.dropped:,} more warnings are not listed: argmap lists the first "
                    f"{self.limit:,} of a file",
                    file,
                    hint="the warnings listed show what each of them is",
                )
            )
        elif self.dropped:
            out.append(
                Diagnostic(
                    "too-many-problems",
                    f"{self.dropped:,} more problems are not listed: argmap lists the first "
                    f"{self.limit:,} of a file",
                    file,
                    hint="fix the problems listed, or the one mistake that repeats, and check "
                    "again",
                )
            )
        return out


def sort_key(d: Diagnostic) -> tuple[str, int, int, str, str]:
    return (d.file, d.line or 0, d.column or 0, d.code, d.message)


class ArgmapError(Exception):
    """The root of every error argmap raises."""


class DebateError(ArgmapError):
    """A debate file has errors; `diagnostics` holds every one of them, warnings included."""

    def __init__(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.diagnostics = tuple(diagnostics)
        errors = [d for d in self.diagnostics if d.is_error]
        head = "\n".join(d.format() for d in errors[:5])
        more = f"\n... and {len(errors) - 5} more" if len(errors) > 5 else ""
        super().__init__(f"{len(errors)} error(s) in the debate:\n{head}{more}")


class OutputError(ArgmapError):
    """An output could not be written; the message says what to do."""


class Stopped(BaseException):
    """The command was told to stop by a signal (SIGTERM, SIGHUP). Like Ctrl-C's
    `KeyboardInterrupt`, it is not an error of the input: it unwinds every `finally` and
    `except BaseException` on its way out, so `dot` is killed and no temporary file is left,
    and the command exits with 128 + the signal's number."""

    def __init__(self, signum: int) -> None:
        import signal

        super().__init__(signum)
        self.signum = signum
        self.name = signal.Signals(signum).name


class DiagramError(ArgmapError):
    """A diagram cannot be drawn as asked (an unknown claim to focus on, an unknown format, a
    Graphviz that is missing or failed); the message says what to do."""


def quote(value: object, limit: int = 60) -> str:
    r"""Show user text inside a message: quoted, as written, unambiguous, and shortened.

    Text goes in single quotes, or in double quotes when it holds a single quote and no double
    quote (the choice Python's repr makes), so a name reads as it was written. Only text that
    holds both kinds of quote gets a backslash before each single quote. Whatever is not
    printable (control characters, the ESC of a terminal escape sequence, bidirectional
    controls) is written as an escape, and a backslash as two, so user text can neither act on
    a terminal nor be read as anything but exactly the text it is.

    >>> print(quote("O'MALLEY"), quote('say "hi"'), quote("it's \"x\""))
    "O'MALLEY" 'say "hi"' 'it\'s "x"'
    >>> print(quote("a\x1b[2Jb\\"))
    'a\x1b[2Jb\\'
    """
    text = str(value)
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    mark = '"' if "'" in text and '"' not in text else "'"
    if text.isprintable() and mark not in text and "\\" not in text:  # most ids and names
        return f"{mark}{text}{mark}"
    out = []
    for ch in text:
        if ch in (mark, "\\"):
            out.append("\\" + ch)
        elif ch.isprintable():
            out.append(ch)
        else:
            out.append(ch.encode("unicode_escape").decode("ascii"))
    return mark + "".join(out) + mark


# The escapes `quote` writes: a backslash before a quote mark or a backslash, and Python's
# `unicode_escape` forms of what is not printable.
_ESCAPE = re.compile(r"\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[\\'\"ntr])")
_SIMPLE = {"n": "\n", "t": "\t", "r": "\r"}


def unquote(shown: str, limit: int = 60) -> str | None:
    r"""The text `quote` showed as `shown`; None when `shown` is not what `quote` writes, or
    when the text may have been shortened (it is then not known).

    >>> [unquote(quote(t)) for t in ("lookup", "O'MALLEY", "it's \"x\"", "a\x1b\\")]
    ['lookup', "O'MALLEY", 'it\'s "x"', 'a\x1b\\']
    >>> unquote(quote("x" * 100)) is None
    True
    """
    if len(shown) < 2 or shown[0] not in "'\"" or shown[-1] != shown[0]:
        return None

    def one(m: re.Match[str]) -> str:
        code = m.group(1)
        if code[0] in "xuU":
            n = int(code[1:], 16)
            return chr(n) if n <= 0x10FFFF else m.group()
        return _SIMPLE.get(code, code)

    text = _ESCAPE.sub(one, shown[1:-1])
    if len(text) >= limit and text.endswith("…"):
        return None
    return text if quote(text, limit) == shown else None
