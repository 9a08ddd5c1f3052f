"""What the aligner compares: weighted content words of each sentence.

A sentence becomes a TF-IDF vector over word stems.  Function words carry no
weight, stems let "bombed" meet "bombing", and proper names are damped: two
sentences that share only "Kremlin spokesman Dmitry Peskov" are not saying
the same thing, while their rare names would otherwise dominate the score.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache

import numpy as np
import Stemmer
from rapidfuzz import process
from rapidfuzz.distance import OSA

from sidebyside.engine.arrays import distinct, distinct_inverse, ranges
from sidebyside.engine.model import Document
from sidebyside.engine.normalize import WORD, fold

# Weight of a proper name relative to an ordinary content word.
NAME_WEIGHT = 0.5

STOPWORDS = frozenset(
    """
    a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each either few for
    from further had has have having he her here hers herself him himself his how i if in into is
    it its itself just me more most my myself no nor not now of off on once only or other our
    ours ourselves out over own same she should so some such than that the their theirs them
    themselves then there these they this those through to too under until up upon very was we
    were what when where which while who whom whose why will with would you your yours yourself
    yourselves said says say saying told tells tell according one ones per via
    """.split()
)

# A number keeps its digit groups ("6,500", "3.9"): "6" and "500" would each meet
# numbers that have nothing to do with it.
_TERM = re.compile(rf"\d+(?:[.,]\d+)*|{WORD}")
_STEMMER = Stemmer.Stemmer("english")
# Number words count as the number they spell, so "nineteen injured" meets "19 injured"
# ("one" stays a function word: "one of them said").
_NUMBER_WORDS = dict(
    zip(
        """two three four five six seven eight nine ten eleven twelve thirteen fourteen
        fifteen sixteen seventeen eighteen nineteen twenty""".split(),
        map(str, range(2, 21)),
    )
) | {
    w: str(10 * k)
    for k, w in enumerate("thirty forty fifty sixty seventy eighty ninety".split(), 3)
}


@lru_cache(maxsize=500_000)
def stem(key: str) -> str:
    """The stem of a folded word (the aligner and the labels share one stemmer)."""
    return _STEMMER.stemWord(key)


@lru_cache(maxsize=500_000)
def term(raw: str) -> str | None:
    """The stem a written word counts as, or None for a function word."""
    key = fold(raw)
    if key[:1].isdigit():
        return key.replace(",", "")
    if key.endswith("'s"):
        key = key[:-2]
    if key in STOPWORDS or not any(c.isalnum() for c in key):
        return None
    return _NUMBER_WORDS.get(key) or _STEMMER.stemWord(key)


@dataclass(frozen=True, slots=True)
class SentenceTerms:
    """The content terms of one sentence, in order, and which are names."""

    terms: tuple[str, ...]
    names: frozenset[str]


def sentence_terms(text: str) -> SentenceTerms:
    terms = []
    names = set()
    for position, raw in enumerate(_TERM.findall(text)):
        t = term(raw)
        if t is None:
            continue
        terms.append(t)
        # A capital that is not sentence-initial marks a name; acronyms (HTS) too.
        if (position > 0 and raw[0].isupper()) or (len(raw) > 1 and raw.isupper()):
            names.add(t)
    return SentenceTerms(tuple(terms), frozenset(names))


def common_prefix(a: str, b: str) -> int:
    """How many letters two words share at their start."""
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n


# -- the one "same name" rule (the aligner joins both relations; the labels
# call a spelling variant a divergence and a word family the same name) ------

SPELLING = "spelling"  # one name spelled two ways: Pukhov / Puhkov, Qaddafi / Gaddafi
FAMILY = "family"  # one name and a derived form: Iran / Iranian, Turkey / Turkish


def _is_name_term(n: str) -> bool:
    return len(n) >= 4 and n.isalpha()


def same_family(a: str, b: str, prefix: int | None = None) -> bool:
    """One extends the other's stem by a short suffix (at most three letters either way)."""
    if prefix is None:
        prefix = common_prefix(a, b)
    return prefix >= 4 and prefix >= min(len(a), len(b)) - 2 and max(len(a), len(b)) - prefix <= 3


def spelling_variant(a: str, b: str) -> bool:
    """A single edit (transpositions included) in names of five letters or more."""
    return a != b and min(len(a), len(b)) >= 5 and OSA.distance(a, b, score_cutoff=1) == 1


