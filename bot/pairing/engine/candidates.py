"""Each member's best possible partners, found without scoring every pair.

An exact matching needs a graph; the complete graph has n²/2 edges, too many to score in
Python at 10,000 members and too slow to match. Keeping each member's best few dozen
partners loses little (at 1,000 members, 60 each come within 0.03% of the exact optimum:
a matching rarely needs someone's 61st choice), so the question is how to find them fast.

Scores are dominated by a few discrete features, so candidates are found class by class,
best class first: "shares k of my interests, works elsewhere, clock within 1 hour", then the
next best class, and so on. Each class is a set of members held as one Python integer used
as a bitset (one bit per member), so a class costs a few big-integer ANDs instead of a loop
over everyone. A class is only opened while its best possible score can still beat the
member's k-th best candidate so far, which makes the search stop after a handful of classes;
once the list is full, only a quarter as many are read from a class, since they can at most
replace the weakest. Members inside a class are read from a seeded, member-specific
starting point, so ties are broken at random and not always in favour of the lowest ids.
"""

from __future__ import annotations

import heapq
import random
import re
from collections.abc import Iterator, Sequence

from bot.pairing.engine.pool import Pool, timezone_closeness

Edges = dict[tuple[int, int], int]  # (i, j) with i < j, pool positions -> score in units

# Clock gaps (hours) that bound a time-zone class; the last class runs to 12 hours.
_GAP_EDGES = (0.0, 1.0, 3.0, 6.0, 9.0)
_BITS = tuple(tuple(b for b in range(8) if v >> b & 1) for v in range(256))
_NONZERO = re.compile(rb"[^\x00]")
_Class = tuple[int, int, bool, int]  # (best possible units, shared k, same company, zone bitset)


def all_allowed_edges(pool: Pool, members: Sequence[int]) -> Edges:
    """Every allowed pair among ``members``, scored: the exact graph, for small groups."""
    edges: Edges = {}
    for a, i in enumerate(members):
        for j in members[a + 1 :]:
            if pool.allowed(i, j):
                edges[(i, j) if i < j else (j, i)] = pool.score(i, j)
    return edges


def best_candidate_edges(
    pool: Pool, members: Sequence[int], per_member: int, rng: random.Random
) -> Edges:
    """The union of every member's ``per_member`` best allowed partners among ``members``.

    Due friendships are always included. Members with few allowed partners keep them all,
    so a sparse graph never strands someone the complete graph could have paired.
    """
    return candidate_lists(pool, members, per_member, rng)[0]


def candidate_lists(
    pool: Pool, members: Sequence[int], per_member: int, rng: random.Random
) -> tuple[Edges, dict[int, int]]:
    """``best_candidate_edges`` plus, per member position, a ceiling on left-out partners."""
    edges: Edges = {}
    ceilings: dict[int, int] = {}
    for i, best, ceiling in _ranked(pool, members, per_member, rng):
        if ceiling is not None:
            ceilings[i] = ceiling
        for j, score in best:
            edges[(i, j) if i < j else (j, i)] = score
    return edges, ceilings


def candidate_tiers(
    pool: Pool, members: Sequence[int], narrow: int, wide: int, rng: random.Random
) -> tuple[Edges, Edges]:
    """Everyone's ``narrow`` and ``wide`` best partners as two graphs, from one search."""
    few: Edges = {}
    many: Edges = {}
    for i, best, _ in _ranked(pool, members, wide, rng):
        for rank, (j, score) in enumerate(best):
            pair = (i, j) if i < j else (j, i)
            many[pair] = score
            if rank < narrow or j in pool.friends[i]:
                few[pair] = score
    return few, many


def _ranked(
    pool: Pool, members: Sequence[int], per_member: int, rng: random.Random
) -> Iterator[tuple[int, list[tuple[int, int]], int | None]]:
    """Per member: (member, best partners first as (partner, score), ceiling on the rest).

    Due friendships come last, whatever their score.
    """
    index = _BitIndex(pool, members)
    for p, i in enumerate(members):
        best, ceiling = index.best(p, per_member, rng.randrange(len(members)))
        found = [(members[q], score) for q, score in best]
        found += [(j, pool.score(i, j)) for j in pool.friends[i] if j in index.position]
        yield i, found, ceiling


