"""Buttons of the admissions flow. Admin buttons go through the ``admin_only`` middleware
(payloads can be forged); an applicant's buttons check that the application is theirs."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from bot.cohorts import admissions, applying
from bot.cohorts import application_blocks as card_ui
from bot.cohorts import blocks as ui
from bot.cohorts.lifecycle import decision_screen, review_cards
from bot.cohorts.start import start_cohort
from bot.members.sync import get_member
from bot.outbox.queue import enqueue
from bot.platform.services import Services
from handlers.common.admin_guard import admin_only
from handlers.common.buttons import button_ids
from handlers.common.replies import tell
from handlers.common.screens import open_for_click
from storage.models import Cohort


def apply(
    ack: Ack, body: dict[str, Any], respond: Respond, client: WebClient, services: Services
) -> None:
    ack()
    user_id = body["user"]["id"]
    cohort_id, _ = button_ids(body)
    with services.sessions() as session:
        cohort, previous = applying.can_apply(
            session, cohort_id, user_id, services.clock.now(), services.settings.timezone
        )
        view = card_ui.application_modal(
            cohort.id, cohort.name, get_member(session, user_id), previous
        )
    open_for_click(body, respond, client, view)


def redraw(services: Services, respond: Respond, application_id: int, page: int | None) -> None:
    """Show the decision where it was taken: the review page again, or the single card."""
    with services.sessions() as session:
        screen = decision_screen(session, application_id, page)
    if screen is not None:
        text, blocks = screen
        respond(text=text, blocks=blocks, replace_original=True)


def _decide(
    ack: Ack,
    body: dict[str, Any],
    respond: Respond,
    client: WebClient,
    services: Services,
    decide: Callable[..., admissions.Decided],
) -> None:
    ack()
    user_id = body["user"]["id"]
    application_id, page = button_ids(body)
    with services.sessions.begin() as session:
        now = services.clock.now()
        decided = decide(session, application_id, by=user_id, now=now)
        enqueue(session, decided.messages, now=now)
        if decided.full:
            cohort = session.get(Cohort, decided.application.cohort_id)
            assert cohort is not None
            text, blocks = ui.spots_full(cohort, application_id)
    if decided.full:
        tell(body, respond, client, text, blocks)
        return
    if body.get("container", {}).get("type") == "message":
        redraw(services, respond, application_id, page)
    tell(body, respond, client, decided.note)


def admit(
    ack: Ack, body: dict[str, Any], respond: Respond, client: WebClient, services: Services
) -> None:
    _decide(ack, body, respond, client, services, admissions.admit)


def waitlist(
    ack: Ack, body: dict[str, Any], respond: Respond, client: WebClient, services: Services
) -> None:
    _decide(ack, body, respond, client, services, admissions.waitlist)


def decline(
    ack: Ack, body: dict[str, Any], respond: Respond, client: WebClient, services: Services
) -> None:
    """Ask for the optional private note first; the modal's submission declines."""
    ack()
    application_id, page = button_ids(body)
    with services.sessions() as session:
        _application, member = admissions.still_undecided(session, application_id)
        name = member.display_name
    view = card_ui.decline_modal(application_id, name)
    view["private_metadata"] = json.dumps(
        {"id": application_id, "page": page, "response_url": body.get("response_url")}
    )
    open_for_click(body, respond, client, view)


def turn_page(
    ack: Ack, body: dict[str, Any], respond: Respond, client: WebClient, services: Services
) -> None:
    ack()
    cohort_id, page = button_ids(body)
    with services.sessions() as session:
        cohort = session.get(Cohort, cohort_id)
        if cohort is None:
            tell(body, respond, client, "That cohort no longer exists.")
            return
        cards, total, shown = review_cards(session, cohort.id, page=page or 0)
        text, blocks = ui.review_page(cohort, cards, page=shown, total=total)
    tell(body, respond, client, text, blocks, replace=True)


def start(
    ack: Ack, body: dict[str, Any], respond: Respond, client: WebClient, services: Services
) -> None:
    ack()
    cohort_id, _ = button_ids(body)
    with services.sessions.begin() as session:
        now = services.clock.now()
        started = start_cohort(session, cohort_id, now=now, settings=services.settings)
        enqueue(session, started.messages, now=now)
        text = ui.started_text(started.cohort, len(started.members), started.intros)
    tell(body, respond, client, text, replace=True)


def _applicant(
    ack: Ack,
    body: dict[str, Any],
    respond: Respond,
    client: WebClient,
    services: Services,
    change: Callable[..., admissions.Answered],
) -> None:
    ack()
    application_id, _ = button_ids(body)
    with services.sessions.begin() as session:
        now = services.clock.now()
        answered = change(session, application_id, body["user"]["id"], now)
        enqueue(session, answered.messages, now=now)
    tell(body, respond, client, answered.note)


def confirm(
    ack: Ack, body: dict[str, Any], respond: Respond, client: WebClient, services: Services
) -> None:
    _applicant(ack, body, respond, client, services, admissions.confirm)


def withdraw(
    ack: Ack, body: dict[str, Any], respond: Respond, client: WebClient, services: Services
) -> None:
    _applicant(ack, body, respond, client, services, admissions.withdraw)


def register(app: App) -> None:
    app.action(ui.APPLY)(apply)
    app.action(card_ui.ADMIT, middleware=[admin_only])(admit)
    app.action(card_ui.WAITLIST, middleware=[admin_only])(waitlist)
    app.action(card_ui.DECLINE, middleware=[admin_only])(decline)
    app.action(f"{ui.REVIEW_PAGE}_prev", middleware=[admin_only])(turn_page)
    app.action(f"{ui.REVIEW_PAGE}_next", middleware=[admin_only])(turn_page)
    app.action(ui.START, middleware=[admin_only])(start)
    app.action(ui.CONFIRM)(confirm)
    app.action(ui.WITHDRAW)(withdraw)
