"""Modal submissions."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot.members.profile_blocks import CALLBACK_ID as PROFILE
from bot.members.profile_blocks import read_profile_form
from bot.members.profiles import validate_profile
from bot.members.sync import save_profile
from bot.platform.services import Services
from handlers.common.screens import publish_home


def submit_profile(
    ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient, services: Services
) -> None:
    user_id = body["user"]["id"]
    result = validate_profile(read_profile_form(view["state"]["values"]))
    if isinstance(result, dict):
        ack(response_action="errors", errors=result)
        return
    with services.sessions.begin() as session:
        save_profile(session, user_id, result, now=services.clock.now())
    ack()
    publish_home(client, services, user_id)


def register(app: App) -> None:
    app.view(PROFILE)(submit_profile)
