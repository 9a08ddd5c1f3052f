"""Reading articles from files or standard input.

The text comes back exactly as written (line ends, spaces and quotes untouched)
because sentence offsets into it are shown to users. Every way an input can be
unusable becomes a ``LoadError`` whose message is one line naming the file and
the problem, so the command line can print it instead of a traceback.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
import sys
from dataclasses import dataclass

DEFAULT_MAX_BYTES = 20 * 1024 * 1024

_MB = 1024 * 1024
# How much of the start of the input is checked for NUL bytes and UTF-16 patterns.
_SNIFF_BYTES = 8192

# Legacy encodings, tried only when the bytes are not UTF-8. Western encodings go
# first and alone: given a wider list at once, charset-normalizer reads Spanish or
# French cp1252 text as cp1250 and turns "ñ" into "ń". The second list is tried
# only when the Western reading looks like mojibake (Cyrillic, Greek, Central
# European or CJK news saved by older Windows or Unix tools).
_WESTERN = ["cp1252", "iso8859_15", "latin_1"]
_OTHER = [
    "cp1250",  # Central European (Polish, Czech, Hungarian)
    "cp1251",  # Cyrillic, Windows
    "koi8_r",  # Cyrillic, older Russian sites and mail
    "cp1253",  # Greek
    "cp1255",  # Hebrew
    "cp1256",  # Arabic
    "shift_jis",
    "euc_jp",
    "gb18030",
    "big5",
    "euc_kr",
]
_FALLBACK = "cp1252"
# The second list needs this many non-ASCII bytes: a short Western snippet that
# charset-normalizer finds too odd (say "5 €") is better read as cp1252 than as
# Cyrillic or Chinese, while any real non-Western article has far more.
_MIN_HIGH_BYTES = 8
_ASCII = bytes(range(128))

# (BOM, codec) with UTF-32 first: its little-endian BOM starts with UTF-16's.
_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]

# Formats people may try to compare by mistake; naming them beats "binary file".
_SIGNATURES = [
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"PK\x03\x04", "a zip archive (or a Word/OpenDocument file)"),
    (b"\x1f\x8b", "a gzip-compressed file"),
    (b"\xfd7zXZ\x00", "an xz-compressed file"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
]

# Control characters other than tab, line feed, vertical tab, form feed and
# carriage return, plus the replacement character left by undecodable bytes.
_JUNK = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffd]")
_C1_BYTES = re.compile(b"[\x80-\x9f]")
# Invisible characters that str.isspace() does not count as space.
_ZERO_WIDTH = "\u180e\u200b\u200c\u200d\u2060\ufeff"


class LoadError(Exception):
    """An article that cannot be read; the message names the file and the problem."""

    def __init__(self, path: str, problem: str) -> None:
        self.path = path
        self.problem = problem
        super().__init__(f"{path}: {problem}")


@dataclass(frozen=True, slots=True)
class Article:
    """An article's text as it will be segmented, with the title its source gave it."""

    text: str
    encoding: str
    title: str | None = None


def load_article(
    path: str, max_bytes: int = DEFAULT_MAX_BYTES, timeout: float | None = None
) -> Article:
    """Read ``path`` as whatever it is: a web address, an HTML page, Markdown or plain text.

    Web pages and HTML files are reduced to their title and body, Markdown to its
    text; plain text comes back as written. Raises LoadError as ``read_article``.
    """
    if is_url(path):
        from sidebyside.engine.fetch import DEFAULT_TIMEOUT, fetch_article

        return fetch_article(path, max_bytes, DEFAULT_TIMEOUT if timeout is None else timeout)
    return article_from_bytes(path, read_bytes(path, max_bytes))


def is_url(path: str) -> bool:
    """Whether an argument is a web address rather than a file name."""
    return _URL.match(path) is not None


def article_from_bytes(
    path: str, data: bytes, content_type: str | None = None, charset: str | None = None
) -> Article:
    """Turn raw bytes into an Article; ``content_type`` and ``charset`` come from HTTP."""
    kind = _kind(path, data, content_type)
    if kind == "html":
        from sidebyside.engine.html_input import html_article

        return html_article(path, data, charset)
    text, encoding = decode_text(path, data, charset)
    if kind == "markdown":
        from sidebyside.engine.markdown_input import markdown_to_text

        title, plain = markdown_to_text(text)
        if all(c.isspace() or c in _ZERO_WIDTH for c in plain):
            raise _error(path, "has no text, only Markdown markup")
        return Article(plain, encoding, title)
    return Article(text, encoding)


_URL = re.compile(r"https?://", re.IGNORECASE)
_HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
_MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd", ".mkdn")
# An HTML document announces itself in its first tag, after any BOM, XML
# declaration, comments and white space.
_HTML_START = re.compile(
    rb"^(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*"
    rb"<(?:!doctype\s+html|(?:html|head|body|article|main|div|p|h1)[\s>]|meta\s|title>)",
    re.IGNORECASE | re.DOTALL,
)


