"""When Slack will not open a form (the click or command took too long), the person is
told so, where they are, and nothing is stored: from a button and from a command alike."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from bot.outbox.dispatcher import OutboxDispatcher
from bot.sandbox import SlackDriver, SlackSandbox
from storage.models import Lunch, LunchSignup
from tests.e2e.lunches.steps import plan

TOO_LONG = "Slack took too long to open the form. Please try again."


def test_a_seat_form_slack_refuses_is_explained_and_can_be_opened_again(
    driver: SlackDriver,
    sandbox: SlackSandbox,
    sessions: sessionmaker[Session],
    dispatcher: OutboxDispatcher,
    circlebot_admin: str,
    dana: str,
    lunch_channel: str,
    diners: list[str],
) -> None:
    plan(driver, sandbox, circlebot_admin, lunch_channel, guest_user=dana)
    dispatcher.drain()
    [post] = sandbox.messages(lunch_channel)
    zoe = diners[0]

    sandbox.fail_next("views.open", "expired_trigger_id")
    driver.click(zoe, "lunch_ask", message=(lunch_channel, post["ts"]))

    notes = [s.text for s in sandbox.seen_by(zoe) if s.kind == "ephemeral"]
    assert notes == [TOO_LONG]
    assert sandbox.open_modals(zoe) == []
    with sessions() as session:
        assert session.scalar(select(func.count()).select_from(LunchSignup)) == 0

    driver.click(zoe, "lunch_ask", message=(lunch_channel, post["ts"]))
    assert len(sandbox.open_modals(zoe)) == 1


def test_the_new_lunch_form_slack_refuses_is_explained_to_the_admin(
    driver: SlackDriver,
    sandbox: SlackSandbox,
    sessions: sessionmaker[Session],
    circlebot_admin: str,
    lunch_channel: str,
) -> None:
    sandbox.fail_next("views.open", "exchanged_trigger_id")
    reply = driver.slash_command(circlebot_admin, "/lunch", "new", channel_id=lunch_channel)

    assert reply.status == 200
    assert reply.text == "That form was already opened. Please try again."
    assert reply.json.get("response_type") == "ephemeral"
    assert sandbox.open_modals(circlebot_admin) == []
    with sessions() as session:
        assert session.scalar(select(func.count()).select_from(Lunch)) == 0
