"""Alignment as a reader judges it: the right sentences side by side, no false friends."""

from __future__ import annotations

import random
from types import SimpleNamespace

import pytest
from articles import SEED
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st

from sidebyside.engine.model import Comparison, Document, Member
from sidebyside.engine.pipeline import compare_documents


def seed_docs(*names: str) -> list[Document]:
    return [Document(path=str(SEED[n]), text=SEED[n].read_text(encoding="utf-8")) for n in names]


def find(comparison: Comparison, doc: int, snippet: str) -> int:
    """Index of the sentence of ``doc`` that contains ``snippet``."""
    for s in comparison.documents[doc].sentences:
        if snippet in s.text:
            return s.index
    raise AssertionError(f"no sentence of document {doc} contains {snippet!r}")


def partners(comparison: Comparison, doc: int, snippet: str, other: int) -> list[str]:
    """Texts of the sentences of ``other`` linked with the sentence holding ``snippet``:
    its row-mates, and any other sentence it links to directly."""
    sentence = find(comparison, doc, snippet)
    group = comparison.group_of(doc, sentence)
    found = set(group.sentences_of(other))
    for link in comparison.links_of(Member(doc, sentence)):
        end = link.other(Member(doc, sentence))
        if end.doc == other:
            found.add(end.sentence)
    return [comparison.documents[other].sentences[i].text for i in sorted(found)]


@pytest.fixture(scope="module")
def seeds_000_002() -> Comparison:
    return compare_documents(seed_docs("000", "002"))


@pytest.fixture(scope="module")
def all_seeds() -> Comparison:
    return compare_documents(seed_docs("000", "001", "002", "003", "004"))


def test_reworded_sentence_is_aligned(seeds_000_002):
    got = partners(seeds_000_002, 0, "Russian intelligence agents organized the escape", 1)
    assert len(got) == 1 and "two Russian intelligence agents organized" in got[0]


def test_paraphrase_with_moved_words_is_aligned(seeds_000_002):
    got = partners(seeds_000_002, 0, "Russia had bombed opposition fighters initially", 1)
    assert got and "Russia initially bombed the rebels" in got[0]


def test_headline_lines_up_with_headline(seeds_000_002):
    got = partners(seeds_000_002, 0, "Russia pushed Assad to flee Syria", 1)
    assert got and "Russia pushed Bashar al-Assad to flee" in got[0]


def test_a_headline_that_also_sums_up_body_facts_sits_with_the_headlines(all_seeds):
    # 003's headline ("How Putin's intelligence agents convinced Assad to flee") also
    # links to the sentences on the agents' escape, some as surely: its row is still
    # the other headlines'.
    row = all_seeds.group_of(3, find(all_seeds, 3, "intelligence agents convinced Assad"))
    assert row is all_seeds.group_of(0, find(all_seeds, 0, "Russia pushed Assad to flee Syria"))
    assert row is all_seeds.group_of(4, find(all_seeds, 4, "Assad Granted Asylum in Russia"))


@pytest.mark.parametrize(
    "snippet", ["Published in News & Features", "Comments", "Turkey backed the insurgents"]
)
def test_sentences_with_no_counterpart_stay_alone(seeds_000_002, snippet):
    assert partners(seeds_000_002, 0, snippet, 1) == []


def test_related_news_list_is_not_matched(seeds_000_002):
    assert partners(seeds_000_002, 1, "Learn about the map of mass graves", 0) == []


def test_sharing_only_names_is_not_a_match(all_seeds):
    # 000 and 003 both name "Kremlin spokes... Dmitry Peskov" but say different things.
    assert partners(all_seeds, 0, "Peskov didn\u2019t immediately respond", 3) == []


def test_split_sentence_is_grouped_with_both_halves():
    merged = (
        "The finance minister resigned on Monday after losing a confidence vote, and the "
        "ruling party chose the former trade envoy Lena Marsh to replace him on Tuesday."
    )
    split = (
        "The finance minister resigned on Monday after losing a confidence vote. "
        "On Tuesday the ruling party chose the former trade envoy Lena Marsh to replace him."
    )
    story = (
        "Markets barely moved on the news.\nThe opposition called for an early election.\n"
        "Parliament returns from recess next week."
    )
    a = Document("a.txt", f"{story}\n{merged}\nThe budget vote is due in March.")
    b = Document("b.txt", f"{story}\n{split}\nThe budget vote is due in March.")
    comparison = compare_documents([a, b])
    row = comparison.group_of(0, find(comparison, 0, "The finance minister resigned"))
    assert len(row.sentences_of(1)) == 2
    assert partners(comparison, 0, "The finance minister resigned", 1) == [
        "The finance minister resigned on Monday after losing a confidence vote.",
        "On Tuesday the ruling party chose the former trade envoy Lena Marsh to replace him.",
    ]


