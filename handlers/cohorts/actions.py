"""Buttons of the admissions flow. Admin buttons check the clicker on every click (payloads
can be forged); an applicant's buttons check that the application is theirs."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from bot.cohorts import admissions
from bot.cohorts import application_blocks as card_ui
from bot.cohorts import blocks as ui
from bot.cohorts.lifecycle import CohortRefused, review_cards
from bot.cohorts.start import start_cohort
from bot.members.admins import REFUSAL
from bot.members.sync import get_member
from bot.outbox.queue import enqueue
from bot.platform.services import Services
from handlers.common.admin_guard import admin_allowed
from handlers.common.replies import tell
from handlers.common.screens import open_view
from storage.models import Application, Cohort, Member

BAD_BUTTON = "That button didn't make sense to me, so nothing changed."


def _ids(body: dict[str, Any]) -> tuple[int, int | None]:
    """'12' → (12, None); '12:3' → (12, 3): an application and the review page it was on."""
    head, _, page = body["actions"][0].get("value", "").partition(":")
    return int(head), (int(page) if page else None)


def apply(
    ack: Ack, body: dict[str, Any], respond: Respond, client: WebClient, context: dict
) -> None:
    ack()
    services: Services = context["services"]
    user_id = body["user"]["id"]
    try:
        cohort_id, _ = _ids(body)
        with services.sessions() as session:
            cohort, previous = admissions.can_apply(
                session, cohort_id, user_id, services.clock.now(), services.settings.timezone
            )
            view = card_ui.application_modal(
                cohort.id, cohort.name, get_member(session, user_id), previous
            )
    except ValueError:
        tell(body, respond, client, BAD_BUTTON)
        return
    except CohortRefused as refused:
        tell(body, respond, client, str(refused))
        return
    trouble = open_view(client, user_id, body["trigger_id"], view)
    if trouble:
        tell(body, respond, client, trouble)


def redraw(services: Services, respond: Respond, application_id: int, page: int | None) -> None:
    """Show the decision where it was taken: the review page again, or the single card."""
    with services.sessions() as session:
        application = session.get(Application, application_id)
        if application is None:
            return
        cohort = session.get(Cohort, application.cohort_id)
        assert cohort is not None
        if page is not None:
            cards, total, shown = review_cards(session, cohort.id, page=page)
            text, blocks = ui.review_page(cohort, cards, page=shown, total=total)
        else:
            member = session.get(Member, application.member_id)
            assert member is not None
            text = f"Application from <@{member.slack_user_id}>"
            blocks = card_ui.application_card(application, member)
    respond(text=text, blocks=blocks, replace_original=True)


def _decide(
    ack: Ack,
    body: dict[str, Any],
    respond: Respond,
    client: WebClient,
    context: dict,
    decide: Callable[..., admissions.Decided],
) -> None:
    ack()
    services: Services = context["services"]
    user_id = body["user"]["id"]
    if not admin_allowed(client, services, user_id):
        tell(body, respond, client, REFUSAL)
        return
    try:
        application_id, page = _ids(body)
        with services.sessions.begin() as session:
            now = services.clock.now()
            decided = decide(session, application_id, by=user_id, now=now)
            enqueue(session, decided.messages, now=now)
            if decided.full:
                cohort = session.get(Cohort, decided.application.cohort_id)
                assert cohort is not None
                text, blocks = ui.spots_full(cohort, application_id)
    except ValueError:
        tell(body, respond, client, BAD_BUTTON)
        return
    except CohortRefused as refused:
        tell(body, respond, client, str(refused))
        return
    if decided.full:
        tell(body, respond, client, text, blocks)
        return
    if body.get("container", {}).get("type") == "message":
        redraw(services, respond, application_id, page)
    tell(body, respond, client, decided.note)


def admit(
    ack: Ack, body: dict[str, Any], respond: Respond, client: WebClient, context: dict
) -> None:
    _decide(ack, body, respond, client, context, admissions.admit)


def waitlist(
    ack: Ack, body: dict[str, Any], respond: Respond, client: WebClient, context: dict
) -> None:
    _decide(ack, body, respond, client, context, admissions.waitlist)


def decline(
    ack: Ack, body: dict[str, Any], respond: Respond, client: WebClient, context: dict
) -> None:
    """Ask for the optional private note first; the modal's submission declines."""
    ack()
    services: Services = context["services"]
    user_id = body["user"]["id"]
    if not admin_allowed(client, services, user_id):
        tell(body, respond, client, REFUSAL)
        return
    try:
        application_id, page = _ids(body)
    except ValueError:
        tell(body, respond, client, BAD_BUTTON)
        return
    with services.sessions() as session:
        application = session.get(Application, application_id)
        member = session.get(Member, application.member_id) if application else None
        if application is None or member is None:
            tell(body, respond, client, "That application no longer exists.")
            return
        if application.status not in admissions.DECIDABLE:
            tell(
                body,
                respond,
                client,
                f"This application was already {application.status}. Nothing changed.",
            )
            return
        name = member.display_name
    view = card_ui.decline_modal(application_id, name)
    view["private_metadata"] = json.dumps(
        {"id": application_id, "page": page, "response_url": body.get("response_url")}
    )
    trouble = open_view(client, user_id, body["trigger_id"], view)
    if trouble:
        tell(body, respond, client, trouble)


