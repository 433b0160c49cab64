"""Period keys: the name of 'this week' or 'today' in the community's time zone.

Jobs claim ``(job, period key)``; deriving the key from the community's zone (not UTC)
keeps a late or retried run in the same week it was meant for.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo


def week_key(moment: datetime, tz: ZoneInfo) -> str:
    """ISO week such as ``2026-W48``."""
    year, week, _ = moment.astimezone(tz).isocalendar()
    return f"{year}-W{week:02d}"


def day_key(moment: datetime, tz: ZoneInfo) -> str:
    """Calendar date such as ``2026-11-23``."""
    return moment.astimezone(tz).date().isoformat()


def week_words(period_key: str) -> str:
    """A week key as people say it: ``2027-W03`` is "week of 18 Jan" (its Monday).

    Anything that is not a week key (a day, a cohort's round) is returned as it is.
    """
    year, _, week = period_key.partition("-W")
    if not (year.isdigit() and week.isdigit()):
        return period_key
    try:
        monday = date.fromisocalendar(int(year), int(week), 1)
    except ValueError:
        return period_key
    return f"week of {monday.day} {monday:%b}"
