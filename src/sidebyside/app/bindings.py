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
        tooltip="Next row whose articles word it differently (next hit while searching).",
    ),
    Binding(
        "N",
        "previous_divergence",
        "Previous diff",
        id="previous-divergence",
        show=False,
        tooltip="Previous row whose articles differ (previous hit while searching).",
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
        tooltip="Hide or show page furniture (bylines, related links, share prompts); "
        "shown, it is dimmed.",
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
        tooltip="Export the notes as Markdown and show where the file is.",
    ),
    Binding(
        "slash",
        "search",
        "Search",
        id="search",
        tooltip="Search all articles (case-insensitive); enter, n and N go through hits.",
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
