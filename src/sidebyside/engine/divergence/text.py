"""One sentence read once for every kind of label: tokens, quotations, stems, dateline.

Sentences are read with the engine's one tokenizer (``normalize.TOKEN``, the
one the aligner and the word diff use) and the aligner's stemmer, and each
distinct text is read once: versions of a story repeat most sentences word
for word, so the cache is keyed by the text itself.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from functools import lru_cache
from typing import NamedTuple

from sidebyside.engine.features import STOPWORDS, stem
from sidebyside.engine.normalize import SPACED_TOKEN, TOKEN, fold

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
    capital: bool  # written with a capital first letter
    digits: bool  # ASCII digits only


# What a written token says of itself: key, word, capital, digits (cached: vocabularies repeat).
_READ: dict[str, tuple[str, bool, bool, bool]] = {}


def read_token(raw: str) -> tuple[str, bool, bool, bool]:
    got = _READ.get(raw)
    if got is None:
        if len(_READ) > 500_000:
            _READ.clear()
        got = _READ[raw] = (
            token_key(raw),
            raw[0].isalnum() or raw[0] == "_",
            raw[:1].isupper(),
            raw.isascii() and raw.isdigit(),
        )
    return got


# Terminal escape sequences pasted into an article are noise, not words ("\x1b[31m").
_ESCAPE = re.compile(r"\x1b(?:\[[0-9;?]*[ -/]*[@-~]|[@-_])?")
# Marks after which the next word opens a clause of its own.
_OPENS = frozenset('“"«:')


def _spaced(text: str) -> list[tuple[str, str]]:
    """Each of the tokenizer's matches with the text between it and the one before;
    escape sequences are left out (they stay in that text)."""
    if "\x1b" not in text:
        return written(text).take_spaced()
    noise = [m.span() for m in _ESCAPE.finditer(text)]
    out = []
    end = 0
    for m in TOKEN.finditer(text):
        start = m.start()
        if not any(a <= start < b for a, b in noise):
            out.append((text[end:start], m.group()))
            end = m.end()
    return out


def tokens_of(text: str) -> list[Token]:
    out: list[Token] = []
    append = out.append
    cache = _READ
    initial = True
    previous_end = -1
    end = 0
    new = tuple.__new__
    for before, raw in _spaced(text):
        start = end + len(before)
        end = start + len(raw)
        got = cache.get(raw)
        if got is None:
            got = read_token(raw)
        key, word, capital, digits = got
        if not key:
            continue
        append(
            new(
                Token,
                (
                    raw,
                    key,
                    start,
                    end,
                    word,
                    start == previous_end,
                    initial and word,
                    capital,
                    digits,
                ),
            )
        )
        previous_end = end
        if word:
            initial = False
        elif raw in _OPENS:
            initial = True
    return out


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Inside offsets of quoted passages.

    Curly and guillemet quotes say which side they are; a straight quote opens
    after a space or an opening bracket and closes otherwise.  A quote left
    open runs to the end of the sentence, and a closing quote with no opening
    one closes a passage that began in an earlier sentence.
    """
    if _QUOTE_MARK.search(text) is None:
        return []
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
        "_plain_words",
        "_words",
        "body",
        "found",
        "in_quote",
        "quoted_stems",
        "quotes",
        "stems",
        "text",
        "tokens",
        "unquoted_stems",
    )

    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = toks = tokens_of(text)
        m = _DATELINE.match(text)
        cut = m.end() if m and m.end() < len(text) else 0
        # First token of the story proper (after a dateline).
        self.body = next((k for k, t in enumerate(toks) if t.start >= cut), len(toks)) if cut else 0
        self.quotes = spans = quote_spans(text)
        if spans:
            self.in_quote = [any(a <= t.start < b for a, b in spans) for t in toks]
        else:
            self.in_quote = [False] * len(toks)
        self._words: list[str] | None = None
        self._plain_words: list[str] | None = None
        self.stems = self.quoted_stems = self.unquoted_stems = None
        self.found: dict[str, tuple] = {}

    @property
    def words(self) -> list[str]:
        """The folded words, in order."""
        if self._words is None:
            self._words = [t.key for t in self.tokens if t.word]
        return self._words

    @property
    def plain_words(self) -> list[str]:
        """The folded words without accents, in order."""
        if self._plain_words is None:
            words = self.words
            # Folded ASCII stays ASCII: nothing to take off.
            self._plain_words = (
                words if self.text.isascii() else [w if w.isascii() else plain(w) for w in words]
            )
        return self._plain_words

    def _stems(self) -> None:
        if not self.quotes:
            self.stems = self.unquoted_stems = frozenset(
                [stem(w) for w in self.words if w not in STOPWORDS]
            )
            self.quoted_stems = frozenset()
            return
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


