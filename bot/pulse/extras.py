"""Tiny lunches and mentorships per week, as counts: seats confirmed at lunches held that
week, and mentorships started. Only counts; questions, takeaways, goals and recaps are
never read."""

from __future__ import annotations

from sqlalchemy import literal, select
from sqlalchemy.orm import Session

from bot.pulse.buckets import grouped, per_week, week_of
from bot.pulse.window import Window
from storage.models import Lunch, LunchSignup, LunchStatus, Mentorship, SeatStatus

# CSV column → (the counted noun, what the report says after it)
EXTRAS = {
    "lunch_seats": ("seat", "taken at tiny lunches"),
    "mentorships_started": ("mentorship", "started"),
}


def extras_per_week(session: Session, window: Window) -> list[dict[str, int]]:
    weeks = len(window.mondays)
    seats = grouped(
        session,
        select(week_of(Lunch.starts_at, window).label("w"), literal(1).label("n"))
        .join(LunchSignup, LunchSignup.lunch_id == Lunch.id)
        .where(
            Lunch.status != LunchStatus.CANCELLED,
            LunchSignup.status == SeatStatus.CONFIRMED,
            Lunch.starts_at >= window.start,
            Lunch.starts_at < window.end,
        ),
        "w",
    )
    started = grouped(
        session,
        select(week_of(Mentorship.started_at, window).label("w"), literal(1).label("n")).where(
            Mentorship.started_at >= window.start, Mentorship.started_at < window.end
        ),
        "w",
    )
    columns = {
        "lunch_seats": per_week(seats, weeks),
        "mentorships_started": per_week(started, weeks),
    }
    return [{name: values[i] for name, values in columns.items()} for i in range(weeks)]
