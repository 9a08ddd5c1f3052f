"""The main screen: aligned and reading views, the details strip, search, and every key.

The screen owns the selection (current group, focused article, pivot,
hidden panes) and tells the views what to draw; the views only draw.
"""

from __future__ import annotations

import gc
import time

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Footer, Input, Static

from sidebyside.app.aligned_view import AlignedView
from sidebyside.app.annotations import NotesSettings
from sidebyside.app.bindings import COMPARISON_BINDINGS
from sidebyside.app.corrections_actions import CorrectionsActions
from sidebyside.app.details import DetailsStrip
from sidebyside.app.furniture_actions import FurnitureActions
from sidebyside.app.headers import PaneHeaders, header_text
from sidebyside.app.labels import display_name, short_tag
from sidebyside.app.layout import choose_shown, fitting_count
from sidebyside.app.messages import (
    AlignmentFailed,
    AlignmentFinished,
    CurrentRowChanged,
    PaneScrolled,
    RowClicked,
    SentenceClicked,
)
from sidebyside.app.notes_actions import NotesActions
from sidebyside.app.reading_view import ReadingPane
from sidebyside.app.refine import RefineActions
from sidebyside.app.rows import RowModel
from sidebyside.engine.matcher import first_pass
from sidebyside.engine.model import Document, Member
from sidebyside.engine.pipeline import compare_documents

ALIGNED, READING = "aligned", "reading"
PROGRESS_DELAY = 0.5  # seconds of aligning before the progress indicator shows
SPINNER = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏"


