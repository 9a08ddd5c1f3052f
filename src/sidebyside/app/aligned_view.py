"""All articles in one scroller, one row per group of matching sentences.

A single line-API ``ScrollView`` draws every column, so the panes share one
scroll position and can never drift apart.  It draws from an
``AlignedLayout`` (rows, columns, heights), laid out at once for a small
comparison and in a worker thread for a large one: until the new layout
lands, the old one stays on screen and the keys keep working on the state.
Strips are cached per row line and rebuilt only when the row, width, cursor
or styles change.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from textual import events, on
from textual.geometry import Region, Size
from textual.message import Message
from textual.strip import Strip
from textual.worker import get_current_worker

from sidebyside.app.background import one_at_a_time
from sidebyside.app.furniture_filter import furniture_line, furniture_ranges
from sidebyside.app.layout import (
    GUTTER,
    SYNC_CELLS,
    AlignedLayout,
    Column,
    Wraps,
    aligned_layout,
)
from sidebyside.app.line_view import CachedLineView
from sidebyside.app.messages import Busy, RowClicked
from sidebyside.app.rows import RowModel
from sidebyside.app.styles import DIVERGENCE_CLASSES, SEARCH_CLASS, ellipsize, pad, styled_segments

HATCH = "╱"
HATCH_MAX = 12  # a short mark where an article has no counterpart, not a wall of it
NOTE_MARK = "✎"
RULE = "─"
ELSEWHERE_MARK = "⇄"

COMPONENTS = {
    "aligned-view--cursor",
    "aligned-view--gutter",
    "aligned-view--cursor-gutter",
    "aligned-view--rule",
    "aligned-view--hatch",
    "aligned-view--moved",
    "aligned-view--only",
    "aligned-view--only-text",
    "aligned-view--note",
    "aligned-view--furniture",
    "aligned-view--elsewhere",
    *DIVERGENCE_CLASSES.values(),
    SEARCH_CLASS,
}


def elsewhere_places_text(rows: list[int], off_screen: list[str]) -> str:
    """Where else a sentence matches ("row 31", "rows 5, 31", "004, not shown", or both
    joined), named so that a reader never takes a row's other sentences for the match."""
    parts = []
    if rows:
        numbers = ", ".join(map(str, rows[:3])) + ("…" if len(rows) > 3 else "")
        parts.append(f"{'row' if len(rows) == 1 else 'rows'} {numbers}")
    if off_screen:
        names = ", ".join(off_screen[:2]) + ("…" if len(off_screen) > 2 else "")
        parts.append(f"{names}, not shown")
    return " and ".join(parts)


