"""Copying to the clipboard: the current sentence, the whole row, or its labels.

The text goes out through Textual's ``copy_to_clipboard`` (OSC 52: the
terminal puts it on the system clipboard; under tmux that needs
``set-clipboard on``), and a toast says what was copied.  A row is copied as
Markdown block quotes, one per article, each naming its outlet, with the
row's labels after them, ready to paste into a fact-check.  A controller
over the comparison screen.
"""

from __future__ import annotations

from sidebyside.app.host import ScreenHost
from sidebyside.app.kinds import KIND_MARKS, kind_index
from sidebyside.engine.divergence import Divergence
from sidebyside.engine.sanitize import visible
from sidebyside.engine.titles import title
from sidebyside.report.as_markdown import escape


def label_line(div: Divergence) -> str:
    """One label as plain text: ``[# number] [2] adds "two"``."""
    return f"[{KIND_MARKS[div.kind]} {div.kind}] {visible(div.description)}"


def row_markdown(rows, group_index: int, tags: list[str], labels: tuple[Divergence, ...]) -> str:
    """Every article's version of a row as Markdown block quotes naming the outlet, then
    the row's labels."""
    group = rows.groups[group_index]
    documents = rows.documents
    lines = [f"**Row {rows.row_of_group.get(group_index, 0) + 1}** of {len(rows)}"]
    for doc in group.docs:
        sentences = documents[doc].sentences
        text = " ".join(sentences[n].text for n in sorted(group.sentences_of(doc)))
        numbers = sorted(n + 1 for n in group.sentences_of(doc))
        which = (
            f"sentence {numbers[0]}"
            if len(numbers) == 1
            else (f"sentences {numbers[0]}–{numbers[-1]}")
        )
        lines += [
            "",
            f"> {escape(' '.join(text.split()))}",
            ">",
            f"> — **\\[{doc + 1}\\] {escape(tags[doc])}**, *{escape(title(documents[doc]))}*, "
            f"{which}",
        ]
    if labels:
        lines += ["", "Labels:", ""]
        lines += [f"- {escape(label_line(d))}" for d in labels]
    return "\n".join(lines) + "\n"


class CopyController:
    """The copy keys."""

    def __init__(self, host: ScreenHost) -> None:
        self.host = host

    def _copy(self, text: str, what: str) -> None:
        self.host.app.copy_to_clipboard(text)
        self.host.notify(f"Copied {what} ({len(text)} characters).", timeout=3, markup=False)

    def sentence(self) -> None:
        host = self.host
        member = host.current_sentence("copy")
        if member is None:
            return
        text = visible(host.documents[member.doc].sentences[member.sentence].text)
        self._copy(text, f"{host.tags[member.doc]}'s sentence {member.sentence + 1}")

    def _group(self) -> int | None:
        host = self.host
        if host.rows is None or host.state.group is None:
            host.app.bell()
            host.notify("Rows can be copied once the articles are aligned.", timeout=3)
            return None
        return host.state.group

    def _labels(self, group: int) -> tuple[Divergence, ...]:
        labels = kind_index(self.host.rows).of(group)
        kind = self.host.state.kind_filter
        return tuple(d for d in labels if kind is None or d.kind == kind)

    def row(self) -> None:
        group = self._group()
        if group is None:
            return
        host = self.host
        rows = host.rows
        if rows.run_of(group) is not None:
            host.app.bell()
            host.notify("This row is collapsed page furniture: f expands it.", timeout=3)
            return
        labels = self._labels(group)
        text = row_markdown(rows, group, host.tags, labels)
        docs = rows.groups[group].docs
        what = f"row {rows.row_of_group.get(group, 0) + 1} as Markdown ({len(docs)} version(s)"
        self._copy(text, what + (f", {len(labels)} label(s))" if labels else ")"))

    def labels(self) -> None:
        group = self._group()
        if group is None:
            return
        host = self.host
        labels = self._labels(group)
        if not labels:
            host.app.bell()
            host.notify("This row has no labels to copy.", timeout=3)
            return
        text = "\n".join(label_line(d) for d in labels) + "\n"
        self._copy(text, f"{len(labels)} label(s) of row {host.rows.row_of_group[group] + 1}")
