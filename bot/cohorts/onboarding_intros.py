"""First-week intros: who each new member meets when their cohort starts.

A one-time set, not the weekly round: each newcomer is introduced to up to ``per_newcomer``
existing members who share their interests, ideally at other companies. No existing member
is handed more than ``per_veteran`` newcomers, so a popular profile is not flooded. When the
community has nobody yet (the very first cohort), newcomers are introduced to each other.
Pure and deterministic: ties are broken by id.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.pairing.engine import Person

INTEREST = 10
OTHER_COMPANY = 3


@dataclass(frozen=True)
class Intro:
    newcomer: int
    other: int
    shared: frozenset[str]


def _company(person: Person) -> str | None:
    return (person.company or "").strip().lower() or None


def _score(a: Person, b: Person) -> tuple[int, int]:
    """Higher is better; an intro without a shared interest is still worth making."""
    shared = len(a.interests & b.interests)
    ca, cb = _company(a), _company(b)
    return (shared * INTEREST + (OTHER_COMPANY if ca and cb and ca != cb else 0), -b.id)


def first_week_intros(
    newcomers: Sequence[Person],
    veterans: Sequence[Person],
    *,
    per_newcomer: int = 3,
    per_veteran: int = 2,
) -> list[Intro]:
    """Up to ``per_newcomer`` intros for each newcomer, best matches first.

    Newcomers take turns (one intro each per pass), so capacity is shared fairly rather
    than spent on whoever comes first.
    """
    if per_newcomer <= 0 or not newcomers:
        return []
    among_themselves = not veterans
    pool = list(newcomers) if among_themselves else list(veterans)
    load = {p.id: 0 for p in pool}
    met: set[frozenset[int]] = set()
    count = {p.id: 0 for p in newcomers}
    intros: list[Intro] = []
    order = sorted(newcomers, key=lambda p: p.id)
    cap = per_newcomer if among_themselves else per_veteran
    for _ in range(per_newcomer):
        for person in order:
            if count[person.id] >= per_newcomer:
                continue
            options = [
                other
                for other in pool
                if other.id != person.id
                and load[other.id] < cap
                and frozenset((person.id, other.id)) not in met
                and (not among_themselves or count[other.id] < per_newcomer)
            ]
            if not options:
                continue
            if among_themselves:  # whoever has fewest intros so far comes first
                best = max(options, key=lambda o: (-count[o.id], _score(person, o)))
            else:
                best = max(options, key=lambda other: _score(person, other))
            met.add(frozenset((person.id, best.id)))
            count[person.id] += 1
            if among_themselves:
                count[best.id] += 1
            else:
                load[best.id] += 1
            intros.append(Intro(person.id, best.id, person.interests & best.interests))
    return intros


def spread_over_days(intros: Sequence[Intro], *, first_day: int, avoid_weekday: int) -> list[int]:
    """The day each intro goes out (days since the cohort started, ``first_day`` or later):
    at most one a day for anyone, never on ``avoid_weekday`` (the weekly round's, counted
    from the start day's weekday as 0), so a first week is a welcome, not a funnel.

    Greedy in plan order (each newcomer's best match first), so with three intros each
    newcomer's last one is out within five days.
    """
    busy: dict[int, set[int]] = {}
    out = []
    for intro in intros:
        day = first_day
        while (
            day % 7 == avoid_weekday
            or day in busy.get(intro.newcomer, set())
            or day in busy.get(intro.other, set())
        ):
            day += 1
        busy.setdefault(intro.newcomer, set()).add(day)
        busy.setdefault(intro.other, set()).add(day)
        out.append(day)
    return out
