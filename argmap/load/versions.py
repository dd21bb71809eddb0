"""One version of a debate, for comparing two (`argmap diff`): a file, a file as git has it at
a revision (`REV:PATH`, read with `git show`), or none at all (`/dev/null`, a debate with no
claims, as git gives for a file added or deleted).

In `REV:PATH`, PATH follows git's rules, not the shell's: it is relative to the top folder of
the repository, or to the current folder when it starts with `./` or `../` (`HEAD:./x.yaml`).
A name that exists as a file is a file, colon or not: `is_revision` looks before it asks git.
"""

from __future__ import annotations

import dataclasses
import os
import subprocess
from typing import BinaryIO, cast

from argmap.errors import ArgmapError, Diagnostic, quote
from argmap.files import TooLarge, read_at_most
from argmap.load import Result, parse_debate
from argmap.load.read import decode, read_text, too_large
from argmap.model import Debate
from argmap.yamlnodes import BYTES_PER_VALUE

__all__ = ["NOTHING", "GitError", "is_revision", "read_revision", "read_version"]

# What git passes for the missing side of a file added or deleted; also taken on the command
# line, where it means the same: no debate yet, or no more.
NOTHING = os.devnull

HINT = (
    "REV:PATH reads PATH as of the revision REV (HEAD, HEAD~1, a branch, a commit); PATH is "
    "relative to the repository's top folder, or to this folder when it starts with ./"
)


class GitError(ArgmapError):
    """`REV:PATH` could not be read: no git, not in a repository, no such revision or path."""

    def __init__(self, message: str, hint: str | None = HINT) -> None:
        super().__init__(message)
        self.hint = hint


def is_revision(name: str) -> bool:
    """Whether `name` means a file in git (`REV:PATH`) rather than a file on disk: it has a
    colon, and no file or folder has that name.

    >>> is_revision("HEAD~1:debates/x.yaml"), is_revision("debates/x.yaml")
    (True, False)
    """
    return ":" in name and not os.path.lexists(name)


def read_revision(spec: str, *, max_bytes: int | None, label: str | None = None) -> Result:
    """The debate at `spec` (`REV:PATH`), checked as `argmap.load.read_debate` checks a file
    (`Result.file` and every diagnostic name it as `spec`, or as `label` if given), within the
    same size limit.

    Raises `GitError` when git cannot give it: git missing, not a repository, an unknown
    revision, a path the revision does not have.
    """
    shown = spec if label is None else label
    try:
        git = subprocess.Popen(
            ["git", "show", "--no-textconv", spec],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
    except FileNotFoundError:
        raise GitError(
            f"cannot read {quote(spec)}: git is not installed (or not on PATH)",
            "install git, or give the path of a file",
        ) from None
    except OSError as e:
        raise GitError(f"cannot run git to read {quote(spec)}: {e.strerror or e}") from None
    assert git.stdout is not None and git.stderr is not None
    with git:
        try:
            data = read_at_most(cast(BinaryIO, git.stdout), max_bytes or None)
        except TooLarge as e:
            git.kill()
            return Result(shown, None, [too_large(shown, e.size, e.limit)])
        said = git.stderr.read().decode("utf-8", "replace")
    if git.returncode != 0:
        lines = [line.strip() for line in said.splitlines() if line.strip()]
        why = "; ".join(line.removeprefix("fatal: ") for line in lines) or "git failed"
        raise GitError(f"cannot read {quote(spec)} from git: {why}")
    text, diagnostic = decode(data, shown)
    return _parsed(text, diagnostic, shown, max_bytes)


def read_version(name: str, *, max_bytes: int | None, label: str | None = None) -> Result:
    """The debate `name` names: `NOTHING` (a debate with no claims), `REV:PATH` when no file
    has that name (`is_revision`), or else the file. `label`, if given, names it in the result
    and its diagnostics instead of `name` (git hands over a temporary file for a path).
    Raises `GitError` as `read_revision` does."""
    shown = name if label is None else label
    if name == NOTHING:
        return Result(shown, Debate(title="", claims={}, file=shown))
    if is_revision(name):
        return read_revision(name, max_bytes=max_bytes, label=label)
    text, diagnostic = read_text(name, max_bytes or None)
    if diagnostic is not None and label is not None:
        diagnostic = dataclasses.replace(diagnostic, file=label)
    return _parsed(text, diagnostic, shown, max_bytes)


def _parsed(
    text: str | None, diagnostic: Diagnostic | None, file: str, max_bytes: int | None
) -> Result:
    if text is None:
        assert diagnostic is not None
        return Result(file, None, [diagnostic])
    max_values = max_bytes // BYTES_PER_VALUE if max_bytes else None
    return parse_debate(text, file, max_values=max_values)
