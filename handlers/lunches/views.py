"""Tiny-lunch form submissions: a new lunch (admins), a request for a seat, a takeaway.
Each is stored before anything is sent; a refusal keeps the form open under its field."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.lunches import forms
from bot.lunches.asking import sign_up
from bot.lunches.blocks import planned_text
from bot.lunches.planning import plan_lunch
from bot.lunches.records import view_of
from bot.lunches.rules import check, read_form
from bot.lunches.table import save_takeaway
from bot.members.sync import apply_slack_user, get_member
from bot.outbox.queue import enqueue
from bot.platform.refused import Refused
from bot.platform.services import Services
from bot.slack.blocks import notice_modal
from handlers.common.admin_guard import admin_only
from handlers.common.form_values import BAD_FORM, form_number

log = logging.getLogger(__name__)


def _learn_guest(client: WebClient, services: Services, user_id: str | None) -> None:
    """A guest the member sync has not met yet is looked up once in Slack, so a person who
    joined today can be a guest; someone Slack does not know stays unknown (and refused)."""
    if not user_id:
        return
    with services.sessions() as session:
        if get_member(session, user_id) is not None:
            return
    try:
        user = client.users_info(user=user_id)["user"]
    except SlackApiError as exc:
        log.info("guest %s not found in Slack: %s", user_id, exc.response.get("error"))
        return
    if user.get("deleted") or user.get("is_bot"):
        return
    with services.sessions.begin() as session:
        apply_slack_user(session, user, now=services.clock.now())


def submit_new(
    ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient, services: Services
) -> None:
    settings, now = services.settings, services.clock.now()
    draft = check(read_form(view["state"]["values"]), now, settings.timezone)
    if isinstance(draft, dict):
        ack(response_action="errors", errors=draft)
        return
    channel = view.get("private_metadata") or settings.lunch_channel
    if not channel:
        raise Refused(BAD_FORM)
    _learn_guest(client, services, draft.guest_user_id)
    with services.sessions.begin() as session:
        planned = plan_lunch(
            session, draft, by=body["user"]["id"], channel=channel, now=now, settings=settings
        )
        enqueue(session, planned.messages, now=now)
        done = planned_text(view_of(session, planned.lunch), settings.timezone, planned.invited)
    ack(response_action="update", view=notice_modal(done, title="Tiny lunch planned"))


def submit_signup(ack: Ack, body: dict[str, Any], view: dict[str, Any], services: Services) -> None:
    question = forms.read_question(view["state"]["values"])
    with services.sessions.begin() as session:
        note = sign_up(
            session,
            form_number(view),
            body["user"]["id"],
            question,
            now=services.clock.now(),
            settings=services.settings,
        )
    ack(response_action="update", view=notice_modal(note, title="A seat at lunch"))


def submit_takeaway(
    ack: Ack, body: dict[str, Any], view: dict[str, Any], services: Services
) -> None:
    text, to_guest, to_vault = forms.read_takeaway(view["state"]["values"])
    with services.sessions.begin() as session:
        note = save_takeaway(
            session,
            form_number(view),
            body["user"]["id"],
            text,
            to_guest=to_guest,
            to_vault=to_vault,
            now=services.clock.now(),
            settings=services.settings,
        )
    ack(response_action="update", view=notice_modal(note, title="Your takeaway"))


def register(app: App) -> None:
    app.view(forms.NEW, middleware=[admin_only])(submit_new)
    app.view(forms.SIGNUP)(submit_signup)
    app.view(forms.TAKEAWAY_FORM)(submit_takeaway)
