"""Reading articles from files or standard input (placeholder)."""

from __future__ import annotations

import sys

DEFAULT_MAX_BYTES = 20 * 1024 * 1024


class LoadError(Exception):
    """An article that cannot be read; the message names the file and the problem."""

    def __init__(self, path: str, problem: str) -> None:
        self.path = path
        self.problem = problem
        super().__init__(f"{path}: {problem}")


def read_article(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[str, str]:
    """Return (text, encoding) of the article at ``path`` ("-" is stdin)."""
    try:
        if path == "-":
            data = sys.stdin.buffer.read()
        else:
            with open(path, "rb") as f:
                data = f.read()
    except OSError as e:
        raise LoadError(path, e.strerror or str(e)) from None
    return data.decode("utf-8-sig"), "utf-8"
