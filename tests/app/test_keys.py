"""Every key, as a user notices it: the screen's text, the theme, whether the app still runs.

These tests read only what a person sees (the details strip's "Row N of M",
the top bar, the pane headers, the rows' text and the reading view's cursor
marks) and messages the app posts, so they hold through any rewrite of the
screen's insides.
"""

from __future__ import annotations

import re

from conftest import drive, make_app, screen_text, seeds
from textual import events
from textual.notifications import Notify

from sidebyside.app.help_screen import HelpScreen
from sidebyside.app.messages import CurrentRowChanged

COLUMN = re.compile("[│▕]")  # between panes: aligned view, reading view


def row(app) -> int:
    """The current row, as the details strip says it."""
    found = re.search(r"Row (\d+) of (\d+)", screen_text(app))
    assert found, screen_text(app)
    return int(found[1])


def rows(app) -> int:
    return int(re.search(r"Row \d+ of (\d+)", screen_text(app))[1])


def top_bar(app) -> str:
    return screen_text(app).splitlines()[0]


def details(app) -> str:
    """The details strip: from "Row N of" to the footer."""
    text = screen_text(app)
    return text[text.index("Row ") :]


def flat(text: str) -> str:
    """``text`` with its line breaks and runs of spaces as single spaces."""
    return " ".join(text.split())


def differs(app) -> bool:
    """The details strip compares versions that are not word for word the same."""
    pairs = [line for line in details(app).splitlines() if " vs " in line]
    return bool(pairs) and not all("same words" in line for line in pairs)


def header_with(app, mark: str) -> int:
    """The number of the article whose pane header carries ``mark`` ("● focus", "◆ pivot")."""
    lines = screen_text(app).splitlines()
    (y,) = [y for y, line in enumerate(lines[:6]) if mark in line]
    column = len(COLUMN.findall(lines[y][: lines[y].index(mark)]))
    return int(re.search(r"\d+", COLUMN.split(lines[y - 1])[column])[0])


def toasts(messages: list) -> list[str]:
    return [str(m.notification.message) for m in messages if isinstance(m, Notify)]


def test_first_screen_shows_every_article_with_counts():
    app = make_app(seeds("000", "002"))

    async def scenario(pilot):
        text = screen_text(app)
        assert "Russia pushed Assad to flee Syria" in text  # 000's headline
        # 002 opens with a news ticker (page furniture); its headline comes after.
        assert "Bloomberg: Russia pushed Bashar al-Assad" in text
        assert re.search(r"000 · 27 sentences · \d+% matched", text)
        assert re.search(r"002 · 32 sentences · \d+% matched", text)
        assert row(app) == 2  # row 1 is 002's page furniture, collapsed: the story starts at 2
        assert header_with(app, "◆ pivot") == 1 and header_with(app, "● focus") == 1

    drive(app, scenario)


def test_j_k_arrows_move_one_row():
    app = make_app(seeds("000", "002"))

    async def scenario(pilot):
        start = row(app)
        await pilot.press("j", "j", "down")
        assert row(app) == start + 3
        await pilot.press("k", "up")
        assert row(app) == start + 1

    drive(app, scenario)


def test_page_down_up_home_end():
    app = make_app(seeds())

    async def scenario(pilot):
        last = rows(app)
        await pilot.press("pagedown")
        first_page = row(app)
        assert first_page > 2
        await pilot.press("pagedown")
        second_page = row(app)
        assert second_page > first_page
        await pilot.press("pageup")
        assert row(app) < second_page - 1  # a screenful back up, not one row
        await pilot.press("end")
        assert row(app) == last
        await pilot.press("home")
        assert row(app) == 1

    drive(app, scenario)


def test_n_goes_to_rows_whose_articles_differ():
    app = make_app(seeds("000", "002"))

    async def scenario(pilot):
        await pilot.press("n")
        first = row(app)
        assert first > 1 and differs(app)
        assert re.search(r"002 vs 000 · \d+% similar", details(app))
        await pilot.press("n")
        assert row(app) > first and differs(app)
        await pilot.press("N")
        assert row(app) == first

    drive(app, scenario)


def test_with_articles_not_shown_n_stops_only_where_the_panes_on_screen_differ():
    # At 80 columns two of five articles fit: a row where only articles not shown differ
    # would mark nothing, and a row compared with an article not shown would mark words
    # against text nobody sees.
    app = make_app(seeds())

    async def scenario(pilot):
        screen = app.screen_stack[0]
        landed = set()
        for _ in range(12):
            await pilot.press("n")
            await pilot.pause()
            rows, group = screen.rows, screen.state.group
            if group in landed:
                break
            landed.add(group)
            shown = [d for d in rows.groups[group].docs if d in screen.shown_docs()]
            assert len(shown) > 1, (row(app), rows.groups[group].docs)
            assert rows.reference(group) in shown
            assert any(rows.spans(group, d) for d in shown), row(app)

    drive(app, scenario, size=(80, 24))


