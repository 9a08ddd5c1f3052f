"""Word-level differences between the sentences of a group.

Each article's side of a group (one sentence, or several when it split what
another merged) is one stream of word and punctuation tokens.  Matching
compares folded keys, so case, quote style and dashes never count as a
difference; the ops carry offsets and slices of the original text so that
front ends show the spelling and spacing as written.

The raw LCS diff is then made readable: adjacent changes merge into one
replace, and a lone filler ("the", ",") left equal between two changes is
folded into them instead of chopping one change into three.

``PairDiff.similarity`` is the Dice share of words the diff keeps equal,
``2 * matched_words / (words_a + words_b)`` (punctuation ignored; 1.0 when
both sides have no words).  It equals rapidfuzz's
``Indel.normalized_similarity`` on the word-key lists whenever punctuation
does not change which words the token LCS pairs up, and costs nothing extra.
"""

from __future__ import annotations

from itertools import pairwise

from rapidfuzz.distance import Indel

from sidebyside.engine.model import DiffOp, Document, Member, PairDiff
from sidebyside.engine.normalize import SPACED_TOKEN, fold

# Function words that, left equal between two changes, only fragment them.
_FUNCTION_WORDS = """a an the and or but nor of to in on at by for with from into onto as than
    is was are were be been being am it its it's this that these those which who whom
    whose what he she they them his her their we us our i me my you your not no so
    if then also has have had do does did will would can could may might shall should
    there here up out over about after before while"""
STOPWORDS = frozenset(_FUNCTION_WORDS.split())
# An equal run this short (in tokens), made only of fillers, between two changes is folded.
FILLER_MAX = 2

# Raw token -> (folded key, is a word).  Article vocabularies repeat heavily, and
# fold() (NFKC and friends) is the costliest step of tokenizing.
_KEYS: dict[str, tuple[str, bool]] = {}
_KEYS_MAX = 500_000


def _key(raw: str) -> tuple[str, bool]:
    hit = _KEYS.get(raw)
    if hit is None:
        if len(_KEYS) >= _KEYS_MAX:
            _KEYS.clear()
        key = fold(raw)
        # Judged on the key, so sides with equal keys always agree on what is a word.
        hit = _KEYS[raw] = (key, key[:1].isalnum() or key[:1] == "_")
    return hit


def _tokens(text: str) -> tuple[list[str], list[int], list[int], list[bool]]:
    """Keys, relative offsets and word flags of one sentence's tokens."""
    keys: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    words: list[bool] = []
    known = _KEYS.get
    end = 0
    for before, raw in SPACED_TOKEN.findall(text):
        start = end + len(before)
        end = start + len(raw)
        key, is_word = known(raw) or _key(raw)
        if key:
            keys.append(key)
            starts.append(start)
            ends.append(end)
            words.append(is_word)
    return keys, starts, ends, words


class _Side:
    """One article's tokens in a group, as parallel lists (cheaper than objects)."""

    __slots__ = ("base", "breaks", "ends", "keys", "origin", "starts", "text", "words")

    def __init__(self, doc: Document, sentences: list[int], cache: dict | None = None) -> None:
        self.text = text = doc.text
        # Token indices where a sentence starts that does not follow the previous
        # one: ops are cut there so no slice takes in the text between them.
        self.breaks: list[int] = []
        spans = sorted((doc.sentences[s].start, doc.sentences[s].end, s) for s in sentences)
        self.origin = spans[0][0] if spans else 0
        if len(spans) == 1:
            # Token offsets stay relative to the sentence (shared with other
            # articles that have the same text); ``base`` makes them absolute.
            start, end, _ = spans[0]
            self.keys, self.starts, self.ends, self.words = _cached(text[start:end], cache)
            self.base = start
            return
        self.base = 0
        self.keys = []
        self.starts = []
        self.ends = []
        self.words = []
        previous = None
        for start, end, index in spans:
            at = len(self.keys)
            if previous is not None and index != previous + 1 and at and at not in self.breaks:
                self.breaks.append(at)
            previous = index
            keys, starts, ends, words = _cached(text[start:end], cache)
            self.keys += keys
            self.starts += [x + start for x in starts]
            self.ends += [x + start for x in ends]
            self.words += words

    def span(self, i: int, j: int) -> tuple[int, int]:
        """Offsets of tokens ``i:j``; an empty run sits where token ``i`` would go."""
        if i < j:
            return self.starts[i] + self.base, self.ends[j - 1] + self.base
        if not self.starts:
            return self.origin, self.origin
        pos = (self.ends[i - 1] if i > 0 else self.starts[0]) + self.base
        return pos, pos

    def is_filler(self, i: int, j: int) -> bool:
        return j - i <= FILLER_MAX and all(
            not self.words[t] or self.keys[t] in STOPWORDS for t in range(i, j)
        )


