"""Articles the engine tests share: the seed files, and documents with chosen sentences."""

from __future__ import annotations

from pathlib import Path

from sidebyside.engine.model import Document, Sentence

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SEED = {p.name[:3]: p for p in sorted(SEEDS.glob("*.txt"))}


def doc_with(text: str, *sentences: str, path: str = "x.txt") -> Document:
    """A document whose sentences are exactly the given substrings of ``text``, in order."""
    doc = Document(path=path, text=text)
    at = 0
    for n, s in enumerate(sentences):
        start = text.index(s, at)
        at = start + len(s)
        doc.sentences.append(Sentence(n, start, at, s, n))
    return doc
