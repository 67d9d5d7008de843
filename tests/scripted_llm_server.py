"""A scripted OpenAI-compatible chat-completions server on 127.0.0.1, for the synth tests and benchmark.

The user message carries a marker ``[[case:tag]]``; the server answers as the case says, the same way
for the same (case, tag, request ``seed``) whatever the order requests arrive in, so that a job's
outputs can be compared byte for byte across runs. Cases:

textbook / textbook_fr / textbook_short: a long English passage, a French one, a two-word one;
lesson: an English passage of words drawn by tag and prompt (distinct per template and tag);
quote: a passage that repeats the prompt;
code_ok / code_fail / code_prose: a program whose tests pass, one whose tests fail, prose without code;
qa_agree / qa_majority / qa_split / qa_prose: every sample answers 42; 3 of 5 do; all differ; no answer;
flaky (500 twice, then an answer), busy (429 + Retry-After once, then an answer), limited (always 429),
down (always 500), slow (stalls past the client's timeout once per tag+seed, then answers),
stall (always stalls), garbage (HTTP 200 with a body that is not JSON), echo (a short fixed reply:
the benchmark's case).

Run as ``python -m tests.scripted_llm_server [--delay S]`` it serves until killed and prints its port;
``GET /stats`` gives the most requests it had in flight at once since the last ``/stats``.
"""

from __future__ import annotations

import contextlib
import json
import random
import re
import sys
import threading
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

MARK = re.compile(r"\[\[(\w+):([\w.-]+)\]\]")

TEXTBOOK = ("Photosynthesis is the process by which green plants use the energy of sunlight to turn water and "
            "carbon dioxide into sugar and oxygen. In this section we follow the process step by step: light is "
            "absorbed by chlorophyll, water molecules are split, and the energy is stored in chemical bonds. "
            "Worked example ({tag}): a leaf of one square metre in full sun fixes about one gram of carbon per hour.")
FRENCH = ("La photosynthèse est le processus par lequel les plantes vertes utilisent l'énergie de la lumière "
          "du soleil pour transformer l'eau et le dioxyde de carbone en sucre et en oxygène. Dans cette section, "
          "nous suivons le processus étape par étape ({tag}) : la lumière est absorbée par la chlorophylle.")
CODE_OK = ("Exercise ({tag}): write `add(a, b)` that returns the sum of two integers.\n\n```python\n"
           "def add(a, b):\n    return a + b\n```\n\nTests:\n\n```python\nassert add(2, 3) == 5\n"
           "assert add(-1, 1) == 0\n```\n")
CODE_FAIL = ("Exercise ({tag}): write `add(a, b)` that returns the sum of two integers.\n\n```python\n"
             "def add(a, b):\n    return a - b\n```\n\nTests:\n\n```python\nassert add(2, 3) == 5\n```\n")
WORDS = ("energy light plant leaf water carbon sugar oxygen cell root stem soil growth season river mountain "
         "cloud rain heat cold atom molecule force motion speed mass volume density number fraction angle "
         "triangle circle area length history city trade market law river bridge engine wheel gear lever").split()
SOLUTION = ("Let us solve it step by step ({tag}, sample {seed}).\nFirst, 6 times 7 is {value}.\n"
            "So the result is {value}.\nFinal answer: {value}")


