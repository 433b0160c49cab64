"""Check-in timing decisions: too early, on time in each member's zone, last call, done."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from freezegun import freeze_time

from bot.circles.checkin_schedule import Step, WeekState, checkin_step, digest_due, zone
from bot.platform.clock import SystemClock
from bot.platform.periods import week_key
from bot.platform.settings import Settings

SETTINGS = Settings(_env_file=None, slack_bot_token="xoxb-test", slack_signing_secret="secret-123")
TOKYO, BERLIN = ZoneInfo("Asia/Tokyo"), ZoneInfo("Europe/Berlin")


NOTHING_YET = WeekState()


def step_at(utc: str, tz: ZoneInfo, state: WeekState = NOTHING_YET) -> Step | None:
    """The decision at a frozen wall-clock moment, read through the real clock."""
    with freeze_time(utc):
        return checkin_step(SystemClock().now(), tz, state, SETTINGS)


def test_tokyo_and_berlin_are_each_asked_at_ten_their_time() -> None:
    # Tuesday 24 Nov 2026: 10:00 in Tokyo is 01:00 UTC; 10:00 in Berlin is 09:00 UTC.
    assert step_at("2026-11-24 00:59:59", TOKYO) is None
    assert step_at("2026-11-24 01:00:00", TOKYO) is Step.PROMPT
    assert step_at("2026-11-24 01:00:00", BERLIN) is None
    assert step_at("2026-11-24 08:59:59", BERLIN) is None
    assert step_at("2026-11-24 09:00:00", BERLIN) is Step.PROMPT


@pytest.mark.parametrize(
    ("before", "at"),
    [
        # Berlin leaves summer time on Sunday 25 Oct 2026: Tuesday 10:00 is 09:00 UTC,
        # the week before it was 08:00 UTC.
        ("2026-10-20 07:59:59", "2026-10-20 08:00:00"),
        ("2026-10-27 08:59:59", "2026-10-27 09:00:00"),
        # Summer time starts on Sunday 28 Mar 2027: Tuesday 10:00 is 08:00 UTC again.
        ("2027-03-30 07:59:59", "2027-03-30 08:00:00"),
    ],
)
def test_the_prompt_follows_local_time_across_dst_changes(before: str, at: str) -> None:
    assert step_at(before, BERLIN) is None
    assert step_at(at, BERLIN) is Step.PROMPT


def test_one_last_call_on_thursday_for_those_who_have_not_answered() -> None:
    asked = datetime(2026, 11, 24, 9, tzinfo=UTC)
    waiting = WeekState(prompted_at=asked)
    assert step_at("2026-11-26 08:59:59", BERLIN, waiting) is None
    assert step_at("2026-11-26 09:00:00", BERLIN, waiting) is Step.REMIND
    reminded = WeekState(prompted_at=asked, reminded=True)
    assert step_at("2026-11-27 09:00:00", BERLIN, reminded) is None


@pytest.mark.parametrize(
    "state",
    [
        WeekState(prompted_at=datetime(2026, 11, 24, 9, tzinfo=UTC), answered=True),
        WeekState(prompted_at=datetime(2026, 11, 24, 9, tzinfo=UTC), skipped=True),
        WeekState(skipped=True),
        WeekState(paused=True),
    ],
)
def test_answered_skipped_or_paused_members_get_nothing(state: WeekState) -> None:
    assert step_at("2026-11-26 12:00:00", BERLIN, state) is None


def test_a_bot_that_was_down_prompts_late_but_never_reminds_right_after() -> None:
    assert step_at("2026-11-26 10:00:00", BERLIN) is Step.PROMPT  # Thursday, prompt missed
    late = WeekState(prompted_at=datetime(2026, 11, 26, 10, tzinfo=UTC))
    assert step_at("2026-11-26 10:30:00", BERLIN, late) is None
    assert step_at("2026-11-26 12:00:00", BERLIN, late) is Step.REMIND


def test_weeks_are_the_members_own() -> None:
    # Sunday 29 Nov 22:30 UTC is already Monday in Tokyo: a new check-in week there.
    moment = datetime(2026, 11, 29, 22, 30, tzinfo=UTC)
    assert week_key(moment, TOKYO) == "2026-W49"
    assert week_key(moment, BERLIN) == "2026-W48"


def test_the_digest_is_due_from_friday_four_pm_in_the_guides_zone() -> None:
    assert not digest_due(datetime(2026, 11, 27, 14, 59, tzinfo=UTC), BERLIN, SETTINGS)
    assert digest_due(datetime(2026, 11, 27, 15, 0, tzinfo=UTC), BERLIN, SETTINGS)
    assert not digest_due(datetime(2026, 11, 30, 0, 0, tzinfo=UTC), BERLIN, SETTINGS)


def test_unknown_or_broken_zones_fall_back_to_the_communitys() -> None:
    assert zone(None, BERLIN) is BERLIN
    assert zone("Mars/Base", BERLIN) is BERLIN
    assert zone("Asia/Tokyo", BERLIN) == TOKYO
