"""Reading within a size limit and writing all at once (`argmap.files`), which the loader and
`argmap import` share."""

from __future__ import annotations

import io
import os
import stat
import subprocess
import sys
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


# --- links, devices and permissions --------------------------------------------------------------


def test_a_link_to_a_file_is_written_through_and_stays_a_link(tmp_path: Path) -> None:
    real = tmp_path / "real.svg"
    real.write_text("old")
    link = tmp_path / "link.svg"
    link.symlink_to(real)
    write_atomic(link, b"new")
    assert link.is_symlink() and link.resolve() == real
    assert real.read_bytes() == b"new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.svg", "real.svg"]


def test_a_link_to_a_file_not_yet_made_makes_it(tmp_path: Path) -> None:
    link = tmp_path / "link.svg"
    link.symlink_to(tmp_path / "made.svg")
    write_atomic(link, b"new")
    assert link.is_symlink() and (tmp_path / "made.svg").read_bytes() == b"new"


def stdout_link(tmp_path: Path) -> Path:
    """A link made as /dev/stdout is made (to /proc/self/fd/1), in a folder of the test's own,
    so that a regression replaces this link, not the machine's /dev/stdout."""
    link = tmp_path / "stdout"
    link.symlink_to("/proc/self/fd/1")
    return link


def test_dev_stdout_sent_to_a_file_writes_the_file(tmp_path: Path) -> None:
    # `-o /dev/stdout > out.svg`: /dev/stdout is a link to the file the shell opened.
    out, link = tmp_path / "out.svg", stdout_link(tmp_path)
    script = f"from argmap.files import write_atomic; write_atomic({str(link)!r}, b'<svg/>')"
    with out.open("wb") as f:
        done = subprocess.run([sys.executable, "-c", script], stdout=f, check=False)
    assert done.returncode == 0
    assert out.read_bytes() == b"<svg/>"
    assert link.is_symlink()


def test_dev_stdout_sent_to_a_pipe_writes_the_pipe(tmp_path: Path) -> None:
    link = stdout_link(tmp_path)
    script = f"from argmap.files import write_atomic; write_atomic({str(link)!r}, b'<svg/>')"
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, check=False)
    assert (done.returncode, done.stdout) == (0, b"<svg/>")
    assert link.is_symlink()


def with_umask(mask: int, path: Path, data: bytes, overwrite: bool = True) -> None:
    old = os.umask(mask)
    try:
        write_atomic(path, data, overwrite=overwrite)
    finally:
        os.umask(old)


@pytest.mark.parametrize("overwrite", [True, False])
def test_a_new_file_follows_the_umask(tmp_path: Path, overwrite: bool) -> None:
    with_umask(0o077, tmp_path / "private.svg", b"x", overwrite)
    with_umask(0o022, tmp_path / "shared.svg", b"x", overwrite)
    assert stat.S_IMODE((tmp_path / "private.svg").stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "shared.svg").stat().st_mode) == 0o644


def test_a_replaced_file_keeps_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "out.svg"
    target.write_text("old")
    target.chmod(0o600)
    with_umask(0o022, target, b"new")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    target.chmod(0o664)
    with_umask(0o077, target, b"newer")
    assert stat.S_IMODE(target.stat().st_mode) == 0o664
    assert target.read_bytes() == b"newer"
