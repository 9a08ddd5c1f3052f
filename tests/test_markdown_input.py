"""Markdown articles read as text: no markup, link text without addresses, headings as lines."""

from __future__ import annotations

import pytest

from sidebyside.engine.loading import LoadError, load_article
from sidebyside.engine.markdown_input import markdown_to_text
from sidebyside.engine.pipeline import load_documents

ARTICLE = """\
# Russia pushed *Assad* to flee Syria

By **Jane Doe**

Russian intelligence agents [organised the escape](https://example.org/escape "escape"),
flying Assad out via an air base. The transponder was `off`.

## Russia in limbo

- Moscow kept its word.
- Assad is to blame, **Russian media** say.

3. First point.
4. Second point.

> "This was damage control," said Ruslan Pukhov.

![A fighter in Hama](photo.jpg)

```
Quoted wire copy stays as text.
```

| Base | Place |
|------|-------|
| Naval | Tartus |
"""


def test_markup_is_read_as_text():
    title, text = markdown_to_text(ARTICLE)
    assert title == "Russia pushed Assad to flee Syria"
    assert text.split("\n\n") == [
        "Russia pushed Assad to flee Syria",
        "By Jane Doe",
        "Russian intelligence agents organised the escape, flying Assad out via an air base. "
        "The transponder was off.",
        "Russia in limbo",
        "Moscow kept its word.",
        "Assad is to blame, Russian media say.",
        "3. First point.",
        "4. Second point.",
        '"This was damage control," said Ruslan Pukhov.',
        "Quoted wire copy stays as text.",
        "Base | Place",
        "Naval | Tartus",
    ]
    assert "https://" not in text and "photo.jpg" not in text


def test_headings_are_sentences_of_their_own(tmp_path):
    path = tmp_path / "article.md"
    path.write_text("Heading without a stop\n===\nBody sentence one. Body two.\n## Sub\ntext\n")
    (doc,) = load_documents([str(path)])
    assert [s.text for s in doc.sentences] == [
        "Heading without a stop",
        "Body sentence one.",
        "Body two.",
        "Sub",
        "text",
    ]
    assert doc.title == "Heading without a stop"


def test_front_matter_title_is_used_and_not_shown():
    title, text = markdown_to_text("---\ntitle: 'From the front'\ndate: 2024-12-11\n---\nBody.\n")
    assert (title, text) == ("From the front", "Body.")


def test_no_heading_means_no_title():
    assert markdown_to_text("Just *one* paragraph.") == (None, "Just one paragraph.")


def test_hard_breaks_and_html_are_text():
    _, text = markdown_to_text("Line one  \nline two<br>three\n\n<div>Boxed <b>text</b></div>\n")
    assert text == "Line one\n\nline two\n\nthree\n\nBoxed text"


@pytest.mark.parametrize("suffix", [".md", ".markdown", ".MD"])
def test_markdown_is_detected_by_extension(tmp_path, suffix):
    path = tmp_path / f"article{suffix}"
    path.write_text("# Title\n\nA *b* c.\n")
    article = load_article(str(path))
    assert (article.title, article.text) == ("Title", "Title\n\nA b c.")


def test_txt_file_is_not_read_as_markdown(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text("# Not a heading here\n*stars* stay\n")
    assert load_article(str(path)).text == "# Not a heading here\n*stars* stay\n"


def test_markdown_with_only_markup_is_one_clear_error(tmp_path):
    path = tmp_path / "empty.md"
    path.write_text("---\n\n***\n\n![](x.png)\n")
    with pytest.raises(LoadError) as info:
        load_article(str(path))
    assert str(info.value) == f"{path}: has no text, only Markdown markup"


def test_cp1252_markdown_is_decoded(tmp_path):
    path = tmp_path / "a.md"
    path.write_bytes("# “Café” news\n\nIt’s 5 € – cheap.\n".encode("cp1252"))
    article = load_article(str(path))
    assert article.title == "“Café” news" and "It’s 5 € – cheap." in article.text
