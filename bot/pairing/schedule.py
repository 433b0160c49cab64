"""When pairing things happen, in the community's time zone. Pure: moments in, answers out.

Weeks are numbered from a fixed Monday so that "every N weeks" and "met N weeks ago" are
plain integer arithmetic (``week_index``); the round's period key is still the ISO week
(``2026-W48``, ``bot.platform.periods.week_key``).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.platform.settings import WEEKDAYS, Settings

EPOCH_MONDAY = date(2024, 1, 1)
FOLLOWUP_GAP = timedelta(hours=24)
FOLLOWUP_WINDOW = timedelta(days=6)
# A bot that was down at round time still runs the round when it starts, within this
# window; later than that the week's intros would arrive too late to be useful.
ROUND_CATCH_UP = timedelta(days=2)


def week_index(moment: datetime, tz: ZoneInfo) -> int:
    """The community week as a count of weeks since ``EPOCH_MONDAY``, for arithmetic.

    Not a period key (that is ``bot.platform.periods.week_key``, the ISO week), and not the
    ISO week number: it keeps counting across years.
    """
    return (moment.astimezone(tz).date() - EPOCH_MONDAY).days // 7


def at(week: int, weekday: str, hhmm: str, tz: ZoneInfo) -> datetime:
    """The moment of ``weekday hh:mm`` local time in ``week`` (DST-aware)."""
    day = EPOCH_MONDAY + timedelta(weeks=week, days=WEEKDAYS.index(weekday))
    hour, minute = (int(part) for part in hhmm.split(":"))
    return datetime.combine(day, time(hour, minute), tzinfo=tz)


def round_time(week: int, settings: Settings) -> datetime:
    return at(week, settings.pairing_day, settings.pairing_time, settings.timezone)


def is_round_week(week: int, settings: Settings) -> bool:
    return week % settings.pairing_every_weeks == 0


def round_due(now: datetime, settings: Settings) -> bool:
    """This week has a round, its time has come, and it is not yet too late to send."""
    week = week_index(now, settings.timezone)
    starts = round_time(week, settings)
    return is_round_week(week, settings) and starts <= now < starts + ROUND_CATCH_UP


def last_closed_round_week(now: datetime, settings: Settings) -> int | None:
    """The latest round week whose catch-up window has closed by ``now``: if that round
    never ran, it is missed for good."""
    week = week_index(now, settings.timezone)
    for candidate in range(week, week - settings.pairing_every_weeks - 1, -1):
        closed = round_time(candidate, settings) + ROUND_CATCH_UP <= now
        if is_round_week(candidate, settings) and closed:
            return candidate
    return None


def next_round_week(now: datetime, settings: Settings, *, this_week_ran: bool) -> int:
    """The week of the next round a member could still skip or join."""
    week = week_index(now, settings.timezone)
    if this_week_ran or not is_round_week(week, settings):
        week += 1
        while not is_round_week(week, settings):
            week += 1
    return week


def followup_time(intro_at: datetime, settings: Settings) -> datetime:
    """The follow-up day and time in the intro's week, but never within 24 h of the intro."""
    week = week_index(intro_at, settings.timezone)
    planned = at(week, settings.followup_day, settings.followup_time, settings.timezone)
    return max(planned, intro_at + FOLLOWUP_GAP)


def followup_due(intro_at: datetime, now: datetime, settings: Settings) -> bool:
    """Ask "did you meet?" once its time has come, and not after the window has passed."""
    when = followup_time(intro_at, settings)
    return when <= now < when + FOLLOWUP_WINDOW


def suggest_slots(now: datetime, tz_names: list[str], count: int = 3) -> list[datetime]:
    """The next working days, each at the hour closest to lunchtime for everyone."""
    zones = [ZoneInfo(name) for name in tz_names] or [ZoneInfo("UTC")]
    home = zones[0]
    day = now.astimezone(home).date() + timedelta(days=1)
    slots: list[datetime] = []
    while len(slots) < count:
        if day.weekday() < 5:
            hours = [datetime.combine(day, time(hour), tzinfo=home) for hour in range(24)]
            slots.append(
                min(hours, key=lambda dt: max(abs(dt.astimezone(z).hour - 13) for z in zones))
            )
        day += timedelta(days=1)
    return slots
