"""Every key the footer or the help screen shows does something a person can see.

One case per binding of the comparison screen (plus the app's ctrl+p and
ctrl+q): from a state where the key applies, pressing it changes what is on
screen, or the app's state (theme, running), or a message says why not.  A
binding added without a case here fails ``test_every_binding_has_a_case``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import drive, make_app, screen_text, seeds
from textual.notifications import Notify

from sidebyside.app.bindings import COMPARISON_BINDINGS


@dataclass
class Seen:
    """What a person could notice after the key: the screen before and after, messages."""

    before: str
    after: str
    toasts: list[str]
    theme_before: str
    theme_after: str
    running: bool
    data_dir: Path

    def row(self, screen: str | None = None) -> tuple[int, int]:
        found = re.search(r"Row (\d+) of (\d+)", self.after if screen is None else screen)
        assert found, f"no current row on screen:\n{self.after}"
        return int(found[1]), int(found[2])

    def top_bar(self, screen: str | None = None) -> str:
        return (self.after if screen is None else screen).splitlines()[0]

    def toast(self, words: str) -> bool:
        return any(words in t for t in self.toasts)


@dataclass
class Case:
    check: Callable[[Seen], bool]
    setup: tuple[str, ...] = ()
    articles: tuple[str, ...] = ("000", "002")


def shows(*words: str) -> Callable[[Seen], bool]:
    return lambda s: all(w in s.after for w in words) and not all(w in s.before for w in words)


def row_moves(test: Callable[[int, int, int], bool]) -> Callable[[Seen], bool]:
    """``test(row before, row after, rows)`` on the details strip's "Row N of M"."""
    return lambda s: test(s.row(s.before)[0], *s.row())


def pivot_is(k: int) -> Callable[[Seen], bool]:
    return lambda s: f"pivot {k} (" in s.top_bar() and f"pivot {k} (" not in s.top_bar(s.before)


def stored(seen: Seen, words: str) -> bool:
    """``words`` are in the notes store on disk."""
    return any(words in p.read_text("utf-8") for p in seen.data_dir.rglob("notes/*.json"))


FIVE = ("000", "001", "002", "003", "004")

