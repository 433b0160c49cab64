"""Builds the Bolt app. It wires listeners; it never handles anything itself."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from slack_bolt import App, BoltContext
from slack_sdk import WebClient

import handlers
from bot.platform.logs import request_scope
from bot.platform.services import Services
from bot.slack.client import build_web_client


def build_app(services: Services, *, client: WebClient | None = None) -> App:
    """A sync App with ``process_before_response=True``.

    Measured (bench/slash_ack.py): the sync App behind gunicorn gthread serves far more than the
    async variants, and processing before the response means every write is committed
    before Slack hears "ok" — nothing acknowledged is lost on shutdown. Token
    verification is deferred to the first request so construction makes no network call.
    """
    settings = services.settings
    client = client or build_web_client(
        settings.slack_bot_token, settings.slack_api_url, services.clock
    )
    app = App(
        client=client,
        signing_secret=settings.slack_signing_secret,
        process_before_response=True,
        token_verification_enabled=False,
    )

    @app.middleware
    def inject_services(
        body: dict[str, Any], context: BoltContext, next: Callable[[], None]
    ) -> None:
        context["services"] = services
        drop_nul(body)
        with request_scope():  # Socket Mode requests get an id here; HTTP ones have one
            next()

    handlers.register(app)
    return app


def drop_nul(value: Any) -> Any:
    """Remove NUL characters from every string of a payload, in place. Nobody means one,
    and PostgreSQL text cannot hold one: a typed NUL would otherwise fail the write."""
    if isinstance(value, dict):
        for key, item in value.items():
            value[key] = drop_nul(item)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            value[i] = drop_nul(item)
    elif isinstance(value, str) and "\x00" in value:
        return value.replace("\x00", "")
    return value
