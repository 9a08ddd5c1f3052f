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
import select
import stat
import sys
import time
import warnings
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
DEFAULT_TIMEOUT = 30.0
"""Seconds allowed to fetch a web address, or to read a pipe or device to its end."""

_MB = 1024 * 1024
_READ_CHUNK = 64 * 1024
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


class InputWarning(UserWarning):
    """An article that loaded but not quite as written (bytes replaced); one line for the user.

    Raised through ``warnings`` so it reaches the command line and the app from
    however deep the loading runs; they catch it and show its text.
    """


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
    text; plain text comes back as written. ``timeout`` bounds a fetch, and the
    reading of a pipe or device. Raises LoadError as ``read_article``.
    """
    timeout = DEFAULT_TIMEOUT if timeout is None else timeout
    if is_url(path):
        from sidebyside.engine.fetch import fetch_article

        return fetch_article(path, max_bytes, timeout)
    return article_from_bytes(path, read_bytes(path, max_bytes, timeout))


def is_url(path: str) -> bool:
    """Whether an argument is a web address rather than a file name."""
    return _URL.match(path) is not None


def without_credentials(url: str) -> str:
    """``url`` as it may be shown: a user name and password in it become ``***``."""
    try:
        parts = urlsplit(url)
        if "@" not in parts.netloc:
            return url
        host = parts.netloc.rpartition("@")[2]
        return urlunsplit(parts._replace(netloc=f"***@{host}"))
    except ValueError:
        return url


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


def read_article(
    path: str, max_bytes: int = DEFAULT_MAX_BYTES, timeout: float = DEFAULT_TIMEOUT
) -> tuple[str, str]:
    """Return (text, encoding) of the article at ``path`` ("-" is stdin), read as plain text.

    Raises LoadError for a file that is missing, unreadable, a directory,
    binary, empty or blank, larger than ``max_bytes``, or a pipe that has not
    ended within ``timeout`` seconds.
    """
    return decode_text(path, read_bytes(path, max_bytes, timeout))


def read_bytes(
    path: str, max_bytes: int = DEFAULT_MAX_BYTES, timeout: float = DEFAULT_TIMEOUT
) -> bytes:
    """The raw bytes of a file or of stdin ("-"); raises LoadError when there are none."""
    data = (_read_stdin if path == "-" else _read_file)(path, max_bytes, timeout)
    if not data:
        raise _error(path, "is empty")
    return data


def decode_text(path: str, data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Decode by the rules above (``declared``: a charset the source named) and refuse
    text that is empty, blank or mostly control characters."""
    text, encoding = _decode_declared(path, data, declared) if declared else (None, "")
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


def _decode_declared(path: str, data: bytes, declared: str) -> tuple[str | None, str]:
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
            damaged = _damaged_utf8(data, path)
            if damaged is not None:
                return damaged
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


def _read_stdin(_dash: str, max_bytes: int, timeout: float) -> bytes:
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:
        raise _error("-", "is not available to read")
    try:
        fd = stream.fileno()
    except (OSError, ValueError, AttributeError):
        fd = None  # an in-memory stream: read it as it is
    try:
        if fd is not None and os.isatty(fd):
            raise _error("-", "is a terminal: pipe or redirect an article into it")
        if fd is not None and _is_stream(os.fstat(fd).st_mode):
            data = _read_with_deadline("-", fd, max_bytes, timeout)
        else:
            data = stream.read(max_bytes + 1)
    except LoadError:
        raise
    except (OSError, ValueError) as e:
        raise _error("-", f"could not be read ({_reason(e)})") from None
    if len(data) > max_bytes:
        raise _too_big("-", max_bytes, None)
    return data


def _is_stream(mode: int) -> bool:
    """A pipe, FIFO, socket or device: something that may never end or never start."""
    return stat.S_ISFIFO(mode) or stat.S_ISCHR(mode) or stat.S_ISSOCK(mode)


def _read_file(path: str, max_bytes: int, timeout: float = DEFAULT_TIMEOUT) -> bytes:
    """Read at most max_bytes + 1 bytes, so a device such as /dev/zero cannot hang us.

    A FIFO is opened without waiting for a writer and, like any pipe or device,
    read until it ends or ``timeout`` seconds have passed.
    """
    try:
        mode = os.stat(path).st_mode
        if stat.S_ISDIR(mode):
            raise LoadError(path, "is a directory, not an article file")
        if _is_stream(mode) and hasattr(select, "poll"):
            fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
            try:
                data = _read_with_deadline(path, fd, max_bytes, timeout)
            finally:
                os.close(fd)
        else:
            with open(path, "rb") as f:
                info = os.fstat(f.fileno())
                if stat.S_ISDIR(info.st_mode):
                    raise LoadError(path, "is a directory, not an article file")
                if stat.S_ISREG(info.st_mode) and info.st_size > max_bytes:
                    raise _too_big(path, max_bytes, info.st_size)
                data = f.read(max_bytes + 1)
    except LoadError:
        raise
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


def _read_with_deadline(path: str, fd: int, max_bytes: int, timeout: float) -> bytes:
    """Everything a pipe or device sends until it ends, at most ``max_bytes`` + 1 bytes.

    Waits only ``timeout`` seconds in all: a FIFO nobody writes to, or a
    terminal nobody types into, is an error rather than a hang.
    """
    deadline = time.monotonic() + timeout
    poller = select.poll()
    poller.register(fd, select.POLLIN | select.POLLPRI)
    parts: list[bytes] = []
    size = 0
    while size <= max_bytes:
        left = deadline - time.monotonic()
        if left <= 0 or not poller.poll(max(1, int(left * 1000))):
            if not size:
                raise _error(
                    path,
                    f"sent no data within {timeout:g} s (a pipe nothing writes to?); "
                    "wait longer with --timeout SECONDS",
                )
            raise _error(
                path, f"had not ended after {timeout:g} s; wait longer with --timeout SECONDS"
            )
        try:
            chunk = os.read(fd, min(_READ_CHUNK, max_bytes + 1 - size))
        except BlockingIOError:
            continue
        if not chunk:
            break
        parts.append(chunk)
        size += len(chunk)
    return b"".join(parts)


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
    damaged = _damaged_utf8(data, path)
    if damaged is not None:
        return damaged
    return _decode_legacy(data)


def _damaged_utf8(data: bytes, path: str | None = None) -> tuple[str, str] | None:
    """UTF-8 with a few bad bytes, read as UTF-8 with those bytes replaced; None otherwise.

    Legacy text almost never forms valid multi-byte UTF-8 sequences, so when
    there are at least as many of them as bad bytes, the file is UTF-8 that
    was damaged (a stray byte pasted in, a cut character), and reading it
    whole as cp1252 would garble every accented letter.
    """
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count(b"\xef\xbf\xbd")
    good = len(text) - len(text.encode("ascii", "ignore")) - bad
    if bad <= 0 or good < bad:
        return None
    if path is not None:
        where = "byte that is" if bad == 1 else "bytes that are"
        warnings.warn(
            InputWarning(
                f"{path}: {bad} {where} not UTF-8 replaced with \ufffd (the rest reads as UTF-8)"
            ),
            stacklevel=2,
        )
    return text, "utf-8"


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
