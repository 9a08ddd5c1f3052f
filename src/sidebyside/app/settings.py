"""The reader's settings: a TOML file in the user config directory.

    # ~/.config/sidebyside/config.toml (``sidebyside config --path`` prints where)
    theme = "textual-light"
    furniture = "shown"          # or "collapsed" (the default)
    matcher = "lexical"          # or "paraphrase", "semantic"
    details = "tall"             # or "short" (the default)
    search = "exact"             # or "folded" (the default)

    [keys]                       # binding id = keys, comma-separated
    next-divergence = "n,ctrl+n"
    toggle-view = "V"

``--config PATH`` reads another file.  A file that is missing is no error; an
entry that is wrong is left out with one line naming the key and the
problem, and the app starts with everything else.  No Textual import: the
app checks the theme names and key ids it knows.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs

from sidebyside.engine.paths import APP_NAME

CONFIG_ENV = "SIDEBYSIDE_CONFIG"
FILE_NAME = "config.toml"
CHOICES = {
    "furniture": ("collapsed", "shown"),
    "matcher": ("lexical", "paraphrase", "semantic"),
    "details": ("short", "tall"),
    "search": ("folded", "exact"),
}
_KEY = re.compile(
    r"^[A-Za-z0-9_+\-]+$"
)  # one key as Textual names it: "n", "ctrl+n", "question_mark"


@dataclass
class Settings:
    """What the file asked for; None where it said nothing (or something wrong)."""

    path: Path | None = None
    theme: str | None = None
    furniture: str | None = None
    matcher: str | None = None
    details: str | None = None
    search: str | None = None
    keys: dict[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def config_path(override: str | os.PathLike[str] | None = None) -> Path:
    """The settings file: ``--config``, else ``SIDEBYSIDE_CONFIG``, else the platform's
    user config directory."""
    if override:
        return Path(override).expanduser()
    from_env = os.environ.get(CONFIG_ENV)
    if from_env:
        return Path(from_env).expanduser()
    return platformdirs.user_config_path(APP_NAME) / FILE_NAME


def load_settings(
    path: str | os.PathLike[str] | None = None, *, required: bool = False
) -> Settings:
    """Read the settings file; every problem is one line in ``problems``.

    ``required``: a missing file is a problem (it was named with ``--config``)."""
    where = config_path(path)
    settings = Settings(path=where)
    try:
        raw = where.read_bytes()
    except FileNotFoundError:
        if required:
            settings.problems.append(f"{where}: no such file; using the defaults.")
        return settings
    except OSError as error:
        settings.problems.append(f"{where}: cannot be read ({error.strerror or error}).")
        return settings
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        settings.problems.append(f"{where}: not UTF-8 text; using the defaults.")
        return settings
    except tomllib.TOMLDecodeError as error:
        settings.problems.append(f"{where}: not valid TOML ({error}); using the defaults.")
        return settings
    return read_table(data, settings)


def read_table(data: dict, settings: Settings | None = None) -> Settings:
    """The settings in a parsed TOML table."""
    settings = settings or Settings()
    where = f"{settings.path}: " if settings.path else ""

    def problem(message: str) -> None:
        settings.problems.append(f"{where}{message}")

    for name, value in data.items():
        if name == "keys":
            _read_keys(value, settings, problem)
        elif name == "theme":
            if isinstance(value, str) and value.strip():
                settings.theme = value.strip()
            else:
                problem(f"theme: expected a theme name in quotes, got {value!r}.")
        elif name in CHOICES:
            allowed = CHOICES[name]
            if isinstance(value, str) and value.strip().lower() in allowed:
                setattr(settings, name, value.strip().lower())
            else:
                problem(f"{name}: expected one of {', '.join(allowed)}, got {value!r}.")
        else:
            known = ", ".join(["theme", *CHOICES, "[keys]"])
            problem(f"{name}: not a setting (known: {known}).")
    return settings


def _read_keys(value, settings: Settings, problem) -> None:
    if not isinstance(value, dict):
        problem('keys: expected a [keys] table of binding id = "keys".')
        return
    for binding_id, keys in value.items():
        if not isinstance(keys, str) or not keys.strip():
            problem(f'keys.{binding_id}: expected keys in quotes, such as "n,ctrl+n".')
            continue
        parts = [k.strip() for k in keys.split(",")]
        bad = [k for k in parts if not _KEY.match(k)]
        if bad:
            problem(f"keys.{binding_id}: {bad[0]!r} is not a key name (such as n, ctrl+n, f5).")
            continue
        settings.keys[binding_id] = ",".join(parts)


EXAMPLE = """\
# sidebyside settings (TOML). Every line is optional.
theme = "textual-dark"        # any theme in the command palette (ctrl+p)
furniture = "collapsed"       # or "shown": page furniture in full, dimmed
matcher = "paraphrase"        # or "lexical", "semantic"
details = "short"             # or "tall": the details panel starts tall
search = "folded"             # or "exact"

[keys]                        # binding id = keys (ids are listed by ? and the README)
# next-divergence = "n,ctrl+n"
"""
