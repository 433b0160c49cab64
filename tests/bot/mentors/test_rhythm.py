"""The monthly rhythm in each person's own clock, across daylight-saving changes."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from bot.mentors.rhythm import (
    Plan,
    Step,
    due_steps,
    first_session,
    months_later,
    next_session,
    panel_update_due,
)

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")


def plan(first: date, day: int, mentee: ZoneInfo = BERLIN, mentor: ZoneInfo = NEW_YORK) -> Plan:
    return Plan(first, day, mentee, mentor, datetime(2027, 12, 31, tzinfo=UTC))


def steps(now: datetime, p: Plan) -> list[tuple[Step, str]]:
    return [(d.step, d.month) for d in due_steps(now, p)]


def test_the_recap_prompt_is_at_nine_in_new_york_on_the_day_clocks_spring_forward() -> None:
    # New York moves to summer time on Sun 14 Mar 2027. Sessions on the 16th: February's
    # prompt (Sun 14 Feb, 09:00 EST) is 14:00 UTC; March's (Sun 14 Mar, 09:00 EDT) is 13:00.
    p = plan(date(2027, 2, 16), 16, mentee=NEW_YORK, mentor=BERLIN)
    assert steps(datetime(2027, 2, 14, 13, 59, tzinfo=UTC), p) == []
    assert steps(datetime(2027, 2, 14, 14, 0, tzinfo=UTC), p) == [(Step.RECAP, "2027-02")]
    assert (Step.RECAP, "2027-03") not in steps(datetime(2027, 3, 14, 12, 59, tzinfo=UTC), p)
    assert (Step.RECAP, "2027-03") in steps(datetime(2027, 3, 14, 13, 0, tzinfo=UTC), p)


def test_the_fit_question_is_at_ten_in_new_york_after_the_autumn_change() -> None:
    # New York falls back on Sun 1 Nov 2026: 10:00 EST on Mon 2 Nov is 15:00 UTC.
    p = plan(date(2026, 11, 1), 1)
    assert (Step.FIT_MENTOR, "2026-11") not in steps(datetime(2026, 11, 2, 14, 59, tzinfo=UTC), p)
    assert (Step.FIT_MENTOR, "2026-11") in steps(datetime(2026, 11, 2, 15, 0, tzinfo=UTC), p)
    assert (Step.FIT_MENTEE, "2026-11") in steps(datetime(2026, 11, 2, 9, 0, tzinfo=UTC), p)


def test_next_steps_every_month_and_the_mutual_question_every_third() -> None:
    p = plan(date(2027, 1, 10), 10)
    after = {
        month: steps(datetime(2027, month, 11, 10, 0, tzinfo=UTC), p) for month in (1, 2, 3, 4)
    }
    assert all((Step.NEXT_STEP, f"2027-0{m}") in after[m] for m in after)
    assert [m for m in after if (Step.MUTUAL, f"2027-0{m}") in after[m]] == [3]


def test_a_stale_step_is_not_sent_after_its_window() -> None:
    p = plan(date(2027, 1, 10), 10)
    assert steps(datetime(2027, 1, 10, 12, 0, tzinfo=UTC), p) == []  # the session day itself
    assert (Step.FIT_MENTEE, "2027-01") not in steps(datetime(2027, 2, 1, 10, tzinfo=UTC), p)


def test_the_first_session_and_the_term() -> None:
    assert first_session(date(2026, 11, 23), 25) == date(2026, 12, 25)  # too soon this month
    assert first_session(date(2026, 11, 23), 26) == date(2026, 11, 26)
    assert months_later(datetime(2026, 8, 31, 9, tzinfo=UTC), 6) == datetime(
        2027, 2, 28, 9, tzinfo=UTC
    )
    ending = Plan(date(2027, 1, 10), 10, BERLIN, NEW_YORK, datetime(2027, 7, 1, tzinfo=UTC))
    assert (Step.TERM_END, "2027-07") in steps(datetime(2027, 7, 1, 0, 5, tzinfo=UTC), ending)
    assert not [
        s for s, _ in steps(datetime(2027, 7, 11, 10, tzinfo=UTC), ending) if s == Step.NEXT_STEP
    ]


def test_renewal_is_asked_two_weeks_before_the_end() -> None:
    p = Plan(date(2027, 1, 10), 10, BERLIN, NEW_YORK, datetime(2027, 7, 10, 8, tzinfo=UTC))
    assert (Step.RENEW_ASK, "2027-07") not in steps(datetime(2027, 6, 26, 7, tzinfo=UTC), p)
    assert (Step.RENEW_ASK, "2027-07") in steps(datetime(2027, 6, 26, 8, tzinfo=UTC), p)
    assert (Step.RENEW_ASK, "2027-07") not in steps(datetime(2027, 7, 10, 8, tzinfo=UTC), p)


def test_the_panel_question_opens_each_quarter_at_ten_local_for_two_weeks() -> None:
    assert panel_update_due(datetime(2027, 4, 1, 7, 59, tzinfo=UTC), BERLIN) is None
    assert panel_update_due(datetime(2027, 4, 1, 8, 0, tzinfo=UTC), BERLIN) == "2027-Q2"
    assert panel_update_due(datetime(2027, 4, 14, 21, 59, tzinfo=UTC), BERLIN) == "2027-Q2"
    assert panel_update_due(datetime(2027, 4, 14, 22, 0, tzinfo=UTC), BERLIN) is None
    assert panel_update_due(datetime(2027, 5, 1, 10, tzinfo=UTC), BERLIN) is None


def test_a_pair_that_never_picked_a_day_still_reaches_the_end_of_its_term() -> None:
    p = Plan(None, 1, BERLIN, NEW_YORK, datetime(2027, 7, 10, 8, tzinfo=UTC))
    assert steps(datetime(2027, 3, 1, 12, tzinfo=UTC), p) == []
    assert steps(datetime(2027, 7, 10, 8, tzinfo=UTC), p) == [(Step.TERM_END, "2027-07")]


def test_the_next_session_is_the_first_until_it_passes_then_the_day_each_month() -> None:
    first = date(2026, 12, 15)
    assert next_session(first, 15, date(2026, 12, 1)) == first
    assert next_session(first, 15, date(2026, 12, 15)) == first
    assert next_session(first, 15, date(2026, 12, 16)) == date(2027, 1, 15)
    assert next_session(first, 15, date(2027, 1, 10)) == date(2027, 1, 15)
    assert next_session(date(2026, 12, 28), 28, date(2027, 2, 28)) == date(2027, 2, 28)
