"""Images drawn by Graphviz: DOT text in, SVG, PNG or PDF bytes out, with `dot` run as a child
process that is stopped when it takes too long or the command is interrupted.

The only module that imports the `graphviz` package (for where its `dot` program is) and runs
Graphviz: every drawing goes through `draw_image`.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:
    import subprocess

from argmap.errors import DiagramError

# Seconds Graphviz's `dot` may take before it is stopped (`render --timeout`). 10,000 claims draw
# in about 10 s on a 2-core machine; this leaves room for slower machines while a runaway layout
# still ends.
DOT_TIMEOUT = 120.0
# Above this many claims, `dot`'s placement step (network simplex) takes minutes; bounding its
# iterations draws 10,000 claims in seconds, with every node in place and nothing shrunk.
DOT_LIMIT = 1500
LAYOUTS: dict[str, list[str]] = {
    "dot": [],
    "dot-fast": ["nslimit=0.05", "nslimit1=0.05", "mclimit=0.5"],
}


def engine_for(claims: int) -> str:
    """The layout for a map of this many claims: `dot`, or `dot-fast` for large maps."""
    return "dot" if claims <= DOT_LIMIT else "dot-fast"


IMAGE_FORMATS = ("svg", "png", "pdf")

# The most bytes of a drawing read from `dot`, far above any map argmap draws (10,000 claims make
# an SVG of about 10 MB): a `dot` that writes without end is stopped here rather than filling
# memory. Of its messages on stderr, the first and the last MAX_MESSAGES bytes are kept, and a
# message is shown up to MAX_LINE characters.
MAX_DRAWING = 512 << 20
MAX_MESSAGES = 64 << 10
MAX_LINE = 500
# The most pixels a side that Graphviz's cairo renderer can draw in a bitmap (PNG): a larger
# drawing is shrunk to fit, and `dot` says so on stderr only, still exiting 0.
BITMAP_LIMIT = 32767
# Graphviz 2.x: "dot: graph is too large ...", later versions: "Warning: graph is too large ...".
_SHRUNK = re.compile(
    r"too large for cairo-renderer bitmaps\. Scaling by (\d*\.?\d+(?:e[+-]?\d+)?) to fit", re.I
)


@dataclass(frozen=True)
class Image:
    """What Graphviz drew: the bytes, and the factor (below 1) by which it shrank a bitmap too
    large for it (more than `BITMAP_LIMIT` pixels a side) to fit, or None when it did not."""

    data: bytes
    scaled: float | None = None


def render_image(
    dot_text: str, fmt: str, engine: str = "dot", timeout: float | None = DOT_TIMEOUT
) -> bytes:
    """Draw DOT text with Graphviz as svg, png or pdf: the bytes of `draw_image`."""
    return draw_image(dot_text, fmt, engine, timeout).data


def draw_image(
    dot_text: str, fmt: str, engine: str = "dot", timeout: float | None = DOT_TIMEOUT
) -> Image:
    """Draw DOT text with Graphviz as svg, png or pdf, stopping `dot` after `timeout` seconds.

    `dot` runs as a child process that is killed when it runs out of time, writes more than
    `MAX_DRAWING` bytes, or when the caller is interrupted (Ctrl-C, or any other exception), so
    no layout outlives the command and no `dot` can fill memory. Of what it says on stderr, the
    first and the last `MAX_MESSAGES` bytes are kept. The graphviz package's own `pipe` can
    bound neither time nor size, hence the direct call. A PNG larger than `BITMAP_LIMIT` pixels
    a side comes back shrunk, with the factor in `Image.scaled`: Graphviz only mentions it on
    stderr.
    """
    import subprocess

    import graphviz

    program = "dot" if engine in LAYOUTS else engine
    command = [str(graphviz.DOT_BINARY if program == "dot" else program), f"-T{fmt}"]
    try:
        process = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
    except FileNotFoundError:
        raise DiagramError(
            f"drawing {fmt.upper()} needs Graphviz's `{program}` program, which is not installed; "
            "install the graphviz package (Debian/Ubuntu: sudo apt-get install graphviz; "
            "macOS: brew install graphviz), or write .dot or .mmd, which need no Graphviz"
        ) from None
    try:
        drawing, messages, returncode = _run(process, dot_text.encode("utf-8"), timeout)
    except subprocess.TimeoutExpired:
        raise DiagramError(
            f"Graphviz's `{program}` took longer than {timeout:g} s and was stopped; draw part of "
            "the map (--focus ID --depth N, --speaker NAME, --unanswered), write .dot or .mmd, "
            "which need no layout, or allow more time with --timeout SECONDS (0: no limit)"
        ) from None
    if drawing is None:
        raise DiagramError(
            f"Graphviz's `{program}` wrote more than {MAX_DRAWING // (1 << 20)} MiB and was "
            "stopped; nothing was written"
        )
    if returncode != 0:
        detail = messages.decode("utf-8", "replace").strip().splitlines()
        if returncode < 0:
            import signal

            try:
                why = f"was stopped by {signal.Signals(-returncode).name}"
            except ValueError:
                why = f"was stopped by signal {-returncode}"
        else:
            last = detail[-1] if detail else f"exit status {returncode}"
            if len(last) > MAX_LINE:
                last = last[:MAX_LINE] + "…"
            why = f"failed: {last}"
        raise DiagramError(f"Graphviz's `{program}` {why}; nothing was written")
    shrunk = _SHRUNK.search(messages.decode("utf-8", "replace"))
    return Image(drawing, float(shrunk[1]) if shrunk else None)


def _run(
    process: subprocess.Popen[bytes], given: bytes, timeout: float | None
) -> tuple[bytes | None, bytes, int]:
    """Feed `given` to `process` and read what it writes, within `timeout` seconds (None or 0:
    no limit): its drawing (None when it wrote more than `MAX_DRAWING` bytes), the head and tail
    of its messages, and its exit status. The process is killed on any way out but its own end.
    """
    import threading

    assert process.stdin and process.stdout and process.stderr
    chunks: list[bytes] = []
    too_much = threading.Event()
    head, tail = bytearray(), bytearray()

    def read_drawing(stream: IO[bytes]) -> None:
        total = 0
        while chunk := stream.read(1 << 16):
            total += len(chunk)
            if total > MAX_DRAWING:
                too_much.set()
                process.kill()
                return
            chunks.append(chunk)

    def read_messages(stream: IO[bytes]) -> None:
        while chunk := stream.read(1 << 14):
            room = MAX_MESSAGES - len(head)
            head.extend(chunk[:room])
            tail.extend(chunk[room:])
            del tail[:-MAX_MESSAGES]

    def feed(stream: IO[bytes]) -> None:
        with contextlib.suppress(OSError):  # dot may end, or be killed, before reading it all
            stream.write(given)
        with contextlib.suppress(OSError):
            stream.close()

    threads = [
        threading.Thread(target=read_drawing, args=(process.stdout,), daemon=True),
        threading.Thread(target=read_messages, args=(process.stderr,), daemon=True),
        threading.Thread(target=feed, args=(process.stdin,), daemon=True),
    ]
    try:
        for thread in threads:
            thread.start()
        returncode = process.wait(timeout=timeout or None)
        for thread in threads:
            thread.join()
    except BaseException:  # a timeout, Ctrl-C, SIGTERM: no `dot` outlives the command
        process.kill()
        process.wait()
        for thread in threads:  # its pipes are at their end now: the readers stop
            if thread.is_alive():
                thread.join(timeout=5)
        raise
    finally:
        for stream in (process.stdout, process.stderr):
            stream.close()
    if too_much.is_set():
        return None, bytes(head + tail), returncode
    return b"".join(chunks), bytes(head + tail), returncode
