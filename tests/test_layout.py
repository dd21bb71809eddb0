"""`argmap.layout.wrap` makes the lines `textwrap` makes, in linear time (its speed is a row of
`make bench`; here, its lines)."""

from __future__ import annotations

import random
import textwrap

import pytest

from argmap.layout import PIECE, wrap


@pytest.mark.parametrize("break_on_hyphens", [True, False])
def test_the_lines_are_textwrap_s(break_on_hyphens: bool) -> None:
    rng = random.Random(7)
    alphabet = "ab .\t\n,xyz-"
    for _ in range(2000):
        words = [
            rng.choice(alphabet) if rng.random() < 0.7 else "w" * rng.randint(1, 3 * PIECE)
            for _ in range(rng.randint(0, 12))
        ]
        text, width = "".join(words), rng.randint(1, PIECE + 100)
        if break_on_hyphens and any(len(w) > PIECE and "-" in w for w in text.split()):
            continue  # the one documented difference: a hyphen in a word longer than PIECE
        assert wrap(text, width, break_on_hyphens=break_on_hyphens) == textwrap.wrap(
            text, width, break_on_hyphens=break_on_hyphens
        )


def test_a_word_of_megabytes_is_cut_into_lines() -> None:
    lines = wrap("x " + "y" * 5_000_000, 42)
    assert lines[0] == "x " + "y" * 40
    assert {len(line) for line in lines[1:-1]} == {42}
    assert "".join(lines) == "x " + "y" * 5_000_000