class AlignedView(CachedLineView, can_focus=True, inherit_bindings=False):
    """Rows of aligned sentences, each article in its own column."""

    COMPONENT_CLASSES: ClassVar[set[str]] = COMPONENTS

    class LayoutReady(Message):
        """A layout worker finished (``token`` says for which request)."""

        bubble = False

        def __init__(self, layout: AlignedLayout, token: int) -> None:
            super().__init__()
            self.rows_layout = layout
            self.token = token

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cached_lines=4096)
        self.rows: RowModel | None = None
        self.rows_layout: AlignedLayout | None = None
        self.shown: tuple[int, ...] = ()
        self.group: int | None = None  # the current row's group, as the screen last said
        self.cursor = 0
        self.tags: list[str] = []
        self._wraps: Wraps | None = None
        self._token = 0
        self._keep: tuple[int, int] | None = None  # (group, lines from top) to restore
        self.laying_out = False

    # -- model -----------------------------------------------------------
    @property
    def offsets(self):
        return self.rows_layout.offsets if self.rows_layout else _NO_OFFSETS

    @property
    def layout_columns(self) -> tuple[Column, ...]:
        return self.rows_layout.columns if self.rows_layout else ()

    def set_rows(self, rows: RowModel, tags: list[str]) -> None:
        """New rows (a new comparison): group numbers mean other rows now."""
        if rows is not self.rows:
            self.rows = rows
            self._wraps = Wraps(rows)
        self.tags = tags

    def show(self, shown: list[int], *, keep: tuple[int, int] | None = None) -> None:
        """Lay out the rows as configured now with ``shown`` as columns.

        ``keep``: a group and how many lines below the top its row should sit
        once laid out (the reader's place across a change of rows)."""
        self.shown = tuple(shown)
        self._keep = keep
        self.relayout()

    def content_width(self) -> int:
        return max(self.scrollable_content_region.width, GUTTER + 10)

    def relayout(self) -> None:
        """Lay out again for the current width, order and articles."""
        rows, wraps = self.rows, self._wraps
        if rows is None or wraps is None:
            return
        width = self.content_width()
        self._token += 1
        token = self._token
        if len(rows.order) * max(1, len(self.shown)) <= SYNC_CELLS:
            self._apply(aligned_layout(rows, wraps, self.shown, width))
            return
        # A snapshot of the order: the rows may be configured again meanwhile.
        shown = self.shown
        self._set_busy(True)

        def work() -> None:
            if get_current_worker().is_cancelled:
                return
            with one_at_a_time():
                layout = aligned_layout(rows, wraps, shown, width)
            if not get_current_worker().is_cancelled:
                self.post_message(self.LayoutReady(layout, token))

        self.run_worker(work, thread=True, exclusive=True, group="aligned-layout")

    @on(LayoutReady)
    def _layout_ready(self, message: LayoutReady) -> None:
        if message.token == self._token:
            self._apply(message.rows_layout)

    def _set_busy(self, busy: bool) -> None:
        if busy != self.laying_out:
            self.laying_out = busy
            self.post_message(Busy("laying out rows", busy))

    def _apply(self, layout: AlignedLayout) -> None:
        self._set_busy(False)
        self.rows_layout = layout
        self._width = layout.width
        self.virtual_size = Size(layout.width, layout.offsets.total)
        self.cursor = min(layout.row(self.group), max(len(layout.order) - 1, 0))
        self._strips.clear()
        keep, self._keep = self._keep, None
        if keep is not None and keep[0] in layout.row_of_group:
            top = layout.offsets.start_of(layout.row(keep[0])) - keep[1]
            self.scroll_to(y=max(0, top), animate=False, immediate=True)
        else:
            self.scroll_to_cursor()
        self.refresh()

    def on_resize(self, event: events.Resize) -> None:
        if self.rows_layout is None or self.content_width() != self.rows_layout.width:
            self.relayout()
        else:
            self.scroll_to_cursor()

    # -- cursor ----------------------------------------------------------
    def move_cursor(self, group: int | None, *, top: bool = False) -> None:
        """Put the cursor on ``group``'s row (where this layout has it)."""
        self.group = group
        layout = self.rows_layout
        if layout is None or not layout.order:
            return
        previous = self.cursor
        self.cursor = min(layout.row(group), len(layout.order) - 1)
        before = self.scroll_offset
        self.scroll_to_cursor(top=top)
        if self.scroll_offset != before or previous >= len(layout.order):
            self.refresh()
            return
        offsets = layout.offsets
        for changed in {previous, self.cursor}:  # only the two rows whose cursor state changed
            self.refresh_lines(offsets.start_of(changed), offsets.heights[changed])

    def scroll_to_cursor(self, *, top: bool = False) -> None:
        if self.rows_layout is None or not len(self.offsets):
            return
        start = self.offsets.start_of(self.cursor)
        height = self.offsets.heights[self.cursor]
        viewport = self.scrollable_content_region.height
        if top or height >= viewport:
            self.scroll_to(y=start, animate=False, immediate=True)
        else:
            region = Region(0, start, 1, height)
            self.scroll_to_region(region, animate=False, immediate=True, x_axis=False)

    def cursor_y(self) -> int | None:
        """Lines from the view's top to the cursor row's top."""
        if self.rows_layout is None or not len(self.offsets):
            return None
        return self.offsets.start_of(self.cursor) - round(self.scroll_y)

    def rows_per_page(self) -> int:
        return max(1, self.scrollable_content_region.height)

    def row_below_page(self) -> int:
        """The row a page below the cursor row's top."""
        line = self.offsets.start_of(self.cursor) + self.rows_per_page()
        return self.offsets.row_at(min(line, max(self.offsets.total - 1, 0)))

    def row_above_page(self) -> int:
        line = self.offsets.start_of(self.cursor) - self.rows_per_page()
        return self.offsets.row_at(max(line, 0))

    def top_row(self) -> int:
        return self.offsets.row_at(round(self.scroll_y))

    # -- mouse -----------------------------------------------------------
    def on_click(self, event: events.Click) -> None:
        layout = self.rows_layout
        if layout is None or not layout.order:
            return
        offset = event.get_content_offset(self)
        if offset is None:
            return
        row = self.offsets.row_at(offset.y + round(self.scroll_y))
        doc = next((c.doc for c in layout.columns if c.x <= offset.x < c.x + c.width), None)
        self.post_message(RowClicked(layout.order[row], doc))

    # -- drawing ---------------------------------------------------------
    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        line = y + round(self.scroll_y)
        layout = self.rows_layout
        if self.rows is None or layout is None or line >= layout.offsets.total:
            return Strip.blank(width, self.base_style)
        row = layout.offsets.row_at(line)
        within = line - layout.offsets.start_of(row)
        key = (id(layout), row, within, width, row == self.cursor)
        strip = self._strips.get(key)
        if strip is None:
            strip = self._build(layout, row, within, width)
            self._strips[key] = strip
        return strip

    def _build(self, layout: AlignedLayout, row: int, within: int, width: int) -> Strip:
        rows = self.rows
        group_index = layout.order[row]
        group = rows.groups[group_index]
        current = row == self.cursor
        segments: list[Segment] = []
        if within == 0:
            mark = "▶" if current else " "
            number = f"{mark}{row + 1:>{GUTTER - 2}} "
            gutter_style = self.style(
                "aligned-view--cursor-gutter" if current else "aligned-view--gutter"
            )
            segments.append(Segment(number[-GUTTER:].rjust(GUTTER), gutter_style))
        elif within == 1 and self.note_marks and self.note_marks.notes_of_group(group_index):
            note_style = self.style("aligned-view--note")
            segments.append(Segment(f"{NOTE_MARK:>{GUTTER - 1}} ", note_style))
        else:
            segments.append(Segment(" " * GUTTER))
        if rows.run_of(group_index) is not None:
            count, docs = rows.run_sentences(group_index)
            text = furniture_line(count, [self.tags[d] for d in docs if d < len(self.tags)])
            room = max(1, width - GUTTER - 1)
            segments.append(Segment(ellipsize(text, room), self.style("aligned-view--furniture")))
        else:
            segments.extend(self._columns(layout, group_index, group, within))
        segments.append(Segment(" "))
        strip = Strip(segments).adjust_cell_length(width)
        if current:
            strip = strip.apply_style(self.style("aligned-view--cursor"))
        # Unstyled text takes the widget's own colours, so light themes stay light.
        return strip.apply_style(self.base_style)

    def _columns(self, layout: AlignedLayout, group_index: int, group, within: int) -> list:
        rows = self.rows
        segments: list[Segment] = []
        rule = self.style("aligned-view--rule")
        only = rows.only_in(group_index)
        for k, col in enumerate(layout.columns):
            if k:
                segments.append(Segment(" │ ", rule))
            if within == 0:
                segments.extend(self._label(group_index, col, only))
            elif col.doc in group.docs:
                segments.extend(self._text_line(group_index, col, within - 1))
            elif only is not None or within > 1:
                # A sentence of one article only: its label says so; hatching
                # every other column would drown the rows that do differ.
                segments.append(Segment(" " * col.width))
            else:
                hatch = HATCH * min(col.width, HATCH_MAX)
                segments.append(Segment(hatch, self.style("aligned-view--hatch")))
                segments.append(Segment(" " * (col.width - len(hatch))))
        return segments

    def _label(self, group_index: int, col: Column, only: int | None) -> list[Segment]:
        """The rule line above a row: notes, where a moved sentence sits, that it is unique,
        and where else it matches."""
        rows = self.rows
        parts: list[tuple[str, str]] = []
        note = self.note_marks.row_label(group_index, col.doc) if self.note_marks else None
        if note:
            parts.append((note, "aligned-view--note"))
        if only is not None and only == col.doc:
            furniture = rows.documents[col.doc].furniture
            story = not furniture.issuperset(rows.groups[group_index].sentences_of(col.doc))
            parts.append(
                ("◆ only in this article" if story else "◇ page furniture", "aligned-view--only")
            )
        elif (group_index, col.doc) in rows.moved:
            sentence = rows.moved[(group_index, col.doc)]
            paragraph = rows.documents[col.doc].sentences[sentence].paragraph
            parts.append(
                (f"↕ moved: ¶{paragraph + 1}, sentence {sentence + 1}", "aligned-view--moved")
            )
        if col.doc in rows.groups[group_index].docs:
            where, off = rows.elsewhere_places(group_index, col.doc)
            places = elsewhere_places_text(where, [self.tags[d] for d in off if d < len(self.tags)])
            if places:
                parts.append(
                    (f"{ELSEWHERE_MARK} also matches {places} (e)", "aligned-view--elsewhere")
                )
        rule = self.style("aligned-view--rule")
        if not parts:
            return [Segment(RULE * col.width, rule)]
        out: list[Segment] = []
        room = col.width
        for k, (text, style) in enumerate(parts):
            if k:
                if room <= 4:
                    break
                out.append(Segment(" · ", rule))
                room -= 3
            text = ellipsize(text, room)
            out.append(Segment(text, self.style(style)))
            room -= cell_len(text)
            if room <= 0:
                break
        return pad(out, col.width, rule)

    def _text_line(self, group_index: int, col: Column, index: int) -> list[Segment]:
        lines = self._wraps.get(group_index, col.doc, col.width)
        if index >= len(lines):
            return [Segment(" " * col.width)]
        start, end = lines[index]
        cell = self.rows.cell(group_index, col.doc)
        spans = []
        only = self.rows.only_in(group_index) is not None
        if only:
            spans.append((start, end, self.style("aligned-view--only-text")))
        document = self.rows.documents[col.doc]
        if document.furniture:
            furniture = self.style("aligned-view--furniture")
            ranges = furniture_ranges(document, cell.sentences, cell.offsets, len(cell.text))
            spans.extend((lo, hi, furniture) for lo, hi in ranges if hi > start and lo < end)
        for span in self.rows.spans(group_index, col.doc):
            if span.end > start and span.start < end:
                spans.append((span.start, span.end, self.style(DIVERGENCE_CLASSES[span.kind])))
        if self.highlight is not None:
            search = self.style(SEARCH_CLASS)
            spans.extend((lo, hi, search) for lo, hi in self.highlight(cell.text))
        return pad(styled_segments(cell.text, start, end, spans), col.width)


class _NoOffsets:
    """The offsets of a view with nothing laid out yet."""

    heights: ClassVar[list[int]] = []
    total = 0

    def __len__(self) -> int:
        return 0

    def row_at(self, y: int) -> int:
        return 0

    def start_of(self, row: int) -> int:
        return 0


_NO_OFFSETS = _NoOffsets()

Highlighter = Callable[[str], list[tuple[int, int]]]
