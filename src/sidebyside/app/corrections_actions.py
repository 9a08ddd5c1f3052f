"""The comparison screen's keys for fixing the alignment, filtering labels, and the overview.

``l`` links the current sentence to one picked in another article, ``x``
unlinks it; both are saved with the notes and the rows are rebuilt from the
machine's alignment with every correction applied, so matched shares and
the overview change at once.  A kind filter limits ``n``/``N`` to rows with
that kind of divergence.  A mixin: it uses the screen's selection state.
"""

from __future__ import annotations

from rich.text import Text

from sidebyside.app.kinds import KIND_PLURALS, kind_index
from sidebyside.app.link_mode import LinkPicker
from sidebyside.app.position import capture, restore
from sidebyside.app.reading_view import ReadingPane
from sidebyside.app.rows import RowModel
from sidebyside.engine.corrections import Correction, link, unlink
from sidebyside.engine.divergence import KINDS
from sidebyside.engine.model import Member

READING = "reading"
ALIGNED = "aligned"


class CorrectionsActions:
    """Link, unlink, the kind filter and the overview for ``ComparisonScreen``."""

    kind_filter: str | None = None

    # -- keeping the rows in step with the corrections ----------------------
    def _after_notes_change(self) -> None:
        super()._after_notes_change()
        if self._sync_rows():
            super()._after_notes_change()

    def _sync_rows(self) -> bool:
        """Show the corrected comparison when the shown rows are not it (new corrections,
        or a fresh alignment underneath them); keeps the user's place."""
        notes = self.annotations
        if notes is None or self.rows is None or notes.comparison is self.rows.comparison:
            return False
        place = capture(self)
        rows = RowModel(notes.comparison, self.pivot)
        furnish = getattr(self, "_apply_furniture", None)
        if furnish is not None:
            furnish(rows)
        self.rows = rows
        self.current_group = None
        for pane in self.query(ReadingPane):
            pane.set_model(rows)
        self._relayout_panes()
        restore(self, place)
        return True

    # -- link and unlink ----------------------------------------------------
    def _current_sentence(self, verb: str) -> Member | None:
        """The focused article's sentence in the current row (the cursor's in reading view)."""
        if self.rows is None or self.annotations is None or self.current_group is None:
            self.app.bell()
            self.notify(f"You can {verb} sentences once the articles are aligned.", timeout=3)
            return None
        doc = self.focused_doc
        if self.view == READING and doc in self.reading_cursor:
            return Member(doc, self.reading_cursor[doc])
        own = self.rows.groups[self.current_group].sentences_of(doc)
        if not own:
            self.app.bell()
            self.notify(
                f"{self.tags[doc]} has no sentence in this row: tab to an article that has one.",
                timeout=4,
                markup=False,
            )
            return None
        return Member(doc, min(own))

    def action_link_sentence(self) -> None:
        source = self._current_sentence("link")
        if source is None:
            return
        shown = self.shown_docs()
        others = [d for d in range(len(self.documents)) if d != source.doc]
        if not others:
            self.app.bell()
            return
        candidates = [d for d in shown if d != source.doc]
        candidates += [d for d in others if d not in candidates]
        start = self.pivot if self.pivot != source.doc else candidates[0]
        group = self.rows.comparison.group_index[source]

        def chosen(target: Member | None) -> None:
            if target is None:
                return
            index = self.rows.comparison.group_index
            if index[target] == index[source]:
                self.notify("Those two sentences are already in the same row.", timeout=3)
                return
            self._correct(link(self.documents, source, target), source)
            self.notify(
                f"Linked {self.tags[source.doc]}'s sentence {source.sentence + 1} to "
                f"{self.tags[target.doc]}'s sentence {target.sentence + 1}.",
                timeout=3,
                markup=False,
            )

        picker = LinkPicker(self.rows, source, group, self.tags, candidates, start)
        self.app.push_screen(picker, chosen)

    def action_unlink_sentence(self) -> None:
        source = self._current_sentence("unlink")
        if source is None:
            return
        group = self.rows.comparison.group_of(source.doc, source.sentence)
        if len(group.members) == 1:
            self.app.bell()
            self.notify("This sentence is already a row of its own.", timeout=3)
            return
        self._correct(unlink(self.documents, source), source)
        self.notify(
            f"Unlinked {self.tags[source.doc]}'s sentence {source.sentence + 1}: "
            "it is a row of its own now.",
            timeout=3,
            markup=False,
        )

    def _correct(self, correction: Correction, follow: Member) -> None:
        """Save ``correction``, rebuild the rows, and make ``follow``'s row current."""
        self.annotations.set_pivot(self.pivot)
        self._change(lambda: self.annotations.add_correction(correction))
        index = self.rows.comparison.group_index
        if follow not in index:
            return
        if self.view == READING and follow.doc == self.focused_doc:
            self._set_reading_cursor(follow.doc, follow.sentence)
        else:
            self._select_group(index[follow])
        self._update_headers()

    # -- the kind filter ----------------------------------------------------
    def action_divergence_filter(self, kind: str = "") -> None:
        """Limit ``n``/``N`` to rows with this kind of divergence ("": every row that differs)."""
        self.kind_filter = kind if kind in KINDS else None
        self._update_top_bar()
        if self.kind_filter is None:
            self.notify("n and N stop at every row that differs.", timeout=3)
        else:
            plural = KIND_PLURALS[self.kind_filter]
            self.notify(f"n and N stop only at rows whose {plural} differ.", timeout=3)

    def _divergence_test(self):
        """What ``n``/``N`` look for: rows that differ, of the filtered kind if one is set."""
        rows = self.rows
        if self.kind_filter is None:
            return rows.differs
        kind, index = self.kind_filter, kind_index(rows)
        return lambda g: rows.differs(g) and kind in index.kinds(g)

    def _filter_label(self) -> Text:
        if self.kind_filter is None:
            return Text()
        return Text(f" · n/N: {KIND_PLURALS[self.kind_filter]} only", "bold reverse")

    # -- the overview -------------------------------------------------------
    def action_overview(self) -> None:
        if self.rows is None:
            self.app.bell()
            self.notify("The overview is ready once the articles are aligned.", timeout=3)
            return
        from sidebyside.app.overview_screen import OverviewScreen

        other = self.focused_doc if self.focused_doc != self.pivot else (self.pivot + 1)
        start = (self.pivot, other % len(self.documents))
        screen = OverviewScreen(self.rows, self.tags, self.names, start)
        self.app.push_screen(screen, self._open_pair)

    def _open_pair(self, pair: tuple[int, int] | None) -> None:
        """The aligned view of two articles: ``x`` as the pivot, only the two of them shown."""
        if pair is None:
            return
        x, y = pair
        self.hidden.discard(x)
        self.hidden.discard(y)
        self.narrow = True
        if self.view != ALIGNED:
            self.action_toggle_view()
        self.action_pivot(x)
        self._focus_doc(y)
