"""What a reader reaches for: copying, search that folds like matching, where a sentence also
matches, the tall details panel, the messages the screen posts, and keys while work runs."""

from __future__ import annotations

import asyncio
import re
import threading

from conftest import SIZE, contrast, drive, make_app, screen_text, seeds
from markdown_it import MarkdownIt
from textual.notifications import Notify

from sidebyside.app.details import DetailsPanel
from sidebyside.app.messages import Busy, RowsReplaced, SelectionChanged
from sidebyside.app.reading_view import ReadingPane
from sidebyside.app.search_bar import SearchInput


def main_screen(app):
    return app.screen_stack[0]


def toasts(messages: list) -> list[str]:
    return [str(m.notification.message) for m in messages if isinstance(m, Notify)]


def details(app) -> str:
    text = screen_text(app)
    return text[text.index("Row ") :]


def row(app) -> int:
    return int(re.search(r"Row (\d+) of", screen_text(app))[1])


async def search(pilot, words: str) -> None:
    await pilot.press("slash", *words, "enter")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


# -- copying -------------------------------------------------------------------


def test_c_copies_the_focused_articles_sentence_and_says_so():
    app = make_app(seeds("000", "002"))
    messages: list = []

    async def scenario(pilot):
        await search(pilot, "flying Assad out")
        await pilot.press("escape", "tab", "c")
        await pilot.pause()
        assert app.clipboard.startswith("The officials said two Russian intelligence agents")
        assert any(
            re.match(r"Copied 002's sentence \d+ \(\d+ characters\)", t) for t in toasts(messages)
        )

    drive(app, scenario, messages=messages)


def test_C_copies_the_row_as_block_quotes_naming_each_outlet_with_its_labels():
    app = make_app(seeds("000", "002"))
    messages: list = []

    async def scenario(pilot):
        await search(pilot, "flying Assad out")
        await pilot.press("escape", "C")
        await pilot.pause()
        copied = app.clipboard
        html = MarkdownIt().render(copied)
        assert html.count("<blockquote>") == 2  # one per article's version
        assert "Russian intelligence agents organized the escape" in html
        assert "The officials said two Russian intelligence agents" in html
        assert "000</strong>, <em>Russia pushed Assad to flee Syria" in html  # outlet named
        assert "002</strong>, <em>Bloomberg: Russia pushed Bashar al-Assad" in html
        assert "<li>[# number] [2] adds &quot;two Russian intelligence agents" in html
        assert any("as Markdown (2 version(s)" in t for t in toasts(messages))

    drive(app, scenario, messages=messages)


def test_L_copies_the_rows_labels_as_plain_lines():
    app = make_app(seeds("000", "002"))
    messages: list = []

    async def scenario(pilot):
        await search(pilot, "flying Assad out")
        await pilot.press("escape", "L")
        await pilot.pause()
        lines = app.clipboard.splitlines()
        assert lines and all(re.match(r"\[\S+ \w+\] ", line) for line in lines)
        assert '[# number] [2] adds "two Russian intelligence agents"' in lines
        assert any(re.match(r"Copied \d+ label\(s\) of row \d+", t) for t in toasts(messages))

    drive(app, scenario, messages=messages)


# -- search --------------------------------------------------------------------


def hits_by_article(app, count: int) -> set[str]:
    """The articles of ``count`` hits in a row, stepping with n."""
    seen = set()
    for _ in range(count):
        seen.add(re.search(r"hit \d+ of \d+ in (\w+)", screen_text(app))[1])
        app.screen_stack[0].action_next_divergence()
    return seen


def test_search_finds_a_name_however_an_article_spells_it_and_ctrl_t_makes_it_exact():
    app = make_app(seeds())

    async def scenario(pilot):
        # 001 spells the analyst "Puhkov" once; the others write "Pukhov".
        await search(pilot, "Puhkov")
        folded = re.search(r"hit 1 of (\d+) in \w+ \(folded\)", screen_text(app))
        assert folded, screen_text(app)
        assert {"000", "002"} <= hits_by_article(app, int(folded[1]))
        await pilot.press("slash")
        await pilot.pause()
        assert isinstance(app.focused, SearchInput)
        await pilot.press("ctrl+t")  # exact: the characters as typed
        await app.workers.wait_for_complete()
        await pilot.pause()
        exact = re.search(r"hit 1 of (\d+) in \w+ \(exact\)", screen_text(app))
        assert exact and int(exact[1]) < int(folded[1])
        assert hits_by_article(app, int(exact[1])) == {"001"}

    drive(app, scenario)


