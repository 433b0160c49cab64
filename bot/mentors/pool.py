"""Reading the engine's inputs from the database: mentors with their room, and a request's
seeker with who already knows them from pairings."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, aliased

from bot.circles.checkin_schedule import zone as named_zone
from bot.members.profile_options import LEVELS, level_rank
from bot.mentors.fit import Knows, Mentor, Seeker
from storage.models import (
    Friendship,
    Member,
    MemberStatus,
    MentorOffer,
    MentorRequest,
    Mentorship,
    MentorshipStatus,
    PairingMember,
    RequestStatus,
)


def zone(member: Member, fallback: ZoneInfo) -> ZoneInfo:
    """The member's zone, or ``fallback`` when unknown or unreadable."""
    return named_zone(member.timezone_name, fallback)


def utc_offset(member: Member, now: datetime) -> float | None:
    """Hours east of UTC at ``now``, or None when the member's zone is unknown."""
    if not member.timezone_name:
        return None
    try:
        offset = now.astimezone(ZoneInfo(member.timezone_name)).utcoffset()
    except (ZoneInfoNotFoundError, ValueError):
        return None
    return offset.total_seconds() / 3600 if offset is not None else None


def taken(session: Session) -> dict[int, int]:
    """Seats each mentor has filled: active mentees, and asks not yet answered."""
    seats: dict[int, int] = {}
    for mentor_id, n in session.execute(
        select(Mentorship.mentor_id, func.count())
        .where(Mentorship.status == MentorshipStatus.ACTIVE)
        .group_by(Mentorship.mentor_id)
    ):
        seats[mentor_id] = seats.get(mentor_id, 0) + n
    for asked_id, n in session.execute(
        select(MentorRequest.mentor_id, func.count())
        .where(MentorRequest.status == RequestStatus.ASKED, MentorRequest.mentor_id.is_not(None))
        .group_by(MentorRequest.mentor_id)
    ):
        if asked_id is not None:
            seats[asked_id] = seats.get(asked_id, 0) + n
    return seats


def mentors(session: Session, now: datetime) -> list[tuple[Mentor, Member]]:
    """Every active member offering to mentor, with the room they have left."""
    filled = taken(session)
    rows = session.execute(
        select(MentorOffer, Member)
        .join(Member, Member.id == MentorOffer.member_id)
        .where(Member.status == MemberStatus.ACTIVE, Member.deleted_at.is_(None))
        .order_by(Member.id)
    )
    return [
        (
            Mentor(
                member_id=member.id,
                rank=level_rank(member.level),
                company=member.company,
                topics=tuple(offer.topics or ()),
                spikes=tuple(offer.spikes or ()),
                utc_offset=utc_offset(member, now),
                room=max(0, offer.capacity - filled.get(member.id, 0)),
                level_label=LEVELS.get(member.level or "", ""),
            ),
            member,
        )
        for offer, member in rows
    ]


def knows(session: Session, member_id: int) -> dict[int, Knows]:
    """Who met this member in a pairing, and who became their friend."""
    mine = aliased(PairingMember)
    other = aliased(PairingMember)
    known = {
        other_id: Knows.MET
        for other_id in session.scalars(
            select(other.member_id)
            .join(mine, mine.pairing_id == other.pairing_id)
            .where(mine.member_id == member_id, other.member_id != member_id)
        )
    }
    for a, b in session.execute(
        select(Friendship.member_a, Friendship.member_b).where(
            or_(Friendship.member_a == member_id, Friendship.member_b == member_id)
        )
    ):
        known[b if a == member_id else a] = Knows.FRIENDS
    return known


def current_mentors(session: Session, mentee_id: int) -> set[int]:
    return set(
        session.scalars(
            select(Mentorship.mentor_id).where(
                Mentorship.mentee_id == mentee_id, Mentorship.status == MentorshipStatus.ACTIVE
            )
        )
    )


def seeker(session: Session, request: MentorRequest, member: Member, now: datetime) -> Seeker:
    return Seeker(
        member_id=member.id,
        rank=level_rank(member.level),
        company=member.company,
        topics=tuple(request.topics or ()),
        spike=request.spike,
        utc_offset=utc_offset(member, now),
        knows=knows(session, member.id),
        exclude={*(request.passed or ()), *current_mentors(session, member.id)},
    )
