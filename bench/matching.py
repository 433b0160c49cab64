"""The weekly pairing engine's figures, as one JSON object.

    .venv/bin/python -m bench.matching [--quick]
    .venv/bin/python -m bench.matching --one-round 10000   # one timed round, in this process

1. Fixed roster (n = 20, 50, 100, window ≥ n): repeated pairs over the n−1 weeks a
   round-robin allows (must be 0), and what the same engine without lookahead does.
2. n = 100 over 52 weeks, 70–90% attending each week: repeated pairs, and how many of
   them a repeat-free round for that week's attendees could have avoided (must be 0),
   decided by an independent exact checker; a shuffle and a greedy matcher alongside.
3. One round at 2,000 and 10,000 members with six weeks of history: seconds and peak
   memory, each measured in a fresh process.
   A small community (24) is played the same way.
4. Score against the exact optimum (1,000) or a certified upper bound (2,000, 10,000),
   with the shuffle and greedy baselines on the same inputs; at 10,000 also one exact
   matching of the engine's whole wide candidate graph (too slow for a round, but it
   shows what matching only the edges the auction's prices call tight gives up).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import random
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from itertools import combinations

import bot.pairing.engine.plan as matching
from bench.matching_check import (
    exact_optimum,
    greedy_round,
    repeat_free_round_exists,
    round_score,
    shared_total,
    shuffle_round,
    upper_bound,
)
from bench.matching_data import community, realistic_history
from bot.pairing.engine import History, Person, Rules, plan_round
from bot.pairing.engine.candidates import candidate_tiers
from bot.pairing.engine.pool import SCALE, Pool
from bot.pairing.engine.solver import max_weight_pairs

Groups = list[tuple[int, ...]]
Chooser = Callable[[Sequence[Person], History, int, int, Rules], Groups]
HISTORY_WEEK = 30  # rounds are timed at this week, after six played weeks


def engine(
    people: Sequence[Person], history: History, week: int, seed: int, rules: Rules
) -> Groups:
    return [g.members for g in plan_round(people, history, week, seed, rules).groups]


def shuffle(
    people: Sequence[Person], history: History, week: int, seed: int, rules: Rules
) -> Groups:
    return shuffle_round([p.id for p in people], random.Random(seed))


def greedy(
    people: Sequence[Person], history: History, week: int, seed: int, rules: Rules
) -> Groups:
    return greedy_round(people, history, week, rules)


@contextlib.contextmanager
def without_lookahead() -> Iterator[None]:
    """The same engine, choosing each week's best round with no plan for later weeks."""
    saved = matching.PLAN
    matching.PLAN = 0
    try:
        yield
    finally:
        matching.PLAN = saved


def repeated(groups: Groups, history: History, week: int, window: int) -> int:
    count = 0
    for group in groups:
        for a, b in combinations(group, 2):
            pair = frozenset((a, b))
            last = history.last_met.get(pair)
            if last is not None and week - last < window and pair not in history.friends_due:
                count += 1
    return count


def season(
    choose: Chooser,
    weeks: Sequence[Sequence[Person]],
    rules: Rules,
    blocked: frozenset[frozenset[int]] = frozenset(),
    check: bool = False,
) -> dict:
    """Play ``weeks`` (each week's attendees) with ``choose``; count repeats as we go."""
    last_met: dict[frozenset[int], int] = {}
    pairs = repeats = avoidable = repeat_free_weeks = shared = 0
    worst = 0.0
    started = time.perf_counter()
    for week, attendees in enumerate(weeks):
        history = History(last_met=dict(last_met), blocked=blocked)
        began = time.perf_counter()
        groups = choose(attendees, history, week, week, rules)
        worst = max(worst, time.perf_counter() - began)
        made = repeated(groups, history, week, rules.repeat_window)
        ids = [p.id for p in attendees]
        if check:
            exists = repeat_free_round_exists(ids, history, week, rules.repeat_window)
            repeat_free_weeks += exists
            avoidable += made if exists else 0
        repeats += made
        shared += shared_total(attendees, groups)
        for group in groups:
            for a, b in combinations(group, 2):
                last_met[frozenset((a, b))] = week
                pairs += 1
    result = {
        "pairs": pairs,
        "repeats": repeats,
        "repeat_rate": round(repeats / max(pairs, 1), 5),
        "shared_interests_per_pair": round(shared / max(pairs, 1), 3),
        "seconds": round(time.perf_counter() - started, 2),
        "worst_week_seconds": round(worst, 3),
    }
    if check:
        result["avoidable_repeats"] = avoidable
        result["weeks_with_a_repeat_free_round"] = repeat_free_weeks
    return result


def fixed_roster(n: int) -> dict:
    people = community(n, random.Random(n))
    rules = Rules(repeat_window=n)  # every pair met during the n−1 weeks counts
    weeks = [people] * (n - 1)
    result = {"n": n, "weeks": n - 1, "window": n, **season(engine, weeks, rules)}
    with without_lookahead():
        result["repeats_without_lookahead"] = season(engine, weeks, rules)["repeats"]
    return result


