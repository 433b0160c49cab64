"""Fixtures for the sandbox's own tests: a started sandbox on a manual clock."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from slack_sdk import WebClient

from bot.clock import ManualClock
from bot.sandbox import SlackSandbox


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(datetime(2025, 1, 6, 9, 0, tzinfo=UTC))


@pytest.fixture
def sandbox(clock: ManualClock) -> Iterator[SlackSandbox]:
    with SlackSandbox(clock=clock) as sb:
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
