"""The provenance overview: shares per pair, strips, and the likely source."""

from __future__ import annotations

from articles import SEED

from sidebyside.engine.diff import diff_group
from sidebyside.engine.model import Comparison, Document, Group, Member
from sidebyside.engine.pipeline import compare_documents, load_documents
from sidebyside.engine.provenance import overview, strip_chars, to_data
from sidebyside.engine.segment import split_sentences

ORIGINAL = (
    "Assad fled to Moscow on Sunday. Russian agents organized the escape. "
    "The rebels took Damascus within hours. Iran was a close ally of Assad. "
    "The Kremlin has not commented."
)
COPY = (
    "Assad fled to Moscow on Sunday. Russian agents quietly organized the whole escape. "
    "Markets in the region fell sharply."
)


def docs_of(*texts: str) -> list[Document]:
    docs = []
    for n, text in enumerate(texts):
        doc = Document(path=f"{n}.txt", text=text)
        doc.sentences = split_sentences(text)
        docs.append(doc)
    return docs


def hand_comparison(docs: list[Document], *shared: tuple[Member, ...]) -> Comparison:
    groups = [Group(m, 0.8, diff_group(docs, m)) for m in shared]
    taken = {m for g in groups for m in g.members}
    for d, doc in enumerate(docs):
        for s in doc.sentences:
            if Member(d, s.index) not in taken:
                groups.append(Group((Member(d, s.index),), 1.0))
    return Comparison(docs, groups)


def test_shares_split_into_verbatim_reworded_and_absent():
    docs = docs_of(ORIGINAL, COPY)
    comp = hand_comparison(docs, (Member(0, 0), Member(1, 0)), (Member(0, 1), Member(1, 1)))
    ov = overview(comp)
    copy_in_original = ov.pairs[(1, 0)]
    assert round(copy_in_original.verbatim, 3) == round(1 / 3, 3)
    assert round(copy_in_original.reworded, 3) == round(1 / 3, 3)
    assert round(copy_in_original.absent, 3) == round(1 / 3, 3)
    original_in_copy = ov.pairs[(0, 1)]
    assert original_in_copy.verbatim == 1 / 5 and original_in_copy.absent == 3 / 5
    # The copy is mostly the original's; the original is mostly its own.
    assert ov.articles[1].likely_source == 0
    assert ov.articles[0].likely_source is None
    assert ov.central == 0
    assert ov.articles[1].most_shared == 0 and ov.articles[1].closest == 0


def test_strip_shows_where_the_shared_material_lies():
    docs = docs_of(ORIGINAL, COPY)
    comp = hand_comparison(docs, (Member(0, 0), Member(1, 0)))
    strip = overview(comp, buckets=5).articles[0].strip
    assert strip[0] == 1.0  # the shared first sentence opens the article
    assert strip[-1] == 0.0  # its ending is its own
    chars = strip_chars(strip)
    assert chars[0] == "█" and chars[-1] == "·" and len(chars) == 5
    assert strip_chars((None, 0.1, 0.5)) == " ▁▄"


def test_furniture_is_left_out_of_the_shares():
    docs = docs_of(ORIGINAL, COPY)
    docs[1].furniture = frozenset({2})
    comp = hand_comparison(docs, (Member(0, 0), Member(1, 0)))
    assert overview(comp).articles[1].sentences == 2
    assert overview(comp).pairs[(1, 0)].verbatim == 0.5


def test_lazy_diffs_are_asked_for():
    docs = docs_of(ORIGINAL, COPY)
    members = (Member(0, 1), Member(1, 1))
    comp = Comparison(docs, [Group(members, 0.8)])
    without = overview(comp).pairs[(1, 0)]
    with_diffs = overview(comp, diff_of=lambda g: diff_group(docs, g.members)).pairs[(1, 0)]
    assert without.reworded > 0 and without.closeness == 0.0
    assert with_diffs.closeness > 0.5


def test_the_seeds_point_to_000_as_the_source_of_002():
    docs = load_documents([str(SEED[n]) for n in ("000", "001", "002", "003", "004")])
    ov = overview(compare_documents(docs))
    assert ov.articles[2].likely_source == 0
    assert ov.articles[2].most_shared == 0
    assert ov.pairs[(2, 0)].verbatim + ov.pairs[(2, 0)].reworded > 0.5
    data = to_data(ov)
    assert len(data["pairs"]) == 20 and len(data["articles"]) == 5
    assert all(abs(p["verbatim"] + p["reworded"] + p["absent"] - 1) < 1e-3 for p in data["pairs"])
