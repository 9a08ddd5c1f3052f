"""What the aligned view and the reading panes share as line-API views.

Both draw only the lines on screen from cached strips; anything that changes
how lines look (theme, search hits, note markers) must drop those caches.
"""

from __future__ import annotations

from rich.style import Style
from textual.cache import LRUCache
from textual.scroll_view import ScrollView
from textual.strip import Strip


class CachedLineView(ScrollView):
    """A ``ScrollView`` whose lines are cached strips, with cached component styles."""

    def __init__(self, *, id: str | None = None, cached_lines: int = 2048) -> None:
        super().__init__(id=id)
        # Search hits in a line's text, as (start, end) ranges; None when not searching.
        self.highlight = None
        self.note_marks = None  # answers the view's note-marker questions
        self._strips: LRUCache[tuple, Strip] = LRUCache(cached_lines)
        self._styles: dict[str, Style] = {}
        self._base_style: Style | None = None
        self._width = 0

    def notify_style_update(self) -> None:
        """The stylesheet or theme changed: cached styles and strips are stale."""
        super().notify_style_update()
        self._base_style = None
        self._styles.clear()
        self._strips.clear()
        self.refresh()

    @property
    def base_style(self) -> Style:
        """``rich_style``, read once per style update like the strips it goes into: it
        blends every ancestor's colours, a third of the time of drawing a line."""
        if self._base_style is None:
            self._base_style = self.rich_style
        return self._base_style

    def style(self, name: str) -> Style:
        if name not in self._styles:
            self._styles[name] = self.get_component_rich_style(name, partial=True)
        return self._styles[name]

    def set_note_marks(self, marks) -> None:
        """Notes changed: redraw their markers."""
        self.note_marks = marks
        self._strips.clear()
        self.refresh()

    def set_search(self, highlight) -> None:
        """Highlight what ``highlight(text)`` finds in each line's text (None: nothing)."""
        if highlight is not self.highlight:
            self.highlight = highlight
            self._strips.clear()
            self.refresh()
