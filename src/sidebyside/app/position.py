"""The user's place on the comparison screen, kept across a change of rows.

Hiding furniture and swapping in a refined alignment both rebuild the rows;
the place is held as a sentence (not a group number, which changes) plus
where the cursor sat on screen, so the same text stays current and in the
same spot.
"""

from __future__ import annotations

from dataclasses import dataclass

from sidebyside.app.aligned_view import AlignedView
from sidebyside.engine.model import Member

READING = "reading"


@dataclass(frozen=True, slots=True)
class Place:
    sentence: Member | None  # the current row's sentence: the pivot's, else the focused one's
    row_y: int | None  # the aligned cursor row's top, in lines from the view's top
    reading_y: int | None  # the focused reading pane's cursor sentence, likewise


def capture(screen) -> Place:
    """Where the user is now (call before the rows change)."""
    rows = screen.rows
    if rows is None or screen.current_group is None:
        return Place(None, None, None)
    group = rows.groups[screen.current_group]
    doc = screen.focused_doc
    if screen.view == READING and doc in screen.reading_cursor:
        sentence = Member(doc, screen.reading_cursor[doc])
    else:
        owner = next((d for d in (screen.pivot, doc) if group.sentences_of(d)), None)
        if owner is None:
            sentence = min(group.members)
        else:
            sentence = Member(owner, min(group.sentences_of(owner)))
    aligned = screen.query_one(AlignedView)
    row_y = None
    if len(aligned.offsets):
        row_y = aligned.offsets.start_of(aligned.cursor) - round(aligned.scroll_y)
    reading_y = None
    if screen.view == READING:
        reading_y = screen._reading_pane(doc).cursor_screen_y()
    return Place(sentence, row_y, reading_y)


def restore(screen, place: Place) -> None:
    """Make ``place``'s sentence current again in the rebuilt rows, at the same height."""
    rows = screen.rows
    if rows is None or not len(rows):
        return
    comparison = rows.comparison
    group = rows.order[0]
    if place.sentence is not None and place.sentence in comparison.group_index:
        group = comparison.group_index[place.sentence]
    group = screen._shown_group(group)
    if screen.view != READING:
        screen._select_group(group)
        if place.row_y is not None:
            aligned = screen.query_one(AlignedView)
            top = aligned.offsets.start_of(aligned.cursor) - place.row_y
            aligned.scroll_to(y=max(0, top), animate=False, immediate=True)
        return
    screen.current_group = group
    doc = screen.focused_doc
    if place.sentence is not None and place.sentence.doc == doc:
        sentence = place.sentence.sentence
    else:
        own = comparison.groups[group].sentences_of(doc)
        sentence = min(own) if own else screen.reading_cursor.get(doc, 0)
    sentence = screen._shown_sentence(doc, sentence)
    pane = screen._reading_pane(doc)
    if place.reading_y is not None:
        pane.scroll_sentence_to(sentence, place.reading_y)
    if screen.documents[doc].sentences:
        screen._set_reading_cursor(doc, sentence)
