"""Word-level diffs of aligned sentences: what a reader must see, and the invariants."""

from __future__ import annotations

import pytest
from articles import SEED, doc_with
from hypothesis import given, settings
from hypothesis import strategies as st

from sidebyside.engine.diff import diff_group, diff_pair
from sidebyside.engine.model import Document, Member, PairDiff, Sentence
from sidebyside.engine.normalize import tokenize
from sidebyside.engine.segment import split_sentences


def one_each(*texts: str) -> tuple[list[Document], tuple[Member, ...]]:
    docs = [doc_with(t, t, path=f"{n}.txt") for n, t in enumerate(texts)]
    return docs, tuple(Member(d, 0) for d in range(len(docs)))


def changes(pd: PairDiff) -> list[tuple[str, str, str]]:
    return [(op.tag, op.a, op.b) for op in pd.ops if op.tag != "equal"]


def covered(doc: Document, sentences: list[int], ops, side: str) -> tuple[list, list]:
    """The side's tokens, and the tokens the ops cover in order (each exactly once)."""
    tokens = [
        t
        for s in sentences
        for t in tokenize(doc.text, doc.sentences[s].start, doc.sentences[s].end)
    ]
    seen = []
    for op in ops:
        start, end = (op.a_start, op.a_end) if side == "a" else (op.b_start, op.b_end)
        seen.append([t for t in tokens if start <= t.start and t.end <= end])
    return tokens, seen


# -- the seeds ---------------------------------------------------------------

SEED_000 = (
    "Russian intelligence agents organized the escape, flying Assad out via its air base "
    "in Syria, two people said."
)
SEED_002 = (
    "The officials said two Russian intelligence agents organized the escape, flying Assad "
    "out of its air base in Syria."
)


def seed_doc(name: str, sentence: str) -> Document:
    path = SEED[name]
    return doc_with(path.read_text(encoding="utf-8"), sentence, path=str(path))


def test_seeds_000_002_two_and_two_people_said():
    docs = [seed_doc("000", SEED_000), seed_doc("002", SEED_002)]
    (pd,) = diff_group(docs, (Member(0, 0), Member(1, 0)))
    assert (pd.a, pd.b) == (0, 1)
    inserts = [op for op in pd.ops if op.tag == "insert"]
    assert any(op.b.split()[-1] == "two" and op.a == "" for op in inserts)
    only_000 = " ".join(op.a for op in pd.ops if op.tag in ("delete", "replace"))
    assert "two people said" in only_000
    assert "two" not in " ".join(op.b for op in pd.ops if op.tag in ("delete", "replace"))
    equal = " ".join(op.a for op in pd.ops if op.tag == "equal")
    assert "Russian intelligence agents organized the escape" in equal
    # Offsets point into each article's own text, in the original spelling.
    for op in pd.ops:
        assert docs[0].text[op.a_start : op.a_end] == op.a
        assert docs[1].text[op.b_start : op.b_end] == op.b


def test_seeds_through_the_segmenter():
    docs = []
    for name in ("000", "002"):
        doc = Document(path=str(SEED[name]), text=SEED[name].read_text(encoding="utf-8"))
        doc.sentences = split_sentences(doc.text)
        docs.append(doc)
    members = tuple(
        Member(d, next(s.index for s in doc.sentences if "agents organized the escape" in s.text))
        for d, doc in enumerate(docs)
    )
    (pd,) = diff_group(docs, members)
    assert any(op.tag == "insert" and "two" in op.b.split() for op in pd.ops)
    assert any("two people" in op.a for op in pd.ops if op.tag in ("delete", "replace"))


# -- readability ------------------------------------------------------------


def test_identical_after_folding_is_one_equal_op_with_each_spelling():
    docs, members = one_each(
        "“Damage control,” he said — twice.", '"damage control," He said - twice.'
    )
    (pd,) = diff_group(docs, members)
    assert [op.tag for op in pd.ops] == ["equal"]
    assert pd.ops[0].a == docs[0].text and pd.ops[0].b == docs[1].text
    assert pd.similarity == 1.0


def test_quote_style_is_not_even_minor():
    docs, members = one_each("He said “no” to Assad’s plan.", 'He said "no" to Assad\'s plan.')
    (pd,) = diff_group(docs, members)
    assert [op.tag for op in pd.ops] == ["equal"]


