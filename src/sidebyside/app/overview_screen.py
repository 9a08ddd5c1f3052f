"""The overview: for every pair of articles, how much of one the other has, and in what form.

A matrix (row article x, column article y: the share of x's story sentences
that y has verbatim or nearly so, reworded, or lacks), a strip per article of
where along its length its shared material lies, and the article each one
most likely drew from.  Arrows and enter (or a click) open the aligned view
of a pair.  Everything is drawn from ``provenance.overview`` as ``Text``,
never markup; colours come from component classes, and every figure is also
written out so the matrix reads without colour.

The overview of a large comparison takes seconds (every pair of versions of
every row is compared), so it is computed in a worker while the screen says
so, and kept with the rows for the next time.  The matrix keeps its cells a
fixed, readable width and scrolls both ways when there are more articles
than the terminal has room for.
"""

from __future__ import annotations

import time
from typing import ClassVar

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import ScrollableContainer, Vertical
from textual.geometry import Region
from textual.message import Message
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Static

from sidebyside.app.background import one_at_a_time
from sidebyside.app.rows import RowModel
from sidebyside.engine.model import Group, PairDiff
from sidebyside.engine.provenance import VERBATIM, Overview, overview

LABEL_MIN = 8
CELL_WIDTH = 19  # "V 33% R 33% A 33%" and the cursor marks either side
CELL_HEIGHT = 3  # bar, figures, a blank line
SYNC_SENTENCES = 2000  # compute at once up to this many sentences; more in a worker
VERBATIM_MARK, REWORDED_MARK, ABSENT_MARK = "█", "▒", "░"
STRIP_BLOCKS = "▁▂▃▄▅▆▇█"


def row_overview(rows: RowModel) -> Overview:
    """The overview of ``rows``' comparison, word diffs taken from (and kept in) the rows."""
    comparison = rows.comparison
    index = {id(g): k for k, g in enumerate(comparison.groups)}

    def diff_of(group: Group) -> tuple[PairDiff, ...]:
        time.sleep(0)  # run off the event loop: let it have the interpreter between rows
        k, docs = index[id(group)], group.docs
        pairs = (rows.pair(k, a, b) for n, a in enumerate(docs) for b in docs[n + 1 :])
        return tuple(p for p in pairs if p is not None)

    return overview(comparison, diff_of=diff_of)


def cached_overview(rows: RowModel) -> Overview | None:
    """The overview computed for these rows before, if any."""
    return getattr(rows, "_overview", None)


def compute_overview(rows: RowModel) -> Overview:
    """The overview of ``rows``, kept on them (safe to call off the event loop)."""
    found = cached_overview(rows)
    if found is None:
        found = row_overview(rows)
        rows._overview = found
    return found


class MatrixScroll(ScrollableContainer, can_focus=False, inherit_bindings=False):
    """Scrolls the matrix both ways; its arrows belong to the matrix's cursor, not to it."""


class PairChosen(Message):
    """A cell of the matrix was chosen: open the aligned view of ``x`` (pivot) and ``y``."""

    def __init__(self, x: int, y: int) -> None:
        super().__init__()
        self.x = x
        self.y = y


