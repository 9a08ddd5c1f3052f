"""Adding an article to the comparison, or dropping one, without leaving the app.

An article comes from a file, a web address, or text pasted in.  Loading and
aligning again run in a worker: the rows on screen stay usable meanwhile,
and when the new alignment lands the screen shows it with the reader's
place and every note kept (notes on a dropped article's sentences are kept
detached, and come back if it is added again).  A controller over the
comparison screen.
"""

from __future__ import annotations

import time
import warnings

from textual.message import Message

from sidebyside.app.host import ScreenHost
from sidebyside.app.messages import Busy
from sidebyside.app.prompts import AddArticlePrompt, ArticleSource, ConfirmDrop
from sidebyside.engine.loading import InputWarning, LoadError
from sidebyside.engine.matcher import first_pass
from sidebyside.engine.model import Comparison, Document
from sidebyside.engine.pipeline import compare_documents, load_documents, segment_document
from sidebyside.engine.titles import title

MIN_ARTICLES = 2


class ArticlesChanged(Message):
    """A worker aligned another set of articles."""

    bubble = False

    def __init__(
        self, documents: list[Document], comparison: Comparison, what: str, seconds: float
    ) -> None:
        super().__init__()
        self.documents = documents
        self.comparison = comparison
        self.what = what
        self.seconds = seconds


def pasted_document(text: str, number: int) -> Document:
    """An article from pasted text, named so its pane and notes can tell it apart."""
    return segment_document(Document(path=f"pasted-{number}.txt", text=text))


class ArticlesController:
    """The add and drop keys."""

    def __init__(self, host: ScreenHost, matcher=None) -> None:
        self.host = host
        self.matcher = matcher
        self.pasted = 0
        self.working = False

    def _ready(self) -> bool:
        host = self.host
        if not host.aligned:
            host.app.bell()
            host.notify("Articles can be added once the first alignment is done.", timeout=3)
            return False
        if self.working:
            host.app.bell()
            host.notify("The articles are being aligned again: one change at a time.", timeout=3)
            return False
        return True

    def add(self) -> None:
        if self._ready():
            self.host.app.push_screen(AddArticlePrompt(), self._add)

    def _add(self, source: ArticleSource | None) -> None:
        if source is None:
            return
        if not source.location:
            self.pasted += 1
        number = self.pasted
        self._realign(
            lambda: [*self.host.documents, self._load(source, number)],
            "added",
        )

    def _load(self, source: ArticleSource, number: int) -> Document:
        if not source.location:
            return pasted_document(source.text, number)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", InputWarning)
            (document,) = load_documents([source.location])
        for warning in caught:
            if issubclass(warning.category, InputWarning):
                self.host.notify(str(warning.message), severity="warning", timeout=10)
        return document

    def drop(self) -> None:
        if not self._ready():
            return
        host = self.host
        doc = host.state.focused
        if len(host.documents) <= MIN_ARTICLES:
            host.app.bell()
            host.notify("A comparison needs two articles: add another before dropping.")
            return
        name = f"{doc + 1} {host.tags[doc]} ({title(host.documents[doc])})"

        def answered(drop: bool | None) -> None:
            if drop:
                kept = [d for k, d in enumerate(host.documents) if k != doc]
                self._realign(lambda: kept, "dropped")

        host.app.push_screen(ConfirmDrop(name), answered)

    def _realign(self, documents, what: str) -> None:
        """Load (``documents()`` may read a file or the web) and align off the event loop."""
        host = self.host
        self.working = True
        host.post_message(Busy("aligning the articles again", True))
        pivot = host.state.pivot
        matcher = first_pass(self.matcher)

        def work() -> None:
            started = time.perf_counter()
            try:
                docs = documents()
                comparison = compare_documents(
                    docs, pivot=min(pivot, len(docs) - 1), with_diffs=False, matcher=matcher
                )
            except LoadError as error:
                host.notify(f"Could not add the article: {error}", severity="error", markup=False)
                host.post_message(ArticlesChanged([], None, "failed", 0.0))
                return
            except Exception as error:  # shown, not swallowed; the rows on screen stay
                host.notify(
                    f"Could not align the articles again: {error}", severity="error", markup=False
                )
                host.post_message(ArticlesChanged([], None, "failed", 0.0))
                return
            seconds = time.perf_counter() - started
            host.post_message(ArticlesChanged(docs, comparison, what, seconds))

        host.run_worker(work, thread=True, exclusive=True, group="articles")

    def changed(self, message: ArticlesChanged) -> None:
        host = self.host
        self.working = False
        host.post_message(Busy("aligning the articles again", False))
        if message.comparison is None:
            return
        before = len(host.documents)
        host.set_documents(message.documents, message.comparison)
        after = len(message.documents)
        what = "added" if after > before else "dropped"
        host.notify(
            f"Article {what}: {after} articles, aligned again in {message.seconds:.1f} s; "
            "notes kept.",
            timeout=5,
        )
