"""LLM annotation against a scripted OpenAI-compatible server on 127.0.0.1 (started here, no network).

Each document carries a marker ``[[<tag>:<case>]]``; the server looks it up in the user message and
answers as the case says (a score, prose, 500s, a 429, a stall past the client timeout, ...). It
records every request, so the tests can say exactly which documents were asked, how often, and how
many requests overlapped.
"""

from __future__ import annotations

import json
import re
import socket
import threading
import time
from collections import Counter

import pyarrow.parquet as pq
import pytest

from curation.classify.annotate import (
    annotate,
    annotate_file,
    cache_key,
    load_cache,
    parse_score,
    write_annotations,
)
from curation.classify.llm_http import retry_after as _retry_after
from curation.classify.rubric import RUBRIC_VERSION, build_messages
from tests.scripted_llm_server import serve

MODEL = "test-model"
KEY = "sk-test-123"
TIMEOUT = 0.4  # client timeout where a test wants timeouts; the "slow" case stalls longer than this
FAST = dict(timeout=5.0, backoff=(0.01, 0.04), seed=0)  # no test waits for this timeout
MARK = re.compile(r"\[\[(\w+):(\w+)\]\]")
FORMATS = [  # how the scripted model writes its score line, picked per document
    "Educational score: {n}",
    "**Educational score:** {n}",
    "Educational Score: {n}/5.",
    "educational score = {n}",
]


class ScriptedLLM:
    """State of the fake endpoint: per-document behaviour and a log of what it was asked."""

    def __init__(self, api_key: str | None = None, delay: float = 0.03):
        self.api_key = api_key
        self.delay = delay
        self.lock = threading.Lock()
        self.release = threading.Event()  # set at teardown: stalled handlers return at once
        self.asked: list[str] = []  # tags, one per request, arrival order
        self.auth: list[str | None] = []
        self.problems: list[str] = []  # requests not shaped like a chat-completions call
        self.user_messages: dict[str, str] = {}
        self.fail_tags: set[str] = set()  # answer 503 for these, whatever their case
        self.in_flight = 0
        self.max_in_flight = 0
        self.port = 0

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def reset_log(self) -> None:
        with self.lock:
            self.asked.clear()
            self.auth.clear()

    def attempts(self) -> Counter:
        with self.lock:
            return Counter(self.asked)

    # ---- behaviour -----------------------------------------------------------------------------
    def respond(self, headers, body: dict) -> tuple[int, dict, bytes]:
        auth = headers.get("Authorization")
        msgs = body.get("messages") or []
        if (body.get("model") != MODEL or body.get("temperature") != 0 or not body.get("max_tokens")
                or [m.get("role") for m in msgs] != ["system", "user"]):
            with self.lock:
                self.problems.append(json.dumps(body)[:200])
            return 400, {}, b'{"error": {"message": "bad request"}}'
        user = msgs[1]["content"]
        m = MARK.search(user)
        tag, case = (m.group(1), m.group(2)) if m else ("?", "?")
        with self.lock:
            self.asked.append(tag)
            self.auth.append(auth)
            self.user_messages[tag] = user
            n = self.asked.count(tag)
            failing = tag in self.fail_tags
        if self.api_key is not None and auth != f"Bearer {self.api_key}":
            return 401, {}, b'{"error": {"message": "invalid api key"}}'
        if failing:
            return 503, {}, b'{"error": "overloaded"}'
        # a little latency, different per document, so that requests overlap and finish out of order
        self.release.wait(self.delay * (1 + sum(map(ord, tag)) % 3))
        if case.startswith("score"):
            k = int(case[5:])
            return self.ok(f"The extract explains a school topic clearly.\n{FORMATS[k % len(FORMATS)].format(n=k)}")
        if case == "prose":
            return self.ok("This page is about gardening tools; it is pleasant to read but I will not rate it.")
        if case == "range":
            return self.ok("Very good.\nEducational score: 9")
        if case == "flaky":  # 500 twice, then an answer
            return (500, {}, b"internal error") if n <= 2 else self.ok("Educational score: 4")
        if case == "down":
            return 500, {}, b"internal error"
        if case == "busy":  # 429 with Retry-After: 0 once, then an answer
            return (429, {"Retry-After": "0"}, b"slow down") if n == 1 else self.ok("Educational score: 2")
        if case == "slow":  # stalls well past the client timeout
            self.release.wait(TIMEOUT * 10)
            return self.ok("Educational score: 1")
        if case == "bad":
            return 400, {}, b'{"error": {"message": "context length exceeded"}}'
        if case == "garbage":
            return 200, {}, b"<html>proxy error</html>"
        return 404, {}, b"unknown case"

    @staticmethod
    def ok(content: str) -> tuple[int, dict, bytes]:
        payload = {
            "id": "chatcmpl-1", "object": "chat.completion", "created": 0, "model": MODEL,
            "choices": [{"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}],
            "usage": {"prompt_tokens": 100, "completion_tokens": 10, "total_tokens": 110},
        }
        return 200, {}, json.dumps(payload).encode()


@pytest.fixture
def llm():
    with serve(ScriptedLLM(api_key=KEY)) as state:
        yield state
    assert not state.problems, state.problems


def doc(tag: str, case: str, **extra) -> dict:
    return {"id": tag, "text": f"[[{tag}:{case}]] Photosynthesis turns light into chemical energy. {tag}", **extra}


def run(llm: ScriptedLLM, docs, cache, **kw):
    opts = dict(endpoint=llm.endpoint, model=MODEL, api_key=KEY, cache_path=str(cache), **FAST)
    opts.update(kw)
    return annotate(docs, **opts)


# ------------------------------------------------------------------------------------------------
# parse_score and the rubric
# ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("reply, expected", [
    ("The page teaches fractions well.\nEducational score: 4", 4),
    ("**Educational score:** 3", 3),
    ("Educational Score: **2**", 2),
    ("educational score: 3/5", 3),
    ("Educational score: 3 out of 5", 3),
    ("Educational score: 5.", 5),
    ("Educational score: 0", 0),
    ("EDUCATIONAL SCORE:1", 1),
    ("Justification ...\n\n**Educational score: 2**", 2),
    ("Educational score: 2\nOn reflection, it deserves more.\nEducational score: 4", 4),  # the last one
    ("Educational score: 3\n\nNote: 5 criteria were considered", 3),
    ("<think>Educational score: 1 maybe</think>\nEducational score: 3", 3),
    ("score = 4", 4),
    ("Total points: 2", 2),
    ("Final score is 1", 1),
    ("Score: 4/5.", 4),
    ("It is a good page.\n\n3", 3),
    ("It is a good page.\n**5**", 5),
    ("Educational score: 7", None),
    ("Educational score: 10", None),
    ("Educational score: -1", None),
    ("Educational score: 3.5", None),
    ("Educational score: 8/10", None),
    ("This page is about gardening; pleasant, but not for school.", None),
    ("The 2 sections cover the year 1999.", None),
    ("2019", None),
    ("", None),
    (None, None),
])
def test_parse_score(reply, expected):
    assert parse_score(reply) == expected


