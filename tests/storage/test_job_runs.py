"""A job runs once per period, however many claim it."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from sqlalchemy.orm import Session, sessionmaker

from bot.platform.clock import ManualClock
from bot.platform.periods import day_key, week_key
from storage.job_runs import claim, finish, run_for
from tests.conftest import START


def test_second_claim_for_the_same_period_is_a_no_op(
    sessions: sessionmaker[Session], clock: ManualClock
) -> None:
    assert claim(sessions, "pairing", "2026-W48", clock=clock) is True
    assert claim(sessions, "pairing", "2026-W48", clock=clock) is False
    assert claim(sessions, "pairing", "2026-W49", clock=clock) is True
    assert claim(sessions, "checkin", "2026-W48", clock=clock) is True


def test_finish_records_status_and_detail(
    sessions: sessionmaker[Session], clock: ManualClock
) -> None:
    claim(sessions, "member_sync", "2026-11-23", clock=clock)
    finish(sessions, "member_sync", "2026-11-23", clock=clock, detail={"added": 3})
    run = run_for(sessions, "member_sync", "2026-11-23")
    assert run is not None and run.status == "done" and run.detail == {"added": 3}
    assert run.finished_at == START


def test_eight_racing_claimers_get_exactly_one_win(
    sessions: sessionmaker[Session], clock: ManualClock
) -> None:
    def attempt(i: int) -> bool:
        return claim(sessions, "pairing", "2026-W48", clock=clock, worker=f"w{i}")

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(attempt, range(8)))
    assert results.count(True) == 1


def test_period_keys_follow_the_community_time_zone() -> None:
    from datetime import UTC, datetime
    from zoneinfo import ZoneInfo

    sunday_night_utc = datetime(2026, 11, 29, 23, 30, tzinfo=UTC)  # Monday in Berlin
    assert week_key(sunday_night_utc, ZoneInfo("UTC")) == "2026-W48"
    assert week_key(sunday_night_utc, ZoneInfo("Europe/Berlin")) == "2026-W49"
    assert day_key(sunday_night_utc, ZoneInfo("America/Los_Angeles")) == "2026-11-29"
