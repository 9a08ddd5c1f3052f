"""Which sentence pairs the aligner scores: all when that is cheap, a bounded few at scale."""

from __future__ import annotations

import numpy as np

from sidebyside.engine import candidates
from sidebyside.engine.features import build_features, pairs_sharing
from sidebyside.engine.model import Document
from sidebyside.engine.pipeline import segment_document


def docs(*texts: str) -> list[Document]:
    return [segment_document(Document(f"d{k}.txt", t)) for k, t in enumerate(texts)]


def test_small_comparisons_score_every_cross_article_pair():
    features = build_features(docs("Alpha one. Beta two.", "Gamma three. Delta four. Eps five."))
    rows, cols = candidates.candidate_pairs(features, 2)
    assert len(rows) == 6
    assert set(zip(rows.tolist(), cols.tolist())) == {(i, j) for i in (0, 1) for j in (2, 3, 4)}


def test_pairs_sharing_a_key_stay_within_other_articles_and_skip_common_keys():
    doc_of_row = np.array([0, 0, 1, 1, 2])
    keys = np.array([7, 7, 7, 9, 9, 9, 9, 9])
    rows = np.array([0, 2, 1, 0, 1, 2, 3, 4])
    got_rows, got_cols = pairs_sharing(keys, rows, doc_of_row, max_df=3)
    assert set(zip(got_rows.tolist(), got_cols.tolist())) == {(0, 2), (1, 2)}


def test_embedding_neighbours_are_bounded_by_blocks_and_cross_documents(monkeypatch):
    monkeypatch.setattr(candidates, "BLOCK_ROWS", 5)  # a few rows per block
    rng = np.random.default_rng(0)
    emb = rng.standard_normal((12, 16)).astype(np.float32)
    emb[6:] = emb[:6] + 0.05 * rng.standard_normal((6, 16)).astype(np.float32)
    emb /= np.linalg.norm(emb, axis=1, keepdims=True)
    features = build_features(docs(*["\n".join(f"Line {k} here." for k in range(6))] * 2))
    rows, cols = candidates.neighbour_pairs(emb, features, k=1)
    assert np.all(rows < cols)
    assert np.all(features.doc_of_row[rows] != features.doc_of_row[cols])
    assert set(zip(rows.tolist(), cols.tolist())) == {(k, k + 6) for k in range(6)}


def test_a_line_repeated_throughout_two_articles_gives_few_neighbours():
    # Forty copies of one line in each of two articles: every copy ties with all forty
    # of the other article's.  Each takes k of them, not forty: 40 * 2 * 2 pairs at
    # most, not 1,600.
    repeated = "\n".join(["Same line."] * 40)
    features = build_features(docs(repeated, repeated))
    emb = np.zeros((80, 4), dtype=np.float32)
    emb[:, 0] = 1.0
    rows, cols = candidates.neighbour_pairs(emb, features, k=2)
    assert np.all(features.doc_of_row[rows] != features.doc_of_row[cols])
    assert 80 <= len(rows) <= 160
    assert np.bincount(rows, minlength=80)[:40].min() >= 2


def test_large_comparisons_block_on_rare_words():
    # Ten articles with 500 shared lines and one rare word per line: far over the
    # all-pairs limit, yet each line's copies are candidates and unrelated lines are not.
    lines = [f"Officials counted item{k} votes in the district hall." for k in range(500)]
    features = build_features(docs(*["\n".join(lines)] * 10))
    rows, cols = candidates.candidate_pairs(features, 10)
    assert candidates.cross_pair_count(features) > candidates.ALL_PAIRS_LIMIT
    same_line = (rows % 500) == (cols % 500)
    assert same_line.all()
    assert len(rows) == 500 * 45


def test_furniture_takes_no_nearest_neighbour_slot_from_a_story_sentence():
    # Article b's furniture line embeds exactly like a's first sentence, b's story
    # sentence a little less (and it is closer still to a's second): with one
    # neighbour each, a's first sentence must get b's story sentence.
    features = build_features(
        docs("Rebels took the city.\nThe army left.", "Share this story.\nRebels seized the city.")
    )
    emb = np.array([[1, 0], [0.6, 0.8], [1, 0], [0.8, 0.6]], dtype=np.float32)
    furniture = np.array([False, False, True, False])
    rows, cols = candidates.neighbour_pairs(emb, features, k=1, skip=furniture)
    assert set(zip(rows.tolist(), cols.tolist())) == {(0, 3), (1, 3)}
    # Unmarked, the furniture line takes the slot and the pair is never scored.
    rows, cols = candidates.neighbour_pairs(emb, features, k=1)
    assert (0, 3) not in set(zip(rows.tolist(), cols.tolist()))


