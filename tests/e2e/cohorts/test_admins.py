"""Admin actions are refused to everyone else, however the request is made."""

from __future__ import annotations

import json
from urllib.parse import urlencode

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.members.sync import apply_slack_user
from bot.outbox.dispatcher import OutboxDispatcher
from bot.platform.clock import ManualClock
from bot.sandbox import SlackDriver, SlackSandbox
from bot.sandbox.driver import FORM
from storage.models import Application, Cohort, Member
from tests.e2e.cohorts.flow import apply, button_message, dm_texts, latest_seen

REFUSAL = "Only community admins can do that. Nothing was changed."


@pytest.fixture
def eve(sandbox: SlackSandbox, sessions: sessionmaker[Session], clock: ManualClock) -> str:
    """An ordinary member, known to the bot."""
    user = sandbox.add_user("eve")
    with sessions.begin() as session:
        apply_slack_user(session, user, now=clock.now())
    return user["id"]


@pytest.fixture
def opened(
    driver: SlackDriver,
    sandbox: SlackSandbox,
    sessions: sessionmaker[Session],
    clock: ManualClock,
    dispatcher: OutboxDispatcher,
    owner: str,
) -> tuple[str, int]:
    """An open cohort with one pending application; returns (channel, application id)."""
    lobby = sandbox.add_channel("lobby", members=[owner])
    driver.slash_command(owner, "/cohort", "open Guarded spots=3", channel_id=lobby)
    dispatcher.drain()
    applicant = sandbox.add_user("ann")
    with sessions.begin() as session:
        apply_slack_user(session, applicant, now=clock.now())
    apply(driver, sandbox, applicant["id"], lobby)
    with sessions() as s:
        return lobby, s.scalar(select(Application.id))


def snapshot(sessions: sessionmaker[Session]) -> tuple:
    with sessions() as s:
        cohorts = [(c.status, c.taken) for c in s.scalars(select(Cohort))]
        apps = [(a.status, a.decided_by) for a in s.scalars(select(Application))]
    return cohorts, apps


@pytest.mark.parametrize("sub", ["open Sneaky", "close", "status", "review"])
def test_admin_commands_are_refused_to_a_member(
    driver: SlackDriver,
    eve: str,
    opened: tuple[str, int],
    sessions: sessionmaker[Session],
    sub: str,
) -> None:
    before = snapshot(sessions)
    assert driver.slash_command(eve, "/cohort", sub).json["text"] == REFUSAL
    assert snapshot(sessions) == before


@pytest.mark.parametrize(
    "action", ["cohort_admit", "cohort_waitlist", "cohort_decline", "cohort_review_page_next"]
)
def test_forged_admin_buttons_are_refused(
    driver: SlackDriver,
    sandbox: SlackSandbox,
    eve: str,
    opened: tuple[str, int],
    sessions: sessionmaker[Session],
    action: str,
) -> None:
    _, application_id = opened
    before = snapshot(sessions)
    driver.click(eve, action, value=f"{application_id}:0")
    assert snapshot(sessions) == before
    assert dm_texts(sandbox, eve)[-1] == REFUSAL
    assert sandbox.open_modals(eve) == []


def test_forged_start_and_decline_submission_are_refused(
    driver: SlackDriver,
    sandbox: SlackSandbox,
    eve: str,
    opened: tuple[str, int],
    sessions: sessionmaker[Session],
    owner: str,
) -> None:
    _, application_id = opened
    driver.slash_command(owner, "/cohort", "close")
    with sessions() as s:
        cohort_id = s.scalar(select(Cohort.id))
    before = snapshot(sessions)
    driver.click(eve, "cohort_start", value=str(cohort_id))
    assert snapshot(sessions) == before
    # A decline modal submitted by someone who never opened one (a hand-made payload).
    view = {
        "id": "V0FORGED",
        "type": "modal",
        "callback_id": "cohort_decline",
        "private_metadata": json.dumps({"id": application_id, "page": None}),
        "state": {"values": {"note": {"note": {"type": "plain_text_input", "value": "no"}}}},
    }
    payload = {
        "type": "view_submission",
        "user": {"id": eve, "name": "eve", "team_id": sandbox.team_id},
        "team": {"id": sandbox.team_id},
        "api_app_id": sandbox.app_id,
        "view": view,
    }
    reply = driver.post_signed(urlencode({"payload": json.dumps(payload)}), FORM)
    assert reply.status == 200 and REFUSAL in reply.body
    assert snapshot(sessions) == before


def test_someone_already_a_member_is_told_so_when_applying(
    driver: SlackDriver, sandbox: SlackSandbox, eve: str, opened: tuple[str, int]
) -> None:
    lobby, _ = opened
    announcement = button_message(sandbox, lobby, "cohort_apply")
    driver.click(eve, "cohort_apply", message=(lobby, announcement["ts"]))
    assert latest_seen(sandbox, eve, "ephemeral", "response").text.startswith(
        "You're already a member"
    )


@pytest.mark.parametrize(
    ("text", "answer"),
    [
        ("open", "A cohort needs a name."),
        ("open Spring spots=0", "`spots` must be a whole number from 1 to 200, not `0`."),
        ("open Spring spots=abc", "`spots` must be a whole number from 1 to 200, not `abc`."),
        (
            "open Spring closes=2020-01-01",
            "The closing date Wednesday 1 January 2020 has already passed.",
        ),
        ("open Spring closes=next-week", "`closes` must be a date written YYYY-MM-DD"),
        ("open " + "x" * 200, "That name has 200 characters; keep it to 80 or fewer."),
        ("open Spring size=20", "I don't know the option `size`."),
    ],
)
def test_bad_open_input_gets_a_clear_answer_and_opens_nothing(
    driver: SlackDriver,
    sandbox: SlackSandbox,
    owner: str,
    sessions: sessionmaker[Session],
    text: str,
    answer: str,
) -> None:
    lobby = sandbox.add_channel("lobby", members=[owner])
    reply = driver.slash_command(owner, "/cohort", text, channel_id=lobby)
    assert reply.json["text"].startswith(answer)
    with sessions() as s:
        assert s.scalar(select(Cohort.id)) is None


def test_a_second_open_cohort_is_refused(
    driver: SlackDriver, sandbox: SlackSandbox, owner: str, opened: tuple[str, int]
) -> None:
    lobby, _ = opened
    reply = driver.slash_command(owner, "/cohort", "open Another", channel_id=lobby)
    assert reply.json["text"].startswith("*Guarded* is open. Only one cohort runs at a time")


def test_workspace_admins_are_recognised_from_users_info_once(
    driver: SlackDriver, sandbox: SlackSandbox, owner: str, sessions: sessionmaker[Session]
) -> None:
    driver.slash_command(owner, "/cohort", "status")
    driver.slash_command(owner, "/cohort", "list")
    driver.slash_command(owner, "/cohort", "status")
    assert len(sandbox.calls_to("users.info")) == 1
    with sessions() as s:
        assert s.scalar(select(Member.is_workspace_admin).where(Member.slack_user_id == owner))
