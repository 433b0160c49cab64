"""The weekly pairing engine: who meets whom this week, decided from data alone.

``plan_round`` takes this week's attendees, what happened before and a seed, and returns a
``Round``. No Slack, no database: the job loads the inputs, stores the result and the seed.

Hard rules: nobody alone or twice, never a don't-pair couple, and no pair that met within
the repeat window whenever this week's attendees admit a repeat-free round (repeats only
when unavoidable: then the fewest, and the least recent). Soft weights: shared interests,
different companies, nearby time zones, and due friendship re-pairings. Odd counts get one
trio of strangers.

How: an exact maximum-weight matching (``matching_solver``) of the never-met graph, which
for large rounds holds only each member's best candidates (``matching_candidates``) and
above ``GLOBAL`` members only those an auction's prices call tight (``matching_prices``);
on small rosters a round is only taken if the following weeks can still be repeat-free
(``matching_lookahead``); when no repeat-free round exists, tiered weights decide the
fewest and oldest repeats (``matching_repeats``).
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from itertools import combinations

from bot.pairing.engine.candidates import all_allowed_edges, best_candidate_edges, candidate_tiers
from bot.pairing.engine.lookahead import Outlook, choose_round
from bot.pairing.engine.model import Group, Groups, History, Pair, Person, Round, Rules
from bot.pairing.engine.pool import Pool
from bot.pairing.engine.prices import match_by_prices
from bot.pairing.engine.repeats import DENSE, add_odd_one, fewest_repeats, trio_by_search
from bot.pairing.engine.solver import (
    WeekGraph,
    join_trio,
    max_weight_pairs,
    seeded_order,
    solve_week,
)

# Up to DENSE (300) attendees every allowed pair is scored and the matching is exact.
GLOBAL = 2000  # up to this many, one exact matching of each member's best candidates (~1 s)
NARROW, WIDE = 16, 64  # above GLOBAL: candidates priced by the auction, and matched
PLAN = 200  # look ahead (see matching_lookahead) up to this many attendees
# Candidates per member for one exact matching, by attendees (up to): at 2,000, 16 each come
# within 0.34% of the optimum and 28 within 0.09%. Above GLOBAL the auction is both closer and
# faster than a deeper exact matching (bench/matching_sweep.py, --depths). Its WIDE tier of 64
# (not 80) keeps 10,000 under 10 s on a quiet 2-core box (8.98 s against 10.97 s) and every size
# within 0.1% of the certified bound: 2,500 0.03%, 4,000 0.05%, 6,000 0.05%, 10,000 0.08%.
DEPTHS: tuple[tuple[int, int], ...] = ((1200, 60), (GLOBAL, 28))

ALONE = "nobody else was available this week"
BLOCKED = "everyone available is on a don't-pair list"
NO_TRIO = "every group this week includes someone on your don't-pair list"
NO_ROOM = "everyone you could be paired with was already in a group this week"

DEFAULT_RULES = Rules()  # frozen: one shared instance is safe as a default


def plan_round(
    people: Sequence[Person], history: History, week: int, seed: int, rules: Rules = DEFAULT_RULES
) -> Round:
    """Group this week's ``people`` (pairs, one trio when the count is odd).

    Deterministic: the same inputs and seed give the same round, whatever the order of
    ``people``. Raises ``ValueError`` when an id appears twice.
    """
    pool = Pool(people, history, week, rules)
    rng = random.Random(seed)
    if pool.n == 1:
        return Round(groups=(), unpaired=((pool.ids[0], ALONE),), seed=seed)
    unpaired: dict[int, str] = {}
    for i in range(pool.n):
        if len(pool.blocked[i]) >= pool.n - 1:
            unpaired[i] = BLOCKED
    active = [i for i in range(pool.n) if i not in unpaired]
    groups, best_effort = _repeat_free(pool, active, rng)
    if groups is None:
        groups = _with_repeats(pool, active, best_effort, unpaired)
    return _round(pool, groups, unpaired, seed)


def _repeat_free(
    pool: Pool, active: list[int], rng: random.Random
) -> tuple[Groups | None, list[Pair]]:
    """The best round without repeats (looking ahead on small rosters), or None if none.

    Also returns the pairs found on the way, for the repair when there is no such round.
    """
    if len(active) < 2:
        return [], []
    order = seeded_order(active, rng)
    if len(active) <= DENSE:
        exact = solve_week(WeekGraph(active, all_allowed_edges(pool, active)), order)
        if exact is not None and len(active) <= PLAN:
            keep = _friend_pairs(pool, exact)
            exact = choose_round(_outlook(pool, active), exact, lambda g: _total(pool, g), keep)
        return exact, []
    if len(active) > GLOBAL:
        narrow, wide = candidate_tiers(pool, active, NARROW, WIDE, rng)
        pairs = match_by_prices(active, narrow, wide, order)
    else:
        per_member = candidate_depth(len(active))
        pairs = max_weight_pairs(best_candidate_edges(pool, active, per_member, rng), order)
    left = len(active) - 2 * len(pairs)
    if left > 1:
        return None, pairs
    groups: Groups = list(pairs)
    if left == 1:
        paired = {v for pair in pairs for v in pair}
        (x,) = [v for v in active if v not in paired]
        k = join_trio(x, pairs, pool.allowed, pool.score)
        if k is None:
            return None, pairs
        groups[k] = tuple(sorted((*pairs[k], x)))
    return groups, pairs


def candidate_depth(attendees: int) -> int:
    """How many of each member's best partners the exact matching considers (see DEPTHS)."""
    return next(depth for most, depth in DEPTHS if attendees <= most)


