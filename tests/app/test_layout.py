"""Pure geometry and row order: wrapping, columns, prefix sums, pane choice, furniture runs."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from sidebyside.app.layout import (
    RowOffsets,
    choose_shown,
    columns,
    fitting_count,
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


def test_runs_of_furniture_fold_into_their_first_row_and_every_group_keeps_a_row():
    from sidebyside.app.rows import _rows

    order = [0, 1, 2, 3, 4, 5, 6]
    furniture = frozenset({1, 2, 4, 6})
    shown, row_of, runs = _rows(order, off_screen={3}, furniture=furniture)
    # 1, 2 and (past the off-screen 3) 4 are one run; 6 is a run of its own.
    assert shown == [0, 1, 5, 6]
    assert runs == {1: (1, 2, 4), 6: (6,)}
    assert row_of == {0: 0, 1: 1, 2: 1, 3: 1, 4: 1, 5: 2, 6: 3}


def test_without_collapsing_every_story_and_furniture_row_is_shown():
    from sidebyside.app.rows import _rows

    shown, row_of, runs = _rows([2, 0, 1], off_screen=set(), furniture=frozenset())
    assert shown == [2, 0, 1] and runs == {} and row_of == {2: 0, 0: 1, 1: 2}


def test_a_state_never_hides_its_pivot_or_focuses_a_hidden_pane():
    from sidebyside.app.state import ViewState, without_pivot_hidden

    state = without_pivot_hidden(ViewState(pivot=1, focused=2, hidden=frozenset({1, 2})), 3)
    assert state.hidden == frozenset({2}) and state.focused == 1
    moved = ViewState().with_cursor(2, 7).with_cursor(0, 3)
    assert moved.reading == ((0, 3), (2, 7)) and moved.cursor(2) == 7
    assert moved.cursor(1) is None
