"""How the bot says a day and a time: "Tue 12 Jan", "12:30", "Tue 12 Jan, 12:30".

One owner for every domain's wording, so a lunch, a mentoring session and a pairing round
read alike (the voice guide: dates as people say them, never codes). Pure: a date or a
moment in, words out; a moment is read in ``tz`` when one is given (each reader's own zone,
or the community's), else as it stands.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo


def _local(moment: date | datetime, tz: ZoneInfo | None) -> date | datetime:
    if tz is not None and isinstance(moment, datetime):
        return moment.astimezone(tz)
    return moment


def day_words(day: date | datetime, tz: ZoneInfo | None = None) -> str:
    """ "Tue 12 Jan" (no leading zero: "Tue 5 Jan")."""
    local = _local(day, tz)
    return f"{local:%a} {local.day} {local:%b}"


def time_words(moment: datetime, tz: ZoneInfo | None = None) -> str:
    """ "12:30", on the 24-hour clock."""
    return f"{_local(moment, tz):%H:%M}"


def day_and_time(moment: datetime, tz: ZoneInfo | None = None) -> str:
    """ "Tue 12 Jan, 12:30"."""
    return f"{day_words(moment, tz)}, {time_words(moment, tz)}"


def dated(day: date | datetime, tz: ZoneInfo | None = None) -> str:
    """ "05 Dec 2026": a record's date, with its year (records have always read so)."""
    return f"{_local(day, tz):%d %b %Y}"


def long_day(day: date | datetime, tz: ZoneInfo | None = None) -> str:
    """ "Friday 5 March 2027": a date further off, such as when applications close."""
    local = _local(day, tz)
    return f"{local:%A} {local.day} {local:%B %Y}"
