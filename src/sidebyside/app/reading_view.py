"""One article in its own order as flowing paragraphs, linked to the other panes.

Each pane is a line-API ``ScrollView``.  The screen keeps them level: when the
cursor moves or a pane scrolls, every other pane scrolls so its counterpart
sentence sits on the same screen line.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import ClassVar

from rich.segment import Segment
from textual import events
from textual.geometry import Size
from textual.strip import Strip

from sidebyside.app.layout import wrap_offsets
from sidebyside.app.line_view import CachedLineView
from sidebyside.app.messages import PaneScrolled, SentenceClicked
from sidebyside.app.rows import RowModel
from sidebyside.app.styles import SEARCH_CLASS, pad, styled_segments
from sidebyside.engine.sanitize import visible

MARGIN = 2  # cursor bar and a space (or a note mark)
NOTE_MARK = "✎"


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: str
    sentences: tuple[int, ...]
    offsets: tuple[tuple[int, int], ...]  # each sentence's range in ``text``


@dataclass(frozen=True, slots=True)
class Line:
    paragraph: int  # -1 for the blank line between paragraphs
    start: int
    end: int


def paragraphs_of(rows: RowModel, doc: int, skip: frozenset[int] = frozenset()) -> list[Paragraph]:
    """The article's sentences gathered into its paragraphs, joined by spaces, less ``skip``."""
    out: list[Paragraph] = []
    current: list[int] = []
    sentences = rows.documents[doc].sentences

    def flush() -> None:
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
        if s.index in skip:
            continue
        if current and sentences[current[-1]].paragraph != s.paragraph:
            flush()
        current.append(s.index)
    flush()
    return out


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

    def __init__(self, doc: int, *, id: str | None = None) -> None:
        super().__init__(id=id, cached_lines=2048)
        self.doc = doc
        self.rows: RowModel | None = None
        self.paragraphs: list[Paragraph] = []
        self.lines: list[Line] = []
        self.first_line: dict[int, int] = {}  # sentence -> its first screen line
        self.last_line: dict[int, int] = {}
        self._line_sentences: list[tuple[int, ...]] = []
        self.cursor: int | None = None  # sentence index with the cursor
        self.highlighted: frozenset[int] = frozenset()  # counterparts of the current sentence
        self.linking = False  # set while the screen scrolls this pane to keep it level
        self.hide_furniture = False  # leave the article's furniture sentences out

    def set_model(self, rows: RowModel) -> None:
        self.rows = rows
        skip = rows.documents[self.doc].furniture if self.hide_furniture else frozenset()
        self.paragraphs = paragraphs_of(rows, self.doc, skip)
        self._width = 0
        self.relayout()

    def relayout(self) -> None:
        if self.rows is None or not self.size.width:
            return  # not on screen yet: lay out when it gets a size
        width = max(10, self.scrollable_content_region.width)
        if width == self._width:
            return
        self._width = width
        text_width = max(1, width - MARGIN - 1)
        self.lines, self.first_line, self.last_line = [], {}, {}
        self._line_sentences = []
        for p, para in enumerate(self.paragraphs):
            if p:
                self.lines.append(Line(-1, 0, 0))
                self._line_sentences.append(())
            starts = [lo for lo, _ in para.offsets]
            for start, end in wrap_offsets(para.text, text_width):
                y = len(self.lines)
                self.lines.append(Line(p, start, end))
                first = max(bisect.bisect_right(starts, start) - 1, 0)
                last = max(bisect.bisect_right(starts, max(end - 1, start)) - 1, 0)
                on_line = para.sentences[first : last + 1]
                self._line_sentences.append(on_line)
                for s in on_line:
                    self.first_line.setdefault(s, y)
                    self.last_line[s] = y
        self.virtual_size = Size(width, len(self.lines))
        self._strips.clear()
        self.refresh()

    def on_resize(self, event: events.Resize) -> None:
        self.relayout()

    # -- state from the screen ------------------------------------------
    def set_highlight(self, cursor: int | None, highlighted: frozenset[int]) -> None:
        if cursor != self.cursor or highlighted != self.highlighted:
            self.cursor = cursor
            self.highlighted = highlighted
            self._strips.clear()
            self.refresh()

    def sentence_at_line(self, y: int) -> int | None:
        """The first sentence on screen line ``y`` of the whole pane, or the next one below."""
        for line in range(max(0, y), len(self.lines)):
            if self._line_sentences[line]:
                return self._line_sentences[line][0]
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
        if not 0 <= y < len(self.lines):
            return
        line = self.lines[y]
        if line.paragraph < 0:
            return
        para = self.paragraphs[line.paragraph]
        x = line.start + max(0, offset.x - MARGIN)
        choice = self._line_sentences[y][0]
        for s, (lo, hi) in zip(para.sentences, para.offsets, strict=True):
            if lo <= x <= hi and s in self._line_sentences[y]:
                choice = s
                break
        self.post_message(SentenceClicked(self.doc, choice))

    # -- drawing ---------------------------------------------------------
    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        line_no = y + round(self.scroll_y)
        if line_no >= len(self.lines):
            return Strip.blank(width, self.rich_style)
        key = (line_no, width)
        strip = self._strips.get(key)
        if strip is None:
            strip = self._build(line_no, width)
            self._strips[key] = strip
        return strip

    def _build(self, line_no: int, width: int) -> Strip:
        line = self.lines[line_no]
        if line.paragraph < 0:
            return Strip.blank(width, self.rich_style)
        para = self.paragraphs[line.paragraph]
        on_line = self._line_sentences[line_no]
        bar = " "
        bar_style = None
        if self.cursor in on_line:
            bar, bar_style = "▌", self.style("reading-pane--cursor-bar")
        elif self.highlighted.intersection(on_line):
            bar, bar_style = "▎", self.style("reading-pane--counterpart-bar")
        spans = []
        for s, (lo, hi) in zip(para.sentences, para.offsets, strict=True):
            if s not in on_line:
                continue
            if s == self.cursor:
                spans.append((lo, hi, self.style("reading-pane--cursor")))
            elif s in self.highlighted:
                spans.append((lo, hi, self.style("reading-pane--counterpart")))
            elif s in self.rows.documents[self.doc].furniture:
                spans.append((lo, hi, self.style("reading-pane--furniture")))
            elif self.rows.comparison.group_of(self.doc, s).docs == (self.doc,):
                spans.append((lo, hi, self.style("reading-pane--only")))
        if self.search_text:
            search = self.style(SEARCH_CLASS)
            spans.extend(
                (lo, hi, search) for lo, hi in self.rows.matches(self.search_text, para.text)
            )
        note = " "
        if self.note_marks and any(
            self.first_line.get(s) == line_no and self.note_marks.noted(self.doc, s)
            for s in on_line
        ):
            note = NOTE_MARK  # on the first line of each noted sentence
        segments = [Segment(bar, bar_style), Segment(note, self.style("reading-pane--note"))]
        segments.extend(styled_segments(para.text, line.start, line.end, spans))
        strip = Strip(pad(segments, width)).adjust_cell_length(width)
        return strip.apply_style(self.rich_style)  # unstyled text takes the theme's colours
