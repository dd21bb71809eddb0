"""Reading within a size limit and writing all at once (`argmap.files`), which the loader and
`argmap import` share."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from argmap.errors import OutputError
from argmap.files import TooLarge, open_for_reading, read_at_most, write_atomic


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


def test_a_file_within_the_limit_is_read_whole(tmp_path: Path) -> None:
    f = tmp_path / "d.yaml"
    f.write_bytes(b"x" * 70_000)  # more than one chunk of a stream
    opened, size = open_for_reading(str(f))
    with opened:
        assert size == 70_000
        assert read_at_most(opened, 70_000, size) == b"x" * 70_000
    assert read_at_most(io.BytesIO(b"x" * 70_000), None) == b"x" * 70_000


def test_a_regular_file_over_the_limit_is_refused_by_its_size() -> None:
    class Unread(io.BytesIO):
        def read(self, size: int | None = -1) -> bytes:
            raise AssertionError("read")

    with pytest.raises(TooLarge) as info:
        read_at_most(Unread(), 10, 11)
    assert (info.value.size, info.value.limit) == (11, 10)


def test_a_stream_is_read_one_byte_past_the_limit_and_no_more() -> None:
    stream = io.BytesIO(b"x" * 100)
    with pytest.raises(TooLarge) as info:
        read_at_most(stream, 10)
    assert (info.value.size, info.value.limit, stream.tell()) == (None, 10, 11)


def test_a_folder_or_a_missing_file_cannot_be_opened(tmp_path: Path) -> None:
    with pytest.raises(IsADirectoryError):
        open_for_reading(str(tmp_path))
    with pytest.raises(FileNotFoundError):
        open_for_reading(str(tmp_path / "missing.yaml"))


def test_a_pipe_has_no_size_and_opening_it_does_not_wait(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    opened, size = open_for_reading(str(fifo))
    with opened:
        assert size is None
        assert read_at_most(opened, 10, size) == b""  # no writer: the end at once
