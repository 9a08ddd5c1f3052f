"""Reading articles: every encoding a news file turns up in, and one clear line for bad input."""

from __future__ import annotations

import builtins
import codecs
import gzip
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from json_contract import assert_valid_report

from sidebyside.engine import loading
from sidebyside.engine.loading import DEFAULT_MAX_BYTES, LoadError, read_article

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SEED = sorted(SEEDS.glob("*.txt"))[0]

# News text with what legacy detectors get wrong: curly quotes, an em dash, accents.
NEWS = (
    "“This was damage control,” said Ruslan Pukhov — head of the café’s board.\n"
    "André’s résumé lists 3 posts.\n"
)
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"


def write(tmp_path: Path, data: bytes, name: str = "article.txt") -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def load_error(path: str, **kwargs) -> LoadError:
    with pytest.raises(LoadError) as info:
        read_article(path, **kwargs)
    message = str(info.value)
    assert message.startswith(f"{path}: "), message
    assert "\n" not in message and "Error" not in message, message
    return info.value


# --- encodings -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (NEWS.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + NEWS.encode("utf-8"), "utf-8-sig"),
        (NEWS.encode("utf-16"), "utf-16"),
        (codecs.BOM_UTF16_LE + NEWS.encode("utf-16-le"), "utf-16"),
        (codecs.BOM_UTF16_BE + NEWS.encode("utf-16-be"), "utf-16"),
        (NEWS.encode("utf-32"), "utf-32"),
        (codecs.BOM_UTF32_BE + NEWS.encode("utf-32-be"), "utf-32"),
        (NEWS.encode("utf-16-le"), "utf-16-le"),
        (NEWS.encode("utf-16-be"), "utf-16-be"),
        (NEWS.encode("cp1252"), "cp1252"),
    ],
    ids=[
        *("utf8", "utf8-bom", "utf16", "utf16le-bom", "utf16be-bom", "utf32", "utf32be-bom"),
        *("utf16le-no-bom", "utf16be-no-bom", "cp1252"),
    ],
)
def test_article_reads_back_exactly_in_every_common_encoding(tmp_path, data, encoding):
    assert read_article(write(tmp_path, data)) == (NEWS, encoding)


def test_utf8_bom_is_not_part_of_the_text(tmp_path):
    text, _ = read_article(write(tmp_path, codecs.BOM_UTF8 + b"Headline\n"))
    assert text == "Headline\n"


def test_cp1252_curly_quotes_and_dashes_are_not_read_as_a_dos_code_page(tmp_path):
    # Unrestricted detection calls this cp852 and shows "ô" and "ö" for the quotes.
    text = "Officials said “this was damage control” — the café’s owner told reporters.\r\n"
    assert read_article(write(tmp_path, text.encode("cp1252"))) == (text, "cp1252")


@pytest.mark.parametrize(
    "text",
    [
        "El presidente señaló que la economía española crecerá un 2 % este año.",
        "Die Bundesregierung hat neue Maßnahmen beschlossen. Der Präsident äußerte sich.",
        "“Quoted.”",
        "‘Yes’ — “no”…",
        "é",
        "5 €",
    ],
)
def test_short_western_text_in_cp1252_reads_back_exactly(tmp_path, text):
    assert read_article(write(tmp_path, text.encode("cp1252")))[0] == text


def test_latin1_file_reads_back_exactly(tmp_path):
    text = "Le café de la gare était fermé. Où est la clé? Ça coûte cher, dit-il à Noël.\n"
    assert read_article(write(tmp_path, text.encode("latin-1")))[0] == text


def test_iso8859_15_euro_sign_is_a_euro_sign(tmp_path):
    text = "Le café coûte 5 € à Noël, a-t-il déclaré.\n"
    assert read_article(write(tmp_path, text.encode("iso8859-15"))) == (text, "iso8859-15")


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("Москва заявила, что переговоры продолжаются. Кремль не дал комментариев.", "cp1251"),
        ("Москва заявила, что переговоры продолжаются. Кремль не дал комментариев.", "koi8-r"),
        ("Prezydent Polski powiedział, że rząd się zgadza. Łódź i Kraków świętują.", "cp1250"),
        ("Η κυβέρνηση ανακοίνωσε νέα μέτρα για την οικονομία της χώρας.", "cp1253"),
        ("東京で会議が開かれた。首相は記者団に語った。", "shift_jis"),
        ("北京时间今天上午，会议在人民大会堂举行。", "gb18030"),
        ("서울에서 회의가 열렸다. 대통령은 기자들에게 말했다.", "euc_kr"),
    ],
)
def test_non_western_legacy_encodings_are_detected(tmp_path, text, encoding):
    assert read_article(write(tmp_path, text.encode(encoding))) == (text, encoding)


