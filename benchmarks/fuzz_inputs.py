"""Fuzz the input path at length: N hypothesis examples (default 10,000) through loading,
segmenting, aligning, diffing and the three reports, then print what was seen.

    python benchmarks/fuzz_inputs.py [N]

Uses the properties of tests/test_fuzz.py, so the suite and this run check the same thing.
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path

from hypothesis import HealthCheck, given, settings

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
import test_fuzz as fz


def main() -> int:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    stats: Counter = Counter()
    failures: list[str] = []

    @settings(max_examples=n, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    @given(fz.ARTICLES, fz.BYTES, fz.SUFFIXES)
    def run(texts, data, suffix):
        stats["examples"] += 1
        stats["characters"] += sum(len(t) for t in texts)
        fz.check_articles(texts, stats)
        fz.check_bytes(data, suffix, stats)
        fz.check_markup(texts[0])

    started = time.perf_counter()
    try:
        run()
    except Exception as e:  # hypothesis has already shrunk it and printed the example
        failures.append(f"{type(e).__name__}: {e}")
    elapsed = time.perf_counter() - started
    print(f"examples run:        {stats['examples']}")
    print(f"comparisons checked: {stats['comparisons']} ({stats['sentences']} sentences)")
    print(f"characters of text:  {stats['characters']}")
    print(
        f"byte inputs loaded:  {stats['loaded']}, refused with one clear line: {stats['refused']}"
    )
    print(f"failures:            {len(failures)}")
    for failure in failures:
        print(f"  {failure[:500]}")
    print(f"time:                {elapsed:.1f} s")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
