"""The seat draw: pure, seeded, reproducible, and able to say why.

Seats go by a fairness order first: the fewest seats this season, then those who have
asked without a seat since their last one (those who waited are equals, so the table's
make-up can count among them; who waited longest still goes first among equal fits), then
the fewest seats ever (a new
season does not wipe out who sat often before). Only inside the last group of equals that
does not fit whole (the *boundary*) does the table's make-up count: colleagues from the
same company apart, people who already shared a table apart, circles and levels mixed.
Ties that remain are broken by the lunch's seed, never by the order of sign-up.

Hand-written rather than a solver: the table is at most 12 seats, so a greedy fill by the
smallest added cost, then swaps between the chosen and the rest while any lowers the cost,
is exact enough and takes microseconds for 1,000 sign-ups (bench/lunch_season.py).
"""

from __future__ import annotations

import random
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from itertools import groupby

# What a pair of table-mates costs. Company first (colleagues talk at work anyway), then
# a repeat table, then sameness of circle or level.
SAME_COMPANY = 100
SHARED_A_TABLE = 10
SAME_CIRCLE = 1
SAME_LEVEL = 1
# Asking this many times without a seat is "asked longest": more does not count for more
# in the order, so the waiting are equals often enough for the table's make-up to matter;
# among equals who sit equally well, who missed out more often still goes first. With 1
# (missed out since the last seat, or not) the bench's repeated table-mates fell from 4.4%
# to 3.3% with a 13-week season and to 0 with a 26-week one, and the seat spread did not
# grow anywhere (it shrank for two seeds); counting every miss gave 9%.
WAITED_LONGEST = 1


class Reason(StrEnum):
    """Why someone who asked is not at the table (bot/lunches/blocks.py says it in words)."""

    FEWER_SEATS = "fewer_seats"  # the table went to members with fewer seats this season
    NONE_YET = "none_yet"  # ... who had none yet this season
    ASKED_LONGER = "asked_longer"  # same seats, but they have asked longer without one
    FEWER_EVER = "fewer_ever"  # equal this season, but they have had fewer seats so far
    COLLEAGUE = "colleague"  # a colleague from their company has a seat; we keep them apart
    BALANCE = "balance"  # an equal claim; the table was balanced and the seed decided


@dataclass(frozen=True)
class Candidate:
    """One member who asked, as the draw sees them (no names)."""

    key: int  # member id
    seats: int = 0  # seats this season
    misses: int = 0  # lunches asked for without a seat since their last seat
    ever: int = 0  # seats at any earlier lunch, this season or before
    company: str | None = None
    circle: int | None = None
    level: str | None = None

    @property
    def claim(self) -> tuple[int, int, int]:
        """Smaller is a stronger claim on a seat."""
        return (self.seats, -min(self.misses, WAITED_LONGEST), self.ever)


@dataclass(frozen=True)
class Outcome:
    seated: tuple[int, ...]
    waitlist: tuple[int, ...]  # in the order seats will be offered
    reasons: dict[int, Reason] = field(default_factory=dict)


def weigh(past: Iterable[tuple[datetime, bool]], season_start: datetime) -> tuple[int, int, int]:
    """(seats this season, lunches missed since the last seat, seats ever) from one
    member's earlier lunches, oldest first: (when, whether they sat at the table). Only
    lunches they asked for count; a seat given back or lost to the deadline is neither."""
    seats = misses = ever = 0
    for when, seated in past:
        if seated:
            misses = 0
            ever += 1
            seats += when >= season_start
        else:
            misses += 1
    return seats, misses, ever


def pair_of(a: int, b: int) -> frozenset[int]:
    return frozenset((a, b))


def pair_cost(a: Candidate, b: Candidate, met: Collection[frozenset[int]]) -> int:
    cost = 0
    if colleagues(a, b):
        cost += SAME_COMPANY
    if pair_of(a.key, b.key) in met:
        cost += SHARED_A_TABLE
    if a.circle is not None and a.circle == b.circle:
        cost += SAME_CIRCLE
    if a.level and a.level == b.level:
        cost += SAME_LEVEL
    return cost


def table_cost(table: Sequence[Candidate], met: Collection[frozenset[int]]) -> int:
    return sum(pair_cost(a, b, met) for i, a in enumerate(table) for b in table[i + 1 :])


def _tiebreak(candidates: Iterable[Candidate], seed: int) -> dict[int, float]:
    """One seeded number per member, drawn in member-id order: the same seed and the same
    people give the same numbers, whatever order they signed up in."""
    rng = random.Random(seed)
    return {c.key: rng.random() for c in sorted(candidates, key=lambda c: c.key)}


def fairness_order(candidates: Iterable[Candidate], seed: int) -> list[Candidate]:
    """Strongest claim first; equals in the seed's order."""
    people = list(candidates)
    ties = _tiebreak(people, seed)
    return sorted(people, key=lambda c: (c.claim, ties[c.key]))


