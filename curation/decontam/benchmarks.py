"""Benchmark files (JSONL, CSV, parquet) read as items: an id and the texts to index.

A recipe names each benchmark with a ready-made ``mapping`` or a generic layout::

    {name: gsm8k, paths: [gsm8k_test.jsonl], mapping: gsm8k}
    {name: mine, paths: [dir/], format: jsonl, fields: [q, a], id_field: id}

What is indexed, and why (the texts a web page would quote):

* ``gsm8k`` (JSONL ``question``, ``answer``): question + answer as stored, and again with the
  calculator annotations ``<<48/2=24>>`` removed, as solutions are usually reproduced;
* ``humaneval`` (JSONL ``task_id``, ``prompt``, ``canonical_solution``): prompt + solution, i.e.
  the whole function; the unit tests are not indexed (generic asserts are no evidence);
* ``mmlu`` (CSV without header: ``question, A, B, C, D, answer``): question + the four choices,
  both plain and labelled ``A. … B. …`` as quizzes print them; the answer letter is not indexed.
  Choices are stock phrases ("the chairman of the Joint Chiefs of Staff"), so an n-gram lying
  inside one choice is no evidence: only n-grams that reach into the question or across choices are.

An item's id is its ``id_field`` value, else ``<file name>:<record number>`` (1-based). Columns
are checked on each file's first record (a file with the wrong columns is an error naming the file
and the columns found); a later bad record is counted by reason and skipped.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal

import fsspec
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from curation.io.files import local_or_url

Format = Literal["jsonl", "csv", "parquet"]
EXTENSIONS = {
    "jsonl": (".jsonl", ".jsonl.gz", ".jsonl.zst", ".json", ".json.gz"),
    "csv": (".csv", ".csv.gz"),
    "parquet": (".parquet",),
}
_CALC = re.compile(r"<<[^<>]*>>")


@dataclass(frozen=True)
class Layout:
    """How one kind of benchmark file is read: its format, indexed fields, id and extra renderings."""

    format: Format
    fields: tuple[str, ...]
    id_field: str | None = None
    columns: tuple[str, ...] | None = None  # column names of a CSV without header
    views: tuple[str, ...] = ()  # extra renderings: "no_calc", "labelled"
    choices: tuple[str, ...] = ()  # fields whose inner n-grams are no evidence

    def describe(self) -> dict[str, Any]:
        return {"format": self.format, "fields": list(self.fields), "id_field": self.id_field,
                "columns": list(self.columns) if self.columns else None, "views": list(self.views),
                "choices": list(self.choices)}


MAPPINGS: dict[str, Layout] = {
    "gsm8k": Layout("jsonl", ("question", "answer"), views=("no_calc",)),
    "humaneval": Layout("jsonl", ("prompt", "canonical_solution"), id_field="task_id"),
    "mmlu": Layout("csv", ("question", "A", "B", "C", "D"), columns=("question", "A", "B", "C", "D", "answer"),
                   views=("labelled",), choices=("A", "B", "C", "D")),
}


class BenchmarkSpec(BaseModel):
    """One benchmark of a ``decontaminate`` stage; files are checked when the recipe is loaded."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(pattern=r"^[A-Za-z0-9_.-]+$")
    paths: list[str] = Field(min_length=1, description="files, folders or globs; local paths or fsspec URLs")
    mapping: Literal["gsm8k", "humaneval", "mmlu"] | None = None
    format: Format | None = None
    fields: list[str] | None = Field(None, min_length=1)
    id_field: str | None = None
    columns: list[str] | None = Field(None, description="column names of a CSV file without a header row")

    @field_validator("paths", mode="before")
    @classmethod
    def _one_or_many(cls, v: Any) -> Any:
        return [v] if isinstance(v, str) else v

    @model_validator(mode="after")
    def _check_files(self) -> BenchmarkSpec:
        if self.mapping and (self.format or self.fields or self.columns):
            raise ValueError(f"benchmark {self.name}: give either `mapping` or `format` + `fields`, not both")
        if not self.mapping and not (self.format and self.fields):
            raise ValueError(f"benchmark {self.name}: give a `mapping` ({', '.join(MAPPINGS)}) or `format` + `fields`")
        if self.columns and self.format != "csv":
            raise ValueError(f"benchmark {self.name}: `columns` names the columns of a CSV file without header")
        for path in self.files():
            check_columns(path, self)
        return self

    @property
    def layout(self) -> Layout:
        if self.mapping:
            base = MAPPINGS[self.mapping]
            return base if not self.id_field else Layout(base.format, base.fields, self.id_field, base.columns, base.views,
                                                         base.choices)
        return Layout(self.format, tuple(self.fields), self.id_field, tuple(self.columns) if self.columns else None)

    @property
    def what(self) -> str:
        return f"mapping {self.mapping}" if self.mapping else f"benchmark {self.name}"

    def files(self) -> list[str]:
        """Every file the paths name, sorted per path; a path naming nothing is an error."""
        exts = EXTENSIONS[self.layout.format]
        out: list[str] = []
        for raw in self.paths:
            url = local_or_url(raw)
            fs, path = fsspec.core.url_to_fs(url)
            proto = url.split("://", 1)[0] + "://" if "://" in url else ""
            if any(c in path for c in "*?["):
                found = sorted(p for p in fs.glob(path) if fs.isfile(p))
            elif fs.isdir(path):
                found = sorted(p for p in fs.find(path) if p.endswith(exts))
            elif fs.isfile(path):
                found = [path]
            else:
                raise ValueError(f"{raw}: benchmark file not found")
            if not found:
                raise ValueError(f"{raw}: no {self.layout.format} benchmark files there ({', '.join(exts)})")
            out += [proto + p if proto else p for p in found]
        return out


