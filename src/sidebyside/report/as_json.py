"""The JSON report: a stable, versioned schema that scripts rely on.

Bump ``SCHEMA_VERSION`` on any change that could break a reader; adding a
new key is not such a change.

Besides the alignment itself it says what a reader of the other reports
sees: every article's ``title`` (never null: the page's title, else the
story's first line, else the file name), a ``furniture`` flag on each
sentence and on each group made only of furniture, and per group ``moved``:
the articles that have the group's material elsewhere than the pivot's order
puts it, with where (``sentence`` and ``paragraph`` of that article, and
``after_group``, the group holding its sentence just before, null at the start).
"""

from __future__ import annotations

import json
from typing import Any

import orjson

from sidebyside import __version__
from sidebyside.engine import provenance
from sidebyside.engine.divergence import Divergence
from sidebyside.engine.divergence.many import label_rows
from sidebyside.engine.model import LINK_KINDS, Comparison, Link
from sidebyside.engine.moves import Move, find_moves
from sidebyside.engine.sanitize import json_safe
from sidebyside.engine.titles import title

SCHEMA_VERSION = 2


def _divergence(d: Divergence) -> dict[str, Any]:
    return {
        "kind": d.kind,
        "change": d.change,
        "a": d.a,
        "b": d.b,
        "a_text": d.a_text,
        "b_text": d.b_text,
        "a_start": d.a_start,
        "a_end": d.a_end,
        "b_start": d.b_start,
        "b_end": d.b_end,
        # The articles that read as a and as b do: one label per change in the row.
        "a_docs": list(d.a_docs),
        "b_docs": list(d.b_docs),
        "description": d.description,
    }


def _links_json(links: list[Link]) -> str:
    """``links[]`` as JSON text, written by hand: large comparisons have a hundred
    thousand links, and a dict for each, built only to be dumped, cost more than the
    alignment's last steps (orjson on the dataclasses themselves is twice as slow as
    this).  A link holds only numbers and its ``kind``, one of a few fixed words."""
    quoted = {kind: orjson.dumps(kind).decode("utf-8") for kind in LINK_KINDS}
    return (
        "["
        + ",".join(
            [
                f'{{"a":{{"doc":{k.a.doc},"sentence":{k.a.sentence}}},'
                f'"b":{{"doc":{k.b.doc},"sentence":{k.b.sentence}}},'
                f'"score":{float(k.score)!r},"kind":{quoted.get(k.kind) or _dumps(k.kind)}}}'
                for k in links
            ]
        )
        + "]"
    )


def _move(m: Move) -> dict[str, Any]:
    return {"doc": m.doc, "sentence": m.sentence, "paragraph": m.paragraph, "after_group": m.after}


def _head(comparison: Comparison, pivot: int) -> dict[str, Any]:
    """The report's keys before ``groups``."""
    return {
        "schema_version": SCHEMA_VERSION,
        "generator": f"sidebyside {__version__}",
        "matcher": comparison.matcher,
        "pivot": pivot,
        "documents": [
            {
                "path": doc.path,
                "name": doc.name,
                "title": title(doc),
                "encoding": doc.encoding,
                "sha256": doc.sha256,
                "matched_share": round(comparison.matched_share(d), 4),
                "sentences": [
                    {
                        "text": s.text,
                        "start": s.start,
                        "end": s.end,
                        "paragraph": s.paragraph,
                        "furniture": s.index in doc.furniture,
                    }
                    for s in doc.sentences
                ],
            }
            for d, doc in enumerate(comparison.documents)
        ],
    }


def _groups(comparison: Comparison, pivot: int) -> list[dict[str, Any]]:
    """``groups``, each still without its ``divergences``."""
    moved: dict[int, list[dict[str, Any]]] = {}
    for m in find_moves(comparison, pivot):
        moved.setdefault(m.group, []).append(_move(m))
    apart = comparison.furniture_groups
    return [
        {
            "members": [{"doc": m.doc, "sentence": m.sentence} for m in g.members],
            "score": round(g.score, 4),
            "furniture": k in apart,
            "moved": moved.get(k, []),
            "diffs": [
                {
                    "a": pd.a,
                    "b": pd.b,
                    "similarity": round(pd.similarity, 4),
                    "ops": [
                        {"tag": op.tag, "a": op.a, "b": op.b, "minor": op.minor} for op in pd.ops
                    ],
                }
                for pd in g.diffs
            ],
        }
        for k, g in enumerate(comparison.groups)
    ]


def _groups_json(groups: list[dict[str, Any]], labels) -> str:
    """``groups`` as JSON text, each with its ``divergences`` last.

    The rows are written before their labels are asked for, and the labels spliced
    in after: another process may still be labelling, and writing seven megabytes of
    rows while it does takes that off the wait."""
    written = [json_safe(_dumps(group))[:-1] for group in groups]  # each without its "}"
    parts = []
    for text, found in zip(written, labels(), strict=True):
        # Every pair of the group's articles (a < b): what b changes against a.
        divergences = json_safe(_dumps([_divergence(d) for d in found])) if found else "[]"
        parts.append(f'{text},"divergences":{divergences}}}')
    return "[" + ",".join(parts) + "]"


def _labels(comparison: Comparison):
    return comparison.take_labels() or label_rows(comparison.documents, comparison.groups)


def _overview(comparison: Comparison) -> dict[str, Any]:
    return provenance.to_data(provenance.overview(comparison))


def _dumps(data: Any) -> str:
    """Compact JSON, non-ASCII as written.  orjson writes tens of megabytes about five
    times faster than the standard library; text it refuses (a lone surrogate) goes
    through the standard library."""
    try:
        return orjson.dumps(data).decode("utf-8")
    except orjson.JSONEncodeError:
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def render_json(comparison: Comparison, pivot: int = 0) -> str:
    # Compact: large comparisons produce tens of megabytes; pipe to `jq` to read.
    labels = _labels(comparison)
    # Written in parts, all but the labels while another process may be reading them.
    head = json_safe(_dumps(_head(comparison, pivot)))
    links = _links_json(comparison.links)
    overview = json_safe(_dumps(_overview(comparison)))
    groups_text = _groups_json(_groups(comparison, pivot), labels)
    return f'{head[:-1]},"groups":{groups_text},"overview":{overview},"links":{links}}}\n'
