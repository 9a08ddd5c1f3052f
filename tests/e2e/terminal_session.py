"""A program in a real pseudo-terminal, its screen read as a person sees it.

pexpect runs the program in a terminal of a fixed size and sends it keys as
a terminal would; pyte, a terminal emulator, turns what the program writes
into the lines and colours on screen.  Nothing here knows the app's insides.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import pexpect
import pyte

# What a terminal sends for each key (xterm, normal cursor mode).
KEYS = {
    "enter": "\r",
    "escape": "\x1b",
    "tab": "\t",
    "shift+tab": "\x1b[Z",
    "backspace": "\x7f",
    "space": " ",
    "slash": "/",
    "question_mark": "?",
    "up": "\x1b[A",
    "down": "\x1b[B",
    "right": "\x1b[C",
    "left": "\x1b[D",
    "home": "\x1b[H",
    "end": "\x1b[F",
    "pageup": "\x1b[5~",
    "pagedown": "\x1b[6~",
}
KEYS.update({f"ctrl+{c}": chr(ord(c) - ord("a") + 1) for c in "abcdefghijklmnopqrstuvwxyz"})

# Textual reads a lone escape as the escape key only after 100 ms without more bytes.
ESCAPE_PAUSE = 0.25


class Terminal:
    """``argv`` running in a ``size`` (columns, rows) pseudo-terminal."""

    def __init__(
        self,
        argv: Sequence[str],
        *,
        size: tuple[int, int] = (160, 45),
        env: dict[str, str] | None = None,
        cwd: str | Path | None = None,
    ) -> None:
        columns, rows = size
        self.screen = pyte.Screen(columns, rows)
        self._stream = pyte.ByteStream(self.screen)
        environment = dict(os.environ if env is None else env)
        environment["TERM"] = "xterm-256color"
        environment.pop("TEXTUAL_ANIMATIONS", None)  # run as a person would
        self.started = time.monotonic()
        self.child = pexpect.spawn(
            argv[0], list(argv[1:]), dimensions=(rows, columns), env=environment, cwd=cwd
        )
        self.exited_at: float | None = None

    # -- reading ----------------------------------------------------------
    def _read(self, timeout: float) -> bool:
        """Feed what the program wrote within ``timeout`` to the screen; False once it ended."""
        if self.exited_at is not None:
            return False
        try:
            self._stream.feed(self.child.read_nonblocking(1 << 16, timeout=timeout))
        except pexpect.TIMEOUT:
            pass
        except pexpect.EOF:
            self.exited_at = time.monotonic()
            return False
        return True

    def text(self) -> str:
        """The screen as lines of text."""
        return "\n".join(line.rstrip() for line in self.screen.display)

    def background(self, row: int, column: int) -> str:
        """The background colour of one cell, as pyte names it ("default", "000000"...)."""
        return self.screen.buffer[row][column].bg

    def settle(self, seconds: float) -> None:
        """Keep reading the screen for ``seconds``."""
        end = time.monotonic() + seconds
        while time.monotonic() < end and self._read(min(0.05, end - time.monotonic())):
            pass

    def wait_until(self, test: Callable[[str], bool], what: str, timeout: float = 30) -> float:
        """Read until ``test(screen text)`` holds; seconds since the start.  Fails with the
        screen when it does not hold within ``timeout`` or the program ended."""
        end = time.monotonic() + timeout
        while True:
            if test(self.text()):
                return time.monotonic() - self.started
            if time.monotonic() > end or not self._read(0.05):
                # One last look: the program may have drawn it just before ending.
                if test(self.text()):
                    return time.monotonic() - self.started
                state = "ended" if self.exited_at else f"still not there after {timeout} s"
                raise AssertionError(f"{what}: {state}. The screen:\n{self.text()}")

    def wait_for(self, *texts: str, timeout: float = 30) -> float:
        """Read until every one of ``texts`` is on screen; seconds since the start."""
        return self.wait_until(
            lambda screen: all(t in screen for t in texts), f"waiting for {texts!r}", timeout
        )

    def wait_for_match(self, pattern: str, timeout: float = 30) -> re.Match[str]:
        """Read until the regular expression ``pattern`` matches the screen; the match."""
        found: list[re.Match[str]] = []

        def test(screen: str) -> bool:
            match = re.search(pattern, screen)
            found[:] = [match] if match else []
            return match is not None

        self.wait_until(test, f"waiting for /{pattern}/", timeout)
        return found[0]

    def wait_for_none(self, *texts: str, timeout: float = 30) -> float:
        """Read until none of ``texts`` is on screen."""
        gone = f"waiting for {texts!r} to go"
        return self.wait_until(lambda screen: not any(t in screen for t in texts), gone, timeout)

    # -- typing -----------------------------------------------------------
    def press(self, *keys: str) -> None:
        """Send keys by name ("j", "ctrl+s", "escape", "question_mark"...)."""
        for key in keys:
            self.child.send(KEYS.get(key, key))
            if key == "escape":
                self.settle(ESCAPE_PAUSE)

    def type(self, text: str) -> None:
        """Send ``text`` as typed characters."""
        self.child.send(text)

    # -- ending -----------------------------------------------------------
    def wait_exit(self, timeout: float) -> tuple[float, int | None]:
        """Seconds until the program ended (from now) and its exit status.

        Fails when it is still running after ``timeout`` seconds.
        """
        asked = time.monotonic()
        while self._read(min(0.05, max(0.0, asked + timeout - time.monotonic()))):
            if time.monotonic() > asked + timeout:
                break
        if self.exited_at is None:
            raise AssertionError(
                f"still running {timeout} s after being asked to quit. The screen:\n{self.text()}"
            )
        self.child.close()  # reaps the process: its status is known from here on
        return self.exited_at - asked, self.child.exitstatus

    def close(self) -> None:
        """Kill the program if it is still running."""
        if self.child.isalive():
            self.child.terminate(force=True)
        self.child.close()

    def __enter__(self) -> Terminal:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
