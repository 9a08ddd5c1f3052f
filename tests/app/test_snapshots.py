"""Pictures of the main views at a fixed size and theme (regenerate with --snapshot-update)."""

from __future__ import annotations

from conftest import SIZE, make_app, seeds, versions
from steady import pressing


def test_aligned_view_of_000_and_002_at_the_agents_row(snap_compare):
    app = make_app(seeds("000", "002"))
    keys = pressing(("slash", *"two Russian intelligence", "enter"), ("escape",))
    assert snap_compare(app, terminal_size=SIZE, run_before=keys)


def test_reading_view_of_all_five_seeds(snap_compare):
    app = make_app(seeds())
    keys = pressing(("v",), ("j", "j", "j"))
    assert snap_compare(app, terminal_size=SIZE, run_before=keys)


def test_help_screen(snap_compare):
    app = make_app(seeds("000", "002"))
    assert snap_compare(app, terminal_size=SIZE, run_before=pressing(("question_mark",)))


def test_narrow_layout_at_80_by_24(snap_compare):
    app = make_app(seeds())
    assert snap_compare(app, terminal_size=(80, 24), run_before=pressing(("n",)))


def test_five_seeds_at_220_by_60(snap_compare):
    app = make_app(seeds())
    assert snap_compare(app, terminal_size=(220, 60), run_before=pressing(("n", "n")))


def test_tall_details_at_80_by_24(snap_compare):
    app = make_app(seeds("000", "002"))
    keys = pressing(("slash", *"flying Assad out", "enter", "escape", "d"))
    assert snap_compare(app, terminal_size=(80, 24), run_before=keys)


def test_overview_at_80_by_24(snap_compare):
    app = make_app(seeds())
    assert snap_compare(app, terminal_size=(80, 24), run_before=pressing(("o",)))


def test_ten_articles_aligned(snap_compare):
    app = make_app(versions(10))
    assert snap_compare(app, terminal_size=SIZE, run_before=pressing(("n",)))


def test_ten_articles_overview(snap_compare):
    app = make_app(versions(10))
    assert snap_compare(app, terminal_size=SIZE, run_before=pressing(("o",)))