def test_punctuation_only_change_is_minor():
    docs, members = one_each("Assad fled, aides said.", "Assad fled aides said.")
    (pd,) = diff_group(docs, members)
    assert changes(pd) == [("delete", ",", "")]
    assert [op.minor for op in pd.ops if op.tag != "equal"] == [True]

    docs, members = one_each("He left. Then", "He left, then")
    (pd,) = diff_group(docs, members)
    assert changes(pd) == [("replace", ".", ",")]
    assert all(op.minor for op in pd.ops if op.tag != "equal")


def test_word_change_is_not_minor():
    docs, members = one_each("Assad fled to Moscow.", "Assad flew to Moscow.")
    (pd,) = diff_group(docs, members)
    assert changes(pd) == [("replace", "fled", "flew")]
    assert not pd.ops[1].minor


def test_adjacent_changes_merge_into_one_replace():
    docs, members = one_each("a big red house stood", "a small blue house stood")
    (pd,) = diff_group(docs, members)
    assert changes(pd) == [("replace", "big red", "small blue")]


def test_lone_filler_between_changes_does_not_fragment_them():
    docs, members = one_each(
        "Officials said the plane landed in Moscow.", "Sources told the aircraft landed in Moscow."
    )
    (pd,) = diff_group(docs, members)
    assert changes(pd) == [("replace", "Officials said the plane", "Sources told the aircraft")]


def test_a_content_word_between_changes_stays_equal():
    docs, members = one_each("big Assad red", "small Assad blue")
    (pd,) = diff_group(docs, members)
    assert [op.tag for op in pd.ops] == ["replace", "equal", "replace"]


def test_insert_and_delete_positions():
    docs, members = one_each("Assad fled Syria.", "Assad quietly fled Syria.")
    (pd,) = diff_group(docs, members)
    (op,) = [op for op in pd.ops if op.tag == "insert"]
    assert op.b == "quietly" and op.a == ""
    assert op.a_start == op.a_end == docs[0].text.index(" fled")
    assert docs[1].text[op.b_start : op.b_end] == "quietly"


def test_similarity_counts_words_not_punctuation():
    docs, members = one_each("one two three four", "one two three five")
    (pd,) = diff_group(docs, members)
    assert pd.similarity == pytest.approx(0.75)
    docs, members = one_each("one, two.", "one two")
    (pd,) = diff_group(docs, members)
    assert pd.similarity == 1.0


def test_every_pair_of_articles_once_in_doc_order():
    docs, members = one_each("a b c", "a b d", "a x c")
    diffs = diff_group(docs, members)
    assert [(pd.a, pd.b) for pd in diffs] == [(0, 1), (0, 2), (1, 2)]
    for pd in diffs:
        assert diff_pair(docs, members, pd.a, pd.b) == pd


def test_singleton_group_has_no_diffs():
    docs, members = one_each("alone here")
    assert diff_group(docs, members) == ()


def test_empty_sides():
    docs, members = one_each("...", "!!")
    (pd,) = diff_group(docs, members)
    assert [op.tag for op in pd.ops] == ["replace"] and pd.ops[0].minor
    docs = [doc_with("x", "x"), Document(path="e", text="", sentences=[Sentence(0, 0, 0, "", 0)])]
    (pd,) = diff_group(docs, (Member(0, 0), Member(1, 0)))
    assert [(op.tag, op.a, op.b) for op in pd.ops] == [("delete", "x", "")]


# -- several sentences on one side ----------------------------------------


def test_split_sentences_form_one_stream():
    merged = doc_with(
        "Russia offered him safe passage and he left.",
        "Russia offered him safe passage and he left.",
    )
    split = doc_with(
        "Intro. Russia offered him safe passage. He left.",
        "Intro.",
        "Russia offered him safe passage.",
        "He left.",
    )
    members = (Member(0, 0), Member(1, 1), Member(1, 2))
    (pd,) = diff_group([merged, split], members)
    assert changes(pd) == [("replace", "and", ".")]
    assert pd.ops[-1].b_end == len(split.text)
    _, seen = covered(split, [1, 2], pd.ops, "b")
    assert sum(len(s) for s in seen) == len(tokenize(split.text, 7))


