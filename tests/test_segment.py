"""Sentence segmentation: the boundaries a careful reader draws, exact offsets, paragraphs."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sidebyside.engine.segment import WHITESPACE, split_sentences

SEEDS = Path(__file__).resolve().parents[1] / "seeds"

# Lines that a careful reader reads as one sentence.
ONE_SENTENCE = [
    ("attribution after quote", "“We are leaving,” he said."),
    (
        "attribution with title after quote",
        "“This was damage control,” Ruslan Pukhov, head of the Moscow-based Center for Analysis"
        " of Strategies and Technologies, told Bloomberg.",
    ),
    ("question in quote then lowercase", "“Are you leaving?” she asked."),
    ("Mrs. a.m. Dec.", "Mrs. Brown arrived at 9 a.m. on Dec. 5 and left at noon."),
    ("p.m. then weekday", "The vote is at 5 p.m. Tuesday in the Senate."),
    ("middle initial", "George W. Bush was president."),
    ("several initials", "J. R. R. Tolkien wrote books."),
    ("initial and surname", "The letter was signed by H. G. Wells and sent on."),
    ("ellipsis then lowercase", "He paused... and then went on."),
    ("St. Gen. Lt.", "St. Petersburg hosted Gen. Smith and Lt. Col. Jones."),
    ("Sen. Rep. Gov.", "Sen. Warren, Rep. Pelosi and Gov. Newsom met."),
    ("etc. mid-sentence", "Apples, pears, etc. are fruit."),
    ("U.S. before a name", "The U.S. President Joe Biden spoke on Sunday."),
    ("U.S.-based", "The U.S.-based Institute for the Study of War (ISW) said so."),
    ("i.e. and e.g.", "Some fruit, i.e. apples, e.g. Fuji, were sold."),
    ("No. and Fig.", "See No. 5 in Fig. 3 for details."),
    ("Inc. mid-sentence", "Apple Inc. said on Tuesday that sales rose."),
    ("Ph.D. before lowercase", "Ph.D. students protested on Monday."),
    ("e-mail address", "Write to john.smith@example.org for details."),
    ("quoted phrase then period", "It was done “in the most secure way possible”."),
    ("brackets inside quote", "“Hezbollah has nearly been decimated [by Israel],” he told VOA."),
    (
        "headline without stop",
        "Assad Granted Asylum in Russia After Fleeing Syria Amid Rebel Takeover",
    ),
    ("dateline", "Wednesday 11 December 2024 09:09 EST"),
    ("byline", "Angus Thompson"),
    ("pipe dateline", "Arab| 11 December, 2024 - 3:21 PM"),
    ("related item", "Arab | 7 Jan, 2025"),
    ("source line", "Source: Bloomberg"),
    ("photo caption", "A fighter in front of a government office in Hama (AP)"),
    ("numbered item", "1. Introduction to the report"),
    (
        "ends with U.S.",
        "– Based on reports from VOA, RFE/RL; and from contacts in London and the U.S.",
    ),
    ("Jr. before holiday", "Martin Luther King Jr. Day is a holiday."),
    ("company suffix mid-sentence", "Apple Inc. Chief Executive Tim Cook spoke."),
    ("p.m. then time zone", "The polls close at 8 p.m. EST on Tuesday."),
    ("et al.", "Smith et al. found the same effect."),
    ("lower-case co. mid-sentence", "Did Maria and co. stay for dinner?"),
    ("Co. before a time", "The firm signed with Hale, Ortiz & Co. on Friday."),
    ("Jr. possessive", "We borrowed Ken Griffey Jr.'s old glove."),
    ("three-letter acronym mid-sentence", "They toured the U.S.A. in the spring."),
    ("U.S. before a capitalised noun", "She joined the U.S. Navy in Norfolk."),
    ("price with cents", "The ticket cost $12.50 at the door."),
    ("sentence in brackets mid-sentence", "She moved (It was her third move.) to Leeds."),
    ("quote then lower-case verb", 'He looked up, "That is lovely." he whispered.'),
    ("exclamation in a name", "He wrote ads for Yahoo! in the nineties."),
    ("initials after a lower-case word", "The museum was designed by I. M. Pei in Paris."),
    ("title in capitals", "ST. LOUIS is on the Mississippi."),
    # A spaced ellipsis between words leaves words out of the sentence; it does not end it.
    ("spaced ellipsis before I", "It was . . . I cannot say what it was."),
    ("spaced ellipsis before a name", "The report says . . . Marlow County was spared."),
    ("four-dot ellipsis in a quote", "She wrote that “the river will rise. . . .”"),
    ("elision in square brackets", '"The plan [...] failed" (Ruiz 12).'),
    # A time that opens a sentence does not end it, whatever follows.
    ("opening time then a title", "At 7 a.m. Dr. Osei opened the clinic."),
    ("opening time then a name", "Shortly after 10 p.m. Marlow police closed the road."),
    # Datelines open their lede.
    (
        "dateline with (AP)",
        "ALDER SPRINGS, Calif. (AP) — A wind-driven wildfire tore through the foothills.",
    ),
    ("dateline with (Reuters)", "TUCSON, Ariz. (Reuters) - Crews reopened the highway."),
    ("dateline with a dash", "PENSACOLA, Fla. — The storm weakened overnight."),
    ("dateline before a capitalised word", "LOWELL, Mass. A water main burst on Tuesday."),
    ("dateline with a dotted state", "BUFFALO, N.Y. (AP) — Snow closed the airport."),
    ("dateline with W.Va.", "WHEELING, W.Va. (AP) — The bridge reopened."),
    ("dateline with D.C.", "WASHINGTON, D.C. — Congress returned on Monday."),
    ("dateline with a title in capitals", "ST. PAUL, Minn. (AP) — Schools closed early."),
    ("dateline with a date", "SPOKANE, Wash., Aug. 3 (AP) — Smoke filled the valley."),
    ("state before a comma", "She moved to Fresno, Calif., in 2010."),
    ("state in a party label", "Rep. Ann Cole (D-Calif.) voted against it."),
]

# Lines and the sentences a careful reader finds in them.
SEVERAL_SENTENCES = [
    ("closing quote stays", "He said “no.” Then he left.", ["He said “no.”", "Then he left."]),
    ("question and exclamation", "Is it true? Yes! It is.", ["Is it true?", "Yes!", "It is."]),
    (
        "repeated marks",
        "What?! Really?! Wow!!! That was great.",
        ["What?!", "Really?!", "Wow!!!", "That was great."],
    ),
    (
        "question in quote",
        "He asked, “Are you leaving?” She said no.",
        ["He asked, “Are you leaving?”", "She said no."],
    ),
    (
        "Mr. and Dr.",
        "Mr. Smith went to Washington. He met Dr. Jones.",
        ["Mr. Smith went to Washington.", "He met Dr. Jones."],
    ),
    (
        "p.m. ends sentence",
        "The meeting ended at 5 p.m. The next day, talks resumed.",
        ["The meeting ended at 5 p.m.", "The next day, talks resumed."],
    ),
    (
        "decimal numbers",
        "Growth was 3.5 percent. It was 2.25 a year ago.",
        ["Growth was 3.5 percent.", "It was 2.25 a year ago."],
    ),
    (
        "money",
        "He earned $1.5 million in 2023. She earned €2.3m.",
        ["He earned $1.5 million in 2023.", "She earned €2.3m."],
    ),
    ("ellipsis then capital", "He waited... Nobody came.", ["He waited...", "Nobody came."]),
    (
        "ellipsis character",
        "He hesitated… then spoke. They listened.",
        ["He hesitated… then spoke.", "They listened."],
    ),
    (
        "U.S. ends sentence",
        "He lives in the U.S. He works in Boston.",
        ["He lives in the U.S.", "He works in Boston."],
    ),
    (
        "U.K. and E.U.",
        "The U.K. and the E.U. agreed. Talks ended.",
        ["The U.K. and the E.U. agreed.", "Talks ended."],
    ),
    (
        "Jan. before number",
        "Jan. 6 was a dark day. Dec. 8 was too.",
        ["Jan. 6 was a dark day.", "Dec. 8 was too."],
    ),
    (
        "number ends sentence",
        "They met on Dec. 8. Assad fled.",
        ["They met on Dec. 8.", "Assad fled."],
    ),
    (
        "Ph.D. ends sentence",
        "She has a Ph.D. She teaches law.",
        ["She has a Ph.D.", "She teaches law."],
    ),
    ("web address", "Visit bloomberg.com. It is free.", ["Visit bloomberg.com.", "It is free."]),
    (
        "version number",
        "Version 2.0 was released. It is fast.",
        ["Version 2.0 was released.", "It is fast."],
    ),
    (
        "parenthesised sentence",
        "(This is an aside.) Then another sentence.",
        ["(This is an aside.)", "Then another sentence."],
    ),
    ("period after quote", "He said “no”. Then he left.", ["He said “no”.", "Then he left."]),
    (
        "straight quotes over several sentences",
        '"There is no such meeting," Peskov said. "We have nothing to say. It\'s his decision."',
        [
            '"There is no such meeting," Peskov said.',
            '"We have nothing to say.',
            "It's his decision.\"",
        ],
    ),
    ("single quotes", "'Single quoted.' Next one.", ["'Single quoted.'", "Next one."]),
    (
        "colon then quote",
        "He said: “It is logical.” Others agreed.",
        ["He said: “It is logical.”", "Others agreed."],
    ),
    (
        "double dot headline",
        "Security tension in Libya.. Will war resume?",
        ["Security tension in Libya..", "Will war resume?"],
    ),
    (
        "ellipsis headline",
        "The last hours of Assad's rule... This is how it fell",
        ["The last hours of Assad's rule...", "This is how it fell"],
    ),
    ("emoji", "Great news 🎉! We won.", ["Great news 🎉!", "We won."]),
    ("Arabic", "قال المتحدث إن الوضع هادئ. ثم غادر.", ["قال المتحدث إن الوضع هادئ.", "ثم غادر."]),
    ("No. as an answer", "“No. We will not go.”", ["“No.", "We will not go.”"]),
    ("stray full stop", "He left. . Then he came back.", ["He left. .", "Then he came back."]),
    (
        "company suffix ends sentence",
        "©2024 Bloomberg L.P. Visit bloomberg.com. Distributed by Tribune Content Agency, LLC.",
        [
            "©2024 Bloomberg L.P.",
            "Visit bloomberg.com.",
            "Distributed by Tribune Content Agency, LLC.",
        ],
    ),
    ("CJK full stops", "你好。我很好！", ["你好。", "我很好！"]),
    (
        "lower-case co. ends sentence",
        "Ask Maria and co. They were there.",
        ["Ask Maria and co.", "They were there."],
    ),
    (
        "Co. ends sentence",
        "The firm signed with Hale, Ortiz & Co. It was a good deal.",
        ["The firm signed with Hale, Ortiz & Co.", "It was a good deal."],
    ),
    (
        "E.U. before a question",
        "She studied in the E.U. Did you?",
        ["She studied in the E.U.", "Did you?"],
    ),
    (
        "quote then capital",
        'He looked up, "That is lovely." Then he left.',
        ['He looked up, "That is lovely."', "Then he left."],
    ),
    (
        "e-mail address ends sentence",
        "Write to Ana.Ruiz@example.org. She answers quickly.",
        ["Write to Ana.Ruiz@example.org.", "She answers quickly."],
    ),
    (
        "web address ends sentence",
        "It is at https://example.org/a/b_c.html. Read it.",
        ["It is at https://example.org/a/b_c.html.", "Read it."],
    ),
    (
        "label N° before a number",
        "It lies at N°. 12.40.7. Nobody goes there.",
        ["It lies at N°. 12.40.7.", "Nobody goes there."],
    ),
    (
        "doubled marks",
        "Really?? Yes!! Why?! Because!?",
        ["Really??", "Yes!!", "Why?!", "Because!?"],
    ),
    # "I." after a lower-case word is the pronoun; after a name it is an initial.
    (
        "pronoun I ends sentence",
        "Nobody knew but her and I. Did Henry I. Vance know?",
        ["Nobody knew but her and I.", "Did Henry I. Vance know?"],
    ),
    (
        "time that opens a sentence, and one that ends one",
        "At 6 a.m. Mrs. Ruiz left home. She was back at 8 P.M. Mrs. Ruiz then slept.",
        ["At 6 a.m. Mrs. Ruiz left home.", "She was back at 8 P.M.", "Mrs. Ruiz then slept."],
    ),
    # Inline lists: an item ends where the next marker of its list begins.
    (
        "numbered list without stops",
        "1. Close the valve 2. Drain the tank 3. Call the plant",
        ["1. Close the valve", "2. Drain the tank", "3. Call the plant"],
    ),
    (
        "numbered list with stops",
        "1. Close the valve. 2. Drain the tank.",
        ["1. Close the valve.", "2. Drain the tank."],
    ),
    (
        "list item of two sentences",
        "1. Close the valve. Wait an hour. 2. Drain the tank",
        ["1. Close the valve.", "Wait an hour.", "2. Drain the tank"],
    ),
    (
        "list marked with parentheses",
        "1) Close the valve 2) Drain the tank",
        ["1) Close the valve", "2) Drain the tank"],
    ),
    (
        "list marked with stop and parenthesis",
        "1.) Close the valve 2.) Drain the tank.",
        ["1.) Close the valve", "2.) Drain the tank."],
    ),
    (
        "bulleted numbered list",
        "• 4. Close the valve • 5. Drain the tank",
        ["• 4. Close the valve", "• 5. Drain the tank"],
    ),
    (
        "hyphen-bulleted list",
        "⁃7. Close the valve ⁃8. Drain the tank",
        ["⁃7. Close the valve", "⁃8. Drain the tank"],
    ),
    (
        "lettered list",
        "a. Close the valve b. Drain the tank c. Call the plant",
        ["a. Close the valve", "b. Drain the tank", "c. Call the plant"],
    ),
    (
        "number that is not a list marker",
        "He scored 2. Then he scored 3.",
        ["He scored 2.", "Then he scored 3."],
    ),
    # Spaced ellipses: four dots end a sentence; a full stop before three opens the next.
    (
        "four spaced dots end a sentence",
        "The rest is lost . . . . The next page survives.",
        ["The rest is lost . . . .", "The next page survives."],
    ),
    (
        "full stop then an ellipsis opening the next sentence",
        "It was never repaired. . . . The town moved on. . . .",
        ["It was never repaired.", ". . . The town moved on. . . ."],
    ),
    (
        "spaced ellipsis in a closed quote",
        "“I wonder . . .” She left.",
        ["“I wonder . . .”", "She left."],
    ),
    # A state ends a sentence before a usual opening word, outside a dateline.
    (
        "state ends sentence",
        "She grew up in Fresno, Calif. Her family still lives there.",
        ["She grew up in Fresno, Calif.", "Her family still lives there."],
    ),
    (
        "state ends sentence before a name",
        "The plant is outside Gary, Ind. Firefighters came from Chicago.",
        ["The plant is outside Gary, Ind.", "Firefighters came from Chicago."],
    ),
    (
        "dotted state ends sentence",
        "The plant is near Albany, N.Y. It closed in 2019.",
        ["The plant is near Albany, N.Y.", "It closed in 2019."],
    ),
]

# Seed lines: (seed file prefix, how the line starts, how each of its sentences starts).
SEED_LINES = [
    (
        "002",
        "- Weapons chaos..",
        ["- Weapons chaos..", "Two killed in two", "Local Authority, National"],
    ),
    ("002", "Arab| 11 December", ["Arab| 11 December, 2024 - 3:21 PM"]),
    ("002", "The last hours of", ["The last hours of", "This is how the dominoes"]),
    ("002", "Security tension in", ["Security tension in", "Will war resume?"]),
    ("004", "“Iran is currently", ["“Iran is currently"]),
    ("004", "“We believe that Syria", ["“We believe that Syria", "The HTS is considered"]),
    ("004", "In Washington, the White", ["In Washington, the White"]),
    ("004", "The U.S.-based Institute", ["The U.S.-based Institute"]),
    ("004", "– Based on reports", ["– Based on reports"]),
    ("003", "Angus Thompson", ["Angus Thompson"]),
    ("003", "Wednesday 11 December", ["Wednesday 11 December 2024 09:09 EST"]),
    ("003", "Please refresh the page", ["Please refresh the page"]),
    (
        "001",
        '"There is no such',
        ['"There is no such', '"We have nothing', "Such decisions", "It's his", "In this case"],
    ),
    ("001", "The Jerusalem Post", ["The Jerusalem Post", "The Russian Foreign Ministry"]),
    (
        "000",
        "“This was damage control,”",
        ["“This was damage control,”", "He said it was “very logical”"],
    ),
    ("000", "©2024 Bloomberg", ["©2024 Bloomberg L.P.", "Visit bloomberg.com.", "Distributed by"]),
]


def texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


def seed_text(prefix: str) -> str:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize("line", [c[1] for c in ONE_SENTENCE], ids=[c[0] for c in ONE_SENTENCE])
def test_line_a_reader_sees_as_one_sentence_is_not_split(line: str) -> None:
    assert texts(line) == [line]


@pytest.mark.parametrize(
    ("line", "expected"), [c[1:] for c in SEVERAL_SENTENCES], ids=[c[0] for c in SEVERAL_SENTENCES]
)
def test_line_is_split_where_a_reader_would(line: str, expected: list[str]) -> None:
    assert texts(line) == expected


@pytest.mark.parametrize(
    ("seed", "line_start", "starts"), SEED_LINES, ids=[c[1] for c in SEED_LINES]
)
def test_seed_line_is_split_where_a_reader_would(
    seed: str, line_start: str, starts: list[str]
) -> None:
    text = seed_text(seed)
    line = next(line for line in text.splitlines() if line.startswith(line_start))
    found = texts(line)
    assert len(found) == len(starts), found
    for sentence, start in zip(found, starts, strict=True):
        assert sentence.startswith(start)


def test_seed_with_one_paragraph_per_line_gets_one_paragraph_per_line() -> None:
    text = seed_text("004")
    sentences = split_sentences(text)
    lines = text.splitlines()
    assert sentences[-1].paragraph == len(lines) - 1
    for s in sentences:
        assert "\n" not in s.text
        assert s.text in lines[s.paragraph]


def test_seed_with_blank_lines_numbers_paragraphs_by_line() -> None:
    text = seed_text("003")
    sentences = split_sentences(text)
    byline = next(s for s in sentences if s.text == "Angus Thompson")
    dateline = next(s for s in sentences if s.text.startswith("Wednesday 11 December"))
    assert dateline.paragraph == byline.paragraph + 1
    assert texts("Stay up to date with notifications from The\xa0Independent") == [
        "Stay up to date with notifications from The\xa0Independent"
    ]


def test_blank_lines_and_line_breaks_separate_paragraphs_and_end_sentences() -> None:
    text = "Headline Without Stop\nFirst paragraph. Two sentences\n\n\nSecond paragraph"
    found = split_sentences(text)
    assert [(s.text, s.paragraph) for s in found] == [
        ("Headline Without Stop", 0),
        ("First paragraph.", 1),
        ("Two sentences", 1),
        ("Second paragraph", 2),
    ]


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_every_kind_of_line_end_ends_a_sentence(newline: str) -> None:
    text = newline.join(["Title", "He left. She stayed.", "", "End"]) + newline
    assert [(s.text, s.paragraph) for s in split_sentences(text)] == [
        ("Title", 0),
        ("He left.", 1),
        ("She stayed.", 1),
        ("End", 2),
    ]


# Plain-text wire copy, wrapped at about 72 columns.
HARD_WRAPPED = """\
MOSCOW, Dec 11 (Reuters) - Russian intelligence agents persuaded Bashar
al-Assad to flee Syria after Moscow concluded he had lost the war, three
people with knowledge of the matter said.
The Kremlin offered him and his family safe passage if he left
immediately.

