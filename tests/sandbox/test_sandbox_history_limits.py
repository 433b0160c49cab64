"""Opt-in: Slack's 2025-05-29 conversations.history limits for commercially distributed apps
outside the Marketplace (1 request a minute, at most 15 messages a page)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.platform.clock import ManualClock
from bot.sandbox import SlackSandbox


@pytest.fixture
def limited(clock: ManualClock) -> Iterator[SlackSandbox]:
    with SlackSandbox(clock=clock, history_limits=True) as sandbox:
        yield sandbox


def _client(sandbox: SlackSandbox) -> WebClient:
    return WebClient(token=sandbox.bot_token, base_url=sandbox.api_url, retry_handlers=[])


def _dm_with_messages(sandbox: SlackSandbox, count: int) -> str:
    alice = sandbox.add_user("alice")["id"]
    channel = sandbox.open_dm(alice)
    for i in range(count):
        sandbox.post_user_message(alice, channel, f"message {i}")
    return channel


def test_one_request_a_minute_then_429_with_retry_after(
    limited: SlackSandbox, clock: ManualClock
) -> None:
    client = _client(limited)
    channel = _dm_with_messages(limited, 3)
    assert client.conversations_history(channel=channel)["ok"] is True
    clock.advance(timedelta(seconds=20))

    with pytest.raises(SlackApiError) as raised:
        client.conversations_history(channel=channel)
    response = raised.value.response
    assert (response.status_code, response["error"]) == (429, "ratelimited")
    assert response.headers["Retry-After"] == "40"

    clock.advance(timedelta(seconds=40))
    assert client.conversations_history(channel=channel)["ok"] is True


def test_at_most_15_messages_a_page_and_15_by_default(
    limited: SlackSandbox, clock: ManualClock
) -> None:
    client = _client(limited)
    channel = _dm_with_messages(limited, 40)
    asked_for_100 = client.conversations_history(channel=channel, limit=100)
    assert len(asked_for_100["messages"]) == 15 and asked_for_100["has_more"] is True
    clock.advance(timedelta(seconds=60))
    by_default = client.conversations_history(channel=channel)
    assert len(by_default["messages"]) == 15
    clock.advance(timedelta(seconds=60))
    assert len(client.conversations_history(channel=channel, limit=5)["messages"]) == 5


def test_without_the_opt_in_history_keeps_the_usual_limits(
    sandbox: SlackSandbox, client: WebClient
) -> None:
    channel = _dm_with_messages(sandbox, 40)
    assert len(client.conversations_history(channel=channel)["messages"]) == 40
    assert len(client.conversations_history(channel=channel, limit=30)["messages"]) == 30


def test_strict_alone_does_not_turn_the_history_limits_on(clock: ManualClock) -> None:
    with SlackSandbox(clock=clock, strict=True) as sandbox:
        client = _client(sandbox)
        channel = _dm_with_messages(sandbox, 20)
        assert len(client.conversations_history(channel=channel)["messages"]) == 20
        assert client.conversations_history(channel=channel)["ok"] is True


def test_replies_have_the_same_limits_as_history(limited: SlackSandbox, clock: ManualClock) -> None:
    client = _client(limited)
    channel = _dm_with_messages(limited, 1)
    [parent] = limited.messages(channel)
    alice = parent["user"]
    for i in range(30):
        limited.post_user_message(alice, channel, f"reply {i}", thread_ts=parent["ts"])

    asked_for_100 = client.conversations_replies(channel=channel, ts=parent["ts"], limit=100)
    assert len(asked_for_100["messages"]) == 15 and asked_for_100["has_more"] is True
    with pytest.raises(SlackApiError) as raised:
        client.conversations_replies(channel=channel, ts=parent["ts"])
    assert (raised.value.response.status_code, raised.value.response["error"]) == (
        429,
        "ratelimited",
    )
    assert raised.value.response.headers["Retry-After"] == "60"

    clock.advance(timedelta(seconds=60))
    by_default = client.conversations_replies(channel=channel, ts=parent["ts"])
    assert len(by_default["messages"]) == 15
