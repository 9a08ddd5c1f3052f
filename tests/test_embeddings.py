"""The default install's sentence embedder: what the aligner relies on.

Skipped when ``wordllama`` or ``tokenizers`` is not installed.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import threading

import numpy as np
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from sidebyside.engine import embeddings
from sidebyside.engine.embeddings import Embedder, StaticEmbedder, default_embedder, fold

pytestmark = pytest.mark.skipif(
    default_embedder() is None, reason="wordllama and tokenizers are not installed"
)

# One story told twice (tests/data/paraphrase/fire_*.txt): each sentence, its
# rewrite in other words, and a sentence of the same story that says something else.
TRIPLES = [
    (
        "The blaze began on Saturday afternoon near the village of Salen and has since "
        "burned roughly 9,000 hectares.",
        "The fire, which broke out on Saturday in the afternoon close to Salen, has according "
        "to the authorities already devastated about 9,000 hectares of vegetation.",
        "Evacuees were being housed in schools and a sports hall in the town of Marrena.",
    ),
    (
        "Police have arrested a 54-year-old man on suspicion of starting the fire while "
        "burning farm waste.",
        "A man of 54 years was detained by the police, who suspect him of having provoked the "
        "fire by burning agricultural residues.",
        "Forecasters expect the wind to ease on Wednesday, which could help crews contain "
        "the fire.",
    ),
    (
        "Evacuees were being housed in schools and a sports hall in the town of Marrena.",
        "The people displaced have been accommodated in school buildings and in a sports "
        "centre of Marrena.",
        "Police have arrested a 54-year-old man on suspicion of starting the fire while "
        "burning farm waste.",
    ),
]
SENTENCES = [s for triple in TRIPLES for s in triple]


@pytest.fixture
def embedder(tmp_path) -> StaticEmbedder:
    return default_embedder(tmp_path / "cache")


def test_satisfies_the_embedder_interface(embedder):
    assert isinstance(embedder, Embedder)
    assert embedder.name == embeddings.MODEL_NAME
    assert embedder.dimensions == 256


def test_rows_are_float32_unit_vectors(embedder):
    vectors = embedder.encode(SENTENCES)
    assert vectors.shape == (len(SENTENCES), embedder.dimensions)
    assert vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


@pytest.mark.parametrize("sentence, rewrite, other", TRIPLES)
def test_a_rewrite_is_closer_than_another_sentence_of_the_story(embedder, sentence, rewrite, other):
    a, b, c = embedder.encode([sentence, rewrite, other])
    assert a @ b > a @ c + 0.2
    assert a @ b > b @ c + 0.2


def test_no_input_and_empty_texts(embedder):
    assert embedder.encode([]).shape == (0, embedder.dimensions)
    vectors = embedder.encode(["", "   \n", SENTENCES[0]])
    assert np.isfinite(vectors).all()
    assert not vectors[:2].any()  # nothing to embed: a zero row, close to nothing
    assert np.linalg.norm(vectors[2]) == pytest.approx(1.0, abs=1e-5)


def test_a_text_gets_the_same_bits_alone_among_others_and_in_another_process(tmp_path):
    alone = default_embedder(tmp_path / "a").encode([SENTENCES[0]])[0]
    among = default_embedder(tmp_path / "b").encode([*SENTENCES[3:], SENTENCES[0], "x"])
    assert np.array_equal(alone, among[len(SENTENCES) - 3])
    repeated = default_embedder(tmp_path / "b").encode([SENTENCES[0], SENTENCES[0]])
    assert np.array_equal(repeated[0], alone) and np.array_equal(repeated[1], alone)


def test_quote_dash_and_space_variants_embed_alike_but_case_counts(embedder):
    curly, straight, spaced, lower = embedder.encode(
        [
            "Peskov didn\u2019t respond \u2014 \u201cno comment\u201d.",
            'Peskov didn\'t respond - "no comment".',
            '  Peskov didn\'t\n respond  -  "no comment".  ',
            'peskov didn\'t respond - "no comment".',
        ]
    )
    assert np.array_equal(curly, straight)
    assert np.array_equal(spaced, straight)
    assert not np.array_equal(lower, straight)
    assert fold("a\u00a0b\u2009c\u2581d") == "a b c d"


def test_undecodable_text_is_embedded_not_refused(embedder):
    vectors = embedder.encode(["caf\udce9 au lait", "\x00\x1b[31m red"])
    assert np.isfinite(vectors).all() and vectors.any(axis=1).all()


def test_a_warm_cache_never_loads_the_tokenizer(tmp_path, monkeypatch):
    cold = default_embedder(tmp_path).encode(SENTENCES)

    def refuse(self):
        raise AssertionError("the tokenizer was loaded although every word was cached")

    monkeypatch.setattr(StaticEmbedder, "_load_tokenizer", refuse)
    warm = default_embedder(tmp_path).encode(list(reversed(SENTENCES)))
    assert np.array_equal(warm[::-1], cold)


def _refuse_tokenizer(monkeypatch):
    def refuse(self):
        raise AssertionError("the tokenizer was loaded although every word was cached")

    monkeypatch.setattr(StaticEmbedder, "_load_tokenizer", refuse)


def test_words_are_found_in_a_full_cache_without_the_tokenizer(tmp_path, monkeypatch):
    cold = default_embedder(tmp_path).encode(SENTENCES)
    # A cache that has met many other words since: theirs are all around ours.
    filler = default_embedder(tmp_path)
    filler._load_table()
    filler._cache.add([f"w{n}x" for n in range(20_000)], [[n % 900, 7] for n in range(20_000)])
    _refuse_tokenizer(monkeypatch)
    warm = default_embedder(tmp_path).encode(SENTENCES)
    assert np.array_equal(warm, cold)


def test_words_sharing_a_hash_still_get_their_own_tokens(tmp_path, monkeypatch):
    plain = default_embedder(tmp_path / "apart").encode(SENTENCES)
    monkeypatch.setattr(embeddings, "word_hashes", lambda words: np.zeros(len(words), np.uint64))
    assert np.array_equal(default_embedder(tmp_path).encode(SENTENCES), plain)  # cold
    assert np.array_equal(default_embedder(tmp_path).encode(SENTENCES), plain)  # warm


def test_a_cache_that_fills_up_starts_over_and_keeps_answering(tmp_path, monkeypatch):
    plain = default_embedder(tmp_path / "apart")
    monkeypatch.setattr(embeddings, "MAX_CACHED_WORDS", 40)
    shared = default_embedder(tmp_path)
    for sentence in SENTENCES + SENTENCES[::-1]:
        assert np.array_equal(shared.encode([sentence]), plain.encode([sentence]))
    reread = default_embedder(tmp_path)
    reread._load_table()
    assert 0 < len(reread._cache) <= 40


def test_a_cache_written_by_another_process_is_read_without_the_tokenizer(tmp_path, monkeypatch):
    script = (
        "import sys; from sidebyside.engine.embeddings import default_embedder; "
        "default_embedder(sys.argv[1]).encode(sys.argv[2:])"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345"}  # Python's own hash differs there
    subprocess.run([sys.executable, "-c", script, str(tmp_path), *SENTENCES], env=env, check=True)
    here = default_embedder(tmp_path / "apart").encode(SENTENCES)
    _refuse_tokenizer(monkeypatch)
    assert np.array_equal(default_embedder(tmp_path).encode(SENTENCES), here)


def test_a_damaged_cache_is_ignored_and_rewritten(tmp_path):
    fresh = default_embedder(tmp_path).encode(SENTENCES)
    (cache_file,) = tmp_path.rglob("word-tokens.bin")
    cache_file.write_bytes(b"\x93NUMPY garbage")
    again = default_embedder(tmp_path).encode(SENTENCES)
    assert np.array_equal(again, fresh)
    assert cache_file.read_bytes() != b"\x93NUMPY garbage"


def test_an_unwritable_cache_does_not_stop_encoding(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    vectors = default_embedder(blocker).encode(SENTENCES)
    assert vectors.shape == (len(SENTENCES), 256)


def test_threads_encoding_at_once_agree(tmp_path):
    shared = default_embedder(tmp_path)
    results: list[np.ndarray] = []
    errors: list[Exception] = []

    def work():
        try:
            results.append(shared.encode(SENTENCES))
        except Exception as e:  # reported below
            errors.append(e)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert all(np.array_equal(r, results[0]) for r in results)


def test_missing_package_means_no_embedder(monkeypatch):
    real = importlib.util.find_spec

    def find_spec(name, *args):
        return None if name == "wordllama" else real(name, *args)

    monkeypatch.setattr(importlib.util, "find_spec", find_spec)
    assert default_embedder() is None


def test_vectors_equal_the_packages_own(tmp_path):
    """WordLlama.load().embed, run apart (its import configures logging), on folded text."""
    pytest.importorskip("pydantic")
    pytest.importorskip("requests")
    pytest.importorskip("toml")
    texts = [fold(s) for s in SENTENCES]
    script = (
        "import json, pathlib, sys\n"
        "from wordllama import WordLlama\n"
        "import wordllama\n"
        "folder = pathlib.Path(sys.argv[1]) / 'tokenizers'\n"
        "folder.mkdir(parents=True)\n"
        "name = 'l2_supercat_tokenizer_config.json'\n"
        # The loader looks under "tokenizer/", the wheel ships "tokenizers/".
        "shipped = pathlib.Path(wordllama.__file__).parent / 'tokenizers' / name\n"
        "(folder / name).symlink_to(shipped)\n"
        "model = WordLlama.load(cache_dir=folder.parent, disable_download=True)\n"
        "print(json.dumps(model.embed(json.loads(sys.argv[2]), norm=True).tolist()))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "wl"), json.dumps(texts)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    theirs = np.array(json.loads(out.strip().splitlines()[-1]), dtype=np.float32)
    ours = default_embedder(tmp_path / "cache").encode(texts)
    np.testing.assert_allclose(ours, theirs, atol=1e-6)


@given(st.lists(st.text(min_size=0, max_size=40), max_size=30))
@example(words=["", "\x00"])
def test_a_words_hash_does_not_depend_on_the_words_beside_it(words):
    encoded = [w.encode("utf-8", "surrogatepass") for w in words]
    together = embeddings.word_hashes(encoded)
    alone = [embeddings.word_hashes([e])[0] for e in encoded]
    assert together.tolist() == alone
    assert len(set(alone)) == len(set(encoded))  # no two distinct words collide here


def test_short_words_have_hashes_of_their_own():
    # The empty word, every single byte and every pair of bytes: 65,793 words, no two
    # with one hash (a shared hash would cost every run a tokenizer load for them).
    words = [b""] + [bytes([a]) for a in range(256)]
    words += [bytes([a, b]) for a in range(256) for b in range(256)]
    assert len(set(embeddings.word_hashes(words).tolist())) == len(words)
