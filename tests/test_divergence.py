"""Labelled divergences: which differences change the story, and which do not."""

from __future__ import annotations

import pytest
from articles import SEED

from sidebyside.engine.diff import diff_group
from sidebyside.engine.divergence import (
    ADDS,
    ATTRIBUTION,
    CHANGES,
    DROPS,
    HEDGE,
    NAME,
    NUMBER,
    QUOTE,
    TIME,
    TO_QUOTE,
    TO_REPORTED,
    VARIANT,
    Divergence,
    classify_group,
    name_variant,
)
from sidebyside.engine.model import Document, Group, Member, Sentence
from sidebyside.engine.pipeline import compare_documents
from sidebyside.engine.segment import split_sentences


def pair(a: str, b: str, with_diffs: bool = True) -> tuple[list[Document], Group]:
    """Two one-sentence articles aligned as one group."""
    docs = []
    for n, text in enumerate((a, b)):
        doc = Document(path=f"{n}.txt", text=text)
        doc.sentences = [Sentence(0, 0, len(text), text, 0)]
        docs.append(doc)
    members = (Member(0, 0), Member(1, 0))
    return docs, Group(members, 0.8, diff_group(docs, members) if with_diffs else ())


def labels(a: str, b: str, kind: str | None = None) -> list[tuple[str, str, str, str]]:
    docs, group = pair(a, b)
    return [
        (d.kind, d.change, d.a_text, d.b_text)
        for d in classify_group(docs, group)
        if kind is None or d.kind == kind
    ]


# -- number -------------------------------------------------------------------


def test_a_count_added_is_a_number():
    assert labels(
        "Russian intelligence agents organized the escape.",
        "Two Russian intelligence agents organized the escape.",
        NUMBER,
    ) == [(NUMBER, ADDS, "", "Two Russian intelligence agents")]


def test_the_same_count_of_other_sources_is_a_changed_number():
    got = labels(
        "He left immediately, according to three people with knowledge of the situation.",
        "He left immediately, three unidentified sources familiar with the matter said.",
        NUMBER,
    )
    assert got == [(NUMBER, CHANGES, "three people", "three unidentified sources")]


def test_words_and_digits_for_a_span_of_years():
    got = labels(
        "It ended the family's 50 years of rule.",
        "It ended the family's more than half a century of rule.",
        NUMBER,
    )
    assert got == [(NUMBER, CHANGES, "50 years", "more than half a century")]
    got = labels(
        "The conflict had raged for nearly 14 years.",
        "The conflict had raged for 13 years.",
        NUMBER,
    )
    assert got == [(NUMBER, CHANGES, "nearly 14 years", "13 years")]


def test_the_same_quantity_in_words_and_digits_is_no_divergence():
    assert labels("Fourteen people died.", "14 people died.", NUMBER) == []


def test_russia_and_russian_are_not_numbers():
    assert labels("Russia pushed Assad to flee.", "Russian officials pushed Assad to flee.") == []


def test_one_of_them_is_not_a_count():
    assert (
        labels(
            "The transponder was turned off, one of them said.",
            "One said the transponder was turned off.",
            NUMBER,
        )
        == []
    )


# -- name ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("x", "y"),
    [
        ("pukhov", "puhkov"),
        ("tahrir", "tahir"),
        ("khmeimim", "hmeimim"),
        ("dmitry", "dimitry"),
        ("qaddafi", "gaddafi"),
    ],
)
def test_spellings_of_one_name(x, y):
    assert name_variant(x, y)


@pytest.mark.parametrize(
    ("x", "y"),
    [("iran", "iraq"), ("russia", "russian"), ("syria", "syrian"), ("hama", "homs")],
)
def test_different_names_are_not_variants(x, y):
    assert not name_variant(x, y)


