"""Web addresses: fetch the page, then read it as a saved page, Markdown or text.

The standard library's urllib is enough for one GET and keeps the install small.
Every way a fetch fails (offline, unknown host, refused, too slow, an HTTP
error, too large, not an article) becomes one LoadError line naming the address.
"""

from __future__ import annotations

import base64
import contextlib
import http.client
import socket
import ssl
import threading
import time
import urllib.error
import urllib.request
import zlib
from email.message import Message
from urllib.parse import unquote, urljoin, urlsplit, urlunsplit

from sidebyside import __version__
from sidebyside.engine.loading import (
    DEFAULT_TIMEOUT,
    Article,
    LoadError,
    _too_big,
    article_from_bytes,
    without_credentials,
)

__all__ = ["DEFAULT_TIMEOUT", "fetch", "fetch_article"]

_CHUNK = 64 * 1024
_HEADERS = {
    "User-Agent": f"Mozilla/5.0 (compatible; sidebyside/{__version__})",
    "Accept": "text/html,application/xhtml+xml,text/markdown;q=0.9,text/plain;q=0.8,*/*;q=0.1",
    "Accept-Encoding": "gzip, deflate",
}
# Types that are text an article could be in; anything else is refused by name.
_TEXT_TYPES = ("text/", "application/xhtml+xml", "application/xml", "application/octet-stream")
MAX_REDIRECTS = 5
"""Browsers allow about twenty; a news page needs one or two (http to https, a short link)."""


def fetch_article(url: str, max_bytes: int, timeout: float = DEFAULT_TIMEOUT) -> Article:
    """Fetch ``url`` and extract its article; raises LoadError with one line on failure."""
    data, content_type, charset = fetch(url, max_bytes, timeout)
    if content_type and not content_type.startswith(_TEXT_TYPES):
        raise LoadError(without_credentials(url), f"is {content_type}, not a web page or text")
    return article_from_bytes(without_credentials(url), data, content_type or None, charset or None)


def fetch(url: str, max_bytes: int, timeout: float = DEFAULT_TIMEOUT) -> tuple[bytes, str, str]:
    """(body, content type, charset) of ``url``, the body at most ``max_bytes`` long.

    ``timeout`` is the whole fetch: connecting, redirects, headers and body,
    however slowly the server trickles them.  A user name and password in the
    address are sent as HTTP Basic authentication, to that host only, and never
    shown in a message.
    """
    shown = without_credentials(url)
    try:
        request = _request(url)
    except ValueError:
        raise LoadError(shown, "is not a valid web address") from None
    deadline = _Deadline(timeout)
    opener = urllib.request.build_opener(
        _HTTPHandler(deadline), _HTTPSHandler(deadline), _Redirects(shown)
    )
    try:
        with deadline, opener.open(request, timeout=timeout) as response:
            deadline.answered = True
            headers: Message = response.headers
            length = headers.get("Content-Length", "")
            if length.isdigit() and int(length) > max_bytes:
                raise _too_big(shown, max_bytes, int(length))
            data = _read(shown, response, max_bytes, deadline)
    except LoadError:
        raise
    except urllib.error.HTTPError as e:
        if deadline.expired:
            raise LoadError(shown, deadline.problem()) from None
        reason = " ".join(str(e.reason or "").split())
        raise LoadError(shown, f"the server answered HTTP {e.code} {reason}".rstrip()) from None
    except urllib.error.URLError as e:
        why = deadline.problem() if deadline.expired else _why(e.reason, timeout)
        raise LoadError(shown, why) from None
    except (OSError, ValueError, http.client.HTTPException) as e:
        why = deadline.problem() if deadline.expired else _why(e, timeout)
        raise LoadError(shown, why) from None
    if deadline.expired:  # the deadline closed the connection: what came is not all
        raise LoadError(shown, deadline.problem())
    data = _decompress(shown, data, headers.get("Content-Encoding", ""), max_bytes)
    content_type = headers.get_content_type() if "Content-Type" in headers else ""
    return data, content_type, headers.get_content_charset() or ""


