"""Small NumPy helpers the engine uses instead of ``np.unique`` and ``np.quantile``.

Both of those import ``numpy.ma`` on first use, a tenth of a second's worth
of the start-up that a one-shot ``compare`` of a few articles is mostly made
of.  Sorting does the same work here.
"""

from __future__ import annotations

import numpy as np


def ranges(starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """``starts[k], starts[k] + 1, ...`` for ``lengths[k]`` values each, all runs one after
    another: the entries of many rows of a compressed table, gathered at once."""
    lengths = np.asarray(lengths, dtype=np.int64)
    total = int(lengths.sum())
    before = np.cumsum(lengths) - lengths
    return np.repeat(np.asarray(starts, dtype=np.int64) - before, lengths) + np.arange(total)


def distinct(values: np.ndarray) -> np.ndarray:
    """The sorted distinct values (``np.unique``)."""
    ordered = np.sort(np.asarray(values), kind="stable")
    if not len(ordered):
        return ordered
    first = np.ones(len(ordered), dtype=bool)
    first[1:] = ordered[1:] != ordered[:-1]
    return ordered[first]


def distinct_counts(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The sorted distinct values and how often each occurs."""
    ordered = np.sort(np.asarray(values), kind="stable")
    if not len(ordered):
        return ordered, np.zeros(0, dtype=np.int64)
    first = np.ones(len(ordered), dtype=bool)
    first[1:] = ordered[1:] != ordered[:-1]
    starts = np.flatnonzero(first)
    return ordered[starts], np.diff(np.append(starts, len(ordered)))


def quantile(values: np.ndarray, q: float) -> float:
    """The ``q`` quantile, interpolated linearly between the two nearest values
    (``np.quantile``'s default)."""
    values = np.asarray(values, dtype=np.float64)
    if not len(values):
        raise ValueError("quantile of no values")
    position = q * (len(values) - 1)
    lo = int(np.floor(position))
    hi = min(lo + 1, len(values) - 1)
    part = np.partition(values, [lo, hi])
    return float(part[lo] + (part[hi] - part[lo]) * (position - lo))


def distinct_inverse(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The sorted distinct values, and for each value its index among them
    (``np.unique(..., return_inverse=True)``)."""
    values = np.asarray(values)
    order = np.argsort(values, kind="stable")
    ordered = values[order]
    first = np.ones(len(ordered), dtype=bool)
    first[1:] = ordered[1:] != ordered[:-1]
    inverse = np.empty(len(values), dtype=np.int64)
    inverse[order] = np.cumsum(first) - 1
    return ordered[first], inverse
