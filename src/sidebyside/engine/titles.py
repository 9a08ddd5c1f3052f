"""What to call an article: the title its page gave it, else its headline line.

Journalists recognise an article by its headline, not by a file name such as
``002_6cbf5e1e95ccfc53.txt``.  Saved pages often open with page furniture
("Stay up to date with notifications ..."), which names nothing, so the
first line of the story is used, never the first line of the file.
"""

from __future__ import annotations

from sidebyside.engine.model import Document, Sentence

TITLE_MAX = 120  # a longer first line is a paragraph, cut at a word


def _first_story_sentence(doc: Document) -> Sentence | None:
    return next((s for s in doc.sentences if s.index not in doc.furniture), None)


def _line_of(doc: Document, sentence: Sentence) -> tuple[str, bool]:
    """The story's first line and whether it is a line of its own (nothing before it)."""
    text = doc.text
    line_start = text.rfind("\n", 0, sentence.start) + 1
    alone = not text[line_start : sentence.start].strip()
    start = line_start if alone else sentence.start
    line_end = text.find("\n", sentence.start)
    return " ".join(text[start : len(text) if line_end < 0 else line_end].split()), alone


def headline(doc: Document) -> str | None:
    """The page's title, or the story's first line when it reads as a headline.

    A headline stands on a line of its own, is short, has at least three words
    and no final full stop; None when the article has no such line.
    """
    if doc.title and doc.title.strip():
        return " ".join(doc.title.split())
    first = _first_story_sentence(doc)
    if first is None:
        return None
    line, alone = _line_of(doc, first)
    if not alone or not line or len(line) > TITLE_MAX or line.endswith((".", ":", ";", ",")):
        return None
    if len(line.split()) < 3:
        return None
    return line


def title(doc: Document) -> str:
    """A title for every article: its headline, else its first story line (cut at a
    word to ``TITLE_MAX`` characters), else its file name."""
    found = headline(doc)
    if found:
        return found
    first = _first_story_sentence(doc)
    line = _line_of(doc, first)[0] if first is not None else ""
    if not line:
        return doc.name
    if len(line) <= TITLE_MAX:
        return line
    cut = line[: TITLE_MAX - 1]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:-") + "…"
