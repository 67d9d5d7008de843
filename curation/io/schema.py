"""The one schema every shard has, and the conversion of datatrove Documents into it."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

import numpy as np
import pyarrow as pa
from datatrove.data import Document

from curation.io.columns import table_from_columns, table_from_rows

#: Columns promoted out of ``Document.metadata``; everything else goes to the JSON ``metadata`` column.
PROMOTED = ("url", "source", "language", "language_score", "token_count", "edu_score", "edu_label")

DOC_SCHEMA = pa.schema(
    [
        pa.field("id", pa.string(), nullable=False),
        pa.field("text", pa.string(), nullable=False),
        pa.field("url", pa.string()),
        pa.field("source", pa.string()),
        pa.field("language", pa.string()),
        pa.field("language_score", pa.float64()),
        pa.field("token_count", pa.int64()),
        pa.field("edu_score", pa.float64()),  # educational value (null when no classifier ran)
        pa.field("edu_label", pa.int64()),
        pa.field("metadata", pa.string()),  # JSON object, keys sorted: stable bytes, any shape
    ]
)

#: A mixed shard: the documents plus the mix group that took them and the epoch (0 = first copy).
MIX_SCHEMA = DOC_SCHEMA.append(pa.field("group", pa.string())).append(pa.field("epoch", pa.int32()))

REJECT_SCHEMA = pa.schema(
    [
        pa.field("id", pa.string()),
        pa.field("url", pa.string()),
        pa.field("source", pa.string()),
        pa.field("stage", pa.string()),
        pa.field("reason", pa.string()),
        pa.field("language", pa.string()),
        pa.field("text_bytes", pa.int64()),
    ]
)


def metadata_json(metadata: dict[str, Any]) -> str:
    rest = {k: v for k, v in metadata.items() if k not in PROMOTED}
    out = json.dumps(rest, sort_keys=True, ensure_ascii=False, default=str)
    try:
        out.encode("utf-8")
    except UnicodeEncodeError:  # an unpaired surrogate somewhere: escape it, JSON stays valid UTF-8
        out = json.dumps(rest, sort_keys=True, ensure_ascii=True, default=str)
    return out


#: The promoted columns' Python types (NumPy scalars too: pyarrow took them); bool is no number here.
_STRING, _INT, _FLOAT = (str,), (int, np.integer), (int, float, np.integer, np.floating)
_COLUMN_TYPES = {"url": _STRING, "source": _STRING, "language": _STRING, "language_score": _FLOAT,
                 "token_count": _INT, "edu_score": _FLOAT, "edu_label": _INT}
_INT64 = (-(2**63), 2**63 - 1)


def column_type_error(doc: Document) -> str | None:
    """Why ``doc`` does not fit DOC_SCHEMA (``column <name>: <reason>``), or None when it does.

    The columns are built from buffers (io/columns.py), which would coerce what pyarrow refused
    (``"3"`` to 3, ``True`` to 1, an int past int64 to a float); a reader's unknown keys reach these
    columns unchecked, so each value is checked here, per document."""
    if not isinstance(doc.text, str):
        return f"column text: a {type(doc.text).__name__}, not a string"
    md = doc.metadata
    for name, types in _COLUMN_TYPES.items():
        value = md.get(name)
        if value is None:
            continue
        if isinstance(value, (bool, np.bool_)) or not isinstance(value, types):
            return f"column {name}: a {type(value).__name__} ({str(value)[:40]!r}), not {_KIND[types]}"
        if types is _INT and not _INT64[0] <= int(value) <= _INT64[1]:
            return f"column {name}: {value} does not fit int64"
        if types is _FLOAT and isinstance(value, (int, np.integer)) and abs(int(value)) > 2**53:
            return f"column {name}: {value} is not exactly a float64"
    return None


_KIND = {_STRING: "a string", _INT: "an integer", _FLOAT: "a number"}


def documents_to_table(docs: Iterable[Document]) -> pa.Table:
    """The documents as a DOC_SCHEMA table; a document ``column_type_error`` refuses raises (the
    sink skips those first, counted as ``bad_column_type``)."""
    cols: dict[str, list] = {name: [] for name in DOC_SCHEMA.names}
    for doc in docs:
        if (error := column_type_error(doc)) is not None:
            raise TypeError(f"doc {doc.id}: {error}")
        md = doc.metadata
        cols["id"].append(str(doc.id))
        cols["text"].append(doc.text)
        cols["url"].append(md.get("url"))
        cols["source"].append(md.get("source"))
        cols["language"].append(md.get("language"))
        score = md.get("language_score")
        cols["language_score"].append(None if score is None else float(score))
        cols["token_count"].append(md.get("token_count"))
        cols["edu_score"].append(md.get("edu_score"))
        cols["edu_label"].append(md.get("edu_label"))
        cols["metadata"].append(metadata_json(md))
    return table_from_columns(cols, DOC_SCHEMA)  # not pa.Table.from_pydict: that imports pandas


#: ``output.keep_rejected_text``: the rejected document's text (as the stage that dropped it saw it).
REJECT_TEXT_SCHEMA = REJECT_SCHEMA.append(pa.field("text", pa.large_string()))


def rejects_to_table(rows: list[dict[str, Any]], with_text: bool = False) -> pa.Table:
    return table_from_rows(rows, REJECT_TEXT_SCHEMA if with_text else REJECT_SCHEMA)
