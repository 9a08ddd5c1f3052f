"""The provenance overview: shares per pair, strips, and the likely source."""

from __future__ import annotations

from articles import SEED
from hypothesis import given
from hypothesis import strategies as st

from sidebyside.engine import provenance
from sidebyside.engine.diff import diff_group
from sidebyside.engine.model import Comparison, Document, Group, Link, Member, PairDiff
from sidebyside.engine.pipeline import compare_documents, load_documents
from sidebyside.engine.provenance import (
    STRIP_BUCKETS,
    VERBATIM,
    overview,
    strip_chars,
    to_data,
)
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


def test_the_overviews_shared_share_is_the_matched_share_reports_give_beside_it():
    # Sentences in rows of their own that match other rows' count as shared in both.
    docs = load_documents([str(SEED[n]) for n in ("000", "001", "002", "003", "004")])
    comparison = compare_documents(docs)
    assert comparison.linked_alone
    ov = overview(comparison)
    for d in range(len(docs)):
        assert abs(ov.articles[d].shared - comparison.matched_share(d)) < 1e-9, d


def _tallies_one_by_one(comparison: Comparison, buckets: int = STRIP_BUCKETS) -> dict:
    """The overview's counts and sums worked out the plain way, one sentence and one
    other article at a time, in row order: what the array version must match exactly."""
    documents = comparison.documents
    n = len(documents)
    out = {
        "story": [0] * n,
        "shared_any": [0] * n,
        "verbatim": [[0] * n for _ in range(n)],
        "reworded": [[0] * n for _ in range(n)],
        "closeness": [[0.0] * n for _ in range(n)],
        "strip_shared": [[0.0] * buckets for _ in range(n)],
        "strip_total": [[0.0] * buckets for _ in range(n)],
    }
    for group in comparison.groups:
        docs = group.docs
        sims = {}
        for pd in group.diffs if len(docs) > 1 else ():
            sims[(pd.a, pd.b)] = sims[(pd.b, pd.a)] = pd.similarity
        for m in group.members:
            x, document = m.doc, documents[m.doc]
            if m.sentence in document.furniture:
                continue
            out["story"][x] += 1
            sentence = document.sentences[m.sentence]
            middle = (sentence.start + sentence.end) / 2
            bucket = min(int(middle / max(len(document.text), 1) * buckets), buckets - 1)
            weight = max(sentence.end - sentence.start, 1)
            out["strip_total"][x][bucket] += weight
            if len(docs) > 1:
                out["shared_any"][x] += 1
                out["strip_shared"][x][bucket] += weight
            for y in docs:
                if y != x:
                    similarity = sims.get((x, y), 0.0)
                    out["closeness"][x][y] += similarity
                    kind = "verbatim" if similarity >= VERBATIM else "reworded"
                    out[kind][x][y] += 1
    # A story sentence in a row of its own that links to a sentence of another row is
    # shared too (the pairs count rows only, as before).
    row_of = {m: g for g, group in enumerate(comparison.groups) for m in group.members}
    linked = sorted(
        {
            mine
            for link in comparison.links
            for mine, theirs in ((link.a, link.b), (link.b, link.a))
            if row_of[mine] != row_of[theirs]
            and len(comparison.groups[row_of[mine]].docs) == 1
            and mine.sentence not in documents[mine.doc].furniture
        }
    )
    for mine in linked:
        document = documents[mine.doc]
        sentence = document.sentences[mine.sentence]
        middle = (sentence.start + sentence.end) / 2
        bucket = min(int(middle / max(len(document.text), 1) * buckets), buckets - 1)
        out["shared_any"][mine.doc] += 1
        out["strip_shared"][mine.doc][bucket] += max(sentence.end - sentence.start, 1)
    return out


@st.composite
def random_comparisons(draw) -> Comparison:
    """Articles of a few sentences, some of them furniture, put into rows at random, with
    word similarities between some of each row's articles."""
    n = draw(st.integers(2, 4))
    lines = st.sampled_from(
        ["Rebels took the city.", "Assad fled on Sunday.", "The army left.", "Iran said nothing."]
    )
    docs = []
    for d in range(n):
        doc = docs_of(" ".join(draw(st.lists(lines, max_size=6))))[0]
        doc.path = f"{d}.txt"
        picked = draw(st.sets(st.integers(0, max(len(doc.sentences) - 1, 0)), max_size=2))
        doc.furniture = frozenset(k for k in picked if k < len(doc.sentences))
        docs.append(doc)
    members = [Member(d, s.index) for d, doc in enumerate(docs) for s in doc.sentences]
    rows = draw(st.lists(st.integers(0, 5), min_size=len(members), max_size=len(members)))
    groups = []
    for r in sorted(set(rows)):
        mine = tuple(m for m, k in zip(members, rows) if k == r)
        in_row = sorted({m.doc for m in mine})
        diffs = tuple(
            PairDiff(a, b, draw(st.sampled_from([0.0, 0.1, 0.2, 0.3, 0.7, 0.9, 1.0])), ())
            for a in in_row
            for b in in_row
            if a < b and draw(st.booleans())
        )
        if diffs and draw(st.booleans()):  # one pair diffed twice: the last diff counts
            again = diffs[0]
            diffs += (PairDiff(again.b, again.a, draw(st.sampled_from([0.0, 0.6, 1.0])), ()),)
        groups.append(Group(mine, 0.5, diffs))
    # Links between sentences of different articles, within rows and across them.
    links = []
    ends = st.sampled_from(members) if members else st.nothing()
    for a, b in draw(st.lists(st.tuples(ends, ends))) if members else ():
        if a.doc != b.doc and not any({a, b} == {k.a, k.b} for k in links):
            links.append(Link(min(a, b), max(a, b), 0.5, "partial"))
    return Comparison(docs, groups, links=links)


@given(random_comparisons())
def test_the_overview_counts_every_sentence_and_article_as_one_by_one(comparison):
    expected = _tallies_one_by_one(comparison)
    tally = provenance._tally(comparison, STRIP_BUCKETS, None)
    for name, values in expected.items():
        assert getattr(tally, name).tolist() == values, name
    # The app leaves diffs out and supplies them when asked: the same counts.
    given_later = {id(g.members): g.diffs for g in comparison.groups}
    bare = Comparison(
        comparison.documents,
        [Group(g.members, g.score) for g in comparison.groups],
        links=comparison.links,
    )
    later = provenance._tally(bare, STRIP_BUCKETS, lambda g: given_later[id(g.members)])
    for name, values in expected.items():
        assert getattr(later, name).tolist() == values, name
