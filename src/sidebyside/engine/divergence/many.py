"""Labels of every row of a comparison, shared with a second process when there are many.

Labelling reads each changed sentence pair in plain Python: on ten 2,000-sentence
articles it is the longest step after alignment. Rows are labelled independently,
so on a large comparison a forked process labels most of them while this one goes
on writing the rest of the report, and the two halves are joined in row order. The
result is the same as labelling every row here, which is what happens on small
comparisons, where a process costs more than it saves, and wherever forking is not
safe or not possible.
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
# The forked process's part of the rows: this process writes the rest of the report
# meanwhile, about half as much work as the labels.
CHILD_PART = 0.92

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
    work = [_work(g) for g in groups]
    total = sum(work)
    if share is None:
        share = total >= SHARE_FROM and _can_fork()
    if not share or len(groups) < 2:
        return lambda: _label(documents, groups)
    cut, done = 0, 0
    while cut < len(groups) - 1 and done < total * (1 - CHILD_PART):
        done += work[cut]
        cut += 1
    # A Rust tokenizer that ran threads before the fork would warn on stderr.
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    read, write = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(read)
        os.close(write)
        return lambda: _label(documents, groups)
    if pid == 0:  # the forked process: label the tail, send it, leave at once
        code = 1
        try:
            os.close(read)
            data = pickle.dumps(_label(documents, groups[cut:]), pickle.HIGHEST_PROTOCOL)
            with os.fdopen(write, "wb") as out:
                out.write(data)
            code = 0
        finally:
            os._exit(code)  # no exit handlers, no second flush of inherited buffers
    os.close(write)

    def collect() -> Labels:
        head = _label(documents, groups[:cut])
        with os.fdopen(read, "rb") as inp:
            data = inp.read()
        _, status = os.waitpid(pid, 0)
        tail = None
        if status == 0:
            try:
                tail = pickle.loads(data)
            except Exception:
                tail = None
        if not isinstance(tail, list) or len(tail) != len(groups) - cut:
            tail = _label(documents, groups[cut:])  # the other process failed: do it here
        return head + tail

    return collect
