"""The one schema every shard has, and the conversion of datatrove Documents into it."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

import pyarrow as pa
from datatrove.data import Document

from curation.io.columns import table_from_columns

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


def documents_to_table(docs: Iterable[Document]) -> pa.Table:
    cols: dict[str, list] = {name: [] for name in DOC_SCHEMA.names}
    for doc in docs:
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
    schema = REJECT_TEXT_SCHEMA if with_text else REJECT_SCHEMA
    return table_from_columns({name: [row.get(name) for row in rows] for name in schema.names}, schema)