def test_rows_hold_only_directly_linked_sentences(all_seeds):
    """No row presents two sentences as counterparts through a third: each member links
    directly to a member of every other article in its row, and the row's links are
    links of the comparison."""
    every = set(all_seeds.links)
    for group in all_seeds.groups:
        assert set(group.links) <= every
        partners: dict = {}
        for link in group.links:
            partners.setdefault(link.a, set()).add(link.b)
            partners.setdefault(link.b, set()).add(link.a)
        for m in group.members:
            for other in group.docs:
                if other != m.doc:
                    assert any(p.doc == other for p in partners.get(m, ())), (m, other)


def test_a_sentence_links_to_each_place_another_article_gives_its_facts():
    """A lede carrying two facts links to both sentences that give them apart."""
    a = Document(
        "a.txt",
        "Fire forces thousands from homes near Alder Springs\n"
        "A wind-driven wildfire tore through the foothills east of Alder Springs on Tuesday, "
        "destroying at least 37 homes and forcing about 6,500 people to flee.\n"
        "Firefighters said gusts of up to 50 mph pushed the flames across two ridges.\n"
        "The cause of the fire is under investigation.",
    )
    b = Document(
        "b.txt",
        "Wildfire destroys homes near Alder Springs\n"
        "A fast-moving wildfire raced through the foothills east of Alder Springs on Tuesday, "
        "destroying 37 homes.\n"
        "Gusts of up to 50 mph drove the flames over two ridges, firefighters said.\n"
        "About 6,500 people were forced to flee their homes as the flames spread.\n"
        "Investigators have not said what started the fire.",
    )
    comparison = compare_documents([a, b])
    got = partners(comparison, 0, "A wind-driven wildfire tore", 1)
    assert any(t.startswith("A fast-moving wildfire raced") for t in got)
    assert any(t.startswith("About 6,500 people") for t in got)
    assert not any(t.startswith("Gusts of up to") for t in got)


def test_every_sentence_is_in_exactly_one_group(all_seeds):
    seen = [m for g in all_seeds.groups for m in g.members]
    expected = {(d, s.index) for d, doc in enumerate(all_seeds.documents) for s in doc.sentences}
    assert len(seen) == len(expected)
    assert {(m.doc, m.sentence) for m in seen} == expected


def test_a_group_never_pairs_unrelated_sentences_of_one_article(all_seeds):
    for g in all_seeds.groups:
        for d in g.docs:
            own = g.sentences_of(d)
            assert own == list(range(own[0], own[0] + len(own))), "only adjacent sentences"


def test_same_file_twice_aligns_every_story_sentence_with_its_twin():
    a, b = seed_docs("000", "000")
    comparison = compare_documents([a, b])
    story = [s for s in a.sentences if s.index not in a.furniture]
    assert len(story) > 20
    for s in story:
        assert comparison.group_of(0, s.index).sentences_of(1) == [s.index]


def test_page_furniture_is_never_linked_not_even_to_its_copy(all_seeds):
    # 000 and 003 both end a block with the line "Comments"; a row of the two tells a
    # reader nothing.
    furniture = {(d, i) for d, doc in enumerate(all_seeds.documents) for i in doc.furniture}
    copies = [
        (d, s.index)
        for d, doc in enumerate(all_seeds.documents)
        for s in doc.sentences
        if s.text == "Comments"
    ]
    assert {d for d, _ in copies} >= {0, 3}
    assert set(copies) <= furniture
    linked = {(end.doc, end.sentence) for link in all_seeds.links for end in (link.a, link.b)}
    assert not linked & furniture
    for d, i in copies:
        assert all_seeds.group_of(d, i).members == (Member(d, i),)


def test_paragraph_moved_to_the_top_is_still_aligned():
    text = SEED["000"].read_text(encoding="utf-8")
    lines = text.splitlines()
    moved = "\n".join([lines[13], *lines[:13], *lines[14:]])
    comparison = compare_documents([Document("a.txt", text), Document("b.txt", moved)])
    got = partners(comparison, 1, "Russia had bombed opposition fighters", 0)
    assert got and got[0].startswith("Russia had bombed opposition fighters")


def _as_links(comparison: Comparison) -> set[frozenset[tuple[str, str]]]:
    docs = comparison.documents
    return {
        frozenset((docs[m.doc].text, docs[m.doc].sentences[m.sentence].text) for m in g.members)
        for g in comparison.groups
    }


def test_result_does_not_depend_on_file_order():
    names = ["000", "001", "002", "003", "004"]
    reference = _as_links(compare_documents(seed_docs(*names)))
    shuffled = names[:]
    random.Random(3).shuffle(shuffled)
    assert _as_links(compare_documents(seed_docs(*shuffled))) == reference


def test_same_input_gives_same_output():
    first = compare_documents(seed_docs("000", "001", "002"))
    second = compare_documents(seed_docs("000", "001", "002"))
    assert [g.members for g in first.groups] == [g.members for g in second.groups]


def _versions(base: list[str], n: int, rng: random.Random) -> list[str]:
    out = []
    for _ in range(n):
        kept = [s for s in base if rng.random() > 0.1]
        rng.shuffle(kept)
        out.append("\n".join(kept))
    return out


