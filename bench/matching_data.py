"""Synthetic but realistic communities for the matching benchmark.

Interests follow a skewed popularity over the 24 curated keys plus a long tail of free
tags; companies are skewed too (a few big employers, many one-person companies, some
unknown); time zones cluster where product managers live. Everything is drawn from one
seeded ``random.Random`` so a figure can be reproduced.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence

from bot.members.profile_options import INTERESTS
from bot.pairing.engine import History, Person

CURATED = sorted(INTERESTS)
TAGS = [f"tag{i:02d}" for i in range(80)]
# (weight, offsets) of where members live; half-hour zones included on purpose.
REGIONS: list[tuple[float, tuple[float, ...]]] = [
    (0.30, (-8.0, -7.0, -6.0, -5.0, -4.0)),
    (0.05, (-3.0,)),
    (0.30, (0.0, 1.0, 2.0, 3.0)),
    (0.10, (5.5,)),
    (0.15, (7.0, 8.0, 9.0)),
    (0.05, (10.0, 12.0)),
]


def _zipf_weights(count: int, exponent: float) -> list[float]:
    return [1.0 / (rank + 1) ** exponent for rank in range(count)]


def community(n: int, rng: random.Random, first_id: int = 1) -> list[Person]:
    """``n`` members with 3–6 interests (0–2 of them free tags), skewed companies and zones."""
    curated_order = CURATED[:]
    rng.shuffle(curated_order)
    curated_weights = _zipf_weights(len(curated_order), 0.7)
    tag_weights = _zipf_weights(len(TAGS), 1.0)
    company_count = max(1, n // 8)
    company_weights = _zipf_weights(company_count, 1.1)
    companies = [f"Company {i}" for i in range(company_count)]
    region_weights = [w for w, _ in REGIONS]
    people = []
    for offset in range(n):
        total = rng.randint(3, 6)
        tags = min(total - 1, rng.choice((0, 0, 1, 1, 2)))
        interests: set[str] = set()
        while len(interests) < total - tags:
            interests.add(rng.choices(curated_order, curated_weights)[0])
        while len(interests) < total:
            interests.add(rng.choices(TAGS, tag_weights)[0])
        company = None if rng.random() < 0.1 else rng.choices(companies, company_weights)[0]
        zone = None
        if rng.random() >= 0.05:
            zone = rng.choice(rng.choices(REGIONS, region_weights)[0][1])
        people.append(
            Person(
                id=first_id + offset,
                company=company,
                interests=frozenset(interests),
                utc_offset=zone,
            )
        )
    return people


def random_past(
    ids: Sequence[int], weeks: Iterable[int], rng: random.Random
) -> dict[frozenset[int], int]:
    """Pairs from random shuffles in the given weeks: a stand-in for rounds already played."""
    last_met: dict[frozenset[int], int] = {}
    order = list(ids)
    for week in weeks:
        rng.shuffle(order)
        for a, b in zip(order[0::2], order[1::2], strict=False):
            last_met[frozenset((a, b))] = week
    return last_met


def realistic_history(
    people: Sequence[Person], week: int, played: int, rng: random.Random
) -> History:
    """``played`` earlier weeks of pairings, a few don't-pair lists and due friendships."""
    ids = [p.id for p in people]
    last_met = random_past(ids, range(week - played, week), rng)
    blocked = set()
    for _ in range(max(1, len(ids) // 200)):
        a, b = rng.sample(ids, 2)
        blocked.add(frozenset((a, b)))
    met = list(last_met)
    friends = {rng.choice(met) for _ in range(max(1, len(ids) // 200))} - blocked
    return History(last_met=last_met, blocked=frozenset(blocked), friends_due=frozenset(friends))
