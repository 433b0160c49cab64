"""Weekly pairings: rounds, the groups in them, friendships and the don't-pair list."""

from __future__ import annotations

from datetime import datetime
from typing import Any

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

from storage.models.base import Base, MetAnswer, RoundKind, one_of
from storage.types import JSONType, UTCDateTime


class PairingRound(Base):
    """One week's pairing round for the community, with the statistics that explain it."""

    __tablename__ = "pairing_round"
    __table_args__ = (
        UniqueConstraint("period_key", name="uq_pairing_round_period"),
        CheckConstraint(one_of("kind", RoundKind), name="kind"),
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
    __table_args__ = (CheckConstraint(f"met IS NULL OR {one_of('met', MetAnswer)}", name="met"),)

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
