"""The reader's settings file: what it sets, one clear line per mistake, and the app starts."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from conftest import SEED_PATHS, drive, screen_text, seeds
from textual.notifications import Notify

from sidebyside.app.annotations import NotesSettings
from sidebyside.app.app import SideBySideApp
from sidebyside.app.settings import config_path, load_settings

GOOD = """\
theme = "textual-light"
furniture = "shown"
details = "tall"
search = "exact"

[keys]
next-divergence = "z"
toggle-view = "V,ctrl+r"
"""

BAD = """\
theme = "no-such-theme"
furniture = "sometimes"
colour = 3
details = "short"

[keys]
next-divergence = "z"
not-a-binding = "x"
toggle-view = "two words"
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def app_with(settings_path: Path) -> SideBySideApp:
    return SideBySideApp(
        seeds("000", "002"), notes_settings=NotesSettings(), settings=load_settings(settings_path)
    )


def toasts(messages: list) -> list[str]:
    return [str(m.notification.message) for m in messages if isinstance(m, Notify)]


def test_the_settings_file_sets_theme_furniture_details_search_and_keys(tmp_path):
    app = app_with(write(tmp_path, GOOD))
    messages: list = []

    async def scenario(pilot):
        text = screen_text(app)
        assert app.theme == "textual-light"
        assert "furniture shown" in text and "lines of page furniture" not in text
        assert "Articles: 1 000" in text  # the tall details panel
        first = int(re.search(r"Row (\d+) of", text)[1])
        await pilot.press("z")  # next divergence, remapped
        await pilot.pause()
        assert int(re.search(r"Row (\d+) of", screen_text(app))[1]) > first
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert "reading view" in screen_text(app).splitlines()[0]
        await pilot.press("slash", *"Pukhov", "enter")
        await pilot.pause()
        assert "(exact)" in screen_text(app)
        assert not [t for t in toasts(messages) if "config.toml" in t]

    drive(app, scenario, messages=messages)


def test_each_wrong_entry_is_one_line_naming_it_and_the_app_starts_with_the_rest(tmp_path):
    path = write(tmp_path, BAD)
    settings = load_settings(path)
    problems = settings.problems
    assert len(problems) == 3  # furniture, colour, keys.toggle-view (the app finds two more)
    assert all(p.startswith(f"{path}: ") and "\n" not in p for p in problems)
    assert any(
        "furniture: expected one of collapsed, shown, got 'sometimes'" in p for p in problems
    )
    assert any("colour: not a setting" in p for p in problems)
    assert any("keys.toggle-view: 'two words' is not a key name" in p for p in problems)
    app = app_with(path)
    messages: list = []

    async def scenario(pilot):
        shown = toasts(messages)
        assert any("theme: no theme 'no-such-theme'" in t for t in shown)
        assert any("keys.not-a-binding: no binding has this id" in t for t in shown)
        assert any("furniture: expected one of" in t for t in shown)
        assert app.theme == "textual-dark"  # the default, the wrong theme left out
        assert "lines of page furniture" in screen_text(app)  # furniture as by default
        await pilot.press("z")  # the right key of the same table still applies
        await pilot.pause()
        assert re.search(r"Row \d+ of", screen_text(app))

    drive(app, scenario, messages=messages)


def test_a_file_that_is_not_toml_is_one_line_and_changes_nothing(tmp_path):
    path = write(tmp_path, "theme = \n[keys\n")
    settings = load_settings(path)
    (problem,) = settings.problems
    assert problem.startswith(f"{path}: not valid TOML (") and problem.endswith(
        "using the defaults."
    )
    assert settings.theme is None and settings.keys == {}


def test_a_missing_file_is_fine_unless_it_was_named(tmp_path):
    assert load_settings(tmp_path / "absent.toml").problems == []
    (problem,) = load_settings(tmp_path / "absent.toml", required=True).problems
    assert "no such file" in problem


def test_the_file_lives_in_the_user_config_directory(tmp_path, monkeypatch):
    monkeypatch.delenv("SIDEBYSIDE_CONFIG", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    assert config_path() == tmp_path / "cfg" / "sidebyside" / "config.toml"
    monkeypatch.setenv("SIDEBYSIDE_CONFIG", str(tmp_path / "other.toml"))
    assert config_path() == tmp_path / "other.toml"
    assert config_path(tmp_path / "flag.toml") == tmp_path / "flag.toml"


def sidebyside(*args: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "sidebyside", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )


def test_sidebyside_config_prints_where_and_checks_the_file(tmp_path):
    import os

    env = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path / "cfg")}
    env.pop("SIDEBYSIDE_CONFIG", None)
    shown = sidebyside("config", "--path", env=env)
    assert shown.returncode == 0
    assert shown.stdout.strip() == str(tmp_path / "cfg" / "sidebyside" / "config.toml")
    bad = write(tmp_path, BAD)
    checked = sidebyside("config", "--check", "--config", str(bad), env=env)
    assert checked.returncode == 2
    lines = checked.stderr.strip().splitlines()
    assert len(lines) == 3 and all(line.startswith("sidebyside: warning: ") for line in lines)
    good = sidebyside("config", "--check", "--config", str(write(tmp_path, GOOD)), env=env)
    assert good.returncode == 0 and "no problems" in good.stdout
    example = sidebyside("config", "--example", env=env)
    import tomllib

    assert tomllib.loads(example.stdout)  # the example is valid TOML
    assert load_settings(write(tmp_path, example.stdout)).problems == []


def test_the_command_line_reads_the_named_settings_file(tmp_path, monkeypatch):
    from sidebyside import cli

    seen = {}

    def fake_run_app(documents, **kwargs):
        seen.update(kwargs)
        return 0

    monkeypatch.setattr("sidebyside.app.main.run_app", fake_run_app)
    monkeypatch.setattr(cli, "_keys_from_the_terminal", lambda: None)
    monkeypatch.delenv("SIDEBYSIDE_MATCHER", raising=False)
    path = write(tmp_path, 'matcher = "lexical"\nfurniture = "shown"\n')
    assert cli.main(["--config", str(path), SEED_PATHS["000"], SEED_PATHS["002"]]) == 0
    assert seen["matcher"].name == "lexical"
    assert seen["settings"].furniture == "shown" and seen["settings"].path == path
