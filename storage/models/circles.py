"""Circles, who is in them, and the weekly check-in answers."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, CircleRole, CircleStatus, one_of
from storage.types import UTCDateTime


class Circle(Base):
    """A small peer group with one guide, meeting in its own private channel."""

    __tablename__ = "circle"
    __table_args__ = (
        CheckConstraint(one_of("status", CircleStatus), name="status"),
        UniqueConstraint("name", name="uq_circle_name"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(40))  # from a word list, never member names
    channel_id: Mapped[str | None] = mapped_column(String(32))  # set once Slack created it
    status: Mapped[str] = mapped_column(String(16), default="active")
    seed: Mapped[int] = mapped_column(BigInteger, default=0)
    created_by: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class CircleMember(Base):
    """Who is in which circle: a member belongs to at most one (peer or guide)."""

    __tablename__ = "circle_member"
    __table_args__ = (CheckConstraint(one_of("role", CircleRole), name="role"),)

    member_id: Mapped[int] = mapped_column(
        ForeignKey("member.id", ondelete="CASCADE"), primary_key=True
    )
    circle_id: Mapped[int] = mapped_column(ForeignKey("circle.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(16))
    joined_at: Mapped[datetime] = mapped_column(UTCDateTime)
    invited_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # into the channel


class CheckinResponse(Base):
    """One peer's check-in week: when we asked and reminded, a skip, and the answers.

    The answers are shared only in the circle's channel; admin views count rows, never
    read the text. ``version`` counts edits, so each edit has its own outbox key.
    """

    __tablename__ = "checkin_response"
    __table_args__ = (
        UniqueConstraint("member_id", "period_key", name="uq_checkin_response_member_period"),
        CheckConstraint("mood IS NULL OR (mood >= 1 AND mood <= 5)", name="mood"),
        Index("ix_checkin_response_circle_period", "circle_id", "period_key"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id", ondelete="CASCADE"))
    circle_id: Mapped[int] = mapped_column(ForeignKey("circle.id", ondelete="CASCADE"))
    period_key: Mapped[str] = mapped_column(String(16))
    prompted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    reminded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    skipped_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    win: Mapped[str | None] = mapped_column(Text)
    challenge: Mapped[str | None] = mapped_column(Text)
    help_wanted: Mapped[str | None] = mapped_column(Text)
    mood: Mapped[int | None] = mapped_column(Integer)
    share_mood: Mapped[bool] = mapped_column(Boolean, default=False)
    rough_week: Mapped[bool] = mapped_column(Boolean, default=False)
    version: Mapped[int] = mapped_column(Integer, default=0)
    nudged_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
