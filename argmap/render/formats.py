"""The one registry of diagram formats: it drives `render --format`, the docs and the tests.

Renderers are imported only when their format is used, so `argmap --help` stays fast: this
module imports none of them, and the command line reads the registry for its help.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from argmap.render.image import DOT_TIMEOUT

if TYPE_CHECKING:
    from argmap.analysis import Analysis
    from argmap.diagram import DiagramOptions
    from argmap.model import Debate


@dataclass(frozen=True)
class Format:
    name: str
    suffixes: tuple[str, ...]
    binary: bool  # cannot go to a terminal
    needs_graphviz: bool
    description: str
    aliases: tuple[str, ...] = ()  # other names of the format that are not also its extensions

    @property
    def names(self) -> tuple[str, ...]:
        """Every word `--format` takes for this format: its name, the name of the thing, and
        each extension of its files (a user types `mermaid` as readily as `mmd`)."""
        words = (self.name, *self.aliases, *(s.removeprefix(".") for s in self.suffixes))
        return tuple(dict.fromkeys(words))


FORMATS = {
    f.name: f
    for f in (
        Format("svg", (".svg",), False, True, "SVG drawn by Graphviz; nodes carry CSS classes"),
        Format("png", (".png",), True, True, "PNG image drawn by Graphviz"),
        Format("pdf", (".pdf",), True, True, "PDF drawn by Graphviz"),
        Format(
            "dot",
            (".dot", ".gv"),
            False,
            False,
            "Graphviz DOT source; needs no Graphviz",
            aliases=("graphviz",),
        ),
        Format("mmd", (".mmd", ".mermaid"), False, False, "Mermaid flowchart for Markdown pages"),
        Format(
            "html",
            (".html", ".htm"),
            False,
            True,
            "one self-contained page: the SVG with pan and zoom, a panel for each claim, search, "
            "filters and the summary",
        ),
    )
}


def named(word: str) -> Format | None:
    """The format `word` names: any of its `names`, in any case, with or without a dot.

    >>> named("Mermaid").name, named("graphviz").name, named(".gv").name, named("gif")
    ('mmd', 'dot', 'dot', None)
    """
    word = word.lower().removeprefix(".")
    return next((f for f in FORMATS.values() if word in f.names), None)


def choices() -> str:
    """The formats `--format` takes, for messages: each name, then its other names.

    >>> choices()
    'svg, png, pdf, dot (or graphviz, gv), mmd (or mermaid), html (or htm)'
    """
    return ", ".join(
        f.name + (f" (or {', '.join(f.names[1:])})" if len(f.names) > 1 else "")
        for f in FORMATS.values()
    )


def format_for(path: Path) -> Format | None:
    """The format a file name asks for, by its extension."""
    suffix = path.suffix.lower()
    return next((f for f in FORMATS.values() if suffix in f.suffixes), None)


@dataclass(frozen=True)
class Rendered:
    data: bytes
    engine: str | None  # the Graphviz layout program used, for image formats and DOT
    automatic: bool  # whether argmap chose that layout itself because the map is large
    # The factor (below 1) by which Graphviz shrank a PNG larger than it can draw
    # (`image.BITMAP_LIMIT` pixels a side) to fit; None when it was drawn at full size.
    scaled: float | None = None


def render(
    debate: Debate | Analysis,
    fmt: str,
    options: DiagramOptions | None = None,
    engine: str | None = None,
    timeout: float | None = DOT_TIMEOUT,
) -> Rendered:
    """The debate drawn in `fmt` (any of a format's `names`); `dot` may take `timeout` seconds."""
    from argmap.analysis import analyse
    from argmap.diagram import DiagramError, DiagramOptions, plan

    analysis = analyse(debate)
    options = options or DiagramOptions()
    found = named(fmt)
    if found is None:
        raise DiagramError(f"unknown format {fmt!r}; choose one of {choices()}")
    fmt = found.name
    if fmt == "mmd":
        from argmap.render.mermaid import to_mermaid

        text = to_mermaid(analysis, options)
        return Rendered(text.encode("utf-8"), None, False)
    from argmap.render.dot import to_dot
    from argmap.render.image import draw_image, engine_for

    if fmt == "html":
        # The page follows the reader's light or dark setting itself (see `html.dark_rules`).
        options = replace(options, theme="light")
    automatic = engine is None
    drawing = plan(analysis, options)  # planned once: it chooses the layout, and is drawn
    chosen = engine or engine_for(len(drawing.claims))
    dot = to_dot(analysis, options, chosen, xml_links=fmt != "pdf", drawing=drawing)
    large = automatic and chosen != "dot"
    if fmt == "dot":
        return Rendered(dot.encode("utf-8"), chosen, large)
    if fmt == "html":
        from argmap.render.html import to_html

        try:
            svg = draw_image(dot, "svg", chosen, timeout).data.decode("utf-8")
        except UnicodeDecodeError:
            raise DiagramError(
                "Graphviz's `dot` wrote an SVG that is not UTF-8 text; nothing was written"
            ) from None
        page = to_html(analysis, svg, options.strength, options.base)
        return Rendered(page.encode("utf-8"), chosen, large)
    image = draw_image(dot, fmt, chosen, timeout)
    return Rendered(image.data, chosen, large, image.scaled)
