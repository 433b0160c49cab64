"""The monthly rhythm of a mentorship, as decisions: what is due for a pair, and when.

Pure: a pair's plan and a moment in, the steps due out. A pair meets on the same day of
each month (1–28, so every month has it). Two days before a session, at 09:00 in the
mentee's own time zone, the mentee is asked for a recap; the day after, at 10:00, for one
next step (and every third session also whether there is something they could offer their
mentor). After the first session each of them is asked, at 10:00 their own time, whether it
is a good fit. Two weeks before the term ends both are asked whether to keep going; unless
both say yes, it ends with a thank-you. Wall-clock times are built with zoneinfo on the day
itself, so they stay 09:00 and 10:00 across daylight-saving changes.

Each step is due from its moment until a window closes (a bot that was down sends it late
rather than never, but never a stale one); jobs claim each (step, pair, month) once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

RECAP_DAYS_BEFORE = 2
RECAP_AT = time(9, 0)
AFTER_AT = time(10, 0)
FIRST_SESSION_LEAD_DAYS = 3  # a new pair's first session is at least this far away
FIT_WINDOW = timedelta(days=14)
TERM_WINDOW = timedelta(days=14)
RENEW_NOTICE = timedelta(days=14)  # how long before the term ends both are asked
QUARTER = 3  # sessions between "is there something you could offer?" questions


class Step(StrEnum):
    RECAP = "recap"  # to the mentee: write a recap for the mentor
    NEXT_STEP = "next_step"  # to the mentee: one next step
    MUTUAL = "mutual"  # to the mentee, quarterly: something you could offer your mentor?
    FIT_MENTEE = "fit_mentee"  # after the first session, privately
    FIT_MENTOR = "fit_mentor"
    RENEW_ASK = "renew_ask"  # to both, two weeks before the term ends: keep going?
    TERM_END = "term_end"  # to both: the term is up (neither renewed, or only one)


@dataclass(frozen=True)
class Plan:
    first_session_on: date | None  # None until the pair picks a day: only the term runs
    session_day: int
    mentee_tz: ZoneInfo
    mentor_tz: ZoneInfo
    ends_at: datetime


@dataclass(frozen=True)
class Due:
    step: Step
    month: str  # "2027-01": the session's month, the claim's period
    session_on: date


def month_key(day: date) -> str:
    return f"{day.year}-{day.month:02d}"


def add_months(day: date, months: int, on: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, on)


def months_later(moment: datetime, months: int) -> datetime:
    """The same time ``months`` later; a day the month lacks becomes its last day."""
    index = moment.year * 12 + moment.month - 1 + months
    year, month = index // 12, index % 12 + 1
    last = (date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)).day
    return moment.replace(year=year, month=month, day=min(moment.day, last))


def first_session(today: date, session_day: int) -> date:
    """The first ``session_day`` at least ``FIRST_SESSION_LEAD_DAYS`` after ``today``."""
    earliest = today + timedelta(days=FIRST_SESSION_LEAD_DAYS)
    candidate = date(earliest.year, earliest.month, session_day)
    return candidate if candidate >= earliest else add_months(candidate, 1, session_day)


def sessions(plan: Plan, until: date) -> list[date]:
    """Session dates from the first up to ``until`` and within the term."""
    last = plan.ends_at.astimezone(plan.mentee_tz).date()
    found: list[date] = []
    if plan.first_session_on is None:
        return found
    n = 0
    while True:
        day = add_months(plan.first_session_on, n, plan.session_day)
        if day > until or day > last:
            return found
        found.append(day)
        n += 1


def next_session(first: date, session_day: int, today: date) -> date:
    """The pair's next session on or after ``today`` (the first one if it is still ahead)."""
    if first >= today:
        return first
    months = (today.year - first.year) * 12 + today.month - first.month
    day = add_months(first, months, session_day)
    return day if day >= today else add_months(first, months + 1, session_day)


def at(day: date, moment: time, tz: ZoneInfo) -> datetime:
    return datetime.combine(day, moment, tzinfo=tz)


def recap_at(session_on: date, tz: ZoneInfo) -> datetime:
    return at(session_on - timedelta(days=RECAP_DAYS_BEFORE), RECAP_AT, tz)


def due_steps(now: datetime, plan: Plan) -> list[Due]:
    """Every step whose moment has come and whose window is still open."""
    horizon = now.astimezone(plan.mentee_tz).date() + timedelta(days=RECAP_DAYS_BEFORE + 1)
    dates = sessions(plan, horizon)
    due: list[Due] = []
    for n, day in enumerate(dates):
        assert plan.first_session_on is not None
        month = month_key(day)
        following = add_months(plan.first_session_on, n + 1, plan.session_day)
        if recap_at(day, plan.mentee_tz) <= now < at(day, time(0), plan.mentee_tz):
            due.append(Due(Step.RECAP, month, day))
        after = at(day + timedelta(days=1), AFTER_AT, plan.mentee_tz)
        if after <= now < recap_at(following, plan.mentee_tz):
            due.append(Due(Step.NEXT_STEP, month, day))
            if (n + 1) % QUARTER == 0:
                due.append(Due(Step.MUTUAL, month, day))
        if n == 0:
            for step, tz in ((Step.FIT_MENTEE, plan.mentee_tz), (Step.FIT_MENTOR, plan.mentor_tz)):
                ask = at(day + timedelta(days=1), AFTER_AT, tz)
                if ask <= now < ask + FIT_WINDOW:
                    due.append(Due(step, month, day))
    last = plan.ends_at.astimezone(plan.mentee_tz).date()
    if plan.ends_at - RENEW_NOTICE <= now < plan.ends_at:
        due.append(Due(Step.RENEW_ASK, month_key(last), last))
    if plan.ends_at <= now < plan.ends_at + TERM_WINDOW:
        due.append(Due(Step.TERM_END, month_key(last), last))
    return due


PANEL_UPDATE_DAYS = 14  # asked in the first two weeks of a quarter


def quarter_key(day: date) -> str:
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def panel_update_due(now: datetime, tz: ZoneInfo) -> str | None:
    """The quarter whose "keep your panel informed?" question is due now, in this member's
    clock: from 10:00 on the quarter's first day, for two weeks; else None."""
    today = now.astimezone(tz).date()
    start = date(today.year, (today.month - 1) // 3 * 3 + 1, 1)
    if at(start, AFTER_AT, tz) <= now < at(start + timedelta(days=PANEL_UPDATE_DAYS), time(0), tz):
        return quarter_key(start)
    return None
