"""Split an article into sentences with exact offsets into the text as written.

Lines and paragraphs
    A line break ends a sentence, so headlines, bylines, datelines and one-line items
    without a full stop are sentences of their own, and each line is a paragraph (web
    articles are mostly saved one paragraph per line); blank lines separate paragraphs
    too.  The exception is hard-wrapped text (plain-text wire copy, e-mail), told per
    block of consecutive non-blank lines: its longest line has ``WRAP_MIN`` to
    ``WRAP_WIDTH`` characters, and at least one break falls mid-sentence (the line does
    not end in sentence punctuation and the next starts in lower case).  Such a block
    is running text: its line breaks are spaces, except after a line shorter than half
    the longest, which ends a paragraph (a heading, or a paragraph's last line).

Sentences within a paragraph
    ``.``, ``?``, ``!``, ``…`` or a run of them, with any closing quotes and brackets,
    then whitespace, end a sentence unless the next word starts in lower case.  A
    single ``.`` does not end one after a title or month (``Mr.``, ``Dec.``, ``ST.
    LOUIS``), a label before a number (``No. 5``) or an initial (``George W. Bush``).
    After ``U.S.``, ``etc.``, ``Inc.`` and the like it ends one only before a usual
    opening word (``The``, ``He``, ...).  A state (``Calif.``, ``N.Y.``) ends one
    before a capitalised word, as mid-sentence a comma follows it, but never in a
    dateline (``ALDER SPRINGS, Calif. (AP) — A fire ...``: the dateline opens its
    lede) nor before a credit or a dash.  After other dotted abbreviations (``p.m.``,
    ``L.P.``) it ends one unless a weekday, month or capitals follow, or the sentence
    so far is only the time it opens with (``At 5 a.m. Mr. Smith left``).  ``I.``
    after a lower-case word is the pronoun (``you and I.``), not an initial.  Pieces
    with no letter or digit, or starting with ``.,;:)]``, are stray punctuation and
    join the sentence before.

Lists and ellipses
    A list marker opening a sentence (``1.``, ``2)``, ``3.)``, ``a.``, ``• 9.``) is
    not an end, and when the next marker of the same list (``2.`` after ``1.``)
    follows within a few hundred characters, the item ends there, full stop or not.
    A spaced ellipsis follows print style: ``. . .`` between words leaves words out
    within a sentence, four dots end it, and ``word. . . . Next`` is a full stop and
    then an ellipsis opening the next sentence; unspaced ``...`` before a capital
    ends a sentence, as it does in news and web text.

    These rules pass all 48 English "Golden Rules" of sentence boundary detection
    (``benchmarks/bench_golden_rules.py``; pysbd passes 47), split quoted speech of
    several sentences, which pysbd leaves whole, and run far faster than pysbd, as
    20,000-sentence comparisons need (``benchmarks/bench_segment.py``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from itertools import pairwise

from sidebyside.engine.model import Sentence

WRAP_MIN, WRAP_WIDTH = 40, 100
"""Bounds on the longest line of hard-wrapped text (usually wrapped at 60 to 80)."""

# Whitespace for trimming and gaps: Unicode spaces (NBSP included) and zero-width ones.
WHITESPACE = "".join(c for c in map(chr, range(0x3001)) if c.isspace()) + "\u200b\u200c\u2060\ufeff"
_WS = re.escape(WHITESPACE)
_CLOSERS = "\"'”’»)]}」』"
_OPENERS = "\"'“‘«([{¿¡「『"

_LINE_ENDS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_VISIBLE = re.compile(f"[^{_WS}]")
# A run of sentence-ending marks, or a spaced ellipsis (". . ."), with the closing quotes
# and brackets after it.
_END = re.compile(
    f"([.?!…。！？](?:(?<=\\.)(?:[ \xa0]\\.){{2,}}|[.?!…。！？]*))[{re.escape(_CLOSERS)}]*"
)
_GAP = re.compile(f"[{_WS}]")
_LAST_WORD = re.compile(f"[^{_WS}]*$")
_NEXT_WORD = re.compile(f"[{_WS}]*([^{_WS}]*)")
_ACRONYM = re.compile(r"(?:[A-Za-z]{1,2}\.)+[A-Za-z]{1,2}")
_INITIAL = re.compile(r"[A-Z]\.")
_LETTERS = re.compile(r"[^\W\d_]+")
_ALNUM = re.compile(r"[^\W_]")
_TERMINAL = re.compile(f"[.?!…:;。！？][{re.escape(_CLOSERS)}]*$")

# A name or a date follows these, never the end of a sentence.
_TITLES = frozenset(
    """Mr Mrs Ms Mx Dr Prof St Mt Ft Gen Lt Col Maj Capt Cpl Sgt Adm Cmdr Brig Sen Rep Gov
    Pres Rev Hon Fr Messrs Mme Mlle Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec
    vs v cf i.e e.g viz""".split()
)
# A number follows these labels; "No." before a word is the answer.
_LABELS = frozenset("No Nos N° Nº Fig Figs Vol Vols Art Ch Sec p pp para approx ca c".split())
# These may close a sentence but mostly sit inside one, before a capitalised word.
_MOSTLY_INSIDE = frozenset("U.S U.K U.N E.U etc Inc Corp Ltd Co Plc Jr Sr al esp est".split())
# US states as news style abbreviates them ("Fresno, Calif."): never the end of a dateline
# ("ALDER SPRINGS, Calif. (AP) — A wildfire ...") nor before a credit or a dash.
_STATES = frozenset(
    """Ala Ariz Ark Calif Colo Conn Del Fla Ga Ill Ind Kan Ky La Md Mass Mich Minn Miss Mo
    Mont Neb Nev Okla Ore Pa Tenn Tex Vt Va Wash Wis Wyo N.H N.J N.M N.Y N.C N.D R.I S.C
    S.D W.Va D.C""".split()
)
# A capitalised word after a time or another dotted abbreviation may still continue.
_CONTINUING = frozenset(
    """Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April
    May June July August September October November December""".split()
)
# Words that open a sentence far more often than they follow an abbreviation.
_OPENING_WORDS = frozenset(
    """The A An He She It They We I You This That These Those There Here His Her Its Their
    Our My But And Or So Yet Then Now In On At As If When While After Before Since Although
    Though Because However Meanwhile Still Also Some Many Most What Who Why How Where
    Which Last Next Earlier Later Today Yesterday Did Do Does Is Are Was Were Would Could
    Should Has Have Had Yes Not For To With From By Even Only All Both Each Such Other
    Another One""".split()
)
# A sentence that would be only this, a time to come ("At 5 a.m."), is still opening.
_OPENING_TIME = re.compile(
    rf"[{_WS}]*[\"'“‘(]?(?:At|By|From|Until|Till|Around|About|Before|After|Since|Shortly after"
    rf"|Shortly before|Just after|Just before)[{_WS}]+\d{{1,2}}(?:[:.]\d\d)?[{_WS}]+"
)
# A dateline's place name before its state: "ALDER SPRINGS, ".
_DATELINE_PLACE = re.compile(rf"[{_WS}]*[A-Z][A-Z.'’ -]*,[{_WS}]+")
# An item marker opening a sentence: "1.", "2)", "3.)", "a.", "• 9.", "⁃10.".
_BULLETS = "•◦▪‣⁃∙·*–—-"
_ITEM = re.compile(
    rf"[{_WS}]*(?:[{re.escape(_BULLETS)}][{_WS}]*)?(\d{{1,3}}|[a-z])(\.\)|[.)])(?=[{_WS}])"
)
_ITEM_SPAN = 500
"""How far to look for the next item of an inline list, whose items are short."""


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of ``text`` in order, trimmed of whitespace, covering all other characters."""
    sentences: list[Sentence] = []
    for paragraph, (start, end) in enumerate(_paragraphs(text)):
        for a, b in _split_paragraph(text[start:end]):
            a, b = start + a, start + b
            sentences.append(Sentence(len(sentences), a, b, text[a:b], paragraph))
    return sentences


