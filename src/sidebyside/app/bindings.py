"""Every key the comparison screen answers to.

Each binding has an id so users can remap it with ``App.set_keymap``; the
help screen and the command palette are built from this list, so they always
tell the truth about the keys in effect.
"""

from __future__ import annotations

from textual.binding import Binding

PIVOT_KEYS = 9

COMPARISON_BINDINGS: list[Binding] = [
    Binding(
        "j,down",
        "next_row",
        "Next",
        id="next-row",
        tooltip="Next row (aligned view) or next sentence (reading view).",
    ),
    Binding(
        "k,up",
        "previous_row",
        "Previous",
        id="previous-row",
        show=False,
        tooltip="Previous row (aligned view) or previous sentence (reading view).",
    ),
    Binding(
        "pagedown",
        "page_down",
        "Page down",
        id="page-down",
        show=False,
        tooltip="Move a screenful down.",
    ),
    Binding(
        "pageup", "page_up", "Page up", id="page-up", show=False, tooltip="Move a screenful up."
    ),
    Binding(
        "home",
        "first_row",
        "First",
        id="first-row",
        show=False,
        tooltip="Go to the first row or sentence.",
    ),
    Binding(
        "end",
        "last_row",
        "Last",
        id="last-row",
        show=False,
        tooltip="Go to the last row or sentence.",
    ),
    Binding(
        "n",
        "next_divergence",
        "Next diff",
        id="next-divergence",
        tooltip="Next row whose articles on screen word it differently (next hit while searching).",
    ),
    Binding(
        "N",
        "previous_divergence",
        "Previous diff",
        id="previous-divergence",
        show=False,
        tooltip="Previous row whose articles on screen differ (previous hit while searching).",
    ),
    Binding(
        "u",
        "next_unique",
        "Next unique",
        id="next-unique",
        tooltip="Next sentence found in one article only.",
    ),
    Binding(
        "U",
        "previous_unique",
        "Previous unique",
        id="previous-unique",
        show=False,
        tooltip="Previous sentence found in one article only.",
    ),
    Binding(
        "tab",
        "next_pane",
        "Next pane",
        id="next-pane",
        show=False,
        tooltip="Focus the next article's pane.",
    ),
    Binding(
        "shift+tab",
        "previous_pane",
        "Previous pane",
        id="previous-pane",
        show=False,
        tooltip="Focus the previous article's pane.",
    ),
    *[
        Binding(
            str(k),
            f"pivot({k - 1})",
            f"Pivot {k}",
            id=f"pivot-{k}",
            show=False,
            tooltip=f"Make article {k} the pivot: rows follow its reading order.",
        )
        for k in range(1, PIVOT_KEYS + 1)
    ],
    Binding(
        "v",
        "toggle_view",
        "Aligned/reading",
        id="toggle-view",
        tooltip="Switch between aligned rows and each article's own reading order.",
    ),
    Binding(
        "h",
        "hide_pane",
        "Hide pane",
        id="hide-pane",
        tooltip="Hide the focused pane (H shows all again).",
    ),
    Binding(
        "H",
        "show_all_panes",
        "Show all panes",
        id="show-all-panes",
        show=False,
        tooltip="Show every hidden pane again.",
    ),
    Binding(
        "w",
        "toggle_narrow",
        "Two panes",
        id="narrow",
        show=False,
        tooltip="Show only the pivot and the focused article (press again for all).",
    ),
    Binding(
        "o",
        "overview",
        "Overview",
        id="overview",
        tooltip="Overview: how much of each article the others have, and likely sources; "
        "enter on a pair opens it side by side.",
    ),
    Binding(
        "l",
        "link_sentence",
        "Link",
        id="link-sentence",
        show=False,
        tooltip="Link the focused article's sentence in this row to one you pick in another "
        "article (arrows choose, enter links).",
    ),
    Binding(
        "x",
        "unlink_sentence",
        "Unlink",
        id="unlink-sentence",
        show=False,
        tooltip="Unlink the focused article's sentence in this row: it becomes a row of its own.",
    ),
    Binding(
        "f",
        "toggle_furniture",
        "Furniture",
        id="toggle-furniture",
        show=False,
        tooltip="Expand or collapse page furniture (bylines, related links, share prompts): "
        "collapsed, each run of it is one dim line.",
    ),
    Binding(
        "e",
        "jump_elsewhere",
        "Also matches",
        id="jump-elsewhere",
        show=False,
        tooltip="Jump to the row where the current sentence also matches another article's "
        "sentence, bringing that article into view when it is not shown (press again for the "
        "next one).",
    ),
    Binding(
        "d",
        "toggle_details",
        "Details",
        id="toggle-details",
        show=False,
        tooltip="Make the details panel tall, to read every difference and note of the row "
        "(press again for the short strip).",
    ),
    Binding(
        "c",
        "copy_sentence",
        "Copy",
        id="copy-sentence",
        show=False,
        tooltip="Copy the focused article's sentence in this row to the clipboard.",
    ),
    Binding(
        "C",
        "copy_row",
        "Copy row",
        id="copy-row",
        show=False,
        tooltip="Copy the row: every article's version as a Markdown block quote naming its "
        "outlet, with the row's labels.",
    ),
    Binding(
        "L",
        "copy_labels",
        "Copy labels",
        id="copy-labels",
        show=False,
        tooltip="Copy the row's divergence labels (only the filtered kind when n/N are filtered).",
    ),
    Binding(
        "plus",
        "add_article",
        "Add article",
        id="add-article",
        show=False,
        tooltip="Add an article: a file, a web address, or pasted text; the articles are "
        "aligned again in the background and the notes kept.",
    ),
    Binding(
        "minus",
        "drop_article",
        "Drop article",
        id="drop-article",
        show=False,
        tooltip="Drop the focused article from the comparison (asks first); the notes are kept.",
    ),
    Binding(
        "a",
        "add_note",
        "Note",
        id="add-note",
        tooltip="Add a note on the current row (on the cursor sentence in the reading view).",
    ),
    Binding(
        "A",
        "add_sentence_note",
        "Note on sentence",
        id="add-sentence-note",
        show=False,
        tooltip="Add a note on the focused article's sentence in the current row.",
    ),
    Binding(
        "m",
        "notes_list",
        "Notes",
        id="notes-list",
        tooltip="List the notes: enter jumps to one, e edits, d deletes.",
    ),
    Binding(
        "ctrl+z",
        "undo_delete_note",
        "Undo delete",
        id="undo-delete-note",
        show=False,
        tooltip="Bring back the last deleted note.",
    ),
    Binding(
        "ctrl+s",
        "export_notes",
        "Export notes",
        id="export-notes",
        show=False,
        tooltip="Export the notes as Markdown: asks where, the file it proposes filled in.",
    ),
    Binding(
        "slash",
        "search",
        "Search",
        id="search",
        tooltip="Search all articles as matching reads them (case, accents, quotes and a "
        "name's spellings fold together; ctrl+t in the search bar for exact); enter, n and "
        "N go through hits.",
    ),
    Binding(
        "escape",
        "close_search",
        "Close search",
        id="close-search",
        show=False,
        tooltip="Close the search and stop highlighting hits.",
    ),
    Binding(
        "t",
        "toggle_theme",
        "Light/dark",
        id="toggle-theme",
        show=False,
        tooltip="Switch between the dark and the light theme.",
    ),
    Binding("question_mark", "help", "Help", id="help", tooltip="List every key."),
    Binding("q", "app.quit", "Quit", id="quit", tooltip="Quit sidebyside."),
]


def all_binding_ids() -> set[str]:
    """Every binding id a user can remap: the comparison screen's and the dialogs'."""
    from sidebyside.app.help_screen import HelpScreen
    from sidebyside.app.link_mode import LinkPicker
    from sidebyside.app.note_editor import ConfirmDiscard, NoteEditor
    from sidebyside.app.notes_list import NotesList
    from sidebyside.app.overview_screen import OverviewScreen
    from sidebyside.app.prompts import AddArticlePrompt, ConfirmDrop, ExportPrompt
    from sidebyside.app.search_bar import SearchInput

    ids = {b.id for b in COMPARISON_BINDINGS if b.id}
    for owner in (
        HelpScreen,
        LinkPicker,
        NoteEditor,
        ConfirmDiscard,
        NotesList,
        OverviewScreen,
        AddArticlePrompt,
        ConfirmDrop,
        ExportPrompt,
        SearchInput,
    ):
        ids.update(b.id for b in owner.BINDINGS if isinstance(b, Binding) and b.id)
    return ids
