"""Buttons on pairing messages. Each checks that the clicker belongs to the pairing
(payloads can be forged), saves the answer, queues what it causes, and tells only the
clicker what happened."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from slack_bolt import Ack, App, Respond
from sqlalchemy.orm import Session

from bot.members.sync import get_member
from bot.outbox.queue import enqueue
from bot.pairing import blocks as ui
from bot.pairing.controls import pause
from bot.pairing.feedback import (
    NotYourPairing,
    Outcome,
    not_a_fit,
    pick_slot,
    record_again,
    record_met,
    skip_pairing,
    suggest_times,
)
from bot.platform.services import Services
from handlers.common.buttons import any_variant, button_value

# A button's change: (session, pairing id, clicker, now, services, the value after "<id>:").
Change = Callable[[Session, int, str, datetime, Services, str], Outcome]


def _act(
    ack: Ack,
    body: dict[str, Any],
    respond: Respond,
    services: Services,
    change: Change,
) -> None:
    ack()
    user_id = body["user"]["id"]
    head, _, rest = button_value(body).partition(":")
    if not head.isdigit():
        raise NotYourPairing
    pairing_id = int(head)
    with services.sessions.begin() as session:
        now = services.clock.now()
        outcome = change(session, pairing_id, user_id, now, services, rest)
        enqueue(session, outcome.messages, now=now)
        if outcome.ask_again:
            text, blocks = ui.meet_again_prompt(outcome.ask_again, pairing_id)
    if outcome.ask_again:
        respond(text=text, blocks=blocks, response_type="ephemeral", replace_original=False)
    elif outcome.note:
        respond(text=outcome.note, response_type="ephemeral", replace_original=False)


def _times(
    session: Session, pairing_id: int, user_id: str, now: datetime, services: Services, rest: str
) -> Outcome:
    return suggest_times(session, pairing_id, user_id, now)


def _slot(
    session: Session, pairing_id: int, user_id: str, now: datetime, services: Services, rest: str
) -> Outcome:
    if not rest.isdigit():
        raise NotYourPairing
    return pick_slot(session, pairing_id, user_id, datetime.fromtimestamp(int(rest), UTC))


def _skip(
    session: Session, pairing_id: int, user_id: str, now: datetime, services: Services, rest: str
) -> Outcome:
    return skip_pairing(session, pairing_id, user_id, now)


def _not_fit(
    session: Session, pairing_id: int, user_id: str, now: datetime, services: Services, rest: str
) -> Outcome:
    return not_a_fit(session, pairing_id, user_id, now)


def _met(
    session: Session, pairing_id: int, user_id: str, now: datetime, services: Services, rest: str
) -> Outcome:
    return record_met(session, pairing_id, user_id, rest, now)


def _again(
    session: Session, pairing_id: int, user_id: str, now: datetime, services: Services, rest: str
) -> Outcome:
    if rest not in ("yes", "no"):
        raise NotYourPairing
    return record_again(session, pairing_id, user_id, rest == "yes", now, services.settings)


def _listener(change: Change) -> Callable[[Ack, dict[str, Any], Respond, Services], None]:
    def listener(ack: Ack, body: dict[str, Any], respond: Respond, services: Services) -> None:
        _act(ack, body, respond, services, change)

    return listener


def private_choices(ack: Ack, body: dict[str, Any], respond: Respond) -> None:
    """Skip, Not a fit and "we won't meet", shown only to the person who asked; the buttons
    themselves check that the clicker belongs to the pairing."""
    ack()
    head, _, where = button_value(body).partition(":")
    if not head.isdigit():
        raise NotYourPairing
    text, blocks = ui.private_choices(int(head), where)
    respond(text=text, blocks=blocks, response_type="ephemeral", replace_original=False)


def pause_four_weeks(ack: Ack, body: dict, respond: Respond, services: Services) -> None:
    ack()
    with services.sessions.begin() as session:
        member = get_member(session, body["user"]["id"])
        answer = pause(member, "4w", services.clock.now(), services.settings)
    respond(text=answer, response_type="ephemeral", replace_original=False)


def keep_me_in(ack: Ack, respond: Respond) -> None:
    ack()
    respond(
        text="Great, you stay in. Your next intro comes with the next round.",
        response_type="ephemeral",
        replace_original=False,
    )


def register(app: App) -> None:
    app.action(ui.TIMES)(_listener(_times))
    app.action(any_variant(ui.TIME_SLOT))(_listener(_slot))
    app.action(ui.PRIVATE)(private_choices)
    app.action(ui.SKIP)(_listener(_skip))
    app.action(ui.NOT_FIT)(_listener(_not_fit))
    app.action(any_variant(ui.MET))(_listener(_met))
    app.action(any_variant(ui.AGAIN))(_listener(_again))
    app.action(ui.PAUSE_4W)(pause_four_weeks)
    app.action(ui.KEEP)(keep_me_in)
