"""The admins' mentor match, in figures, as one JSON object.

    .venv/bin/python -m bench.mentor_assignment [--seeds 3]

1,000 open requests and 250 mentors with room for 1–3 mentees each (about 500 seats, so
half the requests must stay open), drawn from a community shaped like ours: seven levels,
a dozen companies, curated topics and spikes, time zones around the world, and who met
whom in pairings. For each input:

- ``library``: bot/mentors/assignment.py (linear_sum_assignment over capacity seats and
  "no match" seats), timed end to end including scoring.
- ``exact``: the same problem as an integer program (scipy.optimize.milp, HiGHS) over the
  allowed pairs: the referee's optimum.
- ``greedy_edges``: the best remaining allowed pair first, until none is left.
- ``greedy_first_come``: each request in turn takes its best mentor with room (what asking
  one by one amounts to).

Each row reports the total score, its share of the exact optimum, matched requests, and
hard-rule violations (level gap, capacity, company; must be 0).
"""

from __future__ import annotations

import argparse
import json
import random
import time
from collections.abc import Sequence

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import coo_matrix

from bot.mentors.assignment import assign
from bot.mentors.fit import Knows, Mentor, Seeker, allowed, points
from bot.mentors.topics import LEVEL_GAP, SPIKES, TOPICS

REQUESTS, MENTORS = 1000, 250
COMPANIES = [f"Company {i}" for i in range(12)]
OFFSETS = [-8.0, -5.0, -3.0, 0.0, 1.0, 2.0, 5.5, 8.0, 9.0, 10.0]


def community(seed: int) -> tuple[list[Seeker], list[Mentor]]:
    rng = random.Random(seed)
    topics, spikes = list(TOPICS), list(SPIKES)
    mentors = [
        Mentor(
            member_id=10_000 + j,
            rank=rng.choice([3, 4, 4, 5, 5, 6]),
            company=rng.choice(COMPANIES),
            topics=tuple(rng.sample(topics, rng.randint(2, 5))),
            spikes=tuple(rng.sample(spikes, rng.randint(1, 2))),
            utc_offset=rng.choice(OFFSETS),
            room=rng.randint(1, 3),
        )
        for j in range(MENTORS)
    ]
    seekers = []
    for i in range(REQUESTS):
        met = rng.sample(mentors, rng.randint(0, 6))
        seekers.append(
            Seeker(
                member_id=i,
                rank=rng.choice([0, 1, 1, 2, 2, 3, 4]),
                company=rng.choice(COMPANIES),
                topics=tuple(rng.sample(topics, rng.randint(1, 3))),
                spike=rng.choice(spikes),
                utc_offset=rng.choice(OFFSETS),
                knows={
                    m.member_id: Knows.FRIENDS if rng.random() < 0.3 else Knows.MET for m in met
                },
            )
        )
    return seekers, mentors


def edges(seekers: Sequence[Seeker], mentors: Sequence[Mentor]) -> list[tuple[int, int, int]]:
    return [
        (i, j, points(s, m))
        for i, s in enumerate(seekers)
        for j, m in enumerate(mentors)
        if allowed(s, m, need_room=False)
    ]


def exact(
    seekers: Sequence[Seeker], mentors: Sequence[Mentor], allowed_pairs: list[tuple[int, int, int]]
) -> tuple[int, list[tuple[int, int]]]:
    """The optimum of the b-matching as an integer program: one variable per allowed pair."""
    n = len(allowed_pairs)
    rows = np.array([i for i, _, _ in allowed_pairs])
    cols = np.array([j for _, j, _ in allowed_pairs])
    score = np.array([w for _, _, w in allowed_pairs], dtype=float)
    ones = np.ones(n)
    per_seeker = coo_matrix((ones, (rows, np.arange(n))), shape=(len(seekers), n))
    per_mentor = coo_matrix((ones, (cols, np.arange(n))), shape=(len(mentors), n))
    result = milp(
        -score,
        integrality=np.ones(n),
        bounds=Bounds(0, 1),
        constraints=[
            LinearConstraint(per_seeker.tocsr(), 0, 1),
            LinearConstraint(per_mentor.tocsr(), 0, np.array([m.room for m in mentors])),
        ],
    )
    assert result.success, result.message
    chosen = [(i, j) for (i, j, _), x in zip(allowed_pairs, result.x, strict=True) if x > 0.5]
    return round(-result.fun), chosen


