"""Mentoring's modal submissions: the offer, the find form, a recap and a next step. Each is
stored (and its messages queued) before the modal answers."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App

from bot.mentors import panel_blocks, proposal_blocks, rhythm_blocks
from bot.mentors.blocks import FIND_FORM, OFFER_FORM, offer_saved_text
from bot.mentors.finding import submit
from bot.mentors.forms import pair_and_month, read_find_form, read_offer_form, text
from bot.mentors.mentorships import save_next_step, save_recap
from bot.mentors.offers import offering_member, save_offer
from bot.mentors.panels import send_update
from bot.outbox.queue import enqueue
from bot.platform.refused import Refused
from bot.platform.services import Services
from bot.slack.blocks import notice_modal
from handlers.common.buttons import BAD_BUTTON


def submit_offer(ack: Ack, body: dict[str, Any], view: dict[str, Any], services: Services) -> None:
    form = read_offer_form(view["state"]["values"])
    with services.sessions.begin() as session:
        member = offering_member(session, body["user"]["id"])
        capacity, room = save_offer(session, member, form, services.clock.now())
    ack(response_action="update", view=notice_modal(offer_saved_text(capacity, room)))


def submit_find(ack: Ack, body: dict[str, Any], view: dict[str, Any], services: Services) -> None:
    form = read_find_form(view["state"]["values"])
    with services.sessions.begin() as session:
        request, fits, reason = submit(session, body["user"]["id"], form, services.clock.now())
        shown = [(fit, m.display_name, m.company) for fit, m in fits]
        answer = (
            proposal_blocks.proposals_view(request.id, shown)
            if shown
            else proposal_blocks.nothing_view(reason)
        )
    ack(response_action="update", view=answer)


def _pair_month(view: dict[str, Any]) -> tuple[int, str]:
    found = pair_and_month(view.get("private_metadata"))
    if found is None:
        raise Refused(BAD_BUTTON)
    return found


def submit_recap(ack: Ack, body: dict[str, Any], view: dict[str, Any], services: Services) -> None:
    pair_id, month = _pair_month(view)
    state = view["state"]["values"]
    with services.sessions.begin() as session:
        now = services.clock.now()
        saved = save_recap(
            session,
            pair_id,
            month,
            body["user"]["id"],
            text(state, "changed"),
            text(state, "focus"),
            now,
        )
        enqueue(session, saved.messages, now=now)
    ack(response_action="update", view=notice_modal(saved.note, title="Recap"))


def submit_next_step(
    ack: Ack, body: dict[str, Any], view: dict[str, Any], services: Services
) -> None:
    pair_id, month = _pair_month(view)
    with services.sessions.begin() as session:
        saved = save_next_step(
            session,
            pair_id,
            month,
            body["user"]["id"],
            text(view["state"]["values"], "next_step"),
            services.clock.now(),
        )
    ack(response_action="update", view=notice_modal(saved.note, title="Next step"))


def submit_panel_update(
    ack: Ack, body: dict[str, Any], view: dict[str, Any], services: Services
) -> None:
    quarter = view.get("private_metadata") or ""
    with services.sessions.begin() as session:
        now = services.clock.now()
        sent = send_update(
            session, body["user"]["id"], quarter, text(view["state"]["values"], "focus"), now
        )
        enqueue(session, sent.messages, now=now)
    ack(response_action="update", view=notice_modal(sent.note, title="Panel update"))


def register(app: App) -> None:
    app.view(OFFER_FORM)(submit_offer)
    app.view(FIND_FORM)(submit_find)
    app.view(rhythm_blocks.RECAP_FORM)(submit_recap)
    app.view(rhythm_blocks.NEXT_STEP_FORM)(submit_next_step)
    app.view(panel_blocks.PANEL_UPDATE_FORM)(submit_panel_update)
