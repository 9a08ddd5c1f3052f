"""Entry point used by the command line: open the app over loaded articles."""

from __future__ import annotations

from sidebyside.engine.model import Document


def run_app(documents: list[Document], pivot: int = 0) -> int:
    """Run the app until the user quits; returns the exit status."""
    from sidebyside.app.app import SideBySideApp

    result = SideBySideApp(documents, pivot=pivot).run()
    return result if isinstance(result, int) else 0
