"""Assembling a running process: database, services, Slack client (logging: platform/logs.py)."""

from __future__ import annotations

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.platform.clock import Clock, SystemClock
from bot.platform.services import Services
from bot.platform.settings import Settings
from bot.slack.client import build_web_client
from storage.db import make_engine, make_sessions
from storage.migrate import upgrade


class StartupError(Exception):
    """A problem an operator must fix; ``str()`` is the one line to print."""


def build_services(settings: Settings, clock: Clock | None = None, *, migrate: bool = True):
    engine = make_engine(settings.database_url)
    if migrate:
        upgrade(engine)
    return Services(settings=settings, sessions=make_sessions(engine), clock=clock or SystemClock())


def slack_client(services: Services) -> WebClient:
    settings = services.settings
    return build_web_client(settings.slack_bot_token, settings.slack_api_url, services.clock)


def check_slack(client: WebClient) -> dict:
    """auth.test once at start, so a wrong token fails loudly before serving anything."""
    try:
        return client.auth_test().data  # type: ignore[return-value]
    except SlackApiError as exc:
        error = exc.response.get("error")
        raise StartupError(
            f"circlebot cannot start: Slack refused SLACK_BOT_TOKEN ({error}); "
            "copy the Bot User OAuth Token from your app's OAuth & Permissions page"
        ) from None
    except OSError as exc:
        raise StartupError(
            f"circlebot cannot start: Slack's API at {client.base_url} is unreachable ({exc})"
        ) from None