def test_furniture_is_in_no_candidate_pair_at_any_scale():
    small = build_features(docs("Alpha one. Beta two.", "Gamma three. Delta four."))
    skip = np.array([False, True, False, False])
    rows, cols = candidates.candidate_pairs(small, 2, skip=skip)
    assert set(zip(rows.tolist(), cols.tolist())) == {(0, 2), (0, 3)}
    lines = [f"Officials counted item{k} votes in the district hall." for k in range(500)]
    large = build_features(docs(*["\n".join(lines)] * 10))
    skip = np.zeros(large.n_rows, dtype=bool)
    skip[::500] = True  # the first line of every article
    rows, cols = candidates.candidate_pairs(large, 10, skip=skip)
    assert not (skip[rows] | skip[cols]).any()
    assert len(rows) == 499 * 45


def test_the_embeddings_are_waited_for_exactly_where_the_candidates_read_them():
    # Small: every pair; mid-sized: nearest neighbours too; beyond: rare words only.
    def story(n_docs: int, n_lines: int):
        lines = [f"Officials counted item{k} votes in the district hall." for k in range(n_lines)]
        return build_features(docs(*["\n".join(lines)] * n_docs))

    rng = np.random.default_rng(1)
    sizes = (((2, 20), False), ((10, 300), True), ((10, 700), False))
    for (n_docs, n_lines), expected in sizes:
        features = story(n_docs, n_lines)
        assert candidates.uses_embeddings(features) is expected
        emb = rng.standard_normal((features.n_rows, 8)).astype(np.float32)
        emb /= np.linalg.norm(emb, axis=1, keepdims=True)
        with_emb = candidates.candidate_pairs(features, len(features.offsets), emb)
        without = candidates.candidate_pairs(features, len(features.offsets))
        assert (len(with_emb[0]) != len(without[0])) is expected
        # Handed a call that waits for them, it waits only where it reads them.
        calls: list[int] = []

        def wait(emb=emb, calls=calls):
            calls.append(1)
            return emb

        waited = candidates.candidate_pairs(features, len(features.offsets), wait)
        assert len(calls) == int(expected)
        assert all(np.array_equal(a, b) for a, b in zip(waited, with_emb, strict=True))


def test_rows_share_a_pair_key_exactly_when_they_share_adjacent_terms():
    # Repeated sentences (one text, several rows) and a pair repeated inside a sentence.
    features = build_features(
        docs(
            "Rebels seized Damascus overnight. Rebels seized Damascus overnight.",
            "Damascus overnight fell. Rebels seized power, rebels seized power.",
            "Nothing alike here.",
        )
    )
    offset = len(features.vocabulary)
    keys, key_rows = candidates._adjacent_pair_keys(features, offset)
    assert np.all(keys >= offset)
    held: dict[int, set[int]] = {}
    for key, row in zip(keys.tolist(), key_rows.tolist()):
        assert key not in held.get(row, set()), "a key is listed once per row"
        held.setdefault(row, set()).add(key)
    adjacent = [set(zip(st.terms, st.terms[1:])) for st in features.terms]
    for a in range(features.n_rows):
        assert len(held.get(a, set())) == len(adjacent[a])
        for b in range(features.n_rows):
            shared = held.get(a, set()) & held.get(b, set())
            assert len(shared) == len(adjacent[a] & adjacent[b]), (a, b)


def test_both_halves_of_a_split_in_other_words_are_candidates(monkeypatch):
    # Past the all-pairs limit, a pair sharing no word is scored only if it is among a
    # sentence's nearest neighbours by embedding.  Article b tells a's first sentence
    # in two sentences of other words, the second a little further off than the first:
    # both must be scored, or half of the split can never be linked.  Sentences nearer
    # to other sentences of a are not scored with it: the neighbours are a few.
    monkeypatch.setattr(candidates, "ALL_PAIRS_LIMIT", 0)
    features = build_features(
        docs(
            "The mayor resigned on Friday and left for Portugal.\nTraffic was calm downtown.\n"
            "Schools reopen next week.\nRain is forecast.",
            "Councillors heard that Ms Reyes quit.\nShe has since flown to Lisbon.\n"
            "Buses ran late through the centre.\nClasses resume after the holiday.",
        )
    )
    emb = np.array(
        [
            [1, 0, 0, 0],
            [0, 1, 0, 0],
            [0, 0, 1, 0],
            [0, 0, 0, 1],
            [0.9, 0.44, 0, 0],
            [0.6, 0, 0.8, 0],
            [0, 0.95, 0, 0.3],
            [0, 0, 0.95, 0.3],
        ],
        dtype=np.float32,
    )
    emb /= np.linalg.norm(emb, axis=1, keepdims=True)
    rows, cols = candidates.candidate_pairs(features, 2, emb)
    pairs = set(zip(rows.tolist(), cols.tolist()))
    assert {(0, 4), (0, 5)} <= pairs
    assert not {(0, 6), (0, 7)} & pairs
