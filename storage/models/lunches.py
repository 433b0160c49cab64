"""Tiny lunches: a guest, a few seats, and who asked for one.

A sign-up row follows one member through one lunch: asked, then seated or on the waitlist,
then confirmed, given back or expired; afterwards it holds their takeaway. The question and
the takeaway are shared only with the table and the guest (and the vault, if they say so);
admin views count rows and never read them.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, one_of
from storage.types import JSONType, UTCDateTime


class LunchStatus(StrEnum):
    PLANNED = "planned"  # sign-up open (or closed and waiting for the draw)
    SEATED = "seated"  # the draw ran
    CANCELLED = "cancelled"


class SeatStatus(StrEnum):
    ASKED = "asked"  # before the draw
    SEATED = "seated"  # offered a seat, not confirmed yet
    CONFIRMED = "confirmed"
    WAITLISTED = "waitlisted"
    GAVE_BACK = "gave_back"  # declined or left after being seated
    EXPIRED = "expired"  # did not confirm in time
    WITHDRAWN = "withdrawn"  # left before being seated


# Who holds a seat at the table.
AT_TABLE = (SeatStatus.SEATED, SeatStatus.CONFIRMED)


class Lunch(Base):
    """One tiny lunch: the guest (a member, or an outside guest by name), when and where."""

    __tablename__ = "lunch"
    __table_args__ = (
        CheckConstraint(one_of("status", LunchStatus), name="status"),
        CheckConstraint("seats >= 3 AND seats <= 12", name="seats"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    guest_user_id: Mapped[str | None] = mapped_column(String(32))  # a workspace guest
    guest_name: Mapped[str] = mapped_column(String(100))
    guest_title: Mapped[str | None] = mapped_column(String(100))
    guest_company: Mapped[str | None] = mapped_column(String(100))
    guest_bio: Mapped[str | None] = mapped_column(Text)
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    closes_at: Mapped[datetime] = mapped_column(UTCDateTime)
    place: Mapped[str] = mapped_column(String(300))
    seats: Mapped[int] = mapped_column(Integer, default=6)
    tags: Mapped[list[str]] = mapped_column(JSONType, default=list)
    interests_only: Mapped[bool] = mapped_column(Boolean, default=False)
    level_min: Mapped[str | None] = mapped_column(String(32))
    level_max: Mapped[str | None] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16), default=LunchStatus.PLANNED)
    seed: Mapped[int] = mapped_column(BigInteger, default=0)
    channel_id: Mapped[str | None] = mapped_column(String(32))
    created_by: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    drawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class LunchSignup(Base):
    """One member's request for a seat at one lunch, and what became of it."""

    __tablename__ = "lunch_signup"
    __table_args__ = (
        CheckConstraint(one_of("status", SeatStatus), name="status"),
        UniqueConstraint("lunch_id", "member_id", name="uq_lunch_signup_lunch_member"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    lunch_id: Mapped[int] = mapped_column(ForeignKey("lunch.id", ondelete="CASCADE"), index=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(16), default=SeatStatus.ASKED)
    asked_at: Mapped[datetime] = mapped_column(UTCDateTime)
    seated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    released_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    line: Mapped[int | None] = mapped_column(Integer)  # place on the waitlist at the draw
    reason: Mapped[str | None] = mapped_column(String(32))  # why not seated at the draw
    question: Mapped[str | None] = mapped_column(Text)
    takeaway: Mapped[str | None] = mapped_column(Text)
    takeaway_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    share_with_guest: Mapped[bool] = mapped_column(Boolean, default=False)
    vault_resource_id: Mapped[int | None] = mapped_column(
        ForeignKey("vault_resource.id", ondelete="SET NULL")
    )