_UNREAD = object()


class Written:
    """A sentence's tokens as written, for the quick check of which kinds a change can
    touch (before any sentence is analysed); read once per distinct text."""

    __slots__ = ("distinct", "memo", "repeated", "spaced", "text", "tokens")

    def __init__(self, text: str) -> None:
        self.text = text
        # The tokenizer's matches with the spaces before each, kept for the analysis.
        self.spaced: list[tuple[str, str]] | None = SPACED_TOKEN.findall(text)
        self.tokens: list[str] = [raw for _, raw in self.spaced]
        self.distinct = frozenset(self.tokens)
        # How often each token written more than once occurs (most occur once).
        self.repeated: dict[str, int] = (
            {}
            if len(self.distinct) == len(self.tokens)
            else {w: n for w, n in Counter(self.tokens).items() if n > 1}
        )
        self.memo: dict[str, object] = {}

    def take_spaced(self) -> list[tuple[str, str]]:
        """The matches with their spaces, once (the analysis reads them once per text)."""
        spaced = self.spaced
        if spaced is None:
            return SPACED_TOKEN.findall(self.text)
        self.spaced = None
        return spaced

    def get(self, kind: str, read: Callable[[Written], object]):
        """``read(self)``, computed once per text for each kind."""
        value = self.memo.get(kind, _UNREAD)
        if value is _UNREAD:
            value = self.memo[kind] = read(self)
        return value


@lru_cache(maxsize=50_000)
def written(text: str) -> Written:
    return Written(text)


_TESTS: list[TokenTest] = []


def clear_caches() -> None:
    """Forget every sentence read and every token looked at."""
    analysed.cache_clear()
    written.cache_clear()
    _KEYS.clear()
    _READ.clear()
    for tested in _TESTS:
        tested.clear()


class TokenTest(dict):
    """``test(token)`` for written tokens, remembered per token (vocabularies repeat):
    ``tested[token]``."""

    def __init__(self, test: Callable[[str], object]) -> None:
        super().__init__()
        self.test = test
        _TESTS.append(self)

    def __missing__(self, token: str):
        if len(self) > 200_000:
            self.clear()
        value = self[token] = self.test(token)
        return value


def changed_tokens(a: list[Written], b: list[Written]) -> frozenset[str]:
    """The written tokens that one side has more often than the other."""
    if len(a) == 1 and len(b) == 1:
        x, y = a[0], b[0]
        changed = x.distinct ^ y.distinct
        if x.repeated or y.repeated:
            # Tokens both write, one of them more often.
            more = [
                w
                for w in x.repeated.keys() | y.repeated.keys()
                if x.repeated.get(w, 1) != y.repeated.get(w, 1)
                and w in x.distinct
                and w in y.distinct
            ]
            if more:
                changed = changed.union(more)
        return changed
    wa: Counter[str] = Counter()
    wb: Counter[str] = Counter()
    for x in a:
        wa.update(x.tokens)
    for y in b:
        wb.update(y.tokens)
    return frozenset(dict(frozenset(wa.items()) ^ frozenset(wb.items())))


def content(words) -> set[str]:
    """Stems of the content words among folded ``words``."""
    return {stem(w) for w in words if w not in STOPWORDS}