def test_search_folds_case_accents_and_curly_quotes():
    app = make_app(seeds("000", "002"))

    async def scenario(pilot):
        await search(pilot, "ASSAD'S RULE")  # the articles write "Assad’s rule"
        assert re.search(r"hit 1 of \d+", screen_text(app)), screen_text(app)

    drive(app, scenario)


# -- where a sentence also matches -----------------------------------------------


def elsewhere_cell(screen) -> tuple[int, int]:
    rows = screen.rows
    return next((g, d) for g in rows.order for d in rows.groups[g].docs if rows.elsewhere(g, d))


def test_a_sentence_that_also_matches_elsewhere_says_so_and_e_jumps_there():
    app = make_app(seeds("000", "002"))
    messages: list = []

    async def scenario(pilot):
        screen = main_screen(app)
        group, doc = elsewhere_cell(screen)
        (_, _, target), *_ = screen.rows.elsewhere(group, doc)
        screen.select_group(group)
        await pilot.pause()
        target_row = screen.rows.row_of_group[target] + 1
        assert f"⇄ also matches row {target_row}" in screen_text(app)
        assert "also matches elsewhere: its sentence" in details(app)
        assert f"in row {target_row}" in details(app)
        del messages[:]
        await pilot.press("e")
        await pilot.pause()
        assert row(app) == target_row
        assert any(isinstance(m, SelectionChanged) and m.group == target for m in messages)
        assert any("also matches" in t for t in toasts(messages))

    drive(app, scenario, messages=messages)


def test_a_match_in_an_article_not_shown_is_named_so_and_e_brings_that_article_into_view():
    # At 80 columns two of the five articles fit: a partner in another one has no row on
    # screen, and the row it would fold into shows other sentences.
    app = make_app(seeds("000", "001", "002", "003", "004"))
    messages: list = []

    async def scenario(pilot):
        screen = main_screen(app)
        rows = screen.rows
        shown = screen.shown_docs()

        def partners(g):
            return [
                o for d in rows.groups[g].docs if d in shown for _, o, _ in rows.elsewhere(g, d)
            ]

        # A row whose sentences on screen match elsewhere only in articles not shown.
        group = next(
            g for g in rows.order if partners(g) and all(o.doc not in shown for o in partners(g))
        )
        other = partners(group)[0]
        doc = next(d for d in rows.groups[group].docs if d in shown and rows.elsewhere(group, d))
        screen.update(group=group, focused=doc)
        await pilot.pause()
        assert f"{screen.tags[other.doc]}, not shown" in screen_text(app)
        assert rows.elsewhere_places(group, doc) == ([], [other.doc])
        said = " ".join(screen.query_one(DetailsPanel).content.plain.split())
        assert f"{screen.tags[other.doc]}'s sentence {other.sentence + 1} (not shown)" in said
        del messages[:]
        await pilot.press("e")
        await pilot.pause()
        assert other.doc in screen.shown_docs()
        assert screen.state.focused == other.doc
        assert rows.comparison.group_index[other] == screen.state.group
        assert any(
            f"{screen.tags[other.doc]}'s sentence {other.sentence + 1}" in t
            for t in toasts(messages)
        )

    drive(app, scenario, size=(80, 24), messages=messages)


def test_a_row_of_one_article_that_matches_other_rows_is_not_called_unique_and_u_skips_it():
    app = make_app(seeds())

    async def scenario(pilot):
        screen = main_screen(app)
        rows = screen.rows
        group = min(rows.comparison.linked_alone, key=lambda g: rows.row_of_group[g])
        (doc,) = rows.groups[group].docs
        assert rows.only_in(group) is None
        screen.select_group(group)
        await pilot.pause()
        said = " ".join(screen.query_one(DetailsPanel).content.plain.split())
        assert f"{screen.tags[doc]} alone in this row" in said
        assert "no other article has this sentence" not in said
        assert "also matches elsewhere" in said
        # From the row above, u goes past it to material one article only has.
        row = rows.row_of_group[group]
        screen.select_group(rows.order[row - 1])
        await pilot.pause()
        await pilot.press("u")
        await pilot.pause()
        assert screen.state.group != group
        assert rows.only_in(screen.state.group) is not None

    drive(app, scenario)