def test_undecodable_text_still_loads_with_replacement_characters(tmp_path):
    # Not UTF-8 and not plausible in any candidate encoding, but clearly text.
    tail = " from the wire, where the copy desk mangled a few bytes.\n"
    data = b"Breaking news \x81\x8d\x9d" + tail.encode()
    text, encoding = read_article(write(tmp_path, data))
    assert text == "Breaking news \ufffd\ufffd\ufffd" + tail
    assert encoding == "cp1252"


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"], ids=["LF", "CRLF", "CR"])
def test_line_ends_are_kept_as_written(tmp_path, newline):
    text = newline.join(["Headline", "", "First sentence. Second one.", ""])
    assert read_article(write(tmp_path, text.encode("utf-8")))[0] == text


def test_special_spaces_and_quotes_are_kept_as_written(tmp_path):
    text = "Mr.\u00a0Smith said\u200b “no”\u2009— twice.\t\u2028End.\n"
    assert read_article(write(tmp_path, text.encode("utf-8")))[0] == text


def test_same_file_read_twice_gives_the_same_text(tmp_path):
    path = write(tmp_path, NEWS.encode("utf-8"))
    assert read_article(path) == read_article(path) == (NEWS, "utf-8")


def test_seed_articles_load_as_utf8():
    for path in sorted(SEEDS.glob("*.txt")):
        text, encoding = read_article(str(path))
        assert encoding == "utf-8"
        with open(path, encoding="utf-8", newline="") as f:
            assert text == f.read()


# --- standard input and special files ---------------------------------------------


class _FakeStdin:
    def __init__(self, data: bytes) -> None:
        self.buffer = io.BytesIO(data)


def test_dash_reads_standard_input(monkeypatch):
    monkeypatch.setattr(sys, "stdin", _FakeStdin(NEWS.encode("utf-16")))
    assert read_article("-") == (NEWS, "utf-16")


def test_standard_input_over_the_limit_is_refused(monkeypatch):
    monkeypatch.setattr(sys, "stdin", _FakeStdin(b"word " * 1000))
    error = load_error("-", max_bytes=1000)
    assert "standard input" in error.problem and "--max-size" in error.problem


def test_empty_standard_input_is_refused(monkeypatch):
    monkeypatch.setattr(sys, "stdin", _FakeStdin(b""))
    assert load_error("-").problem == "standard input is empty"


def test_missing_standard_input_is_refused(monkeypatch):
    monkeypatch.setattr(sys, "stdin", None)
    assert "standard input" in load_error("-").problem


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_named_pipe_can_be_read(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    writer = subprocess.Popen(
        [sys.executable, "-c", f"open({str(fifo)!r}, 'wb').write({NEWS.encode()!r})"]
    )
    try:
        assert read_article(str(fifo)) == (NEWS, "utf-8")
    finally:
        writer.wait(timeout=30)


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_endless_device_stops_at_the_size_limit():
    error = load_error("/dev/zero", max_bytes=4096)
    assert "size limit" in error.problem


# --- errors --------------------------------------------------------------------------


def test_missing_file_is_reported(tmp_path):
    assert load_error(str(tmp_path / "nope.txt")).problem == "no such file"


def test_directory_is_reported(tmp_path):
    assert load_error(str(tmp_path)).problem == "is a directory, not an article file"


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root can read any file"
)
def test_unreadable_file_is_reported(tmp_path):
    path = write(tmp_path, b"secret")
    os.chmod(path, 0)
    try:
        assert load_error(path).problem == "permission denied"
    finally:
        os.chmod(path, 0o600)


def test_permission_denied_is_reported_without_the_os_details(tmp_path, monkeypatch):
    path = write(tmp_path, b"secret")

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied", args[0])

    monkeypatch.setattr(builtins, "open", refuse)
    assert load_error(path).problem == "permission denied"


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (PNG, "PNG image"),
        (gzip.compress(NEWS.encode()), "gzip"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "PDF"),
        (b"PK\x03\x04\x14\x00\x06\x00\x08\x00", "zip"),
        (b"ELF-ish header\x00\x00\x00\x02\x00\x3e\x00", "binary"),
        (bytes(range(1, 32)) * 10, "binary"),
    ],
    ids=["png", "gzip", "pdf", "docx", "nul-bytes", "control-characters"],
)
def test_binary_file_is_refused(tmp_path, data, kind):
    error = load_error(write(tmp_path, data))
    assert kind in error.problem and "not plain text" in error.problem


def test_text_with_a_stray_control_character_is_accepted(tmp_path):
    text = "Officials met on Monday.\x07 They agreed on a plan.\x1a\n"
    assert read_article(write(tmp_path, text.encode("utf-8")))[0] == text


def test_empty_file_is_refused(tmp_path):
    assert load_error(write(tmp_path, b"")).problem == "is empty"


def test_file_with_only_a_bom_is_empty(tmp_path):
    assert load_error(write(tmp_path, codecs.BOM_UTF8)).problem == "is empty"


