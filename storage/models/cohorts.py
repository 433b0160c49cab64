"""Cohorts and the applications to them."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import ApplicationStatus, Base, CohortStatus, one_of
from storage.types import JSONType, UTCDateTime


class Cohort(Base):
    """One intake: a fixed number of spots, open for applications, then started.

    ``taken`` counts admitted applications and is only changed by conditional UPDATEs
    (``taken < spots``), so two admins admitting at once can never exceed the spots.
    At most one cohort is open at a time (a partial unique index on ``status``).
    """

    __tablename__ = "cohort"
    __table_args__ = (
        CheckConstraint(one_of("status", CohortStatus), name="status"),
        CheckConstraint("spots > 0 AND taken >= 0 AND taken <= spots", name="spots"),
        UniqueConstraint("name", name="uq_cohort_name"),
        Index(
            "uq_cohort_one_open",
            "status",
            unique=True,
            sqlite_where=text("status = 'open'"),
            postgresql_where=text("status = 'open'"),
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(80))
    spots: Mapped[int] = mapped_column(Integer)
    taken: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[str] = mapped_column(String(16), default="open")
    closes_on: Mapped[date | None] = mapped_column(Date)
    channel_id: Mapped[str | None] = mapped_column(String(32))  # where the announcement went
    opened_by: Mapped[str] = mapped_column(String(32))
    opened_at: Mapped[datetime] = mapped_column(UTCDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class Application(Base):
    """One person's application to one cohort, and the admins' decision on it."""

    __tablename__ = "application"
    __table_args__ = (
        UniqueConstraint("cohort_id", "member_id", name="uq_application_cohort_member"),
        CheckConstraint(one_of("status", ApplicationStatus), name="status"),
        Index("ix_application_cohort_status", "cohort_id", "status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohort.id", ondelete="CASCADE"))
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id", ondelete="CASCADE"))
    company: Mapped[str] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(100))
    level: Mapped[str] = mapped_column(String(32))
    years: Mapped[int] = mapped_column(Integer)
    interests: Mapped[list[str]] = mapped_column(JSONType, default=list)
    wants: Mapped[str] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default="pending")
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    decided_by: Mapped[str | None] = mapped_column(String(32))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decline_note: Mapped[str | None] = mapped_column(Text)  # for the applicant's eyes only
    confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # "I'm in"