def test_a_row_without_the_pivot_is_compared_with_its_first_article_on_screen():
    app = make_app(seeds())

    async def scenario(pilot):
        screen = app.screen_stack[0]
        rows = screen.rows
        # A row the pivot (000) lacks, whose first article, 001, the reader hides.
        group = next(
            g
            for g in rows.order
            if 0 not in rows.groups[g].docs
            and rows.groups[g].docs[0] == 1
            and rows.groups[g].is_shared
        )
        screen.update(hidden=frozenset({1}), group=group)
        await pilot.pause()
        ref = rows.reference(group)
        assert ref != 1 and ref in screen.shown_docs()
        # No words marked against text nobody sees: 001 is listed against it instead.
        assert not rows.spans(group, ref)
        assert f"001 vs {screen.tags[ref]}" in screen_text(app)

    drive(app, scenario, size=(220, 60))


def test_u_goes_to_sentences_in_one_article_only():
    app = make_app(seeds("000", "002"))

    async def scenario(pilot):
        await pilot.press("u")
        first = row(app)
        assert "only" in details(app)
        await pilot.press("u")
        second = row(app)
        assert second > first and "only" in details(app)
        await pilot.press("U")
        assert row(app) == first
        assert "only in this article" in screen_text(app)

    drive(app, scenario)


def test_russian_agents_row_shows_both_versions_and_the_added_word():
    app = make_app(seeds("000", "002"))

    async def scenario(pilot):
        await pilot.press("slash", *"flying Assad out", "enter", "escape")
        await pilot.pause()
        text = screen_text(app)
        assert "Russian intelligence agents organized the escape" in text  # 000's version
        assert "The officials said two Russian intelligence" in flat(text)  # 002's, same row
        assert re.search(r"Row \d+ of \d+ · in 000, 002", text)
        assert '[2] adds "two Russian intelligence agents"' in flat(details(app))

    drive(app, scenario)


def test_tab_moves_focus_between_panes_and_click_selects():
    app = make_app(seeds("000", "002"))

    async def scenario(pilot):
        assert header_with(app, "● focus") == 1
        await pilot.press("tab")
        assert header_with(app, "● focus") == 2
        await pilot.press("tab")
        assert header_with(app, "● focus") == 1
        await pilot.press("shift+tab")
        assert header_with(app, "● focus") == 2
        await pilot.press("shift+tab")
        lines = screen_text(app).splitlines()
        (y,) = [y for y, line in enumerate(lines) if re.match(r"[▶ ]\s+4 ", line)]
        x = lines[y].index("│") + 4  # inside the second article's column
        await pilot.click(offset=(x, y + 1))  # the row's first line of text
        await pilot.pause()
        assert row(app) == 4
        assert header_with(app, "● focus") == 2

    drive(app, scenario)


def test_digit_changes_the_pivot_and_reorders_rows():
    app = make_app(seeds())
    messages: list = []

    async def scenario(pilot):
        first_rows = screen_text(app).splitlines()[3:12]
        await pilot.press("3")
        assert "pivot 3 (002)" in top_bar(app)
        assert screen_text(app).splitlines()[3:12] != first_rows
        assert any(isinstance(m, CurrentRowChanged) for m in messages)
        del messages[:]
        await pilot.press("9")  # no ninth article: a message, nothing else
        assert "pivot 3 (002)" in top_bar(app)
        assert any("only 5 articles" in t for t in toasts(messages))

    drive(app, scenario, messages=messages)


def marked_lines(app, mark: str, pane: int) -> list[int]:
    """Lines where the reading view's ``pane`` (0: left) shows ``mark`` at its edge."""
    lines = screen_text(app).splitlines()[3:]
    return [
        y
        for y, line in enumerate(lines)
        if len(COLUMN.split(line)) > pane and COLUMN.split(line)[pane].startswith(mark)
    ]


def test_v_toggles_reading_view_with_linked_panes():
    app = make_app(seeds("000", "002"))

    async def scenario(pilot):
        await pilot.press("v")
        await pilot.pause()
        assert "reading view" in top_bar(app)
        for _ in range(12):
            await pilot.press("j")
        await pilot.pause()
        # The cursor sentence (▌) and its counterpart in the other pane (▎) sit level.
        cursor, counterpart = marked_lines(app, "▌", 0), marked_lines(app, "▎", 1)
        assert cursor and counterpart
        assert cursor[0] == counterpart[0]
        reading_row = row(app)
        await pilot.press("tab")
        assert header_with(app, "● focus") == 2
        await pilot.press("v")
        await pilot.pause()
        assert "aligned view" in top_bar(app)
        assert row(app) == reading_row

    drive(app, scenario)


