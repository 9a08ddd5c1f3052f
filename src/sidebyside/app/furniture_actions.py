"""The comparison screen's furniture key: hide or show page furniture, keeping the place.

A mixin, like the notes keys, so the screen module keeps its own concerns.
"""

from __future__ import annotations

from sidebyside.app.furniture_filter import furniture_groups, nearest_shown
from sidebyside.app.position import capture, restore
from sidebyside.app.reading_view import ReadingPane
from sidebyside.app.rows import RowModel


class FurnitureActions:
    """Furniture hiding for ``ComparisonScreen`` (which provides the selection state)."""

    furniture_hidden = False

    def action_toggle_furniture(self) -> None:
        if self.rows is None:
            self.app.bell()
            self.notify("Furniture can be hidden once the articles are aligned.", timeout=3)
            return
        if not any(d.furniture for d in self.documents):
            self.app.bell()
            self.notify("No page furniture was found in these articles.", timeout=3)
            return
        hide = not self.furniture_hidden
        if hide and len(furniture_groups(self.rows.comparison)) >= len(self.rows.groups):
            self.app.bell()
            self.notify("Every row is page furniture: nothing would be left.", timeout=3)
            return
        place = capture(self)
        self.furniture_hidden = hide
        self._apply_furniture(self.rows)
        for pane in self.query(ReadingPane):
            pane.set_model(self.rows)
        self._relayout_panes()
        restore(self, place)
        count = sum(len(d.furniture) for d in self.documents)
        if hide:
            self.notify(f"{count} furniture sentence(s) hidden: f shows them again.", timeout=3)
        else:
            self.notify(f"{count} furniture sentence(s) shown, dimmed.", timeout=3)

    def _apply_furniture(self, rows: RowModel) -> None:
        """Give ``rows`` and the reading panes the current hiding (also for new rows).

        Rows of articles whose panes are hidden or do not fit go too: they
        would be blank lines between the rows the user can read.
        """
        hidden = furniture_groups(rows.comparison) if self.furniture_hidden else frozenset()
        shown = set(self.shown_docs())
        if len(shown) < len(self.documents):
            off_screen = {k for k, g in enumerate(rows.groups) if shown.isdisjoint(g.docs)}
            if len(off_screen | hidden) < len(rows.groups):
                hidden = hidden | off_screen
        if hidden != rows.hidden_groups:
            rows.hidden_groups = hidden
            rows.set_pivot(rows.pivot)
        for pane in self.query(ReadingPane):
            pane.hide_furniture = self.furniture_hidden

    def _shown_group(self, group: int) -> int:
        """``group``, or the row shown in its place when it is hidden furniture."""
        rows = self.rows
        if group not in rows.hidden_groups or not len(rows):
            return group
        return rows.order[rows.row_of_group[group]]

    def _shown_sentence(self, doc: int, sentence: int, step: int = 1) -> int:
        """``sentence``, or the nearest one the reading view shows when furniture is hidden."""
        if not self.furniture_hidden:
            return sentence
        return nearest_shown(self.documents[doc], sentence, step)

    def _furniture_fact(self, doc: int) -> str:
        """The header's furniture count, so it is plain what the matched share leaves out."""
        count = len(self.documents[doc].furniture)
        if not count:
            return ""
        return f" · {count} furniture" + (" hidden" if self.furniture_hidden else "")