CASES: dict[str, Case] = {
    "next-row": Case(row_moves(lambda a, b, n: b == a + 1)),
    "previous-row": Case(row_moves(lambda a, b, n: b == a - 1), setup=("j", "j")),
    "page-down": Case(row_moves(lambda a, b, n: b > a + 1)),
    "page-up": Case(row_moves(lambda a, b, n: b < a - 1), setup=("end",)),
    "first-row": Case(row_moves(lambda a, b, n: a > 1 and b == 1), setup=("j", "j")),
    "last-row": Case(row_moves(lambda a, b, n: a < n and b == n)),
    "next-divergence": Case(lambda s: s.row()[0] > 1 and " vs " in s.after),
    "previous-divergence": Case(row_moves(lambda a, b, n: b < a), setup=("n", "n")),
    "next-unique": Case(lambda s: s.row()[0] > 1 and "only" in s.after),
    "previous-unique": Case(row_moves(lambda a, b, n: b < a), setup=("u", "u")),
    "next-pane": Case(lambda s: s.after != s.before, articles=("000", "001", "002")),
    "previous-pane": Case(lambda s: s.after != s.before, articles=("000", "001", "002")),
    **{f"pivot-{k}": Case(pivot_is(k), articles=FIVE) for k in range(2, 6)},
    "pivot-1": Case(pivot_is(1), setup=("3",), articles=FIVE),
    **{
        f"pivot-{k}": Case(lambda s: s.toast("There are only 5 articles"), articles=FIVE)
        for k in range(6, 10)
    },
    "toggle-view": Case(lambda s: "reading view" in s.top_bar()),
    "hide-pane": Case(lambda s: "not shown: 2 002" in s.top_bar(), setup=("tab",)),
    "show-all-panes": Case(
        lambda s: "not shown" not in s.top_bar() and "not shown" in s.top_bar(s.before),
        setup=("tab", "h"),
    ),
    "narrow": Case(lambda s: "not shown: 3 002, 4 003, 5 004" in s.top_bar(), articles=FIVE),
    "overview": Case(shows("Overview", "escape closes")),
    "link-sentence": Case(shows("enter links · escape cancels"), setup=("n", "tab")),
    "unlink-sentence": Case(
        lambda s: s.toast("it is a row of its own now") and s.row()[1] == s.row(s.before)[1] + 1,
        setup=("n", "tab"),
    ),
    "toggle-furniture": Case(
        lambda s: s.toast("furniture sentence(s) shown") and "furniture shown" in s.after
    ),
    # Either it jumps (and says from which sentence to which), or it says there is nothing.
    "jump-elsewhere": Case(
        lambda s: (
            (s.toast("also matches") and s.row() != s.row(s.before))
            or s.toast("No sentence of this row also matches")
        ),
        setup=("j",) * 6,
    ),
    "toggle-details": Case(shows("Articles: 1 000")),
    "copy-sentence": Case(lambda s: s.toast("Copied 000's sentence")),
    "copy-row": Case(lambda s: s.toast("Copied row") and s.toast("as Markdown")),
    "copy-labels": Case(
        lambda s: s.toast("Copied") or s.toast("This row has no labels"), setup=("n",)
    ),
    "add-article": Case(shows("Add an article", "paste its text")),
    "drop-article": Case(
        shows("Drop 2 001", "from the comparison?"), setup=("tab",), articles=("000", "001", "002")
    ),
    "add-note": Case(shows("ctrl+s saves")),
    "add-sentence-note": Case(shows("ctrl+s saves"), setup=("n", "tab")),
    "notes-list": Case(shows("No notes yet")),
    "undo-delete-note": Case(
        lambda s: s.toast("Note restored") and stored(s, "Check"),
        setup=("a", *"Check", "ctrl+s", "m", "d", "escape"),
    ),
    "export-notes": Case(shows("Export the notes as Markdown to:", "notes-")),
    "search": Case(shows("Search all articles")),
    "close-search": Case(
        lambda s: "hit 1 of" in s.before and "hit 1 of" not in s.after,
        setup=("slash", *"transponder", "enter"),
    ),
    "toggle-theme": Case(lambda s: s.theme_after != s.theme_before),
    "help": Case(shows("Keys", "escape, q or ? closes this")),
    "quit": Case(lambda s: not s.running),
}
APP_KEYS = {
    "ctrl+p": Case(lambda s: s.after != s.before and "Search for commands" in s.after),
    "ctrl+q": Case(lambda s: not s.running),
}


def press_and_watch(case: Case, key: str, tmp_path: Path) -> Seen:
    app = make_app(seeds(*case.articles), data_dir=str(tmp_path / "data"))
    messages: list = []
    seen: dict = {}

    async def scenario(pilot):
        for k in case.setup:
            await pilot.press(k)
            await pilot.pause()
        await pilot.pause()
        seen["before"] = screen_text(app)
        seen["theme_before"] = app.theme
        del messages[:]
        await pilot.press(key)
        await pilot.pause()
        await pilot.pause()
        # Everything a person could see now, read while the app is still running.
        seen["running"] = app.is_running
        seen["after"] = screen_text(app) if app.is_running else ""
        seen["theme_after"] = app.theme
        seen["toasts"] = [str(m.notification.message) for m in messages if isinstance(m, Notify)]

    drive(app, scenario, messages=messages)
    return Seen(data_dir=tmp_path / "data", **seen)


def first_key(binding) -> str:
    return binding.key.split(",")[0]


@pytest.mark.parametrize("binding", COMPARISON_BINDINGS, ids=lambda b: b.id)
def test_each_key_does_something_a_person_sees(binding, tmp_path):
    case = CASES[binding.id]
    seen = press_and_watch(case, first_key(binding), tmp_path)
    assert case.check(seen), (
        f"{first_key(binding)} ({binding.id}) showed nothing new.\n"
        f"messages: {seen.toasts}\nbefore:\n{seen.before}\nafter:\n{seen.after}"
    )


@pytest.mark.parametrize("key", APP_KEYS)
def test_the_app_keys_in_the_footer_and_help_work(key, tmp_path):
    seen = press_and_watch(APP_KEYS[key], key, tmp_path)
    assert APP_KEYS[key].check(seen), f"{key} did nothing visible:\n{seen.after}"


def test_every_binding_has_a_case():
    assert {b.id for b in COMPARISON_BINDINGS} == set(CASES)
