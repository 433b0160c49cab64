"""Circles: who forms a circle of 3–4 peers with one guide, decided from data alone.

``form_circles`` proposes circles for members without one; ``best_circle_for`` finds where
a late joiner fits. No Slack, no database: the caller loads candidates, shows the proposal
to an admin and stores what they accept, with the seed.

Hard rules: 3–4 peers and exactly one guide per circle; the guide is at least
``guide_gap`` levels above every peer in it; nobody twice. A peer whose level is unknown
is not placed, because nobody can check that a guide is senior enough for them. Soft:
no two peers from one employer (strongly), similar levels, nearby time zones, shared
interests (weights in ``circle_grouping_search``). Whoever is not placed is told why.

How: an exact sizing plan over peers sorted by level, a hill climb of swaps, then a
maximum-weight matching of circles to guides (see ``circle_grouping_search``). Inputs are
sorted by id before the seed shuffles them, so the input order never matters.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from bot.circles.grouping_search import (
    GUIDE_COLLEAGUE,
    Roster,
    circle_cost,
    improve,
    level_spread,
    match_guides,
    plan_sizes,
    same_company_pairs,
)
from bot.members.profile_options import LEVELS

LABELS = tuple(LEVELS.values())
NUMBERS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six"}


@dataclass(frozen=True)
class Candidate:
    """A member as circle forming sees them."""

    id: int
    company: str | None = None  # compared case-insensitively, stripped; None = unknown
    level: int | None = None  # level_rank 0 (APM) .. 6 (VP); None = unknown
    interests: frozenset[str] = frozenset()
    utc_offset: float | None = None  # hours east of UTC; circles meet weekly, so nearby zones help


@dataclass(frozen=True)
class ProposedCircle:
    """One proposed circle, with the numbers an admin checks at a glance."""

    peers: tuple[int, ...]  # 3 or 4 ids, ascending
    guide: int  # the guide's id
    same_company_pairs: int = 0  # pairs of peers with the same known employer
    level_spread: int = 0  # most senior minus most junior peer level
    shared: frozenset[str] = frozenset()  # interests at least two peers hold


@dataclass(frozen=True)
class Proposal:
    """A proposal that explains itself: who is where, who waits and why, and how well it fits."""

    circles: tuple[ProposedCircle, ...]
    unplaced: tuple[tuple[int, str], ...]  # (id, reason in plain words), ascending by id
    seed: int
    idle_guides: tuple[int, ...] = ()  # guides leading no new circle (unknown level included)

    @property
    def placed(self) -> int:
        """Number of peers in circles."""
        return sum(len(c.peers) for c in self.circles)

    @property
    def same_company_pairs(self) -> int:
        return sum(c.same_company_pairs for c in self.circles)

    @property
    def diverse_share(self) -> float:
        """Share of circles with no two peers from one company (1.0 when there are none)."""
        if not self.circles:
            return 1.0
        return sum(1 for c in self.circles if c.same_company_pairs == 0) / len(self.circles)

    @property
    def mean_level_spread(self) -> float:
        if not self.circles:
            return 0.0
        return sum(c.level_spread for c in self.circles) / len(self.circles)


def form_circles(
    peers: Sequence[Candidate],
    guides: Sequence[Candidate],
    seed: int,
    *,
    min_size: int = 3,
    max_size: int = 4,
    guide_gap: int = 2,
) -> Proposal:
    """Propose circles of ``min_size``–``max_size`` ``peers``, each led by one of ``guides``.

    ``guides`` are members marked as guide who are free; each leads at most one circle.
    Places as many peers as the sizes and guides allow, in as few circles as possible
    (4s before 3s). Deterministic for the same inputs and seed, whatever their order.
    Raises ``ValueError`` when an id appears twice or an argument is out of range.
    """
    _check_sizes(min_size, max_size, guide_gap)
    peers = sorted(peers, key=lambda m: m.id)
    guides = sorted(guides, key=lambda m: m.id)
    _check_members([*peers, *guides])
    r = Roster.of([*peers, *guides])
    rng = random.Random(seed)
    guide_ix = [len(peers) + k for k in range(len(guides)) if r.level[len(peers) + k] >= 0]
    fit, why = _guidable(r, range(len(peers)), guide_ix, guide_gap)
    order = _by_level(r, fit, rng)
    leaders = _by_level(r, guide_ix, rng)
    caps = [r.level[g] - guide_gap for g in leaders]
    circles, bench = _first_cut(r, order, caps, (min_size, max_size))
    improve(r, circles, caps[: len(circles)], bench, (min_size, max_size), rng)
    lead = match_guides(r, circles, leaders[: len(circles)], leaders, guide_gap)
    busy = set(lead)
    idle = [g for g in range(len(peers), len(r.ids)) if g not in busy]
    for p in bench:
        why[p] = _waiting_reason(r, p, idle, bool(circles), len(fit), guide_gap, min_size, max_size)
    return Proposal(
        circles=_proposed(r, circles, lead),
        unplaced=tuple(sorted((r.ids[p], text) for p, text in why.items())),
        seed=seed,
        idle_guides=tuple(sorted(r.ids[g] for g in idle)),
    )


def _guidable(
    r: Roster, peers: Iterable[int], guides: Sequence[int], gap: int
) -> tuple[list[int], dict[int, str]]:
    """The peers some guide is senior enough to lead, and why each of the others is not
    placed (their level is unknown, or above what any guide can lead)."""
    top = max((r.level[g] for g in guides), default=-1)
    why: dict[int, str] = {}
    fit = []
    for p in peers:
        if r.level[p] < 0:
            why[p] = unknown_level(gap)
        elif r.level[p] + gap > top:
            why[p] = f"no guide is free at least {_gap(gap)} above {LABELS[r.level[p]]}"
        else:
            fit.append(p)
    return fit, why


def _first_cut(
    r: Roster, order: Sequence[int], caps: Sequence[int], sizes: tuple[int, int]
) -> tuple[list[list[int]], list[int]]:
    """The sizing plan's circles (``order``: most senior first), and who waits.

    The placed peers are re-cut in the same sizes, time zones together within a level: the
    k-th circle's most senior level is unchanged, so its guide still qualifies.
    """
    smallest, largest = sizes
    plan = plan_sizes([r.level[p] for p in order], caps, tuple(range(largest, smallest - 1, -1)))
    placed = sorted(
        (order[s + k] for s, size in plan.runs for k in range(size)),
        key=lambda p: (-r.level[p], _zone_key(r.zone[p])),
    )
    circles: list[list[int]] = []
    at = 0
    for _, size in plan.runs:
        circles.append(placed[at : at + size])
        at += size
    return circles, [order[i] for i in plan.waiting]


def _proposed(
    r: Roster, circles: Sequence[Sequence[int]], lead: Sequence[int]
) -> tuple[ProposedCircle, ...]:
    """The circles with their figures, in order of their peers' ids."""
    made = (
        ProposedCircle(
            peers=tuple(sorted(r.ids[m] for m in members)),
            guide=r.ids[g],
            same_company_pairs=same_company_pairs(r, members),
            level_spread=level_spread(r, members),
            shared=r.shared(members),
        )
        for members, g in zip(circles, lead, strict=True)
    )
    return tuple(sorted(made, key=lambda c: c.peers))


