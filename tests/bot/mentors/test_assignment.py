"""The admins' match is the best total over all requests and seats, keeps every hard rule,
and leaves a request open rather than break one."""

from __future__ import annotations

import itertools
import random

from bot.mentors.assignment import assign
from bot.mentors.fit import Mentor, Seeker, allowed, points


def community(seed: int, seekers: int, mentors: int) -> tuple[list[Seeker], list[Mentor]]:
    rng = random.Random(seed)
    companies = ["A", "B", "C"]
    topics = ["gtm", "data", "platform", "b2b"]
    spikes = ["management", "industry", "advancement"]
    ss = [
        Seeker(
            member_id=i,
            rank=rng.randrange(0, 4),
            company=rng.choice(companies),
            topics=tuple(rng.sample(topics, 2)),
            spike=rng.choice(spikes),
            utc_offset=rng.choice([-5.0, 0.0, 1.0, 8.0]),
        )
        for i in range(seekers)
    ]
    ms = [
        Mentor(
            member_id=100 + j,
            rank=rng.randrange(2, 7),
            company=rng.choice(companies),
            topics=tuple(rng.sample(topics, 2)),
            spikes=tuple(rng.sample(spikes, 1)),
            utc_offset=rng.choice([-5.0, 0.0, 1.0, 8.0]),
            room=rng.randrange(1, 3),
        )
        for j in range(mentors)
    ]
    return ss, ms


def best_by_brute_force(ss: list[Seeker], ms: list[Mentor]) -> int:
    """Every way to give each seeker a mentor or nobody, within rooms: the true optimum."""
    options = [[None, *(j for j, m in enumerate(ms) if allowed(s, m, need_room=False))] for s in ss]
    best = 0
    for choice in itertools.product(*options):
        used = [c for c in choice if c is not None]
        if any(used.count(j) > ms[j].room for j in set(used)):
            continue
        best = max(best, sum(points(ss[i], ms[j]) for i, j in enumerate(choice) if j is not None))
    return best


def test_the_match_reaches_the_optimum_on_small_communities() -> None:
    for seed in range(12):
        ss, ms = community(seed, seekers=6, mentors=3)
        found = assign(ss, ms)
        assert found.total == best_by_brute_force(ss, ms), seed


def test_every_pair_keeps_the_hard_rules_and_rooms() -> None:
    ss, ms = community(99, seekers=80, mentors=20)
    found = assign(ss, ms)
    for i, j in found.pairs:
        assert allowed(ss[i], ms[j], need_room=False)
    for j, m in enumerate(ms):
        assert sum(1 for _, jj in found.pairs if jj == j) <= m.room
    assert len({i for i, _ in found.pairs}) == found.matched()


def test_a_request_nobody_may_take_stays_open() -> None:
    ss, ms = community(3, seekers=2, mentors=1)
    lonely = Seeker(member_id=9, rank=5, company="A", topics=(), spike="x", utc_offset=None)
    found = assign([lonely, *ss], ms)
    assert 0 not in [i for i, _ in found.pairs]
    assert assign([], ms).matched() == 0
    assert assign(ss, []).matched() == 0
