"""Every package the code imports is declared, so a fresh install has it.

A module that is installed here by hand but missing from pyproject.toml
works on a developer's machine and fails with ImportError on a user's.
"""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from functools import cache
from importlib.metadata import packages_distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "src" / "sidebyside"
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))


def normalised(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def requirement_name(requirement: str) -> str:
    return normalised(re.split(r"[\s<>=!~;\[(]", requirement, maxsplit=1)[0])


def declared(*groups: str) -> set[str]:
    """Distribution names in ``dependencies`` and the named optional groups."""
    project = PYPROJECT["project"]
    requirements = list(project["dependencies"])
    for group in groups:
        requirements += project["optional-dependencies"][group]
    return {requirement_name(r) for r in requirements}


def imported_modules(path: Path) -> set[str]:
    """Top-level names of the modules ``path`` imports, at any depth, absolute only."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module.split(".")[0])
    return names - set(sys.stdlib_module_names) - {"sidebyside", "__future__"}


@cache
def installed() -> dict[str, list[str]]:
    return packages_distributions()


def distributions(module: str) -> set[str]:
    """The distributions that provide ``module``; its own name when it is not installed."""
    found = installed().get(module)
    return {normalised(d) for d in found} if found else {normalised(module)}


def test_every_imported_package_is_a_declared_dependency():
    optional = [g for g in PYPROJECT["project"]["optional-dependencies"] if g != "test"]
    allowed = declared(*optional)
    missing = {
        f"{path.relative_to(ROOT)}: {module}"
        for path in sorted(SOURCE.rglob("*.py"))
        for module in imported_modules(path)
        if not distributions(module) & allowed
    }
    assert not missing, "imported but not declared in pyproject.toml: " + ", ".join(sorted(missing))


def test_the_tests_imports_are_in_the_test_extra():
    allowed = declared(*PYPROJECT["project"]["optional-dependencies"])
    local = {p.stem for p in (ROOT / "tests").rglob("*.py")}  # conftest, shared helpers
    missing = {
        f"{path.relative_to(ROOT)}: {module}"
        for path in sorted((ROOT / "tests").rglob("*.py"))
        for module in imported_modules(path) - local
        if not distributions(module) & allowed
    }
    assert not missing, "imported by tests but not in the test extra: " + ", ".join(sorted(missing))


def test_declared_packages_are_used():
    """Nothing is installed for nothing: each runtime dependency is imported somewhere,
    or is named for a reason pyproject.toml gives (a pin, or a package another needs)."""
    imported = set()
    for path in SOURCE.rglob("*.py"):
        for module in imported_modules(path):
            imported |= distributions(module)
    used_without_import = {
        "lxml-html-clean": "trafilatura's justext imports it (see pyproject.toml)",
        "wordllama": "engine/embeddings.py reads the vectors inside its wheel by path",
    }
    unused = declared() - imported - set(used_without_import)
    assert not unused, f"declared but never imported: {sorted(unused)}"


def test_every_data_file_ships_in_the_package():
    """A file the code reads beside its modules must be package data, or only an
    editable install (which reads src/) has it."""
    patterns = PYPROJECT["tool"]["setuptools"]["package-data"]["sidebyside"]
    data = [
        p.relative_to(SOURCE)
        for p in SOURCE.rglob("*")
        if p.is_file() and p.suffix not in (".py", ".pyc") and "__pycache__" not in p.parts
    ]
    missing = [str(p) for p in data if not any(p.match(pattern) for pattern in patterns)]
    assert not missing, f"not in [tool.setuptools.package-data]: {missing}"