def test_a_respelled_name_is_labelled_a_variant():
    got = labels(
        "Kremlin spokesman Dmitry Peskov declined to comment.",
        "Kremlin spokesman Dimitry Peskov declined to comment.",
    )
    assert got == [(NAME, VARIANT, "Dmitry", "Dimitry")]
    got = labels(
        "Forces led by Hayat Tahrir al-Sham advanced.",
        "Forces led by Hayat Tahir al-Sham advanced.",
    )
    assert got == [(NAME, VARIANT, "Tahrir", "Tahir")]


def test_another_name_in_the_same_place_is_a_different_name_not_a_variant():
    got = labels(
        "He met the leaders of Iran in Doha.",
        "He met the leaders of Iraq in Doha.",
        NAME,
    )
    assert got == [(NAME, CHANGES, "Iran", "Iraq")]


def test_a_changed_common_word_is_not_a_name():
    assert (
        labels("Russian agents organized the escape.", "Russian agents organised the escape.") == []
    )
    assert labels("The army melted away.", "The army faded away.") == []


def test_a_spelling_used_elsewhere_in_the_article_is_found():
    a = "Ruslan Pukhov runs a think-tank. He said it was logical."
    b = "Puhkov said it was logical."
    docs = [Document(path="a.txt", text=a), Document(path="b.txt", text=b)]
    for doc in docs:
        doc.sentences = split_sentences(doc.text)
    members = (Member(0, 1), Member(1, 0))
    group = Group(members, 0.8, diff_group(docs, members))
    (d,) = [d for d in classify_group(docs, group) if d.kind == NAME]
    assert (d.change, d.a_text, d.b_text) == (VARIANT, "Pukhov", "Puhkov")
    assert a[d.a_start : d.a_end] == "Pukhov"


# -- quote --------------------------------------------------------------------


def test_reported_speech_turned_into_a_quote():
    got = labels(
        "He said it was very logical for Russia to tell Assad to give up.",
        "He said: “It is quite logical for Russia to ask Assad to surrender.”",
        QUOTE,
    )
    assert [g[:2] for g in got] == [(QUOTE, TO_QUOTE)]
    assert got[0][3].startswith("It is quite logical")


def test_a_quote_turned_back_into_reported_speech():
    got = labels(
        "“President Putin is demanding to know why the service did not spot it,” he said.",
        "President Putin is demanding to know why the service did not spot it, he said.",
        QUOTE,
    )
    assert [g[:2] for g in got] == [(QUOTE, TO_REPORTED)]


def test_quoted_words_that_differ():
    got = labels(
        "He said it was “very logical” for Russia.",
        "He said it was “quite logical” for Russia.",
        QUOTE,
    )
    assert got == [(QUOTE, CHANGES, "very logical", "quite logical")]


def test_quote_style_alone_is_no_divergence():
    assert (
        labels(
            "Russia was in contact with “all Syrian opposition groups.”",
            'Russia was in contact with "all Syrian opposition groups."',
        )
        == []
    )


# -- attribution ---------------------------------------------------------------


def test_the_source_changed():
    got = labels(
        "Russian intelligence agents organized the escape, two people said.",
        "The officials said Russian intelligence agents organized the escape.",
        ATTRIBUTION,
    )
    assert got == [(ATTRIBUTION, CHANGES, "two people", "The officials")]


def test_the_source_across_a_relative_clause():
    got = labels(
        "Russia persuaded Assad, according to three people with knowledge of the situation.",
        "Three Russian officials close to the Kremlin, who declined to be named, said "
        "Russia persuaded Assad.",
        ATTRIBUTION,
    )
    assert got == [
        (
            ATTRIBUTION,
            CHANGES,
            "three people with knowledge of the situation",
            "Three Russian officials close to the Kremlin",
        )
    ]


def test_the_source_vanished():
    got = labels(
        "Russia concluded it couldn't protect the regime, one of the people said.",
        "Russia concluded it could not protect the regime.",
    )
    assert got == [(ATTRIBUTION, DROPS, "one of the people", "")]


