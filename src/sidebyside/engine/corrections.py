"""Corrections to the alignment: a sentence linked to another article's, or unlinked.

The machine's grouping stays as it was computed; corrections are replayed on
top of it in the order they were made, so a later correction of the same
sentence wins and two copies of the list merge like notes (by id, later
``updated_at`` wins, deletions are tombstones).  Both ends of a correction
are anchored like notes (article hash, sentence index, quoted text): when an
article changed the quote finds its sentence again, and a correction whose
sentence is gone is kept as *detached* and not applied.  No Textual import.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from sidebyside.engine.diff import diff_group
from sidebyside.engine.model import MANUAL, Comparison, Document, Group, Link, Member
from sidebyside.engine.notes import (
    ArticleRef,
    Quote,
    match_articles,
    member_of,
    new_id,
    now_stamp,
    place_quote,
)
from sidebyside.engine.order import pivot_order

LINK, UNLINK = "link", "unlink"
ACTIONS = (LINK, UNLINK)
# Score of a row the user made shared out of sentences the machine left apart.
LINKED_SCORE = 1.0


@dataclass(slots=True)
class Correction:
    """``link``: ``sentence`` joins the row of ``target`` (another article's sentence).
    ``unlink``: ``sentence`` becomes a row of its own."""

    id: str
    action: str
    sentence: Quote
    target: Quote | None = None
    created_at: str = field(default_factory=now_stamp)
    updated_at: str = field(default_factory=now_stamp)
    deleted: bool = False
    detached: bool = False  # worked out against the articles, never stored

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "action": self.action,
            "sentence": self.sentence.to_dict(),
            "target": None if self.target is None else self.target.to_dict(),
            "created_at": self.created_at,
            "updated_at": self.updated_at,
            "deleted": self.deleted,
        }

    @classmethod
    def from_dict(cls, data: dict) -> Correction:
        action = str(data["action"])
        if action not in ACTIONS:
            raise ValueError(f"unknown correction {action!r}")
        target = data.get("target")
        if action == LINK and not target:
            raise ValueError("a link needs a target sentence")
        return cls(
            id=str(data["id"]),
            action=action,
            sentence=Quote.from_dict(data["sentence"]),
            target=Quote.from_dict(target) if action == LINK else None,
            created_at=str(data.get("created_at", "")),
            updated_at=str(data.get("updated_at", "")),
            deleted=bool(data.get("deleted", False)),
        )


def _quote(doc: Document, sentence: int) -> Quote:
    s = doc.sentences[sentence]
    return Quote(doc.sha256, s.index, s.text, s.start, s.end)


def link(documents: Sequence[Document], member: Member, target: Member) -> Correction:
    """A correction moving ``member`` into the row of ``target`` (another article's)."""
    if member.doc == target.doc:
        raise ValueError("a sentence is linked to another article's sentence")
    source = _quote(documents[member.doc], member.sentence)
    return Correction(new_id(), LINK, source, _quote(documents[target.doc], target.sentence))


def unlink(documents: Sequence[Document], member: Member) -> Correction:
    """A correction taking ``member`` out of its row into one of its own."""
    return Correction(new_id(), UNLINK, _quote(documents[member.doc], member.sentence))


def reanchor_corrections(
    corrections: Iterable[Correction],
    known: Sequence[ArticleRef],
    documents: Sequence[Document],
) -> list[Correction]:
    """Corrections pointed at ``documents``; one with an end that is not found is detached."""
    where = match_articles(known, documents)
    out = []
    for c in corrections:
        sentence = place_quote(c.sentence, where, documents)
        target = None if c.target is None else place_quote(c.target, where, documents)
        if sentence is None or (c.target is not None and target is None):
            out.append(replace(c, detached=True))
        else:
            out.append(replace(c, sentence=sentence, target=target, detached=False))
    return out


def in_order(corrections: Iterable[Correction]) -> list[Correction]:
    """Live corrections in the order they were made (the order they apply in)."""
    return sorted((c for c in corrections if not c.deleted), key=lambda c: (c.created_at, c.id))


def apply_corrections(
    comparison: Comparison,
    corrections: Iterable[Correction],
    *,
    known: Sequence[ArticleRef] = (),
    pivot: int = 0,
    with_diffs: bool | None = None,
) -> Comparison:
    """``comparison`` with the corrections applied, rows in ``pivot``'s reading order.

    Quotes are re-anchored first (``known``: the articles the corrections were
    made on, when they may have changed); detached corrections are skipped.
    Untouched groups are kept as they are; touched ones are re-diffed when
    ``with_diffs`` (default: when the comparison carries diffs).
    """
    documents = comparison.documents
    placed = reanchor_corrections(in_order(corrections), known, documents)
    if with_diffs is None:
        with_diffs = any(g.diffs for g in comparison.groups)
    members = [list(g.members) for g in comparison.groups]
    where = dict(comparison.group_index)
    touched: set[int] = set()
    moved: dict[Member, str] = {}  # the sentences the reader placed, and how
    for c in placed:
        if c.detached:
            continue
        source = member_of(c.sentence, documents)
        if source is None or source not in where:
            continue
        home = where[source]
        if c.action == LINK:
            target = member_of(c.target, documents)
            if target is None or target not in where or target.doc == source.doc:
                continue
            new_home = where[target]
            if new_home == home:
                continue
        else:
            if len(members[home]) == 1:
                continue  # already a row of its own
            new_home = len(members)
            members.append([])
        members[home].remove(source)
        members[new_home].append(source)
        where[source] = new_home
        moved[source] = c.action
        touched.update((home, new_home))
    if not touched:
        return comparison
    links = _corrected_links(comparison.links, members, where, moved)
    inside: dict[int, list[Link]] = {}
    for item in links:
        if where.get(item.a) == where.get(item.b):
            inside.setdefault(where[item.a], []).append(item)
    groups: list[Group] = []
    for k, group_members in enumerate(members):
        if not group_members:
            continue
        if k not in touched:
            groups.append(comparison.groups[k])
            continue
        ordered = tuple(sorted(group_members))
        old = comparison.groups[k] if k < len(comparison.groups) else None
        shared = len({m.doc for m in ordered}) > 1
        if not shared:
            score = 0.0
        elif old is not None and old.is_shared:
            score = old.score
        else:
            score = LINKED_SCORE
        group = Group(ordered, score, (), tuple(sorted(inside.get(k, ()))))
        if with_diffs and shared:
            group.diffs = diff_group(documents, ordered, group.reference(pivot))
        groups.append(group)
    groups = [groups[k] for k in pivot_order(groups, pivot)]
    return Comparison(documents=documents, groups=groups, matcher=comparison.matcher, links=links)


def _corrected_links(
    links: Sequence[Link],
    members: list[list[Member]],
    where: dict[Member, int],
    moved: dict[Member, str],
) -> list[Link]:
    """The machine's links, less those of sentences the reader moved, plus the reader's.

    A sentence linked by hand is linked to every sentence of the other articles
    in its new row; one unlinked by hand keeps no link.
    """
    kept = [item for item in links if item.a not in moved and item.b not in moved]
    added = {}
    for member, action in moved.items():
        if action != LINK:
            continue
        for other in members[where[member]]:
            if other.doc != member.doc:
                a, b = sorted((member, other))
                added[(a, b)] = Link(a, b, LINKED_SCORE, MANUAL)
    return sorted(kept + list(added.values()))


def corrections_from_data(data: object) -> tuple[list[ArticleRef], list[Correction], list[str]]:
    """Articles and corrections of a JSON document (a notes store, or ``{"corrections": [...]}``
    with optional ``"articles"``), and the problems met; unreadable entries are skipped."""
    problems: list[str] = []
    if isinstance(data, list):
        data = {"corrections": data}
    if not isinstance(data, dict):
        return [], [], ["not a JSON object with a 'corrections' list"]
    articles: list[ArticleRef] = []
    try:
        articles = [ArticleRef.from_dict(a) for a in data.get("articles", [])]
    except (ValueError, TypeError, KeyError, AttributeError) as e:
        problems.append(f"the articles could not be read ({e})")
    out: list[Correction] = []
    raw = data.get("corrections", [])
    if not isinstance(raw, list):
        return articles, [], ["'corrections' is not a list"]
    for k, item in enumerate(raw, 1):
        try:
            out.append(Correction.from_dict(item))
        except (ValueError, TypeError, KeyError, AttributeError) as e:
            problems.append(f"correction {k} could not be read ({e}); skipped")
    return articles, out, problems