def attendance(n: int, weeks: int) -> dict:
    rng = random.Random(52)
    people = community(n, rng)
    ids = [p.id for p in people]
    blocked = frozenset(frozenset(rng.sample(ids, 2)) for _ in range(n // 20))
    present = []
    for _ in range(weeks):
        share = rng.uniform(0.7, 0.9)
        present.append(sorted(rng.sample(people, round(share * n)), key=lambda p: p.id))
    rules = Rules()
    result = {
        "n": n,
        "weeks": weeks,
        "attending": "70-90%",
        "window": rules.repeat_window,
        "engine": season(engine, present, rules, blocked, check=True),
    }
    for name, choose in (("shuffle", shuffle), ("greedy", greedy)):
        result[name] = season(choose, present, rules, blocked)
    return result


def scenario(n: int) -> tuple[list[Person], History]:
    rng = random.Random(n)
    people = community(n, rng)
    return people, realistic_history(people, HISTORY_WEEK, 6, rng)


def one_round(n: int, repeats: int = 3) -> dict:
    """Time engine rounds on the standard scenario of size ``n`` (run in a fresh process).

    Seeds 1..``repeats``: the median and slowest are reported; seed 1's round is scored.
    """
    people, history = scenario(n)
    times = []
    for seed in range(1, repeats + 1):
        started = time.perf_counter()
        round_ = plan_round(people, history, HISTORY_WEEK, seed=seed)
        times.append(time.perf_counter() - started)
        if seed == 1:
            first = round_
    groups = [g.members for g in first.groups]
    pool = Pool(people, history, HISTORY_WEEK, Rules())
    return {
        "n": n,
        "seconds": round(statistics.median(times), 3),
        "slowest_seconds": round(max(times), 3),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "score": round_score(pool, groups),
        "shared": shared_total(people, groups),
        "repeats": first.repeats,
        "unpaired": len(first.unpaired),
        "groups": groups,
    }


def timed_in_child(n: int) -> dict:
    done = subprocess.run(
        [sys.executable, "-m", "bench.matching", "--one-round", str(n)],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(done.stdout)


def quality(n: int, engine_round: dict | None = None, reference: bool = False) -> dict:
    """Engine, greedy and shuffle against the exact optimum (n ≤ 1,500) or an upper bound."""
    people, history = scenario(n)
    rules = Rules()
    pool = Pool(people, history, HISTORY_WEEK, rules)
    if engine_round is None:
        engine_round = one_round(n)
    exact = n <= 1500
    started = time.perf_counter()
    if exact:
        best_groups = exact_optimum(pool)
        best = round_score(pool, best_groups)
    else:
        # More candidates per member give lower ceilings θ, so a tighter (still certified)
        # bound: at 2,000, 400 each meet the exact optimum (66 s to compute) in 11 s; at
        # 10,000, 200 each take 130 s and cut the bound by 0.04% from 100 each.
        best = upper_bound(pool, per_member=400 if n <= 2000 else 200)
    yardstick_seconds = time.perf_counter() - started
    greedy_groups = greedy_round(
        people, history, HISTORY_WEEK, rules, per_member=0 if exact else 30
    )
    shuffled = shuffle_round([p.id for p in people], random.Random(1))
    result = {
        "n": n,
        "yardstick": "exact optimum" if exact else "certified upper bound",
        "yardstick_points": round(best / SCALE, 1),
        "yardstick_seconds": round(yardstick_seconds, 1),
    }
    for name, groups, score in (
        ("engine", engine_round["groups"], engine_round["score"]),
        ("greedy", greedy_groups, round_score(pool, greedy_groups)),
        ("shuffle", shuffled, round_score(pool, shuffled)),
    ):
        result[name] = {
            "points": round(score / SCALE, 1),
            "ratio": round(score / best, 5),
            "shared_interests": shared_total(people, groups),
            "repeats": repeated(groups, history, HISTORY_WEEK, rules.repeat_window),
        }
    if exact:
        result["optimum_shared_interests"] = shared_total(people, best_groups)
    elif reference:
        # The engine's wide candidate graph matched exactly: what pricing it gives up.
        started = time.perf_counter()
        members = list(range(pool.n))
        _, edges = candidate_tiers(pool, members, matching.NARROW, matching.WIDE, random.Random(1))
        score = sum(edges[pair] for pair in max_weight_pairs(edges))
        result["one_exact_matching_of_the_candidates"] = {
            "points": round(score / SCALE, 1),
            "ratio": round(score / best, 5),
            "seconds": round(time.perf_counter() - started, 1),
        }
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="small sizes only (~30 s)")
    parser.add_argument("--one-round", type=int, metavar="N", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one_round:
        print(json.dumps(one_round(args.one_round)))
        return
    started = time.perf_counter()
    rosters = (20, 50) if args.quick else (20, 50, 100)
    sizes = (2000,) if args.quick else (2000, 10_000)
    report: dict = {"benchmark": "matching", "mode": "quick" if args.quick else "full"}
    report["fixed_roster"] = [fixed_roster(n) for n in rosters]
    weeks = 26 if args.quick else 52
    report["attendance"] = [attendance(100, weeks), attendance(24, weeks)]
    timed = {n: timed_in_child(n) for n in sizes}
    report["runtime"] = [
        {k: v for k, v in timed[n].items() if k not in ("score", "shared", "groups")} for n in sizes
    ]
    report["quality"] = [quality(500 if args.quick else 1000)]
    report["quality"] += [quality(n, timed[n], reference=n > 5000) for n in sizes]
    report["seconds"] = round(time.perf_counter() - started, 1)
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
