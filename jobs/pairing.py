"""Scheduled pairing work: the weekly round and the "did you meet?" follow-ups."""

from __future__ import annotations

import logging

from bot.outbox import enqueue
from bot.pairing_feedback import due_followups
from bot.pairing_rounds import RoundResult, run_round
from bot.pairing_schedule import round_due
from bot.services import Services

log = logging.getLogger(__name__)


def run_weekly_round(services: Services) -> RoundResult | None:
    """The scheduled round (and the start-up catch-up): once per period, on round weeks."""
    settings, now = services.settings, services.clock.now()
    if not round_due(now, settings):
        return None
    with services.sessions.begin() as session:
        result = run_round(session, now, settings)
    if result:
        log.info("pairing round %s: %s", result.plan.period_key, result.plan.stats())
    return result


def send_followups(services: Services) -> int:
    """Queue every follow-up whose time has come; each pairing is asked once."""
    with services.sessions.begin() as session:
        messages = due_followups(session, services.clock.now(), services.settings)
        enqueue(session, messages, now=services.clock.now())
    return len(messages)
