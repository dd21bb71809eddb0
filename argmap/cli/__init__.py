"""The `argmap` command: parse options, call the library, print, map errors to exit codes.

Only this package writes to stdout or stderr, and only it imports typer. `common` holds what
every command shares (the app, the consoles, the one place errors become exit codes, the one
diagnostics printer); the commands are in `reports` (check, schema, new, summary, unanswered,
tree, show), `diff` (diff), `diagrams` (render, watch), `convert` (import, export), `label`
(label, run by `labelling`) and `lsp` (lsp), each registered on the app when its module is
imported.
"""

from __future__ import annotations

import sys

from argmap.cli import convert, diagrams, diff, label, lsp, reports, streams
from argmap.cli.common import app, explain, fail, stop_on_signals
from argmap.errors import ArgmapError, Stopped

__all__ = ["app", "convert", "diagrams", "diff", "label", "lsp", "main", "reports"]

# `argmap --help` lists the commands in the order they were registered, which is the order the
# modules above happen to be imported in; this is the order a reader meets them in the README:
# check and read a debate, see how it changed, draw it, bring it in and out, work on it.
ORDER = (
    "check",
    "summary",
    "unanswered",
    "tree",
    "show",
    "timeline",
    "diff",
    "render",
    "watch",
    "import",
    "export",
    "label",
    "new",
    "schema",
    "lsp",
)
app.registered_commands.sort(key=lambda c: ORDER.index(c.name) if c.name in ORDER else len(ORDER))


def main() -> None:
    """The `argmap` program: the app, stopped cleanly by SIGTERM and SIGHUP as by Ctrl-C, with
    standard output guarded (`streams`): closed, full or unable to show a mark, it ends in one
    line and exit status 1."""
    stop_on_signals()
    streams.guard()
    code = 0
    try:
        try:
            app()
        finally:
            sys.stdout.flush()
    except SystemExit as e:
        code = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
    except Stopped as e:  # a command that has nothing to clean up, or `watch`
        fail(f"stopped by {e.name}")
        code = 128 + e.signum
    except ArgmapError as e:  # standard output failed outside a command's own reporting
        explain(e)
        streams.silence()
        code = 1
    except OSError as e:  # written to beneath the guard (click's own help, say)
        fail(f"cannot write to standard output: {e.strerror or e}")
        streams.silence()
        code = 1
    sys.exit(code)