def _kind(path: str, data: bytes, content_type: str | None) -> str:
    """ "html", "markdown" or "text": by HTTP type, then file name, then the first tag."""
    if content_type in ("text/html", "application/xhtml+xml"):
        return "html"
    if content_type in ("text/markdown", "text/x-markdown"):
        return "markdown"
    name = path.lower()
    if is_url(path):
        name = name.split("#")[0].split("?")[0]
    if name.endswith(_HTML_SUFFIXES):
        return "html"
    if _HTML_START.match(data[:_SNIFF_BYTES]) or _html_in_utf16(data):
        return "html"
    if name.endswith(_MARKDOWN_SUFFIXES):
        return "markdown"
    return "text"


def _html_in_utf16(data: bytes) -> bool:
    for bom, codec in _BOMS[3:]:
        if data.startswith(bom):
            head = data[: _SNIFF_BYTES // 4 * 4].decode(codec, errors="ignore")
            return bool(_HTML_START.match(head.encode("utf-8", "ignore")))
    return False


def read_article(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[str, str]:
    """Return (text, encoding) of the article at ``path`` ("-" is stdin), read as plain text.

    Raises LoadError for a file that is missing, unreadable, a directory,
    binary, empty or blank, or larger than ``max_bytes``.
    """
    return decode_text(path, read_bytes(path, max_bytes))


def read_bytes(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The raw bytes of a file or of stdin ("-"); raises LoadError when there are none."""
    data = _read_stdin(max_bytes) if path == "-" else _read_file(path, max_bytes)
    if not data:
        raise _error(path, "is empty")
    return data


def decode_text(path: str, data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Decode by the rules above (``declared``: a charset the source named) and refuse
    text that is empty, blank or mostly control characters."""
    text, encoding = _decode_declared(data, declared) if declared else (None, "")
    if text is None:
        text, encoding = _decode(path, data)
    check_text(path, text)
    return text, encoding


def check_text(path: str, text: str) -> None:
    """Raise LoadError for text that is empty, blank or mostly control characters."""
    if not text:
        raise _error(path, "is empty")
    if all(c.isspace() or c in _ZERO_WIDTH for c in text):  # stops at the first letter
        raise _error(path, "has only whitespace")
    junk = len(text) - len(_JUNK.sub("", text))
    if junk > 2 and junk * 10 > len(text):
        raise _error(path, "looks like a binary file, not plain text")


# How browsers read declared charsets (WHATWG Encoding): these labels mean cp1252,
# and a UTF-16 label on bytes without a BOM cannot be right.
_DECLARED_ALIASES = {
    "ascii": "cp1252",
    "latin-1": "cp1252",
    "iso8859-1": "cp1252",
    "iso8859-9": "cp1254",
    "utf-16": "utf-8",
    "utf-16-le": "utf-8",
    "utf-16-be": "utf-8",
    "utf-32": "utf-8",
}


def declared_codec(label: str | None) -> str | None:
    """The codec for a charset label from a page or a server, or None if unknown."""
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip().strip("\"'").lower()).name
    except (LookupError, ValueError):
        return None
    return _DECLARED_ALIASES.get(name, name)


def _decode_declared(data: bytes, declared: str) -> tuple[str | None, str]:
    """Use the declared charset unless the bytes prove it wrong.

    A BOM outranks a declaration (as in browsers), so does valid UTF-8 with
    non-ASCII characters under a single-byte label: real legacy text almost never
    forms valid UTF-8 sequences, while mislabelled UTF-8 pages are common.
    """
    codec = declared_codec(declared)
    if codec is None or any(data.startswith(bom) for bom, _ in _BOMS):
        return None, ""
    if codec != "utf-8" and len(data.translate(None, _ASCII)):
        try:
            return data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            pass
    try:
        return data.decode(codec), codec
    except (UnicodeDecodeError, LookupError):
        return None, ""


def _error(path: str, problem: str) -> LoadError:
    """Problems read as "<subject> is ..."; standard input has no file name to show."""
    return LoadError(path, f"standard input {problem}" if path == "-" else problem)


def _megabytes(*sizes: int) -> list[str]:
    """Sizes in MB with as few decimals as keep them non-zero and apart (0.001, 20, 20.04)."""
    for places in range(1, 10):
        shown = [f"{n / _MB:.{places}f}".rstrip("0").rstrip(".") for n in sizes]
        if "0" not in shown and len(set(shown)) == len(set(sizes)):
            break
    return [f"{s} MB" for s in shown]


def _too_big(path: str, max_bytes: int, size: int | None) -> LoadError:
    if size is None:
        (limit,) = _megabytes(max_bytes)
        what = f"is over the {limit} size limit"
    else:
        shown, limit = _megabytes(size, max_bytes)
        what = f"is {shown}, over the {limit} size limit"
    return _error(path, f"{what} (raise it with --max-size MB)")


def _read_stdin(max_bytes: int) -> bytes:
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:
        raise _error("-", "is not available to read")
    try:
        data = stream.read(max_bytes + 1)
    except (OSError, ValueError) as e:
        raise _error("-", f"could not be read ({_reason(e)})") from None
    if len(data) > max_bytes:
        raise _too_big("-", max_bytes, None)
    return data


def _read_file(path: str, max_bytes: int) -> bytes:
    """Read at most max_bytes + 1 bytes, so a device such as /dev/zero cannot hang us."""
    try:
        with open(path, "rb") as f:
            info = os.fstat(f.fileno())
            if stat.S_ISDIR(info.st_mode):
                raise LoadError(path, "is a directory, not an article file")
            if stat.S_ISREG(info.st_mode) and info.st_size > max_bytes:
                raise _too_big(path, max_bytes, info.st_size)
            data = f.read(max_bytes + 1)
    except FileNotFoundError:
        raise LoadError(path, "no such file") from None
    except IsADirectoryError:
        raise LoadError(path, "is a directory, not an article file") from None
    except PermissionError:
        if os.path.isdir(path):  # Windows refuses to open directories this way
            raise LoadError(path, "is a directory, not an article file") from None
        raise LoadError(path, "permission denied") from None
    except NotADirectoryError:
        raise LoadError(path, "no such file (a part of the path is not a directory)") from None
    except (OSError, ValueError) as e:
        raise LoadError(path, f"cannot be read ({_reason(e)})") from None
    if len(data) > max_bytes:
        raise _too_big(path, max_bytes, None)
    return data


def _reason(e: Exception) -> str:
    """The operating system's wording, lower-cased to sit inside a sentence."""
    text = (e.strerror if isinstance(e, OSError) else None) or str(e) or "unknown error"
    return text[:1].lower() + text[1:]


def _decode(path: str, data: bytes) -> tuple[str, str]:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), codec
            except UnicodeDecodeError:
                if codec != "utf-32":  # FF FE 00 00 may also be UTF-16 text starting with NUL
                    # The BOM declares the encoding; a damaged character should not lose the file.
                    return data.decode(codec, errors="replace"), codec

    head = data[:_SNIFF_BYTES]
    for signature, kind in _SIGNATURES:
        if head.startswith(signature):
            raise _error(path, f"is {kind}, not plain text")
    if b"\x00" in head:
        found = _bomless_utf16(data)
        if found is None:
            raise _error(path, "looks like a binary file (it has NUL bytes), not plain text")
        return found

    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    return _decode_legacy(data)


def _bomless_utf16(data: bytes) -> tuple[str, str] | None:
    """UTF-16 without a BOM: mostly-ASCII text has a NUL in every other byte."""
    if len(data) % 2 or len(data) < 16:  # too short to tell a pattern from chance
        return None
    head = data[:_SNIFF_BYTES]
    pairs = len(head) // 2
    even, odd = head[0::2].count(0), head[1::2].count(0)
    if odd >= pairs * 0.3 and even <= pairs * 0.05:
        codec = "utf-16-le"
    elif even >= pairs * 0.3 and odd <= pairs * 0.05:
        codec = "utf-16-be"
    else:
        return None
    try:
        return data.decode(codec), codec
    except UnicodeDecodeError:
        return None


def _decode_legacy(data: bytes) -> tuple[str, str]:
    """Ask charset-normalizer, Western encodings first; fall back to cp1252."""
    from charset_normalizer import from_bytes  # imported only for non-UTF-8 input

    for candidates in (_WESTERN, _OTHER):
        if candidates is _OTHER and len(data.translate(None, _ASCII)) < _MIN_HIGH_BYTES:
            break
        for match in from_bytes(data, cp_isolation=candidates):
            try:
                text = data.decode(match.encoding)
            except UnicodeDecodeError:
                continue
            return _euro_sign(data, text, _preferred_name(data, text, match.encoding))
    return _euro_sign(data, data.decode(_FALLBACK, errors="replace"), _FALLBACK)


def _euro_sign(data: bytes, text: str, encoding: str) -> tuple[str, str]:
    """Read byte A4 as the euro sign of ISO-8859-15 rather than the unused currency sign.

    The two encodings differ in a handful of bytes only, so detection cannot tell
    them apart; "¤" almost never appears in news, "€" often does. Bytes 80-9F rule
    ISO-8859-15 out (they are cp1252's quotes and dashes there).
    """
    if encoding in ("cp1252", "iso8859-1") and "\xa4" in text and not _C1_BYTES.search(data):
        return data.decode("iso8859_15"), "iso8859-15"
    return text, encoding


def _preferred_name(data: bytes, text: str, encoding: str) -> str:
    """Report the most common encoding that gives the same text, e.g. cp1252 over latin-1."""
    for name in (*_WESTERN, *_OTHER):
        if name == encoding:
            break
        try:
            if data.decode(name) == text:
                encoding = name
                break
        except UnicodeDecodeError:
            continue
    return codecs.lookup(encoding).name
