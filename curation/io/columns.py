"""Arrow columns from Python lists and NumPy arrays without importing pandas.

pyarrow imports pandas (~42 MiB RSS, ~0.2 CPU s) on the first conversion of any Python list or
NumPy array (``pa.array``, ``Table.from_pydict``, ``Table.from_pylist``): it asks whether the object
is a pandas one. Every Dask worker staging documents paid that, though no stage uses pandas. Here
the columns are assembled from their buffers (validity bitmap, offsets, values), which pyarrow
takes as they are: the same arrays, so the same parquet bytes (tests/test_columns.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pyarrow as pa

_NUMERIC = {pa.float64(): np.float64, pa.int64(): np.int64, pa.int32(): np.int32}


def _validity(values: Sequence[Any]) -> tuple[pa.Buffer | None, int]:
    """Arrow's validity bitmap (bit i set: value i present, least significant bit first)."""
    present = np.fromiter((v is not None for v in values), dtype=bool, count=len(values))
    nulls = len(values) - int(present.sum())
    return (pa.py_buffer(np.packbits(present, bitorder="little")) if nulls else None), nulls


def bool_array(mask: np.ndarray) -> pa.Array:
    """A boolean column (no nulls) from a NumPy mask, e.g. for ``Table.filter``."""
    mask = np.asarray(mask, dtype=bool)
    return pa.Array.from_buffers(pa.bool_(), len(mask), [None, pa.py_buffer(np.packbits(mask, bitorder="little"))])


def string_array(values: Sequence[str | None], type: pa.DataType = pa.string()) -> pa.Array:
    """A UTF-8 column (``string`` or ``large_string``); None is null."""
    data = [b"" if v is None else v.encode("utf-8") for v in values]
    ends = np.zeros(len(data) + 1, dtype=np.int64)
    np.cumsum(np.fromiter(map(len, data), dtype=np.int64, count=len(data)), out=ends[1:])
    if type != pa.large_string():
        if ends[-1] >= 2**31:
            raise pa.ArrowCapacityError(f"{ends[-1]} bytes of strings do not fit a 32-bit offset column")
        ends = ends.astype(np.int32)
    offsets = ends
    bitmap, nulls = _validity(values)
    return pa.Array.from_buffers(type, len(data), [bitmap, pa.py_buffer(offsets), pa.py_buffer(b"".join(data))], nulls)


def numeric_array(values: Sequence[float | int | None], type: pa.DataType) -> pa.Array:
    """A float64/int64/int32 column; None is null (its slot holds 0)."""
    dtype = _NUMERIC[type]
    array = np.fromiter((0 if v is None else v for v in values), dtype=dtype, count=len(values))
    bitmap, nulls = _validity(values)
    return pa.Array.from_buffers(type, len(values), [bitmap, pa.py_buffer(array)], nulls)


def table_from_columns(columns: dict[str, Sequence[Any]], schema: pa.Schema) -> pa.Table:
    """``pa.Table.from_pydict(columns, schema=schema)`` for string and numeric schemas, pandas-free."""
    arrays = []
    for field in schema:
        values = columns[field.name]
        if field.type in (pa.string(), pa.large_string()):
            arrays.append(string_array(values, field.type))
        elif field.type in _NUMERIC:
            arrays.append(numeric_array(values, field.type))
        else:
            raise TypeError(f"column {field.name!r}: type {field.type} is not built here")
        if not field.nullable and arrays[-1].null_count:
            raise pa.ArrowInvalid(f"column {field.name!r} is declared non-nullable but contains nulls")
    return pa.Table.from_arrays(arrays, schema=schema)


def table_from_rows(rows: Sequence[dict[str, Any]], schema: pa.Schema) -> pa.Table:
    """``pa.Table.from_pylist(rows, schema=schema)`` for string and numeric schemas, pandas-free; a
    key a row lacks is null."""
    return table_from_columns({name: [row.get(name) for row in rows] for name in schema.names}, schema)