def _request(url: str) -> urllib.request.Request:
    """The GET for ``url``; credentials in it move to an Authorization header."""
    parts = urlsplit(url)
    request = urllib.request.Request(url, headers=_HEADERS)
    if "@" in parts.netloc:
        userinfo, _, host = parts.netloc.rpartition("@")
        user, _, password = userinfo.partition(":")
        request = urllib.request.Request(urlunsplit(parts._replace(netloc=host)), headers=_HEADERS)
        token = base64.b64encode(f"{unquote(user)}:{unquote(password)}".encode()).decode()
        # Unredirected: a redirect to another host must not receive the password.
        request.add_unredirected_header("Authorization", f"Basic {token}")
    if not request.host:
        raise ValueError("no host")
    return request


class _Deadline:
    """One time limit for a whole fetch, however many connections and reads it takes.

    A socket timeout bounds each read alone, so a server sending a byte every
    half second never trips it.  At the deadline this shuts every socket the
    fetch opened, which ends any blocked read at once.
    """

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.expired = False
        self.answered = False
        self._ends = time.monotonic() + seconds
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def __enter__(self) -> _Deadline:
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._timer.cancel()

    def left(self) -> float:
        return self._ends - time.monotonic()

    def problem(self) -> str:
        if not self.answered:
            return f"no answer from the server within {self.seconds:g} s"
        return f"took longer than {self.seconds:g} s to download"

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            for sock in self._sockets:
                _shut(sock)

    def connect(self, address, timeout=None, source_address=None, *args):
        """``socket.create_connection``, with the socket watched and the time left as timeout."""
        left = max(0.001, self.left())
        timeout = left if not isinstance(timeout, (int, float)) else min(timeout, left)
        sock = socket.create_connection(address, timeout, source_address, *args)
        with self._lock:
            self._sockets.append(sock)
            if self.expired:
                _shut(sock)
        return sock

    def connection(self, cls: type[http.client.HTTPConnection]):
        def make(host: str, **kwargs) -> http.client.HTTPConnection:
            conn = cls(host, **kwargs)
            conn._create_connection = self.connect
            return conn

        return make


def _shut(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)


class _HTTPHandler(urllib.request.HTTPHandler):
    def __init__(self, deadline: _Deadline) -> None:
        super().__init__()
        self.deadline = deadline

    def http_open(self, req):
        return self.do_open(self.deadline.connection(http.client.HTTPConnection), req)


class _HTTPSHandler(urllib.request.HTTPSHandler):
    def __init__(self, deadline: _Deadline) -> None:
        super().__init__()
        self.deadline = deadline

    def https_open(self, req):
        return self.do_open(self.deadline.connection(http.client.HTTPSConnection), req)


class _Redirects(urllib.request.HTTPRedirectHandler):
    """Follows a few redirects, to web addresses only; anything else is one clear line."""

    max_redirections = MAX_REDIRECTS

    def __init__(self, shown: str) -> None:
        super().__init__()
        self.shown = shown

    def http_error_302(self, req, fp, code, msg, headers):
        target = urljoin(req.full_url, headers.get("location") or headers.get("uri") or "")
        scheme = urlsplit(target).scheme.lower()
        if scheme not in ("http", "https"):
            raise LoadError(
                self.shown, f"redirects to a {scheme or 'strange'} address, not a web page"
            )
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        visited = getattr(req, "redirect_dict", {})
        if newurl in visited or len(visited) >= self.max_redirections:
            raise LoadError(
                self.shown,
                f"redirects in a loop, or more than {self.max_redirections} times",
            )
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _read(url: str, response, max_bytes: int, deadline: _Deadline) -> bytes:
    """Read what arrives, as it arrives, so the deadline is checked even on a trickle."""
    parts: list[bytes] = []
    size = 0
    while True:
        if deadline.expired or deadline.left() <= 0:
            raise LoadError(url, deadline.problem())
        chunk = response.read1(_CHUNK)
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