def _readable(codes: list[tuple[str, int, int, int, int]], side_a: _Side):
    """Merge adjacent changes and fold short filler equal runs between changes."""
    runs: list[list] = []
    for tag, i1, i2, j1, j2 in codes:
        changed = tag != "equal"
        if runs and changed and runs[-1][0]:
            runs[-1][2] = i2
            runs[-1][4] = j2
        else:
            runs.append([changed, i1, i2, j1, j2])
    out: list[list] = []
    k = 0
    while k < len(runs):
        run = runs[k]
        if (
            not run[0]
            and out
            and k + 1 < len(runs)
            and out[-1][0]
            and side_a.is_filler(run[1], run[2])
        ):
            nxt = runs[k + 1]  # a change: runs alternate after the merge above
            out[-1][2] = nxt[2]
            out[-1][4] = nxt[4]
            k += 2
            continue
        out.append(run)
        k += 1
    return out


def _split_at_breaks(runs: list[list], side_a: _Side, side_b: _Side) -> list[list]:
    """Cut runs at sentence gaps so each op's slices stay within adjacent sentences."""
    for side, lo, hi in ((side_a, 1, 2), (side_b, 3, 4)):
        if not side.breaks:
            continue
        cut: list[list] = []
        for run in runs:
            inner = [b for b in side.breaks if run[lo] < b < run[hi]]
            if not inner:
                cut.append(run)
                continue
            points = [run[lo], *inner, run[hi]]
            for n, (p, q) in enumerate(pairwise(points)):
                piece = list(run)
                piece[lo], piece[hi] = p, q
                if run[0]:
                    # The other side goes with the first piece; the rest only delete/insert.
                    olo, ohi = (3, 4) if lo == 1 else (1, 2)
                    if n:
                        piece[olo] = piece[ohi] = run[ohi]
                else:  # equal runs pair token for token
                    olo, ohi = (3, 4) if lo == 1 else (1, 2)
                    piece[olo] = run[olo] + (p - run[lo])
                    piece[ohi] = run[olo] + (q - run[lo])
                cut.append(piece)
        runs = cut
    return runs


def _plan(side_a: _Side, side_b: _Side) -> tuple[float, list[tuple]]:
    """Similarity and runs ``(tag, i1, i2, j1, j2, minor)`` in token indices."""
    ka, kb = side_a.keys, side_b.keys
    if ka == kb:
        runs: list = [[False, 0, len(ka), 0, len(kb)]] if ka else []
        similarity = 1.0
    else:
        codes = [tuple(c) for c in Indel.opcodes(ka, kb)]
        wa = side_a.words
        matched = sum(sum(wa[c[1] : c[2]]) for c in codes if c[0] == "equal")
        total = sum(wa) + sum(side_b.words)
        similarity = 2 * matched / total if total else 1.0
        runs = _readable(codes, side_a)
    if side_a.breaks or side_b.breaks:
        runs = _split_at_breaks(runs, side_a, side_b)
    plan = []
    for changed, i1, i2, j1, j2 in runs:
        if not changed:
            plan.append(("equal", i1, i2, j1, j2, False))
            continue
        tag = "replace" if i1 < i2 and j1 < j2 else ("insert" if i1 == i2 else "delete")
        wa, wb = side_a.words[i1:i2], side_b.words[j1:j2]
        # Only punctuation can tell the two sides apart when their words agree.
        minor = (False in wa or False in wb) and [
            k for k, w in zip(side_a.keys[i1:i2], wa, strict=True) if w
        ] == [k for k, w in zip(side_b.keys[j1:j2], wb, strict=True) if w]
        plan.append((tag, i1, i2, j1, j2, minor))
    return similarity, plan


