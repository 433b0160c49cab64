"""Looking ahead, so that choosing this week's best round never makes a later week impossible.

The trap: with a fixed roster of n people and a long repeat window, there are exactly n−1
repeat-free weeks (a 1-factorisation of the complete graph), and a matcher that takes the
best pairs each week can leave a "never met" graph with no perfect matching before those
weeks are up — typically a 2-regular remainder with an odd cycle in the last two weeks.
Small communities with the default 12-week window live in the same regime every week.

So a round is only accepted with a certificate: a concrete plan of repeat-free rounds for
the following weeks (same attendees assumed; pairs whose window expires come back on
schedule), found by depth-first search. Most of the search is cut short by theorems:

* Dirac: a graph on m vertices with minimum degree ≥ m/2 has a Hamiltonian cycle, hence a
  perfect matching (m even); with ≥ (m+3)/2 it also has a trio of strangers plus a perfect
  matching of the rest (m odd). Degrees drop by at most one (two in a trio) per week, so if
  the minimum degree stays above that line for the whole horizon, every week is safe.
* Chetwynd–Hilton: a d-regular graph of even order m with d ≥ (√7−1)/2·m ≈ 0.823·m is
  1-factorisable, i.e. splits into d perfect matchings: d more weeks, guaranteed.
* Thin regular remainders (cubic or less) are 1-factorised exactly by a small edge-colouring
  search (a cubic graph with an odd-cycle 2-factor is exactly the dead end to avoid).

Between those, future weeks are planned with pseudo-random matchings rather than the best
ones: best matchings remove similar pairs first and strand the remainder (on 100 members
such a plan dead-ends at degree 14), while random removals keep it random-like, and random
regular graphs split into perfect matchings. On a dead end the search backtracks to
alternative random matchings.

Why a plan survives into next week: the search is a pure function of the graph (the noise
is a hash of the pair). Next week's graph is this week's graph minus this week's round, so
if this week's choice was certified by plan P, next week's search meets P's next round
among its own attempts and certifies it again (budgets are per attempt and never smaller).
So once a plan exists, dead ends are ruled out, not just made unlikely, for a fixed roster
that uses up its pairs; with a sliding window the plan looks one window ahead. When
attendance changes the search simply starts again from the new graph. The real best round
is taken whenever a plan certifies it; a budget caps the work, and if it runs out the round
that reached deepest wins.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import combinations

from bot.pairing.engine.model import Groups, Pair
from bot.pairing.engine.solver import WeekGraph, solve_week

FACTORISABLE = (math.sqrt(7) - 1) / 2  # Chetwynd–Hilton's degree ratio
THIN = 3  # regular remainders of this degree or less are coloured exactly
ALTERNATIVES = 2  # perturbed matchings tried when a week's plan dead-ends
BUDGET = 250  # week-solves per attempt
COLOURING_BUDGET = 3_000  # search nodes for one edge colouring


@dataclass
class Outlook:
    """What the next weeks look like: this week's repeat-free graph and what comes back."""

    nodes: list[int]
    edges: dict[Pair, int]  # repeat-free pairs, profile weights
    returning: dict[int, dict[Pair, int]] = field(default_factory=dict)  # week offset -> pairs
    window: int = 12

    def horizon(self) -> int:
        """Weeks (this one included) the plan must cover: a window, or until pairs run out.

        Each member needs a new partner every week, so nobody can go longer than their
        partners (now and returning) last; with an odd count a week uses (m+3)/2 pairs.
        """
        m = len(self.nodes)
        per_week = m // 2 if m % 2 == 0 else (m + 3) // 2
        degree = dict.fromkeys(self.nodes, 0)
        for a, b in self.edges:
            degree[a] += 1
            degree[b] += 1
        back: dict[int, list[int]] = {v: [] for v in self.nodes}  # offsets pairs return at
        for k, pairs in self.returning.items():
            for a, b in pairs:
                back[a].append(k)
                back[b].append(k)
        offsets = sorted(k for k, pairs in self.returning.items() for _ in pairs)
        for ks in back.values():
            ks.sort()
        weeks = self.window
        while True:  # shrinks to a fixed point: returning pairs count only inside it
            fits = min(
                weeks,
                min((degree[v] + bisect_left(back[v], weeks) for v in self.nodes), default=0),
                (len(self.edges) + bisect_left(offsets, weeks)) // max(per_week, 1),
            )
            if fits >= weeks:
                return max(0, weeks)
            weeks = fits


