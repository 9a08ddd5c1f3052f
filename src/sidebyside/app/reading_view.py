"""One article in its own order as flowing paragraphs, linked to the other panes.

Each pane is a line-API ``ScrollView``.  The screen keeps them level: when the
cursor moves or a pane scrolls, every other pane scrolls so its counterpart
sentence sits on the same screen line.  A pane lays itself out (paragraphs
wrapped to its width) at once for a short article and in a worker thread for
a long one; collapsed page furniture is one dim line per run.
"""

from __future__ import annotations

import bisect
import time
from dataclasses import dataclass
from typing import ClassVar

from rich.segment import Segment
from textual import events, on
from textual.geometry import Size
from textual.message import Message
from textual.strip import Strip
from textual.worker import get_current_worker

from sidebyside.app.background import one_at_a_time
from sidebyside.app.furniture_filter import furniture_line
from sidebyside.app.layout import wrap_offsets
from sidebyside.app.line_view import CachedLineView
from sidebyside.app.messages import Busy, PaneScrolled, SentenceClicked
from sidebyside.app.rows import RowModel
from sidebyside.app.styles import SEARCH_CLASS, pad, styled_segments
from sidebyside.engine.sanitize import visible

MARGIN = 2  # cursor bar and a space (or a note mark)
NOTE_MARK = "✎"
SYNC_SENTENCES = 1500  # lay out at once up to this many sentences; longer in a worker


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: str
    sentences: tuple[int, ...]
    offsets: tuple[tuple[int, int], ...]  # each sentence's range in ``text``
    furniture: int = 0  # > 0: a collapsed run of this many furniture sentences


@dataclass(frozen=True, slots=True)
class Line:
    paragraph: int  # -1 for the blank line between paragraphs
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class ReadingLayout:
    """A pane's paragraphs wrapped to one width: what it draws and where each sentence is."""

    paragraphs: tuple[Paragraph, ...]
    lines: tuple[Line, ...]
    first_line: dict[int, int]  # sentence -> its first line
    last_line: dict[int, int]
    line_sentences: tuple[tuple[int, ...], ...]
    width: int


def paragraphs_of(rows: RowModel, doc: int, collapse: bool = False) -> list[Paragraph]:
    """The article's sentences gathered into its paragraphs, joined by spaces; with
    ``collapse``, each run of furniture sentences is one line saying how many."""
    out: list[Paragraph] = []
    current: list[int] = []
    document = rows.documents[doc]
    sentences = document.sentences
    furniture = document.furniture if collapse else frozenset()
    run = 0

    def flush() -> None:
        nonlocal run
        if run:
            out.append(Paragraph(furniture_line(run), (), (), furniture=run))
            run = 0
        if not current:
            return
        texts = [visible(sentences[n].text) for n in current]
        offsets, at = [], 0
        for t in texts:
            offsets.append((at, at + len(t)))
            at += len(t) + 1
        out.append(Paragraph(" ".join(texts), tuple(current), tuple(offsets)))
        current.clear()

    for s in sentences:
        if s.index in furniture:
            if current:
                flush()
            run += 1
            continue
        if run or (current and sentences[current[-1]].paragraph != s.paragraph):
            flush()
        current.append(s.index)
    flush()
    return out


def reading_layout(rows: RowModel, doc: int, width: int, collapse: bool) -> ReadingLayout:
    """``doc``'s paragraphs wrapped into a pane ``width`` cells wide."""
    paragraphs = paragraphs_of(rows, doc, collapse)
    text_width = max(1, width - MARGIN - 1)
    lines: list[Line] = []
    first_line: dict[int, int] = {}
    last_line: dict[int, int] = {}
    line_sentences: list[tuple[int, ...]] = []
    for p, para in enumerate(paragraphs):
        if not p % 64:
            time.sleep(0)  # in a worker: let the event loop have the interpreter now and then
        if p:
            lines.append(Line(-1, 0, 0))
            line_sentences.append(())
        starts = [lo for lo, _ in para.offsets]
        for start, end in wrap_offsets(para.text, text_width):
            y = len(lines)
            lines.append(Line(p, start, end))
            if not para.sentences:
                line_sentences.append(())
                continue
            first = max(bisect.bisect_right(starts, start) - 1, 0)
            last = max(bisect.bisect_right(starts, max(end - 1, start)) - 1, 0)
            on_line = para.sentences[first : last + 1]
            line_sentences.append(on_line)
            for s in on_line:
                first_line.setdefault(s, y)
                last_line[s] = y
    return ReadingLayout(
        tuple(paragraphs), tuple(lines), first_line, last_line, tuple(line_sentences), width
    )


_EMPTY = ReadingLayout((), (), {}, {}, (), 0)


