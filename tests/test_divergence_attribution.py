"""Attribution labels: who a claim is credited to, and who was told."""

from __future__ import annotations

import pytest
from divergence_pairs import labels

from sidebyside.engine.divergence import ATTRIBUTION, CHANGES, DROPS


@pytest.mark.parametrize(
    ("a", "b", "x", "y"),
    [
        (
            "Russian intelligence agents organized the escape, two people said.",
            "The officials said Russian intelligence agents organized the escape.",
            "two people",
            "The officials",
        ),
        (
            "The fire jumped State Route 29 late Tuesday, two fire officials said.",
            "The fire jumped State Route 29 late Tuesday, according to Cal Fire.",
            "two fire officials",
            "Cal Fire",
        ),
        (
            "Finance Minister Tomas Reval said the government respected its independence.",
            "A finance ministry spokesman said the government respected its independence.",
            "Finance Minister Tomas Reval",
            "A finance ministry spokesman",
        ),
        (
            "Two team officials told Reuters that the readings had been flagged in April.",
            "Reuters reported that the readings had been flagged in April.",
            "Two team officials",
            "Reuters",
        ),
        (
            "Sandu argued for it, according to people familiar with the discussions.",
            "According to sources close to the bank, Sandu argued for it.",
            "people familiar with the discussions",
            "sources close to the bank",
        ),
    ],
)
def test_the_source_changed(a, b, x, y):
    assert labels(a, b, ATTRIBUTION) == [(ATTRIBUTION, CHANGES, x, y)]


def test_who_was_told_changed():
    got = labels(
        '"We will prove it," his lawyer, Marta Ibáñez, told Reuters by phone.',
        '"We will prove it," declared to this newspaper his lawyer, Marta Ibañez.',
        ATTRIBUTION,
    )
    assert (ATTRIBUTION, CHANGES, "Reuters", "this newspaper") in got


def test_a_claim_stated_as_fact_drops_its_source():
    got = labels(
        "Sheriff's spokeswoman Lena Ortiz said deputies went door to door in Pine Hollow.",
        "Deputies went door to door in Pine Hollow.",
        ATTRIBUTION,
    )
    assert got == [(ATTRIBUTION, DROPS, "Sheriff's spokeswoman Lena Ortiz", "")]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            "Finance Minister Tomas Reval said the government respected its independence.",
            "The Minister of Finance, Tomas Reval, affirmed that the government respected its"
            " independence.",
        ),
        (
            "The transponder was turned off, one of them said.",
            "One said the transponder was turned off.",
        ),
        (
            "Two workers who escaped said an alarm sounded.",
            "Two workers told WMBK that an alarm sounded.",
        ),
        (
            "The latches were open, two people familiar with the investigation said.",
            "The latches were open, according to people close to the investigation.",
        ),
        (
            "Pruitt said the blast was caused by vapor.",
            "Fire Chief Dale Pruett said the blast was caused by vapor.",
        ),
        (
            "The team said it was informed on Monday.",
            "According to the team, it was informed on Monday.",
        ),
        (
            "His party reported irregularities, the party said.",
            "The party said it saw irregularities.",
        ),
        # "He said" credits someone the article named before: the other version's name
        # is no added credit.
        (
            '"I grabbed the dog and the photo albums," he said.',
            '"I grabbed the dog and the photo albums," Tom Kesler said.',
        ),
        # A capital that only opens the sentence names no one.
        (
            "Forecasters said more showers were possible Saturday.",
            "More rain is possible Saturday, forecasters said.",
        ),
        # Adverbs and auxiliaries before the verb are not part of the source.
        (
            "Bell declared a state of emergency for 11 counties.",
            "Bell had swiftly declared a state of emergency for 11 counties.",
        ),
    ],
)
def test_the_same_source_in_other_words_is_no_label(a, b):
    assert labels(a, b, ATTRIBUTION) == []


