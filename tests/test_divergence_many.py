"""Labels read partly in a second process are the labels read here, in row order."""

from __future__ import annotations

import os
import sys

import numpy as np
import pytest
from articles import SEED

from sidebyside.engine.divergence import classify_group, many, rows
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


def _link_ends(links):
    return [
        [getattr(getattr(k, end), field) for k in links]
        for end in "ab"
        for field in ("doc", "sentence")
    ]


def test_a_process_sent_the_likely_pairs_first_labels_the_rows_as_here(comparison):
    here = [classify_group(comparison.documents, g) for g in comparison.groups]
    ahead = many.start_labels(comparison.documents, share=True)
    # Likely pairs are not the links: some are never linked, some links are missing,
    # and either end may come first.
    links = list(reversed(comparison.links[::2]))
    a_doc, a_sentence, b_doc, b_sentence = _link_ends(links)
    ahead.send_likely([*b_doc, 0], [*b_sentence, 0], [*a_doc, 1], [*a_sentence, 3])
    assert ahead.label(comparison.groups)() == here


def test_a_process_sent_the_likely_pairs_can_be_let_go(comparison):
    ahead = many.start_labels(comparison.documents, share=True)
    ahead.send_likely(*_link_ends(comparison.links))
    ahead.close()
    with pytest.raises(ChildProcessError):
        os.waitpid(ahead._pid, os.WNOHANG)


def test_pairs_read_ahead_are_not_read_again_and_label_as_here(comparison, monkeypatch):
    documents = comparison.documents
    rows.clear_caches()
    here = [classify_group(documents, g) for g in comparison.groups]
    rows.clear_caches()
    ordered = many._links_in_row_order(*(np.array(x) for x in _link_ends(comparison.links)))
    rows.label_links_ahead(documents, ordered)
    assert rows._AHEAD, "the seeds' links have pairs that differ"
    work_out = rows._work_out
    calls = []
    monkeypatch.setattr(rows, "_work_out", lambda *a: calls.append(a[1:5]) or work_out(*a))
    assert [classify_group(documents, g) for g in comparison.groups] == here
    singles = [c for c in calls if len(c[2]) == len(c[3]) == 1]
    assert not singles, "a pair of single sentences read ahead was read again"
    rows.clear_caches()
