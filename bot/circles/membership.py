"""Who is in which circle: the one place that asks, and records, circle membership.

A member belongs to at most one circle, as a peer or its guide. Check-ins, forming, the
Slack channel job, App Home and privacy all ask here rather than writing their own query.
"""

from __future__ import annotations

from datetime import datetime
from typing import NamedTuple

from sqlalchemy import Connection, Select, bindparam, select
from sqlalchemy.orm import Session

from bot.platform.refused import Refused
from storage.models import Circle, CircleMember, CircleRole, CircleStatus, Member, MemberStatus


class CircleRefused(Refused):
    """A request that cannot be done; ``str()`` is the sentence for the member."""


def _placed(member_id: int, *, active_only: bool) -> Select[Circle, str]:
    query = (
        select(Circle, CircleMember.role)
        .join(CircleMember, CircleMember.circle_id == Circle.id)
        .where(CircleMember.member_id == member_id)
    )
    return query.where(Circle.status == CircleStatus.ACTIVE) if active_only else query


def placement(session: Session, member: Member | None) -> tuple[Circle, str] | None:
    """The member's active circle and role there, if any."""
    if member is None:
        return None
    row = session.execute(_placed(member.id, active_only=True)).first()
    return (row[0], row[1]) if row else None


class Placed(NamedTuple):
    """A member's active circle as plain columns: what a status answer needs."""

    member_id: int
    tz_override: str | None
    slack_tz: str | None
    circle_id: int
    circle_name: str
    channel_id: str | None
    role: str

    @property
    def timezone_name(self) -> str | None:
        """As Member.timezone_name: the member's own choice first, then what Slack says."""
        return self.tz_override or self.slack_tz


# Built once: constructing a statement costs about as much as running it on PostgreSQL.
_PLACED_BY_SLACK_ID = (
    select(
        Member.id,
        Member.tz_override,
        Member.slack_tz,
        Circle.id,
        Circle.name,
        Circle.channel_id,
        CircleMember.role,
    )
    .join(CircleMember, CircleMember.member_id == Member.id)
    .join(Circle, Circle.id == CircleMember.circle_id)
    .where(Member.slack_user_id == bindparam("slack_user_id"), Circle.status == CircleStatus.ACTIVE)
)


def placed(conn: Connection, slack_user_id: str) -> Placed | None:
    """``placement`` by Slack id in one query of columns, no ORM rows: for read commands,
    whose every query is felt (None when not a member or not in an active circle)."""
    row = conn.execute(_PLACED_BY_SLACK_ID, {"slack_user_id": slack_user_id}).first()
    return Placed(*row) if row else None


def circle_record(session: Session, member: Member) -> tuple[str, str] | None:
    """(circle name, role) of the member's circle, active or archived: for their export."""
    row = session.execute(_placed(member.id, active_only=False)).first()
    return (row[0].name, row[1]) if row else None


def circle_people(
    session: Session, circle_id: int, *, with_left: bool = False
) -> list[tuple[Member, str]]:
    """Everyone in the circle who has not left (or everyone, ``with_left``), guide last."""
    query = (
        select(Member, CircleMember.role)
        .join(CircleMember, CircleMember.member_id == Member.id)
        .where(CircleMember.circle_id == circle_id)
        .order_by(CircleMember.role.desc(), Member.id)
    )
    if not with_left:
        query = query.where(Member.status != MemberStatus.LEFT)
    return [(m, role) for m, role in session.execute(query).all()]


def membership(session: Session, member_id: int) -> CircleMember | None:
    """The member's membership row (whatever the circle's status), if any."""
    return session.get(CircleMember, member_id)


def join_circle(
    session: Session, member_id: int, circle_id: int, role: CircleRole, now: datetime
) -> None:
    """Record that the member joins the circle; the channel job invites them."""
    session.add(CircleMember(member_id=member_id, circle_id=circle_id, role=role, joined_at=now))


def active_circles(session: Session) -> list[Circle]:
    return list(session.scalars(select(Circle).where(Circle.status == CircleStatus.ACTIVE)))


def members_without_circle(session: Session) -> list[Member]:
    """Active members in no circle at all (an archived one counts), by id."""
    placed = select(CircleMember.member_id)
    return list(
        session.scalars(
            select(Member)
            .where(Member.status == MemberStatus.ACTIVE, Member.id.not_in(placed))
            .order_by(Member.id)
        ).all()
    )


def peers_to_check_in(session: Session) -> list[tuple[Member, Circle]]:
    """Active or paused peers of active circles that have a channel, by member id."""
    rows = session.execute(
        select(Member, Circle)
        .join(CircleMember, CircleMember.member_id == Member.id)
        .join(Circle, Circle.id == CircleMember.circle_id)
        .where(
            CircleMember.role == CircleRole.PEER,
            Circle.status == CircleStatus.ACTIVE,
            Circle.channel_id.is_not(None),
            Member.status.in_((MemberStatus.ACTIVE, MemberStatus.PAUSED)),
        )
        .order_by(Member.id)
    ).all()
    return [(member, circle) for member, circle in rows]


def uninvited(session: Session) -> list[tuple[CircleMember, Member, Circle]]:
    """Memberships not yet invited into their circle's channel, where it exists; by circle,
    peers before the guide. Members who left are not invited."""
    rows = session.execute(
        select(CircleMember, Member, Circle)
        .join(Member, Member.id == CircleMember.member_id)
        .join(Circle, Circle.id == CircleMember.circle_id)
        .where(
            CircleMember.invited_at.is_(None),
            Circle.channel_id.is_not(None),
            Member.status != MemberStatus.LEFT,
        )
        .order_by(Circle.id, CircleMember.role.desc(), Member.id)
    ).all()
    return [(row, member, circle) for row, member, circle in rows]


def anyone_uninvited(session: Session, circle_id: int) -> bool:
    """Whether someone in the circle (including anyone who left) is not invited yet."""
    pending = session.scalar(
        select(CircleMember.member_id)
        .where(CircleMember.circle_id == circle_id, CircleMember.invited_at.is_(None))
        .limit(1)
    )
    return pending is not None
