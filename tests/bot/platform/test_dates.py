"""One way to say a day and a time, whichever domain is talking: "Tue 12 Jan, 12:30"."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from bot.mentors.pair_blocks import day_set_text
from bot.pairing.blocks import slot_line
from bot.platform.dates import dated, day_and_time, day_words, time_words
from storage.models import Member

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
LUNCH = datetime(2027, 1, 12, 11, 30, tzinfo=UTC)  # Tue 12 Jan, 12:30 in Berlin


def test_a_day_reads_as_people_say_it_without_a_leading_zero() -> None:
    assert day_words(date(2027, 1, 12)) == "Tue 12 Jan"
    assert day_words(date(2027, 1, 5)) == "Tue 5 Jan"


def test_a_moment_is_read_on_the_readers_own_clock() -> None:
    assert day_and_time(LUNCH, BERLIN) == "Tue 12 Jan, 12:30"
    assert day_and_time(LUNCH, NEW_YORK) == "Tue 12 Jan, 06:30"
    assert time_words(LUNCH, BERLIN) == "12:30"
    # Late in the evening in New York is already the next day in Berlin.
    evening = datetime(2027, 1, 13, 2, 0, tzinfo=UTC)
    assert day_words(evening, NEW_YORK) == "Tue 12 Jan"
    assert day_words(evening, BERLIN) == "Wed 13 Jan"


def test_a_moment_without_a_zone_is_read_as_it_stands() -> None:
    local = LUNCH.astimezone(BERLIN)
    assert day_and_time(local) == "Tue 12 Jan, 12:30"


def test_a_record_keeps_its_year() -> None:
    assert dated(date(2026, 12, 5)) == "05 Dec 2026"
    assert dated(datetime(2026, 12, 31, 23, 30, tzinfo=UTC), BERLIN) == "01 Jan 2027"


def test_mentoring_and_pairing_say_a_day_the_same_way() -> None:
    assert day_set_text(5, date(2027, 1, 5)).endswith("First one: Tue 5 Jan.")
    ana = Member(slack_user_id="U1", real_name="Ana", tz_override="Europe/Berlin")
    assert slot_line(datetime(2027, 1, 5, 11, 0, tzinfo=UTC), [ana]) == "Tue 5 Jan 12:00 Berlin"