def test_the_reading_view_marks_and_levels_what_a_sentence_matches_from_a_row_of_its_own():
    app = make_app(seeds("000", "002"))

    async def scenario(pilot):
        screen = main_screen(app)
        rows = screen.rows
        group = min(rows.comparison.linked_alone)
        (member,) = rows.groups[group].members
        (_, other, _), *_ = rows.elsewhere(group, member.doc)
        await pilot.press("v")
        await pilot.pause()
        screen.select_sentence(member)
        await pilot.pause()
        panes = {p.doc: p for p in screen.query(ReadingPane)}
        assert other.sentence in panes[other.doc].highlighted
        mine, theirs = panes[member.doc], panes[other.doc]
        level = mine.first_line[member.sentence] - round(mine.scroll_y)
        assert theirs.first_line[other.sentence] - round(theirs.scroll_y) == level

    drive(app, scenario)


def test_in_the_reading_view_e_takes_the_cursor_to_what_its_sentence_also_matches():
    app = make_app(seeds("000", "002"))
    messages: list = []

    async def scenario(pilot):
        screen = main_screen(app)
        rows = screen.rows
        # A pivot sentence with a partner outside its row.
        mine, other = next(
            (link.other(o), o) for g in rows.order for link, o, _ in rows.elsewhere(g, 0)
        )
        await pilot.press("v")
        await pilot.pause()
        screen.select_sentence(mine)
        await pilot.pause()
        del messages[:]
        await pilot.press("e")
        await pilot.pause()
        assert screen.state.focused == other.doc
        assert screen.state.cursor(other.doc) == other.sentence
        assert screen.state.group == rows.comparison.group_index[other]
        assert any(
            f"{screen.tags[other.doc]}'s sentence {other.sentence + 1}" in t
            for t in toasts(messages)
        )

    drive(app, scenario, messages=messages)


# -- the details panel -------------------------------------------------------------


def test_at_80_by_24_the_details_say_what_is_left_and_d_shows_the_whole_row():
    app = make_app(seeds("000", "002"))

    async def scenario(pilot):
        await search(pilot, "flying Assad out")
        await pilot.press("escape")
        await pilot.pause()
        short = details(app)
        assert re.search(r"… \d+ more lines?: d shows the whole row", short)
        await pilot.press("d")
        await pilot.pause()
        tall = details(app)
        assert "more line" not in tall
        assert '[2] adds "two Russian intelligence agents"' in " ".join(tall.split())
        assert "002 vs 000" in tall  # the word-diff line, cut before
        assert "Articles: 1 000 Russia pushed Assad" in tall
        await pilot.press("d")
        await pilot.pause()
        assert "d shows the whole row" in details(app)

    drive(app, scenario, size=(80, 24))


# -- messages ----------------------------------------------------------------------


def test_the_screen_posts_rows_replaced_and_selection_changed():
    app = make_app(seeds("000", "002"))
    messages: list = []

    async def scenario(pilot):
        replaced = [m for m in messages if isinstance(m, RowsReplaced)]
        assert [m.reason for m in replaced][:1] == ["aligned"]
        assert replaced[0].rows == int(re.search(r"Row \d+ of (\d+)", screen_text(app))[1])
        before = row(app)
        del messages[:]
        await pilot.press("j")
        await pilot.pause()
        (changed,) = {id(m): m for m in messages if isinstance(m, SelectionChanged)}.values()
        assert changed.row + 1 == before + 1 == row(app)
        assert changed.doc == 0 and changed.sentence is None

    drive(app, scenario, messages=messages)


# -- keys while work runs off the event loop -----------------------------------------


def test_keys_pressed_while_a_pivot_is_ordered_act_on_what_is_shown(monkeypatch):
    """A pivot on a large comparison is ordered in a worker: the top bar says so, keys
    move through the rows shown meanwhile, and the new order arrives around that place."""
    app = make_app(seeds())
    gate = threading.Event()
    messages: list = []

    async def scenario(pilot):
        screen = main_screen(app)
        rows = screen.rows
        prepare = rows.prepare_pivot

        def slow_prepare(doc):
            assert gate.wait(20)
            return prepare(doc)

        monkeypatch.setattr(screen, "_large", lambda comparison: True)
        monkeypatch.setattr(rows, "has_pivot", lambda doc: False)
        monkeypatch.setattr(rows, "prepare_pivot", slow_prepare)
        start = screen.current_group
        await pilot.press("3")
        await pilot.pause()
        top = screen_text(app).splitlines()[0]
        assert "ordering rows for pivot 3" in top and "pivot 1 (000)" in top
        await pilot.press("n")  # on the rows shown: pivot 1's order
        await pilot.pause()
        moved_to = next(
            g
            for g in rows.order[rows.order.index(start) + 1 :]
            if rows.differs_on_screen(g) and not rows.is_furniture(g)
        )
        assert screen.current_group == moved_to
        gate.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        top = screen_text(app).splitlines()[0]
        assert "pivot 3 (002)" in top and "ordering" not in top
        assert screen.current_group == moved_to  # the same row, now in pivot 3's order
        assert any(isinstance(m, Busy) and m.busy for m in messages)

    try:
        drive(app, scenario, messages=messages)
    finally:
        gate.set()


