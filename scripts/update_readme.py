#!/usr/bin/env python3
"""Write the README's example outputs and JSON schema section from what the program prints.

    python scripts/update_readme.py          # rewrite README.md in place
    python scripts/update_readme.py --check  # exit 1 and show the difference if stale

Each generated part sits between ``<!-- generated: NAME ... -->`` and
``<!-- end: NAME -->``; everything else in the README is left as written.
The examples run ``sidebyside compare`` on two seed articles with the
word-overlap matcher (the default without the semantic extra); the schema
section is drawn from ``src/sidebyside/report/compare.schema.json``, which the
tests check against the real output.  ``tests/test_readme.py`` fails when the
README differs from what this script would write.
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
SCHEMA = ROOT / "src" / "sidebyside" / "report" / "compare.schema.json"
PAIR = ("seeds/000_9acb781d75fa6546.txt", "seeds/002_6cbf5e1e95ccfc53.txt")
SHOWN_GROUP = "Russian intelligence agents organized the escape"  # the "two" agents row
MARKERS = re.compile(
    r"(<!-- generated: (?P<name>[\w-]+) .*?-->\n)(?P<body>.*?)(<!-- end: (?P=name) -->)", re.S
)


def run_compare(*args: str) -> str:
    """What ``sidebyside compare ARGS`` prints, run from the repository root."""
    env = {**os.environ, "NO_COLOR": "1", "SIDEBYSIDE_MATCHER": "lexical"}
    proc = subprocess.run(
        [sys.executable, "-m", "sidebyside", "compare", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
        check=False,
    )
    if proc.returncode:
        raise SystemExit(f"sidebyside compare {' '.join(args)} failed:\n{proc.stderr}")
    return proc.stdout


def paragraphs(text: str) -> list[list[str]]:
    out: list[list[str]] = [[]]
    for line in text.splitlines():
        if line:
            out[-1].append(line)
        elif out[-1]:
            out.append([])
    return [p for p in out if p]


# -- example outputs -----------------------------------------------------------


def text_example() -> str:
    """The report's head, the legend, and the group with the "two" agents."""
    report = paragraphs(run_compare(*PAIR))
    legend = next(line for p in report for line in p if line.startswith("Against the pivot"))
    group = next(p for p in report if SHOWN_GROUP in " ".join(p) and "Shared by" in p[0])
    lines = [f"$ sidebyside compare {' '.join(PAIR)}", *report[0], "...", legend, "...", *group]
    return "```console\n" + "\n".join(lines) + "\n```\n"


def json_example() -> str:
    """One labelled divergence of the same group, as the JSON report has it."""
    data = json.loads(run_compare("--format", "json", *PAIR))
    texts = [[s["text"] for s in d["sentences"]] for d in data["documents"]]
    k, group = next(
        (k, g)
        for k, g in enumerate(data["groups"])
        if g["divergences"]
        and any(SHOWN_GROUP in texts[m["doc"]][m["sentence"]] for m in g["members"])
    )
    labels = [(d["kind"], d["change"]) for d in group["divergences"]]
    n = labels.index(("number", "adds")) if ("number", "adds") in labels else 0
    shown = json.dumps(group["divergences"][n], indent=2, ensure_ascii=False)
    command = (
        f"$ sidebyside compare --format json {' '.join(PAIR)} | jq '.groups[{k}].divergences[{n}]'"
    )
    return f"```console\n{command}\n{shown}\n```\n"


# -- the schema, as a readable outline ------------------------------------------

REF_NAMES = {"index": "index", "offset": "offset", "share": "0..1"}


def _resolve(schema: dict, node: dict) -> tuple[str | None, dict]:
    ref = node.get("$ref", "")
    if ref.startswith("#/$defs/"):
        name = ref.removeprefix("#/$defs/")
        return name, {**schema["$defs"][name], **{k: v for k, v in node.items() if k != "$ref"}}
    return None, node


def type_of(schema: dict, node: dict) -> str:
    """A short name for what a value holds: index, 0..1, "a" | "b", string or null..."""
    name, node = _resolve(schema, node)
    if name in REF_NAMES:
        return REF_NAMES[name]
    if "const" in node:
        return json.dumps(node["const"])
    if "enum" in node:
        return " | ".join(json.dumps(v) for v in node["enum"])
    if "anyOf" in node:
        return " or ".join(type_of(schema, option) for option in node["anyOf"])
    kind = node.get("type", "object")
    if isinstance(kind, list):
        return " or ".join(kind)
    if kind == "array":
        return f"[{type_of(schema, node['items'])}]"
    return kind


