"""Issue 7, test 4: a bot that was down at round time. Down at Monday 09:00 and started at
11:00: the round runs once, at start. Down for the whole week: last week's round is not
sent late; its period is recorded as missed."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from slack_bolt import App
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.demo.community import add_members
from bot.outbox.dispatcher import OutboxDispatcher
from bot.platform.clock import ManualClock
from bot.platform.services import Services
from bot.sandbox import SlackSandbox
from jobs.pairing import run_weekly_round
from jobs.scheduler import build_scheduler, catch_up
from storage.models import JobRun, OutboxMessage, PairingRound
from tests.production.conftest import posted_keys

BERLIN = ZoneInfo("Europe/Berlin")
W47_MONDAY = datetime(2026, 11, 16, 9, 0, tzinfo=BERLIN)
W48_MONDAY = datetime(2026, 11, 23, 9, 0, tzinfo=BERLIN)


def runs(sessions: sessionmaker[Session]) -> dict[str, str]:
    with sessions() as s:
        return {
            r.period_key: r.status for r in s.scalars(select(JobRun).where(JobRun.job == "pairing"))
        }


def intro_rows(sessions: sessionmaker[Session]) -> list[OutboxMessage]:
    with sessions() as s:
        return list(
            s.scalars(select(OutboxMessage).where(OutboxMessage.idempotency_key.like("pairing:%")))
        )


def test_down_at_nine_started_at_eleven_runs_the_round_once_at_start(
    services: Services,
    sandbox: SlackSandbox,
    sessions: sessionmaker[Session],
    clock: ManualClock,
    app: App,
    dispatcher: OutboxDispatcher,
) -> None:
    add_members(sandbox, sessions, clock, 8)
    started = W48_MONDAY + timedelta(hours=2)
    clock.set(started)

    catch_up(services, app.client)  # what `circlebot run` does before serving
    scheduler = build_scheduler(services, app.client)
    trigger = scheduler.get_job("pairing_round").trigger
    next_fire = trigger.get_next_fire_time(None, started.astimezone(BERLIN))
    assert next_fire == W48_MONDAY + timedelta(weeks=1)  # no second run this week
    assert run_weekly_round(services) is None  # nor from another replica or a retry
    dispatcher.drain()

    assert runs(sessions) == {"2026-W48": "done"}
    rows = intro_rows(sessions)
    assert len(rows) == 4 and {r.created_at for r in rows} == {started}
    assert set(posted_keys(sandbox, "pairing:").values()) == {1}
    assert len(posted_keys(sandbox, "pairing:")) == 4


def test_down_for_the_whole_week_records_a_missed_round_and_sends_nothing_late(
    services: Services,
    sandbox: SlackSandbox,
    sessions: sessionmaker[Session],
    clock: ManualClock,
    app: App,
    dispatcher: OutboxDispatcher,
) -> None:
    add_members(sandbox, sessions, clock, 8)
    clock.set(W47_MONDAY)
    assert run_weekly_round(services) is not None  # the bot ran the week before
    dispatcher.drain()
    sent_before = posted_keys(sandbox, "pairing:")

    clock.set(W48_MONDAY + timedelta(days=6, hours=23))  # back on Monday 08:00 of W49
    catch_up(services, app.client)
    dispatcher.drain()

    assert runs(sessions) == {"2026-W47": "done", "2026-W48": "missed"}
    with sessions() as s:
        assert s.scalars(select(PairingRound.period_key)).all() == ["2026-W47"]
        missed = s.scalar(select(JobRun).where(JobRun.period_key == "2026-W48"))
    assert missed.detail["round_time"] == W48_MONDAY.isoformat()
    assert posted_keys(sandbox, "pairing:") == sent_before  # nothing from W48, late

    clock.set(W48_MONDAY + timedelta(weeks=1))  # W49's own round still happens on time
    assert run_weekly_round(services) is not None
    assert runs(sessions)["2026-W49"] == "done"


def test_started_within_two_days_still_runs_but_later_in_the_week_records_missed(
    services: Services, sandbox: SlackSandbox, sessions: sessionmaker[Session], clock: ManualClock
) -> None:
    add_members(sandbox, sessions, clock, 4)
    clock.set(W47_MONDAY)
    run_weekly_round(services)

    clock.set(W48_MONDAY + timedelta(days=2) - timedelta(minutes=1))  # Wednesday 08:59
    assert run_weekly_round(services) is not None
    clock.set(W48_MONDAY + timedelta(weeks=1, days=3))  # W49: down Monday to Thursday
    assert run_weekly_round(services) is None
    assert runs(sessions) == {"2026-W47": "done", "2026-W48": "done", "2026-W49": "missed"}


def test_a_fresh_install_has_no_missed_rounds(
    services: Services, sandbox: SlackSandbox, sessions: sessionmaker[Session], clock: ManualClock
) -> None:
    add_members(sandbox, sessions, clock, 4)
    clock.set(W48_MONDAY + timedelta(days=4))  # installed on a Friday
    assert run_weekly_round(services) is None
    assert runs(sessions) == {}
