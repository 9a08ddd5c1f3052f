"""Labels of a row: only between directly linked sentences, one label per change."""

from __future__ import annotations

from articles import SEED
from divergence_pairs import docs_of, labels, row

from sidebyside.engine.diff import diff_group
from sidebyside.engine.divergence import (
    ADDS,
    ATTRIBUTION,
    CHANGES,
    DROPS,
    HEDGE,
    NAME,
    NUMBER,
    Divergence,
    classify_group,
)
from sidebyside.engine.model import Document, Group, Link, Member
from sidebyside.engine.pipeline import compare_documents


def test_offsets_point_at_the_text_and_the_description_reads():
    docs, group = row("Assad fled, two people said.", "Assad fled, the officials said.")
    (d,) = [d for d in classify_group(docs, group) if d.kind == ATTRIBUTION]
    assert docs[0].text[d.a_start : d.a_end] == d.a_text == "two people"
    assert docs[1].text[d.b_start : d.b_end] == d.b_text == "the officials"
    assert d.description == '[2] credits "the officials" where [1] credits "two people"'
    flipped = d.flipped()
    assert isinstance(flipped, Divergence) and (flipped.a, flipped.b) == (1, 0)


def test_the_same_labels_with_or_without_precomputed_diffs():
    a = "Kremlin spokesman Dmitry Peskov said on Sunday that Assad reportedly fled."
    b = "Kremlin spokesman Dimitry Peskov said on December 8 that Assad fled."
    docs, lazy = row(a, b)
    with_diffs = Group(lazy.members, 0.8, diff_group(docs, lazy.members))
    assert classify_group(docs, with_diffs) == classify_group(docs, lazy)
    assert {d.kind for d in classify_group(docs, lazy)} == {NAME, "time", HEDGE}


def test_pairs_can_be_oriented_reference_first():
    docs, group = row("Its equipment may have been involved.", "Its equipment was involved.")
    (forward,) = classify_group(docs, group)
    (backward,) = classify_group(docs, group, [(1, 0)])
    assert forward.change == DROPS and backward.change == ADDS
    assert backward == forward.flipped()


def test_identical_versions_and_lone_sentences_have_no_labels():
    docs, group = row("Two agents fled on Sunday.", "Two agents fled on Sunday.")
    assert classify_group(docs, group) == ()
    assert classify_group(docs, Group((Member(0, 0),), 1.0)) == ()


def test_one_label_per_change_naming_the_articles_that_agree():
    docs, group = row(
        "Two firefighters were hurt.",
        "Three firefighters were hurt.",
        "Three firefighters were hurt.",
    )
    (d,) = classify_group(docs, group)
    assert (d.kind, d.change, d.a_docs, d.b_docs) == (NUMBER, CHANGES, (0,), (1, 2))
    assert d.description == '[2], [3] have "Three firefighters" where [1] has "Two firefighters"'
    # Against a reference, the same: listed once, not once per article.
    assert len(classify_group(docs, group, [(0, 1), (0, 2)])) == 1


def test_the_article_that_differs_is_named_against_the_two_that_agree():
    docs, group = row(
        "Two were hurt, officials said.",
        "Three were hurt, officials said.",
        "Two were hurt, officials said.",
    )
    (d,) = classify_group(docs, group)
    assert set(d.a_docs) | set(d.b_docs) == {0, 1, 2}
    assert (d.b_docs if d.b == 1 else d.a_docs) == (1,)


def test_labels_only_between_sentences_linked_directly():
    # A row of three articles where [2]'s sentence is linked to [1]'s and [3]'s,
    # but [1]'s and [3]'s are not linked to each other: [1] and [3] are never compared.
    docs = docs_of(
        "Two firefighters were hurt.", "Firefighters were hurt.", "Five firefighters were hurt."
    )
    m = [Member(d, 0) for d in range(3)]
    links = (Link(m[0], m[1], 0.9, "reworded"), Link(m[1], m[2], 0.9, "reworded"))
    group = Group(tuple(m), 0.8, (), links)
    pairs = {(d.a, d.b) for d in classify_group(docs, group)}
    assert (0, 2) not in pairs and (2, 0) not in pairs
    assert {frozenset(p) for p in pairs} <= {frozenset((0, 1)), frozenset((1, 2))}


def test_a_split_sentence_is_compared_with_both_halves():
    docs = [
        Document(
            path="a.txt", text="The fire jumped the road late Tuesday, two fire officials said."
        ),
        Document(path="b.txt", text="The fire jumped the road late Tuesday. Cal Fire said so."),
    ]
    from sidebyside.engine.model import Sentence

    docs[0].sentences = [Sentence(0, 0, len(docs[0].text), docs[0].text, 0)]
    t = docs[1].text
    cut = t.index("Cal")
    docs[1].sentences = [
        Sentence(0, 0, cut - 1, t[: cut - 1], 0),
        Sentence(1, cut, len(t), t[cut:], 0),
    ]
    m = (Member(0, 0), Member(1, 0), Member(1, 1))
    links = (Link(m[0], m[1], 0.9, "partial"), Link(m[0], m[2], 0.6, "partial"))
    got = [
        (d.kind, d.change, d.a_text, d.b_text)
        for d in classify_group(docs, Group(m, 0.8, (), links))
    ]
    assert got == [(ATTRIBUTION, CHANGES, "two fire officials", "Cal Fire")]


def test_the_issue_cases_read_as_a_fact_checker_would():
    assert (
        labels("LOS ANGELES (Jan. 29, 2015) - The mayor spoke.", "LOS ANGELES - The mayor spoke.")
        == []
    )
    assert (
        labels(
            "Flightradar24 showed the jet at 8,000 feet.",
            "Flightradar24 data showed the jet at 8,000 feet.",
        )
        == []
    )
    assert labels("Russia said he would lose quickly.", "Russia said he would lose.") == []
    got = labels(
        "Russia persuaded Assad, according to three people with knowledge of the situation.",
        "Three Russian officials said Russia persuaded Assad.",
    )
    assert [g[0] for g in got] == [ATTRIBUTION]


def test_the_seeds_000_and_002():
    paths = [SEED[n] for n in ("000", "001", "002", "003", "004")]
    docs = [Document(path=str(p), text=p.read_text(encoding="utf-8")) for p in paths]
    comp = compare_documents(docs)
    found = {
        (d.kind, d.change, d.a_text, d.b_text)
        for g in comp.groups
        if 0 in g.docs and 2 in g.docs
        for d in classify_group(docs, g, [(0, 2)])
    }
    assert (NUMBER, ADDS, "", "two Russian intelligence agents") in found
    assert (ATTRIBUTION, CHANGES, "two people", "The officials") in found
    assert not any(k == HEDGE for k, *_ in found)  # "quickly" is no hedge
    assert [x for x in found if x[0] == NAME] == [(NAME, "variant", "Qaddafi", "Gaddafi")]
