"""Word-level differences between aligned sentences (placeholder)."""

from __future__ import annotations

from sidebyside.engine.model import Document, Member, PairDiff


def diff_group(documents: list[Document], members: tuple[Member, ...]) -> tuple[PairDiff, ...]:
    return ()
