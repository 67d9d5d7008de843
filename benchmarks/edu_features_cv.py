"""Do "level of knowledge" features or a non-linear head add signal? CV on TRAINING data only.

    python benchmarks/edu_features_cv.py          # graded split, 5-fold CV (~1.5 min on one core)
    python benchmarks/edu_features_cv.py --conv   # edu_conv_cv.py's every-source-held-out test (~6 min)
    python benchmarks/edu_features_cv.py --seeds  # the shipped head vs + the features, three other fold seeds

Needs wordfreq (``pip install "curation[bench]"``; its English lists ship inside the wheel, offline)
and scikit-learn (the test extra), neither of which the scorer uses.

Why (issue 12, round 4): round 3 (benchmarks/edu_variants_cv.py) found that the page's shape
(lines, punctuation, word length...) adds nothing to the shipped head. This round measures features
that describe the vocabulary and prose level, and non-linear heads, on the same rows and folds (the
recipe's threshold CV). The graded held-out split and the DCLM file are not read.

Knowledge features (14) of the prepared text: from wordfreq 3.1.1 (English "large" list) the mean
Zipf frequency of the alphabetic words, the shares with Zipf < 3 and < 4 (rare, academic words),
absent from the list, and >= 6 (function words); words per sentence, syllables per word (vowel
groups), share of 3+ syllable words, the Flesch-Kincaid grade; digits, question marks per sentence,
code characters, first/second person pronouns (chat), words of 9+ letters. Structure features (4) of
the raw page: share of lines that are sentences (end in . ! ? with 8+ words), list-like lines, short
link-like lines, capitalised words. All standardised over the rows.

Graded mode, each variant scored by CV Spearman / Pearson and the best F1(grade >= 3) over thresholds
1.0-4.0: the shipped kernel ridge; plus the 18 features, linear, at three scales; gradient-boosted
trees (sklearn, fixed seed) on the features alone, and stacked on the ridge's out-of-fold grade; an
MLP on [mean embedding, log length, features], alone and averaged with the ridge; other poolings of
the token embeddings (SIF weights instead of or beside the mean, max and standard-deviation pooling).
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import numpy as np  # noqa: E402

from curation.classify import embed  # noqa: E402
from curation.classify.linear import bag_kernel, predict_bag_cv  # noqa: E402
from curation.classify.metrics import binary_metrics, pearson, spearman  # noqa: E402
from curation.classify.recipe import load_classifier_recipe  # noqa: E402
from edu_variants_cv import GRADED, training_rows  # noqa: E402

_STRIP = ".,;:!?\"'()[]{}<>*_-\u2013\u2014\u2026\u201c\u201d\u2018\u2019"
_SENT = re.compile(r"[.!?]+(?:\s|$)")
_VOWELS = re.compile(r"[aeiouy]+")
_LIST = re.compile(r"^\s*(?:[-*\u2022\u00b7>]|\d{1,3}[.)])\s")
_PRON = {"i", "you", "me", "my", "your", "we", "us", "our", "i'm", "you're", "im", "u", "lol"}
_ZIPF: dict[str, float] = {}
KNOWLEDGE = ["mean Zipf", "Zipf < 3", "Zipf < 4", "not in wordfreq", "Zipf >= 6", "log words/sentence",
             "syllables/word", "3+ syllables", "Flesch-Kincaid grade", "digits", "? per sentence", "code chars",
             "1st/2nd person", "9+ letters"]
STRUCTURE = ["sentence lines", "list lines", "short link-like lines", "capitalised words"]


def zipf(w: str) -> float:
    z = _ZIPF.get(w)
    if z is None:
        from wordfreq import zipf_frequency  # wordfreq 3.1.1: word lists inside the wheel, offline
        z = _ZIPF[w] = zipf_frequency(w, "en", wordlist="large")
    return z


def syllables(w: str) -> int:
    n = len(_VOWELS.findall(w))
    return max(1, n - (1 if w.endswith("e") and n > 1 else 0))


def knowledge_stats(t: str) -> list[float]:
    """Vocabulary level and readability of a prepared (lower-cased, whitespace-folded) text."""
    toks = t.split()
    words = [w for w in (x.strip(_STRIP) for x in toks) if w.isalpha()]
    nw, ns, L = max(len(words), 1), max(sum(x[-1] in ".!?" for x in toks), 1), max(len(t), 1)
    zs = np.asarray([zipf(w) for w in words] or [0.0])
    found = zs[zs > 0]
    syl = np.asarray([syllables(w) for w in words] or [1])
    wps, spw = nw / ns, float(syl.mean())
    return [float(found.mean()) if len(found) else 0.0, float(((zs > 0) & (zs < 3)).mean()),
            float(((zs > 0) & (zs < 4)).mean()), float((zs == 0).mean()), float((zs >= 6).mean()),
            float(np.log1p(wps)), spw, float((syl >= 3).mean()), 0.39 * min(wps, 60) + 11.8 * spw - 15.59,
            sum(c.isdigit() for c in t) / L, t.count("?") / ns, sum(t.count(c) for c in "{};=<>") / L,
            sum(w in _PRON for w in words) / nw, sum(len(w) >= 9 for w in words) / nw]


def structure_stats(t: str) -> list[float]:
    """Line structure and case of a raw page (cut at 5,000 characters)."""
    t = t[:5000]
    lines = [ln.strip() for ln in t.split("\n") if ln.strip()]
    nl, toks = max(len(lines), 1), t.split()
    return [sum(ln[-1] in ".!?" and len(ln.split()) >= 8 for ln in lines) / nl,
            sum(bool(_LIST.match(ln)) for ln in lines) / nl,
            sum(len(ln.split()) <= 4 and ln[-1] not in ".!?:" for ln in lines) / nl,
            sum(w[:1].isupper() for w in toks) / max(len(toks), 1)]


def standardise(S: np.ndarray) -> np.ndarray:
    return (S - S.mean(0)) / (S.std(0) + 1e-9)


def best_f1(y: np.ndarray, pred: np.ndarray) -> float:
    return max(binary_metrics(y >= 3, pred >= t)["f1"] for t in np.arange(1.0, 4.001, 0.05))


def scores(y: np.ndarray, pred: np.ndarray) -> tuple[float, float, float]:
    return spearman(pred, y), pearson(pred, y), best_f1(y, pred)


def ridge_oof(K: np.ndarray, y: np.ndarray, folds: np.ndarray, alpha: float = 8.0) -> np.ndarray:
    return predict_bag_cv(K, y, alpha, folds)  # the recipe's own out-of-fold kernel ridge


def sk_oof(make, F: np.ndarray, y: np.ndarray, folds: np.ndarray) -> np.ndarray:
    pred = np.zeros(len(y))
    for k in np.unique(folds):
        tr, te = folds != k, folds == k
        pred[te] = make().fit(F[tr], y[tr]).predict(F[te])
    return pred


def pooling_rows(prepared: list[str], X: np.ndarray, base: np.ndarray, y: np.ndarray, folds: np.ndarray,
                 max_chars: int, embed_chars: int) -> list[tuple[str, tuple[float, float, float]]]:
    """Other poolings of the same token embeddings: SIF weights a / (a + p(token)) (p: the token's
    share of all tokens of these rows), in place of or beside the mean; max and standard deviation
    pooling beside it (standardised, weight 1/16 each)."""
    emb = embed.embedder()
    T = emb.table.astype(np.float64)
    ids = [emb.word_ids(embed.words_of(t, max_chars, embed_chars, True)[0]) for t in prepared]
    p = sum(np.bincount(i, minlength=len(T)) for i in ids) / sum(len(i) for i in ids)
    mean_k = X[:, :embed.DIM] @ X[:, :embed.DIM].T
    rows = []
    for a in (1e-3, 1e-4):
        w = a / (a + p)
        P = np.asarray([(T[i] * w[i, None]).sum(0) if len(i) else np.zeros(embed.DIM) for i in ids])
        P /= np.maximum(np.linalg.norm(P, axis=1, keepdims=True), 1e-12)
        rows.append((f"SIF-weighted mean (a {a:g}) instead of the mean", scores(y, ridge_oof(base - mean_k + P @ P.T, y, folds))))
        rows.append((f"SIF-weighted mean (a {a:g}) beside the mean", scores(y, ridge_oof(base + P @ P.T, y, folds))))
    for name, f in (("max", np.max), ("standard deviation", np.std)):
        M = standardise(np.asarray([f(T[i], axis=0) if len(i) else np.zeros(embed.DIM) for i in ids])) / 16
        rows.append((f"{name} pooling beside the mean", scores(y, ridge_oof(base + M @ M.T, y, folds))))
    return rows


def graded_cv() -> None:
    from sklearn.ensemble import HistGradientBoostingRegressor
    from sklearn.neural_network import MLPRegressor

    prepared, raw, y = training_rows()
    recipe = load_classifier_recipe(GRADED)
    spec = recipe.model
    folds = np.random.default_rng([recipe.seed, 5]).permutation(len(y)) % 5
    X, bags = embed.features(prepared, recipe.max_chars, spec.embed_chars, prepared=True, buckets=spec.bag_buckets)
    base = bag_kernel(X, bags, spec.bag_buckets, spec.bag_scale)
    S = np.column_stack([[knowledge_stats(t) for t in prepared], [structure_stats(t) for t in raw]])
    Z = standardise(S)
    print("Spearman of each feature with the grade (training split):",
          ", ".join(f"{n} {spearman(S[:, j], y):+.2f}" for j, n in enumerate(KNOWLEDGE + STRUCTURE)))
    oof = ridge_oof(base, y, folds)
    rows = [("shipped: kernel ridge (embedding + log length + bag)", scores(y, oof))]
    for s in (0.1, 0.3, 1.0):
        rows.append((f"+ the 18 features, linear x{s}", scores(y, ridge_oof(base + s * s * (Z @ Z.T), y, folds))))

    def gbm():
        return HistGradientBoostingRegressor(max_iter=200, learning_rate=0.05, max_leaf_nodes=15,
                                             min_samples_leaf=30, l2_regularization=1.0, random_state=0)

    def mlp():
        return MLPRegressor(hidden_layer_sizes=(64,), alpha=1.0, max_iter=400, random_state=0)
    rows.append(("trees on the 18 features alone", scores(y, sk_oof(gbm, S, y, folds))))
    # stacking: each row's out-of-fold ridge grade is a feature of the trees
    rows.append(("trees on [ridge grade (out-of-fold), the 18 features]", scores(y, sk_oof(gbm, np.column_stack([oof, S]), y, folds))))
    rows.append(("trees on [ridge grade (out-of-fold), log length]", scores(y, sk_oof(gbm, np.column_stack([oof, X[:, embed.DIM]]), y, folds))))
    m = sk_oof(mlp, np.column_stack([X[:, :-1], Z]), y, folds)
    rows.append(("MLP(64) on [mean embedding, log length, the 18 features]", scores(y, m)))
    rows.append(("mean of the ridge and that MLP", scores(y, 0.5 * oof + 0.5 * m)))
    rows += pooling_rows(prepared, X, base, y, folds, recipe.max_chars, spec.embed_chars)
    print(f"training split: {len(y)} graded pages (grade >= 3: {int((y >= 3).sum())}); 5-fold CV")
    print("| variant | CV Spearman | Pearson | best F1(>=3) |\n|---|---|---|---|")
    for name, (s, r, f) in rows:
        print(f"| {name} | {s:.3f} | {r:.3f} | {f:.3f} |")


def conv_cv() -> None:
    """The graded head with the knowledge features, in edu_conv_cv.py's every-source-held-out test
    (prepared texts only there, so no structure features)."""
    import edu_conv_cv as C

    d = C.load()
    X, bags = embed.features(d["texts"], 5000, 2000, prepared=True, buckets=C.BUCKETS)
    K = bag_kernel(X, bags, C.BUCKETS, C.SCALE)
    Z = standardise(np.asarray([knowledge_stats(t) for t in d["texts"]]))
    print(f"| variant | graded CV Spearman | mean per-source ROC-AUC | {' | '.join(d['names'])} |")
    print("|---|---|---|" + "---|" * len(d["names"]))
    for label, KK, head in [("anchor: web_edu_wordllama's head", K, "graded"),
                            ("anchor: + 0.25 x standardised length (web_edu_wordllama_len)", K, "graded+len 0.25"),
                            ("+ the 14 knowledge features x0.3", K + 0.09 * (Z @ Z.T), "graded"),
                            ("+ the 14 knowledge features x0.3 + 0.25 x length", K + 0.09 * (Z @ Z.T), "graded+len 0.25"),
                            ("+ the 14 knowledge features x1", K + Z @ Z.T, "graded")]:
        r = C.evaluate((), head, d, X, KK)
        print(f"| {label} | {r['spearman']:.3f} | {r['mean']:.3f} | " + " | ".join(f"{r[s]:.3f}" for s in d["names"]) + " |",
              flush=True)


def seeds_check() -> None:
    """The shipped head against it plus the 18 features (x0.3, x1) over three other fold assignments."""
    prepared, raw, y = training_rows()
    recipe = load_classifier_recipe(GRADED)
    spec = recipe.model
    X, bags = embed.features(prepared, recipe.max_chars, spec.embed_chars, prepared=True, buckets=spec.bag_buckets)
    base = bag_kernel(X, bags, spec.bag_buckets, spec.bag_scale)
    Z = standardise(np.column_stack([[knowledge_stats(t) for t in prepared], [structure_stats(t) for t in raw]]))
    print("| fold seed | shipped: CV Spearman / best F1(>=3) | + features x0.3 | + features x1 |\n|---|---|---|---|")
    for seed in (1, 2, 3):
        folds = np.random.default_rng([recipe.seed, 5, seed]).permutation(len(y)) % 5
        cells = [scores(y, ridge_oof(base + s * s * (Z @ Z.T), y, folds)) for s in (0.0, 0.3, 1.0)]
        print(f"| {seed} | " + " | ".join(f"{a:.3f} / {f:.3f}" for a, _, f in cells) + " |", flush=True)


if __name__ == "__main__":
    if "--conv" in sys.argv[1:]:
        conv_cv()
    elif "--seeds" in sys.argv[1:]:
        seeds_check()
    else:
        graded_cv()
