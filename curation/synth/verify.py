"""Verification of generated data: code is kept only if it passes its tests in a sandbox, answers only
when a plurality of samples agrees. Every verdict says why (``reason``), in short snake_case.

Reasons of ``run_python_tests``: passed; syntax_error, no_tests, program_error, program_exit,
tests_failed (the program is wrong or does not load); timeout, memory, output_limit, file_limit (a
limit was hit); forbidden_fork, forbidden_socket, forbidden_write, forbidden_escape (the program tried
it and was refused; counted even when it caught the error); crashed, no_result (the process died or
exited before reporting). Reasons of ``plurality``: agreed; no_plurality; no_answer.
What the sandbox does and does not stop: ``curation.synth.sandbox``.
"""

from __future__ import annotations

import signal
from collections import Counter
from dataclasses import dataclass

from curation.synth.answers import extract_answer
from curation.synth.sandbox import OUTPUT_LIMIT, run_sandboxed

__all__ = ["SandboxStartError", "Verdict", "extract_answer", "plurality", "run_python_tests"]


class SandboxStartError(RuntimeError):
    """The sandbox process could not start (no interpreter, a namespace refused): a failure of the job's
    machine, not of the program, so it is raised instead of rejecting the program."""


@dataclass(frozen=True)
class Verdict:
    ok: bool
    reason: str
    detail: str = ""
    answer: str | None = None


def run_python_tests(program: str, tests: str, *, timeout_s: float = 10, memory_mb: int = 512,
                     wall_s: float | None = None, isolate_network: bool | None = None) -> Verdict:
    """Run ``program`` and then ``tests`` (an assert script, ``test_*`` functions or unittest cases; no
    pytest needed) in a sandbox. ``timeout_s`` counts CPU seconds; ``wall_s`` caps waiting (default
    ``max(30, 5 * timeout_s)``); ``memory_mb`` is the address-space limit."""
    run = run_sandboxed(program, tests, timeout_s=timeout_s, memory_mb=memory_mb, wall_s=wall_s,
                        isolate_network=isolate_network)
    if not run.guards and run.stopped is None:  # it died before the program was loaded: not the program's fault
        raise SandboxStartError(f"the sandbox did not start (exit code {run.returncode}): {run.output.strip()[-300:]}")
    if run.violations:  # tried and refused: the program is rejected even if it went on to pass
        reason, what = run.violations[0]
        return Verdict(False, reason, f"{what} (refused {len(run.violations)} time(s))")
    # Details name limits, not measurements, so that a rerun gives the same verdict byte for byte.
    if run.stopped == "timeout" or run.returncode == -signal.SIGXCPU:
        return Verdict(False, "timeout", f"over {timeout_s} s of CPU or the wall-clock cap")
    if run.stopped == "output_limit":
        return Verdict(False, "output_limit", f"over {OUTPUT_LIMIT} bytes of output")
    if run.status == "passed" and run.returncode == 0:
        return Verdict(True, "passed", run.detail)
    if run.status is not None and run.status != "passed":
        return Verdict(False, run.status, run.detail)
    tail = run.output.strip().splitlines()[-1:] or [""]
    if run.returncode < 0:
        return Verdict(False, "crashed", f"killed by {signal.Signals(-run.returncode).name}; {tail[0][:300]}")
    return Verdict(False, "no_result", f"exit code {run.returncode} before the tests finished; {tail[0][:300]}")


def plurality(answers: list[str], kind: str = "auto", min_share: float = 0.5) -> Verdict:
    """The answer most samples give, kept only if its share of all samples is above ``min_share`` and
    no other answer is as frequent. Samples with no extractable answer count against the share."""
    extracted = [extract_answer(a, kind) for a in answers]
    counts = Counter(a for a in extracted if a is not None)
    if not counts:
        return Verdict(False, "no_answer", f"no answer extracted from {len(answers)} sample(s)")
    ranked = counts.most_common()
    summary = ", ".join(f"{a!r}: {n}" for a, n in ranked[:5]) + f" of {len(answers)}"
    best, n = ranked[0]
    if len(ranked) > 1 and ranked[1][1] == n:
        return Verdict(False, "no_plurality", f"tie: {summary}")
    if n / len(answers) <= min_share:
        return Verdict(False, "no_plurality", f"share {n}/{len(answers)} not above {min_share}: {summary}")
    return Verdict(True, "agreed", summary, answer=best)
