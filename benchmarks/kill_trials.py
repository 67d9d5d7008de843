"""Kill trials: SIGKILL the driver of a real ``curate run`` at random moments, resume, compare.

    python benchmarks/kill_trials.py [--trials 12] [--seed 1] [--data ../shared/data] [--aim] [--keep] [--json out.json]
                                     [--signal SIGKILL|SIGINT|SIGTERM] [--job web|pages|main]

``--signal SIGINT``/``SIGTERM`` sends the signal to the run's whole process group (Ctrl-C, Slurm) instead
of SIGKILLing the driver, and also checks that the run stopped by itself (exit 130/143, one line naming
``--resume``, no temp file). ``--job``: ``web`` (default, as tests/test_kill.py), ``pages`` (the 181
scrapinghub pages, as tests/test_interrupt.py) or ``main`` (the README's main job, pipelines/phi4.yaml).

One clean run first (its wall time T bounds the random delays), then per trial: start the same run,
SIGKILL the driver after a delay drawn uniformly from [0.2 s, T] (``--aim``: cycle through the phases
instead, killing a seeded moment after each one shows in the run directory, as the CI test does),
check its workers die with it, ``curate run --resume``, and compare with the clean run. Prints one
row per trial: delay, the phase the run directory showed after the kill, whether the resume ended
well, content hash and stage counts equal, ids lost and duplicated, finished markers redone, temp or
unlisted files left, orphan processes. Same harness and data as ``tests/test_kill.py``.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from collections import Counter
from dataclasses import asdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script from a checkout
    sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402

from tests.test_interrupt import write_pages_recipe  # noqa: E402
from tests.test_kill import TRIALS, Trial, clean_run, n_units, run_trial, write_recipe  # noqa: E402

COLUMNS = ("trial", "seed", "delay s", "killed in", "stopped", "resumed", "hash =", "stages =", "lost", "dup",
           "redone", "leftovers", "orphans", "s")


def row(i: int, t: Trial) -> list[str]:
    yes = {True: "yes", False: "NO"}
    stopped = "-" if t.signal == "SIGKILL" else f"{t.stop_rc}{'' if t.stopped_ok else ' NO'}"
    return [str(i), str(t.seed), f"{t.delay:.2f}", t.landed, stopped, yes[t.resumed_ok], yes[t.hash_equal],
            yes[t.stages_equal], str(t.lost), str(t.duplicated), str(t.redone), str(t.leftovers), str(t.orphans),
            f"{t.seconds:.0f}"]


def write_main_recipe(path: Path) -> Path:
    """The README's main job, work files kept."""
    raw = yaml.safe_load((ROOT / "pipelines" / "phi4.yaml").read_text())
    raw["root"] = str(ROOT)  # its relative paths start from the repository, wherever the copy lives
    raw["output"] = {**(raw.get("output") or {}), "keep_work": True}
    path.write_text(yaml.safe_dump(raw, sort_keys=False))
    return path


def table(rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
    return "\n".join(lines + ["| " + " | ".join(r) + " |" for r in rows])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--trials", type=int, default=12)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--aim", action="store_true", help="kill inside each phase in turn instead of at random times")
    ap.add_argument("--keep", action="store_true", help="keep the run folders")
    ap.add_argument("--json", type=Path)
    ap.add_argument("--signal", choices=("SIGKILL", "SIGINT", "SIGTERM"), default="SIGKILL")
    ap.add_argument("--job", choices=("web", "pages", "main"), default="web")
    args = ap.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="kill-trials-"))
    if args.job == "main":
        recipe = write_main_recipe(folder / "recipe.yaml")
    elif args.job == "pages":
        recipe = write_pages_recipe(args.data, folder / "recipe.yaml")
    else:
        recipe = write_recipe(args.data, folder / "recipe.yaml")
    return _trials(args, folder, recipe)


def _trials(args: argparse.Namespace, folder: Path, recipe: Path) -> int:
    units = n_units(recipe)
    t0 = time.monotonic()
    clean = clean_run(recipe, folder / "clean", folder / "clean.log")
    wall = time.monotonic() - t0
    print(f"clean run: {wall:.1f} s, {units} work units, {len(clean['manifest']['outputs'])} shards, "
          f"{sum(clean['ids'].values())} rows; {args.signal} trials in {folder}", flush=True)
    rng = random.Random(args.seed)
    trials, rows = [], []
    for i in range(args.trials):
        seed = rng.randrange(1 << 30)
        if args.aim:
            target, _, max_delay = TRIALS[i % len(TRIALS)]
            trial = Trial(seed, target, round(random.Random(seed).uniform(0, max_delay), 3), signal=args.signal)
        else:
            trial = Trial(seed, "random", round(random.Random(seed).uniform(0.2, wall), 2), signal=args.signal)
        try:
            run_trial(recipe, folder / f"trial-{i:03d}", trial, clean, units, folder / f"trial-{i:03d}.log")
        except AssertionError as exc:  # e.g. the run finished before an aimed phase showed
            trial.landed = f"not killed: {exc}"[:60]
        trials.append(trial)
        rows.append(row(i, trial))
        print("| " + " | ".join(rows[-1]) + " |", flush=True)

    print()
    print(table(rows))
    killed = [t for t in trials if not t.landed.startswith("not killed")]
    ok = sum(t.ok for t in killed)
    print(f"\n{len(killed)} kills, {ok} resumed to the clean run's bytes; by phase: "
          + ", ".join(f"{k} {v}" for k, v in sorted(Counter(t.landed for t in killed).items())))
    print(f"lost ids {sum(t.lost for t in killed)}, duplicated ids {sum(t.duplicated for t in killed)}, "
          f"redone markers {sum(t.redone for t in killed)}, orphans {sum(t.orphans for t in killed)}")
    if args.json:
        args.json.write_text(json.dumps({"clean_seconds": wall, "units": units, "trials": [asdict(t) for t in trials]},
                                        indent=2))
    if not args.keep:
        import shutil

        shutil.rmtree(folder, ignore_errors=True)
    return 0 if ok == len(killed) else 1


if __name__ == "__main__":
    sys.exit(main())
