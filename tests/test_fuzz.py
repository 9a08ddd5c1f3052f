"""Hostile input, tried for real: arbitrary Unicode and broken bytes through every stage.

Each property loads, segments, aligns, diffs and reports, and checks that nothing
crashes and that every character other than white space lies inside exactly one
sentence's offsets. The suite runs a modest number of examples; the ``slow`` test
and ``benchmarks/fuzz_inputs.py`` run ten thousand or more.
"""

from __future__ import annotations

import os
import random
import tempfile
import warnings
from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from json_contract import assert_valid_report

from sidebyside.engine.html_input import extract
from sidebyside.engine.loading import InputWarning, LoadError
from sidebyside.engine.markdown_input import markdown_to_text
from sidebyside.engine.model import Document
from sidebyside.engine.pipeline import compare_documents, load_documents
from sidebyside.engine.segment import WHITESPACE, split_sentences
from sidebyside.report.render import render

# Characters that have broken text tools: controls, line and paragraph separators,
# bidi marks and overrides, zero-width and combining characters, emoji sequences,
# lone surrogates, private use, non-characters, CJK stops and abbreviations.
SPECIALS = [
    *"\x00\x01\x07\x08\x1b\x7f\x85\x9b\x0b\x0c\r\n\t\x1c\x1d\x1e",
    *"\u2028\u2029\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069",
    *"\u200b\u200c\u200d\u2060\ufeff\u00a0\u3000\u180e",
    *"\u0301\u0308\u20dd\u0e31\u05b7",
    "👍🏽",
    "👨‍👩‍👧",
    "🇸🇾",
    "\ud800",
    "\udfff",
    "\udc80",
    *"\ue000\ufffe\uffff\ufffd",
    *"。！？…",
    *".?!\"'“”‘’«»()[]",
    "Mr.",
    "U.S.",
    "p.m.",
    "No. 5",
    "1.",
    "...",
    "[...]",
    "\x1b[31m",
    "\r\n",
    "\n\n",
    " ",
]
WORDS = st.sampled_from(
    "Assad fled Syria Moscow the rebels Kremlin said on Sunday Путин سوريا 叙利亚 a I".split()
)
PIECE = st.one_of(
    WORDS,
    st.sampled_from(SPECIALS),
    st.characters(),  # any code point but surrogates
    st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF),
    st.text(max_size=8),
)
TEXT = st.lists(PIECE, max_size=120).map("".join)
ARTICLES = st.lists(TEXT, min_size=2, max_size=3)


def _broken(text: str, cut: int) -> bytes:
    """UTF-8 with a byte sequence that is not UTF-8 (a lone surrogate, a cut character)."""
    data = text.encode("utf-8", "surrogatepass")
    return data[:cut] + b"\xed\xa0\x80\xff\xc3" + data[cut:]


BYTES = st.one_of(
    st.binary(max_size=400),
    TEXT.map(lambda t: t.encode("utf-8", "surrogatepass")),
    TEXT.map(lambda t: t.encode("utf-16", "surrogatepass")),
    TEXT.map(lambda t: t.encode("utf-16-le", "surrogatepass")),
    TEXT.map(lambda t: t.encode("cp1252", "ignore")),
    st.builds(_broken, TEXT, st.integers(0, 50)),
)
SUFFIXES = st.sampled_from([".txt", ".md", ".html", ""])
# Web pages with a control character or other text XML cannot hold, where lxml
# once raised: ESC and bell inside tags, NUL-free C0 controls, lone surrogates.
NOT_XML = st.sampled_from([*map(chr, [*range(1, 9), 11, 12, *range(14, 32)]), "\ud800", "\uffff"])
HTML = st.builds(
    lambda before, control, inside, after: f"<p>{before}{control}<b>{inside}</b> {after}</p>",
    TEXT,
    NOT_XML,
    TEXT,
    TEXT,
)

FUZZ = settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None
)


def check_sentences(text: str, doc: Document | None = None) -> int:
    """Every non-white-space character is in exactly one sentence; offsets match the text."""
    sentences = doc.sentences if doc is not None else split_sentences(text)
    end = 0
    for k, s in enumerate(sentences):
        assert s.index == k
        assert end <= s.start < s.end <= len(text), (s, end)
        assert text[s.start : s.end] == s.text
        assert s.text[0] not in WHITESPACE and s.text[-1] not in WHITESPACE
        gap = text[end : s.start]
        assert not gap.strip(WHITESPACE), repr(gap)
        end = s.end
    assert not text[end:].strip(WHITESPACE), repr(text[end:])
    if doc is not None:
        assert all(0 <= i < len(sentences) for i in doc.furniture)
    return len(sentences)


