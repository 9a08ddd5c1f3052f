"""Page furniture in the views: collapsed to one dim line per run, expanded on request.

Furniture (bylines, "Related News", share prompts) is marked per sentence by
the engine and never deleted.  By default each run of it is one dim line
("◇ 9 lines of page furniture") that the keys looking for material skip;
the furniture key expands every run, dimmed.  A row that also holds a story
sentence is always shown, its furniture dimmed.
"""

from __future__ import annotations

from collections.abc import Sequence

from sidebyside.engine.model import Document


def furniture_ranges(
    document: Document, sentences: Sequence[int], offsets: Sequence[int], length: int
) -> list[tuple[int, int]]:
    """Ranges of a joined cell's text (sentences at ``offsets``) that are furniture."""
    if not document.furniture:
        return []
    out = []
    for k, n in enumerate(sentences):
        if n in document.furniture:
            end = offsets[k + 1] - 1 if k + 1 < len(offsets) else length
            out.append((offsets[k], end))
    return out


def nearest_shown(doc: Document, sentence: int, step: int = 1) -> int:
    """``sentence`` if it is story, else the nearest story sentence, ``step``-wards first."""
    furniture = doc.furniture
    if sentence not in furniture:
        return sentence
    count = len(doc.sentences)
    for direction in (step, -step):
        k = sentence + direction
        while 0 <= k < count:
            if k not in furniture:
                return k
            k += direction
    return sentence  # all furniture: nothing better to show


def runs_of(sentences: Sequence[int], furniture: frozenset[int]) -> list[tuple[int, ...]]:
    """``sentences`` cut into runs: each furniture run together, every story sentence alone."""
    out: list[tuple[int, ...]] = []
    run: list[int] = []
    for n in sentences:
        if n in furniture:
            run.append(n)
            continue
        if run:
            out.append(tuple(run))
            run = []
        out.append((n,))
    if run:
        out.append(tuple(run))
    return out


def furniture_line(count: int, tags: Sequence[str] = ()) -> str:
    """What a collapsed run of furniture says in place of its lines."""
    lines = "line" if count == 1 else "lines"
    whose = f" ({', '.join(tags)})" if tags else ""
    return f"◇ {count} {lines} of page furniture{whose} · f shows them"
