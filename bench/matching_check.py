"""Yardsticks for the matching benchmark, kept apart from the engine's own code paths.

* ``repeat_free_round_exists`` decides, exactly, whether a week's attendees could have been
  grouped without a repeat: a perfect matching of the never-met graph (even count), or a
  trio of strangers plus a perfect matching of the rest (odd count: for some member y,
  a maximum matching of the others that pairs two of y's possible partners, found by one
  weighted matching per y).
* ``exact_optimum`` is rustworkx's blossom on every allowed pair (n ≤ ~1,000).
* ``upper_bound`` certifies that no round can score more, for sizes where the exact
  optimum is out of reach: each member's partners outside their best ``k`` score at most a
  known ceiling θ, so any matching scores at most Σθ/2 plus the best matching of the
  candidate edges reweighted to w − θa/2 − θb/2 (positive part only).
* ``shuffle_round`` and ``greedy_round`` are the baselines.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from itertools import combinations

import rustworkx as rx

from bot.pairing.engine import History, Person, Rules
from bot.pairing.engine.candidates import candidate_lists
from bot.pairing.engine.pool import Pool

Pair = tuple[int, int]


def _matching(nodes: Sequence[int], edges: dict[Pair, int], max_cardinality: bool) -> set[Pair]:
    index = {v: k for k, v in enumerate(nodes)}
    graph = rx.PyGraph()
    graph.add_nodes_from(list(nodes))
    graph.add_edges_from([(index[a], index[b], w) for (a, b), w in edges.items()])
    found = rx.max_weight_matching(graph, max_cardinality=max_cardinality, weight_fn=lambda w: w)
    return {(nodes[a], nodes[b]) for a, b in found}


def never_met_pairs(ids: Sequence[int], history: History, week: int, window: int) -> set[Pair]:
    """Pairs of ``ids`` that may meet without a repeat (friendships due are exempt)."""
    recent = {
        pair
        for pair, last in history.last_met.items()
        if week - last < window and pair not in history.friends_due
    }
    return {
        (a, b)
        for a, b in combinations(sorted(ids), 2)
        if frozenset((a, b)) not in recent and frozenset((a, b)) not in history.blocked
    }


def repeat_free_round_exists(ids: Sequence[int], history: History, week: int, window: int) -> bool:
    """Could this week's attendees have been grouped with no repeat at all?"""
    nodes = sorted(ids)
    if len(nodes) < 2:
        return True
    edges = never_met_pairs(nodes, history, week, window)
    if len(nodes) % 2 == 0:
        return 2 * len(_matching(nodes, dict.fromkeys(edges, 1), True)) == len(nodes)
    near: dict[int, set[int]] = {v: set() for v in nodes}
    for a, b in edges:
        near[a].add(b)
        near[b].add(a)
    # Quick yes: the one left out of a maximum matching fits an existing pair.
    found = _matching(nodes, dict.fromkeys(edges, 1), True)
    if 2 * len(found) == len(nodes) - 1:
        (x,) = set(nodes) - {v for p in found for v in p}
        if any(a in near[x] and b in near[x] for a, b in found):
            return True
    for y in nodes:
        others = [v for v in nodes if v != y]
        weights = {
            (a, b): 2 if a in near[y] and b in near[y] else 1 for a, b in edges if y not in (a, b)
        }
        found = _matching(others, weights, True)
        if 2 * len(found) == len(others) and any(weights[(min(p), max(p))] == 2 for p in found):
            return True
    return False


def round_score(pool: Pool, groups: Iterable[Sequence[int]]) -> int:
    """Sum of pair scores (units) inside groups given as member ids."""
    index = pool.index
    return sum(pool.score(index[a], index[b]) for g in groups for a, b in combinations(g, 2))


def shared_total(people: Sequence[Person], groups: Iterable[Sequence[int]]) -> int:
    """Shared interests over all pairs inside groups: the "interest weight"."""
    interests = {p.id: p.interests for p in people}
    return sum(len(interests[a] & interests[b]) for g in groups for a, b in combinations(g, 2))


def exact_optimum(pool: Pool) -> list[Pair]:
    """The best possible pairs (ids) by the engine's own scores: blossom on every pair."""
    positions = list(range(pool.n))
    edges = {
        (i, j): pool.score(i, j) + 10**6
        for i, j in combinations(positions, 2)
        if pool.allowed(i, j)
    }
    return [(pool.ids[a], pool.ids[b]) for a, b in _matching(positions, edges, True)]


def upper_bound(pool: Pool, per_member: int = 100) -> float:
    """A certified ceiling on any round's total score (units), see the module docstring."""
    members = list(range(pool.n))
    edges, ceilings = candidate_lists(pool, members, per_member, random.Random(0))
    theta = [max(ceilings.get(i, 0), 0) for i in members]
    reduced = {
        (a, b): 2 * w - theta[a] - theta[b]
        for (a, b), w in edges.items()
        if 2 * w - theta[a] - theta[b] > 0
    }
    gain = sum(reduced[(min(p), max(p))] for p in _matching(members, reduced, False))
    return (sum(theta) + gain) / 2


def shuffle_round(ids: Sequence[int], rng: random.Random) -> list[tuple[int, ...]]:
    """A random shuffle cut into pairs (the last three form a trio when odd)."""
    order = list(ids)
    rng.shuffle(order)
    groups: list[tuple[int, ...]] = [tuple(order[k : k + 2]) for k in range(0, len(order) - 1, 2)]
    if len(order) % 2 and groups:
        groups[-1] = (*groups[-1], order[-1])
    return groups


def greedy_round(
    people: Sequence[Person], history: History, week: int, rules: Rules, per_member: int = 0
) -> list[tuple[int, ...]]:
    """Highest-scoring never-met pair first, until nobody can be added; the rest in order.

    ``per_member`` > 0 restricts the greedy to the engine's candidate edges (for sizes where
    scoring every pair is too slow).
    """
    pool = Pool(people, history, week, rules)
    members = list(range(pool.n))
    if per_member:
        edges = candidate_lists(pool, members, per_member, random.Random(0))[0]
    else:
        edges = {
            (i, j): pool.score(i, j) for i, j in combinations(members, 2) if pool.allowed(i, j)
        }
    free = set(members)
    groups: list[tuple[int, ...]] = []
    for (a, b), _ in sorted(edges.items(), key=lambda kv: (-kv[1], kv[0])):
        if a in free and b in free:
            free -= {a, b}
            groups.append((a, b))
    rest = sorted(free)
    groups += [tuple(rest[k : k + 2]) for k in range(0, len(rest) - 1, 2)]
    if len(rest) % 2 and groups:
        groups[-1] = (*groups[-1], rest[-1])
    return [tuple(pool.ids[v] for v in g) for g in groups]
