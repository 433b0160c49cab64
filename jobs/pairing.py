"""Scheduled pairing work: the weekly round and the "did you meet?" follow-ups."""

from __future__ import annotations

import logging

from sqlalchemy import exists, select

from bot.outbox.queue import enqueue
from bot.pairing.feedback import due_followups
from bot.pairing.rounds import JOB, RoundResult, run_round
from bot.pairing.schedule import ROUND_CATCH_UP, last_closed_round_week, round_due, round_time
from bot.platform.periods import week_key
from bot.platform.services import Services
from storage.job_runs import claim_in
from storage.models import JobRun, JobRunStatus

log = logging.getLogger(__name__)


def run_weekly_round(services: Services) -> RoundResult | None:
    """The scheduled round (and the start-up catch-up): once per period, on round weeks.
    A round whose catch-up window closed while the bot was down is recorded as missed."""
    settings, now = services.settings, services.clock.now()
    record_missed_round(services)
    if not round_due(now, settings):
        return None
    with services.sessions.begin() as session:
        result = run_round(session, now, settings)
    if result:
        log.info("pairing round %s: %s", result.plan.period_key, result.plan.stats())
    return result


def record_missed_round(services: Services) -> str | None:
    """Mark the last round week as missed if it never ran and it is too late to send it;
    returns its period key when this call recorded it. Only a community that had a round
    before that week can miss one (a fresh install has nothing to miss)."""
    settings, now = services.settings, services.clock.now()
    week = last_closed_round_week(now, settings)
    if week is None:
        return None
    starts = round_time(week, settings)
    period = week_key(starts, settings.timezone)
    detail = {
        "reason": "the bot was not running between the round time and the end of its "
        "catch-up window",
        "round_time": starts.isoformat(),
        "catch_up_until": (starts + ROUND_CATCH_UP).isoformat(),
    }
    with services.sessions.begin() as session:
        earlier = exists().where(JobRun.job == JOB, JobRun.period_key < period)
        if not session.scalar(select(earlier)):
            return None
        if not claim_in(session, JOB, period, now=now, status=JobRunStatus.MISSED, detail=detail):
            return None
    log.warning("pairing round %s missed: the bot was down until too late to send it", period)
    return period


def send_followups(services: Services) -> int:
    """Queue every follow-up whose time has come; each pairing is asked once."""
    with services.sessions.begin() as session:
        messages = due_followups(session, services.clock.now(), services.settings)
        enqueue(session, messages, now=services.clock.now())
    return len(messages)
