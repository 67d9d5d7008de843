"""Main-text extraction quality and speed: WCXB dev (diverse pages, cross-validated), then scrapinghub.

    python benchmarks/extraction_quality.py [--data ../shared/data] [--bootstrap 1000] [--wcxb-every 1]
                                            [--no-wcxb] [--speed-only] [--model SELECTOR.json] [--json out.json]
                                            [--articles DIR]

First WCXB dev (1,497 pages, 7 page types; see ``benchmarks/_wcxb_bench.py``): word-F1 per page
type and overall, P/R, docs/s/core, for ours (the selector cross-validated by domain), trafilatura
defaults and favor_precision (about our ``method: trafilatura``, which adds no comments) and
resiliparse.

Then scrapinghub's article-extraction-benchmark (181 news articles, none used in training), with
shingle precision / recall / F1 (the benchmark's 1.96 x bootstrap-sd intervals), the number of
empty outputs and documents per second (time inside the extractor only, one process) for:

* ``ours (auto)``: ``extract_main_text`` as shipped (the selector trained on WCXB dev);
* ``ours, method trafilatura``: ``extract_main_text(method="trafilatura")``, ``DEFAULT_OPTIONS``;
* ``trafilatura defaults``: ``trafilatura.extract(html)``, nothing set;
* ``benchmark's trafilatura run``: ``include_comments=False``, how the benchmark produced its
  published trafilatura row (F1 0.958 for trafilatura 2.0);
* ``datatrove Trafilatura``: ``datatrove.pipeline.extractors.Trafilatura().extract`` with its
  defaults (favor_precision, no comments, deduplicate=True), on a fresh dedup cache and then a
  second pass over the same pages, to show that its output depends on what it saw before.

The pages are decoded with ``decode_html`` (they are all UTF-8, so this changes nothing here).

With ``--articles DIR``, a second, fresh article set (``curation.extract.articles``: mozilla/readability's
test pages, kept outside the project; skipped with a message when DIR is absent): trafilatura defaults, the
default selector and the four-candidate one, same run, same shingle scores.

Last, the speed goal on both page sets: ours (auto) vs trafilatura defaults in docs per CPU-second,
interleaved page by page, in-process and through the extraction sandbox, with their ratio
(``benchmarks/_extract_speed.py``).  ``--speed-only`` runs just that (the WCXB pages every
``--wcxb-every``-th): a quick check, no quality figures.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Callable
from pathlib import Path

import trafilatura
from trafilatura.meta import reset_caches

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script from a checkout without installing
    sys.path.insert(0, str(ROOT))

from curation.extract.html_to_text import DEFAULT_OPTIONS, decode_html, extract_main_text  # noqa: E402
from curation.extract.articles import iter_article_pages  # noqa: E402
from curation.extract.quality import evaluate_dir, evaluate_pages, iter_pages, resolve_data_dir  # noqa: E402
from curation.extract.selector import LINES_SELECTOR_PATH, MODEL_PATH  # noqa: E402

from _extract_speed import speed_vs_trafilatura  # noqa: E402  (beside this file)
from _wcxb_bench import print_wcxb, run_wcxb  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "data"


def _datatrove_extractor() -> Callable[[str], str | None]:
    from datatrove.pipeline.extractors import Trafilatura

    return Trafilatura().extract


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="shared data root or the benchmark folder")
    parser.add_argument("--bootstrap", type=int, default=1000, help="bootstrap samples for the ± (0: none)")
    parser.add_argument("--json", type=Path, help="also write the results (with per-document scores) here")
    parser.add_argument("--wcxb-every", type=int, default=1, help="WCXB: every n-th page only (quick runs)")
    parser.add_argument("--no-wcxb", action="store_true", help="scrapinghub only")
    parser.add_argument("--speed-only", action="store_true", help="only ours vs trafilatura defaults' speed")
    parser.add_argument("--speed-repeats", type=int, default=1, help="passes of the speed comparison per page set")
    parser.add_argument("--model", help="ours with this selector model (e.g. "
                        "curation/extract/models/selector_lines.json); default the shipped one")
    parser.add_argument("--articles", type=Path, help="also score a fresh article set in mozilla/readability's "
                        "test-pages layout (<name>/source.html + expected.html), e.g. /work/data/articles/readability")
    args = parser.parse_args(argv)

    # trafilatura logs a WARNING for every page it discards; the counts below say it better.
    logging.getLogger("trafilatura").setLevel(logging.ERROR)

    data_dir = resolve_data_dir(args.data)
    if not (data_dir / "ground-truth.json").is_file():
        parser.error(f"no ground-truth.json under {args.data}")

    # Warm up (imports, lazily built tables) outside the timings.
    _, raw, _ = next(iter_pages(data_dir))
    trafilatura.extract(decode_html(raw))

    results = {}
    if args.speed_only:
        results["speed"] = print_speed(args.data, data_dir, args.wcxb_every, args.model, not args.no_wcxb, args.speed_repeats)
        return _write(args.json, results)
    if not args.no_wcxb:
        results["wcxb"] = run_wcxb(args.data, args.wcxb_every, args.model)
        print_wcxb(results["wcxb"])

    datatrove_extract = _datatrove_extractor()
    runs: list[tuple[str, Callable[[str], str | None], bool]] = [
        ("ours (auto)", lambda html: extract_main_text(html, model=args.model), False),
        ("ours, method trafilatura", lambda html: extract_main_text(html, method="trafilatura"), False),
        ("trafilatura defaults", trafilatura.extract, False),
        ("benchmark's trafilatura run", lambda html: trafilatura.extract(html, include_comments=False), False),
        ("datatrove Trafilatura", datatrove_extract, True),
        ("datatrove, 2nd pass same pages", datatrove_extract, False),
    ]

    print(f"\nscrapinghub, trafilatura {trafilatura.__version__}; data: {data_dir}")
    print(f"method trafilatura: {DEFAULT_OPTIONS}")
    header = f"{'extractor':<32} {'precision':>15} {'recall':>15} {'F1':>15} {'empty':>5} {'docs/s':>7}"
    print(header)
    print("-" * len(header))
    for name, fn, fresh_cache in runs:
        if fresh_cache:
            reset_caches()  # empties trafilatura's process-global dedup LRU (among others)
        r = evaluate_dir(fn, data_dir, n_bootstrap=args.bootstrap, decode=decode_html)
        results[name] = r

        def cell(key: str, r: dict = r) -> str:
            ci = r.get(f"{key}_ci")
            return f"{r[key]:.3f}" + (f" ± {ci:.3f}" if ci is not None else "")

        print(
            f"{name:<32} {cell('precision'):>15} {cell('recall'):>15} {cell('f1'):>15} "
            f"{r['n_empty']:>5} {r['docs_per_s']:>7.1f}",
            flush=True,
        )
    print(f"({results[runs[0][0]]['n_docs']} documents; empty = outputs without a single token)")
    if args.articles is not None:
        results["articles"] = print_articles(args.articles, args.bootstrap)
    results["speed"] = print_speed(args.data, data_dir, args.wcxb_every, args.model, False, args.speed_repeats)
    return _write(args.json, results)


def print_articles(root: Path, n_bootstrap: int) -> dict[str, dict] | None:
    """The fresh article set (``curation.extract.articles``): trafilatura defaults and both selectors, same run."""
    if not root.is_dir():
        print(f"\narticle set skipped: {root} is not a directory (see curation/extract/articles.py for the source)")
        return None
    pages = list(iter_article_pages(root))
    if not pages:
        print(f"\narticle set skipped: {root} holds no <name>/source.html + expected.html page folder of a saved page")
        return None
    runs: dict[str, Callable[[str], str | None]] = {
        "ours (auto, selector.json)": lambda html: extract_main_text(html, model=str(MODEL_PATH)),
        "ours (auto, selector_lines.json)": lambda html: extract_main_text(html, model=str(LINES_SELECTOR_PATH)),
        "trafilatura defaults": trafilatura.extract,
    }
    print(f"\narticle set {root} ({len(pages)} pages; truth: readability.js's output), shingle scores")
    out = {}
    for name, fn in runs.items():
        r = out[name] = evaluate_pages(fn, pages, n_bootstrap=n_bootstrap, decode=decode_html)
        ci = f" ± {r['f1_ci']:.3f}" if "f1_ci" in r else ""
        print(f"{name:<34} P {r['precision']:.3f}  R {r['recall']:.3f}  F1 {r['f1']:.3f}{ci}  empty {r['n_empty']}",
              flush=True)
    return out


def print_speed(data: Path, scrapinghub_dir: Path, every: int, model: str | None, wcxb: bool,
                repeats: int = 1) -> dict[str, list[dict]]:
    """The speed goal: ours / trafilatura defaults in docs per CPU-second, same run, on each page set
    (``repeats`` passes each: on a shared machine one pass's ratio moves by a few percent)."""
    sets = {"scrapinghub": ([decode_html(raw) for _, raw, _ in iter_pages(scrapinghub_dir)], None)}
    if wcxb:
        from curation.extract.wcxb import iter_wcxb

        pages = list(iter_wcxb(data))[::every]
        sets["WCXB dev"] = ([decode_html(p.raw) for p in pages], [p.url for p in pages])
    print("\nspeed, docs per CPU-second, interleaved page by page (in-process | through the sandbox)")
    out: dict[str, list[dict]] = {}
    for _ in range(repeats):
        for name, (htmls, urls) in sets.items():
            r = speed_vs_trafilatura(htmls, urls or [None] * len(htmls), model)
            out.setdefault(name, []).append(r)
            print(f"{name + ' (' + str(len(htmls)) + ')':<18} ours {r['ours docs/s']:6.1f} | {r['ours docs/s sandbox']:6.1f}"
                  f"   trafilatura defaults {r['trafilatura defaults docs/s']:6.1f} | "
                  f"{r['trafilatura defaults docs/s sandbox']:6.1f}   ratio {r['ratio']:.2f} | {r['ratio sandbox']:.2f}", flush=True)
    return out


def _write(path: Path | None, results: dict) -> int:
    if path:
        path.write_text(json.dumps(results, indent=1, sort_keys=True, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
