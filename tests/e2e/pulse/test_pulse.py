"""Admins ask for the pulse as they would type it; members cannot. What an admin sees is
counts and rates: no check-in text, no application answers, no names but the quiet ones."""

from __future__ import annotations

import csv
import io
import re
import struct
from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.outbox.dispatcher import OutboxDispatcher
from bot.platform.clock import ManualClock
from bot.platform.services import Services
from bot.sandbox import SlackDriver, SlackSandbox
from bot.sandbox.copy_check import copy_problems
from jobs.pulse import run_pulse
from storage.models import VaultSearchLog
from tests.bot.pulse.history import (
    CHALLENGE_TEXT,
    GOAL_TEXT,
    NOW,
    QUESTION_TEXT,
    WANTS_TEXT,
    WIN_TEXT,
    build,
)


@pytest.fixture(autouse=True)
def history(sessions: sessionmaker[Session], clock: ManualClock) -> None:
    with sessions.begin() as session:
        build(session)
    clock.set(NOW)


def seen_text(sandbox: SlackSandbox, user: str) -> str:
    """Everything this person saw: messages, answers, Home, with their blocks."""
    return "\n".join(f"{s.text} {s.blocks} {s.view}" for s in sandbox.seen_by(user))


def test_an_admin_types_pulse_and_sees_the_five_lines_then_gets_the_chart(
    driver: SlackDriver,
    sandbox: SlackSandbox,
    dispatcher: OutboxDispatcher,
    circlebot_admin: str,
) -> None:
    driver.slash_command(circlebot_admin, "/pulse")
    answer = sandbox.seen_by(circlebot_admin)[-1]
    assert answer.text.startswith("Community pulse for the week of 30 Nov.")
    shown = str(answer.blocks)
    assert "*Members with a friend here:* 50% of 12 members (same as the week before)" in shown
    assert "*Intros that met:* 80% of 5 answered intros (no figure for the week before)" in shown
    assert "*Check-ins answered:* 50% of 8 check-ins (down 12 points on the week before)" in shown
    assert "mood: — (fewer than 5 shared moods)" in shown
    assert "pricing (2), okrs (1), page (1), teardown (1)" in shown
    assert "12 members today, 11 intros, 4 friendships, 1 vault entry, 4 searches" in shown
    dispatcher.drain()
    (chart,) = sandbox.files_in(sandbox.dm_channel(circlebot_admin))
    assert chart["content"][:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", chart["content"][16:24]) == (800, 450)


def test_a_member_cannot_see_the_pulse(
    driver: SlackDriver, sandbox: SlackSandbox, ana: str
) -> None:
    driver.slash_command(ana, "/pulse")
    assert (
        sandbox.seen_by(ana)[-1].text == "Only community admins can do that. Nothing was changed."
    )
    driver.slash_command(ana, "/pulse", "csv")
    assert "Only community admins" in sandbox.seen_by(ana)[-1].text


def test_pulse_csv_sends_one_row_per_week_with_a_header(
    driver: SlackDriver,
    sandbox: SlackSandbox,
    dispatcher: OutboxDispatcher,
    circlebot_admin: str,
) -> None:
    driver.slash_command(circlebot_admin, "/pulse", "csv")
    assert "on their way to your DM" in sandbox.seen_by(circlebot_admin)[-1].text
    dispatcher.drain()
    (table,) = sandbox.files_in(sandbox.dm_channel(circlebot_admin))
    assert table["name"] == "pulse-2026-11-30.csv"
    rows = list(csv.reader(io.StringIO(table["content"].decode())))
    assert rows[0][:3] == ["week_starting", "members", "active"]
    assert len(rows) == 1 + 12
    assert rows[-1][:3] == ["2026-11-30", "12", "9"]


def test_a_search_that_finds_nothing_is_counted_without_who_searched(
    driver: SlackDriver,
    sandbox: SlackSandbox,
    sessions: sessionmaker[Session],
    clock: ManualClock,
    circlebot_admin: str,
    ana: str,
) -> None:
    driver.slash_command(ana, "/vault", "search zzyzx qwertz")
    assert "Nothing in the vault matches" in sandbox.seen_by(ana)[-1].text
    with sessions() as session:
        logged = session.scalars(select(VaultSearchLog).order_by(VaultSearchLog.id.desc())).first()
    assert logged is not None
    assert (logged.words, logged.found) == (["zzyzx", "qwertz"], False)
    assert ana not in str(vars(logged))
    clock.set(NOW + timedelta(days=7))  # the search's week is now the reported one
    driver.slash_command(circlebot_admin, "/pulse")
    answer = str(sandbox.seen_by(circlebot_admin)[-1].blocks)
    assert "1 search, 1 found nothing" in answer
    assert (
        "looked for and not found (12 weeks): pricing (2), okrs (1), page (1), qwertz (1)" in answer
    )
    assert "Ana" not in answer


def test_app_home_shows_admins_the_five_lines_and_members_not(
    driver: SlackDriver, sandbox: SlackSandbox, circlebot_admin: str, ana: str
) -> None:
    driver.app_home_opened(circlebot_admin)
    home = str(sandbox.home(circlebot_admin))
    assert "Community pulse for the week of 30 Nov* (admins only)" in home
    assert "*Friendships formed:* 1 that week, 4 in all (same as the week before)" in home
    driver.app_home_opened(ana)
    assert "Community pulse" not in str(sandbox.home(ana))


def test_no_content_and_no_names_but_the_quiet_reach_an_admin(
    driver: SlackDriver,
    sandbox: SlackSandbox,
    services: Services,
    dispatcher: OutboxDispatcher,
    circlebot_admin: str,
) -> None:
    """The history holds check-in wins and challenges, an application's answers, intro
    icebreakers and fourteen names; the admin sees every pulse surface."""
    driver.slash_command(circlebot_admin, "/pulse")
    driver.slash_command(circlebot_admin, "/pulse", "csv")
    driver.app_home_opened(circlebot_admin)
    run_pulse(services)
    dispatcher.drain()
    seen = seen_text(sandbox, circlebot_admin)
    files = " ".join(
        f["content"].decode(errors="replace")
        for f in sandbox.files_in(sandbox.dm_channel(circlebot_admin))
    )
    assert "2 seats taken at tiny lunches, 1 mentorship started" in seen
    private_texts = (WIN_TEXT, CHALLENGE_TEXT, WANTS_TEXT, QUESTION_TEXT, GOAL_TEXT)
    for private in (*private_texts, "What are you reading?", "Grace Guest", "U0001"):
        assert private not in seen and private not in files
    assert set(re.findall(r"Member \d+", seen + files)) == {"Member 7", "Member 8"}
    assert copy_problems(sandbox) == []  # the voice rules: plurals, no raw markup, no cuts
