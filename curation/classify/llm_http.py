"""One chat-completions request to an OpenAI-compatible endpoint, as an ``Outcome`` (never an exception).

Every transport failure (timeout, refused connection, HTTP error, a body that is not a
chat-completions response) becomes a reason the caller counts, marked retryable or not, with the
server's ``Retry-After`` when it sent one; ``RetryingClient`` adds the retries and back-off its callers share.
"""

from __future__ import annotations

import dataclasses
import email.utils
import http.client
import json
import random
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from typing import Any

@dataclasses.dataclass
class Outcome:
    reply: str | None = None
    reason: str | None = None
    detail: str = ""
    retry_after: float | None = None
    retryable: bool = False
    usage: dict | None = None


def retry_after(value: str | None) -> float | None:
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


def short(text: Any, limit: int = 200) -> str:
    s = " ".join(str(text).split())
    return s if len(s) <= limit else s[: limit - 1] + "…"


def _is_timeout(exc: BaseException) -> bool:
    if isinstance(exc, (TimeoutError, socket.timeout)):
        return True
    return isinstance(exc, urllib.error.URLError) and isinstance(exc.reason, (TimeoutError, socket.timeout))


class ChatClient:
    def __init__(self, endpoint: str, api_key: str | None, timeout: float) -> None:
        self.url = endpoint.rstrip("/") + "/chat/completions"
        self.timeout = timeout
        self.headers = {"Content-Type": "application/json", "Accept": "application/json"}
        if api_key:
            self.headers["Authorization"] = f"Bearer {api_key}"
        # A local server is reached directly even when http_proxy is set; others honour the proxy env.
        handlers = [urllib.request.ProxyHandler({})] if _is_loopback(self.url) else []
        self.opener = urllib.request.build_opener(*handlers)

    def post(self, body: bytes) -> Outcome:
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
            return Outcome(reason=f"http_{status}", detail=short(text) or str(e.reason), retryable=retryable,
                            retry_after=retry_after(e.headers.get("Retry-After")) if retryable else None)
        except Exception as e:  # noqa: BLE001 - every transport failure is an outcome, never a crash
            if _is_timeout(e):
                return Outcome(reason="timeout", detail=f"no answer within {self.timeout:g}s", retryable=True)
            if isinstance(e, (urllib.error.URLError, http.client.HTTPException, OSError)):
                what = e.reason if isinstance(e, urllib.error.URLError) else e
                return Outcome(reason="connection_error", detail=short(f"{type(e).__name__}: {what}"),
                                retryable=True)
            return Outcome(reason="connection_error", detail=short(f"{type(e).__name__}: {e}"), retryable=True)
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
            return Outcome(reason="bad_response", detail=short(f"{type(e).__name__}: {e}; body: {raw[:200]!r}"))
        usage = payload.get("usage") if isinstance(payload.get("usage"), dict) else None
        return Outcome(reply=content or "", usage=usage)



#: Longest wait a ``Retry-After`` header can impose (seconds).
RETRY_AFTER_CAP = 120.0


class Interrupted(Exception):
    """Raised inside a request thread when the caller asked to stop (no further attempt is made)."""


class RetryingClient:
    """``ChatClient`` plus the retry policy every caller shares (annotation, synthetic-data jobs).

    Timeouts, connection errors, 429 and 5xx are retried up to ``max_retries`` times; the n-th wait is
    drawn from [d/2, d] with d = min(cap, base * 2**n), unless the server sent ``Retry-After`` (capped
    at ``RETRY_AFTER_CAP``). Other 4xx are final. Counters (requests, retries, token usage) are
    thread-safe; ``stop`` (an Event) interrupts waits and prevents new attempts.
    """

    def __init__(self, endpoint: str, api_key: str | None, timeout: float, *, max_retries: int = 4,
                 backoff: tuple[float, float] = (0.5, 8.0), seed: int | None = None,
                 stop: threading.Event | None = None) -> None:
        if max_retries < 0:
            raise ValueError(f"max_retries must be >= 0, got {max_retries}")
        self.client = ChatClient(endpoint, api_key, timeout)
        self.max_retries = max_retries
        self.base, self.cap = float(backoff[0]), float(backoff[1])
        self.stop = stop or threading.Event()
        self._rng = random.Random(seed)
        self._lock = threading.Lock()
        self.requests = 0
        self.retries = 0
        self.usage: Counter = Counter()

    def _jitter(self, n: int) -> float:
        d = min(self.cap, self.base * (2 ** n))
        with self._lock:
            return d / 2 + self._rng.random() * d / 2

    def ask(self, data: bytes) -> Outcome:
        """POST ``data`` (a JSON chat-completions body) with retries; raises ``Interrupted`` on stop."""
        outcome = Outcome(reason="interrupted")
        for attempt in range(self.max_retries + 1):
            if self.stop.is_set():
                raise Interrupted
            outcome = self.client.post(data)
            with self._lock:
                self.requests += 1
                self.retries += attempt > 0
                if outcome.usage:
                    self.usage.update({k: v for k, v in outcome.usage.items()
                                       if isinstance(v, int) and not isinstance(v, bool)})
            if not outcome.retryable or attempt == self.max_retries:
                break
            delay = outcome.retry_after if outcome.retry_after is not None else self._jitter(attempt)
            if self.stop.wait(min(delay, RETRY_AFTER_CAP)):
                raise Interrupted
        return outcome
