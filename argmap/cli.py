"""The `argmap` command: parse options, call the library, print, map errors to exit codes.

Only this module writes to stdout or stderr, and only it imports typer.
"""

from __future__ import annotations

import importlib.util
import json
import math
import os
import sys
from enum import StrEnum
from importlib import resources
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console, RenderableType
from rich.text import Text

from argmap import __version__
from argmap.check import check
from argmap.errors import ArgmapError, Diagnostic, Severity
from argmap.files import TooLarge, open_for_reading, read_at_most, write_atomic
from argmap.load import DEFAULT_MAX_BYTES, Result, format_size, parse_size
from argmap.model import Debate
from argmap.render import DEFAULT_LIMIT, UnknownClaimError, clean
from argmap.render.image import DOT_TIMEOUT
from argmap.render.jsontext import to_json


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

if TYPE_CHECKING:
    from argmap.convert import Converter
    from argmap.diagram import DiagramOptions
    from argmap.render.formats import Format

app = typer.Typer(
    name="argmap",
    help="Map debates: who claimed what, what answers what, what still stands.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


# Consoles are made when used, not at import, so each run sees its own stdout, terminal and
# NO_COLOR / FORCE_COLOR settings.
def _out() -> Console:
    return _screen(soft_wrap=True)


def _err() -> Console:
    return _screen(stderr=True, soft_wrap=True)


DEBATE_SUFFIXES = (".yaml", ".yml")


class CheckFormat(StrEnum):
    TEXT = "text"
    JSON = "json"


def fail(message: str, code: int = 1) -> typer.Exit:
    _err().print(Text.assemble(("argmap: error: ", "bold red"), message))
    return typer.Exit(code)


def _version(value: bool) -> None:
    if value:
        _out().print(f"argmap {__version__}")
        raise typer.Exit()


# The largest debate file this run reads (--max-size or ARGMAP_MAX_SIZE; None: no limit).
_max_bytes: int | None = DEFAULT_MAX_BYTES


def _size(value: str | int) -> int:
    if isinstance(value, int):  # the default
        return value
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
            show_default=format_size(DEFAULT_MAX_BYTES).replace(" ", ""),
            help="Refuse debate files larger than this: bytes, or with KB, MB, GB, KiB, MiB or "
            "GiB; 0 for no limit.",
        ),
    ] = DEFAULT_MAX_BYTES,
) -> None:
    """Map debates: who claimed what, what answers what, what still stands."""
    global _max_bytes
    _max_bytes = max_size or None


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
                raise fail(f"no .yaml files in the folder {clean(str(p))}", 2)
            files.extend(found)
        else:
            files.append(p)
    return files


def _styled(d: Diagnostic) -> Text:
    colour = "red" if d.severity is Severity.ERROR else "yellow"
    first, _, hint = clean(d.format()).partition("\n")
    where, _, rest = first.partition(f": {d.severity}[")
    text = Text.assemble((where, "bold"), ": ", (f"{d.severity}[{d.code}]", f"bold {colour}"))
    text.append(rest.partition("]")[2])
    if hint:
        text.append("\n")
        text.append(hint, "cyan")
    return text


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
    results = [check(f, max_bytes=_max_bytes) for f in debate_files(paths)]
    diagnostics = [d for r in results for d in r.diagnostics]
    errors = sum(d.is_error for d in diagnostics)
    warnings = len(diagnostics) - errors
    failed = errors > 0 or (strict and warnings > 0)
    if format is CheckFormat.JSON:
        sys.stdout.write(json.dumps([d.to_dict() for d in diagnostics], indent=2) + "\n")
    else:
        for r in results:
            for d in r.diagnostics:
                _out().print(_styled(d))
            if r.debate is not None and not quiet:
                _out().print(
                    Text.assemble((clean(r.file), "bold"), ": ", ("ok", "green"), ": ", _summary(r))
                )
        tally = (
            f"{_counts(len(results), 'file')} checked: "
            f"{_counts(errors, 'error')}, {_counts(warnings, 'warning')}"
        )
        if strict and warnings and not errors:
            tally += " (--strict: warnings fail)"
        _out().print(Text(tally, "bold red" if failed else "bold green"))
    if failed:
        raise typer.Exit(1)


