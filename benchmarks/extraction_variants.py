"""What else might lift the weak page types (product, collection, listing, service, forum): measured.

    python benchmarks/extraction_variants.py [--data ../shared/data] [--cache /tmp/cache.pkl] [--only a,b,c,d]

Every figure is word-F1 on WCXB dev (1,497 pages), grouped 5-fold by domain, each fold chosen with
margins picked on the other folds (``train_selector.fold_choices``); the anchor, measured in the same
run on the same folds, is the shipped recipe (3 candidates, 57 features: ``selector (shipped recipe)``).

a. Cheap candidates: resiliparse variants (main content with ``<noscript>``; the chrome-less page
   without any link text) and a derived one (trafilatura's text plus resiliparse's lines of >= 12
   words that trafilatura lacks).  Each alone, the oracle with it, and the selector with it as a
   fourth candidate (it takes the ``lines`` slot) or instead of ``resiliparse``.  CPU per page of
   each variant vs the ``trafilatura`` candidate (``time.process_time``, every 5th page, same run).
b. Post-processing of the chosen text, learned on the training folds only and applied to the test
   fold: dropping boilerplate lines (a line seen on >= 3 training domains, in the truth on <= 10% of
   its pages), or cutting the text at a learned "tail" line ("related posts", "leave a reply" ...).
c. More page-type features: JSON-LD / microdata ``@type`` families, ``og:type``, repeated classes
   (sibling cards), URL shape.
d. A weighted classifier (which candidate is best, weight = best - worst F1) instead of regressors.

``--cache``: the pickle ``python -m curation.extract.train_selector --cache`` writes (the candidates'
texts; made here if missing).  Needs scikit-learn.  About 20 minutes on one loaded core.
"""

from __future__ import annotations

import argparse
import logging
import math
import pickle
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script from a checkout without installing
    sys.path.insert(0, str(ROOT))

import trafilatura  # noqa: E402
from resiliparse.extract.html2text import extract_plain_text  # noqa: E402
from resiliparse.parse.html import HTMLTree  # noqa: E402

from curation.extract import train_selector as ts  # noqa: E402
from curation.extract.candidates import BASE_CANDIDATES, PAGE_CHROME, content, text_features  # noqa: E402
from curation.extract.html_to_text import decode_html  # noqa: E402
from curation.extract.wcxb import PAGE_TYPES, iter_wcxb, summarize, word_prf  # noqa: E402

_TOK = re.compile(r"\w+")
RESILIPARSE_VARIANTS = {
    "main_noscript": dict(main_content=True, noscript=True),
    "page_no_links": dict(main_content=False, noscript=True, skip_elements=[*PAGE_CHROME, "a"]),
}


class _Unpickler(pickle.Unpickler):
    """train_selector run with ``-m`` pickles its rows as ``__main__.Row``."""

    def find_class(self, module: str, name: str):  # noqa: ANN201
        return ts.Row if name == "Row" else super().find_class(module, name)


def line_key(line: str) -> str:
    return " ".join(re.sub(r"\d", "0", t) for t in _TOK.findall(line.lower()))


def plus_long_lines(base: str, other: str, min_words: int = 12) -> str:
    """``base`` plus the lines of ``other`` of >= ``min_words`` words that ``base`` does not contain."""
    have = f" {line_key(base)} "
    extra = [ln for ln in other.split("\n") if len(_TOK.findall(ln)) >= min_words and f" {line_key(ln)} " not in have]
    return "\n".join([base, *extra]) if extra else base


