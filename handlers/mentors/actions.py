"""Mentoring's buttons: asking a proposed mentor, the mentor's answer, the pair's monthly
day, the recap and next-step forms, the fit question, and the admins' Publish."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from typing import Any

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient
from sqlalchemy.orm import Session

from bot.mentors import (
    admin_blocks,
    finding,
    pair_blocks,
    panel_blocks,
    panels,
    proposal_blocks,
    rhythm_blocks,
)
from bot.mentors.blocks import find_modal
from bot.mentors.finding import Outcome
from bot.mentors.fit import Fit
from bot.mentors.forms import pair_and_month
from bot.mentors.matching import publish
from bot.mentors.mentorships import answer_fit, pair_of, people, renew, set_day
from bot.mentors.panel import panel_message
from bot.outbox.queue import enqueue
from bot.platform.refused import Refused
from bot.platform.services import Services
from handlers.common.admin_guard import admin_only
from handlers.common.buttons import BAD_BUTTON, any_variant, button_ids, button_number, button_value
from handlers.common.replies import tell
from handlers.common.screens import open_for_click
from storage.models import Member


def ask(
    ack: Ack, body: dict[str, Any], respond: Respond, client: WebClient, services: Services
) -> None:
    """Ask one proposed mentor. In the proposals modal, a refusal (say the mentor just
    filled up) redraws the proposals as they stand now, with the reason on top; in a DM,
    a mentor who just filled up is replaced by the others who fit now."""
    ack()
    user_id = body["user"]["id"]
    request_id, mentor_id = button_ids(body)
    if mentor_id is None:
        raise Refused(BAD_BUTTON)
    in_modal = body.get("container", {}).get("type") == "view"
    try:
        with services.sessions.begin() as session:
            now = services.clock.now()
            outcome, name = finding.ask(session, request_id, mentor_id, user_id, now)
            enqueue(session, outcome.messages, now=now)
    except finding.FilledUp as full:
        shown = _proposals_now(services, request_id, user_id)
        if in_modal:
            view = proposal_blocks.proposals_view(
                request_id, shown, proposal_blocks.filled_up(full.name)
            )
            client.views_update(view_id=body["view"]["id"], view=view)
        else:
            text, blocks = proposal_blocks.filled_up_message(request_id, shown, full.name)
            tell(body, respond, client, text, blocks, replace=True)
        return
    except Refused as refused:
        if not in_modal:
            raise
        shown = _proposals_now(services, request_id, user_id)
        client.views_update(
            view_id=body["view"]["id"],
            view=proposal_blocks.proposals_view(request_id, shown, str(refused)),
        )
        return
    if in_modal:
        client.views_update(view_id=body["view"]["id"], view=proposal_blocks.asked_view(name))
    else:
        tell(body, respond, client, outcome.note, replace=True)


def _proposals_now(
    services: Services, request_id: int, user_id: str
) -> list[tuple[Fit, str, str | None]]:
    with services.sessions() as session:
        fits = finding.proposals_for(session, request_id, user_id, services.clock.now())
    return [(fit, m.display_name, m.company) for fit, m in fits]


def _act(
    body: dict[str, Any],
    respond: Respond,
    client: WebClient,
    services: Services,
    step: Callable[[Session, str, datetime], Outcome],
    replace: bool = True,
) -> None:
    """One click's step: run it for the clicker, queue its messages with it, show its note."""
    with services.sessions.begin() as session:
        now = services.clock.now()
        outcome = step(session, body["user"]["id"], now)
        enqueue(session, outcome.messages, now=now)
    tell(body, respond, client, outcome.note, replace=replace)


def accept(
    ack: Ack, body: dict[str, Any], respond: Respond, client: WebClient, services: Services
) -> None:
    ack()
    request_id, months = button_number(body), services.settings.mentor_term_months
    _act(
        body,
        respond,
        client,
        services,
        lambda s, who, now: finding.accept(s, request_id, who, now, months),
    )


def decline(
    ack: Ack, body: dict[str, Any], respond: Respond, client: WebClient, services: Services
) -> None:
    ack()
    request_id = button_number(body)
    _act(
        body,
        respond,
        client,
        services,
        lambda s, who, now: finding.decline(s, request_id, who, now),
    )


def pick_day(
    ack: Ack, body: dict[str, Any], respond: Respond, client: WebClient, services: Services
) -> None:
    ack()
    chosen = (body["actions"][0].get("selected_option") or {}).get("value", "")
    head, _, day = chosen.partition(":")
    if not (head.isdigit() and day.isdigit()):
        raise Refused(BAD_BUTTON)
    tz = services.settings.timezone
    _act(
        body,
        respond,
        client,
        services,
        lambda s, who, now: set_day(s, int(head), int(day), who, now, tz),
        replace=False,
    )


