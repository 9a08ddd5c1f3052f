"""Finding a reader's words in the articles the way matching sees them.

Versions of a story spell the same thing differently: curly or straight
quotes, accents kept or dropped (Hayat Tahrir al-Sham, Erdoğan / Erdogan),
a name transliterated two ways (Pukhov / Puhkov).  The aligner treats those
as one; a search that did not would miss what the reader is looking for in
the very article that words it differently.  So a query and the sentences
are folded alike (case, accents, quotes, dashes, odd spaces), the query's
words match across any run of spaces, and a word that names someone matches
every spelling of that name the aligner's rule joins
(``features.name_variants``).  ``exact`` searches the characters as typed.

Every hit is given in offsets into ``Document.text``, so a front end can
highlight the original spelling.  The folded text of every sentence is built
once per index; a query is then one regular-expression scan of it.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import process
from rapidfuzz.distance import OSA

from sidebyside.engine.features import name_variants
from sidebyside.engine.model import Document
from sidebyside.engine.normalize import fold

_SEPARATOR = "\x00"  # between sentences in the scanned text; no query holds it
MIN_NAME = 4  # name_variants joins names of at least this many letters
# A query word holding a name: leading punctuation, the letters, then no more
# letters or digits ("Pukhov", "“Pukhov's").
_NAME_IN_WORD = re.compile(r"(\W*)([^\W\d_]+)((?:\W\w{0,2})*\W*)")


@dataclass(frozen=True, slots=True, order=True)
class Hit:
    """One occurrence: ``doc.text[start:end]`` in sentence ``sentence`` of article ``doc``."""

    doc: int
    sentence: int
    start: int
    end: int


def _fold_char(c: str) -> str:
    """What one character counts as: folded like matching folds it, accents dropped."""
    if c.isspace():
        return " "
    if c == _SEPARATOR:
        return c
    piece = unicodedata.normalize("NFKD", fold(c))
    return "".join(ch for ch in piece if not unicodedata.combining(ch)).casefold()


class _Folder(dict):
    """A ``str.translate`` table filled on first sight of each character."""

    def __init__(self) -> None:
        super().__init__()
        self.uneven: set[str] = set()  # characters that fold to zero or several
        self._uneven_re: re.Pattern[str] | None = None

    def __missing__(self, code: int) -> str:
        piece = _fold_char(chr(code))
        self[code] = piece
        if len(piece) != 1:
            self.uneven.add(chr(code))
            self._uneven_re = None
        return piece

    def uneven_in(self, text: str) -> bool:
        if not self.uneven:
            return False
        if self._uneven_re is None:
            self._uneven_re = re.compile("[" + "".join(map(re.escape, self.uneven)) + "]")
        return self._uneven_re.search(text) is not None


_FOLDER = _Folder()


def _is_word_char(c: str) -> bool:
    return c.isalnum() or c == "_"


class _WordChars(dict):
    """A ``str.translate`` table that keeps word characters and blanks the rest."""

    def __missing__(self, code: int) -> str:
        c = chr(code)
        self[code] = piece = c if _is_word_char(c) else " "
        return piece


_WORD_CHARS = _WordChars()


def fold_with_offsets(text: str) -> tuple[str, list[int] | None]:
    """``text`` folded for search, and where each folded character comes from in ``text``
    (None when every character folds to exactly one)."""
    folded = text.translate(_FOLDER)
    if len(folded) == len(text) and not _FOLDER.uneven_in(text):
        return folded, None
    origin: list[int] = []
    for i, c in enumerate(text):
        origin.extend([i] * len(_FOLDER[ord(c)]))
    return folded, origin


_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
_OTHER_SPACE = re.compile(r"[^\S ]")


def _fold_all(text: str) -> tuple[str, list[int]]:
    """``text`` folded as ``fold_with_offsets`` folds it, quickly for mostly ASCII text, and
    where in ``text`` a run starts that folds to a different length (such runs need a map).

    ``str.translate`` walks a table for every character once a text holds any
    non-ASCII one; ASCII folds to lower case with blanks for spaces, so only
    the non-ASCII runs go through the table.
    """
    uneven: list[int] = []

    def run(m: re.Match[str]) -> str:
        piece = m.group()
        out = piece.translate(_FOLDER)
        if len(out) != len(piece) or _FOLDER.uneven_in(piece):
            uneven.append(m.start())
        return out

    folded = _NON_ASCII.sub(run, text)
    return _OTHER_SPACE.sub(" ", folded).lower().replace("`", "'"), uneven


def _original_span(origin: list[int] | None, length: int, a: int, b: int) -> tuple[int, int]:
    """A folded span ``[a, b)`` as a span of the original text (``length`` characters).

    The end runs to where the next folded character starts, so an accent
    dropped by folding stays with its letter."""
    if origin is None:
        return a, b
    start = origin[a]
    end = origin[b] if b < len(origin) else length
    return start, max(end, origin[b - 1] + 1)


def _starts_of(lengths: list[int]) -> list[int]:
    """Where each text starts when they are joined by one separator, and the end."""
    starts = [0]
    for length in lengths:
        starts.append(starts[-1] + length + 1)
    return starts


class SearchIndex:
    """The sentences of some articles, folded once, ready for many queries."""

    def __init__(self, documents: Sequence[Document]) -> None:
        self.documents = list(documents)
        self._where: list[tuple[int, int]] = []  # (doc, sentence) of each scanned sentence
        self._bases: list[int] = []  # where each sentence starts in its document
        texts = []
        for d, doc in enumerate(self.documents):
            for s in doc.sentences:
                texts.append(doc.text[s.start : s.end].replace(_SEPARATOR, " "))
                self._where.append((d, s.index))
                self._bases.append(s.start)
        self._lengths = [len(t) for t in texts]
        self._raw = _SEPARATOR.join(texts)
        self._raw_starts = _starts_of(self._lengths)
        # Folded all at once; only sentences with a character that folds to
        # zero or several need a map back to their own offsets.
        self._folded, uneven = _fold_all(self._raw)
        self._origins: list[list[int] | None] = [None] * len(texts)
        self._starts = self._raw_starts
        if uneven:
            folded = self._folded.split(_SEPARATOR)
            for k in {bisect.bisect_right(self._raw_starts, at) - 1 for at in uneven}:
                folded[k], self._origins[k] = fold_with_offsets(texts[k])
            self._starts = _starts_of([len(t) for t in folded])
            self._folded = _SEPARATOR.join(folded)
        self._vocabulary: list[str] | None = None  # folded words, sorted
        self._long_words: list[str] = []
        self._names: dict[str, bool] = {}
        self._variants: dict[str, tuple[str, ...]] = {}

    # -- names -----------------------------------------------------------
    def _words(self) -> list[str]:
        """Every folded word of four letters or more in the sentences, sorted."""
        if self._vocabulary is None:
            words = set(self._folded.translate(_WORD_CHARS).split())
            self._vocabulary = sorted(w for w in words if len(w) >= MIN_NAME and w.isalpha())
            self._long_words = [w for w in self._vocabulary if len(w) > MIN_NAME]
        return self._vocabulary

    def _written_as_name(self, key: str) -> bool | None:
        """Whether the articles write the folded word ``key`` with a capital at least half
        the time, as the aligner tells names from other words; None when it is not there."""
        if key in self._names:
            return self._names[key]
        folded, starts, n = self._folded, self._starts, len(key)
        capitals = total = 0
        at = folded.find(key)
        while at >= 0:
            end = at + n
            if not (at and _is_word_char(folded[at - 1])) and not (
                end < len(folded) and _is_word_char(folded[end])
            ):
                k = bisect.bisect_right(starts, at) - 1
                origin = self._origins[k]
                local = at - starts[k]
                doc = self.documents[self._where[k][0]]
                written = doc.text[self._bases[k] + (origin[local] if origin else local)]
                total += 1
                capitals += written.isupper()
            at = folded.find(key, at + 1)
        found = None if not total else capitals * 2 >= total
        self._names[key] = found
        return found

    def variants(self, word: str) -> set[str]:
        """Other spellings in these articles of the name ``word``, folded, by the
        aligner's rule (``features.name_variants``).

        Empty unless ``word`` has four letters or more and is a name: typed with a
        capital, written with one in the articles, or not in them at all (then only
        another spelling can be meant).
        """
        key = word.translate(_FOLDER)
        if len(key) < MIN_NAME or not key.isalpha():
            return set()
        if not word[:1].isupper() and self._written_as_name(key) is False:
            return set()
        found = self._variants.get(key)
        if found is None:
            found = self._variants[key] = self._spellings_of(key)
        return set(found) - {key}

    def _spellings_of(self, key: str) -> tuple[str, ...]:
        """The names of these articles that ``name_variants`` joins with ``key``."""
        words = self._words()
        prefix = key[:MIN_NAME]
        near = {key}
        for word in words[bisect.bisect_left(words, prefix) :]:
            if not word.startswith(prefix):
                break
            near.add(word)
        if len(key) > MIN_NAME:
            found = process.extract(
                key, self._long_words, scorer=OSA.distance, score_cutoff=1, limit=None
            )
            near.update(word for word, _distance, _ in found)
        names = {w for w in near if w == key or self._written_as_name(w)}
        mapping = name_variants(names, {})
        canonical = mapping.get(key, key)
        return tuple(sorted(n for n in names if mapping.get(n, n) == canonical))

    # -- queries ---------------------------------------------------------
    def pattern(self, query: str) -> re.Pattern[str] | None:
        """The folded query as a pattern over folded text; None for an empty query."""
        words = query.replace(_SEPARATOR, " ").split()
        if not words:
            return None
        return re.compile(" +".join(self._word_pattern(word) for word in words))

    def _word_pattern(self, word: str) -> str:
        """One query word, folded; a name in it ("Pukhov's") also matches its other spellings."""
        folded = word.translate(_FOLDER)
        parts = _NAME_IN_WORD.fullmatch(word)
        if parts is None:
            return re.escape(folded)
        lead, name, rest = parts.groups()
        others = sorted(self.variants(name), key=lambda v: (-len(v), v))
        if not others:
            return re.escape(folded)
        # Other spellings match as whole words.  The check for a word character
        # before one sits after its first letter: a pattern that starts with a
        # look-behind loses the regex engine's fast scan for literal text.
        spellings = "|".join(f"{re.escape(v[0])}(?<!\\w.){re.escape(v[1:])}(?!\\w)" for v in others)
        return (
            re.escape(lead.translate(_FOLDER))
            + f"(?:{re.escape(name.translate(_FOLDER))}|{spellings})"
            + re.escape(rest.translate(_FOLDER))
        )

    def search(self, query: str, exact: bool = False) -> list[Hit]:
        """Every occurrence of ``query`` in the sentences, in article and text order.

        Folded, a query's words match across any spacing and a name matches
        its other spellings; ``exact`` finds the characters exactly as typed.
        """
        if exact:
            return self._search_exact(query)
        pattern = self.pattern(query)
        if pattern is None:
            return []
        hits = []
        starts = self._starts
        k = 0
        for m in pattern.finditer(self._folded):
            a, b = m.span()
            if a == b:
                continue
            if not starts[k] <= a < starts[k + 1]:
                k = bisect.bisect_right(starts, a) - 1
            lo, hi = _original_span(
                self._origins[k], self._lengths[k], a - starts[k], b - starts[k]
            )
            doc, sentence = self._where[k]
            base = self._bases[k]
            hits.append(Hit(doc, sentence, base + lo, base + hi))
        return hits

    def _search_exact(self, query: str) -> list[Hit]:
        if not query or _SEPARATOR in query:
            return []
        raw, starts = self._raw, self._raw_starts
        hits = []
        at = raw.find(query)
        while at >= 0:
            k = bisect.bisect_right(starts, at) - 1
            doc, sentence = self._where[k]
            base = self._bases[k] - starts[k]
            hits.append(Hit(doc, sentence, base + at, base + at + len(query)))
            at = raw.find(query, at + len(query))
        return hits

    def spans(self, query: str, text: str, exact: bool = False) -> list[tuple[int, int]]:
        """Occurrences of ``query`` in any ``text`` (a cell the front end shows), as
        ``text`` offsets, matched as ``search`` matches."""
        if exact:
            if not query:
                return []
            out, at = [], text.find(query)
            while at >= 0:
                out.append((at, at + len(query)))
                at = text.find(query, at + len(query))
            return out
        pattern = self.pattern(query)
        if pattern is None:
            return []
        folded, origin = fold_with_offsets(text)
        return [
            _original_span(origin, len(text), *m.span())
            for m in pattern.finditer(folded)
            if m.end() > m.start()
        ]


def search(documents: Sequence[Document], query: str, exact: bool = False) -> list[Hit]:
    """``SearchIndex(documents).search(query, exact)``, for a single query."""
    return SearchIndex(documents).search(query, exact)
