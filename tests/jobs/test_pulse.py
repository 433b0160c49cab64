"""The admins' weekly pulse job: Monday after the round, in the community's time zone,
claimed once per week, the DM and the chart delivered through the outbox."""

from __future__ import annotations

import struct
from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.outbox.dispatcher import OutboxDispatcher
from bot.platform.clock import ManualClock
from bot.platform.services import Services
from bot.sandbox import SlackSandbox
from jobs.pulse import run_pulse
from jobs.scheduler import JOBS
from storage.models import JobRun
from tests.bot.pulse.history import NOW, WIN_TEXT, build


@pytest.fixture
def tokyo_admin(sandbox: SlackSandbox, services: Services) -> str:
    """Kenji, an admin in Tokyo: the community (Berlin) is eight hours behind him."""
    user = sandbox.add_user("kenji", real_name="Kenji Sato", tz="Asia/Tokyo")["id"]
    services.settings.circlebot_admins = (user,)
    return user


@pytest.fixture
def history(sessions: sessionmaker[Session], clock: ManualClock) -> None:
    with sessions.begin() as session:
        build(session)
    clock.set(NOW)  # Monday 7 Dec, 10:00 in Berlin: the pulse's time


def test_an_admin_in_tokyo_gets_it_at_the_communitys_monday_time(
    services: Services,
    clock: ManualClock,
    sandbox: SlackSandbox,
    dispatcher: OutboxDispatcher,
    history: None,
    tokyo_admin: str,
) -> None:
    clock.set(NOW - timedelta(minutes=1))  # 17:59 on Monday in Tokyo: long past his 10:00
    assert run_pulse(services) is None
    clock.set(NOW)
    assert run_pulse(services) == 2
    dispatcher.drain()
    dm = sandbox.dm_channel(tokyo_admin)
    assert dm is not None
    texts = [m["text"] for m in sandbox.messages(dm)]
    assert texts[0].startswith("Community pulse for the week of 30 Nov. Members with a friend")
    (chart,) = sandbox.files_in(dm)
    png = chart["content"]
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", png[16:24]) == (800, 450)
    assert chart["name"] == "pulse-2026-11-30.png"
    assert WIN_TEXT not in str(sandbox.messages(dm))


def test_the_week_is_claimed_once_whoever_runs_it(
    services: Services, sessions: sessionmaker[Session], history: None, tokyo_admin: str
) -> None:
    assert run_pulse(services) == 2
    assert run_pulse(services) is None
    other_replica = Services(settings=services.settings, sessions=sessions, clock=services.clock)
    services.clock.advance(timedelta(hours=5))  # a catch-up later the same day
    assert run_pulse(other_replica) is None
    with sessions() as session:
        runs = session.scalars(select(JobRun).where(JobRun.job == "pulse")).all()
    assert [(r.period_key, r.status) for r in runs] == [("2026-W50", "done")]


def test_a_bot_that_was_down_sends_it_within_two_days_not_later(
    services: Services, clock: ManualClock, history: None, tokyo_admin: str
) -> None:
    clock.set(NOW + timedelta(days=2, minutes=1))
    assert run_pulse(services) is None
    clock.set(NOW + timedelta(days=1))
    assert run_pulse(services) == 2


def test_the_scheduler_fires_it_on_the_pairing_day_at_pulse_time(services: Services) -> None:
    (job,) = [j for j in JOBS if j.id == "pulse"]
    trigger = job.trigger(services.settings)
    saturday = NOW - timedelta(days=2)
    fires = trigger.get_next_fire_time(None, saturday)
    assert fires == NOW  # Monday 10:00 in Berlin, the community's zone
