"""The real app in a pseudo-terminal: keys go in, every byte it writes is kept.

Tests that must see what a terminal receives (not Textual's screen model) run
``python -m sidebyside`` here, as a user would in a terminal.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import select
import struct
import subprocess
import sys
import termios
import threading
import time
from pathlib import Path

KEYS = {
    "enter": b"\r",
    "escape": b"\x1b",
    "tab": b"\t",
    "ctrl+q": b"\x11",
    "ctrl+s": b"\x13",
    "ctrl+t": b"\x14",
    "ctrl+p": b"\x10",
    "end": b"\x1b[F",
    "home": b"\x1b[H",
    "slash": b"/",
    "question_mark": b"?",
}


def paste(text: str) -> bytes:
    """``text`` as a terminal sends it in bracketed-paste mode."""
    return b"\x1b[200~" + text.encode("utf-8", "surrogatepass") + b"\x1b[201~"


def _take_terminal() -> None:  # pragma: no cover - runs in the child
    fcntl.ioctl(1, termios.TIOCSCTTY, 0)


class Terminal:
    """One run of the app on a pseudo-terminal of ``size`` (columns, rows)."""

    def __init__(
        self,
        args: list[str],
        *,
        cwd: str | os.PathLike[str],
        env: dict[str, str] | None = None,
        size: tuple[int, int] = (120, 36),
        stdin: int | None = None,
    ) -> None:
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
        environment = {**os.environ, "TERM": "xterm-256color", "TEXTUAL_ANIMATIONS": "none"}
        for name in ("COLUMNS", "LINES", "TEXTUAL_THEME", "NO_COLOR", "CI"):
            environment.pop(name, None)
        environment.update(env or {})
        src = str(Path(__file__).resolve().parents[2] / "src")
        environment["PYTHONPATH"] = os.pathsep.join(
            p for p in (src, environment.get("PYTHONPATH")) if p
        )
        self.process = subprocess.Popen(
            [sys.executable, "-m", "sidebyside", *args],
            stdin=slave if stdin is None else stdin,
            stdout=slave,
            stderr=slave,
            cwd=cwd,
            env=environment,
            start_new_session=True,
            preexec_fn=_take_terminal,
        )
        os.close(slave)
        self.master = master
        self._output = bytearray()
        self._lock = threading.Lock()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        while True:
            try:
                ready, _, _ = select.select([self.master], [], [], 0.1)
                if not ready:
                    if self.process.poll() is not None:
                        return
                    continue
                chunk = os.read(self.master, 65536)
            except OSError:
                return
            if not chunk:
                return
            with self._lock:
                self._output += chunk

    @property
    def output(self) -> bytes:
        with self._lock:
            return bytes(self._output)

    def mark(self) -> int:
        """Where the output is now: ``since(mark)`` gives what came after."""
        return len(self.output)

    def since(self, mark: int) -> bytes:
        return self.output[mark:]

    def send(self, *keys: str | bytes, gap: float = 0.15) -> None:
        """Type keys: names from ``KEYS``, single characters, or raw bytes."""
        for key in keys:
            data = key if isinstance(key, bytes) else KEYS.get(key, key.encode())
            os.write(self.master, data)
            time.sleep(gap)

    def wait_for(self, needle: str | bytes, since: int = 0, timeout: float = 20.0) -> bool:
        """Whether ``needle`` appears in the output after ``since`` within ``timeout`` s."""
        needle = needle.encode() if isinstance(needle, str) else needle
        ends = time.monotonic() + timeout
        while time.monotonic() < ends:
            if needle in self.output[since:]:
                return True
            if self.process.poll() is not None:
                return needle in self.output[since:]
            time.sleep(0.05)
        return False

    def settle(self, quiet: float = 0.3, timeout: float = 10.0) -> None:
        """Wait until nothing has been written for ``quiet`` seconds."""
        ends = time.monotonic() + timeout
        size, since = len(self.output), time.monotonic()
        while time.monotonic() < ends:
            time.sleep(0.05)
            now = len(self.output)
            if now != size:
                size, since = now, time.monotonic()
            elif time.monotonic() - since >= quiet:
                return

    def quit(self, timeout: float = 15.0) -> int | None:
        """Press ctrl+q and wait for the exit status (None: it did not exit)."""
        if self.process.poll() is None:
            with contextlib.suppress(OSError):  # the terminal closed already
                self.send("ctrl+q")
        try:
            return self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            return None

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(10)
        self._reader.join(5)
        os.close(self.master)

    def __enter__(self) -> Terminal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
