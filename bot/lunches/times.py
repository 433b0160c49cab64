"""A lunch's moments as people read them, and when each message about it is due.

Pure: takes times and zones, returns words or times. Every member reads a lunch in their
own time zone; a message to several people at once uses Slack's date token, which Slack
shows to each reader in theirs (its fallback is the community's time, named).
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.platform.dates import day_and_time

# The 48-hour brief, the last hour's reminder, when the takeaway ask goes out after the
# start, and how late a freed seat is still offered to the waitlist.
BRIEF_BEFORE = timedelta(hours=48)
LAST_REMINDER_BEFORE = timedelta(hours=1)
TAKEAWAY_AFTER = timedelta(hours=2)
NO_OFFERS_WITHIN = timedelta(hours=2)
# Past this, a job that was down does not send what it missed (it would only confuse).
TAKEAWAY_ASK_UNTIL = timedelta(days=7)


def zone_words(tz: ZoneInfo) -> str:
    """ "Berlin time", from Europe/Berlin; "UTC" stays."""
    key = tz.key
    if "/" not in key:
        return key
    return f"{key.rsplit('/', 1)[-1].replace('_', ' ')} time"


def community_when(moment: datetime, tz: ZoneInfo) -> str:
    """For text many people read at once: "Tue 12 Jan, 12:30 Berlin time"."""
    return f"{day_and_time(moment, tz)} {zone_words(tz)}"


def slack_date(moment: datetime, tz: ZoneInfo) -> str:
    """Slack's date token: each reader sees the time in their own zone."""
    stamp = int(moment.timestamp())
    return f"<!date^{stamp}^{{date_short_pretty}}, {{time}}|{community_when(moment, tz)}>"


def at_local(moment: datetime, days_before: int, clock_time: str, tz: ZoneInfo) -> datetime:
    """``clock_time`` on the member's calendar day ``days_before`` the lunch's local date.

    Built from the local date and wall-clock time, so a DST change between the two days
    moves the UTC instant, not the hour people see; a wall time that does not exist that
    day (the spring gap) lands an hour later, as clocks do.
    """
    hour, minute = (int(part) for part in clock_time.split(":"))
    local_day = moment.astimezone(tz).date() - timedelta(days=days_before)
    wall = datetime.combine(local_day, time(hour, minute), tzinfo=tz)
    return wall.astimezone(ZoneInfo("UTC")).astimezone(tz)


def day_before_due(starts_at: datetime, clock_time: str, tz: ZoneInfo) -> datetime:
    return at_local(starts_at, 1, clock_time, tz)


def confirm_by(seated_at: datetime, hours: int, starts_at: datetime) -> datetime:
    """When an unconfirmed seat goes to the next person: after ``hours``, and never later
    than the last moment a freed seat is still offered."""
    return min(seated_at + timedelta(hours=hours), starts_at - NO_OFFERS_WITHIN)


def offers_open(starts_at: datetime, now: datetime) -> bool:
    """A freed seat is offered only until two hours before the lunch."""
    return now < starts_at - NO_OFFERS_WITHIN
