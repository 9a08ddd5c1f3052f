"""Attribution: who a claim is credited to, and who was told.

"two people said", "according to Cal Fire", "said Ruslan Pukhov", "told
Reuters", "declared to this newspaper".  Two sources are the same when they
name the same person or body ("Finance Minister Tomas Reval" / "The Minister
of Finance, Tomas Reval"), refer back to it ("the party", "he"), or describe
it alike ("people familiar with the investigation" / "people close to the
investigation").  A label is a source that changed ("two fire officials" /
"Cal Fire"), appeared or vanished (a claim credited in one version, stated as
fact in the other), or a source count that changed with the source ("two
people" / "officials"); the same sources counted differently is a number.
"""

from __future__ import annotations

from typing import NamedTuple

from sidebyside.engine.divergence.labels import ADDS, ATTRIBUTION, CHANGES, DROPS
from sidebyside.engine.divergence.side import Finding, Placed, Side
from sidebyside.engine.divergence.text import (
    BREAKS,
    NUMBER_WORDS,
    Analysed,
    Token,
    Written,
    plain,
)
from sidebyside.engine.divergence.time import MONTHS, WEEKDAYS
from sidebyside.engine.features import SPELLING, STOPWORDS, name_relation, stem

KIND = ATTRIBUTION

SPEAKER = "speaker"
RECIPIENT = "recipient"

_SAYING = frozenset(
    """said says told tells reported reports stated states added adds noted notes claimed
    claims confirmed confirms announced announces insisted insists explained explains wrote
    writes quoted declared declares affirmed affirms communicated
    communicates estimated estimates warned warns argued argues acknowledged acknowledges
    admitted admits denied denies testified testifies posted tweeted predicted predicts
    show shows showed indicated indicates""".split()
) | frozenset(("say", "tell"))
# The bare verb says who speaks only as a finite verb ("people close to it say"), not
# after these ("to tell residents", "would not say").
_NOT_FINITE = frozenset(
    "to not n't never will would could can may might should must do does did".split()
)
_TO_RECIPIENT = frozenset("said declared affirmed stated confirmed explained told".split())
_CLAUSE_STARTS = frozenset(
    "that and but while as because when if so then although though until unless".split()
)
_RELATIVE = frozenset("who which whom whose".split())
_PRONOUNS = frozenset("he she they it we i you one someone this".split())
_AUXILIARIES = frozenset("have has had is was are were been also".split())
_SUBJECTS = frozenset("he she they we i".split())
_PREPOSITIONS = frozenset("in of on at by with for from under through during".split())
# Titles written with a point ("Dr. Lucia Ferraro").
_ABBREVIATED = frozenset(
    "dr mr mrs ms prof gov sen rep gen lt col sgt capt cmdr st rev jr sr".split()
)
# Auxiliaries of the passive ("Irregularities were reported"): what was said, not who.
_PASSIVE = frozenset("is are was were be been being".split())
# Words of a clause, never of a source named after its verb ("said state television had
# given the incumbent more coverage").
_CLAUSE_VERBS = _AUXILIARIES | frozenset(
    "will would could can may might should must did do does".split()
)
# Words that say when something was said ("Bell said Friday").
_WHEN = (
    frozenset(WEEKDAYS)
    | frozenset(MONTHS)
    | frozenset("today tonight yesterday earlier later late early last next overnight".split())
)
# Words that end the agent of a passive ("told by police to leave").
_AGENT_ENDS = frozenset("that to in on at with for from as about".split())
# Nouns that end like adverbs ("the family said").
_LY_NOUNS = frozenset("family ally assembly supply rally monopoly bully anomaly".split())
# Words that say a source is anonymous without saying who it is.
_GENERIC = frozenset(
    """people person persons source sources insider insiders familiar close knowledge aware
    situation matter who declined asked named identified speaking condition anonymity
    authorized authorised unidentified anonymous because sensitive discuss publicly""".split()
)
# Titles and roles: they do not tell two named sources apart.
_TITLES = frozenset(
    """mr mrs ms dr gov governor president minister prime chief fire police spokesman
    spokeswoman spokesperson secretary director officer executive ceo attorney judge general
    senator sen rep representative mayor sheriff commissioner chairman chairwoman chair
    deputy acting us u s the a an of""".split()
)
# Nouns that name one kind of source.
_SYNONYMS = {
    "employe": "worker",
    "staff": "worker",
    "staffer": "worker",
    "author": "research",
    "research": "research",
    "researcher": "research",
    "scientist": "research",
}
_SOURCE_MAX = 12
# Words a source after its verb never starts with ("said that", "said in a statement").
_NOT_SOURCE = frozenset(
    """that it in on at by with to of about for from as this against before under during
    after""".split()
)


