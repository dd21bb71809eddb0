"""The commands that draw a debate: `render` once, `watch` again whenever the file changes."""

from __future__ import annotations

import math
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from argmap.cli.common import (
    SEMANTICS,
    AsOfOption,
    FileArgument,
    OutputOption,
    StrengthOption,
    VotesOption,
    app,
    err,
    explain,
    fail,
    load_debate,
    reported,
    same_file,
    wrote,
)
from argmap.errors import ArgmapError
from argmap.render import clean, clean_line
from argmap.render.image import DOT_TIMEOUT

if TYPE_CHECKING:
    from argmap.diagram import DiagramOptions
    from argmap.render.formats import Format


class ThemeName(StrEnum):
    LIGHT = "light"
    DARK = "dark"


class Cluster(StrEnum):
    SPEAKERS = "speakers"


DiagramFormatOption = Annotated[
    str | None,
    typer.Option(
        "--format",
        "-f",
        metavar="FORMAT",
        # `formats.choices()`, written out (a test holds them equal): importing the registry
        # here would slow `argmap --help`.
        help="svg, png, pdf, dot (or graphviz, gv), mmd (or mermaid), html (or htm); "
        "by default from OUT's extension.",
    ),
]
DirectionOption = Annotated[
    str, typer.Option("--direction", "-d", help="Where the thread flows: TB, LR, BT or RL.")
]
SourcesOption = Annotated[bool, typer.Option("--sources", help="Draw sources as nodes.")]
FocusOption = Annotated[
    str | None, typer.Option("--focus", metavar="ID", help="Draw only around this claim.")
]
DepthOption = Annotated[
    int, typer.Option("--depth", min=0, help="How many relations away --focus reaches.")
]
SpeakerOption = Annotated[
    str | None,
    typer.Option(
        "--speaker", metavar="NAME", help="Draw this speaker's claims and what they answer."
    ),
]
UnansweredOption = Annotated[
    bool, typer.Option("--unanswered", help="Draw the unanswered claims and what they answer.")
]
ClusterOption = Annotated[Cluster | None, typer.Option("--cluster", help="Group claims: speakers.")]
ThemeOption = Annotated[ThemeName, typer.Option("--theme", help="light or dark.")]


def _seconds(value: float) -> float:
    """A number of seconds: finite (infinity or 1e400 would overflow the clocks that use it)."""
    if not math.isfinite(value):
        raise typer.BadParameter(f"{value} is not a number of seconds; give a finite number")
    return value


TimeoutOption = Annotated[
    float,
    typer.Option(
        "--timeout",
        min=0,
        metavar="SECONDS",
        callback=_seconds,
        help="Stop Graphviz after this long (0: no limit).",
    ),
]


def _diagram_setup(
    file: Path,
    output: str,
    format: str | None,
    direction: str,
    sources: bool,
    focus: str | None,
    depth: int,
    speaker: str | None,
    unanswered: bool,
    cluster: Cluster | None,
    theme: ThemeName,
    strength: str | None = None,
    votes: bool = False,
) -> tuple[Format, DiagramOptions]:
    """The format and drawing options asked for; usage errors exit 2. `--votes` alone draws
    strength by the default semantics: base scores mean nothing without it."""
    from argmap.diagram import DIRECTIONS, DiagramOptions
    from argmap.render.formats import FORMATS, format_for, named
    from argmap.render.formats import choices as diagram_choices

    to_stdout = output == "-"
    fmt = named(format) if format else None
    if format and fmt is None:
        raise fail(f"unknown format {clean(format)!r}; choose one of {diagram_choices()}", 2)
    if fmt is None and not to_stdout:
        fmt = format_for(Path(output))
    if fmt is None:
        suffixes = ", ".join(s for f in FORMATS.values() for s in f.suffixes)
        raise fail(f"say which format to write: give OUT an extension ({suffixes}) or --format", 2)
    if direction.upper() not in DIRECTIONS:
        raise fail(f"--direction must be one of {', '.join(DIRECTIONS)}", 2)
    if to_stdout and fmt.binary:
        raise fail(f"{fmt.name.upper()} is binary: write it to a file with -o FILE", 2)
    if same_file(output, str(file)):
        raise fail(f"{clean_line(output)} is the debate file itself; choose another OUT")
    if fmt.name == "html" and theme is not ThemeName.LIGHT:
        err().print(
            "argmap: note: an HTML map follows the reader's own light or dark setting; "
            "--theme applies to the other formats"
        )
    options = DiagramOptions(
        direction=direction.upper(),
        theme=theme.value,
        sources=sources,
        focus=focus,
        depth=depth,
        speaker=speaker,
        unanswered_only=unanswered,
        cluster_speakers=cluster is Cluster.SPEAKERS,
        strength=strength if strength is not None or not votes else SEMANTICS[0],
        base="votes" if votes else "weights",
    )
    return fmt, options


