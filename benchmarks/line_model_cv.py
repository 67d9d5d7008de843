"""The ``lines`` candidate's line model alone, grouped 5-fold CV by domain on WCXB dev, with variants.

    python benchmarks/line_model_cv.py --cache /tmp/cache [--data ../shared/data] [--every 1]
                                       [--variant ancestors word-weights words stack] [--ceiling]
                                       [--nested] [--first PATH] [--skip-base]

Prints word-F1 per page type of the kept lines (each page's lines scored by a model fit on other
domains only, the threshold picked per fold on the other folds' pages, as ``train_selector`` does)
for each variant, ``base`` (the line features without the word model: ``LineData(words=False)``) first
as the anchor of the same run. Only the WCXB dev pages of the training domains are read: the held-out
domains (``wcxb.is_held_out``, the shipped models' test pages) are left out, the CV never sees them.

* ``ancestors``: 3 x 3 more line columns: inside a container whose class/id (or tag) holds a
  menu/nav/sidebar/footer... word, a related/teaser/comment/meta word, a content/article/product/spec...
  word (any ancestor, not only the line's own element): one resiliparse pass per group over the
  parsed page, skipping that group's elements; a line gone from that text is inside one. Plus the
  share over a 2-line window and over the page.
* ``word-weights``: lines weighted by their share of their page's words (the page-averaged word-F1).
* ``words``: the line word model (``line_words``, hashed words and class/id words, logistic): its
  out-of-fold probability alone (``words alone``, thresholds 0.2-0.8), and the trees with its score
  as 3 more columns (``+ words``: ``LineData(words=True)``, what ``train_selector`` ships; the trees'
  training lines get the scores of word models fit on inner folds by domain).
* ``stack``: ``+ words`` again (its out-of-fold scores kept in the ``--first`` pickle, reused only when its
  key matches: the cache's size and mtime, ``--every``, the sorted page ids and git HEAD), then ``stack``:
  second-level trees (``line_stack``) over each line's and its neighbours' out-of-fold scores, fold k
  scored by a stack fit on the other folds' lines (``LineData.stacked_out_of_fold``); with ``--nested``
  also ``stack nested``, the stack's inputs from line models that saw neither fold (10 more fits).
  Its anchor is ``+ words`` of the same run (or, for the old tokens, the run of the older checkout).
* ``--ceiling``: the kept text when the lines kept are exactly the labelled ones (no model).
* ``--skip-base``: no ``base`` row (when the anchor run of the same figures already printed it).

``--cache``: the candidates pickle ``train_selector --cache`` writes (made here when absent, ~2 min
CPU). Needs scikit-learn. Figures: ``curation/extract/models/README.md`` (tried and not kept).
"""

from __future__ import annotations

import argparse
import logging
import pickle
import subprocess
import sys
from pathlib import Path
import copy
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script from a checkout without installing
    sys.path.insert(0, str(ROOT))

from curation.extract import train_selector as ts  # noqa: E402
from curation.extract.candidates import PAGE_CHROME, content  # noqa: E402
from curation.extract.html_to_text import decode_html  # noqa: E402
from curation.extract.line_dom import element_hints, line_key  # noqa: E402
from curation.extract.line_words import page_buckets, word_scores  # noqa: E402
from curation.extract.lines import LINE_FEATURES, WORD_FEATURES, LineModel, _window  # noqa: E402
from curation.extract.train_lines import HGB_PARAMS, THRESHOLDS, LineData, _export, kept_text, line_labels  # noqa: E402
from curation.extract.wcxb import PAGE_TYPES, is_held_out, iter_wcxb, summarize, word_prf  # noqa: E402

#: Container groups of the ``ancestors`` variant: class/id substrings (and tags).
GROUPS = {
    "nav": ("menu", "nav", "breadcrumb", "sidebar", "widget", "footer", "header", "toolbar", "pagination",
            "share", "social", "login", "search", "newsletter", "subscribe", "dropdown", "skip"),
    "related": ("related", "recommend", "similar", "popular", "recent", "promo", "carousel", "slider", "teaser",
                "card", "upsell", "comment", "tag", "meta", "author", "widget"),
    "content": ("content", "article", "post", "entry", "main", "description", "product", "detail", "spec",
                "prose", "markdown", "body", "text"),
}
TAGS = {"content": ("article", "main", "[role=main]", "[itemprop=articleBody]")}


