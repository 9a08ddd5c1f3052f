"""Messages the app's parts send each other; tests record them to see what happened."""

from __future__ import annotations

from textual.message import Message

from sidebyside.engine.model import Comparison


class AlignmentFinished(Message):
    """The engine finished; the comparison is ready to show."""

    def __init__(self, comparison: Comparison, seconds: float, rows=None) -> None:
        super().__init__()
        self.comparison = comparison
        self.seconds = seconds
        self.rows = rows  # the rows, built in the worker too


class PreviewReady(Message):
    """Rows of the sentences repeated word for word, to read while the aligner runs."""

    def __init__(self, rows) -> None:
        super().__init__()
        self.rows = rows


class RowsBuilt(Message):
    """A worker built rows for ``replace_rows`` (``token`` says for which request)."""

    bubble = False

    def __init__(self, rows, reason: str, token: int) -> None:
        super().__init__()
        self.rows = rows
        self.reason = reason
        self.token = token


class PivotReady(Message):
    """A worker ordered the rows for pivot ``doc`` (``token`` says for which key press)."""

    bubble = False

    def __init__(self, rows, doc: int, token: int, what: str) -> None:
        super().__init__()
        self.rows = rows
        self.doc = doc
        self.token = token
        self.what = what


class AlignmentFailed(Message):
    """The engine raised; the error is shown instead of rows."""

    def __init__(self, error: BaseException) -> None:
        super().__init__()
        self.error = error


class RowClicked(Message):
    """A click in the aligned view landed on a row (its group) and maybe an article's column."""

    def __init__(self, group: int, doc: int | None) -> None:
        super().__init__()
        self.group = group
        self.doc = doc


class SentenceClicked(Message):
    """A click in a reading pane landed on a sentence."""

    def __init__(self, doc: int, sentence: int) -> None:
        super().__init__()
        self.doc = doc
        self.sentence = sentence


class PaneScrolled(Message):
    """A reading pane scrolled on its own (wheel, scrollbar): the others should follow."""

    def __init__(self, doc: int) -> None:
        super().__init__()
        self.doc = doc


class SelectionChanged(Message):
    """The current row, the focused article or its cursor sentence changed.

    ``row`` is the row's number as shown (0-based), ``sentence`` the focused
    article's cursor sentence in the reading view (None in the aligned view).
    """

    def __init__(self, group: int, row: int, doc: int, sentence: int | None) -> None:
        super().__init__()
        self.group = group
        self.row = row
        self.doc = doc
        self.sentence = sentence


CurrentRowChanged = SelectionChanged  # the name the first tests knew it by


class RowsReplaced(Message):
    """The screen shows other rows now: a new alignment, a refined one, corrections,
    an article added or dropped.  ``reason`` says which; ``rows`` how many."""

    def __init__(self, reason: str, rows: int, comparison: Comparison) -> None:
        super().__init__()
        self.reason = reason
        self.rows = rows
        self.comparison = comparison


class Busy(Message):
    """Work on ``what`` started (``busy``) or ended off the event loop; the top bar says so."""

    def __init__(self, what: str, busy: bool) -> None:
        super().__init__()
        self.what = what
        self.busy = busy
