"""`/profile privacy|export|delete`, and admins doing the same for a member on request."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot.members.sync import get_member
from bot.platform.refused import Refused
from bot.platform.services import Services
from bot.privacy.blocks import DELETE_VIEW, delete_modal, deleted_view, keeps_vault
from bot.privacy.deletion import delete_member
from bot.privacy.export import Export, privacy_text, request_export
from handlers.common.channels import remove_from_channel
from handlers.common.command_call import CommandCall
from handlers.common.screens import open_for_command

NOTHING = "I don't hold anything about you, so there is nothing to export or delete."
TOO_SOON = "An export was made in the last hour; it is in the DM. Try again later."
MEMBER_USAGE = "Usage: `/cohort member export @person` or `/cohort member delete @person`."


def profile_privacy(call: CommandCall) -> None:
    call.reply(privacy_text(call.services.settings))


def _export(services: Services, slack_id: str, actor: str) -> Export:
    now = services.clock.now()
    with services.sessions.begin() as session:
        return request_export(session, slack_id, actor=actor, now=now)


def profile_export(call: CommandCall) -> None:
    outcome = _export(call.services, call.user_id, call.user_id)
    call.reply(
        {
            Export.QUEUED: "Your data is on its way to your DM with me as a JSON file.",
            Export.TOO_SOON: TOO_SOON,
            Export.UNKNOWN: NOTHING,
        }[outcome]
    )


def profile_delete(call: CommandCall) -> None:
    with call.services.sessions() as session:
        known = get_member(session, call.user_id) is not None
    if not known:
        call.reply(NOTHING)
        return
    open_for_command(call, delete_modal())


def _delete(
    services: Services, client: WebClient, slack_id: str, actor: str, keep: bool
) -> tuple[bool, str | None]:
    """Delete in one transaction, then take the member out of their circle's channel.
    Returns (whether there was anything to delete, a channel they are still in)."""
    now = services.clock.now()
    with services.sessions.begin() as session:
        member = get_member(session, slack_id)
        if member is None:
            return False, None
        deleted = delete_member(
            session, member, actor=actor, keep_vault=keep, now=now, settings=services.settings
        )
    if deleted.left_circle:
        channel, user = deleted.left_circle
        if remove_from_channel(client, channel, user):
            return True, channel
    return True, None


def submit_delete(
    ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient, services: Services
) -> None:
    user_id = body["user"]["id"]
    keep = keeps_vault(view["state"]["values"])
    _, still_in = _delete(services, client, user_id, user_id, keep=keep)
    ack(response_action="update", view=deleted_view(still_in))


def cohort_member(call: CommandCall) -> None:
    """Admins, on a member's request: `/cohort member export|delete @person`."""
    services = call.services
    action, _, rest = call.sent_args.strip().partition(" ")
    if action.lower() not in ("export", "delete"):
        raise Refused(MEMBER_USAGE)
    person = replace(call, sent_args=rest).person(MEMBER_USAGE)
    if person.rest:
        raise Refused(MEMBER_USAGE)
    target = person.user_id
    if action.lower() == "export":
        outcome = _export(services, target, call.user_id)
        call.reply(
            {
                Export.QUEUED: f"<@{target}>'s data is on its way to their DM with me "
                "as a JSON file.",
                Export.TOO_SOON: f"An export for <@{target}> was made in the last hour; it is "
                "in their DM. Try again later.",
                Export.UNKNOWN: f"I hold nothing about <@{target}>.",
            }[outcome]
        )
        return
    found, still_in = _delete(services, call.client, target, call.user_id, keep=False)
    if not found:
        call.reply(f"I hold nothing about <@{target}>.")
        return
    answer = f"<@{target}>'s data is deleted; the audit log records that you asked."
    if still_in:
        answer += f" I couldn't remove them from <#{still_in}>: please do."
    call.reply(answer)


def register(app: App) -> None:
    app.view(DELETE_VIEW)(submit_delete)


ROUTES = {
    ("/profile", "privacy"): profile_privacy,
    ("/profile", "export"): profile_export,
    ("/profile", "delete"): profile_delete,
    ("/cohort", "member"): cohort_member,
}
