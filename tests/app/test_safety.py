"""Article text is data: markup-looking text and escapes render literally and run nothing."""

from __future__ import annotations

from conftest import article, drive, make_app, screen_text

HOSTILE = (
    "Officials said [/] nothing more.\n"
    "A [bold]x marks the spot, they said.\n"
    "Click [@click=app.quit]q[/] to continue.\n"
    "Red \x1b[31malert\x1b[0m was raised [by Israel].\n"
)


def test_markup_and_escapes_render_literally_and_clicks_run_nothing():
    docs = [article("hostile.txt", HOSTILE), article("plain.txt", "Officials said nothing more.\n")]
    app = make_app(docs)

    async def scenario(pilot):
        text = screen_text(app)
        assert "[/] nothing more" in text
        assert "[bold]x marks" in text
        assert "[@click=app.quit]q[/]" in text
        assert "[by Israel]" in text
        assert "␛[31malert" in text  # ESC shown as a visible picture, not interpreted
        for y in range(4, 20):
            await pilot.click("#aligned", offset=(20, y))
        await pilot.press("v")
        for y in range(2, 10):
            await pilot.click("#reading-0", offset=(12, y))
        await pilot.pause()
        assert app.is_running
        assert "[@click=app.quit]q[/]" in screen_text(app)

    drive(app, scenario)


def test_seed_bracket_text_shows_verbatim():
    from conftest import seeds

    app = make_app(seeds("004", "000"))

    async def scenario(pilot):
        await pilot.press("slash")
        await pilot.press(*"by Israel")
        await pilot.press("enter")
        await pilot.pause()
        assert "[by Israel]" in screen_text(app)

    drive(app, scenario)
