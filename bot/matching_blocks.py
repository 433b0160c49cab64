"""Near-optimal matching for big communities, by re-optimising neighbourhoods.

The blossom algorithm is exact but its time grows like n^2.3 even on sparse graphs: 0.6 s
for 2,000 members, 23 s for 10,000 with 24 candidates each. So a large round is a large
neighbourhood search:

1. Order members by their interests (most popular first, so people who share their main
   interests sit next to each other) and match consecutive blocks of ``FIRST`` exactly,
   on the block's *promising* edges only: those whose ends fall short of their own best
   candidates by at most ``FIRST_SLACK`` shared interests' worth on average. Forcing a
   block to pair everyone inside it pairs its misfits badly; left alone, they are matched
   together with every edge afterwards (with 2,000-member blocks this lifts the first
   solve from 96.1% to 98.2% of the bound at 10,000).
2. Re-optimise where it pays. A pair's members split its score equally; a candidate edge
   worth more than its two ends currently get is "attractive": it points at an exchange
   that may raise the total. Blocks of up to ``BLOCK`` are grown around the most
   attractive edges, keeping current pairs whole, and matched exactly again on their
   current pairs plus the edges at most ``PASS_SLACK`` shared interests from attractive
   (blossom time is about linear in edges, so pruning buys blocks three times larger,
   and long exchange chains need large blocks). A block's current pairs are part of its
   graph, so a pass never lowers a block's total unless it pairs more of its people.

The number of passes is fixed (not timed) so that a seed always gives the same round.
The price of decomposing: at 10,000 members the result is ~1.1% below a certified upper
bound, where one exact matching of the same candidate graph gets within 0.5% but needs
23 s, and of 100 candidates each within 0.09% (bench/matching.py). What is left needs
exchange chains longer than a block holds; 2-opt and 3-opt moves (swapping partners
among two or three pairs) were measured to find almost nothing after the passes.
"""

from __future__ import annotations

import random
from collections import Counter, deque
from collections.abc import Sequence
from typing import TYPE_CHECKING

from bot.matching_solver import Edges, Pair, max_weight_pairs

if TYPE_CHECKING:
    from bot.matching_pool import Pool

FIRST = 2000  # members per block of the first solve: ~0.35 s of blossom each
FIRST_SLACK = 1.5  # interests an edge may fall short of its ends' best (mean), first solve
BLOCK = 3000  # members per re-optimised block (on pruned edges: ~0.4 s of blossom each)
PASS_SLACK = 0.5  # interests an edge may fall short of "attractive" (mean of ends), passes
PASSES = 2  # rounds of re-optimising around attractive edges


def match_in_blocks(
    pool: Pool, members: Sequence[int], edges: Edges, rng: random.Random
) -> list[Pair]:
    """A near-maximum-weight matching of ``edges`` that pairs as many members as it can."""
    adjacent: dict[int, list[int]] = {v: [] for v in members}
    best: dict[int, int] = {}
    for (a, b), w in edges.items():
        adjacent[a].append(b)
        adjacent[b].append(a)
        best[a] = max(best.get(a, w), w)
        best[b] = max(best.get(b, w), w)
    partner: dict[int, int] = {}
    order = _by_interests(pool, members)
    # Twice an edge's score against what its ends could get at best (their best edges).
    slack = round(2 * FIRST_SLACK * pool.weights.interest)
    for start in range(0, len(order), FIRST):
        _rematch(order[start : start + FIRST], adjacent, edges, partner, rng, best, slack)
    alone = [v for v in members if v not in partner]
    if len(alone) > 1:
        _rematch(alone, adjacent, edges, partner, rng)
    slack = round(2 * PASS_SLACK * pool.weights.interest)
    for _ in range(PASSES):
        blocks = _around_attractive_edges(edges, partner)
        if not blocks:
            break
        current = {v: edges[(v, p) if v < p else (p, v)] for v, p in partner.items()}
        for nodes in blocks:
            _rematch(nodes, adjacent, edges, partner, rng, current, slack)
    return sorted((a, b) for a, b in partner.items() if a < b)


def _by_interests(pool: Pool, members: Sequence[int]) -> list[int]:
    popularity = Counter(key for i in members for key in pool.interests[i])

    def key(i: int) -> tuple[tuple[int, str], ...]:
        return tuple(sorted((-popularity[k], k) for k in pool.interests[i]))

    return sorted(members, key=lambda i: (key(i), i))


def _around_attractive_edges(edges: Edges, partner: dict[int, int]) -> list[list[int]]:
    """Blocks of whole pairs, grown breadth-first along attractive edges, best edge first."""
    current = dict.fromkeys(partner, 0)  # members left alone count as getting 0
    current.update({v: edges[(v, p) if v < p else (p, v)] for v, p in partner.items()})
    get = current.get
    # A current pair has slack exactly 0, so "> 0" also leaves the pairs themselves out.
    attractive = [
        (slack, a, b) for (a, b), w in edges.items() if (slack := get(a, 0) + get(b, 0) - 2 * w) < 0
    ]
    attractive.sort()
    near: dict[int, list[int]] = {}
    for _, a, b in attractive:
        near.setdefault(a, []).append(b)
        near.setdefault(b, []).append(a)
    placed: set[int] = set()
    blocks = []
    for _, a, b in attractive:
        if a in placed or b in placed:
            continue
        block: list[int] = []
        queue = deque((a, b))
        while queue and len(block) < BLOCK:
            v = queue.popleft()
            if v in placed:
                continue
            unit = (v, partner[v]) if v in partner else (v,)
            placed.update(unit)
            block.extend(unit)
            for u in unit:
                queue.extend(w for w in near.get(u, ()) if w not in placed)
        if len(block) > 2:
            blocks.append(block)
    return blocks


def _rematch(
    nodes: list[int],
    adjacent: dict[int, list[int]],
    edges: Edges,
    partner: dict[int, int],
    rng: random.Random,
    worth: dict[int, int] | None = None,
    slack: int = 0,
) -> None:
    """Replace the pairs inside ``nodes`` by an optimal matching of the edges inside it.

    With ``worth``, only the current pairs and the edges (v, w) with
    2·score ≥ worth[v] + worth[w] − ``slack`` are used: fewer edges, faster blossom.
    """
    inside = set(nodes)
    sub = {}
    for v in nodes:
        mate = partner.get(v)
        floor = (worth.get(v, 0) if worth is not None else 0) - slack
        for w in adjacent[v]:
            if v < w and w in inside:
                score = edges[(v, w)]
                if worth is None or 2 * score - worth.get(w, 0) >= floor or w == mate:
                    sub[(v, w)] = score
    order = sorted(nodes)
    rng.shuffle(order)
    for v in nodes:
        partner.pop(v, None)
    for a, b in max_weight_pairs(sub, order):
        partner[a] = b
        partner[b] = a
