"""The check-in button and the check-in modal's submission."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from bot.circles.checkin_blocks import CALLBACK_ID, OPEN, checkin_modal, read_checkin_form
from bot.circles.checkin_form import validate_checkin
from bot.circles.checkins import save_answer, this_week
from bot.circles.membership import CircleRefused
from bot.outbox.queue import enqueue
from bot.platform.services import Services
from handlers.common.screens import open_for_click


def open_from_button(
    ack: Ack, body: dict[str, Any], respond: Respond, client: WebClient, services: Services
) -> None:
    ack()
    user_id = body["user"]["id"]
    with services.sessions() as session:
        circle, period, previous = this_week(
            session, user_id, services.clock.now(), services.settings
        )
        view = checkin_modal(circle, period, previous)
    open_for_click(body, respond, client, view)


def submit(ack: Ack, body: dict[str, Any], view: dict[str, Any], services: Services) -> None:
    """Stored, and its messages queued, before the modal closes: nothing typed is lost."""
    answers = validate_checkin(read_checkin_form(view["state"]["values"]))
    if isinstance(answers, dict):
        ack(response_action="errors", errors=answers)
        return
    try:
        with services.sessions.begin() as session:
            now = services.clock.now()
            saved = save_answer(session, body["user"]["id"], answers, now, services.settings)
            enqueue(session, saved.messages, now=now)
    except CircleRefused as refused:  # keep the form open, with what they wrote
        raise CircleRefused(str(refused), field="win") from refused
    ack()


def register(app: App) -> None:
    app.action(OPEN)(open_from_button)
    app.view(CALLBACK_ID)(submit)
