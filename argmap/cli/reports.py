"""The commands that read a debate and report on it: `check`, `schema`, `new`, `summary`,
`unanswered`, `tree`, `show` and `timeline`."""

from __future__ import annotations

import importlib.util
import sys
from enum import StrEnum
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Annotated

import typer

from argmap.cli.common import (
    DEBATE_SUFFIXES,
    AsOfOption,
    FileArgument,
    FormatOption,
    ReportFormat,
    StrengthOption,
    VotesOption,
    app,
    debate_files,
    fail,
    load_debate,
    max_bytes,
    out,
    print_diagnostics,
    print_json,
    print_text,
    reported,
    warn_untimed,
)
from argmap.render import DEFAULT_LIMIT, clean_line

if TYPE_CHECKING:
    from argmap.load import Result


def _lazy(name: str) -> ModuleType:
    """The module `name`, executed only when one of its attributes is first used.

    The reports pull in the analysis; `argmap --help` and `check` should not pay for them.
    """
    spec = importlib.util.find_spec(name)
    assert spec is not None and spec.loader is not None
    loader = importlib.util.LazyLoader(spec.loader)
    spec.loader = loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    loader.exec_module(module)
    return module


report = _lazy("argmap.render.report")
terminal = _lazy("argmap.render.terminal")


def _strength(strength: str | None, votes: bool) -> tuple[str, str]:
    """`--strength NAME` and `--votes` as the reports take them: the semantics (DF-QuAD unless
    named) and where the base scores come from."""
    return strength or "df-quad", "votes" if votes else "weights"


class CheckFormat(StrEnum):
    TEXT = "text"
    JSON = "json"


def _counts(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _summary(result: Result) -> str:
    d = result.debate
    assert d is not None
    parts = [
        _counts(len(d.claims), "claim"),
        _counts(len(d.relations), "relation"),
        _counts(len(d.speakers), "speaker"),
        _counts(len(d.sources), "source"),
    ]
    return ", ".join(parts)


@app.command("check")
def check_command(
    paths: Annotated[
        list[Path],
        typer.Argument(help="Debate files, or folders whose .yaml/.yml files are all checked."),
    ],
    strict: Annotated[bool, typer.Option("--strict", help="Fail on warnings too.")] = False,
    format: Annotated[
        CheckFormat, typer.Option("--format", "-f", help="text, or json for tools.")
    ] = CheckFormat.TEXT,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Print only problems and the tally.")
    ] = False,
) -> None:
    """Check debate files and report every problem, as compilers do.

    Exit status: 0 when there are no errors (no warnings either with --strict), 1 otherwise,
    2 for a usage error.
    """
    from rich.text import Text

    from argmap.check import check

    results = [check(f, max_bytes=max_bytes()) for f in debate_files(paths)]
    diagnostics = [d for r in results for d in r.diagnostics]
    errors = sum(d.is_error for d in diagnostics)
    warnings = len(diagnostics) - errors
    failed = errors > 0 or (strict and warnings > 0)
    if format is CheckFormat.JSON:
        import json

        sys.stdout.write(json.dumps([d.to_dict() for d in diagnostics], indent=2) + "\n")
    else:
        console = out()
        for r in results:
            print_diagnostics(r.diagnostics, console)
            if r.debate is not None and not quiet:
                console.print(
                    Text.assemble(
                        (clean_line(r.file), "bold"), ": ", ("ok", "green"), ": ", _summary(r)
                    )
                )
        tally = (
            f"{_counts(len(results), 'file')} checked: "
            f"{_counts(errors, 'error')}, {_counts(warnings, 'warning')}"
        )
        if strict and warnings and not errors:
            tally += " (--strict: warnings fail)"
        console.print(Text(tally, "bold red" if failed else "bold green"))
    if failed:
        raise typer.Exit(1)


