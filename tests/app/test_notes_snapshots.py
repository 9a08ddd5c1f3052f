"""Pictures of notes at a fixed size and theme (regenerate with --snapshot-update)."""

from __future__ import annotations

from conftest import SIZE, make_app, seeds, wait_for_aligned
from steady import steady


async def _note(pilot, find: str, text: str, tag: str, key: str = "a") -> None:
    await pilot.press("slash", *find, "enter", "escape", key)
    await pilot.pause()
    await pilot.press(*text, "tab", *tag, "ctrl+s")
    await pilot.pause()


def test_a_row_with_a_note(snap_compare):
    app = make_app(seeds("000", "002"))

    async def run_before(pilot):
        await wait_for_aligned(pilot)
        await _note(pilot, "two Russian intelligence", "Who are the two agents?", "discrepancy")
        await _note(pilot, "transponder", "Plane or aircraft?", "check", key="A")
        await pilot.press("slash", *"two Russian intelligence", "enter", "escape")
        await pilot.pause()
        await steady(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_the_notes_list(snap_compare):
    app = make_app(seeds("000", "002"))

    async def run_before(pilot):
        await wait_for_aligned(pilot)
        await _note(pilot, "two Russian intelligence", "Who are the two agents?", "discrepancy")
        await _note(pilot, "transponder", "Plane or aircraft? [b]not bold[/b]", "check", key="A")
        await steady(pilot)  # before the modal: toasts under it would stay in the picture
        await pilot.press("m")
        await pilot.pause()
        await steady(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)
