"""The details panel: the current row's differences spelled out in words.

Short by default (a few lines under the views); when what it has to say does
not fit, its last line says how much more there is, and ``d`` makes it tall
(most of the screen, scrollable, quotes in full).  Its text is a rich
``Text``, never markup.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from sidebyside.app.furniture_filter import furniture_line
from sidebyside.app.kinds import KIND_CLASSES, kind_index, labels_text
from sidebyside.app.rows import RowModel
from sidebyside.app.state import ViewState
from sidebyside.engine.sanitize import visible
from sidebyside.engine.titles import title

QUOTE_MAX = 60
SHORT_HEIGHT, LOW_HEIGHT = 7, 4  # lines with the border, on tall and on short terminals
LOW_SCREEN = 36  # terminals lower than this get the lower strip
TALL_SHARE = 0.6  # of the screen's height, for the tall panel


def _quote(text: str, limit: int | None = QUOTE_MAX) -> str:
    """Article words for the panel: controls and lone surrogates made visible, one line."""
    text = " ".join(visible(text).split())
    if limit is not None and len(text) > limit:
        text = text[: limit - 1] + "…"
    return f'"{text}"'


def describe(rows: RowModel, group_index: int, tags: list[str], full: bool = False) -> Text:
    """Plain-language account of one row, one line per article compared with the reference.

    ``full`` quotes changed words in full and names every article's title."""
    limit = None if full else QUOTE_MAX
    group = rows.groups[group_index]
    out = Text(no_wrap=False, overflow="fold")
    row = rows.row_of_group.get(group_index, 0)
    out.append(f"Row {row + 1} of {len(rows)} · ", "dim")
    if rows.run_of(group_index) is not None:
        count, docs = rows.run_sentences(group_index)
        out.append(furniture_line(count, [tags[d] for d in docs]), "bold")
        out.append(" — bylines, related links, share prompts: left out of the matched share.")
        return out
    alone = rows.alone(group_index)
    if alone is not None:
        if rows.only_in(group_index) is not None:
            out.append(f"found in {tags[alone]} only", "bold")
            out.append(" — no other article has this sentence.")
        else:  # linked from a row it could not join
            out.append(f"{tags[alone]} alone in this row", "bold")
            out.append(" — its counterparts sit in other rows, among sentences it does not match.")
        _elsewhere(out, rows, group_index, tags)
        return out
    ref = rows.reference(group_index)
    missing = [tags[d] for d in range(len(tags)) if d not in group.docs]
    out.append(f"in {', '.join(tags[d] for d in group.docs)}")
    if missing:
        out.append(f" · not in {', '.join(missing)}", "dim")
    if not rows.differs(group_index):
        out.append(" · same wording", "bold")
    for doc in group.docs:
        if doc == ref:
            continue
        pair = rows.pair(group_index, ref, doc)
        out.append("\n")
        out.append(f"{tags[doc]} vs {tags[ref]}", "bold")
        if pair is None:
            same = not rows.differs(group_index)
            out.append(": same wording" if same else ": worded differently (no word diff)")
            continue
        out.append(f" · {pair.similarity:.0%} similar")
        changes = []
        for op in pair.ops:
            if op.tag == "insert":
                changes.append(f"{tags[doc]} adds {_quote(op.b, limit)}")
            elif op.tag == "delete":
                changes.append(f"{tags[doc]} lacks {_quote(op.a, limit)}")
            elif op.tag == "replace":
                change = f"{tags[ref]} has {_quote(op.a, limit)}, {tags[doc]} {_quote(op.b, limit)}"
                changes.append(change + (" (punctuation)" if op.minor else ""))
        if changes:
            out.append(": " + "; ".join(changes))
        else:
            out.append(": same words")
    moved = [(d, s) for (g, d), s in rows.moved.items() if g == group_index]
    for doc, sentence in moved:
        paragraph = rows.documents[doc].sentences[sentence].paragraph
        out.append("\n")
        out.append(f"{tags[doc]} moved this", "bold")
        out.append(f": it is sentence {sentence + 1} (¶{paragraph + 1}) of its article")
    _elsewhere(out, rows, group_index, tags)
    if full:
        out.append("\n")
        for k, doc in enumerate(group.docs):
            out.append(" · " if k else "Articles: ", "dim")
            out.append(f"{doc + 1} {tags[doc]}", "bold")
            out.append(f" {visible(title(rows.documents[doc]))}")
    return out