class Source(NamedTuple):
    role: str  # SPEAKER or RECIPIENT
    key: frozenset[str]  # stems that describe who it is (anonymous generics left out)
    names: frozenset[str]  # its proper names, folded without accents (titles left out)
    stems: frozenset[str]  # every content stem of it
    anaphor: str | None  # "he", or the noun of "the party": refers back, says nothing new
    s: int
    e: int


def _is_break(t: Token) -> bool:
    return not t.word and t.text in BREAKS


def _breaks_at(toks: list[Token], j: int) -> bool:
    """Whether token ``j`` ends a source: punctuation, but not the point of "Dr." or
    "U.S.", nor the point or comma inside a figure ("99.8%", "6,500")."""
    t = toks[j]
    if not _is_break(t):
        return False
    if t.text in ".," and t.glued and j > 0:
        before = toks[j - 1]
        if t.text == "." and (before.key in _ABBREVIATED or len(before.key) == 1):
            return False
        if before.digits and j + 1 < len(toks) and toks[j + 1].glued and toks[j + 1].digits:
            return False
    return True


def _is_adverb(t: Token) -> bool:
    """An adverb of manner between a source and its verb ("Bell quickly declared")."""
    return t.word and not t.capital and t.key.endswith("ly") and t.key not in _LY_NOUNS


def _segment_back(toks: list[Token], end: int, floor: int) -> tuple[int, int]:
    """Token range of the words just before ``end``, back to clause punctuation, without
    the auxiliaries and adverbs that stand before the verb ("Bell had swiftly declared")."""
    while end > floor and (toks[end - 1].key in _AUXILIARIES or _is_adverb(toks[end - 1])):
        end -= 1
    i = end
    while i > floor and end - i < _SOURCE_MAX:
        t = toks[i - 1]
        if _breaks_at(toks, i - 1) or t.key in _CLAUSE_STARTS or t.key in ("said", "told", "says"):
            break
        i -= 1
    return i, end


def _trimmed(toks: list[Token], s: int, e: int) -> tuple[int, int]:
    """The source within the words before its verb: after a relative pronoun ("memos in
    which the ministry's buyers argued"), without one that ends them ("a former section
    head who says"), and only the pronoun that ends them ("In his statement he said")."""
    if s < e and toks[e - 1].key in _RELATIVE:
        e -= 1
    # After "in which" the clause's own subject follows ("workers who escaped" is one).
    relative = [
        k
        for k in range(s + 1, e - 1)
        if toks[k].key in ("which", "whom") and toks[k - 1].key in _PREPOSITIONS
    ]
    if relative:
        s = relative[-1] + 1
    if e - s > 1 and toks[e - 1].key in _SUBJECTS:
        s = e - 1
    return s, e


def _segment_forward(toks: list[Token], start: int) -> tuple[int, int]:
    j = start
    while j < len(toks) and j - start < _SOURCE_MAX:
        t = toks[j]
        if _breaks_at(toks, j) or t.key in _CLAUSE_STARTS or t.key in _SAYING:
            break
        j += 1
    return start, j


def _appositive_back(toks: list[Token], s: int, e: int, floor: int) -> int:
    """ "The Minister of Finance, Tomas Reval, said": take in the title before the name
    (a name: every word capitalised; "..., Kremlin sources told" has none)."""
    name = [t for t in toks[s:e] if t.word]
    if name and all(t.capital for t in name) and s - 2 >= floor and toks[s - 1].key == ",":
        ps, pe = _segment_back(toks, s - 1, floor)
        if ps < pe and any(t.capital for t in toks[ps:pe]) and toks[ps].key not in _RELATIVE:
            return ps
    return s


def _agent(toks: list[Token], after: int) -> tuple[int, int]:
    """The source of a passive verb: the words after its "by", within the clause."""
    j = after
    while j < len(toks) and not _breaks_at(toks, j) and toks[j].key not in _CLAUSE_STARTS:
        if toks[j].key == "by":
            s, e = _segment_forward(toks, j + 1)
            # "told by police to leave": the agent ends where a phrase of its own starts.
            stop = next((k for k in range(s, e) if toks[k].key in _AGENT_ENDS), e)
            return s, stop
        j += 1
    return after, after


