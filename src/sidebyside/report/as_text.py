"""The terminal report: every group with each article's wording marked.

Article text and file names are untrusted: they only ever reach Rich as the
plain content of ``Text`` objects (never as markup) after ``visible()``, so
neither Rich markup nor terminal escapes in an article can take effect.
Without colour the marks are spelled out wdiff-style ({+added+} [-removed-])
so the report still says everything in a pipe or a file.  Rows made only of
page furniture are set apart in one section at the end.
"""

from __future__ import annotations

import io
import shutil

from rich.console import Console
from rich.table import Table
from rich.text import Text

from sidebyside.engine.model import Comparison, Document, Group
from sidebyside.engine.moves import Move
from sidebyside.engine.provenance import Overview, overview
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

PLAIN_WIDTH = 100
LABEL_WIDTH = 16

# One style per kind of divergence, so a reader tells them apart at a glance.
KIND_STYLES = {
    "number": "bold magenta",
    "name": "bold cyan",
    "quote": "bold yellow",
    "attribution": "bold red",
    "time": "bold blue",
    "hedge": "bold green",
}

_STYLES = {
    ADDED: "bold underline green",
    REPLACED: "yellow",
    MINOR: "dim",
    REMOVED: "strike red",
    REMOVED_MINOR: "dim strike",
}
_PLAIN = {
    ADDED: ("{+", "+}"),
    REPLACED: ("{+", "+}"),
    MINOR: ("{+", "+}"),
    REMOVED: ("[-", "-]"),
    REMOVED_MINOR: ("[-", "-]"),
}


def label(documents: list[Document], doc: int, width: int = LABEL_WIDTH) -> str:
    """``[n] name``, cut to ``width`` so the text column lines up."""
    stem = visible(documents[doc].name)
    stem = stem.rsplit(".", 1)[0] if "." in stem[1:] else stem
    text = f"[{doc + 1}] {stem}"
    return text if len(text) <= width else text[: width - 1] + "…"


def _version(comparison: Comparison, group: Group, doc: int, ref: int, color: bool) -> Text:
    document = comparison.documents[doc]
    spans = [
        (document.sentences[s].start, document.sentences[s].end)
        for s in sorted(group.sentences_of(doc))
    ]
    marks, removals = marks_against(group, doc, ref)
    out = Text()
    if color:
        for piece, kind in segments(document.text, spans, marks, removals):
            lead, core, trail = _split_spaces(piece)
            out.append(lead)
            out.append(core, style=_STYLES[kind] if kind else "")
            out.append(trail)
        return out
    # Neighbouring runs with the same marker read as one: {+a b+}, not {+a+}{+ b+}.
    runs: list[tuple[str, tuple[str, str] | None]] = []
    for piece, kind in segments(document.text, spans, marks, removals):
        marker = _PLAIN[kind] if kind else None
        if runs and marker and runs[-1][1] == marker:
            runs[-1] = (runs[-1][0] + piece, marker)
        else:
            runs.append((piece, marker))
    for piece, marker in runs:
        if marker:
            lead, core, trail = _split_spaces(piece)
            piece = f"{lead}{marker[0]}{core}{marker[1]}{trail}"
        out.append(piece)
    return out


def _split_spaces(piece: str) -> tuple[str, str, str]:
    """Spaces before, the words, spaces after: marks go round the words only."""
    core = piece.strip()
    if not core:
        return piece, "", ""
    lead = piece[: len(piece) - len(piece.lstrip())]
    return lead, core, piece[len(lead) + len(core) :]


def _heading(comparison: Comparison, number: int, group: Group) -> Text:
    docs = group.docs
    if group.is_shared:
        who = ", ".join(f"[{d + 1}]" for d in docs)
        return Text(f"{number}. Shared by {len(docs)} articles {who} · score {group.score:.2f}")
    name = label(comparison.documents, docs[0], 60)
    return Text(f"{number}. {alone_heading(comparison, number - 1, name)}")


def _rule(heading: Text, width: int, color: bool) -> Text:
    rule = heading.copy()
    rule.truncate(width - 4, overflow="ellipsis")
    rule.append(" " + "─" * max(width - rule.cell_len - 1, 3), style="dim" if color else "")
    return rule


