"""The text, Markdown and JSON reports: what a reader sees, and that article text stays inert."""

from __future__ import annotations

import html
import re

import pytest
from articles import SEED, doc_with
from hypothesis import given, settings
from hypothesis import strategies as st
from json_contract import assert_valid_report
from markdown_it import MarkdownIt

from sidebyside.engine.diff import diff_group
from sidebyside.engine.model import Comparison, Document, Group, Link, Member
from sidebyside.engine.notes import Note, group_anchor, new_id
from sidebyside.engine.pipeline import compare_documents, load_documents
from sidebyside.engine.sanitize import visible
from sidebyside.report.as_json import render_json
from sidebyside.report.as_markdown import escape, render_markdown
from sidebyside.report.as_text import render_text
from sidebyside.report.notes_markdown import render_notes

SEED_000 = (
    "Russian intelligence agents organized the escape, flying Assad out via its air base "
    "in Syria, two people said."
)
SEED_002 = (
    "The officials said two Russian intelligence agents organized the escape, flying Assad "
    "out of its air base in Syria."
)
SEED_000_NEXT = (
    "The aircraft’s transponder was turned off to avoid being tracked, one of them said."
)
SEED_002_NEXT = "One said the plane’s transponder was turned off to avoid being tracked."
HOSTILE = "[/] [bold]x [@click=app.quit]q[/] \x1b[31mred\x1b[0m \x07bell\r\x08 end"


def comparison(docs: list[Document], *shared: tuple[Member, ...], score: float = 0.8) -> Comparison:
    """The given groups, then every other sentence on its own, as the aligner would."""
    groups = [Group(members=m, score=score, diffs=diff_group(docs, m)) for m in shared]
    taken = {m for g in groups for m in g.members}
    for d, doc in enumerate(docs):
        for s in doc.sentences:
            if Member(d, s.index) not in taken:
                groups.append(Group(members=(Member(d, s.index),), score=1.0))
    return Comparison(documents=docs, groups=groups)


@pytest.fixture
def seeds_pair() -> Comparison:
    docs = [
        doc_with(SEED[n].read_text(encoding="utf-8"), *s, path=str(SEED[n]))
        for n, s in (("000", (SEED_000, SEED_000_NEXT)), ("002", (SEED_002, SEED_002_NEXT)))
    ]
    return comparison(docs, (Member(0, 0), Member(1, 0)))


def markdown_html(text: str) -> str:
    """HTML as GitHub would show it; "~~" comes out as <s> here, as <del> there."""
    out = MarkdownIt("commonmark").enable(["strikethrough", "table"]).render(text)
    return out.replace("<s>", "<del>").replace("</s>", "</del>")


