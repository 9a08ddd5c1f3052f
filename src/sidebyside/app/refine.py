"""Background refinement: the fast alignment first, the embedding one when ready.

The first screen never waits for the model.  Once the first rows are shown,
a worker loads the semantic matcher, embeds every sentence (reporting
progress for the top bar) and aligns again; the screen then replaces the
rows, keeping the current sentence where it was.  A failure leaves the first
rows and says why.  A controller over the comparison screen.
"""

from __future__ import annotations

import time

from rich.text import Text
from textual.message import Message
from textual.worker import get_current_worker

from sidebyside.app.host import ScreenHost
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
    """Refining raised: the first rows stay."""

    bubble = False  # for the screen only

    def __init__(self, error: BaseException) -> None:
        super().__init__()
        self.error = error


class _Cancelled(Exception):
    """The screen went away: stop between batches instead of finishing for nobody."""


class RefineController:
    """Refinement, started once the first rows are shown."""

    def __init__(self, host: ScreenHost, matcher=None) -> None:
        self.host = host
        self.matcher = matcher  # a matcher with ``prepare`` (semantic), or None for no refining
        self.status: str | None = None  # what the top bar says while refining
        self.seconds: float | None = None
        self.refined = False

    def start(self) -> None:
        matcher = self.matcher
        if matcher is None or not hasattr(matcher, "prepare") or self.refined:
            return
        if self.status is not None:
            return  # already under way
        self.status = "refining with sentence embeddings…"
        self.host.chrome_changed()
        documents = list(self.host.documents)
        pivot = self.host.state.pivot
        self.host.run_worker(
            lambda: self._refine(matcher, documents, pivot),
            thread=True,
            exclusive=True,
            group="refine",
        )

    def _refine(self, matcher, documents, pivot: int) -> None:
        """Embed and align again off the event loop; the first rows stay usable meanwhile."""
        worker = get_current_worker()
        host = self.host
        started = time.perf_counter()

        def progress(done: int, total: int) -> None:
            if worker.is_cancelled:
                raise _Cancelled
            host.post_message(RefineProgress(done, total))

        try:
            prepare = getattr(matcher, "prepare", None)
            if prepare is not None:
                prepare(documents, progress=progress)
            if worker.is_cancelled:
                return
            host.post_message(RefineProgress(0, 0))
            comparison = compare_documents(
                documents, pivot=pivot, with_diffs=False, matcher=matcher
            )
        except _Cancelled:
            return
        except Exception as error:  # shown to the user; the first rows stay
            host.post_message(RefineFailed(error))
            return
        host.post_message(RefineFinished(comparison, time.perf_counter() - started))

    def progress(self, message: RefineProgress) -> None:
        if self.refined or self.status is None:
            return
        if message.total:
            self.status = f"refining with sentence embeddings {message.done}/{message.total}"
        else:
            self.status = "refining: aligning with sentence embeddings…"
        self.host.chrome_changed()

    def failed(self, message: RefineFailed) -> None:
        self.status = None
        self.host.chrome_changed()
        self.host.notify(
            f"Could not refine with sentence embeddings ({message.error}); "
            "the first alignment stays.",
            severity="warning",
            timeout=10,
            markup=False,
        )

    def finished(self, message: RefineFinished) -> None:
        """Show the refined rows, keeping the current sentence, view and scroll."""
        host = self.host
        self.status = None
        self.refined = True
        self.seconds = message.seconds
        if message.comparison.documents != host.documents:
            host.chrome_changed()  # an article was added or dropped meanwhile: stale
            return
        if host.rows is None:  # the first pass failed: nothing to keep a place in
            host.chrome_changed()
            return
        comparison = message.comparison
        if host.annotations is not None:
            host.annotations.set_comparison(comparison)
            comparison = host.annotations.comparison
        host.replace_rows(comparison, "refined")
        host.notify(
            f"Refined with sentence embeddings: {len(comparison.groups)} groups.", timeout=3
        )

    def label(self) -> Text:
        """The top bar's part about refinement: progress while it runs, then the matcher."""
        if self.status is not None:
            return Text(f" · {self.status}", "bold")
        if self.refined:
            return Text(" · semantic matching")
        return Text()