class ComparisonScreen(
    CorrectionsActions,
    NotesActions,
    FurnitureActions,
    RefineActions,
    Screen,
    inherit_bindings=False,
):
    """Articles side by side, rows aligned or each in its own order.

    Screen bindings are not inherited: tab means "next pane" here, not "next widget".
    """

    BINDINGS = COMPARISON_BINDINGS

    def __init__(
        self,
        documents: list[Document],
        pivot: int = 0,
        notes_settings: NotesSettings | None = None,
        matcher=None,
    ) -> None:
        """``matcher``: a semantic matcher refines the first (lexical) rows in the background."""
        super().__init__()
        self.notes_settings = notes_settings or NotesSettings()
        self.refine_matcher = matcher
        self.documents = documents
        self.pivot = pivot
        self.focused_doc = pivot
        self.hidden: set[int] = set()
        self.narrow = False
        self.view = ALIGNED
        self.rows: RowModel | None = None
        self.current_group: int | None = None
        self.reading_cursor: dict[int, int] = {}
        self.search_text = ""
        self.hits: list[tuple[int, int]] = []  # (doc, sentence) in row order
        self.hit_index = -1
        self.tags = [short_tag(d, i) for i, d in enumerate(documents)]
        self.names = [display_name(d) for d in documents]
        self.align_seconds: float | None = None
        self.align_failed = False
        self._leveling = False

    # -- building --------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Static(id="top-bar")
        with ContentSwitcher(initial="aligned-pane", id="views"):
            with Vertical(id="aligned-pane"):
                yield PaneHeaders(id="headers")
                yield AlignedView(id="aligned")
            with Horizontal(id="reading-pane"):
                for d in range(len(self.documents)):
                    with Vertical(id=f"column-{d}", classes="reading-column"):
                        yield Static(id=f"reading-header-{d}", classes="reading-header")
                        yield ReadingPane(d, id=f"reading-{d}")
        yield Static(id="progress")
        yield DetailsStrip(id="details")
        with Horizontal(id="search-bar"):
            yield Input(placeholder="Search all articles (case-insensitive)", id="search-input")
            yield Static(id="search-status")
        yield Footer()

    def on_mount(self) -> None:
        self._started = time.perf_counter()
        self.query_one("#progress").display = False
        self.query_one("#search-bar").display = False
        self.query_one(DetailsStrip).show_message("Aligning sentences…")
        self._update_top_bar()
        self.set_timer(PROGRESS_DELAY, self._show_progress)
        self.query_one(AlignedView).focus()
        self._align()

    def _show_progress(self) -> None:
        """Show how long aligning has taken; a light timer, so the worker keeps the CPU."""
        if self.rows is not None or self.align_failed:
            self.query_one("#progress").display = False
            return
        elapsed = time.perf_counter() - self._started
        spinner = SPINNER[int(elapsed * 4) % len(SPINNER)]
        label = Text(f"{spinner} Aligning {len(self.documents)} articles… {elapsed:.1f} s")
        progress = self.query_one("#progress", Static)
        progress.update(label)
        progress.display = True
        self.set_timer(0.25, self._show_progress)

    @work(thread=True, exclusive=True, group="align")
    def _align(self) -> None:
        """Run the engine off the event loop so the screen stays responsive."""
        started = time.perf_counter()
        try:
            comparison = compare_documents(
                self.documents,
                pivot=self.pivot,
                with_diffs=False,
                matcher=first_pass(self.refine_matcher),
            )
        except Exception as error:  # shown to the user, not swallowed
            self.post_message(AlignmentFailed(error))
            return
        self.post_message(AlignmentFinished(comparison, time.perf_counter() - started))

    @on(AlignmentFailed)
    def _failed(self, message: AlignmentFailed) -> None:
        self.align_failed = True
        self.query_one("#progress").display = False
        self.query_one(DetailsStrip).show_message(f"Could not align the articles: {message.error}")

    @on(AlignmentFinished)
    def _aligned(self, message: AlignmentFinished) -> None:
        self.align_seconds = message.seconds
        self.query_one("#progress").display = False
        self.rows = RowModel(message.comparison, self.pivot)
        # The comparison lives as long as the app: keep the cycle collector
        # from rescanning its millions of objects on every key press.
        gc.freeze()
        for pane in self.query(ReadingPane):
            pane.set_model(self.rows)
        self._relayout_panes()
        if len(self.rows):
            self._select_group(self.rows.order[0])
        self._open_notes(message.comparison)
        # After the first paint: the worker's imports hold the GIL for a while.
        self.call_after_refresh(self._start_refining)

    # -- layout ----------------------------------------------------------
    def shown_docs(self) -> list[int]:
        """Articles that get a pane: not hidden, and as many as the width allows."""
        limit = 2 if self.narrow else fitting_count(self.size.width or 160)
        return choose_shown(len(self.documents), self.pivot, self.focused_doc, self.hidden, limit)

    def _relayout_panes(self) -> None:
        shown = self.shown_docs()
        aligned = self.query_one(AlignedView)
        if self.rows is not None:
            before = self.rows.hidden_groups
            self._apply_furniture(self.rows)
            aligned.show(self.rows, shown)
            changed = self.rows.hidden_groups != before
            if changed and self.current_group is not None and len(self.rows):
                self._select_group(self.current_group)
        for d in range(len(self.documents)):
            self.query_one(f"#column-{d}").display = d in shown
        self._update_headers()
        self._update_top_bar()

    def on_resize(self) -> None:
        # Short terminals keep most of their rows for the articles themselves.
        self.query_one("#details").styles.height = 7 if self.size.height >= 36 else 4
        if self.rows is not None:
            self._relayout_panes()
            self.call_after_refresh(self._after_resize)

    def _after_resize(self) -> None:
        self._update_headers()
        if self.view == READING:
            self._level_panes()

    def _facts(self, doc: int) -> str:
        count = len(self.documents[doc].sentences)
        if self.rows is None:
            return f"{self.tags[doc]} · aligning…"
        share = self.rows.matched_share(doc)
        return f"{self.tags[doc]} · {count} sentences · {share:.0%} matched" + (
            self._furniture_fact(doc)
        )

    def _update_headers(self) -> None:
        aligned = self.query_one(AlignedView)
        headers = self.query_one(PaneHeaders)
        entries = [
            (
                col,
                self.names[col.doc],
                self._facts(col.doc),
                col.doc == self.focused_doc,
                col.doc == self.pivot,
            )
            for col in aligned.layout_columns
        ]
        headers.set_entries(entries)
        styles = headers._styles()
        for d in self.shown_docs():
            header = self.query_one(f"#reading-header-{d}", Static)
            width = max(10, header.size.width or 40)
            title, sub = header_text(
                d + 1,
                self.names[d],
                self._facts(d),
                width,
                focused=d == self.focused_doc,
                pivot=d == self.pivot,
                styles=styles,
            )
            header.update(Text("\n").join([title, sub]))

    def _update_top_bar(self) -> None:
        bar = Text(no_wrap=True, overflow="ellipsis")
        bar.append(" sidebyside", "bold")
        bar.append(f"  pivot {self.pivot + 1} ({self.tags[self.pivot]}) · {self.view} view")
        bar.append_text(self._refine_label())
        bar.append_text(self._filter_label())
        not_shown = [d for d in range(len(self.documents)) if d not in self.shown_docs()]
        if not_shown:
            bar.append(" · not shown: ", "bold")
            bar.append(", ".join(f"{d + 1} {self.tags[d]}" for d in not_shown))
            bar.append(" (tab cycles · H shows all · w two panes)", "dim")
        bar.append(f" · {len(self.documents)} articles")
        if self.rows is not None:
            bar.append(f" · {len(self.rows)} rows")
        self.query_one("#top-bar", Static).update(bar, layout=False)

    # -- selection -------------------------------------------------------
    def _select_group(self, group: int, *, top: bool = False) -> None:
        """Make ``group`` the current row and show it in every view."""
        rows = self.rows
        if rows is None or group is None or not len(rows):
            return  # nothing aligned (yet), or articles without a sentence
        group = self._shown_group(group)
        self.current_group = group
        row = rows.row_of_group[group]
        self.query_one(AlignedView).move_cursor(row, top=top)
        self.query_one(DetailsStrip).show_row(rows, group, self.tags, self.shown_docs())
        if self.view == READING:
            self._highlight_reading()
        self.post_message(CurrentRowChanged(group))

    def _highlight_reading(self) -> None:
        group = self.rows.groups[self.current_group]
        for pane in self.query(ReadingPane):
            counterparts = frozenset(group.sentences_of(pane.doc))
            cursor = self.reading_cursor.get(pane.doc) if pane.doc == self.focused_doc else None
            pane.set_highlight(cursor, counterparts - {cursor})

    def _reading_pane(self, doc: int) -> ReadingPane:
        return self.query_one(f"#reading-{doc}", ReadingPane)

    def _set_reading_cursor(self, doc: int, sentence: int) -> None:
        sentence = self._shown_sentence(doc, sentence)
        self.reading_cursor[doc] = sentence
        group = self.rows.comparison.group_index[Member(doc, sentence)]
        self.current_group = group
        self.query_one(AlignedView).move_cursor(self.rows.row_of_group[group])
        self.query_one(DetailsStrip).show_row(self.rows, group, self.tags, self.shown_docs())
        self._highlight_reading()
        pane = self._reading_pane(doc)
        pane.keep_cursor_visible()
        self._level_panes()
        self.post_message(CurrentRowChanged(group))

    def _level_panes(self, source: int | None = None) -> None:
        """Scroll every other reading pane so its counterpart sits level with the source's."""
        if self.rows is None or self._leveling:
            return
        source = self.focused_doc if source is None else source
        pane = self._reading_pane(source)
        if source == self.focused_doc and source in self.reading_cursor:
            anchor = self.reading_cursor[source]
            if not pane.first_line:
                return
            screen_y = pane.first_line.get(anchor, 0) - round(pane.scroll_y)
        else:
            anchor = pane.top_sentence()
            if anchor is None:
                return
            screen_y = pane.first_line[anchor] - round(pane.scroll_y)
        self._leveling = True
        try:
            for other in self.query(ReadingPane):
                if other.doc == source or not other.display:
                    continue
                target = self._counterpart(source, anchor, other.doc)
                if target is not None:
                    s, shift = target
                    other.scroll_sentence_to(s, screen_y - shift)
        finally:
            self._leveling = False

    def _counterpart(self, doc: int, sentence: int, other: int) -> tuple[int, int] | None:
        """``other``'s sentence matching ``sentence`` or the nearest one before it.

        Returns the sentence and how many lines above the anchor it should sit
        when it matches an earlier sentence of ``doc``.
        """
        comparison = self.rows.comparison
        pane = self._reading_pane(doc)
        for s in range(sentence, -1, -1):
            group = comparison.groups[comparison.group_index[Member(doc, s)]]
            found = group.sentences_of(other)
            if found:
                shift = pane.first_line.get(sentence, 0) - pane.first_line.get(s, 0)
                return min(found), shift
        return None

    # -- movement, shared by both views ---------------------------------
    def _sequence(self) -> tuple[list[int], int]:
        """Groups in the order the keys walk them, and where the cursor is."""
        rows = self.rows
        if self.view == ALIGNED:
            return rows.order, rows.row_of_group.get(self.current_group, 0)
        doc = self.focused_doc
        return rows.groups_of_doc(doc), self.reading_cursor.get(doc, 0)

    def _go(self, position: int) -> None:
        if self.rows is None:
            return
        groups, _ = self._sequence()
        if not groups:
            return
        position = min(max(position, 0), len(groups) - 1)
        if self.view == ALIGNED:
            self._select_group(groups[position])
        else:
            here = self.reading_cursor.get(self.focused_doc, 0)
            step = -1 if position < here else 1
            self._set_reading_cursor(
                self.focused_doc, self._shown_sentence(self.focused_doc, position, step)
            )

    def _find(self, step: int, test) -> None:
        if self.rows is None:
            return
        groups, here = self._sequence()
        k = here + step
        while 0 <= k < len(groups):
            if test(groups[k]) and (
                self.view == ALIGNED or self._shown_sentence(self.focused_doc, k) == k
            ):
                self._go(k)
                return
            k += step
        self.app.bell()
        self.notify("No more such rows in this direction.", timeout=2)

    def action_next_row(self) -> None:
        if self.rows is not None:
            self._go(self._sequence()[1] + 1)

    def action_previous_row(self) -> None:
        if self.rows is not None:
            self._go(self._sequence()[1] - 1)

    def action_first_row(self) -> None:
        self._go(0)

    def action_last_row(self) -> None:
        if self.rows is not None:
            self._go(len(self._sequence()[0]) - 1)

    def action_page_down(self) -> None:
        self._page(+1)

    def action_page_up(self) -> None:
        self._page(-1)

    def _page(self, direction: int) -> None:
        if self.rows is None:
            return
        if self.view == ALIGNED:
            aligned = self.query_one(AlignedView)
            target = aligned.row_below_page() if direction > 0 else aligned.row_above_page()
            if target == aligned.cursor:
                target += direction
            self._go(target)
            return
        pane = self._reading_pane(self.focused_doc)
        cursor = self.reading_cursor.get(self.focused_doc, 0)
        line = pane.first_line.get(cursor, 0) + direction * pane.scrollable_content_region.height
        target = pane.sentence_at_line(max(0, line))
        if target is None or target == cursor:
            target = cursor + direction if line >= 0 else 0
        self._go(target)

    def action_next_divergence(self) -> None:
        if self.search_text and self.hits:
            self._step_hit(+1)
        elif self.rows is not None:
            self._find(+1, self._divergence_test())

    def action_previous_divergence(self) -> None:
        if self.search_text and self.hits:
            self._step_hit(-1)
        elif self.rows is not None:
            self._find(-1, self._divergence_test())

    def action_next_unique(self) -> None:
        if self.rows is not None:
            self._find(+1, lambda g: self.rows.only_in(g) is not None)

    def action_previous_unique(self) -> None:
        if self.rows is not None:
            self._find(-1, lambda g: self.rows.only_in(g) is not None)

    # -- panes -----------------------------------------------------------
    def _cycle_pane(self, step: int) -> None:
        candidates = [d for d in range(len(self.documents)) if d not in self.hidden]
        k = candidates.index(self.focused_doc) if self.focused_doc in candidates else 0
        self._focus_doc(candidates[(k + step) % len(candidates)])

    def _focus_doc(self, doc: int) -> None:
        self.focused_doc = doc
        self._relayout_panes()
        if self.rows is None:
            return
        if self.view == READING:
            self._enter_reading_pane(doc)
        else:
            self._select_group(self.current_group)

    def _enter_reading_pane(self, doc: int) -> None:
        """Give ``doc``'s pane the cursor, on the current row's sentence when it has one."""
        pane = self._reading_pane(doc)
        pane.focus()
        own = self.rows.groups[self.current_group].sentences_of(doc) if self.rows else []
        if own:
            sentence = min(own)
        elif doc in self.reading_cursor:
            sentence = self.reading_cursor[doc]
        else:
            sentence = pane.top_sentence() or 0
        if self.documents[doc].sentences:
            self._set_reading_cursor(doc, sentence)

    def action_next_pane(self) -> None:
        self._cycle_pane(+1)

    def action_previous_pane(self) -> None:
        self._cycle_pane(-1)

    def action_pivot(self, doc: int) -> None:
        if doc >= len(self.documents):
            self.app.bell()
            self.notify(f"There are only {len(self.documents)} articles.", timeout=2)
            return
        self.pivot = doc
        self.hidden.discard(doc)
        if self.rows is None:
            self._update_top_bar()
            return
        self.rows.set_pivot(doc)
        self._relayout_panes()
        self._select_group(self.current_group)

    def action_toggle_view(self) -> None:
        switcher = self.query_one(ContentSwitcher)
        self.view = READING if self.view == ALIGNED else ALIGNED
        switcher.current = f"{self.view}-pane"
        self._update_top_bar()
        if self.rows is None:
            return
        if self.view == READING:
            self.call_after_refresh(self._enter_reading_after_switch)
        else:
            self.query_one(AlignedView).focus()
            self._select_group(self.current_group)

    def _enter_reading_after_switch(self) -> None:
        self._update_headers()
        self._enter_reading_pane(self.focused_doc)

    def action_hide_pane(self) -> None:
        doc = self.focused_doc
        if doc == self.pivot:
            self.app.bell()
            self.notify(
                "The pivot stays visible: make another article the pivot (1–9) first.",
                timeout=3,
            )
            return
        self.hidden.add(doc)
        candidates = [d for d in range(len(self.documents)) if d not in self.hidden]
        self._focus_doc(min(candidates, key=lambda d: (d <= doc, d)))

    def action_show_all_panes(self) -> None:
        self.hidden.clear()
        self.narrow = False
        self._focus_doc(self.focused_doc)

    def action_toggle_doc(self, doc: int) -> None:
        """Hide or show one article by number (from the command palette)."""
        if doc in self.hidden:
            self.hidden.discard(doc)
            self._focus_doc(self.focused_doc)
        else:
            previous = self.focused_doc
            self.focused_doc = doc
            self.action_hide_pane()
            if self.focused_doc == doc:
                self.focused_doc = previous

    def action_toggle_narrow(self) -> None:
        self.narrow = not self.narrow
        self._focus_doc(self.focused_doc)

    def action_toggle_theme(self) -> None:
        self.app.theme = "textual-light" if self.app.current_theme.dark else "textual-dark"

    def action_help(self) -> None:
        from sidebyside.app.help_screen import HelpScreen

        self.app.push_screen(HelpScreen(self.active_bindings))

    # -- search ----------------------------------------------------------
    def action_search(self) -> None:
        bar = self.query_one("#search-bar")
        bar.display = True
        field = self.query_one("#search-input", Input)
        field.focus()

    def action_close_search(self) -> None:
        self.search_text = ""
        self.hits = []
        self.hit_index = -1
        self.query_one("#search-bar").display = False
        self.query_one("#search-input", Input).value = ""
        self.query_one(AlignedView).set_query("")
        for pane in self.query(ReadingPane):
            pane.set_query("")
        self._focus_view()

    def _focus_view(self) -> None:
        if self.view == ALIGNED:
            self.query_one(AlignedView).focus()
        else:
            self._reading_pane(self.focused_doc).focus()

    @on(Input.Submitted, "#search-input")
    def _search_submitted(self, event: Input.Submitted) -> None:
        self.search_text = event.value
        self.query_one(AlignedView).set_query(self.search_text)
        for pane in self.query(ReadingPane):
            pane.set_query(self.search_text)
        self.hits = []
        self.hit_index = -1
        if self.rows is not None and self.search_text:
            needle = self.search_text.casefold()
            for g in self.rows.order:
                for m in sorted(self.rows.groups[g].members):
                    if needle in self.documents[m.doc].sentences[m.sentence].text.casefold():
                        self.hits.append((m.doc, m.sentence))
        self._focus_view()
        if not self.hits:
            self._search_status(f"no hits for “{self.search_text}”" if self.search_text else "")
            return
        here = self.rows.row_of_group.get(self.current_group, 0)
        index = self.rows.comparison.group_index
        first = next(
            (
                k
                for k, (d, s) in enumerate(self.hits)
                if self.rows.row_of_group[index[Member(d, s)]] >= here
            ),
            0,
        )
        self.hit_index = first - 1
        self._step_hit(+1)

    def _step_hit(self, step: int) -> None:
        self.hit_index = (self.hit_index + step) % len(self.hits)
        doc, sentence = self.hits[self.hit_index]
        if self.view == ALIGNED:
            group = self.rows.comparison.group_index[Member(doc, sentence)]
            self._select_group(group)
        else:
            if doc in self.hidden:
                self.hidden.discard(doc)
            self.focused_doc = doc
            self._relayout_panes()
            self._reading_pane(doc).focus()
            self._set_reading_cursor(doc, sentence)
        self._search_status(
            f"hit {self.hit_index + 1} of {len(self.hits)} in {self.tags[doc]}"
            "  ·  n/N next/previous · esc closes"
        )

    def _search_status(self, message: str) -> None:
        self.query_one("#search-status", Static).update(Text(message))

    # -- mouse -----------------------------------------------------------
    @on(RowClicked)
    def _row_clicked(self, message: RowClicked) -> None:
        if self.rows is None:
            return
        if message.doc is not None and message.doc != self.focused_doc:
            self.focused_doc = message.doc
            self._update_headers()
        self._select_group(self.rows.order[message.row])

    @on(SentenceClicked)
    def _sentence_clicked(self, message: SentenceClicked) -> None:
        if self.rows is None:
            return
        if message.doc != self.focused_doc:
            self.focused_doc = message.doc
            self._update_headers()
            self._reading_pane(message.doc).focus()
        self._set_reading_cursor(message.doc, message.sentence)

    @on(PaneScrolled)
    def _pane_scrolled(self, message: PaneScrolled) -> None:
        if self.view == READING and not self._leveling:
            self._level_panes(source=message.doc)
