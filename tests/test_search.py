"""Search finds what a reader means: folded as matching folds, names in every spelling."""

from __future__ import annotations

import unicodedata

from articles import SEED, doc_with
from hypothesis import given, settings
from hypothesis import strategies as st

from sidebyside.engine.model import Document
from sidebyside.engine.pipeline import load_documents
from sidebyside.engine.search import SearchIndex, fold_with_offsets, search


def shown(documents, hits) -> list[str]:
    """The original text of each hit, as the app would highlight it."""
    return [documents[h.doc].text[h.start : h.end] for h in hits]


def test_pukhov_finds_puhkov_in_the_seeds():
    docs = load_documents([str(SEED[n]) for n in ("000", "001", "002")])
    hits = search(docs, "Pukhov")
    assert "Puhkov" in shown(docs, hits)
    (puhkov,) = [h for h in hits if docs[h.doc].text[h.start : h.end] == "Puhkov"]
    assert puhkov.doc == 1
    sentence = docs[1].sentences[puhkov.sentence]
    assert sentence.start <= puhkov.start < puhkov.end <= sentence.end
    assert "“very logical”" in sentence.text
    # Every article names him: the other spelling adds a hit, it takes none away.
    assert {h.doc for h in hits} == {0, 1, 2}
    assert search(docs, "puhkov") == hits  # either spelling, any case
    assert shown(docs, search(docs, "Pukhov", exact=True)).count("Puhkov") == 0


def test_case_accents_quotes_and_dashes_fold_together():
    text = "Erdoğan said Assad didn’t flee — “not yet”. The CAFE\u0301 stayed shut."
    docs = [
        doc_with(text, "Erdoğan said Assad didn’t flee — “not yet”.", "The CAFE\u0301 stayed shut.")
    ]
    assert shown(docs, search(docs, "erdogan")) == ["Erdoğan"]
    assert shown(docs, search(docs, 'didn\'t flee - "not yet"')) == ["didn’t flee — “not yet”"]
    assert shown(docs, search(docs, "ASSAD")) == ["Assad"]
    # A decomposed accent stays with its letter in the highlight.
    assert shown(docs, search(docs, "café")) == ["CAFE\u0301"]


def test_words_match_across_any_spacing():
    text = "Vladimir\n  Putin spoke. Vladimir Putin left."
    docs = [doc_with(text, "Vladimir\n  Putin spoke.", "Vladimir Putin left.")]
    assert shown(docs, search(docs, "vladimir putin")) == ["Vladimir\n  Putin", "Vladimir Putin"]
    assert shown(docs, search(docs, "  vladimir   putin ")) == [
        "Vladimir\n  Putin",
        "Vladimir Putin",
    ]


def test_exact_search_takes_the_characters_as_typed():
    text = "Assad fled. ASSAD’s plane. Puhkov said."
    docs = [doc_with(text, "Assad fled.", "ASSAD’s plane.", "Puhkov said.")]
    assert shown(docs, search(docs, "Assad", exact=True)) == ["Assad"]
    assert search(docs, "assad", exact=True) == []
    assert search(docs, "ASSAD's", exact=True) == []
    assert shown(docs, search(docs, "ASSAD’s", exact=True)) == ["ASSAD’s"]
    assert search(docs, "Pukhov", exact=True) == []


def test_name_variants_follow_the_aligners_rule_and_only_for_names():
    a = "Ruslan Pukhov spoke at the trial. Gaddafi fell. Pushkin wrote."
    b = "Puhkov said so on the trail. Qaddafi fell. Pukhova agreed."
    docs = [
        doc_with(a, "Ruslan Pukhov spoke at the trial.", "Gaddafi fell.", "Pushkin wrote."),
        doc_with(b, "Puhkov said so on the trail.", "Qaddafi fell.", "Pukhova agreed."),
    ]
    index = SearchIndex(docs)
    # "Pukhova" holds the query itself; "Puhkov" is the other spelling.
    assert sorted(shown(docs, index.search("Pukhov"))) == ["Puhkov", "Pukhov", "Pukhov"]
    assert "Pushkin" not in shown(docs, index.search("Pukhov"))
    assert sorted(shown(docs, index.search("Qaddafi"))) == ["Gaddafi", "Qaddafi"]
    # "trial" and "trail" are one edit apart but are no names: no variant.
    assert shown(docs, index.search("trial")) == ["trial"]
    # The possessive of a name still finds the other spelling.
    text = "Puhkov’s view."
    other = [doc_with(text, text), doc_with("Ruslan Pukhov spoke.", "Ruslan Pukhov spoke.")]
    assert shown(other, search(other, "Pukhov's")) == ["Puhkov’s"]


def test_hits_come_in_article_and_text_order_with_their_sentence():
    a = "Assad fled. Then Assad spoke."
    b = "Assad left."
    docs = [doc_with(a, "Assad fled.", "Then Assad spoke."), doc_with(b, b)]
    hits = search(docs, "assad")
    assert [(h.doc, h.sentence) for h in hits] == [(0, 0), (0, 1), (1, 0)]
    assert [h.start for h in hits] == [0, a.index("Assad spoke"), 0]


def test_a_cell_is_highlighted_as_search_finds_it():
    text = "Puhkov said “Erdoğan” — twice."
    docs = [doc_with(text, text), doc_with("Ruslan Pukhov.", "Ruslan Pukhov.")]
    index = SearchIndex(docs)
    cell = "→ " + text  # a cell may carry text around the sentence
    spans = index.spans("pukhov", cell)
    assert [cell[a:b] for a, b in spans] == ["Puhkov"]
    assert [cell[a:b] for a, b in index.spans('"erdogan"', cell)] == ["“Erdoğan”"]
    assert [cell[a:b] for a, b in index.spans("Erdoğan", cell, exact=True)] == ["Erdoğan"]


def test_empty_and_blank_queries_find_nothing():
    docs = [doc_with("Assad fled.", "Assad fled.")]
    assert (
        search(docs, "") == [] and search(docs, "   ") == [] and search(docs, "", exact=True) == []
    )
    assert search([Document("e.txt", "")], "x") == []


TRICKY = st.sampled_from(
    [*"aAeEsS ’‘“”—–-'\"", "é", "e\u0301", "ß", "ﬁ", "İ", "\u200b", "\t", "\n", "Σ", "ς"]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(TRICKY, min_size=1, max_size=30).map("".join), st.data())
def test_every_hit_is_the_query_folded(text, data):
    """Whatever the text, a hit's original text holds the query folded (a hit covers
    whole characters: "ß" found in "sß" highlights both), and exact search finds a
    piece of the text where it is."""
    docs = [doc_with(text, text)]
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    query = text[start:end]
    folded_query = " ".join(fold_with_offsets(query)[0].split())
    hits = search(docs, query)
    if not folded_query:
        assert hits == []
        return
    for h in hits:
        assert 0 <= h.start < h.end <= len(text)
        assert folded_query in " ".join(fold_with_offsets(text[h.start : h.end])[0].split())
    # Exact search finds the piece itself (or an occurrence overlapping it).
    exact = search(docs, query, exact=True)
    assert all(text[h.start : h.end] == query for h in exact)
    assert any(h.start <= start < h.end for h in exact)


def test_folding_maps_offsets_back():
    text = "Stra\u00dfe e\u0301t\u00e9 \ufb01n"
    folded, origin = fold_with_offsets(text)
    assert folded == "strasse ete fin"
    assert origin is not None and len(origin) == len(folded)
    assert unicodedata.normalize("NFC", text[origin[8] :]).startswith("été")
