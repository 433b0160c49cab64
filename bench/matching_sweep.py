"""Matching quality, time and memory across community sizes, as one JSON object.

    .venv/bin/python -m bench.matching_sweep [--sizes 500 1000 2000] [--depths 16 28 40]

For each size n (the standard scenario of bench/matching.py: six weeks of history):
- the engine's round, seed 1..``--repeats``, each size in a fresh process: median and
  slowest seconds, peak memory (RSS) of that process, and the round's score;
- the yardstick in another fresh process: the exact optimum (blossom on every allowed pair)
  up to ``--exact-up-to`` members, above that the certified upper bound of
  bench/matching_check.py (400 candidates each up to 2,000 members, 200 above);
- quality: engine score / yardstick (1.0 = optimal; ≥ 0.999 is "within 0.1%").

``--depths`` re-runs the engine with each candidate depth instead of the engine's own table
(bot/pairing/engine/plan.py DEPTHS) for sizes that use one exact matching (n ≤ GLOBAL); the
auction above GLOBAL is measured as it is.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time

import bot.pairing.engine.plan as matching
from bench.matching import HISTORY_WEEK, scenario
from bench.matching_check import exact_optimum, round_score, upper_bound
from bot.pairing.engine import Rules, plan_round
from bot.pairing.engine.pool import SCALE, Pool

SIZES = (500, 1000, 2000, 3000, 4000, 6000, 10_000)


def engine_round(n: int, repeats: int, depth: int | None) -> dict:
    """Run in a fresh process: time the engine on size ``n``; score seed 1's round."""
    if depth is not None:
        matching.DEPTHS = ((matching.GLOBAL, depth),)
    people, history = scenario(n)
    times = []
    score = 0
    for seed in range(1, repeats + 1):
        started = time.perf_counter()
        round_ = plan_round(people, history, HISTORY_WEEK, seed=seed)
        times.append(time.perf_counter() - started)
        if seed == 1:
            pool = Pool(people, history, HISTORY_WEEK, Rules())
            score = round_score(pool, [g.members for g in round_.groups])
    return {
        "depth": depth if depth is not None else _depth(n),
        "seconds": round(statistics.median(times), 3),
        "slowest_seconds": round(max(times), 3),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "score": score,
    }


def _depth(n: int) -> int | str:
    if n <= matching.DENSE:
        return "all pairs"
    if n > matching.GLOBAL:
        return f"auction {matching.NARROW}/{matching.WIDE}"
    return matching.candidate_depth(n)


def yardstick(n: int, exact_up_to: int) -> dict:
    """Run in a fresh process: the exact optimum or a certified upper bound for size ``n``."""
    people, history = scenario(n)
    pool = Pool(people, history, HISTORY_WEEK, Rules())
    started = time.perf_counter()
    if n <= exact_up_to:
        kind, best = "exact optimum", float(round_score(pool, exact_optimum(pool)))
    else:
        kind, best = "certified upper bound", upper_bound(pool, 400 if n <= 2000 else 200)
    return {"kind": kind, "units": best, "seconds": round(time.perf_counter() - started, 1)}


def _child(*args: str) -> dict:
    done = subprocess.run(
        [sys.executable, "-m", "bench.matching_sweep", *args],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(done.stdout)


def sweep(sizes: list[int], depths: list[int], repeats: int, exact_up_to: int) -> list[dict]:
    rows = []
    for n in sizes:
        best = _child("--yardstick", str(n), "--exact-up-to", str(exact_up_to))
        runs = [_child("--round", str(n), "--repeats", str(repeats))]
        if depths and matching.DENSE < n <= matching.GLOBAL:
            runs += [
                _child("--round", str(n), "--repeats", str(repeats), "--depth", str(d))
                for d in depths
            ]
        row: dict = {
            "n": n,
            "yardstick": best["kind"],
            "yardstick_points": round(best["units"] / SCALE, 1),
            "yardstick_seconds": best["seconds"],
        }
        for i, run in enumerate(runs):
            score = run.pop("score")
            run["quality"] = round(score / best["units"], 5)
            row["engine" if i == 0 else f"depth_{run['depth']}"] = run
        rows.append(row)
        print(json.dumps(row), file=sys.stderr, flush=True)  # progress, for long sweeps
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=list(SIZES))
    parser.add_argument("--depths", type=int, nargs="*", default=[])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--exact-up-to", type=int, default=2000)
    parser.add_argument("--round", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--depth", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--yardstick", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.round:
        print(json.dumps(engine_round(args.round, args.repeats, args.depth)))
        return
    if args.yardstick:
        print(json.dumps(yardstick(args.yardstick, args.exact_up_to)))
        return
    started = time.perf_counter()
    rows = sweep(args.sizes, args.depths, args.repeats, args.exact_up_to)
    report = {
        "benchmark": "matching sweep",
        "note": "each figure from a fresh process; timings depend on the machine's load",
        "limits": {"2000": "1 s", "10000": "10 s"},
        "sizes": rows,
        "seconds": round(time.perf_counter() - started, 1),
    }
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
