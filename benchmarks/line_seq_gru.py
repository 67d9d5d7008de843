"""Bidirectional GRU over a page's lines, grouped 5-fold CV (issue 11). Runs in a torch venv, NOT the project env.

torch is not a project dependency: run this with a separate interpreter that has torch and numpy, e.g.

    python -m venv /tmp/venv-seq && /tmp/venv-seq/bin/pip install torch==2.13.0 numpy
    nice -n 19 /tmp/venv-seq/bin/python benchmarks/line_seq_gru.py --out /tmp/seq --variant gru [--every 1]

It reads ``lines.npz`` from ``benchmarks/line_seq_cv.py export`` (the line model's columns, the word
columns each fold's trees saw, the trees' out-of-fold scores, labels, folds) and writes
``<out>/<name>.npz``: each line's out-of-fold probability, for ``line_seq_cv.py score`` to turn into
word-F1 with the same threshold rule as the trees.  Per fold k: inputs standardised with the training
folds' mean and deviation; a dense layer, a 1-layer bidirectional GRU over the page's lines, a dense
output per line; class-balanced BCE, Adam, a fixed seed, one thread; the epoch kept is the one with the
lowest loss on 15% of the training pages held aside (a fixed random page split).

Variants: ``gru`` (the columns), ``gru-trees`` (the columns + the trees' out-of-fold score: a sequence
stacker; a training page's tree score comes from a model that saw fold k, a second-order leak in its
favour, as in ``line_stack``), each with ``avg`` (mean of its and the trees' probabilities).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
import torch
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence, pad_sequence


class LineGRU(nn.Module):
    def __init__(self, d: int, hidden: int, dropout: float) -> None:
        super().__init__()
        self.proj = nn.Sequential(nn.Linear(d, 2 * hidden), nn.ReLU(), nn.Dropout(dropout))
        self.gru = nn.GRU(2 * hidden, hidden, batch_first=True, bidirectional=True)
        self.drop = nn.Dropout(dropout)
        self.out = nn.Linear(4 * hidden, 1)

    def forward(self, x: torch.Tensor, lengths: torch.Tensor) -> torch.Tensor:
        h = self.proj(x)
        packed = pack_padded_sequence(h, lengths, batch_first=True, enforce_sorted=False)
        g, _ = pad_packed_sequence(self.gru(packed)[0], batch_first=True, total_length=x.shape[1])
        return self.out(self.drop(torch.cat([h, g], dim=-1))).squeeze(-1)


def batches(pages: list[int], sizes: np.ndarray, batch: int, rng: np.random.Generator | None) -> list[list[int]]:
    """Pages in batches of similar length (less padding); shuffled when ``rng``."""
    order = list(rng.permutation(pages)) if rng is not None else list(pages)
    out = []
    for c in range(0, len(order), batch * 8):
        chunk = sorted(order[c : c + batch * 8], key=lambda i: sizes[i])
        out += [chunk[b : b + batch] for b in range(0, len(chunk), batch)]
    if rng is not None:
        out = [out[i] for i in rng.permutation(len(out))]
    return out


def chunks(xs: list[torch.Tensor], ys: list[torch.Tensor], pages: list[int], window: int,
           rng: np.random.Generator) -> tuple[list[torch.Tensor], list[torch.Tensor]]:
    """Training pages cut into runs of ``window`` lines from a random offset (fewer sequential GRU steps
    per batch; whole pages are scored)."""
    cx, cy = [], []
    for i in pages:
        cuts = list(range(int(rng.integers(window)), len(xs[i]), window))
        for a, b in zip([0] + cuts, cuts + [len(xs[i])]):
            if b > a:
                cx.append(xs[i][a:b])
                cy.append(ys[i][a:b])
    return cx, cy


def run(model: LineGRU, xs: list[torch.Tensor], idx: list[int]) -> tuple[torch.Tensor, torch.Tensor]:
    lengths = torch.tensor([len(xs[i]) for i in idx])
    return model(pad_sequence([xs[i] for i in idx], batch_first=True), lengths), lengths


def fit_fold(xs: list[torch.Tensor], ys: list[torch.Tensor], train: list[int], sizes: np.ndarray,
             args: argparse.Namespace) -> LineGRU:
    torch.manual_seed(args.seed)
    rng = np.random.default_rng(args.seed)
    shuffled = list(rng.permutation(train))
    cut = int(0.15 * len(shuffled))
    val, fit = sorted(shuffled[:cut]), shuffled[cut:]
    y = torch.cat([ys[i] for i in fit])
    w_pos = float(len(y) / (2 * y.sum()))
    w_neg = float(len(y) / (2 * (len(y) - y.sum())))
    model = LineGRU(xs[0].shape[1], args.hidden, args.dropout)
    opt = torch.optim.Adam(model.parameters(), lr=args.lr, weight_decay=1e-5)

    def loss_of(idx: list[int], xs: list[torch.Tensor], ys: list[torch.Tensor]) -> torch.Tensor:
        logits, lengths = run(model, xs, idx)
        mask = torch.arange(logits.shape[1])[None, :] < lengths[:, None]
        target = pad_sequence([ys[i] for i in idx], batch_first=True)
        weight = (target * w_pos + (1 - target) * w_neg) * mask
        bce = nn.functional.binary_cross_entropy_with_logits(logits, target, weight=weight, reduction="sum")
        return bce / mask.sum()

    best, best_state = float("inf"), None
    for epoch in range(args.epochs):
        model.train()
        t0 = time.process_time()
        cx, cy = chunks(xs, ys, fit, args.window, rng)
        csizes = np.array([len(c) for c in cx])
        for idx in batches(list(range(len(cx))), csizes, args.batch, rng):
            opt.zero_grad()
            loss = loss_of(idx, cx, cy)
            loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
        model.eval()
        with torch.no_grad():
            v = sum(float(loss_of(b, xs, ys)) * len(b) for b in batches(val, sizes, args.batch, None)) / len(val)
        print(f"  epoch {epoch}: val loss {v:.4f}, {time.process_time() - t0:.1f} s CPU", flush=True)
        if v < best:
            best, best_state, best_epoch = v, {k: t.clone() for k, t in model.state_dict().items()}, epoch
    print(f"  best epoch {best_epoch} (val loss {best:.4f})", flush=True)
    model.load_state_dict(best_state)
    model.eval()
    return model


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True, help="line_seq_cv.py export's folder")
    parser.add_argument("--variant", choices=["gru", "gru-trees"], default="gru")
    parser.add_argument("--every", type=int, default=1, help="every n-th page only (quick runs)")
    parser.add_argument("--hidden", type=int, default=32)
    parser.add_argument("--dropout", type=float, default=0.2)
    parser.add_argument("--lr", type=float, default=3e-3)
    parser.add_argument("--epochs", type=int, default=12)
    parser.add_argument("--batch", type=int, default=96)
    parser.add_argument("--window", type=int, default=64, help="training runs of this many lines")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--name", help="output name (default: the variant)")
    args = parser.parse_args(argv)
    torch.set_num_threads(1)
    d = np.load(args.out / "lines.npz")
    sizes, fold, x, y, words, trees = d["sizes"], d["fold"], d["x"], d["y"], d["words"], d["trees"]
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    pages = [i for i in range(len(sizes)) if i % args.every == 0]
    gru = np.zeros(len(y))
    t0 = time.process_time()
    for k in range(fold.max() + 1):
        cols = [x, words[k]] + ([trees[:, None]] if args.variant == "gru-trees" else [])
        xk = np.hstack(cols).astype(np.float64)
        train = [i for i in pages if fold[i] != k and sizes[i]]
        rows = np.concatenate([np.arange(starts[i], starts[i] + sizes[i]) for i in train])
        mean, std = xk[rows].mean(0), xk[rows].std(0)
        xk = ((xk - mean) / np.where(std > 1e-9, std, 1.0)).astype(np.float32)
        xs = [torch.from_numpy(xk[starts[i] : starts[i] + sizes[i]]) for i in range(len(sizes))]
        ys = [torch.from_numpy(y[starts[i] : starts[i] + sizes[i]].astype(np.float32)) for i in range(len(sizes))]
        model = fit_fold(xs, ys, train, sizes, args)
        with torch.no_grad():
            for i in pages:
                if fold[i] == k and sizes[i]:
                    logits, _ = run(model, xs, [i])
                    gru[starts[i] : starts[i] + sizes[i]] = torch.sigmoid(logits[0]).double().numpy()
        print(f"fold {k}: {len(train)} training pages, {time.process_time() - t0:.0f} s CPU so far", flush=True)
    name = args.name or args.variant
    np.savez(args.out / f"{name}.npz", pages=np.array(pages), **{name: gru, f"{name} avg": (gru + trees) / 2})
    print(f"-> {args.out / (name + '.npz')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