def _summary(comparison: Comparison, pivot: int, width: int) -> list[Text]:
    """Per article: number and path, its title, then its counts."""
    lines = []
    for d, doc in enumerate(comparison.documents):
        mark = " (pivot)" if d == pivot else ""
        furniture = f", {len(doc.furniture)} furniture" if doc.furniture else ""
        name = Text("    " + visible(title(doc)))
        name.truncate(width, overflow="ellipsis")
        lines += [
            Text(f"[{d + 1}] {visible(doc.path)}{mark}"),
            name,
            Text(
                f"    {len(doc.sentences)} sentences{furniture} · "
                f"{comparison.matched_share(d):.0%} matched · sha256 {doc.sha256[:12]}"
            ),
        ]
    return lines


def _overview(comparison: Comparison, ov: Overview, color: bool) -> list:
    """The provenance overview: who has whose sentences, where, and the likely sources."""
    n = len(comparison.documents)
    documents = comparison.documents
    matrix = Table.grid(padding=(0, 2))
    matrix.add_column(justify="left")
    for _ in range(n):
        matrix.add_column(justify="right")
    matrix.add_row(Text(""), *(Text(f"[{y + 1}]") for y in range(n)))
    for x in range(n):
        cells = [Text("-") if x == y else Text(share_cell(ov.pairs[(x, y)])) for y in range(n)]
        matrix.add_row(Text(f"[{x + 1}]"), *cells)
    articles = Table.grid(padding=(0, 2))
    for justify in ("left", "left", "right", "left", "left", "left"):
        articles.add_column(justify=justify)
    articles.add_row(
        *(Text(h) for h in ("", "start … end", "shared", "source", "most shared", "closest"))
    )
    for a in ov.articles:
        articles.add_row(
            Text(label(documents, a.doc)),
            Text(strip_cell(a.strip)),
            Text(f"{a.shared:.0%}"),
            *(Text(c) for c in source_cells(a, ov)),
        )
    style = "bold" if color else ""
    return [
        Text(""),
        Text("Overview", style=style),
        Text(
            "Share of the row article's story sentences that the column article has "
            "verbatim or nearly / reworded (%):"
        ),
        matrix,
        Text(
            "Where each article's shared material lies (taller = more shared, · = none) "
            "and which article it most likely drew from:"
        ),
        articles,
    ]


def _labels(comparison: Comparison, group: Group, ref: int, color: bool) -> list[Text]:
    """One line per labelled divergence of each version against the reference."""
    lines = []
    for d in divergences_against(comparison, group, ref):
        line = Text("[" + d.kind + "]", style=KIND_STYLES[d.kind] if color else "")
        line.append(" " + visible(d.description))
        lines.append(line)
    return lines


def _moves(comparison: Comparison, moves: list[Move], color: bool) -> list[Text]:
    return [
        Text("↕ " + visible(move_phrase(comparison, m)), style="bold yellow" if color else "")
        for m in moves
    ]


def _elsewhere(comparison: Comparison, group_index: int, color: bool) -> list[Text]:
    style = "cyan" if color else ""
    phrases = elsewhere_phrases(comparison, group_index)
    return [Text(f"{ELSEWHERE} {visible(p)}", style=style) for p in phrases]


def _furniture(comparison: Comparison, width: int, color: bool) -> list[Text]:
    """The rows made only of page furniture, per article, in one section.

    Each line is laid out like a version: the article's label, then the text
    hung under it."""
    per_doc = furniture_lines(comparison)
    if not per_doc:
        return []
    total = sum(len(lines) for _, lines in per_doc)
    heading = Text(f"Page furniture ({total} {'line' if total == 1 else 'lines'})")
    out = [
        Text(),
        _rule(heading, width, color),
        Text(
            "Bylines, share prompts, links to other stories and the like, in rows of their "
            "own: not listed above, not counted in the matched share.",
            style="dim" if color else "",
        ),
    ]
    for doc, lines in per_doc:
        sentences = comparison.documents[doc].sentences
        for n, number in enumerate(lines):
            name = Text(label(comparison.documents, doc) if n == 0 else "")
            name.truncate(LABEL_WIDTH, overflow="ellipsis", pad=True)
            out.append((name, Text("◇ " + visible(sentences[number].text))))
    return out