class ScriptedLLM:
    """The server's state: its script and a log of what it was asked."""

    def __init__(self, stall_s: float = 2.0, delay_s: float = 0.0) -> None:
        self.stall_s, self.delay_s = stall_s, delay_s
        self.lock = threading.Lock()
        self.release = threading.Event()  # set at shutdown: stalled handlers return at once
        self.asked: Counter = Counter()  # (case, tag, seed) -> requests
        self.in_flight = self.max_in_flight = 0
        self.port = 0

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def requests_for(self, case: str) -> int:
        with self.lock:
            return sum(n for (c, _, _), n in self.asked.items() if c == case)

    def respond(self, headers, body: dict) -> tuple[int, dict, bytes]:
        msgs = body.get("messages") or []
        if not msgs or not body.get("model") or not body.get("max_tokens"):
            return 400, {}, b'{"error": {"message": "bad request"}}'
        m = MARK.search(msgs[-1].get("content", ""))
        case, tag = (m.group(1), m.group(2)) if m else ("?", "?")
        seed = int(body.get("seed") or 0)
        with self.lock:
            self.asked[(case, tag, seed)] += 1
            n = self.asked[(case, tag, seed)]
        if self.delay_s:
            self.release.wait(self.delay_s)
        return self.script(case, tag, seed, n, msgs[-1].get("content", ""))

    def script(self, case: str, tag: str, seed: int, n: int, prompt: str = "") -> tuple[int, dict, bytes]:
        if case == "textbook":
            return ok(TEXTBOOK.format(tag=tag))
        if case == "lesson":  # a different passage per tag and prompt, so that dedup keeps them apart
            rng = random.Random(tag + prompt[:12])
            return ok(" ".join(" ".join(rng.sample(WORDS, 12)).capitalize() + "." for _ in range(8)))
        if case == "quote":  # a passage that repeats the seed it was given (which may quote a benchmark)
            return ok(TEXTBOOK.format(tag=tag) + "\n\n" + MARK.sub("", prompt))
        if case == "textbook_fr":
            return ok(FRENCH.format(tag=tag))
        if case == "textbook_short":
            return ok("Too short.")
        if case == "code_ok":
            return ok(CODE_OK.format(tag=tag))
        if case == "code_fail":
            return ok(CODE_FAIL.format(tag=tag))
        if case in ("code_prose", "qa_prose"):
            return ok("I would be happy to help with that, but I think the question is unclear.")
        if case.startswith("qa_"):
            value = {"qa_agree": 42, "qa_majority": 42 if seed < 3 else 40 + seed, "qa_split": 40 + seed}.get(case)
            return ok(SOLUTION.format(tag=tag, seed=seed, value=value)) if value is not None else (404, {}, b"?")
        if case == "flaky":
            return (500, {}, b"internal error") if n <= 2 else ok(TEXTBOOK.format(tag=tag))
        if case == "busy":
            return (429, {"Retry-After": "0"}, b"slow down") if n == 1 else ok(TEXTBOOK.format(tag=tag))
        if case == "limited":
            return 429, {"Retry-After": "0"}, b"slow down"
        if case == "down":
            return 500, {}, b"internal error"
        if case in ("slow", "stall"):
            if case == "stall" or n == 1:
                self.release.wait(self.stall_s)
            return ok(TEXTBOOK.format(tag=tag))
        if case == "garbage":
            return 200, {}, b"<html>proxy error</html>"
        if case == "echo":
            return ok("ok")
        return 404, {}, b"unknown case"


def ok(content: str) -> tuple[int, dict, bytes]:
    payload = {"id": "chatcmpl-1", "object": "chat.completion", "created": 0, "model": "scripted",
               "choices": [{"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}],
               "usage": {"prompt_tokens": 50, "completion_tokens": len(content) // 4,
                         "total_tokens": 50 + len(content) // 4}}
    return 200, {}, json.dumps(payload).encode()


def handler(llm) -> type[BaseHTTPRequestHandler]:
    """A request handler for any scripted model with ``lock``, ``in_flight``, ``max_in_flight`` and
    ``respond(headers, body) -> (status, headers, payload)`` (the annotation tests' model too)."""

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):  # keep test output clean
            pass

        def do_GET(self):  # /stats: the most requests in flight at once since the last /stats (benchmark)
            with llm.lock:
                payload = json.dumps({"max_in_flight": llm.max_in_flight}).encode()
                llm.max_in_flight = llm.in_flight
            self.send_response(200 if self.path == "/stats" else 404)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def do_POST(self):
            with llm.lock:
                llm.in_flight += 1
                llm.max_in_flight = max(llm.max_in_flight, llm.in_flight)
            try:
                if self.path != "/v1/chat/completions":
                    status, headers, payload = 404, {}, b"not found"
                else:
                    length = int(self.headers.get("Content-Length") or 0)
                    status, headers, payload = llm.respond(self.headers, json.loads(self.rfile.read(length) or b"{}"))
            finally:
                with llm.lock:
                    llm.in_flight -= 1
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                for k, v in headers.items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(payload)
            except OSError:  # the client gave up (its timeout): nothing to answer
                pass

    return Handler


class _HTTPServer(ThreadingHTTPServer):
    request_queue_size = 256  # the benchmark keeps 64+ connections waiting
    daemon_threads = True

    def handle_error(self, request, client_address):  # a client that hung up is not an error here
        pass


@contextlib.contextmanager
def serve(llm):
    """Serve ``llm`` on 127.0.0.1 (a free port, set as ``llm.port``) in a thread until the block ends."""
    httpd = _HTTPServer(("127.0.0.1", 0), handler(llm))
    llm.port = httpd.server_address[1]
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield llm
    finally:
        llm.release.set()
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


def Server(**kw):  # noqa: N802 - reads as a class at the call site: ``with Server() as llm:``
    """``with Server(stall_s=...) as llm:``: a ``ScriptedLLM`` served on the loopback."""
    return serve(ScriptedLLM(**kw))


def main() -> None:
    import argparse

    ap = argparse.ArgumentParser(description="scripted OpenAI-compatible server on 127.0.0.1 (prints its port)")
    ap.add_argument("--delay", type=float, default=0.0, help="seconds every answer waits (a model's latency)")
    with Server(delay_s=ap.parse_args().delay) as llm:
        print(llm.port, flush=True)
        threading.Event().wait()  # until killed


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        sys.exit(0)