def _opens_name(toks: list[Token], i: int) -> bool:
    """Whether a name starts at ``i``: a capitalised word, or a figure a capitalised word
    follows ("told 9 News")."""
    t = toks[i]
    if t.word and t.capital:
        return True
    return t.digits and i + 1 < len(toks) and toks[i + 1].word and toks[i + 1].capital


def _claim_follows(toks: list[Token], after: int) -> bool:
    """Whether the claim comes after the verb ("said the plan would work", "said that"),
    not only the sentence's end, how or when it was said ("said in a statement", "said
    Friday afternoon")."""
    if after >= len(toks) or not toks[after].word:
        return False
    key = toks[after].key
    return key == "that" or not (key in _NOT_SOURCE or key in _WHEN)


def _appositive_forward(toks: list[Token], e: int) -> int:
    """ "his lawyer, Marta Ibañez": take in a name after a comma."""
    if e + 1 < len(toks) and toks[e].key == "," and toks[e + 1].capital and toks[e + 1].word:
        j = e + 1
        while j < len(toks) and (
            (toks[j].word and toks[j].capital)
            or (toks[j].text == "." and not _breaks_at(toks, j))
            # "Dr. Lucia Ferraro of Cascadia Health Sciences University"
            or (toks[j].key in ("of", "at") and j + 1 < len(toks) and toks[j + 1].capital)
        ):
            j += 1
        if j >= len(toks) or _breaks_at(toks, j):
            return j
    return e


def _source(sentence: Analysed, role: str, s: int, e: int) -> Source | None:
    toks = sentence.tokens
    words = [t for t in toks[s:e] if t.word]
    keys = [t.key for t in words]
    lone_pronoun = len(keys) == 1 and keys[0] in _PRONOUNS  # "He said": someone named before
    if not words or (all(k in STOPWORDS for k in keys) and not lone_pronoun):
        return None  # "the" before "reports said": no one is named
    anaphor = None
    if lone_pronoun:
        anaphor = keys[0]
    elif (
        len(keys) == 2
        and keys[0] in ("the", "its", "his", "her", "their")
        and not words[1].capital
        and not keys[1].endswith("s")
    ):
        anaphor = stem(keys[1])  # "the party", "the company"
    stems = frozenset(stem(k) for k in keys if k not in STOPWORDS)
    key = frozenset(
        _SYNONYMS.get(x, x)
        for x in (
            stem(k)
            for k in keys
            if k not in STOPWORDS
            and k not in _GENERIC
            and k not in _PRONOUNS
            and k not in NUMBER_WORDS
        )
        if not x[:1].isdigit()
    )
    names = frozenset(
        plain(t.key)
        for t in words
        if t.capital and not t.initial and t.key not in _TITLES and t.key not in STOPWORDS
    ) | frozenset(
        plain(t.key)
        for t in words
        if t.initial and t.capital and len(words) > 1 and t is not words[0]
    )
    # A capitalised word that opens the sentence is a name when it stands alone and is
    # no common noun ("Reuters reported", not "Officials said"), when the next word is
    # capitalised too ("Cal Fire said"), or when it could be no common word at all
    # ("Flightradar24", "WMBK").
    opener = words[0]
    if (
        opener.initial
        and opener.capital
        and opener.key not in _TITLES
        and opener.key not in STOPWORDS
        and opener.key not in _GENERIC
        and not _looks_common(opener.key)
        and (
            len(words) == 1
            or words[1].capital
            or any(c.isdigit() for c in opener.text)
            or sum(c.isupper() for c in opener.text) > 1
        )
    ):
        names = names | {plain(opener.key)}
    return Source(role, key, names, stems, anaphor, toks[s].start, toks[e - 1].end)


_COMMON = frozenset(
    """officials official authorities police investigators experts analysts residents witnesses
    workers employees prosecutors researchers scientists doctors officers firefighters
    observers diplomats lawyers sources people critics""".split()
)


def _looks_common(key: str) -> bool:
    return key in _COMMON or key in _GENERIC or (key.endswith("s") and key[:-1] in _COMMON)


def find(sentence: Analysed) -> tuple[Source, ...]:
    out = []
    for role, s, e in _segments(sentence):
        source = _source(sentence, role, s, e)
        if source is not None:
            out.append(source)
    return tuple(sorted(out, key=lambda m: m.s))