def choose_round(
    outlook: Outlook,
    first: Groups,
    weigh: Callable[[Groups], int],
    keep: frozenset[Pair] = frozenset(),
) -> Groups:
    """This week's round: ``first`` (the best) if a plan certifies it, else the best that is.

    Rounds that drop a pair of ``keep`` (due friendships in ``first``) are never taken: a
    promised re-pairing beats protecting later weeks, so without a certified round that
    keeps them all, ``first`` stands.
    """
    horizon = outlook.horizon()
    graph = WeekGraph(outlook.nodes, outlook.edges)
    if horizon <= 1 or _dirac_safe(graph, horizon):
        return first
    planner = _Planner(outlook, horizon)
    best, best_depth = first, -1
    for groups, budget in _attempts(graph, planner, first, leash=horizon + ALTERNATIVES):
        if keep and not keep <= _pairs_in(groups):
            continue
        depth = planner.certify(graph, groups, budget)
        if depth >= horizon:
            return groups
        if depth > best_depth:
            best, best_depth = groups, depth
    # A thin remainder's colouring is its own certificate: its other colours are the plan.
    coloured = [g for g in planner.coloured(graph, 0) if keep <= _pairs_in(g)]
    if coloured:
        return max(coloured, key=weigh)
    return best


def _pairs_in(groups: Groups) -> set[Pair]:
    return {pair for g in groups for pair in combinations(sorted(g), 2)}


def _attempts(
    graph: WeekGraph, planner: _Planner, first: Groups, leash: int
) -> Iterator[tuple[Groups, int]]:
    """Rounds to try, each with its search budget.

    This week's real best and two near-best variants get a short leash; then come the
    rounds last week's plan may have contained, with the full budget.
    """
    yield first, leash
    for variant in (1, 2):
        near_best = solve_week(graph.shaken(variant, keep=True))
        if near_best is not None:
            yield near_best, leash
    for groups in planner.choices(graph):
        yield groups, BUDGET


class _Planner:
    def __init__(self, outlook: Outlook, horizon: int) -> None:
        self.outlook = outlook
        self.horizon = horizon
        self.spent = 0

    def certify(self, graph: WeekGraph, groups: Groups, budget: int) -> int:
        """How many weeks (this one included) a plan starting with ``groups`` reaches."""
        self.spent, self.budget = 0, budget
        return self._reach(self._after(graph, groups, 0), 1)

    def _after(self, graph: WeekGraph, groups: Groups, week: int) -> WeekGraph:
        edges = graph.without(groups)
        edges.update(self.outlook.returning.get(week + 1, {}))
        return WeekGraph(graph.nodes, edges)

    def _reach(self, graph: WeekGraph, week: int) -> int:
        if week >= self.horizon or _dirac_safe(graph, self.horizon - week):
            return self.horizon
        if self._quiet(week) and _regular_factorisable(graph, self.horizon - week):
            return self.horizon
        if self._quiet(week) and self.coloured(graph, week):
            return self.horizon
        deepest = week
        for groups in self.choices(graph, budgeted=True):
            deepest = max(deepest, self._reach(self._after(graph, groups, week), week + 1))
            if deepest >= self.horizon or self.spent >= self.budget:
                break
        return deepest

    def _quiet(self, week: int) -> bool:
        """No pairs come back between ``week`` and the horizon."""
        returning = self.outlook.returning.items()
        return all(not pairs for k, pairs in returning if week < k < self.horizon)

    def choices(self, graph: WeekGraph, budgeted: bool = False) -> Iterator[Groups]:
        """Random-looking matchings of a future week, canonical one first.

        Future weeks are planned with pseudo-random matchings, not the best ones: a plan
        built from best matchings removes similar pairs first and strands the remainder
        (on 100 members it dead-ends at degree 14), while random removals keep the
        remainder random-like, and random regular graphs split into perfect matchings.
        """
        for variant in range(1, ALTERNATIVES + 2):
            if budgeted:
                if self.spent >= self.budget:
                    return
                self.spent += 1
            groups = solve_week(graph.shaken(variant, keep=False), thorough=False)
            if groups is not None:
                yield groups

    def coloured(self, graph: WeekGraph, week: int) -> list[Groups]:
        """A 1-factorisation of a thin regular remainder, as weekly rounds; [] if none."""
        m = len(graph.nodes)
        degrees = {len(graph.adjacent[v]) for v in graph.nodes}
        if m % 2 or len(degrees) != 1 or not self._quiet(week):
            return []
        (d,) = degrees
        if d == 0 or d > THIN or d < self.horizon - week:
            return []
        classes = edge_colouring(graph.nodes, sorted(graph.edges), d)
        return [list(c) for c in classes] if classes else []


