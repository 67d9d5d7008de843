"""LLM annotation: educational-value scores (0-5) from any OpenAI-compatible chat-completions endpoint.

``annotate`` sends each document, wrapped in our rubric (``curation.classify.rubric``), to
``{endpoint}/chat/completions`` (vLLM, TGI, SGLang, llama.cpp server, OpenAI, ...), several requests
at a time, and reads the score from the reply with ``parse_score``. The scores become graded training
data for a fast classifier (``write_annotations``: one ``{id, text, score}`` row per scored document).

Failures never stop a run; every document that gets no score is counted under one reason:

=====================  ===========================================================================
``missing_text_field``  the row has no ``text_field`` (or it is null / not a string); not sent
``empty_text``          the text is empty or whitespace only; not sent
``invalid_record``      the row is not a JSON object / mapping; not sent
``invalid_json``        (``annotate_file`` only) a JSONL line that is not JSON
``timeout``             the endpoint did not answer within ``timeout`` s, on every attempt
``connection_error``    refused / reset / unreachable, on every attempt
``http_<status>``       e.g. ``http_500`` after every retry; ``http_400``/``http_401``/... at once
``bad_response``        HTTP 200 whose body is not a chat-completions response
``unparseable_reply``   the model answered but no 0-5 score can be read (prose, out-of-range value)
=====================  ===========================================================================

Retries: timeouts, connection errors, 429 and 5xx are retried up to ``max_retries`` times with
exponential back-off and jitter (``backoff=(base, cap)``: the n-th wait is drawn from
[d/2, d] with d = min(cap, base * 2**n)); a ``Retry-After`` header (seconds or HTTP date) on a 429 or
5xx is honoured instead (capped at ``RETRY_AFTER_CAP`` s). Other 4xx are not retried: they will not
go away by asking again (bad model name, bad key, prompt too long).

Cache and resume: every result is appended, as it arrives, to a JSONL cache (one line per document:
``key, id, score, reason?, detail?, reply``), keyed by sha256 over (model, ``RUBRIC_VERSION``,
``max_chars``, text). On start the cache is read and every document the model has already *answered*
(a score, or an ``unparseable_reply``, which asking again at temperature 0 would only repeat) is
taken from it without a request; transient failures (timeouts, 5xx, ...) are asked again. A torn
last line (a run killed mid-write) is ignored and the cache stays valid for appending. Documents
with the same text share one request.
"""

from __future__ import annotations

import dataclasses
import email.utils
import hashlib
import http.client
import io
import json
import logging
import os
import random
import re
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from typing import Any

from curation.classify.rubric import DEFAULT_MAX_CHARS, RUBRIC_VERSION, build_messages

log = logging.getLogger("curation.classify.annotate")

#: Longest wait a ``Retry-After`` header can impose (seconds).
RETRY_AFTER_CAP = 120.0
#: How many characters of a reply the cache keeps (its end, where the score line is).
REPLY_EXCERPT_CHARS = 400
#: How many examples of each failure reason the report keeps (counts are exact).
MAX_EXAMPLES = 5

MIN_SCORE, MAX_SCORE = 0, 5

# --------------------------------------------------------------------------------------------------
# Reading the score
# --------------------------------------------------------------------------------------------------

_THINK = re.compile(r"<think>.*?(?:</think>|\Z)", re.S | re.I)
# Markdown and punctuation that may sit between a label and its number: **, __, :, =, -, #, quotes, <.
_GAP = r"[\s*_:=\-–—#>\"'`\[\]()<]{0,12}"
_NUMBER = r"(?<![-−–\d])(?P<num>\d+(?:[.,]\d+)?)(?![\d.,]*\d)"
_DENOM = r"(?:\s*(?:/|out\s+of|of)\s*(?P<den>\d+))?"
_EDU_SCORE = re.compile(r"educational(?:\s+value)?[\s_-]*score\b" + _GAP + _NUMBER + _DENOM, re.I)
_ANY_SCORE = re.compile(
    r"\b(?:total\s+|final\s+|overall\s+)?(?:score|points?)\b(?:\s+is|\s*[:=])" + _GAP + _NUMBER + _DENOM, re.I)
