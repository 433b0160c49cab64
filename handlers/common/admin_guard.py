"""Who may press admin buttons and run admin commands, checked on every request.

Buttons can be forged, so every admin action asks here rather than trusting that only
admins saw the button. Someone the member sync has not seen yet is looked up once with
``users.info`` and stored, which is also the cache for next time. Commands are checked by
the router (``Subcommand.admin``); buttons and forms by the ``admin_only`` middleware.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, Respond
from slack_bolt.response import BoltResponse
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.members.admins import REFUSAL, is_admin
from bot.members.sync import apply_slack_user, get_member
from bot.platform.services import Services
from bot.slack.blocks import notice_modal
from handlers.common.replies import tell

log = logging.getLogger(__name__)


def admin_allowed(client: WebClient, services: Services, user_id: str) -> bool:
    with services.sessions() as session:
        if is_admin(session, user_id, services.settings):
            return True
        if get_member(session, user_id) is not None:
            return False
    try:
        user = client.users_info(user=user_id)["user"]
    except SlackApiError as exc:
        log.warning("users.info failed for %s: %s", user_id, exc.response.get("error"))
        return False
    with services.sessions.begin() as session:
        apply_slack_user(session, user, now=services.clock.now())
        return is_admin(session, user_id, services.settings)


def admin_only(
    ack: Ack,
    body: dict[str, Any],
    respond: Respond,
    client: WebClient,
    services: Services,
    next: Callable[[], None],
) -> BoltResponse | None:
    """Listener middleware: the listener runs only for an admin; anyone else is told so."""
    if admin_allowed(client, services, body["user"]["id"]):
        next()
        return None
    if body.get("type") == "view_submission":
        return BoltResponse(
            status=200, body={"response_action": "update", "view": notice_modal(REFUSAL)}
        )
    ack()
    tell(body, respond, client, REFUSAL)
    return BoltResponse(status=200, body="")
