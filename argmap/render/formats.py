"""The one registry of diagram formats: it drives `render --format`, the docs and the tests.

Renderers are imported only when their format is used, so `argmap --help` stays fast.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from argmap.model import Debate
from argmap.render import DOT_TIMEOUT
from argmap.render.dot import DiagramError, DiagramOptions, engine_for


@dataclass(frozen=True)
class Format:
    name: str
    suffixes: tuple[str, ...]
    binary: bool  # cannot go to a terminal
    needs_graphviz: bool
    description: str


FORMATS = {
    f.name: f
    for f in (
        Format("svg", (".svg",), False, True, "SVG drawn by Graphviz; nodes carry CSS classes"),
        Format("png", (".png",), True, True, "PNG image drawn by Graphviz"),
        Format("pdf", (".pdf",), True, True, "PDF drawn by Graphviz"),
        Format("dot", (".dot", ".gv"), False, False, "Graphviz DOT source; needs no Graphviz"),
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


def format_for(path: Path) -> Format | None:
    """The format a file name asks for, by its extension."""
    suffix = path.suffix.lower()
    return next((f for f in FORMATS.values() if suffix in f.suffixes), None)


@dataclass(frozen=True)
class Rendered:
    data: bytes
    engine: str | None  # the Graphviz layout program used, for image formats and DOT
    automatic: bool  # whether argmap chose that layout itself because the map is large


def render(
    debate: Debate,
    fmt: str,
    options: DiagramOptions | None = None,
    engine: str | None = None,
    timeout: float | None = DOT_TIMEOUT,
) -> Rendered:
    """The debate drawn in `fmt` (a name in `FORMATS`); `dot` may take `timeout` seconds."""
    options = options or DiagramOptions()
    if fmt not in FORMATS:
        raise DiagramError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fmt == "mmd":
        from argmap.render.mermaid import to_mermaid

        text = to_mermaid(debate, options)
        return Rendered(text.encode("utf-8"), None, False)
    from argmap.analyze import label
    from argmap.render.dot import render_image, select, to_dot

    labelling = label(debate)
    if fmt == "html":
        # The page follows the reader's light or dark setting itself (see `html.dark_rules`).
        options = replace(options, theme="light")
    automatic = engine is None
    chosen = engine or engine_for(len(select(debate, labelling, options)))
    dot = to_dot(debate, options, labelling, chosen, xml_links=fmt != "pdf")
    large = automatic and chosen != "dot"
    if fmt == "dot":
        return Rendered(dot.encode("utf-8"), chosen, large)
    if fmt == "html":
        from argmap.render.html import to_html

        svg = render_image(dot, "svg", chosen, timeout).decode("utf-8")
        return Rendered(to_html(debate, svg, labelling).encode("utf-8"), chosen, large)
    return Rendered(render_image(dot, fmt, chosen, timeout), chosen, large)
