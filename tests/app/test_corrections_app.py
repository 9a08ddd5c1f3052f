"""Labels, the kind filter, the overview, and linking or unlinking sentences by hand."""

from __future__ import annotations

import re

from conftest import SIZE, drive, make_app, screen_text, seeds, versions
from steady import pressing

from sidebyside.app.kinds import kind_index
from sidebyside.app.link_mode import LinkPicker
from sidebyside.app.overview_screen import CELL_HEIGHT, OverviewScreen, PairMatrix
from sidebyside.engine.model import Member


def main_screen(app):
    return app.screen_stack[0]


def details(app) -> str:
    return str(main_screen(app).query_one("#details").content)


def top_bar(app) -> str:
    return str(main_screen(app).query_one("#top-bar").content)


def first_row_with(screen, kind: str) -> int:
    index = kind_index(screen.rows)
    return next(g for g in screen.rows.order if kind in index.kinds(g))


def test_details_strip_labels_the_current_rows_divergences():
    app = make_app(seeds("000", "002"))

    async def scenario(pilot):
        screen = main_screen(app)
        screen.select_group(first_row_with(screen, "number"))
        await pilot.pause()
        assert "Labels:" in details(app)
        assert "[# number]" in details(app)

    drive(app, scenario)


def test_a_kind_filter_limits_n_and_shows_in_the_top_bar():
    app = make_app(seeds("000", "002"))

    async def scenario(pilot):
        screen = main_screen(app)
        await screen.run_action("divergence_filter('attribution')")
        await pilot.pause()
        assert "attributions only" in top_bar(app)
        index = kind_index(screen.rows)
        seen = []
        for _ in range(3):
            await pilot.press("n")
            seen.append(screen.current_group)
        assert all("attribution" in index.kinds(g) for g in seen)
        await screen.run_action("divergence_filter('')")
        await pilot.pause()
        assert "only" not in top_bar(app)

    drive(app, scenario)


def test_with_articles_not_shown_a_kind_filter_stops_at_labels_between_panes_on_screen():
    app = make_app(seeds())

    async def scenario(pilot):
        screen = main_screen(app)
        landed = 0
        for kind in ("number", "name", "attribution", "quote"):
            await screen.run_action(f"divergence_filter('{kind}')")
            await pilot.press("home")
            await pilot.pause()
            shown = set(screen.shown_docs())
            for _ in range(6):
                before = screen.current_group
                await pilot.press("n")
                await pilot.pause()
                if screen.current_group == before:
                    break  # none further: n rings the bell and stays
                landed += 1
                labels = kind_index(screen.rows).of(screen.current_group)
                assert any(
                    d.kind == kind and shown & set(d.a_docs) and shown & set(d.b_docs)
                    for d in labels
                ), (kind, screen.current_group)
        assert landed

    drive(app, scenario, size=(80, 24))


def test_o_opens_the_overview_and_enter_opens_that_pair():
    app = make_app(seeds("000", "001", "002"))

    async def scenario(pilot):
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, OverviewScreen)
        await pilot.press("right", "down", "enter")  # row 2 (001), column 3 (002)
        await pilot.pause()
        screen = main_screen(app)
        assert app.screen is screen
        assert (screen.pivot, screen.focused_doc) == (1, 2)
        assert screen.shown_docs() == [1, 2]

    drive(app, scenario)


def test_a_click_on_a_cell_opens_that_pair():
    app = make_app(seeds("000", "001", "002"))

    async def scenario(pilot):
        await pilot.press("o")
        await pilot.pause()
        matrix = app.screen.query_one(PairMatrix)
        x, y = 2, 0
        offset = (matrix.label_width + matrix.cell_width() * y + 3, 1 + CELL_HEIGHT * x)
        await pilot.click(PairMatrix, offset=offset)
        await pilot.pause()
        screen = main_screen(app)
        assert app.screen is screen
        assert (screen.pivot, screen.focused_doc) == (2, 0)

    drive(app, scenario)


