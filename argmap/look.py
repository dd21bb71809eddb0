"""How argmap shows a status and a relation, in every view: the one source of words, symbols,
border and line styles, and the light and dark palettes.

DOT, Mermaid, GraphML, GEXF, the terminal and the HTML page all take their marks and colours
from here (the page receives them as data), so a status looks the same wherever it is shown.
Status is never shown by colour alone: each has a word with a symbol and a border style too,
and each relation a line style and an arrowhead. Colours are the Okabe-Ito palette, which
colour-blind readers tell apart.

>>> mark(Status.DEFEATED), BORDER[Status.DEFEATED], THEMES["light"].status[Status.DEFEATED]
('✘ defeated', 'dashed', ('#D55E00', '#FBE3D6'))
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from argmap.analyze import Status

SYMBOL = {Status.STANDING: "✔", Status.DEFEATED: "✘", Status.UNDECIDED: "?"}
# A claim's border: solid when it stands, dashed when defeated, dotted when undecided.
BORDER = {Status.STANDING: "solid", Status.DEFEATED: "dashed", Status.UNDECIDED: "dotted"}
UNANSWERED = "unanswered"  # the mark of a claim nothing rebuts or undercuts: a double border
SEPARATOR = "\u00b7"  # between an id and its speaker, and between marks


def mark(status: Status | str) -> str:
    """`✔ standing`, `✘ defeated` or `? undecided`."""
    status = Status(status)
    return f"{SYMBOL[status]} {status.value}"


@dataclass(frozen=True)
class EdgeLook:
    """How one kind of link is drawn: a line and a head, which say what the colour also says."""

    line: str  # solid | dashed | bold | dotted | plain
    head: str  # filled | hollow | bar | ring | open (lines only) | none
    words: str  # the legend's description


EDGES = {
    "rebuts": EdgeLook("solid", "filled", "solid line, filled arrow"),
    "supports": EdgeLook("dashed", "hollow", "dashed line, hollow arrow"),
    "undercuts": EdgeLook("bold", "bar", "thick line, bar; points at the reasoning it attacks"),
    # Grey and thin: a reply nobody has classified yet, on which no status depends.
    "answers": EdgeLook(
        "dotted", "open", "dotted grey line, open arrow; a reply not yet classified"
    ),
    "cites": EdgeLook("dotted", "ring", "dotted line, ring"),
}


@dataclass(frozen=True)
class Theme:
    """One palette. Diagrams use every colour; the HTML page's own controls use `page`."""

    background: str
    text: str
    muted: str  # secondary text, speaker boxes, the reasoning of a claim
    status: dict[Status, tuple[str, str]]  # border colour, fill colour
    edge: dict[str, str]  # by relation kind, and `cites`
    source: tuple[str, str]  # border colour, fill colour
    panel: str  # the legend's background, and the page's panels
    line: str  # the page's rules and control borders
    focus: str  # the page's focus ring
    status_text: dict[Status, str]  # a status word written on the background


THEMES = {
    "light": Theme(
        background="white",
        text="#1a1a1a",
        muted="#555555",
        status={
            Status.STANDING: ("#0072B2", "#DCEBF7"),
            Status.DEFEATED: ("#D55E00", "#FBE3D6"),
            Status.UNDECIDED: ("#B07800", "#FFF3C4"),
        },
        edge={
            "rebuts": "#D55E00",
            "supports": "#009E73",
            "undercuts": "#CC79A7",
            "answers": "#8C8C8C",
            "cites": "#777777",
        },
        source=("#555555", "#F2F2F2"),
        panel="#F7F7F7",
        line="#D0D0D0",
        focus="#CC79A7",
        # The undecided border is too light for text on white: a darker shade of it.
        status_text={
            Status.STANDING: "#0072B2",
            Status.DEFEATED: "#D55E00",
            Status.UNDECIDED: "#8A5E00",
        },
    ),
    "dark": Theme(
        background="#1b1b1f",
        text="#eeeeee",
        muted="#aaaaaa",
        status={
            Status.STANDING: ("#56B4E9", "#12324a"),
            Status.DEFEATED: ("#E69F00", "#4a2a12"),
            Status.UNDECIDED: ("#F0E442", "#3f3a10"),
        },
        edge={
            "rebuts": "#E69F00",
            "supports": "#009E73",
            "undercuts": "#CC79A7",
            "answers": "#7A7A7A",
            "cites": "#999999",
        },
        source=("#aaaaaa", "#2a2a2e"),
        panel="#26262b",
        line="#3a3a40",
        focus="#f0a6ca",
        status_text={
            Status.STANDING: "#56B4E9",
            Status.DEFEATED: "#E69F00",
            Status.UNDECIDED: "#F0E442",
        },
    ),
}

