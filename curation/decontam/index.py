"""The benchmark n-gram index: built once per run, written as one compact file, loaded once per worker.

The rule. The Phi-4 technical report (Abdin et al. 2024, arXiv:2412.08905, section 2, data
decontamination) removes training data matching the benchmarks' test sets with "a hybrid n-gram
algorithm" using 13-gram and 7-gram features: 13-grams for normal items, 7-grams for short ones.
It does not publish where "short" begins or how many n-grams must match, so those are ours:

* an item's length is the word count of its shortest rendering (``benchmarks.views``; GSM8K without
  calculator annotations, MMLU without choice labels); an item of at least ``short_words`` (50)
  words is indexed by the word 13-grams of all its renderings, a shorter one by its 7-grams; an
  item shorter than its n has no n-gram and is skipped (counted ``too_short`` in the card);
* an n-gram is no evidence, and is left out, when fewer than ``min_content`` (2) of its words are
  content words (not a stop word, a bare number or a single letter), when it lies inside one answer
  choice, or when it occurs in ``common_items`` (10) or more items of the index (templates such as
  MMLU's "For which of these two scenarios does the main character ...");
* a document contains a long (13-gram) item when it has ``min_matches`` (1) distinct indexed
  n-grams of it (all of them, if the item has fewer); a short (7-gram) item when, in addition, the
  words covered by its matched n-grams (each distinct n-gram counted once) are at least
  ``short_coverage`` (half) of the item's length (or all that a quote of its least covered rendering
  can cover), or
  all that they cover of its first field (the question) when that is ``question_words`` (10) words
  or more. A lone 7-gram is too often a stock phrase ("the money supply in the United States");
  half of a short item, or its whole question, is a quotation.

File layout (``.dcx``, little-endian, no pickle): 8-byte magic, uint64 header length, a JSON header
(rule, benchmark names, card, array table), then 8-byte-aligned arrays: per n, sorted uint64 keys
with a parallel int32 array of item numbers; per item, benchmark number, n, n-grams and words
needed; the item ids as one UTF-8 blob with offsets. The same benchmarks and rule give the same bytes.
"""

from __future__ import annotations

import hashlib
import json
import math
import threading
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import fsspec
import numpy as np
from pydantic import BaseModel, ConfigDict, Field, model_validator

from curation.decontam.benchmarks import BenchmarkSpec, Segment, iter_items
from curation.decontam.normalize import content_mask, ngram_hashes, normalize_words, window_counts, word_hashes
from curation.io.files import file_digest

MAGIC = b"CURDCX01"
FORMAT_VERSION = 1
NORMALISATION = ("NFKC, case-folded; words are runs of letters/digits; "
                 "punctuation, symbols and whitespace only separate words")


class Rule(BaseModel):
    """The matching rule (the recipe's ``rule:``); stored in the index it built."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    ngram: int = Field(13, ge=1, description="n of items with at least short_words words")
    short_ngram: int = Field(7, ge=1, description="n of shorter items")
    short_words: int = Field(50, ge=0)
    min_content: int = Field(2, ge=0, description="content words an n-gram needs to count as evidence")
    common_items: int = Field(10, ge=2, description="n-grams found in this many items are left out")
    min_matches: int = Field(1, ge=1, description="distinct n-grams of an item a document must contain")
    short_coverage: float = Field(0.5, ge=0, le=1, description="share of a short item's words the matches must cover")
    question_words: int = Field(10, ge=1, description="a short item's first field of this many covered words is enough")

    @model_validator(mode="after")
    def _order(self) -> Rule:
        if self.short_ngram > self.ngram:
            raise ValueError(f"short_ngram ({self.short_ngram}) must not exceed ngram ({self.ngram})")
        return self

    def n_for(self, words: int) -> int:
        return self.ngram if words >= self.short_words else self.short_ngram


@dataclass
class Index:
    rule: Rule
    benchmarks: list[str]
    keys: dict[int, np.ndarray]  # n -> sorted uint64 n-gram keys
    refs: dict[int, np.ndarray]  # n -> int32 item number of each key
    item_bench: np.ndarray
    item_n: np.ndarray
    item_need: np.ndarray  # distinct n-grams a document must contain
    item_cover: np.ndarray  # words those n-grams must cover (0: no condition)
    item_ids: list[str]
    card: dict[str, Any] = field(default_factory=dict)


def content_hash(specs: list[BenchmarkSpec], rule: Rule) -> str:
    """What the index depends on: format version, rule, and each benchmark's layout and file bytes."""
    desc = {"version": FORMAT_VERSION, "rule": rule.model_dump(), "benchmarks": [
        {"name": s.name, "layout": s.layout.describe(), "files": [file_digest(f)[1] for f in s.files()]} for s in specs]}
    return hashlib.sha256(json.dumps(desc, sort_keys=True).encode()).hexdigest()


