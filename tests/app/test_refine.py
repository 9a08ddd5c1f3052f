"""Background refinement: lexical rows at once, refined rows swapped in, place kept."""

from __future__ import annotations

import asyncio
import threading

import numpy as np
import pytest
from conftest import SEED_PATHS, SIZE, make_app, screen_text, seeds

from sidebyside import cli
from sidebyside.app.aligned_view import AlignedView
from sidebyside.app.app import SideBySideApp
from sidebyside.app.reading_view import ReadingPane
from sidebyside.app.refine import RefineFailed, RefineFinished
from sidebyside.engine.matcher import LexicalMatcher
from sidebyside.engine.model import Member


class GatedMatcher(LexicalMatcher):
    """A fast stand-in for the semantic matcher: waits for the test, then aligns.

    Every sentence gets the same embedding, so the semantic weights link more
    sentences than word overlap alone and the refined rows really differ.
    """

    name = "semantic"

    def embeddings(self, features):
        return np.ones((len(features.texts), 8), dtype=np.float32)

    def __init__(self, fail: bool = False) -> None:
        self.gate = threading.Event()
        self.fail = fail
        self.progress_seen: list[tuple[int, int]] = []

    def prepare(self, documents, progress=None) -> None:
        total = sum(len(d.sentences) for d in documents)
        progress(0, total)
        assert self.gate.wait(30), "the test never opened the gate"
        if self.fail:
            raise RuntimeError("model files are damaged")
        progress(total, total)


def with_matcher(documents, matcher) -> SideBySideApp:
    app = make_app(documents)
    app.matcher = matcher
    return app


def main_screen(app):
    return app.screen_stack[0]


async def until(pilot, condition, seconds: float = 20) -> None:
    for _ in range(int(seconds / 0.02)):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError("timed out")


def run(app, scenario, messages=None) -> None:
    async def main() -> None:
        hook = messages.append if messages is not None else None
        async with app.run_test(size=SIZE, message_hook=hook) as pilot:
            try:
                await until(pilot, lambda: main_screen(app).rows is not None)
                await pilot.pause()
                await scenario(pilot)
            finally:
                gate = getattr(app.matcher, "gate", None)
                if gate is not None:
                    gate.set()  # never leave the worker waiting

    asyncio.run(main())


def test_first_screen_comes_before_refining_ends_and_the_swap_keeps_the_sentence():
    matcher = GatedMatcher()
    app = with_matcher(seeds(), matcher)

    async def scenario(pilot):
        screen = main_screen(app)
        lexical = screen.rows
        assert lexical.comparison.matcher != "semantic" and not screen.refined
        await until(pilot, lambda: "refining with sentence embeddings" in screen_text(app))
        assert "0/" in screen_text(app).splitlines()[0]  # progress in the top bar
        assert "Russia pushed Assad to flee Syria" in screen_text(app)  # rows are usable
        row = next(r for r in range(20, len(lexical)) if lexical.group(r).sentences_of(0))
        screen.select_group(lexical.order[row])
        await pilot.pause()
        view = screen.query_one(AlignedView)
        here = Member(0, min(lexical.groups[screen.current_group].sentences_of(0)))
        row_y = view.offsets.start_of(view.cursor) - round(view.scroll_y)
        matcher.gate.set()
        await until(pilot, lambda: screen.refined)
        await pilot.pause()
        assert screen.rows is not lexical
        assert screen.rows.comparison.matcher == "semantic"
        assert len(screen.rows) != len(lexical)  # the alignment did change
        assert here in screen.rows.groups[screen.current_group].members
        assert screen.rows.order[view.cursor] == screen.current_group
        # The row stays where it was, unless it grew too tall to end on the page there.
        page = view.scrollable_content_region.height
        fits = min(row_y, max(page - view.offsets.heights[view.cursor], 0))
        assert view.offsets.start_of(view.cursor) - round(view.scroll_y) == fits
        top = screen_text(app).splitlines()[0]
        assert "refining" not in top and "semantic matching" in top

    messages: list = []
    run(app, scenario, messages)
    # The hook may see one message more than once; count the messages themselves.
    assert len({id(m) for m in messages if isinstance(m, RefineFinished)}) == 1


