"""Where sidebyside keeps the user's files: the one place that knows these paths.

The notes store lives under ``platformdirs.user_data_path("sidebyside")``;
``SIDEBYSIDE_DATA_DIR`` or ``--data-dir`` move it (tests always do, so they
never touch a real user's notes).
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "sidebyside"
DATA_DIR_ENV = "SIDEBYSIDE_DATA_DIR"


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The data directory: the flag's value, else the environment's, else the platform's."""
    if override:
        return Path(override).expanduser()
    from_env = os.environ.get(DATA_DIR_ENV)
    if from_env:
        return Path(from_env).expanduser()
    return platformdirs.user_data_path(APP_NAME)


def notes_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """Where each comparison's notes store sits."""
    return data_dir(override) / "notes"


def exports_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """Where Markdown exports go when no ``--notes`` file was named."""
    return data_dir(override) / "exports"
