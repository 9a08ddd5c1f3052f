"""Moved material: which article placed a row elsewhere than the pivot, and where it has it."""

from __future__ import annotations

from articles import SEED, doc_with
from hypothesis import given, settings
from hypothesis import strategies as st
from json_contract import assert_valid_report

from sidebyside.app.rows import RowModel
from sidebyside.engine.model import Comparison, Group, Member
from sidebyside.engine.moves import find_moves, out_of_order
from sidebyside.engine.pipeline import compare_documents, load_documents
from sidebyside.report.as_json import render_json
from sidebyside.report.as_markdown import render_markdown
from sidebyside.report.as_text import render_text

A = ["Alpha one.", "Bravo two.", "Charlie three.", "Delta four.", "Echo five."]
# The second article tells the same story with "Delta" brought to the top.
B = ["Delta four.", "Alpha one.", "Bravo two.", "Charlie three.", "Echo five."]


def paired(a: list[str], b: list[str]) -> Comparison:
    """Two articles whose equal sentences share a row, rows in the first's order."""
    docs = [doc_with("\n".join(a), *a, path="a.txt"), doc_with("\n".join(b), *b, path="b.txt")]
    for doc in docs:  # one paragraph per line, as the segmenter would number them
        doc.sentences = [
            s.__class__(s.index, s.start, s.end, s.text, s.index) for s in doc.sentences
        ]
    groups = [
        Group(members=(Member(0, i), Member(1, b.index(text))), score=1.0)
        for i, text in enumerate(a)
    ]
    return Comparison(documents=docs, groups=groups)


def test_a_sentence_brought_to_the_top_is_the_one_moved():
    comp = paired(A, B)
    (move,) = find_moves(comp, pivot=0)
    assert comp.groups[move.group].sentences_of(0) == [A.index("Delta four.")]
    assert (move.doc, move.sentence, move.paragraph) == (1, 0, 0)
    assert move.after is None  # it opens the second article
    # Seen from the second article, the first has it further down, after "Charlie".
    (back,) = find_moves(comp, pivot=1)
    assert (back.doc, back.sentence) == (0, 3)
    assert comp.groups[back.after].sentences_of(0) == [A.index("Charlie three.")]


def test_articles_in_the_same_order_move_nothing():
    assert find_moves(paired(A, A), pivot=0) == []
    assert find_moves(paired(A, A), pivot=1) == []


def test_out_of_order_keeps_one_longest_increasing_run():
    assert out_of_order([0, 1, 7, 2, 3]) == {2}
    assert out_of_order([3, 0, 1, 2]) == {0}
    assert out_of_order([]) == set()


@settings(max_examples=200, deadline=None)
@given(st.permutations(list(range(8))))
def test_what_is_not_moved_reads_in_order(order):
    moved = out_of_order(order)
    kept = [v for i, v in enumerate(order) if i not in moved]
    assert kept == sorted(kept)
    # No longer run exists: the fewest possible sentences are called moved.
    best = [1] * len(order)
    for i in range(len(order)):
        for j in range(i):
            if order[j] < order[i]:
                best[i] = max(best[i], best[j] + 1)
    assert len(kept) == max(best)


def test_the_app_shows_the_moves_the_engine_finds():
    comp = paired(A, B)
    rows = RowModel(comp, pivot=0)
    assert rows.moved == {(m.group, m.doc): m.sentence for m in find_moves(comp, 0)}
    rows.set_pivot(1)
    assert rows.moved == {(m.group, m.doc): m.sentence for m in find_moves(comp, 1)}


def test_reports_say_where_the_article_has_it():
    comp = paired(A, B)
    data = assert_valid_report(render_json(comp, pivot=0))
    moved = {k: g["moved"] for k, g in enumerate(data["groups"]) if g["moved"]}
    assert moved == {3: [{"doc": 1, "sentence": 0, "paragraph": 0, "after_group": None}]}
    text = render_text(comp, pivot=0)
    row = text.split("4. Shared by 2 articles")[1].split("5. Shared")[0]
    assert "↕ [2] has this elsewhere: ¶1, sentence 1, at the start of the article" in row
    assert text.count("↕ [") == 1
    md = render_markdown(comp, pivot=1)
    assert "↕ *Moved:* \\[1\\] has this elsewhere: ¶4, sentence 4, after row 3" in md


def test_the_seeds_report_moves_in_every_format():
    docs = load_documents([str(SEED[n]) for n in ("000", "001", "004")])
    comp = compare_documents(docs, pivot=0)
    moves = find_moves(comp, 0)
    assert moves and all(m.doc != 0 for m in moves)
    for m in moves:
        assert m.sentence in comp.groups[m.group].sentences_of(m.doc)
        assert m.paragraph == docs[m.doc].sentences[m.sentence].paragraph
    data = assert_valid_report(render_json(comp, pivot=0))
    assert sum(len(g["moved"]) for g in data["groups"]) == len(moves)
    text = render_text(comp, pivot=0)
    story_moves = [m for m in moves if m.group not in comp.furniture_groups]
    assert text.count("↕ [") == len(story_moves)
    assert render_markdown(comp, pivot=0).count("↕ *Moved:*") == len(story_moves)
