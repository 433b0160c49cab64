"""Web API methods that take the app-level token (``xapp-…``): apps.connections.open.

They are authorised differently from every other method: by the app-level token in the
``Authorization`` header, never by the bot token, so the pipeline in ``bot.sandbox.webapi``
hands them here before its bot-token check.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from bot.sandbox.records import ApiCall


class UrlIssuer(Protocol):
    def issue_url(self) -> str: ...


@dataclass
class AppLevel:
    """The app-level token and the Socket Mode endpoint it opens links to."""

    app_token: str
    socket_mode: UrlIssuer


def token_error(app_token: str, header_token: str | None, body_token: str | None) -> str | None:
    """Slack's error for this token, or None when it is the app-level token in the header."""
    token = header_token or body_token
    if not token:
        return "not_authed"
    # docs.slack.dev/reference/methods/apps.connections.open: bot and user tokens are refused.
    if token.startswith(("xoxb-", "xoxp-", "xoxa-", "xoxe-")):
        return "not_allowed_token_type"
    if token != app_token:
        return "invalid_auth"
    # docs.slack.dev/reference/methods/apps.connections.open: the app-level token goes in the
    # Authorization header; "passing it as a POST parameter will result in an error".
    if header_token is None:
        return "not_authed"
    return None


def connections_open(app: AppLevel, args: dict[str, Any], call: ApiCall) -> dict[str, Any]:
    # docs.slack.dev/reference/methods/apps.connections.open: {"ok": true, "url": "wss://…"}
    # (ws:// here: loopback has no TLS).
    return {"ok": True, "url": app.socket_mode.issue_url()}


METHODS = {"apps.connections.open": connections_open}
