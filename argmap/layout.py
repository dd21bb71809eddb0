"""Text laid out in lines for the diagrams (DOT, Mermaid, GraphML): `textwrap`'s wrapping, in
time linear in the text.

`textwrap` breaks a word longer than a line by copying what is left of it for each line it
fills, so a 32 MB word took ten minutes. Here a word longer than `PIECE` characters is first
cut into pieces of that length; `textwrap` joins adjacent pieces as it joins the rest of a
word, so the lines are the ones it makes, in linear time. (The one difference: in a word that
long, a hyphen just before a cut between pieces may not be chosen as the place to break.)

>>> import textwrap
>>> long = "a " + "b" * 3500 + " c"
>>> [len(line) for line in wrap(long, 1000)], wrap(long, 1000) == textwrap.wrap(long, 1000)
([1000, 1000, 1000, 504], True)
"""

from __future__ import annotations

import textwrap
from typing import Any

# The longest word wrapped as `textwrap` wraps it; longer ones are cut into pieces this long.
PIECE = 1024


class _Wrapper(textwrap.TextWrapper):
    def _split(self, text: str) -> list[str]:
        # Every piece is longer than a line, so each is broken where the whole word would be
        # (textwrap moves a piece that fits on a line whole to the next line instead).
        chunks: list[str] = []
        size = max(PIECE, self.width + 1)
        for chunk in super()._split(text):
            if len(chunk) <= 2 * size:
                chunks.append(chunk)
                continue
            pieces = [chunk[i : i + size] for i in range(0, len(chunk), size)]
            if len(pieces[-1]) < size:  # too short to stand alone: joined to the one before
                pieces[-2:] = [pieces[-2] + pieces[-1]]
            chunks.extend(pieces)
        return chunks

    def _split_chunks(self, text: str) -> Any:
        # As `TextWrapper._split_chunks`, with the long chunks cut by `_split` above.
        return self._split(self._munge_whitespace(text))


def wrap(text: str, width: int, *, break_on_hyphens: bool = True) -> list[str]:
    """`textwrap.wrap(text, width, break_on_hyphens=...)`, in linear time."""
    return _Wrapper(width, break_on_hyphens=break_on_hyphens).wrap(text)
