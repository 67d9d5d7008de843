"""The shards themselves: their sizes, the documents' lengths, and a few documents to read."""

from __future__ import annotations

import polars as pl

from curation.report.blocks import Sample, Section, chart, count, number, size, table, text
from curation.report.data import SAMPLE_CHARS, RunData
from curation.report.sketch import median, quantile, spread_of

#: Shards drawn one bar each; more are drawn as a histogram of sizes.
MAX_SHARD_BARS = 60
MAX_SHARD_ROWS = 100


def shard_sizes(run: RunData) -> pl.DataFrame:
    schema = {"path": pl.String, "rows": pl.Int64, "tokens": pl.Int64, "bytes": pl.Int64, "sha256": pl.String}
    df = pl.DataFrame([{k: o.get(k) for k in schema} for o in run.manifest["outputs"]], schema=schema)
    return df.with_columns((pl.col("tokens") / pl.col("rows").clip(1)).round(1).alias("tokens_per_row"),
                           pl.col("path").str.extract(r"(\d+)\.parquet$").alias("index"),
                           pl.col("sha256").str.slice(0, 16).alias("sha"))


def spread(values: pl.Series, name: str) -> pl.DataFrame:
    """min / median / mean / max of one column, as a one-row frame."""
    return pl.DataFrame({"what": [name], "min": [values.min()], "median": [values.median()], "mean": [values.mean()],
                         "max": [values.max()]})


def shards_section(run: RunData) -> Section:
    shards = shard_sizes(run)
    if shards.height == 0:
        return Section("shards", "Shard sizes", ("The run wrote no shard.",))
    stats = pl.concat([spread(shards[c], c) for c in ("rows", "tokens", "bytes")])
    notes = [f"Shards: {shards.height:,}; sizes from the manifest (`curate verify` checks them against the files)."]
    if shards.height > MAX_SHARD_ROWS:
        notes.append(f"The table lists the first {MAX_SHARD_ROWS} shards.")
    blocks: list = [
        table(stats, {"what": ("per shard", text), "min": ("min", number), "median": ("median", number),
                      "mean": ("mean", number), "max": ("max", number)}, caption="Spread"),
        table(shards.head(MAX_SHARD_ROWS), {"path": ("shard", text), "rows": ("rows", count), "tokens": ("tokens", count),
                                            "bytes": ("bytes", size), "tokens_per_row": ("tokens / row", number),
                                            "sha": ("sha256 (first 16)", text)}, caption="Shards"),
    ]
    if shards.height <= MAX_SHARD_BARS:
        blocks.append(chart(shards, "Tokens per shard", "index", {"tokens": "tokens"}, kind="columns"))
    else:
        hist = shards.with_columns(pl.col("tokens").qcut(10, allow_duplicates=True).cast(pl.String).alias("range"))
        hist = hist.group_by("range").agg(pl.len().alias("shards"), pl.col("tokens").min().alias("lo")).sort("lo")
        blocks.append(chart(hist, "Shards per token-count range", "range", {"shards": "shards"}, kind="columns"))
    return Section("shards", "Shard sizes", tuple(notes), tuple(blocks))


def length_bins(lengths: pl.DataFrame) -> pl.DataFrame:
    """Documents per token-count bin (powers of two; rows) and source (columns), from the value counts."""
    if lengths.height == 0:
        return pl.DataFrame(schema={"bin": pl.String})
    tc = pl.col("token_count").fill_null(0).clip(1)
    binned = lengths.with_columns(tc.log(2).floor().cast(pl.Int64).clip(5, None).alias("b"))
    wide = (binned.group_by("b", "source").agg(pl.col("documents").sum().cast(pl.UInt32).alias("len"))
            .pivot(on="source", index="b", values="len", sort_columns=True))
    lo, hi = 5, int(binned["b"].max())
    labels = [f"<{2 ** (b + 1)}" if b == lo else f"{2 ** b:,}–{2 ** (b + 1) - 1:,}" for b in range(lo, hi + 1)]
    frame = pl.DataFrame({"b": list(range(lo, hi + 1)), "bin": labels})
    return frame.join(wide, on="b", how="left").fill_null(0).drop("b")


def _length_row(source: str, d: pl.DataFrame) -> dict:
    values, counts = spread_of(d, "token_count")
    n = int(counts.sum())
    return {"source": source, "documents": int(d["documents"].sum()), "min": int(values[0]) if n else None,
            "p10": quantile(values, counts, 0.1), "median": median(values, counts), "p90": quantile(values, counts, 0.9),
            "p99": quantile(values, counts, 0.99), "max": int(values[-1]) if n else None,
            "mean": float((values * counts).sum() / n) if n else None,
            "mean_bytes": float(d["text_bytes"].sum() / max(1, int(d["documents"].sum())))}


def length_summary(lengths: pl.DataFrame) -> pl.DataFrame:
    """Per source: documents, token-count min, p10, median, p90, p99, max, mean; mean text bytes (exact,
    from the (source, token_count) value counts)."""
    schema = {"source": pl.String, "documents": pl.Int64, "min": pl.Int64, "p10": pl.Float64, "median": pl.Float64,
              "p90": pl.Float64, "p99": pl.Float64, "max": pl.Int64, "mean": pl.Float64, "mean_bytes": pl.Float64}
    return pl.DataFrame([_length_row(src, d) for (src,), d in lengths.group_by("source")], schema=schema).sort("source")


def lengths_section(run: RunData) -> Section:
    bins = length_bins(run.shards.lengths)
    sources = [c for c in bins.columns if c != "bin"]
    blocks: list = [
        table(length_summary(run.shards.lengths), {"source": ("source", text), "documents": ("documents", count),
                                         "min": ("min", count), "p10": ("p10", number), "median": ("median", number),
                                         "p90": ("p90", number), "p99": ("p99", number), "max": ("max", count),
                                         "mean": ("mean", number), "mean_bytes": ("mean text bytes", number)},
              caption="Tokens per document, by source", empty="no documents"),
        table(bins, {"bin": ("tokens", text)} | {c: (c, count) for c in sources}, caption="Documents per length bin",
              empty="no documents"),
    ]
    blocks += [chart(bins, f"Document length (tokens): {src}", "bin", {src: src}, kind="columns") for src in sources]
    return Section("lengths", "Document lengths", ("Token counts (the run's tokenizer) of the documents in the shards.",),
                   tuple(blocks))


def samples_section(run: RunData) -> Section:
    s = run.samples
    if s.height == 0:
        return Section("samples", "Sample documents", ("The run kept no document.",))
    items = []
    for row in s.iter_rows(named=True):
        meta = [f"language {text(row.get('language'))}", f"{count(row.get('token_count'))} tokens"]
        if row.get("edu_score") is not None:
            meta.append(f"edu_score {row['edu_score']:.3f}")
        if row.get("group") is not None:
            meta.append(f"group {row['group']}")
        meta.append(text(row.get("url")))
        cut = "…" if (row.get("text_bytes") or 0) > len(row["text"].encode("utf-8")) else ""
        items.append(Sample(f"{row['source']} · {row['id']}", " · ".join(meta), row["text"] + cut))
    notes = (f"Up to {s.group_by('source').len()['len'].max()} documents per source, picked by a hash of their id "
             f"(stable across reruns), cut at {SAMPLE_CHARS} characters.",)
    return Section("samples", "Sample documents", notes, tuple(items))
