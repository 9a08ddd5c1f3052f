"""Saved web pages: the article's title and body, without the page around them.

trafilatura finds the article among navigation, ads, cookie banners, related
links and comments better than the alternatives tried (readability-lxml keeps
more of the page's furniture; plain tag stripping keeps all of it), and it is
maintained. It is given text, not bytes: we decode first, because trafilatura
guesses the encoding of a page without a charset tag and turns cp1252 quotes
into mojibake.
"""

from __future__ import annotations

import logging
import re

from sidebyside.engine.loading import (
    _BOMS,
    Article,
    _decode,
    _error,
    check_text,
    declared_codec,
    decode_text,
)
from sidebyside.engine.sanitize import visible

# Its warnings about odd markup would be printed over the terminal app.
logging.getLogger("trafilatura").addHandler(logging.NullHandler())
logging.getLogger("trafilatura").propagate = False

# Where a page names its encoding: <meta charset="..."> or the http-equiv form.
_META_CHARSET = re.compile(
    rb"""<meta\s[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE
)
# Browsers look for the declaration in the first 1024 bytes; pages in the wild
# put it later, after long comments or scripts, so look a little further.
_PRESCAN_BYTES = 16384
_LINE_SPACE = re.compile(r"[ \t\u00a0]+\n")
# What XML (and so lxml, under trafilatura) refuses in text: C0 controls other
# than tab and line ends, lone surrogates, and the non-characters U+FFFE/U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def html_article(path: str, data: bytes, declared: str | None = None) -> Article:
    """Title and body text of an HTML page; ``declared`` is the charset a server sent."""
    text, encoding = decode_html(path, data, declared)
    title, body = extract(text)
    if not body:
        raise _error(path, "is a web page with no article text that could be found")
    if title and body.split("\n", 1)[0].strip() != title:
        body = f"{title}\n\n{body}"
    check_text(path, body)
    return Article(body, encoding, title)


def decode_html(path: str, data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Decode a page: BOM, then the server's charset, then ``<meta charset>``, then
    the plain-text detection rules (which read cp1252 pages without a tag right)."""
    if any(data.startswith(bom) for bom, _ in _BOMS):
        return _decode(path, data)
    for label in (declared, meta_charset(data)):
        if declared_codec(label):
            return decode_text(path, data, label)
    return decode_text(path, data)


def meta_charset(data: bytes) -> str | None:
    """The charset a page declares in a ``<meta>`` tag near its start, if any."""
    m = _META_CHARSET.search(data[:_PRESCAN_BYTES])
    return m.group(1).decode("ascii") if m else None


def extract(html: str) -> tuple[str | None, str]:
    """(title, body) of the article in ``html``; the body has one paragraph per line.

    When no article can be told apart (a bare fragment, a page that is all list),
    every visible text of the page is kept rather than nothing.
    """
    import trafilatura

    html = xml_safe(html)
    try:
        doc = trafilatura.bare_extraction(
            html, include_comments=False, include_tables=True, with_metadata=True
        )
    except Exception:  # a parser failure on hostile markup must not lose the input
        doc = None
    title = _clean(getattr(doc, "title", None) or "") or None
    body = getattr(doc, "text", None) or ""
    if not body.strip():
        body = all_text(html)
    body = _LINE_SPACE.sub("\n", body).strip()
    return title, body


def xml_safe(html: str) -> str:
    """``html`` with what lxml cannot hold made visible (ESC as ␛), so a page with a
    stray control character still gives its text instead of a parser error."""
    return _NOT_XML.sub(lambda m: visible(m.group()) if m.group() < " " else "\ufffd", html)


_BLOCKS = (
    "address article aside blockquote br dd div dl dt figcaption figure footer form h1 h2 h3"
    " h4 h5 h6 header hr li main nav ol p pre section table td th tr ul"
).split()


def all_text(html: str) -> str:
    """Every visible text of a page, one block element per line."""
    from lxml import etree
    from lxml import html as lxml_html

    html = xml_safe(html)
    try:
        root = lxml_html.document_fromstring(html)
    except (etree.LxmlError, ValueError):
        return ""
    for hidden in root.xpath("//script|//style|//noscript|//template|//head"):
        hidden.drop_tree()
    for element in root.iter(*_BLOCKS):
        element.text = "\n" + (element.text or "")
        element.tail = "\n" + (element.tail or "")
    lines = (" ".join(line.split()) for line in root.text_content().splitlines())
    return "\n".join(line for line in lines if line)


def _clean(title: str) -> str:
    return " ".join(title.split())
