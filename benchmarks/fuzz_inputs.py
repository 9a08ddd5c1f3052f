"""Fuzz the input path at length: N hypothesis examples (default 10,000) through loading,
segmenting, aligning, diffing and the three reports, then print what was seen.

    python benchmarks/fuzz_inputs.py [N]

Uses the properties of tests/test_fuzz.py, so the suite and this run check the same
thing. Unlike the test, a failing example does not stop the run: every example is
tried, and failures are counted as crashes (an exception) or invariant violations
(a property's assertion), each kind shown once with how often it happened.
"""

from __future__ import annotations

import sys
import time
import traceback
from collections import Counter
from pathlib import Path

from hypothesis import HealthCheck, given, settings

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
import test_fuzz as fz


def _kind(error: BaseException) -> str:
    """Where a failure happened and what it was, so repeats count as one kind."""
    frame = traceback.extract_tb(error.__traceback__)[-1]
    where = f"{Path(frame.filename).name}:{frame.lineno}"
    text = str(error).splitlines()[0][:160] if str(error) else ""
    return f"{type(error).__name__} at {where}: {text}"


def main() -> int:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    stats: Counter = Counter()
    crashes: Counter = Counter()
    violations: Counter = Counter()

    def attempt(what: str, check, *args) -> None:
        try:
            check(*args)
        except AssertionError as e:
            violations[f"{what}: {_kind(e)}"] += 1
            stats["checks failing"] += 1
        except Exception as e:
            crashes[f"{what}: {_kind(e)}"] += 1
            stats["checks failing"] += 1

    @settings(max_examples=n, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    @given(fz.ARTICLES, fz.BYTES, fz.SUFFIXES, fz.HTML)
    def run(texts, data, suffix, page):
        stats["examples"] += 1
        stats["characters"] += sum(len(t) for t in texts) + len(page)
        attempt("articles", fz.check_articles, texts, stats)
        attempt("bytes as a file", fz.check_bytes, data, suffix, stats)
        attempt("text as Markdown and HTML", fz.check_markup, texts[0])
        attempt("web page with a control", fz.check_markup, page)
        page_bytes = page.encode("utf-8", "surrogatepass")
        attempt("web page file with a control", fz.check_bytes, page_bytes, ".html", stats)

    started = time.perf_counter()
    run()
    elapsed = time.perf_counter() - started
    print(f"examples run:          {stats['examples']}")
    print(f"comparisons checked:   {stats['comparisons']} ({stats['sentences']} sentences)")
    print(f"characters of text:    {stats['characters']}")
    print(
        f"byte inputs loaded:    {stats['loaded']} ({stats['loaded with a warning']} with a "
        f"replaced-bytes warning), refused with one clear line: {stats['refused']}"
    )
    print(f"crashes:               {sum(crashes.values())}")
    for kind, count in crashes.most_common():
        print(f"  {count:6} x {kind}")
    print(f"invariant violations:  {sum(violations.values())}")
    for kind, count in violations.most_common():
        print(f"  {count:6} x {kind}")
    print(f"checks that failed:    {stats['checks failing']} of {5 * stats['examples']}")
    print(f"time:                  {elapsed:.1f} s")
    return 1 if crashes or violations else 0


if __name__ == "__main__":
    sys.exit(main())
