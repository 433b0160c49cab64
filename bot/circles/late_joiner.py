"""Where a late joiner fits: the circle with room whose guide can lead them, that shares
the working day's hours with them, and whose cost rises least. Pure, like ``grouping``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from bot.circles.grouping import (
    LABELS,
    Candidate,
    check_members,
    gap_words,
    places,
    unknown_level,
)
from bot.circles.grouping_search import GUIDE_COLLEAGUE, Roster, circle_cost
from bot.circles.hours import WorkingDay, describe, hours_text, shared_run

FORM_ADVICE = "Start a new circle for them with `/circle form` when others are waiting."


def best_circle_for(
    newcomer: Candidate,
    circles: Sequence[tuple[int, Candidate, Sequence[Candidate]]],
    *,
    max_size: int = 4,
    guide_gap: int = 2,
    day: WorkingDay | None = None,
) -> tuple[int | None, str]:
    """The circle a late joiner fits best, as ``(circle_id, reason)``; ``(None, reason)`` if none.

    ``circles``: ``(circle_id, guide, current peers)``. A circle fits when it has room and
    its guide is at least ``guide_gap`` levels above the newcomer; among those, the ones
    whose members and guide share ``day.shared`` working hours with them, and of those the
    one whose cost rises least (no colleague, similar level, near clock, shared interests).
    When none shares enough hours, the one sharing most, and the reason says so.
    Ties go to the lower circle id. Raises ``ValueError`` when an id appears twice.
    """
    circles = sorted(circles, key=lambda c: c[0])
    everyone = [newcomer] + [m for _, guide, peers in circles for m in (guide, *peers)]
    check_members(everyone)
    if newcomer.level is None:
        return None, unknown_level(guide_gap)
    if not circles:
        return None, f"There are no circles yet. {FORM_ADVICE}"
    r = Roster.of(everyone, day)
    offered, room = _offers(r, newcomer.level, circles, max_size, guide_gap)
    if not room:
        return None, f"Every circle already has {max_size} peers. {FORM_ADVICE}"
    if not offered:
        above = f"{gap_words(guide_gap)} above {LABELS[newcomer.level]}"
        return None, f"No circle with room has a guide {above}. {FORM_ADVICE}"
    meeting = [o for o in offered if o.run >= r.need]
    best = min(meeting or offered, key=lambda o: (-min(o.run, r.need), o[:3]))
    why = _fit_reason(r, newcomer.company, best, meeting or offered)
    together = [0, best.guide, *best.members]
    when = describe(r.together(together), places(r, together, [m.zone_name for m in everyone]))
    if meeting:
        return best.cid, f"{why}; they share working hours{_at(when)}."
    shared = f"only {hours_text(best.run)}" if best.run else "no working hours"
    return best.cid, (
        f"no circle with room shares {hours_text(r.need)} of working time with them, so "
        f"this circle is the nearest (it shares {shared}{_at(when)}); {why}. "
        "An admin can move them with `/circle move` once a circle nearer their hours forms."
    )


def _at(when: str) -> str:
    return f", {when}" if when else ""


class _Offer(NamedTuple):
    """A circle a late joiner could join; guide and members are roster positions."""

    rise: int  # how much the circle's cost rises with them
    size: int  # peers now
    cid: int
    guide: int
    members: list[int]
    run: int  # quarter hours the newcomer, guide and peers all work


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
        run = shared_run(r.together([0, g, *members]))
        offered.append(_Offer(rise, len(peers), cid, g, members, run))
    return offered, room


def _fit_reason(r: Roster, company: str | None, chosen: _Offer, offered: list[_Offer]) -> str:
    """Why the newcomer (roster position 0, ``company``) goes to the ``chosen`` circle."""
    g, members = chosen.guide, chosen.members
    label = LABELS[r.level[0]]
    parts = [f"it has room and its guide is {gap_words(r.level[g] - r.level[0])} above {label}"]
    if r.company[0] >= 0:
        name = (company or "").strip()
        if not any(r.company[m] == r.company[0] for m in members):
            parts.append(f"nobody there works at {name}")
        elif any(not any(r.company[m] == r.company[0] for m in o.members) for o in offered):
            parts.append(f"a peer there also works at {name}, but it fits best otherwise")
        else:
            parts.append(f"every circle that fits has someone from {name}")
    levels = sorted({r.level[m] for m in [0, *members] if r.level[m] >= 0})
    if len(levels) > 1:
        parts.append(f"its peers would range from {LABELS[levels[0]]} to {LABELS[levels[-1]]}")
    return "; ".join(parts)
