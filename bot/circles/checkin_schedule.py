"""When a member is asked for their check-in, reminded, and when a guide gets the digest.

Pure: a moment, a time zone and what already happened this week in; one decision out.
Everything is in the person's own time zone (the community's when unknown), so a member
in Tokyo and one in Berlin are both asked at 10:00 their time, across DST changes too:
local wall-clock times are converted with zoneinfo on the day itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from enum import Enum
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.platform.settings import WEEKDAYS, Settings

REMIND_GAP = timedelta(hours=2)  # a late prompt is not followed by a reminder at once


class Step(Enum):
    PROMPT = "prompt"
    REMIND = "remind"


@dataclass(frozen=True)
class WeekState:
    """What already happened in this member's check-in week."""

    prompted_at: datetime | None = None
    reminded: bool = False
    answered: bool = False
    skipped: bool = False
    paused: bool = False


def zone(name: str | None, fallback: ZoneInfo) -> ZoneInfo:
    if not name:
        return fallback
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return fallback


def moment_in_week(now: datetime, tz: ZoneInfo, weekday: str, hhmm: str) -> datetime:
    """``weekday hh:mm`` local time, in the local week that contains ``now``."""
    local = now.astimezone(tz)
    monday = local.date() - timedelta(days=local.weekday())
    day = monday + timedelta(days=WEEKDAYS.index(weekday))
    hour, minute = (int(part) for part in hhmm.split(":"))
    return datetime.combine(day, time(hour, minute), tzinfo=tz)


def checkin_step(now: datetime, tz: ZoneInfo, state: WeekState, settings: Settings) -> Step | None:
    """The one thing to do for this member now, if anything.

    Too early: nothing. From the check-in time: the prompt (once; a bot that was down
    sends it late rather than never, until the member's week ends). From the reminder time: one
    last call to those who were prompted and have neither answered nor skipped.
    Paused members get nothing.
    """
    if state.paused or state.skipped or state.answered:
        return None
    prompt_at = moment_in_week(now, tz, settings.checkin_day, settings.checkin_time)
    if state.prompted_at is None:
        return Step.PROMPT if now >= prompt_at else None
    remind_at = moment_in_week(now, tz, settings.reminder_day, settings.reminder_time)
    if (
        not state.reminded
        and remind_at > prompt_at
        and now >= remind_at
        and now - state.prompted_at >= REMIND_GAP
    ):
        return Step.REMIND
    return None


def digest_due(now: datetime, tz: ZoneInfo, settings: Settings) -> bool:
    """The guide's weekly digest is due from its day and time until the week ends."""
    return now >= moment_in_week(now, tz, settings.digest_day, settings.digest_time)
