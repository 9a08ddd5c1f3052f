"""Pure geometry: wrapping text to a width, row heights, columns.

Nothing here imports Textual, so it is quick to test and cheap to call on
every keystroke.
"""

from __future__ import annotations

import bisect
import re
import time
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate

from rich.cells import cell_len

GUTTER = 6  # row number and cursor mark
SYNC_CELLS = 3000  # lay out at once up to this many cells; more go to a worker thread
SEPARATOR = 3  # " │ " between columns
MIN_COLUMN = 30  # narrower than this and sentences become unreadable

_WORD = re.compile(r"\S+")


def wrap_offsets(text: str, width: int) -> list[tuple[int, int]]:
    """Greedy word wrap of ``text`` into lines of at most ``width`` cells.

    Returns ``(start, end)`` offsets into ``text`` for each line; spaces at a
    break are dropped, words longer than a line are cut.  Always at least one
    line, so an empty text still takes a row.
    """
    width = max(1, width)
    if text.isascii() and len(text) <= width:
        return [(0, len(text))]
    measure = len if text.isascii() else cell_len
    lines: list[tuple[int, int]] = []
    start = end = -1
    used = 0
    for match in _WORD.finditer(text):
        w_start, w_end = match.span()
        w_len = measure(match.group())
        gap = measure(text[end:w_start]) if start >= 0 else 0
        if start >= 0 and used + gap + w_len <= width:
            end = w_end
            used += gap + w_len
            continue
        if start >= 0:
            lines.append((start, end))
        while w_len > width:  # a word wider than the line: cut it
            cut = w_start
            taken = 0
            while cut < w_end and taken + measure(text[cut]) <= width:
                taken += measure(text[cut])
                cut += 1
            cut = max(cut, w_start + 1)
            lines.append((w_start, cut))
            w_start = cut
            w_len = measure(text[w_start:w_end])
        start, end, used = w_start, w_end, w_len
    if start >= 0:
        lines.append((start, end))
    return lines or [(0, 0)]


@dataclass(frozen=True, slots=True)
class Column:
    doc: int
    x: int
    width: int


def columns(total_width: int, docs: Sequence[int]) -> list[Column]:
    """Place one column per article after the gutter, separated by rules."""
    n = max(1, len(docs))
    usable = max(n, total_width - GUTTER - SEPARATOR * (n - 1) - 1)
    base, extra = divmod(usable, n)
    out = []
    x = GUTTER
    for k, doc in enumerate(docs):
        width = base + (1 if k < extra else 0)
        out.append(Column(doc, x, width))
        x += width + SEPARATOR
    return out


def fitting_count(total_width: int, min_column: int = MIN_COLUMN) -> int:
    """How many columns of at least ``min_column`` cells fit across ``total_width``."""
    return max(1, (total_width - GUTTER - 1 + SEPARATOR) // (min_column + SEPARATOR))


def choose_shown(
    n_docs: int,
    pivot: int,
    focused: int,
    hidden: set[int],
    limit: int,
) -> list[int]:
    """Articles to show, in file order: pivot and focused first, then others while room remains."""
    rest = [d for d in range(n_docs) if d not in hidden and d not in (pivot, focused)]
    wanted = [pivot] + ([focused] if focused != pivot else []) + rest
    return sorted(wanted[: max(1, limit)])


class RowOffsets:
    """Prefix sums over row heights: row at a screen line and line of a row, both O(log n)."""

    def __init__(self, heights: Sequence[int]) -> None:
        self.heights = list(heights)
        self.starts = [0, *accumulate(self.heights)]

    @property
    def total(self) -> int:
        return self.starts[-1]

    def __len__(self) -> int:
        return len(self.heights)

    def row_at(self, y: int) -> int:
        """The row covering line ``y`` (clamped to the last row)."""
        if not self.heights:
            return 0
        return min(max(bisect.bisect_right(self.starts, y) - 1, 0), len(self.heights) - 1)

    def start_of(self, row: int) -> int:
        return self.starts[row]


class Wraps:
    """Word wraps of a comparison's cells, per width, kept for the life of its rows.

    Filled from the event loop and from layout workers alike: entries are
    computed from immutable text, so two threads can only store equal values.
    """

    def __init__(self, rows) -> None:
        self.rows = rows
        self._lines: dict[tuple[int, int, int], list[tuple[int, int]]] = {}

    def get(self, group: int, doc: int, width: int) -> list[tuple[int, int]]:
        key = (group, doc, width)
        lines = self._lines.get(key)
        if lines is None:
            cell = self.rows.cell(group, doc)
            lines = wrap_offsets(cell.text, width) if cell else []
            self._lines[key] = lines
        return lines


@dataclass(frozen=True, slots=True)
class AlignedLayout:
    """Everything the aligned view draws from, fixed when it was laid out: the rows in
    order, the columns, and each row's height.  A new layout replaces it whole."""

    order: tuple[int, ...]
    row_of_group: dict[int, int]
    columns: tuple[Column, ...]
    offsets: RowOffsets
    width: int
    shown: tuple[int, ...]

    def row(self, group: int | None) -> int:
        if group is None or not self.order:
            return 0
        return self.row_of_group.get(group, 0)


def aligned_layout(rows, wraps: Wraps, shown: Sequence[int], width: int) -> AlignedLayout:
    """Lay out ``rows`` (as configured now) in columns for ``shown`` across ``width``."""
    cols = tuple(columns(width, shown))
    order = tuple(rows.order)
    runs = rows.runs
    groups = rows.groups
    heights = []
    for k, g in enumerate(order):
        if not k % 256:
            time.sleep(0)  # in a worker: let the event loop have the interpreter now and then
        if g in runs:
            heights.append(1)  # a collapsed run of furniture: one line
            continue
        docs = groups[g].docs
        tallest = 1
        for col in cols:
            if col.doc in docs:
                tallest = max(tallest, len(wraps.get(g, col.doc, col.width)))
        heights.append(1 + tallest)  # a rule line above the sentences
    return AlignedLayout(
        order, dict(rows.row_of_group), cols, RowOffsets(heights), width, tuple(shown)
    )
