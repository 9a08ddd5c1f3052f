"""Labels read partly in a second process are the labels read here, in row order."""

from __future__ import annotations

import os
import sys

import pytest
from articles import SEED

from sidebyside.engine.divergence import classify_group, many
from sidebyside.engine.pipeline import compare_documents, load_documents
from sidebyside.report.as_json import render_json

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="the second process is forked on Linux only"
)


@pytest.fixture(scope="module")
def comparison():
    return compare_documents(load_documents([str(p) for p in SEED.values()]))


def test_a_second_process_gives_every_row_its_own_labels(comparison):
    here = [classify_group(comparison.documents, g) for g in comparison.groups]
    assert any(here), "the seeds have labelled rows"
    shared = many.label_rows(comparison.documents, comparison.groups, share=True)()
    assert shared == here


def _fork_after(comparison):
    return many.label_rows(comparison.documents, comparison.groups, share=True)()


def _fork_before(comparison):
    return many.start_labels(comparison.documents, share=True).label(comparison.groups)()


@pytest.mark.parametrize("labels", [_fork_after, _fork_before], ids=["after", "before"])
def test_labels_survive_a_second_process_that_fails(comparison, monkeypatch, labels):
    parent = os.getpid()
    label = many._label

    def fails_when_forked(documents, groups):
        if os.getpid() != parent:
            raise RuntimeError("the forked process breaks")
        return label(documents, groups)

    monkeypatch.setattr(many, "_label", fails_when_forked)
    here = [classify_group(comparison.documents, g) for g in comparison.groups]
    assert labels(comparison) == here


def test_labels_started_ahead_make_the_same_report(monkeypatch):
    paths = [str(p) for p in SEED.values()]
    serial = render_json(compare_documents(load_documents(paths)))
    monkeypatch.setattr(many, "SHARE_FROM", 1)  # the seeds are small: share anyway
    monkeypatch.setattr(many, "_can_fork", lambda: True)
    forks = []
    fork = os.fork
    monkeypatch.setattr(os, "fork", lambda: forks.append(1) or fork())
    ahead = compare_documents(load_documents(paths), labels_ahead=True)
    assert forks == [1]
    assert render_json(ahead) == serial


def test_labels_started_ahead_are_not_used_for_other_rows(monkeypatch):
    paths = [str(p) for p in SEED.values()]
    monkeypatch.setattr(many, "SHARE_FROM", 1)  # the seeds are small: share anyway
    monkeypatch.setattr(many, "_can_fork", lambda: True)
    ahead = compare_documents(load_documents(paths), labels_ahead=True)
    assert ahead.labels_ahead is not None
    ahead.groups = list(ahead.groups[1:])  # rows changed since (corrections, say)
    assert ahead.take_labels() is None


def test_a_process_started_before_the_rows_labels_them_as_here(comparison):
    here = [classify_group(comparison.documents, g) for g in comparison.groups]
    ahead = many.start_labels(comparison.documents, share=True)
    assert ahead is not None
    assert ahead.label(comparison.groups)() == here


def test_a_process_started_before_the_rows_can_be_let_go(comparison):
    ahead = many.start_labels(comparison.documents, share=True)
    ahead.close()  # the alignment failed, say: nothing is sent
    with pytest.raises(ChildProcessError):
        os.waitpid(ahead._pid, os.WNOHANG)  # reaped: no process is left behind
