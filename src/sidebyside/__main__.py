"""Allow ``python -m sidebyside``."""

from sidebyside.cli import entry

entry()
