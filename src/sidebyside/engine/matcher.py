"""Matchers: what the aligner knows about sentences besides their words.

A matcher brings an optional sentence embedding and names the fitted link
weights that go with it (``linker``): the columns differ between a matcher
with embeddings and one without, so each has weights of its own.

- ``lexical``: weighted word overlap only.  No model; the fallback.
- ``paraphrase``: word overlap plus static word embeddings (a small model
  shipped inside a package), which meet rewrites that share few words.  Fast
  enough to be the default.
- ``semantic`` (``semantic.SemanticMatcher``, optional extra): contextual
  sentence embeddings, slower, refined in the background by the app.
"""

from __future__ import annotations

from functools import cache

import numpy as np

from sidebyside.engine.features import Features


class LexicalMatcher:
    """Weighted word overlap only."""

    name = "lexical"

    def embeddings(self, features: Features) -> np.ndarray | None:
        return None


def expand_rows(features: Features, vectors: dict[str, np.ndarray], dimensions: int) -> np.ndarray:
    """One vector per row from vectors per distinct text."""
    texts = features.texts
    if not texts:
        return np.zeros((0, dimensions), dtype=np.float32)
    distinct = list(dict.fromkeys(texts))
    position = {t: n for n, t in enumerate(distinct)}
    table = np.stack([vectors[t] for t in distinct]).astype(np.float32, copy=False)
    return table[np.fromiter((position[t] for t in texts), np.int64, len(texts))]


class ParaphraseMatcher:
    """Word overlap plus static embeddings from ``embeddings.default_embedder``."""

    name = "paraphrase"

    def __init__(self, embedder=None) -> None:
        embedder = embedder or shared_embedder()
        if embedder is None:
            raise RuntimeError("the paraphrase model is not installed")
        self.embedder = embedder
        self._vectors: dict[str, np.ndarray] = {}

    def embeddings(self, features: Features) -> np.ndarray:
        wanted = [t for t in dict.fromkeys(features.texts) if t not in self._vectors]
        if wanted:
            self._vectors.update(zip(wanted, self.embedder.encode(wanted)))
        return expand_rows(features, self._vectors, self.embedder.dimensions)


@cache
def shared_embedder():
    """One embedder per process (its tokenizer loads once), or None when not installed."""
    from sidebyside.engine.embeddings import default_embedder

    return default_embedder()


def paraphrase_available() -> bool:
    return shared_embedder() is not None


def default_matcher():
    """The best matcher that needs no waiting: paraphrase when its model is installed."""
    return ParaphraseMatcher() if paraphrase_available() else LexicalMatcher()


def first_pass(matcher):
    """The matcher to show rows with at once: ``matcher`` itself when it is fast, else the
    best fast one (a slow matcher is then applied in the background)."""
    if matcher is None or not hasattr(matcher, "prepare"):
        return matcher or default_matcher()
    return default_matcher()


def available_matchers() -> dict[str, type]:
    """Matcher classes by name, for those whose models are installed."""
    out: dict[str, type] = {"lexical": LexicalMatcher}
    if paraphrase_available():
        out["paraphrase"] = ParaphraseMatcher
    from sidebyside.engine import semantic

    if semantic.available():
        out["semantic"] = semantic.SemanticMatcher
    return out