def _build(a: int, b: int, side_a: _Side, side_b: _Side, similarity: float, plan) -> PairDiff:
    ta, sa, ea, ba = side_a.text, side_a.starts, side_a.ends, side_a.base
    tb, sb, eb, bb = side_b.text, side_b.starts, side_b.ends, side_b.base
    ops = []
    for tag, i1, i2, j1, j2, minor in plan:
        if i1 < i2:
            a_start, a_end = sa[i1] + ba, ea[i2 - 1] + ba
        else:
            a_start = a_end = side_a.span(i1, i2)[0]
        if j1 < j2:
            b_start, b_end = sb[j1] + bb, eb[j2 - 1] + bb
        else:
            b_start = b_end = side_b.span(j1, j2)[0]
        ops.append(
            DiffOp(tag, ta[a_start:a_end], tb[b_start:b_end], a_start, a_end, b_start, b_end, minor)
        )
    return PairDiff(a, b, similarity, tuple(ops))


def _cached(text: str, cache: dict | None):
    if cache is None:
        return _tokens(text)
    hit = cache.get(text)
    if hit is None:
        hit = cache[text] = _tokens(text)
    return hit


def _sides(documents: list[Document], members: tuple[Member, ...]) -> dict[int, _Side]:
    by_doc: dict[int, list[int]] = {}
    for m in members:
        by_doc.setdefault(m.doc, []).append(m.sentence)
    # Articles often share a sentence word for word: tokenize each text once.
    cache: dict = {}
    return {d: _Side(documents[d], by_doc[d], cache) for d in sorted(by_doc)}


def diff_group(
    documents: list[Document],
    members: tuple[Member, ...],
    reference: int | None = None,
) -> tuple[PairDiff, ...]:
    """One diff per pair of the group's articles (a < b), or, given ``reference``,
    one per other article against it (``a`` is then the reference).

    Articles that agree token for token share one plan, so a group of ten
    near-identical versions runs the LCS only once per distinct pair of variants.
    """
    order = sorted({m.doc for m in members})
    if reference is None:
        wanted = [(a, b) for n, a in enumerate(order) for b in order[n + 1 :]]
    else:
        wanted = [(reference, b) for b in order if b != reference and reference in order]
    copies = _copies(documents, members, wanted)
    rest = [pair for pair in wanted if pair not in copies]
    if not rest:
        return tuple(copies[pair] for pair in wanted)
    sides = _sides(documents, tuple(m for m in members if m.doc in {d for p in rest for d in p}))
    variant: dict[tuple, int] = {}
    kind = {
        d: variant.setdefault((*side.keys, None, *side.breaks), len(variant))
        for d, side in sides.items()
    }
    plans: dict[tuple[int, int], tuple[float, list[tuple]]] = {}
    for a, b in rest:
        pair = (kind[a], kind[b])
        plan = plans.get(pair)
        if plan is None:
            plan = plans[pair] = _plan(sides[a], sides[b])
        copies[(a, b)] = _build(a, b, sides[a], sides[b], *plan)
    return tuple(copies[pair] for pair in wanted)


def _copies(
    documents: list[Document], members: tuple[Member, ...], wanted: list[tuple[int, int]]
) -> dict[tuple[int, int], PairDiff]:
    """Diffs of the wanted pairs whose two sides are one sentence with the same text.

    Versions of a story repeat most sentences word for word; such a pair is one
    equal run over the whole sentence, with no need to tokenize it.  Only ASCII
    text with no space at either end is taken this way: every character of it but
    the spaces is then part of a token.
    """
    single: dict[int, int] = {}
    for m in members:
        single[m.doc] = -1 if m.doc in single else m.sentence
    out = {}
    for a, b in wanted:
        sa, sb = single.get(a, -1), single.get(b, -1)
        if sa < 0 or sb < 0:
            continue
        x, y = documents[a].sentences[sa], documents[b].sentences[sb]
        if x.text == y.text and x.text.isascii() and x.text and x.text == x.text.strip():
            op = DiffOp("equal", x.text, y.text, x.start, x.end, y.start, y.end, False)
            out[(a, b)] = PairDiff(a, b, 1.0, (op,))
    return out


def diff_pair(documents: list[Document], members: tuple[Member, ...], a: int, b: int) -> PairDiff:
    """The diff of articles ``a`` and ``b`` only, for front ends that diff on demand."""
    sides = _sides(documents, tuple(m for m in members if m.doc in (a, b)))
    side_a = sides.get(a) or _Side(documents[a], [])
    side_b = sides.get(b) or _Side(documents[b], [])
    return _build(a, b, side_a, side_b, *_plan(side_a, side_b))
