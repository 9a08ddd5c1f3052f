"""Labels of every row of a comparison, read by a second process when there are many.

Labelling reads each changed sentence pair in plain Python: on ten 2,000-sentence
articles it is the longest step after alignment, and about as long as everything
else the report needs after it (diffs, moves, the overview, writing the JSON). So on
a large comparison a forked process labels the rows while this one does the rest.
Most of that reading is of single sentences, whatever their partners, so a report
can start the process before the alignment (``start_labels``): it reads every
sentence while this one aligns, then the pairs of sentences the local scores alone
would link, which it is sent as soon as they are known (reading their context,
linking and building the rows take a good while longer), then labels the rows.

The result is the same as labelling every row here, which is what happens on small
comparisons, where a process costs more than it saves, and wherever forking is not
safe or not possible.  (Splitting the rows between the two processes was slower:
each process pays for reading the articles' names and numbers once.)
"""

from __future__ import annotations

import os
import pickle
import select
import sys
import threading
from collections.abc import Callable, Sequence

import numpy as np

from sidebyside.engine.divergence.labels import Divergence
from sidebyside.engine.divergence.rows import classify_group, label_links_ahead, read_ahead
from sidebyside.engine.model import Document, Group, Link, Member

# Sentences in rows that have something to label, below which one process is quicker.
SHARE_FROM = 4000

Labels = list[tuple[Divergence, ...]]

# What goes to the forked process: a tag, the length of what follows, then a pickle.
_LIKELY = b"L"
_ROWS = b"R"
_HEADER = 9


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


def _fork() -> int | None:
    """A forked process's pid (0 in it), or None where there is none to be had."""
    # A Rust tokenizer that ran threads before the fork would warn on stderr.
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    try:
        return os.fork()
    except OSError:
        return None


def _send_and_leave(write: int, labels: Callable[[], Labels]) -> None:
    """In the forked process: send the labels, leave at once."""
    code = 1
    try:
        data = pickle.dumps(labels(), pickle.HIGHEST_PROTOCOL)
        with os.fdopen(write, "wb") as out:
            out.write(data)
        code = 0
    finally:
        os._exit(code)  # no exit handlers, no second flush of inherited buffers


def _collector(
    pid: int, read: int, documents: list[Document], groups: Sequence[Group]
) -> Callable[[], Labels]:
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
    read, write = os.pipe()
    pid = _fork()
    if pid is None:
        os.close(read)
        os.close(write)
        return lambda: _label(documents, groups)
    if pid == 0:
        os.close(read)
        _send_and_leave(write, lambda: _label(documents, groups))
    os.close(write)
    return _collector(pid, read, documents, groups)


def _rows_message(groups: Sequence[Group]) -> list[tuple]:
    """Rows as plain tuples, several times quicker to pickle than the objects."""
    return [
        (
            tuple([(m.doc, m.sentence) for m in g.members]),
            g.score,
            tuple(
                [(k.a.doc, k.a.sentence, k.b.doc, k.b.sentence, k.score, k.kind) for k in g.links]
            ),
        )
        for g in groups
    ]


def _rows_from(message: list[tuple]) -> list[Group]:
    # One Member per sentence, shared by its row and every link between its members (a
    # row's links join its own members): two new ones per link cost more than the link.
    members_of = {(d, s): Member(d, s) for members, _, _ in message for d, s in members}
    return [
        Group(
            members=tuple([members_of[m] for m in members]),
            score=row_score,
            links=tuple(
                [
                    Link(members_of[ad, as_], members_of[bd, bs], ls, kind)
                    for ad, as_, bd, bs, ls, kind in links
                ]
            ),
        )
        for members, row_score, links in message
    ]


def _message(tag: bytes, value) -> bytes:
    data = pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
    return tag + len(data).to_bytes(_HEADER - 1, "little") + data


def _read_exactly(fd: int, size: int) -> bytes | None:
    """``size`` bytes of ``fd``, or None at its end.  Unbuffered: whether more has come
    is asked of the pipe itself, which must not hold back what was read ahead."""
    chunks = []
    while size:
        chunk = os.read(fd, min(size, 1 << 22))
        if not chunk:
            return None
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)


def _receive(fd: int) -> tuple[bytes, object] | None:
    """The next message's tag and value, or None at the end of the pipe."""
    header = _read_exactly(fd, _HEADER)
    if header is None:
        return None
    data = _read_exactly(fd, int.from_bytes(header[1:], "little"))
    return None if data is None else (header[:1], pickle.loads(data))


