"""The reader's place on the comparison screen, kept across a change of rows.

Refining, correcting, adding or dropping an article rebuilds the rows; the
place is held as a sentence (not a group number, which changes) plus where
the cursor sat on screen, so the same text stays current and in the same
spot.  No Textual import: the screen passes in where its views are.
"""

from __future__ import annotations

from dataclasses import dataclass

from sidebyside.app.furniture_filter import nearest_shown
from sidebyside.app.rows import RowModel
from sidebyside.app.state import READING, ViewState
from sidebyside.engine.model import Member


@dataclass(frozen=True, slots=True)
class Place:
    sentence: Member | None  # the current row's sentence: the pivot's, else the focused one's
    row_y: int | None  # the aligned cursor row's top, in lines from the view's top
    reading_y: int | None  # the focused reading pane's cursor sentence, likewise


def capture(state: ViewState, rows: RowModel | None, row_y: int | None, reading_y: int | None):
    """Where the reader is now (call before the rows change)."""
    if rows is None or state.group is None or state.group >= len(rows.groups):
        return Place(None, row_y, reading_y)
    group = rows.groups[state.group]
    doc = state.focused
    cursor = state.cursor(doc)
    if state.view == READING and cursor is not None:
        sentence = Member(doc, cursor)
    else:
        owner = next((d for d in (state.pivot, doc) if group.sentences_of(d)), None)
        if owner is None:
            sentence = min(group.members) if group.members else None
        else:
            sentence = Member(owner, min(group.sentences_of(owner)))
    return Place(sentence, row_y, reading_y)


def restore(place: Place, rows: RowModel, state: ViewState) -> ViewState:
    """``state`` with ``place``'s sentence current again in the rebuilt rows."""
    comparison = rows.comparison
    group = rows.order[0] if rows.order else None
    if place.sentence is not None and place.sentence in comparison.group_index:
        group = comparison.group_index[place.sentence]
    if group is None:
        return state.with_changes(group=None)
    state = state.with_changes(group=group)
    if state.view != READING:
        return state
    doc = state.focused
    if doc >= len(rows.documents) or not rows.documents[doc].sentences:
        return state
    if place.sentence is not None and place.sentence.doc == doc:
        sentence = place.sentence.sentence
    else:
        own = comparison.groups[group].sentences_of(doc)
        sentence = min(own) if own else (state.cursor(doc) or 0)
    sentence = min(sentence, len(rows.documents[doc].sentences) - 1)
    if state.collapsed:
        sentence = nearest_shown(rows.documents[doc], sentence)
    return state.with_cursor(doc, sentence).with_changes(
        group=comparison.group_index[Member(doc, sentence)]
    )
