"""Command line: ``sidebyside FILES`` opens the app; ``compare`` and ``notes`` run headless.

The app is imported only when it is needed so ``compare`` starts fast and
works without a terminal.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Sequence

from sidebyside import __version__

FORMATS = ("text", "json", "markdown")
EXIT_OK = 0
EXIT_USAGE = 2

_DESCRIPTION = """\
Put two or more articles about the same story side by side, line up the
sentences that say the same thing (even reworded, moved, split or merged) and
show word by word where they differ.

commands:
  sidebyside FILE FILE [FILE ...]      open the articles in linked panes
  sidebyside compare FILE FILE [...]   print the comparison (text, json, markdown)
  sidebyside notes FILE FILE [...]     print the notes taken on these articles (Markdown)
  sidebyside config --path             print where the settings file is read from

Notes are saved at every change under the data directory (--data-dir, or the
SIDEBYSIDE_DATA_DIR environment variable), keyed by the articles' content.
'-' reads an article from standard input. Run 'sidebyside compare --help' for
the report options."""


class UsageError(Exception):
    """A mistake on the command line or in the input: one line, exit status 2."""


def say(kind: str, message: object, prog: str = "sidebyside") -> None:
    """One line on stderr ("sidebyside: error: ..."), made safe to print: a file name,
    web address or server reply in it shows its control characters and line breaks
    as visible symbols instead of sending them to the terminal."""
    from sidebyside.engine.sanitize import one_line

    sys.stderr.write(f"{prog}: {kind}: {one_line(message)}\n")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, no traceback, status 2
        self.print_usage(sys.stderr)
        say("error", message, self.prog)
        self.exit(EXIT_USAGE)


def _size_in_mb(value: str) -> int:
    try:
        mb = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of megabytes: {value!r}") from None
    if mb <= 0:
        raise argparse.ArgumentTypeError("the size limit must be positive")
    return int(mb * 1024 * 1024)


def _positive_seconds(value: str) -> float:
    try:
        seconds = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {value!r}") from None
    if seconds <= 0:
        raise argparse.ArgumentTypeError("the timeout must be positive")
    return seconds


def _add_input_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "files",
        nargs="*",
        metavar="FILE",
        help="articles to compare: text, HTML or Markdown files, web addresses, '-' = stdin",
    )
    parser.add_argument(
        "--pivot",
        type=int,
        default=1,
        metavar="N",
        help="article whose reading order the rows follow (1 = first file; default 1)",
    )
    parser.add_argument(
        "--max-size",
        type=_size_in_mb,
        default=20 * 1024 * 1024,
        metavar="MB",
        help="largest article file or web page to read, in megabytes (default 20)",
    )
    parser.add_argument(
        "--timeout",
        type=_positive_seconds,
        default=30.0,
        metavar="SECONDS",
        help="how long to wait for each web address, pipe or device, in all (default 30)",
    )
    parser.add_argument(
        "--matcher",
        choices=("lexical", "paraphrase", "semantic"),
        help="how sentences are compared: word overlap only; word overlap and static word "
        "vectors (the default); or word overlap and sentence embeddings (needs the "
        "'semantic' extra, and is the default when it is installed). SIDEBYSIDE_MATCHER "
        "sets the default",
    )


def _add_data_dir(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="where notes are kept (default: SIDEBYSIDE_DATA_DIR, else the platform's "
        "user data directory)",
    )


def _app_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="sidebyside",
        description=_DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"sidebyside {__version__}")
    _add_input_options(parser)
    _add_data_dir(parser)
    parser.add_argument(
        "--notes",
        metavar="FILE",
        help="Markdown notes file: read at start, rewritten at every change "
        "(keep it next to the articles)",
    )
    parser.add_argument(
        "--config",
        metavar="PATH",
        help="settings file (TOML) to read instead of the one in the user config directory "
        "('sidebyside config --path' prints where that is)",
    )
    return parser


def _config_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="sidebyside config",
        description="Where the app's settings file is, and what it may hold. The file is TOML: "
        "theme, furniture, matcher, details, search, and a [keys] table of binding id = keys.",
    )
    parser.add_argument(
        "--path", action="store_true", help="print the settings file's path (the default)"
    )
    parser.add_argument("--example", action="store_true", help="print an example settings file")
    parser.add_argument(
        "--check",
        action="store_true",
        help="read the settings file and print its problems (exit 2 if it has any)",
    )
    parser.add_argument("--config", metavar="PATH", help="the settings file to read")
    return parser


def _run_config(argv: Sequence[str]) -> int:
    from sidebyside.app.settings import EXAMPLE, config_path, load_settings

    args = _config_parser().parse_args(argv)
    if args.example:
        sys.stdout.write(EXAMPLE)
        return EXIT_OK
    if args.check:
        settings = load_settings(args.config, required=bool(args.config))
        for problem in settings.problems:
            say("warning", problem)
        if settings.problems:
            return EXIT_USAGE
        sys.stdout.write(f"{settings.path}: no problems\n")
        return EXIT_OK
    sys.stdout.write(f"{config_path(args.config)}\n")
    return EXIT_OK


def _notes_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="sidebyside notes",
        description="Print the notes taken on these articles as Markdown, without opening "
        "the app. Exit status: 0 on success, 2 for a usage error or an unreadable article.",
    )
    _add_input_options(parser)
    _add_data_dir(parser)
    parser.add_argument(
        "-o", "--output", metavar="FILE", help="write the Markdown to FILE (default: stdout)"
    )
    parser.add_argument(
        "--force",
        action="store_true",
        help="let -o replace a file that is not a sidebyside notes export",
    )
    return parser


def _compare_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="sidebyside compare",
        description="Align the articles and print the comparison without opening the app. "
        "Exit status: 0 on success, 2 for a usage error or an unreadable article.",
    )
    _add_input_options(parser)
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default="text",
        help="text for a terminal, json for scripts, markdown for documents (default text)",
    )
    parser.add_argument(
        "--corrections",
        metavar="FILE",
        help="regroup sentences as corrected by hand (links and unlinks made in the app "
        "with l and x): a Markdown notes file written by the app (--notes, ctrl+s, or "
        "'sidebyside notes'), a notes store (.json under the data directory), or a JSON "
        'file {"corrections": [...]} with optional "articles"; corrections whose '
        "sentences are no longer in the articles are skipped with a warning",
    )
    parser.add_argument(
        "--schema",
        action="store_true",
        help="print the JSON Schema that --format json output follows, and exit",
    )
    return parser


def _check_inputs(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    if len(args.files) < 2:
        parser.error(f"give at least two articles to compare (got {len(args.files)})")
    if args.files.count("-") > 1:
        parser.error("standard input ('-') can be given only once")
    if not 1 <= args.pivot <= len(args.files):
        parser.error(f"--pivot must be between 1 and {len(args.files)}")


def _load(args: argparse.Namespace, notices: list[str] | None = None):
    """The articles; what loading had to warn about goes to ``notices``, else to stderr.

    Web addresses keep no user name or password in their path, so no report,
    header or notes file ever shows them.
    """
    import warnings

    from sidebyside.engine.loading import InputWarning, LoadError, without_credentials
    from sidebyside.engine.pipeline import load_documents

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", InputWarning)
        try:
            documents = load_documents(args.files, max_bytes=args.max_size, timeout=args.timeout)
        except LoadError as e:
            raise UsageError(str(e)) from None
    for warning in caught:
        if not issubclass(warning.category, InputWarning):
            warnings.warn_explicit(warning.message, warning.category, warning.filename, 0)
        elif notices is not None:
            notices.append(str(warning.message))
        else:
            say("warning", warning.message)
    for doc in documents:
        doc.path = without_credentials(doc.path)
    return documents


def _matcher(args: argparse.Namespace, configured: str | None = None):
    """The matcher asked for (the flag, the environment, then the settings file), or the
    best one installed; a clear error if it is missing."""
    from sidebyside.engine.semantic import SemanticUnavailable, make_matcher

    try:
        return make_matcher(
            args.matcher or os.environ.get("SIDEBYSIDE_MATCHER") or configured or None
        )
    except (SemanticUnavailable, ValueError) as e:
        raise UsageError(str(e)) from None


# The last comparison made, still referenced when ``_run_compare`` returns: ``entry`` ends
# the process without freeing anything, and dropping the last reference on the way out
# would first free its millions of objects one by one (30 ms on 10 x 2,000).
_LAST_COMPARISON: list = []


def _run_compare(argv: Sequence[str]) -> int:
    # A one-shot process builds millions of small acyclic objects (and imports a
    # few hundred modules, whose classes and compiled patterns are cycles that
    # live as long as it does): the cycle collector would only slow it down.
    gc.disable()
    parser = _compare_parser()
    args = parser.parse_args(argv)
    if args.schema:
        from sidebyside.report.schema import schema_text

        sys.stdout.write(schema_text())
        return EXIT_OK
    _check_inputs(parser, args)
    matcher = _matcher(args)
    documents = _load(args)
    from sidebyside.engine.pipeline import compare_documents
    from sidebyside.report.render import render

    pivot = args.pivot - 1
    comparison = compare_documents(
        documents,
        pivot=pivot,
        matcher=matcher,
        labels_ahead=args.format == "json" and not args.corrections,
    )
    if args.corrections:
        comparison = _corrected(comparison, args.corrections, pivot)
    color = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    sys.stdout.write(render(comparison, args.format, pivot=pivot, color=color))
    _LAST_COMPARISON[:] = [comparison]
    return EXIT_OK


def read_corrections(path: str):
    """Articles and corrections of a ``--corrections`` file (JSON or a Markdown notes file),
    and the problems met reading it; UsageError when it holds neither."""
    import json

    from sidebyside.engine.corrections import corrections_from_data
    from sidebyside.report.notes_markdown import parse_notes

    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    except (OSError, UnicodeDecodeError) as e:
        raise UsageError(f"--corrections {path}: cannot be read ({e})") from None
    if text.lstrip().startswith(("{", "[")):
        try:
            data = json.loads(text)
        except ValueError as e:
            raise UsageError(f"--corrections {path}: not valid JSON ({e})") from None
        articles, corrections, problems = corrections_from_data(data)
        if not isinstance(data, list) and not (isinstance(data, dict) and "corrections" in data):
            raise UsageError(f"--corrections {path}: no 'corrections' list in this JSON")
        return articles, corrections, problems
    parsed = parse_notes(text)
    if not parsed.recognised:
        raise UsageError(f"--corrections {path}: neither JSON nor a sidebyside notes file")
    return parsed.articles, parsed.corrections, parsed.problems


def _corrected(comparison, path: str, pivot: int):
    """``comparison`` with the corrections of ``path`` applied; problems go to stderr."""
    from sidebyside.engine.corrections import apply_corrections, in_order, reanchor_corrections

    articles, corrections, problems = read_corrections(path)
    live = reanchor_corrections(in_order(corrections), articles, comparison.documents)
    lost = sum(1 for c in live if c.detached)
    if lost:
        problems.append(f"{lost} correction(s) name sentences no longer in these articles: skipped")
    for problem in problems:
        say("warning", f"--corrections {path}: {problem}")
    return apply_corrections(comparison, corrections, known=articles, pivot=pivot, with_diffs=True)


def _run_app(argv: Sequence[str]) -> int:
    parser = _app_parser()
    if not argv:
        parser.print_usage(sys.stderr)
        say("error", "give at least two articles (see --help)")
        return EXIT_USAGE
    args = parser.parse_args(argv)
    _check_inputs(parser, args)
    if args.notes:
        _check_notes_file(args.notes)
    from sidebyside.app.settings import load_settings

    settings = load_settings(args.config, required=bool(args.config))
    try:
        matcher = _matcher(args, settings.matcher)
    except UsageError as error:
        if args.matcher or os.environ.get("SIDEBYSIDE_MATCHER") or not settings.matcher:
            raise
        settings.problems.append(f"{settings.path}: matcher: {error}; using the default.")
        matcher = _matcher(args)
    notices: list[str] = []
    documents = _load(args, notices)
    _keys_from_the_terminal()
    from sidebyside.app.main import run_app

    return run_app(
        documents,
        pivot=args.pivot - 1,
        data_dir=args.data_dir,
        notes_file=args.notes,
        matcher=matcher,
        notices=notices,
        settings=settings,
    )


def _keys_from_the_terminal() -> None:
    """Give the app the terminal's keys when standard input is not the terminal.

    With ``sidebyside - b.txt < a.txt`` the article has been read by now and
    standard input is at its end: the app would read no key, not even ctrl+q.
    """
    try:
        if os.name != "posix" or os.isatty(0):
            return
    except OSError:
        pass
    try:
        fd = os.open("/dev/tty", os.O_RDWR)
    except OSError:
        raise UsageError(
            "the app needs a terminal to read keys from; use 'sidebyside compare' in scripts"
        ) from None
    os.dup2(fd, 0)
    os.close(fd)


def _check_notes_file(path: str) -> None:
    """Refuse a --notes file that exists but is not a notes file: it would be overwritten."""
    from sidebyside.app.annotations import read_notes_file

    if os.path.isdir(path):
        raise UsageError(f"--notes {path}: is a directory")
    try:
        parsed = read_notes_file(path)
    except (OSError, UnicodeDecodeError) as e:
        raise UsageError(f"--notes {path}: cannot be read ({e})") from None
    if parsed is not None and not parsed.recognised:
        raise UsageError(
            f"--notes {path}: not a sidebyside notes file; name a new file or an exported one"
        )


def _run_notes(argv: Sequence[str]) -> int:
    parser = _notes_parser()
    args = parser.parse_args(argv)
    _check_inputs(parser, args)
    if args.output and not args.force:
        _check_export_target(args.output)
    documents = _load(args)
    from sidebyside.engine.note_store import NoteStore
    from sidebyside.engine.paths import notes_dir
    from sidebyside.engine.pipeline import compare_documents
    from sidebyside.report.notes_markdown import render_notes

    pivot = args.pivot - 1
    comparison = compare_documents(documents, pivot=pivot, with_diffs=False)
    try:
        store = NoteStore.open(documents, notes_dir(args.data_dir))
    except OSError as e:
        raise UsageError(f"cannot open the notes store: {e}") from None
    for warning in store.warnings:
        say("warning", warning)
    from sidebyside.engine.corrections import apply_corrections

    comparison = apply_corrections(comparison, store.corrections, pivot=pivot)
    text = render_notes(
        comparison, store.notes, tags=store.tags, pivot=pivot, corrections=store.corrections
    )
    if not args.output:
        sys.stdout.write(text)
        return EXIT_OK
    from pathlib import Path

    from sidebyside.engine.note_store import atomic_write

    try:
        atomic_write(Path(args.output), text.encode("utf-8"))
    except OSError as e:
        raise UsageError(f"cannot write {args.output}: {e}") from None
    return EXIT_OK


def _check_export_target(path: str) -> None:
    """Refuse to replace a file that is not a notes export (an essay, a report) without --force."""
    from sidebyside.app.annotations import read_notes_file

    if os.path.isdir(path):
        raise UsageError(f"-o {path}: is a directory")
    try:
        parsed = read_notes_file(path)
    except (OSError, UnicodeDecodeError):
        parsed = None if not os.path.exists(path) else False
    if parsed is False or (parsed is not None and not parsed.recognised):
        raise UsageError(
            f"-o {path}: exists and is not a sidebyside notes export; "
            "name another file, or add --force to replace it"
        )


def entry() -> None:
    """The command: ``main``, then, after a comparison, a prompt exit.

    A large comparison leaves millions of small objects; freeing them one by one
    as the interpreter shuts down takes a tenth of a second, for nothing.  The
    app and the other commands shut down as usual.
    """
    code = main()
    if sys.argv[1:2] != ["compare"]:
        sys.exit(code)
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:
        pass  # the reader went away: nothing more to say to it
    os._exit(code)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if argv and argv[0] == "compare":
            return _run_compare(argv[1:])
        if argv and argv[0] == "notes":
            return _run_notes(argv[1:])
        if argv and argv[0] == "config":
            return _run_config(argv[1:])
        return _run_app(argv)
    except UsageError as e:
        say("error", e)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (e.g. `| head`); silence the flush at exit too.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
