"""What the aligner compares: weighted content words of each sentence.

A sentence becomes a TF-IDF vector over word stems.  Function words carry no
weight, stems let "bombed" meet "bombing", and proper names are damped: two
sentences that share only "Kremlin spokesman Dmitry Peskov" are not saying
the same thing, while their rare names would otherwise dominate the score.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache

import numpy as np
import snowballstemmer
from rapidfuzz import process
from rapidfuzz.distance import OSA
from scipy import sparse

from sidebyside.engine.model import Document
from sidebyside.engine.normalize import fold

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

_WORD = re.compile(r"\w+(?:['\u2019]\w+)*")
_STEMMER = snowballstemmer.stemmer("english")


@lru_cache(maxsize=500_000)
def _term(raw: str) -> str | None:
    """The stem a written word counts as, or None for a function word."""
    key = fold(raw)
    if key.endswith("'s"):
        key = key[:-2]
    if key in STOPWORDS or not any(c.isalnum() for c in key):
        return None
    return _STEMMER.stemWord(key)


@dataclass(frozen=True, slots=True)
class SentenceTerms:
    """The content terms of one sentence, in order, and which are names."""

    terms: tuple[str, ...]
    names: frozenset[str]


def sentence_terms(text: str) -> SentenceTerms:
    terms = []
    names = set()
    for position, m in enumerate(_WORD.finditer(text)):
        raw = m.group()
        term = _term(raw)
        if term is None:
            continue
        terms.append(term)
        # A capital that is not sentence-initial marks a name; acronyms (HTS) too.
        if (position > 0 and raw[0].isupper()) or (len(raw) > 1 and raw.isupper()):
            names.add(term)
    return SentenceTerms(tuple(terms), frozenset(names))


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n


def name_variants(names: set[str], counts: dict[str, int]) -> dict[str, str]:
    """Map spellings of one name onto one term.

    Articles spell names differently (Pukhov / Puhkov, Qaddafi / Gaddafi,
    Khmeimim / Hmeimim) and use demonyms for places (Iranian / Iran,
    Turkish / Turkey).  Two names are one when they differ by a single edit
    (transpositions included) in five letters or more, or when one extends
    the other's stem by a short suffix (at most three letters either way).
    """
    candidates = sorted(n for n in names if len(n) >= 4 and n.isalpha())
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

    for k, a in enumerate(candidates):
        for b in candidates[k + 1 :]:
            prefix = _common_prefix(a, b)
            if prefix < 4:
                break
            if prefix >= min(len(a), len(b)) - 2 and max(len(a), len(b)) - prefix <= 3:
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
            if OSA.distance(a, b) == 1:
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


@dataclass
class Features:
    """TF-IDF rows for every sentence of every document, stacked in one matrix.

    Row ``offsets[d] + s`` is sentence ``s`` of document ``d``.
    """

    matrix: sparse.csr_matrix  # L2-normalised rows
    raw: sparse.csr_matrix  # same weights before normalisation, to sum split sentences
    terms: list[SentenceTerms]
    doc_of_row: np.ndarray
    offsets: list[int]
    vocabulary: dict[str, int]
    df: np.ndarray  # sentences containing each vocabulary term
    weight: np.ndarray  # IDF of each term, names damped
    names: frozenset[str]  # terms written capitalised in most of their uses
    texts: list[str]  # each row's sentence as written, for matchers that read text

    def row(self, doc: int, sentence: int) -> int:
        return self.offsets[doc] + sentence

    def term_set(self, row: int) -> frozenset[str]:
        return self.term_sets[row]

    @cached_property
    def term_sets(self) -> list[frozenset[str]]:
        shared: dict[int, frozenset[str]] = {}  # rows of one distinct sentence share it
        return [shared.setdefault(id(st), frozenset(st.terms)) for st in self.terms]

    def share_of(self, row: int, terms: set[str]) -> float:
        """Share of ``row``'s content weight carried by ``terms``."""
        own = self.term_set(row)
        total = sum(self.weight[self.vocabulary[t]] for t in own)
        if not total:
            return 0.0
        return sum(self.weight[self.vocabulary[t]] for t in own & terms) / total


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
    multiplicity = np.bincount(np.asarray(row_distinct, dtype=np.int64), minlength=len(uniques))

    # A term is a name only if it is capitalised in most of its occurrences.
    name_votes: dict[str, int] = {}
    term_count: dict[str, int] = {}
    for st, times in zip(uniques, multiplicity.tolist()):
        for t in set(st.terms):
            term_count[t] = term_count.get(t, 0) + times
            if t in st.names:
                name_votes[t] = name_votes.get(t, 0) + times
    names = {t for t, v in name_votes.items() if v * 2 >= term_count[t]}
    variants = name_variants(names, term_count)
    if variants:
        uniques = [
            SentenceTerms(
                tuple(variants.get(t, t) for t in st.terms),
                frozenset(variants.get(t, t) for t in st.names),
            )
            for st in uniques
        ]
        names = {variants.get(t, t) for t in names}

    vocabulary: dict[str, int] = {}
    indptr = [0]
    indices: list[int] = []
    counts: list[float] = []
    for st in uniques:
        bag: dict[int, int] = {}
        for t in st.terms:
            j = vocabulary.setdefault(t, len(vocabulary))
            bag[j] = bag.get(j, 0) + 1
        indices.extend(bag)
        counts.extend(bag.values())
        indptr.append(len(indices))
    tf_distinct = sparse.csr_matrix(
        (np.asarray(counts, dtype=np.float64), np.asarray(indices, dtype=np.int32), indptr),
        shape=(len(uniques), len(vocabulary)),
    )
    tf = tf_distinct[np.asarray(row_distinct, dtype=np.int64)] if row_distinct else tf_distinct
    terms = [uniques[k] for k in row_distinct]
    n_rows = len(terms)
    df = np.bincount(tf.indices, minlength=len(vocabulary)).astype(np.float64)
    idf = np.log((n_rows + 1) / (df + 1)) + 1.0
    weight = idf.copy()
    for t in names:
        weight[vocabulary[t]] *= NAME_WEIGHT
    raw = tf.copy()
    raw.data = (1.0 + np.log(raw.data)) * weight[raw.indices]
    norms = np.sqrt(np.asarray(raw.multiply(raw).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    matrix = sparse.csr_matrix(sparse.diags(1.0 / norms) @ raw)
    return Features(
        matrix=matrix,
        raw=raw,
        terms=terms,
        doc_of_row=np.asarray(doc_of_row, dtype=np.int32),
        offsets=offsets,
        vocabulary=vocabulary,
        df=df,
        weight=weight,
        names=frozenset(names),
        texts=[s.text for doc in documents for s in doc.sentences],
    )