def variants(args: argparse.Namespace, rows: list[ts.Row]) -> tuple[dict[str, dict[str, str]], dict[str, float]]:
    """Every variant's text per page, and CPU ms/page of each (and of the trafilatura candidate) on every 5th."""
    out: dict[str, dict[str, str]] = defaultdict(dict)
    cpu: Counter[str] = Counter()
    options = ts.candidate_options()
    by_id = {r.page_id: r for r in rows}
    for n, page in enumerate(iter_wcxb(args.data)):
        html = decode_html(page.raw)
        timed = n % 5 == 0
        tree = HTMLTree.parse(html)
        for name, kw in RESILIPARSE_VARIANTS.items():
            start = time.process_time()
            out[name][page.id] = content(extract_plain_text(tree, **kw))
            cpu[name] += time.process_time() - start if timed else 0.0
        texts = by_id[page.id].texts
        out["traf_plus_long"][page.id] = content(plus_long_lines(texts["trafilatura"], texts["resiliparse"]))
        if timed:
            start = time.process_time()
            trafilatura.extract(html, url=page.url, **options)
            cpu["trafilatura"] += time.process_time() - start
    timed_pages = (len(rows) + 4) // 5
    return out, {k: 1000 * v / timed_pages for k, v in cpu.items()}


def with_candidate(rows: list[ts.Row], texts: dict[str, str], truths: dict[str, str], slot: str) -> list[ts.Row]:
    """Copies of ``rows`` with ``texts`` in candidate ``slot`` (``lines``: a fourth candidate)."""
    out = []
    for r in rows:
        t = {**r.texts, slot: texts[r.page_id]}
        scores = {**r.scores, slot: word_prf(t[slot], truths[r.page_id])}
        html = {k: v for k, v in r.features.items() if k.startswith(("html_", "url_"))}
        out.append(ts.Row(r.page_id, r.page_type, r.domain, t, {**text_features(t), **html}, scores, r.seconds))
    return out


def selected(rows: list[ts.Row]) -> dict[str, dict[str, float]]:
    folds = ts.domain_folds(rows)
    chosen = ts.fold_choices(rows, ts.cross_validated_scores(rows, folds), folds)
    return summarize((r.page_type, r.scores[chosen[r.page_id]]) for r in rows)


def show(name: str, table: dict[str, dict[str, float]]) -> None:
    print(f"{name:<44}" + "".join(f"{table[t]['f1']:>8.3f}" for t in (*PAGE_TYPES, "all")), flush=True)


def oracle(rows: list[ts.Row]) -> dict[str, dict[str, float]]:
    return summarize((r.page_type, max(r.scores.values(), key=lambda s: s[2])) for r in rows)


def part_a(args: argparse.Namespace, rows: list[ts.Row], truths: dict[str, str]) -> None:
    texts, cpu = variants(args, rows)
    print("CPU ms/page (every 5th page): " + ", ".join(f"{k} {v:.2f}" for k, v in cpu.items())
          + "; ratio to the trafilatura candidate: "
          + ", ".join(f"{k} {v / cpu['trafilatura']:.3f}" for k, v in cpu.items() if k != "trafilatura"))
    for name, by_page in texts.items():
        show(f"{name} alone", summarize((r.page_type, word_prf(by_page[r.page_id], truths[r.page_id])) for r in rows))
        added = with_candidate(rows, by_page, truths, "lines")
        show(f"  oracle over 3 + {name}", oracle(added))
        show(f"  selector, {name} as a 4th candidate", selected(added))
        show(f"  selector, {name} instead of resiliparse", selected(with_candidate(rows, by_page, truths, "resiliparse")))


def prefix_f1(lines: list[str], truth: Counter[str]) -> list[float]:
    """Word-F1 of ``lines[:n]`` for every n, in one pass (the overlap grows word by word)."""
    total, seen, overlap, size, out = sum(truth.values()), Counter(), 0, 0, []
    for line in [*lines, ""]:
        p, r = (overlap / size, overlap / total) if size and total else (0.0, 0.0)
        out.append(2 * p * r / (p + r) if p + r else float(not size and not total))
        for w in _TOK.findall(line.lower()):
            overlap += seen[w] < truth[w]
            seen[w] += 1
            size += 1
    return out


