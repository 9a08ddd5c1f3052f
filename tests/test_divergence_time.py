"""Time labels: a time the other version gives differently in the same place."""

from __future__ import annotations

import pytest
from divergence_pairs import labels

from sidebyside.engine.divergence import CHANGES, TIME


@pytest.mark.parametrize(
    ("a", "b", "x", "y"),
    [
        (
            "The talks were held on Saturday.",
            "The talks were held on December 7.",
            "on Saturday",
            "on December 7",
        ),
        (
            "The bank raised rates on Wednesday.",
            "The bank decided yesterday to raise rates.",
            "on Wednesday",
            "yesterday",
        ),
        ("The team was told on Monday.", "The team was told last week.", "on Monday", "last week"),
        (
            "Inflation returns to target by mid-2027.",
            "Inflation returns to target in the second half of 2026.",
            "by mid-2027",
            "in the second half of 2026",
        ),
        (
            "The river crested at 3 a.m. Friday.",
            "The river crested around 5 a.m.",
            "at 3 a.m. Friday",
            "around 5 a.m.",
        ),
        (
            "She declared an emergency on Wednesday.",
            "She declared an emergency late Tuesday.",
            "on Wednesday",
            "late Tuesday",
        ),
        (
            "The count applies from early Friday.",
            "The count applies from Friday evening.",
            "from early Friday",
            "from Friday evening",
        ),
        (
            "It collapsed in November 2023.",
            "It collapsed in October of 2023.",
            "in November 2023",
            "in October of 2023",
        ),
        (
            "He conceded shortly after midnight.",
            "He conceded just before midnight.",
            "shortly after midnight",
            "just before midnight",
        ),
        (
            "The ferry turned over at about 9:40 on Sunday night.",
            "The ferry overturned shortly after 10 o'clock on Sunday night.",
            "at about 9:40",
            "shortly after 10 o'clock",
        ),
        (
            "Polls close at seven o'clock p.m.",
            "Polls close at 8 p.m.",
            "at seven o'clock p.m.",
            "at 8 p.m.",
        ),
    ],
)
def test_a_time_given_differently_is_labelled(a, b, x, y):
    assert labels(a, b, TIME) == [(TIME, CHANGES, x, y)]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Assad fled on Dec. 8.", "Assad fled on December 8."),
        ("The meeting is on April 23.", "The meeting is on 23 April."),
        ("Containment is expected by Aug. 25.", "Containment is expected by August 25."),
        ("The family arrived on Sunday.", "The family arrived Sunday."),
        ("It was announced on Tuesday.", "It was announced this Tuesday (16)."),
        ("The ministry announced it on Sunday.", "The ministry announced it last Sunday."),
        ("The river rose on Friday.", "The river rose on Friday afternoon."),
        ("The blast happened at 6:40 a.m.", "The blast happened around 6:40 am."),
        ("It took off at 7:15 a.m.", "It took off at 07:15 local time."),
        ("Inflation returns by mid-2027.", "Inflation returns by the middle of 2027."),
        (
            "The forecast for the end of 2025 rose.",
            "The forecast for the end of the year 2025 rose.",
        ),
        ("He conceded shortly after midnight.", "He conceded after midnight."),
        ("It sank at 10 o'clock.", "It sank at 10:00."),
        ("It sank at ten o\u2019clock.", "It sank at 10 o'clock."),
        ("Polls close at seven o'clock p.m.", "Polls close at 7 p.m."),
        # An hour in words is a time only on the hour: "one of them" is no clock.
        ("Ten people met one of them.", "Eleven people met two of them."),
        # A time only one version gives is new detail, not a change.
        ("Assad fled.", "Assad fled on December 8."),
        ("MADRID, June 17 (Reuters) - The rider was suspended.", "The rider was suspended."),
    ],
)
def test_the_same_time_in_other_words_is_no_label(a, b):
    assert labels(a, b, TIME) == []


def test_dec_8_and_december_8_give_no_label_of_any_kind():
    assert (
        labels("Assad fled on Dec. 8, officials said.", "Assad fled on December 8, officials said.")
        == []
    )


def test_an_hour_on_the_clock_that_changes_is_a_time_not_a_quantity():
    assert labels("The vote closes at 8 o'clock.", "The vote closes at 9 o'clock.") == [
        (TIME, CHANGES, "at 8 o'clock", "at 9 o'clock")
    ]


def test_when_a_statement_was_made_is_not_paired_with_when_the_event_happened():
    got = labels(
        "The minister has stepped down over the contract, the government said Tuesday.",
        "The minister resigned on Monday evening over the contract.",
        TIME,
    )
    assert got == []
    # Two statements' days are still compared.
    assert labels(
        "The minister has stepped down, the government said Tuesday.",
        "The minister has stepped down, the government said on Monday.",
        TIME,
    ) == [(TIME, CHANGES, "Tuesday", "on Monday")]
