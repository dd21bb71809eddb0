"""Re-running an action whenever a file changes."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path


def watch(
    path: Path,
    act: Callable[[], object],
    interval: float = 0.5,
    stop: Callable[[], bool] = lambda: False,
    sleep: Callable[[float], None] = time.sleep,
) -> None:
    """Call `act` now and after every change to `path`, until `stop()` is true.

    A change is another file at the path (a new device and inode: a save by rename, as editors,
    rsync and tar make) or new content in the same file (its size, modification time or change
    time: the last is set by every write and cannot be set back, so `cp -p`, which restores the
    modification time, is seen too). It is checked every `interval` seconds; polling works on
    every platform and every editor's way of saving.
    """
    last: tuple[int, ...] | None = None
    first = True
    while not stop():
        try:
            stat = path.stat()
            seen: tuple[int, ...] | None = (
                stat.st_dev,
                stat.st_ino,
                stat.st_size,
                stat.st_mtime_ns,
                stat.st_ctime_ns,
            )
        except OSError:
            seen = None
        if first or seen != last:
            first = False
            last = seen
            act()
        sleep(interval)
