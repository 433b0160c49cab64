"""The last line: an unexpected error is logged with context and the member gets a
plain sentence, never a stack trace or Slack's generic failure."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import App
from slack_bolt.response import BoltResponse

log = logging.getLogger("circlebot.errors")

SORRY = "Sorry — something went wrong on our side. Nothing you typed was lost; please try again."


def on_error(error: Exception, body: dict[str, Any]) -> BoltResponse:
    kind = body.get("type") or ("slash_command" if body.get("command") else "unknown")
    log.exception(
        "listener failed: kind=%s command=%s user=%s",
        kind,
        body.get("command"),
        body.get("user_id") or (body.get("user") or {}).get("id"),
        exc_info=error,
    )
    if kind == "view_submission":
        # Keep the modal open with the member's input; show the apology on its first input.
        blocks = (body.get("view") or {}).get("blocks") or []
        first = next((b.get("block_id") for b in blocks if b.get("type") == "input"), None)
        if first:
            return BoltResponse(
                status=200, body={"response_action": "errors", "errors": {first: SORRY}}
            )
    if kind == "slash_command":
        return BoltResponse(status=200, body={"response_type": "ephemeral", "text": SORRY})
    return BoltResponse(status=200, body="")


def register(app: App) -> None:
    app.error(on_error)