def test_build_messages_truncates_and_asks_for_the_score_line():
    text = "word " * 1000
    msgs = build_messages(text, max_chars=200)
    assert [m["role"] for m in msgs] == ["system", "user"]
    user = msgs[1]["content"]
    shown = user.split("<document>\n", 1)[1].split("\n</document>", 1)[0]
    assert 0 < len(shown) <= 200 and text.startswith(shown)
    assert "cut" in user and "Educational score: <total points>" in user
    for n in ("1 point", "2nd point", "3rd point", "4th point", "5th point"):
        assert n in user
    short = build_messages("A short page.", max_chars=200)[1]["content"]
    assert "A short page." in short and "was cut" not in short
    assert isinstance(RUBRIC_VERSION, str) and RUBRIC_VERSION
    assert cache_key(MODEL, "t", 200) != cache_key(MODEL, "t", 300) != cache_key("other", "t", 300)


def test_retry_after_header():
    assert _retry_after("0") == 0 and _retry_after("2.5") == 2.5 and _retry_after("-3") == 0
    assert _retry_after(None) is None and _retry_after("soon") is None
    future = time.strftime("%a, %d %b %Y %H:%M:%S GMT", time.gmtime(time.time() + 30))
    assert 20 < _retry_after(future) <= 31


# ------------------------------------------------------------------------------------------------
# annotate against the scripted server
# ------------------------------------------------------------------------------------------------


