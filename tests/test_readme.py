"""The README shows real output: each `$ argmap ...` block is run and compared."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

from argmap.cli import app

from .conftest import ROOT

README = (ROOT / "README.md").read_text()


def _blocks(text: str) -> list[tuple[str, str]]:
    """Fenced code blocks as (language, body)."""
    out: list[tuple[str, str]] = []
    lang, inside = "", False
    body: list[str] = []
    for line in text.splitlines(keepends=True):
        if line.startswith("```"):
            if inside:
                out.append((lang, "".join(body)))
            lang, inside = line[3:].strip(), not inside
            body = []
        elif inside:
            body.append(line)
    return out


BLOCKS = [body for lang, body in _blocks(README) if not lang]
SESSIONS = [b for b in BLOCKS if b.startswith(("$ argmap ", ".venv/bin/argmap "))]


def test_the_first_screen_has_the_two_commands() -> None:
    first_block = next(body for lang, body in _blocks(README) if lang == "sh")
    commands = [line.split("#")[0].strip() for line in first_block.splitlines()]
    assert commands == ["make demo", "make test"]
    assert README.index("make test") < 1200  # on the first screen


def test_there_are_sessions_to_check() -> None:
    assert len(SESSIONS) == 2


@pytest.mark.parametrize("block", SESSIONS, ids=lambda b: b.splitlines()[0])
def test_readme_session_is_real_output(block: str, in_root: Path) -> None:
    command, _, expected = block.partition("\n")
    argv = shlex.split(command.removeprefix("$ "))[1:]
    result = CliRunner().invoke(app, argv)
    assert result.output == expected