def places(sentence: Analysed) -> list[tuple[int, int]]:
    """Where the sentence's sources stand (offsets), without reading who they are."""
    found = sentence.found.get(KIND)
    if found is not None:
        return [(m.s, m.e) for m in found]
    toks = sentence.tokens
    return [
        (toks[s].start, toks[e - 1].end)
        for _, s, e in _segments(sentence)
        if any(t.word for t in toks[s:e])
    ]


def _segments(sentence: Analysed) -> list[tuple[str, int, int]]:
    """(role, first token, end token) of each source, in the order the verbs come."""
    toks = sentence.tokens
    n = len(toks)
    floor = sentence.body
    out: list[tuple[str, int, int]] = []
    for i in [i for i, t in enumerate(toks[floor:], floor) if t.key in _STARTS]:
        if toks[i].key in ("say", "tell") and i > floor and toks[i - 1].key in _NOT_FINITE:
            continue
        k = toks[i].key
        spans: list[tuple[str, int, int]] = []
        if k == "according" and i + 1 < n and toks[i + 1].key == "to":
            s, e = _segment_forward(toks, i + 2)
            spans.append((SPEAKER, s, _appositive_forward(toks, e)))
        elif k == "citing":
            s, e = _segment_forward(toks, i + 1)
            spans.append((SPEAKER, s, e))
        elif k in _SAYING:
            after = i + 1
            # "told Reuters", "declared to this newspaper": who was told.
            if k in ("told", "tells") and after < n and _opens_name(toks, after):
                ce = after + 1
                while ce < n and toks[ce].word and toks[ce].capital:
                    ce += 1
                spans.append((RECIPIENT, after, ce))
                after = ce
            elif k in _TO_RECIPIENT and after + 1 < n and toks[after].key == "to":
                r = after + 1
                if toks[r].key in ("this", "our", "the") and r + 1 < n and toks[r + 1].word:
                    ce = r + 2
                    if toks[r].key == "the" and not toks[r + 1].capital:
                        ce = None
                elif toks[r].capital and toks[r].word:
                    ce = r + 1
                    while ce < n and toks[ce].word and toks[ce].capital:
                        ce += 1
                else:
                    ce = None
                if ce is not None:
                    spans.append((RECIPIENT, r, ce))
                    after = ce
            if i - 1 >= floor and toks[i - 1].key in _PASSIVE:
                # "Irregularities were reported ... by international observers": the
                # words before are what was reported; who reported it comes after "by".
                s, e = _agent(toks, after)
                if s < e:
                    spans.append((SPEAKER, s, e))
                out += spans
                continue
            s, e = _trimmed(toks, *_segment_back(toks, i, floor))
            if s == e and i - 1 > floor and toks[i - 1].text == ",":
                # "X, who declined to be named, said" / "The Minister of Finance, Tomas Reval, said"
                rs, re_ = _segment_back(toks, i - 1, floor)
                if (
                    rs < re_
                    and toks[rs].key in _RELATIVE
                    and rs - 1 > floor
                    and toks[rs - 1].text == ","
                ):
                    s, e = _segment_back(toks, rs - 1, floor)
                elif (
                    rs < re_
                    and toks[rs].capital
                    and not (toks[rs].initial and (re_ - rs == 1 or _opens_name(toks, after)))
                ):
                    # (Words that open the sentence are the claim's start when they are one
                    # word, "Dance, said the study's lead author, ...", or when a name
                    # follows the verb, "Dance works, said Dr. Lucy Ferraro.")
                    s, e = _appositive_back(toks, rs, re_, floor), re_
                elif (
                    re_ - rs == 1
                    and toks[rs].digits
                    and rs - 1 > floor
                    and toks[rs - 1].text == ","
                ):
                    # "Linda Sizemore, 57, said": the age stands between the name and verb.
                    s, e = _segment_back(toks, rs - 1, floor)
            elif s < e and _claim_follows(toks, after):
                # "Kenya's foreign minister, Daniel Omondi said the plan would work"; in
                # "Each got a $200 voucher, Tallis said." the words before the comma are
                # the claim.
                s = _appositive_back(toks, s, e, floor)
            if s == e:  # '..." said Ruslan Pukhov': the source follows
                s, e = _segment_forward(toks, after)
                if s < e and (
                    toks[s].key in _NOT_SOURCE
                    or (e < n and not _breaks_at(toks, e))
                    or any(t.key in _CLAUSE_VERBS for t in toks[s:e])
                ):
                    s = e  # no source there, or a clause rather than a name
                e = _appositive_forward(toks, e)
            if s < e:
                spans.append((SPEAKER, s, e))
        out += spans
    return out