def test_a_pronoun_for_the_same_source_is_no_divergence():
    assert (
        labels(
            "The transponder was turned off, one of them said.",
            "One said the transponder was turned off.",
        )
        == []
    )


# -- time ---------------------------------------------------------------------


def test_dates_that_differ():
    got = labels(
        "The ministry on Sunday announced that Assad had left.",
        "The ministry announced last Sunday that Assad had left.",
    )
    assert got == [(TIME, CHANGES, "Sunday", "last Sunday")]
    got = labels("The talks were held on Saturday.", "The talks were held on December 7.")
    assert got == [(TIME, CHANGES, "Saturday", "December 7")]


def test_the_same_day_with_or_without_on_is_no_divergence():
    assert (
        labels("The family arrived in Moscow on Sunday.", "The family arrived in Moscow Sunday.")
        == []
    )


def test_a_date_added():
    assert labels("Assad fled.", "Assad fled on December 8.") == [(TIME, ADDS, "", "December 8")]


# -- hedge --------------------------------------------------------------------


def test_qualifiers_added_and_dropped():
    assert labels(
        "Russia convinced Assad that he would lose the battle.",
        "Russia convinced Assad that he would quickly lose the battle.",
    ) == [(HEDGE, ADDS, "", "quickly")]
    assert labels(
        "Putin reportedly has no plans to meet Assad.", "Putin has no plans to meet Assad."
    ) == [(HEDGE, DROPS, "reportedly", "")]


def test_could_not_and_may_the_month_are_no_hedges():
    assert (
        labels("Russia couldn't protect the regime.", "Russia could not protect the regime.") == []
    )
    assert labels("Elections are due in June.", "Elections are due in May.", HEDGE) == []


# -- the divergence itself -------------------------------------------------------


def test_offsets_point_at_the_text_and_the_description_reads():
    docs, group = pair("Assad fled, two people said.", "Assad fled, the officials said.")
    (d,) = [d for d in classify_group(docs, group) if d.kind == ATTRIBUTION]
    assert docs[0].text[d.a_start : d.a_end] == d.a_text == "two people"
    assert docs[1].text[d.b_start : d.b_end] == d.b_text == "the officials"
    assert d.description == '[2] credits "the officials" where [1] credits "two people"'
    flipped = d.flipped()
    assert isinstance(flipped, Divergence) and (flipped.a, flipped.b) == (1, 0)


def test_the_same_labels_without_precomputed_diffs():
    a = "Kremlin spokesman Dmitry Peskov said on Sunday that Assad reportedly fled."
    b = "Kremlin spokesman Dimitry Peskov said last Sunday that Assad fled."
    docs, with_diffs = pair(a, b)
    _, lazy = pair(a, b, with_diffs=False)
    assert classify_group(docs, with_diffs) == classify_group(docs, lazy)


def test_pairs_can_be_oriented_reference_first():
    docs, group = pair("Assad fled.", "Assad quickly fled.")
    (forward,) = classify_group(docs, group)
    (backward,) = classify_group(docs, group, [(1, 0)])
    assert forward.change == ADDS and backward.change == DROPS
    assert backward == forward.flipped()


def test_identical_versions_and_lone_sentences_have_no_labels():
    docs, group = pair("Two agents fled on Sunday.", "Two agents fled on Sunday.")
    assert classify_group(docs, group) == ()
    assert classify_group(docs, Group((Member(0, 0),), 1.0)) == ()


# -- the seeds ------------------------------------------------------------------


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
    assert (HEDGE, ADDS, "", "quickly") in found
    assert (TIME, CHANGES, "Sunday", "last Sunday") in found
    assert (ATTRIBUTION, CHANGES, "two people", "The officials") in found
    assert any(k == QUOTE and c == TO_QUOTE for k, c, _, _ in found)
    # Nothing labelled twice, and no name variants among these well-spelled rows.
    assert not any(k == NAME for k, *_ in found)
