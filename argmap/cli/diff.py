"""`argmap diff`: what changed between two versions of a debate, by meaning; and the same as
git's diff driver (`--git`), called by `git diff` with the 7 arguments of an external diff."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Annotated

import typer

from argmap.cli.common import (
    FormatOption,
    ReportFormat,
    app,
    fail,
    max_bytes,
    print_json,
    print_text,
    reported,
)
from argmap.errors import DebateError
from argmap.render import clean_line

if TYPE_CHECKING:
    from argmap.compare import Comparison
    from argmap.load import Result

# What git passes an external diff: PATH OLD-FILE OLD-HEX OLD-MODE NEW-FILE NEW-HEX NEW-MODE,
# then, for a file renamed, NEW-PATH and what git says of the rename; PATH alone when unmerged.
GIT_ARGUMENTS = (7, 9)


@app.command("diff")
def diff_command(
    versions: Annotated[
        list[str],
        typer.Argument(
            metavar="OLD NEW",
            help="Two versions of a debate: each a file, REV:PATH (PATH as git has it at the "
            "revision REV, such as HEAD~1:debates/x.yaml), or /dev/null for none.",
        ),
    ],
    format: FormatOption = ReportFormat.TEXT,
    git: Annotated[
        bool,
        typer.Option(
            "--git",
            help="Be git's diff driver: take git's arguments (PATH OLD-FILE OLD-HEX OLD-MODE "
            "NEW-FILE NEW-HEX NEW-MODE) and always exit 0 (docs/git.md).",
        ),
    ] = False,
) -> None:
    """Show what changed between two versions of a debate: which claims and relations were
    added, removed, re-worded or re-classified, which sources and citations were added, removed
    or changed, and, first, every outcome that changed (each status, with why, in the words of
    `show`; what went unanswered; preferred acceptance).

    Exit status: 0 when nothing changed, 1 when something did, 2 for an error (a version with
    errors, printed as `argmap check` prints them; an unknown revision; a usage error). With
    --git, 0 whatever was found, as git asks of a diff driver.
    """
    if git:
        _git_driver(versions, format)
        return
    if len(versions) != 2:
        raise fail(f"diff compares two versions, OLD and NEW; got {len(versions)}", 2)
    from argmap.load.versions import read_version

    with reported(failure=2):
        old, new = (read_version(v, max_bytes=max_bytes()) for v in versions)
        comparison = _compared(old, new)
        _print(comparison, format)
    if comparison.changed:
        raise typer.Exit(1)


def _compared(old: Result, new: Result) -> Comparison:
    """The comparison of two versions; `DebateError` with the diagnostics of each that has
    errors."""
    from argmap.compare import compare

    if old.debate is None or new.debate is None:
        raise DebateError([*old.diagnostics, *new.diagnostics])
    return compare(old.debate, new.debate)


def _print(comparison: Comparison, format: ReportFormat) -> None:
    from argmap.render import changes

    if format is ReportFormat.JSON:
        print_json(changes.as_data(comparison))
    else:
        print_text(changes.as_text(comparison))


def _git_driver(arguments: list[str], format: ReportFormat) -> None:
    """What `git diff` shows for a debate file: the comparison, headed `a/PATH → b/PATH`; when a
    version is not a debate (or not yet one), which, and the lines that changed (`argmap check`
    says what is wrong: a diff is no place for every diagnostic of a file that is not a debate).
    Exits 0 whatever it finds: git stops at a diff driver's other exit statuses."""
    from rich.text import Text

    from argmap.load.read import read_text
    from argmap.load.versions import NOTHING, read_version

    if len(arguments) == 1:
        print_text(Text(f"{clean_line(arguments[0])}: unmerged; resolve the conflict first"))
        return
    if len(arguments) not in GIT_ARGUMENTS:
        raise fail(
            f"--git takes the 7 arguments git gives a diff driver (PATH OLD-FILE OLD-HEX "
            f"OLD-MODE NEW-FILE NEW-HEX NEW-MODE); got {len(arguments)}",
            2,
            hint="set it up with `git config diff.argmap.command 'argmap diff --git'` "
            "(docs/git.md)",
        )
    path, old_file, new_file = arguments[0], arguments[1], arguments[4]
    new_path = arguments[7] if len(arguments) == 9 else path
    old_name = NOTHING if old_file == NOTHING else f"a/{path}"
    new_name = NOTHING if new_file == NOTHING else f"b/{new_path}"
    if int(os.environ.get("GIT_DIFF_PATH_COUNTER", "1") or 1) > 1:
        print_text(Text())  # a blank line between files
    with reported(failure=0):
        old = read_version(old_file, max_bytes=max_bytes(), label=old_name)
        new = read_version(new_file, max_bytes=max_bytes(), label=new_name)
        if old.debate is not None and new.debate is not None:
            _print(_compared(old, new), format)
            return
        from argmap.render import changes

        failed = [r for r in (old, new) if r.debate is None]
        print_text(changes.not_compared(old_name, new_name, [r.file for r in failed]))
        before, after = (
            "" if f == NOTHING else (read_text(f, max_bytes())[0] or "")
            for f in (old_file, new_file)
        )
        print_text(changes.lines_changed(before, after, old_name, new_name))
