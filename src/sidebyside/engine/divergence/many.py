"""Labels of every row of a comparison, read by a second process when there are many.

Labelling reads each changed sentence pair in plain Python: on ten 2,000-sentence
articles it is the longest step after alignment, and about as long as everything
else the report needs after it (diffs, moves, the overview, writing the JSON). So on
a large comparison a forked process labels the rows while this one does the rest.
The result is the same as labelling every row here, which is what happens on small
comparisons, where a process costs more than it saves, and wherever forking is not
safe or not possible.  (Splitting the rows between the two processes was slower:
each process pays for reading the articles' names and numbers once.)
"""

from __future__ import annotations

import os
import pickle
import sys
from collections.abc import Callable, Sequence

from sidebyside.engine.divergence.labels import Divergence
from sidebyside.engine.divergence.rows import classify_group
from sidebyside.engine.model import Document, Group

# Sentences in rows that have something to label, below which one process is quicker.
SHARE_FROM = 4000

Labels = list[tuple[Divergence, ...]]


def _work(group: Group) -> int:
    return len(group.members) if group.is_shared else 0


def _can_fork() -> bool:
    if not sys.platform.startswith("linux") or not hasattr(os, "fork"):
        return False  # macOS forbids much after fork; Windows has no fork
    try:
        return len(os.sched_getaffinity(0)) > 1
    except (AttributeError, OSError):
        return (os.cpu_count() or 1) > 1


def _label(documents: list[Document], groups: Sequence[Group]) -> Labels:
    return [classify_group(documents, g) for g in groups]


def label_rows(
    documents: list[Document], groups: Sequence[Group], share: bool | None = None
) -> Callable[[], Labels]:
    """Start labelling ``groups``; the function returned gives their labels, in order.

    ``share``: True or False to force or forbid a second process (tests), None to
    decide by the size of the work."""
    if share is None:
        share = sum(_work(g) for g in groups) >= SHARE_FROM and _can_fork()
    if not share or not groups:
        return lambda: _label(documents, groups)
    # A Rust tokenizer that ran threads before the fork would warn on stderr.
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    read, write = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(read)
        os.close(write)
        return lambda: _label(documents, groups)
    if pid == 0:  # the forked process: label, send, leave at once
        code = 1
        try:
            os.close(read)
            data = pickle.dumps(_label(documents, groups), pickle.HIGHEST_PROTOCOL)
            with os.fdopen(write, "wb") as out:
                out.write(data)
            code = 0
        finally:
            os._exit(code)  # no exit handlers, no second flush of inherited buffers
    os.close(write)

    def collect() -> Labels:
        with os.fdopen(read, "rb") as inp:
            data = inp.read()
        _, status = os.waitpid(pid, 0)
        labels = None
        if status == 0:
            try:
                labels = pickle.loads(data)
            except Exception:
                labels = None
        if not isinstance(labels, list) or len(labels) != len(groups):
            labels = _label(documents, groups)  # the other process failed: do it here
        return labels

    return collect
