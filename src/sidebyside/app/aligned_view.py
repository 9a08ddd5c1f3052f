"""All articles in one scroller, one row per group of matching sentences.

A single line-API ``ScrollView`` draws every column, so the panes share one
scroll position and can never drift apart.  Strips are cached per row line
and rebuilt only when the row, width, cursor or styles change.
"""

from __future__ import annotations

from typing import ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from textual import events
from textual.geometry import Region, Size
from textual.strip import Strip

from sidebyside.app.furniture_filter import furniture_ranges
from sidebyside.app.layout import GUTTER, Column, RowOffsets, columns, wrap_offsets
from sidebyside.app.line_view import CachedLineView
from sidebyside.app.messages import RowClicked
from sidebyside.app.rows import RowModel
from sidebyside.app.styles import DIVERGENCE_CLASSES, SEARCH_CLASS, ellipsize, pad, styled_segments

HATCH = "╱"
NOTE_MARK = "✎"
RULE = "─"

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
    *DIVERGENCE_CLASSES.values(),
    SEARCH_CLASS,
}


class AlignedView(CachedLineView, can_focus=True, inherit_bindings=False):
    """Rows of aligned sentences, each article in its own column."""

    COMPONENT_CLASSES: ClassVar[set[str]] = COMPONENTS

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cached_lines=4096)
        self.rows: RowModel | None = None
        self.shown: list[int] = []
        self.cursor = 0
        self.layout_columns: list[Column] = []
        self.offsets = RowOffsets([])
        self._heights: dict[tuple[int, int], int] = {}  # (group, width) for the shown set
        self._wraps: dict[tuple[int, int, int], list[tuple[int, int]]] = {}

    # -- model -----------------------------------------------------------
    def show(self, rows: RowModel, shown: list[int]) -> None:
        """Show ``rows`` with the articles ``shown`` as columns."""
        if shown != self.shown or rows is not self.rows:
            self._heights.clear()
        if rows is not self.rows:  # group numbers mean other rows now
            self._wraps.clear()
        self.rows = rows
        self.shown = list(shown)
        self.relayout()

    def content_width(self) -> int:
        return max(self.scrollable_content_region.width, GUTTER + 10)

    def relayout(self) -> None:
        """Recompute columns and row heights for the current width, order and articles."""
        if self.rows is None:
            return
        width = self.content_width()
        if width != self._width:
            self._heights.clear()
            self._width = width
        self.layout_columns = columns(width, self.shown)
        order = self.rows.order
        heights = [self._row_height(g) for g in order]
        self.offsets = RowOffsets(heights)
        self.virtual_size = Size(width, self.offsets.total)
        self.cursor = min(self.cursor, max(len(order) - 1, 0))
        self._strips.clear()
        self.refresh()

    def _wrap(self, group: int, doc: int, width: int) -> list[tuple[int, int]]:
        key = (group, doc, width)
        lines = self._wraps.get(key)
        if lines is None:
            cell = self.rows.cell(group, doc)
            lines = wrap_offsets(cell.text, width) if cell else []
            self._wraps[key] = lines
        return lines

    def _row_height(self, group: int) -> int:
        height = self._heights.get((group, self._width))
        if height is None:
            tallest = 1
            docs = self.rows.groups[group].docs
            for col in self.layout_columns:
                if col.doc in docs:
                    tallest = max(tallest, len(self._wrap(group, col.doc, col.width)))
            height = 1 + tallest  # a rule line above the sentences
            self._heights[(group, self._width)] = height
        return height

    def on_resize(self, event: events.Resize) -> None:
        self.relayout()
        self.scroll_to_cursor()

    # -- cursor ----------------------------------------------------------
    def move_cursor(self, row: int, *, top: bool = False) -> None:
        if self.rows is None or not len(self.rows):
            return
        previous = self.cursor
        self.cursor = min(max(row, 0), len(self.rows) - 1)
        before = self.scroll_offset
        self.scroll_to_cursor(top=top)
        if self.scroll_offset != before or previous >= len(self.offsets):
            self.refresh()
            return
        for changed in {previous, self.cursor}:  # only the two rows whose cursor state changed
            self.refresh_lines(self.offsets.start_of(changed), self.offsets.heights[changed])

    def scroll_to_cursor(self, *, top: bool = False) -> None:
        if self.rows is None or not len(self.offsets):
            return
        start = self.offsets.start_of(self.cursor)
        height = self.offsets.heights[self.cursor]
        viewport = self.scrollable_content_region.height
        if top or height >= viewport:
            self.scroll_to(y=start, animate=False, immediate=True)
        else:
            region = Region(0, start, 1, height)
            self.scroll_to_region(region, animate=False, immediate=True, x_axis=False)

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
        if self.rows is None or not len(self.rows):
            return
        offset = event.get_content_offset(self)
        if offset is None:
            return
        row = self.offsets.row_at(offset.y + round(self.scroll_y))
        doc = next((c.doc for c in self.layout_columns if c.x <= offset.x < c.x + c.width), None)
        self.post_message(RowClicked(row, doc))

    # -- drawing ---------------------------------------------------------
    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        line = y + round(self.scroll_y)
        if self.rows is None or line >= self.offsets.total:
            return Strip.blank(width, self.rich_style)
        row = self.offsets.row_at(line)
        within = line - self.offsets.start_of(row)
        key = (row, within, width, row == self.cursor)
        strip = self._strips.get(key)
        if strip is None:
            strip = self._build(row, within, width)
            self._strips[key] = strip
        return strip

    def _build(self, row: int, within: int, width: int) -> Strip:
        rows = self.rows
        group_index = rows.order[row]
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
        rule = self.style("aligned-view--rule")
        only = rows.only_in(group_index)
        for k, col in enumerate(self.layout_columns):
            if k:
                segments.append(Segment(" │ ", rule))
            if within == 0:
                segments.extend(self._label(group_index, col, only))
            elif col.doc in group.docs:
                segments.extend(self._text_line(group_index, col, within - 1))
            elif only is not None:
                # A sentence of one article only: its label says so; hatching
                # every other column would drown the rows that do differ.
                segments.append(Segment(" " * col.width))
            else:
                segments.append(Segment(HATCH * col.width, self.style("aligned-view--hatch")))
        segments.append(Segment(" "))
        strip = Strip(segments).adjust_cell_length(width)
        if current:
            strip = strip.apply_style(self.style("aligned-view--cursor"))
        # Unstyled text takes the widget's own colours, so light themes stay light.
        return strip.apply_style(self.rich_style)

    def _label(self, group_index: int, col: Column, only: int | None) -> list[Segment]:
        """The rule line above a row: where a moved sentence sits, or that it is unique."""
        rows = self.rows
        label = ""
        style = self.style("aligned-view--rule")
        if only is not None and only == col.doc:
            furniture = rows.documents[col.doc].furniture
            story = not furniture.issuperset(rows.groups[group_index].sentences_of(col.doc))
            label = "◆ only in this article" if story else "◇ page furniture"
            style = self.style("aligned-view--only")
        elif (group_index, col.doc) in rows.moved:
            sentence = rows.moved[(group_index, col.doc)]
            paragraph = rows.documents[col.doc].sentences[sentence].paragraph
            label = f"↕ moved: ¶{paragraph + 1}, sentence {sentence + 1} of its article"
            style = self.style("aligned-view--moved")
        note = self.note_marks.row_label(group_index, col.doc) if self.note_marks else None
        if note:
            note = ellipsize(note, col.width)
            out = [Segment(note, self.style("aligned-view--note"))]
            room = col.width - cell_len(note) - 3
            if label and room > 1:
                out += [Segment(" · ", self.style("aligned-view--rule"))]
                out += [Segment(ellipsize(label, room), style)]
            return pad(out, col.width, self.style("aligned-view--rule"))
        if not label:
            return [Segment(RULE * col.width, self.style("aligned-view--rule"))]
        label = ellipsize(label, col.width)
        return pad([Segment(label, style)], col.width, self.style("aligned-view--rule"))

    def _text_line(self, group_index: int, col: Column, index: int) -> list[Segment]:
        lines = self._wrap(group_index, col.doc, col.width)
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
        if self.search_text:
            search = self.style(SEARCH_CLASS)
            spans.extend(
                (lo, hi, search) for lo, hi in self.rows.matches(self.search_text, cell.text)
            )
        return pad(styled_segments(cell.text, start, end, spans), col.width)