def _elsewhere(out: Text, rows: RowModel, group_index: int, tags: list[str]) -> None:
    """Where this row's sentences also match sentences of other rows."""
    for doc in rows.groups[group_index].docs:
        for link, other, group in rows.elsewhere(group_index, doc)[:3]:
            source = link.other(other)
            out.append("\n")
            out.append(f"{tags[doc]} also matches elsewhere", "bold")
            where = (
                f"in row {rows.row_of_group.get(group, 0) + 1}"
                if rows.on_screen(other.doc)
                else "(not shown)"
            )
            out.append(
                f": its sentence {source.sentence + 1} ~ {tags[other.doc]}'s sentence "
                f"{other.sentence + 1} {where} ({link.kind})"
                + (" · e jumps there" if rows.on_screen(doc) else "")
            )


def note_lines(annotations, group_index: int, tags: list[str], full: bool) -> Text:
    """The current row's notes, first: one line each (in full in the tall panel)."""
    out = Text(no_wrap=False, overflow="fold")
    for note in annotations.notes_of_group(group_index):
        place = annotations.places[note.id]
        on = "row" if place.doc is None else tags[place.doc]
        out.append(f"✎ {visible(note.tag or 'note')}", "bold")
        out.append(f" ({on}): ")
        out.append(_quote(visible(note.text), None if full else QUOTE_MAX)[1:-1] or "(no text)")
        out.append("\n")
    return out


class DetailsPanel(VerticalScroll, can_focus=False):
    """Shows ``describe`` for the current row, short or tall."""

    COMPONENT_CLASSES: ClassVar[set[str]] = set(KIND_CLASSES.values()) | {"details--more"}

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.tall = False
        self.room = 45  # the screen's height
        self._text = Text()

    def compose(self) -> ComposeResult:
        yield Static(id="details-body")

    @property
    def content(self) -> Text:
        """Everything the panel has to say about the row (all of it, even when cut short)."""
        return self._text

    @property
    def body(self) -> Static:
        return self.query_one("#details-body", Static)

    def _height(self) -> int:
        if self.tall:
            return max(SHORT_HEIGHT + 1, round(self.room * TALL_SHARE))
        return SHORT_HEIGHT if self.room >= LOW_SCREEN else LOW_HEIGHT

    def set_room(self, screen_height: int) -> None:
        if screen_height != self.room:
            self.room = screen_height
            self.styles.height = self._height()
            self._draw()

    def set_tall(self, tall: bool) -> None:
        self.tall = tall
        self.set_class(tall, "-tall")
        self.styles.height = self._height()
        self.scroll_home(animate=False)
        self._draw()

    def show_row(
        self, rows: RowModel, group_index: int, tags: list[str], state: ViewState, annotations
    ) -> None:
        full = self.tall
        text = describe(rows, group_index, tags, full=full)
        labels = self.labels(rows, group_index)
        if labels.plain:  # right under the row's first line: what changes the story
            cut = text.plain.find("\n")
            head, tail = (text, Text()) if cut < 0 else (text[:cut], text[cut:])
            text = head + Text("\n") + labels + tail
        if annotations is not None:
            text = note_lines(annotations, group_index, tags, full) + text
        self._text = text
        self._draw()

    def labels(self, rows: RowModel, group_index: int) -> Text:
        """The row's labelled divergences, each kind in its own (theme-aware) style."""
        styles = {
            kind: self.get_component_rich_style(name, partial=True)
            for kind, name in KIND_CLASSES.items()
        }
        if rows.run_of(group_index) is not None:
            return Text()
        return labels_text(kind_index(rows).of(group_index), styles)

    def show_message(self, message: str) -> None:
        self._text = Text(message)
        self._draw()

    def _draw(self) -> None:
        """The text, cut to the short strip with a line saying what is left out."""
        text = self._text
        if not self.tall and self.is_mounted:
            width = max(10, self.scrollable_content_region.width or (self.app.size.width - 2))
            lines = text.wrap(self.app.console, width)
            room = self._height() - 1  # the border takes a line
            if len(lines) > room:
                more = len(lines) - (room - 1)
                shown = Text("\n").join(list(lines)[: room - 1])
                shown.append("\n")
                shown.append(
                    f"… {more} more line{'s' if more > 1 else ''}: d shows the whole row",
                    self.get_component_rich_style("details--more", partial=True),
                )
                text = shown
        self.body.update(text, layout=self.tall)

    def on_resize(self) -> None:
        self._draw()
