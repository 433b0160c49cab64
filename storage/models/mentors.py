"""Mentoring: offers to mentor, requests for a mentor, mentorships and their monthly sessions.

Kept in tables of their own (not columns on ``member``): a member's offer, their goal and
their recaps belong to this domain, and deleting a member deletes these rows explicitly
(bot/mentors/departures.py). Goals and recaps are read by the mentee and that mentor only.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, one_of
from storage.types import JSONType, UTCDateTime


class RequestStatus(StrEnum):
    OPEN = "open"  # looking: proposals shown, or waiting for an admin's match
    ASKED = "asked"  # one mentor has been asked and has not answered yet
    MATCHED = "matched"  # a mentorship started from it
    CLOSED = "closed"  # withdrawn, or replaced by a newer request


class MentorshipStatus(StrEnum):
    ACTIVE = "active"
    ENDED = "ended"


class MentorOffer(Base):
    """A member's offer to mentor: how many mentees, on what, from which career spikes."""

    __tablename__ = "mentor_offer"
    __table_args__ = (CheckConstraint("capacity >= 0 AND capacity <= 3", name="capacity"),)

    member_id: Mapped[int] = mapped_column(
        ForeignKey("member.id", ondelete="CASCADE"), primary_key=True
    )
    capacity: Mapped[int] = mapped_column(Integer)
    topics: Mapped[list[str]] = mapped_column(JSONType, default=list)
    spikes: Mapped[list[str]] = mapped_column(JSONType, default=list)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class MentorRequest(Base):
    """A member looking for a mentor: the goal for the next 6–18 months, the phase they are
    in and the spike they are building. ``passed`` holds the mentors who were asked and
    said no (never shown to the mentee); ``mentor_id`` is the one asked now."""

    __tablename__ = "mentor_request"
    __table_args__ = (CheckConstraint(one_of("status", RequestStatus), name="status"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    mentee_id: Mapped[int] = mapped_column(ForeignKey("member.id", ondelete="CASCADE"), index=True)
    goal: Mapped[str] = mapped_column(Text)
    phase: Mapped[str] = mapped_column(String(32))
    spike: Mapped[str] = mapped_column(String(32))
    topics: Mapped[list[str]] = mapped_column(JSONType, default=list)
    help_wanted: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default="open")
    mentor_id: Mapped[int | None] = mapped_column(
        ForeignKey("member.id", ondelete="SET NULL"), index=True
    )
    passed: Mapped[list[int]] = mapped_column(JSONType, default=list)
    asked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Mentorship(Base):
    """A mentor and a mentee meeting monthly on ``session_day`` from ``first_session_on``,
    for a term; each says privately after the first session whether it fits."""

    __tablename__ = "mentorship"
    __table_args__ = (
        CheckConstraint(one_of("status", MentorshipStatus), name="status"),
        CheckConstraint(
            "session_day IS NULL OR (session_day >= 1 AND session_day <= 28)", name="session_day"
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    request_id: Mapped[int] = mapped_column(
        ForeignKey("mentor_request.id", ondelete="CASCADE"), index=True
    )
    mentor_id: Mapped[int] = mapped_column(ForeignKey("member.id", ondelete="CASCADE"), index=True)
    mentee_id: Mapped[int] = mapped_column(ForeignKey("member.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(16), default="active")
    session_day: Mapped[int | None] = mapped_column(Integer)
    first_session_on: Mapped[date | None] = mapped_column(Date)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    end_reason: Mapped[str | None] = mapped_column(String(32))
    mentor_fit: Mapped[bool | None] = mapped_column(Boolean)
    mentee_fit: Mapped[bool | None] = mapped_column(Boolean)
    # Near the end of a term each may press Renew; when both have, the term runs again.
    mentor_renews: Mapped[bool] = mapped_column(Boolean, default=False)
    mentee_renews: Mapped[bool] = mapped_column(Boolean, default=False)


class MentorSession(Base):
    """One month of a mentorship: the mentee's recap before it and next step after it."""

    __tablename__ = "mentor_session"
    __table_args__ = (
        UniqueConstraint("mentorship_id", "month", name="uq_mentor_session_mentorship_month"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    mentorship_id: Mapped[int] = mapped_column(
        ForeignKey("mentorship.id", ondelete="CASCADE"), index=True
    )
    month: Mapped[str] = mapped_column(String(7))  # "2027-01"
    changed: Mapped[str | None] = mapped_column(Text)
    focus: Mapped[str | None] = mapped_column(Text)
    recap_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    next_step: Mapped[str | None] = mapped_column(Text)
    next_step_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class PanelAdviser(Base):
    """An informal adviser a member has put on their panel (a friend from pairings, or
    anyone they name); the member's quarterly update goes to them, on the member's say-so."""

    __tablename__ = "panel_adviser"

    member_id: Mapped[int] = mapped_column(
        ForeignKey("member.id", ondelete="CASCADE"), primary_key=True
    )
    adviser_id: Mapped[int] = mapped_column(
        ForeignKey("member.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