WORDS = (
    "army capital rebels offensive bombed palace embassy ministry jet escape talks "
    "officials ceasefire refugees border sanctions convoy airbase minister president"
).split()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(min_value=2, max_value=12), st.randoms(use_true_random=False))
def test_many_articles_align_shared_sentences(n_articles, rng):
    base = [" ".join(rng.sample(WORDS, 7)).capitalize() + f" number {k}." for k in range(12)]
    texts = _versions(base, n_articles, rng)
    note(repr(texts))
    comparison = compare_documents([Document(f"v{i}.txt", t) for i, t in enumerate(texts)])
    where = {}
    for d, doc in enumerate(comparison.documents):
        for s in doc.sentences:
            where.setdefault(s.text, []).append(comparison.group_of(d, s.index))
    for sentence, groups in where.items():
        assert all(g is groups[0] for g in groups), f"copies of {sentence!r} were split up"


def _middle_partners(middle_a: str, middle_b: str) -> list[str]:
    first = "The central bank raised its benchmark interest rate by a quarter point on Thursday."
    last = "The bank's next rate decision is due in December, officials confirmed on Thursday."
    a = Document("a.txt", f"{first}\n{middle_a}\n{last}")
    b = Document("b.txt", f"{first}\n{middle_b}\n{last}")
    comparison = compare_documents([a, b])
    return partners(comparison, 0, middle_a[:20], 1)


def test_reworded_sentence_between_aligned_neighbours_is_aligned():
    got = _middle_partners(
        "Unemployment, at 3.9 percent, remains near a record low.",
        "Joblessness is hovering close to its lowest level, 3.9 percent.",
    )
    assert got == ["Joblessness is hovering close to its lowest level, 3.9 percent."]


def test_unrelated_sentences_in_the_same_place_stay_apart():
    got = _middle_partners(
        "Unemployment, at 3.9 percent, remains near a record low.",
        "A spokesman for the opposition party did not return calls.",
    )
    assert got == []


def _two_by_two_pairs(rows, cols, probability, local=None, headline=None, lede=None):
    """Scored pairs among two articles of two sentences each (rows 0, 1 and 2, 3), with
    the context probabilities and local probabilities (``probability`` by default) given."""
    import numpy as np

    from sidebyside.engine.align import ScoredPairs
    from sidebyside.engine.pair_features import LOCAL

    none = np.zeros(4, dtype=bool)
    features = SimpleNamespace(
        doc_of_row=np.array([0, 0, 1, 1], dtype=np.int32), offsets=[0, 2], n_rows=4
    )
    facts = SimpleNamespace(
        position=np.array([0.0, 1.0, 0.0, 1.0]),
        words_code=np.arange(4),
        headline=none if headline is None else np.asarray(headline),
        lede=none if lede is None else np.asarray(lede),
    )
    rows, cols, probability = np.asarray(rows), np.asarray(cols), np.asarray(probability)
    local = probability if local is None else np.asarray(local)
    pairs = ScoredPairs(features, facts, rows, cols, np.ones((len(rows), len(LOCAL))))
    pairs.local_logit, pairs.probability = np.log(local / (1 - local)), probability
    return pairs


def test_headline_meets_headline_and_lede_meets_lede_when_a_lede_also_sums_up_the_headline():
    # Two articles, each a headline (rows 0, 2) and a lede (rows 1, 3).  The first's
    # lede links to the other's headline more surely than to its lede, as a lede that
    # repeats the headline's facts does: the rows are still headline with headline
    # and lede with lede, and the lede's link to the headline stays a link.
    from sidebyside.engine.align import build_alignment

    pairs = _two_by_two_pairs(
        [0, 1, 1],
        [2, 2, 3],
        [0.95, 0.98, 0.96],
        headline=[True, False, True, False],
        lede=[False, True, False, True],
    )
    alignment = build_alignment(pairs, 0.5, [0, 1])
    rows_built = {tuple((m.doc, m.sentence) for m in members) for members, _, _ in alignment.groups}
    assert rows_built == {((0, 0), (1, 0)), ((0, 1), (1, 1))}
    assert len(alignment.links) == 3


def test_a_pair_with_nothing_alike_of_its_own_is_never_linked_by_where_it_sits():
    # Rows 0, 1 of one article and 2, 3 of another: (0, 2) is alike on its own, (1, 3)
    # only sits where a counterpart would.  The context scores both as likely; only the
    # first reaches the fitted floor on local evidence.
    from sidebyside.engine.align import build_alignment
    from sidebyside.engine.linker import model_for

    pairs = _two_by_two_pairs([0, 1], [2, 3], [0.9, 0.9], local=[0.9, 0.001])
    for name in ("lexical", "paraphrase", "semantic"):
        model = model_for(name)
        assert model.floor > 0.001, name
        alignment = build_alignment(pairs, model.threshold, [0, 1], model.floor)
        linked = {(link.a.sentence, link.b.sentence) for link in alignment.links}
        assert linked == {(0, 0)}, name
