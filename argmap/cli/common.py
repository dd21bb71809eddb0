"""What every command shares: the typer app and its global options, the consoles, the one place
where library errors become messages and exit codes, the one diagnostics printer, and loading a
debate for a report.

Exit codes (docs/commands.md): 0 done; 1 bad input, a failed check or an output that cannot be
written; 2 a usage error (raised by the commands while they parse their options); 130 when a
drawing is interrupted with Ctrl-C.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from argmap import __version__
from argmap.errors import ArgmapError, DebateError, Diagnostic, Severity, Stopped
from argmap.render import clean_line

# rich, the loader and the checks are imported where they are used: `argmap --help` needs none.
if TYPE_CHECKING:
    from rich.console import Console, RenderableType
    from rich.text import Text

    from argmap.model import Debate


app = typer.Typer(
    name="argmap",
    help="Map debates: who claimed what, what answers what, what still stands.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

DEBATE_SUFFIXES = (".yaml", ".yml")


# --- consoles ----------------------------------------------------------------------------------


# The widest a report is laid out, whatever COLUMNS says: no terminal is wider, and laying text
# out for COLUMNS=99999999999 would take all the memory there is.
MAX_WIDTH = 1000


def screen(stderr: bool = False, soft_wrap: bool = False) -> Console:
    """A console for reports. It wraps to the terminal's width (at most `MAX_WIDTH`); NO_COLOR
    (set and not empty) turns off every style, bold included, so no escape code is written at
    all. Consoles are made when used, not at import, so each run sees its own stdout, terminal
    and settings."""
    from rich.console import Console

    plain = bool(os.environ.get("NO_COLOR"))
    try:
        columns = int(os.environ.get("COLUMNS", ""))
    except ValueError:
        columns = 0
    return Console(
        stderr=stderr,
        highlight=False,
        soft_wrap=soft_wrap,
        color_system=None if plain else "auto",
        width=MAX_WIDTH if columns > MAX_WIDTH else None,
    )


def out() -> Console:
    return screen(soft_wrap=True)


def err() -> Console:
    return screen(stderr=True, soft_wrap=True)


def print_json(data: object) -> None:
    from argmap.render.jsontext import to_json

    sys.stdout.write(to_json(data) + "\n")


def print_text(renderable: RenderableType) -> None:
    screen().print(renderable)


def wrote(output: str) -> None:
    """`wrote OUT` on stderr, after a file is written (nothing for `-`, standard output)."""
    if output != "-":
        from rich.text import Text

        err().print(Text.assemble("wrote ", (clean_line(output), "bold")))


# --- errors and diagnostics --------------------------------------------------------------------


def fail(message: str, code: int = 1, hint: str | None = None) -> typer.Exit:
    """Print `argmap: error: MESSAGE` (and the hint) on stderr; the `Exit` to raise with `code`."""
    from rich.text import Text

    console = err()
    console.print(Text.assemble(("argmap: error: ", "bold red"), message))
    if hint is not None:
        console.print(Text(f"  hint: {hint}", "cyan"))
    return typer.Exit(code)


def styled(d: Diagnostic) -> Text:
    """A diagnostic as compilers print it, `file:line:col: severity[code]: message` and its
    hint, with the location bold and the severity in colour."""
    from rich.text import Text

    colour = "red" if d.severity is Severity.ERROR else "yellow"
    text = Text.assemble(
        (clean_line(d.location), "bold"),
        ": ",
        (f"{d.severity}[{d.code}]", f"bold {colour}"),
        ": ",
        clean_line(d.message),
    )
    if d.hint:
        text.append("\n")
        text.append(f"  hint: {clean_line(d.hint)}", "cyan")
    return text


def print_diagnostics(diagnostics: Iterable[Diagnostic], console: Console | None = None) -> None:
    """Every diagnostic, in order, on `console` (stderr unless said)."""
    console = console or err()
    for d in diagnostics:
        console.print(styled(d))


def explain(error: ArgmapError) -> None:
    """Say what went wrong, on stderr: a debate's diagnostics, or the error's message and hint."""
    if isinstance(error, DebateError):
        print_diagnostics(error.diagnostics)
        return
    hint = getattr(error, "hint", None)
    fail(clean_line(str(error)), hint=None if hint is None else clean_line(hint))


@contextmanager
def reported(stopped: str | None = None, failure: int = 1) -> Iterator[None]:
    """The one place a command's library errors become messages and exit codes: any
    `ArgmapError` is explained (`explain`) and exits `failure` (1, but 2 for `diff`, whose 1
    means "they differ", as `diff`'s does). With `stopped` (what stopping leaves
    behind, say "nothing was written"), Ctrl-C says `interrupted; STOPPED` and exits 130, and
    SIGTERM or SIGHUP (`Stopped`) say `stopped by SIGTERM; STOPPED` and exit 128 + the signal."""
    try:
        yield
    except ArgmapError as e:
        explain(e)
        raise typer.Exit(failure) from None
    except KeyboardInterrupt:
        if stopped is None:
            raise
        raise fail(f"interrupted; {stopped}", 130) from None
    except Stopped as e:
        if stopped is None:
            raise
        raise fail(f"stopped by {e.name}; {stopped}", 128 + e.signum) from None


def stop_on_signals() -> None:
    """Make SIGTERM and SIGHUP stop a command as Ctrl-C does (`Stopped`), so that what it
    started (a `dot`, a temporary file) is cleaned up on the way out."""
    import signal

    def stop(signum: int, frame: object) -> None:
        raise Stopped(signum)

    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), stop)


# --- global options ----------------------------------------------------------------------------


def _version(value: bool) -> None:
    if value:
        out().print(f"argmap {__version__}")
        raise typer.Exit()


# `argmap.load.DEFAULT_MAX_BYTES` and `format_size` of it, written out (a test holds them equal):
# importing the loader here would slow `argmap --help`.
DEFAULT_MAX_BYTES = 64 * 1024 * 1024
DEFAULT_MAX_SIZE = "64MiB"

# The largest debate file this run reads (--max-size or ARGMAP_MAX_SIZE; None: no limit).
_max_bytes: int | None = DEFAULT_MAX_BYTES


def max_bytes() -> int | None:
    """The largest file this run reads (`--max-size`); None for no limit."""
    return _max_bytes


def _size(value: str | int) -> int:
    if isinstance(value, int):  # the default
        return value
    from argmap.load import parse_size

    try:
        return parse_size(value)
    except ValueError as e:
        raise typer.BadParameter(str(e)) from None


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
    max_size: Annotated[
        int,
        typer.Option(
            "--max-size",
            metavar="SIZE",
            parser=_size,
            envvar="ARGMAP_MAX_SIZE",
            show_default=DEFAULT_MAX_SIZE,
            help="Refuse debate files larger than this: bytes, or with KB, MB, GB, KiB, MiB or "
            "GiB; 0 for no limit.",
        ),
    ] = DEFAULT_MAX_BYTES,
) -> None:
    """Map debates: who claimed what, what answers what, what still stands."""
    global _max_bytes
    _max_bytes = max_size or None


# --- arguments and loading ---------------------------------------------------------------------


class ReportFormat(StrEnum):
    TEXT = "text"
    JSON = "json"


FormatOption = Annotated[
    ReportFormat,
    typer.Option("--format", "-f", help="text for people, or json for tools (docs/json.md)."),
]
FileArgument = Annotated[Path, typer.Argument(metavar="FILE", help="The debate file.")]
OutputOption = Annotated[
    str,
    typer.Option(
        "--output", "-o", metavar="OUT", help="Where to write; '-' for stdout (text formats)."
    ),
]


def debate_files(paths: list[Path]) -> list[Path]:
    """The files named, with each folder replaced by the debate files under it (sorted)."""
    files: list[Path] = []
    for p in paths:
        if p.is_dir():
            found = sorted(
                f
                for f in p.rglob("*")
                if f.suffix in DEBATE_SUFFIXES
                and f.is_file()
                and not any(part.startswith(".") for part in f.relative_to(p).parts)
            )
            if not found:
                raise fail(f"no .yaml files in the folder {clean_line(str(p))}", 2)
            files.extend(found)
        else:
            files.append(p)
    return files


def _as_of(value: str | None) -> str | None:
    """`--as-of TIME`, checked as it is parsed: a TIME argmap cannot read is a usage error."""
    if value is not None:
        from argmap.analyze.times import parse_as_of

        try:
            parse_as_of(value)
        except ValueError as e:
            raise typer.BadParameter(str(e)) from None
    return value


AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        metavar="TIME",
        callback=_as_of,
        help="The debate as it stood then: only the claims made by TIME (ISO 8601 with a time "
        "zone, or a date: the end of that day, UTC), and the statuses they gave.",
    ),
]


# The gradual semantics `--strength` takes (`analyze.Semantics`, which a test holds this to):
# written out, since `argmap --help` must not import the analysis to list them.
SEMANTICS = ("df-quad", "quadratic-energy", "h-categorizer")


def _semantics(value: str | None) -> str | None:
    if value is not None and value not in SEMANTICS:
        raise typer.BadParameter(f"{value!r} is not one of {', '.join(SEMANTICS)}")
    return value


StrengthOption = Annotated[
    str | None,
    typer.Option(
        "--strength",
        metavar="NAME",
        callback=_semantics,
        help="The gradual semantics strength is worked out by: df-quad (the default), "
        "quadratic-energy or h-categorizer (docs/analysis.md, Strength).",
    ),
]
VotesOption = Annotated[
    bool,
    typer.Option(
        "--votes",
        help="Base scores from the votes a thread import records (`score:`), where a claim has "
        "no `weight:` of its own (docs/analysis.md, Base scores).",
    ),
]


def load_debate(file: Path, as_of: str | None = None) -> Debate:
    """The debate in `file`; `DebateError` (every diagnostic) if it has errors. With `as_of`
    (`--as-of TIME`), the debate as it stood then (`analyze.as_of`), said on stderr.

    Expectations are not held here: a debate whose `expect:` fails is worth a look to see why.
    """
    from argmap.check import check

    result = check(file, verify=False, max_bytes=_max_bytes)
    if result.debate is None:
        raise DebateError(result.diagnostics)
    if as_of is None:
        return result.debate
    from argmap.analyze import times

    debate = result.debate
    past = times.as_of(debate, times.parse_as_of(as_of))
    warn_untimed(debate)
    err().print(
        f"argmap: note: the debate as of {times.shown(times.parse_as_of(as_of))}: "
        f"{len(past.claims):,} of {len(debate.claims):,} claims made by then"
    )
    return past


def warn_untimed(debate: Debate) -> None:
    """One warning, on stderr, for the claims without `at:` (if any), and the rule they follow."""
    from rich.text import Text

    from argmap.analyze.times import untimed

    count = untimed(debate)
    if count:
        some = f"{count:,} claim{' has' if count == 1 else 's have'}"
        err().print(
            Text.assemble(
                ("argmap: warning: ", "bold yellow"),
                f"{some} no time (`at:`): each counts as made when the latest claim it "
                "answers was, or from the start if it answers nothing (docs/analysis.md#time)",
            )
        )


def same_file(output: str, other: str) -> bool:
    """Whether OUT is the file `other` (neither being `-`), by what the two are, not by their
    names: a hard link, a bind mount or a symbolic link to the input is the input."""
    if output == "-" or other == "-":
        return False
    try:
        return Path(output).samefile(other)
    except OSError:  # OUT does not exist yet (or cannot be looked at): compare where it would be
        return Path(output).resolve() == Path(other).resolve()