_STARTS = _SAYING | frozenset(("according", "citing"))
_TRIGGERS = _SAYING | frozenset(("according", "citing", "According", "Citing"))


def touches(changed: frozenset[str], written: list[Written]) -> bool:
    """Whether a change of these written tokens can change what this kind finds: a
    changed word among the words around a verb of saying (where sources stand)."""
    return bool(changed) and any(
        not changed.isdisjoint(x.get(KIND, _around_sayings)) for x in written
    )


def _around_sayings(written: Written) -> frozenset[str]:
    """The tokens close enough to a verb of saying to be part of a source."""
    if _TRIGGERS.isdisjoint(written.distinct):
        return frozenset()
    words = written.tokens
    out: set[str] = set()
    for k, w in enumerate(words):
        if w in _TRIGGERS:
            out.update(words[max(0, k - _SOURCE_MAX - 2) : k + _SOURCE_MAX + 3])
    return frozenset(out)


def _share_name(x: frozenset[str], y: frozenset[str]) -> bool:
    if x & y:
        return True
    return any(name_relation(p, q) == SPELLING for p in x for q in y)


def same(x: Source, y: Source) -> bool:
    """Whether two sources are one as far as the text tells."""
    if x.anaphor in _PRONOUNS or y.anaphor in _PRONOUNS:
        return True
    if x.anaphor is not None and x.anaphor in y.stems:
        return True
    if y.anaphor is not None and y.anaphor in x.stems:
        return True
    if x.names and y.names:
        return _share_name(x.names, y.names)
    if (x.names or y.names) and not (_written_plain(x, y) or _written_plain(y, x)):
        return False
    if not x.key and not y.key:
        return True
    if not x.key or not y.key:
        return False
    return len(x.key & y.key) * 2 >= min(len(x.key), len(y.key))


def _written_plain(x: Source, y: Source) -> bool:
    """Whether the other source writes ``x``'s names as plain words: "Forecasters said" /
    "forecasters said" (a capital that only opens the sentence)."""
    return bool(x.names) and not y.names and all(stem(n) in y.stems for n in x.names)


def _named_anyway(x: Source, other: Side) -> bool:
    """The other version names this source anyway, in another role."""
    if x.names:
        words = {plain(w) for w in other.words}
        return x.names <= words
    return bool(x.key) and x.key <= {_SYNONYMS.get(s, s) for s in other.stems}


def _claim_present(x: Placed, mine: Side, other: Side) -> bool:
    """The other version makes the claim this source is credited with."""
    part = mine.parts[x.part]
    base = mine.base(x.part)
    claim = [
        stem(t.key)
        for t in part.tokens
        if t.word and t.key not in STOPWORDS and not (x.start <= t.start + base < x.end)
    ]
    if not claim:
        return False
    stems = other.stems
    return sum(1 for c in claim if c in stems) >= 0.4 * len(claim)


def compare(a: Side, b: Side) -> list[Finding]:
    xs = a.mentions(KIND, find)
    ys = b.mentions(KIND, find)
    if not xs and not ys:
        return []
    out: list[Finding] = []
    for role in (SPEAKER, RECIPIENT):
        # A pronoun ("he said") names no one: it pairs with no source, but a version that
        # has one has not dropped the credit.
        mine = [x for x in xs if x.m.role == role and x.m.anaphor not in _PRONOUNS]
        theirs = [y for y in ys if y.m.role == role and y.m.anaphor not in _PRONOUNS]
        left_b = list(theirs)
        left_a = []
        for x in mine:
            hit = next((k for k, y in enumerate(left_b) if same(x.m, y.m)), None)
            if hit is None:
                left_a.append(x)
            else:
                del left_b[hit]
        for x, y in zip(left_a, left_b):
            out.append(Finding(CHANGES, x, y))
        if role == RECIPIENT:
            continue  # who was told, given by one version only, is detail
        k = min(len(left_a), len(left_b))
        # A source the other version names anyway (in another role) has not vanished.
        for x in left_a[k:]:
            if _named_anyway(x.m, b) or any(y.m.role == SPEAKER for y in ys):
                continue
            if _claim_present(x, a, b):
                out.append(Finding(DROPS, x, None))
        for y in left_b[k:]:
            if _named_anyway(y.m, a) or any(x.m.role == SPEAKER for x in xs):
                continue
            if _claim_present(y, b, a):
                out.append(Finding(ADDS, None, y))
    return out
