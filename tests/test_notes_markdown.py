"""The notes document: valid CommonMark, hostile text kept literal, and read back whole."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from sidebyside.engine.notes import Note, group_anchor, new_id, sentence_anchor
from sidebyside.engine.pipeline import compare_documents, load_documents
from sidebyside.report.notes_markdown import parse_notes, render_notes

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SEED = {p.name[:3]: str(p) for p in SEEDS.glob("*.txt")}
HOSTILE = (
    "# heading\n[link](x) and <b>bold</b> </details>\n"
    "--> end of comment? <!-- also -->\n- a list\n1. numbered\n===\n"
    "    code?\n*emph* _u_ `tick` ~~strike~~ | pipe \\ backslash\\"
)


@pytest.fixture(scope="module")
def comparison():
    documents = load_documents([SEED["000"], SEED["002"]])
    return compare_documents(documents, with_diffs=False)


def _group_with(comparison, words: str) -> int:
    docs = comparison.documents
    return next(
        k
        for k, g in enumerate(comparison.groups)
        if any(words in docs[m.doc].sentences[m.sentence].text for m in g.members)
    )


@pytest.fixture
def notes(comparison):
    docs = comparison.documents
    transponder = next(s.index for s in docs[0].sentences if "transponder" in s.text)
    return [
        Note(
            new_id(),
            "Who are the two agents?",
            "discrepancy",
            group_anchor(comparison, _group_with(comparison, "two Russian intelligence")),
        ),
        Note(new_id(), "Check the transponder.", "check", sentence_anchor(docs, 0, transponder)),
        Note(new_id(), HOSTILE, "my-tag", sentence_anchor(docs, 1, 0)),
    ]


def _md():
    return MarkdownIt("commonmark").enable("strikethrough")


def test_document_is_valid_commonmark_with_the_expected_structure(comparison, notes):
    text = render_notes(comparison, notes, when=datetime(2025, 1, 2, 3, 4, tzinfo=UTC))
    tokens = _md().parse(text)
    headings = [tokens[k + 1].content for k, t in enumerate(tokens) if t.type == "heading_open"]
    assert headings[0] == "Notes on 2 articles"
    assert "Articles" in headings and "Notes" in headings
    assert sum(h.startswith(("1.", "2.", "3.")) for h in headings) == 3  # one per note
    html = [t.content.strip() for t in tokens if t.type == "html_block"]
    # Only our own comments are HTML: the header, one per note, and the text markers.
    assert all(h.startswith("<!--") and h.endswith("-->") and "\n" not in h for h in html)
    assert sum("sidebyside-note " in h for h in html) == 3
    assert "Exported 2025-01-02 03:04 UTC." in text
    for doc in comparison.documents:
        assert doc.sha256 in text and doc.path.replace("_", "\\_") in text
    assert "<del>via </del><strong>of</strong>" in text  # differences marked in the quoted versions


def test_hostile_note_text_stays_literal(comparison, notes):
    text = render_notes(comparison, notes)
    tokens = _md().parse(text)
    rendered = _md().render(text)
    assert "<b>" not in rendered and "</details>" not in rendered
    assert 'href="x"' not in rendered
    kinds = {t.type for t in tokens}
    assert "bullet_list_open" not in kinds and "code_block" not in kinds
    inline = " ".join(t.content for t in tokens if t.type == "inline")
    assert "# heading" in inline  # the note's line is text in a paragraph, not a heading
    paragraph_texts = [
        child.content
        for t in tokens
        if t.type == "inline"
        for child in t.children or []
        if child.type == "text"
    ]
    joined = "".join(paragraph_texts)
    for piece in ("# heading", "[link](x)", "</details>", "-->", "- a list", "1. numbered"):
        assert piece in joined


def test_round_trip_returns_the_same_notes_anchors_and_tags(comparison, notes):
    text = render_notes(comparison, notes, tags=["discrepancy", "check", "my-tag"])
    parsed = parse_notes(text)
    assert parsed.problems == []
    assert parsed.tags == ["discrepancy", "check", "my-tag"]
    assert [a.sha256 for a in parsed.articles] == [d.sha256 for d in comparison.documents]
    by_id = {n.id: n for n in parsed.notes}
    for note in notes:
        back = by_id[note.id]
        assert (back.text, back.tag, back.anchor) == (note.text, note.tag, note.anchor)
        assert (back.created_at, back.updated_at) == (note.created_at, note.updated_at)


def test_hand_edits_win_and_damaged_data_is_rebuilt(comparison, notes):
    text = render_notes(comparison, notes[:2])
    edited = text.replace("\nWho are the two agents?\n", "\nWho exactly are they?\\\nSecond line\n")
    edited = edited.replace("**Tag:** check", "**Tag:** ok")
    parsed = parse_notes(edited, edited_at="2999-01-01T00:00:00.000000Z")
    by_id = {n.id: n for n in parsed.notes}
    assert by_id[notes[0].id].text == "Who exactly are they?\nSecond line"
    assert by_id[notes[0].id].updated_at == "2999-01-01T00:00:00.000000Z"
    assert by_id[notes[1].id].tag == "ok"

    damaged = text.replace('{"anchor"', '{"anchor" oops', 1)
    parsed = parse_notes(damaged)
    assert len(parsed.notes) == 2 and parsed.problems
    rebuilt = next(n for n in parsed.notes if n.id != notes[1].id)
    assert rebuilt.text == "Who are the two agents?" and rebuilt.tag == "discrepancy"
    assert {q.sha256 for q in rebuilt.anchor.quotes} == {d.sha256 for d in comparison.documents}


def test_no_notes_still_makes_a_document(comparison):
    text = render_notes(comparison, [])
    assert "No notes yet." in text
    assert parse_notes(text).recognised
