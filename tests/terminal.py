"""A program run in a real pseudo-terminal: what it writes is read as a person would see it, and
keys are typed at it one at a time, so a test drives `argmap label` as a person does (its
stdin and stdout are a terminal, it reads keys without Enter, Ctrl-C is a key).

Only the standard library: `pty.fork` makes the child the leader of a session whose
controlling terminal is the pseudo-terminal, as a shell would.

A test of an imported thread is a few lines::

    with Terminal.argmap("label", "thread.yaml", cwd=tmp_path) as term:
        term.classify_all("rsun")  # rebuts, supports, undercuts, not an argument, in turn
    assert term.status == 0
"""

from __future__ import annotations

import contextlib
import fcntl
import itertools
import os
import pty
import re
import select
import signal
import struct
import sys
import termios
import time
from pathlib import Path
from types import TracebackType

from .conftest import ROOT

# What a terminal acts on rather than shows (colours, cursor moves), removed before matching.
_ESCAPES = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07|\x1b[()][A-Z0-9]")
PROMPT = "?) "  # how argmap label ends its question, waiting for a key


class Terminal:
    """`argv` running in a pseudo-terminal `columns` wide, in `cwd`, with `env`."""

    def __init__(
        self, argv: list[str], *, cwd: Path, env: dict[str, str], columns: int = 100
    ) -> None:
        pid, fd = pty.fork()
        if pid == 0:  # the child: become the program, or say why not
            try:
                os.chdir(cwd)
                # A test run in the background by a non-interactive shell inherits SIGINT
                # ignored, and Python would then install no Ctrl-C handler.
                signal.signal(signal.SIGINT, signal.SIG_DFL)
                os.execve(argv[0], argv, env)
            finally:
                os._exit(127)
        self.pid, self.fd = pid, fd
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, columns, 0, 0))
        self.raw = ""  # everything written so far, as written
        self.screen = ""  # the same as shown: escapes out, lines ending in \n
        self.seen = 0  # how much of `screen` the expectations have consumed
        self.status: int | None = None

    @classmethod
    def argmap(cls, *args: str, cwd: Path, columns: int = 100) -> Terminal:
        """`argmap ARGS` from this tree, in a terminal without colour."""
        env = {
            **os.environ,
            "PYTHONPATH": str(ROOT),
            "NO_COLOR": "1",
            "COLUMNS": str(columns),
            "TERM": "xterm",
        }
        return cls([sys.executable, "-m", "argmap", *args], cwd=cwd, env=env, columns=columns)

    def __enter__(self) -> Terminal:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self.status is None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
            self.wait()

    def _read(self, timeout: float) -> bool:
        """Read what is there within `timeout` seconds; False at the end of the output."""
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return True
        try:
            data = os.read(self.fd, 65536)
        except OSError:  # EIO: the child has closed the terminal
            return False
        if not data:
            return False
        self.raw += data.decode("utf-8", "replace")
        self.screen += _ESCAPES.sub("", data.decode("utf-8", "replace").replace("\r\n", "\n"))
        return True

    def expect(self, text: str, timeout: float = 30) -> str:
        """Wait until `text` is on the screen after what was expected before; what came
        before it and it."""
        deadline = time.monotonic() + timeout
        while True:
            found = self.screen.find(text, self.seen)
            if found >= 0:
                chunk = self.screen[self.seen : found + len(text)]
                self.seen = found + len(text)
                return chunk
            left = deadline - time.monotonic()
            if left <= 0 or not self._read(min(left, 0.5)):
                if self.screen.find(text, self.seen) >= 0:
                    continue
                raise AssertionError(
                    f"{text!r} never came; the screen since the last match:\n"
                    + self.screen[self.seen :]
                )

    def send(self, keys: str) -> None:
        os.write(self.fd, keys.encode())

    def press(self, key: str, then: str = PROMPT) -> str:
        """Type `key` and wait for `then` (by default the next question); what came between."""
        self.send(key)
        return self.expect(then)

    def wait(self, timeout: float = 30) -> int:
        """Read to the end of the output, and the exit status (128 + N after a signal N, as a
        shell says it); the program is killed if it has not ended within `timeout` seconds."""
        if self.status is not None:
            return self.status
        deadline = time.monotonic() + timeout
        while self._read(0.2):  # the end of the output comes when the program has exited
            if time.monotonic() > deadline:
                os.kill(self.pid, signal.SIGKILL)
                deadline = float("inf")
        _, status = os.waitpid(self.pid, 0)
        os.close(self.fd)
        code = os.waitstatus_to_exitcode(status)
        self.status = 128 - code if code < 0 else code
        return self.status

    def rest(self) -> str:
        """What came after the last expectation."""
        chunk = self.screen[self.seen :]
        self.seen = len(self.screen)
        return chunk

    def classify_all(self, keys: str = "r") -> str:
        """Answer the replies of `argmap label` with `keys` in turn (cycling through them)
        to the end; the whole session."""
        self.expect(PROMPT)
        for n in itertools.count():
            self.send(keys[n % len(keys)])
            if self.expect_either(PROMPT, "\nclassified ") == "\nclassified ":
                break
        self.wait()
        return self.screen

    def expect_either(self, *texts: str, timeout: float = 30) -> str:
        """Wait for whichever of `texts` comes first; that text."""
        deadline = time.monotonic() + timeout
        while True:
            places = [(self.screen.find(t, self.seen), t) for t in texts]
            found = [(i, t) for i, t in places if i >= 0]
            if found:
                i, t = min(found)
                self.seen = i + len(t)
                return t
            left = deadline - time.monotonic()
            if left <= 0 or not self._read(min(left, 0.5)):
                if any(self.screen.find(t, self.seen) >= 0 for t in texts):
                    continue
                raise AssertionError(f"none of {texts!r} came:\n" + self.screen[self.seen :])
