"""Images drawn by Graphviz: DOT text in, SVG, PNG or PDF bytes out, with `dot` run as a child
process that is stopped when it takes too long or the command is interrupted.

The only module that imports the `graphviz` package (for where its `dot` program is) and runs
Graphviz: every drawing goes through `draw_image`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

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

    `dot` runs as a child process that is killed when it runs out of time or when the caller is
    interrupted (Ctrl-C), so no layout outlives the command. The graphviz package's own `pipe`
    cannot stop it, hence the direct call. A PNG larger than `BITMAP_LIMIT` pixels a side comes
    back shrunk, with the factor in `Image.scaled`: Graphviz only mentions it on stderr.
    """
    import subprocess

    import graphviz

    program = "dot" if engine in LAYOUTS else engine
    command = [str(graphviz.DOT_BINARY if program == "dot" else program), f"-T{fmt}"]
    try:
        done = subprocess.run(
            command,
            input=dot_text.encode("utf-8"),
            capture_output=True,
            timeout=timeout or None,
            check=False,
        )
    except FileNotFoundError:
        raise DiagramError(
            f"drawing {fmt.upper()} needs Graphviz's `{program}` program, which is not installed; "
            "install the graphviz package (Debian/Ubuntu: sudo apt-get install graphviz; "
            "macOS: brew install graphviz), or write .dot or .mmd, which need no Graphviz"
        ) from None
    except subprocess.TimeoutExpired:
        raise DiagramError(
            f"Graphviz's `{program}` took longer than {timeout:g} s and was stopped; draw part of "
            "the map (--focus ID --depth N, --speaker NAME, --unanswered), write .dot or .mmd, "
            "which need no layout, or allow more time with --timeout SECONDS (0: no limit)"
        ) from None
    if done.returncode != 0:
        detail = done.stderr.decode("utf-8", "replace").strip().splitlines()
        if done.returncode < 0:
            import signal

            try:
                why = f"was stopped by {signal.Signals(-done.returncode).name}"
            except ValueError:
                why = f"was stopped by signal {-done.returncode}"
        else:
            why = f"failed: {detail[-1] if detail else f'exit status {done.returncode}'}"
        raise DiagramError(f"Graphviz's `{program}` {why}; nothing was written")
    shrunk = _SHRUNK.search(done.stderr.decode("utf-8", "replace"))
    return Image(done.stdout, float(shrunk[1]) if shrunk else None)
