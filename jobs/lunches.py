"""Scheduled tiny-lunch work, every few minutes: the draw when sign-up closes, seats not
confirmed in time going to the waitlist, and the messages around each table.

Every draw is claimed once per lunch and every reseat once per freed seat, in the same
transaction as the change; every message has its own outbox key. A run that repeats, a
late run after downtime, or a second replica sends nothing twice.
"""

from __future__ import annotations

import logging

from sqlalchemy import select

from bot.lunches.seats import draw_lunch, expire_due
from bot.lunches.table import due_messages
from bot.lunches.times import NO_OFFERS_WITHIN
from bot.outbox.queue import enqueue
from bot.platform.services import Services
from storage.models import Lunch, LunchStatus

log = logging.getLogger(__name__)


def run_lunches(services: Services) -> int:
    """Do what is due now; returns how many messages were new."""
    settings, now = services.settings, services.clock.now()
    created = 0
    with services.sessions() as session:
        closing = list(
            session.scalars(
                select(Lunch.id).where(
                    Lunch.status == LunchStatus.PLANNED,
                    Lunch.closes_at <= now,
                    # a bot down past the lunch does not seat people for it afterwards
                    Lunch.starts_at > now + NO_OFFERS_WITHIN,
                )
            )
        )
    for lunch_id in closing:  # one transaction each: one lunch's trouble stops no other
        with services.sessions.begin() as session:
            drawn = draw_lunch(session, lunch_id, now=now, settings=settings)
            if drawn is not None:
                created += enqueue(session, drawn.messages, now=now)
                log.info(
                    "lunch %s drawn: %s seated, %s waiting", lunch_id, drawn.seated, drawn.waiting
                )
    with services.sessions.begin() as session:
        created += enqueue(session, expire_due(session, now=now, settings=settings), now=now)
    with services.sessions.begin() as session:
        created += enqueue(session, due_messages(session, now=now, settings=settings), now=now)
    return created