def _name(path: str) -> str:
    return path.rstrip("/").rsplit("/", 1)[-1]


def _open_text(path: str):
    return fsspec.open(path, "rt", compression="infer", encoding="utf-8", newline="")


def _wrong(path: str, spec: BenchmarkSpec, found: list[str] | str) -> ValueError:
    layout = spec.layout
    needs = list(layout.fields) + ([layout.id_field] if layout.id_field else [])
    if layout.columns:
        need = f"{len(layout.columns)} columns ({', '.join(layout.columns)})"
    else:
        need = f"fields {', '.join(needs)}"
    shown = found if isinstance(found, str) else (", ".join(found) or "nothing")
    return ValueError(f"{path}: {spec.what} needs {need}; found: {shown}")


def check_columns(path: str, spec: BenchmarkSpec) -> None:
    """Raise a one-line ValueError naming ``path`` and the columns found when they do not fit."""
    layout = spec.layout
    needs = set(layout.fields) | ({layout.id_field} if layout.id_field else set())
    if layout.format == "parquet":
        import pyarrow.parquet as pq  # here: a recipe is validated (these checks run) without pyarrow

        with fsspec.open(path, "rb") as fh:
            names = pq.read_schema(fh).names
        if not needs <= set(names):
            raise _wrong(path, spec, names)
        return
    with _open_text(path) as fh:
        if layout.format == "csv":
            row = next(csv.reader(fh), None)
            if row is None:
                raise _wrong(path, spec, "an empty file")
            if layout.columns:
                if len(row) != len(layout.columns):
                    raise _wrong(path, spec, f"{len(row)} columns in the first row")
            elif not needs <= set(row):
                raise _wrong(path, spec, row)
            return
    for rec in _records(path, layout):  # the first JSON object decides; bad lines are counted when read
        if isinstance(rec, dict):
            if not needs <= set(rec):
                raise _wrong(path, spec, list(rec))
            return
    raise _wrong(path, spec, "no JSON records")


def _records(path: str, layout: Layout) -> Iterator[dict[str, Any] | str]:
    """Records of one file as dicts, or a reason string for a record that cannot be read."""
    if layout.format == "parquet":
        import pyarrow.parquet as pq

        with fsspec.open(path, "rb") as fh:
            pf = pq.ParquetFile(io.BytesIO(fh.read()))
        for batch in pf.iter_batches(batch_size=4096):
            yield from batch.to_pylist()
        return
    with _open_text(path) as fh:
        if layout.format == "csv":
            reader = csv.reader(fh) if layout.columns else csv.DictReader(fh)
            for row in reader:
                if layout.columns:
                    yield dict(zip(layout.columns, row)) if len(row) == len(layout.columns) else "wrong_column_count"
                else:
                    yield row if None not in row else "wrong_column_count"
            return
        for line in fh:
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except ValueError:
                yield "bad_json"
                continue
            yield rec if isinstance(rec, dict) else "not_an_object"


Segment = tuple[str, bool]  # a piece of a rendering, and whether it is one answer choice


def views(layout: Layout, values: list[str]) -> list[list[Segment]]:
    """The renderings of one item that get indexed (the first is the item's canonical text)."""
    choice = [f in layout.choices for f in layout.fields]
    out = [list(zip(values, choice))]
    if "no_calc" in layout.views:
        out.append([(_CALC.sub("", v), c) for v, c in zip(values, choice)])
    if "labelled" in layout.views:
        labels = iter("ABCDEFGHIJ")
        out.append([(f"{next(labels)}. {v}" if c else v, c) for v, c in zip(values, choice)])
    return out


def iter_items(spec: BenchmarkSpec, skipped: Counter) -> Iterator[tuple[str, list[list[Segment]]]]:
    """(item id, texts to index) for every good record of the benchmark; bad ones go to ``skipped``."""
    layout = spec.layout
    for path in spec.files():
        check_columns(path, spec)
        for k, rec in enumerate(_records(path, layout), start=1):
            if isinstance(rec, str):
                skipped[rec] += 1
                continue
            values = [rec.get(f) for f in layout.fields]
            if any(v is None for v in values):
                skipped["missing_field"] += 1
                continue
            if not all(isinstance(v, (str, int, float)) for v in values):
                skipped["field_not_text"] += 1
                continue
            item_id = rec.get(layout.id_field) if layout.id_field else None
            if layout.id_field and item_id is None:
                skipped["missing_id"] += 1
                continue
            yield (str(item_id) if item_id is not None else f"{_name(path)}:{k}"), views(layout, [str(v) for v in values])
