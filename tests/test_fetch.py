"""Web addresses, against servers on 127.0.0.1 that the tests start themselves."""

from __future__ import annotations

import base64
import gzip
import http.server
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator

import pytest
from hard_timeout import within
from json_contract import assert_valid_report

from sidebyside.engine.fetch import fetch_article
from sidebyside.engine.loading import LoadError, is_url, load_article
from sidebyside.engine.pipeline import load_documents

STORY = (
    "Russia pushed Assad to flee Syria after concluding he'd lost the war. "
    "Russian intelligence agents organised the escape, flying him out via an air base. "
    "The aircraft’s transponder was turned off to avoid being tracked, one of them said. "
)
PAGE = f"""<!doctype html><html><head><meta charset="utf-8">
<title>Assad flees to Moscow</title></head><body>
<nav><a href="/">Home</a> <a href="/world">World news section</a></nav>
<article><h1>Assad flees to Moscow</h1><p>{STORY}</p><p>{STORY}</p></article>
<footer>Copyright The Daily Courier</footer></body></html>"""

ROUTES: dict[str, tuple[int, str, bytes, dict[str, str]]] = {
    "/article.html": (200, "text/html; charset=utf-8", PAGE.encode(), {}),
    "/no-type": (200, "", PAGE.encode(), {}),
    "/story.txt": (200, "text/plain; charset=utf-8", STORY.encode(), {}),
    "/latin.txt": (200, "text/plain; charset=windows-1252", "“Café” – 5 €".encode("cp1252"), {}),
    "/story.md": (200, "text/markdown", b"# Flight to Moscow\n\nHe *fled* [at night](/x).\n", {}),
    "/big.html": (200, "text/html", b"<p>" + b"a" * 5000 + b"</p>", {}),
    "/gzipped": (200, "text/html", gzip.compress(PAGE.encode()), {"Content-Encoding": "gzip"}),
    "/photo.png": (200, "image/png", b"\x89PNG\r\n\x1a\n", {}),
    "/empty": (200, "text/plain", b"", {}),
    "/moved": (301, "text/plain", b"", {"Location": "/article.html"}),
    "/loop": (302, "text/plain", b"", {"Location": "/loop"}),
    "/to-ftp": (302, "text/plain", b"", {"Location": "ftp://127.0.0.1/article.txt"}),
    "/to-file": (302, "text/plain", b"", {"Location": "file:///etc/passwd"}),
    "/broken": (500, "text/plain", b"oops", {}),
}


TRICKLE_SECONDS = 0.2


