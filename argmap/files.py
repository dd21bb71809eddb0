"""Files, read and written safely: reading that stops at a size limit, and writing that never
leaves a file half-written (a temporary file, then a rename).

The loader and `argmap import` read through the same two functions, so a debate file and an
imported file are held to the same limit in the same way.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from pathlib import Path
from typing import BinaryIO

from argmap.errors import ArgmapError, OutputError


class TooLarge(ArgmapError):
    """A file larger than the size limit. `size` is known when the file was refused before it
    was read (a regular file); it is None when the read found out (a stream, or a file that grew
    while it was read)."""

    def __init__(self, size: int | None, limit: int) -> None:
        super().__init__(f"the file is larger than the limit of {limit:,} bytes")
        self.size = size
        self.limit = limit


def open_for_reading(path: str) -> tuple[BinaryIO, int | None]:
    """`path` opened to read in binary, and its size when it is a regular file (None for a pipe
    or a device, whose size says nothing). Raises what opening raises: an `OSError`, such as
    `IsADirectoryError` for a folder, or a `ValueError` for a path with a NUL character.

    The file is opened without waiting: without O_NONBLOCK, opening a named pipe waits for a
    writer, perhaps for ever. Once open, reads wait as usual.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), path)
        os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return os.fdopen(fd, "rb", buffering=0), info.st_size if stat.S_ISREG(info.st_mode) else None


def read_at_most(f: BinaryIO, limit: int | None, size: int | None = None) -> bytes:
    """All of `f`, unless it holds more than `limit` bytes (None: no limit): then `TooLarge`.

    A regular file's `size` is checked before reading a byte; the read itself stops one byte
    past the limit, so that a file that grows while it is read, or a device such as /dev/zero,
    cannot make argmap read forever. Read errors are raised as the `OSError` they are.
    """
    if size is not None and limit is not None and size > limit:
        raise TooLarge(size, limit)
    data = _read_up_to(f, None if limit is None else limit + 1, size or 0)
    if limit is not None and len(data) > limit:
        raise TooLarge(None, limit)  # it grew, or is a stream
    return data


def _read_up_to(f: BinaryIO, cap: int | None, expected: int) -> bytes:
    """Up to `cap` bytes (None: all), in one read when the file is the `expected` size."""
    chunks: list[bytes] = []
    total = 0
    while cap is None or total < cap:
        want = max(expected + 1 - total, 1 << 16)
        chunk = f.read(want if cap is None else min(want, cap - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    return b"".join(chunks)


def check_writable(path: str | os.PathLike[str], *, overwrite: bool = True) -> None:
    """Raise the `OutputError` that `write_atomic(path, ..., overwrite=overwrite)` would raise
    before it writes: no such folder, a folder where the file would go, a file that is there
    and must not be replaced. A command whose work takes long (a fetch, a large map) asks first,
    so that it fails before the work and not after; `write_atomic` still checks as it writes."""
    _destination(path, overwrite)


def _destination(path: str | os.PathLike[str], overwrite: bool) -> tuple[Path, int | None]:
    """Where writing `path` goes (through a symbolic link) and the mode of what is there now
    (None: nothing), or the `OutputError` of why nothing can be written there."""
    target = Path(path)
    if target.is_symlink():
        target = _through_link(target)
    folder = target.parent
    if not folder.is_dir():
        if folder.exists():
            raise OutputError(f"{folder} is a file, not a folder; choose another place to write")
        raise OutputError(f"{folder} does not exist; create the folder first")
    try:
        mode = Path(path).stat().st_mode
    except OSError:
        mode = None
    if mode is not None and stat.S_ISDIR(mode):
        raise OutputError(f"{path} is a folder; name a file inside it")
    if mode is not None and not overwrite:
        raise _exists(path)
    return target, mode


def _exists(path: str | os.PathLike[str]) -> OutputError:
    return OutputError(f"{path} already exists; choose another name or remove it first")


def write_atomic(path: str | os.PathLike[str], data: bytes, *, overwrite: bool = True) -> None:
    """Write `data` to `path` all at once: readers see the old file or the new, never a part.

    With `overwrite=False` an existing file is refused, atomically (no check-then-write race).
    A symbolic link is written through: the regular file it names is replaced (the link stays a
    link), and a device or pipe it names (`/dev/stdout`, `/proc/self/fd/1`) is written to. A new
    file gets the permissions the umask allows, as any program's new file does; a replaced file
    keeps its own.
    """
    target, mode = _destination(path, overwrite)
    folder = target.parent
    if mode is not None and not stat.S_ISREG(mode):
        # A device or a pipe (/dev/null, /dev/stdout): renaming over it would replace the device
        # with a file, so it is written to, which is all such a target can be.
        try:
            with Path(path).open("wb") as f:
                f.write(data)
        except OSError as e:
            raise OutputError(f"cannot write {path}: {e.strerror or e}") from e
        return
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as e:
        raise OutputError(f"cannot write in {folder}: {e.strerror or e}") from e
    try:
        with os.fdopen(fd, "wb") as f:
            os.fchmod(f.fileno(), stat.S_IMODE(mode) if mode is not None else _new_file_mode())
            f.write(data)
        if overwrite:
            Path(tmp).replace(target)
        else:
            try:
                os.link(tmp, target)  # fails if the target exists, unlike a rename
            except FileExistsError:
                raise _exists(path) from None
    except OSError as e:
        raise OutputError(f"cannot write {path}: {e.strerror or e}") from e
    finally:
        with contextlib.suppress(FileNotFoundError):
            Path(tmp).unlink()


def _through_link(link: Path) -> Path:
    """Where writing to the symbolic link `link` should go: the path of the file it names, when
    that is a real path (the file itself, or a file yet to be made in an existing folder);
    otherwise the link, which is then written through as it is (a pipe behind /proc/self/fd/1
    has no path)."""
    real = Path(os.path.realpath(link))
    try:
        if real.exists():
            return real if real.samefile(link) else link
    except OSError:
        return link
    return real if real.parent.is_dir() else link


def _new_file_mode() -> int:
    """The permissions of a new file under the process's umask (0o644 under the usual 022)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask
