"""Two versions of one sentence (or a few), aligned as one row, and their labels."""

from __future__ import annotations

from sidebyside.engine.divergence import classify_group
from sidebyside.engine.model import Document, Group, Member, Sentence
from sidebyside.engine.segment import split_sentences


def docs_of(*texts: str) -> list[Document]:
    out = []
    for n, text in enumerate(texts):
        doc = Document(path=f"{n}.txt", text=text)
        doc.sentences = [Sentence(0, 0, len(text), text, 0)]
        out.append(doc)
    return out


def row(*texts: str) -> tuple[list[Document], Group]:
    """Each text one article of one sentence, all in one row without links (all linked)."""
    docs = docs_of(*texts)
    return docs, Group(tuple(Member(d, 0) for d in range(len(docs))), 0.8)


def labels(a: str, b: str, kind: str | None = None) -> list[tuple[str, str, str, str]]:
    docs, group = row(a, b)
    return [
        (d.kind, d.change, d.a_text, d.b_text)
        for d in classify_group(docs, group)
        if kind is None or d.kind == kind
    ]


def articles(*texts: str) -> list[Document]:
    """Articles split into sentences by the engine's segmenter."""
    docs = [Document(path=f"{n}.txt", text=t) for n, t in enumerate(texts)]
    for doc in docs:
        doc.sentences = split_sentences(doc.text)
    return docs