def check_articles(texts: list[str], stats: Counter | None = None) -> None:
    """Segment, align, diff and write every report for these articles."""
    docs = [Document(path=f"doc{i}.txt", text=t) for i, t in enumerate(texts)]
    for doc in docs:
        doc.sentences = split_sentences(doc.text)
        check_sentences(doc.text, doc)
    for pivot in range(len(docs)):
        comparison = compare_documents(
            [Document(d.path, d.text, d.sentences) for d in docs], pivot=pivot
        )
        members = sorted(m for g in comparison.groups for m in g.members)
        expected = sorted((i, s.index) for i, d in enumerate(docs) for s in d.sentences)
        assert [(m.doc, m.sentence) for m in members] == expected
        for fmt in ("text", "markdown"):
            for color in (False, True) if fmt == "text" else (False,):
                assert isinstance(render(comparison, fmt, pivot=pivot, color=color), str)
        assert_valid_report(render(comparison, "json", pivot=pivot))
        for k in range(len(docs)):
            assert 0.0 <= comparison.matched_share(k) <= 1.0
    if stats is not None:
        stats["comparisons"] += 1
        stats["sentences"] += sum(len(d.sentences) for d in docs)


def check_bytes(data: bytes, suffix: str, stats: Counter | None = None) -> None:
    """Load raw bytes from a file: a document whose sentences cover it, or one clear line."""
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, f"article{suffix}")
        with open(path, "wb") as f:
            f.write(data)
        try:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always", InputWarning)
                (doc,) = load_documents([path])
        except LoadError as e:
            message = str(e)
            assert message.startswith(f"{path}: ") and "\n" not in message, message
            if stats is not None:
                stats["refused"] += 1
            return
    check_sentences(doc.text, doc)
    for warning in caught:  # bytes replaced: said in one line naming the file
        assert warning.category is InputWarning, warning
        assert str(warning.message).startswith(f"{path}: ") and "\n" not in str(warning.message)
    if stats is not None:
        stats["loaded"] += 1
        stats["loaded with a warning"] += bool(caught)


def check_markup(text: str) -> None:
    """Markdown and HTML readers take any text; what they give segments cleanly."""
    title, plain = markdown_to_text(text)
    assert title is None or isinstance(title, str)
    check_sentences(plain)
    title, body = extract(text)
    check_sentences(body)


@FUZZ
@given(BYTES, SUFFIXES)
def test_any_bytes_load_or_give_one_clear_line(data, suffix):
    check_bytes(data, suffix)


@FUZZ
@given(TEXT)
def test_any_text_segments_with_every_character_in_one_sentence(text):
    check_sentences(text)


@FUZZ
@given(ARTICLES)
def test_any_articles_align_diff_and_report(texts):
    check_articles(texts)


@FUZZ
@given(TEXT)
def test_markdown_and_html_readers_take_any_text(text):
    check_markup(text)


@FUZZ
@given(HTML)
def test_web_pages_with_control_characters_load(page):
    check_markup(page)
    check_bytes(page.encode("utf-8", "surrogatepass"), ".html")


def _noisy_words(count: int, sep: str, seed: int) -> str:
    rng = random.Random(seed)
    words = ["Assad", "fled.", "Путин", "👍🏽", "e\u0301", "\u202eRTL", "word", "U.S.", "\x07"]
    return sep.join(rng.choice(words) for _ in range(count))


def _load(tmp_path, name: str, text: str) -> Document:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    (doc,) = load_documents([str(path)])
    check_sentences(doc.text, doc)
    return doc


def _compare_and_render(docs: list[Document]) -> None:
    comparison = compare_documents(docs)
    for fmt in ("text", "markdown"):
        assert render(comparison, fmt)
    assert_valid_report(render(comparison, "json"))


def _long_line() -> str:
    line = _noisy_words(20_000, " ", 1)[:100_000]
    return line + "x" * (100_000 - len(line))


def test_a_100000_character_line(tmp_path):
    line = _long_line()
    doc = _load(tmp_path, "long.txt", line)
    _compare_and_render([doc, Document("b.txt", line[:2000], split_sentences(line[:2000]))])


def test_50000_one_word_lines(tmp_path):
    doc = _load(tmp_path, "lines.txt", _noisy_words(50_000, "\n", 2))
    assert len(doc.sentences) == 50_000
    check_sentences(markdown_to_text(doc.text)[1])


@pytest.mark.slow
def test_huge_inputs_against_each_other(tmp_path):
    """Full-size pairs: minutes, because thousands of identical one-word sentences
    make every one a candidate for every other."""
    line = _long_line()
    check_articles([line, line[:50_000]])
    a, b = _noisy_words(50_000, "\n", 2), _noisy_words(50_000, "\n", 3)
    _compare_and_render([_load(tmp_path, "a.txt", a), _load(tmp_path, "b.txt", b)])


LONG_RUN = int(os.environ.get("SIDEBYSIDE_FUZZ_EXAMPLES", "10000"))


@pytest.mark.slow
@settings(
    max_examples=LONG_RUN, deadline=None, suppress_health_check=list(HealthCheck), database=None
)
@given(ARTICLES, BYTES, SUFFIXES, HTML)
def test_long_fuzz_run(texts, data, suffix, page):
    check_articles(texts)
    check_bytes(data, suffix)
    check_markup(texts[0])
    check_markup(page)
