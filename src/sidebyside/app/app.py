"""The Textual application: theme, styles, command palette, and the comparison screen."""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Sequence
from typing import ClassVar

from textual import events
from textual.app import App, SystemCommand
from textual.content import Content
from textual.markup import MarkupError
from textual.notifications import SeverityLevel
from textual.screen import Screen

from sidebyside.app.annotations import NotesSettings
from sidebyside.app.commands import comparison_commands
from sidebyside.app.comparison_screen import ComparisonScreen
from sidebyside.app.settings import Settings
from sidebyside.app.state import COLLAPSED
from sidebyside.engine.model import Document
from sidebyside.engine.sanitize import one_line, visible_lines

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
        notices: Sequence[str] = (),
        settings: Settings | None = None,
    ) -> None:
        """``matcher``: a semantic matcher refines the rows in the background; None does not.
        ``notices``: what loading the articles had to warn about, shown at start.
        ``settings``: the reader's settings file, read (its problems become notices)."""
        super().__init__()
        self.leaving = False  # exit was asked for: input from here on is dropped
        self.settings = settings or Settings()
        self.notices = list(notices) + list(self.settings.problems)
        self.documents = documents
        self.matcher = matcher
        self.initial_pivot = pivot
        self.notes_settings = notes_settings
        self.theme = DEFAULT_THEME
        if self.settings.theme:
            if self.settings.theme in self.available_themes:
                self.theme = self.settings.theme
            else:
                known = ", ".join(sorted(self.available_themes))
                self.notices.append(
                    f"{self.settings.path}: theme: no theme {self.settings.theme!r} "
                    f"(known: {known})."
                )
        self._apply_keymap()

    def _apply_keymap(self) -> None:
        """The settings' keys, by binding id; an id no screen has is a notice, not a crash."""
        from sidebyside.app.bindings import all_binding_ids

        known = all_binding_ids()
        keymap = {}
        for binding_id, keys in self.settings.keys.items():
            if binding_id in known:
                keymap[binding_id] = keys
            else:
                self.notices.append(
                    f"{self.settings.path}: keys.{binding_id}: no binding has this id "
                    "(press ? for the keys; ids are in the README)."
                )
        if keymap:
            self.set_keymap(keymap)

    def get_default_screen(self) -> Screen:
        settings = self.settings
        return ComparisonScreen(
            self.documents,
            self.initial_pivot,
            self.notes_settings,
            matcher=self.matcher,
            furniture=settings.furniture or COLLAPSED,
            tall_details=settings.details == "tall",
            exact_search=settings.search == "exact",
        )

    def on_mount(self) -> None:
        for notice in self.notices:
            self.notify(notice, severity="warning", timeout=12)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Every notification, the app's and Textual's, as plain text on one line.

        Messages carry file names, server replies and article text: they are
        never markup, and their control characters and line breaks are shown
        as symbols instead of reaching the terminal.  A message sent as markup
        (Textual's own "Press [b]ctrl+q[/b]") keeps its words, not its tags, so
        no tag in it can run an action.
        """
        message = one_line(message)
        if markup:
            with contextlib.suppress(MarkupError):
                message = Content.from_markup(message).plain
        super().notify(
            message,
            title=one_line(title),
            severity=severity,
            timeout=timeout,
            markup=False,
        )

    def exit(self, *args, **kwargs) -> None:
        self.leaving = True
        super().exit(*args, **kwargs)

    async def run_action(self, action, default_namespace=None, namespaces=None) -> bool:
        # Keys typed after q in one burst ("qo") would open screens on an app already
        # shutting down, which cannot mount them: once quitting, no action runs.
        if self.leaving:
            return False
        return await super().run_action(action, default_namespace, namespaces)

    async def on_event(self, event: events.Event) -> None:
        if self.leaving and isinstance(event, (events.Key, events.MouseEvent, events.Paste)):
            return  # what comes in after quitting is nobody's to read
        # Pasted text is typed by no one: escapes in a clipboard must not reach a
        # widget that draws its value as it is (Input, TextArea).
        if isinstance(event, events.Paste) and not event.is_forwarded:
            event.text = visible_lines(event.text)
        await super().on_event(event)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from comparison_commands(screen)
        yield from super().get_system_commands(screen)