def _pair_form(body: dict[str, Any], services: Services, recap: bool) -> dict[str, Any]:
    """The recap or next-step form of the pair and month the button names."""
    found = pair_and_month(button_value(body))
    if found is None:
        raise Refused(BAD_BUTTON)
    pair_id, month = found
    with services.sessions() as session:
        pair, _ = pair_of(session, pair_id, body["user"]["id"])
        mentor, _ = people(session, pair)
        view = (
            rhythm_blocks.recap_modal(pair_id, month, mentor.display_name)
            if recap
            else rhythm_blocks.next_step_modal(pair_id, month)
        )
    return view


def open_recap(
    ack: Ack, body: dict[str, Any], respond: Respond, client: WebClient, services: Services
) -> None:
    ack()
    open_for_click(body, respond, client, _pair_form(body, services, recap=True))


def open_next_step(
    ack: Ack, body: dict[str, Any], respond: Respond, client: WebClient, services: Services
) -> None:
    ack()
    open_for_click(body, respond, client, _pair_form(body, services, recap=False))


def fit(
    ack: Ack, body: dict[str, Any], respond: Respond, client: WebClient, services: Services
) -> None:
    ack()
    head, _, answer = button_value(body).partition(":")
    if not head.isdigit() or answer not in ("yes", "no"):
        raise Refused(BAD_BUTTON)
    _act(
        body,
        respond,
        client,
        services,
        lambda s, who, now: answer_fit(s, int(head), who, answer == "yes", now),
    )


def open_find(
    ack: Ack, body: dict[str, Any], respond: Respond, client: WebClient, services: Services
) -> None:
    ack()
    with services.sessions() as session:
        finding.seeking_member(session, body["user"]["id"])
    open_for_click(body, respond, client, find_modal())


def publish_match(
    ack: Ack, body: dict[str, Any], respond: Respond, client: WebClient, services: Services
) -> None:
    ack()
    with services.sessions.begin() as session:
        now = services.clock.now()
        messages, asked, plan = publish(session, button_value(body), now)
        enqueue(session, messages, now=now)
        if asked is None:
            text, blocks = admin_blocks.changed_message(plan.message())
    if asked is None:
        tell(body, respond, client, text, blocks, replace=True)
    else:
        tell(body, respond, client, admin_blocks.published_text(asked), replace=True)


def add_adviser(
    ack: Ack, body: dict[str, Any], respond: Respond, client: WebClient, services: Services
) -> None:
    """Someone the member knows (pairings, a lunch, the vault) joins the panel; the panel
    is shown again, updated."""
    ack()
    user_id = body["user"]["id"]
    with services.sessions.begin() as session:
        adviser = session.get(Member, button_number(body))
        if adviser is None:
            raise Refused(BAD_BUTTON)
        now = services.clock.now()
        note = panels.add(session, user_id, adviser.slack_user_id, now)
        text, blocks = panel_message(session, user_id, now, services.settings.timezone)
    tell(body, respond, client, text, blocks, replace=True)
    tell(body, respond, client, note)


def open_panel_update(
    ack: Ack, body: dict[str, Any], respond: Respond, client: WebClient, services: Services
) -> None:
    ack()
    quarter = button_value(body)
    if not re.fullmatch(r"\d{4}-Q[1-4]", quarter):
        raise Refused(BAD_BUTTON)
    open_for_click(body, respond, client, panel_blocks.panel_update_modal(quarter))


def renew_pair(
    ack: Ack, body: dict[str, Any], respond: Respond, client: WebClient, services: Services
) -> None:
    ack()
    pair_id, months = button_number(body), services.settings.mentor_term_months
    _act(
        body,
        respond,
        client,
        services,
        lambda s, who, now: renew(s, pair_id, who, now, months),
        replace=False,
    )


def register(app: App) -> None:
    app.action(any_variant(proposal_blocks.REQUEST))(ask)
    app.action(proposal_blocks.ACCEPT)(accept)
    app.action(proposal_blocks.DECLINE)(decline)
    app.action(pair_blocks.SESSION_DAY)(pick_day)
    app.action(rhythm_blocks.RECAP_OPEN)(open_recap)
    app.action(rhythm_blocks.NEXT_STEP_OPEN)(open_next_step)
    app.action(any_variant(pair_blocks.FIT))(fit)
    app.action(pair_blocks.FIND_OPEN)(open_find)
    app.action(admin_blocks.PUBLISH, middleware=[admin_only])(publish_match)
    app.action(any_variant(panel_blocks.ADD_ADVISER))(add_adviser)
    app.action(panel_blocks.PANEL_UPDATE_OPEN)(open_panel_update)
    app.action(pair_blocks.RENEW)(renew_pair)
