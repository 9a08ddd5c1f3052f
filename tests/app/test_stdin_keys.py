"""An article piped on standard input: the app still reads its keys from the terminal.

``sidebyside - b.txt < a.txt`` reads the article first; without handing the app
the terminal afterwards, no key (not even ctrl+q) would ever arrive.
"""

from __future__ import annotations

import os
import sys

import pytest
from pty_session import Terminal

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")

A = "Assad fled Syria on Sunday. The rebels took Damascus after a lightning offensive.\n"
B = "The rebels took Damascus. Assad fled Syria for Moscow on Sunday night.\n"


@pytest.mark.parametrize("key", ["ctrl+q", "q"])
def test_keys_work_after_an_article_was_read_from_standard_input(tmp_path, key):
    (tmp_path / "a.txt").write_text(A)
    (tmp_path / "b.txt").write_text(B)
    fd = os.open(tmp_path / "a.txt", os.O_RDONLY)
    try:
        args = ["-", "b.txt", "--data-dir", str(tmp_path / "data")]
        with Terminal(args, cwd=tmp_path, stdin=fd) as term:
            assert term.wait_for("Row 1 of"), term.output[-2000:]
            term.settle()
            mark = term.mark()
            term.send("question_mark")
            assert term.wait_for("Keys", since=mark)  # the help screen answered a key
            term.send("escape")
            term.settle()
            term.send(key)
            assert term.process.wait(15) == 0
    finally:
        os.close(fd)
