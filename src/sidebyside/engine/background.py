"""A step run in a second thread while the caller does another.

NumPy lets go of the interpreter inside its loops, so two array-heavy steps that
do not depend on each other can share two cores.  A plain thread, not a pool:
``concurrent.futures`` would add its own import (and ``logging``'s) to every start.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class Background(Generic[T]):
    """``fn(*args)`` started in a thread; ``result()`` waits for it and gives its value,
    or raises what it raised."""

    def __init__(self, fn: Callable[..., T], *args) -> None:
        self._value: T | None = None
        self._error: BaseException | None = None

        def run() -> None:
            try:
                self._value = fn(*args)
            except BaseException as e:  # handed to whoever asks for the result
                self._error = e

        self._thread = threading.Thread(target=run, daemon=True)
        self._thread.start()

    def result(self) -> T:
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._value  # type: ignore[return-value]
