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


def test_a_device_is_written_to_not_replaced() -> None:
    write_atomic("/dev/null", b"x")
    assert Path("/dev/null").is_char_device()


def test_a_file_in_place_of_the_folder(tmp_path: Path) -> None:
    (tmp_path / "d.yaml").write_text("mine")
    with pytest.raises(OutputError, match=r"d\.yaml is a file, not a folder"):
        write_atomic(tmp_path / "d.yaml" / "x.svg", b"x")
    assert (tmp_path / "d.yaml").read_text() == "mine"


def test_a_folder_in_place_of_the_file(tmp_path: Path) -> None:
    (tmp_path / "out.svg").mkdir()
    with pytest.raises(OutputError, match=r"out\.svg is a folder; name a file inside it"):
        write_atomic(tmp_path / "out.svg", b"x")