def covered(starts: np.ndarray, n: int, length: int) -> int:
    """How many of ``length`` word positions the n-grams starting at ``starts`` cover."""
    if not len(starts):
        return 0
    diff = np.zeros(length + 1, dtype=np.int64)
    np.add.at(diff, starts, 1)
    np.add.at(diff, np.minimum(starts + n, length), -1)
    return int((np.cumsum(diff[:-1]) > 0).sum())


def _words(view: list[Segment]) -> tuple[list[str], np.ndarray]:
    """Words of one rendering and, per word, its segment number (negative: an answer choice)."""
    words: list[str] = []
    seg: list[int] = []
    for k, (text, is_choice) in enumerate(view, start=1):
        w = normalize_words(text)
        words += w
        seg += [-k if is_choice else k] * len(w)
    return words, np.asarray(seg, dtype=np.int64)


def _item_grams(views: list[list[Segment]], rule: Rule) -> tuple[int, int, list[np.ndarray], np.ndarray]:
    """(n, length, per rendering its n-gram keys in order with 0 where an n-gram is no evidence, and
    which n-grams of the first rendering lie inside its first field)."""
    rendered = [_words(v) for v in views]
    length = min(len(w) for w, _ in rendered)
    n = rule.n_for(length)
    out = []
    for words, seg in rendered:
        g = ngram_hashes(word_hashes(words), n)
        if len(g):
            inside_choice = (seg[: len(g)] == seg[n - 1 :]) & (seg[: len(g)] < 0)
            g = np.where((window_counts(content_mask(words), n) >= rule.min_content) & ~inside_choice, g, np.uint64(0))
        out.append(g)
    seg0 = rendered[0][1]
    first_field = (seg0[: len(out[0])] == 1) & (seg0[n - 1 :] == 1) if len(out[0]) else np.zeros(0, bool)
    return n, length, out, first_field


def build_index(specs: list[BenchmarkSpec], rule: Rule) -> Index:
    names = [s.name for s in specs]
    if len(set(names)) != len(names):
        raise ValueError(f"decontaminate: benchmark names must be unique (got {', '.join(names)})")
    items: list[tuple[int, int, int, str, list[np.ndarray], np.ndarray]] = []  # bench, n, length, id, grams, first
    bench_cards = []
    for b, spec in enumerate(specs):
        skipped: Counter = Counter()
        too_short = 0
        first = len(items)
        for item_id, item_views in iter_items(spec, skipped):
            n, length, grams, first_field = _item_grams(item_views, rule)
            if length < n:
                too_short += 1
                continue
            items.append((b, n, length, item_id, grams, first_field))
        ns = Counter(it[1] for it in items[first:])
        bench_cards.append({"name": spec.name, **({"mapping": spec.mapping} if spec.mapping else spec.layout.describe()),
                            "files": len(spec.files()), "items": len(items) - first + too_short,
                            "indexed": len(items) - first, "too_short": too_short,
                            "items_by_n": {str(k): v for k, v in sorted(ns.items())},
                            "skipped_by_reason": dict(sorted(skipped.items()))})
    # n-grams of too many items are templates: count each n-gram once per item
    distinct = {i: np.unique(np.concatenate(it[4])) for i, it in enumerate(items)}
    common: dict[int, np.ndarray] = {}
    for n in sorted({it[1] for it in items}):
        allk = np.concatenate([distinct[i] for i, it in enumerate(items) if it[1] == n])
        uniq, counts = np.unique(allk, return_counts=True)
        common[n] = uniq[(counts >= rule.common_items) & (uniq != 0)]
    keys_by_n: dict[int, list] = {}
    need = np.zeros(len(items), dtype=np.int32)
    cover = np.zeros(len(items), dtype=np.int32)
    for i, (b, n, length, _, grams, first_field) in enumerate(items):
        reach, kept, oks = length, [], []
        for g in grams:
            ok = (g != 0) & ~np.isin(g, common[n])
            if ok.any():  # what a quote of this rendering can cover
                reach = min(reach, covered(np.nonzero(ok)[0], n, len(g) + n - 1))
            kept.append(g[ok])
            oks.append(ok)
        k = np.unique(np.concatenate(kept))
        keys_by_n.setdefault(n, []).append((k, i))
        need[i] = min(rule.min_matches, len(k))
        if length < rule.short_words:  # a short item: a stock 7-gram alone is no quotation
            cover[i] = min(math.ceil(rule.short_coverage * length), reach)
            question = covered(np.nonzero(oks[0] & first_field)[0], n, len(grams[0]) + n - 1)
            if question >= rule.question_words:  # its whole first field (the question) is enough
                cover[i] = min(cover[i], question)
    keys_out, refs_out = {}, {}
    for n, lst in sorted(keys_by_n.items()):
        keys = np.concatenate([k for k, _ in lst])
        refs = np.concatenate([np.full(len(k), i, dtype=np.int32) for k, i in lst])
        order = np.lexsort((refs, keys))
        keys_out[n], refs_out[n] = keys[order], refs[order]
    bench = np.asarray([it[0] for it in items], dtype=np.uint16)
    for b, card in enumerate(bench_cards):
        card["no_distinctive_ngrams"] = int(((bench == b) & (need == 0)).sum())
    card = {"rule": rule.model_dump(), "normalisation": NORMALISATION, "benchmarks": bench_cards,
            "items": len(items), "ngrams": {str(n): int(len(k)) for n, k in keys_out.items()},
            "common_ngrams_left_out": {str(n): int(len(c)) for n, c in common.items()}}
    return Index(rule, names, keys_out, refs_out, bench, np.asarray([it[1] for it in items], dtype=np.uint8),
                 need, cover, [it[3] for it in items], card)


