"""Circles: who forms a circle of 3–4 peers with one guide, decided from data alone.

``form_circles`` proposes circles for members without one (``late_joiner`` finds where
a late joiner fits). No Slack, no database: the caller loads candidates, shows the proposal
to an admin and stores what they accept, with the seed.

Hard rules: 3–4 peers and exactly one guide per circle; the guide is at least
``guide_gap`` levels above every peer in it; nobody twice. A peer whose level is unknown
is not placed, because nobody can check that a guide is senior enough for them. A rule
unless nobody free can keep it: peers and guide share ``WorkingDay.shared`` working hours
(``hours``); whoever is in a circle only as the nearest one is named, with why. Soft: no
two peers from one employer (strongly), similar levels, nearby time zones, shared
interests (weights in ``grouping_search``). Whoever is not placed is told why.

How: an exact sizing plan over peers sorted by level, a hill climb of swaps and re-cuts
of two circles at once (``recut``), then a maximum-weight matching of circles to guides
(``guides``). Inputs are
sorted by id before the seed shuffles them, so the input order never matters.
"""

from __future__ import annotations

import random
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

from bot.circles.grouping_search import (
    Roster,
    improve,
    level_spread,
    plan_sizes,
    same_company_pairs,
)
from bot.circles.guides import match_guides
from bot.circles.hours import WorkingDay, describe, hours_text, place_name, shared_run
from bot.circles.recut import recut_pairs, shake
from bot.members.profile_options import LEVELS

LABELS = tuple(LEVELS.values())
ROUNDS = 4  # hill climb, then re-cut pairs of circles, while the re-cut still finds better
SHAKES = 1200  # shakes of three circles, shared out: 196 for 6 circles, 2 for 200, none from 241
MAX_SHAKES = 200
GUIDE_ADVICE = "Mark a more senior member as a guide: `/circle guide @person`."
NUMBERS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six"}


@dataclass(frozen=True)
class Candidate:
    """A member as circle forming sees them."""

    id: int
    company: str | None = None  # compared case-insensitively, stripped; None = unknown
    level: int | None = None  # level_rank 0 (APM) .. 6 (VP); None = unknown
    interests: frozenset[str] = frozenset()
    utc_offset: float | None = None  # hours east of UTC; circles meet weekly, so nearby zones help
    zone_name: str | None = None  # IANA time zone, e.g. "Europe/London", to name their clock


