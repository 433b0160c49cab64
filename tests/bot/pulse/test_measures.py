"""The pulse's measures against the hand-built history in tests/bot/pulse/history.py: every
number below is counted by hand from that file."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date

import pytest
from sqlalchemy.orm import Session, sessionmaker

from bot.pulse.compute import compute_pulse
from bot.pulse.figures import CircleWeek, CohortFriends, Pulse
from tests.bot.pulse.history import BERLIN, NOW, build


@pytest.fixture
def pulse(sessions: sessionmaker[Session]) -> Pulse:
    with sessions.begin() as session:
        build(session)
    with sessions() as session:
        return compute_pulse(session, NOW, BERLIN)


def test_the_twelve_weeks_end_with_last_week(pulse: Pulse) -> None:
    assert len(pulse.weeks) == 12
    assert pulse.weeks[0].monday == date(2026, 9, 14)
    assert pulse.this_week.monday == date(2026, 11, 30)


def test_the_reported_week_counted_by_hand(pulse: Pulse) -> None:
    """Members: m1–m12 and m14, less m12 who left on 1 Dec; m11 joined on 2 Dec.
    Active: answered an intro (m1–m5, m9, m12), checked in or skipped (m1–m5), applied or
    added to the vault (m11), or answered last week's intro (m10): 9.
    Intros: six sent (one more was cancelled), five with an answer, four who met;
    six people met, three of them asked to meet again.
    Friends: m1, m2, m3, m5, m6, m7 (m12's friend left with them); m1 has two.
    Check-ins: 8 asked, 4 answered; rough weeks: a shared 2 and a ticked box.
    Moods: three shared (4, 2, 5). Vault: one entry, three searches, two found nothing.
    Cohorts: two applications, one admitted, the cohort started. Two confirmed seats at
    Thursday's lunch (a third waitlisted), one mentorship started."""
    week = asdict(pulse.this_week)
    assert week == {
        "monday": date(2026, 11, 30),
        "members": 12,
        "active": 9,
        "new": 1,
        "left": 1,
        "intros": 6,
        "intros_answered": 5,
        "intros_met": 4,
        "met_answers": 6,
        "meet_again": 3,
        "friendships_formed": 1,
        "friendships_total": 4,
        "with_friend": 6,
        "with_two_friends": 1,
        "checkins_asked": 8,
        "checkins_answered": 4,
        "rough_weeks": 2,
        "mood_sum": 11,
        "mood_answers": 3,
        "vault_added": 1,
        "searches": 3,
        "searches_empty": 2,
        "applications": 2,
        "admitted": 1,
        "waitlisted": 0,
        "cohorts_started": 1,
        "extra": {"lunch_seats": 2, "mentorships_started": 1},
    }
    assert pulse.this_week.met_rate.value == 0.8
    assert pulse.this_week.meet_again_rate.value == 0.5
    assert pulse.this_week.friend_share.value == 0.5
    assert pulse.this_week.checkin_rate.value == 0.5
    # Three shared moods: fewer than five, so no average.
    assert pulse.this_week.mood.value is None and pulse.this_week.mood.withheld


def test_the_week_before_counted_by_hand(pulse: Pulse) -> None:
    """Four intros, one answered (m10 met); m1 and m6 became friends on 25 Nov; all five
    of Maple answered with a shared 3, nobody in Birch; one search found nothing."""
    week = pulse.last_week
    assert (week.members, week.active, week.new, week.left) == (12, 6, 0, 0)
    assert (week.intros, week.intros_answered, week.intros_met) == (4, 1, 1)
    assert week.met_rate.value is None and week.met_rate.withheld  # one answer only
    assert (week.friendships_formed, week.friendships_total) == (1, 3)
    assert (week.with_friend, week.with_two_friends) == (6, 0)
    assert (week.checkins_asked, week.checkins_answered) == (8, 5)
    assert week.mood.value == 3.0 and week.mood.base == 5
    assert (week.searches, week.searches_empty, week.vault_added) == (1, 1, 0)


def test_earlier_weeks_hold_only_what_happened_then(pulse: Pulse) -> None:
    """Week of 16 Nov: m7's unanswered check-in, and the intro m6 and m8 ignored."""
    nov_16 = pulse.weeks[9]
    assert nov_16.monday == date(2026, 11, 16)
    assert (nov_16.checkins_asked, nov_16.checkins_answered, nov_16.intros) == (1, 0, 1)
    september = pulse.weeks[0]
    assert september.members == 0 and september.is_empty


def test_today_counted_by_hand(pulse: Pulse) -> None:
    """m8 ignored three intros in a row, m7 three check-ins; m14 is paused. Friends per
    current member: 2, 1, 1, 1, 1, 1 and six with none, so the median is 0.5."""
    now = pulse.now
    assert now.paused == 1
    assert now.quiet_names == ("Member 7", "Member 8")
    assert now.median_friends == 0.5
    assert now.cohorts == (
        CohortFriends("Spring", members=1, with_friend=0, with_two_friends=0, median_friends=0.0),
    )
    assert now.circles == (CircleWeek("Birch", 3, 0), CircleWeek("Maple", 5, 4))
    assert now.circles_quiet_two_weeks == 1
    assert now.missing_words == (("pricing", 2), ("okrs", 1), ("page", 1), ("teardown", 1))
    assert now.totals == {
        "members": 12,
        "intros": 11,
        "friendships": 4,
        "vault_entries": 1,
        "searches": 4,
        "searches_empty": 3,
    }
