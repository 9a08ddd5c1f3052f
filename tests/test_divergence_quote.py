"""Quote labels: direct speech turned into paraphrase or back, or quoted words changed."""

from __future__ import annotations

from divergence_pairs import labels

from sidebyside.engine.divergence import CHANGES, QUOTE, TO_QUOTE, TO_REPORTED


def test_a_quote_in_the_other_version_s_own_words_names_both_wordings():
    got = labels(
        '"We will do whatever is necessary to bring inflation back to target," Sandu said.',
        "Sandu said the bank will make all that is necessary for bringing inflation back"
        " to target.",
        QUOTE,
    )
    assert [g[:2] for g in got] == [(QUOTE, TO_REPORTED)]
    assert "do whatever is necessary" in got[0][2]
    assert "all that is necessary" in got[0][3]


def test_reported_speech_turned_into_a_quote():
    got = labels(
        "He said it was very logical for Russia to tell Assad to give up.",
        "He said: “It is quite logical for Russia to ask Assad to surrender.”",
        QUOTE,
    )
    assert [g[:2] for g in got] == [(QUOTE, TO_QUOTE)]
    assert got[0][3].startswith("It is quite logical")


def test_the_part_of_a_quote_a_partial_quote_leaves_to_paraphrase():
    got = labels(
        '"Our hearts are with the families of our colleagues, and we are cooperating fully with'
        ' investigators," the chief executive said.',
        'The chief executive said "we are cooperating fully with investigators" and that the'
        " company's thoughts were with the families of the victims.",
        QUOTE,
    )
    assert len(got) == 1 and got[0][1] == TO_REPORTED
    assert "Our hearts are with the families" in got[0][2]
    assert "thoughts were with the families" in got[0][3]


def test_quoted_words_that_differ():
    got = labels(
        '"I grabbed the dog and the photo albums and that was it," he said.',
        "“I grabbed the dog and the photo albums, and that was all,” he said.",
        QUOTE,
    )
    assert got == [
        (
            QUOTE,
            CHANGES,
            "I grabbed the dog and the photo albums and that was it",
            "I grabbed the dog and the photo albums, and that was all",
        )
    ]


def test_quote_style_punctuation_and_a_partial_quote_are_no_labels():
    assert (
        labels(
            "Russia was in contact with “all Syrian opposition groups.”",
            'Russia was in contact with "all Syrian opposition groups."',
        )
        == []
    )
    assert (
        labels(
            '"We could hear them screaming for help, and there was nothing we could do," she said.',
            '"We could hear them screaming for help and there was nothing we could do," she said.',
        )
        == []
    )
    assert (
        labels(
            '"Falls are the leading cause of injury, and here is something cheap that works,"'
            " she said.",
            'She said "here is something cheap that works."',
            QUOTE,
        )
        == []
    )


def test_a_quote_one_version_leaves_out_is_no_label():
    assert (
        labels('The plant closed. "It is a sad day," the mayor said.', "The plant closed.", QUOTE)
        == []
    )
