"""Scheduled check-in work: prompts and last calls, and the guides' digests.

Runs every few minutes; every decision is per person and per week, and every message
key is per person and week, so a run that repeats (or a second replica) sends nothing twice.
"""

from __future__ import annotations

from bot.circles.checkins import due_digests, due_steps
from bot.outbox.queue import enqueue
from bot.platform.services import Services


def run_checkins(services: Services) -> int:
    """Queue what is due now; returns how many messages were new."""
    now = services.clock.now()
    with services.sessions.begin() as session:
        messages = due_steps(session, now, services.settings)
        messages += due_digests(session, now, services.settings)
        return enqueue(session, messages, now=now)
