"""Notes as a Markdown document a person reads and sidebyside reads back.

The visible part follows the comparison report's conventions (the same
escaping, the same ``<strong>added</strong>`` / ``<del>removed</del>`` marks).  Each note also
carries its exact data as JSON in a one-line HTML comment, with ``<``, ``>``
and ``--`` written as JSON escapes so no text can close the comment.  When
reading back, the JSON is the truth unless the visible note text or tag was
edited by hand, in which case the edit wins; a note whose JSON was damaged is
rebuilt from what is visible (its sentence found again by its quoted text).
Corrections to the alignment follow the notes in their own section, each with
its data in the same kind of comment; their JSON is the only truth.

A file can also be damaged: cut short, a data line broken or deleted.  The
reader says so in ``damage`` (the header counts the notes, so a file cut
between two notes is noticed too) and never takes a cut-short text for a hand
edit; callers then keep what they already hold over what such a file says.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime

from sidebyside.engine.corrections import LINK, Correction, reanchor_corrections
from sidebyside.engine.corrections import in_order as corrections_in_order
from sidebyside.engine.diff import diff_group
from sidebyside.engine.model import Comparison, Group
from sidebyside.engine.notes import (
    GROUP,
    SENTENCE,
    Anchor,
    ArticleRef,
    Note,
    Quote,
    clean_tag,
    locate,
    member_of,
    now_stamp,
)
from sidebyside.engine.order import pivot_order
from sidebyside.engine.titles import title
from sidebyside.report.as_markdown import escape, version_quote
from sidebyside.report.marks import reference_of

FORMAT = "sidebyside-notes-md"
VERSION = 1
HEADER_MARK = "sidebyside-notes"
NOTE_MARK = "sidebyside-note"
CORRECTION_MARK = "sidebyside-correction"
TEXT_OPEN = "<!-- note-text -->"
TEXT_CLOSE = "<!-- /note-text -->"
EMPTY_NOTE = "*(no text)*"

_COMMENT = re.compile(r"^<!-- (sidebyside-notes?|sidebyside-correction) (\{.*\}) -->\s*$")
_NOTE_HEADING = re.compile(r"^### \d+\. ")
_TITLE = re.compile(r"^# Notes on \d+ articles?\s*$")
_PATH_LINE = re.compile(r"^\s+Path:\s?(.*?)\\?$")
_SHA_LINE = re.compile(r"^\s+SHA-256: `([0-9a-f]{64})`")
_TAG_LINE = re.compile(r"^\*\*Tag:\*\*\s*(.*?)\s*$")
_QUOTE_LINE = re.compile(r"^>\s*\*\*\\\[(\d+)\\\]\*\*\s*\*[^*]*\*(?: \(reference\))?:\s?(.*)$")
_ON_LINE = re.compile(r"^\*\*On:\*\*\s*(.*)$")
_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")
_LINE_START = re.compile(r"^([-+=]|\d+(?=[.)]))")


# -- writing ------------------------------------------------------------------
def _json_comment(mark: str, data: dict) -> str:
    """``data`` on one comment line that no value can end early."""
    text = json.dumps(data, ensure_ascii=True, separators=(",", ":"), sort_keys=True)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("--", "-\\u002d")
    return f"<!-- {mark} {text} -->"


def _escape_line(line: str) -> str:
    """One line of user text as literal inline Markdown, safe at the start of a line too."""
    out = escape(line)
    # A line starting "- ", "+ ", "1." or "===" would become a list or a heading.
    return _LINE_START.sub(
        lambda m: m.group(0) + "\\" if m.group(0)[0].isdigit() else "\\" + m.group(0), out
    )


def note_body(text: str) -> list[str]:
    """The note text as Markdown lines: paragraphs kept, line breaks kept as hard breaks."""
    paragraphs: list[list[str]] = [[]]
    for raw in text.split("\n"):
        line = _escape_line(raw)
        if line:
            paragraphs[-1].append(line)
        elif paragraphs[-1]:
            paragraphs.append([])
    out: list[str] = []
    for para in (p for p in paragraphs if p):
        if out:
            out.append("")
        out.extend(f"{line}\\" if k < len(para) - 1 else line for k, line in enumerate(para))
    return out or [EMPTY_NOTE]


def _with_diffs(comparison: Comparison, group: Group) -> Group:
    if group.diffs or not group.is_shared:
        return group
    return Group(group.members, group.score, diff_group(comparison.documents, group.members))


def _versions(comparison: Comparison, group_index: int, pivot: int) -> str:
    group = _with_diffs(comparison, comparison.groups[group_index])
    ref = reference_of(group, pivot)
    docs = [ref, *(d for d in group.docs if d != ref)]
    return "\n>\n".join(version_quote(comparison, group, d, ref) for d in docs)


def _detached_quotes(note: Note, articles: Sequence[ArticleRef]) -> str:
    numbers = {a.sha256: k for k, a in enumerate(articles)}
    lines = []
    for q in note.anchor.quotes:
        k = numbers.get(q.sha256)
        label = f"**\\[{k + 1}\\]** *{escape(articles[k].path)}*" if k is not None else ""
        label = label or f"*an earlier version, SHA-256 {q.sha256[:12]}*"
        lines.append(f"> {label}: {escape(q.text)}")
    return "\n>\n".join(lines)


def _on(note: Note, comparison: Comparison, place) -> str:
    if place is None:
        return "**On:** a sentence no longer found in the articles (detached)"
    if place.doc is None:
        docs = comparison.groups[place.group].docs
        return f"**On:** the whole row (articles {', '.join(str(d + 1) for d in docs)})"
    return f"**On:** sentence {place.sentence + 1} of article {place.doc + 1}"


def _heading(number: int, note: Note, comparison: Comparison, place) -> str:
    tag = escape(note.tag) if note.tag else "note"
    docs = comparison.documents
    if place is None:
        where = "detached"
    elif place.doc is None:
        where = "row " + ", ".join(
            escape(docs[d].name) for d in comparison.groups[place.group].docs
        )
    else:
        where = escape(docs[place.doc].name)
    return f"### {number}. {tag} · {where}"


def ordered(notes: Sequence[Note], comparison: Comparison, pivot: int = 0) -> list[Note]:
    """Live notes in reading order (the pivot's row order), detached ones last."""
    rank = {g: r for r, g in enumerate(pivot_order(comparison.groups, pivot))}

    def key(note: Note):
        place = locate(note, comparison, pivot)
        if place is None:
            return (1, 0, 0, 0, note.created_at)
        return (
            0,
            rank[place.group],
            place.doc if place.doc is not None else -1,
            place.sentence or 0,
            note.created_at,
        )

    return sorted((n for n in notes if not n.deleted), key=key)


def _correction_end(quote: Quote, comparison: Comparison, articles: Sequence[ArticleRef]) -> str:
    """One end of a correction as a quoted line: article number, name, sentence text."""
    member = member_of(quote, comparison.documents)
    if member is not None:
        doc = comparison.documents[member.doc]
        label = f"**\\[{member.doc + 1}\\]** *{escape(doc.name)}*, sentence {member.sentence + 1}"
    else:
        k = next((k for k, a in enumerate(articles) if a.sha256 == quote.sha256), None)
        label = f"**\\[{k + 1}\\]**" if k is not None else "*an earlier version*"
    return f"> {label}: {escape(quote.text)}"


def _corrections_section(
    comparison: Comparison, corrections: Sequence[Correction], articles: Sequence[ArticleRef]
) -> list[str]:
    lines = [
        "",
        "## Alignment corrections",
        "",
        "Rows regrouped by hand, in the order they were made; later ones win.",
    ]
    for number, c in enumerate(corrections, 1):
        what = "Linked" if c.action == LINK else "Unlinked"
        member = member_of(c.sentence, comparison.documents)
        if c.detached or member is None:
            head = f"{number}. {what} (detached: its sentence is no longer in the articles)"
        elif c.action == LINK:
            head = f"{number}. {what} sentence {member.sentence + 1} of article {member.doc + 1}"
            head += " to the row of:"
        else:
            head = f"{number}. {what} sentence {member.sentence + 1} of article {member.doc + 1}"
            head += " from its row"
        lines += ["", _json_comment(CORRECTION_MARK, c.to_dict()), "", head, ""]
        ends = [c.sentence] if c.target is None else [c.sentence, c.target]
        lines.append("\n>\n".join(_correction_end(q, comparison, articles) for q in ends))
    return lines


def render_notes(
    comparison: Comparison,
    notes: Sequence[Note],
    *,
    tags: Sequence[str] = (),
    pivot: int = 0,
    when: datetime | None = None,
    corrections: Sequence[Correction] = (),
) -> str:
    """The notes document (CommonMark; removed words struck with ``<del>``)."""
    docs = comparison.documents
    articles = [ArticleRef.of(d, title(d)) for d in docs]
    when = when or datetime.now(UTC)
    lines = [
        f"# Notes on {len(docs)} articles",
        "",
        f"Exported {when.strftime('%Y-%m-%d %H:%M UTC')}.",
        "",
        "## Articles",
        "",
    ]
    for k, ref in enumerate(articles):
        lines += [
            f"{k + 1}. {escape(ref.title or '') or '*(no title)*'}\\",
            f"   Path: {escape(ref.path)}\\",
            f"   SHA-256: `{ref.sha256}`",
        ]
    header = {
        "format": FORMAT,
        "version": VERSION,
        "articles": [a.to_dict() for a in articles],
        "tags": list(tags),
        "pivot": pivot,
    }
    in_order = ordered(notes, comparison, pivot)
    live = reanchor_corrections(corrections_in_order(corrections), articles, docs)
    header["notes"], header["corrections"] = len(in_order), len(live)
    lines += ["", _json_comment(HEADER_MARK, header), "", "## Notes"]
    if not in_order:
        lines += ["", "No notes yet."]
    detached_heading = False
    for number, note in enumerate(in_order, 1):
        place = locate(note, comparison, pivot)
        if place is None and not detached_heading:
            lines += ["", "## Detached notes", "", "Their sentence is no longer in the articles."]
            detached_heading = True
        lines += [
            "",
            _json_comment(NOTE_MARK, note.to_dict()),
            "",
            _heading(number, note, comparison, place),
            "",
            f"**Tag:** {escape(note.tag) if note.tag else '(none)'}",
            "",
            _on(note, comparison, place),
            "",
            _versions(comparison, place.group, pivot)
            if place
            else _detached_quotes(note, articles),
            "",
            TEXT_OPEN,
            "",
            *note_body(note.text),
            "",
            TEXT_CLOSE,
        ]
    if live:
        lines += _corrections_section(comparison, live, articles)
    return "\n".join(lines) + "\n"


# -- reading ------------------------------------------------------------------
@dataclass(slots=True)
class ParsedNotes:
    """What a notes file holds; ``problems`` says what could not be read and why."""

    articles: list[ArticleRef] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    corrections: list[Correction] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    recognised: bool = False  # the file had a sidebyside header or note
    damage: list[str] = field(default_factory=list)  # how the file is not as it was written
    rebuilt: set[str] = field(default_factory=set)  # ids of notes rebuilt from visible text
    partial: set[str] = field(default_factory=set)  # rebuilt ids whose text was cut short

    @property
    def damaged(self) -> bool:
        """Whether the file lost data: cut short, or a data line broken or deleted."""
        return bool(self.damage)


def _unescape(lines: list[str]) -> str:
    """The text behind ``note_body``'s lines (good enough for hand edits)."""
    paragraphs: list[list[str]] = [[]]
    for line in lines:
        if not line.strip():
            if paragraphs[-1]:
                paragraphs.append([])
            continue
        line = line.strip()
        if (len(line) - len(line.rstrip("\\"))) % 2:  # an odd backslash ends a hard break
            line = line[:-1]
        paragraphs[-1].append(_ESCAPED.sub(r"\1", line))
    return "\n\n".join("\n".join(p) for p in paragraphs if p)


def _plain_quote(body: str) -> str:
    """A marked version line back to the article's words: removed words out, marks off."""
    body = re.sub(r"~~.*?~~|<del>.*?</del>", "", body)
    body = body.replace("**", "").replace("<strong>", "").replace("</strong>", "")
    return " ".join(_ESCAPED.sub(r"\1", body).split())


def _edge_trim(lines: list[str]) -> list[str]:
    while lines and not lines[0].strip():
        lines = lines[1:]
    while lines and not lines[-1].strip():
        lines = lines[:-1]
    return lines


def _read_section(
    lines: list[str], data: dict | None, parsed: ParsedNotes, edited_at: str
) -> Note | None:
    tag_seen: str | None = None
    on_text = ""
    quotes: list[tuple[int, str]] = []
    body: list[str] | None = None
    inside = False
    for line in lines:
        if line.strip() == TEXT_OPEN:
            inside, body = True, []
            continue
        if line.strip() == TEXT_CLOSE:
            inside = False
            continue
        if inside:
            body.append(line)
            continue
        if m := _TAG_LINE.match(line):
            tag_seen = m.group(1)
        elif m := _ON_LINE.match(line):
            on_text = m.group(1)
        elif m := _QUOTE_LINE.match(line):
            quotes.append((int(m.group(1)) - 1, m.group(2)))
    cut_short = inside
    if cut_short:
        parsed.damage.append("cut short inside a note's text")
    visible_text = None
    if body is not None:
        body = _edge_trim(body)
        visible_text = "" if body == [EMPTY_NOTE] else _unescape(body)
    visible_tag = None
    if tag_seen is not None:
        visible_tag = None if tag_seen == "(none)" else clean_tag(_ESCAPED.sub(r"\1", tag_seen))

    note: Note | None = None
    if data is not None:
        try:
            note = Note.from_dict(data)
        except (ValueError, TypeError, KeyError, AttributeError) as e:
            parsed.problems.append(f"a note's data could not be read ({e}); rebuilt from its text")
            parsed.damage.append("a note's data is broken")
    if note is not None:
        if cut_short:  # what is visible is a fragment, not an edit
            return note
        changed = False
        if body is not None and _edge_trim(note_body(note.text)) != body:
            note = replace(note, text=visible_text)
            changed = True
        if tag_seen is not None and visible_tag != note.tag:
            note = replace(note, tag=visible_tag)
            changed = True
        if changed:
            note = replace(note, updated_at=max(edited_at, note.updated_at))
        return note
    # Rebuild from what is visible: the sentence is found again by its text.
    rebuilt = []
    for k, text in quotes:
        if 0 <= k < len(parsed.articles) and text:
            rebuilt.append(Quote(parsed.articles[k].sha256, -1, _plain_quote(text), -1, -1))
    if not rebuilt or visible_text is None:
        parsed.problems.append("a note section had neither readable data nor quotes; skipped")
        return None
    scope = GROUP if "whole row" in on_text else SENTENCE
    m = re.search(r"article (\d+)", on_text)
    if scope == SENTENCE and m:
        k = int(m.group(1)) - 1
        if 0 <= k < len(parsed.articles):
            mine = [q for q in rebuilt if q.sha256 == parsed.articles[k].sha256]
            rebuilt = mine or rebuilt[:1]
    anchor = Anchor(scope, tuple(rebuilt[:1] if scope == SENTENCE else rebuilt))
    note = Note(
        id=_rebuilt_id(visible_text, anchor),
        text=visible_text,
        tag=visible_tag,
        anchor=anchor,
        created_at=edited_at,
        updated_at=edited_at,
    )
    parsed.rebuilt.add(note.id)
    if cut_short:
        parsed.partial.add(note.id)
    return note


def _rebuilt_id(text: str, anchor: Anchor) -> str:
    """The same id each time the same damaged note is read, so rereading adds no copy."""
    key = json.dumps([text, anchor.to_dict()], sort_keys=True, ensure_ascii=True)
    return "rebuilt-" + hashlib.sha256(key.encode("ascii")).hexdigest()[:24]


def _load_json(text: str, parsed: ParsedNotes, what: str) -> dict | None:
    try:
        data = json.loads(text)
    except ValueError as e:
        parsed.problems.append(f"the {what} data is not valid JSON ({e})")
        return None
    return data if isinstance(data, dict) else None


def parse_notes(text: str, edited_at: str | None = None) -> ParsedNotes:
    """Read a notes document back: articles, tags and notes with their anchors.

    ``edited_at`` stamps notes whose visible text was changed by hand (the
    file's modification time), so those edits win a merge with older copies.
    """
    edited_at = edited_at or now_stamp()
    parsed = ParsedNotes()
    sections: list[tuple[dict | None, list[str]]] = []
    headed = True  # whether the section being read has had its heading
    in_note = True  # lines after a correction's data belong to no note
    in_notes = False  # past the "## Notes" heading
    header: dict | None = None
    shown_paths: list[str] = []
    shown_shas: list[str] = []
    corrections_seen = 0
    seen_any = False  # a non-blank line was read: the title must come first
    for line in text.splitlines():
        m = _COMMENT.match(line)
        if m and m.group(1) == CORRECTION_MARK:
            parsed.recognised = True
            in_note = False
            corrections_seen += 1
            data = _load_json(m.group(2), parsed, "correction")
            try:
                if data is not None:
                    parsed.corrections.append(Correction.from_dict(data))
            except (ValueError, TypeError, KeyError, AttributeError) as e:
                parsed.problems.append(f"a correction's data could not be read ({e}); skipped")
                data = None
            if data is None:
                parsed.damage.append("a correction's data line is broken")
            continue
        if m and m.group(1) == HEADER_MARK:
            parsed.recognised = True
            header = _load_json(m.group(2), parsed, "header")
            if header is None:
                parsed.damage.append("the header's data line is broken")
            else:
                try:
                    parsed.articles = [ArticleRef.from_dict(a) for a in _listed(header, "articles")]
                    parsed.tags = [t for t in map(clean_tag, _tags(header)) if t]
                except (ValueError, TypeError, KeyError, AttributeError) as e:
                    parsed.problems.append(f"the header could not be read ({e})")
                    parsed.damage.append("the header's data is broken")
            continue
        if m and m.group(1) == NOTE_MARK:
            parsed.recognised = True
            in_note, in_notes, headed = True, True, False
            data = _load_json(m.group(2), parsed, "note")
            if data is None:
                parsed.damage.append("a note's data line is broken")
            sections.append((data, []))
            continue
        if line.startswith("<!-- sidebyside-note"):  # damaged beyond the pattern
            parsed.recognised = True
            parsed.problems.append("a note's data line is damaged; rebuilt from its text")
            parsed.damage.append("a note's data line is broken")
            in_note, in_notes, headed = True, True, False
            sections.append((None, []))
            continue
        if line.startswith("<!-- sidebyside-correction"):
            parsed.problems.append("a correction's data line is damaged; skipped")
            parsed.damage.append("a correction's data line is broken")
            corrections_seen += 1
            in_note = False
            continue
        if line.strip() in ("## Notes", "## Detached notes"):
            in_notes, in_note = True, True
        if line.strip() == "## Alignment corrections":
            in_note = False
        if line.strip() == TEXT_OPEN or (not seen_any and _TITLE.match(line)):
            parsed.recognised = True
        seen_any = seen_any or bool(line.strip())
        if not in_notes:
            if found := _PATH_LINE.match(line):
                shown_paths.append(_ESCAPED.sub(r"\1", found.group(1)))
            elif found := _SHA_LINE.match(line):
                shown_shas.append(found.group(1))
        if in_notes and in_note and _NOTE_HEADING.match(line):
            if headed:  # a note whose data line was deleted: read what is visible
                parsed.problems.append("a note has no data line; rebuilt from its text")
                parsed.damage.append("a note's data line is missing")
                sections.append((None, []))
            headed = True
        if sections and in_note:
            sections[-1][1].append(line)
    if header is None and shown_shas:
        parsed.articles = [
            ArticleRef(sha, path)
            for sha, path in zip(shown_shas, [*shown_paths, *[""] * len(shown_shas)])
        ]
    if header is None and parsed.recognised:  # ours, but cut short or its data deleted
        parsed.damage.append("the header's data line is missing")
    for data, lines in sections:
        note = _read_section(lines, data, parsed, edited_at)
        if note is not None:
            parsed.notes.append(note)
    _check_counts(parsed, header, len(sections), corrections_seen)
    return parsed


def _listed(data: dict, key: str) -> list:
    value = data.get(key, [])
    if not isinstance(value, list):
        raise ValueError(f"{key!r} is not a list")
    return value


def _tags(data: dict) -> list[str]:
    """A header's tags: a list of names; a lone string is one tag, not its letters."""
    value = data.get("tags", [])
    if isinstance(value, str):
        return [value]
    return [str(t) for t in value] if isinstance(value, list) else []


def _check_counts(parsed: ParsedNotes, header: dict | None, notes: int, corrections: int) -> None:
    """A file cut between two notes still reads cleanly: its header's counts tell."""
    if not isinstance(header, dict):
        return
    expected = header.get("notes")
    if isinstance(expected, int) and notes < expected:
        parsed.damage.append(f"{expected - notes} of {expected} notes missing (cut short?)")
    expected = header.get("corrections")
    if isinstance(expected, int) and corrections < expected:
        parsed.damage.append(
            f"{expected - corrections} of {expected} alignment corrections missing"
        )
