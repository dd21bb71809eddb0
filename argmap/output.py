"""Writing files so that nothing is ever half-written: a temporary file, then a rename."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from argmap.errors import OutputError


def write_atomic(path: str | os.PathLike[str], data: bytes, *, overwrite: bool = True) -> None:
    """Write `data` to `path` all at once: readers see the old file or the new, never a part.

    With `overwrite=False` an existing file is refused, atomically (no check-then-write race).
    """
    target = Path(path)
    folder = target.parent
    if not folder.is_dir():
        if folder.exists():
            raise OutputError(f"{folder} is a file, not a folder; choose another place to write")
        raise OutputError(f"{folder} does not exist; create the folder first")
    try:
        mode = target.stat().st_mode
    except OSError:
        mode = None
    if mode is not None and stat.S_ISDIR(mode):
        raise OutputError(f"{target} is a folder; name a file inside it")
    if mode is not None and not stat.S_ISREG(mode):
        # A device or a pipe (/dev/null, /dev/stdout): renaming over it would replace the device
        # with a file, so it is written to, which is all such a target can be.
        if not overwrite:
            raise OutputError(f"{target} already exists; choose another name or remove it first")
        try:
            with target.open("wb") as f:
                f.write(data)
        except OSError as e:
            raise OutputError(f"cannot write {target}: {e.strerror or e}") from e
        return
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as e:
        raise OutputError(f"cannot write in {folder}: {e.strerror or e}") from e
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        Path(tmp).chmod(0o644)
        if overwrite:
            Path(tmp).replace(target)
        else:
            try:
                os.link(tmp, target)  # fails if the target exists, unlike a rename
            except FileExistsError:
                raise OutputError(
                    f"{target} already exists; choose another name or remove it first"
                ) from None
    except OSError as e:
        raise OutputError(f"cannot write {target}: {e.strerror or e}") from e
    finally:
        with contextlib.suppress(FileNotFoundError):
            Path(tmp).unlink()
