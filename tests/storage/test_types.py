"""Timestamps are timezone-aware UTC on every backend."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy.exc import StatementError
from sqlalchemy.orm import Session, sessionmaker

from storage.models import JobRun


def test_aware_times_round_trip_as_utc(sessions: sessionmaker[Session]) -> None:
    tokyo = timezone(timedelta(hours=9))
    with sessions.begin() as s:
        s.add(
            JobRun(
                job="j",
                period_key="p",
                claimed_by="me",
                claimed_at=datetime(2026, 11, 23, 18, 0, tzinfo=tokyo),
            )
        )
    with sessions() as s:
        run = s.query(JobRun).filter_by(job="j").one()
    assert run.claimed_at == datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
    assert run.claimed_at.tzinfo is UTC


def test_a_naive_time_is_refused(sessions: sessionmaker[Session]) -> None:
    with pytest.raises(StatementError, match="naive datetime"), sessions.begin() as s:
        s.add(JobRun(job="j", period_key="p", claimed_by="me", claimed_at=datetime(2026, 1, 1)))
        s.flush()
