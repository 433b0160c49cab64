"""Modal submissions of the admissions flow: an application, and a decline with its note."""

from __future__ import annotations

import json
import logging
from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient
from slack_sdk.webhook import WebhookClient

from bot.cohorts import admissions
from bot.cohorts import application_blocks as card_ui
from bot.cohorts import blocks as ui
from bot.cohorts.lifecycle import CohortRefused, review_cards
from bot.cohorts.rules import validate_application
from bot.members.admins import REFUSAL
from bot.outbox.queue import enqueue
from bot.platform.services import Services
from handlers.common.admin_guard import admin_allowed
from storage.models import Application, Cohort, Member

log = logging.getLogger(__name__)


def _notice(text: str) -> dict[str, Any]:
    """A modal that only says something (the submission's answer when it can't go through)."""
    return {
        "type": "modal",
        "title": {"type": "plain_text", "text": "Product Circle"},
        "close": {"type": "plain_text", "text": "Close"},
        "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": text[:3000]}}],
    }


def submit_application(ack: Ack, body: dict[str, Any], view: dict[str, Any], context: dict) -> None:
    """Stored before anything is sent: Slack failing afterwards cannot lose it."""
    services: Services = context["services"]
    answers = validate_application(card_ui.read_application_form(view["state"]["values"]))
    if isinstance(answers, dict):
        ack(response_action="errors", errors=answers)
        return
    try:
        cohort_id = int(view.get("private_metadata") or "")
        with services.sessions.begin() as session:
            now = services.clock.now()
            submitted = admissions.submit(
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
    except ValueError:
        ack(response_action="update", view=_notice("That form didn't make sense to me."))
        return
    except CohortRefused as refused:
        ack(response_action="update", view=_notice(str(refused)))
        return
    ack(response_action="update", view=done)


def submit_decline(
    ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient, context: dict
) -> None:
    services: Services = context["services"]
    user_id = body["user"]["id"]
    if not admin_allowed(client, services, user_id):
        ack(response_action="update", view=_notice(REFUSAL))
        return
    try:
        meta = json.loads(view.get("private_metadata") or "{}")
        application_id = int(meta["id"])
        page = meta.get("page")
        note = ((view["state"]["values"].get("note") or {}).get("note") or {}).get("value")
        with services.sessions.begin() as session:
            now = services.clock.now()
            decided = admissions.decline(session, application_id, by=user_id, now=now, note=note)
            enqueue(session, decided.messages, now=now)
    except (ValueError, KeyError, TypeError):
        ack(response_action="update", view=_notice("That form didn't make sense to me."))
        return
    except CohortRefused as refused:
        ack(response_action="update", view=_notice(str(refused)))
        return
    ack()
    _redraw(services, meta.get("response_url"), application_id, page, decided.note)


def _redraw(
    services: Services, url: str | None, application_id: int, page: int | None, note: str
) -> None:
    """Update the card or page the Decline button was on, through its response_url."""
    if not url:
        return
    with services.sessions() as session:
        application = session.get(Application, application_id)
        assert application is not None
        cohort = session.get(Cohort, application.cohort_id)
        assert cohort is not None
        if page is not None:
            cards, total, shown = review_cards(session, cohort.id, page=int(page))
            text, blocks = ui.review_page(cohort, cards, page=shown, total=total)
        else:
            member = session.get(Member, application.member_id)
            assert member is not None
            text, blocks = note, card_ui.application_card(application, member)
    try:  # the decision is stored either way; a stale card only shows old buttons
        response = WebhookClient(url).send(text=text, blocks=blocks, replace_original=True)
    except OSError as exc:
        log.warning("could not redraw application %s: %s", application_id, exc)
        return
    if response.status_code != 200:
        log.warning("could not redraw application %s: %s", application_id, response.body)


def register(app: App) -> None:
    app.view(card_ui.CALLBACK_ID)(submit_application)
    app.view(card_ui.DECLINE)(submit_decline)
