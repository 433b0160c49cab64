"""The member list follows the workspace: initial sync, team_join, user_change."""

from __future__ import annotations

from slack_bolt import App
from sqlalchemy.orm import Session, sessionmaker

from bot.members.sync import get_member
from bot.outbox.dispatcher import OutboxDispatcher
from bot.platform.services import Services
from bot.sandbox import SlackDriver, SlackSandbox
from jobs.members import run_member_sync
from storage.job_runs import run_for


def test_team_join_adds_a_member_and_welcomes_them_once(
    driver: SlackDriver,
    sandbox: SlackSandbox,
    sessions: sessionmaker[Session],
    dispatcher: OutboxDispatcher,
) -> None:
    dana = sandbox.add_user("dana", real_name="Dana Ruiz", tz="America/Los_Angeles")

    assert driver.team_join(dana).status == 200
    driver.team_join(dana)  # Slack retries events it thinks we missed
    dispatcher.drain()

    with sessions() as s:
        member = get_member(s, dana["id"])
        assert member is not None and member.status == "active"
        assert member.slack_tz == "America/Los_Angeles"
    dms = [seen for seen in sandbox.seen_by(dana["id"]) if seen.kind == "message"]
    assert len(dms) == 1
    assert dms[0].text.startswith("Welcome to Product Circle, Dana!")


def test_welcome_button_opens_the_profile_editor(
    driver: SlackDriver, sandbox: SlackSandbox, dispatcher: OutboxDispatcher
) -> None:
    dana = sandbox.add_user("dana", real_name="Dana Ruiz")
    driver.team_join(dana)
    dispatcher.drain()
    [welcome] = [s for s in sandbox.seen_by(dana["id"]) if s.kind == "message"]

    driver.click(dana["id"], "profile_edit", message=(welcome.channel, welcome.ts))

    assert sandbox.views(dana["id"])[-1]["callback_id"] == "profile"


def test_a_bot_joining_is_not_a_member(
    driver: SlackDriver,
    sandbox: SlackSandbox,
    sessions: sessionmaker[Session],
    dispatcher: OutboxDispatcher,
) -> None:
    robot = sandbox.add_user("robot", is_bot=True)
    driver.team_join(robot)
    dispatcher.drain()
    with sessions() as s:
        assert get_member(s, robot["id"]) is None
    assert sandbox.calls_to("chat.postMessage") == []


def test_user_change_deleted_marks_them_left(
    driver: SlackDriver, sandbox: SlackSandbox, sessions: sessionmaker[Session]
) -> None:
    eli = sandbox.add_user("eli")
    driver.team_join(eli)

    driver.user_change(sandbox.update_user(eli["id"], deleted=True))

    with sessions() as s:
        member = get_member(s, eli["id"])
        assert member is not None and member.status == "left"


def test_user_change_keeps_name_and_time_zone_current(
    driver: SlackDriver, sandbox: SlackSandbox, sessions: sessionmaker[Session]
) -> None:
    eli = sandbox.add_user("eli", real_name="Eli Novak", tz="America/New_York")
    driver.team_join(eli)
    driver.user_change(sandbox.update_user(eli["id"], real_name="Eli N.", tz="Europe/Paris"))
    with sessions() as s:
        member = get_member(s, eli["id"])
        assert member is not None and (member.real_name, member.slack_tz) == (
            "Eli N.",
            "Europe/Paris",
        )


def test_initial_sync_pages_through_users_list_once_a_day(
    services: Services, app: App, sandbox: SlackSandbox, sessions: sessionmaker[Session]
) -> None:
    people = [sandbox.add_user(f"pm{i}")["id"] for i in range(450)]

    report = run_member_sync(services, app.client)

    assert report is not None and report.added == 450
    calls = sandbox.calls_to("users.list")
    assert len(calls) == 3 and all(int(c.args["limit"]) == 200 for c in calls)
    with sessions() as s:
        assert all(get_member(s, uid) for uid in people[::50])
    assert run_member_sync(services, app.client) is None  # claimed for today already
    assert len(sandbox.calls_to("users.list")) == 3
    run = run_for(sessions, "member_sync", "2026-11-23")
    assert run is not None and run.status == "done" and run.detail["added"] == 450