@app.command("schema")
def schema_command() -> None:
    """Print the JSON Schema of debate files, for editors and other tools."""
    from argmap.fileformat import json_schema

    sys.stdout.write(json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n")


@app.command("new")
def new_command(
    file: Annotated[Path, typer.Argument(help="Where to write the new debate (.yaml).")],
) -> None:
    """Write a commented starter debate to FILE. An existing file is never overwritten."""
    if file.suffix not in DEBATE_SUFFIXES:
        raise fail(f"{file}: a debate file ends in .yaml or .yml", 2)
    starter = resources.files("argmap").joinpath("starter.yaml").read_bytes()
    try:
        write_atomic(file, starter, overwrite=False)
    except ArgmapError as e:
        raise fail(str(e)) from None
    _out().print(
        Text.assemble("wrote ", (str(file), "bold"), f"; check it with: argmap check {file}")
    )


# --- reports: summary, unanswered, tree, show ---------------------------------------------------


class ReportFormat(StrEnum):
    TEXT = "text"
    JSON = "json"


FormatOption = Annotated[
    ReportFormat,
    typer.Option("--format", "-f", help="text for people, or json for tools (docs/json.md)."),
]
FileArgument = Annotated[Path, typer.Argument(metavar="FILE", help="The debate file.")]


def _screen(stderr: bool = False, soft_wrap: bool = False) -> Console:
    """A console for reports. It wraps to the terminal's width; NO_COLOR (set and not empty)
    turns off every style, bold included, so no escape code is written at all."""
    plain = bool(os.environ.get("NO_COLOR"))
    return Console(
        stderr=stderr,
        highlight=False,
        soft_wrap=soft_wrap,
        color_system=None if plain else "auto",
    )


def _load(file: Path) -> Debate:
    """The debate in `file`; if it has errors, print its diagnostics as `check` does and exit 1."""
    # Expectations are not held here: a debate whose `expect:` fails is worth a look to see why.
    result = check(file, verify=False, max_bytes=_max_bytes)
    if result.debate is None:
        err = _screen(stderr=True, soft_wrap=True)
        for d in result.diagnostics:
            err.print(_styled(d))
        raise typer.Exit(1)
    return result.debate


def _json(data: object) -> None:
    sys.stdout.write(to_json(data) + "\n")


def _text(renderable: RenderableType) -> None:
    _screen().print(renderable)


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
) -> None:
    """Summarise a debate on one screen: counts, what stands, what went unanswered, who said what.

    Exit status: 0, or 1 when the file has errors (printed as `argmap check` prints them),
    2 for a usage error.
    """
    debate = _load(file)
    if format is ReportFormat.JSON:
        _json(report.summary(debate))
    else:
        _text(terminal.summary(debate, limit or None))


@app.command("unanswered")
def unanswered_command(file: FileArgument, format: FormatOption = ReportFormat.TEXT) -> None:
    """List the claims nothing rebuts or undercuts, with who made them and what they say.

    Exit status: 0, or 1 when the file has errors, 2 for a usage error.
    """
    debate = _load(file)
    if format is ReportFormat.JSON:
        _json(report.unanswered(debate))
    else:
        _text(terminal.unanswered(debate))


@app.command("tree")
def tree_command(file: FileArgument, format: FormatOption = ReportFormat.TEXT) -> None:
    """Show the thread as a tree: under each claim, the claims that answer it.

    Exit status: 0, or 1 when the file has errors, 2 for a usage error.
    """
    debate = _load(file)
    if format is ReportFormat.JSON:
        _json(report.tree(debate))
    else:
        _text(terminal.tree(debate))


@app.command("show")
def show_command(
    file: FileArgument,
    claim: Annotated[str, typer.Argument(metavar="ID", help="The id of a claim in the file.")],
    format: FormatOption = ReportFormat.TEXT,
) -> None:
    """Show one claim in context: its status and why, what it answers, what answers it, what it
    cites.

    Exit status: 0, or 1 when the file has errors or has no claim ID, 2 for a usage error.
    """
    debate = _load(file)
    try:
        if format is ReportFormat.JSON:
            _json(report.show(debate, claim))
        else:
            _text(terminal.show(debate, claim))
    except UnknownClaimError as e:
        err = _screen(stderr=True, soft_wrap=True)
        err.print(Text.assemble(("argmap: error: ", "bold red"), clean(str(e))))
        if e.hint is not None:
            err.print(Text(f"  hint: {clean(e.hint)}", "cyan"))
        raise typer.Exit(1) from None


class ThemeName(StrEnum):
    LIGHT = "light"
    DARK = "dark"


class Cluster(StrEnum):
    SPEAKERS = "speakers"


