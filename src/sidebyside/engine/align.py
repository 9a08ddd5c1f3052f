"""Sentence alignment across N articles (placeholder: exact matches only)."""

from __future__ import annotations

from sidebyside.engine.model import Document, Member
from sidebyside.engine.normalize import fold


def align(documents: list[Document]) -> list[tuple[tuple[Member, ...], float]]:
    by_text: dict[str, list[Member]] = {}
    for d, doc in enumerate(documents):
        for s in doc.sentences:
            by_text.setdefault(fold(s.text), []).append(Member(d, s.index))
    out = []
    for members in by_text.values():
        seen: set[int] = set()
        group = []
        for m in members:
            if m.doc in seen:
                out.append(((m,), 1.0))
            else:
                seen.add(m.doc)
                group.append(m)
        out.append((tuple(group), 1.0))
    return out
