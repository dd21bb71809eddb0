"""Sizes as people write and read them: the `--max-size` option, and the limit in messages."""

from __future__ import annotations

import re

from argmap.errors import quote

_UNITS = {
    "": 1,
    "b": 1,
    "kb": 1000,
    "mb": 1000**2,
    "gb": 1000**3,
    "kib": 1 << 10,
    "mib": 1 << 20,
    "gib": 1 << 30,
}
_SIZE = re.compile(r"(\d+(?:\.\d+)?) ?([a-z]*)")


def parse_size(text: str) -> int:
    """A size written as bytes or with a unit (KB, MB, GB: powers of 1000; KiB, MiB, GiB:
    powers of 1024), in any case; 0 means no limit.

    >>> [parse_size(s) for s in ("1000", "64MiB", "200 MB", "1.5gb", "0")]
    [1000, 67108864, 200000000, 1500000000, 0]
    """
    m = _SIZE.fullmatch(text.strip().lower())
    if m is None or m[2] not in _UNITS:
        raise ValueError(
            f"{quote(text)} is not a size: write a number of bytes, or a number with "
            "KB, MB, GB, KiB, MiB or GiB (0: no limit)"
        )
    size = int(float(m[1]) * _UNITS[m[2]])
    if size == 0 and float(m[1]) != 0:  # 0.5 bytes is not "no limit"
        raise ValueError(f"{quote(text)} is less than one byte; give at least 1 (0: no limit)")
    return size


def format_size(n: int) -> str:
    """A size as people read it, in the largest unit that divides it or with one decimal.

    >>> [format_size(n) for n in (1, 312, 2048, 67108864, 200_000_000, 1_500_001, 1 << 30)]
    ['1 byte', '312 bytes', '2 KiB', '64 MiB', '200 MB', '1.4 MiB', '1 GiB']
    """
    if n < 1024:
        return f"{n} byte{'' if n == 1 else 's'}"
    for name, unit in (("GiB", 1 << 30), ("GB", 1000**3), ("MiB", 1 << 20), ("MB", 1000**2),
                       ("KiB", 1 << 10), ("KB", 1000)):  # fmt: skip
        if n % unit == 0:
            return f"{n // unit} {name}"
    name, unit = next(
        u for u in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)) if n >= u[1]
    )
    return f"{n / unit:.1f} {name}"
