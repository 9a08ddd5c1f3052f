"""Pure geometry: wrapping, columns, prefix sums, moved detection, pane choice."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from sidebyside.app.layout import (
    RowOffsets,
    choose_shown,
    columns,
    fitting_count,
    out_of_order,
    wrap_offsets,
)


def test_wrap_keeps_words_whole_and_lines_within_width():
    text = "Russian intelligence agents organized the escape, flying Assad out"
    lines = wrap_offsets(text, 20)
    assert [text[a:b] for a, b in lines] == [
        "Russian intelligence",
        "agents organized the",
        "escape, flying Assad",
        "out",
    ]


def test_wrap_cuts_a_word_longer_than_the_line():
    assert wrap_offsets("abcdefghij", 4) == [(0, 4), (4, 8), (8, 10)]


@given(st.text(alphabet="ab cé字\u00a0", max_size=80), st.integers(1, 30))
def test_wrap_never_overflows_and_loses_no_word(text, width):
    from rich.cells import cell_len

    lines = wrap_offsets(text, width)
    assert lines
    for a, b in lines:
        assert cell_len(text[a:b]) <= max(width, 2)
    joined = " ".join(text[a:b] for a, b in lines)
    assert joined.split() == text.split() or "".join(joined.split()) == "".join(text.split())


def test_columns_fill_the_width_between_gutter_and_margin():
    cols = columns(160, [0, 1, 2])
    assert [c.doc for c in cols] == [0, 1, 2]
    assert cols[-1].x + cols[-1].width <= 160
    assert cols[1].x == cols[0].x + cols[0].width + 3


def test_fitting_count_shows_two_columns_at_80():
    assert fitting_count(80) == 2
    assert fitting_count(160) >= 4


def test_choose_shown_keeps_pivot_and_focused():
    assert choose_shown(5, pivot=0, focused=3, hidden=set(), limit=2) == [0, 3]
    assert choose_shown(5, pivot=2, focused=2, hidden={0}, limit=9) == [1, 2, 3, 4]


def test_row_offsets_find_rows_by_line():
    offsets = RowOffsets([2, 3, 1])
    assert offsets.total == 6
    assert [offsets.row_at(y) for y in range(6)] == [0, 0, 1, 1, 1, 2]
    assert offsets.start_of(2) == 5


def test_out_of_order_marks_the_moved_items():
    assert out_of_order([0, 1, 7, 2, 3]) == {2}
    assert out_of_order([]) == set()
    assert out_of_order([3, 0, 1, 2]) == {0}
