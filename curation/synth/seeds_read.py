"""A finished run's documents for seed curation: the shards its manifest lists, one row per document.

A mix writes a document once per epoch; seeds want each document once, so rows are reduced to the
first epoch of each id. Documents with empty text are counted (``empty_text``) and skipped.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pyarrow as pa
import pyarrow.parquet as pq

from curation.io.files import exists, fs_and_path, read_json
from curation.run.layout import RunLayout
from curation.synth.seeds_config import SeedsError

#: Columns the seeds need from every shard (``group`` and ``metadata`` are optional).
REQUIRED = ("id", "text", "source", "edu_score")
OPTIONAL = ("group", "metadata", "epoch")


@dataclass
class RunDocs:
    """One row per document of the run, sorted by id; ``counts`` says what was skipped."""

    ids: list[str]
    texts: list[str]
    sources: list[str]
    groups: list[str | None]
    edu: list[float | None]
    metadata: list[str | None]
    counts: dict[str, int] = field(default_factory=dict)


def shard_urls(run_dir: str) -> list[str]:
    """The shards a finished run's manifest lists, or ``SeedsError`` naming what is missing."""
    layout = RunLayout(run_dir.rstrip("/"))
    if not exists(layout.manifest):
        raise SeedsError(f"{layout.manifest}: not found (not a finished run folder)")
    try:
        manifest = read_json(layout.manifest)
    except ValueError as exc:
        raise SeedsError(f"{layout.manifest}: not valid JSON ({exc})") from None
    outputs = manifest.get("outputs") if isinstance(manifest, dict) else None
    if not outputs:
        raise SeedsError(f"{layout.manifest}: lists no shards (outputs is empty)")
    urls = [layout.url(o["path"]) for o in outputs]
    for url in urls:
        if not exists(url):
            raise SeedsError(f"{url}: shard listed in the manifest is missing")
    return urls


def _read_shard(url: str) -> pa.Table:
    fs, path = fs_and_path(url)
    with fs.open(path, "rb") as fh:
        names = pq.read_schema(fh).names
    missing = [c for c in REQUIRED if c not in names]
    if missing:
        raise SeedsError(f"{url}: no {', '.join(missing)} column (seeds need a run with the edu stage)")
    with fs.open(path, "rb") as fh:
        return pq.read_table(fh, columns=[c for c in (*REQUIRED, *OPTIONAL) if c in names])


def read_run(run_dir: str, groups: list[str] | None = None) -> RunDocs:
    """Every document of the run once (its first epoch), sorted by id; empty texts counted and skipped."""
    rows: dict[str, tuple] = {}
    counts = {"rows": 0, "documents": 0, "empty_text": 0, "other_group": 0}
    for url in shard_urls(run_dir):
        t = _read_shard(url).to_pydict()
        n = len(t["id"])
        counts["rows"] += n
        for i in range(n):
            key = (t["epoch"][i] or 0) if "epoch" in t else 0
            doc_id = t["id"][i]
            if doc_id in rows and rows[doc_id][0] <= key:
                continue
            rows[doc_id] = (key, t["text"][i], t["source"][i], t.get("group", [None] * n)[i],
                            t["edu_score"][i], t.get("metadata", [None] * n)[i])
    out = RunDocs([], [], [], [], [], [], counts)
    for doc_id in sorted(rows):
        _, text, source, group, edu, meta = rows[doc_id]
        counts["documents"] += 1
        if not text or not text.strip():
            counts["empty_text"] += 1
            continue
        if groups is not None and group not in groups:
            counts["other_group"] += 1
            continue
        out.ids.append(doc_id)
        out.texts.append(text)
        out.sources.append(source)
        out.groups.append(group)
        out.edu.append(edu)
        out.metadata.append(meta)
    return out