def colleagues(a: Candidate, b: Candidate) -> bool:
    return bool(a.company and b.company and a.company.casefold() == b.company.casefold())


def _pick(
    table: list[Candidate],
    tier: list[Candidate],
    k: int,
    met: Collection[frozenset[int]],
    *,
    apart: bool = True,
) -> list[Candidate]:
    """Up to ``k`` of the equals in ``tier`` (already in seed order) who sit best with
    ``table``: greedy by added cost (then by lunches missed, uncapped), then improving
    swaps; seed order breaks every tie.
    With ``apart``, nobody joins a table that has a colleague of theirs (fewer than ``k``
    come back when the tier runs out of people from other companies)."""
    chosen: list[Candidate] = []
    rest = list(tier)
    while len(chosen) < k:
        allowed = [
            i
            for i in range(len(rest))
            if not (apart and any(colleagues(rest[i], o) for o in table + chosen))
        ]
        if not allowed:
            break
        best = min(
            allowed,
            key=lambda i: (
                sum(pair_cost(rest[i], o, met) for o in table + chosen),
                -rest[i].misses,  # equals all, but who missed out more often sits first
                i,
            ),
        )
        chosen.append(rest.pop(best))
    improved = True
    while improved:
        improved = False
        current = table_cost(table + chosen, met)
        for i in range(len(chosen)):
            for j in range(len(rest)):
                trial = [*chosen[:i], rest[j], *chosen[i + 1 :]]
                if apart and any(colleagues(rest[j], o) for o in table + trial if o is not rest[j]):
                    continue
                if table_cost(table + trial, met) < current:
                    chosen[i], rest[j] = rest[j], chosen[i]
                    improved = True
                    break
            if improved:
                break
    return chosen


def draw(
    candidates: Iterable[Candidate],
    seats: int,
    seed: int,
    met: Collection[frozenset[int]] = frozenset(),
) -> Outcome:
    """Who sits at the table, who waits in which order, and why each waiting person did not
    get a seat this time.

    Colleagues sit apart whenever the fairness order allows: someone whose colleague already
    has a seat waits for a seat nobody else with as few seats this season can take (and,
    having missed out, comes first next time). Keeping them apart never seats a member with
    more seats this season over one with fewer: that is what keeps the seats even.
    """
    ordered = fairness_order(candidates, seed)
    table: list[Candidate] = []
    for _seats, band in groupby(ordered, key=lambda c: c.seats):
        held_back: list[Candidate] = []
        for _claim, group in groupby(band, key=lambda c: c.claim):
            tier = list(group)
            free = seats - len(table)
            if free <= 0:
                break
            chosen = _pick(table, tier, free, met)
            table += chosen
            held_back += [c for c in tier if c not in chosen and len(table) < seats]
        # Nobody with more seats this season sits while someone with fewer waits: a
        # colleague held back takes a seat that only a member with more seats could fill.
        free = seats - len(table)
        if free > 0 and held_back:
            table += _pick(table, held_back, free, met, apart=False)
        if len(table) >= seats:
            break
    seated = {c.key for c in table}
    waiting = [c for c in ordered if c.key not in seated]
    return Outcome(
        seated=tuple(c.key for c in table),
        waitlist=tuple(c.key for c in waiting),
        reasons={c.key: _reason(c, table) for c in waiting},
    )


def next_in_line(
    table: Sequence[Candidate],
    waiting: Iterable[Candidate],
    seed: int,
    met: Collection[frozenset[int]] = frozenset(),
) -> Candidate | None:
    """Who gets a freed seat: among those waiting with the fewest seats this season, the
    strongest claim who has no colleague at the table (if all have one, the strongest
    claim), and among equals the one who sits best with the table as it is."""
    ordered = fairness_order(waiting, seed)
    if not ordered:
        return None
    band = [c for c in ordered if c.seats == ordered[0].seats]  # fewest seats this season
    for _claim, group in groupby(band, key=lambda c: c.claim):
        chosen = _pick(list(table), list(group), 1, met)
        if chosen:
            return chosen[0]
    first = [c for c in band if c.claim == band[0].claim]
    return _pick(list(table), first, 1, met, apart=False)[0]


def _reason(person: Candidate, table: Sequence[Candidate]) -> Reason:
    if not table:
        return Reason.BALANCE
    last = max(table, key=lambda c: c.claim)  # the weakest claim that still got a seat
    if person.claim <= last.claim and any(colleagues(person, o) for o in table):
        return Reason.COLLEAGUE
    if person.seats > last.seats:
        return Reason.NONE_YET if last.seats == 0 else Reason.FEWER_SEATS
    if person.claim[:2] > last.claim[:2]:
        return Reason.ASKED_LONGER
    if person.claim > last.claim:
        return Reason.FEWER_EVER
    return Reason.BALANCE
