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


# Layout of the word cache file; a file of another layout counts as empty.
_CACHE_LAYOUT = "hashed-words-2"
_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
# The length enters with a multiplier of its own: with the base's, the empty word and a
# lone NUL byte summed to the same value.
_LENGTH_KEY = np.uint64(0xC2B2AE3D27D4EB4F)


def _mix(x: np.ndarray) -> np.ndarray:
    """SplitMix64's finaliser: every input bit moves every output bit (uint64, wrapping)."""
    x = x ^ (x >> np.uint64(30))
    x = x * np.uint64(0xBF58476D1CE4E5B9)
    x = x ^ (x >> np.uint64(27))
    x = x * np.uint64(0x94D049BB133111EB)
    return x ^ (x >> np.uint64(31))


def word_hashes(encoded: Sequence[bytes]) -> np.ndarray:
    """A 64-bit hash of each word's bytes, the same in every process (Python's own
    ``hash`` is salted per process), worked out for all words at once."""
    sizes = np.fromiter(map(len, encoded), dtype=np.int64, count=len(encoded))
    if not len(sizes):
        return np.zeros(0, dtype=np.uint64)
    flat = np.frombuffer(b"".join(encoded), dtype=np.uint8).astype(np.uint64)
    place = ranges(np.zeros(len(sizes), dtype=np.int64), sizes)  # each byte's place in its word
    powers = np.cumprod(np.full(int(sizes.max()) + 1, _GOLDEN, dtype=np.uint64))
    running = np.concatenate([np.zeros(1, dtype=np.uint64), np.cumsum((flat + 1) * powers[place])])
    ends = np.cumsum(sizes)
    sums = running[ends] - running[ends - sizes]  # wrapping: exact modulo 2**64
    return _mix(sums + sizes.astype(np.uint64) * _LENGTH_KEY)