def test_every_outcome_is_counted_by_reason(llm, tmp_path):
    docs = [
        doc("a", "score0"), doc("b", "score3"), doc("c", "score5"), doc("d", "score4"),
        doc("p", "prose"), doc("r", "range"),
        doc("f", "flaky"), doc("x", "down"), doc("s", "slow"), doc("q", "busy"),
        doc("e", "bad"), doc("g", "garbage"),
        {"id": "empty", "text": "  \n "}, {"id": "notext", "body": "no text field"}, {"id": "null", "text": None},
        "not a mapping",
    ]
    cache = tmp_path / "cache.jsonl"
    t0 = time.monotonic()
    report = run(llm, docs, cache, concurrency=6, max_retries=2, timeout=TIMEOUT)
    elapsed = time.monotonic() - t0

    counts = report.counts()
    assert report.failed_by_reason == {
        "bad_response": 1, "empty_text": 1, "http_400": 1, "http_500": 1, "invalid_record": 1,
        "missing_text_field": 2, "timeout": 1, "unparseable_reply": 2,
    }
    assert counts["documents"] == 16 and counts["annotated"] == 6 and counts["failed"] == 10
    # input order, whatever the completion order
    assert [r.id for r in report.records][:12] == list("abcdprfxsqeg")
    assert {r.id: r.score for r in report.annotations} == {"a": 0, "b": 3, "c": 5, "d": 4, "f": 4, "q": 2}
    assert counts["scores"] == {"0": 1, "1": 0, "2": 1, "3": 1, "4": 2, "5": 1}

    asked = llm.attempts()
    # retried: 500 twice then fine; 429 once then fine; always 500 and the stall up to max_retries
    assert asked["f"] == 3 and asked["q"] == 2 and asked["x"] == 3 and asked["s"] == 3
    # not retried: a scored reply, prose, a 400, a 200 that is not the API's shape
    assert all(asked[t] == 1 for t in "abcdpreg")
    assert set(asked) == set("abcdprfxsqeg")  # rows without text were never sent
    assert counts["requests"] == sum(asked.values()) == 19 and counts["retries"] == 7
    assert set(llm.auth) == {f"Bearer {KEY}"}
    assert counts["usage"]["prompt_tokens"] == 100 * 8  # the answers of a, b, c, d, p, r, f, q
    assert elapsed < 8  # the stalls were cut at the client timeout (uncut, 3 attempts take 12 s)

    reasons = {r.id: (r.reason, r.detail) for r in report.records if r.reason}
    assert reasons["notext"] == ("missing_text_field", "no field 'text'")
    assert "internal error" in reasons["x"][1] and "context length" in reasons["e"][1]
    assert "gardening" in reasons["p"][1]

    # Rerun with the same cache: answered documents (scores, and replies without a score) are not
    # asked again; the transient failures and the 4xx/bad responses are.
    llm.reset_log()
    again = run(llm, docs, cache, concurrency=6, max_retries=0, timeout=TIMEOUT)
    assert set(llm.attempts()) == {"x", "s", "e", "g"}
    assert again.counts()["from_cache"] == 8
    assert {r.id: r.score for r in again.annotations} == {r.id: r.score for r in report.annotations}
    assert again.failed_by_reason["unparseable_reply"] == 2  # still reported, from the cache


def test_rate_limit_and_server_errors_are_retried_with_backoff(llm, tmp_path):
    docs = [doc("q", "busy"), doc("f", "flaky")]
    report = run(llm, docs, tmp_path / "c.jsonl", max_retries=4, backoff=(0.05, 0.05))
    assert {r.id: r.score for r in report.annotations} == {"q": 2, "f": 4}
    assert llm.attempts() == Counter({"q": 2, "f": 3})
    assert report.retries == 3


def test_requests_run_concurrently(llm, tmp_path):
    docs = [doc(f"d{i}", f"score{i % 6}") for i in range(24)]
    report = run(llm, docs, tmp_path / "c.jsonl", concurrency=8)
    assert len(report.annotations) == 24 and report.requests == 24
    assert 1 < llm.max_in_flight <= 8
    assert [r.id for r in report.records] == [d["id"] for d in docs]
    assert [r.score for r in report.records] == [i % 6 for i in range(24)]


def test_one_request_per_distinct_text(llm, tmp_path):
    same = doc("dup", "score3")
    docs = [same, {**same, "id": "dup2"}, doc("other", "score1"), {**same, "id": "dup3"}]
    report = run(llm, docs, tmp_path / "c.jsonl", concurrency=4)
    assert [(r.id, r.score) for r in report.records] == [("dup", 3), ("dup2", 3), ("other", 1), ("dup3", 3)]
    assert llm.attempts() == Counter({"dup": 1, "other": 1})


