"""Number labels: a quantity that changed, appeared, vanished or changed its qualifier."""

from __future__ import annotations

import pytest
from divergence_pairs import labels

from sidebyside.engine.divergence import ADDS, CHANGES, NUMBER


@pytest.mark.parametrize(
    ("a", "b", "x", "y"),
    [
        (
            "It injured at least 20 people.",
            "It injured 19 people.",
            "at least 20 people",
            "19 people",
        ),
        (
            "The fund lost at least $40 million.",
            "The fund lost $40 million.",
            "at least $40 million",
            "$40 million",
        ),
        (
            "A preliminary magnitude 5.7 quake hit.",
            "A magnitude 5.7 quake hit.",
            "A preliminary magnitude 5.7 quake",
            "magnitude 5.7 quake",
        ),
        ("OSHA fined it $87,000 in 2021.", "OSHA fined it $78,000 in 2021.", "$87,000", "$78,000"),
        (
            "He faces a ban of up to four years.",
            "He faces a four-year ban.",
            "up to four years",
            "four-year",
        ),
        (
            "Two firefighters were hurt.",
            "Three firefighters were hurt.",
            "Two firefighters",
            "Three firefighters",
        ),
        (
            "It is the third such case this season.",
            "It is the second such case this season.",
            "third",
            "second",
        ),
        ("Turnout was 68.1%.", "Turnout was 61.8 percent.", "68.1%", "61.8 percent"),
        # A figure outside a vague amount's range.
        (
            "The fire destroyed 12 homes.",
            "The fire destroyed dozens of homes.",
            "12 homes",
            "dozens",
        ),
        # The same sources counted differently: the count changed, not the source.
        (
            "He pushed for it, according to two people familiar with the talks.",
            "He pushed for it, according to three people familiar with the talks.",
            "two people",
            "three people",
        ),
        # What one counts stands beside the other's figure (a compound noun), and the
        # clause before ", Tallis said" is the claim, not the source.
        (
            "Passengers were put on a replacement flight that left for Boston at 1:40 p.m., "
            "and each received a $200 travel voucher, Tallis said.",
            "Passengers were flown to Boston later in the day and given $250 vouchers.",
            "$200 travel",
            "$250 vouchers",
        ),
    ],
)
def test_a_changed_quantity_is_labelled_with_both_figures(a, b, x, y):
    assert labels(a, b, NUMBER) == [(NUMBER, CHANGES, x, y)]


def test_a_count_given_to_something_both_mention():
    assert labels(
        "Russian intelligence agents organized the escape.",
        "Two Russian intelligence agents organized the escape.",
        NUMBER,
    ) == [(NUMBER, ADDS, "", "Two Russian intelligence agents")]


def test_pairs_by_what_surrounds_them():
    got = labels(
        "Eleven were taken to hospital, where four were in critical condition.",
        "The hospital received 11 patients, three of them in critical condition.",
        NUMBER,
    )
    assert got == [(NUMBER, CHANGES, "four", "three")]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Fourteen people died.", "14 people died."),
        ("Three killed in the blast.", "Blast kills 3."),
        ("Containment was 9%.", "Containment was 9 percent."),
        ("More than 1,100 firefighters were there.", "Over 1,100 firefighters were there."),
        ("About 6,500 people fled.", "Roughly 6,500 residents fled."),
        ("A 5.7 earthquake struck.", "A magnitude 5.7 quake struck."),
        (
            "The bank raised rates by 50 basis points.",
            "The bank raised rates by half a percentage point.",
        ),
        ("They expected a 25-basis-point rise.", "They expected a 0.25 percentage points rise."),
        ("The target is 3% plus or minus one point.", "The target is 3% plus or minus one point."),
        ("It took 10 days.", "It took ten days."),
        ("The study lasted 18 months.", "The study lasted a year and a half."),
        ("The trial enrolled 4,120 adults.", "The trial enrolled more than 4,000 adults."),
        ("Of them, 87% attended.", "Of them, nearly nine in 10 attended."),
        ("Up to 8 inches of rain fell.", "As much as 8 inches of rain fell."),
        # A vague amount holds the figures in its range.
        ("The fire destroyed 37 homes.", "The fire destroyed dozens of homes."),
        ("The fire destroyed at least 37 homes.", "The fire destroyed dozens of homes."),
        ("About 6,500 people fled.", "Thousands of people fled."),
        # Numbers inside names, models and datelines are no quantities.
        ("Flightradar24 showed the jet climbing.", "FlightAware showed the jet climbing."),
        ("The fire jumped State Route 29.", "The fire jumped Route 29."),
        ("A Boeing 737-800 landed.", "A 737-800 landed."),
        ("After the COVID-19 pandemic, few came.", "After the coronavirus pandemic, few came."),
        ("LOS ANGELES (Jan. 29, 2015) - The mayor spoke.", "The mayor spoke."),
        # A count of sources that changes with the source is an attribution.
        (
            "The fire jumped the road, two fire officials said.",
            "The fire jumped the road, according to Cal Fire.",
        ),
        ("It has 162 passengers and six crew members.", "It has 168 people."),
        (
            "The transponder was turned off, one of them said.",
            "One said the transponder was turned off.",
        ),
        ("Russia pushed Assad to flee.", "Russian officials pushed Assad to flee."),
    ],
)
def test_the_same_quantity_in_other_words_is_no_label(a, b):
    assert labels(a, b, NUMBER) == []


def test_three_people_and_three_officials_are_the_same_count():
    got = labels(
        "Russia persuaded Assad, according to three people with knowledge of the situation.",
        "Three Russian officials said Russia persuaded Assad.",
        NUMBER,
    )
    assert got == []


def test_counts_of_what_happened_to_different_people_are_not_paired():
    # The dead, the injured and the missing are counts of their own ...
    assert (
        labels(
            "Three killed, two missing after blast at resin plant",
            "Explosion at plastics plant kills 3, injures at least 20",
            NUMBER,
        )
        == []
    )
    # ... however many words stand between the figure and what happened to them ...
    assert (
        labels(
            "Rescuers searched for dozens more who were still missing.",
            "Rescuers searched for 12 people who were killed.",
            NUMBER,
        )
        == []
    )
    # ... and the death toll pairs with the death toll, not with those aboard.
    assert labels(
        "About 40 people have died after a passenger ferry overturned.",
        "A passenger ferry carrying more than 200 people capsized, killing at least 60 people.",
        NUMBER,
    ) == [(NUMBER, CHANGES, "About 40 people", "at least 60 people")]


def test_a_round_figure_beside_a_bound_is_the_same_toll_but_two_bounds_are_two():
    assert labels("About 40 people have died.", "It has killed at least 41 people.", NUMBER) == []
    assert labels(
        "More than 30 people were unaccounted for.",
        "At least 41 people remain unaccounted for.",
        NUMBER,
    ) == [(NUMBER, CHANGES, "More than 30 people", "At least 41 people")]