def ancestor_columns(lines: list[str], html: str) -> np.ndarray:
    """Per group: inside such a container (0/1), its 2-line window share, its page share."""
    from resiliparse.extract.html2text import extract_plain_text
    from resiliparse.parse.html import HTMLTree

    parsed = HTMLTree.parse(html)
    keys = [line_key(line.lstrip(" \u2022")) for line in lines]
    cols = []
    for group, words in GROUPS.items():
        skip = PAGE_CHROME + [f"[{a}*={w}]" for w in words for a in ("class", "id")] + list(TAGS.get(group, ()))
        text = extract_plain_text(parsed, main_content=False, noscript=True, skip_elements=skip)
        kept = {line_key(line.lstrip(" \u2022")) for line in text.split("\n")}
        inside = np.array([k not in kept for k in keys], dtype=float)
        cols += [inside, _window(inside, 2), np.full(len(keys), inside.mean())]
    return np.column_stack(cols)


def fit_weighted(data: LineData, page_ids: list[str], threshold: float = 0.5) -> LineModel:
    """``LineData.fit`` with each line weighted by its share of its page's words."""
    from sklearn.ensemble import HistGradientBoostingRegressor

    ids = [i for i in page_ids if data.pages[i][0]]
    x = np.vstack([data.pages[i][1] for i in ids])
    y = np.concatenate([data.pages[i][2] for i in ids])
    col = LINE_FEATURES.index("words")
    w = np.concatenate([np.expm1(data.pages[i][1][:, col]) / max(1.0, np.expm1(data.pages[i][1][:, col]).sum())
                        for i in ids])
    model = HistGradientBoostingRegressor(**HGB_PARAMS).fit(x, y, sample_weight=w * (len(w) / w.sum()))
    return LineModel(_export(model, data.names, threshold))


def with_words(data: LineData, htmls: Any) -> LineData:
    """``data`` as ``LineData(..., words=True)`` would build it (the line rows are not recomputed)."""
    out = copy.copy(data)
    out.words = True
    out.names = data.names[: len(LINE_FEATURES)] + list(WORD_FEATURES) + data.names[len(LINE_FEATURES) :]
    out.buckets, out.groups = {}, {}
    for pid, (lines, _, _) in data.pages.items():
        words = element_hints(htmls[pid])[1] if lines else {}
        out.groups[pid] = [words.get(line_key(line.lstrip(" \u2022")), "") for line in lines]
        out.buckets[pid] = page_buckets(lines, out.groups[pid])
    return out


def words_alone(data: LineData, rows: list[Any], folds: list[Any]) -> dict[str, tuple[list[str], np.ndarray]]:
    """Out-of-fold kept-line scores of the word model alone (its probability)."""
    out = {}
    for train, test in folds:
        model = data.fit_words([rows[i].page_id for i in train if data.pages[rows[i].page_id][0]])
        for i in test:
            pid = rows[i].page_id
            out[pid] = (data.pages[pid][0], 1.0 / (1.0 + np.exp(-word_scores(data.buckets[pid], *model))))
    return out


def cv_table(data: LineData, rows: list[Any], truths: dict[str, str], folds: list[Any], oof: Any = None,
             thresholds: tuple[float, ...] = THRESHOLDS) -> dict[str, Any]:
    """Out-of-fold kept lines, the threshold per fold picked on the other folds; per-type word-F1."""
    oof = data.out_of_fold(rows, folds) if oof is None else oof
    f1 = {t: [word_prf(content(kept_text(*oof[r.page_id], t)), truths[r.page_id])[2] for r in rows] for t in thresholds}
    per_fold = ts.picked_per_fold(folds, f1, lambda m: max(m, key=lambda t: m[t]))
    scores = [(rows[i].page_type, word_prf(content(kept_text(*oof[rows[i].page_id], t)), truths[rows[i].page_id]))
              for (_, test), t in zip(folds, per_fold) for i in test]
    return {"thresholds": per_fold, "table": summarize(scores)}


def _print(name: str, result: dict[str, Any]) -> None:
    table = result["table"]
    print(f"{name:<14}" + "".join(f"{table[t]['f1']:>10.3f}" if t in table else f"{'-':>10}"
                                  for t in (*PAGE_TYPES, "all"))
          + f"   thresholds {result.get('thresholds', '-')}", flush=True)


def _first_key(args: argparse.Namespace, rows: list[Any]) -> tuple[Any, ...]:
    """What the ``--first`` scores depend on: the cache file, ``--every``, the pages and this checkout."""
    stat = args.cache.stat() if args.cache.is_file() else None
    head = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "HEAD"], capture_output=True, text=True).stdout
    return (stat and (stat.st_size, stat.st_mtime_ns), args.every, tuple(sorted(r.page_id for r in rows)),
            head.strip())


