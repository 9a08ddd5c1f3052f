"""Every test runs with its own data and cache directories, never the user's.

The paraphrase matcher (the plain install's default) is the default here, so
tests behave the same whether or not the semantic extra is installed.
"""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _private_dirs(monkeypatch, tmp_path_factory):
    base = tmp_path_factory.mktemp("user-dirs")
    monkeypatch.setenv("SIDEBYSIDE_DATA_DIR", str(base / "data"))
    monkeypatch.setenv("SIDEBYSIDE_CACHE_DIR", str(base / "cache"))
    monkeypatch.setenv("XDG_DATA_HOME", str(base / "xdg-data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(base / "xdg-cache"))
    monkeypatch.setenv("SIDEBYSIDE_MATCHER", "paraphrase")
