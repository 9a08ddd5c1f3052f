"""What the link scorer knows about a sentence pair, as columns of numbers.

Two kinds of evidence.  *Local* columns look at the two sentences alone: how
much weighted vocabulary they share and which share of each one that covers,
how close their embeddings are, whether their names and numbers agree, their
lengths, where they sit, and whether they are headlines.  *Context* columns
look at the local scores of other pairs: whether this is each sentence's
best partner in the other article and by what margin, whether the
neighbouring sentences are matched too (rewrites keep local order), whether
an adjacent sentence is also a partner (a split), what a partner brings
that the sentence's best other partner lacks (a summary sentence merging
facts given apart), and whether a third article links both (N articles
corroborate each other).

Every column is computed for all candidate pairs at once with NumPy; the
names here are the contract with the fitted weights (``linker``).
"""

from __future__ import annotations

import re
from itertools import pairwise

import numpy as np

from sidebyside.engine.arrays import distinct, distinct_inverse, quantile, ranges
from sidebyside.engine.background import Background
from sidebyside.engine.features import Features
from sidebyside.engine.normalize import fold

LOCAL = (
    "same_words",
    "lex",
    "lex_sq",
    "emb",
    "emb_sq",
    "emb_excess",
    "cover_min",
    "cover_max",
    "shared_words",
    "shared_names",
    "unshared_names",
    "shared_numbers",
    "number_conflict",
    "length_ratio",
    "short",
    "drift",
    "both_headlines",
    "one_headline",
    "both_ledes",
    "one_lede",
)
CONTEXT = (
    "local",
    "mutual_best",
    "gap",
    "gap_min",
    "lead",
    "lex_gap",
    "lex_gap_min",
    "emb_gap",
    "emb_gap_min",
    "diagonal_max",
    "diagonal_min",
    "adjacent",
    "transitive",
    "in_order",
    "displacement",
    "split_gain",
    "overlap",
    "local_overlap",
    "best_overlap",
    "order_overlap",
    "gain_overlap",
)
_WORDS = re.compile(r"\w+")
# Local probability from which a pair counts as evidence for another.
EVIDENCE = 0.2
# The share of pairs whose cosine sets the level a pair must rise above, and how many
# pairs' worth of weight the fitted level has against a comparison's own.
KNOT_QUANTILE = 0.95
KNOT_PRIOR = 50
# Floats gathered at once when pairs of embeddings are multiplied (4 MiB).
BLOCK_FLOATS = 1 << 20
# Up to this many products of distinct sentences, all are computed at once.
GRAM_FLOATS = 1 << 20
# Log-odds (and their differences) beyond this say nothing more.
GAP_CAP = 8.0
# Pairs this likely on their own, and each other's best, anchor the reading order.
ANCHOR = 0.8


class SentenceFacts:
    """Per-row facts the columns need: positions, lengths, headline and furniture flags."""

    def __init__(
        self, features: Features, furniture: np.ndarray, headline: np.ndarray, lede: np.ndarray
    ) -> None:
        n = features.n_rows
        doc = features.doc_of_row
        starts = np.asarray(features.offsets, dtype=np.int64)
        sizes = np.diff([*features.offsets, n])
        self.position = (np.arange(n) - starts[doc]) / np.maximum(sizes[doc] - 1, 1)
        ones = np.ones(len(features.indices))
        self.length = features.row_sums(ones)
        self.weight = features.row_sums(features.entry_weight)
        self.names = features.row_sums(features.entry_is_name)
        self.numbers = features.row_sums(features.entry_is_number)
        self.furniture = furniture.astype(bool)
        self.headline = headline.astype(bool)
        self.lede = lede.astype(bool)
        # Rows with the same words (case, quotes and punctuation aside) share a code.
        codes: dict[tuple[str, ...], int] = {}
        by_text: dict[str, int] = {}
        for t in features.texts:
            if t not in by_text:
                words = tuple(_WORDS.findall(fold(t)))
                by_text[t] = codes.setdefault(words, len(codes))
        self.words_code = np.fromiter((by_text[t] for t in features.texts), dtype=np.int64, count=n)


