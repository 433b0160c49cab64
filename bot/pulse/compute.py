"""The whole pulse for the twelve weeks before ``now``: a handful of aggregate queries,
each returning a few numbers per week (never one row per member)."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from bot.pulse.activity import (
    checkins_per_week,
    cohorts_per_week,
    pairings_per_week,
    vault_per_week,
)
from bot.pulse.community import active_per_week, friendships_per_week, members_per_week
from bot.pulse.extras import extras_per_week
from bot.pulse.figures import Pulse, Week
from bot.pulse.today import today
from bot.pulse.window import WEEKS, Window, last_weeks


def weekly(session: Session, window: Window) -> tuple[Week, ...]:
    columns: dict[str, list[Any]] = {"active": active_per_week(session, window)}
    for part in (
        members_per_week,
        friendships_per_week,
        pairings_per_week,
        checkins_per_week,
        vault_per_week,
        cohorts_per_week,
    ):
        columns.update(part(session, window))
    extras = extras_per_week(session, window)
    return tuple(
        Week(monday, **{name: values[i] for name, values in columns.items()}, extra=extras[i])
        for i, monday in enumerate(window.mondays)
    )


def compute_pulse(session: Session, now: datetime, tz: ZoneInfo, weeks: int = WEEKS) -> Pulse:
    """The pulse of the last ``weeks`` complete weeks (community time zone) and today."""
    window = last_weeks(now, tz, weeks)
    return Pulse(weeks=weekly(session, window), now=today(session, window))
