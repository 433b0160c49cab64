"""Exact maximum-weight matching (rustworkx's blossom algorithm) and the odd one out.

rustworkx implements Edmonds' primal-dual blossom algorithm in Rust: 2.9 s for a dense
1,000-member graph where networkx needs 102 s, and exact for integer weights. With
``max_cardinality`` it first pairs as many people as possible, then maximises weight, which
is exactly "nobody left out if it can be helped".

An odd count leaves one person ``x`` out of the matching; ``x`` joins the pair that gains
most from them and has met neither of them. If no pair qualifies, the triangles through
``x`` are tried, then other people as the odd one out: ``y`` can join a trio exactly when
some maximum matching of the others pairs two of ``y``'s possible partners together, which
one weighted matching per ``y`` decides (edges between two of ``y``'s neighbours weigh one
tier more).
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable, Mapping, Sequence
from itertools import combinations

import rustworkx as rx

from bot.pairing.engine.model import Edges, Groups, Pair

EXHAUSTIVE = 60  # up to this many members the search for a trio is exhaustive
TRIO_TRIES = 30  # above, this many candidate trios or odd ones out


def _weight(payload: int) -> int:
    return payload


def max_weight_pairs(
    edges: Edges, order: Sequence[int] | None = None, max_cardinality: bool = True
) -> list[Pair]:
    """An exact maximum-weight matching of ``edges`` as sorted ``(i, j)`` pairs, ``i < j``.

    ``order`` fixes the node order handed to rustworkx (a seeded shuffle breaks ties at
    random; any order gives an optimum). With ``max_cardinality`` weights may be negative:
    a common offset keeps them positive without changing the answer.
    """
    if not edges:
        return []
    if order is None:
        order = sorted({i for pair in edges for i in pair})
    node = {v: k for k, v in enumerate(order)}
    offset = 1 - min(edges.values()) if max_cardinality else 0
    graph = rx.PyGraph(multigraph=False)
    graph.add_nodes_from(order)
    graph.add_edges_from(
        [(node[a], node[b], w + offset) for (a, b), w in edges.items() if w + offset > 0]
    )
    found = rx.max_weight_matching(graph, max_cardinality=max_cardinality, weight_fn=_weight)
    pairs = []
    for a, b in found:
        i, j = order[a], order[b]
        pairs.append((i, j) if i < j else (j, i))
    pairs.sort()
    return pairs


def join_trio(
    x: int,
    pairs: Sequence[Pair],
    fits: Callable[[int, int], bool],
    gain: Callable[[int, int], int],
) -> int | None:
    """Index of the pair ``x`` should join (``fits`` both members; most ``gain``), or None."""
    best, best_gain = None, 0
    for k, (a, b) in enumerate(pairs):
        if fits(x, a) and fits(x, b):
            value = gain(x, a) + gain(x, b)
            if best is None or value > best_gain:
                best, best_gain = k, value
    return best


class WeekGraph:
    """One week's repeat-free graph on some members: adjacency plus integer weights."""

    def __init__(
        self,
        nodes: Iterable[int],
        edges: Mapping[Pair, int],
        adjacent: dict[int, set[int]] | None = None,
    ) -> None:
        self.nodes = sorted(nodes)
        self.edges = dict(edges)
        if adjacent is None:
            adjacent = {v: set() for v in self.nodes}
            for a, b in self.edges:
                adjacent[a].add(b)
                adjacent[b].add(a)
        self.adjacent = adjacent

    def shaken(self, variant: int, keep: bool) -> WeekGraph:
        """The same graph with pseudo-random weights: added to the real ones when ``keep``
        (a near-best alternative), or instead of them (a random matching).

        The noise is a pure function of the pair and ``variant`` (tuple hashes of ints do not
        depend on the process), which the lookahead relies on.
        """
        spread = 1 + max((abs(w) for w in self.edges.values()), default=0)
        if keep:
            edges = {e: w + hash((*e, variant)) % spread // 4 for e, w in self.edges.items()}
        else:
            edges = {e: hash((*e, variant)) % 1_000_003 for e in self.edges}
        return WeekGraph(self.nodes, edges, self.adjacent)

    def has(self, a: int, b: int) -> bool:
        return b in self.adjacent[a]

    def weight(self, a: int, b: int) -> int:
        return self.edges[(a, b) if a < b else (b, a)]

    def without(self, groups: Iterable[tuple[int, ...]]) -> dict[Pair, int]:
        """The edges left once ``groups`` have met."""
        used = {(a, b) for g in groups for a in g for b in g if a < b}
        return {e: w for e, w in self.edges.items() if e not in used}


def solve_week(
    graph: WeekGraph, order: Sequence[int] | None = None, thorough: bool = True
) -> Groups | None:
    """Best repeat-free grouping of all ``graph.nodes`` (pairs, one trio if odd), or None.

    None means no such grouping exists: some member would have to repeat or sit out.
    Without ``thorough`` (plans for later weeks) the odd one out either joins a pair of
    the best matching or the answer is None, skipping the search for a trio elsewhere.
    """
    nodes = graph.nodes
    if len(nodes) < 2:
        return None
    pairs = max_weight_pairs(graph.edges, order)
    if 2 * len(pairs) < len(nodes) - len(nodes) % 2:
        return None
    groups: Groups = list(pairs)
    if len(nodes) % 2 == 0:
        return groups
    paired = {v for pair in pairs for v in pair}
    (x,) = [v for v in nodes if v not in paired]
    k = join_trio(x, pairs, graph.has, graph.weight)
    if k is not None:
        groups[k] = tuple(sorted((*pairs[k], x)))
        return groups
    return _trio_elsewhere(graph, order, skip=x) if thorough else None


def _trio_elsewhere(graph: WeekGraph, order: Sequence[int] | None, skip: int) -> Groups | None:
    """Find a trio of strangers that leaves the others perfectly matchable (rare: thin graphs).

    First the triangles through ``skip`` (usually someone with few possible partners, so
    few triangles), best first; then every other member ``y`` as the odd one out. Exact up
    to ``EXHAUSTIVE`` members; above, a bounded number of tries.
    """
    nodes = graph.nodes
    tries = len(nodes) if len(nodes) <= EXHAUSTIVE else TRIO_TRIES
    near = graph.adjacent[skip]
    triangles = sorted(
        (
            (-(graph.weight(skip, a) + graph.weight(skip, b) + graph.weight(a, b)), a, b)
            for a, b in combinations(sorted(near), 2)
            if graph.has(a, b)
        )
    )
    for _, a, b in triangles[:tries]:
        trio = {skip, a, b}
        rest = {e: w for e, w in graph.edges.items() if e[0] not in trio and e[1] not in trio}
        sub_order = [v for v in order if v not in trio] if order is not None else None
        pairs = max_weight_pairs(rest, sub_order)
        if 2 * len(pairs) == len(nodes) - 3:
            return [*pairs, tuple(sorted(trio))]
    heavy = 1 + sum(abs(w) for w in graph.edges.values()) + len(graph.edges)
    by_degree = sorted(nodes, key=lambda v: (-len(graph.adjacent[v]), v))
    for y in [v for v in by_degree if v != skip and len(graph.adjacent[v]) >= 2][:tries]:
        near = graph.adjacent[y]
        rest = {
            (a, b): w + (heavy if a in near and b in near else 0)
            for (a, b), w in graph.edges.items()
            if y not in (a, b)
        }
        sub_order = [v for v in order if v != y] if order is not None else None
        pairs = max_weight_pairs(rest, sub_order)
        if 2 * len(pairs) < len(nodes) - 1:
            continue
        k = join_trio(y, pairs, graph.has, graph.weight)
        if k is not None:
            groups: Groups = list(pairs)
            groups[k] = tuple(sorted((*pairs[k], y)))
            return groups
    return None


def seeded_order(nodes: Sequence[int], rng: random.Random) -> list[int]:
    """A seeded shuffle of ``nodes``: how ties between equally good matchings are broken."""
    order = sorted(nodes)
    rng.shuffle(order)
    return order