_LONE_LINE = re.compile(r"^[\s*_#>\"'`\[(<]*" + _NUMBER + _DENOM + r"[\s*_\"'`\])>.!]*$")


def _value(m: re.Match) -> int | None:
    num, den = m.group("num"), m.group("den")
    if den is not None and int(den) != MAX_SCORE:
        return None
    try:
        value = float(num.replace(",", "."))
    except ValueError:
        return None
    if not value.is_integer() or not MIN_SCORE <= value <= MAX_SCORE:
        return None
    return int(value)


def parse_score(reply: str | None) -> int | None:
    """The 0-5 score in a model's reply, or None when there is none.

    The last ``Educational score: N`` decides (any case; markdown such as ``**Educational score:** 3``,
    ``Educational score: **4**``, ``3/5``, ``3 out of 5`` and a trailing period are fine); failing
    that the last ``score: N`` / ``score = N`` / ``total points: N``; failing that a last non-empty
    line that is just a number. A value outside 0-5, a fraction of something other than 5, or a
    non-integer (``3.5``) gives None, as does prose without a score. ``<think>`` blocks are ignored.
    """
    if not reply or not isinstance(reply, str):
        return None
    text = _THINK.sub(" ", reply)
    for pattern in (_EDU_SCORE, _ANY_SCORE):
        matches = list(pattern.finditer(text))
        if matches:
            return _value(matches[-1])
    lines = [ln for ln in text.splitlines() if ln.strip()]
    if lines:
        m = _LONE_LINE.match(lines[-1])
        if m:
            return _value(m)
    return None


# --------------------------------------------------------------------------------------------------
# Results
# --------------------------------------------------------------------------------------------------


@dataclasses.dataclass
class AnnotationRecord:
    """One input document's outcome, in input order."""

    index: int
    id: str
    text: str | None
    score: int | None = None
    reason: str | None = None  # why there is no score (None when scored)
    detail: str = ""
    cached: bool = False  # taken from the cache, no request made in this run


@dataclasses.dataclass
class AnnotationReport:
    """What ``annotate`` did: per-document records (input order) and counts."""

    records: list[AnnotationRecord]
    model: str
    endpoint: str
    rubric_version: str = RUBRIC_VERSION
    requests: int = 0  # HTTP requests sent in this run, retries included
    retries: int = 0
    usage: dict[str, int] = dataclasses.field(default_factory=dict)  # token counts the endpoint reported
    seconds: float = 0.0

    @property
    def annotations(self) -> list[AnnotationRecord]:
        """The scored documents, in input order."""
        return [r for r in self.records if r.score is not None]

    @property
    def failed_by_reason(self) -> dict[str, int]:
        return dict(sorted(Counter(r.reason for r in self.records if r.reason is not None).items()))

    def counts(self) -> dict[str, Any]:
        """JSON-ready summary: totals, failures by reason (with a few examples each), score histogram."""
        examples: dict[str, list[str]] = {}
        for r in self.records:
            if r.reason is not None and len(examples.setdefault(r.reason, [])) < MAX_EXAMPLES:
                examples[r.reason].append(f"{r.id}: {r.detail}" if r.detail else r.id)
        scored = self.annotations
        return {
            "documents": len(self.records),
            "annotated": len(scored),
            "failed": len(self.records) - len(scored),
            "from_cache": sum(r.cached for r in self.records),
            "requests": self.requests,
            "retries": self.retries,
            "failed_by_reason": self.failed_by_reason,
            "failure_examples": examples,
            "scores": {str(s): sum(r.score == s for r in scored) for s in range(MIN_SCORE, MAX_SCORE + 1)},
            "usage": dict(self.usage),
            "model": self.model,
            "endpoint": self.endpoint,
            "rubric_version": self.rubric_version,
            "seconds": round(self.seconds, 3),
        }


# --------------------------------------------------------------------------------------------------
# Cache
# --------------------------------------------------------------------------------------------------


