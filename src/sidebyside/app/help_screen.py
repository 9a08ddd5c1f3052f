"""The help screen: every key in effect, read from the live bindings so remaps show."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from sidebyside.app.bindings import COMPARISON_BINDINGS

PIVOT_HELP = "Make that article the pivot: rows follow its reading order."
MOUSE_HELP = [
    ("click", "Select the sentence (reading view) or row (aligned view) under the pointer."),
    ("wheel", "Scroll; in the reading view the other panes follow so they stay level."),
]


def key_rows(active: dict, display) -> list[tuple[str, str]]:
    """``(keys, what they do)`` for every binding, keys grouped by binding id."""
    keys_of: dict[str, list[str]] = {}
    for key, active_binding in active.items():
        binding = active_binding.binding
        keys_of.setdefault(binding.id or binding.action, []).append(display(binding, key))
    rows = []
    pivot_keys: list[str] = []  # the nine pivot keys share one line
    for binding in COMPARISON_BINDINGS:
        keys = keys_of.get(binding.id or binding.action)
        if keys and binding.action.startswith("pivot("):
            if not pivot_keys:
                rows.append(("", PIVOT_HELP))
                pivot_row = len(rows) - 1
            pivot_keys += keys
            rows[pivot_row] = (" ".join(dict.fromkeys(pivot_keys)), PIVOT_HELP)
        elif keys:
            rows.append((" ".join(dict.fromkeys(keys)), binding.tooltip or binding.description))
    rows.append(("ctrl+p", "Command palette: every action by name, and themes."))
    rows.append(("ctrl+q", "Quit."))
    return rows


class HelpScreen(ModalScreen[None]):
    """A table of keys; any of escape, q or ? closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "dismiss", "Close help", id="close-help"),
    ]

    def __init__(self, active_bindings: dict) -> None:
        super().__init__()
        self.active = active_bindings

    def _display(self, binding: Binding, key: str) -> str:
        return self.app.get_key_display(Binding(key, binding.action))

    def compose(self) -> ComposeResult:
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        for keys, text in key_rows(self.active, self._display):
            table.add_row(Text(keys), Text(text))
        table.add_row(Text(""), Text(""))
        for keys, text in MOUSE_HELP:
            table.add_row(Text(keys), Text(text))
        with Vertical(id="help-box"):
            yield Static(Text("Keys", style="bold"), id="help-title")
            with VerticalScroll():
                yield Static(table, id="help-table")
            yield Static(Text("escape, q or ? closes this"), id="help-hint")

    def action_dismiss(self, result=None) -> None:
        self.dismiss(None)
