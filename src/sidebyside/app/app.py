"""The Textual application: theme, styles, command palette, and the comparison screen."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from textual.app import App, SystemCommand
from textual.screen import Screen

from sidebyside.app.annotations import NotesSettings
from sidebyside.app.commands import comparison_commands
from sidebyside.app.comparison_screen import ComparisonScreen
from sidebyside.engine.model import Document

DEFAULT_THEME = "textual-dark"


class SideBySideApp(App[int]):
    """Two or more articles side by side, sentences aligned, divergences highlighted."""

    CSS_PATH: ClassVar[list[str]] = ["app.tcss", "notes.tcss", "overview.tcss"]
    TITLE = "sidebyside"

    def __init__(
        self,
        documents: list[Document],
        pivot: int = 0,
        notes_settings: NotesSettings | None = None,
        matcher=None,
    ) -> None:
        """``matcher``: a semantic matcher refines the rows in the background; None does not."""
        super().__init__()
        self.documents = documents
        self.matcher = matcher
        self.initial_pivot = pivot
        self.notes_settings = notes_settings
        self.theme = DEFAULT_THEME

    def get_default_screen(self) -> Screen:
        return ComparisonScreen(
            self.documents, self.initial_pivot, self.notes_settings, matcher=self.matcher
        )

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from comparison_commands(screen)
        yield from super().get_system_commands(screen)