class PairMatrix(Widget, can_focus=True):
    """The matrix of article pairs; the cursor cell is framed and bold."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "pair-matrix--verbatim",
        "pair-matrix--reworded",
        "pair-matrix--absent",
        "pair-matrix--label",
        "pair-matrix--cursor",
        "pair-matrix--diagonal",
    }

    def __init__(self, data: Overview, tags: list[str], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.data = data
        self.tags = tags
        self.n = len(tags)
        self.cursor = (0, 1 if self.n > 1 else 0)
        self.label_width = max(LABEL_MIN, *(len(f"{k + 1} {t}") + 2 for k, t in enumerate(tags)))
        self.left = 0  # the first column drawn

    def cell_width(self) -> int:
        return CELL_WIDTH

    def visible_columns(self) -> int:
        """How many columns fit beside the row labels (at least one)."""
        return max(1, ((self.size.width or 160) - self.label_width - 2) // CELL_WIDTH)

    def first_column(self) -> int:
        """The first column drawn: columns scroll so the cursor's is always in view."""
        shown = self.visible_columns()
        y = self.cursor[1]
        self.left = min(max(getattr(self, "left", 0), y - shown + 1), y)
        self.left = max(0, min(self.left, self.n - shown))
        return self.left

    def get_content_height(self, container, viewport, width: int) -> int:
        return 1 + CELL_HEIGHT * self.n

    def cell_region(self, x: int) -> Region:
        """Where row ``x``'s cells sit in the matrix (for scrolling it into view)."""
        return Region(0, 1 + x * CELL_HEIGHT, self.size.width or 1, CELL_HEIGHT)

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(name, partial=True)

    def render(self) -> Text:
        width = self.cell_width()
        label = self._style("pair-matrix--label")
        left = self.first_column()
        columns = range(left, min(self.n, left + self.visible_columns()))
        out = Text(no_wrap=True, overflow="crop")
        out.append(_fit("◀ x↓ y→" if left else "x↓ y→", self.label_width), label)
        for y in columns:
            out.append(_fit(f"{y + 1} {self.tags[y]}", width), label)
        if columns.stop < self.n:
            out.append(f"▶ {self.n - columns.stop} more", label)
        for x in range(self.n):
            lines = [Text(no_wrap=True) for _ in range(CELL_HEIGHT)]
            lines[0].append(_fit(f"{x + 1} {self.tags[x]}", self.label_width), label)
            lines[1].append(" " * self.label_width)
            lines[2].append(" " * self.label_width)
            for y in columns:
                for k, part in enumerate(self._cell(x, y, width)):
                    lines[k].append_text(part)
            for line in lines:
                out.append("\n")
                out.append_text(line)
        return out

    def _cell(self, x: int, y: int, width: int) -> list[Text]:
        inner = width - 2
        current = (x, y) == self.cursor
        left, right = ("▶", "◀") if current else (" ", " ")
        cursor = self._style("pair-matrix--cursor") if current else Style()
        if x == y:
            diagonal = self._style("pair-matrix--diagonal")
            first = Text(left, cursor)
            first.append(_fit("— itself", inner), diagonal)
            first.append(right, cursor)
            return [first, Text(" " * width), Text(" " * width)]
        share = self.data.pairs[(x, y)]
        verbatim = round(share.verbatim * inner)
        reworded = min(round(share.reworded * inner), inner - verbatim)
        absent = inner - verbatim - reworded
        bar = Text(left, cursor)
        bar.append(VERBATIM_MARK * verbatim, self._style("pair-matrix--verbatim"))
        bar.append(REWORDED_MARK * reworded, self._style("pair-matrix--reworded"))
        bar.append(ABSENT_MARK * absent, self._style("pair-matrix--absent"))
        bar.append(right, cursor)
        figures = f"V {share.verbatim:.0%} R {share.reworded:.0%} A {share.absent:.0%}"
        text = Text(" ")
        text.append(_fit(figures, inner), cursor + Style(bold=current))
        text.append(" ")
        return [bar, text, Text(" " * width)]

    # -- moving ------------------------------------------------------------
    def move(self, dx: int, dy: int) -> None:
        x, y = self.cursor
        self.cursor = (min(max(x + dy, 0), self.n - 1), min(max(y + dx, 0), self.n - 1))
        self.refresh()
        self.show_cursor()

    def show_cursor(self) -> None:
        """Scroll the matrix's container so the cursor's row is in view (columns scroll
        inside the matrix, beside labels that stay put)."""
        parent = self.parent
        if isinstance(parent, ScrollableContainer):
            region = self.cell_region(self.cursor[0]).grow((1, 0, 1, 0))
            parent.scroll_to_region(region, animate=False, immediate=True)

    def choose(self) -> None:
        x, y = self.cursor
        if x == y:
            self.app.bell()
            self.notify("Choose a cell off the diagonal: two different articles.", timeout=3)
            return
        self.post_message(PairChosen(x, y))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or offset.y < 1 or offset.x < self.label_width:
            return
        x = (offset.y - 1) // CELL_HEIGHT
        y = self.first_column() + (offset.x - self.label_width) // self.cell_width()
        if 0 <= x < self.n and 0 <= y < self.n:
            self.cursor = (x, y)
            self.refresh()
            self.choose()


