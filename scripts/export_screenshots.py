"""Render the README's pictures of the app from the seed articles.

python scripts/export_screenshots.py   # writes screenshots/*.svg
"""

from __future__ import annotations

import asyncio
import glob
import os
import tempfile

os.environ["TEXTUAL_ANIMATIONS"] = "none"
# Pictures must not read or write the user's own notes.
os.environ["SIDEBYSIDE_DATA_DIR"] = tempfile.mkdtemp(prefix="sidebyside-shots-")

from sidebyside.app.app import SideBySideApp
from sidebyside.engine.pipeline import load_documents

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
SEEDS = sorted(glob.glob(os.path.join(ROOT, "seeds", "*.txt")))
OUT = os.path.join(ROOT, "screenshots")

# (file name, seed files, terminal size, theme, keys pressed before the picture)
SHOTS = [
    ("aligned-dark", SEEDS[:1] + SEEDS[2:3], (160, 45), "textual-dark", ["n", "n", "n"]),
    ("aligned-light", SEEDS[:1] + SEEDS[2:3], (160, 45), "textual-light", ["n", "n", "n"]),
    ("aligned-five", SEEDS, (160, 45), "textual-dark", ["n", "n"]),
    ("reading-five", SEEDS, (160, 45), "textual-dark", ["v", "j", "j", "j"]),
    ("search", SEEDS, (160, 45), "textual-dark", ["slash", *"transponder", "enter"]),
    ("narrow-80x24", SEEDS, (80, 24), "textual-dark", ["tab", "tab", "n"]),
    ("help", SEEDS[:2], (160, 45), "textual-dark", ["question_mark"]),
    ("overview", SEEDS, (160, 45), "textual-dark", ["o"]),
    ("overview-80x24", SEEDS, (80, 24), "textual-dark", ["o"]),
    ("details-tall", SEEDS[:1] + SEEDS[2:3], (160, 45), "textual-dark", ["n", "n", "n", "d"]),
    ("five-220x60", SEEDS, (220, 60), "textual-dark", ["n", "n"]),
]


async def shoot(name: str, paths: list[str], size, theme: str, keys: list[str]) -> str:
    app = SideBySideApp(load_documents(paths))
    async with app.run_test(size=size) as pilot:
        app.theme = theme
        await app.workers.wait_for_complete()
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
        await pilot.pause()
        return app.save_screenshot(f"{name}.svg", OUT)


def main() -> int:
    os.makedirs(OUT, exist_ok=True)
    for shot in SHOTS:
        print(asyncio.run(shoot(*shot)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
