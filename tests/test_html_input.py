"""Saved web pages: the article's title and every body sentence, none of the page around them."""

from __future__ import annotations

import html

import pytest
from articles import SEED

from sidebyside.engine.html_input import decode_html, meta_charset
from sidebyside.engine.loading import LoadError, load_article
from sidebyside.engine.pipeline import load_documents
from sidebyside.engine.segment import split_sentences

BOILERPLATE = [
    "Home",
    "Politics",
    "We use cookies to improve your experience",
    "Accept all cookies",
    "Iran says the collapse was planned long ago",
    "Oil prices climb as markets weigh the fall",
    "Great article, thanks for sharing this",
    "All rights reserved",
    "Privacy policy",
    "tracking pixel loaded",
    "Sign up for our morning briefing",
]


def seed_story(tag: str, skip_first: int = 1) -> tuple[str, list[str]]:
    """(headline, body paragraphs) of a seed, the furniture at its ends left out."""
    lines = [line.strip() for line in SEED[tag].read_text("utf-8").splitlines() if line.strip()]
    story = {"000": (2, 16), "001": (0, 14), "004": (2, 28)}[tag]
    return lines[0], lines[story[0] : story[1]]


def page(title: str, paragraphs: list[str], charset: str | None = "utf-8") -> str:
    """A news page as saved from a browser: the story inside everything else."""
    meta = f'<meta charset="{charset}">' if charset else ""
    body = "\n".join(f"<p>{html.escape(p, quote=False)}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="en"><head>{meta}
<title>{html.escape(title)} | The Daily Courier</title>
<script>window.dataLayer = []; console.log("tracking pixel loaded");</script>
<style>body {{ font-family: serif; }}</style>
</head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/politics">Politics</a></li></ul></nav></header>
<div id="cookie-banner" class="cookie-consent">We use cookies to improve your experience.
<button>Accept all cookies</button></div>
<main><article>
<h1>{html.escape(title)}</h1>
<p class="byline">By Jane Doe</p>
{body}
</article>
<aside class="related"><h2>Related News</h2><ul>
<li><a href="/a">Iran says the collapse was planned long ago</a></li>
<li><a href="/b">Oil prices climb as markets weigh the fall</a></li></ul></aside>
<div class="newsletter">Sign up for our morning briefing</div>
<section id="comments" class="comments"><h3>Comments</h3>
<div class="comment"><p>Great article, thanks for sharing this!</p></div></section>
</main>
<footer><p>© 2024 The Daily Courier. All rights reserved.</p>
<a href="/privacy">Privacy policy</a></footer>
<script>document.write("tracking pixel loaded")</script>
</body></html>"""


def sentences(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


@pytest.mark.parametrize("tag", ["000", "001", "004"])
def test_seed_page_keeps_every_body_sentence_and_drops_the_boilerplate(tmp_path, tag):
    title, paragraphs = seed_story(tag)
    path = tmp_path / "article.html"
    path.write_text(page(title, paragraphs), encoding="utf-8")
    article = load_article(str(path))
    extracted = set(sentences(article.text))
    for paragraph in paragraphs:
        for sentence in sentences(paragraph):
            assert sentence in extracted, sentence
    for junk in BOILERPLATE:
        assert junk not in article.text, junk
    assert "Jane Doe" not in article.text
    assert article.title == title
    assert article.text.startswith(title + "\n")


def test_title_becomes_the_document_title(tmp_path):
    title, paragraphs = seed_story("000")
    path = tmp_path / "saved.htm"
    path.write_text(page(title, paragraphs), encoding="utf-8")
    (doc,) = load_documents([str(path)])
    assert doc.title == title
    assert doc.sentences[0].text == title
    assert doc.name == "saved.htm"


def test_cp1252_page_without_a_charset_decodes_correctly(tmp_path):
    title, paragraphs = seed_story("000")
    path = tmp_path / "article.html"
    path.write_bytes(page(title, paragraphs, charset=None).encode("cp1252"))
    article = load_article(str(path))
    assert article.encoding == "cp1252"
    assert "Bashar al-Assad’s fate lay in Russia’s hands" in article.text
    assert "â€" not in article.text


def test_meta_charset_is_honoured(tmp_path):
    text = "Der Präsident floh nach Moskau. „Es war Schadensbegrenzung“, sagte er. " * 3
    data = page("Flucht über Nacht", [text], charset="windows-1252").encode("cp1252")
    path = tmp_path / "a.html"
    path.write_bytes(data)
    article = load_article(str(path))
    assert article.encoding == "cp1252"
    assert "„Es war Schadensbegrenzung“" in article.text
    assert article.title == "Flucht über Nacht"


def test_declared_latin1_is_read_as_cp1252_like_browsers_do():
    data = (
        b'<html><head><meta charset="iso-8859-1"></head><body><p>\x93Quoted\x94</p></body></html>'
    )
    text, encoding = decode_html("x.html", data)
    assert "“Quoted”" in text and encoding == "cp1252"


def test_utf8_page_mislabelled_as_latin1_reads_as_utf8():
    data = '<meta charset="iso-8859-1"><p>Assad’s café</p>'.encode()
    assert decode_html("x.html", data) == (
        '<meta charset="iso-8859-1"><p>Assad’s café</p>',
        "utf-8",
    )


def test_meta_charset_forms():
    assert meta_charset(
        b'<meta http-equiv="Content-Type" content="text/html; charset=koi8-r">'
    ) == ("koi8-r")
    assert meta_charset(b"<META CHARSET='UTF-8'>") == "UTF-8"
    assert meta_charset(b"<p>no declaration</p>") is None


def test_html_is_recognised_by_content_whatever_the_file_name(tmp_path):
    title, paragraphs = seed_story("001")
    path = tmp_path / "pasted.txt"
    path.write_text("\n\n" + page(title, paragraphs), encoding="utf-8")
    article = load_article(str(path))
    assert "<p>" not in article.text and "Accept all cookies" not in article.text
    assert article.title == title


def test_text_that_mentions_tags_is_not_taken_for_html(tmp_path):
    path = tmp_path / "note.txt"
    path.write_text("The page used a <div> tag.\n<html> was mentioned too.\n", encoding="utf-8")
    assert load_article(str(path)).text.startswith("The page used a <div> tag.")


def test_fragment_without_an_article_keeps_its_text(tmp_path):
    path = tmp_path / "fragment.html"
    path.write_text("<div><ul><li>First item</li><li>Second <b>one</b></li></ul></div>")
    article = load_article(str(path))
    assert article.text.split("\n") == ["First item", "Second one"]


@pytest.mark.parametrize(
    "markup",
    [
        "<html><head><title>x</title></head><body></body></html>",
        "<html><body><script>var a = 1;</script><style>p {}</style></body></html>",
    ],
)
def test_page_without_text_is_one_clear_error(tmp_path, markup):
    path = tmp_path / "empty.html"
    path.write_text(markup)
    with pytest.raises(LoadError) as info:
        load_article(str(path))
    message = str(info.value)
    assert message.startswith(f"{path}: ") and "\n" not in message


def test_utf16_page_with_bom_is_read(tmp_path):
    title, paragraphs = seed_story("004")
    path = tmp_path / "page.html"
    path.write_bytes(page(title, paragraphs, charset="utf-16").encode("utf-16"))
    article = load_article(str(path))
    assert article.title == title
    assert "Assad “decided to resign”" in article.text
