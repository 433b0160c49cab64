"""Forming circles from the data: propose, accept, move a member, place a late joiner.

The grouping itself is the pure ``grouping`` engine (``late_joiner`` for one newcomer);
this module reads who is available, turns a proposal into circles with friendly names, and
records changes. The Slack side (private channels, invitations) is done by
``jobs/circle_channels.py`` from what is stored here, so an accepted proposal survives
Slack being slow or down.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.circles.grouping import Candidate, Proposal, form_circles
from bot.circles.hours import WorkingDay
from bot.circles.late_joiner import best_circle_for
from bot.circles.membership import (
    CircleRefused,
    active_circles,
    circle_people,
    join_circle,
    members_without_circle,
    membership,
    placement,
)
from bot.members.profile_options import level_rank
from bot.members.sync import get_member
from bot.pairing.roster import utc_offset_hours
from bot.platform.settings import Settings
from storage.models import Circle, CircleRole, CircleStatus, Member, MemberStatus

NAMES = (
    "Otter", "Heron", "Maple", "Cedar", "Lynx", "Juniper", "Falcon", "Willow", "Aspen",
    "Fern", "Orca", "Puffin", "Sparrow", "Birch", "Lotus", "Comet", "Harbor", "Meadow",
    "Summit", "Ember", "Tide", "Grove", "Quartz", "Nova", "Kestrel", "Linden", "Marlin",
    "Pine", "Raven", "Saffron", "Thistle", "Wren", "Alder", "Beacon", "Coral", "Dune",
    "Fjord", "Glacier", "Hazel", "Iris",
)  # fmt: skip


@dataclass
class Available:
    """Who a proposal is made from: active members without a circle, split by role."""

    peers: list[Member]
    guides: list[Member]


def working_day(settings: Settings) -> WorkingDay:
    """The working day and shared hours circles are formed by, from the settings."""
    return WorkingDay(
        start=_hours(settings.working_day_start),
        end=_hours(settings.working_day_end),
        shared=settings.circle_shared_hours,
    )


def _hours(time_of_day: str) -> float:
    hours, minutes = time_of_day.split(":")
    return int(hours) + int(minutes) / 60


def known_member(session: Session, slack_user_id: str) -> Member:
    """The member an admin named; a person the bot does not know is refused in words."""
    member = get_member(session, slack_user_id)
    if member is None:
        raise CircleRefused(f"<@{slack_user_id}> is not a member I know.")
    return member


def mark_guide(session: Session, slack_user_id: str, *, guiding: bool) -> None:
    """Offer (or stop offering) a senior member as a guide for the circles formed next."""
    known_member(session, slack_user_id).is_guide = guiding


def candidate(member: Member, now: datetime) -> Candidate:
    return Candidate(
        id=member.id,
        company=member.company,
        level=level_rank(member.level),
        interests=frozenset([*(member.interests or []), *(member.tags or [])]),
        utc_offset=utc_offset_hours(member.timezone_name, now),
        zone_name=member.timezone_name,
    )


def available(session: Session) -> Available:
    members = members_without_circle(session)
    return Available(
        peers=[m for m in members if not m.is_guide],
        guides=[m for m in members if m.is_guide],
    )


def propose(
    session: Session, seed: int, now: datetime, day: WorkingDay
) -> tuple[Proposal, dict[int, Member]]:
    """The proposal for everyone available, and the members it talks about by id.

    ``day``: the working day and shared hours from ``working_day(settings)``.
    """
    pool = available(session)
    proposal = form_circles(
        [candidate(m, now) for m in pool.peers],
        [candidate(m, now) for m in pool.guides],
        seed,
        day=day,
    )
    return proposal, {m.id: m for m in [*pool.peers, *pool.guides]}


def _free_names(session: Session, count: int) -> list[str]:
    taken = set(session.scalars(select(Circle.name)))
    names = [n for n in NAMES if n not in taken]
    number = 2
    while len(names) < count:
        names += [f"{n} {number}" for n in NAMES if f"{n} {number}" not in taken]
        number += 1
    return names[:count]


def accept(session: Session, seed: int, *, by: str, now: datetime, day: WorkingDay) -> list[Circle]:
    """Create the circles of this seed's proposal (recomputed: the grouping is pure)."""
    proposal, _members = propose(session, seed, now, day)
    if not proposal.circles:
        raise CircleRefused("There is nobody to place in a new circle right now.")
    circles = []
    for proposed, name in zip(
        proposal.circles, _free_names(session, len(proposal.circles)), strict=True
    ):
        circle = Circle(
            name=name, status=CircleStatus.ACTIVE, seed=seed, created_by=by, created_at=now
        )
        session.add(circle)
        session.flush()
        for member_id in proposed.peers:
            join_circle(session, member_id, circle.id, CircleRole.PEER, now)
        join_circle(session, proposed.guide, circle.id, CircleRole.GUIDE, now)
        circles.append(circle)
    session.flush()
    return circles


def _by_name(session: Session, name: str) -> Circle:
    circle = session.scalar(
        select(Circle).where(Circle.status == CircleStatus.ACTIVE, Circle.name.ilike(name.strip()))
    )
    if circle is None:
        known = ", ".join(
            session.scalars(select(Circle.name).where(Circle.status == CircleStatus.ACTIVE))
        )
        raise CircleRefused(f"There is no circle called {name!r}. Circles: {known or 'none yet'}.")
    return circle


def move(
    session: Session, member: Member, circle_name: str, now: datetime
) -> tuple[Circle, Circle]:
    """Move a peer to another circle; returns (from, to). The channel change follows."""
    placed = placement(session, member)
    if placed is None:
        raise CircleRefused(f"{member.display_name} is not in a circle; use `/circle add` instead.")
    old, role = placed
    if role == CircleRole.GUIDE:
        raise CircleRefused(f"{member.display_name} guides {old.name}; guides are not moved.")
    new = _by_name(session, circle_name)
    if new.id == old.id:
        raise CircleRefused(f"{member.display_name} is already in {new.name}.")
    row = membership(session, member.id)
    assert row is not None
    row.circle_id, row.joined_at, row.invited_at = new.id, now, None
    return old, new


def add_late_joiner(
    session: Session, member: Member, now: datetime, day: WorkingDay
) -> tuple[Circle, str]:
    """Place an active member without a circle where they fit best; (circle, why).

    Where they fit shares the working day's hours with them when any circle with room does.
    """
    if member.status != MemberStatus.ACTIVE:
        raise CircleRefused(f"{member.display_name} is not an active member.")
    if placement(session, member) is not None:
        raise CircleRefused(f"{member.display_name} is already in a circle.")
    chosen, why = best_circle_for(candidate(member, now), _guided_circles(session, now), day=day)
    if chosen is None:
        raise CircleRefused(why)
    join_circle(session, member.id, chosen, CircleRole.PEER, now)
    joined = session.get(Circle, chosen)
    assert joined is not None
    return joined, why


def _guided_circles(
    session: Session, now: datetime
) -> list[tuple[int, Candidate, list[Candidate]]]:
    """Active circles that have a guide, as ``best_circle_for`` takes them."""
    options = []
    for circle in active_circles(session):
        people = circle_people(session, circle.id)
        guides = [m for m, role in people if role == CircleRole.GUIDE]
        if guides:
            peers = [candidate(m, now) for m, role in people if role == CircleRole.PEER]
            options.append((circle.id, candidate(guides[0], now), peers))
    return options
