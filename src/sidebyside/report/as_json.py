"""The JSON report: a stable, versioned schema that scripts rely on.

Bump ``SCHEMA_VERSION`` on any change that could break a reader; adding a
new key is not such a change.
"""

from __future__ import annotations

import json
from typing import Any

from sidebyside import __version__
from sidebyside.engine import provenance
from sidebyside.engine.divergence import Divergence, classify_group
from sidebyside.engine.model import Comparison

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
        "description": d.description,
    }


def to_data(comparison: Comparison, pivot: int = 0) -> dict[str, Any]:
    documents = [
        {
            "path": doc.path,
            "name": doc.name,
            "title": doc.title,
            "encoding": doc.encoding,
            "sha256": doc.sha256,
            "matched_share": round(comparison.matched_share(d), 4),
            "sentences": [
                {"text": s.text, "start": s.start, "end": s.end, "paragraph": s.paragraph}
                for s in doc.sentences
            ],
        }
        for d, doc in enumerate(comparison.documents)
    ]
    groups = [
        {
            "members": [{"doc": m.doc, "sentence": m.sentence} for m in g.members],
            "score": round(g.score, 4),
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
            # Every pair of the group's articles (a < b): what b changes against a.
            "divergences": [_divergence(d) for d in classify_group(comparison.documents, g)],
        }
        for g in comparison.groups
    ]
    links = [
        {
            "a": {"doc": link.a.doc, "sentence": link.a.sentence},
            "b": {"doc": link.b.doc, "sentence": link.b.sentence},
            "score": link.score,
            "kind": link.kind,
        }
        for link in comparison.links
    ]
    return {
        "schema_version": SCHEMA_VERSION,
        "generator": f"sidebyside {__version__}",
        "matcher": comparison.matcher,
        "pivot": pivot,
        "documents": documents,
        "links": links,
        "groups": groups,
        "overview": provenance.to_data(provenance.overview(comparison)),
    }


def render_json(comparison: Comparison, pivot: int = 0) -> str:
    # Compact: large comparisons produce tens of megabytes; pipe to `jq` to read.
    return json.dumps(to_data(comparison, pivot), ensure_ascii=False, separators=(",", ":")) + "\n"
