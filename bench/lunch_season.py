"""Tiny lunches over a season, as one JSON object.

    .venv/bin/python -m bench.lunch_season [--seeds 5]

1. A community of 100 members (40 employers, head count skewed 1/sqrt(rank) so the largest
   has about 9 members; 25 circles of four;
   five levels) and 26 weekly lunches of 6 seats. Each week 20–60% of members ask, picked
   by a skewed eagerness (weights 1/rank^1.2: a few ask every time, many rarely). The real
   draw (bot/lunches/draw.py: ``weigh`` then ``draw``, as the job does from the database)
   runs beside a random lottery on the very same sign-ups; every seated member attends.
   For each: fairness — among members who asked at least k times, the spread of seats
   (max − min), per k, and whether anyone who asked ≥ 4 times has no seat while another
   has two; mixing — the share of table-mate pairs who had already shared a table;
   same-company pairs at a table, in all, at tables whose sign-ups held at least six
   companies, and at tables where the fairness order itself allowed none (the draw never
   seats someone with more seats this season over someone with fewer to keep colleagues
   apart).
   The real draw runs twice: with a season of 26 weeks (the whole simulated half-year is
   one season, as the issue describes it) and with the app's default LUNCH_SEASON_WEEKS of
   13 (a rolling window: seats older than 13 weeks no longer count, so over 26 weeks the
   eager get a second helping). Fairness is always measured over all 26 lunches.
2. Hindsight: the smallest spread per k that ANY draw could reach on the same sign-ups,
   knowing every week's sign-ups in advance (every table full, nothing else asked). Whether
   every member who asked at least k times can end with L..L+d seats is a flow problem
   (weeks -> members, week rows fixed at the table size, member rows in [L, L+d]); its
   matrix is a bipartite incidence matrix, totally unimodular, so the LP relaxation is
   feasible exactly when a whole-seat assignment is, and ``scipy.optimize.linprog`` (HiGHS)
   decides it exactly. The smallest feasible d is the bound. The members who asked ≥ k
   are a subset of those who asked ≥ 1, so the k = 1 assignment also meets every k: the
   worst bound over k is reachable by one season-long assignment.
3. One draw with 1,000 sign-ups (claims spread over four seats and six misses, 2,000 past
   table-mate pairs): median seconds of 7 runs.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import time
from collections import defaultdict
from datetime import UTC, datetime, timedelta
from itertools import combinations
from typing import Any

import numpy as np
from scipy.optimize import linprog
from scipy.sparse import coo_matrix, csr_matrix, vstack

from bot.lunches.draw import Candidate, draw, pair_of, weigh

MEMBERS, LUNCHES, SEATS = 100, 26, 6
START = datetime(2027, 1, 4, 12, 0, tzinfo=UTC)


def community(rng: random.Random) -> list[dict[str, Any]]:
    companies = [f"co{i}" for i in range(40)]
    weights = [1 / (i + 1) ** 0.5 for i in range(40)]  # the largest employs about 9%
    people = []
    for i in range(MEMBERS):
        people.append(
            {
                "id": i + 1,
                "company": rng.choices(companies, weights)[0],
                "circle": i // 4,
                "level": rng.choice(["apm", "pm", "senior_pm", "lead_pm", "principal_pm"]),
                "eagerness": 1 / (1 + rng.randrange(MEMBERS)) ** 1.2,
            }
        )
    return people


def sign_ups(rng: random.Random, people: list[dict[str, Any]]) -> list[list[int]]:
    """Who asks each week: 20–60% of members, weighted by eagerness, without repeats."""
    weeks = []
    for _ in range(LUNCHES):
        k = rng.randint(MEMBERS * 20 // 100, MEMBERS * 60 // 100)
        pool = {p["id"]: p["eagerness"] for p in people}
        chosen = []
        for _ in range(k):  # weighted sampling without replacement
            ids, weights = zip(*pool.items(), strict=True)
            pick = rng.choices(ids, weights)[0]
            chosen.append(pick)
            del pool[pick]
        weeks.append(sorted(chosen))
    return weeks


def apart_in_fairness_order(
    asking: list[int], seats_now: dict[int, int], size: int, by_id: dict[int, dict[str, Any]]
) -> bool:
    """Whether a table without colleagues exists that seats nobody with more seats this
    season while someone with fewer waits: everyone below the boundary band sits, and the
    band has enough other companies to fill the rest."""
    if size == 0:
        return True
    bands = sorted(set(seats_now.values()))
    top = next(b for b in bands if sum(v <= b for v in seats_now.values()) >= size)
    below = [by_id[k]["company"] for k in asking if seats_now[k] < top]
    band = {by_id[k]["company"] for k in asking if seats_now[k] == top} - set(below)
    return len(set(below)) == len(below) and len(band) >= size - len(below)


def season(
    people: list[dict[str, Any]],
    weeks: list[list[int]],
    season_weeks: int,
    seed: int,
    *,
    real: bool,
) -> dict[str, Any]:
    by_id = {p["id"]: p for p in people}
    history: dict[int, list[tuple[datetime, bool]]] = defaultdict(list)
    met: set[frozenset[int]] = set()
    seats: dict[int, int] = defaultdict(int)
    asked: dict[int, int] = defaultdict(int)
    pairs = repeats = same_company = same_company_avoidable = same_company_fair = 0
    lottery = random.Random(seed)
    for week, asking in enumerate(weeks):
        when = START + timedelta(weeks=week)
        season_start = when - timedelta(weeks=season_weeks)
        seats_now = {key: weigh(history[key], season_start)[0] for key in asking}
        if real:
            people_now = []
            for key in asking:
                s, m, ever = weigh(history[key], season_start)
                p = by_id[key]
                people_now.append(Candidate(key, s, m, ever, p["company"], p["circle"], p["level"]))
            table = list(draw(people_now, SEATS, seed * 1000 + week, met).seated)
        else:
            table = lottery.sample(asking, min(SEATS, len(asking)))
        for key in asking:
            asked[key] += 1
            history[key].append((when, key in table))
        for key in table:
            seats[key] += 1
        avoidable = len({by_id[k]["company"] for k in asking}) >= len(table)
        fair_apart = apart_in_fairness_order(asking, seats_now, len(table), by_id)
        for a, b in combinations(table, 2):
            pairs += 1
            repeats += pair_of(a, b) in met
            colleagues = by_id[a]["company"] == by_id[b]["company"]
            same_company += colleagues
            same_company_avoidable += colleagues and avoidable
            same_company_fair += colleagues and fair_apart
            met.add(pair_of(a, b))
    spread = {}
    for k in range(1, max(asked.values()) + 1):
        got = [seats[m] for m in asked if asked[m] >= k]
        if got:
            spread[k] = max(got) - min(got)
    eager_without = any(asked[m] >= 4 and seats[m] == 0 for m in asked)
    someone_two = any(v >= 2 for v in seats.values())
    return {
        "spread_by_k": spread,
        "worst_spread": max(spread.values()),
        "asked_4_plus_with_none_while_another_has_2": eager_without and someone_two,
        "repeated_pair_share": round(repeats / pairs, 4) if pairs else 0.0,
        "same_company_pairs": same_company,
        "same_company_pairs_where_signups_allowed_none": same_company_avoidable,
        "same_company_pairs_where_fairness_order_allowed_none": same_company_fair,
        "members_seated": len(seats),
        "members_who_asked": len(asked),
    }


def hindsight_spread(weeks: list[list[int]]) -> dict[int, int]:
    """Per k, the smallest spread of seats among members who asked ≥ k times that any
    assignment of the same tables could reach (see the module's docstring, point 2)."""
    xs = [(w, m) for w, asking in enumerate(weeks) for m in asking]
    members = sorted({m for _, m in xs})
    row = {m: i for i, m in enumerate(members)}
    asked = defaultdict(int)
    for _, m in xs:
        asked[m] += 1
    n = len(xs)
    by_week = csr_matrix(
        coo_matrix(([1.0] * n, ([w for w, _ in xs], range(n))), shape=(len(weeks), n))
    )
    table_sizes = [min(SEATS, len(asking)) for asking in weeks]
    by_member = csr_matrix(
        coo_matrix(([1.0] * n, ([row[m] for _, m in xs], range(n))), shape=(len(members), n))
    )
    bound: dict[int, int] = {}
    for k in range(1, max(asked.values()) + 1):
        group = [row[m] for m in members if asked[m] >= k]
        seats_of = by_member[group]
        # nobody has more seats than asks, and everyone in the group has at least ``low``
        highest_low = min(min(asked[members[g]] for g in group), sum(table_sizes) // len(group))

        both_ways = vstack([seats_of, -seats_of])
        size = len(group)

        def feasible(low: int, spread: int, both_ways: Any = both_ways, size: int = size) -> bool:
            result = linprog(
                np.zeros(n),
                A_ub=both_ways,
                b_ub=np.r_[np.full(size, low + spread), np.full(size, -low)],
                A_eq=by_week,
                b_eq=table_sizes,
                bounds=(0, 1),
                method="highs",
            )
            return bool(result.status == 0)

        spread = 0
        while not any(feasible(low, spread) for low in range(highest_low, -1, -1)):
            spread += 1
        bound[k] = spread
    return bound


def timing(runs: int = 7) -> float:
    rng = random.Random(1)
    people = [
        Candidate(
            key=i,
            seats=rng.randrange(4),
            misses=rng.randrange(6),
            company=f"co{rng.randrange(60)}",
            circle=rng.randrange(250),
            level=rng.choice(["pm", "senior_pm", "lead_pm"]),
        )
        for i in range(1000)
    ]
    met = {pair_of(rng.randrange(1000), rng.randrange(1000)) for _ in range(2000)}
    times = []
    for run in range(runs):
        began = time.perf_counter()
        draw(people, SEATS, run, met)
        times.append(time.perf_counter() - began)
    return round(statistics.median(times), 5)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seeds", type=int, default=5)
    args = parser.parse_args()
    runs: list[dict[str, Any]] = []
    for seed in range(1, args.seeds + 1):
        rng = random.Random(seed)
        people = community(rng)
        weeks = sign_ups(rng, people)
        bound = hindsight_spread(weeks)
        runs.append(
            {
                "seed": seed,
                "draw_season_26": season(people, weeks, 26, seed, real=True),
                "draw_season_13": season(people, weeks, 13, seed, real=True),
                "random_lottery": season(people, weeks, 26, seed, real=False),
                "hindsight": {"spread_by_k": bound, "worst_spread": max(bound.values())},
            }
        )

    def spread_at(kind: str, k: int) -> list[int]:
        """Per seed, the spread among members who asked at least k times."""
        return [r[kind]["spread_by_k"].get(k, 0) for r in runs]

    def summary(kind: str) -> dict[str, Any]:
        return {
            "spread_k1_per_seed": spread_at(kind, 1),
            "spread_k4_per_seed": spread_at(kind, 4),
            "spread_k8_per_seed": spread_at(kind, 8),
            "worst_spread_any_k": max(r[kind]["worst_spread"] for r in runs),
            "seeds_with_spread_le_1_for_every_k": sum(r[kind]["worst_spread"] <= 1 for r in runs),
            "seeds_with_eager_member_left_out": sum(
                r[kind]["asked_4_plus_with_none_while_another_has_2"] for r in runs
            ),
            "repeated_pair_share_mean": round(
                statistics.mean(r[kind]["repeated_pair_share"] for r in runs), 4
            ),
            "same_company_pairs_total": sum(r[kind]["same_company_pairs"] for r in runs),
            "same_company_pairs_where_avoidable": sum(
                r[kind]["same_company_pairs_where_signups_allowed_none"] for r in runs
            ),
            "same_company_pairs_where_avoidable_in_fairness_order": sum(
                r[kind]["same_company_pairs_where_fairness_order_allowed_none"] for r in runs
            ),
        }

    print(
        json.dumps(
            {
                "setup": {
                    "members": MEMBERS,
                    "lunches": LUNCHES,
                    "seats": SEATS,
                    "seeds": args.seeds,
                },
                "draw_season_26": summary("draw_season_26"),
                "draw_season_13": summary("draw_season_13"),
                "random_lottery": summary("random_lottery"),
                "hindsight_best_spread": {
                    "spread_k1_per_seed": spread_at("hindsight", 1),
                    "spread_k4_per_seed": spread_at("hindsight", 4),
                    "spread_k8_per_seed": spread_at("hindsight", 8),
                    "worst_spread_any_k": max(r["hindsight"]["worst_spread"] for r in runs),
                },
                "one_draw_1000_signups_seconds": timing(),
                "runs": runs,
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
