"""A sequence model over a page's lines (issue 11): the project-side half, features out and scores back.

    python benchmarks/line_seq_cv.py export --cache /tmp/cache --out /tmp/seq [--data ../shared/data] [--every 1]
    python benchmarks/line_seq_cv.py score --out /tmp/seq --scores /tmp/seq/gru.npz [--scores ...]

``export`` (project environment, needs scikit-learn): the WCXB dev pages of the training domains only
(``wcxb.is_held_out`` pages never read), the same grouped 5-fold split by domain as
``line_model_cv.py``, ``LineData(words=True)`` line rows and labels.  Per fold k it fits the shipped line
model recipe (``LineData.fit``: the anchor, ``+ words`` of ``line_model_cv``) and writes, for every line,
the word columns the trees saw in that fold (training pages: inner out-of-fold word scores; fold k's pages:
the word model fit on all training pages) and the trees' out-of-fold score.  Files: ``lines.npz`` (arrays)
and ``pages.pkl`` (page ids, types, lines, truths, folds).

``benchmarks/line_seq_gru.py`` (torch venv, not a project dependency) trains the sequence models on
``lines.npz`` and writes each line's out-of-fold score; ``score`` prints word-F1 per page type of the
kept lines for the anchor (the trees' scores) and each score array, the threshold picked per fold on the
other folds' pages exactly like ``line_model_cv.cv_table`` (from the trees' 0.3-0.6, or 0.2-0.8 with ``--wide``).  Figures: ``curation/extract/models/README.md``.
"""

from __future__ import annotations

import argparse
import logging
import pickle
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
for path in (ROOT, ROOT / "benchmarks"):  # run as a script from a checkout without installing
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

from line_model_cv import _print, cv_table  # noqa: E402

from curation.extract import train_selector as ts  # noqa: E402
from curation.extract.line_words import word_scores  # noqa: E402
from curation.extract.lines import LINE_FEATURES, word_columns  # noqa: E402
from curation.extract.train_lines import THRESHOLDS, LineData  # noqa: E402
from curation.extract.wcxb import PAGE_TYPES, is_held_out, iter_wcxb  # noqa: E402


def export(args: argparse.Namespace) -> None:
    pages = [p for p in iter_wcxb(args.data) if not is_held_out(p.domain)][:: args.every]
    ids = {p.id for p in pages}
    rows = [r for r in pickle.loads(args.cache.read_bytes()) if r.page_id in ids]  # the cache is only read
    ts.refresh_features(rows, pages)
    truths = {p.id: p.truth for p in pages}
    data = LineData(rows, truths, ts._Htmls(pages), words=True)
    folds = ts.domain_folds(rows)
    order = [r.page_id for r in rows]
    sizes = np.array([len(data.pages[i][0]) for i in order])
    start = dict(zip(order, np.concatenate([[0], np.cumsum(sizes)[:-1]])))
    size_of = dict(zip(order, sizes))
    n = int(sizes.sum())
    words = np.zeros((len(folds), n, 3), dtype=np.float32)
    trees = np.zeros(n)
    fold_of = np.zeros(len(order), dtype=int)
    for k, (train, test) in enumerate(folds):
        t0 = time.process_time()
        train_ids = [order[i] for i in train if sizes[i]]
        inner = data._oof_word_models(train_ids)
        model = data.fit(train_ids, inner=inner)
        for pid in train_ids:
            words[k, start[pid] : start[pid] + size_of[pid]] = word_columns(
                word_scores(data.buckets[pid], *inner[pid]))
        for i in test:
            fold_of[i] = k
            if sizes[i]:
                pid, s = order[i], start[order[i]]
                full = (model.word_weights, model.word_bias)
                words[k, s : s + sizes[i]] = word_columns(word_scores(data.buckets[pid], *full))
                trees[s : s + sizes[i]] = data.scores(model, pid)[1]
        print(f"fold {k}: {len(train_ids)} training pages, {time.process_time() - t0:.0f} s CPU", flush=True)
    x = np.vstack([data.pages[i][1] for i in order if len(data.pages[i][0])]).astype(np.float32)
    y = np.concatenate([data.pages[i][2] for i in order])
    args.out.mkdir(parents=True, exist_ok=True)
    np.savez(args.out / "lines.npz", x=x, y=y, words=words, trees=trees, sizes=sizes, fold=fold_of,
             names=np.array([n for n in data.names if n not in ("word", "word_w2", "word_w6")]),
             n_line=len(LINE_FEATURES))
    meta = {"rows": [(r.page_id, r.page_type) for r in rows], "lines": [data.pages[i][0] for i in order],
            "truths": truths, "folds": folds}
    (args.out / "pages.pkl").write_bytes(pickle.dumps(meta))
    print(f"{len(order)} pages, {n} lines, {x.shape[1]} columns (+3 word columns per fold) -> {args.out}")


def score(args: argparse.Namespace) -> None:
    meta = pickle.loads((args.out / "pages.pkl").read_bytes())
    rows = [SimpleNamespace(page_id=i, page_type=t) for i, t in meta["rows"]]
    sizes = np.load(args.out / "lines.npz")["sizes"]
    cut = np.cumsum(sizes)[:-1]

    def oof(scores: np.ndarray) -> dict[str, tuple[list[str], np.ndarray]]:
        return {r.page_id: (lines, s) for r, lines, s in zip(rows, meta["lines"], np.split(scores, cut))}

    anchor = np.load(args.out / "lines.npz")["trees"]
    keep = np.arange(len(rows))
    columns: list[tuple[str, np.ndarray]] = [("trees (anchor)", anchor)]
    for path in args.scores:
        got = np.load(path)
        keep = got["pages"] if "pages" in got else keep
        columns += [(name, got[name]) for name in got.files if name != "pages"]
    folds = [(np.array([i for i in tr if i in set(keep)]), np.array([i for i in te if i in set(keep)]))
             for tr, te in meta["folds"]]
    print(f"{len(keep)} pages; word-F1 of the kept lines, threshold per fold picked on the other folds")
    print(f"{'':<22}" + "".join(f"{t[:9]:>10}" for t in (*PAGE_TYPES, "all")))
    for name, s in columns:
        grid = tuple(float(t) for t in np.arange(0.2, 0.81, 0.05).round(2)) if args.wide else THRESHOLDS
        _print(f"{name:<22}", cv_table(None, rows, meta["truths"], folds, oof(s), grid))  # type: ignore[arg-type]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("step", choices=["export", "score"])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--cache", type=Path, help="export: train_selector's candidates pickle (read only)")
    parser.add_argument("--out", type=Path, required=True, help="the exported files' folder")
    parser.add_argument("--every", type=int, default=1, help="export: every n-th training-domain page only")
    parser.add_argument("--scores", type=Path, nargs="*", default=[], help="score: line_seq_gru.py outputs")
    parser.add_argument("--wide", action="store_true", help="score: thresholds 0.2-0.8 (default: the trees' 0.3-0.6)")
    args = parser.parse_args(argv)
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    (export if args.step == "export" else score)(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
