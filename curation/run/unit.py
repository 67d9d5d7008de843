"""Run the recipe's per-document stages over one work unit, on whichever Dask worker gets it.

The unit's outputs are staged first; its completion marker is written last, so a marker always
means the outputs are durably in place (``--resume`` trusts markers and nothing else).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from typing import Any

import fsspec
import polars as pl
from datatrove.data import Document
from datatrove.pipeline.base import PipelineStep
from datatrove.pipeline.filters.base_filter import BaseFilter

from curation.core.stage import side_records_of, side_schema_of
from curation.core.step import CurationStep
from curation.core.view import UnitView
from curation.io.columns import table_from_rows
from curation.io.files import exists, file_digest, read_json, write_json_atomic, write_parquet_atomic
from curation.recipe.model import Recipe
from curation.run.layout import RunLayout
from curation.run.sinks import DocumentSink, RejectCollector
from curation.run.staged import StagedReader
from curation.run.units import UnitTask, WorkUnit
from curation.stages.registry import build_steps

#: datatrove per-document measurements that are not counters.
MEASUREMENTS = {"doc_len", "doc_len_tokens", "media_size", "batches"}
#: datatrove filter counters that repeat the in/out/dropped the runner measures itself.
REDUNDANT = {"total", "forwarded", "dropped"}


def make_reader(unit: WorkUnit, recipe: Recipe) -> CurationStep:
    from curation.readers import make_reader as reader_for

    spec = recipe.inputs[unit.group]
    fields = {"text_field": spec.text_field, "id_field": spec.id_field, "url_field": spec.url_field}
    return reader_for(unit.format, unit.path, spec.source, unit.rel_path, max_bytes=int(spec.max_bytes),
                      fields=fields, options=spec.options, start=unit.start, end=unit.end)


class _Count:
    def __init__(self) -> None:
        self.n = 0

    def through(self, docs: Iterator[Document]) -> Iterator[Document]:
        for doc in docs:
            self.n += 1
            yield doc


def counters(step: PipelineStep) -> dict[str, int]:
    skip = MEASUREMENTS | (REDUNDANT if isinstance(step, BaseFilter) else set())
    return {k: int(v.total) for k, v in sorted(step.stats.stats.items()) if k not in skip}


def _quiet_datatrove() -> None:
    """datatrove logs through loguru at INFO; on workers, keep only its warnings."""
    import sys

    from loguru import logger

    logger.remove()
    logger.add(sys.stderr, level="WARNING")
    logging.getLogger("trafilatura").setLevel(logging.ERROR)


def _publish_removed(view: UnitView, url: str) -> dict[str, Any] | None:
    """The rows global stages removed from this unit, as a sidecar (their ``row`` is internal)."""
    frames = []
    for f in view.removed:
        with fsspec.open(f, "rb") as fh:
            frames.append(pl.read_parquet(fh))
    if not frames:
        return None
    table = pl.concat(frames).sort("row").drop("row").to_arrow()
    write_parquet_atomic(table, url)
    size, sha = file_digest(url)
    return {"rows": table.num_rows, "bytes": size, "sha256": sha}


def _publish_sidecars(names: list[str], steps: list[PipelineStep], url_pattern: str) -> dict[str, Any]:
    """Records a stage keeps beside the documents (``side_records``: e.g. what decontamination cut)."""
    out: dict[str, Any] = {}
    for name, step in zip(names, steps):
        records = side_records_of(step)
        if not records:
            continue
        url = url_pattern.replace("{stage}", name)
        # not pa.Table.from_pylist: that imports pandas (io/columns.py)
        write_parquet_atomic(table_from_rows(records, side_schema_of(step)), url)
        size, sha = file_digest(url)
        out[name] = {"rows": len(records), "bytes": size, "sha256": sha}
    return out


def run_unit(task: UnitTask, recipe: Recipe, run_dir: str, n_units: int, resume: bool = False) -> dict[str, Any]:
    """One pass over one unit; returns its summary (also stored as its completion marker)."""
    unit = task.unit
    paths = RunLayout(run_dir).unit(unit.key, task.pass_no)
    if resume and exists(paths["marker"]):
        return read_json(paths["marker"])
    _quiet_datatrove()
    started = time.perf_counter()
    reader = make_reader(unit, recipe) if task.view is None else StagedReader(task.view)
    steps = build_steps(list(task.specs))
    names = [spec.name for spec in task.specs]  # a stage's name is its recipe entry's, not an attribute of the block
    rejects = RejectCollector(keep_text=recipe.output.keep_rejected_text)
    out = recipe.output
    # a bad value from the input is the read stage's bad record; a staged pass's input was checked (a
    # stage that writes a bad value fails the unit, loudly)
    skip = (lambda where, reason, detail: reader.skip(f"{unit.rel_path}: {where}", reason, detail)) \
        if task.view is None else None
    sink = DocumentSink(paths["docs"], out.tokenizer, out.row_group_rows, skip=skip)

    read_count = _Count()
    stream = read_count.through(reader.run(None, rank=unit.index, world_size=n_units))
    in_counts: list[_Count] = []
    for name, step in zip(names, steps):
        if isinstance(step, BaseFilter) and out.keep_rejected:
            step.exclusion_writer = rejects.for_stage(name)
        count = _Count()
        in_counts.append(count)
        stream = step.run(count.through(stream), rank=unit.index, world_size=n_units)
    try:
        for doc in stream:
            sink.add(doc)
    except BaseException:
        sink.abort()
        raise
    sink.close()
    reader.log_skip_summary(unit.rel_path)

    stages = [{"name": "read", "in": None, "out": read_count.n, "counters": counters(reader)}] if task.view is None else []
    for i, step in enumerate(steps):
        n_out = in_counts[i + 1].n if i + 1 < len(steps) else sink.rows
        stages.append({"name": names[i], "in": in_counts[i].n, "out": n_out, "counters": counters(step)})
    result: dict[str, Any] = {
        "unit": unit.key,
        "path": unit.path,
        "rel_path": unit.rel_path,
        "group": unit.group,
        "range": [unit.start, unit.end],
        "rows": sink.rows,
        "tokens": sink.tokens,
        "text_bytes": sink.text_bytes,
        "stages": stages,
        "bad_records": list(reader.bad_records),
        "rejected": None,
        "removed": _publish_removed(task.view, paths["removed"]) if task.view is not None else None,
        "sidecars": _publish_sidecars(names, steps, paths["sidecars"]),
        "seconds": round(time.perf_counter() - started, 3),
        "input": None,
    }
    if out.keep_rejected and rejects.rows:
        rejects.write_parquet(paths["rejected"])
        size, sha = file_digest(paths["rejected"])
        result["rejected"] = {"rows": len(rejects.rows), "bytes": size, "sha256": sha}
    if unit.whole_file_owner and task.view is None:
        size, sha = file_digest(unit.path)
        result["input"] = {"bytes": size, "sha256": sha}
    write_json_atomic(result, paths["marker"])
    return result
