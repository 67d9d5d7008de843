"""The WCXB benchmark's data and metric: diverse real pages (7 page types) with main-content truth.

WCXB (Murrough-Foley/web-content-extraction-benchmark, CC-BY-4.0) scores an extractor by
**word-F1**: the lower-cased ``\\w+`` tokens of prediction and truth as bags (multisets), per-page
precision = overlap / predicted tokens, recall = overlap / true tokens, then each of P, R and F1
*averaged over pages* (an empty truth scores 1 for an empty prediction, else 0; an empty prediction
of a non-empty truth scores 0).  Written here from its ``evaluate.py``'s definition, not copied.

Pages are grouped by domain for cross-validation: a choice tuned on a site's pages must not be
scored on another page of the same site.
"""

from __future__ import annotations

import gzip
import json
import re
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

WCXB_SUBDIR = Path("extraction") / "wcxb-dev"
PAGE_TYPES = ("article", "service", "product", "collection", "forum", "listing", "documentation")

_TOKEN_RE = re.compile(r"\w+")


@dataclass(frozen=True)
class Page:
    id: str
    url: str
    domain: str
    page_type: str
    truth: str
    raw: bytes


def word_prf(pred: str | None, truth: str | None) -> tuple[float, float, float]:
    """Per-page word precision, recall, F1 (lower-cased ``\\w+`` bags)."""
    p = Counter(_TOKEN_RE.findall((pred or "").lower()))
    t = Counter(_TOKEN_RE.findall((truth or "").lower()))
    if not t:
        return (1.0, 1.0, 1.0) if not p else (0.0, 0.0, 0.0)
    if not p:
        return 0.0, 0.0, 0.0
    overlap = sum((p & t).values())
    precision, recall = overlap / sum(p.values()), overlap / sum(t.values())
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def summarize(scores: Iterable[tuple[str, tuple[float, float, float]]]) -> dict[str, dict[str, float]]:
    """``(page_type, (P, R, F1))`` pairs -> ``{type or "all": {precision, recall, f1, n}}`` (page means)."""
    groups: dict[str, list[tuple[float, float, float]]] = {}
    for page_type, prf in scores:
        groups.setdefault(page_type, []).append(prf)
        groups.setdefault("all", []).append(prf)
    return {
        key: {
            "precision": sum(s[0] for s in v) / len(v),
            "recall": sum(s[1] for s in v) / len(v),
            "f1": sum(s[2] for s in v) / len(v),
            "n": len(v),
        }
        for key, v in groups.items()
    }


#: Domains whose CRC-32 is 0 mod 5 (about a fifth of the pages) are never trained on: the shipped
#: selector's tests and its held-out figure use them.
HELD_OUT_BUCKETS = 5


def is_held_out(domain: str) -> bool:
    return zlib.crc32(domain.encode("utf-8")) % HELD_OUT_BUCKETS == 0


def domain_of(url: str) -> str:
    host = urlsplit(url).hostname or ""
    return host[4:] if host.startswith("www.") else host


def resolve_wcxb_dir(data_dir: str | Path) -> Path:
    """Accept the wcxb-dev folder itself or the shared data root above it."""
    data_dir = Path(data_dir)
    return data_dir if (data_dir / "ground-truth").is_dir() else data_dir / WCXB_SUBDIR


def iter_wcxb(data_dir: str | Path, ids: Iterable[str] | None = None) -> Iterator[Page]:
    """Every page (or those in ``ids``), in id order, with its raw HTML bytes."""
    root = resolve_wcxb_dir(data_dir)
    wanted = set(ids) if ids is not None else None
    for gt_file in sorted((root / "ground-truth").glob("*.json")):
        if wanted is not None and gt_file.stem not in wanted:
            continue
        record = json.loads(gt_file.read_text(encoding="utf-8"))
        page_type = ((record.get("_internal") or {}).get("page_type") or {}).get("primary", "article")
        url = record.get("url") or ""
        yield Page(
            id=gt_file.stem,
            url=url,
            domain=domain_of(url),
            page_type="collection" if page_type == "category" else page_type,
            truth=(record.get("ground_truth") or {}).get("main_content") or "",
            raw=gzip.decompress((root / "html" / f"{gt_file.stem}.html.gz").read_bytes()),
        )
