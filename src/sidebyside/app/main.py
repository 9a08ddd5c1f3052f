"""Entry point used by the command line: open the app over loaded articles."""

from __future__ import annotations

from sidebyside.engine.model import Document


def run_app(
    documents: list[Document],
    pivot: int = 0,
    *,
    data_dir: str | None = None,
    notes_file: str | None = None,
    matcher=None,
) -> int:
    """Run the app until the user quits; returns the exit status.

    ``data_dir`` moves the notes store; ``notes_file`` is a Markdown file the
    notes are read from at start and written to on every change.  ``matcher``:
    a semantic matcher refines the first, word-overlap rows in the background.
    """
    from sidebyside.app.annotations import NotesSettings
    from sidebyside.app.app import SideBySideApp

    settings = NotesSettings(data_dir=data_dir, notes_file=notes_file)
    app = SideBySideApp(documents, pivot=pivot, notes_settings=settings, matcher=matcher)
    result = app.run()
    return result if isinstance(result, int) else 0
