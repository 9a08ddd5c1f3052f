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
from sidebyside.engine.provenance import overview
from sidebyside.engine.sanitize import visible
from sidebyside.report.marks import (
    ADDED,
    MINOR,
    REMOVED,
    REMOVED_MINOR,
    REPLACED,
    divergences_against,
    marks_against,
    reference_of,
    segments,
    share_cell,
    source_cells,
    strip_cell,
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


def version_quote(comparison: Comparison, group: Group, doc: int, ref: int) -> str:
    """One article's version of a group as a block-quote line, marked against ``ref``."""
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


def overview_lines(comparison: Comparison) -> list[str]:
    """The provenance overview as two Markdown tables."""
    ov = overview(comparison)
    n = len(comparison.documents)
    lines = [
        "**Overview**",
        "",
        "Share of the row article's story sentences that the column article has "
        "verbatim or nearly / reworded (%):",
        "",
        "| |" + "".join(f" \\[{y + 1}\\] |" for y in range(n)),
        "|---|" + "---:|" * n,
    ]
    for x in range(n):
        cells = "".join(
            " - |" if x == y else f" {share_cell(ov.pairs[(x, y)])} |" for y in range(n)
        )
        lines.append(f"| \\[{x + 1}\\] |{cells}")
    lines += [
        "",
        "Where each article's shared material lies, start to end (taller = more shared, "
        "· = none), and which article it most likely drew from:",
        "",
        "| Article | Shared material | Shared | Likely source | Most shared | Closest |",
        "|---|---|---:|---|---|---|",
    ]
    for a in ov.articles:
        cells = " | ".join(c.replace("[", "\\[").replace("]", "\\]") for c in source_cells(a, ov))
        lines.append(
            f"| \\[{a.doc + 1}\\] {_name(comparison, a.doc)} | `{strip_cell(a.strip)}` "
            f"| {a.shared:.0%} | {cells} |"
        )
    return lines


def _labels(comparison: Comparison, group: Group, ref: int) -> list[str]:
    """The group's labelled divergences as one paragraph, a label per line (hard
    breaks, not a list: list markers are kept for what the article text could start)."""
    lines = [
        f"**\\[{d.kind}\\]** {escape(d.description)}"
        for d in divergences_against(comparison, group, ref)
    ]
    return [line + "\\" for line in lines[:-1]] + lines[-1:]


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
        "",
        *overview_lines(comparison),
    ]
    for number, group in enumerate(comparison.groups, 1):
        ref = reference_of(group, pivot)
        lines += ["", _heading(comparison, number, group), ""]
        versions = [
            version_quote(comparison, group, d, ref)
            for d in [ref, *(d for d in group.docs if d != ref)]
        ]
        lines.append("\n>\n".join(versions))
        labels = _labels(comparison, group, ref)
        if labels:
            lines += ["", *labels]
    return "\n".join(lines) + "\n"
