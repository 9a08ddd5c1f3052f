"""Corrections to the alignment: applied by the engine, saved with the notes, read by compare."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace

from articles import SEED
from json_contract import assert_valid_report

from sidebyside.engine.corrections import (
    LINK,
    UNLINK,
    Correction,
    apply_corrections,
    link,
    reanchor_corrections,
    unlink,
)
from sidebyside.engine.model import Document, Member
from sidebyside.engine.note_store import NoteStore, decode_all
from sidebyside.engine.notes import ArticleRef
from sidebyside.engine.pipeline import compare_documents
from sidebyside.report.notes_markdown import parse_notes, render_notes

A = (
    "The minister resigned on Monday. Officials said two agents organized the escape. "
    "Rain fell all week in the hills.\n"
)
B = (
    "Officials said two agents organised the escape. The minister resigned on Monday. "
    "Weather stayed wet across the region.\n"
)


def comparison(a: str = A, b: str = B, with_diffs: bool = True):
    documents = [Document(path="a.txt", text=a), Document(path="b.txt", text=b)]
    return compare_documents(documents, with_diffs=with_diffs)


def test_unlink_splits_a_row_and_lowers_both_matched_shares():
    c = comparison()
    assert c.group_of(0, 1).docs == (0, 1)
    before = c.matched_share(0), c.matched_share(1)
    after = apply_corrections(c, [unlink(c.documents, Member(0, 1))])
    assert after.group_of(0, 1).members == (Member(0, 1),)
    assert after.group_of(1, 0).members == (Member(1, 0),)
    assert after.matched_share(0) < before[0] and after.matched_share(1) < before[1]
    assert len(after.groups) == len(c.groups) + 1
    assert c.group_of(0, 1).docs == (0, 1)  # the original is left as it was


def test_link_merges_two_unique_sentences_and_diffs_only_that_row():
    c = comparison()
    assert not c.group_of(0, 2).is_shared and not c.group_of(1, 2).is_shared
    untouched = c.group_of(0, 0)
    after = apply_corrections(c, [link(c.documents, Member(0, 2), Member(1, 2))])
    row = after.group_of(0, 2)
    assert row.members == (Member(0, 2), Member(1, 2))
    assert row.diffs and row.diffs[0].similarity < 1
    assert after.group_of(0, 0) is untouched  # untouched rows are not re-diffed
    assert after.matched_share(0) == 1.0 and after.matched_share(1) == 1.0
    assert len(after.groups) == len(c.groups) - 1


def test_link_moves_a_sentence_out_of_its_row_and_later_corrections_win():
    c = comparison()
    moved = link(c.documents, Member(0, 1), Member(1, 1))  # a wrong link on purpose
    after = apply_corrections(c, [moved])
    assert Member(0, 1) in after.group_of(1, 1).members
    assert after.group_of(1, 0).members == (Member(1, 0),)  # left behind, alone
    later = replace(unlink(c.documents, Member(0, 1)), created_at="9999")
    again = apply_corrections(c, [moved, later])
    assert again.group_of(0, 1).members == (Member(0, 1),)
    deleted = apply_corrections(c, [replace(moved, deleted=True)])
    assert deleted is c  # tombstones change nothing


def test_no_op_corrections_return_the_comparison_itself():
    c = comparison()
    alone = unlink(c.documents, Member(0, 2))  # already a row of its own
    same_row = link(c.documents, Member(0, 0), Member(1, 1))  # already together
    assert apply_corrections(c, [alone, same_row]) is c


def test_rows_keep_the_pivot_order_and_lazy_comparisons_stay_lazy():
    c = comparison(with_diffs=False)
    after = apply_corrections(c, [link(c.documents, Member(0, 2), Member(1, 2))], pivot=1)
    firsts = [min(g.sentences_of(1)) for g in after.groups if 1 in g.docs]
    assert firsts == sorted(firsts)
    assert all(not g.diffs for g in after.groups)


def test_corrections_follow_an_edited_article_and_detach_when_the_sentence_is_gone():
    c = comparison()
    corrections = [link(c.documents, Member(0, 2), Member(1, 2))]
    known = [ArticleRef.of(d) for d in c.documents]
    edited = comparison("Breaking news first. " + A, B)
    (moved,) = reanchor_corrections(corrections, known, edited.documents)
    assert not moved.detached and moved.sentence.index == 3
    after = apply_corrections(edited, corrections, known=known)
    assert after.group_of(0, 3).members == (Member(0, 3), Member(1, 2))
    gone = comparison(A.replace("Rain fell all week in the hills.", "Nothing else."), B)
    (lost,) = reanchor_corrections(corrections, known, gone.documents)
    assert lost.detached
    assert apply_corrections(gone, corrections, known=known) is gone


def test_store_keeps_corrections_across_a_restart_and_merges_two_writers(tmp_path):
    c = comparison()
    first = NoteStore.open(c.documents, tmp_path)
    second = NoteStore.open(c.documents, tmp_path)
    kept = first.put_correction(link(c.documents, Member(0, 2), Member(1, 2)))
    second.put_correction(unlink(c.documents, Member(0, 0)))  # merges with the first's
    reopened = NoteStore.open(c.documents, tmp_path)
    assert sorted(x.action for x in reopened.corrections) == [LINK, UNLINK]
    first.delete_correction(kept.id)
    reopened = NoteStore.open(c.documents, tmp_path)
    assert [x.action for x in reopened.corrections] == [UNLINK]
    _, _, _, stored = decode_all(reopened.path.read_bytes())
    assert any(x.deleted for x in stored)  # the tombstone stays for other copies


def test_an_older_store_without_corrections_still_reads(tmp_path):
    c = comparison()
    store = NoteStore.open(c.documents, tmp_path)
    store.save()
    data = json.loads(store.path.read_text())
    del data["corrections"]
    store.path.write_text(json.dumps(data))
    assert NoteStore.open(c.documents, tmp_path).corrections == []


def test_markdown_export_lists_corrections_and_reads_them_back():
    c = comparison()
    corrections = [
        link(c.documents, Member(0, 2), Member(1, 2)),
        unlink(c.documents, Member(0, 0)),
    ]
    text = render_notes(apply_corrections(c, corrections), [], corrections=corrections)
    assert "## Alignment corrections" in text
    assert "Linked sentence 3 of article 1 to the row of:" in text
    assert "Unlinked sentence 1 of article 1 from its row" in text
    parsed = parse_notes(text)
    assert [x.id for x in parsed.corrections] == [x.id for x in corrections]
    assert parsed.notes == [] and not parsed.problems


def test_corrections_from_data_skip_what_they_cannot_read():
    from sidebyside.engine.corrections import corrections_from_data

    c = comparison()
    good = unlink(c.documents, Member(0, 0)).to_dict()
    _, found, problems = corrections_from_data({"corrections": [good, {"action": "merge"}]})
    assert [x.id for x in found] == [good["id"]] and len(problems) == 1
    assert Correction.from_dict(good).action == UNLINK


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "sidebyside", *args], capture_output=True, timeout=120
    )


def test_compare_applies_corrections_from_json_and_from_a_notes_file(tmp_path):
    from sidebyside.engine.pipeline import load_documents

    paths = [str(SEED["000"]), str(SEED["002"])]
    documents = load_documents(paths)
    c = compare_documents(documents)
    shared = next(g for g in c.groups if g.is_shared)
    member = min(m for m in shared.members if m.doc == 0)
    correction = unlink(documents, member)
    as_json = tmp_path / "corrections.json"
    as_json.write_text(json.dumps({"corrections": [correction.to_dict()]}))
    plain = assert_valid_report(run("compare", "--format", "json", *paths).stdout)
    proc = run("compare", "--format", "json", "--corrections", str(as_json), *paths)
    assert proc.returncode == 0, proc.stderr
    fixed = assert_valid_report(proc.stdout)
    assert len(fixed["groups"]) == len(plain["groups"]) + 1
    notes_md = tmp_path / "notes.md"
    notes_md.write_text(render_notes(c, [], corrections=[correction]))
    proc = run("compare", "--format", "json", "--corrections", str(notes_md), *paths)
    assert proc.returncode == 0, proc.stderr
    assert len(assert_valid_report(proc.stdout)["groups"]) == len(fixed["groups"])
    bad = tmp_path / "bad.txt"
    bad.write_text("hello")
    proc = run("compare", "--corrections", str(bad), *paths)
    assert proc.returncode == 2 and b"neither JSON nor" in proc.stderr
