"""What the text and Markdown reports show alike, before either formats it.

Both show every article's sentences against one reference (the pivot, or the
group's first article when the pivot lacks it); this turns the group's pair
diff into marks on the article's own text.  Both also say which articles
placed a row's material elsewhere, and set page furniture apart at the end.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from sidebyside.engine.divergence import Divergence, classify_group
from sidebyside.engine.model import Comparison, Group, Member, PairDiff
from sidebyside.engine.moves import Move, find_moves
from sidebyside.engine.provenance import ArticleOverview, Overview, PairShare, strip_chars
from sidebyside.engine.sanitize import visible

ADDED = "added"  # words only in this article
REPLACED = "replaced"  # words this article has in place of the reference's
MINOR = "minor"  # punctuation-only change
ELSEWHERE = "⇄"  # a sentence that also matches a sentence of another row

# Below this word similarity two versions are reworded throughout: marking every
# word would only repeat the reference line struck through, so nothing is marked.
MIN_SIMILARITY = 0.2


@dataclass(frozen=True, slots=True)
class Mark:
    """A styled range ``start:end`` of the article's text (absolute offsets)."""

    start: int
    end: int
    kind: str


@dataclass(frozen=True, slots=True)
class Removal:
    """Reference text this article lacks, shown at offset ``at`` of the article."""

    at: int
    text: str
    minor: bool


def reference_of(group: Group, pivot: int) -> int:
    docs = group.docs
    return pivot if pivot in docs else docs[0]


def _pair(group: Group, x: int, y: int) -> PairDiff | None:
    for pd in group.diffs:
        if (pd.a, pd.b) in ((x, y), (y, x)):
            return pd
    return None


def marks_against(group: Group, doc: int, ref: int) -> tuple[list[Mark], list[Removal]]:
    """Marks on ``doc``'s text and the reference text it lacks, in text order."""
    if doc == ref:
        return [], []
    pd = _pair(group, doc, ref)
    if pd is None or pd.similarity < MIN_SIMILARITY:
        return [], []
    mine_is_b = pd.b == doc
    marks: list[Mark] = []
    removals: list[Removal] = []
    for op in pd.ops:
        if op.tag == "equal":
            continue
        if mine_is_b:
            mine, theirs, at, end = op.b, op.a, op.b_start, op.b_end
        else:
            mine, theirs, at, end = op.a, op.b, op.a_start, op.a_end
        if theirs:
            removals.append(Removal(at, theirs, op.minor))
        if mine:
            kind = MINOR if op.minor else (REPLACED if theirs else ADDED)
            marks.append(Mark(at, end, kind))
    return marks, removals


REMOVED = "removed"  # reference words this article lacks
REMOVED_MINOR = "removed-minor"


def segments(
    text: str, spans: list[tuple[int, int]], marks: list[Mark], removals: list[Removal]
) -> list[tuple[str, str | None]]:
    """The article's sentences (``spans`` of ``text``) as ``(piece, kind)`` runs.

    Sentences are joined by one space; reference text the article lacks is
    spliced in where it would go, with any space that keeps it apart from a
    neighbouring word inside its piece.  Every piece is made safe with ``visible``.
    """
    out: list[tuple[str, str | None]] = []
    pending = sorted(removals, key=lambda r: r.at)
    r = 0

    def emit(piece: str, kind: str | None) -> None:
        if not piece:
            return
        piece = visible(piece)
        if out and out[-1][1] == kind:
            out[-1] = (out[-1][0] + piece, kind)
        else:
            out.append((piece, kind))

    def flush(upto: int, inclusive: bool) -> None:
        nonlocal r
        while r < len(pending) and (pending[r].at < upto or (inclusive and pending[r].at == upto)):
            removal = pending[r]
            # Keep removed words apart from their neighbours so they read as
            # words.  The space goes with the removed words: take them out and
            # the article's own text is left, spaced as written.
            piece = removal.text
            if out and out[-1][0][-1:].isalnum() and piece[:1].isalnum():
                piece = " " + piece
            if text[removal.at : removal.at + 1].isalnum() and piece[-1:].isalnum():
                piece += " "
            emit(piece, REMOVED_MINOR if removal.minor else REMOVED)
            r += 1

    for n, (start, end) in enumerate(spans):
        if n:
            emit(" ", None)
        cuts = {start, end}
        for m in marks:
            if m.end > start and m.start < end:
                cuts.add(max(m.start, start))
                cuts.add(min(m.end, end))
        for removal in pending:
            if start <= removal.at <= end:
                cuts.add(removal.at)
        points = sorted(cuts)
        for p, q in pairwise(points):
            flush(p, inclusive=True)
            kind = next((m.kind for m in marks if m.start <= p and q <= m.end), None)
            emit(text[p:q], kind)
        flush(end, inclusive=n == len(spans) - 1)
    flush(len(text) + 1, inclusive=True)
    return out


