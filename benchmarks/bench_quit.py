#!/usr/bin/env python3
"""How soon the installed ``sidebyside`` shows its first screen, and how soon q ends it.

    python benchmarks/bench_quit.py [--runs 5] [--set DIR]

Drives the console script in a pseudo-terminal (160x45) as the end-to-end
tests do and reports medians of ``--runs`` runs, with the load average:

- seeds: the five seed articles; seconds to the first aligned screen, and from
  q to the process being gone;
- 10x2,000 loaded: the set of ``make_bench_set.py --versions 10 --sentences
  2000`` (made in DIR, or a temporary folder); first screen, then q;
- 10x2,000 aligning: q pressed as soon as "Aligning sentences" shows.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "e2e"))

from terminal_session import Terminal  # noqa: E402

SCRIPT = str(Path(sys.executable).with_name("sidebyside"))
MAKE_SET = ROOT.parent / "shared" / "tools" / "make_bench_set.py"


def one_run(files: list[str], data: str, *, while_aligning: bool) -> tuple[float, float]:
    """(seconds to the screen waited for, seconds from q to exit)."""
    with Terminal([SCRIPT, "--data-dir", data, *files], cwd=ROOT) as term:
        if while_aligning:
            shown = term.wait_for("Aligning sentences", timeout=300)
        else:  # the details strip: the first row of story is on screen
            shown = term.wait_until(
                lambda screen: re.search(r"Row \d+ of \d+", screen) is not None,
                "waiting for the first screen",
                300,
            )
        term.press("q")
        seconds, status = term.wait_exit(30)
        assert status == 0, status
        return shown, seconds


def report(name: str, runs: list[tuple[float, float]], shown: str) -> None:
    first = statistics.median(r[0] for r in runs)
    quit_ = statistics.median(r[1] for r in runs)
    spread = f"{min(r[1] for r in runs):.2f}-{max(r[1] for r in runs):.2f}"
    print(f"{name:<22} {shown} {first:6.2f} s   q to exit {quit_:5.2f} s (range {spread})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--set", metavar="DIR", help="where the 10x2,000 set is (made if empty)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(args.set or Path(tmp) / "set")
        if not list(big.glob("v*.txt")):
            make = [sys.executable, str(MAKE_SET), "--versions", "10", "--sentences", "2000"]
            subprocess.run([*make, "--out", str(big)], check=True, capture_output=True)
        seeds = sorted(str(p) for p in (ROOT / "seeds").glob("*.txt"))
        versions = sorted(str(p) for p in big.glob("v*.txt"))
        data = str(Path(tmp) / "data")
        cases = [
            ("seeds (5)", seeds, False, "first screen"),
            ("10x2,000 loaded", versions, False, "first screen"),
            ("10x2,000 aligning", versions, True, "'Aligning'  "),
        ]
        print(f"{args.runs} runs each, medians; load average {os.getloadavg()[0]:.2f}")
        for name, files, aligning, shown in cases:
            runs = [one_run(files, data, while_aligning=aligning) for _ in range(args.runs)]
            report(name, runs, shown)
        print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
