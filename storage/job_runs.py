"""Job-run claims: a job runs once per (job, period key), whoever else tries."""

from __future__ import annotations

import os
import socket
from datetime import datetime
from typing import Any, Protocol

from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from storage.insert_once import insert_once
from storage.models import JobRun, JobRunStatus


class Clock(Protocol):
    """Anything that tells the time (bot.platform.clock's clocks do); storage needs no more."""

    def now(self) -> datetime: ...


def worker_name() -> str:
    """Who claimed it, for people reading the job_run table."""
    return f"{socket.gethostname()}:{os.getpid()}"[:64]


def claim(
    sessions: sessionmaker[Session],
    job: str,
    period_key: str,
    *,
    clock: Clock,
    status: str = JobRunStatus.RUNNING,
    worker: str | None = None,
) -> bool:
    """Claim the period; True for exactly one caller, False for every later one."""
    with sessions.begin() as session:
        return claim_in(session, job, period_key, now=clock.now(), status=status, worker=worker)


def claim_in(
    session: Session,
    job: str,
    period_key: str,
    *,
    now: datetime,
    status: str = JobRunStatus.RUNNING,
    worker: str | None = None,
    detail: dict[str, Any] | None = None,
) -> bool:
    """Claim inside the caller's transaction, so the claim and the work commit (or roll
    back) together: a crash half-way leaves the period unclaimed, not claimed and undone.
    A ``detail`` records a period that is finished as it is claimed (a missed one)."""
    finished = {"detail": detail, "finished_at": now} if detail is not None else {}
    return insert_once(
        session,
        JobRun,
        {
            "job": job,
            "period_key": period_key,
            "status": status,
            "claimed_by": worker or worker_name(),
            "claimed_at": now,
            **finished,
        },
        ["job", "period_key"],
    )


def finish(
    sessions: sessionmaker[Session],
    job: str,
    period_key: str,
    *,
    clock: Clock,
    status: str = JobRunStatus.DONE,
    detail: dict[str, Any] | None = None,
) -> None:
    with sessions.begin() as session:
        session.execute(
            update(JobRun)
            .where(JobRun.job == job, JobRun.period_key == period_key)
            .values(status=status, finished_at=clock.now(), detail=detail)
        )


def run_for(sessions: sessionmaker[Session], job: str, period_key: str) -> JobRun | None:
    with sessions() as session:
        return session.scalar(
            select(JobRun).where(JobRun.job == job, JobRun.period_key == period_key)
        )
