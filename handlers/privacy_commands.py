"""`/profile privacy|export|delete`, and admins doing the same for a member on request."""

from __future__ import annotations

import logging
import re
from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlalchemy import select

from bot.admins import REFUSAL
from bot.member_deletion import delete_member
from bot.members import get_member
from bot.outbox import enqueue
from bot.privacy import export_data, export_message, privacy_text
from bot.services import Services
from handlers.admin_check import admin_allowed
from handlers.command_call import CommandCall
from handlers.screens import open_view
from storage.models import AuditEntry, OutboxMessage

log = logging.getLogger(__name__)
DELETE_VIEW = "profile_delete"
NOTHING = "I don't hold anything about you, so there is nothing to export or delete."
MEMBER = re.compile(r"^(export|delete)\s+<@([UW][A-Z0-9]+)(?:\|[^>]*)?>\s*$")
MEMBER_USAGE = "Usage: `/cohort member export @person` or `/cohort member delete @person`."


def profile_privacy(call: CommandCall) -> None:
    call.reply(privacy_text(call.services.settings))


def _export(services: Services, slack_id: str, actor: str) -> str:
    """Queue the export for ``slack_id`` (at most one per hour); a sentence for the asker."""
    now = services.clock.now()
    with services.sessions.begin() as session:
        member = get_member(session, slack_id)
        if member is None:
            return NOTHING
        message = export_message(member, export_data(session, member, now), now)
        if session.scalar(
            select(OutboxMessage.id).where(OutboxMessage.idempotency_key == message.key)
        ):
            return "An export was made in the last hour; it is in the DM. Try again later."
        enqueue(session, [message], now=now)
        session.add(AuditEntry(action="export", actor=actor, subject_id=member.id, at=now))
    return "Your data is on its way to your DM with me as a JSON file."


def profile_export(call: CommandCall) -> None:
    call.reply(_export(call.services, call.user_id, call.user_id))


def delete_modal() -> dict[str, Any]:
    return {
        "type": "modal",
        "callback_id": DELETE_VIEW,
        "title": {"type": "plain_text", "text": "Delete my data"},
        "submit": {"type": "plain_text", "text": "Delete everything"},
        "close": {"type": "plain_text", "text": "Cancel"},
        "blocks": [
            {
                "type": "section",
                "text": {
                    "type": "mrkdwn",
                    "text": (
                        "*This deletes, at once and for good:* your profile, your check-in "
                        'answers, your "did you meet?" answers, your votes, your don\'t-pair '
                        "list, your applications and your friendships. You leave the weekly "
                        "intros and your circle (it is told only that you left). Other "
                        "members' history keeps that they met *someone*, without your name.\n"
                        "Messages already in Slack stay in Slack. `/profile export` first if "
                        "you want a copy."
                    ),
                },
            },
            {
                "type": "input",
                "block_id": "vault",
                "optional": True,
                "label": {"type": "plain_text", "text": "Your vault entries"},
                "element": {
                    "type": "checkboxes",
                    "action_id": "vault",
                    "options": [
                        {
                            "text": {
                                "type": "plain_text",
                                "text": 'Keep them, attributed to "a former member"',
                            },
                            "value": "keep",
                        }
                    ],
                },
            },
        ],
    }


def profile_delete(call: CommandCall) -> None:
    with call.services.sessions() as session:
        known = get_member(session, call.user_id) is not None
    if not known:
        call.reply(NOTHING)
        return
    trouble = open_view(call.client, call.user_id, call.trigger_id, delete_modal())
    call.reply(trouble) if trouble else call.ack()


def _delete(services: Services, client: WebClient, slack_id: str, actor: str, keep: bool) -> bool:
    """Delete in one transaction, then take the member out of their circle's channel."""
    now = services.clock.now()
    with services.sessions.begin() as session:
        member = get_member(session, slack_id)
        if member is None:
            return False
        deleted = delete_member(
            session, member, actor=actor, keep_vault=keep, now=now, settings=services.settings
        )
        enqueue(session, deleted.messages, now=now)
    if deleted.left_circle:
        channel, user = deleted.left_circle
        try:
            client.conversations_kick(channel=channel, user=user)
        except SlackApiError as exc:
            log.warning(
                "could not remove a deleted member from %s: %s", channel, exc.response.get("error")
            )
    return True


def submit_delete(
    ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient, context: dict
) -> None:
    services: Services = context["services"]
    user_id = body["user"]["id"]
    ticked = ((view["state"]["values"].get("vault") or {}).get("vault") or {}).get(
        "selected_options"
    ) or []
    _delete(services, client, user_id, user_id, keep=any(o.get("value") == "keep" for o in ticked))
    ack(
        response_action="update",
        view={
            "type": "modal",
            "title": {"type": "plain_text", "text": "Deleted"},
            "close": {"type": "plain_text", "text": "Close"},
            "blocks": [
                {
                    "type": "section",
                    "text": {
                        "type": "mrkdwn",
                        "text": "Your data is deleted. Thank you for being part of Product Circle.",
                    },
                }
            ],
        },
    )


def cohort_member(call: CommandCall) -> None:
    """Admins, on a member's request: `/cohort member export|delete @person`."""
    services = call.services
    if not admin_allowed(call.client, services, call.user_id):
        call.reply(REFUSAL)
        return
    match = MEMBER.match(call.args.strip())
    if not match:
        call.reply(MEMBER_USAGE)
        return
    action, target = match[1], match[2]
    if action == "export":
        answer = _export(services, target, call.user_id)
        call.reply(
            answer.replace("Your data is", f"<@{target}>'s data is").replace("your DM", "their DM")
        )
        return
    if _delete(services, call.client, target, call.user_id, keep=False):
        call.reply(f"<@{target}>'s data is deleted; the audit log records that you asked.")
    else:
        call.reply(f"I hold nothing about <@{target}>.")


def register(app: App) -> None:
    app.view(DELETE_VIEW)(submit_delete)


ROUTES = {
    ("/profile", "privacy"): profile_privacy,
    ("/profile", "export"): profile_export,
    ("/profile", "delete"): profile_delete,
    ("/cohort", "member"): cohort_member,
}
