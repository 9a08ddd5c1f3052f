"""Search across every article, folded the way matching folds text.

Case, accents, curly quotes and the spellings of one name fold together
("Pukhov" finds 001's "Puhkov"): the engine's ``SearchIndex`` does the
folding, this module shows the hits.  ``ctrl+t`` in the search bar switches
to exact search (the characters as typed).  A controller over the comparison
screen; on a large comparison the index is built and queried off the event
loop.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Input, Static

from sidebyside.app.background import one_at_a_time
from sidebyside.app.host import ScreenHost
from sidebyside.app.messages import Busy
from sidebyside.app.state import ALIGNED, ViewState
from sidebyside.engine.model import Member
from sidebyside.engine.search import Hit, SearchIndex

SYNC_SENTENCES = 4000  # search at once up to this many sentences; more in a worker
FOLDED_HINT = "case, accents, quotes and a name's spellings fold together"
PLACEHOLDER = "Search all articles ({}) · ctrl+t: {}"


class SearchInput(Input):
    """The query field; ctrl+t switches between folded and exact search."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+t", "toggle_exact", "Exact/folded", id="search-exact"),
    ]

    class ToggleExact(Message):
        pass

    def action_toggle_exact(self) -> None:
        self.post_message(self.ToggleExact())


class SearchBar(Horizontal):
    def compose(self) -> ComposeResult:
        yield SearchInput(placeholder=PLACEHOLDER.format(FOLDED_HINT, "exact"), id="search-input")
        yield Static(id="search-status")


class Highlighter:
    """A query's hits in any text the views show, cached per text."""

    def __init__(self, index: SearchIndex, query: str, exact: bool) -> None:
        self.index = index
        self.query = query
        self.exact = exact
        self._found: dict[str, list[tuple[int, int]]] = {}

    def __call__(self, text: str) -> list[tuple[int, int]]:
        found = self._found.get(text)
        if found is None:
            if len(self._found) > 8192:
                self._found.clear()
            found = self._found[text] = self.index.spans(self.query, text, self.exact)
        return found


class HitsFound(Message):
    """A search worker finished (``token`` says for which query)."""

    bubble = False

    def __init__(self, hits: list[Hit], query: str, exact: bool, token: int) -> None:
        super().__init__()
        self.hits = hits
        self.query = query
        self.exact = exact
        self.token = token


