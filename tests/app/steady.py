"""Snapshot helper: nothing in the picture that depends on timing."""

from __future__ import annotations

from textual.pilot import Pilot


async def steady(pilot: Pilot) -> None:
    """Let every worker and message finish, then take away the toasts.

    A toast ("Note saved.") lasts a few seconds, so whether it is in a
    picture would depend on how fast the run is.  Call it before opening a
    modal screen too: the screen underneath keeps the toasts it drew.
    """
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    pilot.app.clear_notifications()
    await pilot.pause()


def pressing(*groups: tuple[str, ...]):
    """A snapshot's ``run_before``: once aligned, each group of keys with a pause after
    it, then a steady screen."""

    async def run_before(pilot: Pilot) -> None:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        for keys in groups:
            await pilot.press(*keys)
            await pilot.pause()
        await steady(pilot)

    return run_before