@app.command("schema")
def schema_command() -> None:
    """Print the JSON Schema of debate files, for editors and other tools."""
    import json

    from argmap.fileformat import json_schema

    sys.stdout.write(json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n")


@app.command("new")
def new_command(
    file: Annotated[Path, typer.Argument(help="Where to write the new debate (.yaml).")],
) -> None:
    """Write a commented starter debate to FILE. An existing file is never overwritten."""
    from importlib import resources

    from rich.text import Text

    from argmap.files import write_atomic

    if file.suffix not in DEBATE_SUFFIXES:
        raise fail(f"{file}: a debate file ends in .yaml or .yml", 2)
    starter = resources.files("argmap").joinpath("starter.yaml").read_bytes()
    with reported():
        write_atomic(file, starter, overwrite=False)
    out().print(
        Text.assemble("wrote ", (str(file), "bold"), f"; check it with: argmap check {file}")
    )


@app.command("summary")
def summary_command(
    file: FileArgument,
    format: FormatOption = ReportFormat.TEXT,
    limit: Annotated[
        int,
        typer.Option(
            "--limit", "-n", min=0, help="Show at most N items of each list (0: all); text only."
        ),
    ] = DEFAULT_LIMIT,
    as_of: AsOfOption = None,
    strength: StrengthOption = None,
    votes: VotesOption = False,
) -> None:
    """Summarise a debate on one screen: counts, what stands, what went unanswered, who said what.

    Exit status: 0, or 1 when the file has errors (printed as `argmap check` prints them),
    2 for a usage error.
    """
    with reported():
        debate = load_debate(file, as_of)
        if format is ReportFormat.JSON:
            print_json(report.summary(debate, *_strength(strength, votes)))
        else:
            print_text(terminal.summary(debate, limit or None, *_strength(strength, votes)))


@app.command("unanswered")
def unanswered_command(
    file: FileArgument,
    format: FormatOption = ReportFormat.TEXT,
    as_of: AsOfOption = None,
    strength: StrengthOption = None,
    votes: VotesOption = False,
) -> None:
    """List the claims nothing rebuts or undercuts, with who made them, how strong they are and
    what they say.

    Exit status: 0, or 1 when the file has errors, 2 for a usage error.
    """
    with reported():
        debate = load_debate(file, as_of)
        if format is ReportFormat.JSON:
            print_json(report.unanswered(debate, *_strength(strength, votes)))
        else:
            print_text(terminal.unanswered(debate, *_strength(strength, votes)))


@app.command("tree")
def tree_command(
    file: FileArgument,
    format: FormatOption = ReportFormat.TEXT,
    as_of: AsOfOption = None,
    strength: StrengthOption = None,
    votes: VotesOption = False,
) -> None:
    """Show the thread as a tree: under each claim, the claims that answer it, each with its
    status and strength.

    Exit status: 0, or 1 when the file has errors, 2 for a usage error.
    """
    with reported():
        debate = load_debate(file, as_of)
        if format is ReportFormat.JSON:
            print_json(report.tree_rows(debate, *_strength(strength, votes)))
        else:
            print_text(terminal.tree(debate, *_strength(strength, votes)))


@app.command("show")
def show_command(
    file: FileArgument,
    claim: Annotated[str, typer.Argument(metavar="ID", help="The id of a claim in the file.")],
    format: FormatOption = ReportFormat.TEXT,
    as_of: AsOfOption = None,
    strength: StrengthOption = None,
    votes: VotesOption = False,
) -> None:
    """Show one claim in context: its status and why, its strength and what moved it, what it
    answers, what answers it, what it cites.

    Exit status: 0, or 1 when the file has errors or has no claim ID, 2 for a usage error.
    """
    with reported():
        debate = load_debate(file, as_of)
        if format is ReportFormat.JSON:
            print_json(report.show(debate, claim, *_strength(strength, votes)))
        else:
            print_text(terminal.show(debate, claim, *_strength(strength, votes)))


@app.command("timeline")
def timeline_command(file: FileArgument, format: FormatOption = ReportFormat.TEXT) -> None:
    """Replay the debate in time order: each claim as it arrived, and every status it changed.

    Exit status: 0, or 1 when the file has errors or no claim in it has a time (`at:`), 2 for a
    usage error.
    """
    from argmap.analysis import analyse
    from argmap.analyze.times import NoTimesError, untimed
    from argmap.render import timeline

    with reported():
        debate = load_debate(file)
        if untimed(debate) == len(debate.claims):
            raise NoTimesError(debate)
        warn_untimed(debate)
        analysis = analyse(debate)
        if format is ReportFormat.JSON:
            print_json(report.timeline(analysis))
        else:
            print_text(timeline.timeline(analysis))