def test_l_links_a_sentence_to_one_picked_in_another_article_and_it_persists():
    documents = seeds("000", "002")
    app = make_app(documents)
    picked = {}

    async def scenario(pilot):
        screen = main_screen(app)
        story = screen.documents[0].furniture
        alone = next(
            g
            for g in screen.rows.order
            if screen.rows.only_in(g) == 0
            and not set(screen.rows.groups[g].sentences_of(0)) & story
        )
        screen.select_group(alone)
        source = Member(0, min(screen.rows.groups[alone].sentences_of(0)))
        share = screen.rows.matched_share(0)
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, LinkPicker)
        await pilot.press("escape")  # cancelling changes nothing
        await pilot.pause()
        assert screen.annotations.corrections == []
        await pilot.press("l")
        await pilot.pause()
        await pilot.press("down", "enter")
        await pilot.pause()
        (correction,) = screen.annotations.corrections
        assert correction.action == "link"
        group = screen.rows.comparison.group_of(0, source.sentence)
        assert group.docs == (0, 1)
        assert screen.current_group == screen.rows.comparison.group_index[source]
        assert screen.rows.matched_share(0) > share
        picked["members"] = group.members

    drive(app, scenario)
    again = make_app(seeds("000", "002"))

    async def reopened(pilot):
        screen = main_screen(again)
        assert len(screen.annotations.corrections) == 1
        first = min(picked["members"])
        group = screen.rows.comparison.group_of(first.doc, first.sentence)
        assert group.members == picked["members"]

    drive(again, reopened)


def test_x_unlinks_the_focused_sentence_and_updates_the_figures():
    app = make_app(seeds("000", "002"))

    async def scenario(pilot):
        screen = main_screen(app)
        shared = next(g for g in screen.rows.order if screen.rows.groups[g].docs == (0, 1))
        screen.select_group(shared)
        sentence = min(screen.rows.groups[shared].sentences_of(0))
        share = screen.rows.matched_share(0)
        rows = len(screen.rows)
        await pilot.press("x")
        await pilot.pause()
        assert screen.rows.comparison.group_of(0, sentence).members == (Member(0, sentence),)
        assert len(screen.rows) == rows + 1
        assert screen.rows.matched_share(0) < share
        figure = f"000 · 27 sentences · {screen.rows.matched_share(0):.0%} matched"
        assert figure in screen_text(app)  # the header shows the new share
        await pilot.press("x")  # already alone: nothing more to do
        await pilot.pause()
        assert len(screen.annotations.corrections) == 1
        markdown = screen.annotations.markdown()
        assert "## Alignment corrections" in markdown and "Unlinked sentence" in markdown

    drive(app, scenario)


def test_overview_of_five_seeds(snap_compare):
    app = make_app(seeds())
    assert snap_compare(app, terminal_size=SIZE, run_before=pressing(("o",)))


def test_the_overview_stays_a_grid_at_80_by_24_and_scrolls_to_every_cell():
    app = make_app(seeds())

    async def scenario(pilot):
        await pilot.press("o")
        await pilot.pause()
        lines = screen_text(app).splitlines()
        header = next(line for line in lines if "x↓ y→" in line)
        assert "2 001" in header and "▶" in header and "more" in header  # columns scroll
        figures = [line for line in lines if "V " in line and "% A " in line]
        assert figures and all(line.count("V ") >= 2 for line in figures)  # cells side by side
        for _ in range(4):
            await pilot.press("right")
        await pilot.press("down", "down", "down", "down")
        await pilot.pause()
        text = screen_text(app)
        header = next(line for line in text.splitlines() if "◀ x↓ y→" in line)
        assert "5 004" in header
        assert re.search(r"^ 5 004 .*▶", text, re.M)  # the last row, its cursor cell in view

    drive(app, scenario, size=(80, 24))


def test_the_overview_of_twelve_articles_scrolls_rather_than_wraps():
    app = make_app(versions(12))

    async def scenario(pilot):
        await pilot.press("o")
        await pilot.pause()
        for _ in range(11):
            await pilot.press("down")
        for _ in range(11):
            await pilot.press("right")
        await pilot.pause()
        text = screen_text(app)
        assert re.search(r"^ 12 v12 .*▶", text, re.M), text
        header = next(line for line in text.splitlines() if "◀ x↓ y→" in line)
        assert "12 v12" in header and "more" not in header
        assert all(len(line) <= 160 for line in text.splitlines())

    drive(app, scenario)
