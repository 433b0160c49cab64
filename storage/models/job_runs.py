"""Job-run claims: one row per (job, period key)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    CheckConstraint,
    Integer,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, JobRunStatus, one_of
from storage.types import JSONType, UTCDateTime


class JobRun(Base):
    """A claim that one job ran (or was missed) for one period, e.g. ('pairing', '2026-W48')."""

    __tablename__ = "job_run"
    __table_args__ = (
        UniqueConstraint("job", "period_key", name="uq_job_run_job_period"),
        CheckConstraint(one_of("status", JobRunStatus), name="status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    job: Mapped[str] = mapped_column(String(64))
    period_key: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16), default="running")
    claimed_by: Mapped[str] = mapped_column(String(64))
    claimed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    detail: Mapped[dict[str, Any] | None] = mapped_column(JSONType)