def test_wrong_or_missing_key_is_http_401_without_retries(llm, tmp_path):
    docs = [doc(f"d{i}", "score2") for i in range(3)]
    report = run(llm, docs, tmp_path / "c.jsonl", api_key="wrong", max_retries=3)
    assert report.failed_by_reason == {"http_401": 3} and report.requests == 3
    assert set(llm.auth) == {"Bearer wrong"}
    llm.reset_log()
    report = run(llm, docs, tmp_path / "c.jsonl", api_key=None, max_retries=3)
    assert report.failed_by_reason == {"http_401": 3} and llm.auth == [None] * 3
    llm.reset_log()
    report = run(llm, docs, tmp_path / "c.jsonl")  # the 401s were not cached as answers
    assert len(report.annotations) == 3 and len(llm.asked) == 3


def test_unreachable_endpoint_is_connection_error(tmp_path):
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    t0 = time.monotonic()
    report = annotate([doc("a", "score1"), doc("b", "score2")], endpoint=f"http://127.0.0.1:{port}/v1",
                      model=MODEL, api_key=None, cache_path=str(tmp_path / "c.jsonl"), max_retries=2, **FAST)
    assert report.failed_by_reason == {"connection_error": 2} and report.requests == 6
    assert "Connection" in report.records[0].detail or "refused" in report.records[0].detail.lower()
    assert time.monotonic() - t0 < 5


def test_document_is_truncated_in_the_prompt(llm, tmp_path):
    long = doc("long", "score2")
    long["text"] += " filler" * 2000
    report = run(llm, [long], tmp_path / "c.jsonl", max_chars=300)
    assert report.records[0].score == 2
    shown = llm.user_messages["long"].split("<document>\n", 1)[1].split("\n</document>", 1)[0]
    assert len(shown) <= 300 and long["text"].startswith(shown)
    assert report.records[0].text == long["text"]  # the output keeps the whole text


# ------------------------------------------------------------------------------------------------
# Resume
# ------------------------------------------------------------------------------------------------


def test_resume_after_a_run_that_failed_half(llm, tmp_path):
    docs = [doc(f"d{i}", f"score{i % 6}") for i in range(10)]
    cache = tmp_path / "c.jsonl"
    llm.fail_tags = {f"d{i}" for i in range(1, 10, 2)}
    first = run(llm, docs, cache, max_retries=0)
    assert first.failed_by_reason == {"http_503": 5} and len(first.annotations) == 5
    llm.fail_tags = set()
    llm.reset_log()
    second = run(llm, docs, cache, max_retries=0)
    assert set(llm.asked) == {f"d{i}" for i in range(1, 10, 2)} and len(llm.asked) == 5
    counts = second.counts()
    assert counts["annotated"] == 10 and counts["from_cache"] == 5 and counts["requests"] == 5
    assert [r.score for r in second.records] == [i % 6 for i in range(10)]


