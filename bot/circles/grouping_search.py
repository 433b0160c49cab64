"""How circles are found: a sizing plan, then swaps, then the guides.

1. ``plan_sizes`` (a dynamic programme, exact): with peers sorted most senior first and
   guides likewise, it decides how many circles of which sizes and who has to wait. A
   circle's hardest rule depends only on its most senior peer, so taking consecutive runs
   of that order loses nothing, and the k-th run gets the k-th most senior guide.
2. ``improve`` (hill climbing, hand-written): swaps two peers between nearby circles, moves
   a peer from a circle of 4 to one of 3, or swaps a peer with someone waiting at the same
   level, whenever that lowers ``circle_cost`` and every guide can still lead their circle.
   The start is already good (level-sorted, then time-zone-sorted within a level), so the
   climb mostly removes shared employers; it is bounded and deterministic.
3. ``recut_pairs`` (in ``recut``) re-cuts two circles together exactly, which
   moves several peers at once where every single swap goes uphill.
4. ``match_guides`` (in ``guides``): a maximum-weight matching of circles to guides.

Every circle's peers should share the working day's ``shared`` hours (``hours``);
the cost makes that outweigh everything else, so only someone who cannot share them with
anyone free ends up in the nearest circle instead.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from typing import Protocol

from bot.circles.hours import ALL_DAY, WorkingDay, shared_run, window

# Circle cost, in points (lower is better). Peers who share less than the working day's
# ``shared`` hours (1000) outweigh everything else: a circle that cannot meet is no circle.
# A shared employer (200) outweighs a three-level
# spread and the widest clock gap together (9 * 12 + 12 * 2 = 132); a two-level spread
# (4 * 12 = 48) outweighs the widest clock gap (24); one level of spread is worth about six
# hours of clock difference or four pairs with an interest in common.
NO_SHARED_HOURS = 1000  # the peers' working days overlap too little to meet
SAME_COMPANY = 200  # per pair of peers with the same known employer
LEVEL_SPREAD = 12  # times the square of (most senior - most junior peer level)
ZONE_HOUR = 2  # per hour between the two peers whose clocks are furthest apart
SHARED_INTEREST = 3  # bonus per pair of peers with at least one interest in common
GUIDE_COLLEAGUE = 50  # a late joiner would be led by a colleague (best_circle_for)

NEAR = 3  # swaps look this many circles either side (circles are ordered by level)
FAR = 60  # ... and this far for a peer who shares an employer with a circle-mate
BENCH_TRIES = 16  # waiting peers at the same level tried per swap attempt
PASSES = 4  # hill-climbing passes at most


class _Member(Protocol):
    """What a roster reads of a member (read-only, so frozen dataclasses qualify)."""

    @property
    def id(self) -> int: ...
    @property
    def company(self) -> str | None: ...
    @property
    def level(self) -> int | None: ...
    @property
    def interests(self) -> frozenset[str]: ...
    @property
    def utc_offset(self) -> float | None: ...


@dataclass(frozen=True)
class Roster:
    """Members as parallel lists, indexed 0..n-1, so that costs are cheap to evaluate."""

    ids: tuple[int, ...]
    level: tuple[int, ...]  # -1 = unknown
    company: tuple[int, ...]  # -1 = unknown
    zone: tuple[float | None, ...]
    mask: tuple[int, ...]  # interests as bits of ``interest_names``
    interest_names: tuple[str, ...]
    hours: tuple[int, ...] = ()  # working hours as quarter-hour bits of the UTC day
    need: int = 0  # quarter hours a circle must share
    costs: dict[tuple[int, ...], int] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def of(cls, members: Sequence[_Member], day: WorkingDay | None = None) -> Roster:
        day = day or WorkingDay()
        names = sorted({n for m in members if (n := company_key(m.company)) is not None})
        number = {name: k for k, name in enumerate(names)}
        interests = sorted({i for m in members for i in m.interests})
        bit = {name: 1 << k for k, name in enumerate(interests)}
        return cls(
            ids=tuple(m.id for m in members),
            level=tuple(-1 if m.level is None else m.level for m in members),
            company=tuple(number.get(company_key(m.company) or "", -1) for m in members),
            zone=tuple(m.utc_offset for m in members),
            mask=tuple(sum(bit[i] for i in m.interests) for m in members),
            interest_names=tuple(interests),
            hours=tuple(window(day, m.utc_offset) for m in members),
            need=day.need,
        )

    def together(self, members: Iterable[int]) -> int:
        """The quarter hours in which all of ``members`` are at work."""
        bits = -1
        for m in members:
            bits &= self.hours[m]
        return bits & ALL_DAY

    def shared(self, members: Iterable[int]) -> frozenset[str]:
        """Interests held by at least two of ``members``."""
        bits = _shared_bits(self, members)
        return frozenset(n for k, n in enumerate(self.interest_names) if bits >> k & 1)


def company_key(company: str | None) -> str | None:
    """Employers compare case-insensitively and stripped; blank means unknown."""
    if company is None:
        return None
    return company.strip().casefold() or None


def clock_gap(a: float, b: float) -> float:
    """Hours between two UTC offsets, the short way round the clock."""
    d = abs(a - b) % 24
    return min(d, 24 - d)


def _shared_bits(r: Roster, members: Iterable[int]) -> int:
    seen = twice = 0
    for m in members:
        twice |= seen & r.mask[m]
        seen |= r.mask[m]
    return twice


def same_company_pairs(r: Roster, members: Sequence[int]) -> int:
    return sum(
        1 for a, b in combinations(members, 2) if r.company[a] >= 0 and r.company[a] == r.company[b]
    )


def level_spread(r: Roster, members: Sequence[int]) -> int:
    levels = [r.level[m] for m in members if r.level[m] >= 0]
    return max(levels) - min(levels) if levels else 0


def circle_cost(r: Roster, members: Sequence[int]) -> int:
    """Points against a group of peers (see the weights above); unknown facts are neutral.

    The hot loop of the search: remembered per group in ``r.costs`` (the re-cuts and shakes
    see the same groups again and again), and written out by hand.
    """
    key = tuple(sorted(members))
    known = r.costs.get(key)
    if known is None:
        known = r.costs[key] = _cost(r, key)
    return known


def _cost(r: Roster, members: Sequence[int]) -> int:
    company, zone, level, mask, hours = r.company, r.zone, r.level, r.mask, r.hours
    together = -1
    same = 0
    widest = 0.0
    low, high = 99, -1
    kindred = 0
    for i, a in enumerate(members):
        ca, za, la, ma = company[a], zone[a], level[a], mask[a]
        together &= hours[a]
        if la >= 0:
            if la < low:
                low = la
            if la > high:
                high = la
        for b in members[i + 1 :]:
            if ca >= 0 and ca == company[b]:
                same += 1
            if ma & mask[b]:
                kindred += 1
            zb = zone[b]
            if za is not None and zb is not None:
                d = abs(za - zb) % 24
                if d > 12:
                    d = 24 - d
                if d > widest:
                    widest = d
    spread = high - low if high >= 0 else 0
    apart = members and r.need and shared_run(together & ALL_DAY) < r.need
    return round(
        NO_SHARED_HOURS * bool(apart)
        + SAME_COMPANY * same
        + LEVEL_SPREAD * spread * spread
        + ZONE_HOUR * widest
        - SHARED_INTEREST * kindred
    )


@dataclass(frozen=True)
class Plan:
    """Circles as runs of the peer order, each with its guide's position in the guide order."""

    runs: tuple[tuple[int, int], ...]  # (start, size); run k is led by guide k
    waiting: tuple[int, ...]  # positions in the peer order that are not placed