def cache_key(model: str, text: str, max_chars: int) -> str:
    """sha256 over (model, rubric version, max_chars, text): the identity of one question."""
    blob = json.dumps([model, RUBRIC_VERSION, int(max_chars), text], ensure_ascii=False)
    return hashlib.sha256(blob.encode("utf-8", "surrogatepass")).hexdigest()


def _answered(entry: dict, reask_unparseable: bool) -> bool:
    score = entry.get("score")
    if isinstance(score, int) and not isinstance(score, bool) and MIN_SCORE <= score <= MAX_SCORE:
        return True
    return entry.get("reason") == "unparseable_reply" and not reask_unparseable


def load_cache(path: str, reask_unparseable: bool = False) -> dict[str, dict]:
    """key -> the last cache line that holds an answer; unreadable (torn) lines are skipped."""
    out: dict[str, dict] = {}
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
            if isinstance(entry, dict) and isinstance(entry.get("key"), str) and _answered(entry, reask_unparseable):
                out[entry["key"]] = entry
    if bad:
        log.warning("annotation cache %s: %d unreadable line(s) ignored (an interrupted write?)", path, bad)
    return out


class _CacheWriter:
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


# --------------------------------------------------------------------------------------------------
# HTTP
# --------------------------------------------------------------------------------------------------


@dataclasses.dataclass
class _Outcome:
    reply: str | None = None
    reason: str | None = None
    detail: str = ""
    retry_after: float | None = None
    retryable: bool = False
    usage: dict | None = None


def _retry_after(value: str | None) -> float | None:
    """Seconds from a ``Retry-After`` header (delta-seconds or HTTP date); None when absent or bad."""
    if value is None:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    return max(0.0, when.timestamp() - time.time())


def _is_loopback(url: str) -> bool:
    host = (urllib.parse.urlsplit(url).hostname or "").lower()
    return host in ("localhost", "::1") or host.startswith("127.")


def _short(text: Any, limit: int = 200) -> str:
    s = " ".join(str(text).split())
    return s if len(s) <= limit else s[: limit - 1] + "…"


def _is_timeout(exc: BaseException) -> bool:
    if isinstance(exc, (TimeoutError, socket.timeout)):
        return True
    return isinstance(exc, urllib.error.URLError) and isinstance(exc.reason, (TimeoutError, socket.timeout))


class _Client:
    def __init__(self, endpoint: str, api_key: str | None, timeout: float) -> None:
        self.url = endpoint.rstrip("/") + "/chat/completions"
        self.timeout = timeout
        self.headers = {"Content-Type": "application/json", "Accept": "application/json"}
        if api_key:
            self.headers["Authorization"] = f"Bearer {api_key}"
        # A local server is reached directly even when http_proxy is set; others honour the proxy env.
        handlers = [urllib.request.ProxyHandler({})] if _is_loopback(self.url) else []
        self.opener = urllib.request.build_opener(*handlers)

    def post(self, body: bytes) -> _Outcome:
        req = urllib.request.Request(self.url, data=body, headers=self.headers, method="POST")
        try:
            with self.opener.open(req, timeout=self.timeout) as resp:
                raw = resp.read()
        except urllib.error.HTTPError as e:
            status = e.code
            try:
                text = e.read(2000).decode("utf-8", "replace")
            except Exception:  # noqa: BLE001 - the body is only for the report
                text = ""
            finally:
                e.close()
            retryable = status == 429 or status >= 500
            return _Outcome(reason=f"http_{status}", detail=_short(text) or str(e.reason), retryable=retryable,
                            retry_after=_retry_after(e.headers.get("Retry-After")) if retryable else None)
        except Exception as e:  # noqa: BLE001 - every transport failure is an outcome, never a crash
            if _is_timeout(e):
                return _Outcome(reason="timeout", detail=f"no answer within {self.timeout:g}s", retryable=True)
            if isinstance(e, (urllib.error.URLError, http.client.HTTPException, OSError)):
                what = e.reason if isinstance(e, urllib.error.URLError) else e
                return _Outcome(reason="connection_error", detail=_short(f"{type(e).__name__}: {what}"),
                                retryable=True)
            return _Outcome(reason="connection_error", detail=_short(f"{type(e).__name__}: {e}"), retryable=True)
        try:
            payload = json.loads(raw)
            choice = payload["choices"][0]
            message = choice.get("message") or {}
            content = message.get("content") if isinstance(message, dict) else None
            if content is None:
                content = choice.get("text")  # completion-style servers
            if isinstance(content, list):  # content parts
                content = "".join(p.get("text", "") for p in content if isinstance(p, dict))
            if content is not None and not isinstance(content, str):
                raise TypeError(f"content is {type(content).__name__}")
        except (ValueError, KeyError, IndexError, TypeError, AttributeError) as e:
            return _Outcome(reason="bad_response", detail=_short(f"{type(e).__name__}: {e}; body: {raw[:200]!r}"))
        usage = payload.get("usage") if isinstance(payload.get("usage"), dict) else None
        return _Outcome(reply=content or "", usage=usage)


