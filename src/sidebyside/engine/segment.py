"""Sentence segmentation (placeholder: one sentence per non-empty line)."""

from __future__ import annotations

import re

from sidebyside.engine.model import Sentence


def split_sentences(text: str) -> list[Sentence]:
    out: list[Sentence] = []
    paragraph = 0
    for m in re.finditer(r"[^\r\n]+", text):
        line = m.group()
        if not line.strip():
            continue
        lead = len(line) - len(line.lstrip())
        start = m.start() + lead
        end = m.start() + len(line.rstrip())
        out.append(Sentence(len(out), start, end, text[start:end], paragraph))
        paragraph += 1
    return out
