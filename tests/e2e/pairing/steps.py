"""Steps the pairing stories share."""

from __future__ import annotations

from sqlalchemy.orm import Session, sessionmaker

from bot.outbox.dispatcher import OutboxDispatcher
from bot.pairing.rounds import RoundResult, run_round
from bot.platform.clock import ManualClock
from bot.platform.settings import Settings


def run(
    sessions: sessionmaker[Session],
    clock: ManualClock,
    settings: Settings,
    dispatcher: OutboxDispatcher,
) -> RoundResult | None:
    """This week's round, and every intro it queued delivered."""
    with sessions.begin() as s:
        result = run_round(s, clock.now(), settings)
    dispatcher.drain()
    return result