def _with_repeats(
    pool: Pool, active: list[int], best_effort: list[Pair], unpaired: dict[int, str]
) -> Groups:
    """Fewest and least recent repeats; whoever still cannot be placed is told why."""
    pairs = fewest_repeats(pool, active, best_effort)
    groups: Groups = list(pairs)
    paired = {v for pair in pairs for v in pair}
    left = [v for v in active if v not in paired]
    if len(left) % 2 == 1:
        x = min(left, key=lambda v: (-len(pool.blocked[v]), v))
        if add_odd_one(pool, x, groups):
            left.remove(x)
        else:
            better = trio_by_search(pool, active, len(pairs))
            if better is not None:
                groups = better
                placed = {v for g in groups for v in g}
                left = [v for v in active if v not in placed]
    for v in left:
        unpaired[v] = NO_TRIO if len(left) == 1 else NO_ROOM
    return groups


def _outlook(pool: Pool, active: list[int]) -> Outlook:
    edges = {}
    returning: dict[int, dict[tuple[int, int], int]] = {}
    for k, i in enumerate(active):
        for j in active[k + 1 :]:
            if j in pool.blocked[i]:
                continue
            last = pool.recent[i].get(j)
            if last is None:
                edges[(i, j)] = pool.profile_score(i, j)
            else:
                back = max(1, pool.window - (pool.week - last))
                returning.setdefault(back, {})[(i, j)] = pool.profile_score(i, j)
    return Outlook(nodes=active, edges=edges, returning=returning, window=pool.window)


def _friend_pairs(pool: Pool, groups: Groups) -> frozenset[Pair]:
    """The due friendships a round brings together, as ascending pairs."""
    return frozenset(
        (a, b) for g in groups for a, b in combinations(sorted(g), 2) if b in pool.friends[a]
    )


def _total(pool: Pool, groups: Groups) -> int:
    return sum(pool.score(a, b) for g in groups for a, b in combinations(g, 2))


def _round(pool: Pool, groups: Groups, unpaired: dict[int, str], seed: int) -> Round:
    ids = pool.ids
    made = []
    repeated = []
    for members in groups:
        pairs = list(combinations(members, 2))
        repeats = [pool.pair_key(a, b) for a, b in pairs if b in pool.recent[a]]
        repeated.extend(repeats)
        made.append(
            Group(
                members=tuple(sorted(ids[v] for v in members)),
                shared=_shared(pool, members),
                repeat=bool(repeats),
                friends=any(b in pool.friends[a] for a, b in pairs),
            )
        )
    made.sort(key=lambda g: g.members)
    return Round(
        groups=tuple(made),
        unpaired=tuple(sorted((ids[v], why) for v, why in unpaired.items())),
        seed=seed,
        repeated_pairs=tuple(sorted(repeated, key=sorted)),
    )


def _shared(pool: Pool, members: tuple[int, ...]) -> frozenset[str]:
    """Pair: common interests. Trio: interests at least two of the three hold."""
    sets = [pool.interests[v] for v in members]
    found: set[str] = set()
    for a, b in combinations(sets, 2):
        found |= a & b
    return frozenset(found)
