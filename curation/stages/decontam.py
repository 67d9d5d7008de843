"""Remove benchmark test items from the training data (Phi-4's hybrid 13-/7-gram rule, see
``curation.decontam.index``).

``prepare`` (run once by the driver, before any unit) reads the benchmark files, builds the index
and writes it to ``RUN_DIR/indexes/decontam-<content hash>.dcx``; the stage's parameters then name
that file and its sha256, so a worker reads it once per process and never sees the benchmarks.
``mode: drop`` drops a contaminated document; ``mode: cut`` removes each matched span with a
``margin`` (see ``curation.decontam.match``) and keeps the rest, unless fewer than
``min_keep_words`` words remain. Every action is a record of the ``sidecars/decontaminate/`` files.
"""

from __future__ import annotations

import hashlib
from typing import Any, Literal

import pyarrow as pa
from datatrove.data import Document
from datatrove.pipeline.filters.base_filter import BaseFilter
from curation.core.stage import Prepared, PreparedStage, SideRecordStage
from curation.decontam.benchmarks import BenchmarkSpec
from curation.decontam.index import Index, Rule, build_index, content_hash, from_bytes, load_index, to_bytes
from curation.decontam.match import apply_cuts, cut_spans, find_matches
from curation.io.files import atomic_open, exists, fs_and_path, join, local_or_url
from curation.run.layout import index_rel

_BUILT: dict[str, Index] = {}  # indexes built in this process (a stage used outside the driver)


def _specs(benchmarks: list[Any]) -> list[BenchmarkSpec]:
    """Validated specs with absolute paths (relative ones are relative to where ``curate`` runs)."""
    out = []
    for b in benchmarks:
        raw = b.model_dump(exclude_none=True) if isinstance(b, BenchmarkSpec) else dict(b)
        paths = raw.get("paths") or []
        raw["paths"] = [local_or_url(p) for p in ([paths] if isinstance(paths, str) else paths)]
        out.append(BenchmarkSpec.model_validate(raw))
    return out


class Decontaminate(BaseFilter, PreparedStage, SideRecordStage):
    """Drops (``mode: drop``) or cuts (``mode: cut``) documents that contain benchmark items."""

    name = "decontaminate"
    type = "🔻 - FILTER"
    always_prepare = True
    path_params = ("benchmarks", "index")
    #: One row per benchmark item found; start/end: the span cut (null when the document was dropped).
    side_schema = pa.schema([("doc_id", pa.string()), ("benchmark", pa.string()), ("item_id", pa.string()),
                             ("ngram", pa.string()), ("n", pa.int64()), ("matched_ngrams", pa.int64()),
                             ("action", pa.string()), ("start", pa.int64()), ("end", pa.int64())])

    def __init__(
        self,
        benchmarks: list[BenchmarkSpec] | None = None,
        mode: Literal["drop", "cut"] = "drop",
        margin: int = 200,
        min_keep_words: int = 50,
        rule: Rule | None = None,
        index: str | None = None,
        index_digest: str | None = None,
    ) -> None:
        super().__init__()
        if not benchmarks and not index:
            raise ValueError("decontaminate: give `benchmarks` (the driver turns them into an index)")
        if margin < 0 or min_keep_words < 0:
            raise ValueError(f"decontaminate: margin and min_keep_words must be >= 0 (got {margin}, {min_keep_words})")
        self.benchmarks = benchmarks
        self.mode = mode
        self.margin = margin
        self.min_keep_words = min_keep_words
        self.rule = Rule.model_validate(rule or {})
        self.index_url = index
        self.index_digest = index_digest
        self._index: Index | None = None
        self.side_records: list[dict[str, Any]] = []

    @property
    def index(self) -> Index:
        if self._index is None:
            if self.index_url:
                self._index, read_now = load_index(self.index_url, self.index_digest)
                self.stat_update("index_loads", value=int(read_now))
            else:  # used outside the driver: build in memory, once per process
                specs = _specs(self.benchmarks)
                key = content_hash(specs, self.rule)
                if key not in _BUILT:
                    _BUILT[key] = build_index(specs, self.rule)
                self._index = _BUILT[key]
        return self._index

    def filter(self, doc: Document) -> bool | tuple[bool, str]:
        index = self.index
        found = find_matches(index, doc.text)
        if not found.items:
            return True
        self.stat_update("contaminated")
        for bench in sorted({index.benchmarks[index.item_bench[m.item]] for m in found.items}):
            self.stat_update(f"contaminated_{bench}")
        self.stat_update("items_matched", value=len(found.items))
        spans = cut_spans(doc.text, found, self.margin) if self.mode == "cut" else []
        kept = apply_cuts(doc.text, spans) if spans else ""
        action = "cut" if self.mode == "cut" and len(kept.split()) >= self.min_keep_words else "drop"
        for m in found.items:
            s, e = found.char_span(m, m.first)
            span = next(((a, b) for a, b in spans if a <= s and e <= b), (None, None)) if action == "cut" else (None, None)
            self.side_records.append({
                "doc_id": doc.id, "benchmark": index.benchmarks[index.item_bench[m.item]],
                "item_id": index.item_ids[m.item], "ngram": found.ngram_text(m), "n": m.n,
                "matched_ngrams": len(m.keys), "action": action, "start": span[0], "end": span[1]})
        if action == "drop":
            return False, "contaminated" if self.mode == "drop" else "too_short_after_cut"
        self.stat_update("spans_cut", value=len(spans))
        self.stat_update("chars_cut", value=len(doc.text) - len(kept))
        doc.text = kept
        return True

    @staticmethod
    def prepare(params: dict[str, Any], run_dir: str) -> Prepared:
        """Build the index once, into ``run_dir/indexes/`` (kept if the same one is there: resume);
        return the parameters naming it and its card for the manifest."""
        if params.get("index") or not params.get("benchmarks"):
            return Prepared(params, [])
        specs = _specs(params["benchmarks"])
        rule = Rule.model_validate(params.get("rule") or {})
        rel = index_rel(f"decontam-{content_hash(specs, rule)[:16]}.dcx")
        url = join(run_dir, rel)
        fs, path = fs_and_path(url)
        if exists(url):
            with fs.open(path, "rb") as fh:
                data = fh.read()
            card = from_bytes(data, url).card
        else:
            index = build_index(specs, rule)
            data, card = to_bytes(index), index.card
            with atomic_open(url, "wb") as fh:
                fh.write(data)
        digest = hashlib.sha256(data).hexdigest()
        new = {k: v for k, v in params.items() if k not in ("benchmarks", "rule")}
        new.update(index=url, index_digest=digest)
        card = {**card, "bytes": len(data), "sha256": digest}
        return Prepared(new, [{"name": "decontam-index", "kind": "index", "path": rel, "card": card}])
