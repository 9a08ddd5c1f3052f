"""Notifications are plain text on one line, whoever sends them and whatever they quote."""

from __future__ import annotations

from conftest import drive, make_app, seeds


def shown(app) -> list[tuple[str, str, bool]]:
    return [(n.message, n.title, n.markup) for n in app._notifications]


def test_a_notification_never_runs_markup_nor_sends_escapes():
    app = make_app(seeds("000", "002"))

    async def scenario(pilot):
        app.notify("Click [@click=app.quit]here[/] \x1b]0;PWNED\x07\nsecond line", title="a\x9bb")
        app.notify("Kept [@click=app.quit]as written[/]", markup=False)
        app.notify("Press [b]ctrl+q[/b] to quit")  # as Textual itself words one
        app.notify("Unbalanced [/] markup", markup=True)
        await pilot.pause()
        assert shown(app) == [
            ("Click here ␛]0;PWNED␇␊second line", "a\ufffdb", False),
            ("Kept [@click=app.quit]as written[/]", "", False),
            ("Press ctrl+q to quit", "", False),
            ("Unbalanced [/] markup", "", False),
        ]
        assert app.is_running

    drive(app, scenario)