def divergences_against(comparison: Comparison, group: Group, ref: int) -> list[Divergence]:
    """Labelled divergences of each other version against the reference's, in the
    order the versions are shown."""
    others = [d for d in group.docs if d != ref]
    if not others:
        return []
    return list(classify_group(comparison.documents, group, [(ref, d) for d in others]))


def share_cell(p: PairShare) -> str:
    """``verbatim/reworded`` in whole percent, e.g. ``41/11``."""
    return f"{p.verbatim * 100:.0f}/{p.reworded * 100:.0f}"


def strip_cell(strip: tuple[float | None, ...]) -> str:
    return f"▕{strip_chars(strip)}▏"


def source_cells(article: ArticleOverview, ov: Overview) -> tuple[str, str, str]:
    """Likely source, most shared and closest wording, as ``[n]`` (or a word why not)."""
    if article.likely_source is not None:
        source = f"[{article.likely_source + 1}]"
    elif article.most_shared is not None and ov.central == article.doc:
        source = "none: central"
    else:
        source = "none"

    def ref(doc: int | None) -> str:
        return "-" if doc is None else f"[{doc + 1}]"

    return source, ref(article.most_shared), ref(article.closest)


def moves_by_group(comparison: Comparison, pivot: int) -> dict[int, list[Move]]:
    """The moves seen from ``pivot``, by the group they are in."""
    out: dict[int, list[Move]] = {}
    for move in find_moves(comparison, pivot):
        out.setdefault(move.group, []).append(move)
    return out


def move_phrase(comparison: Comparison, move: Move) -> str:
    """Where the article has the row's material, in the report's own numbers (plain text)."""
    where = (
        f"[{move.doc + 1}] has this elsewhere: ¶{move.paragraph + 1}, sentence {move.sentence + 1}"
    )
    if move.after is None:
        return f"{where}, at the start of the article"
    if move.after in comparison.furniture_groups:
        return where
    return f"{where}, after row {move.after + 1}"


def elsewhere_phrases(comparison: Comparison, group_index: int) -> list[str]:
    """Where this row's sentences also match sentences of other rows (plain text), in the
    report's own numbers: the links no row could hold, which the rows alone would hide."""
    home = comparison.group_index
    linked = comparison.linked_members
    out = []
    for member in sorted(m for m in comparison.groups[group_index].members if m in linked):
        for link in comparison.elsewhere(member):
            other = link.other(member)
            out.append(
                f"[{member.doc + 1}]'s sentence {member.sentence + 1} also matches "
                f"[{other.doc + 1}]'s sentence {other.sentence + 1} in row {home[other] + 1} "
                f"({link.kind}, {link.score:.0%})"
            )
    return out


def alone_heading(comparison: Comparison, group_index: int, name: str) -> str:
    """A row of one article's: its material only there, or matched from other rows."""
    if group_index in comparison.linked_alone:
        return f"Only {name} in this row · it matches sentences of other rows"
    return f"Only in {name}"


def furniture_lines(comparison: Comparison) -> list[tuple[int, list[int]]]:
    """Each article's furniture sentences that sit in rows made only of furniture, in order.

    Those rows are left out of the story rows and listed once at the end; a
    furniture sentence that shares a row with story text stays in that row.
    """
    apart = comparison.furniture_groups
    index = comparison.group_index
    out = []
    for doc, document in enumerate(comparison.documents):
        lines = [n for n in sorted(document.furniture) if index.get(Member(doc, n)) in apart]
        if lines:
            out.append((doc, lines))
    return out
