"""Command palette entries: every screen action by name, plus per-article commands."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial

from textual.app import SystemCommand
from textual.screen import Screen

from sidebyside.app.bindings import COMPARISON_BINDINGS
from sidebyside.app.kinds import KIND_PLURALS
from sidebyside.engine.divergence import KINDS


def comparison_commands(screen: Screen) -> Iterable[SystemCommand]:
    """One command per binding (named by its help text), and pivot/show/hide per article."""
    documents = getattr(screen, "documents", None)
    if documents is None:
        return
    for binding in COMPARISON_BINDINGS:
        if binding.action.startswith("pivot("):
            continue
        title = binding.tooltip.split(":")[0].rstrip(".") if binding.tooltip else ""
        yield SystemCommand(
            title or binding.description,
            binding.tooltip or binding.description,
            partial(screen.run_action, binding.action),
        )
    yield SystemCommand(
        "Next divergence: all kinds",
        "n and N stop at every row whose articles word it differently.",
        partial(screen.run_action, "divergence_filter('')"),
    )
    for kind in KINDS:
        yield SystemCommand(
            f"Next divergence: {KIND_PLURALS[kind]} only",
            f"n and N stop only at rows labelled {kind} (shown in the top bar).",
            partial(screen.run_action, f"divergence_filter('{kind}')"),
        )
    for doc in range(len(documents)):
        tag = screen.tags[doc]
        name = screen.names[doc]
        yield SystemCommand(
            f"Make article {doc + 1} ({tag}) the pivot",
            f"Rows follow the reading order of {name}.",
            partial(screen.run_action, f"pivot({doc})"),
        )
        yield SystemCommand(
            f"Hide or show article {doc + 1} ({tag})",
            name,
            partial(screen.run_action, f"toggle_doc({doc})"),
        )
