"""A lunch's moments in each reader's zone, across the clock changes of spring and autumn."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from bot.lunches.ics import calendar_file
from bot.lunches.times import confirm_by, day_before_due, offers_open
from bot.platform.dates import day_and_time

BERLIN, NEW_YORK, LONDON = (
    ZoneInfo(z) for z in ("Europe/Berlin", "America/New_York", "Europe/London")
)
# Mon 29 Mar 2027 12:30 in Berlin: Europe moved its clocks on the Sunday before, 02:00 → 03:00.
SPRING_LUNCH = datetime(2027, 3, 29, 10, 30, tzinfo=UTC)
# Mon 1 Nov 2027 12:30 in Berlin: Europe moved back on the Sunday before, 03:00 → 02:00.
AUTUMN_LUNCH = datetime(2027, 11, 1, 11, 30, tzinfo=UTC)


def test_each_reader_sees_the_lunch_in_their_own_zone_after_the_spring_change() -> None:
    assert day_and_time(SPRING_LUNCH, BERLIN) == "Mon 29 Mar, 12:30"
    assert day_and_time(SPRING_LUNCH, LONDON) == "Mon 29 Mar, 11:30"
    assert day_and_time(SPRING_LUNCH, NEW_YORK) == "Mon 29 Mar, 06:30"


def test_the_day_before_reminder_keeps_its_local_hour_across_the_change() -> None:
    # Sunday 28 Mar 09:00 on each person's clock, on the very day the clocks moved.
    assert day_before_due(SPRING_LUNCH, "09:00", BERLIN) == datetime(2027, 3, 28, 7, 0, tzinfo=UTC)
    assert day_before_due(SPRING_LUNCH, "09:00", LONDON) == datetime(2027, 3, 28, 8, 0, tzinfo=UTC)
    assert day_before_due(SPRING_LUNCH, "09:00", NEW_YORK) == datetime(
        2027, 3, 28, 13, 0, tzinfo=UTC
    )
    assert day_before_due(AUTUMN_LUNCH, "09:00", BERLIN) == datetime(2027, 10, 31, 8, 0, tzinfo=UTC)


def test_a_reminder_time_that_the_spring_change_skips_lands_an_hour_later() -> None:
    due = day_before_due(SPRING_LUNCH, "02:30", BERLIN)
    assert due.astimezone(BERLIN).strftime("%H:%M") == "03:30"
    assert due == datetime(2027, 3, 28, 1, 30, tzinfo=UTC)


def test_a_late_seat_must_be_confirmed_before_offers_stop_two_hours_ahead() -> None:
    seated = datetime(2027, 3, 29, 6, 0, tzinfo=UTC)
    assert confirm_by(seated, 24, SPRING_LUNCH) == datetime(2027, 3, 29, 8, 30, tzinfo=UTC)
    assert offers_open(SPRING_LUNCH, datetime(2027, 3, 29, 8, 29, tzinfo=UTC))
    assert not offers_open(SPRING_LUNCH, datetime(2027, 3, 29, 8, 30, tzinfo=UTC))


def test_the_calendar_file_is_in_utc_with_escaped_text_and_folded_lines() -> None:
    text = calendar_file(
        uid="lunch-1@circlebot",
        title="Tiny lunch with Dana Reyes",
        starts_at=SPRING_LUNCH,
        place="Café Einstein; Unter den Linden 42, Berlin",
        description="A conversation, not a Q&A. " * 5,
        created_at=datetime(2027, 3, 1, tzinfo=UTC),
    )
    lines = text.split("\r\n")
    assert "DTSTART:20270329T103000Z" in lines and "DTEND:20270329T120000Z" in lines
    assert "LOCATION:Café Einstein\\; Unter den Linden 42\\, Berlin" in lines
    assert all(len(line.encode()) <= 75 for line in lines)
    assert text.endswith("END:VCALENDAR\r\n")
