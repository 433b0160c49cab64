"""The last line of every listener, in one place: a refusal becomes the person's answer; an
unexpected error is logged with context and the person gets a plain sentence, never a stack
trace or Slack's generic failure."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import App, Respond
from slack_bolt.response import BoltResponse
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.outbox.admin_alerts import alert_admins, installation_alert
from bot.platform.refused import Refused
from bot.slack.blocks import notice_modal
from bot.slack.errors import INSTALLATION_ERRORS
from handlers.common.replies import tell

log = logging.getLogger("circlebot.errors")

SORRY = "Sorry — something went wrong on our side. Nothing you typed was lost; please try again."


def on_error(
    error: Exception,
    body: dict[str, Any],
    respond: Respond,
    client: WebClient,
    context: dict[str, Any] | None = None,
) -> BoltResponse:
    kind = body.get("type") or ("slash_command" if body.get("command") else "unknown")
    if isinstance(error, Refused):
        return answer_refusal(error, kind, body, respond, client)
    _alert_if_installation(error, kind, context or {})
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


def answer_refusal(
    refused: Refused, kind: str, body: dict[str, Any], respond: Respond, client: WebClient
) -> BoltResponse:
    """Say no where the request came from, only to the person who asked."""
    text = str(refused)
    if kind == "slash_command":
        return BoltResponse(status=200, body={"response_type": "ephemeral", "text": text})
    if kind == "view_submission":
        if refused.field:
            answer = {"response_action": "errors", "errors": {refused.field: text}}
        else:
            answer = {"response_action": "update", "view": notice_modal(text)}
        return BoltResponse(status=200, body=answer)
    tell(body, respond, client, text)
    return BoltResponse(status=200, body="")


def _alert_if_installation(error: Exception, kind: str, context: dict[str, Any]) -> None:
    """A refused token or scope is nothing the member did: tell the admins (once an hour)."""
    services = context.get("services")
    if services is None or not isinstance(error, SlackApiError):
        return
    code = str(error.response.get("error", ""))
    if code not in INSTALLATION_ERRORS:
        return
    try:
        with services.sessions.begin() as session:
            text = installation_alert(code, f"answering a {kind.replace('_', ' ')}")
            alert_admins(
                session,
                services.settings.circlebot_admins,
                "installation",
                text,
                now=services.clock.now(),
            )
    except Exception:  # the apology must still reach the member
        log.exception("could not queue the admin alert")


def register(app: App) -> None:
    app.error(on_error)
