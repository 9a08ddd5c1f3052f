"""An HTML page, a Markdown file and pasted text on stdin, compared together."""

from __future__ import annotations

import html
import subprocess
import sys

from articles import SEED
from json_contract import assert_valid_report


def lines(tag: str) -> list[str]:
    return [line for line in SEED[tag].read_text("utf-8").splitlines() if line.strip()]


def test_html_markdown_and_stdin_compare_together(tmp_path):
    story = lines("000")
    page = tmp_path / "bloomberg.html"
    paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in story[2:16])
    page.write_text(
        f"<!doctype html><html><head><title>{html.escape(story[0])}</title></head><body>"
        f"<nav><a href='/'>Home</a></nav><article><h1>{html.escape(story[0])}</h1>"
        f"{paragraphs}</article><footer>Privacy policy</footer></body></html>",
        encoding="utf-8",
    )
    other = lines("001")
    markdown = tmp_path / "jpost.md"
    markdown.write_text(
        "# Russia arranged Assad's escape\n\n" + "\n\n".join(f"*{p}*" for p in other),
        encoding="utf-8",
    )
    pasted = SEED["002"].read_bytes()
    proc = subprocess.run(
        [sys.executable, "-m", "sidebyside", "compare", "--format", "json", *(page, markdown, "-")],
        input=pasted,
        capture_output=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr.decode()
    report = assert_valid_report(proc.stdout)
    docs = report["documents"]
    assert len(docs) == 3
    # Pasted text has no page title: its headline line stands in for one.
    assert [d["title"] for d in docs] == [
        story[0],
        "Russia arranged Assad's escape",
        "Bloomberg: Russia pushed Bashar al-Assad to flee after confirming his defeat",
    ]
    assert [d["name"] for d in docs] == ["bloomberg.html", "jpost.md", "stdin"]
    shared = [g for g in report["groups"] if len({m["doc"] for m in g["members"]}) == 3]
    assert shared, "the three versions of the story should share sentences"