@dataclass(frozen=True)
class ProposedCircle:
    """One proposed circle, with the numbers an admin checks at a glance."""

    peers: tuple[int, ...]  # 3 or 4 ids, ascending
    guide: int  # the guide's id
    same_company_pairs: int = 0  # pairs of peers with the same known employer
    level_spread: int = 0  # most senior minus most junior peer level
    shared: frozenset[str] = frozenset()  # interests at least two peers hold
    hours: str = ""  # working hours peers and guide share, e.g. "09:00–11:00 London / …"
    meets: bool = True  # whether they share the working day's ``shared`` hours
    far: tuple[tuple[int, str], ...] = ()  # who is here only as the nearest circle, and why


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
    def meeting_share(self) -> float:
        """Share of circles whose members share enough working hours (1.0 when none)."""
        if not self.circles:
            return 1.0
        return sum(1 for c in self.circles if c.meets) / len(self.circles)

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
    day: WorkingDay | None = None,
) -> Proposal:
    """Propose circles of ``min_size``–``max_size`` ``peers``, each led by one of ``guides``.

    ``guides`` are members marked as guide who are free; each leads at most one circle.
    Places as many peers as the sizes and guides allow, in as few circles as possible
    (4s before 3s), each circle sharing ``day.shared`` working hours where anyone can.
    Deterministic for the same inputs and seed, whatever their order.
    Raises ``ValueError`` when an id appears twice or an argument is out of range.
    """
    _check_sizes(min_size, max_size, guide_gap)
    peers = sorted(peers, key=lambda m: m.id)
    guides = sorted(guides, key=lambda m: m.id)
    check_members([*peers, *guides])
    everyone = [*peers, *guides]
    r = Roster.of(everyone, day)
    rng = random.Random(seed)
    guide_ix = [len(peers) + k for k in range(len(guides)) if r.level[len(peers) + k] >= 0]
    fit, why = _guidable(r, range(len(peers)), guide_ix, guide_gap)
    order = _by_level(r, fit, rng)
    leaders = _by_level(r, guide_ix, rng)
    caps = [r.level[g] - guide_gap for g in leaders]
    circles, bench = _first_cut(r, order, caps, (min_size, max_size))
    _search(r, circles, caps[: len(circles)], bench, (min_size, max_size), rng)
    lead = match_guides(r, circles, leaders[: len(circles)], leaders, guide_gap)
    busy = set(lead)
    idle = [g for g in range(len(peers), len(r.ids)) if g not in busy]
    for p in bench:
        why[p] = _waiting_reason(r, p, idle, bool(circles), len(fit), guide_gap, min_size, max_size)
    return Proposal(
        circles=_proposed(r, circles, lead, [m.zone_name for m in everyone]),
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
            label = LABELS[r.level[p]]
            why[p] = f"No guide is free {gap_words(gap)} above {label}. {GUIDE_ADVICE}"
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


def _search(
    r: Roster,
    circles: list[list[int]],
    caps: Sequence[int],
    bench: list[int],
    sizes: tuple[int, int],
    rng: random.Random,
) -> None:
    """Single moves first, then re-cuts of two circles at once, until neither helps; then,
    in smaller communities, shakes of three circles at a time (``recut.shake``)."""

    def descend(circles: list[list[int]], bench: list[int], dirty: Collection[int] = ()) -> None:
        for _ in range(ROUNDS):
            improve(r, circles, caps, bench, sizes, rng)
            if not recut_pairs(r, circles, caps, dirty):
                break
            dirty = ()

    descend(circles, bench)
    if circles:
        tries = min(MAX_SHAKES, max(0, SHAKES // len(circles) - 4))
        shake(r, circles, caps, bench, rng, descend, tries)


def _proposed(
    r: Roster, circles: Sequence[Sequence[int]], lead: Sequence[int], zones: Sequence[str | None]
) -> tuple[ProposedCircle, ...]:
    """The circles with their figures, in order of their peers' ids."""
    made = []
    for members, g in zip(circles, lead, strict=True):
        everyone = [*members, g]
        bits = r.together(everyone)
        meets = shared_run(bits) >= r.need
        made.append(
            ProposedCircle(
                peers=tuple(sorted(r.ids[m] for m in members)),
                guide=r.ids[g],
                same_company_pairs=same_company_pairs(r, members),
                level_spread=level_spread(r, members),
                shared=r.shared(members),
                hours=describe(bits, places(r, everyone, zones)),
                meets=meets,
                far=() if meets else _far(r, members, g),
            )
        )
    return tuple(sorted(made, key=lambda c: c.peers))


def places(
    r: Roster, members: Sequence[int], zones: Sequence[str | None]
) -> list[tuple[str, float]]:
    """One (place name, offset) per distinct known offset, west to east; the name most of
    them use (``UTC+9`` when no zone name is known)."""
    names: dict[float, list[str]] = {}
    for m in members:
        offset = r.zone[m]
        if offset is not None:
            name = place_name(zones[m])
            names.setdefault(offset, []).extend([name] if name else [])
    shown = []
    for offset in sorted(names):
        named = sorted(names[offset], key=lambda n: (-names[offset].count(n), n))
        shown.append((named[0] if named else f"UTC{offset:+g}", offset))
    return shown


def _far(r: Roster, members: Sequence[int], guide: int) -> tuple[tuple[int, str], ...]:
    """Who keeps a circle from sharing enough hours (the one whose absence helps most), and
    why they are here all the same."""
    everyone = [*members, guide]
    worst = max(everyone, key=lambda m: (shared_run(r.together(o for o in everyone if o != m)), -m))
    run = shared_run(r.together(everyone))
    together = f"only {hours_text(run)}" if run else "no working hours"
    if worst == guide:
        why = (
            f"As guide, shares {together} with these peers: the nearest free guide senior "
            f"enough. {GUIDE_ADVICE} Then regenerate."
        )
    else:
        why = (
            f"Shares {together} with this circle, the nearest for them. Move them with "
            "`/circle move` once a circle nearer their hours forms."
        )
    return ((r.ids[worst], why),)


def unknown_level(gap: int) -> str:
    return (
        f"No level in their profile, so no guide can be checked to be {gap_words(gap)} above "
        "them. Ask them to add it with `/profile`."
    )


def _waiting_reason(
    r: Roster, p: int, idle: list[int], any_circle: bool, fit: int, gap: int, lo: int, hi: int
) -> str:
    """Why peer ``p`` (who could be guided) waits: guides all busy, or sizes don't add up."""
    label = LABELS[r.level[p]]
    if not any(r.level[g] >= r.level[p] + gap for g in idle):
        return f"Every guide {gap_words(gap)} above {label} already leads a circle. {GUIDE_ADVICE}"
    if not any_circle:
        return (
            f"A circle needs at least {lo} peers and only {fit} could be guided. Form circles "
            "again when more members join."
        )
    return (
        f"Left over: circles take {lo}–{hi} peers. Once you accept these, place them with "
        "`/circle add @person`."
    )


def _by_level(r: Roster, members: list[int], rng: random.Random) -> list[int]:
    """Most senior first; a seeded shuffle breaks ties (who waits among equals)."""
    shuffled = sorted(members)
    rng.shuffle(shuffled)
    return sorted(shuffled, key=lambda m: -r.level[m])


def _zone_key(zone: float | None) -> float:
    return float("inf") if zone is None else zone


def gap_words(levels: int) -> str:
    word = NUMBERS.get(levels, str(levels))
    return f"{word} level" if levels == 1 else f"{word} levels"


def _check_sizes(min_size: int, max_size: int, gap: int) -> None:
    if not 1 <= min_size <= max_size:
        raise ValueError(f"circle sizes {min_size}–{max_size} are not a range of at least 1")
    if gap < 0:
        raise ValueError(f"guide gap {gap} is negative")


def check_members(members: Sequence[Candidate]) -> None:
    seen: set[int] = set()
    for m in members:
        if m.id in seen:
            raise ValueError(f"member {m.id} appears twice")
        seen.add(m.id)
        if m.level is not None and not 0 <= m.level < len(LABELS):
            raise ValueError(f"member {m.id} has level {m.level}, outside 0..{len(LABELS) - 1}")
