"""What the comparison screen shows, as one immutable value.

Every key that changes what is on screen makes a new ``ViewState`` and hands
it to the screen, which holds it in a reactive and redraws from it in one
watcher.  Nothing else stores the view, the pivot, the focused article, the
hidden panes, the filters or the cursors, so no two parts of the app can
disagree about them.  No Textual import: the rules that keep a state
consistent (the pivot is never hidden, the cursor sits on a row that is
shown) are plain functions, tested on their own.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

ALIGNED, READING = "aligned", "reading"
COLLAPSED, SHOWN = "collapsed", "shown"  # page furniture: one line per run, or every row


@dataclass(frozen=True, slots=True)
class ViewState:
    """The screen's whole state a reader can change.

    ``group`` is the current row (a group of the shown comparison), ``reading``
    each article's cursor sentence in the reading view; ``search`` the query
    whose hits are highlighted.
    """

    view: str = ALIGNED
    pivot: int = 0
    focused: int = 0
    hidden: frozenset[int] = frozenset()
    narrow: bool = False  # only the pivot and the focused article
    kind_filter: str | None = None  # n/N stop only at rows with this kind of label
    furniture: str = COLLAPSED
    tall_details: bool = False
    group: int | None = None
    reading: tuple[tuple[int, int], ...] = field(default=())  # (doc, sentence), sorted
    search: str = ""
    exact: bool = False

    def with_changes(self, **changes) -> ViewState:
        return replace(self, **changes)

    def cursor(self, doc: int) -> int | None:
        """``doc``'s cursor sentence in the reading view, if it has one yet."""
        return dict(self.reading).get(doc)

    def with_cursor(self, doc: int, sentence: int) -> ViewState:
        cursors = dict(self.reading)
        cursors[doc] = sentence
        return replace(self, reading=tuple(sorted(cursors.items())))

    @property
    def collapsed(self) -> bool:
        return self.furniture == COLLAPSED


def cursors(mapping: Mapping[int, int]) -> tuple[tuple[int, int], ...]:
    """A reading-cursor mapping as the state holds it."""
    return tuple(sorted(mapping.items()))


def without_pivot_hidden(state: ViewState, n_docs: int) -> ViewState:
    """The state with a pivot and focus that exist and are shown."""
    pivot = min(max(state.pivot, 0), n_docs - 1)
    hidden = frozenset(d for d in state.hidden if d != pivot and 0 <= d < n_docs)
    focused = state.focused if 0 <= state.focused < n_docs else pivot
    if focused in hidden:
        focused = pivot
    if (pivot, hidden, focused) == (state.pivot, state.hidden, state.focused):
        return state
    return replace(state, pivot=pivot, hidden=hidden, focused=focused)


def layout_key(state: ViewState, shown: tuple[int, ...]) -> tuple:
    """What decides the rows and their columns: when it changes, the views lay out again."""
    return (state.pivot, state.furniture, shown)
