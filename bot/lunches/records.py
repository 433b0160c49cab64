"""Reading lunches and sign-ups: the lunch as the builders see it, and each person who
asked as the draw sees them (seats this season, lunches missed, company, circle, level)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from datetime import datetime, timedelta
from itertools import combinations
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.circles.checkin_schedule import zone
from bot.lunches.blocks import Guest, LunchView
from bot.lunches.draw import Candidate, pair_of, weigh
from bot.members.profile_options import LEVELS
from bot.members.sync import get_member
from bot.platform.refused import Refused
from bot.platform.settings import Settings
from storage.models import (
    CircleMember,
    Lunch,
    LunchSignup,
    LunchStatus,
    Member,
    SeatStatus,
)
from storage.models.lunches import AT_TABLE

DRAW_JOB = "lunch_draw"
RESEAT_JOB = "lunch_reseat"


class LunchRefused(Refused):
    """A tiny-lunch request the rules turn down; the message is what the person reads."""


def lunch_id(text: str, usage: str) -> int:
    """`/lunch leave 3` or `#3` → 3; anything else is answered with how to type it."""
    word = text.strip().lstrip("#")
    if not word.isdigit():
        raise LunchRefused(f"Which lunch? Type its number, e.g. `{usage} 3`; `/lunch` lists them.")
    return int(word)


def get_lunch(session: Session, lunch_id: int) -> Lunch:
    lunch = session.get(Lunch, lunch_id)
    if lunch is None:
        raise LunchRefused(f"I don't know a lunch #{lunch_id}. `/lunch` lists the ones coming up.")
    return lunch


def member_zone(member: Member | None, settings: Settings) -> ZoneInfo:
    return zone(member.timezone_name if member else None, settings.timezone)


def guest_of(session: Session, lunch: Lunch) -> Guest:
    member = get_member(session, lunch.guest_user_id) if lunch.guest_user_id else None
    title = lunch.guest_title or (LEVELS.get(member.level or "") if member else None)
    company = lunch.guest_company or (member.company if member else None)
    return Guest(
        name=lunch.guest_name,
        user_id=lunch.guest_user_id,
        title=title,
        company=company,
        bio=lunch.guest_bio,
    )


def view_of(session: Session, lunch: Lunch) -> LunchView:
    return LunchView(
        id=lunch.id,
        guest=guest_of(session, lunch),
        starts_at=lunch.starts_at,
        closes_at=lunch.closes_at,
        place=lunch.place,
        seats=lunch.seats,
        tags=tuple(lunch.tags or ()),
    )


def signups(
    session: Session, lunch_id: int, statuses: Collection[str]
) -> list[tuple[LunchSignup, Member]]:
    rows = session.execute(
        select(LunchSignup, Member)
        .join(Member, Member.id == LunchSignup.member_id)
        .where(LunchSignup.lunch_id == lunch_id, LunchSignup.status.in_(list(statuses)))
        .order_by(LunchSignup.id)
    )
    return [(s, m) for s, m in rows]


def candidates(
    session: Session, lunch: Lunch, members: Collection[Member], season_weeks: int
) -> list[Candidate]:
    """Each member as the draw weighs them, from the lunches before this one."""
    ids = [m.id for m in members]
    history: dict[int, list[tuple[datetime, str]]] = defaultdict(list)
    for member_id, status, starts_at in session.execute(
        select(LunchSignup.member_id, LunchSignup.status, Lunch.starts_at)
        .join(Lunch, Lunch.id == LunchSignup.lunch_id)
        .where(
            LunchSignup.member_id.in_(ids),
            Lunch.id != lunch.id,
            Lunch.status != LunchStatus.CANCELLED,
            Lunch.starts_at < lunch.starts_at,
        )
        .order_by(Lunch.starts_at)
    ):
        history[member_id].append((starts_at, status))
    circles = dict(
        session.execute(
            select(CircleMember.member_id, CircleMember.circle_id).where(
                CircleMember.member_id.in_(ids)
            )
        ).all()
    )
    season_start = lunch.starts_at - timedelta(weeks=season_weeks)
    people = []
    for member in members:
        past = [
            (at, status in AT_TABLE)
            for at, status in history.get(member.id, [])
            if status in AT_TABLE or status == SeatStatus.WAITLISTED
        ]
        seats, misses, ever = weigh(past, season_start)
        people.append(
            Candidate(
                key=member.id,
                seats=seats,
                misses=misses,
                ever=ever,
                company=member.company,
                circle=circles.get(member.id),
                level=member.level,
            )
        )
    return people


def past_tablemates(session: Session, lunch: Lunch, member_ids: Collection[int]) -> set:
    """Pairs of these members who already shared a table at an earlier lunch."""
    tables: dict[int, list[int]] = defaultdict(list)
    for lunch_key, member_id in session.execute(
        select(LunchSignup.lunch_id, LunchSignup.member_id)
        .join(Lunch, Lunch.id == LunchSignup.lunch_id)
        .where(
            LunchSignup.member_id.in_(list(member_ids)),
            LunchSignup.status.in_(AT_TABLE),
            Lunch.id != lunch.id,
            Lunch.status != LunchStatus.CANCELLED,
            Lunch.starts_at < lunch.starts_at,
        )
    ):
        tables[lunch_key].append(member_id)
    return {pair_of(a, b) for mates in tables.values() for a, b in combinations(mates, 2)}