OutputOption = Annotated[
    str,
    typer.Option(
        "--output", "-o", metavar="OUT", help="Where to write; '-' for stdout (text formats)."
    ),
]
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
TimeoutOption = Annotated[
    float,
    typer.Option(
        "--timeout",
        min=0,
        metavar="SECONDS",
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
) -> tuple[Format, DiagramOptions]:
    """The format and drawing options asked for; usage errors exit 2."""
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
    if not to_stdout and Path(output).resolve() == file.resolve():
        raise fail(f"{clean(output)} is the debate file itself; choose another OUT")
    if fmt.name == "html" and theme is not ThemeName.LIGHT:
        _err().print(
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
    )
    return fmt, options


def _draw(file: Path, output: str, fmt: Format, options: DiagramOptions, timeout: float) -> bool:
    """Load, draw and write once; print what happened. False when it failed."""
    from argmap.render.formats import render
    from argmap.render.image import DOT_LIMIT

    err = _err()
    result = check(file, verify=False, max_bytes=_max_bytes)
    if result.debate is None:
        for d in result.diagnostics:
            err.print(_styled(d))
        return False
    try:
        drawn = render(result.debate, fmt.name, options, timeout=timeout)
        if output == "-":
            sys.stdout.write(drawn.data.decode("utf-8"))
        else:
            write_atomic(output, drawn.data)
    except ArgmapError as e:
        err.print(Text.assemble(("argmap: error: ", "bold red"), clean(str(e))))
        return False
    if drawn.automatic:
        err.print(
            f"argmap: layout: {drawn.engine} (chosen for a map of more than {DOT_LIMIT} claims: "
            "dot with bounded placement, which takes seconds rather than minutes)"
        )
    if drawn.scaled is not None:
        err.print(Text.assemble(("argmap: warning: ", "bold yellow"), _shrunk(drawn.scaled)))
    if output != "-":
        err.print(Text.assemble("wrote ", (clean(output), "bold")))
    return True


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
) -> None:
    """Draw the debate as SVG, PNG or PDF (with Graphviz), or write DOT or Mermaid text.

    Exit status: 0; 1 when the file has errors, a claim or speaker is unknown, Graphviz is
    missing, fails or runs out of time, or OUT cannot be written; 2 for a usage error; 130
    when interrupted (Ctrl-C), which leaves OUT as it was.
    """
    fmt, options = _diagram_setup(
        file, output, format, direction, sources, focus, depth, speaker, unanswered, cluster, theme
    )
    try:
        drawn = _draw(file, output, fmt, options, timeout)
    except KeyboardInterrupt:
        raise fail("interrupted; nothing was written", 130) from None
    if not drawn:
        raise typer.Exit(1)


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
    interval: Annotated[
        float, typer.Option("--interval", min=0.05, help="Seconds between looks at FILE.")
    ] = 0.5,
) -> None:
    """Draw the debate now and again whenever FILE changes, until Ctrl-C.

    Takes the options of `render`. While the file is invalid, its diagnostics are shown and
    the last good drawing is left in place. Exit status: 0 when stopped with Ctrl-C, 2 for a
    usage error.
    """
    from argmap.watch import watch

    fmt, options = _diagram_setup(
        file, output, format, direction, sources, focus, depth, speaker, unanswered, cluster, theme
    )
    if output == "-":
        raise fail("watch writes to a file: give -o OUT", 2)
    _err().print(Text.assemble("watching ", (clean(str(file)), "bold"), "; Ctrl-C stops"))
    try:
        watch(file, lambda: _draw(file, output, fmt, options, timeout), interval)
    except KeyboardInterrupt:
        _err().print("stopped")


# --- import and export: other tools' formats (argmap/convert) -----------------------------------


def _input_bytes(path: str) -> bytes:
    """The bytes of INPUT (`-`: standard input); an unreadable or too large file exits 1.

    The size limit of debate files (`--max-size`) holds here too, read as the loader reads
    (`argmap.files`): checked before the file is read, and the read itself stops one byte past
    it, for pipes and growing files.
    """
    limit = _max_bytes
    try:
        if path == "-":
            return read_at_most(sys.stdin.buffer, limit)
        f, size = open_for_reading(path)
        with f:
            return read_at_most(f, limit, size)
    except TooLarge as e:
        shown = "" if e.size is None else f"is {format_size(e.size)}, "
        raise fail(
            f"{clean(path)}: the file {shown}more than the limit of {format_size(e.limit)}; "
            f"to read it anyway, raise the limit: `argmap --max-size SIZE import ...` "
            "or ARGMAP_MAX_SIZE=SIZE (0 for no limit)"
        ) from None
    except FileNotFoundError:
        raise fail(f"{clean(path)}: no such file") from None
    except IsADirectoryError:
        raise fail(f"{clean(path)}: this is a folder, not a file") from None
    except OSError as e:
        raise fail(f"{clean(path)}: cannot read the file: {e.strerror or e}") from None


def _same_file(output: str, other: str) -> bool:
    return output != "-" and other != "-" and Path(output).resolve() == Path(other).resolve()


def _unknown_converter(word: str, registry: dict[str, Converter]) -> str:
    """The message for a format `import` or `export` does not know. For `export`, it points at
    `render` when `word` names one of its formats (a drawing, not another tool's file)."""
    from argmap.convert import EXPORTERS, choices
    from argmap.render.formats import named

    message = f"unknown format {clean(word)!r}; choose one of {choices(registry)}"
    drawn = named(word) if registry is EXPORTERS else None
    if drawn is not None:
        message += f"; to draw the map, use `argmap render FILE -o OUT --format {drawn.name}`"
    return message


