"""Scoring speed of the numpy MiniLM encoder against the shipped wordllama scorer, one core.

    OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 nice -n 19 python benchmarks/minilm_speed.py
    python benchmarks/minilm_speed.py --docs 60 --tokens 128 256 512 --rounds 3

Documents: ~3,000-character pages generated (seeded) by ``edu_scoring.make_docs`` from our sample
pages. Each round times, in CPU seconds of this process, the wordllama scorer (``web_edu_wordllama``,
warm cache: the anchor) and then the MiniLM encoder at each token budget, interleaved, so load on
the machine hits all of them alike. Printed: docs/s/core per round.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from edu_scoring import make_docs  # noqa: E402

from curation.classify.minilm import encoder  # noqa: E402
from curation.classify.model import load_model  # noqa: E402


def rate(fn, docs) -> float:
    t = time.process_time()
    fn(docs)
    return len(docs) / max(time.process_time() - t, 1e-9)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=60)
    ap.add_argument("--chars", type=int, default=3000)
    ap.add_argument("--tokens", type=int, nargs="+", default=[128, 256, 512])
    ap.add_argument("--rounds", type=int, default=3)
    a = ap.parse_args()
    docs = make_docs(a.docs, a.chars)
    anchor_docs = make_docs(3000, a.chars, seed=1)
    wl = load_model(str(ROOT / "classifiers" / "web_edu_wordllama"))
    wl.score(anchor_docs)  # warm the token caches
    enc = encoder()
    enc.encode(docs[:2])
    ntok = [len(enc.tok.encode(d, add_special_tokens=False).ids) for d in docs]
    print(f"{a.docs} docs of {a.chars} chars: {sum(ntok) / len(ntok):.0f} WordPiece tokens on average; "
          f"threads: OMP {os.environ.get('OMP_NUM_THREADS')}, OPENBLAS {os.environ.get('OPENBLAS_NUM_THREADS')}")
    print("| round | web_edu_wordllama (warm, anchor) | " + " | ".join(f"MiniLM {t} tokens" for t in a.tokens) + " |")
    for r in range(a.rounds):
        row = [rate(wl.score, anchor_docs)]
        for t in a.tokens:
            row.append(rate(lambda d, t=t: enc.encode(d, max_tokens=t), docs))
        print(f"| {r + 1} | " + " | ".join(f"{x:,.1f}" for x in row) + " |", flush=True)


if __name__ == "__main__":
    main()
