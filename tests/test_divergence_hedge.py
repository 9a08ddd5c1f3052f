"""Hedge labels: one version hedges what the other states as fact."""

from __future__ import annotations

import pytest
from divergence_pairs import labels

from sidebyside.engine.divergence import ADDS, DROPS, HEDGE


@pytest.mark.parametrize(
    ("a", "b", "change", "text"),
    [
        (
            "Putin reportedly has no plans to meet Assad.",
            "Putin has no plans to meet Assad.",
            DROPS,
            "reportedly",
        ),
        (
            "Its equipment may have been involved.",
            "Its equipment was involved.",
            DROPS,
            "may have been involved",
        ),
        (
            "Arrieta is believed to have been training alone.",
            "Arrieta was training alone.",
            DROPS,
            "is believed to",
        ),
        (
            "The results may not apply to everyone.",
            "The results do not apply to everyone.",
            DROPS,
            "may not apply",
        ),
        (
            "She is expected to name a prime minister.",
            "She will name a prime minister.",
            DROPS,
            "is expected to",
        ),
        (
            "The blast was caused by a buildup of vapor.",
            "Investigators believe a buildup of vapor caused the blast.",
            ADDS,
            "believe",
        ),
        (
            "Analysts expect another increase.",
            "Analysts do not exclude another increase.",
            ADDS,
            "do not exclude",
        ),
        ("The man allegedly fired twice.", "The man fired twice.", DROPS, "allegedly"),
    ],
)
def test_a_hedge_added_or_dropped(a, b, change, text):
    got = labels(a, b, HEDGE)
    assert len(got) == 1
    _, found, a_text, b_text = got[0]
    assert found == change and text in (b_text if change == ADDS else a_text)


@pytest.mark.parametrize(
    ("a", "b", "stated"),
    [
        (
            "The results may not apply to everyone.",
            "The results do not apply to everyone.",
            "do not apply",
        ),
        ("She is expected to name a prime minister.", "She will name a prime minister.", "will"),
        (
            "The latches may not have been fastened.",
            "The latches were not fastened.",
            "were not fastened",
        ),
        # Nothing states it in other words: the hedge's words only are dropped ...
        ("The man allegedly fired twice.", "The man fired twice.", ""),
        # ... and in a sentence turned round, no words stand for the hedge.
        (
            "Investigators believe a buildup of vapor caused the blast.",
            "The blast was caused by a buildup of vapor.",
            "",
        ),
    ],
)
def test_a_hedge_is_shown_with_what_the_other_states(a, b, stated):
    ((_, change, _, b_text),) = labels(a, b, HEDGE)
    assert (change, b_text) == (DROPS, stated)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # Manner and time adverbs are no hedges.
        ("Russia said he would lose the battle.", "Russia said he would quickly lose the battle."),
        ("The union did not immediately respond.", "The union did not respond."),
        ("No deaths have been reported so far.", "No deaths have been reported."),
        ("It suspended him with immediate effect.", "It suspended him immediately."),
        # Both hedge, in other words.
        (
            "The blast may have been caused by vapor.",
            "Investigators believe vapor caused the blast.",
        ),
        (
            "The bank could raise rates again.",
            "Analysts do not exclude that the bank raises rates again.",
        ),
        ("Offenders typically receive less.", "Offenders generally receive less."),
        ("The latches may not have been fastened.", "The latches may have been left unfastened."),
        # Ability, the month.
        ("Russia couldn't protect the regime.", "Russia could not protect the regime."),
        ("Elections are due in June.", "Elections are due in May."),
    ],
)
def test_no_hedge_label(a, b):
    assert labels(a, b, HEDGE) == []


def test_the_description_names_the_words_each_version_uses():
    from divergence_pairs import row

    from sidebyside.engine.divergence import classify_group

    docs, group = row(
        "The results do not apply to everyone.", "The results may not apply to everyone."
    )
    (d,) = [d for d in classify_group(docs, group) if d.kind == HEDGE]
    assert d.description == '[2] hedges "may not apply" where [1] states "do not apply"'
