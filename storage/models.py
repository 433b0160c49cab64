"""SQLAlchemy models for the domain in DESIGN.md §4.

Only the tables the running code uses live here; each later feature adds its own
tables with a migration. The schema itself is created by Alembic (storage/migrations),
and a test checks that these models and the migrations agree.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from storage.types import JSONType, UTCDateTime, utc_now_default

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

MEMBER_STATUSES = ("applicant", "active", "paused", "left")
OUTBOX_STATUSES = ("pending", "sending", "sent", "failed")
JOB_RUN_STATUSES = ("running", "done", "failed", "missed")
MET_ANSWERS = ("yes", "not_yet", "wont")
ROUND_KINDS = ("weekly", "onboarding")
FORMER = "former"  # stands in for a deleted member's Slack id where a record keeps the act
COHORT_STATUSES = ("open", "closed", "started")
APPLICATION_STATUSES = ("pending", "admitted", "waitlisted", "declined", "withdrawn")
CIRCLE_STATUSES = ("active", "archived")
CIRCLE_ROLES = ("peer", "guide")


def _one_of(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Member(Base):
    """A person in the workspace, and their profile once they have written one."""

    __tablename__ = "member"
    __table_args__ = (CheckConstraint(_one_of("status", MEMBER_STATUSES), name="status"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    slack_user_id: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(255), default="")
    real_name: Mapped[str] = mapped_column(String(255), default="")
    slack_tz: Mapped[str | None] = mapped_column(String(64))
    tz_override: Mapped[str | None] = mapped_column(String(64))
    company: Mapped[str | None] = mapped_column(String(100))
    level: Mapped[str | None] = mapped_column(String(32))
    interests: Mapped[list[str]] = mapped_column(JSONType, default=list)
    tags: Mapped[list[str]] = mapped_column(JSONType, default=list)
    goals: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default="active")
    paused_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    is_guide: Mapped[bool] = mapped_column(default=False)
    is_workspace_admin: Mapped[bool] = mapped_column(default=False)
    profile_updated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Weekly pairings: the period a member asked to skip, and when we asked (once)
    # whether they would rather pause after ignoring three intros in a row.
    skip_period: Mapped[str | None] = mapped_column(String(32))
    pause_asked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    left_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Set when the member's data was deleted: the row stays only as an opaque id that
    # other members' pairing history points at (no Slack id, no name, no profile).
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now_default)
    updated_at: Mapped[datetime] = mapped_column(
        UTCDateTime, default=utc_now_default, onupdate=utc_now_default
    )

    @property
    def display_name(self) -> str:
        return self.real_name or self.name or self.slack_user_id

    @property
    def timezone_name(self) -> str | None:
        """The member's own choice first, then what Slack says."""
        return self.tz_override or self.slack_tz

    @property
    def has_profile(self) -> bool:
        return self.profile_updated_at is not None


