"""Names for articles: a title for pane headers, a short tag for sentences.

Journalists recognise an article by its headline; a tag such as ``002`` or
``v03`` is short enough to repeat in every line of the details panel.  The
title is the engine's (``engine.titles``), so the headers, the notes export
and the JSON reports call an article the same thing.
"""

from __future__ import annotations

import os
import re

from sidebyside.engine.model import Document
from sidebyside.engine.sanitize import visible
from sidebyside.engine.titles import title

_TAG = re.compile(r"^([A-Za-z]*\d+)[_\-. ]")


def display_name(doc: Document) -> str:
    """What a pane header calls the article: its title, made safe to show."""
    return visible(title(doc))


def short_tag(doc: Document, index: int) -> str:
    """A few characters naming the article: a file-name prefix like ``002``, else its number."""
    stem = os.path.splitext(doc.name)[0]
    match = _TAG.match(stem + " ")
    if match and len(match.group(1)) <= 6:
        return visible(match.group(1))
    if len(stem) <= 8:
        return visible(stem)
    return str(index + 1)
