"""Exact-quality matching for big communities: prices from an auction, then blossom on few edges.

Blossom is exact but its time grows like members × edges: one exact matching of 10,000
members' best 24 candidates takes 15–20 s, and the best round needs deeper lists (100
each come within 0.04% of a certified upper bound, 24 each only within 0.4%). Cutting the
round into blocks lost ~1%: what a block cannot see are exchanges that run through
thousands of members.

So a large round is priced first. An auction (Bertsekas) on the bipartite double cover of
the narrow candidate graph, where every member bids for a partner and is bid for, gives
each member a price ``y`` with ``y_a + y_b`` close to the score ``w`` of the pairs of a
near-optimal fractional matching, and at least ``w`` on every other candidate edge: these
are the linear programme's dual values. An edge whose reduced cost ``y_a + y_b − w`` is
large belongs to no good matching, so the exact matching is then solved on the wide
candidate graph's edges within ``TIGHT`` of zero only (~38,000 of ~650,000 at 10,000 with
80 each). That came within 0.01% of the optimum of the whole wide graph (0.9994 of the
bound), which blossom alone needs a minute for. ε-scaling keeps the auction short: each phase
starts from the last phase's prices with a smaller bid increment.
"""

from __future__ import annotations

import heapq
from collections import deque
from collections.abc import Sequence

from bot.pairing.engine.model import Edges, Pair
from bot.pairing.engine.solver import max_weight_pairs

SCALE = 4  # auction units per score unit, so the last bid increment is a quarter unit
FACTOR = 6  # the bid increment shrinks by this much per phase
TIGHT = 300  # score units of reduced cost an edge may have and still be matched
CHEAPEST = 3  # and each member's this many narrow edges of least reduced cost
STAND_IN = 100  # an odd count's odd one out is among this many lowest-priced members


def prices(members: Sequence[int], edges: Edges) -> dict[int, float]:
    """Each member's dual price ``y`` (score units), with ``y_a + y_b ≥ w`` on every edge.

    ``y`` is half of what a member earns as a bidder plus what it is paid as an object;
    their total is within a quarter unit per member of the best fractional matching.
    ``members`` order is the bidding order (a seeded shuffle breaks ties at random). A
    member who cannot be placed at any price above a floor stops bidding, so the auction
    ends even when the graph cannot pair everyone.
    """
    local = {v: k for k, v in enumerate(members)}
    near: list[list[tuple[int, int]]] = [[] for _ in members]
    for (a, b), w in edges.items():
        near[local[a]].append((local[b], w * SCALE))
        near[local[b]].append((local[a], w * SCALE))
    adjacent = [(tuple(j for j, _ in row), tuple(w for _, w in row)) for row in near]
    values = [w * SCALE for w in edges.values()] or [0]
    span = max(values) - min(values) + SCALE
    floor = min(values) - 4 * span  # staying out is worth this: below it, stop bidding
    price = [0] * len(members)
    step = max(1, span // 4)
    while True:
        owner = [-1] * len(members)
        queue = deque(range(len(members)))
        while queue:
            i = queue.popleft()
            best = second = floor
            target = -1
            for j, w in zip(*adjacent[i], strict=True):
                value = w - price[j]
                if value > second:
                    if value > best:
                        second, best, target = best, value, j
                    else:
                        second = value
            if target < 0:
                continue
            price[target] += best - second + step
            outbid, owner[target] = owner[target], i
            if outbid >= 0:
                queue.append(outbid)
        if step == 1:
            break
        step = max(1, step // FACTOR)
    result = {}
    for i, v in enumerate(members):
        cols, ws = adjacent[i]
        profit = max((w - price[j] for j, w in zip(cols, ws, strict=True)), default=floor)
        result[v] = (profit + price[i]) / (2 * SCALE)
    return result


def tight_edges(narrow: Edges, wide: Edges, price: dict[int, float]) -> dict[Pair, int]:
    """``wide``'s edges with reduced cost ``y_a + y_b − w`` at most ``TIGHT``, and each
    member's ``CHEAPEST`` narrow edges (without them a few members may be left with
    too few edges to pair everyone, and blossom then slows down fivefold)."""
    sub = {(a, b): w for (a, b), w in wide.items() if price[a] + price[b] - w <= TIGHT}
    near: dict[int, list[tuple[float, int, int]]] = {}
    for (a, b), w in narrow.items():
        reduced = price[a] + price[b] - w
        near.setdefault(a, []).append((reduced, a, b))
        near.setdefault(b, []).append((reduced, a, b))
    for row in near.values():
        for _, a, b in heapq.nsmallest(CHEAPEST, row):
            sub[(a, b)] = narrow[(a, b)]
    return sub


def match_by_prices(
    members: Sequence[int], narrow: Edges, wide: Edges, order: Sequence[int]
) -> list[Pair]:
    """A maximum-weight matching of ``wide``'s tight edges, priced on ``narrow``.

    Pairs as many as it can: when the tight edges leave someone out, every wide edge
    around those left out is added and the matching solved again; failing that, the
    narrow graph is matched whole.
    """
    price = prices(order, narrow)
    sub = tight_edges(narrow, wide, price)
    pairs = _perfect_pairs(sub, order, price)
    if 2 * len(pairs) < len(members) - 1:
        paired = {v for pair in pairs for v in pair}
        alone = {v for v in members if v not in paired}
        around = alone | {u for (a, b) in sub for u in (a, b) if a in alone or b in alone}
        sub.update({e: w for e, w in wide.items() if e[0] in around or e[1] in around})
        pairs = max_weight_pairs(sub, order)
    if 2 * len(pairs) < len(members) - 1:  # slow, and never seen: the narrow graph whole
        pairs = max_weight_pairs({**narrow, **sub}, order)
    return pairs


def _perfect_pairs(edges: Edges, order: Sequence[int], price: dict[int, float]) -> list[Pair]:
    """``max_weight_pairs``, with a stand-in partner for the odd one out of an odd count.

    Blossom is quick when everyone can be paired and slow when it must prove that
    someone cannot (five times slower at 10,000), so an odd count gets a stand-in that
    pairs with any of the ``STAND_IN`` lowest-priced members, who cost the least to
    leave out; the one it pairs with is the odd one out. Its edges weigh as much as the
    lightest real edge: the same for all, so the best perfect matching is unchanged,
    and lighter ones slow blossom down as much as no stand-in at all.
    """
    if len(order) % 2 == 0 or not edges:
        return max_weight_pairs(edges, order)
    stand_in = min(order) - 1
    cheapest = sorted(order, key=lambda v: (price[v], v))[:STAND_IN]
    lightest = min(edges.values())
    joined = {**edges, **{(stand_in, v): lightest for v in cheapest}}
    return [p for p in max_weight_pairs(joined, [stand_in, *order]) if stand_in not in p]
