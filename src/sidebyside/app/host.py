"""What the comparison screen offers the controllers that handle its keys.

Notes, corrections, refinement, search, copying and adding articles each live
in a controller of their own.  A controller reads the screen's state and rows
and changes them only through this interface: a new state with ``update``,
other rows with ``replace_rows``.  Nothing else of the screen is theirs to
touch, so the screen's insides can change without breaking them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from textual.app import App
    from textual.message import Message
    from textual.timer import Timer
    from textual.worker import Worker

    from sidebyside.app.annotations import Annotations, NotesSettings
    from sidebyside.app.notes_actions import NotesController
    from sidebyside.app.rows import RowModel
    from sidebyside.app.state import ViewState
    from sidebyside.engine.model import Comparison, Document, Member


class ScreenHost(Protocol):
    """The comparison screen as its controllers see it."""

    app: App
    documents: list[Document]
    tags: list[str]
    names: list[str]
    rows: RowModel | None
    preview: bool  # the rows are the preview's (word-for-word repeats) while aligning
    aligned: bool  # the aligner's rows are on screen (``rows`` set, not the preview)
    annotations: Annotations | None
    notes_settings: NotesSettings
    notes: NotesController

    @property
    def state(self) -> ViewState: ...

    def update(self, **changes: Any) -> None:
        """Show a new state: ``changes`` are ``ViewState`` fields."""

    def replace_rows(self, comparison: Comparison, reason: str) -> None:
        """Show ``comparison``'s rows in place of the current ones, keeping the place."""

    def shown_docs(self, state: ViewState | None = None) -> list[int]: ...

    def current_sentence(self, verb: str) -> Member | None:
        """The focused article's sentence in the current row (the reading cursor's in the
        reading view), or None after telling the reader why there is none."""

    def select_sentence(self, member: Member) -> None:
        """Make ``member`` current in the view shown."""

    def notes_changed(self) -> None:
        """The notes (or corrections) changed: redraw markers, maybe rows."""

    def set_documents(self, documents: list[Document], comparison: Comparison) -> None:
        """Another set of articles (one added or dropped), already aligned."""

    def chrome_changed(self) -> None:
        """Something the top bar or headers show changed."""

    def focus_view(self) -> None:
        """Give the keyboard back to the view shown (after a bar or a dialog)."""

    def notify(self, message: str, **kwargs: Any) -> None: ...

    def query_one(self, selector: Any, expect_type: Any = None) -> Any: ...

    def query(self, selector: Any = None) -> Any: ...

    def post_message(self, message: Message) -> bool: ...

    def run_worker(self, work: Callable[[], Any], **kwargs: Any) -> Worker: ...

    def set_interval(self, interval: float, callback: Callable[[], Any]) -> Timer: ...
