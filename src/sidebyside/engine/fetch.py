"""Web addresses: fetch the page, then read it as a saved page, Markdown or text.

The standard library's urllib is enough for one GET and keeps the install small.
Every way a fetch fails (offline, unknown host, refused, too slow, an HTTP
error, too large, not an article) becomes one LoadError line naming the address.
"""

from __future__ import annotations

import http.client
import socket
import ssl
import time
import urllib.error
import urllib.request
import zlib
from email.message import Message

from sidebyside import __version__
from sidebyside.engine.loading import Article, LoadError, _too_big, article_from_bytes

DEFAULT_TIMEOUT = 30.0
"""Seconds allowed for the whole fetch: connecting, waiting and reading."""

_CHUNK = 64 * 1024
_HEADERS = {
    "User-Agent": f"Mozilla/5.0 (compatible; sidebyside/{__version__})",
    "Accept": "text/html,application/xhtml+xml,text/markdown;q=0.9,text/plain;q=0.8,*/*;q=0.1",
    "Accept-Encoding": "gzip, deflate",
}
# Types that are text an article could be in; anything else is refused by name.
_TEXT_TYPES = ("text/", "application/xhtml+xml", "application/xml", "application/octet-stream")


def fetch_article(url: str, max_bytes: int, timeout: float = DEFAULT_TIMEOUT) -> Article:
    """Fetch ``url`` and extract its article; raises LoadError with one line on failure."""
    data, content_type, charset = fetch(url, max_bytes, timeout)
    if content_type and not content_type.startswith(_TEXT_TYPES):
        raise LoadError(url, f"is {content_type}, not a web page or text")
    return article_from_bytes(url, data, content_type or None, charset or None)


def fetch(url: str, max_bytes: int, timeout: float = DEFAULT_TIMEOUT) -> tuple[bytes, str, str]:
    """(body, content type, charset) of ``url``, the body at most ``max_bytes`` long."""
    deadline = time.monotonic() + timeout
    try:
        request = urllib.request.Request(url, headers=_HEADERS)
    except ValueError:
        raise LoadError(url, "is not a valid web address") from None
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            headers: Message = response.headers
            length = headers.get("Content-Length", "")
            if length.isdigit() and int(length) > max_bytes:
                raise _too_big(url, max_bytes, int(length))
            data = _read(url, response, max_bytes, deadline, timeout)
    except LoadError:
        raise
    except urllib.error.HTTPError as e:
        raise LoadError(url, f"the server answered HTTP {e.code} {e.reason}".rstrip()) from None
    except urllib.error.URLError as e:
        raise LoadError(url, _why(e.reason, timeout)) from None
    except (OSError, ValueError, http.client.HTTPException) as e:
        raise LoadError(url, _why(e, timeout)) from None
    data = _decompress(url, data, headers.get("Content-Encoding", ""), max_bytes)
    content_type = headers.get_content_type() if "Content-Type" in headers else ""
    return data, content_type, headers.get_content_charset() or ""


def _read(url: str, response, max_bytes: int, deadline: float, timeout: float) -> bytes:
    """Read in chunks so a slow trickle cannot outlast the timeout nor a flood the limit."""
    parts: list[bytes] = []
    size = 0
    while True:
        if time.monotonic() > deadline:
            raise LoadError(url, f"took longer than {timeout:g} s to download")
        chunk = response.read(_CHUNK)
        if not chunk:
            return b"".join(parts)
        size += len(chunk)
        if size > max_bytes:
            raise _too_big(url, max_bytes, None)
        parts.append(chunk)


def _decompress(url: str, data: bytes, encoding: str, max_bytes: int) -> bytes:
    encoding = encoding.strip().lower()
    if encoding in ("", "identity"):
        return data
    if encoding not in ("gzip", "x-gzip", "deflate"):
        raise LoadError(url, f"was sent with an encoding that cannot be read ({encoding})")
    wbits = 16 + zlib.MAX_WBITS if "gzip" in encoding else zlib.MAX_WBITS
    try:
        inflater = zlib.decompressobj(wbits)
        out = inflater.decompress(data, max_bytes + 1)
    except zlib.error:
        try:  # some servers send raw deflate without the zlib header
            out = zlib.decompressobj(-zlib.MAX_WBITS).decompress(data, max_bytes + 1)
        except zlib.error:
            raise LoadError(url, f"was sent {encoding}-compressed but is damaged") from None
    if len(out) > max_bytes:
        raise _too_big(url, max_bytes, None)
    return out


def _why(reason: object, timeout: float) -> str:
    """A short account of a network failure, worded for someone who is maybe offline."""
    if isinstance(reason, socket.gaierror):
        return "cannot find the server (no network connection, or the address is wrong)"
    if isinstance(reason, TimeoutError):
        return f"no answer from the server within {timeout:g} s"
    if isinstance(reason, ConnectionRefusedError):
        return "the server refused the connection"
    if isinstance(reason, ConnectionResetError):
        return "the server closed the connection"
    if isinstance(reason, ssl.SSLCertVerificationError):
        return f"the server's certificate is not valid ({reason.verify_message})"
    if isinstance(reason, ssl.SSLError):
        return "the secure connection failed"
    if isinstance(reason, OSError) and reason.errno is not None:
        text = reason.strerror or str(reason)
        return f"cannot be fetched ({text[:1].lower() + text[1:]})"
    text = " ".join(str(reason).split()) or type(reason).__name__
    if text.startswith("unknown url type") or "no host given" in text:
        return "is not a valid web address"
    return f"cannot be fetched ({text[:1].lower() + text[1:]})"
