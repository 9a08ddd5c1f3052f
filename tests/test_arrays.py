"""The NumPy helpers give what the NumPy calls they stand in for give."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from sidebyside.engine.arrays import ranges


@given(st.lists(st.tuples(st.integers(0, 1000), st.integers(0, 6)), max_size=30))
def test_ranges_are_the_runs_of_each_start_and_length_one_after_another(runs):
    starts = np.array([s for s, _ in runs], dtype=np.int64)
    lengths = np.array([n for _, n in runs], dtype=np.int64)
    expected = [s + k for s, n in runs for k in range(n)]
    assert ranges(starts, lengths).tolist() == expected