def plan_sizes(levels: Sequence[int], caps: Sequence[int], sizes: Sequence[int]) -> Plan:
    """Place as many peers as possible, then in as few circles as possible.

    ``levels``: peers' levels, most senior first. ``caps``: the most senior peer level each
    guide may lead, highest first. ``sizes``: allowed circle sizes, largest first. Ties go
    to placing the earlier (more senior) peers, because only the senior guides can lead
    them, while a junior who waits can join any later circle.
    """
    n = len(levels)
    smallest = min(sizes)
    k = min(len(caps), n // smallest)
    big = n + 1  # value = placed * big - circles: most placed first, then fewest circles
    best = [[0] * (k + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        row, after, level = best[i], best[i + 1], levels[i]
        for j in range(min(k, i // smallest) + 1):
            value = after[j]
            if j < k and caps[j] >= level:
                for s in sizes:
                    if i + s <= n:
                        value = max(value, s * big - 1 + best[i + s][j + 1])
            row[j] = value
    runs: list[tuple[int, int]] = []
    waiting: list[int] = []
    i = j = 0
    while i < n:
        target = best[i][j]
        for s in sizes:
            fits = j < k and caps[j] >= levels[i] and i + s <= n
            if fits and s * big - 1 + best[i + s][j + 1] == target:
                runs.append((i, s))
                i, j = i + s, j + 1
                break
        else:
            waiting.append(i)
            i += 1
    return Plan(runs=tuple(runs), waiting=tuple(waiting))


def improve(
    r: Roster,
    circles: list[list[int]],
    caps: Sequence[int],
    bench: list[int],
    sizes: tuple[int, int],
    rng: random.Random,
) -> None:
    """Hill-climb ``circles`` (in place) and ``bench`` (who waits) to a lower total cost.

    ``caps[c]``: the most senior peer level circle ``c``'s guide may lead; no step breaks
    it. ``sizes``: (smallest, largest) circle. Each peer, in a seeded order, takes the best
    improving step among its neighbourhood; passes repeat until none improves.
    """
    smallest, largest = sizes
    cost = [circle_cost(r, c) for c in circles]
    home = {p: c for c, members in enumerate(circles) for p in members}
    waiting: dict[int, list[int]] = {}
    for b in bench:
        waiting.setdefault(r.level[b], []).append(b)
    peers = sorted(home)
    # "Don't look" marks: a peer is examined again only when a circle within reach of
    # theirs changed since they were last examined.
    clock = 1
    changed_at = [clock] * len(circles)
    looked: dict[int, int] = {}
    for _ in range(PASSES):
        rng.shuffle(peers)
        improved = False
        for p in peers:
            c = home.get(p)
            if c is None:
                continue
            near = changed_at[max(0, c - FAR) : c + FAR + 1]
            if looked.get(p, 0) >= max(near):
                continue
            looked[p] = clock
            step = _best_step(r, circles, caps, cost, waiting, p, c, smallest, largest)
            if step is None:
                continue
            improved = True
            clock += 1
            d = _take_step(r, circles, waiting, home, peers, p, c, step)
            for e in (c, d) if d >= 0 else (c,):
                cost[e] = circle_cost(r, circles[e])
                changed_at[e] = clock
        if not improved:
            break
    bench[:] = sorted(b for line in waiting.values() for b in line)


def _take_step(
    r: Roster,
    circles: list[list[int]],
    waiting: dict[int, list[int]],
    home: dict[int, int],
    peers: list[int],
    p: int,
    c: int,
    step: tuple[str, int, int],
) -> int:
    """Apply ``_best_step``'s ``step`` for peer ``p`` of circle ``c``, keeping ``home``
    (peer → circle) and ``peers`` (the pass's order) in step; the other circle changed, or -1.
    """
    kind, d, q = step
    mine = circles[c]
    if kind == "bench":  # q, waiting at p's level, takes p's seat; p waits
        mine[mine.index(p)] = q
        line = waiting[r.level[p]]
        line[line.index(q)] = p
        home[q] = c
        del home[p]
        peers[peers.index(p)] = q
    elif kind == "move":
        mine.remove(p)
        circles[d].append(p)
        home[p] = d
    else:
        theirs = circles[d]
        mine[mine.index(p)] = q
        theirs[theirs.index(q)] = p
        home[p], home[q] = d, c
    return d


def _best_step(
    r: Roster,
    circles: list[list[int]],
    caps: Sequence[int],
    cost: list[int],
    waiting: dict[int, list[int]],
    p: int,
    c: int,
    smallest: int,
    largest: int,
) -> tuple[str, int, int] | None:
    """The most improving swap or move for peer ``p`` of circle ``c``, or None."""
    mine = circles[c]
    others = [m for m in mine if m != p]
    troubled = any(r.company[m] == r.company[p] >= 0 for m in others)
    reach = FAR if troubled else NEAR
    level = r.level[p]
    best: tuple[int, tuple[str, int, int]] | None = None
    for q in waiting.get(level, [])[:BENCH_TRIES]:
        gain = circle_cost(r, [*others, q]) - cost[c]
        if gain < 0 and (best is None or gain < best[0]):
            best = (gain, ("bench", -1, q))
    without = circle_cost(r, others) if len(mine) > smallest else None
    for d in range(max(0, c - reach), min(len(circles), c + reach + 1)):
        if d == c or level > caps[d]:
            continue
        theirs = circles[d]
        if without is not None and len(theirs) < largest:
            gain = without + circle_cost(r, [*theirs, p]) - cost[c] - cost[d]
            if gain < 0 and (best is None or gain < best[0]):
                best = (gain, ("move", d, -1))
        for k, q in enumerate(theirs):
            if r.level[q] > caps[c]:
                continue
            rest = theirs[:k] + theirs[k + 1 :]
            gain = circle_cost(r, [*others, q]) + circle_cost(r, [*rest, p]) - cost[c] - cost[d]
            if gain < 0 and (best is None or gain < best[0]):
                best = (gain, ("swap", d, q))
    return None if best is None else best[1]
