"""Messages the app's parts send each other; tests record them to see what happened."""

from __future__ import annotations

from textual.message import Message

from sidebyside.engine.model import Comparison


class AlignmentFinished(Message):
    """The engine finished; the comparison is ready to show."""

    def __init__(self, comparison: Comparison, seconds: float) -> None:
        super().__init__()
        self.comparison = comparison
        self.seconds = seconds


class AlignmentFailed(Message):
    """The engine raised; the error is shown instead of rows."""

    def __init__(self, error: BaseException) -> None:
        super().__init__()
        self.error = error


class RowClicked(Message):
    """A click in the aligned view landed on a row (and maybe an article's column)."""

    def __init__(self, row: int, doc: int | None) -> None:
        super().__init__()
        self.row = row
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


class CurrentRowChanged(Message):
    """The selected row (group of sentences) changed."""

    def __init__(self, group: int) -> None:
        super().__init__()
        self.group = group
