"""Adding and dropping articles inside the app: aligned again in the background, notes kept."""

from __future__ import annotations

import re

from conftest import SEED_PATHS, drive, make_app, screen_text, seeds
from textual.notifications import Notify
from textual.widgets import Input, TextArea

from sidebyside.app.messages import RowsReplaced
from sidebyside.app.prompts import AddArticlePrompt, ConfirmDrop


def main_screen(app):
    return app.screen_stack[0]


def toasts(messages: list) -> list[str]:
    return [str(m.notification.message) for m in messages if isinstance(m, Notify)]


def top_bar(app) -> str:
    return screen_text(app).splitlines()[0]


async def note(pilot, text: str) -> None:
    await pilot.press("a", *text, "ctrl+s")
    await pilot.pause()


async def settle(pilot) -> None:
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


async def add(pilot, location: str = "", text: str = "") -> None:
    await pilot.press("plus")
    await pilot.pause()
    prompt = pilot.app.screen
    assert isinstance(prompt, AddArticlePrompt)
    if location:
        prompt.query_one("#article-location", Input).value = location
    if text:
        prompt.query_one("#article-text", TextArea).text = text
    await pilot.press("ctrl+s")
    await settle(pilot)


def test_plus_adds_an_article_from_a_file_aligns_again_and_keeps_the_notes():
    app = make_app(seeds("000", "002"))
    messages: list = []

    async def scenario(pilot):
        screen = main_screen(app)
        await note(pilot, "kept across the change")
        assert "2 articles" in top_bar(app)
        del messages[:]
        await add(pilot, location=SEED_PATHS["001"])
        assert "3 articles" in top_bar(app)
        assert "3 Russia arranged for Syrian president" in screen_text(app)
        assert [m.reason for m in messages if isinstance(m, RowsReplaced)][-1:] == [
            "articles changed"
        ]
        assert any("Article added: 3 articles" in t and "notes kept" in t for t in toasts(messages))
        (kept,) = screen.annotations.notes
        assert kept.text == "kept across the change"
        assert screen.annotations.places[kept.id] is not None  # still on its row
        assert "✎" in screen_text(app)

    drive(app, scenario, messages=messages)


def test_where_few_panes_fit_the_article_just_added_is_the_one_shown_beside_the_pivot():
    app = make_app(seeds("000", "002"))

    async def scenario(pilot):
        screen = main_screen(app)
        await add(pilot, location=SEED_PATHS["001"])
        added = next(k for k, d in enumerate(screen.documents) if d.path == SEED_PATHS["001"])
        assert screen.state.focused == added
        assert added in screen.shown_docs() and 0 in screen.shown_docs()
        assert "not shown:" in top_bar(app) and f"{added + 1} 001" not in top_bar(app)

    drive(app, scenario, size=(80, 24))


def test_pasted_text_is_an_article_too():
    app = make_app(seeds("000", "002"))

    async def scenario(pilot):
        await add(pilot, text="Russian intelligence agents organized the escape, officials said.")
        assert "3 articles" in top_bar(app)
        assert "pasted-1" in screen_text(app)

    drive(app, scenario)


def test_a_file_that_cannot_be_read_leaves_the_articles_as_they_were(tmp_path):
    app = make_app(seeds("000", "002"))
    messages: list = []

    async def scenario(pilot):
        await add(pilot, location=str(tmp_path / "missing.txt"))
        assert "2 articles" in top_bar(app)
        assert any(t.startswith("Could not add the article:") for t in toasts(messages))

    drive(app, scenario, messages=messages)


def test_minus_drops_the_focused_article_after_asking_and_keeps_the_notes():
    app = make_app(seeds("000", "001", "002"))
    messages: list = []

    async def scenario(pilot):
        screen = main_screen(app)
        await note(pilot, "on the pivot's row")
        await pilot.press("tab", "minus")  # article 2 (001) has the focus
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDrop)
        assert "Drop 2 001" in screen_text(app)
        await pilot.press("n")  # kept
        await pilot.pause()
        assert "3 articles" in top_bar(app)
        await pilot.press("minus", "y")
        await settle(pilot)
        assert "2 articles" in top_bar(app)
        assert "001" not in re.sub(r"pivot 1 \(000\)", "", screen_text(app).splitlines()[1])
        assert [d.name[:3] for d in screen.documents] == ["000", "002"]
        (kept,) = screen.annotations.notes
        assert kept.text == "on the pivot's row"
        await pilot.press("minus")  # two left: a comparison needs both
        await pilot.pause()
        assert any("needs two articles" in t for t in toasts(messages))

    drive(app, scenario, messages=messages)
