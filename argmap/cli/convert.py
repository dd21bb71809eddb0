"""The commands that move debates between argmap and other tools: `import` and `export`
(the formats themselves are in `argmap.convert`)."""

from __future__ import annotations

import shlex
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from argmap.cli.common import (
    DEBATE_SUFFIXES,
    AsOfOption,
    FileArgument,
    OutputOption,
    app,
    err,
    fail,
    load_debate,
    max_bytes,
    print_diagnostics,
    reported,
    same_file,
    wrote,
)
from argmap.errors import ArgmapError, OutputError
from argmap.render import clean, clean_line

if TYPE_CHECKING:
    from argmap.convert import Converter, Imported


def _input_bytes(path: str) -> bytes:
    """The bytes of INPUT (`-`: standard input); `ArgmapError` for an unreadable or too large
    file.

    The size limit of debate files (`--max-size`) holds here too, read as the loader reads
    (`argmap.files`): checked before the file is read, and the read itself stops one byte past
    it, for pipes and growing files.
    """
    from argmap.files import TooLarge, open_for_reading, read_at_most
    from argmap.load import format_size

    limit = max_bytes()
    try:
        if path == "-":
            return read_at_most(sys.stdin.buffer, limit)
        f, size = open_for_reading(path)
        with f:
            return read_at_most(f, limit, size)
    except TooLarge as e:
        shown = "" if e.size is None else f"is {format_size(e.size)}, "
        raise ArgmapError(
            f"{path}: the file {shown}more than the limit of {format_size(e.limit)}; "
            f"to read it anyway, raise the limit: `argmap --max-size SIZE import ...` "
            "or ARGMAP_MAX_SIZE=SIZE (0 for no limit)"
        ) from None
    except FileNotFoundError:
        raise ArgmapError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise ArgmapError(f"{path}: this is a folder, not a file") from None
    except OSError as e:
        raise ArgmapError(f"{path}: cannot read the file: {e.strerror or e}") from None


def _is_address(input: str) -> bool:
    return input.lower().startswith(("http://", "https://"))


def _fetched(site: str, url: str) -> bytes:
    """The thread at `url`, fetched (`argmap.convert.fetch`), saying on stderr what is asked
    for as it goes; `ConvertError` when it cannot be had."""
    from rich.text import Text

    from argmap.convert import ConvertError
    from argmap.convert.fetch import fetch_thread
    from argmap.convert.threadurls import NAMES

    if site not in NAMES and site != "reddit":
        raise ConvertError(
            f"argmap fetches threads only for {', '.join(NAMES)} (and `{site}` is a file "
            "format): save the file and import it"
        )
    console = err()
    return fetch_thread(
        site,
        url,
        max_bytes=max_bytes(),
        progress=lambda step: console.print(Text(f"fetching {clean_line(step)}", style="dim")),
    )


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
            help="aif (or xaif), kialo, argdown, json (or node-link, nodelink), text, reddit, "
            "lemmy, hn (or hackernews), discourse, mastodon.",
        ),
    ],
    input: Annotated[
        str,
        typer.Argument(
            metavar="INPUT",
            help="The file to import; '-' for standard input; for lemmy, hn, discourse and "
            "mastodon, the thread's http(s) address, fetched.",
        ),
    ],
    output: OutputOption,
    force: Annotated[bool, typer.Option("--force", help="Overwrite OUT if it exists.")] = False,
    copied_at: Annotated[
        str | None,
        typer.Option(
            "--copied-at",
            metavar="TIME",
            help="For `text`: when the page was copied (ISO 8601 with a time zone); each "
            "comment is then dated (`at:`) from the age it shows, `5 days ago`, to the "
            "precision of that age.",
        ),
    ] = None,
) -> None:
    """Import another tool's file as an argmap debate file (YAML) that passes `argmap check`.

    Prints what was mapped and everything that was not (also written at the top of OUT).
    Exit status: 0; 1 when INPUT cannot be read or is not FORMAT, or OUT exists (without
    --force) or cannot be written; 2 for a usage error.
    """
    from rich.text import Text

    from argmap.analyze.semantics import paused_collector
    from argmap.check import check_text
    from argmap.convert import IMPORTERS, ConvertError, find
    from argmap.convert.written import mapped_line, written
    from argmap.files import check_writable, write_atomic

    converter = find(IMPORTERS, format)
    if converter is None:
        raise fail(_unknown_converter(format, IMPORTERS), 2)
    read = converter.read
    if copied_at is not None:
        read = _copied(converter.name, copied_at)
    if output != "-" and Path(output).suffix not in DEBATE_SUFFIXES:
        raise fail(f"{clean_line(output)}: a debate file ends in .yaml or .yml (or use -o -)", 2)
    if same_file(output, input):
        raise fail(f"{clean_line(output)} is the file being imported; choose another OUT")
    name = "<stdin>" if input == "-" else input
    with reported():
        shown = "<stdout>" if output == "-" else output
        if output != "-":  # before the input is read, or fetched
            with _force_hint(force):
                check_writable(output, overwrite=force)
        # The cyclic collector stays off from reading to the check: these make hundreds of
        # thousands of objects that live to the end and form no cycles (the loader's test holds
        # it to that), so its passes over them would be spent in vain (0.05-0.08 s of a
        # 10,000-comment import).
        with paused_collector():
            try:
                data = (
                    _fetched(converter.name, input) if _is_address(input) else _input_bytes(input)
                )
                imported = read(data, name)
            except ConvertError as e:
                where = name + "".join(f":{n}" for n in (e.line, e.column) if n is not None)
                raise ArgmapError(f"{where}: {e.message}") from None
            # Checked as `argmap check` would, as it is written (`written`). One line below
            # counts the unclassified replies: their warnings are only counted.
            out = written(imported, shown)
        text = out.text
        if not out.loads:  # a bug in an importer: say so rather than write a broken file
            print_diagnostics(check_text(text, shown).diagnostics)  # every one of them
            raise ArgmapError(
                "the imported debate does not pass `argmap check` (a bug in argmap): not written"
            )
        if output == "-":
            sys.stdout.write(text)
            sys.stdout.flush()  # the debate, then the summary on stderr, in that order
        else:
            with _force_hint(force):
                write_atomic(output, text.encode("utf-8"), overwrite=force)
    console = err()
    console.print(clean_line(mapped_line(imported.mapped)))
    if imported.skipped:
        console.print(f"Not mapped, or mapped with a loss ({len(imported.skipped)}):")
        # One print for the whole list: 40,000 of them, one at a time, took seconds.
        console.print(Text("\n".join(f"  - {clean_line(line)}" for line in imported.skipped)))
    # Warnings only: errors were handled above. A thread's replies are all unclassified at
    # first: one line says so, rather than a warning for each of thousands of replies.
    said_once = ("unclassified-reply", "too-many-warnings")
    print_diagnostics([d for d in out.diagnostics if d.code not in said_once])
    unclassified = out.unclassified
    if unclassified:
        console.print(
            f"{unclassified:,} {'reply is' if unclassified == 1 else 'replies are'} not yet "
            f"classified; `argmap label {clean_line(shown)}` walks them one key at a time"
        )
    wrote(output)


