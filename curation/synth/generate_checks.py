"""What makes a reply a document: per-kind checks, each failure a short snake_case reason.

textbook / paraphrase: a non-empty reply of at least ``min_chars`` in the job's language.
code: a reply with a program and its tests in fenced blocks (the first and the last), kept only when
the tests pass in the sandbox (``synth.verify.run_python_tests``).
qa: ``samples`` replies to the same question; their final answers must agree by plurality
(``synth.verify.plurality``, which extracts them; a sample without a reply counts as no answer); the
document is the question with the first solution that reached the agreed answer.
"""

from __future__ import annotations

import dataclasses
import re
import threading
from typing import Any

from curation.synth.cache import VerdictCache, verdict_key
from curation.synth.templates import Template

#: A fenced code block: ```python ... ``` (any or no language tag).
FENCE = re.compile(r"```[ \t]*([A-Za-z0-9_+-]*)[^\n]*\n(.*?)```", re.S)
#: Seconds and megabytes a generated program may use while its tests run.
CODE_TIMEOUT_S = 10.0
CODE_MEMORY_MB = 512


@dataclasses.dataclass(frozen=True)
class Checked:
    ok: bool
    reason: str
    detail: str = ""
    text: str | None = None
    verification: dict[str, Any] = dataclasses.field(default_factory=dict)


class LanguageCheck:
    """The job's language test: the pipeline's own language ID (``curation.langid``), loaded once."""

    def __init__(self, language: str) -> None:
        self.language = language
        self._cascade = None
        self._lock = threading.Lock()

    def of(self, text: str) -> str:
        with self._lock:
            if self._cascade is None:
                from curation.langid.cascade import Cascade

                self._cascade = Cascade()
            return self._cascade.decide(FENCE.sub(" ", text)).language

    def wrong(self, text: str) -> str | None:
        """None when ``text`` is in the job's language, else the language found."""
        found = self.of(text)
        return None if found == self.language else found


def check_prose(t: Template, reply: str, lang: LanguageCheck) -> Checked:
    text = reply.strip()
    if not text:
        return Checked(False, "empty_reply")
    if len(text) < t.min_chars:
        return Checked(False, "too_short", f"{len(text)} < {t.min_chars} characters")
    if t.check_language and (found := lang.wrong(text)):
        return Checked(False, "wrong_language", f"{found}, not {lang.language}")
    return Checked(True, "accepted", text=text, verification={"language": lang.language})


def code_parts(reply: str) -> tuple[str, str] | None:
    """(program, tests): the first and the last fenced block of a reply; None with fewer than two."""
    blocks = [body for _, body in FENCE.findall(reply)]
    return (blocks[0], blocks[-1]) if len(blocks) >= 2 else None


def check_code(t: Template, reply: str, verdicts: VerdictCache | None = None) -> Checked:
    parts = code_parts(reply)
    if parts is None:
        return Checked(False, "malformed_reply", "no program and tests in two fenced code blocks")
    key = verdict_key(parts[0], parts[1], CODE_TIMEOUT_S, CODE_MEMORY_MB)
    verdict = verdicts.get(key) if verdicts is not None else None
    if verdict is None:
        from curation.synth.verify import run_python_tests  # issue 18's sandbox

        v = run_python_tests(parts[0], parts[1], timeout_s=CODE_TIMEOUT_S, memory_mb=CODE_MEMORY_MB)
        verdict = {"ok": bool(v.ok), "reason": v.reason, "detail": v.detail}
        if verdicts is not None:
            verdicts.put(key, verdict)
    if not verdict["ok"]:
        return Checked(False, verdict["reason"], verdict["detail"])
    return Checked(True, verdict["reason"], text=reply.strip(),
                   verification={"method": "tests", "detail": verdict["detail"]})


def check_qa(t: Template, seed: dict[str, Any], replies: list[str | None], failures: list[str],
             lang: LanguageCheck) -> Checked:
    """Plurality over all k samples (one that got no reply counts as no answer); ``failures`` are the
    transport reasons of the samples without a reply."""
    from curation.synth.verify import extract_answer, plurality  # issue 18's answer extraction and vote

    if all(r is None for r in replies):
        return Checked(False, failures[0] if failures else "no_answer")
    verdict = plurality([r if r is not None else "" for r in replies], min_share=t.min_share)
    if not verdict.ok:
        return Checked(False, verdict.reason, verdict.detail)
    agreeing = [(k, r) for k, r in enumerate(replies) if r is not None and extract_answer(r) == verdict.answer]
    if not agreeing:  # the vote extracts the same way: cannot happen unless verify changes under us
        return Checked(False, "answer_mismatch", f"no sample's answer matches the plurality's {verdict.answer!r}")
    k, solution = agreeing[0]
    if t.check_language and (found := lang.wrong(solution)):
        return Checked(False, "wrong_language", f"{found}, not {lang.language}")
    question = seed.get("question")
    text = (f"{question.strip()}\n\n" if isinstance(question, str) and question.strip() else "") + solution.strip()
    return Checked(True, verdict.reason, text=text,
                   verification={"method": "plurality", "answer": verdict.answer, "samples": t.samples, "sample": k,
                                 "detail": verdict.detail})
