"""A debate file's text, read within the size limit; what went wrong, as a diagnostic.

The reading itself is `argmap.files`' (shared with `argmap import`); this module says, in the
words of a diagnostic, why a file could not be read, and finds the byte that is not UTF-8.
"""

from __future__ import annotations

from argmap.errors import Diagnostic
from argmap.files import TooLarge, open_for_reading, read_at_most
from argmap.load.sizes import format_size


def read_text(file: str, limit: int | None) -> tuple[str | None, Diagnostic | None]:
    """The text of `file`, never reading more than `limit` bytes and one more; or, when it
    cannot be read, None and the diagnostic that says why."""

    def fail(message: str, hint: str | None = None) -> tuple[None, Diagnostic]:
        return None, Diagnostic("read-error", message, file, hint=hint)

    folder = ("this is a folder, not a file", "name a .yaml file inside it")
    try:
        f, size = open_for_reading(file)
    except FileNotFoundError:
        return fail("no such file", "check the path; `argmap new FILE` starts a new debate")
    except NotADirectoryError:
        return fail("no such file: a part of the path is a file, not a folder", "check the path")
    except IsADirectoryError:
        return fail(*folder)
    except PermissionError:
        return fail("permission denied", "make the file readable, e.g. `chmod u+r FILE`")
    except OSError as e:
        return fail(f"cannot read the file: {e.strerror or e}")
    except ValueError:  # a NUL character, which no path can hold
        return fail("no such file: the path holds a NUL character", "check the path")
    try:
        with f:
            data = read_at_most(f, limit, size)
    except TooLarge as e:
        return None, too_large(file, e.size, e.limit)
    except OSError as e:
        return fail(f"cannot read the file: {e.strerror or e}")
    return decode(data, file)


def decode(data: bytes, file: str) -> tuple[str | None, Diagnostic | None]:
    """`data` as text (UTF-8, a byte-order mark dropped); or None and the `not-utf8`
    diagnostic that points at the first byte that is not UTF-8."""
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        line_start = data.rfind(b"\n", 0, e.start) + 1
        column = len(data[line_start : e.start].decode("utf-8", "replace")) + 1
        return None, Diagnostic(
            "not-utf8",
            f"byte 0x{data[e.start]:02x} is not valid UTF-8",
            file,
            line,
            column,
            hint="save the file as UTF-8 (most editors offer it under 'Save with encoding')",
        )


def too_large(file: str, size: int | None, limit: int) -> Diagnostic:
    """The `file-too-large` diagnostic, with the limit to ask for to read the file anyway."""
    shown, most = format_size(size or 0), format_size(limit)
    if shown.replace(".0 ", " ") == most:  # rounded to the limit: show the bytes
        shown, most = f"{size:,} bytes", f"{limit:,} bytes"
    unit = 1 << 30 if (size or 0) >= 1 << 30 else 1 << 20
    suggest = format_size(-(-(size or 2 * limit) // unit) * unit).replace(" ", "")
    return Diagnostic(
        "file-too-large",
        f"the file is {shown}, more than the limit of {most}"
        if size is not None
        else f"the file is larger than the limit of {most}",
        file,
        hint=f"to read it anyway, raise the limit: `argmap --max-size {suggest} ...` or "
        f"ARGMAP_MAX_SIZE={suggest} (0 for no limit)",
    )