def best_circle_for(
    newcomer: Candidate,
    circles: Sequence[tuple[int, Candidate, Sequence[Candidate]]],
    *,
    max_size: int = 4,
    guide_gap: int = 2,
) -> tuple[int | None, str]:
    """The circle a late joiner fits best, as ``(circle_id, reason)``; ``(None, reason)`` if none.

    ``circles``: ``(circle_id, guide, current peers)``. A circle fits when it has room and
    its guide is at least ``guide_gap`` levels above the newcomer; among those, the one
    whose cost rises least (no colleague, similar level, near clock, shared interests).
    Ties go to the lower circle id. Raises ``ValueError`` when an id appears twice.
    """
    circles = sorted(circles, key=lambda c: c[0])
    everyone = [newcomer] + [m for _, guide, peers in circles for m in (guide, *peers)]
    _check_members(everyone)
    if newcomer.level is None:
        return None, unknown_level(guide_gap)
    if not circles:
        return None, "there are no circles yet"
    r = Roster.of(everyone)
    offered, room = _offers(r, newcomer.level, circles, max_size, guide_gap)
    label = LABELS[newcomer.level]
    if not room:
        return None, f"every circle already has {max_size} peers"
    if not offered:
        return None, f"no circle with room has a guide at least {_gap(guide_gap)} above {label}"
    best = min(offered, key=lambda o: o[:3])
    return best[2], _fit_reason(r, newcomer.company, best, offered)


