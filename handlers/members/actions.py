"""Button clicks and other block actions."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot.members.profile_blocks import EDIT_ACTION
from bot.platform.services import Services
from handlers.common.screens import open_profile_modal


def edit_profile(ack: Ack, body: dict[str, Any], client: WebClient, services: Services):
    """'Set up my profile' / 'Edit profile' from App Home or the welcome DM."""
    ack()
    user_id = body["user"]["id"]
    trouble = open_profile_modal(client, services, user_id, body["trigger_id"])
    if trouble:
        # From a message: answer there; from App Home: in the member's DM with the bot.
        channel = (body.get("channel") or {}).get("id")
        if channel is None:
            channel = client.conversations_open(users=user_id)["channel"]["id"]
        client.chat_postEphemeral(channel=channel, user=user_id, text=trouble)


def register(app: App) -> None:
    app.action(EDIT_ACTION)(edit_profile)