class _Interrupted(Exception):
    pass


# --------------------------------------------------------------------------------------------------
# annotate
# --------------------------------------------------------------------------------------------------


@dataclasses.dataclass
class _InvalidRow:
    """A row a reader could not turn into a document (``annotate_file`` passes these through)."""

    id: str
    reason: str
    detail: str = ""


def annotate(
    docs: Iterable[Mapping | _InvalidRow],
    *,
    endpoint: str,
    model: str,
    api_key: str | None = None,
    text_field: str = "text",
    id_field: str = "id",
    cache_path: str,
    concurrency: int = 8,
    max_retries: int = 4,
    timeout: float = 60.0,
    backoff: tuple[float, float] = (0.5, 8.0),
    max_chars: int = DEFAULT_MAX_CHARS,
    max_tokens: int = 512,
    extra_body: Mapping[str, Any] | None = None,
    reask_unparseable: bool = False,
    seed: int | None = None,
) -> AnnotationReport:
    """Score ``docs`` with the LLM at ``endpoint``; see the module docstring for failures, retries, cache.

    Args:
        docs: rows (mappings); the text is ``row[text_field]``, the id ``row[id_field]`` (the row's
            0-based position when absent). Read lazily; at most ``2 * concurrency`` wait for an answer.
        endpoint: base URL of an OpenAI-compatible API, e.g. ``http://127.0.0.1:8000/v1``
            (``/chat/completions`` is appended).
        model: the model name the server expects.
        api_key: sent as ``Authorization: Bearer <api_key>`` when given.
        cache_path: local JSONL file, appended to; created when missing; read first to resume.
        concurrency: requests in flight at once (threads).
        max_retries: further attempts after the first for timeouts, connection errors, 429, 5xx.
        timeout: seconds a request may wait on the socket (connect, and each read).
        backoff: (base, cap) of the exponential back-off, seconds.
        max_chars: the document is cut to this many characters in the prompt (part of the cache key).
        max_tokens: the reply budget sent with each request.
        extra_body: more request fields, e.g. ``{"chat_template_kwargs": {"enable_thinking": False}}``
            for vLLM reasoning models (not part of the cache key).
        reask_unparseable: ask again for documents whose cached reply had no score.
        seed: seeds the back-off jitter (tests).

    Returns:
        an ``AnnotationReport``: one ``AnnotationRecord`` per input row, in input order.

    A KeyboardInterrupt (or any exception from ``docs``) stops the run: requests not yet sent are
    dropped and nothing is retried; requests already sent are awaited (at most ``timeout`` s) and
    their answers cached with everything received before; then the exception propagates.
    """
    if concurrency < 1:
        raise ValueError(f"concurrency must be >= 1, got {concurrency}")
    if max_retries < 0:
        raise ValueError(f"max_retries must be >= 0, got {max_retries}")
    base, cap = float(backoff[0]), float(backoff[1])
    started = time.monotonic()
    client = _Client(endpoint, api_key, timeout)
    # key -> (score, detail): the score, or None with the detail of an unparseable reply
    cache = {k: (e["score"] if _answered({"score": e.get("score")}, False) else None, str(e.get("detail", "")))
             for k, e in load_cache(cache_path, reask_unparseable).items()}
    preloaded = set(cache)
    writer = _CacheWriter(cache_path)
    stop = threading.Event()
    rng = random.Random(seed)
    rng_lock = threading.Lock()
    stats_lock = threading.Lock()
    report = AnnotationReport(records=[], model=model, endpoint=endpoint)
    usage: Counter = Counter()

    def jitter(n: int) -> float:
        d = min(cap, base * (2 ** n))
        with rng_lock:
            return d / 2 + rng.random() * d / 2

    def ask(text: str) -> _Outcome:
        body = {"model": model, "messages": build_messages(text, max_chars), "temperature": 0,
                "max_tokens": max_tokens}
        if extra_body:
            body.update(extra_body)
        data = json.dumps(body).encode("utf-8", "surrogatepass")
        outcome = _Outcome(reason="interrupted")
        for attempt in range(max_retries + 1):
            if stop.is_set():
                raise _Interrupted
            outcome = client.post(data)
            with stats_lock:
                report.requests += 1
                report.retries += attempt > 0
                if outcome.usage:
                    usage.update({k: v for k, v in outcome.usage.items() if isinstance(v, int)})
            if not outcome.retryable or attempt == max_retries:
                break
            delay = outcome.retry_after if outcome.retry_after is not None else jitter(attempt)
            if stop.wait(min(delay, RETRY_AFTER_CAP)):
                raise _Interrupted
        return outcome

    records = report.records
    pending: dict[str, Future] = {}  # cache key -> request in flight
    waiting: dict[str, list[int]] = {}  # cache key -> indices of the documents with that text
    ids: dict[str, str] = {}

    def finish(key: str, fut: Future) -> None:
        try:
            outcome: _Outcome = fut.result()
        except _Interrupted:
            return
        score = parse_score(outcome.reply) if outcome.reason is None else None
        reason, detail = outcome.reason, outcome.detail
        if reason is None and score is None:
            reason, detail = "unparseable_reply", _short(outcome.reply or "(empty reply)", 120)
        entry: dict[str, Any] = {"key": key, "id": ids.pop(key), "score": score}
        if reason is not None:
            entry["reason"], entry["detail"] = reason, detail
        if outcome.reply is not None:
            entry["reply"] = outcome.reply[-REPLY_EXCERPT_CHARS:]
        writer.write(entry)
        if score is not None or reason == "unparseable_reply":
            cache[key] = (score, detail)
        for i in waiting.pop(key):
            records[i].score, records[i].reason, records[i].detail = score, reason, detail

    def drain(block_until: int) -> None:
        """Finish completed requests until at most ``block_until`` remain in flight."""
        while pending:
            done = [k for k, f in pending.items() if f.done()]
            if not done:
                if len(pending) <= block_until:
                    return
                wait(list(pending.values()), return_when=FIRST_COMPLETED)
                continue
            for k in done:
                finish(k, pending.pop(k))

    pool = ThreadPoolExecutor(max_workers=concurrency, thread_name_prefix="annotate")
    window = 2 * concurrency
    try:
        for index, row in enumerate(docs):
            if isinstance(row, _InvalidRow):
                records.append(AnnotationRecord(index, row.id, None, reason=row.reason, detail=row.detail))
                continue
            if not isinstance(row, Mapping):
                records.append(AnnotationRecord(index, str(index), None, reason="invalid_record",
                                                detail=f"a {type(row).__name__}, not a mapping"))
                continue
            raw_id = row.get(id_field)
            doc_id = str(index) if raw_id is None else str(raw_id)
            text = row.get(text_field)
            if not isinstance(text, str):
                detail = (f"no field {text_field!r}" if text_field not in row or text is None
                          else f"{text_field!r} is a {type(text).__name__}")
                records.append(AnnotationRecord(index, doc_id, None, reason="missing_text_field", detail=detail))
                continue
            if not text.strip():
                records.append(AnnotationRecord(index, doc_id, text, reason="empty_text"))
                continue
            rec = AnnotationRecord(index, doc_id, text)
            records.append(rec)
            key = cache_key(model, text, max_chars)
            hit = cache.get(key)
            if hit is not None:
                rec.cached = key in preloaded
                rec.score = hit[0]
                if rec.score is None:
                    rec.reason, rec.detail = "unparseable_reply", hit[1]
                continue
            if key in pending:  # same text as a document in flight: one question
                waiting[key].append(index)
                continue
            ids[key] = doc_id
            waiting[key] = [index]
            pending[key] = pool.submit(ask, text)
            drain(window - 1)
        drain(0)
    except BaseException:
        # Stop: requests not started are dropped, no retry is made, and the requests already sent
        # are awaited (at most one ``timeout``; the interpreter would wait for them on exit anyway)
        # so that the answers already paid for go into the cache.
        stop.set()
        try:
            pool.shutdown(wait=True, cancel_futures=True)
        finally:
            for k, f in list(pending.items()):
                if f.done() and not f.cancelled():
                    finish(k, pending.pop(k))
            writer.close()
        raise
    pool.shutdown(wait=True)
    writer.close()
    report.usage = dict(usage)
    report.seconds = time.monotonic() - started
    log.info("annotated %d/%d documents with %s (%d requests, %d from cache); failed: %s",
             len(report.annotations), len(records), model, report.requests,
             sum(r.cached for r in records), report.failed_by_reason or "none")
    return report


