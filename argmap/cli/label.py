"""`argmap label`, the command: its options and help. What it does is in `labelling`, imported
when it runs, so that no other command loads the library's edits or the terminal walk."""

from __future__ import annotations

from typing import Annotated

import typer

from argmap.cli.common import FileArgument, app


@app.command("label")
def label_command(
    file: FileArgument,
    sets: Annotated[
        list[str] | None,
        typer.Option(
            "--set",
            metavar="ID=KIND",
            help="Classify the reply ID (ID>TARGET when it answers several) as KIND: rebuts, "
            "supports, undercuts or none (not an argument), without a terminal. Repeatable.",
        ),
    ] = None,
) -> None:
    """Classify a debate's unclassified replies, in thread order, one key each: r rebuts,
    s supports, u undercuts, n not an argument, k skip, z undo, q quit.

    Each decision is written to FILE at once; quitting and running it again goes on where it
    stopped. Exit status: 0, 1 when the file has errors or a --set cannot be made (the file is
    then untouched), 2 without --set when not in a terminal.
    """
    from argmap.cli.labelling import label

    label(file, sets)
