"""When rounds and follow-ups happen, at the boundaries, in the community's time zone."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from bot.pairing.schedule import (
    followup_due,
    followup_time,
    next_round_week,
    round_due,
    round_time,
    suggest_slots,
    week_index,
)
from bot.platform.settings import Settings

BERLIN = ZoneInfo("Europe/Berlin")


def settings(**overrides: Any) -> Settings:
    return Settings(
        _env_file=None,
        slack_bot_token="xoxb-test",
        slack_signing_secret="secret-secret",
        circlebot_timezone="Europe/Berlin",
        **overrides,
    )


def berlin(*args: int) -> datetime:
    return datetime(*args, tzinfo=BERLIN)


def test_the_round_is_due_from_monday_nine_local_time() -> None:
    s = settings()
    assert not round_due(berlin(2026, 11, 23, 8, 59), s)
    assert round_due(berlin(2026, 11, 23, 9, 0), s)
    assert round_due(berlin(2026, 11, 25, 8, 59), s)  # a bot that was down catches up
    assert not round_due(berlin(2026, 11, 25, 9, 0), s)  # two days on: too late to send
    assert not round_due(berlin(2026, 11, 22, 23, 59), s)  # Sunday: last week's slot passed


def test_weeks_start_on_monday_in_the_community_zone() -> None:
    sunday_night_utc = datetime(2026, 11, 22, 23, 30, tzinfo=UTC)  # Monday 00:30 in Berlin
    assert week_index(sunday_night_utc, BERLIN) == week_index(berlin(2026, 11, 23, 9), BERLIN)
    assert (
        week_index(sunday_night_utc, ZoneInfo("UTC"))
        == week_index(berlin(2026, 11, 23, 9), BERLIN) - 1
    )


def test_round_time_follows_daylight_saving() -> None:
    s = settings()
    before = round_time(week_index(berlin(2026, 3, 23, 12), BERLIN), s)
    after = round_time(week_index(berlin(2026, 3, 30, 12), BERLIN), s)
    assert before.astimezone(UTC).hour == 8  # CET, UTC+1
    assert after.astimezone(UTC).hour == 7  # CEST, UTC+2
    assert before.astimezone(BERLIN).hour == after.astimezone(BERLIN).hour == 9


def test_every_two_weeks_skips_the_odd_weeks() -> None:
    s = settings(pairing_every_weeks=2)
    monday = berlin(2026, 11, 23, 9, 30)
    due = [round_due(monday + timedelta(weeks=i), s) for i in range(4)]
    assert due in ([True, False, True, False], [False, True, False, True])


def test_followup_is_thursday_nine_after_a_monday_intro() -> None:
    s = settings()
    intro = berlin(2026, 11, 23, 9, 0)
    assert followup_time(intro, s) == berlin(2026, 11, 26, 9, 0)
    assert not followup_due(intro, berlin(2026, 11, 26, 8, 59), s)
    assert followup_due(intro, berlin(2026, 11, 26, 9, 0), s)


def test_followup_never_comes_within_24_hours_of_a_late_intro() -> None:
    s = settings()
    late = berlin(2026, 11, 25, 15, 0)  # admin ran the round on Wednesday afternoon
    assert followup_time(late, s) == berlin(2026, 11, 26, 15, 0)
    assert not followup_due(late, berlin(2026, 11, 26, 9, 0), s)


def test_a_followup_too_old_to_matter_is_not_sent() -> None:
    intro = berlin(2026, 11, 23, 9, 0)
    assert not followup_due(intro, berlin(2026, 12, 3, 9, 0), settings())


@pytest.mark.parametrize(("ran", "expected_offset"), [(False, 0), (True, 1)])
def test_next_round_is_this_week_until_it_has_run(ran: bool, expected_offset: int) -> None:
    now = berlin(2026, 11, 23, 10, 0)
    assert next_round_week(now, settings(), this_week_ran=ran) == (
        week_index(now, BERLIN) + expected_offset
    )


def test_suggested_slots_are_working_days_that_suit_both_zones() -> None:
    now = berlin(2026, 11, 27, 10, 0)  # a Friday
    slots = suggest_slots(now, ["Europe/London", "Asia/Singapore"])
    assert [s.astimezone(BERLIN).strftime("%a") for s in slots] == ["Mon", "Tue", "Wed"]
    for slot in slots:
        london = slot.astimezone(ZoneInfo("Europe/London")).hour
        singapore = slot.astimezone(ZoneInfo("Asia/Singapore")).hour
        assert 8 <= london <= 18 or 8 <= singapore <= 18
        assert abs(london - 13) <= 5 and abs(singapore - 13) <= 5