class Handler(http.server.BaseHTTPRequestHandler):
    def _trickle(self, data: bytes) -> None:
        try:
            for k in range(len(data)):
                self.wfile.write(data[k : k + 1])
                self.wfile.flush()
                time.sleep(TRICKLE_SECONDS)
        except OSError:  # the client gave up, as it should
            pass

    def do_GET(self) -> None:
        if self.path == "/trickle-body":  # a byte at a time, for ever
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            self._trickle(b"word " * 10_000)
            return
        if self.path == "/trickle-headers":
            self.wfile.write(b"HTTP/1.1 200 OK\r\n")
            self._trickle(b"X-Slow: " + b"a" * 10_000)
            return
        if self.path == "/odd-reason":
            self.send_response(404, "Not \x1b]0;PWNED\x07Found")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if self.path.startswith("/hops/"):  # /hops/N redirects N times, then the article
            left = int(self.path.rsplit("/", 1)[1])
            self.send_response(302 if left else 200)
            self.send_header("Location", f"/hops/{left - 1}" if left else "")
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(len(STORY.encode())))
            self.end_headers()
            self.wfile.write(STORY.encode())
            return
        if self.path == "/private":
            expected = "Basic " + base64.b64encode(b"reader:s3cret pass").decode()
            if self.headers.get("Authorization") != expected:
                self.send_error(401, "Unauthorized")
                return
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(len(STORY.encode())))
            self.end_headers()
            self.wfile.write(STORY.encode())
            return
        if self.path == "/endless":  # no Content-Length, more than any limit
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            try:
                for _ in range(1000):
                    self.wfile.write(b"word " * 2000)
            except OSError:  # the client stopped reading at its limit
                pass
            return
        if self.path not in ROUTES:
            self.send_error(404, "Not Found")
            return
        status, content_type, body, headers = ROUTES[self.path]
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:  # keep the test output clean
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def silent_server() -> Iterator[str]:
    """Accepts connections and never answers."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)
    yield f"http://127.0.0.1:{sock.getsockname()[1]}/slow"
    sock.close()


def refused_address() -> str:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()  # nothing listens there now
    return f"http://127.0.0.1:{port}/article.html"


def one_line_error(url: str, **kwargs) -> str:
    with pytest.raises(LoadError) as info:
        within(60, lambda: load_article(url, **kwargs))
    message = str(info.value)
    assert message.startswith(f"{url}: "), message
    assert "\n" not in message and "Traceback" not in message, message
    return message


def test_web_addresses_are_told_from_file_names():
    assert is_url("https://example.org/a") and is_url("HTTP://x/y")
    assert not is_url("article.txt") and not is_url("http.txt") and not is_url("-")


def test_html_page_is_fetched_and_extracted(server):
    article = load_article(f"{server}/article.html")
    assert article.title == "Assad flees to Moscow"
    assert "transponder was turned off" in article.text
    assert "World news section" not in article.text and "Copyright" not in article.text


def test_page_without_content_type_is_sniffed(server):
    assert load_article(f"{server}/no-type").title == "Assad flees to Moscow"


def test_gzip_answer_is_decompressed(server):
    assert "transponder" in load_article(f"{server}/gzipped").text


def test_redirect_is_followed(server):
    assert load_article(f"{server}/moved").title == "Assad flees to Moscow"


def test_plain_text_is_kept_as_sent(server):
    article = load_article(f"{server}/story.txt")
    assert article.text == STORY and article.title is None


def test_server_charset_is_used(server):
    article = load_article(f"{server}/latin.txt")
    assert article.text == "“Café” – 5 €"


def test_markdown_by_content_type(server):
    article = load_article(f"{server}/story.md")
    assert article.title == "Flight to Moscow"
    assert article.text == "Flight to Moscow\n\nHe fled at night."


def test_not_found_is_one_clear_line(server):
    message = one_line_error(f"{server}/missing")
    assert "HTTP 404" in message


def test_server_error_is_one_clear_line(server):
    assert "HTTP 500" in one_line_error(f"{server}/broken")


def test_too_large_by_content_length(server):
    message = one_line_error(f"{server}/big.html", max_bytes=1000)
    assert "size limit" in message and "--max-size" in message


def test_too_large_while_reading(server):
    assert "size limit" in one_line_error(f"{server}/endless", max_bytes=100_000)


def test_not_an_article_type_is_named(server):
    assert "image/png" in one_line_error(f"{server}/photo.png")


def test_empty_answer_is_refused(server):
    assert "empty" in one_line_error(f"{server}/empty")


def test_server_that_never_answers_times_out(silent_server):
    started = time.monotonic()
    message = one_line_error(silent_server, timeout=0.5)
    assert "no answer" in message and "0.5 s" in message
    assert time.monotonic() - started < 10


def test_connection_refused_is_one_clear_line():
    url = refused_address()
    assert "refused" in one_line_error(url)


def test_bad_address_is_one_clear_line():
    with pytest.raises(LoadError) as info:
        fetch_article("http://", 1000)
    assert "not a valid web address" in str(info.value)


def test_load_documents_mixes_a_url_and_a_file(server, tmp_path):
    path = tmp_path / "other.txt"
    path.write_text(STORY)
    web, local = load_documents([f"{server}/article.html", str(path)])
    assert web.title == "Assad flees to Moscow" and local.title is None
    assert web.path.endswith("/article.html")


def test_command_line_prints_the_fetch_error_and_exits_2(tmp_path):
    url = refused_address()
    other = tmp_path / "other.txt"
    other.write_text(STORY)
    proc = subprocess.run(
        [sys.executable, "-m", "sidebyside", "compare", url, str(other)],
        capture_output=True,
        timeout=60,
    )
    assert proc.returncode == 2
    lines = proc.stderr.decode().strip().splitlines()
    assert lines == [f"sidebyside: error: {url}: the server refused the connection"]


# --- hostile servers ------------------------------------------------------------------


@pytest.mark.parametrize("route", ["/trickle-body", "/trickle-headers"])
def test_timeout_is_a_deadline_for_the_whole_fetch_even_on_a_trickle(server, route):
    # At 0.2 s a byte the answer would take minutes; the fetch must stop at 1.5 s.
    message = one_line_error(f"{server}{route}", timeout=1.5)
    assert "1.5 s" in message


def test_a_redirect_loop_is_one_line(server):
    message = one_line_error(f"{server}/loop")
    assert "redirect" in message and "HTTP Error" not in message


def test_a_few_redirects_are_followed_and_many_are_refused(server):
    assert load_article(f"{server}/hops/3").text == STORY
    assert "more than 5" in one_line_error(f"{server}/hops/9")


@pytest.mark.parametrize("route", ["/to-ftp", "/to-file"])
def test_only_web_redirects_are_followed(server, route):
    message = one_line_error(f"{server}{route}")
    assert "not a web page" in message


def test_a_reason_phrase_is_kept_in_one_line_for_the_printer_to_make_safe(server):
    message = one_line_error(f"{server}/odd-reason")
    assert "HTTP 404" in message and "\n" not in message


def test_credentials_are_sent_to_the_server_and_never_shown(server):
    host = server.removeprefix("http://")
    url = f"http://reader:s3cret%20pass@{host}/private"
    assert load_article(url).text == STORY
    with pytest.raises(LoadError) as info:
        load_article(f"http://reader:wrong@{host}/private")
    assert "wrong" not in str(info.value) and "***@" in str(info.value)
    assert "HTTP 401" in str(info.value)


def test_the_command_line_shows_no_password_in_errors_or_reports(server, tmp_path):
    host = server.removeprefix("http://")
    other = tmp_path / "other.txt"
    other.write_text(STORY)
    run = [sys.executable, "-m", "sidebyside", "compare", "--format", "json"]
    good = subprocess.run(
        [*run, f"http://reader:s3cret%20pass@{host}/private", str(other)],
        capture_output=True,
        timeout=60,
    )
    assert good.returncode == 0, good.stderr
    assert b"s3cret" not in good.stdout + good.stderr
    assert assert_valid_report(good.stdout)["documents"][0]["path"] == f"http://***@{host}/private"
    bad = subprocess.run(
        [*run, f"http://reader:hunter2@{host}/missing", str(other)], capture_output=True, timeout=60
    )
    assert bad.returncode == 2 and b"hunter2" not in bad.stderr
    assert len(bad.stderr.decode().splitlines()) == 1


def test_an_escape_in_a_reason_phrase_or_address_is_printed_as_symbols(server, tmp_path):
    other = tmp_path / "other.txt"
    other.write_text(STORY)
    for url in (f"{server}/odd-reason", f"{refused_address()}\x1b]0;PWNED\x07"):
        proc = subprocess.run(
            [sys.executable, "-m", "sidebyside", "compare", url, str(other)],
            capture_output=True,
            timeout=60,
        )
        assert proc.returncode == 2
        lines = proc.stderr.decode().splitlines()
        assert len(lines) == 1 and "\x1b" not in lines[0] and "\x07" not in lines[0], lines
        assert "␛]0;PWNED␇" in lines[0]