def name_relation(a: str, b: str) -> str | None:
    """How two folded names (or name stems) are one name: ``FAMILY``, ``SPELLING`` or None."""
    if a == b or not (_is_name_term(a) and _is_name_term(b)):
        return None
    if a.startswith(b) or b.startswith(a):
        return FAMILY if same_family(a, b) else None  # Russia / Russian
    if spelling_variant(a, b):
        return SPELLING  # Dumitrescu / Dumitresku: one letter, not a suffix
    if same_family(a, b):
        return FAMILY  # Turkey / Turkish
    return None


def name_variants(names: set[str], counts: dict[str, int]) -> dict[str, str]:
    """Map spellings of one name onto one term.

    Articles spell names differently (Pukhov / Puhkov, Qaddafi / Gaddafi,
    Khmeimim / Hmeimim) and use demonyms for places (Iranian / Iran,
    Turkish / Turkey): every pair ``name_relation`` relates is one name.
    """
    candidates = sorted(n for n in names if _is_name_term(n))
    parent = {n: n for n in candidates}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def join(a: str, b: str) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    # Family members share a prefix of four letters or more: sorted, they are neighbours.
    for k, a in enumerate(candidates):
        for b in candidates[k + 1 :]:
            prefix = common_prefix(a, b)
            if prefix < 4:
                break
            if same_family(a, b, prefix):
                join(a, b)
    long_names = [n for n in candidates if len(n) >= 5]
    for k, a in enumerate(long_names):
        for b, _score, _ in process.extract(
            a,
            long_names[k + 1 :],
            scorer=OSA.normalized_similarity,
            score_cutoff=0.8,
            limit=None,
        ):
            if spelling_variant(a, b):
                join(a, b)
    clusters: dict[str, list[str]] = {}
    for n in candidates:
        clusters.setdefault(find(n), []).append(n)
    mapping = {}
    for members in clusters.values():
        if len(members) > 1:
            canonical = max(members, key=lambda m: (counts.get(m, 0), -len(m), m))
            mapping.update({m: canonical for m in members if m != canonical})
    return mapping


# Entries expanded at once when many pairs are scored (bounds temporary memory).
_CHUNK_ENTRIES = 1 << 22


