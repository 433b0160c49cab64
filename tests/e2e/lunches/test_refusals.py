"""What people get wrong, answered where they are and with what to do: the admin's form
keeps its input with a sentence under the field and stores nothing; a member who asks too
late, or for a lunch that isn't for them, is told why and how to find the next one."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from bot.outbox.dispatcher import OutboxDispatcher
from bot.platform.clock import ManualClock
from bot.platform.services import Services
from bot.sandbox import SlackDriver, SlackSandbox
from jobs.lunches import run_lunches
from storage.models import Lunch, LunchSignup, OutboxMessage
from tests.e2e.lunches.steps import CLOSES_AT, ask_for_seat, plan


def nothing_stored(sessions: sessionmaker[Session]) -> bool:
    with sessions() as session:
        lunches = session.scalar(select(func.count()).select_from(Lunch))
        queued = session.scalar(select(func.count()).select_from(OutboxMessage))
    return lunches == 0 and queued == 0


@pytest.mark.parametrize(
    ("answers", "field", "words"),
    [
        ({"seats": "0"}, "seats", "3 to 12 seats"),
        ({"seats": "13"}, "seats", "3 to 12 seats"),
        ({"date": "2026-11-20"}, "date", "in the past"),
        ({"close_date": "2026-12-04"}, "close_date", "close before the lunch starts"),
        ({"guest_user": None}, "guest_user", "outside guest's name"),
        ({"place": "   "}, "place", "video link"),  # spaces: Slack submits them
    ],
)
def test_bad_form_input_is_answered_under_its_field_and_nothing_is_created(
    driver: SlackDriver,
    sandbox: SlackSandbox,
    sessions: sessionmaker[Session],
    circlebot_admin: str,
    dana: str,
    lunch_channel: str,
    answers: dict[str, object],
    field: str,
    words: str,
) -> None:
    reply = plan(driver, sandbox, circlebot_admin, lunch_channel, **{"guest_user": dana, **answers})
    assert reply.json["response_action"] == "errors"
    assert words in reply.json["errors"][field]
    assert len(sandbox.open_modals(circlebot_admin)) == 1  # the form stays open
    assert nothing_stored(sessions)
    assert sandbox.messages(lunch_channel) == []


def test_an_unknown_guest_is_refused_and_nothing_is_created(
    driver: SlackDriver,
    sandbox: SlackSandbox,
    sessions: sessionmaker[Session],
    circlebot_admin: str,
    lunch_channel: str,
) -> None:
    gone = sandbox.add_user("gone", real_name="Gone Person", deleted=True)["id"]
    for guest in ("U0NOBODY1", gone):
        reply = plan(driver, sandbox, circlebot_admin, lunch_channel, guest_user=guest)
        assert reply.json["response_action"] == "errors"
        assert "don't know that person" in reply.json["errors"]["guest_user"]
        driver.close_view(circlebot_admin, sandbox.open_modals(circlebot_admin)[-1]["id"])
    assert nothing_stored(sessions)


def test_an_outside_guest_needs_only_a_name(
    driver: SlackDriver,
    sandbox: SlackSandbox,
    dispatcher: OutboxDispatcher,
    circlebot_admin: str,
    lunch_channel: str,
) -> None:
    reply = plan(
        driver,
        sandbox,
        circlebot_admin,
        lunch_channel,
        guest_name="Priya Nair",
        guest_title="First PM",
        guest_company="Lumen",
    )
    assert reply.json["response_action"] == "update"
    dispatcher.drain()
    [post] = sandbox.messages(lunch_channel)
    assert "Priya Nair" in post["text"] and "First PM, Lumen" in str(post["blocks"])


def test_members_only_admins_plan_and_a_dm_is_no_place_to_announce(
    driver: SlackDriver, sandbox: SlackSandbox, diners: list[str], circlebot_admin: str
) -> None:
    answer = driver.slash_command(diners[0], "/lunch", "new").json["text"]
    assert "admin" in answer
    answer = driver.slash_command(circlebot_admin, "/lunch", "new").json["text"]
    assert "LUNCH_CHANNEL" in answer and sandbox.open_modals(circlebot_admin) == []


def test_asking_after_sign_up_closed_gets_a_clear_answer(
    driver: SlackDriver,
    sandbox: SlackSandbox,
    services: Services,
    sessions: sessionmaker[Session],
    clock: ManualClock,
    dispatcher: OutboxDispatcher,
    circlebot_admin: str,
    dana: str,
    diners: list[str],
    lunch_channel: str,
) -> None:
    plan(driver, sandbox, circlebot_admin, lunch_channel, guest_user=dana)
    dispatcher.drain()
    [post] = sandbox.messages(lunch_channel)
    where = (lunch_channel, post["ts"])
    ask_for_seat(driver, sandbox, diners[0], where, "")
    # One opened the form just before close and sends it just after.
    clock.set(CLOSES_AT - timedelta(minutes=1))
    driver.click(diners[1], "lunch_ask", message=where)
    form = sandbox.open_modals(diners[1])[-1]
    clock.set(CLOSES_AT + timedelta(minutes=1))
    driver.submit_view(diners[1], form["id"], {"question": "Too late?"})
    assert "Dana Reyes closed on" in str(sandbox.open_modals(diners[1])[-1]["blocks"])
    # Another clicks the post after close, before and after the draw.
    driver.click(diners[2], "lunch_ask", message=where)
    run_lunches(services)
    driver.click(diners[3], "lunch_ask", message=where)
    for uid in diners[2:4]:
        [answer] = [s for s in sandbox.seen_by(uid) if s.kind != "message"]
        assert "Sign-up for the lunch with Dana Reyes closed" in answer.text
        assert "/lunch" in answer.text
    assert sandbox.open_modals(diners[2]) == [] and sandbox.open_modals(diners[3]) == []
    with sessions() as session:
        assert session.scalar(select(func.count()).select_from(LunchSignup)) == 1
