"""What the pulse needs that no other table keeps: vault searches, counted anonymously.

No member id, no Slack id: a search is its words, whether anything was found, and when.
Admins see counts and the most frequent words of searches that found nothing, which is
what members look for and the vault lacks. One row, written with one INSERT, so a search
stays a cheap read for the member.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, Index, Integer
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
