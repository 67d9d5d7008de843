"""The annotation cache: one JSON line per answer, appended as it arrives, read first to resume.

Keyed by sha256 over (model, ``RUBRIC_VERSION``, ``max_chars``, text). A document the model has
*answered* (a score, or an ``unparseable_reply`` that asking again at temperature 0 would only repeat)
is never asked again; a torn last line (a run killed mid-write) is ignored and appending resumes on a
fresh line. The cache is a local file on purpose: it is appended to, which object stores cannot do.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import os

from curation.classify.reply import MAX_SCORE, MIN_SCORE
from curation.classify.rubric import RUBRIC_VERSION

log = logging.getLogger("curation.classify.annotate")

def cache_key(model: str, text: str, max_chars: int) -> str:
    """sha256 over (model, rubric version, max_chars, text): the identity of one question."""
    blob = json.dumps([model, RUBRIC_VERSION, int(max_chars), text], ensure_ascii=False)
    return hashlib.sha256(blob.encode("utf-8", "surrogatepass")).hexdigest()


def answered(entry: dict, reask_unparseable: bool) -> bool:
    score = entry.get("score")
    if isinstance(score, int) and not isinstance(score, bool) and MIN_SCORE <= score <= MAX_SCORE:
        return True
    return entry.get("reason") == "unparseable_reply" and not reask_unparseable


def read_entries(path: str, what: str = "annotation cache") -> list[dict]:
    """The JSON-object lines of an append-only cache, in file order; unreadable (torn) lines are skipped."""
    out: list[dict] = []
    if not os.path.exists(path):
        return out
    bad = 0
    with open(path, "rb") as fh:
        for raw in fh:
            try:
                entry = json.loads(raw)
            except ValueError:
                bad += 1
                continue
            if isinstance(entry, dict) and isinstance(entry.get("key"), str):
                out.append(entry)
    if bad:
        log.warning("%s %s: %d unreadable line(s) ignored (an interrupted write?)", what, path, bad)
    return out


def load_cache(path: str, reask_unparseable: bool = False) -> dict[str, dict]:
    """key -> the last cache line that holds an answer; unreadable (torn) lines are skipped."""
    return {e["key"]: e for e in read_entries(path) if answered(e, reask_unparseable)}


class CacheWriter:
    """Appends one JSON line per result and flushes it; starts on a fresh line after a torn one."""

    def __init__(self, path: str) -> None:
        parent = os.path.dirname(os.path.abspath(path))
        os.makedirs(parent, exist_ok=True)
        self._fh = open(path, "ab")
        if self._fh.tell() > 0:
            with open(path, "rb") as r:
                r.seek(-1, io.SEEK_END)
                if r.read(1) != b"\n":
                    self._fh.write(b"\n")
                    self._fh.flush()

    def write(self, entry: dict) -> None:
        line = json.dumps(entry, ensure_ascii=False).encode("utf-8", "surrogatepass") + b"\n"
        self._fh.write(line)
        self._fh.flush()

    def close(self) -> None:
        self._fh.close()
