"""The Markdown report: the text report as a CommonMark document.

Article text is escaped so nothing in it can start a list, heading, link,
HTML tag or emphasis; it is also kept off the start of a line (each version
follows its article's label), and control characters go through
``visible()``, which also turns line breaks into spaces.  Differences are
``**added**`` and ``~~removed~~`` (GitHub strikethrough); where a change
starts or ends with punctuation those delimiters could not open or close
next to a word, so ``<strong>``/``<del>`` (CommonMark inline HTML) are used.
"""

from __future__ import annotations

import re

from sidebyside.engine.model import Comparison, Group
from sidebyside.engine.sanitize import visible
from sidebyside.report.marks import (
    ADDED,
    MINOR,
    REMOVED,
    REMOVED_MINOR,
    REPLACED,
    marks_against,
    reference_of,
    segments,
)

# Everything that can start inline structure, plus "|" for table cells and
# "#" / "~" / "$" for common extensions; backslash-escaping ASCII punctuation
# is always allowed in CommonMark.
_SPECIAL = re.compile(r"([\\`*_\[\]<>#!|~&$])")
_DELIMS = {
    ADDED: ("**", "<strong>"),
    REPLACED: ("**", "<strong>"),
    MINOR: ("**", "<strong>"),
    REMOVED: ("~~", "<del>"),
    REMOVED_MINOR: ("~~", "<del>"),
}


def escape(text: str) -> str:
    """``text`` as literal CommonMark inline content on a single line."""
    return _SPECIAL.sub(r"\\\1", visible(text)).strip()


def _wrap(piece: str, kind: str) -> str:
    delim, tag = _DELIMS[kind]
    core = piece.strip()
    if not core:
        return piece
    lead = piece[: len(piece) - len(piece.lstrip())]
    trail = piece[len(piece.rstrip()) :]
    if core[0].isalnum() and core[-1].isalnum():
        body = f"{delim}{escape(core)}{delim}"
    else:
        body = f"{tag}{escape(core)}</{tag[1:]}"
    return f"{lead}{body}{trail}"


def _name(comparison: Comparison, doc: int) -> str:
    return escape(comparison.documents[doc].name)


def _version(comparison: Comparison, group: Group, doc: int, ref: int) -> str:
    document = comparison.documents[doc]
    spans = [
        (document.sentences[s].start, document.sentences[s].end)
        for s in sorted(group.sentences_of(doc))
    ]
    marks, removals = marks_against(group, doc, ref)
    # Runs that share a delimiter are joined: "**a****b**" would not parse as two.
    runs: list[tuple[str, str | None]] = []
    for piece, kind in segments(document.text, spans, marks, removals):
        if runs and kind and runs[-1][1] and _DELIMS[runs[-1][1]] == _DELIMS[kind]:
            runs[-1] = (runs[-1][0] + piece, runs[-1][1])
        else:
            runs.append((piece, kind))
    parts = [escape_keep_spaces(p) if kind is None else _wrap(p, kind) for p, kind in runs]
    body = "".join(parts).strip()
    note = " (reference)" if doc == ref and group.is_shared else ""
    return f"> **\\[{doc + 1}\\]** *{_name(comparison, doc)}*{note}: {body}"


def escape_keep_spaces(text: str) -> str:
    """Like ``escape`` but keeps the spaces at the ends (pieces join into a line)."""
    return _SPECIAL.sub(r"\\\1", visible(text))


def _heading(comparison: Comparison, number: int, group: Group) -> str:
    docs = group.docs
    if group.is_shared:
        who = ", ".join(str(d + 1) for d in docs)
        return f"## {number}. Shared by {who} (score {group.score:.2f})"
    return f"## {number}. Only in {docs[0] + 1} ({_name(comparison, docs[0])})"


def render_markdown(comparison: Comparison, pivot: int = 0) -> str:
    documents = comparison.documents
    lines = [
        f"# Comparison of {len(documents)} articles",
        "",
        "| # | Article | Sentences | Matched | SHA-256 |",
        "|---:|---|---:|---:|---|",
    ]
    for d, doc in enumerate(documents):
        mark = " (pivot)" if d == pivot else ""
        lines.append(
            f"| {d + 1}{mark} | {escape(doc.path)} | {len(doc.sentences)} "
            f"| {comparison.matched_share(d):.0%} | `{doc.sha256[:12]}` |"
        )
    lines += [
        "",
        f"Rows follow article {pivot + 1}. Each version is compared with the pivot's "
        "(or, where the pivot lacks the sentence, the group's first article's): "
        "**bold** = words only in this article, ~~struck~~ = words of the reference "
        "this article lacks.",
    ]
    for number, group in enumerate(comparison.groups, 1):
        ref = reference_of(group, pivot)
        lines += ["", _heading(comparison, number, group), ""]
        versions = [
            _version(comparison, group, d, ref) for d in [ref, *(d for d in group.docs if d != ref)]
        ]
        lines.append("\n>\n".join(versions))
    return "\n".join(lines) + "\n"