Kremlin spokesman Dmitry Peskov did not immediately respond to a request
for comment.
"""


def test_hard_wrapped_paragraph_is_not_split_at_each_line_break() -> None:
    found = split_sentences(HARD_WRAPPED)
    assert [" ".join(s.text.split()) for s in found] == [
        "MOSCOW, Dec 11 (Reuters) - Russian intelligence agents persuaded Bashar al-Assad to flee"
        " Syria after Moscow concluded he had lost the war, three people with knowledge of the"
        " matter said.",
        "The Kremlin offered him and his family safe passage if he left immediately.",
        "Kremlin spokesman Dmitry Peskov did not immediately respond to a request for comment.",
    ]
    assert [s.paragraph for s in found] == [0, 0, 1]


# A wire story as a web page saves it: headline, byline, then the dateline opening the lede.
WIRE_STORY = """\
Wildfire forces thousands from homes in Marlow County
By Dana Whitfield, Associated Press

ALDER SPRINGS, Calif. (AP) — A wind-driven wildfire tore through the foothills on \
Wednesday, destroying at least 37 houses. Crews from Nevada joined the fight.
"""


def test_dateline_stays_with_its_lede_in_an_article() -> None:
    found = split_sentences(WIRE_STORY)
    assert [(s.text, s.paragraph) for s in found] == [
        ("Wildfire forces thousands from homes in Marlow County", 0),
        ("By Dana Whitfield, Associated Press", 1),
        (
            "ALDER SPRINGS, Calif. (AP) — A wind-driven wildfire tore through the foothills on"
            " Wednesday, destroying at least 37 houses.",
            2,
        ),
        ("Crews from Nevada joined the fight.", 2),
    ]


def test_dateline_stays_with_its_lede_in_hard_wrapped_copy() -> None:
    text = (
        "BUFFALO, N.Y. (Reuters) - Lake-effect snow buried the western suburbs on\n"
        "Friday, closing the airport and stranding hundreds of drivers on the\n"
        "highway. Plows worked through the night.\n"
    )
    found = split_sentences(text)
    assert [" ".join(s.text.split()) for s in found] == [
        "BUFFALO, N.Y. (Reuters) - Lake-effect snow buried the western suburbs on Friday,"
        " closing the airport and stranding hundreds of drivers on the highway.",
        "Plows worked through the night.",
    ]


def test_short_lines_with_capitals_are_not_taken_for_wrapped_text() -> None:
    text = (
        "Angus Thompson\nWednesday 11 December 2024 09:09 EST\nComments\nRelated: Strikes on Syria"
    )
    assert [s.paragraph for s in split_sentences(text)] == [0, 1, 2, 3]


def test_list_of_short_lowercase_lines_is_not_taken_for_wrapped_text() -> None:
    text = "Contents\nintroduction\nmethods and data\nresults"
    assert [s.paragraph for s in split_sentences(text)] == [0, 1, 2, 3]


def test_heading_above_hard_wrapped_text_stays_its_own_paragraph() -> None:
    text = "Russia in limbo\n" + HARD_WRAPPED.split("\n\n")[0]
    found = split_sentences(text)
    assert (found[0].text, found[0].paragraph) == ("Russia in limbo", 0)
    assert {s.paragraph for s in found[1:]} == {1}


def test_offsets_point_into_the_text_as_written() -> None:
    text = "\ufeff  \u200bHe said “no.”\xa0 Then he left.\u200b \r\n\tNext\u00a0line "
    found = split_sentences(text)
    assert [s.text for s in found] == ["He said “no.”", "Then he left.", "Next\u00a0line"]
    assert all(text[s.start : s.end] == s.text for s in found)
    assert [s.index for s in found] == [0, 1, 2]


def test_empty_and_blank_text_has_no_sentences() -> None:
    assert split_sentences("") == []
    assert split_sentences(" \n\r\n\t\xa0\u200b\n") == []


def test_punctuation_only_pieces_join_the_sentence_before() -> None:
    assert texts("It ended. ... Then more. ; and so on") == [
        "It ended. ...",
        "Then more. ; and so on",
    ]
    assert texts("*** Breaking. ***") == ["*** Breaking. ***"]


def test_hundred_thousand_character_line_is_split_quickly() -> None:
    line = "Growth was 3.5 percent in the U.S. He said “no.” " * 2500
    found = split_sentences(line)
    assert len(found) == 5000
    assert found[-1].end == len(line.rstrip())


def generated_paragraph(rng: random.Random, words: list[str]) -> tuple[str, int]:
    sentences = []
    for _ in range(5):
        chosen = [rng.choice(words) for _ in range(rng.randint(8, 30))]
        if rng.random() < 0.3:
            chosen.insert(rng.randrange(len(chosen)), str(rng.randint(2, 2000)))
        chosen[0] = chosen[0].capitalize()
        sentences.append(" ".join(chosen) + rng.choice(".?!"))
    return " ".join(sentences), len(sentences)


def test_benchmark_style_paragraphs_give_the_generated_sentence_count() -> None:
    words = sorted({w for w in re.findall(r"[A-Za-z][a-z]+", seed_text("000")) if len(w) > 3})
    rng = random.Random(3)
    paragraphs = [generated_paragraph(rng, words) for _ in range(200)]
    text = "\n\n".join(p for p, _ in paragraphs)
    assert len(split_sentences(text)) == sum(n for _, n in paragraphs)


# Characters and pieces that have tripped segmenters: line ends, odd spaces, controls,
# lone surrogates, quotes and abbreviations.
AWKWARD = st.sampled_from(
    [
        *"\n\r\t \xa0\u200b\u2028\x85\x00\x07\x1c.?!…。“”\"'()[],;:-—",
        "\ud800",
        "\udfff",
        "🎉",
        "ש",
        "U.S.",
        "Mr.",
        "3.5",
        "...",
        "\r\n",
        "\n\n",
        "A. ",
        "I. ",
        "1. ",
        "2. ",
        "3.) ",
        "a) ",
        "b) ",
        "z. ",
        "999. ",
        "1000. ",
        "• ",
        "⁃",
        " . . . ",
        ". . . .",
        "Calif.",
        "N.Y.",
        " (AP) — ",
        "ALDER SPRINGS, ",
        "At 5 ",
        "a.m.",
    ]
)
ARTICLE_TEXT = st.lists(st.one_of(st.text(max_size=8), AWKWARD), max_size=40).map("".join)


@settings(max_examples=200, deadline=None)
@given(ARTICLE_TEXT)
def test_sentences_cover_every_visible_character_exactly_once(text: str) -> None:
    found = split_sentences(text)
    covered = [False] * len(text)
    end = 0
    for i, s in enumerate(found):
        assert s.index == i
        assert end <= s.start < s.end
        assert s.text == text[s.start : s.end]
        assert s.text[0] not in WHITESPACE and s.text[-1] not in WHITESPACE
        assert not text[end : s.start].strip(WHITESPACE)
        for k in range(s.start, s.end):
            covered[k] = True
        end = s.end
    assert all(c in WHITESPACE for c, seen in zip(text, covered, strict=True) if not seen)
    assert [s.paragraph for s in found] == sorted(s.paragraph for s in found)


LIST_WORDS = st.from_regex(r"[A-Za-z]{2,9}", fullmatch=True)


@settings(max_examples=200, deadline=None)
@given(
    items=st.lists(st.lists(LIST_WORDS, min_size=1, max_size=6), min_size=2, max_size=12),
    first=st.integers(1, 20),
    mark=st.sampled_from([".", ")", ".)"]),
    bullet=st.sampled_from(["", "• ", "⁃"]),
    stops=st.booleans(),
)
def test_inline_list_gives_one_sentence_per_item(
    items: list[list[str]], first: int, mark: str, bullet: str, stops: bool
) -> None:
    expected = [
        f"{bullet}{first + i}{mark} {' '.join(words)}{'.' if stops else ''}"
        for i, words in enumerate(items)
    ]
    assert texts(" ".join(expected)) == expected