@app.command("import")
def import_command(
    format: Annotated[
        str,
        typer.Argument(
            metavar="FORMAT",
            # `convert.choices(IMPORTERS)`, written out as for `render --format`.
            help="aif (or xaif), kialo, argdown, json (or node-link, nodelink).",
        ),
    ],
    input: Annotated[
        str, typer.Argument(metavar="INPUT", help="The file to import; '-' for standard input.")
    ],
    output: OutputOption,
    force: Annotated[bool, typer.Option("--force", help="Overwrite OUT if it exists.")] = False,
) -> None:
    """Import another tool's file as an argmap debate file (YAML) that passes `argmap check`.

    Prints what was mapped and everything that was not (also written at the top of OUT).
    Exit status: 0; 1 when INPUT cannot be read or is not FORMAT, or OUT exists (without
    --force) or cannot be written; 2 for a usage error.
    """
    from argmap.check import check_text
    from argmap.convert import IMPORTERS, ConvertError, find
    from argmap.convert.yamlwrite import imported_yaml, mapped_line

    converter = find(IMPORTERS, format)
    if converter is None:
        raise fail(_unknown_converter(format, IMPORTERS), 2)
    if output != "-" and Path(output).suffix not in DEBATE_SUFFIXES:
        raise fail(f"{clean(output)}: a debate file ends in .yaml or .yml (or use -o -)", 2)
    if _same_file(output, input):
        raise fail(f"{clean(output)} is the file being imported; choose another OUT")
    name = "<stdin>" if input == "-" else input
    data = _input_bytes(input)
    try:
        imported = converter.read(data, name)
    except ConvertError as e:
        where = name + "".join(f":{n}" for n in (e.line, e.column) if n is not None)
        raise fail(f"{clean(where)}: {clean(e.message)}") from None
    text = imported_yaml(imported)
    shown = "<stdout>" if output == "-" else output
    result = check_text(text, shown)
    err = _err()
    if result.debate is None:  # a bug in an importer: say so rather than write a broken file
        for d in result.diagnostics:
            err.print(_styled(d))
        raise fail(
            "the imported debate does not pass `argmap check` (a bug in argmap): not written"
        )
    try:
        if output == "-":
            sys.stdout.write(text)
            sys.stdout.flush()  # the debate, then the summary on stderr, in that order
        else:
            write_atomic(output, text.encode("utf-8"), overwrite=force)
    except ArgmapError as e:
        message = str(e)
        if not force and "already exists" in message:
            message += " (or pass --force to overwrite it)"
        raise fail(clean(message)) from None
    err.print(clean(mapped_line(imported.mapped)))
    if imported.skipped:
        err.print(f"Not mapped, or mapped with a loss ({len(imported.skipped)}):")
        for line in imported.skipped:
            err.print(Text(f"  - {clean(line)}"))
    for d in result.diagnostics:  # warnings only: errors were handled above
        err.print(_styled(d))
    if output != "-":
        err.print(Text.assemble("wrote ", (clean(output), "bold")))


@app.command("export")
def export_command(
    file: FileArgument,
    output: OutputOption,
    to: Annotated[
        str | None,
        typer.Option(
            "--to",
            "-t",
            metavar="FORMAT",
            # `convert.choices(EXPORTERS)`, written out as for `render --format`.
            help="aif, argdown, graphml, gexf, json (or node-link, nodelink), apx (or aspartix), "
            "tgf, iccma (or af); by default from OUT's extension when only one format uses it.",
        ),
    ] = None,
) -> None:
    """Export a debate to another tool's format.

    Exit status: 0; 1 when the file has errors or OUT cannot be written; 2 for a usage error
    (no format, or an unknown one).
    """
    from argmap.convert import EXPORTERS, exporter_for, find
    from argmap.convert import choices as converter_choices

    converter = find(EXPORTERS, to) if to else None
    if to and converter is None:
        raise fail(_unknown_converter(to, EXPORTERS), 2)
    if converter is None and output != "-":
        converter = exporter_for(Path(output).suffix)
    if converter is None:
        raise fail(
            f"say which format to write with --to ({converter_choices(EXPORTERS)}); OUT's "
            "extension does not say (.json is both aif and json)",
            2,
        )
    if _same_file(output, str(file)):
        raise fail(f"{clean(output)} is the debate file itself; choose another OUT")
    debate = _load(file)
    data = converter.write(debate)
    try:
        if output == "-":
            sys.stdout.write(data.decode("utf-8"))
        else:
            write_atomic(output, data)
    except ArgmapError as e:
        raise fail(clean(str(e))) from None
    if output != "-":
        _err().print(Text.assemble("wrote ", (clean(output), "bold")))


def main() -> None:
    app()