# --------------------------------------------------------------------------------------------------
# Files
# --------------------------------------------------------------------------------------------------


def _is_parquet(path: str) -> bool:
    return path.lower().rstrip("/").endswith((".parquet", ".pq"))


def write_annotations(report: AnnotationReport, output_path: str) -> int:
    """Write the scored documents as ``{id, text, score}`` rows, input order; returns the row count.

    Parquet when ``output_path`` ends in ``.parquet``, else JSON Lines (compressed by extension, e.g.
    ``.jsonl.gz``); any fsspec URL; written atomically (``io.files.atomic_open``). ``id`` is a string,
    ``score`` an integer 0-5: the graded data ``text``/``score`` a classifier is trained on.
    """
    import pyarrow as pa
    from fsspec.utils import infer_compression

    from curation.io.files import atomic_open, write_parquet_atomic

    rows = report.annotations
    if _is_parquet(output_path):
        table = pa.table({"id": pa.array([r.id for r in rows], pa.string()),
                          "text": pa.array([r.text for r in rows], pa.string()),
                          "score": pa.array([r.score for r in rows], pa.int64())})
        write_parquet_atomic(table, output_path)
        return len(rows)
    with atomic_open(output_path, "wb", compression=infer_compression(output_path)) as fh:
        for r in rows:
            line = json.dumps({"id": r.id, "text": r.text, "score": r.score}, ensure_ascii=False)
            fh.write(line.encode("utf-8", "surrogatepass") + b"\n")
    return len(rows)