# A circle a late joiner could join: (cost rise, peers now, circle id, guide, peers), with
# the guide and peers as roster positions.
_Offer = tuple[int, int, int, int, list[int]]


def _offers(
    r: Roster,
    level: int,
    circles: Sequence[tuple[int, Candidate, Sequence[Candidate]]],
    max_size: int,
    gap: int,
) -> tuple[list[_Offer], bool]:
    """The circles with room whose guide is at least ``gap`` above ``level``, and whether
    any circle has room at all. In the roster, 0 is the newcomer, then each circle's guide
    and peers in turn."""
    offered: list[_Offer] = []
    start = 1
    room = False
    for cid, guide, peers in circles:
        g, members = start, list(range(start + 1, start + 1 + len(peers)))
        start += 1 + len(peers)
        if len(peers) >= max_size:
            continue
        room = True
        if guide.level is None or guide.level < level + gap:
            continue
        rise = circle_cost(r, [*members, 0]) - circle_cost(r, members)
        if r.company[g] >= 0 and r.company[g] == r.company[0]:
            rise += GUIDE_COLLEAGUE
        offered.append((rise, len(peers), cid, g, members))
    return offered, room


def _fit_reason(r: Roster, company: str | None, chosen: _Offer, offered: list[_Offer]) -> str:
    """Why the newcomer (roster position 0, ``company``) goes to the ``chosen`` circle."""
    _, _, cid, g, members = chosen
    label = LABELS[r.level[0]]
    parts = [
        f"circle {cid} has room and its guide is {_gap(r.level[g] - r.level[0])} above {label}"
    ]
    if r.company[0] >= 0:
        name = (company or "").strip()
        if not any(r.company[m] == r.company[0] for m in members):
            parts.append(f"nobody there works at {name}")
        elif any(not any(r.company[m] == r.company[0] for m in o[4]) for o in offered):
            parts.append(f"a peer there also works at {name}, but it fits best otherwise")
        else:
            parts.append(f"every circle that fits has someone from {name}")
    levels = sorted({r.level[m] for m in [0, *members] if r.level[m] >= 0})
    if len(levels) > 1:
        parts.append(f"its peers would range from {LABELS[levels[0]]} to {LABELS[levels[-1]]}")
    return "; ".join(parts)


def unknown_level(gap: int) -> str:
    return (
        f"their level is not in their profile, so no guide can be checked to be "
        f"at least {_gap(gap)} above them"
    )


def _waiting_reason(
    r: Roster, p: int, idle: list[int], any_circle: bool, fit: int, gap: int, lo: int, hi: int
) -> str:
    """Why peer ``p`` (who could be guided) waits: guides all busy, or sizes don't add up."""
    label = LABELS[r.level[p]]
    if not any(r.level[g] >= r.level[p] + gap for g in idle):
        return f"every available guide at least {_gap(gap)} above {label} is leading another circle"
    if not any_circle:
        return f"a circle needs at least {lo} peers and only {fit} could be guided"
    return f"circles take {lo}–{hi} peers and too few were left over to start another"


def _by_level(r: Roster, members: list[int], rng: random.Random) -> list[int]:
    """Most senior first; a seeded shuffle breaks ties (who waits among equals)."""
    shuffled = sorted(members)
    rng.shuffle(shuffled)
    return sorted(shuffled, key=lambda m: -r.level[m])


def _zone_key(zone: float | None) -> float:
    return float("inf") if zone is None else zone


def _gap(levels: int) -> str:
    word = NUMBERS.get(levels, str(levels))
    return f"{word} level" if levels == 1 else f"{word} levels"


def _check_sizes(min_size: int, max_size: int, gap: int) -> None:
    if not 1 <= min_size <= max_size:
        raise ValueError(f"circle sizes {min_size}–{max_size} are not a range of at least 1")
    if gap < 0:
        raise ValueError(f"guide gap {gap} is negative")


def _check_members(members: Sequence[Candidate]) -> None:
    seen: set[int] = set()
    for m in members:
        if m.id in seen:
            raise ValueError(f"member {m.id} appears twice")
        seen.add(m.id)
        if m.level is not None and not 0 <= m.level < len(LABELS):
            raise ValueError(f"member {m.id} has level {m.level}, outside 0..{len(LABELS) - 1}")
