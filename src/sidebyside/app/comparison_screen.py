"""The main screen: aligned and reading views, the details panel, and every key.

What the screen shows is one ``ViewState`` held in the ``state`` reactive:
keys make a new state with ``update`` and the one watcher, ``watch_state``,
lays the views out again and moves the cursors.  The rows are replaced in
one place, ``replace_rows``, whatever brought them (the first alignment, the
refined one, a correction, an article added or dropped).  The keys for
notes, corrections, refinement, search, copying and articles are handled by
controllers that see the screen through ``host.ScreenHost``.

Work that takes long on a large comparison (aligning, building rows, laying
out, the overview, exports) runs in worker threads: the keys keep changing
the state meanwhile, and what a worker brings back is shown against the
state as it is when it lands, never the one it started from.
"""

from __future__ import annotations

import gc
import time

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Footer, Input, Static

from sidebyside.app.aligned_view import AlignedView
from sidebyside.app.annotations import NotesSettings
from sidebyside.app.articles_actions import ArticlesChanged, ArticlesController
from sidebyside.app.background import one_at_a_time, share_the_interpreter
from sidebyside.app.bindings import COMPARISON_BINDINGS
from sidebyside.app.copy_actions import CopyController
from sidebyside.app.corrections_actions import CorrectionsController
from sidebyside.app.details import DetailsPanel
from sidebyside.app.furniture_filter import nearest_shown
from sidebyside.app.headers import PaneHeaders, ReadingHeader
from sidebyside.app.labels import display_name, short_tag
from sidebyside.app.layout import choose_shown, fitting_count
from sidebyside.app.messages import (
    AlignmentFailed,
    AlignmentFinished,
    Busy,
    PaneScrolled,
    PivotReady,
    PreviewReady,
    RowClicked,
    RowsBuilt,
    RowsReplaced,
    SelectionChanged,
    SentenceClicked,
)
from sidebyside.app.notes_actions import NotesController
from sidebyside.app.position import capture, restore
from sidebyside.app.reading_view import ReadingPane
from sidebyside.app.refine import RefineController, RefineFailed, RefineFinished, RefineProgress
from sidebyside.app.rows import RowModel
from sidebyside.app.search_bar import HitsFound, SearchBar, SearchController, SearchInput
from sidebyside.app.state import (
    ALIGNED,
    COLLAPSED,
    READING,
    SHOWN,
    ViewState,
    without_pivot_hidden,
)
from sidebyside.engine.matcher import first_pass
from sidebyside.engine.model import Comparison, Document, Member
from sidebyside.engine.pipeline import compare_documents, segment_document, verbatim_preview

PROGRESS_DELAY = 0.5  # seconds of aligning before the progress indicator shows
SPINNER = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏"
SYNC_ROWS_SENTENCES = 4000  # build rows at once up to this many sentences; more in a worker
# From this many sentences, aligning takes seconds: show the word-for-word repeats first.
PREVIEW_SENTENCES = 8000


def keep_heap_still() -> None:
    """Keep the cycle collector off what is built: the comparison, its rows and caches live
    as long as the app, and a full collection over millions of objects, run in whichever
    thread allocates, stops the event loop for a tenth of a second or more."""
    gc.freeze()
    gc.set_threshold(50_000, 20, 1000)


def build_rows(comparison: Comparison, state: ViewState, shown: list[int] | None) -> RowModel:
    """The rows of ``comparison`` as ``state`` shows them (safe to call off the event loop)."""
    return RowModel(
        comparison,
        state.pivot,
        collapse=state.collapsed,
        shown=None if shown is None else frozenset(shown),
    )


