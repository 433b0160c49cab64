"""What admins read: the five lines with their change from last week, the small-number
rule, a week with nothing in it, the chart and the CSV."""

from __future__ import annotations

import csv
import io
import struct
from dataclasses import replace
from datetime import date, timedelta

from bot.pulse.blocks import five_lines_text, home_section, pulse_blocks
from bot.pulse.chart import render_chart
from bot.pulse.figures import Now, Pulse, Week, median_of
from bot.pulse.lines import five_lines, plain_text
from bot.pulse.searches import search_words
from bot.pulse.table import weekly_csv

NOBODY = Now(
    paused=0,
    quiet_names=(),
    median_friends=None,
    cohorts=(),
    circles=(),
    circles_quiet_two_weeks=0,
    missing_words=(),
    totals={},
)


def weeks(**this: int) -> Pulse:
    """Twelve weeks; the one before last has a fixed set of figures, the last ``this``."""
    mondays = [date(2026, 9, 14) + timedelta(weeks=i) for i in range(12)]
    before = Week(
        mondays[10],
        members=40,
        active=30,
        intros=20,
        intros_answered=10,
        intros_met=6,
        friendships_formed=2,
        friendships_total=10,
        with_friend=12,
        checkins_asked=20,
        checkins_answered=14,
    )
    return Pulse(
        weeks=(*[Week(m) for m in mondays[:10]], before, Week(mondays[11], **this)),
        now=NOBODY,
    )


def test_five_lines_say_the_change_from_last_week() -> None:
    pulse = weeks(
        members=40,
        active=33,
        intros=20,
        intros_answered=10,
        intros_met=7,
        friendships_formed=3,
        friendships_total=13,
        with_friend=14,
        checkins_asked=20,
        checkins_answered=14,
    )
    assert five_lines(pulse) == [
        ("Members with a friend here", "35% of 40 members (up 5 points on the week before)"),
        ("Friendships formed", "3 that week, 13 in all (1 more than the week before)"),
        ("Intros that met", "70% of 10 answered intros (up 10 points on the week before)"),
        ("Check-ins answered", "70% of 20 check-ins (same as the week before)"),
        ("Active members (did anything in 4 weeks)", "33 (3 more than the week before)"),
    ]
    assert plain_text(pulse) == (
        "Community pulse for the week of 30 Nov. Members with a friend here: 35% of 40 "
        "members (up 5 points on the week before)."
    )


def test_fewer_than_five_answers_show_a_dash_and_nothing_to_measure_says_so() -> None:
    pulse = weeks(members=40, intros=6, intros_answered=4, intros_met=4, checkins_asked=0)
    lines = dict(five_lines(pulse))
    assert lines["Intros that met"] == "— (fewer than 5 answered intros)"
    assert lines["Check-ins answered"] == "no check-ins were asked for"
    quiet = weeks(members=40, intros=6)
    assert dict(five_lines(quiet))["Intros that met"] == "none of its intros were answered"


def test_a_week_with_nothing_in_it_says_so_instead_of_zeros() -> None:
    pulse = weeks(members=40, active=3, with_friend=12)
    text = five_lines_text(pulse)
    assert text.startswith("Nothing was recorded in the week of 30 Nov:")
    assert "0%" not in text and " 0 " not in text
    shown = str(pulse_blocks(pulse))
    assert "0 intros" not in shown and "0 answered" not in shown
    assert "Nothing was recorded" in str(home_section(pulse))


def test_the_average_mood_needs_five_shared_moods() -> None:
    assert weeks(mood_sum=14, mood_answers=4).this_week.mood.value is None
    assert weeks(mood_sum=18, mood_answers=5).this_week.mood.value == 3.6


def test_the_chart_is_a_png_of_800_by_450() -> None:
    png = render_chart(weeks(members=40, with_friend=14, intros_answered=10, intros_met=7))
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", png[16:24])  # the IHDR chunk
    assert (width, height) == (800, 450)
    assert png.endswith(b"IEND\xaeB`\x82")


def test_the_csv_has_a_header_and_one_row_per_week() -> None:
    pulse = weeks(members=40, with_friend=14, intros_answered=10, intros_met=7, mood_sum=9)
    rows = list(csv.DictReader(io.StringIO(weekly_csv(pulse))))
    assert len(rows) == 12
    assert [r["week_starting"] for r in rows[:2]] == ["2026-09-14", "2026-09-21"]
    last = rows[-1]
    assert last["members"] == "40" and last["friend_share_percent"] == "35.0"
    assert last["met_rate_percent"] == "70.0"
    assert last["checkin_rate_percent"] == ""  # nothing asked: empty, not 0
    assert "mood_sum" not in last  # one person's mood could be read from it


def test_the_median_of_a_histogram() -> None:
    assert median_of({0: 6, 1: 5, 2: 1}) == 0.5
    assert median_of({3: 1}) == 3.0
    assert median_of({}) is None


def test_search_words_drop_stop_words_and_repeats() -> None:
    assert search_words("How to write a PRD, prd template") == ["write", "prd", "template"]


def test_a_withheld_rate_changes_nothing_in_the_next_line() -> None:
    pulse = weeks(members=40, with_friend=14)
    pulse = replace(
        pulse, weeks=(*pulse.weeks[:10], replace(pulse.weeks[10], members=3), pulse.weeks[11])
    )
    assert dict(five_lines(pulse))["Members with a friend here"] == (
        "35% of 40 members (no figure for the week before)"
    )
