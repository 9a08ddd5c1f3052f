"""Folding text for matching while the original stays untouched.

Articles spell the same words with curly or straight quotes, different dashes
and odd spaces; matching must not see those differences, display must.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_FOLD = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u00b4": "'",
        "`": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2033": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u00a0": " ",
        "\u2007": " ",
        "\u202f": " ",
        "\u2009": " ",
        "\u200a": " ",
        "\u3000": " ",
        "\u200b": None,
        "\u200c": None,
        "\u200d": None,
        "\u2060": None,
        "\ufeff": None,
        "\u00ad": None,
    }
)

_SPACES = re.compile(r"\s+")
# The one tokenizer every part of the engine reads text with (the aligner's
# terms, the word diff, the divergence labels): a word keeps inner apostrophes
# ("didn't", "Assad's") and its digits ("Flightradar24"); everything else that
# is not a space is a one-character punctuation token.
WORD = r"\w+(?:['\u2019]\w+)*"
TOKEN = re.compile(rf"{WORD}|[^\w\s]", re.UNICODE)
_TOKEN = TOKEN
# TOKEN's matches, each with the spaces before it: only spaces lie between them, so
# offsets follow from lengths, quicker than a match object per token.
SPACED_TOKEN = re.compile(rf"(\s*)({WORD}|[^\w\s])")


def fold(text: str) -> str:
    """Case, quote, dash and space folded form of ``text`` for comparisons."""
    if text.isascii():
        # Most words take this way: NFKC leaves ASCII as it is, and the only
        # ASCII character the table folds is the backtick.
        if "`" in text:
            text = text.replace("`", "'")
        return _SPACES.sub(" ", text).strip().lower()
    text = unicodedata.normalize("NFKC", text.translate(_FOLD)).translate(_FOLD)
    return _SPACES.sub(" ", text).strip().casefold()


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    text: str  # as written
    key: str  # folded, what matching compares
    is_word: bool


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Word and punctuation tokens of ``text[start:end]`` with absolute offsets."""
    end = len(text) if end is None else end
    tokens = []
    for m in _TOKEN.finditer(text, start, end):
        raw = m.group()
        key = fold(raw)
        if not key:
            continue
        tokens.append(Token(m.start(), m.end(), raw, key, raw[0].isalnum() or raw[0] == "_"))
    return tokens


def word_keys(text: str) -> list[str]:
    """Folded words of ``text``, possessives dropped, for similarity scoring."""
    out = []
    for m in _TOKEN.finditer(text):
        raw = m.group()
        if not (raw[0].isalnum() or raw[0] == "_"):
            continue
        key = fold(raw)
        if key.endswith("'s"):
            key = key[:-2]
        out.append(key)
    return out