@pytest.mark.parametrize(
    ("text", "sources"),
    [
        # "reports" read as a verb would credit the claim to "the".
        ("The family arrived in Moscow Sunday, the reports said.", ["the reports"]),
        # The clause before the comma is no title of the source.
        (
            "Assad left Syria as rebels advanced on Damascus, Kremlin sources told Bloomberg.",
            ["Kremlin sources", "Bloomberg"],
        ),
        # A title before a name is part of the source.
        (
            "The Minister of Finance, Tomas Reval, said the plan would work.",
            ["The Minister of Finance, Tomas Reval"],
        ),
        (
            "Kenya's foreign minister, Daniel Omondi said the plan would work.",
            ["Kenya's foreign minister, Daniel Omondi"],
        ),
        # The claim comes first: the words before the comma are what was said.
        ("Each passenger received a $200 voucher, Tallis said.", ["Tallis"]),
        ("Flights resumed at noon, Tallis said in a statement.", ["Tallis"]),
        # An age between commas stands between the name and the verb.
        ("In Calder Fork, Linda Sizemore, 57, said she climbed onto the roof.", ["Linda Sizemore"]),
        # A station whose name opens with a figure is who was told.
        ("Lynda Sizemore told 9 News she climbed onto the roof.", ["Lynda Sizemore", "9 News"]),
        ("Bell had swiftly declared a state of emergency.", ["Bell"]),
        # A noun that ends like an adverb stays.
        ("The family said it was grateful.", ["The family"]),
        # A passive verb: what was reported stands before it, who reported it after "by".
        (
            "Irregularities were reported at 14 polling stations by international observers.",
            ["international observers"],
        ),
        ("No injuries were reported.", []),
        # The points of "Dr." and "99.8%" end no source.
        ('"It works," said Dr. Lucia Ferraro, a geriatrician.', ["Dr. Lucia Ferraro"]),
        (
            "Ilves won, according to a count of 99.8% of ballots.",
            ["a count of 99.8% of ballots"],
        ),
        # When it was said is no claim after the verb: the clause before is the claim.
        (
            "At least 16 people are dead, Gov. Marcus Bell said Friday afternoon.",
            ["Gov. Marcus Bell"],
        ),
        # A clause after the verb is the claim, not who made it.
        ("They met but said state television had given him more coverage.", []),
        # The plain "say" of a source in the plural; not "to tell" or "would not say".
        (
            "The latches were left open, people close to the investigation say.",
            ["people close to the investigation"],
        ),
        ("Deputies went door to door to tell residents to leave.", []),
        ("The auditor would not say why the figures were wrong.", []),
        # Whom one testified against is no source.
        ("She pleaded guilty in March and testified against the former boss.", []),
        # The opening words before ", said Dr. ..." are the claim: the name follows.
        ("Dance works, said Dr. Lucy Ferraro.", ["Dr. Lucy Ferraro"]),
        # "in which" opens a clause with a subject of its own.
        (
            "The paper has published memos in which the ministry's own buyers argued for a tender.",
            ["the ministry's own buyers"],
        ),
        # A relative pronoun before the verb is not part of who speaks ...
        (
            "The papers were leaked by Hana Dvorek, a former section head who says she was fired.",
            ["a former section head"],
        ),
        # ... nor is the phrase before a pronoun, nor a clause that "until" opens.
        ("In his resignation statement he insisted he had acted for the army.", ["he"]),
        ("He wants the contract suspended until it reports.", ["it"]),
        # A lone opening word before the comma starts the claim; the source follows.
        (
            "Dance, said the lead author, Dr. Lucia Ferraro of Cascadia University, works.",
            ["the lead author, Dr. Lucia Ferraro of Cascadia University"],
        ),
    ],
)
def test_a_source_is_who_is_named_not_the_words_around_it(text, sources):
    from sidebyside.engine.divergence import attribution
    from sidebyside.engine.divergence.text import analysed

    assert [text[m.s : m.e] for m in attribution.find(analysed(text))] == sources


def test_an_age_and_a_station_are_no_figures_and_one_person_credited_twice_no_label():
    got = labels(
        "In Calder Fork, Linda Sizemore, 57, said she and her husband climbed onto their porch"
        " roof at 2 a.m. as the water poured into their living room.",
        "Lynda Sizemore told 9 News she and her husband climbed onto their porch roof around"
        " 2 a.m. as water filled their living room.",
    )
    assert got == [("name", "variant", "Linda Sizemore", "Lynda Sizemore")]


def test_a_pronoun_does_not_stand_in_for_another_source():
    got = labels(
        "Bloomberg quoted officials as saying that Assad fled, and they stated that he left.",
        "Assad fled and left, according to Russian media.",
        ATTRIBUTION,
    )
    assert got == [(ATTRIBUTION, CHANGES, "Bloomberg", "Russian media")]
