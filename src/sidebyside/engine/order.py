"""Reading order of groups as seen from one article (the pivot).

Rows follow the pivot article; groups it lacks are slotted right after the
row holding their nearest preceding sentence, so each article still reads
top to bottom as far as possible.
"""

from __future__ import annotations

from sidebyside.engine.model import Group


def pivot_order(groups: list[Group], pivot: int) -> list[int]:
    """Indices of ``groups`` in the pivot article's reading order."""
    position: dict[tuple[int, int], int] = {}
    for k, g in enumerate(groups):
        for m in g.members:
            position[(m.doc, m.sentence)] = k
    pivot_row = {k: min(g.sentences_of(pivot)) for k, g in enumerate(groups) if pivot in g.docs}

    def anchor(k: int) -> tuple:
        if k in pivot_row:
            return (pivot_row[k], 0, 0, 0)
        first = min(groups[k].members)
        # Walk back through this article to the nearest sentence the pivot shares.
        for s in range(first.sentence - 1, -1, -1):
            row = position.get((first.doc, s))
            if row is not None and row in pivot_row:
                return (pivot_row[row], 1, first.doc, first.sentence)
        return (-1, 1, first.doc, first.sentence)

    return sorted(range(len(groups)), key=anchor)
