"""The audit log of data actions."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Integer,
    String,
)
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base
from storage.types import UTCDateTime


class AuditEntry(Base):
    """Who ran a data action on whose behalf, and when; never what the data was."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    action: Mapped[str] = mapped_column(String(32))  # "export" or "delete"
    actor: Mapped[str] = mapped_column(String(32))  # the Slack id who asked
    subject_id: Mapped[int] = mapped_column(Integer)  # the member's opaque id
    at: Mapped[datetime] = mapped_column(UTCDateTime)
