"""Verification of generated data (issue 18), measured: sandbox overhead and verdicts on real data.

    python benchmarks/synth_verify.py [--runs 30] [--no-real-data]

1. Overhead, in CPU seconds (this process's, plus its reaped children's: the machine may be loaded by
   others, so wall time is printed but not compared): a trivial passing program and its one-assert
   test through ``run_python_tests``, without and with the network namespace, against the anchor
   measured in the same run, interleaved: a bare interpreter started the same way
   (``python -s -P -B -c pass``, same emptied environment) by ``subprocess.run``.
2. Verdicts on real programs and answers nothing was tuned on (../shared/data/benchmarks, MIT):
   HumanEval's 164 reference solutions (must be kept) and the same prompts with a ``return None``
   body (must be rejected, ``tests_failed``); GSM8K's 1,319 solutions, each read three ways (its own
   ``####`` line, ``The answer is ...``, ``\\boxed{...}``: the plurality must be the reference
   number), triples of solutions of different questions with three different answers (must be
   rejected), and the solution with its ``####`` line cut (the last-number fallback alone). The
   tests use every 8th HumanEval problem and every 20th GSM8K question; the rest is printed apart.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from curation.synth.sandbox import network_namespace, run_sandboxed  # noqa: E402
from curation.synth.verify import extract_answer, plurality, run_python_tests  # noqa: E402

SHARED = ROOT.parent / "shared" / "data" / "benchmarks"
PROGRAM, TESTS = "def add(a, b):\n    return a + b\n", "assert add(2, 3) == 5\n"


def cpu_now() -> float:
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def anchor() -> bool:
    with tempfile.TemporaryDirectory() as tmp:
        env = {"HOME": tmp, "TMPDIR": tmp, "PYTHONHASHSEED": "0", "LANG": "C.UTF-8", "PATH": os.defpath}
        return subprocess.run([sys.executable, "-s", "-P", "-B", "-c", "pass"], cwd=tmp, env=env).returncode == 0


def overhead(runs: int) -> None:
    variants = {"anchor: bare interpreter": anchor,
                "run_python_tests, no namespace": lambda: run_python_tests(PROGRAM, TESTS, isolate_network=False).ok}
    if network_namespace():
        variants["run_python_tests, network namespace"] = lambda: run_python_tests(PROGRAM, TESTS, isolate_network=True).ok
    else:
        print("no unprivileged network namespace on this machine (unshare -rn failed): that variant is skipped")
    cpu = dict.fromkeys(variants, 0.0)
    wall = dict.fromkeys(variants, 0.0)
    for _ in range(runs):  # interleaved, so that a change in the machine's load hits every variant alike
        for name, call in variants.items():
            c, w = cpu_now(), time.perf_counter()
            assert call(), name
            cpu[name] += cpu_now() - c
            wall[name] += time.perf_counter() - w
    guards = run_sandboxed(PROGRAM, TESTS, timeout_s=10, memory_mb=512).guards
    base = cpu["anchor: bare interpreter"] / runs
    print(f"\nkernel guards in the sandbox: {guards}; network namespace: {'yes' if network_namespace() else 'no'}")
    print(f"\n1. Overhead, {runs} runs each, interleaved (CPU s = this process + its children)")
    print(f"{'variant':40s} {'CPU ms/run':>10s} {'runs/CPU-s':>10s} {'x anchor':>8s} {'wall runs/s':>11s}")
    for name in variants:
        per = cpu[name] / runs
        print(f"{name:40s} {per * 1000:10.1f} {1 / per:10.1f} {per / base:8.2f} {runs / wall[name]:11.1f}")


def humaneval() -> None:
    rows = [json.loads(line) for line in gzip.open(SHARED / "HumanEval.jsonl.gz", "rt")]
    tally = {"seen": [0, 0, 0], "held out": [0, 0, 0]}  # problems, references kept, stubs rejected
    misses = []
    for i, row in enumerate(rows):
        tests = row["test"] + f"\ncheck({row['entry_point']})\n"
        kept = run_python_tests(row["prompt"] + row["canonical_solution"], tests)
        stub = run_python_tests(row["prompt"] + "    return None\n", tests)
        t = tally["seen" if i % 8 == 0 else "held out"]
        t[0] += 1
        t[1] += kept.ok
        t[2] += (not stub.ok and stub.reason == "tests_failed")
        if not kept.ok or stub.ok or stub.reason != "tests_failed":
            misses.append((row["task_id"], kept.reason, kept.detail[:120], stub.reason))
    print("\n2a. HumanEval (reference solutions kept / return-None stubs rejected as tests_failed)")
    for part, (n, k, r) in tally.items():
        print(f"  {part:9s} ({'in' if part == 'seen' else 'not in'} tests): {n:3d} problems, kept {k}/{n}, stubs rejected {r}/{n}")
    for miss in misses:
        print("  miss:", miss)


def gsm8k() -> None:
    rows = [json.loads(line) for line in (SHARED / "gsm8k_test.jsonl").open(encoding="utf-8")]
    tally = {"seen": [0, 0, 0, 0, 0], "held out": [0, 0, 0, 0, 0]}  # questions, agreed right, fallback right, sets, rejected
    for i, row in enumerate(rows):
        body, _, final = row["answer"].rpartition("####")
        truth = extract_answer("#### " + final.strip(), "number")
        t = tally["seen" if i % 20 == 0 else "held out"]
        t[0] += 1
        samples = [row["answer"], body + f"The answer is {final.strip()}.", body + f"\\boxed{{{final.strip()}}}"]
        t[1] += plurality(samples, "number").answer == truth
        t[2] += extract_answer(body, "number") == truth
        others = [r["answer"] for r in rows[i:i + 3]]
        if len(others) == 3 and len({extract_answer(o, "number") for o in others}) == 3:
            t[3] += 1
            t[4] += plurality(others, "number").reason == "no_plurality"
    print("\n2b. GSM8K (three formats agree on the reference; cross-question triples rejected; #### cut)")
    for part, (n, agreed, fallback, sets, rejected) in tally.items():
        print(f"  {part:9s}: {n:4d} questions, plurality = reference {agreed}/{n}, cross-question triples rejected "
              f"{rejected}/{sets}, last number without #### = reference {fallback}/{n} ({fallback / n:.1%})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--no-real-data", action="store_true")
    args = parser.parse_args()
    overhead(args.runs)
    if args.no_real_data:
        return
    if not SHARED.is_dir():
        sys.exit(f"{SHARED}: not found (clone the project with ../shared beside it), or give --no-real-data")
    humaneval()
    gsm8k()


if __name__ == "__main__":
    main()