class WordTokenCache:
    """Token ids of the words already cut, kept on disk between runs.

    Loading the tokenizer (a 1.8 MB vocabulary and 61,000 merges) costs more
    than encoding a few hundred sentences, so a run whose words were all seen
    before never loads it.  The ids are the tokenizer's own, so results do not
    depend on the cache.  Words are kept sorted by a stable hash and looked up
    by binary search, so a start reads a few arrays and builds nothing per word
    cached: a dictionary of a full cache's 300,000 words took a tenth of a
    second to build, on every start.  A found word's bytes are compared with the
    word asked for, so a hash shared by two words costs a lookup, never a wrong
    answer.  One file, rewritten whole through a temporary file that replaces it
    atomically; a file that cannot be read, or was written for another tokenizer
    or layout, counts as empty, and failures to write are ignored.
    """

    def __init__(self, path: Path | None, key: str) -> None:
        self.path = path
        self.key = f"{key}|{_CACHE_LAYOUT}"
        none = np.zeros(0, dtype=np.int64)
        self._set(np.zeros(0, dtype=np.uint64), none, b"", none, np.zeros(0, dtype=np.int32))
        self._read()

    def __len__(self) -> int:
        return len(self._hashes)

    def _read(self) -> None:
        if self.path is None:
            return
        try:
            # .npy records one after another (no zip: its import alone costs more
            # than reading the file).
            with open(self.path, "rb") as f:
                key, hashes, byte_ends, blob, id_ends, ids = (
                    np.load(f, allow_pickle=False) for _ in range(6)
                )
        except (OSError, ValueError, EOFError):
            return
        if key.tobytes() != self.key.encode("utf-8"):
            return
        n = len(hashes)
        if not (
            (hashes.dtype, byte_ends.dtype, blob.dtype, id_ends.dtype, ids.dtype)
            == (np.uint64, np.int64, np.uint8, np.int64, np.int32)
            and len(byte_ends) == len(id_ends) == n
            and (not n or (byte_ends[-1] == blob.size and id_ends[-1] == len(ids)))
            and (not n or (byte_ends[0] >= 0 and id_ends[0] >= 0))
            and (byte_ends[1:] >= byte_ends[:-1]).all()
            and (id_ends[1:] >= id_ends[:-1]).all()
            and (hashes[1:] >= hashes[:-1]).all()
        ):
            return
        self._set(hashes, byte_ends, blob.tobytes(), id_ends, ids)

    def _set(self, hashes, byte_ends, blob: bytes, id_ends, ids) -> None:
        self._hashes, self._byte_ends, self._blob = hashes, byte_ends, blob
        self._id_ends, self.ids = id_ends, ids

    def entries(self, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Where the ids of each entry of ``rows`` start in ``ids``, and how many there are."""
        ends = self._id_ends[rows]
        starts = np.where(rows > 0, self._id_ends[rows - 1], 0)
        return starts, ends - starts

    def find(self, words: Sequence[str]) -> np.ndarray:
        """Each word's entry, or -1 for a word not cached."""
        rows = np.full(len(words), -1, dtype=np.int64)
        if not len(self) or not len(words):
            return rows
        encoded = [w.encode("utf-8", "surrogatepass") for w in words]
        wanted = word_hashes(encoded)
        at = np.minimum(np.searchsorted(self._hashes, wanted), len(self) - 1)
        hit = np.flatnonzero(self._hashes[at] == wanted)
        at = at[hit]
        ends, blob = self._byte_ends, self._blob
        firsts = np.where(at > 0, ends[at - 1], 0).tolist()
        same = np.fromiter(
            (blob[b:e] == encoded[i] for i, b, e in zip(hit.tolist(), firsts, ends[at].tolist())),
            dtype=bool,
            count=len(hit),
        )
        rows[hit[same]] = at[same]
        return rows

    def add(self, words: Sequence[str], ids: list[list[int]]) -> None:
        """Remember fresh words (starting over past MAX_CACHED_WORDS) and save."""
        encoded = [w.encode("utf-8", "surrogatepass") for w in words]
        counts = np.fromiter(map(len, ids), dtype=np.int64, count=len(ids))
        sizes = np.fromiter(map(len, encoded), dtype=np.int64, count=len(encoded))
        flat = np.fromiter(itertools.chain.from_iterable(ids), np.int32, int(counts.sum()))
        parts = [(word_hashes(encoded), sizes, b"".join(encoded), counts, flat)]
        if len(self) + len(words) <= MAX_CACHED_WORDS:
            kept_sizes = np.diff(self._byte_ends, prepend=0)
            kept_counts = np.diff(self._id_ends, prepend=0)
            parts.insert(0, (self._hashes, kept_sizes, self._blob, kept_counts, self.ids))
        hashes = np.concatenate([p[0] for p in parts])
        sizes = np.concatenate([p[1] for p in parts])
        blob = np.frombuffer(b"".join(p[2] for p in parts), dtype=np.uint8)
        counts = np.concatenate([p[3] for p in parts])
        flat = np.concatenate([p[4] for p in parts])
        order = np.argsort(hashes, kind="stable")
        byte_starts, id_starts = np.cumsum(sizes) - sizes, np.cumsum(counts) - counts
        sizes, counts = sizes[order], counts[order]
        self._set(
            hashes[order],
            np.cumsum(sizes),
            blob[ranges(byte_starts[order], sizes)].tobytes(),
            np.cumsum(counts),
            flat[ranges(id_starts[order], counts)],
        )
        self._write()

    def _write(self) -> None:
        if self.path is None:
            return
        tmp = self.path.with_name(f"{self.path.name}.{os.getpid()}-{threading.get_ident()}.tmp")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with open(tmp, "wb") as f:
                for array in (
                    np.frombuffer(self.key.encode("utf-8"), dtype=np.uint8),
                    self._hashes,
                    self._byte_ends,
                    np.frombuffer(self._blob, dtype=np.uint8),
                    self._id_ends,
                    self.ids,
                ):
                    np.save(f, array, allow_pickle=False)
            os.replace(tmp, self.path)
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def _with_fresh(
    rows: np.ndarray, lengths: np.ndarray, ids: np.ndarray, fresh_ids: list[list[int]]
) -> tuple[np.ndarray, np.ndarray]:
    """Flat ids and counts of every word, from the cached words' (``rows`` >= 0, their ids
    ``ids`` in order) and the fresh ones' (``fresh_ids``, for the words at ``rows < 0``)."""
    found = rows >= 0
    lengths = lengths.copy()
    lengths[~found] = np.fromiter(map(len, fresh_ids), dtype=np.int64, count=len(fresh_ids))
    starts = np.cumsum(lengths) - lengths
    out = np.empty(int(lengths.sum()), dtype=np.int32)
    out[ranges(starts[found], lengths[found])] = ids
    flat = np.fromiter(
        itertools.chain.from_iterable(fresh_ids), np.int32, int(lengths[~found].sum())
    )
    out[ranges(starts[~found], lengths[~found])] = flat
    return out, lengths


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
            rows = cache.find(words)
            starts, counts = cache.entries(rows[rows >= 0])
            lengths = np.zeros(len(words), dtype=np.int64)
            lengths[rows >= 0] = counts
            ids = cache.ids[ranges(starts, counts)]
            missing = np.flatnonzero(rows < 0)
            if len(missing):
                tokenizer = self._load_tokenizer()
                encode = getattr(tokenizer, "encode_batch_fast", tokenizer.encode_batch)
                fresh = [words[i] for i in missing.tolist()]
                fresh_ids = [e.ids for e in encode(fresh, add_special_tokens=False)]
                ids, lengths = _with_fresh(rows, lengths, ids, fresh_ids)
                cache.add(fresh, fresh_ids)
        return ids, lengths

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