def render_text(
    comparison: Comparison, pivot: int = 0, color: bool = False, width: int | None = None
) -> str:
    """The whole report as one string, styled only when ``color`` is set."""
    if width is None:
        width = shutil.get_terminal_size((PLAIN_WIDTH, 24)).columns if color else PLAIN_WIDTH
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        force_terminal=color,
        no_color=not color,
        color_system="auto" if color else None,
        width=width,
        highlight=False,
        markup=False,
        emoji=False,
        legacy_windows=False,
        force_jupyter=False,
        force_interactive=False,
    )
    documents = comparison.documents
    apart = comparison.furniture_groups
    shared = sum(1 for k, g in enumerate(comparison.groups) if g.is_shared and k not in apart)
    rows = len(comparison.groups) - len(apart)
    furniture = f", {len(apart)} of furniture at the end" if apart else ""
    console.print(
        Text(
            f"sidebyside: {len(documents)} articles, {rows} rows ({shared} shared) in the order "
            f"of [{pivot + 1}]{furniture}",
            style="bold" if color else "",
        )
    )
    for line in _summary(comparison, pivot, width):
        console.print(line)
    for renderable in _overview(comparison, overview(comparison), color):
        console.print(renderable)
    if color:
        legend = Text("Against the pivot's version: ")
        legend.append("only in this article", style=_STYLES[ADDED])
        legend.append(", ")
        legend.append("reworded", style=_STYLES[REPLACED])
        legend.append(", ")
        legend.append("missing here", style=_STYLES[REMOVED])
        legend.append(", ")
        legend.append("punctuation", style=_STYLES[MINOR])
    else:
        legend = Text(
            "Against the pivot's version: {+words only in this article+}, "
            "[-pivot words missing here-]."
        )
    console.print(legend)
    moves = moves_by_group(comparison, pivot)
    if moves:
        console.print(
            Text("↕ marks an article that has a row's material elsewhere in its own order.")
        )
    if comparison.cross_row_links:
        console.print(
            Text(f"{ELSEWHERE} marks a sentence that also matches a sentence of another row.")
        )
    # Groups are laid out by hand (wrap, then hang the lines under the label):
    # a Rich table per group costs ~10 ms, too slow for thousands of groups.
    column = max(width - LABEL_WIDTH - 1, 20)
    indent = Text(" " * (LABEL_WIDTH + 1))
    for number, group in enumerate(comparison.groups, 1):
        if number - 1 in apart:
            continue
        ref = reference_of(group, pivot)
        lines = [Text(), _rule(_heading(comparison, number, group), width, color)]
        for doc in [ref, *(d for d in group.docs if d != ref)]:
            name = Text(label(documents, doc), style="bold" if color and doc == ref else "")
            name.truncate(LABEL_WIDTH, overflow="ellipsis", pad=True)
            name.append(" ")
            version = _version(comparison, group, doc, ref, color)
            for n, line in enumerate(version.wrap(console, column, overflow="fold")):
                lines.append((name if n == 0 else indent) + line)
        for item in [
            *_moves(comparison, moves.get(number - 1, []), color),
            *_elsewhere(comparison, number - 1, color),
            *_labels(comparison, group, ref, color),
        ]:
            for line in item.wrap(console, column, overflow="fold"):
                lines.append(indent + line)
        console.print(Text("\n").join(lines), soft_wrap=True)
    lines = []
    for item in _furniture(comparison, width, color):
        if isinstance(item, Text):
            lines.extend(item.wrap(console, width, overflow="fold"))
            continue
        name, text = item
        for n, line in enumerate(text.wrap(console, column - 2, overflow="fold")):
            lines.append(name + Text(" ") + line if n == 0 else indent + Text("  ") + line)
    if lines:
        console.print(Text("\n").join(lines), soft_wrap=True)
    out = buffer.getvalue()
    if not color:  # wrapped lines and table cells keep their padding spaces
        out = "\n".join(line.rstrip() for line in out.split("\n"))
    return out
