"""Sentence embeddings the plain install can afford: static token vectors.

Rewrites say one thing in other words ("special services facilitated a safe
escape" ~ "intelligence agents orchestrated the escape"), which word overlap
misses.  A transformer such as MiniLM encodes about a hundred sentences a
second on a laptop CPU; WordLlama's static vectors (one 256-float vector per
token of the Llama-2 vocabulary, trained so that their mean embeds the
sentence) need only a tokenizer and a table lookup, tens of thousands of
sentences a second.  Sentences of one story all come out fairly close, so the
cosine is one feature of the link scorer, never the decision.

The vectors and the tokenizer ship inside the ``wordllama`` wheel.  They are
read from its files, found without importing the package (its import pulls a
settings library and a download client): the tokenizer with ``tokenizers``,
the weights memory-mapped from the safetensors file, so nothing is downloaded
and only the rows of the tokens in use are read from disk.

Speed comes from the model being static: a sentence's vector is the sum of
its words' vectors (no token spans a space in this vocabulary), so each
distinct word is tokenized and summed once per call, whatever the number of
sentences.  The result equals ``WordLlama.load().embed(texts, norm=True)`` on
the folded texts up to float rounding (benchmarks/bench_embedders.py checks).
"""

from __future__ import annotations

import contextlib
import importlib.util
import itertools
import json
import os
import re
import struct
import threading
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol, runtime_checkable

import numpy as np

from sidebyside.engine.arrays import ranges
from sidebyside.engine.normalize import _FOLD

MODEL_NAME = "wordllama-l2-supercat-256"
DIMENSIONS = 256
# Files inside the wordllama package, and the tensor the weights are stored as.
_TOKENIZER_FILE = ("tokenizers", "l2_supercat_tokenizer_config.json")
_WEIGHTS_FILE = ("weights", "l2_supercat_256.safetensors")
_TENSOR = "embedding.weight"
# Bound on the floats gathered at once while summing (16 MiB of float32).
BLOCK_FLOATS = 1 << 22
# Words the cache keeps (about 40 bytes each on disk); past it, it starts over.
MAX_CACHED_WORDS = 300_000

# What fold replaces (or drops) outside ASCII: the engine's quote, dash and
# space folding, plus SentencePiece's word marker, which would act as a space.
_MARKS = {chr(k): v or "" for k, v in _FOLD.items()} | {"\u2581": " "}
_MARK = re.compile("[" + re.escape("".join(_MARKS)) + "]")


@runtime_checkable
class Embedder(Protocol):
    """What the aligner needs of a sentence embedder."""

    name: str
    dimensions: int

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """One float32 row per text, L2-normalised (all zero for a text with no tokens)."""
        ...


def _unmark(match: re.Match[str]) -> str:
    return _MARKS[match.group()]


def fold(text: str) -> str:
    """``text`` as the model reads it: quotes, dashes and spaces folded, case kept.

    The Llama vocabulary is case-sensitive ("Peskov" is two tokens, "peskov"
    four), so case stays; curly and straight quotes, dash variants and runs of
    whitespace would only make one word look like two.  ASCII text, most of
    it, takes the short way.
    """
    if not text.isascii():
        # Lone surrogates (undecodable bytes) become "?": the tokenizer takes only UTF-8.
        text = _MARK.sub(_unmark, text.encode("utf-8", "replace").decode("utf-8"))
        if not unicodedata.is_normalized("NFKC", text):
            text = _MARK.sub(_unmark, unicodedata.normalize("NFKC", text))
    return " ".join(text.split())


def _memmap_tensor(path: Path, name: str) -> np.ndarray:
    """One float16 tensor of a safetensors file, memory-mapped (pages load on use).

    The format is an 8-byte little-endian header length, a JSON header giving
    each tensor's dtype, shape and byte range, then the data.
    """
    with open(path, "rb") as f:
        (size,) = struct.unpack("<Q", f.read(8))
        header = json.loads(f.read(size))
    info = header.get(name)
    if not info or info.get("dtype") != "F16" or len(info.get("shape", ())) != 2:
        raise ValueError(f"{path}: no 2-D float16 tensor {name!r}")
    start, end = info["data_offsets"]
    rows, cols = info["shape"]
    if end - start != rows * cols * 2:
        raise ValueError(f"{path}: tensor {name!r} has the wrong size")
    mapped = np.memmap(path, dtype="<f2", mode="r", offset=8 + size + start, shape=(rows, cols))
    # A plain array over the same pages: indexing a memmap subclass costs more.
    return mapped.view(np.ndarray)


