"""Page furniture in the views: dimmed always, hidden on request, position kept.

Furniture (bylines, "Related News", share prompts) is marked per sentence by
the engine.  It is never deleted: the views dim it, and the furniture key
takes it out of sight.  The aligned view then drops the rows made only of
furniture (a row that also holds a story sentence stays, its furniture
dimmed); the reading view drops the furniture sentences themselves.
"""

from __future__ import annotations

from collections.abc import Sequence

from sidebyside.engine.model import Comparison, Document


def furniture_groups(comparison: Comparison) -> frozenset[int]:
    """Groups whose every sentence is furniture: the rows hiding takes away."""
    docs = comparison.documents
    if not any(d.furniture for d in docs):
        return frozenset()
    return frozenset(
        k
        for k, g in enumerate(comparison.groups)
        if all(m.sentence in docs[m.doc].furniture for m in g.members)
    )


def without_groups(order: list[int], hidden: frozenset[int]) -> tuple[list[int], dict[int, int]]:
    """``order`` less ``hidden``, and every group's row in it.

    A hidden group maps to the row of the next group shown (the last row at
    the end), so code that asks where any group sits always gets a row.
    """
    shown: list[int] = []
    rows: dict[int, int] = {}
    pending: list[int] = []
    for g in order:
        if g in hidden:
            pending.append(g)
            continue
        for p in pending:
            rows[p] = len(shown)
        pending.clear()
        rows[g] = len(shown)
        shown.append(g)
    for p in pending:
        rows[p] = max(len(shown) - 1, 0)
    return shown, rows


def furniture_ranges(
    document: Document, sentences: Sequence[int], offsets: Sequence[int], length: int
) -> list[tuple[int, int]]:
    """Ranges of a joined cell's text (sentences at ``offsets``) that are furniture."""
    if not document.furniture:
        return []
    out = []
    for k, n in enumerate(sentences):
        if n in document.furniture:
            end = offsets[k + 1] - 1 if k + 1 < len(offsets) else length
            out.append((offsets[k], end))
    return out


def nearest_shown(doc: Document, sentence: int, step: int = 1) -> int:
    """``sentence`` if it is story, else the nearest story sentence, ``step``-wards first."""
    furniture = doc.furniture
    if sentence not in furniture:
        return sentence
    count = len(doc.sentences)
    for direction in (step, -step):
        k = sentence + direction
        while 0 <= k < count:
            if k not in furniture:
                return k
            k += direction
    return sentence  # all furniture: nothing better to show