class ComparisonScreen(Screen, inherit_bindings=False):
    """Articles side by side, rows aligned or each in its own order.

    Screen bindings are not inherited: tab means "next pane" here, not "next widget".
    """

    BINDINGS = COMPARISON_BINDINGS

    state: reactive[ViewState] = reactive(ViewState, init=False, always_update=False)
    """Everything the reader can change about what is shown; see ``state.ViewState``."""

    def __init__(
        self,
        documents: list[Document],
        pivot: int = 0,
        notes_settings: NotesSettings | None = None,
        matcher=None,
        *,
        furniture: str = COLLAPSED,
        tall_details: bool = False,
        exact_search: bool = False,
    ) -> None:
        """``matcher``: a semantic matcher refines the first (lexical) rows in the background."""
        super().__init__()
        self.notes_settings = notes_settings or NotesSettings()
        self.documents = documents
        self.rows: RowModel | None = None
        self.annotations = None  # the notes, once the articles are aligned
        self.tags = [short_tag(d, i) for i, d in enumerate(documents)]
        self.names = [display_name(d) for d in documents]
        self.align_seconds: float | None = None
        self.align_failed = False
        # Showing the preview's rows (word-for-word repeats) while the aligner runs.
        self.preview = False
        self.busy: dict[str, int] = {}
        self._busy_timer = None
        self._shown: tuple[int, ...] = ()
        self._selection: tuple | None = None
        self._reading_keep: tuple[int, int, int] | None = None  # (doc, sentence, y) to restore
        self._rows_token = 0
        self._pivot_token = 0
        self._leveling = False
        self.notes = NotesController(self)
        self.corrections = CorrectionsController(self)
        self.refiner = RefineController(self, matcher)
        self.finder = SearchController(self)
        self.copier = CopyController(self)
        self.articles = ArticlesController(self, matcher)
        start = ViewState(
            pivot=pivot,
            focused=pivot,
            furniture=furniture,
            tall_details=tall_details,
            exact=exact_search,
        )
        self.set_reactive(ComparisonScreen.state, start)

    # -- what tests and benchmarks read ------------------------------------
    @property
    def pivot(self) -> int:
        return self.state.pivot

    @property
    def focused_doc(self) -> int:
        return self.state.focused

    @property
    def view(self) -> str:
        return self.state.view

    @property
    def current_group(self) -> int | None:
        return self.state.group

    @property
    def reading_cursor(self) -> dict[int, int]:
        return dict(self.state.reading)

    @property
    def refined(self) -> bool:
        return self.refiner.refined

    @property
    def refine_status(self) -> str | None:
        return self.refiner.status

    @property
    def refine_seconds(self) -> float | None:
        return self.refiner.seconds

    # -- building --------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Static(id="top-bar")
        with ContentSwitcher(initial="aligned-pane", id="views"):
            with Vertical(id="aligned-pane"):
                yield PaneHeaders(id="headers")
                yield AlignedView(id="aligned")
            yield Horizontal(*self._reading_columns(), id="reading-pane")
        yield Static(id="progress")
        yield DetailsPanel(id="details")
        yield SearchBar(id="search-bar")
        yield Footer()

    def _reading_columns(self) -> list[Vertical]:
        return [
            Vertical(
                ReadingHeader(d, id=f"reading-header-{d}", classes="reading-header"),
                ReadingPane(d, id=f"reading-{d}"),
                id=f"column-{d}",
                classes="reading-column",
            )
            for d in range(len(self.documents))
        ]

    def on_mount(self) -> None:
        share_the_interpreter()
        self._started = time.perf_counter()
        self.query_one("#progress").display = False
        self.query_one(SearchBar).display = False
        self.query_one(DetailsPanel).show_message("Aligning sentences…")
        self.query_one(DetailsPanel).set_tall(self.state.tall_details)
        self._update_top_bar()
        self._update_headers()
        self.set_timer(PROGRESS_DELAY, self._show_progress)
        self.query_one(AlignedView).focus()
        self._align()

    def _show_progress(self) -> None:
        """Show how long aligning has taken; a light timer, so the worker keeps the CPU."""
        if self._draw_progress():
            self.set_timer(0.25, self._show_progress)

    def _draw_progress(self) -> bool:
        """The progress line as it stands; False once there is nothing left to wait for."""
        if self.aligned or self.align_failed:
            self.query_one("#progress").display = False
            return False
        elapsed = time.perf_counter() - self._started
        spinner = SPINNER[int(elapsed * 4) % len(SPINNER)]
        label = Text(f"{spinner} Aligning {len(self.documents)} articles… {elapsed:.1f} s")
        if self.preview:
            label.append(" · rows so far: sentences repeated word for word", "dim")
        progress = self.query_one("#progress", Static)
        progress.update(label)
        progress.display = True
        return True

    @work(thread=True, exclusive=True, group="align")
    def _align(self) -> None:
        """Run the engine, and build the rows, off the event loop."""
        started = time.perf_counter()
        state = self.state
        try:
            documents = [segment_document(d) for d in self.documents]
            if sum(len(d.sentences) for d in documents) >= PREVIEW_SENTENCES:
                preview = verbatim_preview(self.documents, state.pivot)
                self.post_message(PreviewReady(build_rows(preview, state, None)))
            comparison = compare_documents(
                self.documents,
                pivot=state.pivot,
                with_diffs=False,
                matcher=first_pass(self.refiner.matcher),
            )
            keep_heap_still()  # before the rows add their million objects
            rows = build_rows(comparison, state, None)
        except Exception as error:  # shown to the user, not swallowed
            self.post_message(AlignmentFailed(error))
            return
        self.post_message(AlignmentFinished(comparison, time.perf_counter() - started, rows))

    @on(AlignmentFailed)
    def _failed(self, message: AlignmentFailed) -> None:
        self.align_failed = True
        self.query_one("#progress").display = False
        message_text = f"Could not align the articles: {message.error}"
        self.query_one(DetailsPanel).show_message(message_text)

    @on(PreviewReady)
    def _previewed(self, message: PreviewReady) -> None:
        if self.rows is not None or self.align_failed:
            return  # the aligner was quicker
        self.preview = True
        self._install_rows(message.rows, "preview")
        # Rows on screen while the aligner runs: say so at once, or they read as its result.
        self._draw_progress()

    @on(AlignmentFinished)
    def _aligned(self, message: AlignmentFinished) -> None:
        self.align_seconds = message.seconds
        self.query_one("#progress").display = False
        keep_heap_still()
        previewed = self.preview  # until the aligner's rows are in (``_install_rows``)
        self.notes.open(message.comparison)
        shown = self.annotations.comparison if self.annotations else message.comparison
        # Rows built for the pivot the worker started with; the preview lets it change.
        rows = message.rows
        fits = rows is not None and (not previewed or rows.pivot == self.state.pivot)
        if shown is message.comparison and fits:
            self._install_rows(message.rows, "aligned")
        else:  # the reader's corrections regroup the machine's rows
            self.replace_rows(shown, "aligned")
        # After the first paint: the worker's imports hold the GIL for a while.
        self.call_after_refresh(self.refiner.start)
        self.call_after_refresh(self.finder.prefetch)

    @property
    def aligned(self) -> bool:
        """The aligner's rows are on screen: neither none yet nor the preview's."""
        return self.rows is not None and not self.preview

    # -- rows --------------------------------------------------------------
    def replace_rows(self, comparison: Comparison, reason: str) -> None:
        """Show ``comparison``'s rows in place of the current ones, keeping the reader's place.

        The only way rows change.  A large comparison's rows are built in a
        worker; the newest request wins.
        """
        self._rows_token += 1
        token = self._rows_token
        size = sum(len(d.sentences) for d in comparison.documents)
        if size <= SYNC_ROWS_SENTENCES:
            self._install_rows(build_rows(comparison, self.state, None), reason)
            return
        self.post_message(Busy("building rows", True))
        state = self.state

        def build() -> None:
            with one_at_a_time():
                rows = build_rows(comparison, state, None)
            self.post_message(RowsBuilt(rows, reason, token))

        self.run_worker(build, thread=True, exclusive=True, group="rows")

    @on(RowsBuilt)
    def _rows_built(self, message: RowsBuilt) -> None:
        self.post_message(Busy("building rows", False))
        if message.token == self._rows_token:
            self._install_rows(message.rows, message.reason)

    def _install_rows(self, rows: RowModel, reason: str) -> None:
        aligned = self.query_one(AlignedView)
        keep = None
        if self.rows is not None:
            focused_pane = self._reading_pane(self.state.focused)
            reading_y = focused_pane.cursor_screen_y() if self.state.view == READING else None
            place = capture(self.state, self.rows, aligned.cursor_y(), reading_y)
            state = restore(place, rows, self.state)
            if place.row_y is not None and state.group is not None:
                keep = (state.group, place.row_y)
            cursor = state.cursor(state.focused)
            if place.reading_y is not None and cursor is not None:
                self._reading_keep = (state.focused, cursor, place.reading_y)
        else:
            state = self.state
        self.rows = rows
        if reason == "aligned":
            self.preview = False  # the aligner's rows, at last
        keep_heap_still()
        aligned.set_rows(rows, self.tags)
        old = self.state
        new = self._settled(state)
        self.set_reactive(ComparisonScreen.state, new)
        self._show(old, new, rows_changed=True, keep=keep)
        self.post_message(RowsReplaced(reason, len(rows), rows.comparison))
        if not self.preview:  # the preview's pivots are not worth a worker beside the aligner
            self.call_after_refresh(self._prepare_pivots)

    # -- state ---------------------------------------------------------------
    def update(self, **changes) -> None:
        """Show the state with ``changes`` (``ViewState`` fields), made consistent."""
        self.state = self._settled(self.state.with_changes(**changes))

    def _settled(self, state: ViewState) -> ViewState:
        """``state`` made consistent with the rows: the pivot shown, the cursor on a row
        that is shown, reading cursors off collapsed furniture."""
        state = without_pivot_hidden(state, len(self.documents))
        rows = self.rows
        if rows is None:
            return state
        rows.configure(state.pivot, state.collapsed, frozenset(self.shown_docs(state)))
        group = state.group
        if not rows.order:
            group = None
        elif group is None or group >= len(rows.groups):  # the first row of the story
            group = next((g for g in rows.order if not rows.is_furniture(g)), rows.order[0])
        else:
            group = rows.order[rows.row_of_group[group]]
        if state.collapsed and state.reading:
            moved = tuple((d, nearest_shown(self.documents[d], s)) for d, s in state.reading)
            if moved != state.reading:
                state = state.with_changes(reading=moved)
        if group != state.group:
            state = state.with_changes(group=group)
        return state

    def watch_state(self, old: ViewState, new: ViewState) -> None:
        self._show(old, new)

    def _show(
        self,
        old: ViewState,
        new: ViewState,
        *,
        rows_changed: bool = False,
        keep: tuple[int, int] | None = None,
    ) -> None:
        """Bring every view in line with ``new`` (``old`` is what they show now)."""
        if new.view != old.view:
            self.query_one(ContentSwitcher).current = f"{new.view}-pane"
        rows = self.rows
        if rows is None:
            self._update_top_bar()
            self._update_headers()
            return
        aligned = self.query_one(AlignedView)
        shown = tuple(self.shown_docs(new))
        if rows_changed or shown != self._shown or rows.config != getattr(self, "_config", None):
            self._shown = shown
            self._config = rows.config
            row_y = aligned.cursor_y()
            if keep is None and row_y is not None and new.group is not None:
                keep = (new.group, row_y)  # the current row stays at the same height
            aligned.show(list(shown), keep=keep)
            for d in range(len(self.documents)):
                self.query_one(f"#column-{d}").display = d in shown
        if rows_changed or new.collapsed != old.collapsed:
            for pane in self.query(ReadingPane):
                pane.set_model(rows, new.collapsed)
        if rows_changed or (new.search, new.exact) != (old.search, old.exact):
            self.finder.show_hits(new)
        if new.tall_details != old.tall_details:
            self.query_one(DetailsPanel).set_tall(new.tall_details)
            self._selection = None  # the tall panel says more about the same row
        self._show_selection(new, force=rows_changed)
        self._update_top_bar()
        self._update_headers()
        if new.view != old.view:
            self.focus_view()
            if new.view == READING:
                self.call_after_refresh(self._level_panes)

    def _show_selection(self, state: ViewState, *, force: bool = False) -> None:
        rows = self.rows
        group = state.group
        if group is None:
            return
        aligned = self.query_one(AlignedView)
        aligned.move_cursor(group)
        cursor = state.cursor(state.focused) if state.view == READING else None
        row = rows.row_of_group.get(group, 0)
        selection = (group, row, state.focused, cursor, state.view, id(rows))
        if selection == self._selection and not force:
            return
        self._selection = selection
        self.query_one(DetailsPanel).show_row(rows, group, self.tags, state, self.annotations)
        if state.view == READING:
            self._highlight_reading(state)
            pane = self._reading_pane(state.focused)
            keep, self._reading_keep = self._reading_keep, None
            if keep is not None and keep[0] == state.focused:
                pane.scroll_sentence_to(keep[1], keep[2])  # the reader's place, exactly
            else:
                pane.keep_cursor_visible()
            self._level_panes(move_source=keep is None)
        self.post_message(SelectionChanged(group, row, state.focused, cursor))

    def _highlight_reading(self, state: ViewState) -> None:
        rows = self.rows
        group = rows.groups[state.group]
        focused = state.cursor(state.focused)
        for pane in self.query(ReadingPane):
            counterparts = set(group.sentences_of(pane.doc))
            if focused is not None and pane.doc != state.focused:
                # What the cursor sentence also matches outside its row counts too.
                counterparts.update(rows.linked_in(state.focused, focused, pane.doc))
            cursor = focused if pane.doc == state.focused else None
            pane.set_highlight(cursor, frozenset(counterparts) - {cursor})

    def focus_view(self) -> None:
        if self.state.view == ALIGNED:
            self.query_one(AlignedView).focus()
        else:
            self._reading_pane(self.state.focused).focus()

    def _reading_pane(self, doc: int) -> ReadingPane:
        return self.query_one(f"#reading-{doc}", ReadingPane)

    # -- work in the background ------------------------------------------------
    @on(Busy)
    def _on_busy(self, message: Busy) -> None:
        message.stop()
        self._busy(message.what, message.busy)

    def _busy(self, what: str, busy: bool) -> None:
        """Count work running off the event loop; the top bar shows it with a spinner."""
        count = self.busy.get(what, 0) + (1 if busy else -1)
        if count > 0:
            self.busy[what] = count
        else:
            self.busy.pop(what, None)
        if self.busy and self._busy_timer is None:
            self._busy_timer = self.set_interval(0.2, self._update_top_bar)
        elif not self.busy and self._busy_timer is not None:
            self._busy_timer.stop()
            self._busy_timer = None
        self._update_top_bar()

    # -- layout ----------------------------------------------------------
    def shown_docs(self, state: ViewState | None = None) -> list[int]:
        """Articles that get a pane: not hidden, and as many as the width allows."""
        state = state or self.state
        limit = 2 if state.narrow else fitting_count(self.size.width or 160)
        return choose_shown(len(self.documents), state.pivot, state.focused, state.hidden, limit)

    def on_resize(self) -> None:
        # Short terminals keep most of their rows for the articles themselves.
        self.query_one(DetailsPanel).set_room(self.size.height)
        if self.rows is not None:
            state = self._settled(self.state)
            self.set_reactive(ComparisonScreen.state, state)
            self._show(state, state)
            self.call_after_refresh(self._after_resize)

    def _after_resize(self) -> None:
        self._update_headers()
        if self.state.view == READING:
            self._level_panes()

    def _facts(self, doc: int) -> tuple[str, str]:
        """The header's facts about an article: a full and a short form."""
        count = len(self.documents[doc].sentences)
        if self.rows is None:
            return f"{self.tags[doc]} · aligning…", f"{self.tags[doc]} · aligning…"
        share = self.rows.matched_share(doc)
        furniture = len(self.documents[doc].furniture)
        full = f"{self.tags[doc]} · {count} sentences · {share:.0%} matched"
        short = f"{self.tags[doc]} · {count} sent. · {share:.0%}"
        if furniture:
            state = "collapsed" if self.state.collapsed else "shown"
            full += f" · {furniture} furniture {state}"
            short += f" · {furniture} furn."
        return full, short

    def _update_headers(self) -> None:
        aligned = self.query_one(AlignedView)
        state = self.state
        entries = [
            (
                col,
                self.names[col.doc],
                self._facts(col.doc),
                col.doc == state.focused,
                col.doc == state.pivot,
            )
            for col in aligned.layout_columns
            if col.doc < len(self.documents)
        ]
        self.query_one(PaneHeaders).set_entries(entries)
        for d in self.shown_docs():
            self.query_one(f"#reading-header-{d}", ReadingHeader).set_entry(
                self.names[d], self._facts(d), d == state.focused, d == state.pivot
            )

    def chrome_changed(self) -> None:
        self._update_top_bar()
        self._update_headers()

    def _update_top_bar(self) -> None:
        state = self.state
        bar = Text(no_wrap=True, overflow="ellipsis")
        bar.append(" sidebyside", "bold")
        bar.append(f"  pivot {state.pivot + 1} ({self.tags[state.pivot]}) · {state.view} view")
        if self.busy:
            spinner = SPINNER[int(time.perf_counter() * 5) % len(SPINNER)]
            bar.append(f" · {spinner} {', '.join(self.busy)}…", "bold reverse")
        bar.append_text(self.refiner.label())
        bar.append_text(self.corrections.filter_label())
        not_shown = [d for d in range(len(self.documents)) if d not in self.shown_docs()]
        if not_shown:
            bar.append(" · not shown: ", "bold")
            named = [f"{d + 1} {self.tags[d]}" for d in not_shown]
            if len(named) > 4:
                named = [*named[:3], f"{len(named) - 3} more"]
            bar.append(", ".join(named))
            bar.append(" (tab cycles · H shows all · w two panes)", "dim")
        # The counts last: at 80 columns the panes not shown matter more.
        bar.append(f" · {len(self.documents)} articles")
        if self.rows is not None:
            bar.append(f" · {len(self.rows)} rows")
        self.query_one("#top-bar", Static).update(bar, layout=False)

    # -- selection -------------------------------------------------------
    def select_group(self, group: int) -> None:
        """Make ``group``'s row current."""
        self.update(group=group)

    def select_sentence(self, member: Member) -> None:
        """Make ``member`` current: its row, and in the reading view its article's cursor."""
        rows = self.rows
        if rows is None or member not in rows.comparison.group_index:
            return
        group = rows.comparison.group_index[member]
        if self.state.view == READING:
            hidden = self.state.hidden - {member.doc}
            state = self.state.with_cursor(member.doc, member.sentence)
            self.state = self._settled(
                state.with_changes(focused=member.doc, hidden=hidden, group=group)
            )
            self.focus_view()
        else:
            self.update(group=group, focused=member.doc, hidden=self.state.hidden - {member.doc})

    def _set_reading_cursor(self, doc: int, sentence: int) -> None:
        if self.state.collapsed:
            sentence = nearest_shown(self.documents[doc], sentence)
        group = self.rows.comparison.group_index[Member(doc, sentence)]
        self.state = self._settled(self.state.with_cursor(doc, sentence).with_changes(group=group))

    def current_sentence(self, verb: str) -> Member | None:
        """The focused article's sentence in the current row (the cursor's in reading view)."""
        state = self.state
        if self.rows is None or state.group is None:
            self.app.bell()
            self.notify(f"You can {verb} sentences once the articles are aligned.", timeout=3)
            return None
        doc = state.focused
        cursor = state.cursor(doc)
        if state.view == READING and cursor is not None:
            return Member(doc, cursor)
        own = self.rows.groups[state.group].sentences_of(doc)
        if not own:
            self.app.bell()
            self.notify(
                f"{self.tags[doc]} has no sentence in this row: tab to an article that has one.",
                timeout=4,
                markup=False,
            )
            return None
        return Member(doc, min(own))

    # -- keeping the reading panes level -----------------------------------
    @on(ReadingPane.LaidOut)
    def _pane_laid_out(self, message: ReadingPane.LaidOut) -> None:
        state = self.state
        if self.rows is None or state.view != READING or state.group is None:
            return
        if message.doc == state.focused:  # the cursor can now be placed where it belongs
            self._highlight_reading(state)
            pane = self._reading_pane(message.doc)
            keep = self._reading_keep
            if keep is not None and keep[0] == message.doc:
                self._reading_keep = None
                pane.scroll_sentence_to(keep[1], keep[2])
            else:
                pane.keep_cursor_visible()
        self._level_panes(move_source=False)

    def _level_panes(self, source: int | None = None, *, move_source: bool = True) -> None:
        """Scroll every other reading pane so its counterpart sits level with the source's."""
        if self.rows is None or self._leveling or self.state.view != READING:
            return
        state = self.state
        source = state.focused if source is None else source
        pane = self._reading_pane(source)
        cursor = state.cursor(source)
        if source == state.focused and cursor is not None:
            anchor = cursor
            if not pane.first_line:
                return
            screen_y = pane.first_line.get(anchor, 0) - round(pane.scroll_y)
        else:
            anchor = pane.top_sentence()
            if anchor is None:
                return
            screen_y = pane.first_line[anchor] - round(pane.scroll_y)
        targets = []
        for other in self.query(ReadingPane):
            if other.doc == source or not other.display:
                continue
            target = self._counterpart(source, anchor, other.doc)
            if target is not None and target[0] in other.first_line:
                targets.append((other, target[0], target[1]))
        if move_source and source == state.focused and cursor is not None:
            # A counterpart that sits higher in its article than the cursor sentence in
            # its own cannot come down to it: the cursor's pane goes up to meet it.
            deficit = max(
                (screen_y - shift - other.first_line[s] for other, s, shift in targets),
                default=0,
            )
            if deficit > 0:
                screen_y = max(0, screen_y - deficit)
                pane.scroll_sentence_to(anchor, screen_y)
                screen_y = pane.first_line.get(anchor, 0) - round(pane.scroll_y)
        self._leveling = True
        try:
            for other, s, shift in targets:
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
        for s in range(sentence, max(-1, sentence - 200), -1):
            group = comparison.groups[comparison.group_index[Member(doc, s)]]
            found = group.sentences_of(other) or self.rows.linked_in(doc, s, other)
            if found:
                shift = pane.first_line.get(sentence, 0) - pane.first_line.get(s, 0)
                return min(found), shift
        return None

    # -- movement, shared by both views ---------------------------------
    def _sequence(self) -> tuple[list[int], int]:
        """Groups in the order the keys walk them, and where the cursor is."""
        rows, state = self.rows, self.state
        if state.view == ALIGNED:
            return rows.order, rows.row_of_group.get(state.group, 0)
        doc = state.focused
        return rows.groups_of_doc(doc), state.cursor(doc) or 0

    def _go(self, position: int) -> None:
        if self.rows is None:
            return
        groups, here = self._sequence()
        if not groups:
            return
        position = min(max(position, 0), len(groups) - 1)
        if self.state.view == ALIGNED:
            self.update(group=groups[position])
            return
        doc = self.state.focused
        if self.state.collapsed:
            step = -1 if position < here else 1
            position = nearest_shown(self.documents[doc], position, step)
        self._set_reading_cursor(doc, position)

    def _find(self, step: int, test) -> None:
        if self.rows is None:
            return
        rows = self.rows
        groups, here = self._sequence()
        furniture = self.documents[self.state.focused].furniture
        reading = self.state.view == READING
        k = here + step
        while 0 <= k < len(groups):
            g = groups[k]
            if not rows.is_furniture(g) and not (reading and k in furniture) and test(g):
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
        if self.state.view == ALIGNED:
            aligned = self.query_one(AlignedView)
            target = aligned.row_below_page() if direction > 0 else aligned.row_above_page()
            if target == aligned.cursor:
                target += direction
            self._go(target)
            return
        doc = self.state.focused
        pane = self._reading_pane(doc)
        cursor = self.state.cursor(doc) or 0
        line = pane.first_line.get(cursor, 0) + direction * pane.scrollable_content_region.height
        target = pane.sentence_at_line(max(0, line))
        if target is None or target == cursor:
            target = cursor + direction if line >= 0 else 0
        self._go(target)

    def action_next_divergence(self) -> None:
        if not self.finder.step(+1) and self.rows is not None:
            self._find(+1, self.corrections.divergence_test())

    def action_previous_divergence(self) -> None:
        if not self.finder.step(-1) and self.rows is not None:
            self._find(-1, self.corrections.divergence_test())

    def action_next_unique(self) -> None:
        if self.rows is not None:
            self._find(+1, lambda g: self.rows.only_in(g) is not None)

    def action_previous_unique(self) -> None:
        if self.rows is not None:
            self._find(-1, lambda g: self.rows.only_in(g) is not None)

    def action_jump_elsewhere(self) -> None:
        """To the row of a sentence linked to one of this row's sentences on screen from
        outside the row.  The focused article's links come first, then partners on
        screen (the next row down first); a partner in an article not shown comes into
        view, its pane focused, since the row it would fold into shows other sentences."""
        rows, state = self.rows, self.state
        if rows is None or state.group is None:
            self.app.bell()
            return
        docs = sorted(
            (d for d in rows.groups[state.group].docs if rows.on_screen(d)),
            key=lambda d: d != state.focused,
        )
        links = [t for d in docs for t in rows.elsewhere(state.group, d)]
        cursor = state.cursor(state.focused)
        reading = state.view == READING and cursor is not None
        if reading:  # the cursor sentence's own links: the cursor goes to their other end
            links = [t for t in links if t[0].other(t[1]) == Member(state.focused, cursor)]
        if not links:
            self.app.bell()
            said = (
                "No sentence of another row matches this one."
                if reading
                else "No sentence of this row also matches a sentence elsewhere."
            )
            self.notify(said, timeout=3)
            return
        here = rows.row_of_group.get(state.group, 0)
        seen = [t for t in links if rows.on_screen(t[1].doc)]
        after = [t for t in seen if rows.row_of_group.get(t[2], 0) > here]
        link, other, group = (after or seen or links)[0]
        if rows.on_screen(other.doc) and not reading:
            self.update(group=group)
        else:
            self.select_sentence(other)
        source = link.other(other)
        self.notify(
            f"{self.tags[source.doc]}'s sentence {source.sentence + 1} also matches "
            f"{self.tags[other.doc]}'s sentence {other.sentence + 1} ({link.kind}, "
            f"{link.score:.0%}): row {rows.row_of_group.get(group, 0) + 1}.",
            timeout=4,
            markup=False,
        )

    # -- panes -----------------------------------------------------------
    def _cycle_pane(self, step: int) -> None:
        state = self.state
        candidates = [d for d in range(len(self.documents)) if d not in state.hidden]
        k = candidates.index(state.focused) if state.focused in candidates else 0
        self._focus_doc(candidates[(k + step) % len(candidates)])

    def _focus_doc(self, doc: int) -> None:
        """Give ``doc``'s pane the focus; in the reading view, on the current row's sentence."""
        state = self.state.with_changes(focused=doc)
        if self.rows is not None and state.view == READING and state.group is not None:
            state = self._entering_reading(state)
        self.state = self._settled(state)
        if self.state.view == READING:
            self.focus_view()

    def _entering_reading(self, state: ViewState) -> ViewState:
        """``state`` with the focused article's cursor on the current row's sentence."""
        doc = state.focused
        if not self.documents[doc].sentences:
            return state
        own = self.rows.groups[state.group].sentences_of(doc)
        if own:
            sentence = min(own)
        elif state.cursor(doc) is not None:
            sentence = state.cursor(doc)
        else:
            sentence = self._reading_pane(doc).top_sentence() or 0
        if state.collapsed:
            sentence = nearest_shown(self.documents[doc], sentence)
        group = self.rows.comparison.group_index[Member(doc, sentence)]
        return state.with_cursor(doc, sentence).with_changes(group=group)

    def action_next_pane(self) -> None:
        self._cycle_pane(+1)

    def action_previous_pane(self) -> None:
        self._cycle_pane(-1)

    def action_pivot(self, doc: int) -> None:
        if doc >= len(self.documents):
            self.app.bell()
            self.notify(f"There are only {len(self.documents)} articles.", timeout=2)
            return
        rows = self.rows
        self._pivot_token += 1
        if rows is None or rows.has_pivot(doc) or not self._large(rows.comparison):
            self.update(pivot=doc, hidden=self.state.hidden - {doc})
            return
        # A new reading order for a large comparison: computed off the event loop, then
        # shown; the keys meanwhile work on the rows shown now.
        token = self._pivot_token
        what = f"ordering rows for pivot {doc + 1}"
        self.post_message(Busy(what, True))

        def order() -> None:
            try:
                with one_at_a_time():
                    rows.prepare_pivot(doc)
            finally:
                self.post_message(PivotReady(rows, doc, token, what))

        self.run_worker(order, thread=True, exclusive=True, group="pivot")

    @on(PivotReady)
    def _pivot_ready(self, message) -> None:
        self.post_message(Busy(message.what, False))
        if message.token == self._pivot_token and message.rows is self.rows:
            self.update(pivot=message.doc, hidden=self.state.hidden - {message.doc})

    def _large(self, comparison: Comparison) -> bool:
        return sum(len(d.sentences) for d in comparison.documents) > SYNC_ROWS_SENTENCES

    def _prepare_pivots(self) -> None:
        """Order the rows for every pivot in the background, so a digit key is instant."""
        rows = self.rows
        if rows is None or not self._large(rows.comparison):
            return

        def prepare() -> None:
            for doc in range(len(rows.documents)):
                if rows is not self.rows:
                    return  # other rows now: nobody needs these
                with one_at_a_time():
                    rows.prepare_pivot(doc)

        self.run_worker(prepare, thread=True, exclusive=True, group="pivots")

    def action_toggle_view(self) -> None:
        state = self.state
        if state.view == ALIGNED:
            state = state.with_changes(view=READING)
            if self.rows is not None and state.group is not None:
                state = self._entering_reading(state)
        else:
            state = state.with_changes(view=ALIGNED)
        self.state = self._settled(state)

    def action_hide_pane(self) -> None:
        state = self.state
        doc = state.focused
        if doc == state.pivot:
            self.app.bell()
            self.notify(
                "The pivot stays visible: make another article the pivot (1–9) first.",
                timeout=3,
            )
            return
        hidden = state.hidden | {doc}
        candidates = [d for d in range(len(self.documents)) if d not in hidden]
        focused = min(candidates, key=lambda d: (d <= doc, d))
        self.update(hidden=hidden)
        self._focus_doc(focused)

    def action_show_all_panes(self) -> None:
        self.update(hidden=frozenset(), narrow=False)

    def action_toggle_doc(self, doc: int) -> None:
        """Hide or show one article by number (from the command palette)."""
        state = self.state
        if doc in state.hidden:
            self.update(hidden=state.hidden - {doc})
        elif doc == state.pivot:
            self.app.bell()
            self.notify(
                "The pivot stays visible: make another article the pivot (1–9) first.",
                timeout=3,
            )
        else:
            focused = state.focused if state.focused != doc else state.pivot
            self.update(hidden=state.hidden | {doc}, focused=focused)

    def action_toggle_narrow(self) -> None:
        self.update(narrow=not self.state.narrow)

    def action_toggle_furniture(self) -> None:
        if not self.aligned:
            self.app.bell()
            self.notify("Furniture can be expanded once the articles are aligned.", timeout=3)
            return
        count = sum(len(d.furniture) for d in self.documents)
        if not count:
            self.app.bell()
            self.notify("No page furniture was found in these articles.", timeout=3)
            return
        collapse = not self.state.collapsed
        self.update(furniture=COLLAPSED if collapse else SHOWN)
        if collapse:
            self.notify(f"{count} furniture sentence(s) collapsed: f expands them.", timeout=3)
        else:
            self.notify(f"{count} furniture sentence(s) shown, dimmed: f collapses.", timeout=3)

    def action_toggle_details(self) -> None:
        self.update(tall_details=not self.state.tall_details)

    def action_toggle_theme(self) -> None:
        self.app.theme = "textual-light" if self.app.current_theme.dark else "textual-dark"

    def action_help(self) -> None:
        from sidebyside.app.help_screen import HelpScreen

        self.app.push_screen(HelpScreen(self.active_bindings))

    # -- the controllers' keys ---------------------------------------------
    def action_search(self) -> None:
        self.finder.open()

    def action_close_search(self) -> None:
        self.finder.close()

    def action_overview(self) -> None:
        self.corrections.overview()

    def action_link_sentence(self) -> None:
        self.corrections.link()

    def action_unlink_sentence(self) -> None:
        self.corrections.unlink()

    def action_divergence_filter(self, kind: str = "") -> None:
        self.corrections.set_filter(kind)

    def action_add_note(self) -> None:
        self.notes.add(one_sentence=self.state.view == READING)

    def action_add_sentence_note(self) -> None:
        self.notes.add(one_sentence=True)

    def action_notes_list(self) -> None:
        self.notes.show_list()

    def action_undo_delete_note(self) -> None:
        self.notes.undo_delete()

    def action_export_notes(self) -> None:
        self.notes.export()

    def action_copy_sentence(self) -> None:
        self.copier.sentence()

    def action_copy_row(self) -> None:
        self.copier.row()

    def action_copy_labels(self) -> None:
        self.copier.labels()

    def action_add_article(self) -> None:
        self.articles.add()

    def action_drop_article(self) -> None:
        self.articles.drop()

    def notes_changed(self) -> None:
        """The notes or corrections changed: markers, details, and the rows if regrouped."""
        notes = self.annotations
        if notes is None:
            return
        for warning in notes.take_warnings():
            self.notify(warning, severity="warning", timeout=10, markup=False)
        self.query_one(AlignedView).set_note_marks(notes)
        for pane in self.query(ReadingPane):
            pane.set_note_marks(notes)
        rows = self.rows
        if (
            rows is not None
            and notes.comparison is not rows.comparison
            and len(notes.comparison.documents) == len(self.documents)
        ):
            self.replace_rows(notes.comparison, "corrected")
            return
        if self.rows is not None and self.state.group is not None:
            self._selection = None
            self._show_selection(self.state)

    def set_documents(self, documents: list[Document], comparison: Comparison) -> None:
        """Another set of articles, aligned: panes for each, the state mapped onto them."""
        old_docs = self.documents
        mapping = {id(d): k for k, d in enumerate(documents)}
        keep = {k: mapping[id(d)] for k, d in enumerate(old_docs) if id(d) in mapping}
        state = self.state
        pivot = keep.get(state.pivot, 0)
        focused = keep.get(state.focused, pivot)
        added = [k for k in range(len(documents)) if k not in keep.values()]
        if len(added) == 1:
            focused = added[0]  # the article just added, on screen even where few panes fit
        reading = tuple((keep[d], s) for d, s in state.reading if d in keep)
        hidden = frozenset(keep[d] for d in state.hidden if d in keep)
        self.documents = documents
        self.tags = [short_tag(d, i) for i, d in enumerate(documents)]
        self.names = [display_name(d) for d in documents]
        self.rows = None
        self._shown = ()
        self._selection = None
        self.set_reactive(
            ComparisonScreen.state,
            state.with_changes(
                pivot=pivot, focused=focused, hidden=hidden, reading=reading, group=None
            ),
        )
        self.run_worker(self._install_documents(comparison), exclusive=True, group="panes")

    async def _install_documents(self, comparison: Comparison) -> None:
        """A reading pane per article, then the notes and rows of the new comparison."""
        reading_pane = self.query_one("#reading-pane", Horizontal)
        await reading_pane.remove_children()
        await reading_pane.mount_all(self._reading_columns())
        self.notes.reopen(comparison)
        shown = self.annotations.comparison if self.annotations else comparison
        self.replace_rows(shown, "articles changed")
        self.finder.index = None
        self.refiner.refined = False
        self.refiner.start()

    @on(ArticlesChanged)
    def _articles_changed(self, message: ArticlesChanged) -> None:
        self.articles.changed(message)

    # -- search messages -----------------------------------------------------
    @on(Input.Submitted, "#search-input")
    def _search_submitted(self, event: Input.Submitted) -> None:
        self.finder.submit(event.value)

    @on(SearchInput.ToggleExact)
    def _search_exact(self) -> None:
        self.finder.toggle_exact()

    @on(HitsFound)
    def _search_found(self, message: HitsFound) -> None:
        self.finder.found(message)

    # -- refinement messages -------------------------------------------------
    @on(RefineProgress)
    def _refine_progress(self, message: RefineProgress) -> None:
        self.refiner.progress(message)

    @on(RefineFailed)
    def _refine_failed(self, message: RefineFailed) -> None:
        self.refiner.failed(message)

    @on(RefineFinished)
    def _refine_finished(self, message: RefineFinished) -> None:
        self.refiner.finished(message)

    # -- mouse -----------------------------------------------------------
    @on(RowClicked)
    def _row_clicked(self, message: RowClicked) -> None:
        if self.rows is None:
            return
        focused = self.state.focused if message.doc is None else message.doc
        self.update(group=message.group, focused=focused)

    @on(SentenceClicked)
    def _sentence_clicked(self, message: SentenceClicked) -> None:
        if self.rows is None:
            return
        self.update(focused=message.doc)
        self._reading_pane(message.doc).focus()
        self._set_reading_cursor(message.doc, message.sentence)

    @on(PaneScrolled)
    def _pane_scrolled(self, message: PaneScrolled) -> None:
        if self.state.view == READING and not self._leveling:
            self._level_panes(source=message.doc)
