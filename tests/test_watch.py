from __future__ import annotations

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
