"""Fixtures for the app's tests: fixed theme and size, no blinking, no animation.

Pilot tests are plain functions that run a scenario with ``asyncio.run`` so
they need no async plugin; snapshot tests are sync as pytest-textual-snapshot
requires.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest

os.environ["TEXTUAL_ANIMATIONS"] = "none"
os.environ.pop("TEXTUAL_THEME", None)

from textual.pilot import Pilot
from textual.widgets import Input

from sidebyside.app.app import SideBySideApp
from sidebyside.engine.model import Document
from sidebyside.engine.pipeline import load_documents

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
SEED_PATHS = {p.name[:3]: str(p) for p in sorted(SEEDS.glob("*.txt"))}
SIZE = (160, 45)


@pytest.fixture(autouse=True)
def _no_blink(monkeypatch, tmp_path):
    monkeypatch.setattr(Input, "cursor_blink", False, raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("SIDEBYSIDE_DATA_DIR", str(tmp_path / "sidebyside-data"))


def seeds(*tags: str) -> list[Document]:
    """Load seed articles by tag (``"000"``...), all five when none is given."""
    return load_documents([SEED_PATHS[t] for t in (tags or sorted(SEED_PATHS))])


def article(name: str, text: str) -> Document:
    return Document(path=name, text=text)


def versions(count: int) -> list[Document]:
    """``count`` versions of seed 000, each dropping a different few of its sentences."""
    (base,) = seeds("000")
    sentences = [s.text for s in base.sentences]
    out = []
    for k in range(count):
        kept = [t for n, t in enumerate(sentences) if (n + k) % 5]
        out.append(Document(path=f"v{k + 1:02d}.txt", text="\n\n".join(kept)))
    return out


def _luminance(color) -> float:
    def channel(c: int) -> float:
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = color.get_truecolor()
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a, b) -> float:
    """WCAG contrast ratio of two Rich colours (4.5 is the floor for body text)."""
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def make_app(documents: list[Document], pivot: int = 0, **notes) -> SideBySideApp:
    """The app; ``notes`` are ``NotesSettings`` fields (``data_dir``, ``notes_file``)."""
    from sidebyside.app.annotations import NotesSettings

    return SideBySideApp(documents, pivot=pivot, notes_settings=NotesSettings(**notes))


def drive(
    app: SideBySideApp,
    scenario: Callable[[Pilot], Awaitable[None]],
    size: tuple[int, int] = SIZE,
    messages: list | None = None,
) -> None:
    """Run ``scenario`` against ``app`` once alignment has finished."""

    async def main() -> None:
        hook = messages.append if messages is not None else None
        async with app.run_test(size=size, message_hook=hook) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            await scenario(pilot)

    asyncio.run(main())


def screen_text(app: SideBySideApp) -> str:
    """What the terminal shows, as plain text lines."""
    strips = app.screen._compositor.render_strips()
    return "\n".join(strip.text for strip in strips)


async def wait_for_aligned(pilot: Pilot) -> None:
    """Snapshot helper: let the alignment worker finish before the picture is taken."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
