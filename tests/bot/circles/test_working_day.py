"""The working day circles are formed by comes from the settings, checked at start-up."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from bot.circles.forming import working_day
from bot.circles.hours import WorkingDay
from bot.platform.settings import EXPECTED, Settings

TOKENS = {"slack_bot_token": "xoxb-test", "slack_signing_secret": "secret-123"}


def test_the_defaults_are_two_shared_hours_of_an_eight_to_eight_day() -> None:
    assert working_day(Settings(_env_file=None, **TOKENS)) == WorkingDay(8.0, 20.0, 2.0)


def test_the_settings_shape_the_working_day() -> None:
    settings = Settings(
        _env_file=None,
        circle_shared_hours=1.5,
        working_day_start="7:30",
        working_day_end="18:00",
        **TOKENS,
    )
    assert working_day(settings) == WorkingDay(7.5, 18.0, 1.5)


def test_a_bad_value_is_refused_and_explained() -> None:
    with pytest.raises(ValidationError):
        Settings(_env_file=None, working_day_start="8am", **TOKENS)
    with pytest.raises(ValidationError):
        Settings(_env_file=None, circle_shared_hours=13, **TOKENS)
    assert {"CIRCLE_SHARED_HOURS", "WORKING_DAY_START", "WORKING_DAY_END"} <= EXPECTED.keys()
