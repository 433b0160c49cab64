"""Opening modals and publishing App Home: shared by several listeners."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.circles.membership import circle_people, placement
from bot.lunches.planning import home_lunches
from bot.members.admins import is_admin
from bot.members.home_blocks import home_view
from bot.members.profile_blocks import profile_modal
from bot.members.sync import get_member
from bot.mentors.home import home_mentoring
from bot.platform.services import Services
from bot.pulse.blocks import home_section
from bot.pulse.stored import weekly_pulse
from handlers.common.command_call import CommandCall
from handlers.common.replies import tell

log = logging.getLogger(__name__)

TRIGGER_TROUBLE = {
    "expired_trigger_id": "Slack took too long to open the form. Please try again.",
    "exchanged_trigger_id": "That form was already opened. Please try again.",
    "invalid_trigger_id": "Slack couldn't open the form. Please try again.",
}


def open_view(client: WebClient, user_id: str, trigger_id: str, view: dict) -> str | None:
    """Open a modal; returns a sentence for the person if Slack refused."""
    try:
        client.views_open(trigger_id=trigger_id, view=view)
    except SlackApiError as exc:
        error = exc.response.get("error", "")
        log.warning("views.open failed for %s: %s", user_id, error)
        return TRIGGER_TROUBLE.get(
            error, "Slack couldn't open that form just now. Please try again."
        )
    return None


def open_for_command(call: CommandCall, view: dict) -> None:
    """Open a modal for a slash command; if Slack refused, the person is told why."""
    trouble = open_view(call.client, call.user_id, call.trigger_id, view)
    call.reply(trouble) if trouble else call.ack()


def open_for_click(body: dict[str, Any], respond: Respond, client: WebClient, view: dict) -> None:
    """Open a modal for a button; if Slack refused, the person is told why (ephemerally)."""
    trouble = open_view(client, body["user"]["id"], body["trigger_id"], view)
    if trouble:
        tell(body, respond, client, trouble)


def open_profile_modal(
    client: WebClient, services: Services, user_id: str, trigger_id: str
) -> str | None:
    """Open the editor; returns a sentence for the member if Slack refused."""
    with services.sessions() as session:
        view = profile_modal(get_member(session, user_id))
    trouble = open_view(client, user_id, trigger_id, view)
    if trouble and trouble.startswith("Slack couldn't open that form"):
        return "Slack couldn't open the profile editor just now. Please try again."
    return trouble


def publish_home(client: WebClient, services: Services, user_id: str) -> bool:
    """Publish the member's App Home; a failure is logged, never shown as an error."""
    with services.sessions() as session:
        admin = is_admin(session, user_id, services.settings)
    # The week's stored pulse (computed and stored once if the Monday job has not yet).
    now, tz = services.clock.now(), services.settings.timezone
    admin_section = home_section(weekly_pulse(services.sessions, now, tz)) if admin else []
    with services.sessions() as session:
        member = get_member(session, user_id)
        placed = placement(session, member)
        circle = (placed[0], circle_people(session, placed[0].id)) if placed else None
        mentoring = (
            home_mentoring(session, member, services.clock.now(), services.settings.timezone)
            if member is not None
            else None
        )
        lunches = (
            home_lunches(session, member, services.clock.now(), services.settings)
            if member is not None
            else None
        )
        view = home_view(
            member, circle, admin_section, admin=admin, mentoring=mentoring, lunches=lunches
        )
    try:
        client.views_publish(user_id=user_id, view=view)
    except SlackApiError as exc:
        log.warning("views.publish failed for %s: %s", user_id, exc.response.get("error"))
        return False
    return True