def _links_in_row_order(a_doc, a_sentence, b_doc, b_sentence) -> list[tuple[int, int, int, int]]:
    """Links as ``(a, sentence, b, sentence)`` with ``a < b``, by a's article and
    sentence, then b's: the order rows ask for pairs."""
    flip = a_doc > b_doc
    a, b = np.where(flip, b_doc, a_doc), np.where(flip, a_doc, b_doc)
    s, t = np.where(flip, b_sentence, a_sentence), np.where(flip, a_sentence, b_sentence)
    order = np.lexsort((t, b, s, a))
    return list(zip(*(x[order].tolist() for x in (a, s, b, t))))


class LabelsAhead:
    """A process forked before the rows are known: it reads every sentence of the
    articles meanwhile, then the pairs ``send_likely`` sends, then labels the rows
    ``label`` sends it."""

    def __init__(self, documents: list[Document], pid: int, send: int, receive: int) -> None:
        self.documents = documents
        self._pid = pid
        self._send: int | None = send
        self._receive = receive
        self._writer: threading.Thread | None = None

    def _post(self, data: bytes, last: bool) -> threading.Thread:
        """Write ``data`` in a thread (the pipe holds less: written while we go on), after
        what was posted before; ``last`` closes the pipe after it."""
        send, before = self._send, self._writer
        if last:
            self._send = None

        def write() -> None:
            if before is not None:
                before.join()
            try:
                view = memoryview(data)
                while view:
                    view = view[os.write(send, view) :]
            except OSError:
                pass  # the other process is gone: labels are collected here
            finally:
                if last:
                    os.close(send)

        self._writer = writer = threading.Thread(target=write, daemon=True)
        writer.start()
        return writer

    def send_likely(self, a_doc, a_sentence, b_doc, b_sentence) -> None:
        """Pairs of sentences likely to be linked (``align``'s ``on_likely``), read there
        while this process works out the links and builds the rows."""
        if self._send is None:
            raise RuntimeError("the rows were sent already")
        ends = [np.asarray(x, dtype=np.int32) for x in (a_doc, a_sentence, b_doc, b_sentence)]
        self._post(_message(_LIKELY, ends), last=False)

    def label(self, groups: Sequence[Group]) -> Callable[[], Labels]:
        """Send the rows; the function returned gives their labels, in order."""
        if self._send is None:
            raise RuntimeError("the rows were sent already")
        writer = self._post(_message(_ROWS, _rows_message(groups)), last=True)
        collect = _collector(self._pid, self._receive, self.documents, groups)

        def labels() -> Labels:
            got = collect()
            writer.join()
            return got

        return labels

    def close(self) -> None:
        """Let the process go without rows (the comparison failed or was not needed)."""
        send, self._send = self._send, None
        if send is None:
            return
        if self._writer is not None:
            self._writer.join()
        os.close(send)
        os.close(self._receive)
        os.waitpid(self._pid, 0)


def start_labels(documents: list[Document], share: bool | None = None) -> LabelsAhead | None:
    """A process that reads the articles' sentences while this one aligns them, or None
    where a comparison this small or a platform that cannot fork is better served here.

    ``share``: True or False to force or forbid it (tests), None to decide by size."""
    if share is None:
        share = sum(len(d.sentences) for d in documents) >= SHARE_FROM and _can_fork()
    if not share:
        return None
    from_parent, to_child = os.pipe()
    from_child, to_parent = os.pipe()
    pid = _fork()
    if pid is None:
        for fd in (to_child, from_parent, from_child, to_parent):
            os.close(fd)
        return None
    if pid == 0:
        os.close(to_child)
        os.close(from_child)

        def labels() -> Labels:
            def arrived() -> bool:
                return bool(select.select([from_parent], [], [], 0)[0])

            read_ahead(documents, stop=arrived)
            message = _receive(from_parent)
            if message is not None and message[0] == _LIKELY:
                label_links_ahead(documents, _links_in_row_order(*message[1]), stop=arrived)
                message = _receive(from_parent)
            if message is None or message[0] != _ROWS:
                os._exit(0)  # no rows are coming
            return _label(documents, _rows_from(message[1]))

        _send_and_leave(to_parent, labels)
    os.close(from_parent)
    os.close(to_parent)
    return LabelsAhead(documents, pid, to_child, from_child)