def test_ops_never_span_a_sentence_outside_the_group():
    a = doc_with("One two. Noise here. Three four.", "One two.", "Noise here.", "Three four.")
    b = doc_with("One five four.", "One five four.")
    members = (Member(0, 0), Member(0, 2), Member(1, 0))
    (pd,) = diff_group([a, b], members)
    assert all("Noise" not in op.a for op in pd.ops)
    assert changes(pd) == [("replace", "two.", "five"), ("delete", "Three", "")]
    tokens, seen = covered(a, [0, 2], pd.ops, "a")
    assert [t for run in seen for t in run] == tokens


# -- properties ---------------------------------------------------------------

WORDS = ["the", "Assad", "fled", "Moscow", "said", "two", "“quote”", '"quote"', "a", "of", "—"]
PUNCT = [",", ".", ";", "(", ")", "'", "!"]
piece = st.one_of(st.sampled_from(WORDS + PUNCT), st.text(min_size=1, max_size=4))
sentence = st.lists(piece, max_size=25).map(" ".join)


def check_pair(docs: list[Document], members: tuple[Member, ...], pd: PairDiff) -> None:
    side = {d: [m.sentence for m in members if m.doc == d] for d in (pd.a, pd.b)}
    tokens_a, seen_a = covered(docs[pd.a], side[pd.a], pd.ops, "a")
    tokens_b, seen_b = covered(docs[pd.b], side[pd.b], pd.ops, "b")
    assert [t for run in seen_a for t in run] == tokens_a
    assert [t for run in seen_b for t in run] == tokens_b
    for op, ra, rb in zip(pd.ops, seen_a, seen_b, strict=True):
        assert op.a == docs[pd.a].text[op.a_start : op.a_end]
        assert op.b == docs[pd.b].text[op.b_start : op.b_end]
        assert op.tag in ("equal", "insert", "delete", "replace")
        if op.tag == "equal":
            assert [t.key for t in ra] == [t.key for t in rb] and ra
        else:
            assert [t.key for t in ra] != [t.key for t in rb]
            assert (op.tag == "insert") == (not ra) and (op.tag == "delete") == (not rb)
    assert 0.0 <= pd.similarity <= 1.0
    if [t.key for t in tokens_a] == [t.key for t in tokens_b]:
        assert all(op.tag == "equal" for op in pd.ops)


@settings(max_examples=300, deadline=None)
@given(st.lists(sentence, min_size=2, max_size=4))
def test_ops_rebuild_each_side(texts):
    docs, members = one_each(*texts)
    for pd in diff_group(docs, members):
        check_pair(docs, members, pd)


@settings(max_examples=200, deadline=None)
@given(st.lists(sentence, min_size=1, max_size=4), st.lists(sentence, min_size=1, max_size=3))
def test_ops_rebuild_multi_sentence_sides(left, right):
    a = doc_with("\n".join(left), *left)
    b = doc_with("  ".join(right), *right)
    members = (
        *(Member(0, n) for n in range(len(left))),
        *(Member(1, n) for n in range(len(right))),
    )
    (pd,) = diff_group([a, b], members)
    check_pair([a, b], members, pd)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80), st.text(max_size=80))
def test_arbitrary_unicode_does_not_crash(x, y):
    docs, members = one_each(x, y)
    (pd,) = diff_group(docs, members)
    check_pair(docs, members, pd)


@settings(max_examples=150, deadline=None)
@given(st.lists(sentence, min_size=2, max_size=6), sentence, st.data())
def test_ops_rebuild_sides_with_gaps(left, right, data):
    a = doc_with(" ".join(left), *left)
    b = doc_with(right, right)
    picked = data.draw(st.sets(st.integers(0, len(left) - 1), min_size=1))
    members = (*(Member(0, n) for n in sorted(picked)), Member(1, 0))
    (pd,) = diff_group([a, b], members)
    check_pair([a, b], members, pd)
    for op in pd.ops:
        inside = [s.index for s in a.sentences if s.start < op.a_end and s.end > op.a_start]
        assert set(inside) <= picked, (op, inside, picked)
