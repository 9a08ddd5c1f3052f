"""The Markdown report: the text report as a CommonMark document.

Article text is escaped so nothing in it can start a list, heading, link,
HTML tag or emphasis; it is also kept off the start of a line (each version
follows its article's label, each furniture line a mark), and control
characters go through ``visible()``, which also turns line breaks into
spaces.  Differences are marked one way only, ``<strong>added</strong>`` and
``<del>removed</del>`` (CommonMark inline HTML): ``**`` and ``~~`` cannot
open or close next to punctuation ("fled**,** aides" is not bold), and a
report that switched between the two would read as two conventions.
Markdown emphasis is kept for the report's own labels.
"""

from __future__ import annotations

import re

from sidebyside.engine.model import Comparison, Group
from sidebyside.engine.moves import Move
from sidebyside.engine.provenance import overview
from sidebyside.engine.sanitize import visible
from sidebyside.engine.titles import title
from sidebyside.report.marks import (
    ADDED,
    ELSEWHERE,
    MINOR,
    REMOVED,
    REMOVED_MINOR,
    REPLACED,
    alone_heading,
    divergences_against,
    elsewhere_phrases,
    furniture_lines,
    marks_against,
    move_phrase,
    moves_by_group,
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
_TAGS = {
    ADDED: "strong",
    REPLACED: "strong",
    MINOR: "strong",
    REMOVED: "del",
    REMOVED_MINOR: "del",
}
FURNITURE_MARK = "◇"


def escape(text: str) -> str:
    """``text`` as literal CommonMark inline content on a single line."""
    return _SPECIAL.sub(r"\\\1", visible(text)).strip()


def _wrap(piece: str, kind: str) -> str:
    """``piece`` inside its kind's tag.

    Spaces at the ends of an article's own marked words stay outside the tag;
    a removal keeps its spaces inside, so that without the struck words the
    line is the article's text as written.
    """
    tag = _TAGS[kind]
    if kind in (REMOVED, REMOVED_MINOR):
        return f"<{tag}>{escape_keep_spaces(piece)}</{tag}>" if piece.strip() else piece
    core = piece.strip()
    if not core:
        return piece
    lead = piece[: len(piece) - len(piece.lstrip())]
    trail = piece[len(piece.rstrip()) :]
    return f"{lead}<{tag}>{escape(core)}</{tag}>{trail}"


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
    # Runs that share a tag are joined: one <strong> for "a b", not two side by side.
    runs: list[tuple[str, str | None]] = []
    for piece, kind in segments(document.text, spans, marks, removals):
        if runs and kind and runs[-1][1] and _TAGS[runs[-1][1]] == _TAGS[kind]:
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
    name = f"{docs[0] + 1} ({_name(comparison, docs[0])})"
    return f"## {number}. {alone_heading(comparison, number - 1, name)}"


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


def _moves(comparison: Comparison, moves: list[Move]) -> list[str]:
    """One line per article that has this row's material elsewhere (hard breaks)."""
    lines = [f"↕ *Moved:* {escape(move_phrase(comparison, m))}" for m in moves]
    return [line + "\\" for line in lines[:-1]] + lines[-1:]


def _elsewhere(comparison: Comparison, group_index: int) -> list[str]:
    """One line per link from this row's sentences to another row's (hard breaks)."""
    lines = [f"{ELSEWHERE} {escape(p)}" for p in elsewhere_phrases(comparison, group_index)]
    return [line + "\\" for line in lines[:-1]] + lines[-1:]


def furniture_section(comparison: Comparison) -> list[str]:
    """Rows made only of page furniture, per article, as one section for the end."""
    per_doc = furniture_lines(comparison)
    if not per_doc:
        return []
    total = sum(len(lines) for _, lines in per_doc)
    out = [
        f"## Page furniture ({total} {'line' if total == 1 else 'lines'})",
        "",
        "Bylines, share prompts, links to other stories and the like, in rows of "
        "their own: not listed among the rows above, and not counted in the matched share.",
    ]
    for doc, lines in per_doc:
        document = comparison.documents[doc]
        count = f"{len(lines)} {'line' if len(lines) == 1 else 'lines'}"
        body = [f"**\\[{doc + 1}\\]** *{_name(comparison, doc)}*, {count}:"]
        body += [f"{FURNITURE_MARK} {escape(document.sentences[n].text)}" for n in lines]
        out += ["", *(line + "\\" for line in body[:-1]), body[-1]]
    return out


def render_markdown(comparison: Comparison, pivot: int = 0) -> str:
    documents = comparison.documents
    lines = [
        f"# Comparison of {len(documents)} articles",
        "",
        "| # | Title | Article | Sentences | Furniture | Matched | SHA-256 |",
        "|---:|---|---|---:|---:|---:|---|",
    ]
    for d, doc in enumerate(documents):
        mark = " (pivot)" if d == pivot else ""
        lines.append(
            f"| {d + 1}{mark} | {escape(title(doc))} | {escape(doc.path)} "
            f"| {len(doc.sentences)} | {len(doc.furniture)} "
            f"| {comparison.matched_share(d):.0%} | `{doc.sha256[:12]}` |"
        )
    apart = comparison.furniture_groups
    lines += [
        "",
        f"Rows follow article {pivot + 1}. Each version is compared with the pivot's "
        "(or, where the pivot lacks the sentence, the group's first article's): "
        "<strong>bold</strong> = words only in this article, <del>struck</del> = words "
        "of the reference this article lacks. ↕ marks material an article has "
        f"elsewhere in its own order; {ELSEWHERE} a sentence that also matches a sentence "
        "of another row."
        + (" Rows made only of page furniture are listed at the end." if apart else ""),
        "",
        *overview_lines(comparison),
    ]
    moves = moves_by_group(comparison, pivot)
    for number, group in enumerate(comparison.groups, 1):
        if number - 1 in apart:
            continue
        ref = reference_of(group, pivot)
        lines += ["", _heading(comparison, number, group), ""]
        versions = [
            version_quote(comparison, group, d, ref)
            for d in [ref, *(d for d in group.docs if d != ref)]
        ]
        lines.append("\n>\n".join(versions))
        if number - 1 in moves:
            lines += ["", *_moves(comparison, moves[number - 1])]
        elsewhere = _elsewhere(comparison, number - 1)
        if elsewhere:
            lines += ["", *elsewhere]
        labels = _labels(comparison, group, ref)
        if labels:
            lines += ["", *labels]
    furniture = furniture_section(comparison)
    if furniture:
        lines += ["", *furniture]
    return "\n".join(lines) + "\n"
