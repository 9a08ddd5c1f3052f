"""How sentence pairs are scored, and the evidence a link needs under that score.

The aligner's decisions (mutual best, margins, splits, group merges) do not
depend on how similarity is measured, but their cut-offs do: a blend with
sentence embeddings scores unrelated sentences of one story higher than word
overlap does.  A matcher therefore brings its own scores, its own rule for
which pairs may link at all, and its own thresholds.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sidebyside.engine.candidates import scored_pairs
from sidebyside.engine.features import Features

# Content words two sentences must share to be linked below ``strong``: one
# shared word ("Comments" ~ "... official comments ...") is coincidence, and
# so is sharing only names and numbers ("Kremlin spokesman Dmitry Peskov
# didn't respond" ~ "Kremlin spokesperson Dmitry Peskov said ..."): at least
# one shared word must be an ordinary word.
MIN_SHARED_TERMS = 2


@dataclass(frozen=True, slots=True)
class Thresholds:
    # Similarity at which two sentences are linked whatever else competes.
    strong: float = 0.62
    # Mutual best matches need at least this much evidence ...
    mutual: float = 0.28
    # ... and must lead the runner-up by this much, unless they reach ``confident``.
    margin: float = 0.06
    confident: float = 0.45
    # Share of the diagonal neighbours' similarity added to a pair's evidence:
    # sentences whose predecessors or successors also match are likely in step.
    context: float = 0.2
    # A neighbour of a match joins as the other half of a split when it is this
    # similar to the sentence and brings this share of its content weight that
    # the match lacks.
    split_part: float = 0.12
    split_novelty: float = 0.15
    # Groups joined must be this similar on average across their members.
    average_link: float = 0.18


def shares_enough(features: Features, i: int, j: int) -> bool:
    """Whether two rows share enough ordinary content words to say the same thing."""
    shared = features.term_set(i) & features.term_set(j)
    if len(shared) < MIN_SHARED_TERMS:
        return False
    return any(t not in features.names and not t.isdigit() for t in shared)


class LexicalMatcher:
    """TF-IDF cosine over word stems: fast, no model, the default."""

    name = "lexical"
    thresholds = Thresholds()

    def score_pairs(self, features: Features, n_docs: int):
        """Candidate rows ``i < j`` of different documents and their similarity."""
        return scored_pairs(features, n_docs)

    def may_link(self, features: Features, rows, cols, scores) -> np.ndarray:
        """Which scored pairs could be linked at all (the others are not even competitors)."""
        strong = self.thresholds.strong
        return np.fromiter(
            (
                s >= strong or shares_enough(features, i, j)
                for i, j, s in zip(rows.tolist(), cols.tolist(), scores.tolist())
            ),
            dtype=bool,
            count=len(rows),
        )

    def may_split(self, features: Features, row: int, neighbour: int) -> bool:
        return shares_enough(features, row, neighbour)