def test_wheel_in_reading_view_scrolls_the_other_pane_along():
    app = make_app(seeds("000", "002"))

    def pane_text(side: int) -> list[str]:
        return [COLUMN.split(line)[side] for line in screen_text(app).splitlines()[3:30]]

    async def scenario(pilot):
        await pilot.press("v")
        await pilot.pause()
        left, right = pane_text(0), pane_text(1)
        pane, _ = app.get_widget_at(10, 10)
        for _ in range(6):
            pane.post_message(events.MouseScrollDown(pane, 10, 5, 0, 1, 0, False, False, False))
            await pilot.pause()
        assert pane_text(0) != left
        assert pane_text(1) != right

    drive(app, scenario)


def test_search_finds_hits_in_all_articles_and_escape_closes():
    app = make_app(seeds("000", "002"))

    async def scenario(pilot):
        start = row(app)
        await pilot.press("slash")
        assert "Search all articles" in screen_text(app)
        await pilot.press(*"TRANSPONDER")  # case-insensitive; letters do not trigger keys
        assert row(app) == start
        await pilot.press("enter")
        await pilot.pause()
        first = row(app)
        assert "transponder" in screen_text(app)
        assert "hit 1 of 2" in screen_text(app)
        await pilot.press("n")
        assert "hit 2 of 2" in screen_text(app)
        await pilot.press("escape")
        assert "Search all articles" not in screen_text(app)
        assert "hit 2 of 2" not in screen_text(app)
        await pilot.press("n")  # back to meaning "next divergence"
        assert row(app) != first and differs(app)

    drive(app, scenario)


def test_help_lists_every_key_and_follows_remaps():
    app = make_app(seeds("000", "002"))

    async def scenario(pilot):
        app.set_keymap({"next-divergence": "z"})
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        for words in ("Next row", "one article only", "pivot", "Search all articles", "Quit"):
            assert words in text
        assert re.search(r"│ z\s+Next row whose articles", text)
        await pilot.press("escape")
        assert "escape, q or ? closes this" not in screen_text(app)
        await pilot.press("z")
        assert row(app) > 1 and differs(app)

    drive(app, scenario)


def test_command_palette_lists_actions():
    app = make_app(seeds("000", "002"))

    async def scenario(pilot):
        titles = [c.title for c in app.get_system_commands(app.screen)]
        for wanted in ("Next row", "Switch between aligned rows", "Make article 2 (002) the pivot"):
            assert any(wanted in t for t in titles), wanted
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"pivot")
        await pilot.pause(0.3)
        assert "Make article" in screen_text(app)
        await pilot.press("escape")

    drive(app, scenario)


def test_five_articles_at_160_show_four_and_name_the_rest():
    app = make_app(seeds())

    async def scenario(pilot):
        assert "not shown: 5 004" in top_bar(app)
        await pilot.press("w")
        assert "not shown: 3 002, 4 003, 5 004" in top_bar(app)
        await pilot.press("w")
        await pilot.press("tab", "h")  # hide article 2
        assert "not shown: 2 001" in top_bar(app)
        await pilot.press("H")
        assert "2 001" not in top_bar(app)

    drive(app, scenario)


def test_the_pivot_mark_follows_the_digit():
    app = make_app(seeds("000", "002"))

    async def scenario(pilot):
        await pilot.press("2")
        assert header_with(app, "◆ pivot") == 2 and "pivot 2 (002)" in top_bar(app)
        await pilot.press("1")
        assert header_with(app, "◆ pivot") == 1

    drive(app, scenario)


def test_two_articles_fill_the_width():
    app = make_app(seeds("000", "002"))

    async def scenario(pilot):
        header = screen_text(app).splitlines()[1]
        assert len(COLUMN.findall(header)) == 1
        assert header.index("│") > 75  # two halves of 160 columns

    drive(app, scenario)


def test_pivot_cannot_be_hidden():
    app = make_app(seeds("000", "002"))
    messages: list = []

    async def scenario(pilot):
        await pilot.press("h")
        assert "not shown" not in top_bar(app)
        assert any("The pivot stays visible" in t for t in toasts(messages))

    drive(app, scenario, messages=messages)


def test_resize_to_80_columns_shows_pivot_and_focused_only():
    app = make_app(seeds())

    async def scenario(pilot):
        await pilot.press("tab", "tab")
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert "not shown: 2 001, 4 003, 5 004" in top_bar(app)
        await pilot.resize_terminal(160, 45)
        await pilot.pause()
        assert "not shown: 5 004" in top_bar(app)

    drive(app, scenario)


def test_theme_toggle_and_q_quits():
    app = make_app(seeds("000", "002"))

    async def scenario(pilot):
        await pilot.press("t")
        assert app.theme == "textual-light"
        assert "Russia pushed Assad" in screen_text(app)
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running  # inside the block: run_test closes the app after it

    drive(app, scenario)


def test_q_in_the_reading_view_quits_too():
    app = make_app(seeds("000", "002"))

    async def scenario(pilot):
        await pilot.press("v")
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running

    drive(app, scenario)


def test_ctrl_q_quits():
    app = make_app(seeds("000", "002"))

    async def scenario(pilot):
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not app.is_running

    drive(app, scenario)
