"""A step run in a second thread gives the caller its value, or its error, never neither."""

from __future__ import annotations

import threading

import pytest

from sidebyside.engine.background import Background


def test_the_result_is_the_function_value_worked_out_in_another_thread():
    caller = threading.get_ident()
    job = Background(lambda a, b: (a + b, threading.get_ident()), 2, 3)
    value, worker = job.result()
    assert value == 5
    assert worker != caller


def test_an_error_in_the_thread_reaches_whoever_asks_for_the_result():
    def fails():
        raise ValueError("bad rows")

    job = Background(fails)
    with pytest.raises(ValueError, match="bad rows"):
        job.result()
