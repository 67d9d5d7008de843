"""Generation throughput: is a synth job limited by the endpoint, not by us?

    python benchmarks/synth_throughput.py [--requests 3000] [--concurrency 64] [--rounds 2] [--delay 0.1]

The endpoint is the scripted OpenAI-compatible server of the tests (``tests/scripted_llm_server.py``,
its ``echo`` case: a two-letter reply after ``--delay`` s, a model's latency, so that ``--concurrency``
requests are really in flight: the endpoint then allows at most concurrency / delay requests/s; with
``--delay 0`` the server answers as fast as it can and few requests overlap), run as its own process
on 127.0.0.1. Measured in the
same run, alternating: the anchor, a bare thread pool posting the same request bodies with urllib
(no retries, no cache, no checks), and ``curate synth``'s job (``run_job``: plan, the shared
RetryingClient, the JSONL cache, the checks, the parquet outputs and manifest), each with
``--concurrency`` requests in flight. Printed per round: requests/s (wall), CPU seconds of the client
process per 1,000 requests (``time.process_time``, so other load on the machine does not count), the
server process's CPU per 1,000 requests, the most requests the server had in flight at once, and
ours / anchor ratios. Goal (issue 18): >= 200 requests/s
with 64 in flight.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def start_server(delay: float) -> tuple[subprocess.Popen, str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "tests.scripted_llm_server", "--delay", str(delay)], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, text=True)
    port = int(proc.stdout.readline())
    return proc, f"http://127.0.0.1:{port}/v1"


def max_in_flight(endpoint: str) -> int:
    """The most requests the server had in flight at once since the last call (its /stats)."""
    url = endpoint.removesuffix("/v1") + "/stats"
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with opener.open(url, timeout=10) as resp:
        return int(json.loads(resp.read())["max_in_flight"])


def server_cpu(proc: subprocess.Popen) -> float:
    import psutil

    t = psutil.Process(proc.pid).cpu_times()
    return t.user + t.system


def make_inputs(folder: Path, n: int, endpoint: str, concurrency: int) -> tuple[str, str]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    seeds = folder / "seeds.parquet"
    pq.write_table(pa.table({"seed_id": [f"s{i:06d}" for i in range(n)],
                             "text": [f"passage {i} [[echo:{i}]]" for i in range(n)]}), seeds)
    recipe = folder / "job.yaml"
    recipe.write_text(f"name: bench\nendpoint: {endpoint}\nmodel: bench\nconcurrency: {concurrency}\n"
                      "max_retries: 2\ntimeout: 30\ntemplates:\n  - name: echo\n    kind: paraphrase\n"
                      "    min_chars: 0\n    check_language: false\n    max_tokens: 16\n"
                      "    prompt: 'Paraphrase: {text}'\n")
    return str(recipe), str(seeds)


def anchor(endpoint: str, n: int, concurrency: int) -> int:
    """A bare thread pool: the same bodies, one urllib POST each, replies read and dropped."""
    url = endpoint + "/chat/completions"
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))

    def post(i: int) -> int:
        message = {"role": "user", "content": f"Paraphrase: passage {i} [[echo:{i}]]"}
        body = json.dumps({"model": "bench", "messages": [message],
                           "temperature": 0.0, "max_tokens": 16, "seed": 0}).encode()
        req = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json"}, method="POST")
        with opener.open(req, timeout=30) as resp:
            json.loads(resp.read())
            return resp.status

    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        return sum(s == 200 for s in pool.map(post, range(n)))


def ours(recipe: str, seeds: str, out: str) -> int:
    from curation.synth.job import run_job

    result = run_job(recipe, seeds, out)
    return result.manifest["templates"]["echo"]["verified"]


def measure(name: str, fn, server: subprocess.Popen, endpoint: str, n: int) -> dict:
    max_in_flight(endpoint)  # reset
    cpu0, srv0, t0 = time.process_time(), server_cpu(server), time.perf_counter()
    ok = fn()
    wall = time.perf_counter() - t0
    cpu, srv = time.process_time() - cpu0, server_cpu(server) - srv0
    row = {"what": name, "ok": ok, "wall_s": round(wall, 2), "requests_per_s": round(n / wall, 1),
           "client_cpu_s_per_1k": round(cpu / n * 1000, 3), "server_cpu_s_per_1k": round(srv / n * 1000, 3),
           "max_in_flight": max_in_flight(endpoint)}
    print(json.dumps(row), flush=True)
    return row


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--requests", type=int, default=3000)
    ap.add_argument("--concurrency", type=int, default=64)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--delay", type=float, default=0.1, help="the server's latency per answer, s (0: as fast as it can)")
    args = ap.parse_args()
    server, endpoint = start_server(args.delay)
    try:
        with tempfile.TemporaryDirectory(prefix="synth-bench-") as tmp:
            recipe, seeds = make_inputs(Path(tmp), args.requests, endpoint, args.concurrency)
            rows = []
            for r in range(args.rounds):
                out = os.path.join(tmp, f"out{r}")  # a fresh cache each round: every request is sent
                rows.append(measure("anchor", lambda: anchor(endpoint, args.requests, args.concurrency), server, endpoint,
                                    args.requests))
                rows.append(measure("ours", lambda out=out: ours(recipe, seeds, out), server, endpoint, args.requests))
    finally:
        server.kill()
        server.wait()
    best = {w: max((x for x in rows if x["what"] == w), key=lambda x: x["requests_per_s"]) for w in ("anchor", "ours")}
    print(json.dumps({
        "requests": args.requests, "concurrency": args.concurrency, "rounds": args.rounds, "delay_s": args.delay,
        "endpoint_bound_requests_per_s": round(args.concurrency / args.delay, 1) if args.delay else None,
        "ours_requests_per_s": best["ours"]["requests_per_s"], "anchor_requests_per_s": best["anchor"]["requests_per_s"],
        "ours_over_anchor_rate": round(best["ours"]["requests_per_s"] / best["anchor"]["requests_per_s"], 3),
        "ours_over_anchor_client_cpu": round(best["ours"]["client_cpu_s_per_1k"] / best["anchor"]["client_cpu_s_per_1k"], 3),
        "goal_200_per_s": best["ours"]["requests_per_s"] >= 200,
    }))


if __name__ == "__main__":
    main()
