"""Which differences between versions of a row change the story.

A word diff shows every change; a fact-checker needs the ones that touch a
number, a name, a quotation, who a claim is credited to, a date, or how sure
a claim is.  One module per kind (``number``, ``name``, ``quote``,
``attribution``, ``time``, ``hedge``), each with the same small interface:
``find`` reads the typed mentions of one sentence, ``compare`` says what
changed between two sides' mentions (``side``).  ``rows`` decides which
sentences are compared (only sentences linked to each other directly) and
lists each change once.

Everything is computed on demand, so a front end labels only the rows it
shows.  Labels carry absolute offsets into ``Document.text`` and the text as
written.
"""

from sidebyside.engine.divergence.labels import (
    ADDS,
    ATTRIBUTION,
    CHANGES,
    DROPS,
    HEDGE,
    KINDS,
    NAME,
    NUMBER,
    QUOTE,
    TIME,
    TO_QUOTE,
    TO_REPORTED,
    VARIANT,
    Divergence,
    describe,
)
from sidebyside.engine.divergence.rows import classify_group, classify_pair, clear_caches, merge

__all__ = [
    "ADDS",
    "ATTRIBUTION",
    "CHANGES",
    "DROPS",
    "HEDGE",
    "KINDS",
    "NAME",
    "NUMBER",
    "QUOTE",
    "TIME",
    "TO_QUOTE",
    "TO_REPORTED",
    "VARIANT",
    "Divergence",
    "classify_group",
    "classify_pair",
    "clear_caches",
    "describe",
    "merge",
]
