"""The WCXB dev part of ``extraction_quality.py``: word-F1 per page type and docs/s/core, ours cross-validated.

``ours (CV)`` is the selector's choice where each page is chosen by a model trained (on the fly,
same settings as the shipped one) on the other folds' domains only: a score on pages the model never
saw.  Its docs/s is the shipped extractor end to end (``extract_main_text``), in-process and through
the extraction sandbox (child process, pickles over pipes) as the pipeline runs it; trafilatura
defaults are also timed through the sandbox so that the two sandboxed rows compare like for like.
Timings are CPU seconds (``time.process_time``; through the sandbox, the child's CPU time plus the
parent's), so a shared, loaded machine does not count waiting for a core; the extractors are
interleaved page by page.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import trafilatura
from resiliparse.extract.html2text import extract_plain_text

from curation.extract.html_to_text import decode_html, extract_main_text
from curation.extract.selector import MODEL_PATH, default_selector
from curation.extract.train_selector import collect, cross_validate
from curation.extract.wcxb import PAGE_TYPES, iter_wcxb, summarize, word_prf

from _extract_speed import TRAFILATURA_DEFAULTS_VIA_OURS, interleaved, sandboxed  # beside this file

BASELINES: dict[str, Callable[[str, str], str | None]] = {
    "trafilatura defaults": lambda html, url: trafilatura.extract(html, url=url),
    "trafilatura favor_precision": lambda html, url: trafilatura.extract(html, url=url, favor_precision=True),
    "resiliparse": lambda html, url: extract_plain_text(html, main_content=True),
}


def run_wcxb(data: Path, every: int = 1, model: str | None = None) -> dict[str, dict[str, Any]]:
    """``{extractor: {page type or "all": {precision, recall, f1, n}, "docs_per_s": ...}}``."""
    pages = list(iter_wcxb(data))[::every]
    htmls = [decode_html(p.raw) for p in pages]
    results: dict[str, dict[str, Any]] = {}

    rows = collect(pages)
    with_lines = "lines" in default_selector(str(model or MODEL_PATH)).candidates  # cross-validate what runs
    htmls_by_id = {p.id: h for p, h in zip(pages, htmls)}
    chosen = cross_validate(rows, {p.id: p.truth for p in pages}, htmls_by_id, with_lines)["chosen"]
    results["ours (CV)"] = summarize((r.page_type, r.scores[chosen[r.page_id]]) for r in rows)
    results["ours (CV)"]["chosen"] = {c: sum(chosen[r.page_id] == c for r in rows) for c in rows[0].texts}

    fns = {"ours (CV)": lambda html, url: extract_main_text(html, url, model=model), **BASELINES}
    urls = [p.url for p in pages]
    texts, seconds = interleaved(fns, htmls, urls)
    for name in BASELINES:
        results[name] = summarize((p.page_type, word_prf(t, p.truth)) for p, t in zip(pages, texts[name]))
    for name in fns:
        results[name]["docs_per_s"] = len(pages) / seconds[name]
    runs = {"ours (CV)": {"model": model} if model else {}, "trafilatura defaults": TRAFILATURA_DEFAULTS_VIA_OURS}
    boxed = sandboxed(runs, htmls, urls)
    for name, secs in boxed.items():
        results[name]["docs_per_s_sandbox"] = len(pages) / secs
    return results


def print_wcxb(results: dict[str, dict[str, Any]]) -> None:
    keys = tuple(k for k in (*PAGE_TYPES, "all") if k in results["ours (CV)"])  # a subsample may lack a type
    n = {k: results["ours (CV)"][k]["n"] for k in keys}
    print("\nWCXB dev: word-F1 (P/R for 'all'); docs per CPU-second in-process and through the sandbox")
    print(f"{'extractor':<28}" + "".join(f"{k[:7] + ' ' + str(n[k]):>13}" for k in keys) + f"{'P':>7}{'R':>7}{'docs/s':>8}{'sandbox':>8}")
    for name, r in results.items():
        sandbox = r.get("docs_per_s_sandbox")
        print(
            f"{name:<28}" + "".join(f"{r[k]['f1']:>13.3f}" for k in keys)
            + f"{r['all']['precision']:>7.3f}{r['all']['recall']:>7.3f}{r['docs_per_s']:>8.1f}"
            + (f"{sandbox:>8.1f}" if sandbox else f"{'':>8}"),
            flush=True,
        )
    print("per-type precision/recall:")
    for name, r in results.items():
        print(f"  {name:<26}" + "".join(f"{r[k]['precision']:>7.2f}/{r[k]['recall']:.2f}" for k in keys[:-1]))
    print(f"ours (CV) chose: {results['ours (CV)']['chosen']}")
    ours, anchor = results["ours (CV)"], results["trafilatura defaults"]
    print(f"speed ratio ours / trafilatura defaults (docs per CPU-second, same run): in-process "
          f"{ours['docs_per_s'] / anchor['docs_per_s']:.2f}, sandbox "
          f"{ours['docs_per_s_sandbox'] / anchor['docs_per_s_sandbox']:.2f}")
