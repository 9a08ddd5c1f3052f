"""Page furniture in the app: dimmed, left out of the matched share, hidden with f."""

from __future__ import annotations

from conftest import drive, make_app, screen_text, seeds

from sidebyside.app.aligned_view import AlignedView
from sidebyside.app.commands import comparison_commands
from sidebyside.app.furniture_filter import furniture_groups
from sidebyside.app.help_screen import key_rows
from sidebyside.app.reading_view import ReadingPane
from sidebyside.engine.model import Member


def main_screen(app):
    return app.screen_stack[0]


def furniture_row(screen) -> int:
    """The first row made only of furniture."""
    hidden = furniture_groups(screen.rows.comparison)
    return next(r for r, g in enumerate(screen.rows.order) if g in hidden)


def pivot_sentence(screen) -> Member:
    group = screen.rows.groups[screen.current_group]
    return Member(0, min(group.sentences_of(0)))


def _luminance(color) -> float:
    def channel(c: int) -> float:
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = color.get_truecolor()
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def _contrast(a, b) -> float:
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_furniture_is_dimmed_and_readable_in_both_themes():
    app = make_app(seeds("000", "002"))

    async def scenario(pilot):
        screen = main_screen(app)
        view = screen.query_one(AlignedView)
        row = furniture_row(screen)
        group = screen.rows.order[row]
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
            assert _contrast(dim.color, background) >= 4.5, theme  # readable
            assert _contrast(dim.color, background) < _contrast(foreground, background), theme
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
            shared = sum(comparison.group_of(doc, s.index).is_shared for s in story)
            assert share == shared / len(story)
            assert f"{share:.0%} matched · {len(documents[doc].furniture)} furniture" in text

    drive(app, scenario)


def test_f_hides_furniture_rows_and_keeps_the_current_sentence():
    app = make_app(seeds("000", "002"))

    async def scenario(pilot):
        screen = main_screen(app)
        view = screen.query_one(AlignedView)
        before_rows = len(screen.rows)
        await pilot.press("slash", *"transponder", "enter", "escape")
        await pilot.pause()
        here = pivot_sentence(screen)
        row_y = view.offsets.start_of(view.cursor) - round(view.scroll_y)
        await pilot.press("f")
        await pilot.pause()
        hidden = furniture_groups(screen.rows.comparison)
        assert hidden and len(screen.rows) == before_rows - len(hidden)
        assert not hidden.intersection(screen.rows.order)
        assert here in screen.rows.groups[screen.current_group].members
        assert screen.rows.order[view.cursor] == screen.current_group
        assert view.offsets.start_of(view.cursor) - round(view.scroll_y) == row_y
        assert "Related News" not in screen_text(app)
        await pilot.press("f")  # and back: every row again, same sentence
        await pilot.pause()
        assert len(screen.rows) == before_rows
        assert here in screen.rows.groups[screen.current_group].members

    drive(app, scenario)


def test_hiding_while_on_a_furniture_row_moves_to_the_next_row_shown():
    app = make_app(seeds("000", "002"))

    async def scenario(pilot):
        screen = main_screen(app)
        row = furniture_row(screen)
        hidden = furniture_groups(screen.rows.comparison)
        following = next(g for g in screen.rows.order[row:] if g not in hidden)
        screen._go(row)
        await pilot.pause()
        await pilot.press("f")
        await pilot.pause()
        assert screen.current_group == following
        await pilot.press("j", "k", "n", "u", "end", "home")  # keys walk only shown rows
        await pilot.pause()
        assert screen.current_group not in hidden

    drive(app, scenario)


def test_reading_view_hides_furniture_sentences_and_skips_them():
    documents = seeds("000", "002")
    app = make_app(documents)
    furniture = documents[1].furniture

    async def scenario(pilot):
        screen = main_screen(app)
        await pilot.press("v", "tab")  # the reading view, on 002 (mostly furniture)
        await pilot.pause()
        assert screen.focused_doc == 1
        await pilot.press("home", *"jjjjj")
        await pilot.pause()
        here = screen.reading_cursor[1]
        assert here == 5 and here not in furniture
        pane = screen.query_one("#reading-1", ReadingPane)
        y = pane.cursor_screen_y()
        await pilot.press("f")
        await pilot.pause()
        assert screen.reading_cursor[1] == here
        assert pane.cursor_screen_y() == min(y, pane.first_line[here])  # as high as it can be
        shown = {s for p in pane.paragraphs for s in p.sentences}
        assert shown and not shown & furniture
        assert "Related News" not in screen_text(app)
        seen = set()
        await pilot.press("home")
        for _ in range(len(documents[1].sentences)):
            seen.add(screen.reading_cursor[1])
            await pilot.press("j")
        assert seen == set(range(len(documents[1].sentences))) - furniture
        await pilot.press("f")
        await pilot.pause()
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
