"""Finishing a round that the repeat-free graph could not: fewest repeats, least recent.

One exact matching decides it, with weights in tiers so that each consideration strictly
dominates the next: pairing one more person beats everything (``max_cardinality``), one
more never-met pair beats any number of recent ones, a repeat that met longer ago beats a
fresher one, and only then do interests and companies count. Blocked pairs are never edges.

Below ``DENSE`` members every pair is considered, so the answer is exact. Above, the work is
local: the people left over and everyone they could plausibly be paired with (their best
allowed partners, the people they met recently, and those people's current partners) are
matched again; everybody else keeps their pair.
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence

from bot.pairing.engine.model import Groups, Pair
from bot.pairing.engine.pool import Pool
from bot.pairing.engine.solver import join_trio, max_weight_pairs

DENSE = 300  # up to this many people every pair is scored, and rounds are exact
EXHAUSTIVE = 60  # up to this many, every member is tried as the centre of a trio
TRIO_TRIES = 30  # above, only this many (those with the fewest possible partners first)
NEIGHBOURS = 40  # best allowed partners pulled into a local repair, per leftover


class Tiers:
    """Tiered integer weights for pairs among ``size`` people."""

    def __init__(self, pool: Pool, size: int) -> None:
        w = pool.weights
        self.pool = pool
        self.floor = w.same_company + w.met_before + 1  # lifts every score above zero
        top = self.floor + w.interest * 64 + w.timezone + w.friend
        self.recency = top * (size + 2)
        self.fresh = self.recency * (pool.window + 1) * (size + 2)

    def weight(self, i: int, j: int) -> int | None:
        """None for a blocked pair."""
        pool = self.pool
        if j in pool.blocked[i]:
            return None
        soft = max(1, pool.score(i, j) + self.floor)
        last = pool.recent[i].get(j)
        if last is None:
            return self.fresh + soft
        age = max(0, min(pool.week - last, pool.window - 1))
        return self.recency * (age + 1) + soft


def fewest_repeats(pool: Pool, members: Sequence[int], pairs: Sequence[Pair]) -> list[Pair]:
    """Re-pair so that as many as possible are paired, with the fewest and oldest repeats.

    ``pairs`` is the best effort so far (repeat-free but incomplete); it is kept outside
    the repaired region.
    """
    if len(members) <= DENSE:
        region = list(members)
        kept: list[Pair] = []
    else:
        region, kept = _region(pool, members, pairs)
    tiers = Tiers(pool, len(region))
    edges = {}
    for k, i in enumerate(region):
        for j in region[k + 1 :]:
            weight = tiers.weight(i, j)
            if weight is not None:
                edges[(i, j) if i < j else (j, i)] = weight
    return sorted(kept + max_weight_pairs(edges, sorted(region)))


def _region(
    pool: Pool, members: Sequence[int], pairs: Sequence[Pair]
) -> tuple[list[int], list[Pair]]:
    partner = {}
    for a, b in pairs:
        partner[a], partner[b] = b, a
    leftovers = [v for v in members if v not in partner]
    region = set(leftovers)
    for x in leftovers:
        best = heapq.nlargest(
            NEIGHBOURS,
            (v for v in members if pool.allowed(x, v)),
            key=lambda v: (pool.score(x, v), -v),
        )
        region.update(best)
        region.update(v for v in pool.recent[x] if v in partner and v not in pool.blocked[x])
    region.update([partner[v] for v in list(region) if v in partner])
    kept = [p for p in pairs if p[0] not in region]
    return sorted(region), kept


def trio_by_search(pool: Pool, members: Sequence[int], size: int) -> Groups | None:
    """Groups that place one more person than ``size`` pairs do, via a trio elsewhere.

    Used when the odd one out fits no pair because of don't-pair lists. A trio {y, a, b}
    plus ``size - 1`` pairs exists exactly when the others, without ``y``, still have a
    matching of ``size`` pairs that pairs two of ``y``'s possible partners: one weighted
    matching per ``y`` decides it (edges between two of ``y``'s neighbours weigh one tier
    more). Exhaustive up to ``EXHAUSTIVE`` members, ``TRIO_TRIES`` people above; None if
    nothing better exists (or was found).
    """
    if len(members) > DENSE:
        return None
    tiers = Tiers(pool, len(members))
    edges = {}
    for k, i in enumerate(members):
        for j in members[k + 1 :]:
            weight = tiers.weight(i, j)
            if weight is not None:
                edges[(i, j) if i < j else (j, i)] = weight
    heavy = 1 + sum(edges.values())
    near = {v: {u for u in members if u != v and u not in pool.blocked[v]} for v in members}
    order = sorted(members, key=lambda v: (len(near[v]), v))
    tries = len(order) if len(order) <= EXHAUSTIVE else TRIO_TRIES
    for y in order[:tries]:
        sub = {
            (a, b): w + (heavy if a in near[y] and b in near[y] else 0)
            for (a, b), w in edges.items()
            if y not in (a, b)
        }
        inside = [p for p in max_weight_pairs(sub) if p[0] in near[y] and p[1] in near[y]]
        if not inside:
            continue
        # Both are in near[y], so neither weight is None (blocked) and ``or 0`` never applies.
        a, b = max(
            inside,
            key=lambda p: edges[p] + (tiers.weight(y, p[0]) or 0) + (tiers.weight(y, p[1]) or 0),
        )
        rest = [v for v in members if v not in (y, a, b)]
        pairs = fewest_repeats(pool, rest, [])
        if len(pairs) >= size - 1:
            return [*pairs, tuple(sorted((y, a, b)))]
    return None


def add_odd_one(pool: Pool, x: int, groups: Groups) -> bool:
    """Put ``x`` into the pair it fits best (never-met first, then least recent); False if
    every pair holds someone on ``x``'s don't-pair list."""
    tiers = Tiers(pool, 3)
    pairs = [g for g in groups if len(g) == 2]
    k = join_trio(
        x,
        pairs,
        lambda a, b: b not in pool.blocked[a],
        lambda a, b: tiers.weight(a, b) or 0,
    )
    if k is None:
        return False
    index = groups.index(pairs[k])
    groups[index] = tuple(sorted((*pairs[k], x)))
    return True
