"""From article texts to a finished comparison: segment, align, diff, order."""

from __future__ import annotations

import gc
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from sidebyside.engine.align import align
from sidebyside.engine.diff import diff_group
from sidebyside.engine.divergence.many import start_labels
from sidebyside.engine.furniture import furniture_sentences
from sidebyside.engine.loading import DEFAULT_MAX_BYTES, load_article
from sidebyside.engine.matcher import default_matcher
from sidebyside.engine.model import VERBATIM, Comparison, Document, Group, Link, Member
from sidebyside.engine.normalize import fold
from sidebyside.engine.order import pivot_order
from sidebyside.engine.segment import split_sentences


def load_documents(
    paths: Sequence[str], max_bytes: int = DEFAULT_MAX_BYTES, timeout: float | None = None
) -> list[Document]:
    """Read, segment and mark the furniture of every article (a file, "-" for stdin, or a
    web address; HTML and Markdown are reduced to their text); raises LoadError for the
    first bad one. ``timeout``: seconds allowed for fetching each web address."""
    documents = []
    for path in paths:
        article = load_article(path, max_bytes=max_bytes, timeout=timeout)
        doc = Document(path=path, text=article.text, encoding=article.encoding, title=article.title)
        documents.append(segment_document(doc))
    return documents


def segment_document(doc: Document) -> Document:
    """Split ``doc`` into sentences and mark its page furniture, unless already done.

    Every way into the engine (loading, comparing, embedding) goes through
    here, so no path sees sentences without their furniture marks.
    """
    if not doc.sentences:
        doc.sentences = split_sentences(doc.text)
        doc.furniture = furniture_sentences(doc)
    return doc


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


PREVIEW = "verbatim"  # the matcher name of a preview's rows


def verbatim_preview(documents: list[Document], pivot: int = 0) -> Comparison:
    """Rows of the sentences other articles repeat word for word, every other sentence
    a row of its own: what a front end can show at once while ``compare_documents``
    runs on a large set (seconds), to be replaced by its rows.

    Texts are compared folded (case, quotes, dashes and spacing aside); a text that an
    article repeats is left alone, since which copy goes with which is the aligner's
    call."""
    for doc in documents:
        segment_document(doc)
    by_text: dict[str, list[Member]] = {}
    for d, doc in enumerate(documents):
        for s in doc.sentences:
            by_text.setdefault(fold(s.text), []).append(Member(d, s.index))
    groups = []
    for members in by_text.values():
        if len(members) > 1 and len({m.doc for m in members}) == len(members):
            links = tuple(
                Link(a, b, 1.0, VERBATIM) for n, a in enumerate(members) for b in members[n + 1 :]
            )
            groups.append(Group(members=tuple(members), score=1.0, links=links))
        else:
            groups.extend(Group(members=(m,), score=0.0) for m in members)
    ordered = [groups[k] for k in pivot_order(groups, pivot)]
    links = [link for g in ordered for link in g.links]
    return Comparison(documents=documents, groups=ordered, matcher=PREVIEW, links=links)


PIVOT_DIFFS = "pivot"  # each article against the row's reference (the pivot when it is there)
ALL_DIFFS = "all"  # every pair of articles in a row
NO_DIFFS = "none"  # callers that diff only what they show (the app, via ``diff.diff_pair``)


def compare_documents(
    documents: list[Document],
    pivot: int = 0,
    with_diffs: bool | str = True,
    matcher=None,
    labels_ahead: bool = False,
) -> Comparison:
    """Align the articles and diff the rows; rows come in the pivot's order.

    ``with_diffs``: ``"pivot"`` (or True) diffs each article against the row's
    reference, ``"all"`` every pair, ``"none"`` (or False) nothing.  ``matcher``
    brings embeddings and names the fitted weights (default: ``default_matcher()``).
    ``labels_ahead``: on a comparison large enough for a second process, label every
    pair of each row's articles there while this one diffs, for a report that will
    list them all (``Comparison.take_labels``; None otherwise, and the report labels
    the rows itself).
    """
    mode = {True: PIVOT_DIFFS, False: NO_DIFFS}.get(with_diffs, with_diffs)
    if mode not in (PIVOT_DIFFS, ALL_DIFFS, NO_DIFFS):
        raise ValueError(f"unknown diff mode {with_diffs!r}")
    matcher = matcher or default_matcher()
    with _without_gc():
        for doc in documents:
            segment_document(doc)
        # On a large comparison another process reads the sentences for the labels
        # while this one aligns them, then the likely pairs while this one links them
        # and builds the rows, and labels the rows while this one diffs.
        labeller = start_labels(documents) if labels_ahead else None
        try:
            alignment = align(
                documents, matcher, on_likely=labeller.send_likely if labeller else None
            )
        except BaseException:
            if labeller is not None:
                labeller.close()
            raise
        groups = [
            Group(members=members, score=score, links=links)
            for members, score, links in alignment.groups
        ]
        ordered = [groups[k] for k in pivot_order(groups, pivot)]
        ahead = (ordered, labeller.label(ordered)) if labeller is not None else None
        if mode != NO_DIFFS:
            for group in groups:
                if group.is_shared:
                    reference = group.reference(pivot) if mode == PIVOT_DIFFS else None
                    group.diffs = diff_group(documents, group.members, reference)
    return Comparison(
        documents=documents,
        groups=ordered,
        matcher=matcher.name,
        links=alignment.links,
        labels_ahead=ahead,
    )
