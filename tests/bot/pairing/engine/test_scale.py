"""The large-community paths: sparse candidates, blocks, and local repair keep the rules."""

from __future__ import annotations

import random
from itertools import combinations

import pytest

import bot.pairing.engine.plan as matching
from bench.matching_data import community
from bot.pairing.engine import History, Person, Round, Rules, plan_round
from bot.pairing.engine.candidates import best_candidate_edges, candidate_lists, candidate_tiers
from bot.pairing.engine.pool import Pool
from bot.pairing.engine.prices import match_by_prices, prices
from bot.pairing.engine.solver import max_weight_pairs

WEEK = 40


def crowd(n: int, seed: int = 3) -> list[Person]:
    return community(n, random.Random(seed))


def pairs_of(round_: Round) -> set[frozenset[int]]:
    return {frozenset(p) for g in round_.groups for p in combinations(g.members, 2)}


def assert_valid(round_: Round, people: list[Person], history: History) -> None:
    seen = [m for g in round_.groups for m in g.members] + [m for m, _ in round_.unpaired]
    assert sorted(seen) == sorted(p.id for p in people)
    assert not pairs_of(round_) & history.blocked
    assert round_.trios == len(people) % 2


def test_candidates_hold_each_members_best_and_a_true_ceiling_on_the_rest() -> None:
    people = crowd(250)
    ids = [p.id for p in people]
    rng = random.Random(1)
    history = History(
        last_met={frozenset(rng.sample(ids, 2)): WEEK - rng.randint(1, 30) for _ in range(400)},
        blocked=frozenset(frozenset(rng.sample(ids, 2)) for _ in range(20)),
    )
    pool = Pool(people, history, WEEK, Rules())
    members = list(range(pool.n))
    edges, ceilings = candidate_lists(pool, members, 10, random.Random(2))
    assert len(members) == 250
    for i in members:
        mine = {j: w for (a, b), w in edges.items() for j in (a, b) if i in (a, b) and j != i}
        others = [pool.score(i, j) for j in members if pool.allowed(i, j) and j not in mine]
        everyone = list(mine.values()) + others
        assert max(mine.values()) == max(everyone)
        if others:
            assert max(others) <= ceilings[i]


def test_sparse_round_keeps_every_rule() -> None:
    people = crowd(401)
    ids = [p.id for p in people]
    rng = random.Random(5)
    history = History(
        last_met={frozenset(rng.sample(ids, 2)): WEEK - rng.randint(1, 11) for _ in range(1500)},
        blocked=frozenset(frozenset(rng.sample(ids, 2)) for _ in range(40)),
    )
    round_ = plan_round(people, history, WEEK, seed=1)
    assert_valid(round_, people, history)
    assert round_.repeats == 0 and round_.unpaired == ()


def test_priced_round_keeps_every_rule(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(matching, "GLOBAL", 100)
    monkeypatch.setattr(matching, "NARROW", 8)
    monkeypatch.setattr(matching, "WIDE", 20)
    people = crowd(333)
    ids = [p.id for p in people]
    rng = random.Random(6)
    history = History(
        last_met={frozenset(rng.sample(ids, 2)): WEEK - rng.randint(1, 11) for _ in range(1000)},
        blocked=frozenset(frozenset(rng.sample(ids, 2)) for _ in range(30)),
    )
    round_ = plan_round(people, history, WEEK, seed=2)
    assert_valid(round_, people, history)
    assert round_.repeats == 0 and round_.unpaired == ()


def test_a_member_with_four_possible_partners_gets_one_of_them() -> None:
    people = crowd(400)
    me, *others = [p.id for p in people]
    fresh = set(others[-4:])
    history = History(
        last_met={frozenset((me, o)): WEEK - 1 - o % 10 for o in others if o not in fresh}
    )
    round_ = plan_round(people, history, WEEK, seed=3)
    (group,) = [g for g in round_.groups if me in g.members]
    assert set(group.members) - {me} <= fresh
    assert round_.repeats == 0


def test_large_round_makes_only_the_unavoidable_repeat_and_the_oldest() -> None:
    people = crowd(400)
    me, *others = [p.id for p in people]
    history = History(last_met={frozenset((me, o)): WEEK - 1 - o % 11 for o in others})
    round_ = plan_round(people, history, WEEK, seed=4)
    assert round_.repeats == 1
    (pair,) = round_.repeated_pairs
    assert WEEK - history.last_met[pair] == 11


def test_prices_cover_every_edge_and_bound_the_optimum_closely() -> None:
    pool = Pool(crowd(300, seed=7), History(), WEEK, Rules())
    members = list(range(pool.n))
    edges = best_candidate_edges(pool, members, 12, random.Random(1))
    y = prices(members, edges)
    assert all(y[a] + y[b] >= w for (a, b), w in edges.items())
    pairs = max_weight_pairs(edges)
    assert len(pairs) == pool.n // 2  # perfect, so the prices' total bounds its weight
    exact = sum(edges[p] for p in pairs)
    assert exact <= sum(y.values()) <= 1.003 * exact


def test_priced_matching_finds_the_optimum_of_the_wide_candidates() -> None:
    pool = Pool(crowd(1200, seed=8), History(), WEEK, Rules())
    members = list(range(pool.n))
    narrow, wide = candidate_tiers(pool, members, 12, 30, random.Random(1))
    assert narrow.items() <= wide.items()
    exact = sum(wide[p] for p in max_weight_pairs(wide))
    pairs = match_by_prices(members, narrow, wide, members)
    assert len(pairs) == pool.n // 2
    assert sum(wide[p] for p in pairs) >= 0.999 * exact