def test_large_layouts_run_in_workers_and_land_on_the_current_state(monkeypatch):
    """With every layout sent to a worker, keys pressed before it lands still count."""
    import sidebyside.app.aligned_view as aligned_view
    import sidebyside.app.reading_view as reading_view

    monkeypatch.setattr(aligned_view, "SYNC_CELLS", 0)
    monkeypatch.setattr(reading_view, "SYNC_SENTENCES", 0)
    app = make_app(seeds("000", "002"))

    async def scenario(pilot):
        screen = main_screen(app)
        await pilot.press("v", "j", "j", "j")  # before the reading layouts land
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "reading view" in screen_text(app).splitlines()[0]
        cursor = screen.reading_cursor[0]
        assert "▌" in screen_text(app)
        await pilot.press("v", "2", "j")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "aligned view" in screen_text(app).splitlines()[0]
        assert "pivot 2 (002)" in screen_text(app).splitlines()[0]
        assert cursor > 0 and "▶" in screen_text(app)

    drive(app, scenario)


def test_the_overview_of_a_large_comparison_is_computed_in_a_worker(monkeypatch):
    import sidebyside.app.overview_screen as overview_screen

    monkeypatch.setattr(overview_screen, "SYNC_SENTENCES", 0)
    gate = threading.Event()
    compute = overview_screen.compute_overview

    def slow(rows):
        assert gate.wait(20)
        return compute(rows)

    monkeypatch.setattr(overview_screen, "compute_overview", slow)
    app = make_app(seeds("000", "001", "002"))

    async def scenario(pilot):
        await pilot.press("o")
        await pilot.pause()
        assert "Comparing every pair of the 3 articles" in screen_text(app)
        gate.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "Comparing every pair" not in screen_text(app)
        assert "V " in screen_text(app) and "— itself" in screen_text(app)

    try:
        drive(app, scenario)
    finally:
        gate.set()


def test_quitting_while_the_overview_is_computed_is_immediate(monkeypatch):
    import sidebyside.app.overview_screen as overview_screen

    monkeypatch.setattr(overview_screen, "SYNC_SENTENCES", 0)
    gate = threading.Event()
    monkeypatch.setattr(overview_screen, "compute_overview", lambda rows: gate.wait(30))
    app = make_app(seeds("000", "002"))

    async def main() -> None:
        async with app.run_test(size=SIZE) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            await pilot.press("o")
            await pilot.pause()
            await pilot.press("escape")  # back at once, the worker's result dropped
            await pilot.pause()
            assert "Comparing every pair" not in screen_text(app)
            await pilot.press("q")
            await pilot.pause()
            assert not app.is_running
            gate.set()

    asyncio.run(main())


# -- label chips -------------------------------------------------------------------


def test_every_label_kind_reads_on_the_details_panel_in_both_themes_and_in_256_colours():
    from rich.color import ColorSystem

    from sidebyside.app.details import DetailsPanel
    from sidebyside.app.kinds import KIND_CLASSES

    app = make_app(seeds("000", "002"))

    async def scenario(pilot):
        for theme in ("textual-dark", "textual-light"):
            app.theme = theme
            await pilot.pause()
            panel = main_screen(app).query_one(DetailsPanel)
            hues = set()
            for kind, name in KIND_CLASSES.items():
                style = panel.get_component_rich_style(name, partial=True)
                fg, bg = style.color, style.bgcolor or panel.rich_style.bgcolor
                hues.add(fg.get_truecolor())
                assert contrast(fg, bg) >= 4.5, (theme, kind)
                low = (fg.downgrade(ColorSystem.EIGHT_BIT), bg.downgrade(ColorSystem.EIGHT_BIT))
                assert contrast(*low) >= 4.5, (theme, kind, "256 colours")
            assert len(hues) == len(KIND_CLASSES), theme  # each kind its own colour

    drive(app, scenario)