def _cosines(features: Features, emb: np.ndarray, rows: np.ndarray, cols: np.ndarray):
    """Dot products of many pairs of unit rows: once per pair of distinct texts, and a
    bounded block at a time (gathering every pair's two vectors at once would copy
    hundreds of megabytes)."""
    text = features.text_id
    if len(features.text_rows) ** 2 <= GRAM_FLOATS:
        # Few sentences: every product at once is cheaper than gathering pairs' vectors.
        table = emb[features.text_rows]
        return (table @ table.T)[text[rows], text[cols]].astype(np.float64)
    n = max(features.n_rows, 1)
    first = features.first_of_text
    pairs, inverse = distinct_inverse(first[rows] * n + first[cols])
    rows, cols = pairs // n, pairs % n
    out = np.zeros(len(rows))
    step = max(1, BLOCK_FLOATS // max(1, emb.shape[1]))
    for start in range(0, len(rows), step):
        r, c = rows[start : start + step], cols[start : start + step]
        out[start : start + step] = np.einsum("ij,ij->i", emb[r], emb[c])
    return out[inverse]


def embedding_excess(
    features: Features, rows, cols, cosines: np.ndarray, knot: float
) -> np.ndarray:
    """How far each pair's cosine rises above what its two articles' pairs commonly reach.

    Sentences of one story all embed fairly close, and how close depends on the
    story, so the level is the top twentieth of the pair of articles' own cosines,
    shrunk toward the fitted ``knot`` when they have few pairs to tell it from.
    """
    out = np.zeros(len(cosines))
    if not len(cosines):
        return out
    doc = features.doc_of_row.astype(np.int64)
    code = doc[rows] * len(features.offsets) + doc[cols]
    order = np.argsort(code, kind="stable")
    bounds = np.flatnonzero(np.r_[True, code[order][1:] != code[order][:-1], True])
    for lo, hi in pairwise(bounds):
        part = order[lo:hi]
        own = quantile(cosines[part], KNOT_QUANTILE)
        level = (len(part) * own + KNOT_PRIOR * knot) / (len(part) + KNOT_PRIOR)
        out[part] = np.maximum(cosines[part] - level, 0.0)
    return out


def local_columns(
    features: Features,
    facts: SentenceFacts,
    rows: np.ndarray,
    cols: np.ndarray,
    emb: np.ndarray | None,
    emb_knot: float = 1.0,
) -> np.ndarray:
    """The LOCAL columns for pairs ``(rows[k], cols[k])``, one row per pair.

    ``emb_knot``: the cosine that sentences of one story reach without saying the same
    thing (fitted with the weights); only what a pair's cosine has beyond it counts in
    ``emb_excess``.
    """
    ones = np.ones(len(features.indices))
    ordinary = np.clip(1.0 - features.entry_is_name - features.entry_is_number, 0.0, 1.0)
    # Embedding products in a second thread while this one multiplies the word vectors.
    cosines = Background(_cosines, features, emb, rows, cols) if emb is not None else None
    lex, shared_weight, shared_words, shared_names, shared_numbers = features.dots_many(
        rows,
        cols,
        [
            (None, None),
            (features.entry_weight, ones),
            (ordinary, ones),
            (features.entry_is_name, ones),
            (features.entry_is_number, ones),
        ],
    )
    e = cosines.result() if cosines is not None else np.zeros(len(rows))
    wi = np.maximum(facts.weight[rows], 1e-9)
    wj = np.maximum(facts.weight[cols], 1e-9)
    cover_i = np.where(facts.weight[rows] > 0, shared_weight / wi, 0.0)
    cover_j = np.where(facts.weight[cols] > 0, shared_weight / wj, 0.0)
    li, lj = facts.length[rows], facts.length[cols]
    short_side = np.minimum(li, lj)
    ni, nj = facts.numbers[rows], facts.numbers[cols]
    hi, hj = facts.headline[rows], facts.headline[cols]
    columns = {
        "same_words": (
            (facts.words_code[rows] == facts.words_code[cols]) & (short_side > 0)
        ).astype(float),
        "lex": lex,
        "lex_sq": lex * lex,
        "emb": e,
        "emb_sq": e * e,
        "emb_excess": embedding_excess(features, rows, cols, e, emb_knot),
        "cover_min": np.minimum(cover_i, cover_j),
        "cover_max": np.maximum(cover_i, cover_j),
        "shared_words": np.log1p(shared_words),
        "shared_names": np.log1p(shared_names),
        "unshared_names": np.log1p(facts.names[rows] + facts.names[cols] - 2 * shared_names),
        "shared_numbers": np.log1p(shared_numbers),
        "number_conflict": ((ni > shared_numbers) & (nj > shared_numbers)).astype(float),
        "length_ratio": np.where(
            np.maximum(li, lj) > 0, short_side / np.maximum(np.maximum(li, lj), 1), 0.0
        ),
        "short": (short_side <= 2).astype(float),
        "drift": np.abs(facts.position[rows] - facts.position[cols]),
        "both_headlines": (hi & hj).astype(float),
        "one_headline": (hi ^ hj).astype(float),
        "both_ledes": (facts.lede[rows] & facts.lede[cols]).astype(float),
        # A lede sums up the story: its facts come back one by one further down.
        "one_lede": (facts.lede[rows] ^ facts.lede[cols]).astype(float),
    }
    return _as_matrix(columns, LOCAL, len(rows))


def _as_matrix(columns: dict[str, np.ndarray], names: tuple[str, ...], n: int) -> np.ndarray:
    """One row per pair, one column per name.  Stacked as rows and seen transposed: each
    column is one contiguous copy, where writing pair by pair across columns costs a
    tenth of a second on a large comparison."""
    if not n:
        return np.zeros((0, len(names)))
    return np.stack([np.asarray(columns[name], dtype=np.float64) for name in names]).T


class PairTable:
    """Look up a value of any pair ``(i, j)``, ``i < j``, among scored pairs (0 otherwise)."""

    def __init__(self, n: int, rows: np.ndarray, cols: np.ndarray, values: np.ndarray) -> None:
        self.n = n
        codes = rows * n + cols
        order = np.argsort(codes, kind="stable")
        self.codes = codes[order]
        self.values = values[order]

    def get(self, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        out = np.zeros(len(rows))
        if not len(self.codes) or not len(rows):
            return out
        valid = (rows >= 0) & (cols >= 0) & (rows < self.n) & (cols < self.n)
        a = np.minimum(rows, cols)
        b = np.maximum(rows, cols)
        wanted = np.where(valid, a * self.n + b, -1)
        pos = np.minimum(np.searchsorted(self.codes, wanted), len(self.codes) - 1)
        hit = valid & (self.codes[pos] == wanted)
        out[hit] = self.values[pos[hit]]
        return out


def _slot_stats(slot: np.ndarray, values: np.ndarray, n_slots: int):
    """Best and second-best value per slot (0 where there is none)."""
    best = np.zeros(n_slots)
    second = np.zeros(n_slots)
    if not len(slot):
        return best, second
    # Group the slots (pairs sorted by row already have their row's slots in order).
    order = None if np.all(slot[1:] >= slot[:-1]) else np.argsort(slot, kind="stable")
    s = slot if order is None else slot[order]
    v = values if order is None else values[order]
    starts = np.flatnonzero(np.r_[True, s[1:] != s[:-1]])
    top = np.maximum.reduceat(v, starts)
    best[s[starts]] = top
    # The runner-up: the best once the first occurrence of the best is set aside.
    segment = np.cumsum(np.r_[False, s[1:] != s[:-1]])
    is_top = v == top[segment]
    count = np.cumsum(is_top)
    before = np.r_[0, count][starts]  # bests counted before each segment
    first_top = is_top & (count - before[segment] == 1)
    rest = np.where(first_top, -np.inf, v)
    runner = np.maximum.reduceat(rest, starts)
    sizes = np.diff(np.r_[starts, len(v)])
    second[s[starts]] = np.where(sizes > 1, runner, 0.0)
    return best, second


def _rival(slot: np.ndarray, values: np.ndarray) -> np.ndarray:
    """Per pair, the best other pair of its slot (``-1`` where it has none): what the
    sentence would be matched to without this partner.  Among equal values the pair
    that comes first counts as the better."""
    rival = np.full(len(slot), -1, dtype=np.int64)
    if not len(slot):
        return rival
    order = None if np.all(slot[1:] >= slot[:-1]) else np.argsort(slot, kind="stable")
    s = slot if order is None else slot[order]
    v = values if order is None else values[order]
    index = np.arange(len(s))
    first = np.r_[True, s[1:] != s[:-1]]
    starts = np.flatnonzero(first)
    segment = np.cumsum(first) - 1
    none = len(s)

    def first_best(v: np.ndarray) -> np.ndarray:
        top = np.maximum.reduceat(v, starts)
        at = np.minimum.reduceat(np.where(v == top[segment], index, none), starts)
        return np.where(np.isfinite(top), at, none)

    best = first_best(v)
    rest = v.astype(np.float64, copy=True)
    rest[best] = -np.inf
    second = first_best(rest)
    mine = np.where(index == best[segment], second[segment], best[segment])
    mine = np.where(mine == none, -1, mine)
    # Positions in the sorted order back to pairs.
    if order is not None:
        mine = np.where(mine >= 0, order[np.maximum(mine, 0)], -1)
        rival[order] = mine
    else:
        rival[:] = mine
    return rival


def _gain(features: Features, rows, cols, local_logit, local_p, slot_i, slot_j) -> np.ndarray:
    """Per pair, the share of a sentence's content that its partner brings and the
    sentence's best other partner in that article lacks, the smaller of the two views.

    One sentence may sum up what another article says in several, not always
    side by side: each of those partners brings a part of it that the others
    lack, while a look-alike repeats what the best partner brings already.
    Names are left out of what is brought (one story names the same people
    everywhere); only pairs likely enough to count as evidence are worked out.
    """
    out = np.zeros(len(rows))
    likely = np.flatnonzero(local_p >= EVIDENCE)
    if not len(likely):
        return out
    rival_i = _rival(slot_i, local_logit)[likely]
    rival_j = _rival(slot_j, local_logit)[likely]
    other_i = np.where(rival_i >= 0, cols[np.maximum(rival_i, 0)], -1)
    other_j = np.where(rival_j >= 0, rows[np.maximum(rival_j, 0)], -1)
    counted = 1.0 - features.entry_is_name
    gain_i = features.weight_beyond(rows[likely], cols[likely], other_i, counted)
    gain_j = features.weight_beyond(cols[likely], rows[likely], other_j, counted)
    out[likely] = np.minimum(gain_i, gain_j)
    return out


def _transitive(n: int, doc: np.ndarray, rows, cols, p) -> np.ndarray:
    """Per pair ``(rows[k], cols[k])`` (sorted, ``rows < cols``), the best
    ``min(p(i, m), p(m, j))`` over sentences ``m`` of a third article."""
    out = np.zeros(len(rows))
    strong = p >= EVIDENCE
    if not strong.any():
        return out
    r, c, v = rows[strong], cols[strong], p[strong]
    src = np.concatenate([r, c])
    dst = np.concatenate([c, r])
    val = np.concatenate([v, v])
    order = np.argsort(src, kind="stable")
    src, dst, val = src[order], dst[order], val[order]
    start = np.searchsorted(src, np.arange(n))
    stop = np.searchsorted(src, np.arange(n), side="right")
    # Paths i -> m -> j: for each edge (i, m), every edge leaving m.
    fan = stop[dst] - start[dst]
    total = int(fan.sum())
    if not total:
        return out
    first = np.repeat(src, fan)
    seg = ranges(start[dst], fan)
    last = dst[seg]
    keep = (first < last) & (doc[first] != doc[last])
    if not keep.any():
        return out
    score = np.minimum(np.repeat(val, fan)[keep], val[seg][keep])
    # The pair each path ends at, among the sorted pairs (paths to non-pairs drop out).
    codes = rows * n + cols
    wanted = first[keep] * n + last[keep]
    at = np.minimum(np.searchsorted(codes, wanted), len(codes) - 1)
    hit = codes[at] == wanted
    np.maximum.at(out, at[hit], score[hit])
    return out


def _slot_best(slot: np.ndarray, values: np.ndarray, n_slots: int) -> np.ndarray:
    """Best value per slot (minus infinity where a slot has none)."""
    best = np.full(n_slots, -np.inf)
    np.maximum.at(best, slot, values)
    return best


def _split_gain(features: Features, rows, cols, beside: dict) -> np.ndarray:
    """Share of a sentence's content that the pair's other sentence brings and that sentence's
    neighbour, already a likely partner, lacks: the second half of a split.

    Seen from both sentences; only pairs with a likely partner next door are worked out.
    """
    out = np.zeros(len(rows))
    for (dr, dc), values in beside.items():
        k = np.flatnonzero(values >= 0.5)
        if not len(k):
            continue
        if dr == 0:  # j's neighbour j + dc already matches i
            sentence, mine, partner = rows[k], cols[k], cols[k] + dc
        else:  # i's neighbour i + dr already matches j
            sentence, mine, partner = cols[k], rows[k], rows[k] + dr
        share = features.weight_beyond(sentence, mine, partner)
        out[k] = np.maximum(out[k], share)
    return out


def _overlap(features: Features, rows, cols, anchors) -> np.ndarray:
    """Per pair, the share of its two articles' sentences that have a sure partner in the
    other.  A rewrite shares most of its sentences and an independent report few, and
    the same weak best match means more in the first than in the second."""
    doc = features.doc_of_row.astype(np.int64)
    n_docs = len(features.offsets)
    sizes = np.diff([*features.offsets, features.n_rows])
    code = doc[rows] * n_docs + doc[cols]
    anchored = np.zeros(n_docs * n_docs)
    for side in (rows, cols):
        # Each sentence counts once however many sure partners it has.
        sure = distinct(side[anchors] * (n_docs * n_docs) + code[anchors])
        np.add.at(anchored, sure % (n_docs * n_docs), 1.0)
    total = sizes[doc[rows]] + sizes[doc[cols]]
    return anchored[code] / np.maximum(total, 1)


def _order_fit(features: Features, rows, cols, anchors) -> tuple[np.ndarray, np.ndarray]:
    """Whether each pair keeps the reading order of the anchor pairs around it, and how far
    it sits from where they place it (a share of the article's length).

    Rewrites move paragraphs but keep most sentences in order, so a pair
    between two anchors that cross it is more likely a look-alike.  Seen from
    each side of the pair; the better view counts.
    """
    doc = features.doc_of_row
    offsets = [*features.offsets, features.n_rows]
    in_order = np.zeros(len(rows))
    displacement = np.ones(len(rows))
    pair_docs = doc[rows].astype(np.int64) * len(offsets) + doc[cols]
    for code in distinct(pair_docs).tolist():
        members = np.flatnonzero(pair_docs == code)
        da, db = divmod(code, len(offsets))
        for src, dst, d_dst in ((rows, cols, db), (cols, rows, da)):
            mine = src[members]
            theirs = dst[members]
            anchor = members[anchors[members]]
            if not len(anchor):
                continue
            ax, ay = src[anchor], dst[anchor]
            order = np.argsort(ax, kind="stable")
            ax, ay = ax[order], ay[order]
            # The nearest anchor strictly before and strictly after each pair's sentence.
            before = np.searchsorted(ax, mine, side="left") - 1
            after = np.searchsorted(ax, mine, side="right")
            lo = np.where(before >= 0, ay[np.clip(before, 0, len(ay) - 1)], offsets[d_dst] - 1)
            hi = np.where(after < len(ay), ay[np.clip(after, 0, len(ay) - 1)], offsets[d_dst + 1])
            fits = ((theirs > lo) & (theirs < hi)).astype(float)
            x_lo = np.where(before >= 0, ax[np.clip(before, 0, len(ax) - 1)], mine - 1)
            x_hi = np.where(after < len(ax), ax[np.clip(after, 0, len(ax) - 1)], mine + 1)
            span = np.maximum(x_hi - x_lo, 1)
            expected = lo + (hi - lo) * (mine - x_lo) / span
            size = max(offsets[d_dst + 1] - offsets[d_dst], 1)
            away = np.minimum(np.abs(theirs - expected) / size, 1.0)
            in_order[members] = np.maximum(in_order[members], fits)
            displacement[members] = np.minimum(displacement[members], away)
    return in_order, displacement


def _third_article_and_order(features: Features, doc, rows, cols, local_p, anchors):
    transitive = _transitive(features.n_rows, doc, rows, cols, local_p)
    return transitive, _order_fit(features, rows, cols, anchors)


def context_columns(
    features: Features,
    rows: np.ndarray,
    cols: np.ndarray,
    local_logit: np.ndarray,
    lex_of_pairs: np.ndarray,
    emb_of_pairs: np.ndarray,
) -> np.ndarray:
    """The CONTEXT columns for pairs ``(rows[k], cols[k])``, given every pair's local log-odds
    and word cosine."""
    n = features.n_rows
    doc = features.doc_of_row.astype(np.int64)
    n_docs = len(features.offsets)
    local_p = 1.0 / (1.0 + np.exp(-np.clip(local_logit, -40, 40)))
    table = PairTable(n, rows, cols, local_p)
    slot_i = rows * n_docs + doc[cols]
    slot_j = cols * n_docs + doc[rows]
    n_slots = n * n_docs
    # Competition is judged on log-odds: probabilities saturate near 1, where a
    # look-alike and the true partner would tie.
    best_i, second_i = _slot_stats(slot_i, local_logit, n_slots)
    best_j, second_j = _slot_stats(slot_j, local_logit, n_slots)
    is_best_i = local_logit >= best_i[slot_i]
    is_best_j = local_logit >= best_j[slot_j]
    # How far the pair falls behind each sentence's best partner: both (gap), and the
    # nearer of the two (a short sentence's best partner may be a long one that holds
    # its fact among others, while the long one's best is elsewhere).
    behind_i = best_i[slot_i] - local_logit
    behind_j = best_j[slot_j] - local_logit
    gap = np.minimum(np.maximum(behind_i, behind_j), GAP_CAP)
    gap_min = np.minimum(np.minimum(behind_i, behind_j), GAP_CAP)
    lead = np.minimum(
        np.minimum(
            np.where(is_best_i, local_logit - second_i[slot_i], 0.0),
            np.where(is_best_j, local_logit - second_j[slot_j], 0.0),
        ),
        GAP_CAP,
    )
    lex = lex_of_pairs
    lex_best_i = _slot_best(slot_i, lex, n_slots)
    lex_best_j = _slot_best(slot_j, lex, n_slots)
    lex_gap = np.maximum(lex_best_i[slot_i] - lex, lex_best_j[slot_j] - lex)
    lex_gap_min = np.minimum(lex_best_i[slot_i] - lex, lex_best_j[slot_j] - lex)
    emb = emb_of_pairs
    emb_best_i = _slot_best(slot_i, emb, n_slots)
    emb_best_j = _slot_best(slot_j, emb, n_slots)
    emb_gap = np.maximum(emb_best_i[slot_i] - emb, emb_best_j[slot_j] - emb)
    emb_gap_min = np.minimum(emb_best_i[slot_i] - emb, emb_best_j[slot_j] - emb)

    def same_docs(r, c):
        ok = (r >= 0) & (c >= 0) & (r < n) & (c < n)
        r2, c2 = np.clip(r, 0, n - 1), np.clip(c, 0, n - 1)
        return ok & (doc[r2] == doc[rows]) & (doc[c2] == doc[cols])

    def around(dr: int, dc: int) -> np.ndarray:
        r, c = rows + dr, cols + dc
        return np.where(same_docs(r, c), table.get(r, c), 0.0)

    anchors = (local_p >= ANCHOR) & is_best_i & is_best_j
    # The third-article paths and the reading order are worked out in a second thread
    # while this one does the rest: NumPy lets go of the interpreter in its loops, and
    # on ten 2,000-sentence articles that takes a tenth of a second off.
    paths = Background(_third_article_and_order, features, doc, rows, cols, local_p, anchors)
    gain = _gain(features, rows, cols, local_logit, local_p, slot_i, slot_j)
    prev, nxt = around(-1, -1), around(1, 1)
    beside = {(dr, dc): around(dr, dc) for dr, dc in ((0, -1), (0, 1), (-1, 0), (1, 0))}
    adjacent = np.maximum.reduce(list(beside.values()))
    split_gain = _split_gain(features, rows, cols, beside)
    overlap = _overlap(features, rows, cols, anchors)
    transitive, (in_order, displacement) = paths.result()
    clipped = np.clip(local_logit, -GAP_CAP, GAP_CAP)
    columns = {
        "local": np.clip(local_logit, -GAP_CAP, GAP_CAP),
        "mutual_best": (is_best_i & is_best_j).astype(float),
        "gap": gap,
        "gap_min": gap_min,
        "lead": lead,
        "lex_gap": lex_gap,
        "lex_gap_min": lex_gap_min,
        "emb_gap": emb_gap,
        "emb_gap_min": emb_gap_min,
        "diagonal_max": np.maximum(prev, nxt),
        "diagonal_min": np.minimum(prev, nxt),
        "adjacent": adjacent,
        "transitive": transitive,
        "in_order": in_order,
        "displacement": displacement,
        "split_gain": split_gain,
        "overlap": overlap,
        "local_overlap": clipped * overlap,
        "best_overlap": (is_best_i & is_best_j) * overlap,
        "order_overlap": in_order * overlap,
        # Merges of facts given apart are what rewrites and summaries do; between
        # independent reports the same share is mostly a look-alike's.
        "gain_overlap": gain * overlap,
    }
    return _as_matrix(columns, CONTEXT, len(rows))