def _lines(text: str) -> Iterator[tuple[int, int]]:
    """Spans of the lines, without their ends (the same line ends as str.splitlines)."""
    pos = 0
    for line in text.splitlines(keepends=True):
        yield pos, pos + len(line.rstrip(_LINE_ENDS))
        pos += len(line)


def _paragraphs(text: str) -> Iterator[tuple[int, int]]:
    """Spans of the paragraphs: a line, or a run of hard-wrapped lines."""
    block: list[tuple[int, int]] = []
    for start, end in _lines(text):
        if _VISIBLE.search(text, start, end):
            block.append((start, end))
        elif block:
            yield from _unwrap(text, block)
            block = []
    yield from _unwrap(text, block)


def _unwrap(text: str, block: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    lines = [text[s:e].strip(WHITESPACE) for s, e in block] if len(block) > 1 else []
    if not _is_hard_wrapped(lines):
        yield from block
        return
    width = max(map(len, lines))
    start = block[0][0]
    for i, (_, end) in enumerate(block):
        if i + 1 == len(block) or len(lines[i]) < width / 2:
            yield start, end
            if i + 1 < len(block):
                start = block[i + 1][0]


def _is_hard_wrapped(lines: list[str]) -> bool:
    if len(lines) < 2 or not WRAP_MIN <= max(map(len, lines)) <= WRAP_WIDTH:
        return False
    return any(
        not _TERMINAL.search(line) and following.lstrip(_OPENERS)[:1].islower()
        for line, following in pairwise(lines)
    )


def _split_paragraph(text: str) -> tuple[tuple[int, int], ...]:
    if len(text) > 2000:
        return _split(text)
    return _split_cached(text)


@lru_cache(maxsize=8192)
def _split_cached(text: str) -> tuple[tuple[int, int], ...]:
    """The same paragraph recurs across versions of an article: split it once."""
    return _split(text)


def _split(text: str) -> tuple[tuple[int, int], ...]:
    cuts = [0]
    start = marker_end = 0
    next_item = None
    item = _ITEM.match(text)
    if item:
        marker_end, next_item = item.end(), _next_item(text, item)
    for m in _END.finditer(text):
        while next_item is not None and next_item <= m.start():
            cuts.append(next_item)  # an item of an inline list ends where the next begins
            start = next_item
            item = _ITEM.match(text, start)
            marker_end, next_item = item.end(), _next_item(text, item)
        if m.end() <= marker_end:
            continue  # the full stop of the list marker opening the sentence ("1.")
        cut = _cut(text, m, start)
        if cut is not None:
            cuts.append(cut)
            start = cut
            item = _ITEM.match(text, cut)
            if item:  # a new list; else the sentence may go on with the list it is in
                marker_end, next_item = item.end(), _next_item(text, item)
    while next_item is not None:
        cuts.append(next_item)
        next_item = _next_item(text, _ITEM.match(text, next_item))
    cuts.append(len(text))
    spans: list[tuple[int, int]] = []
    for a, b in pairwise(cuts):
        piece = text[a:b]
        stripped = piece.lstrip(WHITESPACE)
        if not stripped:
            continue
        a += len(piece) - len(stripped)
        b = a + len(stripped.rstrip(WHITESPACE))
        # Stray punctuation (". .", "; and so on") joins the sentence before; an ellipsis
        # opening a sentence (". . . The practice") does not.
        if spans and (
            stripped[0] in ",;:)]"
            or not _ALNUM.search(stripped)
            or (stripped[0] == "." and not stripped.startswith(". . ."))
        ):
            spans[-1] = (spans[-1][0], b)
        else:
            spans.append((a, b))
    return tuple(spans)


def _next_item(text: str, item: re.Match[str]) -> int | None:
    """Where the item after ``item`` of an inline list starts, if it is near."""
    label, mark = item.groups()
    if label in ("999", "z"):
        return None  # no marker follows these
    following = str(int(label) + 1) if label.isdigit() else chr(ord(label) + 1)
    found = _item_marker(following, mark).search(text, item.end(), item.end() + _ITEM_SPAN)
    return found.start() if found else None


@lru_cache(maxsize=256)
def _item_marker(label: str, mark: str) -> re.Pattern[str]:
    """The marker of the item ``label`` of a list marked with ``mark``, bullet and all."""
    bullet = f"[{re.escape(_BULLETS)}][{_WS}]*"
    return re.compile(f"(?<=[{_WS}])(?:{bullet})?{re.escape(label + mark)}(?=[{_WS}])")


def _cut(text: str, m: re.Match[str], start: int) -> int | None:
    """Where the punctuation run ``m`` ends a sentence begun at ``start``, if it does."""
    run = m.group(1)
    if run[-1] in "。！？":  # a CJK full stop needs no space after it
        return m.end()
    if not _GAP.match(text, m.end()) or text[m.start() - 1 : m.start()] == "[":
        return None  # inside a word or number (3.5, bloomberg.com), or an elision "[...]"
    word = _NEXT_WORD.match(text, m.end()).group(1).lstrip(_OPENERS)
    if word and word[0].islower():
        return None
    if run.startswith(". .") and m.end() == m.end(1):  # a spaced ellipsis, unquoted
        attached = m.start() > 0 and not _GAP.match(text, m.start() - 1)
        if attached and len(run) > 5:  # "compounds. . . . The": a full stop, then words
            return m.start() + 1  # left out at the start of the next sentence
        if not attached and len(run) == 5:  # "the thing is . . . I didn't": left out
            return None  # within the sentence (four dots would end it)
    if not word or run != "." or m.end() > m.end(1):  # ?, !, an ellipsis, a closing quote
        return m.end()
    return m.end() if _ends_after_stop(text, m.start(), start, word) else None


def _ends_after_stop(text: str, stop: int, start: int, word: str) -> bool:
    """Whether a single full stop at ``stop``, before a capitalised ``word``, ends the
    sentence begun at ``start``, given the word it closes."""
    window = max(0, stop - 24)
    written = _LAST_WORD.search(text, window, stop).group()
    before = written.lstrip(_OPENERS)
    if before in _TITLES:
        return False
    if before in _LABELS:
        return not word[0].isdigit()
    following = _LETTERS.match(word)
    following = following.group() if following else ""
    if before.isupper() and before.title() in _TITLES and (following.isupper() or not following):
        return False  # "ST. LOUIS", "DEC. 5"
    if before in _STATES:  # mid-sentence a comma follows: "Fresno, Calif., in 2010"
        if _DATELINE_PLACE.fullmatch(text, start, stop - len(before)):
            return False  # "ALDER SPRINGS, Calif. A fire ...": the dateline opens the lede
        credit = _NEXT_WORD.match(text, stop + 1).group(1)[0] in "(["  # "Calif. (AP)"
        return following[:1].isupper() and not credit
    if before == "I":
        previous = text[window : stop - len(written)].split()
        if previous and previous[-1][:1].islower():  # "you and I.", not "Albert I. Jones"
            return not _INITIAL.match(word)  # "by I. M. Pei" is still a name
    if (len(before) == 1 and before.isupper()) or before in _MOSTLY_INSIDE:
        return following in _OPENING_WORDS and not _INITIAL.match(word)
    if _ACRONYM.fullmatch(before):  # a.m., L.P., Ph.D.
        if before.lower() in ("a.m", "p.m") and _OPENING_TIME.fullmatch(
            text, start, stop - len(before)
        ):
            return False  # "At 5 a.m. Mr. Smith went": the time opens the sentence
        return not (following in _CONTINUING or following.isupper())
    return True
