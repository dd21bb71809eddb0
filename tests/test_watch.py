from __future__ import annotations

import os
from pathlib import Path

from argmap.watch import watch


def test_acts_at_start_and_after_each_change(tmp_path: Path) -> None:
    f = tmp_path / "d.yaml"
    f.write_text("one")
    calls: list[str] = []
    ticks = iter(range(100))

    def sleep(_: float) -> None:
        n = next(ticks)
        if n == 2:
            f.write_text("two, longer")
        if n == 5:
            f.unlink()  # an editor saving by rename: briefly missing
        if n == 6:
            f.write_text("three")

    watch(
        f,
        lambda: calls.append(f.read_text() if f.exists() else "-"),
        interval=0,
        stop=lambda: len(calls) > 3,
        sleep=sleep,
    )
    assert calls == ["one", "two, longer", "-", "three"]


def test_a_save_with_the_same_size_and_time_is_seen(tmp_path: Path) -> None:
    # `cp -p`, rsync and tar put back the modification time: the new file (by rename) or the
    # new content (written in place) has the same size and mtime as the old.
    f = tmp_path / "d.yaml"
    f.write_text("one")
    times = (f.stat().st_atime_ns, f.stat().st_mtime_ns)
    calls: list[str] = []
    ticks = iter(range(100))

    def sleep(_: float) -> None:
        n = next(ticks)
        if n == 1:  # a save by rename, as rsync and tar make
            new = tmp_path / "new"
            new.write_text("two")
            os.utime(new, ns=times)
            new.replace(f)
        if n == 3:  # in place, as `cp -p` writes
            with f.open("r+") as out:
                out.write("six")
            os.utime(f, ns=times)

    watch(
        f,
        lambda: calls.append(f.read_text()),
        interval=0,
        stop=lambda: len(calls) > 2,
        sleep=sleep,
    )
    assert calls == ["one", "two", "six"]