def test_swap_in_the_reading_view_keeps_cursor_scroll_and_notes():
    matcher = GatedMatcher()
    app = with_matcher(seeds("000", "003"), matcher)

    async def scenario(pilot):
        screen = main_screen(app)
        await pilot.press("v")
        await pilot.pause()
        await pilot.press(*"j" * 12)
        await pilot.pause()
        await pilot.press("A", *"check this", "ctrl+s")  # a note on the cursor sentence
        await pilot.pause()
        here = screen.reading_cursor[0]
        pane = screen.query_one("#reading-0", ReadingPane)
        y, scroll = pane.cursor_screen_y(), pane.scroll_y
        (note,) = screen.annotations.notes
        matcher.gate.set()
        await until(pilot, lambda: screen.refined)
        await pilot.pause()
        assert screen.view == "reading" and screen.reading_cursor[0] == here
        assert pane.cursor_screen_y() == y and pane.scroll_y == scroll
        assert pane.rows is screen.rows
        place = screen.annotations.places[note.id]
        assert (place.doc, place.sentence) == (0, here)
        assert place.group == screen.rows.comparison.group_index[Member(0, here)]
        assert screen.annotations.noted(0, here)
        assert "✎" in screen_text(app)

    run(app, scenario)


def test_a_failed_refinement_keeps_the_lexical_rows_and_says_so():
    matcher = GatedMatcher(fail=True)
    app = with_matcher(seeds("000", "002"), matcher)
    messages: list = []

    async def scenario(pilot):
        screen = main_screen(app)
        lexical = screen.rows
        matcher.gate.set()
        await until(pilot, lambda: any(isinstance(m, RefineFailed) for m in messages))
        await pilot.pause()
        assert screen.rows is lexical and not screen.refined
        assert "refining" not in screen_text(app).splitlines()[0]
        notices = [n.message for n in app._notifications]
        assert any("Could not refine" in n and "damaged" in n for n in notices)
        await pilot.press("j", "n")  # still usable

    run(app, scenario, messages)


@pytest.mark.parametrize("matcher", [LexicalMatcher(), None], ids=["lexical", "none"])
def test_no_refinement_with_the_lexical_matcher_or_none(matcher):
    app = with_matcher(seeds("000", "002"), matcher)

    async def scenario(pilot):
        screen = main_screen(app)
        await app.workers.wait_for_complete()
        assert screen.refine_status is None and not screen.refined
        assert not [w for w in app.workers if w.group == "refine"]
        assert "refining" not in screen_text(app)

    messages: list = []
    run(app, scenario, messages)
    assert not [m for m in messages if type(m).__name__.startswith("Refine")]


@pytest.mark.parametrize(
    ("argv", "env", "expected"),
    [
        (["--matcher", "lexical"], None, "lexical"),
        ([], "lexical", "lexical"),
        (["--matcher", "lexical"], "semantic", "lexical"),
    ],
)
def test_the_command_line_passes_the_matcher_to_the_app(monkeypatch, argv, env, expected):
    seen = {}

    def fake_run_app(documents, **kwargs):
        seen.update(kwargs)
        return 0

    monkeypatch.setattr("sidebyside.app.main.run_app", fake_run_app)
    monkeypatch.setattr(cli, "_keys_from_the_terminal", lambda: None)  # no terminal here
    if env is None:
        monkeypatch.delenv("SIDEBYSIDE_MATCHER", raising=False)
    else:
        monkeypatch.setenv("SIDEBYSIDE_MATCHER", env)
    paths = [SEED_PATHS["000"], SEED_PATHS["002"]]
    assert cli.main([*argv, *paths]) == 0
    assert seen["matcher"].name == expected
