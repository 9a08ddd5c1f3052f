#!/usr/bin/env python3
"""Score sentence segmentation on the English "Golden Rules" and time it.

    python benchmarks/bench_golden_rules.py
    python benchmarks/bench_golden_rules.py --rules /tmp/pysbd-0.3.3.tar.gz --large /tmp/b

The 48 Golden Rules of sentence boundary detection ship in pysbd's source distribution
(benchmarks/english_golden_rules.py).  Without --rules the script fetches that sdist
with pip into a temporary folder; --rules takes the sdist, its unpacked folder, or the
rules file itself.  The rules are read as a Python literal, never run.  Prints each
case split differently from the rules' answer and the count passed, then the median of
--runs runs of segmenting the seeds and, with --large, a folder of *.txt (for example
the output of make_bench_set.py --versions 10 --sentences 2000) in sentences per
second, with the paragraph cache cleared before each run.  When pysbd can be imported
its count and speed are printed too (it segments each line, as lines end sentences
here); --no-pysbd skips it.  Exits 1 when fewer than --min rules pass.
"""

from __future__ import annotations

import argparse
import ast
import glob
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Callable

from sidebyside.engine import segment
from sidebyside.engine.segment import split_sentences

PYSBD_SDIST = "pysbd==0.3.3"
RULES_FILE = "benchmarks/english_golden_rules.py"
SEEDS = os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, "seeds")

Rule = tuple[str, list[str]]


def fetch_sdist(folder: str) -> str:
    """Download pysbd's source distribution into ``folder`` and return its path."""
    command = [sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary", ":all:"]
    done = subprocess.run(
        [*command, "--quiet", PYSBD_SDIST, "-d", folder], capture_output=True, text=True
    )
    found = glob.glob(os.path.join(folder, "pysbd-*.tar.gz"))
    if done.returncode or not found:
        sys.exit(f"could not download {PYSBD_SDIST}: {done.stderr.strip().splitlines()[-1:]}")
    return found[0]


def rules_source(path: str) -> str:
    """The text of the rules file, from an sdist, an unpacked sdist or the file itself."""
    if os.path.isdir(path):
        path = os.path.join(path, RULES_FILE)
    if not tarfile.is_tarfile(path):
        with open(path, encoding="utf-8") as f:
            return f.read()
    with tarfile.open(path) as tar:
        member = next((m for m in tar.getmembers() if m.name.endswith("/" + RULES_FILE)), None)
        if member is None:
            sys.exit(f"{path}: no {RULES_FILE} inside")
        return tar.extractfile(member).read().decode("utf-8")


def parse_rules(source: str) -> list[Rule]:
    """``GOLDEN_EN_RULES`` of the rules file, evaluated as a literal."""
    for node in ast.parse(source).body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "GOLDEN_EN_RULES" for t in node.targets
        ):
            return ast.literal_eval(node.value)
    sys.exit("no GOLDEN_EN_RULES in the rules file")


def score(rules: list[Rule], split: Callable[[str], list[str]], name: str) -> int:
    passed = 0
    for number, (text, expected) in enumerate(rules, 1):
        found = split(text)
        if found == expected:
            passed += 1
        else:
            print(f"{name} fails rule {number}: {text!r}")
            print(f"    expected {expected}")
            print(f"    found    {found}")
    print(f"{name}: {passed} of {len(rules)} Golden Rules passed")
    return passed


def ours(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


def read_texts(folder_or_files: list[str]) -> list[str]:
    paths = folder_or_files
    if len(paths) == 1 and os.path.isdir(paths[0]):
        paths = sorted(glob.glob(os.path.join(paths[0], "*.txt")))
    texts = []
    for path in paths:
        with open(path, encoding="utf-8-sig") as f:
            texts.append(f.read())
    return texts


def speed(texts: list[str], count: Callable[[str], int], runs: int) -> tuple[int, float]:
    """Sentences found and the median seconds of ``runs`` runs over ``texts``."""
    times = []
    for _ in range(runs):
        segment._split_cached.cache_clear()
        start = time.perf_counter()
        sentences = sum(count(text) for text in texts)
        times.append(time.perf_counter() - start)
    return sentences, statistics.median(times)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--rules", help="pysbd sdist, its unpacked folder, or the rules file")
    ap.add_argument("--seeds", nargs="+", default=[SEEDS], help="article files or a folder")
    ap.add_argument("--large", nargs="+", help="a large set: article files or a folder")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--pysbd-runs", type=int, default=1, help="runs of pysbd on --large")
    ap.add_argument("--no-pysbd", action="store_true", help="do not compare with pysbd")
    ap.add_argument("--min", type=int, default=46, help="exit 1 below this many rules passed")
    args = ap.parse_args()

    if args.rules:
        rules = parse_rules(rules_source(args.rules))
    else:
        with tempfile.TemporaryDirectory() as folder:
            rules = parse_rules(rules_source(fetch_sdist(folder)))

    pysbd_count = pysbd_split = None
    if not args.no_pysbd:
        try:
            import pysbd
        except ImportError:
            print("pysbd is not importable: no comparison")
        else:
            segmenter = pysbd.Segmenter(language="en", clean=False, char_span=False)

            def pysbd_split(text: str) -> list[str]:
                return [s.strip() for s in segmenter.segment(text) if s.strip()]

            def pysbd_count(text: str) -> int:
                return sum(len(pysbd_split(line)) for line in text.splitlines() if line.strip())

    passed = score(rules, ours, "sidebyside")
    if pysbd_split:
        score(rules, pysbd_split, "pysbd")

    sets = [("seeds", read_texts(args.seeds))]
    if args.large:
        sets.append(("large", read_texts(args.large)))
    for name, texts in sets:
        n, seconds = speed(texts, lambda text: len(split_sentences(text)), args.runs)
        print(
            f"sidebyside on {name} ({len(texts)} files, {n} sentences): median of {args.runs}"
            f" runs {seconds * 1000:.1f} ms, {n / seconds:,.0f} sentences/s"
        )
        if pysbd_count:
            runs = args.runs if name == "seeds" else args.pysbd_runs
            n, seconds = speed(texts, pysbd_count, runs)
            print(
                f"pysbd on {name} ({n} sentences): median of {runs} runs {seconds * 1000:.1f} ms,"
                f" {n / seconds:,.0f} sentences/s"
            )
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"load average: {load}")
    return 0 if passed >= args.min else 1


if __name__ == "__main__":
    sys.exit(main())
