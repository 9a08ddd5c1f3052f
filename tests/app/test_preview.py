"""On a large set the first screen shows the sentences repeated word for word while the
aligner runs, says so, and keeps what needs the real rows until they are in."""

from __future__ import annotations

import asyncio
import threading

from conftest import SIZE, make_app, screen_text, versions

from sidebyside.app import comparison_screen
from sidebyside.app.messages import RowsReplaced


def test_the_preview_shows_repeats_at_once_and_gives_way_to_the_aligned_rows(monkeypatch):
    monkeypatch.setattr(comparison_screen, "PREVIEW_SENTENCES", 1)  # as if the set were large
    release = threading.Event()
    compare = comparison_screen.compare_documents

    def slow_compare(*args, **kwargs):
        release.wait(30)  # the aligner is still at work until the test lets it finish
        return compare(*args, **kwargs)

    monkeypatch.setattr(comparison_screen, "compare_documents", slow_compare)
    app = make_app(versions(3))

    async def main() -> None:
        async with app.run_test(size=SIZE) as pilot:
            screen = app.screen_stack[0]
            for _ in range(400):
                if screen.rows is not None:
                    break
                await pilot.pause(0.01)
            assert screen.preview
            assert screen.rows.comparison.matcher == "verbatim"
            shared = [g for g in screen.rows.groups if g.is_shared]
            assert shared, "the versions repeat sentences word for word"
            await pilot.pause()  # the progress line comes with the preview's rows, at once
            text = screen_text(app)
            assert "Row 1 of" in text
            assert "rows so far: sentences repeated word for word" in text
            await pilot.press("o")
            await pilot.pause()
            assert app.screen is screen, "no overview of the preview's rows"
            assert any("once the articles are aligned" in n.message for n in app._notifications)
            await pilot.press("j", "j")
            await pilot.pause()
            assert screen.state.group is not None
            release.set()
            for _ in range(1000):
                if not screen.preview:
                    break
                await pilot.pause(0.01)
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert not screen.preview
            assert screen.rows.comparison.matcher != "verbatim"
            assert "rows so far" not in screen_text(app)
            await pilot.press("o")
            await pilot.pause()
            assert app.screen is not screen, "the overview opens once the rows are aligned"

    asyncio.run(main())


def test_small_sets_show_the_aligned_rows_first():
    app = make_app(versions(3))
    replaced = []

    def hook(message) -> None:
        if isinstance(message, RowsReplaced):
            replaced.append(message.reason)

    async def main() -> None:
        async with app.run_test(size=SIZE, message_hook=hook) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            screen = app.screen_stack[0]
            assert replaced and set(replaced) == {"aligned"}
            assert not screen.preview
            assert screen.rows.comparison.matcher != "verbatim"

    asyncio.run(main())
