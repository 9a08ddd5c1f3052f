"""Work off the event loop, one job at a time.

Python runs one thread at a time: every worker thread that computes competes
with the event loop for the interpreter, and with several at once the loop
waits its turn behind each of them.  Layouts, row orders, the overview and
search therefore take turns through one lock, so the event loop competes
with one worker at most, and the interpreter is handed over more often than
Python's default (every 2 ms instead of 5), so a key is answered while a
worker computes.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

SWITCH_INTERVAL = 0.002  # seconds a thread may hold the interpreter while another waits

_TURN = threading.Lock()


@contextmanager
def one_at_a_time() -> Iterator[None]:
    """Hold the workers' turn for the duration (call from worker threads only)."""
    with _TURN:
        yield


def share_the_interpreter() -> None:
    """Let a waiting thread (the event loop) take over sooner."""
    if sys.getswitchinterval() > SWITCH_INTERVAL:
        sys.setswitchinterval(SWITCH_INTERVAL)
