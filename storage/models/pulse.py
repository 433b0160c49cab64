"""What the pulse needs that no other table keeps: vault searches, counted anonymously,
and each week's figures as they were when the weekly pulse was made.

No member id, no Slack id: a search is its words, whether anything was found, and when.
Admins see counts and the most frequent words of searches that found nothing, which is
what members look for and the vault lacks. One row, written with one INSERT, so a search
stays a cheap read for the member.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Boolean, Date, Index, Integer
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base
from storage.types import JSONType, UTCDateTime


class VaultSearchLog(Base):
    """One `/vault search`: its distinct words (a JSON list, counted with the database's
    JSON table function), and whether it found anything."""

    __tablename__ = "vault_search_log"
    __table_args__ = (Index("ix_vault_search_log_at", "at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    words: Mapped[list[str]] = mapped_column(JSONType)
    found: Mapped[bool] = mapped_column(Boolean)
    at: Mapped[datetime] = mapped_column(UTCDateTime)


class PulseWeek(Base):
    """One reported week's pulse, stored by the Monday job (or the first admin to ask),
    so App Home and `/pulse` read a row instead of recomputing every aggregate.

    ``figures`` is the pulse as JSON (bot/pulse/snapshot.py): counts and rates' parts,
    cohort and circle names, and the quiet members as ids, never names, so a deleted
    member's name is never kept here. ``paused`` is how many members were paused when it
    was stored: the only record of that figure for past weeks."""

    __tablename__ = "pulse_weeks"

    week: Mapped[date] = mapped_column(Date, primary_key=True)  # the reported Monday
    figures: Mapped[dict[str, Any]] = mapped_column(JSONType)
    paused: Mapped[int] = mapped_column(Integer)
    stored_at: Mapped[datetime] = mapped_column(UTCDateTime)
