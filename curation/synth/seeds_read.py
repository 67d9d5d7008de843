"""A finished run's documents for seed curation, read from the shards its manifest lists without holding
the run's text: ``scan_run`` reads the small columns once (ids, sources, groups, scores, which rows are
empty), ``iter_texts`` then streams the text of the documents a step asks for, one row group at a time.

A mix writes a document once per epoch; seeds want each document once: its first-epoch row. Documents
with empty text are counted (``empty_text``) and skipped.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from typing import Iterable, Iterator

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
from fsspec.implementations.local import LocalFileSystem

from curation.io.files import exists, fs_and_path, read_json
from curation.run.layout import RunLayout
from curation.synth.seeds_config import SeedsError

#: Columns the seeds need from every shard (``group``, ``metadata`` and ``epoch`` are optional).
REQUIRED = ("id", "text", "source", "edu_score")
OPTIONAL = ("group", "metadata", "epoch")


@dataclass
class RunIndex:
    """One entry per non-empty document of the run, sorted by id; ``rows`` says where its text is."""

    urls: list[str]
    ids: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    groups: list[str | None] = field(default_factory=list)
    edu: list[float | None] = field(default_factory=list)
    rows: list[tuple[int, int, int]] = field(default_factory=list)  # (shard, row group, row in the group)
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


def _row_groups(url: str, columns: list[str], only: set[int] | None = None) -> Iterator[tuple[int, pa.Table]]:
    """(row group number, its ``columns``) of a shard, the row groups in ``only`` when given. A local
    shard is opened by path, as ``io.files.read_row_group`` does: arrow's threads then hold no Python
    buffer to free at exit."""
    fs, path = fs_and_path(url)
    with contextlib.ExitStack() as stack:
        if isinstance(fs, LocalFileSystem):
            pf = stack.enter_context(pq.ParquetFile(path))
        else:
            pf = pq.ParquetFile(stack.enter_context(fs.open(path, "rb")), pre_buffer=False)
        names = pf.schema_arrow.names
        missing = [c for c in REQUIRED if c not in names]
        if missing:
            raise SeedsError(f"{url}: no {', '.join(missing)} column (seeds need a run with the edu stage)")
        for g in range(pf.metadata.num_row_groups):
            if only is None or g in only:
                yield g, pf.read_row_group(g, columns=[c for c in columns if c in names])


def scan_run(run_dir: str, groups: list[str] | None = None) -> RunIndex:
    """Every document of the run once (its first epoch), sorted by id, without its text."""
    index = RunIndex(shard_urls(run_dir))
    best: dict[str, tuple] = {}
    counts = index.counts
    counts.update(rows=0, documents=0, empty_text=0, other_group=0)
    for s, url in enumerate(index.urls):
        for g, t in _row_groups(url, [*REQUIRED, "group", "epoch"]):
            n = t.num_rows
            counts["rows"] += n
            empty = pc.equal(pc.utf8_length(pc.utf8_trim_whitespace(pc.fill_null(t["text"], ""))), 0).to_pylist()
            col = {c: t[c].to_pylist() if c in t.column_names else [None] * n for c in ("id", "source", "edu_score", "group", "epoch")}
            for i in range(n):
                key = col["epoch"][i] or 0
                doc_id = col["id"][i]
                if doc_id in best and best[doc_id][0] <= key:
                    continue
                best[doc_id] = (key, (s, g, i), col["source"][i], col["group"][i], col["edu_score"][i], empty[i])
    for doc_id in sorted(best):
        _, where, source, group, edu, empty = best[doc_id]
        counts["documents"] += 1
        if empty:
            counts["empty_text"] += 1
        elif groups is not None and group not in groups:
            counts["other_group"] += 1
        else:
            index.ids.append(doc_id)
            index.sources.append(source)
            index.groups.append(group)
            index.edu.append(edu)
            index.rows.append(where)
    return index


def iter_texts(index: RunIndex, wanted: Iterable[int]) -> Iterator[tuple[int, str, str | None]]:
    """(document, text, metadata) of the ``wanted`` documents, in shard order, a row group at a time."""
    at: dict[int, dict[int, list[tuple[int, int]]]] = {}
    for d in wanted:
        s, g, i = index.rows[d]
        at.setdefault(s, {}).setdefault(g, []).append((i, d))
    for s in sorted(at):
        for g, t in _row_groups(index.urls[s], ["text", "metadata"], set(at[s])):
            rows = sorted(at[s][g])
            picked = t.take([i for i, _ in rows])
            texts = picked["text"].to_pylist()
            metas = picked["metadata"].to_pylist() if "metadata" in picked.column_names else [None] * len(rows)
            yield from ((d, text, meta) for (_, d), text, meta in zip(rows, texts, metas))