def outline(
    schema: dict, node: dict, depth: int = 0, shown: set[str] | None = None
) -> Iterator[tuple[int, str, str]]:
    """(depth, key, what it is) for every key, nested objects and arrays of them indented;
    an object met before is named by its keys instead of spelled out again."""
    shown = set() if shown is None else shown
    _, node = _resolve(schema, node)
    for key, child in node.get("properties", {}).items():
        name, resolved = _resolve(schema, child)
        description = child.get("description") or resolved.get("description", "")
        items = resolved.get("items") if resolved.get("type") == "array" else None
        if items:
            name, inner = _resolve(schema, items)
        else:
            inner = resolved
        label = key + ("[]" if items else "")
        if "properties" not in inner:
            what = type_of(schema, child)
            yield depth, key, f"{what}: {description}" if description else what
        elif name in shown:
            keys = "{" + ", ".join(inner["properties"]) + "}"
            yield depth, label, f"{keys}: {description}" if description else keys
        else:
            if name:
                shown.add(name)
            yield depth, label, description
            yield from outline(schema, inner, depth + 1, shown)


def wrap(text: str, width: int) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return [*lines, line]


def schema_section() -> str:
    schema = json.loads(SCHEMA.read_text("utf-8"))
    version = schema["properties"]["schema_version"]["const"]
    rows = [("  " * depth + key, what) for depth, key, what in outline(schema, schema)]
    column = max(len(key) for key, _ in rows) + 2
    lines = []
    for key, what in rows:
        parts = wrap(what, 100 - column)
        lines.append((key.ljust(column) + parts[0]).rstrip())
        lines += [" " * column + part for part in parts[1:]]
    return (
        f"### JSON schema (`schema_version` {version})\n\n"
        "`--format json` prints one compact JSON object (pipe it to `jq` to read it);\n"
        "`sidebyside compare --schema` prints the JSON Schema it follows, which the\n"
        "tests check every report against. Keys may be added without a version change\n"
        "(the schema then lists them); anything that could break a reader bumps\n"
        "`schema_version`. Indices count from 0; offsets are character offsets into an\n"
        "article's decoded text; every object has exactly these keys.\n\n"
        "```text\n" + "\n".join(lines) + "\n```\n"
    )


# -- the keys, from the bindings the app runs with --------------------------------

KEY_NAMES = {"question_mark": "?", "slash": "/", "plus": "+", "minus": "-"}
OTHER_SCREENS = {
    "search bar": ("sidebyside.app.search_bar", "SearchInput"),
    "notes list": ("sidebyside.app.notes_list", "NotesList"),
    "note editor": ("sidebyside.app.note_editor", "NoteEditor"),
    "overview": ("sidebyside.app.overview_screen", "OverviewScreen"),
    "link picker": ("sidebyside.app.link_mode", "LinkPicker"),
    "add article": ("sidebyside.app.prompts", "AddArticlePrompt"),
}


def _keys(binding) -> str:
    return ", ".join(f"`{KEY_NAMES.get(k, k)}`" for k in binding.key.split(","))


def keys_section() -> str:
    """The main screen's keys with their ids (for the keymap), then the other screens'."""
    import importlib

    from sidebyside.app.bindings import COMPARISON_BINDINGS

    lines = ["| key | id | does |", "|---|---|---|"]
    pivots = [b for b in COMPARISON_BINDINGS if (b.id or "").startswith("pivot-")]
    for binding in COMPARISON_BINDINGS:
        if binding in pivots[1:]:
            continue
        if binding is pivots[0]:
            last = pivots[-1].key
            lines.append(
                f"| `1`–`{last}` | `pivot-1`…`pivot-{last}` | "
                "Make that article the pivot: rows follow its reading order. |"
            )
            continue
        does = binding.tooltip or binding.description
        lines.append(f"| {_keys(binding)} | `{binding.id}` | {does} |")
    lines += ["", "| where | key | id | does |", "|---|---|---|---|"]
    for where, (module, name) in OTHER_SCREENS.items():
        screen = getattr(importlib.import_module(module), name)
        for binding in screen.BINDINGS:
            lines.append(f"| {where} | {_keys(binding)} | `{binding.id}` | {binding.description} |")
    return "\n".join(lines) + "\n"


GENERATORS: dict[str, Callable[[], str]] = {
    "compare-text-example": text_example,
    "compare-json-example": json_example,
    "json-schema": schema_section,
    "keys": keys_section,
}


def updated(readme: str) -> str:
    """``readme`` with every generated part written afresh."""
    seen = []

    def fill(match: re.Match) -> str:
        name = match["name"]
        if name not in GENERATORS:
            raise SystemExit(f"README.md: no generator for {name!r}")
        seen.append(name)
        return match.group(1) + GENERATORS[name]() + match.group(4)

    out = MARKERS.sub(fill, readme)
    missing = set(GENERATORS) - set(seen)
    if missing:
        raise SystemExit(f"README.md has no generated part for {sorted(missing)}")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="only report whether it is stale")
    args = parser.parse_args(argv)
    current = README.read_text("utf-8")
    fresh = updated(current)
    if args.check:
        if fresh == current:
            return 0
        diff = difflib.unified_diff(
            current.splitlines(True), fresh.splitlines(True), "README.md", "generated"
        )
        sys.stdout.writelines(diff)
        return 1
    if fresh != current:
        README.write_text(fresh, "utf-8")
        print("README.md updated")
    return 0


if __name__ == "__main__":
    sys.exit(main())
