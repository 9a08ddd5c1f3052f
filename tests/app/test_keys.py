"""Every key, as a user notices it: the current row, panes shown, the details strip."""

from __future__ import annotations

from conftest import drive, make_app, screen_text, seeds
from textual import events

from sidebyside.app.aligned_view import AlignedView
from sidebyside.app.comparison_screen import ComparisonScreen
from sidebyside.app.help_screen import HelpScreen
from sidebyside.app.messages import CurrentRowChanged
from sidebyside.app.reading_view import ReadingPane


def main_screen(app) -> ComparisonScreen:
    return app.screen_stack[0]


def row(app) -> int:
    return app.screen_stack[0].query_one(AlignedView).cursor


def details(app) -> str:
    return str(app.screen_stack[0].query_one("#details").content)


def test_first_screen_shows_every_article_with_counts():
    app = make_app(seeds("000", "002"))

    async def scenario(pilot):
        text = screen_text(app)
        assert "Russia pushed Assad to flee Syria" in text  # 000's headline
        # 002 opens with a news ticker (page furniture); its headline comes after.
        assert "Bloomberg: Russia pushed Bashar al-Assad" in text
        assert "sentences" in text and "matched" in text
        assert row(app) == 0
        assert "Row 1 of" in details(app)

    drive(app, scenario)


def test_j_k_arrows_move_one_row():
    app = make_app(seeds("000", "002"))

    async def scenario(pilot):
        await pilot.press("j", "j", "down")
        assert row(app) == 3
        await pilot.press("k", "up")
        assert row(app) == 1
        assert "Row 2 of" in details(app)

    drive(app, scenario)


def test_page_down_up_home_end():
    app = make_app(seeds())

    async def scenario(pilot):
        screen = main_screen(app)
        last = len(screen.rows) - 1
        await pilot.press("pagedown")
        first_page = row(app)
        assert first_page > 1
        await pilot.press("pagedown")
        assert row(app) > first_page
        await pilot.press("pageup")
        assert row(app) < first_page + (first_page or 1) and row(app) >= 0
        await pilot.press("end")
        assert row(app) == last
        assert f"Row {last + 1} of" in details(app)
        await pilot.press("home")
        assert row(app) == 0

    drive(app, scenario)


def test_n_goes_to_rows_whose_articles_differ():
    app = make_app(seeds("000", "002"))

    async def scenario(pilot):
        screen = main_screen(app)
        await pilot.press("n")
        first = row(app)
        group = screen.rows.order[first]
        assert screen.rows.differs(group)
        assert " vs " in details(app) and "similar" in details(app)
        await pilot.press("n")
        assert row(app) > first
        await pilot.press("N")
        assert row(app) == first

    drive(app, scenario)


def test_u_goes_to_sentences_in_one_article_only():
    app = make_app(seeds("000", "002"))

    async def scenario(pilot):
        screen = main_screen(app)
        await pilot.press("u")
        first = row(app)
        assert screen.rows.only_in(screen.rows.order[first]) is not None
        assert "only" in details(app)
        await pilot.press("u")
        second = row(app)
        assert second > first
        await pilot.press("U")
        assert row(app) == first
        assert "only in this article" in screen_text(app)

    drive(app, scenario)


def test_russian_agents_row_shows_both_versions_and_the_added_word():
    app = make_app(seeds("000", "002"))

    async def scenario(pilot):
        screen = main_screen(app)
        for _ in range(len(screen.rows)):
            if "two Russian intelligence agents" in screen_text(app).replace("\n", " "):
                break
            await pilot.press("j")
        text = screen_text(app)
        assert "Russian intelligence agents organized the escape" in text
        assert "two Russian" in text

    drive(app, scenario)


def test_tab_moves_focus_between_panes_and_click_selects():
    app = make_app(seeds("000", "001", "002"))

    async def scenario(pilot):
        screen = main_screen(app)
        assert screen.focused_doc == 0
        await pilot.press("tab")
        assert screen.focused_doc == 1
        await pilot.press("tab", "tab")
        assert screen.focused_doc == 0
        await pilot.press("shift+tab")
        assert screen.focused_doc == 2
        view = screen.query_one(AlignedView)
        col = view.layout_columns[1]
        await pilot.click("#aligned", offset=(col.x + 2, view.offsets.start_of(3) + 1))
        assert row(app) == 3
        assert screen.focused_doc == 1

    drive(app, scenario)


def test_digit_changes_the_pivot_and_reorders_rows():
    app = make_app(seeds())
    messages: list = []

    async def scenario(pilot):
        screen = main_screen(app)
        before = list(screen.rows.order)
        await pilot.press("3")
        assert screen.pivot == 2
        assert screen.rows.order != before
        assert "pivot 3 (002)" in screen_text(app)
        pivot_rows = [g for g in screen.rows.order if 2 in screen.rows.groups[g].docs]
        firsts = [min(screen.rows.groups[g].sentences_of(2)) for g in pivot_rows]
        assert firsts == sorted(firsts)  # rows follow the new pivot's reading order
        await pilot.press("9")  # no ninth article: nothing breaks
        assert screen.pivot == 2

    drive(app, scenario, messages=messages)
    assert any(isinstance(m, CurrentRowChanged) for m in messages)