class OutboxMessage(Base):
    """One outgoing Slack message, written before it is sent and keyed so it is sent once."""

    __tablename__ = "outbox"
    __table_args__ = (
        CheckConstraint(_one_of("status", OUTBOX_STATUSES), name="status"),
        Index("ix_outbox_due", "status", "next_attempt_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    idempotency_key: Mapped[str] = mapped_column(String(200), unique=True)
    payload: Mapped[dict[str, Any]] = mapped_column(JSONType)
    channel_id: Mapped[str | None] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime)
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    claimed_by: Mapped[str | None] = mapped_column(String(64))
    last_error: Mapped[str | None] = mapped_column(String(500))
    slack_ts: Mapped[str | None] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class JobRun(Base):
    """A claim that one job ran (or was missed) for one period, e.g. ('pairing', '2026-W48')."""

    __tablename__ = "job_run"
    __table_args__ = (
        UniqueConstraint("job", "period_key", name="uq_job_run_job_period"),
        CheckConstraint(_one_of("status", JOB_RUN_STATUSES), name="status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    job: Mapped[str] = mapped_column(String(64))
    period_key: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16), default="running")
    claimed_by: Mapped[str] = mapped_column(String(64))
    claimed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    detail: Mapped[dict[str, Any] | None] = mapped_column(JSONType)


class PairingRound(Base):
    """One week's pairing round for the community, with the statistics that explain it."""

    __tablename__ = "pairing_round"
    __table_args__ = (
        UniqueConstraint("period_key", name="uq_pairing_round_period"),
        CheckConstraint(_one_of("kind", ROUND_KINDS), name="kind"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    period_key: Mapped[str] = mapped_column(String(32))
    # "weekly" rounds, or the one-time "onboarding" intros of a cohort that starts
    kind: Mapped[str] = mapped_column(String(16), default="weekly", server_default="weekly")
    week: Mapped[int] = mapped_column(Integer)
    seed: Mapped[int] = mapped_column(BigInteger)
    stats: Mapped[dict[str, Any]] = mapped_column(JSONType)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Pairing(Base):
    """A pair or trio introduced in one round."""

    __tablename__ = "pairing"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("pairing_round.id", ondelete="CASCADE"))
    week: Mapped[int] = mapped_column(Integer, index=True)
    shared: Mapped[list[str]] = mapped_column(JSONType, default=list)
    is_repeat: Mapped[bool] = mapped_column(Boolean, default=False)
    is_friends: Mapped[bool] = mapped_column(Boolean, default=False)
    icebreaker: Mapped[str] = mapped_column(Text, default="")
    cancelled: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    followup_sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class PairingMember(Base):
    """One person's side of a pairing: did they meet, would they meet again."""

    __tablename__ = "pairing_member"
    __table_args__ = (CheckConstraint(f"met IS NULL OR {_one_of('met', MET_ANSWERS)}", name="met"),)

    pairing_id: Mapped[int] = mapped_column(
        ForeignKey("pairing.id", ondelete="CASCADE"), primary_key=True
    )
    member_id: Mapped[int] = mapped_column(
        ForeignKey("member.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    met: Mapped[str | None] = mapped_column(String(16))
    meet_again: Mapped[bool | None] = mapped_column(Boolean)
    skipped: Mapped[bool] = mapped_column(Boolean, default=False)
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class Friendship(Base):
    """Two members who both asked to meet again: re-paired on purpose, nudged in between."""

    __tablename__ = "friendship"
    __table_args__ = (
        UniqueConstraint("member_a", "member_b", name="uq_friendship_pair"),
        CheckConstraint("member_a < member_b", name="ordered"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    member_a: Mapped[int] = mapped_column(ForeignKey("member.id", ondelete="CASCADE"))
    member_b: Mapped[int] = mapped_column(ForeignKey("member.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    last_paired_week: Mapped[int] = mapped_column(Integer)
    last_nudged_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class DontPair(Base):
    """A member's private "don't pair me with" list."""

    __tablename__ = "dont_pair"

    member_id: Mapped[int] = mapped_column(
        ForeignKey("member.id", ondelete="CASCADE"), primary_key=True
    )
    other_id: Mapped[int] = mapped_column(
        ForeignKey("member.id", ondelete="CASCADE"), primary_key=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Cohort(Base):
    """One intake: a fixed number of spots, open for applications, then started.

    ``taken`` counts admitted applications and is only changed by conditional UPDATEs
    (``taken < spots``), so two admins admitting at once can never exceed the spots.
    At most one cohort is open at a time (a partial unique index on ``status``).
    """

    __tablename__ = "cohort"
    __table_args__ = (
        CheckConstraint(_one_of("status", COHORT_STATUSES), name="status"),
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
        CheckConstraint(_one_of("status", APPLICATION_STATUSES), name="status"),
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


class Circle(Base):
    """A small peer group with one guide, meeting in its own private channel."""

    __tablename__ = "circle"
    __table_args__ = (
        CheckConstraint(_one_of("status", CIRCLE_STATUSES), name="status"),
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
    __table_args__ = (CheckConstraint(_one_of("role", CIRCLE_ROLES), name="role"),)

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


class AuditEntry(Base):
    """Who ran a data action on whose behalf, and when; never what the data was."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    action: Mapped[str] = mapped_column(String(32))  # "export" or "delete"
    actor: Mapped[str] = mapped_column(String(32))  # the Slack id who asked
    subject_id: Mapped[int] = mapped_column(Integer)  # the member's opaque id
    at: Mapped[datetime] = mapped_column(UTCDateTime)
