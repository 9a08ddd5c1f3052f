"""Entry point used by the command line: open the app over loaded articles, and leave fast.

Quitting must be immediate whatever the app is doing.  Two things would hold
the process after the last screen closes: a worker thread still aligning (the
event loop's default executor joins its threads before the process may end),
and tearing down a comparison of millions of objects one by one.  The app's
loop therefore runs its worker threads as daemon threads, and once the app
has closed (terminal restored, notes already on disk: they are written at
every change) the process ends without tearing down what it built.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import sys
import threading
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from typing import NoReturn

from sidebyside.engine.model import Document


class DaemonExecutor(ThreadPoolExecutor):
    """Runs each job on its own daemon thread, so a job still running when the app
    quits ends with the process instead of keeping it alive until the job is done.

    Textual's thread workers run here (``loop.run_in_executor(None, ...)``);
    cancelling such a worker drops its result, and quitting ends its thread.
    (asyncio takes only a ThreadPoolExecutor as a loop's default; no pool is used.)
    """

    def submit(self, fn, /, *args, **kwargs) -> Future:
        future: Future = Future()

        def run() -> None:
            if not future.set_running_or_notify_cancel():
                return
            try:
                result = fn(*args, **kwargs)
            except BaseException as error:
                future.set_exception(error)
            else:
                future.set_result(result)

        threading.Thread(target=run, name="sidebyside-worker", daemon=True).start()
        return future

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        """Nothing to wait for: jobs still running end with the process."""


def run_app(
    documents: list[Document],
    pivot: int = 0,
    *,
    data_dir: str | None = None,
    notes_file: str | None = None,
    matcher=None,
    notices: Sequence[str] = (),
    settings=None,
) -> NoReturn:
    """Run the app until the user quits, then end the process with its exit status.

    ``data_dir`` moves the notes store; ``notes_file`` is a Markdown file the
    notes are read from at start and written to on every change.  ``matcher``:
    a semantic matcher refines the first, word-overlap rows in the background.
    ``notices``: warnings from loading the articles, shown once the app is up.
    ``settings``: the reader's settings (``settings.Settings``), already read.
    """
    from sidebyside.app.annotations import NotesSettings
    from sidebyside.app.app import SideBySideApp

    notes = NotesSettings(data_dir=data_dir, notes_file=notes_file)
    app = SideBySideApp(
        documents,
        pivot=pivot,
        notes_settings=notes,
        matcher=matcher,
        notices=notices,
        settings=settings,
    )
    loop = asyncio.new_event_loop()
    loop.set_default_executor(DaemonExecutor())
    try:
        result = app.run(loop=loop)
    finally:
        loop.close()
    # A crash inside the app returns None with return_code 1 (Textual printed why).
    exit_now(result if isinstance(result, int) else app.return_code or 0)


def exit_now(status: int) -> NoReturn:
    """End the process at once with ``status``, after flushing what was written.

    Skips the interpreter's teardown, which on a large comparison spends seconds
    freeing objects one by one, and never waits for a daemon worker.
    """
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # closed or gone: nothing to flush
            stream.flush()
    os._exit(status)
