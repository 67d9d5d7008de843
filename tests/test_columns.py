"""Columns built from their buffers (curation/io/columns.py) equal pyarrow's own conversion, give the
same parquet bytes, and leave pandas unimported in a worker staging documents."""

from __future__ import annotations

import io
import math
import subprocess
import sys
import textwrap

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from curation.io.columns import bool_array, table_from_columns
from curation.io.schema import DOC_SCHEMA, REJECT_TEXT_SCHEMA

TEXTS = ["", "plain", "Größe", "日本語のテキスト", "emoji 🙂 and\nnew lines\t", "x" * 70_000, "\x00nul"]


def doc_columns(n: int, seed: int) -> dict[str, list]:
    rng = np.random.default_rng(seed)

    def maybe(value):
        return None if rng.random() < 0.3 else value

    return {
        "id": [f"doc-{i}" for i in range(n)],
        "text": [TEXTS[int(rng.integers(len(TEXTS)))] for _ in range(n)],
        "url": [maybe(f"https://example.org/{i}?q=é") for i in range(n)],
        "source": [maybe("web") for _ in range(n)],
        "language": [maybe("id") for _ in range(n)],
        "language_score": [maybe(float(rng.random())) for _ in range(n)],
        "token_count": [maybe(int(rng.integers(0, 2**40))) for _ in range(n)],
        "edu_score": [maybe(math.nan if rng.random() < 0.1 else -float(rng.random())) for _ in range(n)],
        "edu_label": [None] * n,
        "metadata": [maybe('{"k": "v"}') for _ in range(n)],
    }


def same(a: pa.Table, b: pa.Table) -> bool:
    """Equal schemas, null counts and values, NaN equal to NaN (``Table.equals`` says NaN != NaN)."""
    def values(t):
        return [["nan" if isinstance(v, float) and math.isnan(v) else v for v in c.to_pylist()] for c in t.columns]
    return a.schema == b.schema and [c.null_count for c in a.columns] == [c.null_count for c in b.columns] \
        and values(a) == values(b)


def parquet_bytes(table: pa.Table) -> bytes:
    sink = io.BytesIO()
    pq.write_table(table, sink, compression="zstd")
    return sink.getvalue()


@pytest.mark.parametrize("n,seed", [(0, 0), (1, 1), (7, 2), (9, 3), (1000, 4)])
def test_same_table_and_parquet_bytes_as_from_pydict(n, seed):
    cols = doc_columns(n, seed)
    ours, theirs = table_from_columns(cols, DOC_SCHEMA), pa.Table.from_pydict(cols, schema=DOC_SCHEMA)
    assert same(ours, theirs)
    assert parquet_bytes(ours) == parquet_bytes(theirs)
    rows = [{k: v[i] for k, v in cols.items() if k != "language_score"} | {"stage": "c4", "reason": None,
            "text_bytes": i} for i in range(n)]  # a missing key is null, as from_pylist has it
    rejects = table_from_columns({f: [r.get(f) for r in rows] for f in REJECT_TEXT_SCHEMA.names}, REJECT_TEXT_SCHEMA)
    assert same(rejects, pa.Table.from_pylist(rows, schema=REJECT_TEXT_SCHEMA))
    assert parquet_bytes(rejects) == parquet_bytes(pa.Table.from_pylist(rows, schema=REJECT_TEXT_SCHEMA))


def test_bool_array_and_refusals():
    mask = np.random.default_rng(5).random(77) < 0.5
    assert bool_array(mask).equals(pa.array(mask))
    table = pa.table({"x": list(range(77))})
    assert table.filter(bool_array(mask)).equals(table.filter(pa.array(mask)))
    cols = doc_columns(3, 6)
    cols["id"][1] = None
    with pytest.raises(pa.ArrowInvalid, match="'id'"):
        table_from_columns(cols, DOC_SCHEMA)
    with pytest.raises(TypeError, match="'flag'"):
        table_from_columns({"flag": [True]}, pa.schema([pa.field("flag", pa.bool_())]))


def test_staging_documents_imports_no_pandas():
    """What a worker does with every unit (kept and rejected rows, a shard's row filter) in a fresh
    process: pandas stays out, and pyarrow's own conversion would have brought it in."""
    code = textwrap.dedent("""
        import sys
        import numpy as np
        from datatrove.data import Document
        from curation.io.columns import bool_array
        from curation.io.schema import documents_to_table, rejects_to_table
        docs = [Document(text="Größe", id="a", metadata={"url": "u", "language": "de", "language_score": 0.9,
                                                         "token_count": 3, "extra": [1, 2]})]
        table = documents_to_table(docs)
        table.filter(bool_array(np.array([True])))
        rejects_to_table([{"id": "b", "stage": "c4", "reason": "too_few_sentences", "text_bytes": 4}])
        print("pandas" in sys.modules, end=" ")
        import pyarrow as pa
        pa.array([1, 2])
        print("pandas" in sys.modules)
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "True"]
