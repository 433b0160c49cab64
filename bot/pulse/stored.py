"""Each reported week's pulse, stored once and read many times.

Computing the pulse reads every table (about a second at 10,000 members), too slow for
App Home, which Slack wants answered within 3 seconds for every admin who opens it. The
Monday job stores the week's figures in the same transaction as its claim; App Home and
`/pulse` read that row, and the first of them to ask before the job has run computes
and stores it. The stored row also keeps how many members were paused that week: the
only history that figure has.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session, sessionmaker

from bot.pulse.compute import compute_pulse
from bot.pulse.figures import Pulse
from bot.pulse.snapshot import from_figures, to_figures
from bot.pulse.today import quiet_names
from bot.pulse.window import last_weeks
from storage.insert_once import insert_once
from storage.models import PulseWeek


def with_paused(session: Session, pulse: Pulse) -> Pulse:
    """The pulse with each week's paused count as stored; the reported week's is the
    pulse's own (today's when fresh, the stored one when read back)."""
    mondays = [w.monday for w in pulse.weeks]
    stored = dict(
        session.execute(
            select(PulseWeek.week, PulseWeek.paused).where(PulseWeek.week.in_(mondays[:-1]))
        ).all()
    )
    paused = (*(stored.get(m) for m in mondays[:-1]), pulse.now.paused)
    return replace(pulse, paused=paused)


def store_pulse(session: Session, pulse: Pulse, now: datetime) -> None:
    """Write (or replace) the reported week's figures: the job's are the week's record."""
    values = {
        "week": pulse.this_week.monday,
        "figures": to_figures(pulse),
        "paused": pulse.now.paused,
        "stored_at": now,
    }
    module = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    insert = module.insert(PulseWeek).values(**values)
    changed = {k: insert.excluded[k] for k in ("figures", "paused", "stored_at")}
    session.execute(insert.on_conflict_do_update(index_elements=["week"], set_=changed))


def read_stored(session: Session, monday: date) -> Pulse | None:
    """The stored pulse for the week of ``monday``, quiet members named as of today."""
    row = session.get(PulseWeek, monday)
    pulse = from_figures(row.figures) if row is not None else None
    if row is None or pulse is None:
        return None
    now = replace(pulse.now, quiet_names=quiet_names(session, pulse.now.quiet_ids))
    return with_paused(session, replace(pulse, now=now, stored_at=row.stored_at))


def weekly_pulse(sessions: sessionmaker[Session], now: datetime, tz: ZoneInfo) -> Pulse:
    """The pulse of the last complete week: the stored one, or computed and stored now
    (a read, then a short write; two admins at once store one row between them)."""
    monday = last_weeks(now, tz).mondays[-1]
    with sessions() as session:
        stored = read_stored(session, monday)
        if stored is not None:
            return stored
        fresh = compute_pulse(session, now, tz)
    with sessions.begin() as session:
        if session.get(PulseWeek, monday) is None:
            values = {
                "week": monday,
                "figures": to_figures(fresh),
                "paused": fresh.now.paused,
                "stored_at": now,
            }
            insert_once(session, PulseWeek, values, ["week"])
        else:  # stored by an older version of the figures: this one replaces it
            store_pulse(session, fresh, now)
        return with_paused(session, replace(fresh, stored_at=now))


def forget_in_pulse(session: Session, member_id: int) -> None:
    """Deleting a member's data: their id leaves the quiet members of every stored week
    (a few dozen small rows a year). The counts stay: they never pointed at anyone."""
    for row in session.scalars(select(PulseWeek)):
        quiet = row.figures.get("now", {}).get("quiet_ids", [])
        if member_id in quiet:
            now = {**row.figures["now"], "quiet_ids": [i for i in quiet if i != member_id]}
            row.figures = {**row.figures, "now": now}
