from __future__ import annotations

from pathlib import Path

import pytest

from argmap.errors import OutputError
from argmap.output import write_atomic


def test_write_replaces_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "out.svg"
    target.write_text("old")
    write_atomic(target, b"new")
    assert target.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["out.svg"]


def test_write_without_overwrite_keeps_the_existing_file(tmp_path: Path) -> None:
    target = tmp_path / "d.yaml"
    target.write_text("mine")
    with pytest.raises(OutputError):
        write_atomic(target, b"theirs", overwrite=False)
    assert target.read_text() == "mine"
    assert [p.name for p in tmp_path.iterdir()] == ["d.yaml"]


def test_write_into_a_folder_that_cannot_be_written(tmp_path: Path) -> None:
    target = tmp_path / "sub"
    target.mkdir()
    with pytest.raises(OutputError, match="cannot write"):
        write_atomic(target, b"x")  # a folder is in the way
    assert list(tmp_path.iterdir()) == [target]