def html_text(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


# -- text ---------------------------------------------------------------------


def test_text_shows_each_version_against_the_pivot(seeds_pair):
    out = render_text(seeds_pair, pivot=0, width=300)
    assert "{+The officials said two+} Russian intelligence agents organized the escape" in out
    assert "Assad out [-via-] {+of+} its air base in Syria[-, two people said-]." in out
    assert "1. Shared by 2 articles [1], [2] · score 0.80" in out
    # From the other side the same difference reads the other way round.
    out = render_text(seeds_pair, pivot=1, width=300)
    assert "[-The officials said two-] Russian intelligence" in out
    assert "Syria{+, two people said+}." in out


def linked_apart() -> Comparison:
    """One article says in two sentences what another says in one, the second of them in
    a row of its own: a row cannot hold it beside the pair it does not match wholly."""
    a = doc_with(
        "Rebels took the city on Sunday. The army fled the city.",
        "Rebels took the city on Sunday.",
        "The army fled the city.",
        path="a.txt",
    )
    b = doc_with(
        "Rebels took the city on Sunday as the army fled.",
        "Rebels took the city on Sunday as the army fled.",
        path="b.txt",
    )
    first, second, theirs = Member(0, 0), Member(0, 1), Member(1, 0)
    links = [Link(first, theirs, 0.9, "partial"), Link(second, theirs, 0.7, "partial")]
    groups = [Group((first, theirs), 0.9, links=(links[0],)), Group((second,), 0.0)]
    return Comparison([a, b], groups, links=links)


def test_a_sentence_in_a_row_of_its_own_that_matches_another_row_is_not_called_unique():
    comp = linked_apart()
    assert comp.linked_alone == {1}
    assert comp.matched_share(0) == 1.0  # both its sentences have a counterpart
    text = render_text(comp, width=300)
    assert "Only in [1]" not in text
    assert "2. Only [1] a in this row · it matches sentences of other rows" in text
    assert "⇄ [1]'s sentence 2 also matches [2]'s sentence 1 in row 1 (partial, 70%)" in text
    assert "100% matched" in text
    md = render_markdown(comp)
    assert "Only in 1" not in md
    assert "## 2. Only 1 (a.txt) in this row · it matches sentences of other rows" in md
    assert "⇄ \\[1\\]'s sentence 2 also matches \\[2\\]'s sentence 1 in row 1" in md
    # The row both share says so too, from its side.
    assert "⇄ [2]'s sentence 1 also matches [1]'s sentence 2 in row 2 (partial, 70%)" in text


def test_text_lists_documents_and_stays_within_100_columns(seeds_pair):
    out = render_text(seeds_pair)
    for d, doc in enumerate(seeds_pair.documents):
        assert f"[{d + 1}] {doc.path}" in out
        assert f"{len(doc.sentences)} sentences" in out
    assert "50% matched" in out
    assert "Only in [1]" in out and "Only in [2]" in out
    assert max(len(line) for line in out.splitlines()) <= 100
    assert "\x1b" not in out
    assert not any(line.endswith(" ") for line in out.splitlines())


def test_text_in_colour_styles_instead_of_markers(seeds_pair):
    out = render_text(seeds_pair, color=True, width=120)
    assert "\x1b[" in out
    assert "{+" not in out and "[-" not in out
    assert "The officials said two" in out


def test_group_without_the_pivot_is_shown_against_its_first_article():
    docs = [
        doc_with("Alpha.", "Alpha."),
        doc_with("Assad fled.", "Assad fled."),
        doc_with("Assad left.", "Assad left."),
    ]
    out = render_text(comparison(docs, (Member(1, 0), Member(2, 0))), pivot=0)
    assert out.index("[2] x") < out.index("[3] x")
    assert "Assad [-fled-] {+left+}." in out


def test_hostile_text_is_printed_verbatim_and_inert():
    docs = [doc_with(HOSTILE + "\nPlain.", HOSTILE, "Plain."), doc_with("Plain.", "Plain.")]
    comp = comparison(docs, (Member(0, 1), Member(1, 0)))
    shown = visible(HOSTILE)
    for color in (False, True):
        out = render_text(comp, color=color, width=300)
        assert shown in out
        assert "[@click=app.quit]q[/]" in out
    plain = render_text(comp, width=300)
    assert "\x1b" not in plain and "\x07" not in plain and "\x08" not in plain
    coloured = render_text(comp, color=True, width=300)
    assert "\x1b[31mred" not in coloured and "\x07" not in coloured


def test_hostile_file_names_are_shown_safely():
    docs = [
        doc_with("A b.", "A b.", path="[bold]x\x1b[2J.txt"),
        doc_with("A b.", "A b.", path="y.txt"),
    ]
    comp = comparison(docs, (Member(0, 0), Member(1, 0)))
    out = render_text(comp)
    assert "\x1b" not in out
    assert "[bold]x␛[2J.txt" in out


def test_text_and_markdown_on_the_seeds_cover_every_story_row():
    paths = [SEED[n] for n in ("000", "001", "002")]
    docs = [Document(path=str(p), text=p.read_text(encoding="utf-8")) for p in paths]
    comp = compare_documents(docs)
    story = [k for k in range(len(comp.groups)) if k not in comp.furniture_groups]
    assert comp.furniture_groups and story
    text = render_text(comp)
    for k in story:
        assert f"\n{k + 1}. " in text
    for k in comp.furniture_groups:
        assert f"\n{k + 1}. " not in text
    md = markdown_html(render_markdown(comp))
    assert md.count("<h2>") == len(story) + 1  # and the furniture section


# -- markdown ---------------------------------------------------------------


def test_markdown_marks_added_and_removed_words(seeds_pair):
    md = render_markdown(seeds_pair, pivot=0)
    assert "## 1. Shared by 1, 2 (score 0.80)" in md
    out = markdown_html(md)
    assert "<strong>The officials said two</strong> Russian intelligence" in out
    # The space that keeps struck words apart is struck with them: without them the
    # line reads as the article wrote it.
    assert "Assad out <del>via </del><strong>of</strong> its air base in Syria" in out
    assert "<del>, two people said</del>." in out
    assert out.count("<blockquote>") == 3  # one shared group, one article-only sentence each
    assert "000_9acb781d75fa6546.txt" in out and "<table>" in out


def test_markdown_minor_changes_and_coalesced_marks():
    docs = [
        doc_with("Assad fled, aides said.", "Assad fled, aides said."),
        doc_with("Assad fled aides said today here.", "Assad fled aides said today here."),
    ]
    out = markdown_html(render_markdown(comparison(docs, (Member(0, 0), Member(1, 0)))))
    assert "Assad fled<del>,</del> aides said" in out
    assert "<strong>today here</strong>" in out
    assert "**" not in out and "~~" not in out


LINE_STARTS = [
    "- not a list item",
    "1. not an ordered list",
    "# not a heading",
    "> not a quote",
    "```not code",
    "===",
    "<div>not html</div>",
    "[link](http://example.com) ![img](x.png) <http://auto.link>",
    "*star* _under_ **bold** ~~strike~~ `code` | pipe | &amp; &#65; \\ back\\",
    HOSTILE,
]


def test_markdown_keeps_user_text_literal():
    text = "\n".join(LINE_STARTS)
    docs = [doc_with(text, *LINE_STARTS, path="a|b*c.txt"), doc_with("Other.", "Other.")]
    md = render_markdown(comparison(docs))
    out = markdown_html(md)
    quotes = "".join(re.findall(r"<blockquote>.*?</blockquote>", out, re.S))
    for tag in ("<li", "<ol", "<ul", "<pre", "<hr", "<a ", "<img", "<div", "<del", "<code"):
        assert tag not in quotes, tag
    assert out.count("<h1>") == 1
    assert out.count("<h2>") == out.count("<blockquote>") == len(LINE_STARTS) + 1
    # Only the labels are emphasised: "[n]" in bold, the file name in italics.
    assert quotes.count("<strong>") == quotes.count("<em>") == len(LINE_STARTS) + 1
    shown = html_text(out)
    for line in LINE_STARTS:
        assert visible(line) in shown, line
    assert "a|b*c.txt" in shown
    assert "\x1b" not in md and "\x07" not in md


def test_markdown_diff_of_hostile_text_stays_literal():
    a = "He said [bold]x *now* and `this` left."
    b = "She said [bold]y *now* and `that` left, <b>too</b>."
    docs = [doc_with(a, a), doc_with(b, b)]
    out = markdown_html(render_markdown(comparison(docs, (Member(0, 0), Member(1, 0)))))
    versions = re.findall(r"</em>[^:]*: (.*)</p>", out)
    assert len(versions) == 2
    for version in versions:
        assert "<b>" not in version and "<em>" not in version and "<code>" not in version
    assert "<del>x </del><strong>y</strong>" in versions[1]
    shown = html_text(out)
    assert "[bold]" in shown and "*now*" in shown and "`" in shown and "<b>too</b>" in shown


# -- json -------------------------------------------------------------------


def test_json_carries_the_pair_diffs(seeds_pair):
    data = assert_valid_report(render_json(seeds_pair))
    (group,) = [g for g in data["groups"] if len(g["members"]) == 2]
    (pd,) = group["diffs"]
    assert (pd["a"], pd["b"]) == (0, 1)
    ops = pd["ops"]
    assert {op["tag"] for op in ops} <= {"equal", "insert", "delete", "replace"}
    assert any(
        (op["tag"], op["a"], op["b"]) == ("insert", "", "The officials said two") for op in ops
    )
    assert any("two people said" in op["a"] and op["tag"] == "delete" for op in ops)


def test_versions_reworded_throughout_are_not_marked():
    docs = [
        doc_with("Alpha beta gamma delta.", "Alpha beta gamma delta."),
        doc_with("Completely other words here.", "Completely other words here."),
    ]
    comp = comparison(docs, (Member(0, 0), Member(1, 0)), score=0.5)
    out = render_text(comp)
    assert "Completely other words here." in out and "{+" not in out.split("score 0.50")[1]
    assert "<del>" not in markdown_html(render_markdown(comp)).split("<h2>")[1]


def test_an_article_that_split_the_sentence_shows_both_parts():
    merged = "Russia offered him safe passage and he left."
    split = "Intro. Russia offered him safe passage. He left."
    docs = [
        doc_with(merged, merged),
        doc_with(split, "Intro.", "Russia offered him safe passage.", "He left."),
    ]
    comp = comparison(docs, (Member(0, 0), Member(1, 1), Member(1, 2)))
    out = render_text(comp, width=300)
    assert "Russia offered him safe passage [-and-]{+.+} He left." in out
    md = markdown_html(render_markdown(comp))
    assert "Russia offered him safe passage<del> and</del><strong>.</strong> He left." in md


# -- properties -------------------------------------------------------------


MD_PIECES = st.one_of(
    st.sampled_from(
        ["- ", "1. ", "# ", "> ", "*", "**", "_", "~~", "`", "[", "](", "<b>", "&", "\\"]
    ),
    st.sampled_from(["Assad", "fled", "the", "two", ",", ".", "!", "|", "\x1b[31m", "#"]),
    st.text(max_size=3),
)
md_sentence = st.lists(MD_PIECES, min_size=1, max_size=12).map(" ".join)


def versions_in(out: str) -> list[str]:
    """The text of each version paragraph, after its label."""
    paragraphs = re.findall(
        r"<p><strong>\[\d+\]</strong> <em>[^<]*</em>[^:]*: (.*?)</p>", out, re.S
    )
    return paragraphs


@settings(max_examples=150, deadline=None)
@given(md_sentence, md_sentence)
def test_markdown_shows_any_text_literally(x, y):
    docs = [
        doc_with(x, x) if x.strip() else doc_with("z", "z"),
        doc_with(y, y) if y.strip() else doc_with("w", "w"),
    ]
    for comp in (comparison(docs), comparison(docs, (Member(0, 0), Member(1, 0)))):
        out = markdown_html(render_markdown(comp))
        found = versions_in(out)
        assert len(found) == 2
        mine = [doc.sentences[0].text for doc in docs]
        if len(comp.groups) == 2 and not comp.groups[0].is_shared:
            for text, shown in zip(mine, found, strict=True):
                assert html_text(shown) == visible(text).strip()
        else:
            # Without the struck reference words, each version reads as its own text.
            for text, shown in zip(mine, found, strict=True):
                kept = html_text(re.sub(r"<del>.*?</del>", "", shown, flags=re.S))
                assert kept.split() == visible(text).split()
        assert "<li>" not in out and "<a " not in out and "<pre>" not in out


# -- divergence labels and the overview ------------------------------------------


def test_json_labels_divergences_and_carries_the_overview(seeds_pair):
    data = assert_valid_report(render_json(seeds_pair))
    assert data["schema_version"] == 2
    (group,) = [g for g in data["groups"] if len(g["members"]) > 1]
    found = {(d["kind"], d["a"], d["b"], d["a_text"], d["b_text"]) for d in group["divergences"]}
    assert ("number", 0, 1, "", "two Russian intelligence agents") in found
    assert ("attribution", 0, 1, "two people", "The officials") in found
    for d in group["divergences"]:
        doc_a, doc_b = seeds_pair.documents[d["a"]], seeds_pair.documents[d["b"]]
        assert doc_a.text[d["a_start"] : d["a_end"]] == d["a_text"]
        assert doc_b.text[d["b_start"] : d["b_end"]] == d["b_text"]
        assert d["description"]
    assert all(g["divergences"] == [] for g in data["groups"] if len(g["members"]) == 1)
    overview = data["overview"]
    assert {(p["x"], p["y"]) for p in overview["pairs"]} == {(0, 1), (1, 0)}
    assert [a["doc"] for a in overview["articles"]] == [0, 1]


def test_text_lists_labels_under_the_group_and_the_overview(seeds_pair):
    out = render_text(seeds_pair)
    assert '[number] [2] adds "two Russian intelligence agents"' in out
    assert '[attribution] [2] credits "The officials" where [1] credits "two people"' in out
    assert "Overview" in out and "▕" in out
    assert all(len(line) <= 100 for line in out.splitlines())
    # Against a reference other than the first article, labels read from its side.
    out = render_text(seeds_pair, pivot=1)
    assert '[number] [1] drops "two Russian intelligence agents"' in out


def test_markdown_lists_labels_and_the_overview_tables(seeds_pair):
    md = render_markdown(seeds_pair)
    assert '**\\[number\\]** \\[2\\] adds "two Russian intelligence agents"' in md
    out = markdown_html(md)
    assert out.count("<table>") == 3  # articles, pairwise matrix, strips and sources
    assert "<strong>[attribution]</strong> [2] credits" in out


def test_labels_of_hostile_text_stay_inert():
    a = "Assad fled, two people said."
    b = "Assad fled, [bold]x[/] \x1b[31m *three* people\x1b[0m said."
    docs = [doc_with(a, a, path="a.txt"), doc_with(b, b, path="b.txt")]
    comp = comparison(docs, (Member(0, 0), Member(1, 0)))
    text = render_text(comp, color=True)
    assert "\x1b[31m" not in text and "[bold]x[/]" in text
    md = markdown_html(render_markdown(comp))
    labels = md.split("</blockquote>", 1)[1]
    assert "[number]" in labels and "three" in labels and "<em>" not in labels


# -- page furniture ---------------------------------------------------------------


@pytest.fixture(scope="module")
def seeds_000_002() -> Comparison:
    documents = load_documents([str(SEED["000"]), str(SEED["002"])])
    return compare_documents(documents)


def furniture_only(comp: Comparison) -> list[str]:
    """Texts of the furniture sentences in rows made only of furniture, article by article."""
    return [
        comp.documents[m.doc].sentences[m.sentence].text
        for k in sorted(comp.furniture_groups)
        for m in comp.groups[k].members
    ]


def test_furniture_is_one_section_at_the_end_of_the_text_report(seeds_000_002):
    comp = seeds_000_002
    lines = furniture_only(comp)
    assert "Related News" in lines and len(lines) == 25
    out = render_text(comp, width=300)
    rows, section = out.split("\nPage furniture (25 lines) ")
    assert "Related News" not in rows and "Only [2] 002_6cbf5e1e95ccfc53 in this row" in rows
    assert section.count("◇ ") == len(lines)
    flowed = " ".join(section.split())  # long lines wrap, hung under their article
    for line in lines:
        assert "◇ " + " ".join(visible(line).split()) in flowed
    assert "Page furniture" not in section  # one section, not one per run
    assert "25 of furniture at the end" in out.splitlines()[0]


def test_furniture_is_one_valid_markdown_section_at_the_end(seeds_000_002):
    comp = seeds_000_002
    md = render_markdown(comp)
    tokens = MarkdownIt("commonmark").enable(["strikethrough", "table"]).parse(md)
    headings = [tokens[k + 1].content for k, t in enumerate(tokens) if t.type == "heading_open"]
    assert headings[-1] == "Page furniture (25 lines)"
    assert not any(h.startswith("Page furniture") for h in headings[:-1])
    out = markdown_html(md)
    rows, section = out.split("<h2>Page furniture (25 lines)</h2>")
    assert "Related News" not in html_text(rows)
    shown = html_text(section)
    for line in furniture_only(comp):
        assert "◇ " + visible(line) in shown
    # "- Weapons chaos.." and the like stay text: no list, no heading, no block quote.
    for tag in ("<li", "<h1", "<h3", "<blockquote", "<hr", "<pre"):
        assert tag not in section
    assert "<details" not in out


def test_furniture_is_left_out_of_the_matched_share():
    a = "Share this article.\nAssad fled.\nRussia helped."
    b = "Assad fled.\nRussia helped."
    docs = [
        doc_with(a, "Share this article.", "Assad fled.", "Russia helped."),
        doc_with(b, "Assad fled.", "Russia helped."),
    ]
    docs[0].furniture = frozenset({0})
    comp = comparison(docs, (Member(0, 1), Member(1, 0)), (Member(0, 2), Member(1, 1)))
    assert "[1] x.txt (pivot)\n" in render_text(comp)
    assert "3 sentences, 1 furniture · 100% matched" in render_text(comp)
    assert "| 3 | 1 | 100% |" in render_markdown(comp)
    data = assert_valid_report(render_json(comp))
    assert data["documents"][0]["matched_share"] == 1.0


def test_json_flags_furniture_per_sentence_and_per_row(seeds_000_002):
    comp = seeds_000_002
    data = assert_valid_report(render_json(comp))
    for doc, out in zip(comp.documents, data["documents"], strict=True):
        flagged = {j for j, s in enumerate(out["sentences"]) if s["furniture"]}
        assert flagged == set(doc.furniture)
    rows = {k for k, g in enumerate(data["groups"]) if g["furniture"]}
    assert rows == set(comp.furniture_groups)
    assert all(
        data["documents"][m["doc"]]["sentences"][m["sentence"]]["furniture"]
        for k in rows
        for m in data["groups"][k]["members"]
    )


# -- titles -----------------------------------------------------------------------


def test_every_document_has_a_title_in_every_report(seeds_000_002):
    comp = seeds_000_002
    data = assert_valid_report(render_json(comp))
    titles = [d["title"] for d in data["documents"]]
    assert titles == [
        "Russia pushed Assad to flee Syria after concluding he'd lost war",
        # 002 opens with "related news" furniture: its headline comes after it.
        "Bloomberg: Russia pushed Bashar al-Assad to flee after confirming his defeat",
    ]
    text = render_text(comp)
    md = markdown_html(render_markdown(comp))
    notes = render_notes(comp, [])
    for title in titles:
        assert "    " + title + "\n" in text
        assert f"<td>{html.escape(title, quote=False)}</td>" in md
        assert escape(title) in notes
    assert "002_6cbf5e1e95ccfc53.txt" not in notes.split("## Articles")[1].split("Path:")[0]


def test_titles_fall_back_to_the_first_line_then_the_file_name():
    long_line = "Russia arranged for Syrian president Bashar Assad to leave Syria " * 3
    docs = [
        doc_with(long_line.strip(), long_line.strip(), path="long.txt"),
        doc_with("", path="empty.txt"),
    ]
    data = assert_valid_report(render_json(comparison(docs)))
    first, empty = (d["title"] for d in data["documents"])
    assert first.endswith("…") and len(first) <= 120
    assert long_line.startswith(first[:-1])
    assert empty == "empty.txt"


def test_page_titles_are_inert_in_the_reports():
    doc = doc_with("Assad fled.", "Assad fled.", path="page.html")
    doc.title = "[bold]Breaking[/] \x1b[31m| <b>x</b> *now*"
    other = doc_with("Assad fled.", "Assad fled.", path="b.txt")
    comp = comparison([doc, other], (Member(0, 0), Member(1, 0)))
    text = render_text(comp, color=True)
    assert "[bold]Breaking[/]" in text and "\x1b[31m|" not in text
    md = markdown_html(render_markdown(comp))
    assert "<b>" not in md and "<em>now" not in md
    assert "[bold]Breaking[/] ␛[31m| <b>x</b> *now*" in html_text(md)


# -- one way of marking -------------------------------------------------------------


MARK_TAGS = {"<strong>", "</strong>", "<del>", "</del>"}


def quote_bodies(md: str) -> list[str]:
    """The raw Markdown of each version, after its label."""
    return [line.split(": ", 1)[1] for line in md.splitlines() if line.startswith("> **\\[")]


def inline_html(md: str) -> list[str]:
    tokens = MarkdownIt("commonmark").enable(["strikethrough", "table"]).parse(md)
    return [
        c.content
        for t in tokens
        if t.type == "inline"
        for c in t.children or []
        if c.type == "html_inline"
    ]


def test_markdown_marks_differences_one_way_only(seeds_000_002):
    md = render_markdown(seeds_000_002)
    bodies = quote_bodies(md)
    assert any("<strong>" in b for b in bodies) and any("<del>" in b for b in bodies)
    assert not any("**" in b or "~~" in b for b in bodies)
    tags = inline_html(md)
    assert set(tags) <= MARK_TAGS
    assert tags.count("<strong>") == tags.count("</strong>") > 0
    assert tags.count("<del>") == tags.count("</del>") > 0
    out = markdown_html(md)
    assert "&lt;strong" not in out and "&lt;del" not in out
    # The legend says what the marks are, the same way.
    assert "<strong>bold</strong> = words only in this article" in out


def test_notes_quote_rows_with_the_same_marks(seeds_000_002):
    comp = seeds_000_002
    row = next(k for k, g in enumerate(comp.groups) if g.is_shared and len(g.diffs))
    notes = [Note(new_id(), "Check this.", "check", group_anchor(comp, row))]
    text = render_notes(comp, notes)
    bodies = quote_bodies(text)
    assert bodies and not any("**" in b or "~~" in b for b in bodies)
    assert set(inline_html(text)) <= MARK_TAGS
    assert any("<strong>" in b or "<del>" in b for b in bodies)


@settings(max_examples=100, deadline=None)
@given(md_sentence, md_sentence)
def test_any_marked_text_uses_only_the_mark_tags(x, y):
    docs = [
        doc_with(x, x) if x.strip() else doc_with("z", "z"),
        doc_with(y, y) if y.strip() else doc_with("w", "w"),
    ]
    md = render_markdown(comparison(docs, (Member(0, 0), Member(1, 0))))
    assert not any("**" in b or "~~" in b for b in quote_bodies(md))
    tags = inline_html(md)
    assert set(tags) <= MARK_TAGS
    assert tags.count("<strong>") == tags.count("</strong>")
    assert tags.count("<del>") == tags.count("</del>")