def _arrays(index: Index) -> dict[str, np.ndarray]:
    blob = "".join(index.item_ids).encode("utf-8", "surrogatepass")
    lengths = [len(s.encode("utf-8", "surrogatepass")) for s in index.item_ids]
    out = {"item_bench": index.item_bench, "item_n": index.item_n, "item_need": index.item_need,
           "item_cover": index.item_cover,
           "id_offsets": np.concatenate([[0], np.cumsum(lengths, dtype=np.int64)]).astype(np.int64),
           "id_blob": np.frombuffer(blob, dtype=np.uint8)}
    for n in sorted(index.keys):
        out[f"keys_{n}"], out[f"refs_{n}"] = index.keys[n], index.refs[n]
    return out


def to_bytes(index: Index) -> bytes:
    arrays = _arrays(index)
    table, offset = {}, 0
    for name, arr in arrays.items():
        arr = np.ascontiguousarray(arr)
        size = arr.nbytes
        table[name] = {"dtype": arr.dtype.newbyteorder("<").str, "length": int(arr.size), "offset": offset}
        offset += (size + 7) // 8 * 8
    header = json.dumps({"version": FORMAT_VERSION, "rule": index.rule.model_dump(), "benchmarks": index.benchmarks,
                         "card": index.card, "arrays": table}, sort_keys=True).encode()
    header += b" " * (-len(header) % 8)
    parts = [MAGIC, np.uint64(len(header)).astype("<u8").tobytes(), header]
    for name, arr in arrays.items():
        data = np.ascontiguousarray(arr).astype(table[name]["dtype"], copy=False).tobytes()
        parts += [data, b"\0" * (-len(data) % 8)]
    return b"".join(parts)


def from_bytes(data: bytes, where: str = "index") -> Index:
    if data[:8] != MAGIC:
        raise ValueError(f"{where}: not a decontamination index (bad magic)")
    hlen = int(np.frombuffer(data[8:16], dtype="<u8")[0])
    header = json.loads(data[16 : 16 + hlen])
    if header.get("version") != FORMAT_VERSION:
        raise ValueError(f"{where}: index format version {header.get('version')}, this code reads {FORMAT_VERSION}")
    base = 16 + hlen
    arr = {name: np.frombuffer(data, dtype=t["dtype"], count=t["length"], offset=base + t["offset"])
           for name, t in header["arrays"].items()}
    blob, offs = arr["id_blob"].tobytes(), arr["id_offsets"]
    ids = [blob[offs[i] : offs[i + 1]].decode("utf-8", "surrogatepass") for i in range(len(offs) - 1)]
    ns = sorted(int(k.removeprefix("keys_")) for k in arr if k.startswith("keys_"))
    return Index(Rule(**header["rule"]), header["benchmarks"], {n: arr[f"keys_{n}"] for n in ns},
                 {n: arr[f"refs_{n}"] for n in ns}, arr["item_bench"], arr["item_n"], arr["item_need"],
                 arr["item_cover"], ids,
                 header["card"])


_CACHE: dict[tuple[str, str], Index] = {}
_LOCK = threading.Lock()


def load_index(url: str, digest: str | None) -> tuple[Index, bool]:
    """The index at ``url``, read once per process (cached by url and sha256); True if read now."""
    with _LOCK:
        key = (url, digest or "")
        if key in _CACHE:
            return _CACHE[key], False
        with fsspec.open(url, "rb") as fh:
            data = fh.read()
        got = hashlib.sha256(data).hexdigest()
        if digest and got != digest:
            raise ValueError(f"{url}: index sha256 {got} differs from the one prepared ({digest})")
        _CACHE[key] = from_bytes(data, url)
        return _CACHE[key], True