def _mask(positions: list[int], size: int) -> int:
    bits = bytearray((size + 7) // 8)
    for p in positions:
        bits[p >> 3] |= 1 << (p & 7)
    return int.from_bytes(bits, "little")


class _BitIndex:
    """Bitsets over positions in ``members``: who holds each interest, company and zone."""

    def __init__(self, pool: Pool, members: Sequence[int]) -> None:
        self.pool = pool
        self.members = members
        self.size = len(members)
        self.nbytes = (self.size + 7) // 8
        self.position = {i: p for p, i in enumerate(members)}
        by_interest: dict[str, list[int]] = {}
        by_company: dict[str, list[int]] = {}
        by_offset: dict[float | None, list[int]] = {}
        for p, i in enumerate(members):
            for key in pool.interests[i]:
                by_interest.setdefault(key, []).append(p)
            company = pool.companies[i]
            if company is not None:
                by_company.setdefault(company, []).append(p)
            by_offset.setdefault(pool.offsets[i], []).append(p)
        # An interest nobody else holds cannot be shared: leave it out.
        self.interest = {k: _mask(ps, self.size) for k, ps in by_interest.items() if len(ps) > 1}
        self.company = {k: _mask(ps, self.size) for k, ps in by_company.items()}
        self.offset = {k: _mask(ps, self.size) for k, ps in by_offset.items()}
        self.everyone = (1 << self.size) - 1
        self._zone_classes: dict[float | None, list[tuple[int, int]]] = {}
        self._zone_units: dict[float | None, dict[float | None, int]] = {}
        self._classes: dict[tuple[int, bool, float | None], list[_Class]] = {}

    def zone_classes(self, offset: float | None) -> list[tuple[int, int]]:
        """(best possible time-zone units, bitset) for each band of clock gap from ``offset``."""
        cached = self._zone_classes.get(offset)
        if cached is not None:
            return cached
        unit = self.pool.weights.timezone
        if offset is None:
            classes = [(round(unit * 0.5), self.everyone)]
        else:
            bands = [0] * len(_GAP_EDGES)
            unknown = 0
            for other, mask in self.offset.items():
                if other is None:
                    unknown = mask
                    continue
                gap = 12.0 * (1.0 - timezone_closeness(offset, other))
                band = sum(1 for edge in _GAP_EDGES if gap >= edge) - 1
                bands[band] |= mask
            classes = [
                (round(unit * (1.0 - edge / 12.0)), mask)
                for edge, mask in zip(_GAP_EDGES, bands, strict=True)
                if mask
            ]
            if unknown:
                classes.append((round(unit * 0.5), unknown))
        self._zone_classes[offset] = classes
        return classes

    def classes(self, shared: int, company: bool, offset: float | None) -> list[_Class]:
        """Candidate classes for a member, best possible score first."""
        key = (shared, company, offset)
        cached = self._classes.get(key)
        if cached is None:
            w = self.pool.weights
            cached = [
                (w.interest * k - (w.same_company if same else 0) + zone_units, k, same, mask)
                for k in range(shared + 1)
                for same in ((False, True) if company else (False,))
                for zone_units, mask in self.zone_classes(offset)
            ]
            cached.sort(key=lambda c: -c[0])
            self._classes[key] = cached
        return cached

    def zone_units(self, offset: float | None) -> dict[float | None, int]:
        """Time-zone units between ``offset`` and every offset present."""
        cached = self._zone_units.get(offset)
        if cached is None:
            unit = self.pool.weights.timezone
            cached = {o: round(unit * timezone_closeness(offset, o)) for o in self.offset}
            self._zone_units[offset] = cached
        return cached

    def best(self, p: int, count: int, start: int) -> tuple[list[tuple[int, int]], int | None]:
        """Up to ``count`` (position, score) of the best allowed partners of position ``p``.

        Also returns a certified ceiling on the score of every allowed partner left out
        (None when nobody was left out), from which the benchmark derives an upper bound.
        """
        pool, members = self.pool, self.members
        i = members[p]
        w = pool.weights
        shared = [self.interest[k] for k in pool.interests[i] if k in self.interest]
        at_least = [self.everyone] + [0] * len(shared) + [0]
        for seen, mask in enumerate(shared):  # at_least[k]: sharing at least k interests
            for k in range(seen, 0, -1):
                at_least[k + 1] |= at_least[k] & mask
            at_least[1] |= mask
        company_key = pool.companies[i]
        company = self.company.get(company_key, 0) if company_key else 0
        zone_units = self.zone_units(pool.offsets[i])
        offsets = pool.offsets
        recent, blocked = pool.recent[i], pool.blocked[i]
        friends, met_before = pool.friends[i], pool.met_before[i]
        exactly: dict[tuple[int, bool], int] = {}
        heap: list[tuple[int, int, int]] = []  # (score, -order, position), min-heap
        order = 0
        ceiling: int | None = None
        nbytes, first, finditer = self.nbytes, start >> 3, _NONZERO.finditer
        for bound, k, same, zone_mask in self.classes(len(shared), bool(company), offsets[i]):
            if len(heap) >= count and bound <= heap[0][0]:
                ceiling = bound if ceiling is None else max(ceiling, bound)
                break
            base = exactly.get((k, same))
            if base is None:
                base = at_least[k] & ~at_least[k + 1]
                base = base & company if same else base & ~company
                exactly[(k, same)] = base
            mask = base & zone_mask
            if not mask:
                continue
            units = w.interest * k - (w.same_company if same else 0)
            # Fill the list; once full, a class may only improve it: sample a quarter.
            limit = max(count - len(heap), count // 4)
            taken = 0
            data = mask.to_bytes(nbytes, "little")
            for lo, hi in ((first, nbytes), (0, first)):
                for match in finditer(data, lo, hi):
                    byte = match.start()
                    for bit in _BITS[data[byte]]:
                        q = byte * 8 + bit
                        j = members[q]
                        if q == p or j in recent or j in blocked:
                            continue
                        score = units + zone_units[offsets[j]]
                        if j in friends:
                            score += w.friend
                        elif j in met_before:
                            score -= w.met_before
                        order -= 1
                        if len(heap) < count:
                            heapq.heappush(heap, (score, order, q))
                        elif score > heap[0][0]:
                            heapq.heapreplace(heap, (score, order, q))
                        taken += 1
                        if taken >= limit:
                            break
                    if taken >= limit:
                        break
                if taken >= limit:
                    ceiling = bound if ceiling is None else max(ceiling, bound)
                    break
        if len(heap) >= count and order < -count:  # somebody examined was not kept
            ceiling = heap[0][0] if ceiling is None else max(ceiling, heap[0][0])
        heap.sort(reverse=True)  # best first; among equals, the first found
        return [(q, score) for score, _, q in heap], ceiling
