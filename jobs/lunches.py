"""Scheduled tiny-lunch work, every few minutes: the draw when sign-up closes, seats not
confirmed in time going to the waitlist, and the messages around each table.

A lunch whose sign-up closed while the bot was down is drawn when it comes back, even in
the last two hours (late: no time to confirm, and the admin is told); one that has begun
by then is marked cancelled and everyone who asked is told.

Every draw is claimed once per lunch and every reseat once per freed seat, in the same
transaction as the change; every message has its own outbox key. A run that repeats, a
late run after downtime, or a second replica sends nothing twice.
"""

from __future__ import annotations

import logging

from sqlalchemy import select

from bot.lunches.closing import draw_lunch, missed
from bot.lunches.seats import expire_due
from bot.lunches.table import due_messages
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
                select(Lunch.id).where(Lunch.status == LunchStatus.PLANNED, Lunch.closes_at <= now)
            )
        )
    for lunch_id in closing:  # one transaction each: one lunch's trouble stops no other
        with services.sessions.begin() as session:
            # a bot down past the lunch's start seats nobody afterwards, but says so
            told = missed(session, lunch_id, now=now, settings=settings)
            if told is not None:
                created += enqueue(session, told, now=now)
                log.warning("lunch %s began before its draw could run", lunch_id)
                continue
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