class SearchController:
    """The search bar, the hits in row order, and n/N through them."""

    def __init__(self, host: ScreenHost) -> None:
        self.host = host
        self.index: SearchIndex | None = None
        self.hits: list[tuple[int, int]] = []  # (doc, sentence) in row order
        self.at = -1
        self._token = 0
        self._raw: list[Hit] = []

    # -- the bar -------------------------------------------------------------
    def open(self) -> None:
        host = self.host
        host.query_one(SearchBar).display = True
        self._placeholder()
        host.query_one("#search-input", Input).focus()

    def close(self) -> None:
        host = self.host
        self.hits, self.at, self._raw = [], -1, []
        host.query_one(SearchBar).display = False
        host.query_one("#search-input", Input).value = ""
        self._status("")
        host.update(search="")
        host.focus_view()

    def _placeholder(self) -> None:
        exact = self.host.state.exact
        mode, other = (
            ("exact: the characters as typed", "folded")
            if exact
            else (
                FOLDED_HINT,
                "exact",
            )
        )
        self.host.query_one("#search-input", Input).placeholder = PLACEHOLDER.format(mode, other)

    def toggle_exact(self) -> None:
        host = self.host
        host.update(exact=not host.state.exact)
        self._placeholder()
        field = host.query_one("#search-input", Input)
        if field.value:
            self.submit(field.value)
        else:
            self._status("exact search" if host.state.exact else "folded search")

    def prefetch(self) -> None:
        """Build the index of a large comparison in the background, before the first
        search: folding every sentence holds the interpreter for a while."""
        host = self.host
        documents = host.documents
        if sum(len(d.sentences) for d in documents) <= SYNC_SENTENCES:
            return

        def build() -> None:
            with one_at_a_time():
                index = SearchIndex(documents)
                index.variants("Name")  # the names' vocabulary, built once
            if self.index is None:
                self.index = index

        host.run_worker(build, thread=True, exclusive=True, group="search-index")

    def _index(self) -> SearchIndex:
        if self.index is None or self.index.documents != self.host.documents:
            self.index = SearchIndex(self.host.documents)
        return self.index

    # -- running a query -------------------------------------------------------
    def submit(self, query: str) -> None:
        host = self.host
        host.focus_view()
        exact = host.state.exact
        self._token += 1
        token = self._token
        if not query or host.rows is None:
            host.update(search=query)
            self._found([], query, exact)
            return
        size = sum(len(d.sentences) for d in host.documents)
        if size <= SYNC_SENTENCES:
            self._found(self._index().search(query, exact), query, exact)
            return
        host.post_message(Busy("searching", True))
        documents = host.documents

        def find() -> None:
            try:
                with one_at_a_time():
                    index = self.index
                    if index is None or index.documents != documents:
                        index = self.index = SearchIndex(documents)
                    hits = index.search(query, exact)
            finally:
                host.post_message(Busy("searching", False))
            host.post_message(HitsFound(hits, query, exact, token))

        host.run_worker(find, thread=True, exclusive=True, group="search")

    def found(self, message: HitsFound) -> None:
        if message.token == self._token:
            self._found(message.hits, message.query, message.exact)

    def _found(self, hits: list[Hit], query: str, exact: bool) -> None:
        host = self.host
        self._raw = hits
        self._order_hits()
        self.at = -1
        host.update(search=query, exact=exact)
        if not self.hits:
            self._status(f"no hits for “{query}”" if query else "")
            return
        rows = host.rows
        here = rows.row_of_group.get(host.state.group, 0)
        index = rows.comparison.group_index
        first = next(
            (
                k
                for k, (d, s) in enumerate(self.hits)
                if rows.row_of_group[index[Member(d, s)]] >= here
            ),
            0,
        )
        self.at = first - 1
        self.step(+1)

    def _order_hits(self) -> None:
        rows = self.host.rows
        if rows is None:
            self.hits = []
            return
        index = rows.comparison.group_index
        row_of = rows.row_of_group
        sentences = sorted({(h.doc, h.sentence) for h in self._raw})
        self.hits = sorted(
            sentences, key=lambda ds: (row_of.get(index[Member(*ds)], 0), ds[0], ds[1])
        )

    def show_hits(self, state: ViewState) -> None:
        """Highlight ``state``'s query in every view (after the query or the rows changed)."""
        host = self.host
        highlight = None
        if state.search and host.rows is not None:
            highlight = Highlighter(self._index(), state.search, state.exact)
            self._order_hits()
        from sidebyside.app.aligned_view import AlignedView
        from sidebyside.app.reading_view import ReadingPane

        host.query_one(AlignedView).set_search(highlight)
        for pane in host.query(ReadingPane):
            pane.set_search(highlight)

    def step(self, step: int) -> bool:
        """Go to the next (``step`` 1) or previous hit; False when not searching."""
        host = self.host
        if not host.state.search or not self.hits:
            return False
        self.at = (self.at + step) % len(self.hits)
        doc, sentence = self.hits[self.at]
        if host.state.view == ALIGNED:
            group = host.rows.comparison.group_index[Member(doc, sentence)]
            host.update(group=group)
        else:
            host.select_sentence(Member(doc, sentence))
        mode = "exact" if host.state.exact else "folded"
        self._status(
            f"hit {self.at + 1} of {len(self.hits)} in {host.tags[doc]} ({mode})"
            "  ·  n/N next/previous · esc closes"
        )
        return True

    def _status(self, message: str) -> None:
        self.host.query_one("#search-status", Static).update(Text(message))
