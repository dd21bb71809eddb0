"""What `argmap label` does (`argmap.cli.label` registers the command and imports this when it
runs): classify the unclassified replies of a debate, one key each in a terminal, or with
`--set ID=KIND` from a script. Each decision is the library's (`argmap.label`); this module
reads keys, shows the replies and says what was done."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import typer
from rich.console import Console
from rich.padding import Padding
from rich.text import Text

from argmap.cli.common import fail, max_bytes, out, reported, screen
from argmap.errors import quote
from argmap.label import Decision, LabelError, decide
from argmap.label.session import Changed, Session
from argmap.model import Claim, Relation, RelationKind
from argmap.render import clean, clean_line

# Each key and what it does; `k` and space both skip.
KEYS: dict[str, RelationKind | str] = {
    "r": RelationKind.REBUTS,
    "s": RelationKind.SUPPORTS,
    "u": RelationKind.UNDERCUTS,
    "n": "none",
    "k": "skip",
    " ": "skip",
    "z": "undo",
    "q": "quit",
    "?": "help",
}
KEYS_LINE = (
    "r rebuts · s supports · u undercuts · n not an argument · k or space skip · z undo · "
    "q quit · ? help"
)
HELP = """\
r  rebuts: the reply argues against the claim it answers
s  supports: it gives a reason for it
u  undercuts: it grants the claim but attacks its reasoning
n  not an argument: it stays in the debate, answering nothing
k  or space: skip it for now; it comes round again next time
z  undo the last decision of this session, in the file too
q  quit: every decision is already in the file"""
PROMPT_KEYS = "(r s u n · k z q ?)"
STOPPED = "every decision made so far is in the file"


def label(file: Path, sets: list[str] | None) -> None:
    """`argmap label FILE [--set ID=KIND ...]`."""
    with reported():
        session = Session(file, max_bytes())
    if sets:
        _set(session, sets)
        return
    if not session.pending:
        out().print(Text(f"no unclassified replies in {clean_line(str(file))}"))
        return
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise fail(
            "argmap label asks a key for each reply, so it runs in a terminal",
            2,
            hint="run it in a terminal, or classify from a script with --set ID=KIND",
        )
    with reported(stopped=STOPPED):
        _walk(session, file, screen())


def _set(session: Session, specs: list[str]) -> None:
    """Every `--set`, checked first, then made at once, or none of them."""
    decisions: list[Decision] = []
    problems: list[LabelError] = []
    seen: dict[tuple[str, str], str] = {}
    for spec in specs:
        try:
            d = decide(spec, session.debate, session.pending)
        except LabelError as e:
            problems.append(e)
            continue
        if (d.source, d.target) in seen:
            problems.append(
                LabelError(
                    f"--set {quote(spec)}: the reply {d.source}>{d.target} is already set by "
                    f"{quote(seen[(d.source, d.target)])}",
                    "set each reply once",
                )
            )
            continue
        seen[(d.source, d.target)] = spec
        decisions.append(d)
    if problems:
        for problem in problems:
            _say(problem)
        raise typer.Exit(1)
    with reported():
        session.decide_all(decisions)
    console = out()
    for d in decisions:
        console.print(Text(clean_line(d.words)))
    _tally(console, session, len(decisions), None, Path(session.path))


def _walk(session: Session, file: Path, console: Console) -> None:
    pending = session.pending
    n = len(pending)
    plural = "reply" if n == 1 else "replies"
    console.print(
        Text.assemble(
            "Labelling ",
            (clean_line(str(file)), "bold"),
            f": {n} unclassified {plural}, in thread order.",
        )
    )
    console.print(Text(KEYS_LINE, "dim"))
    skipped: set[int] = set()
    i = 0
    with _keys() as read_key:
        while i < n:
            _show(console, session, pending[i], i, n)
            key = read_key()
            action = KEYS.get(key.lower() if len(key) == 1 else key)
            if action is None:
                console.print(
                    Text(f"{_key_name(key)}: not a key argmap label knows; ? shows them", "yellow")
                )
                continue
            if action == "help":
                console.print(Text(HELP))
                continue
            if action == "quit":
                console.print(Text("quit"))
                break
            if action == "skip":
                console.print(Text("skipped"))
                skipped.add(i)
                i += 1
                continue
            if action == "undo":
                i = _undo(console, session, i)
                continue
            kind = action if isinstance(action, RelationKind) else None
            decision = Decision(pending[i].source, pending[i].target, kind)
            try:
                session.decide(decision, i)
            except Changed:
                raise
            except LabelError as e:  # this reply cannot be edited so: say why, and ask again
                _say(e)
                continue
            skipped.discard(i)
            console.print(Text("→ " + clean_line(decision.words), "green"))
            i += 1
    decided = {s.index for s in session.steps}
    _tally(console, session, len(session.steps), len(skipped - decided), file)


def _undo(console: Console, session: Session, i: int) -> int:
    """Undo the last decision, and go back to its reply; stay at `i` when there is none."""
    step = session.undo()
    if step is None:
        console.print(Text("nothing to undo in this session", "yellow"))
        return i
    console.print(Text("undone: " + clean_line(step.decision.words), "yellow"))
    return step.index


def _show(console: Console, session: Session, reply: Relation, i: int, n: int) -> None:
    claims = session.debate.claims
    console.print()
    console.print(Text(f"{i + 1} of {n}", "bold"))
    console.print(_head("  ", claims[reply.target]))
    console.print(Padding(Text(clean(claims[reply.target].text)), (0, 0, 0, 4), expand=False))
    console.print(_head("↳ ", claims[reply.source]))
    console.print(Padding(Text(clean(claims[reply.source].text)), (0, 0, 0, 4), expand=False))
    console.print(
        Text.assemble(
            "how does ",
            (clean_line(reply.source), "bold"),
            " answer ",
            (clean_line(reply.target), "bold"),
            f"? {PROMPT_KEYS} ",
        ),
        end="",
    )
    sys.stdout.flush()


def _head(lead: str, claim: Claim) -> Text:
    """`id · speaker · time · score N`, as much of it as the claim has."""
    parts = [claim.by, claim.at, None if claim.score is None else f"score {claim.score}"]
    text = Text.assemble(lead, (clean_line(claim.id), "bold"))
    for part in parts:
        if part is not None:
            text.append(" · " + clean_line(part))
    return text


def _tally(
    console: Console, session: Session, classified: int, skipped: int | None, file: Path
) -> None:
    left = len(session.left())
    counts = [f"classified {classified}"]
    if skipped is not None:
        counts.append(f"skipped {skipped}")
    counts.append(f"left {left}")
    console.print(Text(", ".join(counts)))
    if left:
        return
    name = clean_line(str(file))
    problems = session.check().diagnostics
    if not problems:
        console.print(
            Text(f"all replies are classified; `argmap check --strict {name}` passes", "green")
        )
    else:
        n = len(problems)
        console.print(
            Text(
                f"all replies are classified; `argmap check --strict {name}` still finds "
                f"{n} problem{'' if n == 1 else 's'}: see `argmap check {name}`",
                "yellow",
            )
        )


def _say(e: LabelError) -> None:
    """The error on stderr, as `argmap: error: ...` and its hint."""
    fail(clean_line(str(e)), hint=None if e.hint is None else clean_line(e.hint))


def _key_name(key: str) -> str:
    return "an escape sequence" if key.startswith("\x1b") else repr(clean(key))


@contextmanager
def _keys() -> Iterator[Callable[[], str]]:
    """Read one key at a time from the terminal, without Enter and without echo, until the
    block ends however it ends (quit, Ctrl-C, SIGTERM): the terminal's settings are then put
    back. cbreak rather than raw: Ctrl-C still interrupts, and output still starts each line
    at the left margin."""
    import termios
    import tty

    fd = sys.stdin.fileno()
    saved = termios.tcgetattr(fd)
    tty.setcbreak(fd)
    try:
        yield lambda: _read_key(fd)
    finally:
        with contextlib.suppress(termios.error, OSError):  # the terminal is gone (SIGHUP)
            termios.tcsetattr(fd, termios.TCSADRAIN, saved)


def _read_key(fd: int) -> str:
    # One read takes a whole key: a multi-byte character or an arrow's escape sequence.
    data = os.read(fd, 32)
    if not data or data == b"\x04":  # end of input, or Ctrl-D
        return "q"
    return data.decode("utf-8", "replace")
