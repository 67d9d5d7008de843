"""The generation cache: one JSON line per answered request, appended as it arrives, read first to resume.

Keyed by sha256 over (template name and content, seed id, the rendered messages, model, sampling
parameters, sample index): a rerun asks only what the cache lacks, and the job's outputs are built from
the cache alone, so a rerun (or a resume after a kill) writes the same bytes. Only *answers* are kept
(any HTTP 200 chat completion, prose or not: asking again would cost money to change nothing);
transport failures (timeouts, 429, 5xx, refused connections) are asked again next time. Sandbox
verdicts of generated code are kept in the same file (``VerdictCache``). The file
format and its torn-last-line handling are the annotation cache's (``classify.annotation_cache``).
"""

from __future__ import annotations

import hashlib
import json
import threading
from typing import Any

from curation.classify.annotation_cache import CacheWriter, read_entries

__all__ = ["CacheWriter", "VerdictCache", "load_answers", "request_key", "verdict_key"]


def request_key(template: str, template_hash: str, seed_id: str, messages: list[dict[str, str]], model: str,
                params: dict[str, Any], sample: int) -> str:
    """sha256 over everything that decides what the model is asked: the identity of one request."""
    blob = json.dumps([template, template_hash, seed_id, messages, model, params, int(sample)],
                      ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(blob.encode("utf-8", "surrogatepass")).hexdigest()


def load_answers(path: str) -> dict[str, dict]:
    """key -> the cached answer (``reply`` and ``usage``); lines without a reply string are ignored."""
    return {e["key"]: e for e in read_entries(path, "synth cache") if isinstance(e.get("reply"), str)}


def verdict_key(program: str, tests: str, timeout_s: float, memory_mb: int) -> str:
    """sha256 of one sandboxed test run's inputs."""
    blob = json.dumps(["verdict", program, tests, float(timeout_s), int(memory_mb)], ensure_ascii=False)
    return hashlib.sha256(blob.encode("utf-8", "surrogatepass")).hexdigest()


class VerdictCache:
    """Sandbox verdicts in the same cache file (lines with a ``verdict``), so that a rerun neither runs
    the tests again nor depends on how loaded the machine is (a wall-clock limit hit under load once
    stays the verdict of that program). Thread-safe: verdicts arrive from the checking threads."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.known = {e["key"]: e["verdict"] for e in read_entries(path, "synth cache")
                      if isinstance(e.get("verdict"), dict)}
        self._lock = threading.Lock()
        self._writer: CacheWriter | None = None

    def get(self, key: str) -> dict | None:
        with self._lock:
            return self.known.get(key)

    def put(self, key: str, verdict: dict) -> None:
        with self._lock:
            if self._writer is None:
                self._writer = CacheWriter(self.path)
            self._writer.write({"key": key, "verdict": verdict})
            self.known[key] = verdict

    def close(self) -> None:
        if self._writer is not None:
            self._writer.close()
