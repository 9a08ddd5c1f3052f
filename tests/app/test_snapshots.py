"""Pictures of the main views at a fixed size and theme (regenerate with --snapshot-update)."""

from __future__ import annotations

from conftest import SIZE, make_app, seeds, versions, wait_for_aligned
from steady import steady


def test_aligned_view_of_000_and_002_at_the_agents_row(snap_compare):
    app = make_app(seeds("000", "002"))

    async def run_before(pilot):
        await wait_for_aligned(pilot)
        await pilot.press("slash", *"two Russian intelligence", "enter")
        await pilot.press("escape")
        await pilot.pause()
        await steady(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_reading_view_of_all_five_seeds(snap_compare):
    app = make_app(seeds())

    async def run_before(pilot):
        await wait_for_aligned(pilot)
        await pilot.press("v")
        await pilot.pause()
        await pilot.press("j", "j", "j")
        await pilot.pause()
        await steady(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_help_screen(snap_compare):
    app = make_app(seeds("000", "002"))

    async def run_before(pilot):
        await wait_for_aligned(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        await steady(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_narrow_layout_at_80_by_24(snap_compare):
    app = make_app(seeds())

    async def run_before(pilot):
        await wait_for_aligned(pilot)
        await pilot.press("n")
        await pilot.pause()
        await steady(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_five_seeds_at_220_by_60(snap_compare):
    app = make_app(seeds())

    async def run_before(pilot):
        await wait_for_aligned(pilot)
        await pilot.press("n", "n")
        await pilot.pause()
        await steady(pilot)

    assert snap_compare(app, terminal_size=(220, 60), run_before=run_before)


def test_tall_details_at_80_by_24(snap_compare):
    app = make_app(seeds("000", "002"))

    async def run_before(pilot):
        await wait_for_aligned(pilot)
        await pilot.press("slash", *"flying Assad out", "enter", "escape", "d")
        await pilot.pause()
        await steady(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_overview_at_80_by_24(snap_compare):
    app = make_app(seeds())

    async def run_before(pilot):
        await wait_for_aligned(pilot)
        await pilot.press("o")
        await pilot.pause()
        await steady(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_ten_articles_aligned(snap_compare):
    app = make_app(versions(10))

    async def run_before(pilot):
        await wait_for_aligned(pilot)
        await pilot.press("n")
        await pilot.pause()
        await steady(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_ten_articles_overview(snap_compare):
    app = make_app(versions(10))

    async def run_before(pilot):
        await wait_for_aligned(pilot)
        await pilot.press("o")
        await pilot.pause()
        await steady(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)