def _expand(input_path: str | list[str]) -> list[str]:
    from fsspec.core import url_to_fs

    out: list[str] = []
    for p in [input_path] if isinstance(input_path, str) else list(input_path):
        fs, path = url_to_fs(p)
        if any(c in path for c in "*?["):
            matches = sorted(fs.glob(path))
            if not matches:
                raise FileNotFoundError(f"no file matches {p}")
            out.extend(fs.unstrip_protocol(m) if "://" in p else m for m in matches)
        else:
            if not fs.exists(path):
                raise FileNotFoundError(p)
            out.append(p)
    return out


def read_rows(paths: list[str], text_field: str = "text", id_field: str = "id") -> Iterator[dict | _InvalidRow]:
    """Rows of JSONL (any compression fsspec infers) and parquet files, in order.

    A row without ``id_field`` gets ``<file name>:<line or row number>`` (1-based line for JSONL,
    0-based row for parquet) as its id; a JSONL line that is not a JSON object becomes an
    ``invalid_json`` / ``invalid_record`` failure.
    """
    import fsspec
    import pyarrow.parquet as pq

    for path in paths:
        label = path.rstrip("/").rsplit("/", 1)[-1]
        if _is_parquet(path):
            with fsspec.open(path, "rb") as fh:
                pf = pq.ParquetFile(fh)
                names = set(pf.schema_arrow.names)
                columns = [c for c in (id_field, text_field) if c in names]
                n = 0
                for batch in pf.iter_batches(batch_size=1024, columns=columns or None):
                    for row in batch.to_pylist():
                        if row.get(id_field) is None:
                            row[id_field] = f"{label}:{n}"
                        n += 1
                        yield row
            continue
        with fsspec.open(path, "rb", compression="infer") as fh:
            for lineno, raw in enumerate(fh, 1):
                if not raw.strip():
                    continue
                try:
                    row = json.loads(raw)
                except ValueError as e:
                    yield _InvalidRow(f"{label}:{lineno}", "invalid_json", _short(str(e), 120))
                    continue
                if not isinstance(row, dict):
                    yield _InvalidRow(f"{label}:{lineno}", "invalid_record", f"a JSON {type(row).__name__}")
                    continue
                if row.get(id_field) is None:
                    row[id_field] = f"{label}:{lineno}"
                yield row