def _kept_first(args: argparse.Namespace, rows: list[Any]) -> dict[str, Any] | None:
    """The ``--first`` pickle's scores when they were made for this run's key, else None (recomputed)."""
    if not args.first.is_file():
        return None
    kept = pickle.loads(args.first.read_bytes())
    if isinstance(kept, dict) and kept.get("key") == _first_key(args, rows):
        return kept["first"]
    print(f"{args.first}: made for another cache, --every, page set or checkout: recomputed", file=sys.stderr)
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--cache", type=Path, required=True, help="train_selector's candidates pickle")
    parser.add_argument("--every", type=int, default=1, help="every n-th page only (quick runs)")
    parser.add_argument("--variant", nargs="*", default=["ancestors", "word-weights"],
                        choices=["ancestors", "word-weights", "words", "stack"],
                        help="besides base, always run first")
    parser.add_argument("--nested", action="store_true", help="stack: also the strictly nested version")
    parser.add_argument("--ceiling", action="store_true")
    parser.add_argument("--skip-base", action="store_true", help="no base row (its anchor run printed it)")
    parser.add_argument("--first", type=Path, help="stack: keep the out-of-fold '+ words' scores here (a pickle "
                        "keyed by the cache's size and mtime, --every, the page ids and git HEAD: reused only "
                        "when all match)")
    args = parser.parse_args(argv)
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    every_page = list(iter_wcxb(args.data))
    pages = [p for p in every_page if not is_held_out(p.domain)][:: args.every]  # never the held-out pages
    ids = {p.id for p in pages}
    if args.cache.is_file():  # features refreshed for the pages used only
        rows = [r for r in pickle.loads(args.cache.read_bytes()) if r.page_id in ids]
        ts.refresh_features(rows, pages)
    else:
        rows = [r for r in ts._load_rows(args, every_page) if r.page_id in ids]
    del every_page
    truths = {p.id: p.truth for p in pages}
    htmls = ts._Htmls(pages)
    data = LineData(rows, truths, htmls, words=False)
    folds = ts.domain_folds(rows)
    print(f"{len(rows)} pages, {sum(len(v[0]) for v in data.pages.values())} lines; word-F1 of the kept lines")
    print(f"{'':<14}" + "".join(f"{t[:9]:>10}" for t in (*PAGE_TYPES, "all")))
    if args.ceiling:
        _print("label ceiling", {"table": summarize(
            (r.page_type, word_prf(content(kept_text(data.pages[r.page_id][0], data.pages[r.page_id][2], 0.5)),
                                   truths[r.page_id])) for r in rows)})
    if not args.skip_base:
        _print("base", cv_table(data, rows, truths, folds))
    if "words" in args.variant:
        dw = with_words(data, htmls)
        _print("words alone", cv_table(dw, rows, truths, folds, words_alone(dw, rows, folds),
                                       tuple(float(t) for t in np.arange(0.2, 0.85, 0.05).round(2))))
        _print("+ words", cv_table(dw, rows, truths, folds))
    if "stack" in args.variant:
        dw = with_words(data, htmls)
        first = _kept_first(args, rows) if args.first else None
        if first is None:
            first = dw.out_of_fold(rows, folds)
            if args.first:
                args.first.write_bytes(pickle.dumps({"key": _first_key(args, rows), "first": first}))
        _print("+ words", cv_table(dw, rows, truths, folds, first))
        _print("stack", cv_table(dw, rows, truths, folds, dw.stacked_out_of_fold(rows, folds, first)))
        if args.nested:
            _print("stack nested", cv_table(dw, rows, truths, folds, dw.stacked_out_of_fold(rows, folds, first, nested=True)))
    if "word-weights" in args.variant:
        data.fit = lambda ids, threshold=0.5: fit_weighted(data, ids, threshold)  # type: ignore[method-assign]
        _print("word-weights", cv_table(data, rows, truths, folds))
        del data.fit
    if "ancestors" in args.variant:
        for pid, (lines, x, y) in list(data.pages.items()):
            if lines:
                data.pages[pid] = (lines, np.hstack([x, ancestor_columns(lines, htmls[pid])]), y)
        data.names += [f"anc_{g}{s}" for g in GROUPS for s in ("", "_w2", "_page")]
        _print("ancestors", cv_table(data, rows, truths, folds))
    return 0


if __name__ == "__main__":
    sys.exit(main())