def greedy_edges(
    mentors: Sequence[Mentor], allowed_pairs: list[tuple[int, int, int]]
) -> list[tuple[int, int]]:
    room = [m.room for m in mentors]
    taken: set[int] = set()
    chosen = []
    for i, j, _ in sorted(allowed_pairs, key=lambda e: (-e[2], e[0], e[1])):
        if i not in taken and room[j] > 0:
            taken.add(i)
            room[j] -= 1
            chosen.append((i, j))
    return chosen


def greedy_first_come(
    seekers: Sequence[Seeker], mentors: Sequence[Mentor]
) -> list[tuple[int, int]]:
    room = [m.room for m in mentors]
    chosen = []
    for i, s in enumerate(seekers):
        options = [
            (points(s, m), -j)
            for j, m in enumerate(mentors)
            if room[j] and allowed(s, m, need_room=False)
        ]
        if options:
            _, minus_j = max(options)
            room[-minus_j] -= 1
            chosen.append((i, -minus_j))
    return chosen


def violations(
    seekers: Sequence[Seeker], mentors: Sequence[Mentor], pairs: list[tuple[int, int]]
) -> dict[str, int]:
    level = sum(
        1
        for i, j in pairs
        if seekers[i].rank is None
        or mentors[j].rank is None
        or mentors[j].rank < seekers[i].rank + LEVEL_GAP
    )
    company = sum(1 for i, j in pairs if seekers[i].company == mentors[j].company)
    load: dict[int, int] = {}
    for _, j in pairs:
        load[j] = load.get(j, 0) + 1
    capacity = sum(1 for j, n in load.items() if n > mentors[j].room)
    twice = len(pairs) - len({i for i, _ in pairs})
    return {"level_gap": level, "capacity": capacity, "company": company, "request_twice": twice}


def row(
    name: str,
    seekers: Sequence[Seeker],
    mentors: Sequence[Mentor],
    pairs: list[tuple[int, int]],
    optimum: int,
    seconds: float,
) -> dict[str, object]:
    total = sum(points(seekers[i], mentors[j]) for i, j in pairs)
    return {
        "method": name,
        "total_score": total,
        "share_of_optimum": round(total / optimum, 6) if optimum else 1.0,
        "matched": len(pairs),
        "violations": violations(seekers, mentors, pairs),
        "seconds": round(seconds, 3),
    }


def one(seed: int) -> dict[str, object]:
    seekers, mentors = community(seed)
    started = time.perf_counter()
    found = assign(seekers, mentors)
    library_seconds = time.perf_counter() - started
    allowed_pairs = edges(seekers, mentors)
    started = time.perf_counter()
    optimum, exact_pairs = exact(seekers, mentors, allowed_pairs)
    exact_seconds = time.perf_counter() - started
    started = time.perf_counter()
    by_edges = greedy_edges(mentors, allowed_pairs)
    edge_seconds = time.perf_counter() - started
    started = time.perf_counter()
    first_come = greedy_first_come(seekers, mentors)
    first_seconds = time.perf_counter() - started
    return {
        "seed": seed,
        "requests": len(seekers),
        "mentors": len(mentors),
        "seats": sum(m.room for m in mentors),
        "allowed_pairs": len(allowed_pairs),
        "exact_optimum": optimum,
        "results": [
            row("library", seekers, mentors, list(found.pairs), optimum, library_seconds),
            row("exact_milp", seekers, mentors, exact_pairs, optimum, exact_seconds),
            row("greedy_edges", seekers, mentors, by_edges, optimum, edge_seconds),
            row("greedy_first_come", seekers, mentors, first_come, optimum, first_seconds),
        ],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=3)
    args = parser.parse_args()
    runs = [one(seed) for seed in range(1, args.seeds + 1)]
    library = [r for run in runs for r in run["results"] if r["method"] == "library"]
    print(
        json.dumps(
            {
                "benchmark": "mentor_assignment",
                "goal": {"share_of_optimum": ">= 0.999", "seconds": "<= 5", "violations": 0},
                "library_worst_share": min(r["share_of_optimum"] for r in library),
                "library_worst_seconds": max(r["seconds"] for r in library),
                "runs": runs,
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
