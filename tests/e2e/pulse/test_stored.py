"""The week's pulse is stored once (by the Monday job, or the first admin to ask) and App
Home and `/pulse` read it: what admins see is the week as it was stored, paused counts
exist only for stored weeks, and a stored week never keeps a name."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.outbox.dispatcher import OutboxDispatcher
from bot.platform.clock import ManualClock
from bot.platform.services import Services
from bot.privacy.deletion import delete_member
from bot.sandbox import SlackDriver, SlackSandbox
from bot.sandbox.copy_check import copy_problems
from jobs.pulse import run_pulse
from storage.models import Friendship, Member, MemberStatus, PulseWeek
from tests.bot.pulse.history import NOW, build

NOV_30 = date(2026, 11, 30)


@pytest.fixture
def people(sessions: sessionmaker[Session], clock: ManualClock) -> dict[str, int]:
    with sessions.begin() as session:
        built = build(session)
        ids = {name: m.id for name, m in built.items()}
    clock.set(NOW)
    return ids


def test_app_home_shows_the_week_as_the_monday_job_stored_it(
    driver: SlackDriver,
    sandbox: SlackSandbox,
    services: Services,
    sessions: sessionmaker[Session],
    people: dict[str, int],
    circlebot_admin: str,
) -> None:
    assert run_pulse(services) == 2
    with sessions() as session:
        stored = session.get(PulseWeek, NOV_30)
        assert stored is not None and stored.paused == 1
    with sessions.begin() as session:  # a friendship recorded late, in the stored week
        session.add(
            Friendship(
                member_a=people["m2"],
                member_b=people["m4"],
                created_at=datetime(2026, 12, 2, 12, tzinfo=UTC),
                last_paired_week=0,
            )
        )
    driver.app_home_opened(circlebot_admin)
    home = str(sandbox.home(circlebot_admin))
    assert "*Friendships formed:* 1 that week, 4 in all (same as the week before)" in home
    driver.slash_command(circlebot_admin, "/pulse")
    assert "1 formed that week, 4 in all" in str(sandbox.seen_by(circlebot_admin)[-1].blocks)


def test_a_quiet_member_deleted_after_the_week_was_stored_is_not_named(
    driver: SlackDriver,
    sandbox: SlackSandbox,
    services: Services,
    sessions: sessionmaker[Session],
    dispatcher: OutboxDispatcher,
    people: dict[str, int],
    circlebot_admin: str,
) -> None:
    driver.slash_command(circlebot_admin, "/pulse")
    assert "2 gone quiet (3 intros or check-ins in a row unanswered): Member 7, Member 8" in str(
        sandbox.seen_by(circlebot_admin)[-1].blocks
    )
    with sessions.begin() as session:
        m8 = session.get(Member, people["m8"])
        assert m8 is not None
        delete_member(
            session, m8, actor="U0008", keep_vault=False, now=NOW, settings=services.settings
        )
    dispatcher.drain()
    driver.slash_command(circlebot_admin, "/pulse")
    answer = str(sandbox.seen_by(circlebot_admin)[-1].blocks)
    assert "1 gone quiet (3 intros or check-ins in a row unanswered): Member 7" in answer
    assert "Member 8" not in answer
    with sessions() as session:
        figures = session.scalars(select(PulseWeek.figures)).one()
    assert figures["now"]["quiet_ids"] == [people["m7"]]  # m8's id went with their data
    assert "Member" not in str(figures) and "U000" not in str(figures)


def test_paused_is_counted_only_for_weeks_whose_pulse_was_stored(
    driver: SlackDriver,
    sandbox: SlackSandbox,
    sessions: sessionmaker[Session],
    clock: ManualClock,
    dispatcher: OutboxDispatcher,
    people: dict[str, int],
    circlebot_admin: str,
) -> None:
    clock.set(NOW - timedelta(weeks=1))  # an admin looked at the week of 23 Nov
    driver.slash_command(circlebot_admin, "/pulse")
    with sessions.begin() as session:  # m5 pauses afterwards: two paused now
        m5 = session.get(Member, people["m5"])
        assert m5 is not None
        m5.status = MemberStatus.PAUSED
    clock.set(NOW)
    driver.slash_command(circlebot_admin, "/pulse")
    answer = str(sandbox.seen_by(circlebot_admin)[-1].blocks)
    assert "2 paused" in answer
    assert (
        "paused is counted when a week's pulse is stored: no count for the weeks of "
        "14 Sep to 16 Nov" in answer
    )
    driver.slash_command(circlebot_admin, "/pulse", "csv")
    dispatcher.drain()
    [message] = [
        m
        for m in sandbox.messages(sandbox.dm_channel(circlebot_admin))
        if m["text"].startswith("The weekly figures")
    ]
    assert message["text"].endswith(
        "Paused members are counted when a week's pulse is stored, so the "
        "paused_when_stored column is empty for the weeks of 14 Sep to 16 Nov."
    )
    table = [f for f in sandbox.files_in(sandbox.dm_channel(circlebot_admin)) if "csv" in f["name"]]
    rows = list(csv.DictReader(io.StringIO(table[-1]["content"].decode())))
    assert [r["paused_when_stored"] for r in rows] == [""] * 10 + ["1", "2"]
    assert copy_problems(sandbox) == []  # the voice rules hold for the new sentences


def test_a_week_stored_in_an_older_shape_is_computed_again(
    driver: SlackDriver,
    sandbox: SlackSandbox,
    sessions: sessionmaker[Session],
    people: dict[str, int],
    circlebot_admin: str,
) -> None:
    with sessions.begin() as session:
        session.add(PulseWeek(week=NOV_30, figures={"version": 0}, paused=9, stored_at=NOW))
    driver.app_home_opened(circlebot_admin)
    home = str(sandbox.home(circlebot_admin))
    assert "*Friendships formed:* 1 that week, 4 in all (same as the week before)" in home
    with sessions() as session:
        stored = session.get(PulseWeek, NOV_30)
        assert stored is not None
        assert (stored.figures["version"], stored.paused) == (1, 1)