@contextmanager
def _force_hint(force: bool) -> Iterator[None]:
    """An `OutputError` for a file that is there, with how to replace it all the same."""
    try:
        yield
    except OutputError as e:
        if force or "already exists" not in str(e):
            raise
        raise OutputError(f"{e} (or pass --force to overwrite it)") from None


def _copied(site: str, copied_at: str) -> Callable[[bytes, str], Imported]:
    """The `text` reader that dates each comment from its age and when the page was copied;
    a usage error for another format, or a TIME argmap cannot read."""
    if site != "text":
        raise fail(
            "--copied-at is for `argmap import text`: a site's JSON has each comment's own time",
            2,
        )
    from argmap.analyze.times import moment
    from argmap.convert import pasted

    try:
        when = moment(copied_at.strip())
    except ValueError:
        raise fail(
            f"--copied-at: {clean_line(copied_at)!r} is not a time: give the date and time the "
            "page was copied, with its time zone (2023-07-20T12:00:00Z, 2023-07-20T14:00+02:00)",
            2,
        ) from None
    return lambda data, name: pasted.read(data, name, copied=when)


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
    as_of: AsOfOption = None,
) -> None:
    """Export a debate to another tool's format.

    Unclassified replies that the format cannot hold as relations (the attack graph formats
    leave them out; AIF and Argdown keep them only as data) are counted in a line on stderr.
    Exit status: 0; 1 when the file has errors or OUT cannot be written; 2 for a usage error
    (no format, or an unknown one).
    """
    from rich.text import Text

    from argmap.analysis import analyse
    from argmap.convert import EXPORTERS, Kept, exporter_for, find
    from argmap.convert import choices as converter_choices
    from argmap.files import check_writable, write_atomic

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
    if same_file(output, str(file)):
        raise fail(f"{clean_line(output)} is the debate file itself; choose another OUT")
    with reported():
        if output != "-":
            check_writable(output)
        analysis = analyse(load_debate(file, as_of))
        data = converter.write(analysis)
        if output == "-":
            sys.stdout.write(data.decode("utf-8"))
        else:
            write_atomic(output, data)
    replies = converter.replies
    count = len(analysis.unclassified)
    notice = replies.notice(count) if replies is not None else None
    if replies is not None and notice is not None:
        lost = replies.kept is Kept.NO
        label = ("argmap: warning: ", "bold yellow") if lost else "argmap: note: "
        how = f"argmap label {shlex.quote(str(file))}"
        them = "it" if count == 1 else "them"
        err().print(
            Text.assemble(label, clean_line(f"{notice}; classify {them} first with `{how}`"))
        )
    wrote(output)
