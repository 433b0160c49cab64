"""Fixtures for the sandbox's own tests: a started sandbox on a manual clock, and an app
stand-in that records what the driver sends it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qs

import pytest
from slack_sdk import WebClient

from bot.platform.clock import ManualClock
from bot.sandbox import SlackDriver, SlackSandbox, WsgiTransport


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(datetime(2025, 1, 6, 9, 0, tzinfo=UTC))


@pytest.fixture
def sandbox(clock: ManualClock) -> Iterator[SlackSandbox]:
    """Lenient: these tests drive the sandbox's mechanics with a generic echo app, commands
    and events our manifest does not declare; the ``strict`` fixture checks Slack's rules."""
    with SlackSandbox(clock=clock, strict=False) as sb:
        yield sb
    assert sb.errors == [], "the sandbox hit an internal error"


@pytest.fixture
def client(sandbox: SlackSandbox) -> WebClient:
    """A client without retry handlers, so every request is exactly one HTTP exchange."""
    return WebClient(token=sandbox.bot_token, base_url=sandbox.api_url, retry_handlers=[])


@pytest.fixture
def alice(sandbox: SlackSandbox) -> str:
    return sandbox.add_user("alice", real_name="Alice Adams", title="Group PM")["id"]


@pytest.fixture
def bob(sandbox: SlackSandbox) -> str:
    return sandbox.add_user("bob", real_name="Bob Brown", tz="Europe/London")["id"]


class EchoApp:
    """A WSGI app that remembers each request and answers with ``self.answer``."""

    def __init__(self) -> None:
        self.requests: list[dict[str, Any]] = []
        self.status = "200 OK"
        self.answer: bytes = b""
        self.content_type = "application/json"

    def __call__(self, environ, start_response):
        length = int(environ.get("CONTENT_LENGTH") or 0)
        body = environ["wsgi.input"].read(length).decode()
        self.requests.append({"environ": dict(environ), "body": body})
        start_response(self.status, [("Content-Type", self.content_type)])
        return [self.answer]

    @property
    def last_payload(self) -> dict[str, Any]:
        body = self.requests[-1]["body"]
        if self.requests[-1]["environ"]["CONTENT_TYPE"] == "application/json":
            return json.loads(body)
        form = {k: v[0] for k, v in parse_qs(body).items()}
        return json.loads(form["payload"]) if "payload" in form else form


@pytest.fixture
def app() -> EchoApp:
    return EchoApp()


@pytest.fixture
def driver(sandbox: SlackSandbox, app: EchoApp) -> SlackDriver:
    return SlackDriver(sandbox, WsgiTransport(app), timestamp=lambda: 1_736_154_000.0)


@pytest.fixture
def strict(clock: ManualClock) -> Iterator[SlackSandbox]:
    """A sandbox as strict as Slack, reading the repository's manifest.yml."""
    with SlackSandbox(clock=clock, strict=True) as sb:
        yield sb
    assert sb.errors == [], "the sandbox hit an internal error"


@pytest.fixture
def strict_client(strict: SlackSandbox) -> WebClient:
    return WebClient(token=strict.bot_token, base_url=strict.api_url, retry_handlers=[])


@pytest.fixture
def strict_driver(strict: SlackSandbox, app: EchoApp) -> SlackDriver:
    return SlackDriver(strict, WsgiTransport(app), timestamp=lambda: 1_736_154_000.0)
