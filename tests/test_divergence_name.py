"""Name labels: a different name in the same role, or one name spelled two ways."""

from __future__ import annotations

import pytest
from divergence_pairs import articles, labels

from sidebyside.engine.diff import diff_group
from sidebyside.engine.divergence import CHANGES, NAME, VARIANT, classify_group
from sidebyside.engine.features import FAMILY, SPELLING, name_relation
from sidebyside.engine.model import Group, Member


@pytest.mark.parametrize(
    ("x", "y"),
    [
        ("pukhov", "puhkov"),
        ("tahrir", "tahir"),
        ("khmeimim", "hmeimim"),
        ("qaddafi", "gaddafi"),
        ("dumitrescu", "dumitresku"),
    ],
)
def test_spellings_of_one_name(x, y):
    assert name_relation(x, y) == SPELLING


@pytest.mark.parametrize(
    ("x", "y"), [("russia", "russian"), ("syria", "syrian"), ("turkey", "turkish")]
)
def test_a_word_family_is_one_name_not_a_spelling(x, y):
    assert name_relation(x, y) == FAMILY


@pytest.mark.parametrize(("x", "y"), [("iran", "iraq"), ("hama", "homs")])
def test_different_names(x, y):
    assert name_relation(x, y) is None


def test_a_respelled_name_is_a_variant_shown_whole():
    got = labels(
        "Kremlin spokesman Dmitry Peskov declined to comment.",
        "Kremlin spokesman Dimitry Peskov declined to comment.",
    )
    assert got == [(NAME, VARIANT, "Dmitry Peskov", "Dimitry Peskov")]


@pytest.mark.parametrize(
    ("a", "b", "x", "y"),
    [
        # The words the two names share are shown with the one that differs ...
        (
            "said Dr. Lucia Ferraro, a geriatrician.",
            "said Dr. Lucy Ferraro, a geriatrician.",
            "Dr. Lucia Ferraro",
            "Dr. Lucy Ferraro",
        ),
        # ... but not a capitalised word beyond them that differs too.
        (
            "Spokesman Greg Tallis said so.",
            "Spokeswoman Greg Tellis said so.",
            "Greg Tallis",
            "Greg Tellis",
        ),
    ],
)
def test_a_changed_name_is_shown_with_the_rest_of_it(a, b, x, y):
    assert [(d[2], d[3]) for d in labels(a, b, NAME)] == [(x, y)]


def test_another_name_in_the_same_role():
    assert labels(
        "He met the leaders of Iran in Doha.", "He met the leaders of Iraq in Doha.", NAME
    ) == [(NAME, CHANGES, "Iran", "Iraq")]
    got = labels(
        "Still haunted by the killing of Iraqi leader Saddam Hussein, the Kremlin moved.",
        "Still haunted by the killing of Libyan leader Moammar Qaddafi, the Kremlin moved.",
        NAME,
    )
    assert got == [(NAME, CHANGES, "Iraqi leader Saddam Hussein", "Libyan leader Moammar Qaddafi")]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("His lawyer, Marta Ibáñez, spoke.", "His lawyer, Marta Ibañez, spoke."),
        (
            "The U.S. Chemical Safety Board is sending a team.",
            "The Chemical Safety Board is sending a team.",
        ),
        (
            "The Independent Cycling Integrity Agency said so.",
            "The Independent Agency for the Integrity of Cycling said so.",
        ),
        ("The StepTogether trial ran for a year.", "The Step Together trial ran for a year."),
        ("Assad fled on Dec. 8.", "Assad fled on December 8."),
        ("Russian agents organized the escape.", "Russian agents organised the escape."),
        ("The army melted away.", "The army faded away."),
        ("Russia pushed Assad to flee.", "Russian officials pushed Assad to flee."),
        # One body, a word of its name in two forms.
        (
            "Ilves won, according to the Central Election Commission.",
            "Ilves won, according to the Central Electoral Commission.",
        ),
    ],
)
def test_no_name_label(a, b):
    assert labels(a, b, NAME) == []


def _row_names(a: str, b: str, sentence_a: int, sentence_b: int) -> list:
    """The name labels of one sentence of each article, side by side in a row."""
    docs = articles(a, b)
    members = (Member(0, sentence_a), Member(1, sentence_b))
    group = Group(members, 0.8, diff_group(docs, members))
    return [d for d in classify_group(docs, group) if d.kind == NAME]


def test_a_spelling_used_elsewhere_in_the_article_is_found():
    a = "Ruslan Pukhov runs a think-tank. He said it was logical."
    (d,) = _row_names(a, "Puhkov said it was logical.", 1, 0)
    assert (d.change, d.a_text, d.b_text) == (VARIANT, "Pukhov", "Puhkov")
    assert a[d.a_start : d.a_end] == "Pukhov"


def test_two_names_both_articles_write_are_no_spelling_of_one():
    # "Veldra" is the country, "Kurier Veldry" its newspaper: each article writes both.
    a = "On Monday Veldra's defence minister quit. The daily Kurier Veldry broke the story."
    b = "The minister quit after Kurier Veldry reported on it. On Tuesday Veldra named a cabinet."
    assert _row_names(a, b, 0, 0) == []


def test_first_names_before_one_surname_wherever_the_credit_stands():
    got = labels(
        "Dance, said the lead author, Dr. Lucia Ferraro of Cascadia Health Sciences University,"
        " turned out to be a good way to train balance.",
        '"Dance is the best way to train balance," said Dr. Lucy Ferraro, who led the research.',
        NAME,
    )
    assert got == [(NAME, CHANGES, "Dr. Lucia Ferraro", "Dr. Lucy Ferraro")]
