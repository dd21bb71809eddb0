"""The `argmap` command: parse options, call the library, print, map errors to exit codes.

Only this package writes to stdout or stderr, and only it imports typer. `common` holds what
every command shares (the app, the consoles, the one place errors become exit codes, the one
diagnostics printer); the commands are in `reports` (check, schema, new, summary, unanswered,
tree, show), `diagrams` (render, watch) and `convert` (import, export), registered on the app in
that order, which is the order `argmap --help` lists them in.
"""

from __future__ import annotations

import sys

from argmap.cli import convert, diagrams, reports
from argmap.cli.common import app, fail, stop_on_signals
from argmap.errors import Stopped

__all__ = ["app", "convert", "diagrams", "main", "reports"]


def main() -> None:
    """The `argmap` program: the app, stopped cleanly by SIGTERM and SIGHUP as by Ctrl-C."""
    stop_on_signals()
    try:
        app()
    except Stopped as e:  # a command that has nothing to clean up, or `watch`
        fail(f"stopped by {e.name}")
        sys.exit(128 + e.signum)
