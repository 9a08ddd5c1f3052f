"""One sentence read once for every kind of label: tokens, quotations, stems, dateline.

Sentences are read with the engine's one tokenizer (``normalize.TOKEN``, the
one the aligner and the word diff use) and the aligner's stemmer, and each
distinct text is read once: versions of a story repeat most sentences word
for word, so the cache is keyed by the text itself.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

from sidebyside.engine.features import STOPWORDS, stem
from sidebyside.engine.normalize import TOKEN, fold

# Opening and closing quotation marks; a straight quote says which it is by its place.
_OPENERS = {"“": "”", "«": "»", "„": "“"}
_CLOSERS = frozenset("”»")
_QUOTE_MARK = re.compile('[“”«»„"]')
# Clause punctuation: a source, a number phrase or a paraphrase stops there.
BREAKS = frozenset(',.;:!?()[]"“”«»„‟—–')
# "MADRID, June 17 (Reuters) - ", "LOS ANGELES (Jan. 29, 2015) - ": where and when the
# story was filed, not a fact of the story.
_DATELINE = re.compile(
    r"\s*[A-Z][A-Z'’.\-]+(?: [A-Z][A-Z'’.\-]+)*(?:,[^—–\n]{0,50}?)?(?:\s*\([^)]{0,40}\))?"
    r"\s*(?:-|—|–|--)\s+"
)

# Number words: they count a thing, they do not name it.
NUMBER_WORDS = frozenset(
    """zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen
    fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty
    ninety hundred thousand million billion dozen dozens hundreds thousands""".split()
)

_KEYS: dict[str, str] = {}


def token_key(raw: str) -> str:
    """Folded form of a token, a word's possessive dropped (cached: vocabularies repeat)."""
    key = _KEYS.get(raw)
    if key is None:
        if len(_KEYS) > 500_000:
            _KEYS.clear()
        key = fold(raw)
        if key.endswith("'s") and len(key) > 2:
            key = key[:-2]
        _KEYS[raw] = key
    return key


class Token(NamedTuple):
    text: str  # as written
    key: str  # folded, possessive dropped
    start: int  # offsets into the sentence
    end: int
    word: bool
    glued: bool  # no space before it ("1" "," "100"; "COVID" "-" "19")
    initial: bool  # first word of the sentence, or of a quotation or a colon's clause

    @property
    def capital(self) -> bool:
        return self.text[:1].isupper()

    @property
    def digits(self) -> bool:
        return self.text.isascii() and self.text.isdigit()


# Terminal escape sequences pasted into an article are noise, not words ("\x1b[31m").
_ESCAPE = re.compile(r"\x1b(?:\[[0-9;?]*[ -/]*[@-~]|[@-_])?")


def tokens_of(text: str) -> list[Token]:
    out: list[Token] = []
    append = out.append
    keys = _KEYS
    initial = True
    previous_end = -1
    new = tuple.__new__
    noise = [m.span() for m in _ESCAPE.finditer(text)] if "\x1b" in text else ()
    for m in TOKEN.finditer(text):
        if noise and any(a <= m.start() < b for a, b in noise):
            continue
        raw = m.group()
        key = keys.get(raw)
        if key is None:
            key = token_key(raw)
        if not key:
            continue
        start, end = m.span()
        word = raw[0].isalnum() or raw[0] == "_"
        append(new(Token, (raw, key, start, end, word, start == previous_end, initial and word)))
        previous_end = end
        if word:
            initial = False
        elif raw in '“"«:':
            initial = True
    return out


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Inside offsets of quoted passages.

    Curly and guillemet quotes say which side they are; a straight quote opens
    after a space or an opening bracket and closes otherwise.  A quote left
    open runs to the end of the sentence, and a closing quote with no opening
    one closes a passage that began in an earlier sentence.
    """
    spans = []
    start = None  # inside offset of the open passage
    closer = ""
    for m in _QUOTE_MARK.finditer(text):
        k = m.start()
        ch = text[k]
        if start is None:
            before = text[k - 1] if k else " "
            if ch in _OPENERS:
                start, closer = k + 1, _OPENERS[ch]
            elif ch == '"' and (before.isspace() or before in "([—–-:"):
                start, closer = k + 1, '"'
            elif (ch in _CLOSERS or ch == '"') and not spans and text[:k].strip():
                spans.append((0, k))
        elif ch == closer or (closer == "“" and ch == "”"):
            spans.append((start, k))
            start = None
    if start is not None:
        spans.append((start, len(text)))
    return spans


class Analysed:
    """What every kind reads in one sentence; mentions are found once per kind, on demand."""

    __slots__ = (
        "body",
        "found",
        "in_quote",
        "plain_words",
        "quoted_stems",
        "quotes",
        "stems",
        "text",
        "tokens",
        "unquoted_stems",
        "words",
    )

    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = toks = tokens_of(text)
        m = _DATELINE.match(text)
        cut = m.end() if m and m.end() < len(text) else 0
        # First token of the story proper (after a dateline).
        self.body = next((k for k, t in enumerate(toks) if t.start >= cut), len(toks))
        self.quotes = spans = quote_spans(text)
        if spans:
            self.in_quote = [any(a <= t.start < b for a, b in spans) for t in toks]
        else:
            self.in_quote = [False] * len(toks)
        self.words = [t.key for t in toks if t.word]
        self.plain_words = [w if w.isascii() else plain(w) for w in self.words]
        self.stems = self.quoted_stems = self.unquoted_stems = None
        self.found: dict[str, tuple] = {}

    def _stems(self) -> None:
        stems = set()
        quoted = set()
        unquoted = set()
        for t, inside in zip(self.tokens, self.in_quote):
            if t.word and t.key not in STOPWORDS:
                s = stem(t.key)
                stems.add(s)
                (quoted if inside else unquoted).add(s)
        self.stems = frozenset(stems)
        self.quoted_stems = frozenset(quoted)
        self.unquoted_stems = frozenset(unquoted)

    def content(self) -> frozenset[str]:
        """Stems of the sentence's content words."""
        if self.stems is None:
            self._stems()
        return self.stems

    def unquoted(self) -> frozenset[str]:
        """Stems of its content words outside quotation marks."""
        if self.stems is None:
            self._stems()
        return self.unquoted_stems

    def content_stems(self, start: int, end: int) -> list[str]:
        """Stems of the content words between two offsets, in order."""
        return [
            stem(t.key)
            for t in self.tokens
            if t.word and start <= t.start and t.end <= end and t.key not in STOPWORDS
        ]


def plain(word: str) -> str:
    """A folded word without accents, for comparing names ("Ibáñez" / "Ibañez")."""
    if word.isascii():
        return word
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


@lru_cache(maxsize=50_000)
def analysed(text: str) -> Analysed:
    return Analysed(text)


def content(words) -> set[str]:
    """Stems of the content words among folded ``words``."""
    return {stem(w) for w in words if w not in STOPWORDS}