def _line_stats(rows: list[ts.Row], idx: list[int], truths: dict[str, str]) -> dict[str, list[float]]:
    """Per line key (<= 8 words) of the training pages' candidates: pages, domains, pages with it in the
    truth, summed F1 change of cutting the text before it, pages where that cut helps minus hurts."""
    stats: dict[str, list[float]] = defaultdict(lambda: [0.0] * 5)
    domains: dict[str, set[str]] = defaultdict(set)
    for i in idx:
        r = rows[i]
        truth = f" {line_key(truths[r.page_id])} "
        bag = Counter(_TOK.findall(truths[r.page_id].lower()))
        for cand in BASE_CANDIDATES:
            lines = r.texts[cand].split("\n")
            cuts = prefix_f1(lines, bag)
            seen: set[str] = set()
            for n, line in enumerate(lines):
                k = line_key(line)
                if not k or k in seen or k.count(" ") >= 8:
                    continue
                seen.add(k)
                gain = cuts[n] - cuts[-1] if n else 0.0
                s = stats[k]
                s[0] += 1
                s[2] += f" {k} " in truth
                s[3] += gain
                s[4] += (gain > 0) - (gain < 0)
                domains[k].add(r.domain)
    for k, s in stats.items():
        s[1] = len(domains[k])
    return stats


def _post_process(text: str, drop: set[str], tails: set[str]) -> str:
    keep = []
    for n, line in enumerate(text.split("\n")):
        k = line_key(line)
        if n and k in tails:
            break
        if k not in drop:
            keep.append(line)
    return "\n".join(keep)


def part_b(rows: list[ts.Row], truths: dict[str, str]) -> None:
    folds = ts.domain_folds(rows)
    chosen = ts.fold_choices(rows, ts.cross_validated_scores(rows, folds), folds)
    results: dict[str, list] = defaultdict(list)
    for train, test in folds:
        stats = _line_stats(rows, list(train), truths)
        drop = {k for k, s in stats.items() if s[1] >= 3 and s[2] <= 0.1 * s[0]}
        tails = {k for k, s in stats.items() if s[1] >= 5 and s[3] > 0 and s[4] > 0}
        for i in test:
            r = rows[i]
            text = r.texts[chosen[r.page_id]]
            for name, d, t in (("drop boilerplate lines", drop, set()), ("cut at tail lines", set(), tails)):
                results[name].append((r.page_type, word_prf(_post_process(text, d, t), truths[r.page_id])))
    for name, scores in results.items():
        show(f"selector + {name} (learned on train folds)", summarize(scores))


_LD_TYPE = re.compile(rb'"@type"\s*:\s*\[?\s*"([a-z]+)|itemtype\s*=\s*"https?://schema\.org/([a-z]+)')
_OG_TYPE = re.compile(rb'og:type"\s+content="([a-z]+)')
_CLASS = re.compile(rb'class="([^"]{1,80})"')
LD_FAMILIES = {
    "product": ("product", "offer", "aggregateoffer", "productgroup"),
    "itemlist": ("itemlist", "collectionpage", "searchresultspage", "offercatalog"),
    "forum": ("qapage", "discussionforumposting", "question", "answer", "comment", "socialmediaposting"),
    "faq": ("faqpage",),
    "service": ("service", "localbusiness", "organization", "professionalservice", "contactpage", "aboutpage"),
    "docs": ("techarticle", "apireference", "howto", "softwaresourcecode", "softwareapplication"),
    "article": ("article", "newsarticle", "blogposting", "reportagenewsarticle"),
    "other": ("event", "jobposting", "recipe", "review", "course"),
    "breadcrumb": ("breadcrumblist",),
}


def type_features(html: str, url: str) -> dict[str, float]:
    """Part c's page-type hints (over the first 150 kB, as ``candidates.html_features``)."""
    low = html[:150_000].lower().encode("utf-8", "replace")[:150_000]
    types = Counter(a or b for a, b in _LD_TYPE.findall(low))
    f = {f"ld_{k}": math.log1p(sum(types[n.encode()] for n in v)) for k, v in LD_FAMILIES.items()}
    og = _OG_TYPE.search(low)
    for k in ("article", "product", "website", "video", "profile", "book"):
        f[f"og_{k}"] = float(bool(og) and og.group(1).decode().startswith(k))
    classes = Counter(_CLASS.findall(low))
    f["cls_top"] = math.log1p(max(classes.values(), default=0))
    f["cls_rep10"] = math.log1p(sum(n >= 10 for n in classes.values()))
    f["cls_distinct"] = math.log1p(len(classes))
    parts = urlsplit(url)
    last = ([s for s in parts.path.split("/") if s] or [""])[-1]
    f.update(url_query=float(bool(parts.query)), url_num_end=float(bool(re.search(r"\d", last))),
             url_last_len=float(len(last)), url_last_dashes=float(last.count("-")))
    return f


