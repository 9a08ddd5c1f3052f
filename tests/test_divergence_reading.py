"""Shortcuts in reading sentences give the labels a full reading gives.

Each text is read once, with one pass of the tokenizer; each pair of texts is
compared once; a check on the words as written skips the kinds a change
cannot touch, and names are not read where no capitalised word differs.  None
of it may change a label.
"""

from __future__ import annotations

import re
from collections import Counter

from articles import SEED
from divergence_pairs import docs_of
from hypothesis import example, given, settings
from hypothesis import strategies as st

from sidebyside.engine import divergence
from sidebyside.engine.divergence import classify_group, name, rows, text
from sidebyside.engine.model import Document, Group, Member, Sentence
from sidebyside.engine.normalize import TOKEN
from sidebyside.engine.pipeline import compare_documents, load_documents

_PIECES = [
    "word", "Word", "WORD", "Iran", "Pukhov", "Puhkov", "May", "3", "1,100", "2024", "9:30",
    "didn't", "Assad's", "it’s", "é", "Ibáñez", "_x", " ", "  ", "\n", "\t", "\u00a0", "\x1c",
    ",", ".", ";", ":", "-", "—", '"', "“", "”", "«", "»", "'", "(", ")", "\u200b", "\u00ad",
    "\x1b[31m", "\x1b", "²", "™",
]  # fmt: skip
texts = st.lists(st.sampled_from(_PIECES), max_size=30).map("".join)
ascii_texts = st.text(alphabet=st.characters(max_codepoint=127), max_size=200)


def _reference_tokens(sentence: str) -> list[tuple]:
    """The tokens as a plain reading of every match of the tokenizer gives them."""
    noise = [m.span() for m in text._ESCAPE.finditer(sentence)]
    out, initial, previous_end = [], True, -1
    for m in TOKEN.finditer(sentence):
        if any(a <= m.start() < b for a, b in noise):
            continue
        raw = m.group()
        key = text.token_key(raw)
        if not key:
            continue
        word = raw[0].isalnum() or raw[0] == "_"
        out.append(
            (
                raw,
                key,
                m.start(),
                m.end(),
                word,
                m.start() == previous_end,
                initial and word,
                raw[:1].isupper(),
                raw.isascii() and raw.isdigit(),
            )
        )
        previous_end = m.end()
        if word:
            initial = False
        elif raw in '“"«:':
            initial = True
    return out


@settings(max_examples=300)
@given(texts)
def test_tokens_point_at_the_text_as_every_match_does(sentence):
    text.clear_caches()
    assert [tuple(t) for t in text.tokens_of(sentence)] == _reference_tokens(sentence)
    assert text.written(sentence).tokens == TOKEN.findall(sentence)


@settings(max_examples=300)
@given(texts, texts)
def test_changed_tokens_are_those_one_side_writes_more_often(a, b):
    ca, cb = Counter(TOKEN.findall(a)), Counter(TOKEN.findall(b))
    expected = set((ca - cb) + (cb - ca))
    assert text.changed_tokens([text.Written(a)], [text.Written(b)]) == expected
    assert text.changed_tokens([text.Written(a)] * 2, [text.Written(b)]) == set(
        (ca + ca - cb) + (cb - ca - ca)
    )


@settings(max_examples=300)
@given(ascii_texts)
def test_article_words_are_found_alike_on_plain_ascii_text(article):
    lower = {w for w in name._LOWER.findall(article) if w[:1].islower()}
    assert name._lowercase_words(article) == lower
    unicode_pattern = re.compile(name._MID_CAPITAL.pattern)
    assert name._mid_capital(article).findall(article) == unicode_pattern.findall(article)
    names, lowercase = name._article_names.__wrapped__(article)
    assert names == {name._key(w) for w in unicode_pattern.findall(article)}
    assert lowercase == {name._key(w) for w in lower}


_WORDS = [
    "Iran", "Iraq", "Pukhov", "Puhkov", "Putin", "Moscow", "leader", "said", "the", "fled",
    "Saddam", "Hussein", "Qaddafi", "Gaddafi", "May", "Sunday", "two", "Three", "people",
    "Step", "Together", "StepTogether", "Russia", "Russian", "according", "to", "officials",
]  # fmt: skip
sentences = st.lists(st.sampled_from(_WORDS), min_size=1, max_size=12).map(
    lambda ws: " ".join(ws) + "."
)
# Runs of names with few other words: stretches of capitalised words replaced by others.
_NAMES = ["Saddam", "Hussein", "Moammar", "Qaddafi", "Gaddafi", "Iraqi", "Libyan", "Iran", "and"]
name_runs = st.lists(st.sampled_from(_NAMES), min_size=1, max_size=10).map(
    lambda ws: "Then " + " ".join(ws) + " left."
)


def _article(context: str, sentence: str, n: int) -> Document:
    """An article that says ``context`` first (where names stand mid-sentence), then the
    sentence compared."""
    doc = Document(path=f"{n}.txt", text=f"{context} {sentence}")
    start = len(context) + 1
    doc.sentences = [
        Sentence(0, 0, len(context), context, 0),
        Sentence(1, start, start + len(sentence), sentence, 0),
    ]
    return doc


def _labels(docs: list[Document]) -> tuple:
    divergence.clear_caches()
    return classify_group(docs, Group(tuple(Member(d, 1) for d in range(len(docs))), 0.8))


@settings(max_examples=300, deadline=None)
@given(
    sentences | name_runs,
    sentences | name_runs,
    sentences | name_runs,
    sentences | name_runs,
)
@example("Iran fled.", "Then Iran left.", "Then Saddam left.", "Then Qaddafi left.")
@example(
    "Iran fled.",
    "Then Iran left.",
    "Then Iraqi Saddam Hussein left.",
    "Then Libyan Moammar Qaddafi Iran left.",
)
@example("Iran fled.", "Iran.", "Then Saddam and Hussein left.", "Then Qaddafi and Iran left.")
@example("Iran fled.", "Iran.", "Then the leader Saddam left.", "Then the leader Qaddafi left.")
@example("Iran fled.", "Iran.", "Then the Mr Saddam left.", "Then the Dr Qaddafi left.")
@example("Iran fled.", "Iran.", "Then the Saddam Mr left.", "Then the Qaddafi Dr left.")
def test_names_are_skipped_only_where_reading_them_finds_nothing(context, other, a, b):
    docs = [_article(context, a, 0), _article(other, a + " Putin", 1), _article(context, b, 2)]
    shortcut = _labels(docs)
    skips = name._may_differ, name._may_swap
    name._may_differ = lambda *_: True  # read every name,
    name._may_swap = lambda *_: True  # and diff every pair of sentences with names
    try:
        assert _labels(docs) == shortcut
    finally:
        name._may_differ, name._may_swap = skips


@settings(max_examples=200)
@given(texts, texts)
def test_the_kinds_a_change_touches_are_the_same_either_way_round(a, b):
    da, db = docs_of(a + " Iran said.", b + " Iran said.")
    text.clear_caches()
    assert rows._kinds_touched((a,), (b,), da, db) == rows._kinds_touched((b,), (a,), db, da)


def test_labels_do_not_depend_on_what_was_read_before():
    comparison = compare_documents(load_documents([str(p) for p in SEED.values()]))
    docs, groups = comparison.documents, comparison.groups
    each_cold = []
    for g in groups:
        divergence.clear_caches()
        each_cold.append(classify_group(docs, g))
    divergence.clear_caches()
    one_pass = [classify_group(docs, g) for g in groups]
    warm = [classify_group(docs, g) for g in groups]
    assert each_cold == one_pass == warm
    assert any(each_cold)