# The marks in ASCII, for a terminal whose encoding has no `✔` (`LC_ALL=C`, latin-1): each is
# still told apart from the others.
ASCII = {
    SYMBOL[Status.STANDING]: "+",
    SYMBOL[Status.DEFEATED]: "x",
    SEPARATOR: "-",
    "\u2190": "<-",  # ← in `x ← y`
    "\u2192": "->",  # →
    "\u2026": "...",  # …
}

# The terminal's colours are the reader's own: named ANSI colours, which each terminal's theme
# sets, rather than fixed ones that may not show on its background.
TERMINAL_STATUS = {Status.STANDING: "green", Status.DEFEATED: "red", Status.UNDECIDED: "yellow"}
TERMINAL_RELATION = "cyan"

# A claim's strength (`Analysis.strength`), drawn with `--strength` and on the page: its number
# to two decimals and a bar of `STRENGTH_CELLS` blocks, one filled for each tenth, in the
# theme's text colour (the bar is not a status, so it takes no status colour). A claim whose
# strength did not converge shows `UNSETTLED` and no number.
STRENGTH_CELLS = 10
STRENGTH_FULL = "\u25b0"  # ▰
STRENGTH_EMPTY = "\u25b1"  # ▱
UNSETTLED = "strength not settled"
UNSETTLED_WORDS = "in or after a cycle that did not converge: no number"  # the legend's
STRENGTH_EXAMPLE = 0.5  # the strength the legend draws as its example
# How each gradual semantics (`analyze.Semantics`) is named to a reader.
SEMANTICS_NAMES = {
    "df-quad": "DF-QuAD",
    "quadratic-energy": "quadratic energy",
    "h-categorizer": "h-categorizer",
}


def strength_bar(value: float) -> str:
    """`STRENGTH_CELLS` blocks, the first `value` of them (rounded to the nearest) filled.

    >>> strength_bar(0.31), strength_bar(0.25), strength_bar(1.0)
    ('▰▰▰▱▱▱▱▱▱▱', '▰▰▰▱▱▱▱▱▱▱', '▰▰▰▰▰▰▰▰▰▰')
    """
    filled = min(max(math.floor(value * STRENGTH_CELLS + 0.5), 0), STRENGTH_CELLS)
    return STRENGTH_FULL * filled + STRENGTH_EMPTY * (STRENGTH_CELLS - filled)


def strength_mark(value: float | None) -> str:
    """What a claim's node shows of its strength: `0.31 ▰▰▰▱▱▱▱▱▱▱`, or `UNSETTLED`.

    >>> strength_mark(0.53125), strength_mark(None)
    ('0.53 ▰▰▰▰▰▱▱▱▱▱', 'strength not settled')
    """
    return UNSETTLED if value is None else f"{value:.2f} {strength_bar(value)}"


def strength_key(semantics: str, base: str = "weights") -> str:
    """The legend's words for the strength mark: what the number and bar are, by which
    semantics, and from which base scores when they are votes.

    >>> strength_key("df-quad"), strength_key("h-categorizer", "votes")[-31:]
    ('strength from 0 to 1 by DF-QuAD; a block for each tenth', 'base scores from votes (score:)')
    """
    words = f"strength from 0 to 1 by {SEMANTICS_NAMES[semantics]}; a block for each tenth"
    return words + ("; base scores from votes (score:)" if base == "votes" else "")