def _dirac_safe(graph: WeekGraph, weeks: int) -> bool:
    m = len(graph.nodes)
    if m < 2:
        return False
    low = min(len(graph.adjacent[v]) for v in graph.nodes)
    need, loss = (m // 2, 1) if m % 2 == 0 else ((m + 3) // 2, 2)
    return low - loss * (weeks - 1) >= need


def _regular_factorisable(graph: WeekGraph, weeks: int) -> bool:
    m = len(graph.nodes)
    degrees = {len(graph.adjacent[v]) for v in graph.nodes}
    if m % 2 or len(degrees) != 1:
        return False
    (d,) = degrees
    return d >= weeks and d >= FACTORISABLE * m


def edge_colouring(
    nodes: Sequence[int], edges: Sequence[Pair], colours: int
) -> list[list[Pair]] | None:
    """Colour ``edges`` with ``colours`` colours, no two alike at a vertex; None if not found.

    Depth-first, always colouring the edge with the fewest colours left (ties: first in
    order), within ``COLOURING_BUDGET`` steps. Colours at a vertex are a bitmask. For a
    ``colours``-regular graph each colour is a perfect matching.
    """
    full = (1 << colours) - 1
    used = dict.fromkeys(nodes, 0)
    colour = [-1] * len(edges)
    # The first vertex's edges must take every colour: fix them (symmetry breaking).
    first = [k for k, e in enumerate(edges) if nodes and nodes[0] in e]
    if len(first) > colours:
        return None
    for c, k in enumerate(first):
        a, b = edges[k]
        bit = 1 << c
        if (used[a] | used[b]) & bit:
            return None
        colour[k] = c
        used[a] |= bit
        used[b] |= bit
    open_edges = [k for k in range(len(edges)) if colour[k] < 0]
    steps = 0

    def search() -> bool:
        nonlocal steps
        steps += 1
        if steps > COLOURING_BUDGET:
            return False
        best, best_left = -1, full + 1
        for k in open_edges:
            if colour[k] < 0:
                a, b = edges[k]
                left = full & ~(used[a] | used[b])
                if best < 0 or left.bit_count() < best_left.bit_count():
                    best, best_left = k, left
                    if not left:
                        return False
        if best < 0:
            return True
        a, b = edges[best]
        for c in range(colours):
            bit = 1 << c
            if best_left & bit:
                colour[best] = c
                used[a] |= bit
                used[b] |= bit
                if search():
                    return True
                colour[best] = -1
                used[a] &= ~bit
                used[b] &= ~bit
        return False

    if not search():
        return None
    classes: list[list[Pair]] = [[] for _ in range(colours)]
    for k, c in enumerate(colour):
        classes[c].append(edges[k])
    return classes
