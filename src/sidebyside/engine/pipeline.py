"""From article texts to a finished comparison: segment, align, diff, order."""

from __future__ import annotations

import gc
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from sidebyside.engine.align import align
from sidebyside.engine.diff import diff_group
from sidebyside.engine.loading import DEFAULT_MAX_BYTES, read_article
from sidebyside.engine.model import Comparison, Document, Group
from sidebyside.engine.order import pivot_order
from sidebyside.engine.segment import split_sentences


def load_documents(paths: Sequence[str], max_bytes: int = DEFAULT_MAX_BYTES) -> list[Document]:
    """Read and segment every article; raises LoadError for the first bad one."""
    documents = []
    for path in paths:
        text, encoding = read_article(path, max_bytes=max_bytes)
        documents.append(Document(path=path, text=text, encoding=encoding))
    return documents


@contextmanager
def _without_gc() -> Iterator[None]:
    """Pause the cycle collector: the engine makes millions of small acyclic
    objects, and collecting while they are built costs about a third of the time."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def compare_documents(
    documents: list[Document], pivot: int = 0, with_diffs: bool = True
) -> Comparison:
    """Align the articles and diff every group; groups come in the pivot's order.

    ``with_diffs=False`` leaves ``Group.diffs`` empty for callers that diff
    only what they show (the app, via ``diff.diff_pair``).
    """
    with _without_gc():
        for doc in documents:
            if not doc.sentences:
                doc.sentences = split_sentences(doc.text)
        groups = [
            Group(
                members=members,
                score=score,
                diffs=diff_group(documents, members) if with_diffs else (),
            )
            for members, score in align(documents)
        ]
        ordered = [groups[k] for k in pivot_order(groups, pivot)]
    return Comparison(documents=documents, groups=ordered)
