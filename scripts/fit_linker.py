"""Fit the link scorer's weights to annotated article pairs, and say how well they hold up.

    python scripts/fit_linker.py                 # cross-validate, fit, write the weights
    python scripts/fit_linker.py --cv-only       # only the cross-validated figures
    python scripts/fit_linker.py --matcher lexical

Training data: every gold file found (``../shared/gold/seeds-dev.json``, the
story sets of ``../shared/gold/rewrites/``, ``tests/data/paraphrase/`` and the
story sets of ``tests/data/gold/``).  Each gold pair is scored both alone and
among all articles of its file, as ``score_alignment.py`` does.  A candidate
pair is a positive when the gold links it, a negative when the gold annotates
either sentence and does not allow the pair, and is left out otherwise
(optional links, sentences the gold says nothing about).

Figures are cross-validated with whole stories held out: for each story, both
regressions are fitted on the other stories only (the context regression on
local scores that were themselves predicted out of story), rows are built as
the app builds them, and the held-out story is scored exactly as
``../shared/tools/score_alignment.py`` scores it.  The weights written to
``src/sidebyside/engine/linker_weights.json`` are then fitted on every story;
the threshold is the one that gives the best cross-validated F1, and the
floor on a link's local probability the highest that costs none (``FLOORS``).
"""

from __future__ import annotations

import argparse
import glob
import importlib.util
import json
import os
import sys
from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
SHARED = os.path.normpath(os.path.join(ROOT, "..", "shared"))
WEIGHTS = os.path.join(ROOT, "src", "sidebyside", "engine", "linker_weights.json")
sys.path.insert(0, os.path.join(ROOT, "src"))

from sidebyside.engine.align import (  # noqa: E402
    ALL_COLUMNS,
    ScoredPairs,
    add_context,
    all_columns,
    build_alignment,
    canonical_order,
    keep_best,
    score_local,
    subset,
)
from sidebyside.engine.linker import LinkModel, fit_logistic, sigmoid  # noqa: E402
from sidebyside.engine.pair_features import (  # noqa: E402
    CONTEXT,
    KNOT_QUANTILE,
    LOCAL,
    embedding_excess,
)
from sidebyside.engine.pipeline import load_documents  # noqa: E402

L2 = 1.0
# The local columns the regression reads.  The raw embedding cosine is left out: it
# rates any two sentences of one story as alike (cross-validated F1 fell with it);
# the context regression reads how far a pair's cosine leads its rivals instead.
LOCAL_COLUMNS = (
    "same_words",
    "lex",
    "emb_excess",
    "cover_min",
    "cover_max",
    "shared_numbers",
    "shared_names",
    "unshared_names",
    "number_conflict",
    "short",
    "drift",
    "both_headlines",
    "one_headline",
    "both_ledes",
    "one_lede",
)
THRESHOLDS = np.round(np.arange(0.20, 0.81, 0.025), 3)
# Local probabilities a link may be required to reach.  Of floors that cost less than
# FLOOR_SLACK of cross-validated F1, the highest is taken: a pair whose sentences have
# nothing alike of their own is linked only by where it sits, a guess the data do not
# pay for.
FLOORS = (0.0, 0.005, 0.01, 0.02, 0.05, 0.1)
FLOOR_SLACK = 0.0005
EMBEDDING_COLUMNS = ("emb", "emb_sq", "emb_excess")


