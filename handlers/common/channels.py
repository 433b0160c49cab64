"""Taking someone out of a private channel: what is said in a circle stays in it."""

from __future__ import annotations

import logging

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

log = logging.getLogger(__name__)


def remove_from_channel(client: WebClient, channel: str, user: str) -> str | None:
    """Kick ``user`` from ``channel``; Slack's error if they are still in it, else None
    (someone who already left counts as removed)."""
    try:
        client.conversations_kick(channel=channel, user=user)
    except SlackApiError as exc:
        error = str(exc.response.get("error"))
        if error != "not_in_channel":
            log.warning("could not remove %s from %s: %s", user, channel, error)
            return error
    return None
