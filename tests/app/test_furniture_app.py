"""Page furniture in the app: collapsed to one dim line per run, expanded with f, skipped."""

from __future__ import annotations

import re

from conftest import contrast, drive, make_app, screen_text, seeds

from sidebyside.app.aligned_view import AlignedView
from sidebyside.app.commands import comparison_commands
from sidebyside.app.help_screen import key_rows
from sidebyside.app.messages import SelectionChanged
from sidebyside.app.reading_view import ReadingPane
from sidebyside.engine.model import Member


def main_screen(app):
    return app.screen_stack[0]


def furniture_row(screen) -> int:
    """The first row made only of furniture."""
    furniture = screen.rows.comparison.furniture_groups
    return next(r for r, g in enumerate(screen.rows.order) if g in furniture)


def pivot_sentence(screen) -> Member:
    group = screen.rows.groups[screen.current_group]
    return Member(0, min(group.sentences_of(0)))


def details(app) -> str:
    text = screen_text(app)
    return text[text.index("Row ") :]


def test_furniture_starts_collapsed_to_one_dim_line_per_run():
    app = make_app(seeds("000", "002"))

    async def scenario(pilot):
        text = screen_text(app)
        assert re.search(r"◇ \d+ lines? of page furniture \(002\) · f shows them", text)
        assert "Related News" not in text and "Stay up to date" not in text
        assert "Row 2 of" in text  # the first story row is current, not the furniture

    drive(app, scenario)


def test_furniture_is_dimmed_and_readable_in_both_themes():
    app = make_app(seeds("000", "002"))

    async def scenario(pilot):
        screen = main_screen(app)
        await pilot.press("f")
        await pilot.pause()
        view = screen.query_one(AlignedView)
        group = screen.rows.order[furniture_row(screen)]
        col = next(c for c in view.layout_columns if c.doc in screen.rows.groups[group].docs)
        for theme in ("dark", "light"):
            if theme == "light":
                await pilot.press("t")
                await pilot.pause()
            dim = view.style("aligned-view--furniture")
            assert dim.italic and dim.color is not None
            segments = view._text_line(group, col, 0)
            assert any(s.style and s.style.color == dim.color for s in segments if s.text.strip())
            background, foreground = view.rich_style.bgcolor, view.rich_style.color
            assert contrast(dim.color, background) >= 4.5, theme  # readable
            assert contrast(dim.color, background) < contrast(foreground, background), theme
            pane_style = screen.query_one(ReadingPane).style("reading-pane--furniture")
            assert pane_style.color == dim.color

    drive(app, scenario)


def test_headers_leave_furniture_out_of_the_matched_share():
    documents = seeds("000", "002")
    app = make_app(documents)

    async def scenario(pilot):
        screen = main_screen(app)
        comparison = screen.rows.comparison
        text = screen_text(app)
        for doc in (0, 1):
            share = comparison.matched_share(doc)
            story = [s for s in documents[doc].sentences if s.index not in documents[doc].furniture]
            # A sentence has a counterpart in its row, or linked from a row of its own.
            homes = [comparison.group_index[Member(doc, s.index)] for s in story]
            shared = sum(
                comparison.groups[k].is_shared or k in comparison.linked_alone for k in homes
            )
            assert share == shared / len(story)
            count = len(documents[doc].furniture)
            assert f"{share:.0%} matched · {count} furniture collapsed" in text

    drive(app, scenario)


def test_f_expands_every_run_and_keeps_the_current_sentence():
    app = make_app(seeds("000", "002"))
    messages: list = []

    async def scenario(pilot):
        screen = main_screen(app)
        view = screen.query_one(AlignedView)
        collapsed_rows = len(screen.rows)
        await pilot.press("slash", *"transponder", "enter", "escape")
        await pilot.pause()
        here = pivot_sentence(screen)
        row_y = view.cursor_y()
        await pilot.press("f")
        await pilot.pause()
        assert len(screen.rows) > collapsed_rows
        assert "furniture shown" in screen_text(app)
        assert "lines of page furniture" not in screen_text(app)
        assert here in screen.rows.groups[screen.current_group].members
        assert view.cursor_y() == row_y  # the same sentence at the same height
        await pilot.press("f")  # and back: one line per run again, same sentence
        await pilot.pause()
        assert len(screen.rows) == collapsed_rows
        assert here in screen.rows.groups[screen.current_group].members
        assert any(isinstance(m, SelectionChanged) for m in messages)

    drive(app, scenario, messages=messages)


def test_n_u_and_their_capitals_skip_furniture_collapsed_or_not():
    app = make_app(seeds("000", "002"))

    async def scenario(pilot):
        screen = main_screen(app)
        for expanded in (False, True):
            if expanded:
                await pilot.press("f")
                await pilot.pause()
            furniture = screen.rows.comparison.furniture_groups
            await pilot.press("home")
            for key in ("u", "u", "u", "U", "n", "n", "N", "end", "U", "N"):
                await pilot.press(key)
                await pilot.pause()
                if key in "nNuU":
                    assert screen.current_group not in furniture, (expanded, key)
                    assert "page furniture" not in details(app).splitlines()[0]

    drive(app, scenario)


def test_a_furniture_row_says_what_it_holds_and_how_to_see_it():
    app = make_app(seeds("000", "002"))

    async def scenario(pilot):
        await pilot.press("home")
        await pilot.pause()
        first = details(app).splitlines()[0]
        assert re.search(r"Row 1 of \d+ · ◇ \d+ lines? of page furniture \(002\)", first)
        assert "f shows them" in first

    drive(app, scenario)


def test_reading_view_collapses_furniture_runs_and_skips_them():
    documents = seeds("000", "002")
    app = make_app(documents)
    furniture = documents[1].furniture

    async def scenario(pilot):
        screen = main_screen(app)
        await pilot.press("v", "tab")  # the reading view, on 002 (mostly furniture)
        await pilot.pause()
        assert screen.focused_doc == 1
        pane = screen.query_one("#reading-1", ReadingPane)
        shown = {s for p in pane.paragraphs for s in p.sentences}
        assert shown and not shown & furniture
        assert sum(p.furniture for p in pane.paragraphs) == len(furniture)
        assert re.search(r"◇ \d+ lines? of page furniture", screen_text(app))
        assert "Related News" not in screen_text(app)
        seen = set()
        await pilot.press("home")
        for _ in range(len(documents[1].sentences)):
            seen.add(screen.reading_cursor[1])
            await pilot.press("j")
        assert seen == set(range(len(documents[1].sentences))) - furniture
        here = screen.reading_cursor[1]
        await pilot.press("f")
        await pilot.pause()
        assert screen.reading_cursor[1] == here
        assert {s for p in pane.paragraphs for s in p.sentences} == set(
            range(len(documents[1].sentences))
        )

    drive(app, scenario)


def test_furniture_key_has_an_id_help_entry_and_palette_command():
    app = make_app(seeds("000", "002"))

    async def scenario(pilot):
        screen = main_screen(app)
        bindings = screen.active_bindings
        assert bindings["f"].binding.id == "toggle-furniture"
        rows = dict(key_rows(bindings, lambda b, k: k))
        assert "page furniture" in rows["f"]
        titles = [c.title for c in comparison_commands(screen)]
        assert any("page furniture" in t for t in titles)

    drive(app, scenario)