def test_v_toggles_reading_view_with_linked_panes():
    app = make_app(seeds("000", "002"))

    async def scenario(pilot):
        screen = main_screen(app)
        await pilot.press("v")
        await pilot.pause()
        assert screen.view == "reading"
        assert "reading view" in screen_text(app)
        pane0 = screen.query_one("#reading-0", ReadingPane)
        pane2 = screen.query_one("#reading-1", ReadingPane)
        assert app.focused is pane0
        for _ in range(12):
            await pilot.press("j")
        await pilot.pause()
        cursor = screen.reading_cursor[0]
        assert cursor == 12
        group = screen.rows.comparison.group_of(0, cursor)
        if 1 in group.docs:
            counterpart = min(group.sentences_of(1))
            assert counterpart in pane2.highlighted
            level0 = pane0.first_line[cursor] - round(pane0.scroll_y)
            level2 = pane2.first_line[counterpart] - round(pane2.scroll_y)
            assert level0 == level2 or pane2.scroll_y in (0, pane2.max_scroll_y)
        await pilot.press("tab")
        assert screen.focused_doc == 1 and app.focused is pane2
        await pilot.press("v")
        assert screen.view == "aligned"
        assert screen.rows.order[row(app)] == screen.current_group

    drive(app, scenario)


def test_wheel_in_reading_view_scrolls_the_other_pane_along():
    app = make_app(seeds("000", "002"))

    async def scenario(pilot):
        screen = main_screen(app)
        await pilot.press("v")
        await pilot.pause()
        pane0 = screen.query_one("#reading-0", ReadingPane)
        pane1 = screen.query_one("#reading-1", ReadingPane)
        before = pane1.scroll_y
        for _ in range(6):
            pane0.post_message(events.MouseScrollDown(pane0, 10, 5, 0, 1, 0, False, False, False))
            await pilot.pause()
        assert pane0.scroll_y > 0
        assert pane1.scroll_y != before

    drive(app, scenario)


def test_search_finds_hits_in_all_articles_and_escape_closes():
    app = make_app(seeds("000", "002"))

    async def scenario(pilot):
        screen = main_screen(app)
        await pilot.press("slash")
        assert screen.query_one("#search-bar").display
        await pilot.press(*"TRANSPONDER")  # case-insensitive; letters do not trigger keys
        assert row(app) == 0
        await pilot.press("enter")
        await pilot.pause()
        assert len(screen.hits) == 2
        first = row(app)
        assert "transponder" in screen_text(app)
        assert "hit 1 of 2" in screen_text(app)
        await pilot.press("n")
        assert "hit 2 of 2" in screen_text(app)
        await pilot.press("escape")
        assert not screen.query_one("#search-bar").display
        assert screen.search_text == ""
        await pilot.press("n")  # back to meaning "next divergence"
        assert row(app) != first or screen.rows.differs(screen.rows.order[first])

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
        assert "z " in text
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)
        await pilot.press("z")
        assert main_screen(app).rows.differs(main_screen(app).current_group)

    drive(app, scenario)


def test_command_palette_lists_actions():
    app = make_app(seeds("000", "002"))

    async def scenario(pilot):
        screen = main_screen(app)
        titles = [c.title for c in app.get_system_commands(screen)]
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
        screen = main_screen(app)
        shown = screen.shown_docs()
        assert len(shown) == 4 and 0 in shown
        assert "not shown: 5 004" in screen_text(app)
        await pilot.press("w")
        assert screen.shown_docs() == [0, 1]
        await pilot.press("w")
        await pilot.press("tab", "h")  # hide article 2
        assert 1 not in screen.shown_docs()
        assert screen.focused_doc == 2
        assert "4 Stay up to date" in screen_text(app) or 4 in screen.shown_docs()
        await pilot.press("shift+tab")
        await pilot.press("H")
        assert 1 in screen.shown_docs()

    drive(app, scenario)


def test_two_articles_fill_the_width():
    app = make_app(seeds("000", "002"))

    async def scenario(pilot):
        view = main_screen(app).query_one(AlignedView)
        assert [c.doc for c in view.layout_columns] == [0, 1]
        assert view.layout_columns[0].width > 70

    drive(app, scenario)


def test_pivot_cannot_be_hidden():
    app = make_app(seeds("000", "002"))

    async def scenario(pilot):
        await pilot.press("h")
        assert main_screen(app).shown_docs() == [0, 1]

    drive(app, scenario)


def test_resize_to_80_columns_shows_pivot_and_focused_only():
    app = make_app(seeds())

    async def scenario(pilot):
        screen = main_screen(app)
        await pilot.press("tab", "tab")
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert screen.shown_docs() == [0, 2]
        text = screen_text(app)
        assert "not shown" in text
        await pilot.resize_terminal(160, 45)
        await pilot.pause()
        assert len(screen.shown_docs()) == 4

    drive(app, scenario)


def test_theme_toggle_and_quit():
    app = make_app(seeds("000", "002"))

    async def scenario(pilot):
        await pilot.press("t")
        assert app.theme == "textual-light"
        assert "Russia pushed Assad" in screen_text(app)
        await pilot.press("q")

    drive(app, scenario)
    assert not app.is_running


def test_ctrl_q_quits():
    app = make_app(seeds("000", "002"))

    async def scenario(pilot):
        await pilot.press("ctrl+q")

    drive(app, scenario)
    assert not app.is_running
