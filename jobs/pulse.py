"""The admins' weekly pulse: Monday after the round, once per week, through the outbox."""

from __future__ import annotations

import logging

from bot.outbox.queue import enqueue
from bot.platform.periods import week_key
from bot.platform.services import Services
from bot.pulse.compute import compute_pulse
from bot.pulse.delivery import JOB, admin_ids, pulse_due, weekly_messages
from bot.pulse.stored import store_pulse, with_paused
from storage.job_runs import claim_in, run_for
from storage.models import JobRunStatus

log = logging.getLogger(__name__)


def run_pulse(services: Services) -> int | None:
    """Send this week's pulse if its time has come and nobody has; returns how many
    messages were queued, or None when it was not due or already claimed.

    The figures and the chart are made before the claim's write transaction (reading
    only), so a busy SQLite file is not locked while matplotlib draws; the figures are
    stored with the claim, replacing any an admin's App Home stored earlier that day."""
    settings, now = services.settings, services.clock.now()
    if not pulse_due(now, settings):
        return None
    period = week_key(now, settings.timezone)
    if run_for(services.sessions, JOB, period) is not None:
        return None
    with services.sessions() as session:
        admins = admin_ids(session, settings)
        pulse = with_paused(session, compute_pulse(session, now, settings.timezone))
    messages = weekly_messages(pulse, admins, period)
    with services.sessions.begin() as session:
        done = {"admins": len(admins), "week": pulse.this_week.monday.isoformat()}
        if not claim_in(session, JOB, period, now=now, status=JobRunStatus.DONE, detail=done):
            return None
        store_pulse(session, pulse, now)  # App Home and `/pulse` read these figures
        queued = enqueue(session, messages, now=now)
    log.info("pulse %s: %d messages for %d admins", period, queued, len(admins))
    return queued
