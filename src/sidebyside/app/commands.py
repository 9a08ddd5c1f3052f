"""Command palette entries: every screen action by name, plus per-article commands."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial

from textual.app import SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from sidebyside.app.bindings import COMPARISON_BINDINGS
from sidebyside.app.kinds import KIND_PLURALS
from sidebyside.engine.divergence import KINDS


def _keys_by_id(screen: Screen) -> dict[str, list[str]]:
    """The keys in effect for each binding id (remaps included)."""
    out: dict[str, list[str]] = {}
    for key, active in screen.active_bindings.items():
        binding = active.binding
        if binding.id:
            shown = screen.app.get_key_display(Binding(key, binding.action))
            out.setdefault(binding.id, []).append(shown)
    return out


def title_and_help(tooltip: str, description: str, keys: list[str]) -> tuple[str, str]:
    """A palette entry from a binding: its tooltip's head as the title, the rest of it and
    the keys as the help, so the help never repeats the title."""
    head, sep, rest = (tooltip or description).partition(": ")
    title = head.rstrip(".") if sep else (tooltip or description).rstrip(".")
    key_text = f"key: {', '.join(dict.fromkeys(keys))}" if keys else ""
    parts = [rest.rstrip(".")] if sep and rest else []
    return title, " · ".join([*parts, key_text]) if key_text or parts else description


def comparison_commands(screen: Screen) -> Iterable[SystemCommand]:
    """One command per binding (named by its help text), and pivot/show/hide per article."""
    documents = getattr(screen, "documents", None)
    if documents is None:
        return
    keys = _keys_by_id(screen)
    for binding in COMPARISON_BINDINGS:
        if binding.action.startswith("pivot("):
            continue
        title, help_text = title_and_help(
            binding.tooltip, binding.description, keys.get(binding.id, [])
        )
        yield SystemCommand(title, help_text, partial(screen.run_action, binding.action))
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