def _score_alignment_module():
    path = os.path.join(SHARED, "tools", "score_alignment.py")
    spec = importlib.util.spec_from_file_location("score_alignment", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


SCORER = _score_alignment_module()


@dataclass
class Run:
    """One comparison the gold judges: some articles of a story, and the pairs scored on it."""

    story: str
    paths: list[str]
    pairs: list[dict]  # gold pairs, keyed by ids into ``ids``
    ids: dict[str, str]  # gold id -> path
    scored: ScoredPairs | None = None
    canonical: list[int] = field(default_factory=list)
    labels: np.ndarray | None = None  # per candidate: 1, 0, or -1 (left out)


def gold_files() -> list[tuple[str, str, str]]:
    """(story, gold file, articles folder) for every gold set there is."""
    out = [("seeds", os.path.join(SHARED, "gold", "seeds-dev.json"), os.path.join(ROOT, "seeds"))]
    for gold in sorted(glob.glob(os.path.join(SHARED, "gold", "rewrites", "*", "gold.json"))):
        out.append((os.path.basename(os.path.dirname(gold)), gold, os.path.dirname(gold)))
    for gold in sorted(glob.glob(os.path.join(ROOT, "tests", "data", "gold", "*", "gold.json"))):
        name = os.path.basename(os.path.dirname(gold))
        # More pairs of the seed articles: the same story as seeds-dev, held out with it.
        story = "seeds" if name.startswith("seeds") else name
        out.append((story, gold, os.path.dirname(gold)))
    paraphrase = os.path.join(ROOT, "tests", "data", "paraphrase", "gold.json")
    if os.path.exists(paraphrase):
        out.append(("paraphrase", paraphrase, os.path.dirname(paraphrase)))
    return [item for item in out if os.path.exists(item[1])]


def runs_of(story: str, gold_path: str, folder: str) -> list[Run]:
    with open(gold_path, encoding="utf-8") as handle:
        gold = json.load(handle)
    ids = {k: os.path.join(folder, v) for k, v in gold["docs"].items()}
    runs = []
    if story == "paraphrase":  # independent stories, one pair each
        for pair in gold["pairs"]:
            name = f"paraphrase-{pair['a'].split('_')[0]}"
            runs.append(Run(name, [ids[pair["a"]], ids[pair["b"]]], [pair], ids))
        return runs
    if len(ids) > 2:
        runs.append(Run(story, list(ids.values()), gold["pairs"], ids))
    for pair in gold["pairs"]:
        runs.append(Run(story, [ids[pair["a"]], ids[pair["b"]]], [pair], ids))
    return runs


def _sentence_dicts(documents) -> list[dict]:
    return [
        {"path": d.path, "sentences": [{"text": s.text} for s in d.sentences]} for d in documents
    ]


def label_run(run: Run, matcher) -> None:
    documents = load_documents(run.paths)
    run.canonical = canonical_order(documents)
    ordered = [documents[d] for d in run.canonical]
    run.scored = score_local(ordered, matcher)
    features = run.scored.features
    out_docs = _sentence_dicts(ordered)
    index = {os.path.basename(p): k for k, p in enumerate(d.path for d in ordered)}
    label: dict[tuple[int, int], int] = {}
    annotated: set[int] = set()
    allowed: set[tuple[int, int]] = set()
    judged_docs = set()
    for pair in run.pairs:
        da = index[os.path.basename(run.ids[pair["a"]])]
        db = index[os.path.basename(run.ids[pair["b"]])]
        for kind in ("links", "optional"):
            for sa, sb in pair[kind]:
                ia, ib = SCORER.locate(out_docs[da], sa), SCORER.locate(out_docs[db], sb)
                if ia is None or ib is None:
                    continue
                ra, rb = features.row(da, ia), features.row(db, ib)
                key = (min(ra, rb), max(ra, rb))
                allowed.add(key)
                annotated.update(key)
                if kind == "links":
                    label[key] = 1
                else:
                    label.setdefault(key, -1)
        for side, doc in (("unmatched_a", da), ("unmatched_b", db)):
            for s in pair[side]:
                i = SCORER.locate(out_docs[doc], s)
                if i is not None:
                    annotated.add(features.row(doc, i))
        judged_docs.add((min(da, db), max(da, db)))
    rows, cols = run.scored.rows.tolist(), run.scored.cols.tolist()
    doc = features.doc_of_row
    labels = np.full(len(rows), -1, dtype=np.int8)
    for k, (i, j) in enumerate(zip(rows, cols)):
        if (int(doc[i]), int(doc[j])) not in judged_docs:
            continue
        if (i, j) in label:
            labels[k] = label[(i, j)]
        elif i in annotated or j in annotated:
            labels[k] = 0
    run.labels = labels


def _columns(matcher_name: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    local = tuple(
        c for c in LOCAL_COLUMNS if matcher_name != "lexical" or c not in EMBEDDING_COLUMNS
    )
    extra = (
        ()
        if matcher_name == "lexical"
        else tuple(c for c in os.environ.get("FIT_EXTRA", "").split(",") if c)
    )
    context = extra + tuple(
        c for c in CONTEXT if matcher_name != "lexical" or c not in ("emb_gap", "emb_gap_min")
    )
    return local, context


def _fit_local(runs: list[Run], columns) -> object:
    x = np.vstack([r.scored.local_x[r.labels >= 0] for r in runs])
    y = np.concatenate([r.labels[r.labels >= 0] for r in runs]).astype(float)
    picked = x[:, [LOCAL.index(c) for c in columns]]
    return fit_logistic(picked, y, columns, l2=L2)


def _with_context(run: Run, local) -> tuple[ScoredPairs, np.ndarray]:
    logit = local.logit(run.scored.local_x, LOCAL)
    keep = keep_best(run.scored, sigmoid(logit))
    pairs = add_context(subset(run.scored, keep), logit[keep])
    return pairs, run.labels[keep]


def _fit_context(samples: list[tuple[ScoredPairs, np.ndarray]], columns) -> object:
    x = np.vstack([all_columns(p)[lab >= 0] for p, lab in samples])
    y = np.concatenate([lab[lab >= 0] for _, lab in samples]).astype(float)
    picked = x[:, [ALL_COLUMNS.index(c) for c in columns]]
    return fit_logistic(picked, y, columns, l2=L2)


EMB = LOCAL.index("emb")
EXCESS = LOCAL.index("emb_excess")


def set_knot(runs: list[Run], knot: float) -> None:
    """Rework every run's ``emb_excess`` column for an embedding knot."""
    for run in runs:
        x, s = run.scored.local_x, run.scored
        x[:, EXCESS] = embedding_excess(s.features, s.rows, s.cols, x[:, EMB], knot)


def fit_knot(runs: list[Run]) -> float:
    """The cosine that most sentence pairs of one story reach without saying the same thing."""
    cosines = np.concatenate([r.scored.local_x[r.labels == 0, EMB] for r in runs])
    if not len(cosines) or not cosines.any():
        return 1.0
    return float(np.quantile(cosines, KNOT_QUANTILE))


def fit_model(
    runs: list[Run], matcher_name: str, threshold: float = 0.5, floor: float = 0.0
) -> LinkModel:
    """Both regressions on ``runs``: the context one on out-of-story local scores.

    The knot comes from ``runs`` too; ``score_run`` applies it to a held-out run, as
    the aligner does at run time."""
    knot = fit_knot(runs) if matcher_name != "lexical" else 1.0
    set_knot(runs, knot)
    local_cols, context_cols = _columns(matcher_name)
    local = _fit_local(runs, local_cols)
    stories = sorted({r.story for r in runs})
    samples = []
    for story in stories:
        inner = (
            _fit_local([r for r in runs if r.story != story], local_cols)
            if len(stories) > 1
            else local
        )
        samples += [_with_context(r, inner) for r in runs if r.story == story]
    context = _fit_context(samples, context_cols)
    return LinkModel(local, context, threshold, knot, floor)


def score_run(
    run: Run, model: LinkModel, decisions: list[tuple[float, float]]
) -> list[tuple[int, int, int, int]]:
    """Totals of the held-out run for each (threshold, floor)."""
    set_knot([run], model.emb_knot)
    pairs, _ = _with_context(run, model.local)
    pairs.probability = sigmoid(model.context.logit(all_columns(pairs), ALL_COLUMNS))
    return [_score_links(run, pairs, t, floor) for t, floor in decisions]


def _score_links(run: Run, pairs: ScoredPairs, threshold: float, floor: float):
    alignment = build_alignment(pairs, threshold, list(range(len(run.canonical))), floor)
    documents = [{"path": d["path"], "sentences": d["sentences"]} for d in _docs_of(run)]
    out = {
        "documents": documents,
        "groups": [
            {"members": [{"doc": m.doc, "sentence": m.sentence} for m in members]}
            for members, _, _ in alignment.groups
        ],
        "links": [
            {
                "a": {"doc": link.a.doc, "sentence": link.a.sentence},
                "b": {"doc": link.b.doc, "sentence": link.b.sentence},
            }
            for link in alignment.links
        ],
    }
    paths = {k: v for k, v in run.ids.items()}
    totals = np.zeros(4, dtype=int)
    for pair in run.pairs:
        totals += SCORER.score_pair(out, pair, paths, False)
    return tuple(int(v) for v in totals)


def _docs_of(run: Run) -> list[dict]:
    features = run.scored.features
    bounds = [*features.offsets, features.n_rows]
    out = []
    for d in range(len(features.offsets)):
        texts = features.texts[bounds[d] : bounds[d + 1]]
        path = run.paths[run.canonical[d]]
        out.append({"path": path, "sentences": [{"text": t} for t in texts]})
    return out


def f1(found: int, required: int, correct: int, false: int) -> tuple[float, float, float]:
    r = found / required if required else 1.0
    p = correct / (correct + false) if correct + false else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def cross_validate(runs: list[Run], matcher_name: str) -> dict:
    """Leave-one-story-out totals per (threshold, floor), per story."""
    stories = sorted({r.story for r in runs})
    decisions = [(float(t), floor) for floor in FLOORS for t in THRESHOLDS]
    per_story: dict[str, dict[tuple[float, float], np.ndarray]] = defaultdict(dict)
    for story in stories:
        train = [r for r in runs if r.story != story]
        model = fit_model(train, matcher_name)
        totals = np.zeros((len(decisions), 4), dtype=int)
        for run in (r for r in runs if r.story == story):
            totals += np.array(score_run(run, model, decisions), dtype=int)
        per_story[story] = dict(zip(decisions, totals))
    return per_story


def report(per_story: dict, label: str) -> tuple[float, float]:
    """The threshold and floor to fit with, and the cross-validated figures they give."""
    pooled = {d: sum(v[d] for v in per_story.values()) for d in next(iter(per_story.values()))}

    def best_threshold(floor: float) -> tuple[float, float]:
        return max(
            (d for d in pooled if d[1] == floor),
            key=lambda d: (f1(*pooled[d])[2], -abs(d[0] - 0.5)),
        )

    by_floor = {floor: best_threshold(floor) for floor in FLOORS}
    top = max(f1(*pooled[d])[2] for d in by_floor.values())
    floor = max(f for f, d in by_floor.items() if f1(*pooled[d])[2] >= top - FLOOR_SLACK)
    best = by_floor[floor]
    print(
        f"\n{label}: cross-validated, each story held out "
        f"(threshold {best[0]:.3f}, floor {floor:.3f})"
    )
    for story, by_d in sorted(per_story.items()):
        p, r, f = f1(*by_d[best])
        print(f"  {story:28s} P={p:.3f} R={r:.3f} F1={f:.3f}")
    p, r, f = f1(*pooled[best])
    print(f"  {'overall':28s} P={p:.3f} R={r:.3f} F1={f:.3f}")
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cv-only", action="store_true", help="report, do not write weights")
    parser.add_argument(
        "--matcher",
        action="append",
        help="lexical, paraphrase or semantic (default: all there are)",
    )
    args = parser.parse_args()
    from sidebyside.engine.matcher import available_matchers

    matchers = available_matchers()
    names = args.matcher or list(matchers)
    try:
        with open(WEIGHTS, encoding="utf-8") as handle:
            stored = json.load(handle)
    except (OSError, ValueError):
        stored = {"models": {}}
    for name in names:
        matcher = matchers[name]()
        runs = [run for item in gold_files() for run in runs_of(*item)]
        for run in runs:
            label_run(run, matcher)
        n_pos = sum(int((r.labels == 1).sum()) for r in runs)
        n_neg = sum(int((r.labels == 0).sum()) for r in runs)
        stories = sorted({r.story for r in runs})
        print(f"{name}: {len(stories)} stories, {len(runs)} runs, {n_pos} links, {n_neg} non-links")
        threshold, floor = report(cross_validate(runs, name), name)
        if args.cv_only:
            continue
        model = fit_model(runs, name, threshold, floor)
        stored["models"][name] = model.to_dict()
        stored["about"] = (
            "Fitted by scripts/fit_linker.py on the gold sets it lists; do not edit by hand."
        )
    if not args.cv_only:
        with open(WEIGHTS, "w", encoding="utf-8") as handle:
            json.dump(stored, handle, indent=1, sort_keys=True)
            handle.write("\n")
        print(f"\nwrote {os.path.relpath(WEIGHTS, ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
