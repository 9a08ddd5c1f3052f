"""Entry point for the app (placeholder until the real app lands)."""

from __future__ import annotations

from sidebyside.engine.model import Document


def run_app(documents: list[Document], pivot: int = 0) -> int:
    from textual.app import App
    from textual.widgets import Static

    class _Placeholder(App):
        def compose(self):
            yield Static(f"{len(documents)} articles", markup=False)

    _Placeholder().run()
    return 0
