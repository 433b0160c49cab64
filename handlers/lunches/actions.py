"""Tiny-lunch buttons: ask for a seat (opens the question form), confirm or give back a
seat, and open the takeaway form. Whose seat it is is checked in the domain, since button
payloads can be forged."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from bot.lunches.asking import may_ask
from bot.lunches.blocks import ASK
from bot.lunches.forms import signup_modal, takeaway_modal
from bot.lunches.records import get_lunch, view_of
from bot.lunches.seat_blocks import CONFIRM, DECLINE
from bot.lunches.seats import confirm, give_back
from bot.lunches.table import attendee_signup
from bot.lunches.takeaway_blocks import TAKEAWAY
from bot.members.sync import get_member
from bot.outbox.queue import enqueue
from bot.platform.services import Services
from handlers.common.buttons import button_number
from handlers.common.replies import tell
from handlers.common.screens import open_for_click


def ask(
    ack: Ack, body: dict[str, Any], respond: Respond, client: WebClient, services: Services
) -> None:
    """Refused at once if they can't ask (closed, not invited), before they write."""
    ack()
    user_id = body["user"]["id"]
    with services.sessions() as session:
        lunch = get_lunch(session, button_number(body))
        may_ask(
            session, lunch, get_member(session, user_id), services.clock.now(), services.settings
        )
        view = signup_modal(view_of(session, lunch))
    open_for_click(body, respond, client, view)


def confirm_seat(
    ack: Ack, body: dict[str, Any], respond: Respond, client: WebClient, services: Services
) -> None:
    ack()
    with services.sessions.begin() as session:
        note = confirm(
            session,
            button_number(body),
            body["user"]["id"],
            now=services.clock.now(),
            settings=services.settings,
        )
    tell(body, respond, client, note)


def decline_seat(
    ack: Ack, body: dict[str, Any], respond: Respond, client: WebClient, services: Services
) -> None:
    ack()
    with services.sessions.begin() as session:
        now = services.clock.now()
        changed = give_back(
            session,
            signup_id=button_number(body),
            slack_id=body["user"]["id"],
            now=now,
            settings=services.settings,
        )
        enqueue(session, changed.messages, now=now)
    tell(body, respond, client, changed.note)


def open_takeaway(
    ack: Ack, body: dict[str, Any], respond: Respond, client: WebClient, services: Services
) -> None:
    ack()
    user_id = body["user"]["id"]
    with services.sessions() as session:
        signup, lunch = attendee_signup(session, button_number(body), user_id, services.clock.now())
        view = takeaway_modal(view_of(session, lunch), signup.id, signup.takeaway)
    open_for_click(body, respond, client, view)


def register(app: App) -> None:
    app.action(ASK)(ask)
    app.action(CONFIRM)(confirm_seat)
    app.action(DECLINE)(decline_seat)
    app.action(TAKEAWAY)(open_takeaway)
