"""Assembling a running process: database, services, Slack client (logging: platform/logs.py)."""

from __future__ import annotations

import logging
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.outbox.transport import remember_grant
from bot.platform.clock import Clock, SystemClock
from bot.platform.services import Services
from bot.platform.settings import Settings
from bot.slack.client import build_web_client
from bot.vault.index_version import bring_index_current
from storage.db import make_engine, make_sessions
from storage.migrate import upgrade

log = logging.getLogger(__name__)


class StartupError(Exception):
    """A problem an operator must fix; ``str()`` is the one line to print."""


def build_services(settings: Settings, clock: Clock | None = None, *, migrate: bool = True):
    """The process's services; with ``migrate`` the schema is brought to the code's head and
    the vault's index to the code's analyzer (each once, whoever starts first)."""
    engine = make_engine(settings.database_url)
    services = Services(
        settings=settings,
        sessions=make_sessions(engine),
        clock=clock or SystemClock(),
        read_engine=make_engine(settings.database_url, autocommit=True),
    )
    if migrate:
        upgrade(engine)
        with services.sessions.begin() as session:
            changed = bring_index_current(session, now=services.clock.now())
        if changed:
            log.info("vault: %d entries re-analyzed for the current analyzer", changed)
    return services


def slack_client(services: Services) -> WebClient:
    settings = services.settings
    return build_web_client(settings.slack_bot_token, settings.slack_api_url, services.clock)


def check_slack(client: WebClient) -> dict[str, Any]:
    """auth.test once at start, so a wrong token fails loudly before serving anything.

    Its ``X-OAuth-Scopes`` header says which scopes this installation granted; the outbox
    follows it (bot/outbox/reconcile.py): with a history scope it may look up its own
    recent message after a cut-off send, without one it never sends such a message again.
    """
    try:
        response = client.auth_test()
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
    grant = remember_grant(client, response.headers)
    log.log(
        logging.WARNING if grant.scopes is None else logging.INFO, "outbox: %s", grant.describe()
    )
    identity = response.data
    assert isinstance(identity, dict), "auth.test answers a JSON object"
    return identity
