"""Rendering hostile text: arbitrary Unicode through the whole app, headless.

Article text is data, never markup or terminal control: whatever it holds
(ANSI escapes, bidi overrides, lone surrogates, ``[/]``, ``[@click=...]``),
the app must draw it without crashing and without a raw ESC reaching the
screen: the views, search, the note editor's quote and the notes list.  A
modest number of examples keeps this under a minute.
"""

from __future__ import annotations

import asyncio

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sidebyside.app.app import SideBySideApp
from sidebyside.engine.furniture import furniture_sentences
from sidebyside.engine.model import Document
from sidebyside.engine.segment import split_sentences

SPECIALS = [
    *"\x00\x01\x07\x08\x1b\x7f\x85\x9b\x0b\x0c\r\n\t",
    *"\u2028\u2029\u200e\u200f\u202a\u202b\u202e\u2066\u2067\u2069\u200b\u200d\ufeff",
    *"\u0301\u0308\u20dd\u0e31\u05b7",
    "👍🏽",
    "👨‍👩‍👧",
    "🇸🇾",
    "\ud800",
    "\udfff",
    "\x1b[31m",
    "\x1b[2J",
    "\x1b]0;title\x07",
    "\x1b[?1049h",
    "[/]",
    "[@click=app.quit]quit[/]",
    "[bold]",
    "[link=https://x]",
    "$x",
    "Comments",
    "Related News",
    "By Jane Doe",
    "11 December 2024 09:09 EST",
    ". ",
    "\n",
    "\n\n",
]
# Shared words make some sentences align, so rows with word diffs get drawn too.
SENTENCES = st.sampled_from(
    [
        "Assad fled Syria for Moscow on Sunday.",
        "The rebels took Damascus after a lightning offensive.",
        "Kremlin sources said Russia arranged the escape.",
        "Путин дал убежище Асаду.",
        "سوريا الجديدة تبدأ اليوم.",
    ]
)
PIECE = st.one_of(
    SENTENCES,
    st.sampled_from(SPECIALS),
    st.characters(),
    st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF),
    st.text(max_size=6),
)
TEXT = st.lists(PIECE, min_size=0, max_size=40).map(" ".join)
KEYS = st.lists(
    st.sampled_from(["j", "k", "n", "N", "u", "v", "f", "tab", "end", "home", "pagedown"]),
    max_size=6,
)


def _document(k: int, text: str, title: str | None) -> Document:
    doc = Document(path=f"article-{k}.txt", text=text, title=title)
    doc.sentences = split_sentences(text)
    doc.furniture = furniture_sentences(doc)
    return doc


async def _render(documents: list[Document], keys: list[str], query: str) -> list[str]:
    app = SideBySideApp(documents)
    shots = []
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        for key in ["j", "n", *keys, "v", "j"]:
            await pilot.press(key)
        await pilot.pause()
        shots.append(app.export_screenshot())
        await pilot.press("slash", *[c for c in query if c.isprintable()][:8], "enter")
        await pilot.pause()
        shots.append(app.export_screenshot())
        strips = app.screen._compositor.render_strips()
        shots.append("\n".join(strip.text for strip in strips))
        for key in ("a", "m"):  # the note editor quotes a sentence; the list shows notes
            await pilot.press("escape", key)
            await pilot.pause()
            shots.append(app.export_screenshot())
    return shots


@settings(
    max_examples=18,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    texts=st.lists(TEXT, min_size=2, max_size=3),
    title=st.one_of(st.none(), TEXT),
    keys=KEYS,
    query=st.one_of(st.sampled_from(["[/]", "Assad", "\u202e", "é"]), st.text(max_size=4)),
)
def test_hostile_text_renders_without_crash_or_escape(texts, title, keys, query):
    documents = [_document(k, t, title if k == 0 else None) for k, t in enumerate(texts)]
    shots = asyncio.run(_render(documents, keys, query))
    for shot in shots:
        assert "\x1b" not in shot
        assert not any(0xD800 <= ord(c) <= 0xDFFF for c in shot)  # no lone surrogates drawn
    screen = shots[-1]
    assert not any(ord(c) < 0x20 and c != "\n" for c in screen)
