"""The keys for fixing the alignment, filtering labels, and the overview.

``l`` links the current sentence to one picked in another article, ``x``
unlinks it; both are saved with the notes and the rows are rebuilt from the
machine's alignment with every correction applied, so matched shares and
the overview change at once.  A kind filter limits ``n``/``N`` to rows with
that kind of label.  A controller over the comparison screen
(``host.ScreenHost``).
"""

from __future__ import annotations

from rich.text import Text

from sidebyside.app.host import ScreenHost
from sidebyside.app.kinds import KIND_PLURALS, kind_index
from sidebyside.app.link_mode import LinkPicker
from sidebyside.app.state import ALIGNED
from sidebyside.engine.corrections import Correction, link, unlink
from sidebyside.engine.divergence import KINDS
from sidebyside.engine.model import Member


class CorrectionsController:
    """Link, unlink, the kind filter and the overview."""

    def __init__(self, host: ScreenHost) -> None:
        self.host = host

    # -- link and unlink ----------------------------------------------------
    def _source(self, verb: str) -> Member | None:
        host = self.host
        if not host.aligned:
            host.app.bell()
            host.notify(f"You can {verb} sentences once the articles are aligned.", timeout=3)
            return None
        if host.annotations is None:
            host.app.bell()
            host.notify(f"You can {verb} sentences once the notes are open.", timeout=3)
            return None
        return host.current_sentence(verb)

    def link(self) -> None:
        host = self.host
        source = self._source("link")
        if source is None:
            return
        shown = host.shown_docs()
        others = [d for d in range(len(host.documents)) if d != source.doc]
        if not others:
            host.app.bell()
            return
        candidates = [d for d in shown if d != source.doc]
        candidates += [d for d in others if d not in candidates]
        pivot = host.state.pivot
        start = pivot if pivot != source.doc else candidates[0]
        rows = host.rows
        group = rows.comparison.group_index[source]

        def chosen(target: Member | None) -> None:
            if target is None:
                return
            index = host.rows.comparison.group_index
            if index[target] == index[source]:
                host.notify("Those two sentences are already in the same row.", timeout=3)
                return
            self._correct(link(host.documents, source, target), source)
            host.notify(
                f"Linked {host.tags[source.doc]}'s sentence {source.sentence + 1} to "
                f"{host.tags[target.doc]}'s sentence {target.sentence + 1}.",
                timeout=3,
                markup=False,
            )

        picker = LinkPicker(rows, source, group, host.tags, candidates, start)
        host.app.push_screen(picker, chosen)

    def unlink(self) -> None:
        host = self.host
        source = self._source("unlink")
        if source is None:
            return
        group = host.rows.comparison.group_of(source.doc, source.sentence)
        if len(group.members) == 1:
            host.app.bell()
            host.notify("This sentence is already a row of its own.", timeout=3)
            return
        self._correct(unlink(host.documents, source), source)
        host.notify(
            f"Unlinked {host.tags[source.doc]}'s sentence {source.sentence + 1}: "
            "it is a row of its own now.",
            timeout=3,
            markup=False,
        )

    def _correct(self, correction: Correction, follow: Member) -> None:
        """Save ``correction``; the rows are rebuilt with ``follow``'s row current."""
        host = self.host
        host.annotations.set_pivot(host.state.pivot)
        host.notes.change(lambda: host.annotations.add_correction(correction))
        host.select_sentence(follow)

    # -- the kind filter ----------------------------------------------------
    def set_filter(self, kind: str = "") -> None:
        """Limit ``n``/``N`` to rows with this kind of label ("": every row that differs)."""
        host = self.host
        kind_filter = kind if kind in KINDS else None
        host.update(kind_filter=kind_filter)
        if kind_filter is None:
            host.notify("n and N stop at every row that differs.", timeout=3)
        else:
            plural = KIND_PLURALS[kind_filter]
            host.notify(f"n and N stop only at rows whose {plural} differ.", timeout=3)

    def divergence_test(self):
        """What ``n``/``N`` look for: rows whose articles on screen differ, of the filtered
        kind if one is set."""
        rows = self.host.rows
        kind = self.host.state.kind_filter
        if kind is None:
            return rows.differs_on_screen
        index = kind_index(rows)
        return lambda g: rows.differs_on_screen(g) and kind in index.kinds_on_screen(g)

    def filter_label(self) -> Text:
        kind = self.host.state.kind_filter
        if kind is None:
            return Text()
        return Text(f" · n/N: {KIND_PLURALS[kind]} only", "bold reverse")

    # -- the overview -------------------------------------------------------
    def overview(self) -> None:
        host = self.host
        if not host.aligned:
            host.app.bell()
            host.notify("The overview is ready once the articles are aligned.", timeout=3)
            return
        from sidebyside.app.overview_screen import OverviewScreen

        state = host.state
        n = len(host.documents)
        other = state.focused if state.focused != state.pivot else (state.pivot + 1)
        start = (state.pivot, other % n)
        screen = OverviewScreen(host.rows, host.tags, host.names, start)
        host.app.push_screen(screen, self._open_pair)

    def _open_pair(self, pair: tuple[int, int] | None) -> None:
        """The aligned view of two articles: ``x`` as the pivot, only the two of them shown."""
        if pair is None:
            return
        x, y = pair
        host = self.host
        hidden = host.state.hidden - {x, y}
        host.update(view=ALIGNED, pivot=x, focused=y, hidden=hidden, narrow=True)
