"""Answering the person who clicked, wherever the click came from."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

log = logging.getLogger(__name__)


def tell(
    body: dict[str, Any],
    respond: Respond,
    client: WebClient,
    text: str,
    blocks: list[dict[str, Any]] | None = None,
    *,
    replace: bool = False,
) -> None:
    """Answer through the click's response_url (ephemeral, or ``replace`` the clicked
    message); a click without one (a hand-made payload) gets it in the person's DM."""
    if body.get("response_url"):
        if replace:
            respond(text=text, blocks=blocks, replace_original=True)
        else:
            respond(text=text, blocks=blocks, response_type="ephemeral", replace_original=False)
        return
    user_id = body["user"]["id"]
    try:
        client.chat_postMessage(channel=user_id, text=text, blocks=blocks)
    except SlackApiError as exc:
        log.warning("could not answer %s: %s", user_id, exc.response.get("error"))
