"""Which articles placed a row's material elsewhere, seen from one pivot.

Rows follow the pivot's reading order.  Another article that shares many
rows usually has them in the same order; where it does not, the rows it
holds in the same order as the pivot are the longest increasing run of its
sentence numbers down the rows, and every other row it holds is material it
moved.  Each move says where the article has that material: which paragraph
and sentence, and after which row's material it comes in that article.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

from sidebyside.engine.model import Comparison, Member
from sidebyside.engine.order import pivot_order


@dataclass(frozen=True, slots=True)
class Move:
    """Article ``doc`` has row ``group``'s material somewhere the pivot does not.

    ``sentence`` and ``paragraph`` are the article's first sentence in the row
    and its paragraph (0-based); ``after`` is the group holding the article's
    sentence just before it (None when it opens the article), so a reader can
    find where the article put it.
    """

    group: int
    doc: int
    sentence: int
    paragraph: int
    after: int | None


def out_of_order(sequence: Sequence[int]) -> set[int]:
    """Positions in ``sequence`` outside one longest increasing run: the moved items.

    The items kept form the largest set an article shares in the same order as
    the rows; everything else was placed elsewhere by that article.
    """
    tails: list[int] = []  # smallest tail value of an increasing run of each length
    tail_pos: list[int] = []
    parent = [-1] * len(sequence)
    for i, value in enumerate(sequence):
        k = bisect.bisect_left(tails, value)
        if k == len(tails):
            tails.append(value)
            tail_pos.append(i)
        else:
            tails[k] = value
            tail_pos[k] = i
        parent[i] = tail_pos[k - 1] if k else -1
    kept: set[int] = set()
    i = tail_pos[-1] if tail_pos else -1
    while i >= 0:
        kept.add(i)
        i = parent[i]
    return set(range(len(sequence))) - kept


def first_sentences(comparison: Comparison) -> list[dict[int, int]]:
    """Each group's first sentence in each article it holds."""
    out: list[dict[int, int]] = []
    for g in comparison.groups:
        firsts: dict[int, int] = {}
        for m in g.members:
            if m.sentence < firsts.get(m.doc, m.sentence + 1):
                firsts[m.doc] = m.sentence
        out.append(firsts)
    return out


def find_moves(
    comparison: Comparison,
    pivot: int,
    order: Sequence[int] | None = None,
    firsts: Sequence[dict[int, int]] | None = None,
) -> list[Move]:
    """Every (group, article) cell whose material that article placed elsewhere.

    Rows are taken in the pivot's reading order (``order``, computed when not
    given; ``firsts`` as from ``first_sentences``, to reuse a cached copy).
    The pivot never moves anything.  Moves come in row order, then article.
    """
    if order is None:
        order = pivot_order(comparison.groups, pivot)
    if firsts is None:
        firsts = first_sentences(comparison)
    index = comparison.group_index
    moves: list[Move] = []
    for doc, document in enumerate(comparison.documents):
        if doc == pivot:
            continue
        rows = [g for g in order if doc in firsts[g]]
        numbers = [firsts[g][doc] for g in rows]
        for i in out_of_order(numbers):
            sentence = numbers[i]
            before = index.get(Member(doc, sentence - 1)) if sentence else None
            moves.append(
                Move(rows[i], doc, sentence, document.sentences[sentence].paragraph, before)
            )
    row = {g: r for r, g in enumerate(order)}
    moves.sort(key=lambda m: (row[m.group], m.doc))
    return moves