class SourceStrips(Widget):
    """Per article: where its shared material lies, and where it most likely came from."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "source-strips--shared",
        "source-strips--unique",
        "source-strips--label",
        "source-strips--source",
    }

    def __init__(self, data: Overview, tags: list[str], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.data = data
        self.tags = tags

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(name, partial=True)

    def render(self) -> Text:
        tags = self.tags
        label = self._style("source-strips--label")
        shared, unique = self._style("source-strips--shared"), self._style("source-strips--unique")
        source = self._style("source-strips--source")
        out = Text(no_wrap=False, overflow="fold")
        out.append(
            "Along each article (start → end): a taller block where more is shared with "
            "another article, · where nothing is",
            label,
        )
        width = max(LABEL_MIN, *(len(f"{a.doc + 1} {tags[a.doc]}") + 2 for a in self.data.articles))
        for a in self.data.articles:
            out.append("\n")
            out.append(_fit(f"{a.doc + 1} {tags[a.doc]}", width), label)
            out.append("▕")
            for part in a.strip:
                if part is None:
                    out.append(" ")
                elif part <= 0:
                    out.append("·", unique)
                else:
                    k = max(min(int(part * len(STRIP_BLOCKS) + 0.999), len(STRIP_BLOCKS)), 1)
                    out.append(STRIP_BLOCKS[k - 1], shared)
            out.append("▏\n")
            out.append(" " * width)
            out.append(f"{a.shared:.0%} shared · {a.sentences} sentences")
            if a.likely_source is not None:
                out.append(" · likely source: ")
                out.append(f"{a.likely_source + 1} {tags[a.likely_source]}", source)
            else:
                out.append(" · no likely source")
            if a.most_shared is not None:
                out.append(f" · most in common with {a.most_shared + 1} {tags[a.most_shared]}")
            if a.closest is not None:
                out.append(f" · closest wording {a.closest + 1} {tags[a.closest]}")
        out.append("\n")
        if self.data.central is not None:
            out.append("The others' sentences are closest to ")
            out.append(f"{self.data.central + 1} {tags[self.data.central]}", source)
            out.append(" (the likeliest common source).")
        return out


def _fit(text: str, width: int) -> str:
    """``text`` cut or padded to exactly ``width`` cells."""
    if cell_len(text) > width:
        out = ""
        for ch in text:
            if cell_len(out + ch) > width - 1:
                break
            out += ch
        text = out + "…"
    return text + " " * (width - cell_len(text))


class OverviewScreen(Screen[tuple[int, int] | None]):
    """Dismisses with ``(x, y)``, the pair to open, or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,o,q", "close", "Close", id="close-overview"),
        Binding("left,h", "move(-1, 0)", "Left", id="overview-left", show=False),
        Binding("right,l", "move(1, 0)", "Right", id="overview-right", show=False),
        Binding("up,k", "move(0, -1)", "Up", id="overview-up", show=False),
        Binding("down,j", "move(0, 1)", "Down", id="overview-down", show=False),
        Binding("enter", "open_pair", "Open pair", id="open-pair"),
    ]

    class Ready(Message):
        """The worker computed the overview."""

        bubble = False

        def __init__(self, data: Overview) -> None:
            super().__init__()
            self.data = data

    def __init__(self, rows: RowModel, tags: list[str], names: list[str], focus: tuple) -> None:
        super().__init__()
        self.rows = rows
        self.data: Overview | None = cached_overview(rows)
        self.tags = tags
        self.names = names
        self.start = focus

    def compose(self) -> ComposeResult:
        n = len(self.tags)
        with Vertical(id="overview-box"):
            title = Text("Overview", "bold")
            title.append(f" · {n} articles · where each one's material comes from")
            yield Static(title, id="overview-title")
            yield Static(self._legend(), id="overview-legend")
            yield Static(
                Text(f"Comparing every pair of the {n} articles, row by row… escape closes."),
                id="overview-wait",
            )
            yield MatrixScroll(id="overview-body")
            yield Static(
                Text("arrows move · enter (or click) opens the pair side by side · escape closes"),
                id="overview-hint",
            )

    def _legend(self) -> Text:
        out = Text()
        out.append("Row x, column y: the share of x's sentences that y has ")
        out.append(f"{VERBATIM_MARK} V verbatim", "bold")
        out.append(f" (≥{VERBATIM:.0%} same words), ")
        out.append(f"{REWORDED_MARK} R reworded", "bold")
        out.append(", or ")
        out.append(f"{ABSENT_MARK} A absent", "bold")
        out.append(" (page furniture left out).")
        return out

    def _names(self) -> Text:
        out = Text()
        for k, name in enumerate(self.names):
            if k:
                out.append("\n")
            out.append(f"{k + 1} {self.tags[k]}: ", "bold")
            out.append(name)
        return out

    def on_mount(self) -> None:
        rows = self.rows
        if self.data is None and sum(len(d.sentences) for d in rows.documents) <= SYNC_SENTENCES:
            self.data = compute_overview(rows)  # a small comparison: at once
        if self.data is not None:
            self._show(self.data)
            return

        def work() -> None:
            with one_at_a_time():
                data = compute_overview(rows)
            self.post_message(self.Ready(data))

        self.run_worker(work, thread=True, exclusive=True, group="overview")

    @on(Ready)
    def _ready(self, message: Ready) -> None:
        self._show(message.data)

    def _show(self, data: Overview) -> None:
        self.data = data
        self.query_one("#overview-wait").display = False
        body = self.query_one("#overview-body", MatrixScroll)
        matrix = PairMatrix(data, self.tags, id="pair-matrix")
        body.mount(matrix)
        body.mount(SourceStrips(data, self.tags, id="source-strips"))
        body.mount(Static(self._names(), id="overview-names"))
        x, y = self.start
        if 0 <= x < matrix.n and 0 <= y < matrix.n:
            matrix.cursor = (x, y)
        matrix.focus()
        self.call_after_refresh(matrix.show_cursor)

    def _matrix(self) -> PairMatrix | None:
        found = self.query(PairMatrix)
        return found.first() if found else None

    def action_move(self, dx: int, dy: int) -> None:
        matrix = self._matrix()
        if matrix is not None:
            matrix.move(dx, dy)

    def action_open_pair(self) -> None:
        matrix = self._matrix()
        if matrix is not None:
            matrix.choose()

    def on_pair_chosen(self, message: PairChosen) -> None:
        self.dismiss((message.x, message.y))

    def action_close(self) -> None:
        self.dismiss(None)
