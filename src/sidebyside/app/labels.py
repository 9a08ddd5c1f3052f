"""Names for articles: a headline or file name for pane headers, a short tag for sentences.

Journalists recognise an article by its headline; a tag such as ``002`` or
``v03`` is short enough to repeat in every line of the details strip.
"""

from __future__ import annotations

import os
import re

from sidebyside.engine.model import Document
from sidebyside.engine.sanitize import visible

HEADLINE_MAX = 120
_TAG = re.compile(r"^([A-Za-z]*\d+)[_\-. ]")


def headline(doc: Document) -> str | None:
    """The article's first story line when it reads as a headline (short, no final full stop).

    Page furniture ("Stay up to date with notifications...") is skipped: it
    often comes first on a saved page but names nothing.
    """
    if doc.title:
        return visible(doc.title).strip() or None
    story = (s for s in doc.sentences if s.index not in doc.furniture)
    first_sentence = next(story, None)
    if first_sentence is None:
        return None
    line_start = doc.text.rfind("\n", 0, first_sentence.start) + 1
    if doc.text[line_start : first_sentence.start].strip():
        return None  # the story starts inside a line: no headline line
    line_end = doc.text.find("\n", first_sentence.start)
    first = doc.text[line_start : len(doc.text) if line_end < 0 else line_end].strip()
    if not first or len(first) > HEADLINE_MAX or first.endswith((".", ":", ";", ",")):
        return None
    if len(first.split()) < 3:
        return None
    return visible(first)


def display_name(doc: Document) -> str:
    """What a pane header calls the article."""
    return headline(doc) or visible(doc.name)


def short_tag(doc: Document, index: int) -> str:
    """A few characters naming the article: a file-name prefix like ``002``, else its number."""
    stem = os.path.splitext(doc.name)[0]
    match = _TAG.match(stem + " ")
    if match and len(match.group(1)) <= 6:
        return visible(match.group(1))
    if len(stem) <= 8:
        return visible(stem)
    return str(index + 1)
