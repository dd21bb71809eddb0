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

    A change is a new modification time or size, checked every `interval` seconds; polling
    works on every platform and every editor's way of saving (rename, truncate, rewrite).
    """
    last: tuple[int, int] | None = None
    first = True
    while not stop():
        try:
            stat = path.stat()
            seen: tuple[int, int] | None = (stat.st_mtime_ns, stat.st_size)
        except OSError:
            seen = None
        if first or seen != last:
            first = False
            last = seen
            act()
        sleep(interval)
