"""Extraction speed for ``extraction_quality.py``: CPU seconds per extractor, interleaved page by page.

In-process, every extractor runs on page 1, then every one on page 2, ...: on a shared, loaded machine
load changes hit all extractors alike.  Through the sandbox (the extraction child process, pickles over
pipes, as the pipeline runs it) a page costs the child's CPU time plus the parent's (pickling, waiting).
Timings are CPU seconds (``time.process_time``, psutil for the child), so waiting for a core is not
counted; compare extractors by their ratio within one run.  Every extractor gets its own copy of the
page's ``str``: pickling a ``str`` caches its UTF-8 form inside it, so whichever ran first through
the sandbox paid the encoding for the others (0.14 ms per news page in the parent).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import Any

import psutil
import trafilatura

from curation.extract.html_to_text import extract_main_text
from curation.extract.sandbox import Sandbox

#: Sandbox options that make ``extract_main_text(method="trafilatura")`` trafilatura's own defaults.
TRAFILATURA_DEFAULTS_VIA_OURS = {"method": "trafilatura", "favor_precision": False, "include_comments": True}


def _fresh(html: str) -> str:
    """An equal ``str`` that is another object, with no cached UTF-8 form."""
    return html.encode("utf-8", "surrogatepass").decode("utf-8", "surrogatepass")


def interleaved(fns: dict[str, Callable[[str, str | None], str | None]], htmls: Sequence[str],
                urls: Sequence[str | None]) -> tuple[dict[str, list[str]], dict[str, float]]:
    """``{name: texts}`` and ``{name: CPU seconds}`` for every ``fn(html, url)``, interleaved."""
    texts: dict[str, list[str]] = {name: [] for name in fns}
    seconds = dict.fromkeys(fns, 0.0)
    for html, url in zip(htmls, urls):
        for name, fn in fns.items():
            page = _fresh(html)
            start = time.process_time()
            text = fn(page, url)
            seconds[name] += time.process_time() - start
            texts[name].append(text or "")
    return texts, seconds


def _cpu(box: Sandbox) -> float:
    """CPU seconds of this process and of ``box``'s child: what a page costs through the sandbox."""
    t = psutil.Process(box.proc.pid).cpu_times()
    return time.process_time() + t.user + t.system


def sandboxed(runs: dict[str, dict[str, Any]], htmls: Sequence[str], urls: Sequence[str | None]) -> dict[str, float]:
    """CPU seconds per run (``{name: extract_main_text options}``; the child's and the pickling parent's)
    through one warm sandbox each, interleaved."""
    boxes = {name: Sandbox() for name in runs}
    seconds = dict.fromkeys(runs, 0.0)
    try:
        for name, box in boxes.items():
            box.call(htmls[0], urls[0], runs[name], timeout=60)  # start-up outside the timing
        for html, url in zip(htmls, urls):
            for name, box in boxes.items():
                page = _fresh(html)
                start = _cpu(box)
                box.call(page, url, runs[name], timeout=60)
                seconds[name] += _cpu(box) - start
        return seconds
    finally:
        for box in boxes.values():
            box.close()


def speed_vs_trafilatura(htmls: Sequence[str], urls: Sequence[str | None], model: str | None = None) -> dict[str, float]:
    """Docs per CPU-second of ours (``method: auto``) and of trafilatura's defaults, in-process and
    through the sandbox, interleaved, with the ratios ours / trafilatura defaults."""
    fns = {"ours": lambda html, url: extract_main_text(html, url, model=model),
           "trafilatura defaults": lambda html, url: trafilatura.extract(html, url=url)}
    _, cpu = interleaved(fns, htmls, urls)
    boxed = sandboxed({"ours": {"model": model} if model else {}, "trafilatura defaults": TRAFILATURA_DEFAULTS_VIA_OURS},
                      htmls, urls)
    n = len(htmls)
    out = {f"{name} docs/s": n / s for name, s in cpu.items()}
    out.update({f"{name} docs/s sandbox": n / s for name, s in boxed.items()})
    out["ratio"] = cpu["trafilatura defaults"] / cpu["ours"]
    out["ratio sandbox"] = boxed["trafilatura defaults"] / boxed["ours"]
    return out
