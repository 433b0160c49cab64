"""The monthly mentoring rhythm, checked every few minutes: steps are per pair and per
person's time zone, each (step, pair, month) claimed once, and every message keyed, so a
repeated run or a second replica sends nothing twice."""

from __future__ import annotations

from bot.mentors.monthly import due_messages
from bot.outbox.queue import enqueue
from bot.platform.services import Services

JOB = "mentor_rhythm"


def run_mentoring(services: Services) -> int:
    """Queue what is due now; returns how many messages were new."""
    now = services.clock.now()
    with services.sessions.begin() as session:
        return enqueue(session, due_messages(session, now, services.settings), now=now)
