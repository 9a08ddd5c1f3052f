"""Notes on sentences: what a note is, where it points, and how it finds its place again.

A note is anchored either to a whole row (a group of matching sentences) or
to one article's sentence.  The anchor quotes every sentence it covers with
the article's content hash, the sentence's index, text and offsets: if the
article changes, the quote is enough to find the sentence again, and a note
whose sentence is gone is kept as *detached* instead of being dropped.
No Textual import.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta

from rapidfuzz import fuzz, process

from sidebyside.engine.model import Comparison, Document, Member
from sidebyside.engine.sanitize import visible

DEFAULT_TAGS = ("discrepancy", "unsourced", "copied", "check", "ok")
GROUP, SENTENCE = "group", "sentence"
# fuzz.ratio (0-100) a changed sentence must reach to carry a note; below it
# the note is detached rather than pinned to an unrelated sentence.
REANCHOR_THRESHOLD = 70.0


def now_stamp() -> str:
    """UTC time with microseconds; ISO strings compare in time order."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def after(stamp: str) -> str:
    """The stamp one microsecond after ``stamp`` (for edits made within the same tick)."""
    try:
        moment = datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)
    except ValueError:
        return now_stamp()
    return (moment + timedelta(microseconds=1)).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def new_id() -> str:
    return uuid.uuid4().hex


def clean_tag(tag: str | None) -> str | None:
    """A tag as stored: trimmed, lower case, inner spaces as hyphens, control characters
    made visible; empty means none."""
    if tag is None:
        return None
    tag = "-".join(visible(str(tag)).strip().lower().split())
    return tag or None


@dataclass(frozen=True, slots=True)
class Quote:
    """One sentence a note covers, as it read when the note was anchored."""

    sha256: str  # content hash of the article
    index: int  # sentence number in that article (-1: unknown, find it by text)
    text: str
    start: int
    end: int

    def to_dict(self) -> dict:
        return {
            "sha256": self.sha256,
            "index": self.index,
            "text": self.text,
            "start": self.start,
            "end": self.end,
        }

    @classmethod
    def from_dict(cls, data: dict) -> Quote:
        return cls(
            sha256=str(data["sha256"]),
            index=int(data.get("index", -1)),
            text=str(data["text"]),
            start=int(data.get("start", -1)),
            end=int(data.get("end", -1)),
        )


@dataclass(frozen=True, slots=True)
class Anchor:
    """A whole row (``group``) or one article's sentence (``sentence``)."""

    scope: str
    quotes: tuple[Quote, ...]

    def to_dict(self) -> dict:
        return {"scope": self.scope, "quotes": [q.to_dict() for q in self.quotes]}

    @classmethod
    def from_dict(cls, data: dict) -> Anchor:
        scope = str(data.get("scope", GROUP))
        if scope not in (GROUP, SENTENCE):
            raise ValueError(f"unknown anchor scope {scope!r}")
        quotes = tuple(Quote.from_dict(q) for q in data["quotes"])
        if not quotes:
            raise ValueError("an anchor needs at least one quoted sentence")
        return cls(scope, quotes)


@dataclass(slots=True)
class Note:
    """A note; ``deleted`` notes are tombstones so a deletion survives a merge."""

    id: str
    text: str
    tag: str | None
    anchor: Anchor
    created_at: str = field(default_factory=now_stamp)
    updated_at: str = field(default_factory=now_stamp)
    deleted: bool = False
    detached: bool = False  # worked out against the articles, never stored

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "text": self.text,
            "tag": self.tag,
            "anchor": self.anchor.to_dict(),
            "created_at": self.created_at,
            "updated_at": self.updated_at,
            "deleted": self.deleted,
        }

    @classmethod
    def from_dict(cls, data: dict) -> Note:
        return cls(
            id=str(data["id"]),
            text=str(data.get("text", "")),
            tag=clean_tag(data.get("tag")),
            anchor=Anchor.from_dict(data["anchor"]),
            created_at=str(data.get("created_at", "")),
            updated_at=str(data.get("updated_at", "")),
            deleted=bool(data.get("deleted", False)),
        )


@dataclass(frozen=True, slots=True)
class ArticleRef:
    """An article as the notes knew it: enough to recognise it after an edit."""

    sha256: str
    path: str
    title: str | None = None

    @classmethod
    def of(cls, doc: Document, title: str | None = None) -> ArticleRef:
        return cls(doc.sha256, doc.path, title if title is not None else doc.title)

    def to_dict(self) -> dict:
        return {"sha256": self.sha256, "path": self.path, "title": self.title}

    @classmethod
    def from_dict(cls, data: dict) -> ArticleRef:
        title = data.get("title")
        return cls(
            str(data["sha256"]), str(data.get("path", "")), None if title is None else str(title)
        )


# -- making anchors -----------------------------------------------------------
def _quote(doc: Document, sentence: int) -> Quote:
    s = doc.sentences[sentence]
    return Quote(doc.sha256, s.index, s.text, s.start, s.end)


def group_anchor(comparison: Comparison, group: int) -> Anchor:
    """An anchor on a whole row: every sentence of every article in it."""
    members = sorted(comparison.groups[group].members)
    docs = comparison.documents
    return Anchor(GROUP, tuple(_quote(docs[m.doc], m.sentence) for m in members))


def sentence_anchor(documents: Sequence[Document], doc: int, sentence: int) -> Anchor:
    return Anchor(SENTENCE, (_quote(documents[doc], sentence),))


