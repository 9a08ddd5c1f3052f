"""The JSON report keeps the contract the shipped schema states, on every kind of input."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path

import pytest
from articles import SEED
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from json_contract import assert_valid_report, report_errors
from jsonschema import Draft202012Validator

from sidebyside.engine.corrections import link
from sidebyside.engine.model import Document
from sidebyside.engine.pipeline import compare_documents, load_documents
from sidebyside.report.as_json import SCHEMA_VERSION, render_json
from sidebyside.report.schema import schema

ROOT = Path(__file__).resolve().parents[1]
PAGES = [ROOT / "tests" / "data" / "html" / n for n in ("courier.html", "herald.html")]


def compare(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "sidebyside", "compare", *args],
        capture_output=True,
        input=stdin,
        timeout=120,
    )


def test_schema_option_prints_the_shipped_schema():
    proc = compare("--schema")
    assert proc.returncode == 0, proc.stderr
    printed = json.loads(proc.stdout)
    assert printed == schema()
    Draft202012Validator.check_schema(printed)
    assert printed["properties"]["schema_version"]["const"] == SCHEMA_VERSION


@pytest.mark.parametrize(
    "inputs",
    [
        pytest.param([SEED["000"], SEED["002"]], id="two seeds"),
        pytest.param(sorted(SEED.values()), id="five seeds"),
        pytest.param(PAGES, id="two web pages"),
    ],
)
def test_compare_output_follows_the_schema(inputs):
    proc = compare("--format", "json", *map(str, inputs))
    assert proc.returncode == 0, proc.stderr
    data = assert_valid_report(proc.stdout)
    assert len(data["documents"]) == len(inputs)


def test_pivot_stdin_and_markdown_reports_follow_the_schema(tmp_path):
    notes = tmp_path / "story.md"
    notes.write_text("# Assad flees\n\nRussian agents organized the *escape*, two people said.\n")
    stdin = SEED["001"].read_bytes()
    proc = compare(
        "--format", "json", "--pivot", "3", str(SEED["000"]), str(notes), "-", stdin=stdin
    )
    assert proc.returncode == 0, proc.stderr
    data = assert_valid_report(proc.stdout)
    assert data["pivot"] == 2
    assert [d["name"] for d in data["documents"]][2] == "stdin"


def test_a_hand_made_link_is_reported_as_manual(tmp_path):
    paths = [str(SEED["000"]), str(SEED["002"])]
    documents = load_documents(paths)
    alone = [g for g in compare_documents(documents).groups if not g.is_shared]
    (a,) = next(g.members for g in alone if g.members[0].doc == 0)
    (b,) = next(g.members for g in alone if g.members[0].doc == 1)
    corrections = tmp_path / "corrections.json"
    corrections.write_text(json.dumps({"corrections": [link(documents, a, b).to_dict()]}))
    proc = compare("--format", "json", "--corrections", str(corrections), *paths)
    assert proc.returncode == 0, proc.stderr
    data = assert_valid_report(proc.stdout)
    assert any(k["kind"] == "manual" for k in data["links"])


def test_the_report_lists_every_link_of_the_comparison_as_it_is():
    documents = load_documents([str(p) for p in SEED.values()])
    comparison = compare_documents(documents)
    data = assert_valid_report(render_json(comparison))
    assert len(comparison.links) > 50
    assert data["links"] == [
        {
            "a": {"doc": k.a.doc, "sentence": k.a.sentence},
            "b": {"doc": k.b.doc, "sentence": k.b.sentence},
            "score": k.score,
            "kind": k.kind,
        }
        for k in comparison.links
    ]


def two_seed_report() -> dict:
    documents = load_documents([str(SEED["000"]), str(SEED["002"])])
    return json.loads(render_json(compare_documents(documents)))


def first_with(data: dict, key: str) -> dict:
    return next(g for g in data["groups"] if g[key])[key][0]


@pytest.mark.parametrize(
    ("where", "change"),
    [
        ("top level", lambda d: d.update(extra=1)),
        ("a document", lambda d: d["documents"][0].update(extra=1)),
        ("a sentence", lambda d: d["documents"][0]["sentences"][0].pop("end")),
        ("a group", lambda d: d["groups"][0].update(offsets=[0, 1])),
        ("a diff op", lambda d: first_with(d, "diffs")["ops"][0].update(a_start=0)),
        ("a divergence", lambda d: first_with(d, "divergences").update(kind="colour")),
        ("a link", lambda d: d["links"][0].update(score=1.5)),
        ("the overview", lambda d: d["overview"]["articles"][0].update(strip="▁▂")),
        ("the version", lambda d: d.update(schema_version=SCHEMA_VERSION + 1)),
    ],
)
def test_the_schema_refuses_what_the_program_does_not_print(where, change):
    data = two_seed_report()
    assert report_errors(data) == []
    broken = copy.deepcopy(data)
    change(broken)
    assert report_errors(broken), f"a changed {where} still passes"


WORDS = st.sampled_from(
    ["Assad", "fled", "two", "agents", "said", "Moscow", "3", "Sunday", "reportedly", "the", "of"]
)
SENTENCE = st.lists(WORDS, min_size=1, max_size=9).map(lambda w: " ".join(w) + ".")
ARTICLE = st.lists(SENTENCE, min_size=0, max_size=6).map(" ".join)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(ARTICLE, min_size=2, max_size=4), st.integers(0, 3))
def test_any_articles_give_a_report_that_follows_the_schema(texts, pivot):
    documents = [Document(path=f"{n}.txt", text=t) for n, t in enumerate(texts)]
    pivot = min(pivot, len(documents) - 1)
    comparison = compare_documents(documents, pivot=pivot)
    data = assert_valid_report(render_json(comparison, pivot))
    for group in data["groups"]:
        for member in group["members"]:
            assert member["sentence"] < len(data["documents"][member["doc"]]["sentences"])
    for d, document in enumerate(data["documents"]):
        for s in document["sentences"]:
            assert documents[d].text[s["start"] : s["end"]] == s["text"]
