"""`argmap lsp`: the language server for editors (argmap.lsp), over standard input and output."""

from __future__ import annotations

import contextlib
import os
import sys

import typer

from argmap.cli.common import app


@app.command("lsp")
def lsp_command(
    stdio: bool = typer.Option(
        True,
        "--stdio",
        help="Speak over standard input and output (the only way, and the default).",
    ),
) -> None:
    """Run the language server: diagnostics as you type, completion, hover, definition,
    references, rename, the outline, quick fixes and each claim's status in the text.

    An editor starts it; see docs/editors.md for Neovim, VS Code, Helix and Emacs. It serves
    YAML files that are debates (a top-level `claims:` or the debate schema's modeline) and
    ends when the editor says so.
    """
    from argmap.lsp.server import start

    # The protocol gets its own copies of the two streams, which it closes when it ends; and
    # anything else that writes to standard output meanwhile goes to standard error, where it
    # cannot break a message.
    stdin = os.fdopen(os.dup(sys.stdin.fileno()), "rb")
    stdout = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    with contextlib.redirect_stdout(sys.stderr):
        start(stdin, stdout)
