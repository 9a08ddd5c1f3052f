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


# The help's sections, by binding id; a binding in none of them goes in the last one.
SECTIONS: list[tuple[str, tuple[str, ...]]] = [
    (
        "Moving",
        (
            "next-row",
            "previous-row",
            "page-down",
            "page-up",
            "first-row",
            "last-row",
            "next-divergence",
            "previous-divergence",
            "next-unique",
            "previous-unique",
            "jump-elsewhere",
        ),
    ),
    (
        "Articles and panes",
        (
            "next-pane",
            "previous-pane",
            "pivot",
            "toggle-view",
            "hide-pane",
            "show-all-panes",
            "narrow",
            "toggle-furniture",
            "toggle-details",
            "add-article",
            "drop-article",
        ),
    ),
    (
        "Checking",
        (
            "overview",
            "search",
            "close-search",
            "link-sentence",
            "unlink-sentence",
            "copy-sentence",
            "copy-row",
            "copy-labels",
        ),
    ),
    (
        "Notes",
        ("add-note", "add-sentence-note", "notes-list", "undo-delete-note", "export-notes"),
    ),
    ("The app", ("toggle-theme", "help", "quit", "palette")),
]


def key_rows(active: dict, display) -> list[tuple[str, str]]:
    """``(keys, what they do)`` for every binding, keys grouped by binding id."""
    return [row for _, rows in key_sections(active, display) for row in rows]


def key_sections(active: dict, display) -> list[tuple[str, list[tuple[str, str]]]]:
    """The help's sections, each with ``(keys, what they do)`` for its bindings."""
    keys_of: dict[str, list[str]] = {}
    for key, active_binding in active.items():
        binding = active_binding.binding
        keys_of.setdefault(binding.id or binding.action, []).append(display(binding, key))
    lines: dict[str, tuple[str, str]] = {}
    pivot_keys: list[str] = []  # the nine pivot keys share one line
    for binding in COMPARISON_BINDINGS:
        keys = keys_of.get(binding.id or binding.action)
        if keys and binding.action.startswith("pivot("):
            pivot_keys += keys
            lines["pivot"] = (" ".join(dict.fromkeys(pivot_keys)), PIVOT_HELP)
        elif keys:
            lines[binding.id or binding.action] = (
                " ".join(dict.fromkeys(keys)),
                binding.tooltip or binding.description,
            )
    lines["palette"] = ("ctrl+p", "Command palette: every action by name, and themes.")
    out = []
    placed: set[str] = set()
    for title, ids in SECTIONS:
        rows = [lines[i] for i in ids if i in lines]
        placed.update(ids)
        out.append((title, rows))
    rest = [line for i, line in lines.items() if i not in placed]
    if rest:
        out[-1][1].extend(rest)
    return out


def _table(sections: list[tuple[str, list[tuple[str, str]]]]) -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    for k, (title, rows) in enumerate(sections):
        if k:
            table.add_row(Text(""), Text(""))
        table.add_row(Text(title, "bold underline"), Text(""))
        for keys, text in rows:
            table.add_row(Text(keys), Text(text))
    return table


class HelpScreen(ModalScreen[None]):
    """Every key in two columns of sections; any of escape, q or ? closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "dismiss", "Close help", id="close-help"),
    ]

    def __init__(self, active_bindings: dict) -> None:
        super().__init__()
        self.active = active_bindings

    def _display(self, binding: Binding, key: str) -> str:
        return self.app.get_key_display(Binding(key, binding.action))

    def compose(self) -> ComposeResult:
        sections = key_sections(self.active, self._display)
        sections[-1][1].append(("", ""))
        sections[-1][1].extend(MOUSE_HELP)
        left, right = sections[:2], sections[2:]
        with Vertical(id="help-box"):
            yield Static(Text("Keys", style="bold"), id="help-title")
            with VerticalScroll(id="help-scroll"):
                yield Static(_table(left), id="help-table", classes="help-column")
                yield Static(_table(right), id="help-table-right", classes="help-column")
            yield Static(Text("escape, q or ? closes this"), id="help-hint")

    def on_resize(self) -> None:
        """Two columns where they fit, one below the other where they do not."""
        wide = self.size.width >= 150
        self.query_one("#help-scroll").set_class(wide, "-wide")

    def action_dismiss(self, result=None) -> None:
        self.dismiss(None)
