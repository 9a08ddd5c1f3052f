"""Background refinement: the word-overlap alignment first, the embedding one when ready.

The first screen never waits for the model.  Once the lexical rows are
shown, a worker loads the semantic matcher, embeds every sentence (reporting
progress for the top bar) and aligns again; the screen then swaps the rows in
place, keeping the current sentence where it was.  A failure leaves the
lexical rows and says why.
"""

from __future__ import annotations

import gc
import time

from rich.text import Text
from textual import work
from textual.message import Message
from textual.worker import get_current_worker

from sidebyside.app.position import capture, restore
from sidebyside.app.reading_view import ReadingPane
from sidebyside.app.rows import RowModel
from sidebyside.engine.model import Comparison
from sidebyside.engine.pipeline import compare_documents


class RefineProgress(Message):
    """Sentences embedded so far (``done`` of ``total``); ``total`` 0 while aligning."""

    bubble = False  # for the screen only

    def __init__(self, done: int, total: int) -> None:
        super().__init__()
        self.done = done
        self.total = total


class RefineFinished(Message):
    """The refined comparison is ready to replace the shown one."""

    bubble = False  # for the screen only

    def __init__(self, comparison: Comparison, seconds: float) -> None:
        super().__init__()
        self.comparison = comparison
        self.seconds = seconds


class RefineFailed(Message):
    """Refining raised: the lexical rows stay."""

    bubble = False  # for the screen only

    def __init__(self, error: BaseException) -> None:
        super().__init__()
        self.error = error


class _Cancelled(Exception):
    """The screen went away: stop between batches instead of finishing for nobody."""


class RefineActions:
    """Refinement for ``ComparisonScreen``: started once the first rows are shown."""

    refine_matcher = None  # a matcher with ``prepare`` (semantic), or None for no refining
    refine_status: str | None = None  # what the top bar says while refining
    refine_seconds: float | None = None
    refined = False

    def _start_refining(self) -> None:
        matcher = self.refine_matcher
        if matcher is None or not hasattr(matcher, "prepare") or self.refined:
            return
        if self.refine_status is not None:
            return  # already under way
        self.refine_status = "refining with sentence embeddings…"
        self._update_top_bar()
        self._refine(matcher)

    @work(thread=True, exclusive=True, group="refine")
    def _refine(self, matcher) -> None:
        """Embed and align again off the event loop; the lexical rows stay usable meanwhile."""
        worker = get_current_worker()
        started = time.perf_counter()

        def progress(done: int, total: int) -> None:
            if worker.is_cancelled:
                raise _Cancelled
            self.post_message(RefineProgress(done, total))

        try:
            prepare = getattr(matcher, "prepare", None)
            if prepare is not None:
                prepare(self.documents, progress=progress)
            if worker.is_cancelled:
                return
            self.post_message(RefineProgress(0, 0))
            comparison = compare_documents(
                self.documents, pivot=self.pivot, with_diffs=False, matcher=matcher
            )
        except _Cancelled:
            return
        except Exception as error:  # shown to the user; the lexical rows stay
            self.post_message(RefineFailed(error))
            return
        self.post_message(RefineFinished(comparison, time.perf_counter() - started))

    def on_refine_progress(self, message: RefineProgress) -> None:
        if self.refined or self.refine_status is None:
            return
        if message.total:
            self.refine_status = f"refining with sentence embeddings {message.done}/{message.total}"
        else:
            self.refine_status = "refining: aligning with sentence embeddings…"
        self._update_top_bar()

    def on_refine_failed(self, message: RefineFailed) -> None:
        self.refine_status = None
        self._update_top_bar()
        self.notify(
            f"Could not refine with sentence embeddings ({message.error}); "
            "the word-overlap alignment stays.",
            severity="warning",
            timeout=10,
            markup=False,
        )

    def on_refine_finished(self, message: RefineFinished) -> None:
        """Swap the refined rows in, keeping the current sentence, view and scroll."""
        self.refine_status = None
        self.refined = True
        self.refine_seconds = message.seconds
        if self.rows is None:  # the lexical pass failed: show the refined rows as they are
            self._update_top_bar()
            return
        place = capture(self)
        rows = RowModel(message.comparison, self.pivot)
        self._apply_furniture(rows)
        self.rows = rows
        self.current_group = None
        gc.freeze()
        for pane in self.query(ReadingPane):
            pane.set_model(rows)
        self._relayout_panes()
        if self.annotations is not None:
            self.annotations.set_comparison(message.comparison)
            self._after_notes_change()
        restore(self, place)
        self.notify(f"Refined with sentence embeddings: {len(rows)} rows.", timeout=3)

    def _refine_label(self) -> Text:
        """The top bar's part about refinement: progress while it runs, then the matcher."""
        if self.refine_status is not None:
            return Text(f" · {self.refine_status}", "bold")
        if self.refined:
            return Text(" · semantic matching")
        return Text()
