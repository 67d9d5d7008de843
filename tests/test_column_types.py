"""Badly typed values are refused per document, never coerced: the columns are built from buffers
(io/columns.py), which would store ``"3"`` as 3, ``true`` as 1 and 2**70 as 1.18e21. A JSONL record's
unknown keys reach the promoted columns (edu_label, edu_score, language ...), so a run counts such a
record as ``bad_column_type`` (one line naming it) and writes the others."""

from __future__ import annotations

import json

import numpy as np
import polars as pl
import pytest
import yaml
from datatrove.data import Document

from curation.io.schema import column_type_error, documents_to_table
from curation.readers.jsonl import JsonlReader
from curation.recipe.load import load_recipe
from curation.run.driver import execute

BAD = [  # (record's extra keys, the column named)
    ({"edu_label": "3"}, "edu_label"),
    ({"edu_label": True}, "edu_label"),
    ({"edu_label": 2**64}, "edu_label"),
    ({"edu_score": "0.8"}, "edu_score"),
    ({"edu_score": 2**70}, "edu_score"),
    ({"edu_score": False}, "edu_score"),
    ({"language": 5}, "language"),
    ({"language_score": [0.5]}, "language_score"),
]
GOOD = [{}, {"edu_label": 3, "edu_score": 0.8, "language": "en"}, {"edu_score": 1, "edu_label": 2**63 - 1},
        {"edu_score": -(2**53), "language_score": 1}, {"edu_label": None, "url": None}]


def read_jsonl(path, records: list[dict]) -> list[Document]:
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    return list(JsonlReader(str(path)).run(None))


@pytest.mark.parametrize("extra,column", BAD)
def test_a_badly_typed_jsonl_record_is_refused_naming_the_column(tmp_path, extra, column):
    (doc,) = read_jsonl(tmp_path / "in.jsonl", [{"id": "r1", "text": "hello", **extra}])
    assert column_type_error(doc).startswith(f"column {column}: ")
    with pytest.raises(TypeError, match=f"^doc r1: column {column}: "):
        documents_to_table([doc])


def test_well_typed_values_are_stored_as_they_are(tmp_path):
    docs = read_jsonl(tmp_path / "in.jsonl", [{"id": f"g{i}", "text": "hi", **extra} for i, extra in enumerate(GOOD)])
    docs.append(Document(text="np", id="np", metadata={"edu_label": np.int64(4), "edu_score": np.float32(0.5)}))
    assert [column_type_error(d) for d in docs] == [None] * len(docs)
    table = documents_to_table(docs)
    assert table["edu_label"].to_pylist() == [None, 3, 2**63 - 1, None, None, 4]
    assert table["edu_score"].to_pylist() == [None, 0.8, 1.0, -(2.0**53), None, 0.5]


def test_a_run_counts_the_bad_records_and_writes_the_others(tmp_path, capfd):
    good = [{"id": f"good{i}", "text": f"A good document number {i}.", **extra} for i, extra in enumerate(GOOD)]
    bad = [{"id": f"bad{i}", "text": "A badly typed document.", **extra} for i, (extra, _) in enumerate(BAD)]
    rows = [r for pair in zip(good + [None] * len(bad), bad) for r in pair if r is not None]
    (tmp_path / "in.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    raw = {"name": "types", "inputs": [{"paths": [str(tmp_path / "in.jsonl")], "source": "web"}],
           "output": {"dir": str(tmp_path / "run")}, "pipeline": []}
    (tmp_path / "r.yaml").write_text(yaml.safe_dump(raw, sort_keys=False))
    result = execute(load_recipe(tmp_path / "r.yaml"), workers=1, progress=False)
    bad_records = result.manifest["bad_records"]
    assert bad_records["by_reason"] == {"bad_column_type": len(BAD)} and bad_records["total"] == len(BAD)
    assert {e["where"].rsplit(": ", 1)[-1] for e in bad_records["examples"]} == {f"doc bad{i}" for i in range(len(BAD))}
    assert all(e["detail"].startswith(f"column {col}: ") for e, (_, col) in zip(bad_records["examples"], BAD))
    shards = pl.read_parquet(f"{result.run_dir}/shards/*.parquet")
    assert sorted(shards["id"]) == sorted(r["id"] for r in good)
    assert "in.jsonl: doc bad0: bad_column_type (column edu_label: a str ('3'), not an integer)\n" in capfd.readouterr().err
