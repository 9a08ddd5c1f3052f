"""The details strip: the current row's differences spelled out in words."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.widgets import Static

from sidebyside.app.kinds import KIND_CLASSES, kind_index, labels_text
from sidebyside.app.rows import RowModel
from sidebyside.engine.sanitize import visible

QUOTE_MAX = 60


def _quote(text: str) -> str:
    """Article words for the strip: controls and lone surrogates made visible, one line."""
    text = " ".join(visible(text).split())
    if len(text) > QUOTE_MAX:
        text = text[: QUOTE_MAX - 1] + "…"
    return f'"{text}"'


def describe(rows: RowModel, group_index: int, tags: list[str], shown: list[int]) -> Text:
    """Plain-language account of one row, one line per article compared with the reference."""
    group = rows.groups[group_index]
    out = Text(no_wrap=False, overflow="fold")
    only = rows.only_in(group_index)
    row = rows.row_of_group.get(group_index, 0)
    out.append(f"Row {row + 1} of {len(rows)} · ", "dim")
    if only is not None:
        out.append(f"found in {tags[only]} only", "bold")
        out.append(" — no other article has this sentence.")
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
                changes.append(f"{tags[doc]} adds {_quote(op.b)}")
            elif op.tag == "delete":
                changes.append(f"{tags[doc]} lacks {_quote(op.a)}")
            elif op.tag == "replace":
                change = f"{tags[ref]} has {_quote(op.a)}, {tags[doc]} {_quote(op.b)}"
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
    return out


def note_lines(annotations, group_index: int, tags: list[str]) -> Text:
    """The current row's notes, first: one line each (m lists them in full)."""
    out = Text(no_wrap=False, overflow="fold")
    for note in annotations.notes_of_group(group_index):
        place = annotations.places[note.id]
        on = "row" if place.doc is None else tags[place.doc]
        out.append(f"✎ {visible(note.tag or 'note')}", "bold")
        out.append(f" ({on}): ")
        out.append(_quote(visible(note.text))[1:-1] or "(no text)")
        out.append("\n")
    return out


class DetailsStrip(Static):
    """Shows ``describe`` for the current row; text is a rich ``Text``, never markup.

    Its height is fixed in the stylesheet, so an update repaints the strip
    without a layout pass over the whole screen.
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = set(KIND_CLASSES.values())

    annotations = None  # the screen's notes, once loaded

    def show_row(self, rows: RowModel, group_index: int, tags: list[str], shown: list[int]) -> None:
        text = describe(rows, group_index, tags, shown)
        labels = self.labels(rows, group_index)
        if labels.plain:  # right under the row's first line: what changes the story
            cut = text.plain.find("\n")
            head, tail = (text, Text()) if cut < 0 else (text[:cut], text[cut:])
            text = head + Text("\n") + labels + tail
        if self.annotations is not None:
            text = note_lines(self.annotations, group_index, tags) + text
        self.update(text, layout=False)

    def labels(self, rows: RowModel, group_index: int) -> Text:
        """The row's labelled divergences, each kind in its own (theme-aware) style."""
        styles = {
            kind: self.get_component_rich_style(name, partial=True)
            for kind, name in KIND_CLASSES.items()
        }
        return labels_text(kind_index(rows).of(group_index), styles)

    def show_message(self, message: str) -> None:
        self.update(Text(message), layout=False)