def part_c(args: argparse.Namespace, rows: list[ts.Row]) -> None:
    extra = {p.id: type_features(decode_html(p.raw), p.url) for p in iter_wcxb(args.data)}
    for group in (("ld_", "og_"), ("cls_",), ("url_query", "url_num", "url_last"), ("ld_", "og_", "cls_", "url_")):
        added = [ts.Row(r.page_id, r.page_type, r.domain, r.texts,
                        {**r.features, **{k: v for k, v in extra[r.page_id].items() if k.startswith(group)}},
                        r.scores, r.seconds) for r in rows]
        show(f"selector + features {'/'.join(group)}", selected(added))


def part_d(rows: list[ts.Row]) -> None:
    import numpy as np
    from sklearn.ensemble import GradientBoostingClassifier

    from curation.extract.candidates import has_article_markup

    names = sorted(rows[0].features)
    x = np.array([[r.features[n] for n in names] for r in rows])
    f1 = np.array([[r.scores[c][2] for c in BASE_CANDIDATES] for r in rows])
    best, stake = f1.argmax(1), f1.max(1) - f1.min(1) + 1e-3  # argmax: trafilatura wins ties
    article = np.array([has_article_markup(r.features) for r in rows])
    folds = ts.domain_folds(rows)
    proba = np.zeros_like(f1)
    for train, test in folds:
        model = GradientBoostingClassifier(**ts.GBM_PARAMS).fit(x[train], best[train], sample_weight=stake[train])
        proba[test] = model.predict_proba(x[test])
    rows_i = np.arange(len(rows))

    def choose(margin: float, article_margin: float):  # noqa: ANN202
        top = proba.argmax(1)
        return np.where(proba[rows_i, top] - proba[:, 0] >= np.where(article, article_margin, margin), top, 0)

    margins = (0.0, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5)
    values = {(m, a): list(f1[rows_i, choose(m, a)]) for m in margins for a in margins}
    picked = ts.picked_per_fold(folds, values, lambda d: max(d, key=d.get))
    chosen = np.zeros(len(rows), int)
    for (_, test), (m, a) in zip(folds, picked):
        chosen[test] = choose(m, a)[test]
    show("classifier (best candidate, weighted)", summarize(
        (r.page_type, r.scores[BASE_CANDIDATES[c]]) for r, c in zip(rows, chosen)))


def load_rows(args: argparse.Namespace) -> list[ts.Row]:
    if args.cache and args.cache.is_file():
        with args.cache.open("rb") as f:
            return _Unpickler(f).load()
    rows = ts.collect(list(iter_wcxb(args.data)))
    if args.cache:
        args.cache.write_bytes(pickle.dumps(rows))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--cache", type=Path, help="train_selector's candidate cache (made here if missing)")
    parser.add_argument("--only", default="a,b,c,d", help="parts to run (a: candidates, b: post-processing, "
                        "c: features, d: classifier)")
    args = parser.parse_args(argv)
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    rows = load_rows(args)
    ts.refresh_features(rows, list(iter_wcxb(args.data)))
    truths = {p.id: p.truth for p in iter_wcxb(args.data)}
    parts = set(args.only.split(","))
    print(f"{'word-F1, WCXB dev, grouped 5-fold CV':<44}" + "".join(f"{t[:7]:>8}" for t in (*PAGE_TYPES, "all")))
    show("selector (shipped recipe): the anchor", selected(rows))
    show("oracle over the 3 candidates", oracle(rows))
    if "a" in parts:
        part_a(args, rows, truths)
    if "b" in parts:
        part_b(rows, truths)
    if "c" in parts:
        part_c(args, rows)
    if "d" in parts:
        part_d(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
