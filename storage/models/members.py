"""Members and their profiles."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    CheckConstraint,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, MemberStatus, one_of
from storage.types import JSONType, UTCDateTime, utc_now_default


class Member(Base):
    """A person in the workspace, and their profile once they have written one."""

    __tablename__ = "member"
    __table_args__ = (CheckConstraint(one_of("status", MemberStatus), name="status"),)

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
    def full_name(self) -> str | None:
        """The name they go by in Slack, if we hold one (bot/members/names reads a first name
        from it)."""
        return self.real_name or self.name

    @property
    def display_name(self) -> str:
        return self.full_name or self.slack_user_id

    @property
    def timezone_name(self) -> str | None:
        """The member's own choice first, then what Slack says."""
        return self.tz_override or self.slack_tz

    @property
    def has_profile(self) -> bool:
        return self.profile_updated_at is not None
