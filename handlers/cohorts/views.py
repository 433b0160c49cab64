"""Modal submissions of the admissions flow: an application, and a decline with its note."""

from __future__ import annotations

import json
import logging
from typing import Any

from slack_bolt import Ack, App
from slack_sdk.webhook import WebhookClient

from bot.cohorts import admissions, applying
from bot.cohorts import application_blocks as card_ui
from bot.cohorts.lifecycle import decision_screen
from bot.cohorts.rules import validate_application
from bot.outbox.queue import enqueue
from bot.platform.refused import Refused
from bot.platform.services import Services
from handlers.common.admin_guard import admin_only
from handlers.common.form_values import form_number
from storage.models import Cohort

log = logging.getLogger(__name__)


BAD_FORM = "That form didn't make sense to me."


def submit_application(
    ack: Ack, body: dict[str, Any], view: dict[str, Any], services: Services
) -> None:
    """Stored before anything is sent: Slack failing afterwards cannot lose it."""
    answers = validate_application(card_ui.read_application_form(view["state"]["values"]))
    if isinstance(answers, dict):
        ack(response_action="errors", errors=answers)
        return
    cohort_id = form_number(view, BAD_FORM)
    with services.sessions.begin() as session:
        now = services.clock.now()
        submitted = applying.submit(
            session,
            cohort_id,
            body["user"]["id"],
            answers,
            now=now,
            tz=services.settings.timezone,
            review_channel=services.settings.cohort_review_channel,
        )
        enqueue(session, submitted.messages, now=now)
        cohort = session.get(Cohort, cohort_id)
        assert cohort is not None
        done = card_ui.received_view(cohort.name, edited=submitted.edited)
    ack(response_action="update", view=done)


def _decline_form(view: dict[str, Any]) -> tuple[int, int | None, str | None, str | None]:
    """The application, its review page, the admin's note and where the card is."""
    try:
        meta = json.loads(view.get("private_metadata") or "{}")
        application_id = int(meta["id"])
        note = ((view["state"]["values"].get("note") or {}).get("note") or {}).get("value")
        page = meta.get("page")
        return (
            application_id,
            (int(page) if page is not None else None),
            note,
            meta.get("response_url"),
        )
    except (ValueError, KeyError, TypeError):
        raise Refused(BAD_FORM) from None


def submit_decline(
    ack: Ack, body: dict[str, Any], view: dict[str, Any], services: Services
) -> None:
    user_id = body["user"]["id"]
    application_id, page, note, card_url = _decline_form(view)
    with services.sessions.begin() as session:
        now = services.clock.now()
        decided = admissions.decline(session, application_id, by=user_id, now=now, note=note)
        enqueue(session, decided.messages, now=now)
    ack()
    _redraw(services, card_url, application_id, page, decided.note)


def _redraw(
    services: Services, url: str | None, application_id: int, page: int | None, note: str
) -> None:
    """Update the card or page the Decline button was on, through its response_url."""
    if not url:
        return
    with services.sessions() as session:
        screen = decision_screen(session, application_id, page, card_text=note)
    if screen is None:
        return
    text, blocks = screen
    try:  # the decision is stored either way; a stale card only shows old buttons
        response = WebhookClient(url).send(text=text, blocks=blocks, replace_original=True)
    except OSError as exc:
        log.warning("could not redraw application %s: %s", application_id, exc)
        return
    if response.status_code != 200:
        log.warning("could not redraw application %s: %s", application_id, response.body)


def register(app: App) -> None:
    app.view(card_ui.CALLBACK_ID)(submit_application)
    app.view(card_ui.DECLINE, middleware=[admin_only])(submit_decline)
