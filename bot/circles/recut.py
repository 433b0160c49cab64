"""Re-cutting two circles together: several peers move at once.

The hill climb moves one peer at a time, so it stops where every single swap goes uphill
even when a better split exists (two London and two Tokyo peers in each of two circles:
each swap first makes one circle span both zones). Re-cutting looks at two circles' peers
together and tries every split of them into the same two sizes, keeping each guide's
level rule; pairs of nearby circles are tried until none improves.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Collection, Sequence
from itertools import combinations

from bot.circles.grouping_search import SAME_COMPANY, Roster, circle_cost

NEAR = 3  # circles either side (circles are ordered by level) ...
FAR = 40  # ... and this far for a circle with a shared employer or too few shared hours
PASSES = 4  # rounds over all pairs at most
SHAKEN = 3  # circles dealt afresh by one shake
DEALS = 8  # tries at a deal that keeps every guide's level rule


def recut_pairs(
    r: Roster, circles: list[list[int]], caps: Sequence[int], dirty: Collection[int] = ()
) -> bool:
    """Re-cut pairs of ``circles`` (in place) while that lowers their cost; whether any was.

    ``caps[c]``: the most senior peer level circle ``c``'s guide may lead; no cut breaks it.
    A pair is tried again only when one of its circles changed since it was last tried;
    with ``dirty``, only pairs with one of those circles are tried at first.
    """
    cost = [circle_cost(r, c) for c in circles]
    stamp = 1
    changed = [0 if dirty and c not in dirty else stamp for c in range(len(circles))]
    tried: dict[tuple[int, int], int] = {}
    improved = False
    for _ in range(PASSES):
        stamp_before = stamp
        for c in range(len(circles)):
            reach = FAR if cost[c] >= SAME_COMPANY else NEAR
            for d in range(max(0, c - reach), min(len(circles), c + reach + 1)):
                pair = (min(c, d), max(c, d))
                if d == c or tried.get(pair, 0) >= max(changed[c], changed[d]):
                    continue
                tried[pair] = stamp
                cut = best_cut(r, circles[c], circles[d], caps[c], caps[d])
                if cut is None:
                    continue
                stamp += 1
                circles[c], circles[d] = cut
                for e in (c, d):
                    cost[e], changed[e] = circle_cost(r, circles[e]), stamp
        if stamp == stamp_before:
            break
        improved = True
    return improved


def best_cut(
    r: Roster, a: list[int], b: list[int], cap_a: int, cap_b: int
) -> tuple[list[int], list[int]] | None:
    """The cheapest split of ``a`` and ``b``'s peers into circles of their two sizes, each
    within its guide's cap; None when no split is cheaper than the current one."""
    pool = sorted([*a, *b])
    known: dict[tuple[int, ...], int] = {}

    def cost(members: tuple[int, ...]) -> int:
        if members not in known:
            known[members] = circle_cost(r, members)
        return known[members]

    best = cost(tuple(sorted(a))) + cost(tuple(sorted(b)))
    found: tuple[list[int], list[int]] | None = None
    for size in sorted({len(a), len(b)}):
        for mine in combinations(pool, size):
            theirs = tuple(p for p in pool if p not in mine)
            if _top(r, mine) > cap_a or _top(r, theirs) > cap_b:
                continue
            total = cost(mine) + cost(theirs)
            if total < best:
                best, found = total, (list(mine), list(theirs))
    return found


def _top(r: Roster, members: Sequence[int]) -> int:
    return max(r.level[m] for m in members)


def shake(
    r: Roster,
    circles: list[list[int]],
    caps: Sequence[int],
    bench: list[int],
    rng: random.Random,
    descend: Callable[[list[list[int]], list[int], Collection[int]], None],
    tries: int,
) -> None:
    """Iterated local search: deal three nearby circles afresh, ``descend`` again, and
    keep the result when its total cost is lower; ``tries`` times. Where the climb and the
    re-cuts stop at a local optimum, this looks over the next hill."""
    best = sum(circle_cost(r, c) for c in circles)
    for _ in range(tries):
        trial, waiting = [list(c) for c in circles], list(bench)
        dealt = _deal(r, trial, caps, rng)
        if not dealt:
            continue
        descend(trial, waiting, dealt)
        total = sum(circle_cost(r, c) for c in trial)
        if total < best:
            best, circles[:], bench[:] = total, trial, waiting


def _deal(
    r: Roster, circles: list[list[int]], caps: Sequence[int], rng: random.Random
) -> list[int]:
    """Shuffle the peers of up to ``SHAKEN`` nearby circles among them, in place, keeping
    sizes and caps; the circles dealt, or none when no deal kept the caps."""
    c = rng.randrange(len(circles))
    near = [d for d in range(max(0, c - NEAR), min(len(circles), c + NEAR + 1)) if d != c]
    chosen = [c, *rng.sample(near, min(SHAKEN - 1, len(near)))]
    pool = [p for d in chosen for p in circles[d]]
    for _ in range(DEALS):
        rng.shuffle(pool)
        at, dealt = 0, []
        for d in chosen:
            dealt.append(pool[at : at + len(circles[d])])
            at += len(circles[d])
        if all(_top(r, members) <= caps[d] for d, members in zip(chosen, dealt, strict=True)):
            for d, members in zip(chosen, dealt, strict=True):
                circles[d] = members
            return chosen
    return []