@pytest.mark.parametrize(
    "blank",
    [" \n\n\t ", "\r\n\r\n", "\u00a0\u200b\u00a0\n", "\u2060\ufeff\u3000"],
    ids=["spaces", "crlf", "nbsp-zwsp", "joiners"],
)
def test_whitespace_only_file_is_refused(tmp_path, blank):
    assert load_error(write(tmp_path, blank.encode("utf-8"))).problem == "has only whitespace"


def test_file_over_the_size_limit_gives_its_size_the_limit_and_the_flag(tmp_path):
    path = write(tmp_path, b"x" * (3 * 1024 * 1024))
    error = load_error(path, max_bytes=2 * 1024 * 1024)
    assert error.problem == "is 3 MB, over the 2 MB size limit (raise it with --max-size MB)"


def test_file_just_over_the_limit_shows_sizes_that_differ(tmp_path):
    path = write(tmp_path, b"x" * (DEFAULT_MAX_BYTES + 50_000))
    error = load_error(path)
    assert "is 20.05 MB, over the 20 MB size limit" in error.problem


def test_file_exactly_at_the_limit_loads(tmp_path):
    assert read_article(write(tmp_path, b"x" * 1000), max_bytes=1000)[0] == "x" * 1000


def test_oversized_file_is_refused_before_it_is_read(tmp_path, monkeypatch):
    path = write(tmp_path, b"x" * 5000)
    monkeypatch.setattr(loading, "_decode", lambda *a: pytest.fail("file was read"))
    load_error(path, max_bytes=1000)


# --- properties ----------------------------------------------------------------------


@pytest.mark.filterwarnings("ignore::sidebyside.engine.loading.InputWarning")  # replaced bytes
@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.binary(max_size=2000))
def test_any_bytes_load_or_give_a_clear_error(tmp_path, data):
    path = write(tmp_path, data, "fuzz.txt")
    try:
        text, encoding = read_article(path)
    except LoadError as e:
        assert str(e).startswith(f"{path}: ") and "\n" not in str(e)
    else:
        assert isinstance(text, str) and text and encoding


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    text=st.text(min_size=1).filter(lambda t: not t.isspace()),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be"]),
)
def test_any_text_round_trips_in_utf8_and_utf16(tmp_path, text, encoding):
    # A little-endian BOM followed by a NUL is the BOM of UTF-32, and read as such.
    assume(not (text.startswith("\x00") and encoding in ("utf-16", "utf-16-le")))
    if encoding in ("utf-16-le", "utf-16-be"):
        data = codecs.BOM_UTF16_LE if encoding.endswith("le") else codecs.BOM_UTF16_BE
        data += text.encode(encoding, errors="surrogatepass")
    else:
        data = text.encode(encoding, errors="surrogatepass")
    path = write(tmp_path, data, "prop.txt")
    try:
        loaded, _ = read_article(path)
    except LoadError as e:
        # Only text a reader would also reject: blank, or mostly control characters.
        assert "whitespace" in e.problem or "binary" in e.problem, e
    else:
        assert loaded == text


# --- the command line ------------------------------------------------------------------


def run_compare(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "sidebyside", "compare", "--format", "json", *args],
        capture_output=True,
        input=stdin,
        timeout=120,
    )


def assert_one_error_line(proc: subprocess.CompletedProcess, path: str, problem: str) -> None:
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.decode().splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"sidebyside: error: {path}: "), lines[0]
    assert problem in lines[0]
    assert proc.stdout == b""


@pytest.mark.parametrize(
    ("make", "problem"),
    [
        (lambda d: str(d / "missing.txt"), "no such file"),
        (lambda d: str(d), "is a directory"),
        (lambda d: write(d, PNG, "picture.txt"), "not plain text"),
        (lambda d: write(d, b"", "empty.txt"), "is empty"),
        (lambda d: write(d, " \r\n\u00a0\n".encode(), "blank.txt"), "has only whitespace"),
    ],
    ids=["missing", "directory", "binary", "empty", "whitespace"],
)
def test_compare_names_the_bad_file_in_one_line(tmp_path, make, problem):
    bad = make(tmp_path)
    assert_one_error_line(run_compare(str(SEED), bad), bad, problem)


def test_compare_refuses_a_file_over_max_size(tmp_path):
    small = write(tmp_path, b"A short article. It fits.\n", "small.txt")
    big = write(tmp_path, b"A sentence of news. " * 200, "big.txt")
    proc = run_compare("--max-size", "0.001", small, big)
    assert_one_error_line(proc, big, "over the 0.001 MB size limit")
    assert "--max-size" in proc.stderr.decode()


def test_compare_reads_dash_from_standard_input():
    proc = run_compare("-", str(SEED), stdin=SEED.read_bytes())
    assert proc.returncode == 0, proc.stderr
    documents = assert_valid_report(proc.stdout)["documents"]
    assert [d["path"] for d in documents] == ["-", str(SEED)]