class ReadingPane(CachedLineView, can_focus=True, inherit_bindings=False):
    """One article as paragraphs; highlights the cursor sentence and its counterparts."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "reading-pane--cursor",
        "reading-pane--cursor-bar",
        "reading-pane--counterpart",
        "reading-pane--counterpart-bar",
        "reading-pane--only",
        "reading-pane--note",
        "reading-pane--furniture",
        SEARCH_CLASS,
    }

    class LayoutReady(Message):
        bubble = False

        def __init__(self, layout: ReadingLayout, token: int) -> None:
            super().__init__()
            self.text_layout = layout
            self.token = token

    class LaidOut(Message):
        """The pane has a new layout: the screen levels the panes again."""

        def __init__(self, doc: int) -> None:
            super().__init__()
            self.doc = doc

    def __init__(self, doc: int, *, id: str | None = None) -> None:
        super().__init__(id=id, cached_lines=2048)
        self.doc = doc
        self.rows: RowModel | None = None
        self.text_layout: ReadingLayout = _EMPTY
        self.collapse = False  # each run of furniture sentences is one line
        self.cursor: int | None = None  # sentence index with the cursor
        self.highlighted: frozenset[int] = frozenset()  # counterparts of the current sentence
        self.linking = False  # set while the screen scrolls this pane to keep it level
        self.laying_out = False
        self._config: tuple | None = None
        self._token = 0

    # -- layout ----------------------------------------------------------
    @property
    def paragraphs(self) -> tuple[Paragraph, ...]:
        return self.text_layout.paragraphs

    @property
    def lines(self) -> tuple[Line, ...]:
        return self.text_layout.lines

    @property
    def first_line(self) -> dict[int, int]:
        return self.text_layout.first_line

    @property
    def last_line(self) -> dict[int, int]:
        return self.text_layout.last_line

    def set_model(self, rows: RowModel, collapse: bool) -> None:
        self.rows = rows
        self.collapse = collapse
        self.relayout()

    def relayout(self) -> None:
        if self.rows is None or not self.size.width:
            return  # not on screen yet: lay out when it gets a size
        width = max(10, self.scrollable_content_region.width)
        config = (id(self.rows), self.collapse, width)
        if config == self._config:
            return
        self._config = config
        self._token += 1
        token, rows, collapse = self._token, self.rows, self.collapse
        if len(rows.documents[self.doc].sentences) <= SYNC_SENTENCES:
            self._apply(reading_layout(rows, self.doc, width, collapse))
            return
        self._set_busy(True)

        def work() -> None:
            if get_current_worker().is_cancelled:
                return
            with one_at_a_time():
                layout = reading_layout(rows, self.doc, width, collapse)
            if not get_current_worker().is_cancelled:
                self.post_message(self.LayoutReady(layout, token))

        self.run_worker(work, thread=True, exclusive=True, group=f"reading-layout-{self.doc}")

    @on(LayoutReady)
    def _layout_ready(self, message: LayoutReady) -> None:
        if message.token == self._token:
            self._apply(message.text_layout)

    def _set_busy(self, busy: bool) -> None:
        if busy != self.laying_out:
            self.laying_out = busy
            self.post_message(Busy(f"laying out article {self.doc + 1}", busy))

    def _apply(self, layout: ReadingLayout) -> None:
        self._set_busy(False)
        self.text_layout = layout
        self._width = layout.width
        self._set_virtual_size()
        self._strips.clear()
        self.refresh()
        self.post_message(self.LaidOut(self.doc))

    def _set_virtual_size(self) -> None:
        """Room to scroll any sentence to the top, even the last: panes kept level with a
        longer article must be able to follow it past their own end."""
        layout = self.text_layout
        slack = max(0, self.scrollable_content_region.height - 1)
        self.virtual_size = Size(layout.width, len(layout.lines) + slack)

    def on_resize(self, event: events.Resize) -> None:
        self.relayout()
        self._set_virtual_size()

    # -- state from the screen ------------------------------------------
    def set_highlight(self, cursor: int | None, highlighted: frozenset[int]) -> None:
        """Mark the cursor sentence and its counterparts; only their lines are drawn again
        (a line's cached strip is keyed by what it marks)."""
        if cursor != self.cursor or highlighted != self.highlighted:
            self.cursor = cursor
            self.highlighted = highlighted
            self.refresh()

    def sentence_at_line(self, y: int) -> int | None:
        """The first sentence on screen line ``y`` of the whole pane, or the next one below."""
        on_lines = self.text_layout.line_sentences
        for line in range(max(0, y), len(on_lines)):
            if on_lines[line]:
                return on_lines[line][0]
        return None

    def top_sentence(self) -> int | None:
        return self.sentence_at_line(round(self.scroll_y))

    def cursor_screen_y(self) -> int | None:
        """Where the cursor sentence's first line sits relative to the pane's top."""
        if self.cursor is None or self.cursor not in self.first_line:
            return None
        return self.first_line[self.cursor] - round(self.scroll_y)

    def scroll_sentence_to(self, sentence: int, screen_y: int) -> None:
        """Scroll so ``sentence`` starts ``screen_y`` lines below the pane's top."""
        if sentence not in self.first_line:
            return
        target = max(0, self.first_line[sentence] - screen_y)
        self.linking = True
        try:
            self.scroll_to(y=target, animate=False, immediate=True, force=True)
        finally:
            self.linking = False

    def keep_cursor_visible(self) -> None:
        if self.cursor is None or self.cursor not in self.first_line:
            return
        top, bottom = self.first_line[self.cursor], self.last_line[self.cursor]
        height = self.scrollable_content_region.height
        y = round(self.scroll_y)
        if top < y:
            self.scroll_sentence_to(self.cursor, 0)
        elif bottom >= y + height:
            self.scroll_sentence_to(self.cursor, max(0, height - (bottom - top + 1)))

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if not self.linking and round(old_value) != round(new_value):
            self.post_message(PaneScrolled(self.doc))

    # -- mouse -----------------------------------------------------------
    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or self.rows is None:
            return
        y = offset.y + round(self.scroll_y)
        layout = self.text_layout
        if not 0 <= y < len(layout.lines) or not layout.line_sentences[y]:
            return
        line = layout.lines[y]
        para = layout.paragraphs[line.paragraph]
        x = line.start + max(0, offset.x - MARGIN)
        choice = layout.line_sentences[y][0]
        for s, (lo, hi) in zip(para.sentences, para.offsets, strict=True):
            if lo <= x <= hi and s in layout.line_sentences[y]:
                choice = s
                break
        self.post_message(SentenceClicked(self.doc, choice))

    # -- drawing ---------------------------------------------------------
    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        line_no = y + round(self.scroll_y)
        if line_no >= len(self.text_layout.lines):
            return Strip.blank(width, self.base_style)
        on_line = self.text_layout.line_sentences[line_no]
        marks = (self.cursor in on_line, tuple(s in self.highlighted for s in on_line))
        key = (id(self.text_layout), line_no, width, marks)
        strip = self._strips.get(key)
        if strip is None:
            strip = self._build(line_no, width)
            self._strips[key] = strip
        return strip

    def _build(self, line_no: int, width: int) -> Strip:
        layout = self.text_layout
        line = layout.lines[line_no]
        if line.paragraph < 0:
            return Strip.blank(width, self.base_style)
        para = layout.paragraphs[line.paragraph]
        if para.furniture:
            text = para.text[line.start : line.end]
            segments = [Segment("  "), Segment(text, self.style("reading-pane--furniture"))]
            return (
                Strip(pad(segments, width)).adjust_cell_length(width).apply_style(self.base_style)
            )
        on_line = layout.line_sentences[line_no]
        bar = " "
        bar_style = None
        if self.cursor in on_line:
            bar, bar_style = "▌", self.style("reading-pane--cursor-bar")
        elif self.highlighted.intersection(on_line):
            bar, bar_style = "▎", self.style("reading-pane--counterpart-bar")
        spans = []
        document = self.rows.documents[self.doc]
        for s, (lo, hi) in zip(para.sentences, para.offsets, strict=True):
            if s not in on_line:
                continue
            if s == self.cursor:
                spans.append((lo, hi, self.style("reading-pane--cursor")))
            elif s in self.highlighted:
                spans.append((lo, hi, self.style("reading-pane--counterpart")))
            elif s in document.furniture:
                spans.append((lo, hi, self.style("reading-pane--furniture")))
            elif self.rows.only_in(self.rows.groups_of_doc(self.doc)[s]) == self.doc:
                spans.append((lo, hi, self.style("reading-pane--only")))
        if self.highlight is not None:
            search = self.style(SEARCH_CLASS)
            spans.extend((lo, hi, search) for lo, hi in self.highlight(para.text))
        note = " "
        if self.note_marks and any(
            layout.first_line.get(s) == line_no and self.note_marks.noted(self.doc, s)
            for s in on_line
        ):
            note = NOTE_MARK  # on the first line of each noted sentence
        segments = [Segment(bar, bar_style), Segment(note, self.style("reading-pane--note"))]
        segments.extend(styled_segments(para.text, line.start, line.end, spans))
        strip = Strip(pad(segments, width)).adjust_cell_length(width)
        return strip.apply_style(self.base_style)  # unstyled text takes the theme's colours
