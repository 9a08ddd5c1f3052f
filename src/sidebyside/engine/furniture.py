"""Page furniture in plain text: what a copied web page carries besides the story.

Bylines, datelines, "Comments", "Related News" and the headlines listed under
it, share, subscribe, notification and donation prompts, copyright lines and
source credits are marked so they can be dimmed and left out of the matched
share; they are never removed. The rules look at whole paragraphs (lines) and
are deliberately narrow: a story sentence taken for furniture would hide a real
difference, while furniture left unmarked only costs a little noise.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise

from sidebyside.engine.model import Document, Sentence
from sidebyside.engine.segment import WHITESPACE, split_sentences

# Furniture is short; a paragraph longer than this is story, whatever it starts with.
_MAX_LINE = 300
_BULLETS = "-–—•*·▪►> " + WHITESPACE

# Paragraphs that are only a label (compared lower-cased, without end punctuation).
_LABELS = frozenset(
    """comments, comment, related, related news, related articles, related stories,
    related content, related coverage, related topics, related links, more on this story,
    more on this topic, read more, read next, also read, see also, more stories, latest news,
    top stories, most read, most popular, most viewed, trending, trending now, recommended,
    recommended for you, you may also like, you might also like, advertisement, ad, sponsored,
    share, share this, share this article, share this story, share article, copy link, print,
    email, subscribe, newsletter, sign up, sign in, log in, register, listen,
    listen to this article, skip to content, skip to main content, back to top, load more,
    show more, thank you for registering, view comments, show comments, leave a comment,
    topics, tags""".replace("\n", " ").split(", ")
)
_LABELS = frozenset(" ".join(label.split()) for label in _LABELS)
# Headings of a box of links to other stories: the short lines after them are headlines.
_LIST_HEADINGS = re.compile(
    r"(related|more|latest|top|recommended|popular|trending)( news| articles| stories| content"
    r"| coverage| links| from [\w .&']{1,30}| on this (story|topic))?|read (more|next|also)"
    r"|also read|see also|most (read|popular|viewed)|you (may|might) also like",
)
_COMMENT_COUNT = re.compile(r"\d+\s+comments?")

# Paragraphs that start like this are furniture whole (after any bullet or dash).
_PREFIXES = re.compile(
    r"""(?ix)
    (?: related \s* [:|]
      | (?:read|see) \s+ (?:more|also|next) \b
      | also \s+ read \b
      | (?:©|\(c\)\s*\d|copyright \s+ (?:©|\(c\)|\d{4}))
      | all \s+ rights \s+ reserved
      | (?:sign \s* up|subscribe|register) \s+ (?:for|to|now|here|today) \b
      | follow \s+ us \b
      | share \s+ (?:this|on|via) \b
      | click \s+ here \b
      | download \s+ (?:our|the) \s+ [\w\s]{0,20} app \b
      | join \s+ (?:our|the|thought-provoking) \b .{0,80}
        \b (?:comment\w*|conversations?|discussions?|forum|readers|community|newsletter)\b
      | stay \s+ (?:up \s+ to \s+ date|informed|in \s+ the \s+ know) \s+ with \b
      | notifications? \s+ (?:can|are|will) \b .{0,40} \b (?:browser|settings|preferences)\b
      | (?:turn \s+ on|enable|allow) \s+ (?:push \s+ )?notifications \b
      | (?:please \s+)? refresh \s+ (?:the|your) \s+ (?:page|browser) \b
      | please \s+ (?:log|sign) \s* in \b
      | thanks? (?:\s+ you)? \s+ for \s+ (?:registering|signing \s+ up|subscribing) \b
      | already \s+ (?:a \s+ subscriber|have \s+ an \s+ account|registered) \b
      | your \s+ support \s+ (?:helps|makes|matters|means|allows) \b
      | support \s+ (?:us|our \s+ journalism|independent \s+ journalism) \b
      | (?:become \s+ a \s+ member|make \s+ a \s+ (?:donation|contribution)|donate \s+ now)\b
      | based \s+ on \s+ (?:reports|reporting|information) \s+ (?:from|by) \b
      | (?:with \s+)? (?:additional \s+)? reporting \s+ by \b
      | (?:writing|editing) \s+ by \b
      | this \s+ (?:article|story) \s+ (?:was|has \s+ been|is) \s+ (?:originally \s+ |first \s+ )?
        (?:published|updated|amended) \b
      | distributed \s+ by \b
      | (?:last \s+)? updated \s* (?: : | \s (?:as|at|on|with) \b | \s* \d)
      | published \s+ in \s+ [A-Z][\w&' ]{0,40} $
    )
    """
)
# A credit line: "Source: Bloomberg", "Photo: AP".
_CREDIT = re.compile(
    r"(?i)(?:source|sources|credit|credits|photo|photos|image|picture|video|graphic)s?\s*:\s*\S"
)
# "By Angus Thompson", "By Jane Doe and John Roe, Reuters".
_NAME = r"[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|de|da|van|von|al|bin|el|la|le))*"
_BYLINE = re.compile(rf"By\s+{_NAME}(?:\s*(?:,|and|&)\s*{_NAME})*\s*")
_NAME_LINE = re.compile(r"[A-Z][\w'’-]+(?:\s+(?:[A-Z]\.|[A-Z][\w'’-]+)){1,3}")

_MONTHS = frozenset(
    """january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec""".split()
)
_DATE_WORDS = _MONTHS | frozenset(
    """monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs
    fri sat sun am pm a.m p.m at on updated published posted last est edt cst cdt mst mdt pst
    pdt gmt bst utc cet cest eet eest ist jst aest aedt msk et pt ct hrs""".split()
)
_DATE_TOKEN = re.compile(r"[^\W\d_]+(?:\.[^\W\d_]+)*\.?|\d+|[^\w\s]")
_NUMERIC_DATE = re.compile(r"\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}")
_YEAR_OR_TIME = re.compile(r"\b(?:1[89]|20)\d\d\b|\b\d{1,2}[:.]\d\d\b")


def furniture_sentences(document: Document) -> frozenset[int]:
    """Indices of the sentences of ``document`` that are page furniture."""
    sentences = document.sentences or split_sentences(document.text)
    return find_furniture(document.text, sentences)


def find_furniture(text: str, sentences: Sequence[Sentence]) -> frozenset[int]:
    paragraphs: list[list[Sentence]] = []
    for sentence in sentences:
        if paragraphs and paragraphs[-1][0].paragraph == sentence.paragraph:
            paragraphs[-1].append(sentence)
        else:
            paragraphs.append([sentence])
    lines = [text[p[0].start : p[-1].end] for p in paragraphs]
    dateline = [is_dateline(line) for line in lines]
    marked = [dateline[i] or _is_furniture_line(line) for i, line in enumerate(lines)]
    for i, line in enumerate(lines):
        if marked[i]:
            continue
        near_date = (i > 0 and dateline[i - 1]) or (i + 1 < len(lines) and dateline[i + 1])
        if near_date and _NAME_LINE.fullmatch(line) and len(line) <= 40:
            marked[i] = True  # the author's name above or below the date
        elif _is_ticker(line):
            marked[i] = True
    _mark_link_lists(lines, dateline, marked)
    _mark_appeals(lines, marked)
    return frozenset(s.index for p, m in zip(paragraphs, marked) if m for s in p)


def _label(line: str) -> str:
    return " ".join(line.lower().strip(_BULLETS + ".:;!?|").split())


def _is_furniture_line(line: str) -> bool:
    if len(line) > _MAX_LINE:
        return False
    label = _label(line)
    if label in _LABELS or _COMMENT_COUNT.fullmatch(label):
        return True
    body = line.lstrip(_BULLETS)
    if _PREFIXES.match(body):
        return True
    if len(body) <= 80 and _CREDIT.match(body):
        return True
    return len(body) <= 80 and not body.endswith(".") and bool(_BYLINE.fullmatch(body))


def is_dateline(line: str) -> bool:
    """A line that is only a date and time, maybe after a source ("Arab| 11 December, 2024")."""
    if len(line) > 80:
        return False
    source, bar, rest = line.partition("|")
    if bar and len(source.split()) <= 3 and len(source) <= 30:
        line = rest
    tokens = _DATE_TOKEN.findall(line)
    has_month = False
    for token in tokens:
        if token.isdigit():
            if len(token) > 4:
                return False
        elif token[0].isalpha():
            word = token.lower().rstrip(".")
            if word not in _DATE_WORDS:
                return False
            has_month = has_month or word in _MONTHS
        elif token not in ",.-–—:/|()":
            return False
    if _NUMERIC_DATE.search(line):
        return True
    return has_month and bool(_YEAR_OR_TIME.search(line))


def _is_ticker(line: str) -> bool:
    """A run of headlines pasted as one bulleted line: long, with no sentence end in it."""
    if len(line) < 250 or line[:1] not in "-–—•*·" or line.rstrip()[-1:] in ".?!…\"'”’)":
        return False
    return not re.search(r"[^\W_)][.?!][\"'”’)]*\s", line)


def _mark_link_lists(lines: list[str], dateline: list[bool], marked: list[bool]) -> None:
    """Mark the headlines under a "Related News" heading.

    Only when dated items show it is a list, or when it ends the text and its items
    have no full stop: short one-sentence paragraphs of the story look much the same.
    """
    for i, line in enumerate(lines):
        if not _LIST_HEADINGS.fullmatch(_label(line)):
            continue
        end = i + 1
        while end < len(lines) and (dateline[end] or _is_headline(lines[end])):
            end += 1
        dates = [k for k in range(i + 1, end) if dateline[k]]
        if len(dates) >= 2:
            stop = min(dates[-1] + 2, end)
        elif (
            end == len(lines)
            and end - i <= 13
            and not any(
                lines[k].rstrip(_CLOSERS).endswith(".") or len(lines[k]) > 150
                for k in range(i + 1, end)
            )
        ):
            stop = end  # a trailing list of headlines, which have no full stop
        else:
            continue
        for k in range(i + 1, stop):
            marked[k] = True


def _is_headline(line: str) -> bool:
    """Short, with at most one sentence break ("Rule ends... This is how it fell")."""
    return len(line) <= 250 and len(_BREAK.findall(line)) <= 1


_CLOSERS = "\"'”’)»"
_BREAK = re.compile(r"[.?!…]+[\"'”’)]*\s+\S")


def _mark_appeals(lines: list[str], marked: list[bool]) -> None:
    """Mark a donation appeal: the paragraphs between two support prompts, when every
    one of them speaks as the publication ("we", "our", "us")."""
    prompts = [i for i, line in enumerate(lines) if _is_appeal(line)]
    for a, b in pairwise(prompts):
        between = range(a + 1, b)
        if len(between) <= 6 and all(_WE.search(lines[k]) for k in between):
            for k in between:
                marked[k] = True


_APPEAL = re.compile(
    r"(?i)(?:your\s+(?:support|donation|contribution)\b|support\s+(?:us|our|independent)\b"
    r"|donate\b|become\s+a\s+(?:member|supporter|subscriber)\b)"
)
_WE = re.compile(r"\b(?:we|our|us)\b", re.IGNORECASE)


def _is_appeal(line: str) -> bool:
    return len(line) <= 120 and bool(_APPEAL.match(line.lstrip(_BULLETS)))