def annotate_file(
    input_path: str | list[str],
    output_path: str,
    *,
    endpoint: str,
    model: str,
    api_key: str | None = None,
    cache_path: str | None = None,
    text_field: str = "text",
    id_field: str = "id",
    report_path: str | None = None,
    **kw: Any,
) -> dict[str, Any]:
    """Annotate JSONL/parquet file(s), write the graded ``{id, text, score}`` file, return the counts.

    Args:
        input_path: a file, a glob, or a list of them; local or any fsspec URL. ``*.parquet`` is read
            as parquet, anything else as JSON Lines (``.gz``/``.zst``/... decompressed).
        output_path: where the scored documents go (``.parquet`` or JSONL; see ``write_annotations``).
        endpoint: OpenAI-compatible base URL, e.g. ``http://127.0.0.1:8000/v1`` or
            ``https://api.openai.com/v1``.
        model: model name sent with each request.
        api_key: bearer token, or None for servers without auth. (A CLI should read it from an
            environment variable, not from the command line.)
        cache_path: local JSONL cache used to resume; default ``<output_path>.cache.jsonl`` when the
            output is local (required for a remote output).
        text_field, id_field: column names in the input.
        report_path: also write the counts there as JSON, when given.
        **kw: passed to ``annotate``: ``concurrency`` (8), ``max_retries`` (4), ``timeout`` (60 s),
            ``backoff`` ((0.5, 8.0) s), ``max_chars`` (6000), ``max_tokens`` (512), ``extra_body``,
            ``reask_unparseable`` (False).

    Returns:
        ``AnnotationReport.counts()`` plus ``output`` and ``cache``: documents, annotated, failed,
        from_cache, requests, retries, failed_by_reason (reason -> n), failure_examples, scores
        (histogram), usage (tokens), seconds.

    Raises:
        FileNotFoundError: an input path or glob matches nothing.
        ValueError: no cache path can be chosen.
    """
    paths = _expand(input_path)
    if cache_path is None:
        if "://" in output_path and not output_path.startswith("file://"):
            raise ValueError("cache_path is required when the output is not a local path")
        cache_path = output_path.removeprefix("file://") + ".cache.jsonl"
    report = annotate(read_rows(paths, text_field, id_field), endpoint=endpoint, model=model, api_key=api_key,
                      text_field=text_field, id_field=id_field, cache_path=cache_path, **kw)
    write_annotations(report, output_path)
    counts = report.counts()
    counts["inputs"] = paths
    counts["output"] = output_path
    counts["cache"] = cache_path
    if report_path:
        from curation.io.files import write_json_atomic

        write_json_atomic(counts, report_path)
    return counts