def _segment_sums(table: np.ndarray, flat: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """Row ``k`` of the result sums the rows of ``table`` named by the ``k``-th
    segment of ``flat`` (segments of ``lengths`` items, in order), in float32.

    Segments of one length are summed together, a bounded block at a time, so
    the work is a few dozen NumPy calls however many segments there are.
    """
    dims = table.shape[1]
    out = np.zeros((len(lengths), dims), dtype=np.float32)
    starts = np.cumsum(lengths) - lengths
    # Distinct lengths, without np.unique (it imports numpy.ma: 15 ms of a cold start).
    for length in np.flatnonzero(np.bincount(lengths)).tolist():
        if length == 0:
            continue
        which = np.flatnonzero(lengths == length)
        step = max(1, BLOCK_FLOATS // (length * dims))
        for first in range(0, len(which), step):
            part = which[first : first + step]
            rows = flat[starts[part, None] + np.arange(length)]
            out[part] = table[rows].astype(np.float32, copy=False).sum(axis=1)
    return out


class WordTokenCache:
    """Token ids of the words already cut, kept on disk between runs.

    Loading the tokenizer (a 1.8 MB vocabulary and 61,000 merges) costs more
    than encoding a few hundred sentences, so a run whose words were all seen
    before never loads it.  The ids are the tokenizer's own, so results do not
    depend on the cache.  One file, rewritten whole through a temporary file
    that replaces it atomically; a file that cannot be read, or was written
    for another tokenizer, counts as empty, and failures to write are ignored.
    """

    def __init__(self, path: Path | None, key: str) -> None:
        self.path = path
        self.key = key
        self.index: dict[str, int] = {}
        self.ids = np.zeros(0, dtype=np.int32)
        self.lengths = np.zeros(0, dtype=np.int64)
        self.starts = np.zeros(0, dtype=np.int64)
        self._words: list[str] = []
        self._read()

    def _read(self) -> None:
        if self.path is None:
            return
        try:
            # Four .npy records one after another (no zip: its import alone
            # costs more than reading the file).
            with open(self.path, "rb") as f:
                key, blob, lengths, ids = (np.load(f, allow_pickle=False) for _ in range(4))
            if key.tobytes() != self.key.encode("utf-8"):
                return
            words = blob.tobytes().decode("utf-8", "surrogatepass").split("\n") if blob.size else []
        except (OSError, ValueError, EOFError):
            return
        lengths, ids = lengths.astype(np.int64), ids.astype(np.int32)
        if len(words) != len(lengths) or lengths.sum() != len(ids) or (lengths < 0).any():
            return
        self._set(words, ids, lengths)

    def _set(self, words: list[str], ids: np.ndarray, lengths: np.ndarray) -> None:
        self._words = words
        self.index = dict(zip(words, itertools.count()))
        self.ids, self.lengths = ids, lengths
        self.starts = np.cumsum(lengths) - lengths

    def add(self, words: list[str], ids: list[list[int]]) -> None:
        """Remember fresh words (starting over past MAX_CACHED_WORDS) and save."""
        lengths = np.fromiter(map(len, ids), dtype=np.int64, count=len(ids))
        flat = np.fromiter(itertools.chain.from_iterable(ids), np.int32, int(lengths.sum()))
        if len(self._words) + len(words) > MAX_CACHED_WORDS:
            self._set(list(words), flat, lengths)
        else:
            self._set(
                self._words + list(words),
                np.concatenate([self.ids, flat]),
                np.concatenate([self.lengths, lengths]),
            )
        self._write()

    def _write(self) -> None:
        if self.path is None:
            return
        tmp = self.path.with_name(f"{self.path.name}.{os.getpid()}-{threading.get_ident()}.tmp")
        blob = "\n".join(self._words).encode("utf-8", "surrogatepass")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with open(tmp, "wb") as f:
                for array in (
                    np.frombuffer(self.key.encode("utf-8"), dtype=np.uint8),
                    np.frombuffer(blob, dtype=np.uint8),
                    self.lengths,
                    self.ids,
                ):
                    np.save(f, array, allow_pickle=False)
            os.replace(tmp, self.path)
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


class StaticEmbedder:
    """Mean of static token vectors, L2-normalised; loaded on first use, thread-safe.

    ``cache_dir``: where the word cache lives (None: in memory only).
    """

    def __init__(
        self,
        tokenizer_file: Path,
        weights_file: Path,
        name: str = MODEL_NAME,
        dimensions: int = DIMENSIONS,
        cache_dir: Path | None = None,
    ) -> None:
        self.name = name
        self.dimensions = dimensions
        self._tokenizer_file = Path(tokenizer_file)
        self._weights_file = Path(weights_file)
        self._cache_file = (
            Path(cache_dir) / "embeddings" / name / "word-tokens.bin" if cache_dir else None
        )
        self._lock = threading.Lock()
        self._tokenizer = None
        self._table: np.ndarray | None = None
        self._cache: WordTokenCache | None = None

    def _load_table(self) -> np.ndarray:
        """The token vectors and the word cache (cheap: the tokenizer waits until needed)."""
        if self._table is None:
            table = _memmap_tensor(self._weights_file, _TENSOR)
            if table.shape[1] != self.dimensions:
                raise ValueError(
                    f"{self._weights_file}: {table.shape[1]} dimensions, expected {self.dimensions}"
                )
            stat = self._tokenizer_file.stat()
            key = f"{self.name}|{table.shape[0]}|{stat.st_size}|{stat.st_mtime_ns}"
            self._cache = WordTokenCache(self._cache_file, key)
            self._table = table
        return self._table

    def _load_tokenizer(self):
        if self._tokenizer is None:
            from tokenizers import Tokenizer

            tokenizer = Tokenizer.from_file(str(self._tokenizer_file))
            if tokenizer.get_vocab_size() > self._load_table().shape[0]:
                raise ValueError(f"{self._weights_file}: fewer rows than the tokenizer has tokens")
            tokenizer.no_padding()
            tokenizer.no_truncation()
            self._tokenizer = tokenizer
        return self._tokenizer

    def load(self) -> None:
        """Load everything now (a caller that wants the cost up front, or measured)."""
        with self._lock:
            self._load_table()
            self._load_tokenizer()

    def _token_ids(self, words: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """Token ids of each word as the tokenizer cuts it in a sentence, flat, and counts."""
        with self._lock:
            self._load_table()
            cache = self._cache
            missing = [w for w in words if w not in cache.index]
            if missing:
                tokenizer = self._load_tokenizer()
                encode = getattr(tokenizer, "encode_batch_fast", tokenizer.encode_batch)
                cache.add(missing, [e.ids for e in encode(missing, add_special_tokens=False)])
            rows = np.fromiter(map(cache.index.__getitem__, words), np.int64, len(words))
            lengths = cache.lengths[rows]
            starts, ids = cache.starts[rows], cache.ids
        return ids[ranges(starts, lengths)], lengths

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Unit vectors of ``texts`` (float32 rows; all zero for a text with no words).

        Equal texts get bit-identical rows, whatever else is encoded with them.
        """
        if not len(texts):
            return np.zeros((0, self.dimensions), dtype=np.float32)
        distinct = dict.fromkeys(texts)
        folded = [fold(t) for t in distinct]
        counts = np.fromiter(
            (t.count(" ") + 1 if t else 0 for t in folded), dtype=np.int64, count=len(folded)
        )
        words = " ".join(t for t in folded if t).split(" ") if counts.any() else []
        vocabulary = dict(zip(dict.fromkeys(words), itertools.count()))
        token_ids, token_counts = self._token_ids(list(vocabulary))
        word_vectors = _segment_sums(self._table, token_ids, token_counts)
        flat = np.fromiter(map(vocabulary.__getitem__, words), dtype=np.int64, count=len(words))
        vectors = _segment_sums(word_vectors, flat, counts)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        np.divide(vectors, norms, out=vectors, where=norms > 0)
        if len(distinct) == len(texts):
            return vectors
        position = dict(zip(distinct, itertools.count()))
        return vectors[np.fromiter(map(position.__getitem__, texts), np.int64, len(texts))]


def default_cache_dir() -> Path:
    """``SIDEBYSIDE_CACHE_DIR``, else the platform's cache folder for sidebyside."""
    override = os.environ.get("SIDEBYSIDE_CACHE_DIR")
    if override:
        return Path(override)
    import platformdirs

    return platformdirs.user_cache_path("sidebyside")


def _package_dir(package: str) -> Path | None:
    """Where an installed package's files are, without importing it."""
    try:
        spec = importlib.util.find_spec(package)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def default_embedder(cache_dir: Path | str | None = None) -> StaticEmbedder | None:
    """The embedder of the default install, or None when its packages are missing.

    Its word cache goes under ``cache_dir`` (default: ``default_cache_dir()``).
    """
    root = _package_dir("wordllama")
    if root is None or importlib.util.find_spec("tokenizers") is None:
        return None
    tokenizer_file = root.joinpath(*_TOKENIZER_FILE)
    weights_file = root.joinpath(*_WEIGHTS_FILE)
    if not (tokenizer_file.is_file() and weights_file.is_file()):
        return None
    cache = Path(cache_dir) if cache_dir is not None else default_cache_dir()
    return StaticEmbedder(tokenizer_file, weights_file, cache_dir=cache)
