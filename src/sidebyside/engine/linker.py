"""The fitted link scorer: two logistic regressions over pair columns.

The first scores each pair on its own (``pair_features.LOCAL``); the second
adds what those local scores say about the pair's surroundings
(``pair_features.CONTEXT``).  Weights and the decision threshold are fitted
to annotated article pairs by ``scripts/fit_linker.py`` and stored in
``linker_weights.json`` beside this module, one set per matcher (their
columns differ: the word-only matcher has no embedding).  Nothing here is a
hand-set cut-off.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
import orjson

WEIGHTS_FILE = "linker_weights.json"


@dataclass(frozen=True)
class Logistic:
    """``p = sigmoid(intercept + coef · (x - mean) / scale)`` over named columns."""

    columns: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float

    def logit(self, x: np.ndarray, names: tuple[str, ...], *more) -> np.ndarray:
        """Log-odds for rows of ``x``, whose columns are ``names``; ``more`` adds further
        ``(x, names)`` blocks of the same rows.  Together they hold all our columns."""
        blocks = [(x, names), *zip(more[::2], more[1::2])]
        if not len(x):
            return np.zeros(0)
        # The standardisation folded into one weight per column: a product per block.
        scaled = dict(zip(self.columns, self.coef / self.scale))
        out = np.full(len(x), self.intercept - float(self.mean @ (self.coef / self.scale)))
        for block, block_names in blocks:
            weights = np.array([scaled.get(c, 0.0) for c in block_names])
            if weights.any():
                out += block @ weights
        return out

    def to_dict(self) -> dict:
        return {
            "columns": list(self.columns),
            "mean": [round(float(v), 6) for v in self.mean],
            "scale": [round(float(v), 6) for v in self.scale],
            "coef": [round(float(v), 6) for v in self.coef],
            "intercept": round(float(self.intercept), 6),
        }

    @classmethod
    def from_dict(cls, data: dict) -> Logistic:
        return cls(
            columns=tuple(data["columns"]),
            mean=np.asarray(data["mean"], dtype=np.float64),
            scale=np.asarray(data["scale"], dtype=np.float64),
            coef=np.asarray(data["coef"], dtype=np.float64),
            intercept=float(data["intercept"]),
        )


def sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(z, -40, 40)))


@dataclass(frozen=True)
class LinkModel:
    local: Logistic
    context: Logistic
    threshold: float  # links are pairs whose context probability reaches this
    # Embedding cosine that 95 % of the training's non-links stay below.
    emb_knot: float = 1.0
    # Links must also reach this local probability: where a pair sits can make two
    # sentences likely counterparts, but a pair with nothing alike of its own is a guess.
    floor: float = 0.0

    def to_dict(self) -> dict:
        return {
            "local": self.local.to_dict(),
            "context": self.context.to_dict(),
            "threshold": round(float(self.threshold), 4),
            "emb_knot": round(float(self.emb_knot), 4),
            "floor": round(float(self.floor), 4),
        }

    @classmethod
    def from_dict(cls, data: dict) -> LinkModel:
        return cls(
            Logistic.from_dict(data["local"]),
            Logistic.from_dict(data["context"]),
            float(data["threshold"]),
            float(data.get("emb_knot", 1.0)),
            float(data.get("floor", 0.0)),
        )


@cache
def stored_models() -> dict[str, LinkModel]:
    # Read beside this module: importlib.resources (and the zip support it imports)
    # would add to every start-up.
    data = orjson.loads(Path(__file__).with_name(WEIGHTS_FILE).read_bytes())
    return {name: LinkModel.from_dict(m) for name, m in data["models"].items()}


def model_for(matcher_name: str) -> LinkModel:
    models = stored_models()
    return models.get(matcher_name) or models["lexical"]


def fit_logistic(
    x: np.ndarray,
    y: np.ndarray,
    columns: tuple[str, ...],
    l2: float = 1.0,
    sample_weight: np.ndarray | None = None,
    iterations: int = 50,
) -> Logistic:
    """L2-regularised logistic regression by Newton's method (columns standardised first)."""
    mean = x.mean(axis=0) if len(x) else np.zeros(x.shape[1])
    scale = x.std(axis=0) if len(x) else np.ones(x.shape[1])
    scale = np.where(scale > 1e-9, scale, 1.0)
    z = (x - mean) / scale
    n, d = z.shape
    w = np.ones(n) if sample_weight is None else sample_weight
    design = np.column_stack([np.ones(n), z])
    beta = np.zeros(d + 1)
    penalty = np.full(d + 1, l2)
    penalty[0] = 0.0
    for _ in range(iterations):
        p = sigmoid(design @ beta)
        gradient = design.T @ (w * (p - y)) + penalty * beta
        hessian = (design * (w * p * (1 - p))[:, None]).T @ design + np.diag(penalty)
        step = np.linalg.solve(hessian + 1e-9 * np.eye(d + 1), gradient)
        beta -= step
        if np.abs(step).max() < 1e-8:
            break
    return Logistic(tuple(columns), mean, scale, beta[1:], float(beta[0]))