@dataclass
class Features:
    """Weighted content terms of every sentence of every document, as stacked sparse rows.

    Row ``offsets[d] + s`` is sentence ``s`` of document ``d``.  Rows are kept
    in compressed form (``indptr``/``indices``, term ids sorted within a row)
    with plain NumPy, so scoring many pairs is a few vectorised lookups.
    """

    terms: list[SentenceTerms]
    doc_of_row: np.ndarray
    offsets: list[int]
    vocabulary: dict[str, int]
    df: np.ndarray  # sentences containing each vocabulary term
    weight: np.ndarray  # IDF of each term, names damped
    names: frozenset[str]  # terms written capitalised in most of their uses
    texts: list[str]  # each row's sentence as written, for matchers that read text
    indptr: np.ndarray  # int64, n_rows + 1
    indices: np.ndarray  # int64 term ids, sorted within each row
    tfidf: np.ndarray  # L2-normalised TF-IDF weight of each entry
    raw: np.ndarray  # the same before normalisation, to sum split sentences

    @property
    def n_rows(self) -> int:
        return len(self.indptr) - 1

    def row(self, doc: int, sentence: int) -> int:
        return self.offsets[doc] + sentence

    def term_set(self, row: int) -> frozenset[str]:
        return self.term_sets[row]

    @cached_property
    def _texts(self) -> tuple[np.ndarray, np.ndarray]:
        first_rows, text_id = np.unique(self.first_of_text, return_inverse=True)
        return first_rows, text_id.astype(np.int64)

    @property
    def text_id(self) -> np.ndarray:
        """Per row, an id that rows whose sentences are written alike share: 0, 1, ... in
        order of first use."""
        return self._texts[1]

    @property
    def text_rows(self) -> np.ndarray:
        """Per text id, the first row written so (its entries and embedding stand for all)."""
        return self._texts[0]

    @cached_property
    def term_sets(self) -> list[frozenset[str]]:
        shared: dict[int, frozenset[str]] = {}  # rows of one distinct sentence share it
        return [shared.setdefault(id(st), frozenset(st.terms)) for st in self.terms]

    @cached_property
    def entry_row(self) -> np.ndarray:
        return np.repeat(np.arange(self.n_rows, dtype=np.int64), np.diff(self.indptr))

    @cached_property
    def _entry_keys(self) -> np.ndarray:
        """``row * vocabulary size + term`` per entry: sorted, so pairs are found by bisection."""
        return self.entry_row * max(1, len(self.vocabulary)) + self.indices

    @cached_property
    def entry_weight(self) -> np.ndarray:
        """IDF weight (names damped) of each entry's term, counted once per sentence."""
        return self.weight[self.indices]

    @cached_property
    def entry_is_name(self) -> np.ndarray:
        is_name = np.zeros(len(self.vocabulary), dtype=np.float64)
        for t in self.names:
            is_name[self.vocabulary[t]] = 1.0
        return is_name[self.indices]

    @cached_property
    def entry_is_number(self) -> np.ndarray:
        is_number = np.fromiter(
            (t[:1].isdigit() for t in self.vocabulary),
            dtype=np.float64,
            count=len(self.vocabulary),
        )
        return is_number[self.indices] if len(is_number) else np.zeros(0)

    def row_sums(self, values: np.ndarray) -> np.ndarray:
        """Per row, the sum of ``values`` (one per entry)."""
        return np.bincount(self.entry_row, weights=values, minlength=self.n_rows)

    def dots(
        self,
        rows: np.ndarray,
        cols: np.ndarray,
        left: np.ndarray | None = None,
        right: np.ndarray | None = None,
    ) -> np.ndarray:
        """Per pair, the sum over shared terms of ``left[entry of row] * right[entry of col]``.

        With the defaults (``tfidf`` on both sides) that is the cosine of the two
        sentences; with other per-entry values it counts or weighs what they share.
        """
        return self.dots_many(rows, cols, [(left, right)])[0]

    def dots_many(self, rows: np.ndarray, cols: np.ndarray, weights) -> list[np.ndarray]:
        """``dots`` for several ``(left, right)`` weightings at once: the shared terms of each
        pair are found once, and once for each pair of distinct texts (versions of a story
        repeat sentences, so ten versions hold the same pair of texts many times over)."""
        weights = [
            (self.tfidf if a is None else a, self.tfidf if b is None else b) for a, b in weights
        ]
        rows = np.asarray(rows, dtype=np.int64)
        cols = np.asarray(cols, dtype=np.int64)
        n = max(self.n_rows, 1)
        pairs, inverse = distinct_inverse(self.first_of_text[rows] * n + self.first_of_text[cols])
        outs = self._dots_many(pairs // n, pairs % n, weights)
        return [out[inverse] for out in outs]

    @cached_property
    def first_of_text(self) -> np.ndarray:
        """Per row, the first row with the same text (its entries are the same)."""
        first: dict[str, int] = {}
        return np.fromiter(
            (first.setdefault(t, r) for r, t in enumerate(self.texts)), np.int64, len(self.texts)
        )

    def _dots_many(self, rows: np.ndarray, cols: np.ndarray, weights) -> list[np.ndarray]:
        outs = [np.zeros(len(rows)) for _ in weights]
        if not len(rows) or not len(self.indices):
            return outs
        # Expand the shorter side of each pair, look its terms up in the longer.
        row_len = self.indptr[rows + 1] - self.indptr[rows]
        col_len = self.indptr[cols + 1] - self.indptr[cols]
        swap = col_len < row_len
        short = np.where(swap, cols, rows)
        long = np.where(swap, rows, cols)
        lengths = np.minimum(row_len, col_len)
        ends = np.cumsum(lengths)
        width = max(1, len(self.vocabulary))
        keys = self._entry_keys
        start = 0
        while start < len(rows):
            # Pairs [start, stop) whose entries fit in one chunk.
            base = ends[start - 1] if start else 0
            stop = int(np.searchsorted(ends, base + _CHUNK_ENTRIES, side="right"))
            stop = max(stop, start + 1)
            n = lengths[start:stop]
            total = int(n.sum())
            if total:
                pair = np.repeat(np.arange(start, stop), n)
                entry = ranges(self.indptr[short[start:stop]], n)
                wanted = long[pair] * width + self.indices[entry]
                pos = np.minimum(np.searchsorted(keys, wanted), len(keys) - 1)
                hit = keys[pos] == wanted
                pair, entry, pos = pair[hit], entry[hit], pos[hit]
                flipped = swap[pair]
                row_entry = np.where(flipped, pos, entry)
                col_entry = np.where(flipped, entry, pos)
                for out, (a, b) in zip(outs, weights):
                    out[start:stop] = np.bincount(
                        pair - start, weights=a[row_entry] * b[col_entry], minlength=stop - start
                    )
            start = stop
        return outs

    def weight_beyond(
        self,
        rows: np.ndarray,
        cols: np.ndarray,
        others: np.ndarray,
        counted: np.ndarray | None = None,
    ) -> np.ndarray:
        """Per triple, the weight of the terms ``rows[k]`` shares with ``cols[k]`` and not with
        ``others[k]`` (``-1``: no other), over the weight of all terms of ``rows[k]``.

        ``counted`` (one value per entry) scales what each shared term adds, not the total.
        Worked out once per distinct triple of sentence texts: versions of one story repeat
        sentences, and their pairs repeat with them.
        """
        rows = np.asarray(rows, dtype=np.int64)
        cols = np.asarray(cols, dtype=np.int64)
        others = np.asarray(others, dtype=np.int64)
        width = len(self.text_rows) + 1  # the last id: no other sentence
        if not len(rows) or width**3 >= 2**62:
            return self._weight_beyond(rows, cols, others, counted)
        text = self.text_id
        other = np.where(others >= 0, text[np.maximum(others, 0)], width - 1)
        code = (text[rows] * width + text[cols]) * width + other
        _, first, inverse = np.unique(code, return_index=True, return_inverse=True)
        return self._weight_beyond(rows[first], cols[first], others[first], counted)[inverse]

    def _weight_beyond(self, rows, cols, others, counted) -> np.ndarray:
        out = np.zeros(len(rows))
        if not len(rows) or not len(self.indices):
            return out
        lengths = self.indptr[rows + 1] - self.indptr[rows]
        total = int(lengths.sum())
        if not total:
            return out
        triple = np.repeat(np.arange(len(rows)), lengths)
        entry = ranges(self.indptr[rows], lengths)
        width = max(1, len(self.vocabulary))
        keys = self._entry_keys
        term_ids = self.indices[entry]

        def holds(partner: np.ndarray) -> np.ndarray:
            wanted = np.where(partner >= 0, partner * width + term_ids, -1)
            pos = np.minimum(np.searchsorted(keys, wanted), len(keys) - 1)
            return (partner >= 0) & (keys[pos] == wanted)

        gained = holds(cols[triple])
        gained &= ~holds(others[triple])
        weight = self.entry_weight[entry]
        own = np.bincount(triple, weights=weight, minlength=len(rows))
        if counted is not None:
            gained = gained * counted[entry]
        part = np.bincount(triple, weights=weight * gained, minlength=len(rows))
        return np.where(own > 0, part / np.maximum(own, 1e-12), 0.0)

    def pairs_sharing(self, keys: np.ndarray, key_row: np.ndarray, max_df: int | None = None):
        """Pairs of rows ``i < j`` of different documents that share a key.

        ``keys``/``key_row``: one (key, row) entry per distinct key of a row.
        Keys held by more than ``max_df`` rows are skipped.
        """
        return pairs_sharing(keys, key_row, self.doc_of_row, max_df)


def pairs_sharing(keys: np.ndarray, key_row: np.ndarray, doc_of_row: np.ndarray, max_df=None):
    """Row pairs ``i < j`` of different documents with a key in common (as sorted arrays)."""
    n = len(doc_of_row)
    empty = np.zeros(0, dtype=np.int64)
    if not len(keys):
        return empty, empty
    order = np.lexsort((key_row, keys))
    keys, key_row = keys[order], key_row[order]
    starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
    sizes = np.diff(np.r_[starts, len(keys)])
    codes: list[np.ndarray] = []
    for size in distinct(sizes).tolist():
        if size < 2 or (max_df is not None and size > max_df):
            continue
        first = starts[sizes == size]
        block = key_row[first[:, None] + np.arange(size)]  # one row of posting per key
        a, b = np.triu_indices(size, k=1)
        left, right = block[:, a].ravel(), block[:, b].ravel()
        cross = doc_of_row[left] != doc_of_row[right]
        codes.append(left[cross] * n + right[cross])
    if not codes:
        return empty, empty
    unique = distinct(np.concatenate(codes))
    return unique // n, unique % n


def build_features(documents: list[Document]) -> Features:
    # Versions of one story repeat many sentences word for word: work on each
    # distinct sentence once and expand to rows at the end.
    distinct: dict[str, int] = {}
    row_distinct: list[int] = []
    offsets = []
    doc_of_row = []
    for d, doc in enumerate(documents):
        offsets.append(len(row_distinct))
        for s in doc.sentences:
            row_distinct.append(distinct.setdefault(s.text, len(distinct)))
            doc_of_row.append(d)
    uniques = [sentence_terms(text) for text in distinct]
    which = np.asarray(row_distinct, dtype=np.int64)
    multiplicity = np.bincount(which, minlength=len(uniques))

    # Every (distinct sentence, term) entry at once; term ids in order of first use.
    flat = [t for st in uniques for t in st.terms]
    first_use = dict.fromkeys(flat)
    index = dict(zip(first_use, itertools.count()))
    size = len(index)
    base = max(size, 1)  # entry codes: sentence * base + term id
    ids = np.fromiter(map(index.__getitem__, flat), dtype=np.int64, count=len(flat))
    sentence_lengths = np.fromiter((len(st.terms) for st in uniques), np.int64, len(uniques))
    owner = np.repeat(np.arange(len(uniques), dtype=np.int64), sentence_lengths)
    entry_code, entry_count = np.unique(owner * base + ids, return_counts=True)

    # A term is a name only if it is capitalised in most of its occurrences.
    written_as_name = np.fromiter(
        (u * base + index[t] for u, st in enumerate(uniques) for t in st.names), np.int64
    )
    times = multiplicity[entry_code // base].astype(np.float64)
    term_id = entry_code % base
    term_count = np.bincount(term_id, weights=times, minlength=size)
    # (np.isin would import numpy.ma, a fifth of a small comparison's time.)
    as_name = np.zeros(len(entry_code))
    as_name[np.searchsorted(entry_code, written_as_name)] = 1.0
    votes = np.bincount(term_id, weights=times * as_name, minlength=size)
    words = list(first_use)
    name_ids = np.flatnonzero((votes > 0) & (votes * 2 >= term_count)).tolist()
    names = {words[k] for k in name_ids}
    variants = name_variants(names, {words[k]: int(term_count[k]) for k in name_ids})
    if variants:
        # One spelling per name: ids renumbered in order of first use after the change.
        renamed = np.arange(size)
        for t, canonical in variants.items():
            renamed[index[t]] = index[canonical]
        ids = renamed[ids]
        kept, first = np.unique(ids, return_index=True)
        in_order = kept[np.argsort(first, kind="stable")]
        new_id = np.empty(size, dtype=np.int64)
        new_id[in_order] = np.arange(len(in_order))
        words = [words[k] for k in in_order.tolist()]
        size = len(words)
        base = max(size, 1)
        ids = new_id[ids]
        entry_code, entry_count = np.unique(owner * base + ids, return_counts=True)
        spelled = variants.keys()
        for u in [u for u, st in enumerate(uniques) if not spelled.isdisjoint(st.terms)]:
            st = uniques[u]
            uniques[u] = SentenceTerms(
                tuple(variants.get(t, t) for t in st.terms),
                frozenset(variants.get(t, t) for t in st.names),
            )
        names = {variants.get(t, t) for t in names}
    vocabulary = dict(zip(words, itertools.count()))
    u_indptr_a = np.zeros(len(uniques) + 1, dtype=np.int64)
    np.cumsum(np.bincount(entry_code // base, minlength=len(uniques)), out=u_indptr_a[1:])
    u_indices_a = entry_code % base
    u_counts_a = entry_count.astype(np.float64)

    # Expand distinct sentences to rows.
    lengths = np.diff(u_indptr_a)[which] if len(which) else np.zeros(0, dtype=np.int64)
    indptr = np.zeros(len(which) + 1, dtype=np.int64)
    np.cumsum(lengths, out=indptr[1:])
    total = int(indptr[-1])
    source = ranges(u_indptr_a[which], lengths)
    indices = u_indices_a[source]
    counts = u_counts_a[source]

    n_rows = len(which)
    df = np.bincount(indices, minlength=len(vocabulary)).astype(np.float64)
    idf = np.log((n_rows + 1) / (df + 1)) + 1.0
    weight = idf.copy()
    for t in names:
        weight[vocabulary[t]] *= NAME_WEIGHT
    raw = (1.0 + np.log(counts)) * weight[indices] if total else np.zeros(0)
    entry_row = np.repeat(np.arange(n_rows, dtype=np.int64), lengths)
    norms = np.sqrt(np.bincount(entry_row, weights=raw * raw, minlength=n_rows))
    norms[norms == 0] = 1.0
    tfidf = raw / norms[entry_row] if total else np.zeros(0)
    return Features(
        terms=[uniques[k] for k in row_distinct],
        doc_of_row=np.asarray(doc_of_row, dtype=np.int32),
        offsets=offsets,
        vocabulary=vocabulary,
        df=df,
        weight=weight,
        names=frozenset(names),
        texts=[s.text for doc in documents for s in doc.sentences],
        indptr=indptr,
        indices=indices,
        tfidf=tfidf,
        raw=raw,
    )