# -- merging ------------------------------------------------------------------
def merge(base: Iterable[Note], incoming: Iterable[Note]) -> list[Note]:
    """Every note of both, by id; the later ``updated_at`` wins, ``incoming`` on a tie.

    Deletions are tombstones with their own time, so a note deleted in one
    copy and untouched in the other stays deleted, and one edited after the
    deletion comes back.
    """
    out: dict[str, Note] = {n.id: n for n in base}
    for note in incoming:
        held = out.get(note.id)
        if held is None or note.updated_at >= held.updated_at:
            out[note.id] = note
    return sorted(out.values(), key=lambda n: (n.created_at, n.id))


# -- finding sentences again --------------------------------------------------
def match_articles(
    known: Sequence[ArticleRef], documents: Sequence[Document], *, by_position: bool = True
) -> dict[str, int]:
    """Which of ``documents`` each known article hash now stands for.

    Same content first; then the same file name; then, with ``by_position``,
    if exactly one known article and one document are left, those two (a
    notes file names its articles, so an edited and renamed one is still it).
    """
    out: dict[str, int] = {}
    by_sha = {d.sha256: k for k, d in enumerate(documents)}
    for ref in known:
        if ref.sha256 in by_sha:
            out[ref.sha256] = by_sha[ref.sha256]
    used = set(out.values())
    left = [ref for ref in known if ref.sha256 not in out]
    free = [k for k in range(len(documents)) if k not in used]
    for ref in list(left):
        name = os.path.basename(ref.path)
        same = [k for k in free if name and os.path.basename(documents[k].path) == name]
        if len(same) == 1:
            out[ref.sha256] = same[0]
            free.remove(same[0])
            left.remove(ref)
    if by_position and len(left) == 1 and len(free) == 1:
        out[left[0].sha256] = free[0]
    for doc_sha, k in by_sha.items():  # quotes taken against the open articles
        out.setdefault(doc_sha, k)
    return out


def find_sentence(doc: Document, quote: Quote, threshold: float = REANCHOR_THRESHOLD) -> int | None:
    """The sentence of ``doc`` that best matches the quoted text, or None below ``threshold``."""
    sentences = doc.sentences
    if 0 <= quote.index < len(sentences) and sentences[quote.index].text == quote.text:
        return quote.index
    exact = [s.index for s in sentences if s.text == quote.text]
    if exact:
        return min(exact, key=lambda i: abs(i - quote.index))
    if not sentences:
        return None
    found = process.extract(
        quote.text,
        [s.text for s in sentences],
        scorer=fuzz.ratio,
        score_cutoff=threshold,
        limit=5,
    )
    if not found:
        return None
    best = max(score for _, score, _ in found)
    # Among equally good matches, the one nearest to where the sentence was.
    return min((i for _, score, i in found if score == best), key=lambda i: abs(i - quote.index))


def place_quote(quote: Quote, where: dict[str, int], documents: Sequence[Document]) -> Quote | None:
    """``quote`` pointed at its sentence in ``documents`` (``where``: from ``match_articles``),
    or None when its article is not open or the sentence is not found."""
    k = where.get(quote.sha256)
    if k is None:
        return None
    doc = documents[k]
    if quote.sha256 == doc.sha256 and 0 <= quote.index < len(doc.sentences):
        s = doc.sentences[quote.index]
        if s.text == quote.text:
            return Quote(doc.sha256, s.index, s.text, s.start, s.end)
    index = find_sentence(doc, quote)
    return None if index is None else _quote(doc, index)


def reanchor(
    notes: Iterable[Note], known: Sequence[ArticleRef], documents: Sequence[Document]
) -> list[Note]:
    """Notes pointed at ``documents``: quotes follow their sentence, lost ones are detached.

    Documents must be segmented.  A note stays attached while at least one of
    its quotes is found; only the quotes found are kept on an attached note,
    and a detached note keeps all its quotes as they were.
    """
    where = match_articles(known, documents)
    out = []
    for note in notes:
        found = [p for p in (place_quote(q, where, documents) for q in note.anchor.quotes) if p]
        if found:
            anchor = Anchor(note.anchor.scope, tuple(dict.fromkeys(found)))
            out.append(replace(note, anchor=anchor, detached=False))
        else:
            out.append(replace(note, detached=True))
    return out


def member_of(quote: Quote, documents: Sequence[Document]) -> Member | None:
    """The sentence a (re-anchored) quote points at, if its article is open."""
    for k, doc in enumerate(documents):
        if doc.sha256 == quote.sha256 and 0 <= quote.index < len(doc.sentences):
            return Member(k, quote.index)
    return None


@dataclass(frozen=True, slots=True)
class Place:
    """Where an attached note sits in a comparison: its row, and its sentence if it has one."""

    group: int
    doc: int | None  # None for a note on the whole row
    sentence: int | None


def locate(note: Note, comparison: Comparison, pivot: int = 0) -> Place | None:
    """The note's place in ``comparison``; None for a detached note.

    A row note sits in the group of its quote in the pivot (or its first quote).
    """
    if note.detached:
        return None
    members = [m for m in (member_of(q, comparison.documents) for q in note.anchor.quotes) if m]
    if not members:
        return None
    index = comparison.group_index
    members = [m for m in members if m in index]
    if not members:
        return None
    first = next((m for m in members if m.doc == pivot), members[0])
    if note.anchor.scope == SENTENCE:
        return Place(index[first], first.doc, first.sentence)
    return Place(index[first], None, None)