def turn_page(
    ack: Ack, body: dict[str, Any], respond: Respond, client: WebClient, context: dict
) -> None:
    ack()
    services: Services = context["services"]
    if not admin_allowed(client, services, body["user"]["id"]):
        tell(body, respond, client, REFUSAL)
        return
    try:
        cohort_id, page = _ids(body)
    except ValueError:
        tell(body, respond, client, BAD_BUTTON)
        return
    with services.sessions() as session:
        cohort = session.get(Cohort, cohort_id)
        if cohort is None:
            tell(body, respond, client, "That cohort no longer exists.")
            return
        cards, total, shown = review_cards(session, cohort.id, page=page or 0)
        text, blocks = ui.review_page(cohort, cards, page=shown, total=total)
    tell(body, respond, client, text, blocks, replace=True)


def start(
    ack: Ack, body: dict[str, Any], respond: Respond, client: WebClient, context: dict
) -> None:
    ack()
    services: Services = context["services"]
    if not admin_allowed(client, services, body["user"]["id"]):
        tell(body, respond, client, REFUSAL)
        return
    try:
        cohort_id, _ = _ids(body)
        with services.sessions.begin() as session:
            now = services.clock.now()
            started = start_cohort(session, cohort_id, now=now, settings=services.settings)
            enqueue(session, started.messages, now=now)
            text = ui.started_text(started.cohort, len(started.members), started.intros)
    except ValueError:
        tell(body, respond, client, BAD_BUTTON)
        return
    except CohortRefused as refused:
        tell(body, respond, client, str(refused))
        return
    tell(body, respond, client, text, replace=True)


def _applicant(
    ack: Ack,
    body: dict[str, Any],
    respond: Respond,
    client: WebClient,
    context: dict,
    change: Callable[..., Any],
) -> None:
    ack()
    services: Services = context["services"]
    try:
        application_id, _ = _ids(body)
        with services.sessions.begin() as session:
            now = services.clock.now()
            answer = change(session, application_id, body["user"]["id"], now)
            if isinstance(answer, tuple):
                answer, messages = answer
                enqueue(session, messages, now=now)
    except ValueError:
        tell(body, respond, client, BAD_BUTTON)
        return
    except CohortRefused as refused:
        tell(body, respond, client, str(refused))
        return
    tell(body, respond, client, answer)


def confirm(
    ack: Ack, body: dict[str, Any], respond: Respond, client: WebClient, context: dict
) -> None:
    _applicant(ack, body, respond, client, context, admissions.confirm)


def withdraw(
    ack: Ack, body: dict[str, Any], respond: Respond, client: WebClient, context: dict
) -> None:
    _applicant(ack, body, respond, client, context, admissions.withdraw)


def register(app: App) -> None:
    app.action(ui.APPLY)(apply)
    app.action(card_ui.ADMIT)(admit)
    app.action(card_ui.WAITLIST)(waitlist)
    app.action(card_ui.DECLINE)(decline)
    app.action(f"{ui.REVIEW_PAGE}_prev")(turn_page)
    app.action(f"{ui.REVIEW_PAGE}_next")(turn_page)
    app.action(ui.START)(start)
    app.action(ui.CONFIRM)(confirm)
    app.action(ui.WITHDRAW)(withdraw)
