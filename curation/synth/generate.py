"""Generation requests: planned from (template x seed x sample), sent concurrently, answers cached.

``plan`` turns the recipe and the seed rows into requests in a fixed order (template, seed row,
sample); a seed that lacks a value a template needs is counted (``missing_value``), never sent.
``fetch`` sends what the cache does not hold yet, ``concurrency`` at a time, through the shared
``RetryingClient`` (retries, back-off, ``Retry-After``), at most ``max_rps`` requests per second
when set, and appends every answer to the cache as it arrives. What comes back is only a function
of the cache, so the order in which answers arrive never shows in the outputs.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import threading
import time
from collections import Counter
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from typing import Any

from curation.classify.llm_http import Interrupted, Outcome, RetryingClient
from curation.synth.cache import CacheWriter, load_answers, request_key
from curation.synth.templates import SynthRecipe, Template, template_key

log = logging.getLogger("curation.synth")


@dataclasses.dataclass(frozen=True)
class Request:
    template: int  # index in recipe.templates
    seed: int  # row index in the seeds
    seed_id: str
    sample: int
    key: str


@dataclasses.dataclass
class Plan:
    requests: list[Request]
    seeds: list[int]  # per template: seed rows it applies to
    skipped: list[Counter]  # per template: reason -> candidates rejected before any request


def plan(recipe: SynthRecipe, seeds: list[dict]) -> Plan:
    """Every request of the job, in (template, seed row, sample) order; bodies are built when sent."""
    requests: list[Request] = []
    applies = [0] * len(recipe.templates)
    skipped = [Counter() for _ in recipe.templates]
    for ti, t in enumerate(recipe.templates):
        thash = template_key(t)
        for si, seed in enumerate(seeds):
            if t.seed_kind is not None and seed.get("kind") != t.seed_kind:
                continue
            applies[ti] += 1
            if t.missing_values(seed):
                skipped[ti]["missing_value"] += 1 if t.kind == "qa" else t.samples
                continue
            messages, sid = t.render(seed), str(seed["seed_id"])
            for k in range(t.samples):
                key = request_key(t.name, thash, sid, messages, recipe.model, _params(t), k)
                requests.append(Request(ti, si, sid, k, key))
    return Plan(requests, applies, skipped)


def _params(t: Template) -> dict[str, Any]:
    return {"temperature": t.temperature, "max_tokens": t.max_tokens}


def request_body(recipe: SynthRecipe, seeds: list[dict], r: Request) -> bytes:
    """The JSON body of one request (built when it is sent: a job's bodies need not all fit in memory)."""
    t = recipe.templates[r.template]
    body = {"model": recipe.model, "messages": t.render(seeds[r.seed]), **_params(t), "seed": r.sample,
            **recipe.extra_body}
    return json.dumps(body, ensure_ascii=False).encode("utf-8", "surrogatepass")


class RateLimit:
    """At most ``rps`` request starts per second, spread evenly (a client-side limit for shared endpoints)."""

    def __init__(self, rps: float | None, stop: threading.Event) -> None:
        self.interval = 1.0 / rps if rps else 0.0
        self.stop = stop
        self.lock = threading.Lock()
        self.next = 0.0

    def acquire(self) -> None:
        if not self.interval:
            return
        with self.lock:
            now = time.monotonic()
            start = max(now, self.next)
            self.next = start + self.interval
        if start > now and self.stop.wait(start - now):
            raise Interrupted


@dataclasses.dataclass
class Fetched:
    answers: dict[str, dict]  # key -> cache entry (reply, usage)
    failures: dict[str, tuple[str, str]]  # key -> (reason, detail) of requests that got no answer
    requests: int = 0  # HTTP requests made this run (retries included)
    retries: int = 0
    from_cache: int = 0


def fetch(recipe: SynthRecipe, seeds: list[dict], requests: list[Request], cache_path: str,
          api_key: str | None = None, seed: int | None = None) -> Fetched:
    """Answers for ``requests``: from the cache, else from the endpoint (appended to the cache)."""
    cached = load_answers(cache_path)
    out = Fetched(answers={}, failures={})
    todo, seen = [], set()
    for r in requests:
        if r.key in cached:
            out.answers[r.key] = cached[r.key]
        elif r.key not in seen:
            seen.add(r.key)
            todo.append(r)
    out.from_cache = len(out.answers)
    if not todo:
        return out
    stop = threading.Event()
    client = RetryingClient(recipe.endpoint, api_key, recipe.timeout, max_retries=recipe.max_retries,
                            backoff=recipe.backoff, seed=seed, stop=stop)
    limit = RateLimit(recipe.max_rps, stop)

    def ask(r: Request) -> Outcome:
        limit.acquire()
        return client.ask(request_body(recipe, seeds, r))

    writer = CacheWriter(cache_path)
    pending: dict[Future, Request] = {}

    def finish(fut: Future) -> None:
        r = pending.pop(fut)
        try:
            outcome: Outcome = fut.result()
        except Interrupted:
            return
        if outcome.reason is not None:
            out.failures[r.key] = (outcome.reason, outcome.detail)
            return
        entry = {"key": r.key, "template": recipe.templates[r.template].name, "seed_id": r.seed_id,
                 "sample": r.sample, "reply": outcome.reply, "usage": _ints(outcome.usage)}
        writer.write(entry)
        out.answers[r.key] = entry

    pool = ThreadPoolExecutor(max_workers=recipe.concurrency, thread_name_prefix="synth")
    try:
        for r in todo:
            pending[pool.submit(ask, r)] = r
            while len(pending) >= 2 * recipe.concurrency:
                done, _ = wait(list(pending), return_when=FIRST_COMPLETED)
                for fut in done:
                    finish(fut)
        while pending:
            done, _ = wait(list(pending), return_when=FIRST_COMPLETED)
            for fut in done:
                finish(fut)
    except BaseException:
        # Stop: nothing new is sent or retried; answers already paid for go into the cache.
        stop.set()
        try:
            pool.shutdown(wait=True, cancel_futures=True)
        finally:
            for fut in [f for f in pending if f.done() and not f.cancelled()]:
                finish(fut)
            writer.close()
        raise
    pool.shutdown(wait=True)
    writer.close()
    out.requests, out.retries = client.requests, client.retries
    log.info("synth %s: %d requests (%d retries), %d answers from cache, %d failed", recipe.name, out.requests,
             out.retries, out.from_cache, len(out.failures))
    return out


def _ints(usage: dict | None) -> dict[str, int]:
    return {k: v for k, v in sorted((usage or {}).items()) if isinstance(v, int) and not isinstance(v, bool)}
