"""The outbox: every outgoing message, written before it is sent."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    String,
)
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, OutboxStatus, one_of
from storage.types import JSONType, UTCDateTime


class OutboxMessage(Base):
    """One outgoing Slack message, written before it is sent and keyed so it is sent once."""

    __tablename__ = "outbox"
    __table_args__ = (
        CheckConstraint(one_of("status", OutboxStatus), name="status"),
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
    # When the last attempt to post began; cleared once Slack answered. Set on a claimed
    # row, it means an earlier attempt may have posted (a crash, a timeout, a dropped
    # connection), and it centres the narrow window a history look-up reads.
    post_started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class OutboxMember(Base):
    """A member an outbox message names: a recipient, or someone it mentions or is about.

    Written with the message (bot/outbox/queue.py) so that deleting a member finds their
    messages through the index on ``slack_user_id``, not by reading every payload.
    """

    __tablename__ = "outbox_member"
    __table_args__ = (Index("ix_outbox_member_slack_user_id", "slack_user_id"),)

    outbox_id: Mapped[int] = mapped_column(
        ForeignKey("outbox.id", ondelete="CASCADE"), primary_key=True
    )
    slack_user_id: Mapped[str] = mapped_column(String(32), primary_key=True)