def _draw(
    file: Path,
    output: str,
    fmt: Format,
    options: DiagramOptions,
    timeout: float,
    as_of: str | None = None,
) -> None:
    """Load (as of `as_of`, if given), draw and write once, and say what happened; library
    errors are raised."""
    from rich.text import Text

    from argmap.files import check_writable, write_atomic
    from argmap.render.formats import render
    from argmap.render.image import DOT_LIMIT

    if output != "-":
        check_writable(output)  # before a map that may take seconds to draw
    drawn = render(load_debate(file, as_of), fmt.name, options, timeout=timeout)
    if output == "-":
        sys.stdout.write(drawn.data.decode("utf-8"))
    else:
        write_atomic(output, drawn.data)
    console = err()
    if drawn.automatic:
        console.print(
            f"argmap: layout: {drawn.engine} (chosen for a map of more than {DOT_LIMIT} claims: "
            "dot with bounded placement, which takes seconds rather than minutes)"
        )
    if drawn.scaled is not None:
        console.print(Text.assemble(("argmap: warning: ", "bold yellow"), _shrunk(drawn.scaled)))
    wrote(output)


def _draw_again(
    file: Path,
    output: str,
    fmt: Format,
    options: DiagramOptions,
    timeout: float,
    as_of: str | None = None,
) -> None:
    """`_draw` for `watch`: a failure is explained and the watch goes on."""
    try:
        _draw(file, output, fmt, options, timeout, as_of)
    except ArgmapError as e:
        explain(e)


def _shrunk(scale: float) -> str:
    """What to say when Graphviz shrank a PNG by `scale` to fit its limit, and what to do.

    >>> _shrunk(0.991287)[:62]
    'the map is too large for a PNG, so Graphviz shrank it to 99% o'
    """
    from argmap.render.image import BITMAP_LIMIT

    percent = scale * 100
    shown = f"{math.floor(percent)}%" if percent >= 1 else f"{percent:.2g}%"
    return (
        f"the map is too large for a PNG, so Graphviz shrank it to {shown} of its size (a PNG "
        f"it draws is at most {BITMAP_LIMIT:,} pixels wide and high), and its text may be too "
        "small to read; for the whole map at full size write SVG or HTML (-o map.svg), or draw "
        "part of it (--focus ID --depth N, --speaker NAME, --unanswered)"
    )


@app.command("render")
def render_command(
    file: FileArgument,
    output: OutputOption,
    format: DiagramFormatOption = None,
    direction: DirectionOption = "TB",
    sources: SourcesOption = False,
    focus: FocusOption = None,
    depth: DepthOption = 2,
    speaker: SpeakerOption = None,
    unanswered: UnansweredOption = False,
    cluster: ClusterOption = None,
    theme: ThemeOption = ThemeName.LIGHT,
    timeout: TimeoutOption = DOT_TIMEOUT,
    as_of: AsOfOption = None,
    strength: StrengthOption = None,
    votes: VotesOption = False,
) -> None:
    """Draw the debate as SVG, PNG or PDF (with Graphviz), or write DOT or Mermaid text.

    With --strength NAME (or --votes), each claim shows its strength as a number and a bar.

    Exit status: 0; 1 when the file has errors, a claim or speaker is unknown, Graphviz is
    missing, fails or runs out of time, or OUT cannot be written; 2 for a usage error; 130
    when interrupted (Ctrl-C), which leaves OUT as it was.
    """
    fmt, options = _diagram_setup(
        file,
        output,
        format,
        direction,
        sources,
        focus,
        depth,
        speaker,
        unanswered,
        cluster,
        theme,
        strength,
        votes,
    )
    with reported(stopped="nothing was written"):
        _draw(file, output, fmt, options, timeout, as_of)


@app.command("watch")
def watch_command(
    file: FileArgument,
    output: OutputOption,
    format: DiagramFormatOption = None,
    direction: DirectionOption = "TB",
    sources: SourcesOption = False,
    focus: FocusOption = None,
    depth: DepthOption = 2,
    speaker: SpeakerOption = None,
    unanswered: UnansweredOption = False,
    cluster: ClusterOption = None,
    theme: ThemeOption = ThemeName.LIGHT,
    timeout: TimeoutOption = DOT_TIMEOUT,
    as_of: AsOfOption = None,
    strength: StrengthOption = None,
    votes: VotesOption = False,
    interval: Annotated[
        float,
        typer.Option(
            "--interval", min=0.05, callback=_seconds, help="Seconds between looks at FILE."
        ),
    ] = 0.5,
) -> None:
    """Draw the debate now and again whenever FILE changes, until Ctrl-C.

    Takes the options of `render`. While the file is invalid, its diagnostics are shown and
    the last good drawing is left in place. Exit status: 0 when stopped with Ctrl-C, 2 for a
    usage error.
    """
    from argmap.watch import watch

    fmt, options = _diagram_setup(
        file,
        output,
        format,
        direction,
        sources,
        focus,
        depth,
        speaker,
        unanswered,
        cluster,
        theme,
        strength,
        votes,
    )
    if output == "-":
        raise fail("watch writes to a file: give -o OUT", 2)
    from rich.text import Text

    err().print(Text.assemble("watching ", (clean_line(str(file)), "bold"), "; Ctrl-C stops"))
    try:
        watch(file, lambda: _draw_again(file, output, fmt, options, timeout, as_of), interval)
    except KeyboardInterrupt:
        err().print("stopped")
