"""Command line: ``sidebyside FILES`` opens the app, ``sidebyside compare`` runs headless.

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

'-' reads an article from standard input. Run 'sidebyside compare --help' for
the report options."""


class UsageError(Exception):
    """A mistake on the command line or in the input: one line, exit status 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, no traceback, status 2
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def _size_in_mb(value: str) -> int:
    try:
        mb = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of megabytes: {value!r}") from None
    if mb <= 0:
        raise argparse.ArgumentTypeError("the size limit must be positive")
    return int(mb * 1024 * 1024)


def _add_input_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "files", nargs="*", metavar="FILE", help="articles to compare ('-' = stdin)"
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
        help="largest article file to read, in megabytes (default 20)",
    )


def _app_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="sidebyside",
        description=_DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"sidebyside {__version__}")
    _add_input_options(parser)
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
    return parser


def _check_inputs(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    if len(args.files) < 2:
        parser.error(f"give at least two articles to compare (got {len(args.files)})")
    if args.files.count("-") > 1:
        parser.error("standard input ('-') can be given only once")
    if not 1 <= args.pivot <= len(args.files):
        parser.error(f"--pivot must be between 1 and {len(args.files)}")


def _load(args: argparse.Namespace):
    from sidebyside.engine.loading import LoadError
    from sidebyside.engine.pipeline import load_documents

    try:
        return load_documents(args.files, max_bytes=args.max_size)
    except LoadError as e:
        raise UsageError(str(e)) from None


def _run_compare(argv: Sequence[str]) -> int:
    parser = _compare_parser()
    args = parser.parse_args(argv)
    _check_inputs(parser, args)
    documents = _load(args)
    from sidebyside.engine.pipeline import compare_documents
    from sidebyside.report.render import render

    # A one-shot process builds millions of small acyclic objects; the cycle
    # collector would only slow it down.
    gc.disable()
    pivot = args.pivot - 1
    comparison = compare_documents(documents, pivot=pivot)
    color = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    sys.stdout.write(render(comparison, args.format, pivot=pivot, color=color))
    return EXIT_OK


def _run_app(argv: Sequence[str]) -> int:
    parser = _app_parser()
    if not argv:
        parser.print_usage(sys.stderr)
        sys.stderr.write("sidebyside: error: give at least two articles (see --help)\n")
        return EXIT_USAGE
    args = parser.parse_args(argv)
    _check_inputs(parser, args)
    documents = _load(args)
    from sidebyside.app.main import run_app

    return run_app(documents, pivot=args.pivot - 1)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if argv and argv[0] == "compare":
            return _run_compare(argv[1:])
        return _run_app(argv)
    except UsageError as e:
        sys.stderr.write(f"sidebyside: error: {e}\n")
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (e.g. `| head`); silence the flush at exit too.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
