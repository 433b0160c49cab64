"""Working hours: windows round the clock, what a group shares, said as people say it."""

from __future__ import annotations

from bot.circles.hours import (
    ALL_DAY,
    WorkingDay,
    describe,
    hours_text,
    longest_run,
    place_name,
    shared_run,
    window,
)

DAY = WorkingDay()  # 08:00–20:00, 2 hours shared


def hours(bits: int) -> float:
    return shared_run(bits) / 4


def test_a_working_day_in_london_is_eight_to_eight_utc() -> None:
    assert longest_run(window(DAY, 0.0)) == (8 * 4, 12 * 4)


def test_a_working_day_in_tokyo_runs_past_midnight_utc() -> None:
    assert longest_run(window(DAY, 9.0)) == (23 * 4, 12 * 4)


def test_london_and_tokyo_share_three_hours_of_a_twelve_hour_day() -> None:
    assert hours(window(DAY, 0.0) & window(DAY, 9.0)) == 3.0


def test_london_and_sydney_share_one_hour_so_they_cannot_meet() -> None:
    assert hours(window(DAY, 0.0) & window(DAY, 11.0)) == 1.0
    assert shared_run(window(DAY, 0.0) & window(DAY, 11.0)) < DAY.need


def test_new_york_and_singapore_share_one_hour_across_midnight_utc() -> None:
    assert longest_run(window(DAY, -5.0) & window(DAY, 8.0)) == (0, 4)


def test_an_unknown_zone_is_neutral() -> None:
    assert window(DAY, None) == ALL_DAY
    assert hours(window(DAY, None) & window(DAY, 9.0)) == 12.0


def test_half_hour_zones_fit_exactly() -> None:
    assert hours(window(DAY, 0.0) & window(DAY, 5.5)) == 6.5


def test_a_narrower_day_shares_less() -> None:
    office = WorkingDay(start=9.0, end=17.0, shared=4.0)
    assert hours(window(office, 0.0) & window(office, -5.0)) == 3.0
    assert office.need == 16


def test_shared_hours_are_said_in_each_place_s_own_clock() -> None:
    bits = window(DAY, 0.0) & window(DAY, 9.0)
    assert describe(bits, [("London", 0.0), ("Tokyo", 9.0)]) == (
        "08:00–11:00 London / 17:00–20:00 Tokyo"
    )
    india = window(DAY, 0.0) & window(DAY, 5.5)
    assert describe(india, [("London", 0.0), ("Kolkata", 5.5)]) == (
        "08:00–14:30 London / 13:30–20:00 Kolkata"
    )


def test_nothing_to_say_when_nothing_is_shared_or_known() -> None:
    assert describe(window(DAY, 0.0) & window(DAY, 12.0), [("London", 0.0)]) == ""
    assert describe(ALL_DAY, [("London", 0.0)]) == ""


def test_hours_and_places_read_as_people_say_them() -> None:
    assert [hours_text(q) for q in (2, 4, 6, 8, 13)] == [
        "½ hour",
        "1 hour",
        "1½ hours",
        "2 hours",
        "3¼ hours",
    ]
    assert place_name("America/New_York") == "New York"
    assert place_name("UTC") == "UTC"
    assert place_name(None) is None