def test_resume_after_a_torn_cache_line(llm, tmp_path):
    docs = [doc(f"d{i}", f"score{i % 6}") for i in range(10)]
    cache = tmp_path / "c.jsonl"
    run(llm, docs, cache, concurrency=4)
    lines = cache.read_bytes().splitlines(keepends=True)
    assert len(lines) == 10
    kept = [json.loads(x)["id"] for x in lines[:6]]
    cache.write_bytes(b"".join(lines[:6]) + lines[6][: len(lines[6]) // 2])  # killed mid-write
    llm.reset_log()

    second = run(llm, docs, cache, concurrency=4)
    assert sorted(llm.asked) == sorted(d["id"] for d in docs if d["id"] not in kept)
    assert second.counts()["from_cache"] == 6 and len(second.annotations) == 10
    # the torn fragment stays on its own line; everything else in the cache is readable
    entries = cache.read_bytes().splitlines()
    assert sum(1 for e in entries if not _loads(e)) == 1
    assert len(load_cache(str(cache))) == 10

    llm.reset_log()
    third = run(llm, docs, cache)
    assert llm.asked == [] and third.counts()["from_cache"] == 10


def _loads(line: bytes):
    try:
        return json.loads(line)
    except ValueError:
        return None


class Boom(Exception):
    pass


def test_resume_after_an_interrupted_run(llm, tmp_path):
    docs = [doc(f"d{i}", f"score{i % 6}") for i in range(20)]
    cache = tmp_path / "c.jsonl"

    def interrupted():  # the input dies after 12 documents, like a Ctrl-C mid-run
        yield from docs[:12]
        raise Boom

    with pytest.raises(Boom):
        run(llm, interrupted(), cache, concurrency=2)
    first_asked = set(llm.asked)
    answered = {e["id"] for e in load_cache(str(cache)).values()}
    # requests already sent were waited for and cached (they are paid for); the unsent were dropped
    assert answered == first_asked and len(first_asked) == len(llm.asked)
    # at most 2 * concurrency documents are waiting at any time, so most of the 12 were asked
    assert {d["id"] for d in docs[:12 - 4]} <= answered <= {d["id"] for d in docs[:12]}

    llm.reset_log()
    report = run(llm, docs, cache, concurrency=4)
    assert set(llm.asked) == {d["id"] for d in docs} - answered
    assert len(llm.asked) == 20 - len(answered)
    assert report.counts()["from_cache"] == len(answered) and len(report.annotations) == 20


# ------------------------------------------------------------------------------------------------
# Files
# ------------------------------------------------------------------------------------------------


def test_annotate_file_jsonl_to_parquet_and_jsonl(llm, tmp_path):
    src = tmp_path / "in.jsonl"
    rows = [doc("a", "score3"), doc("b", "prose"), {"id": "c"}, doc("d", "score5")]
    lines = [json.dumps(r) for r in rows]
    lines.insert(2, '{"id": "broken", "text": ')  # a cut line
    lines.append(json.dumps({"text": "[[noid:score1]] no id field"}))
    src.write_text("\n".join(lines) + "\n")

    out = tmp_path / "out" / "graded.parquet"
    counts = annotate_file(str(src), str(out), endpoint=llm.endpoint, model=MODEL, api_key=KEY, **FAST)
    assert counts["failed_by_reason"] == {"invalid_json": 1, "missing_text_field": 1, "unparseable_reply": 1}
    assert counts["annotated"] == 3 and counts["documents"] == 6
    assert counts["failure_examples"]["invalid_json"][0].startswith("in.jsonl:3")
    assert counts["cache"] == str(out) + ".cache.jsonl"
    table = pq.read_table(out)
    assert table.column_names == ["id", "text", "score"]
    assert table.to_pylist() == [
        {"id": "a", "text": rows[0]["text"], "score": 3},
        {"id": "d", "text": rows[3]["text"], "score": 5},
        {"id": "in.jsonl:6", "text": "[[noid:score1]] no id field", "score": 1},
    ]

    # the same input again, written as JSONL: everything from the cache, same rows
    llm.reset_log()
    out2 = tmp_path / "graded.jsonl.gz"
    report_path = tmp_path / "report.json"
    counts2 = annotate_file(str(src), str(out2), endpoint=llm.endpoint, model=MODEL, api_key=KEY,
                            cache_path=counts["cache"], report_path=str(report_path), **FAST)
    assert llm.asked == [] and counts2["from_cache"] == 4
    import gzip

    got = [json.loads(x) for x in gzip.decompress(out2.read_bytes()).splitlines()]
    assert got == table.to_pylist()
    assert json.loads(report_path.read_text())["annotated"] == 3


def test_annotate_file_reads_parquet_with_other_field_names(llm, tmp_path):
    import pyarrow as pa

    src = tmp_path / "in.parquet"
    pq.write_table(pa.table({"doc_id": [1, 2, None], "content": [doc("a", "score2")["text"], "",
                                                                  doc("c", "score4")["text"]]}), src)
    out = tmp_path / "graded.jsonl"
    counts = annotate_file(str(tmp_path / "*.parquet"), str(out), endpoint=llm.endpoint, model=MODEL, api_key=KEY,
                           text_field="content", id_field="doc_id", **FAST)
    assert counts["failed_by_reason"] == {"empty_text": 1} and counts["annotated"] == 2
    assert [json.loads(x) for x in out.read_text().splitlines()] == [
        {"id": "1", "text": doc("a", "score2")["text"], "score": 2},
        {"id": "in.parquet:2", "text": doc("c", "score4")["text"], "score": 4},
    ]


def test_write_annotations_keeps_input_order(llm, tmp_path):
    docs = [doc(f"d{i}", f"score{5 - i % 6}") for i in range(12)]
    report = run(llm, docs, tmp_path / "c.jsonl", concurrency=6)
    assert write_annotations(report, str(tmp_path / "o.parquet")) == 12
    assert pq.read_table(tmp_path / "o.parquet").column("id").to_pylist() == [d["id"] for d in docs]
