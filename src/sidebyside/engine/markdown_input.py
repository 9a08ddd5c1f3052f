"""Markdown articles read as the text a reader sees.

Markup would otherwise show up as differences against the same article saved
as a web page or plain text: ``**`` around a word, a link's address, a list
marker. Each block (heading, paragraph, list item, quote, table row, code line)
becomes one line, so a heading is a sentence of its own, as a headline is.
"""

from __future__ import annotations

import re
from functools import lru_cache

# YAML front matter (Jekyll, Hugo, Obsidian): metadata, not article text.
_FRONT_MATTER = re.compile(
    r"\A\ufeff?---[ \t]*\r?\n(.*?\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S
)
_FRONT_TITLE = re.compile(r"^title:[ \t]*(.+?)[ \t]*$", re.M | re.I)
_TAG = re.compile(r"<[^>]*>")
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)


@lru_cache(maxsize=1)
def _parser():
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


def markdown_to_text(markdown: str) -> tuple[str | None, str]:
    """(title, text): the first heading (or the front matter's title) and the plain text."""
    title = None
    front = _FRONT_MATTER.match(markdown)
    if front:
        found = _FRONT_TITLE.search(front.group(1) or "")
        if found:
            title = found.group(1).strip("\"'").strip() or None
        markdown = markdown[front.end() :]
    lines: list[str] = []
    heading: str | None = None
    tokens = _parser().parse(markdown)
    ordered: list[int] = []  # the next number of each open ordered list
    prefix = ""
    in_table = False
    for i, token in enumerate(tokens):
        kind = token.type
        if kind in ("table_open", "table_close"):
            in_table = kind == "table_open"
        elif kind == "ordered_list_open":
            ordered.append(int(token.attrGet("start") or 1))
        elif kind == "ordered_list_close":
            ordered.pop()
        elif kind == "bullet_list_open":
            ordered.append(0)
        elif kind == "bullet_list_close":
            ordered.pop()
        elif kind == "list_item_open" and ordered and ordered[-1]:
            prefix = f"{ordered[-1]}. "
            ordered[-1] += 1
        elif kind == "inline" and not in_table:
            text = _inline_text(token.children or [])
            if tokens[i - 1].type == "heading_open" and heading is None and text.strip():
                heading = " ".join(text.split())
            for line in text.split("\n"):
                if line.strip():
                    lines.append(prefix + line.strip())
                    prefix = ""
        elif kind in ("fence", "code_block"):
            lines.extend(line.rstrip() for line in token.content.splitlines() if line.strip())
        elif kind == "html_block":
            text = _TAG.sub(" ", _HTML_COMMENT.sub("", token.content))
            lines.extend(" ".join(line.split()) for line in text.splitlines() if line.strip())
        elif kind == "tr_close":
            lines.append(" | ".join(_row(tokens, i)))
    return title or heading, "\n\n".join(lines)


def _row(tokens, close: int) -> list[str]:
    """The cells of the table row that ends at ``tokens[close]``."""
    cells: list[str] = []
    for token in reversed(tokens[:close]):
        if token.type == "tr_open":
            break
        if token.type == "inline":
            cells.append(" ".join(_inline_text(token.children or []).split()))
    return cells[::-1]


def _inline_text(children) -> str:
    """The words of an inline run: link text without its address, code as text.

    Images are left out, as they are from web pages: alt text is not the article's.
    """
    parts: list[str] = []
    for child in children:
        kind = child.type
        if kind in ("text", "code_inline"):
            parts.append(child.content)
        elif kind == "softbreak":
            parts.append(" ")
        elif kind == "hardbreak" or (
            kind == "html_inline" and child.content.lower().startswith("<br")
        ):
            parts.append("\n")
    return "".join(parts)
