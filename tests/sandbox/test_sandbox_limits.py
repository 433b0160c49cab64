"""Rate limits, Retry-After bookkeeping, scopes and injected faults."""

from __future__ import annotations

from datetime import timedelta
from urllib.error import URLError

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry import (
    ConnectionErrorRetryHandler,
    FixedValueRetryIntervalCalculator,
    RateLimitErrorRetryHandler,
)

from bot.platform.clock import ManualClock
from bot.sandbox import SlackSandbox


class ClockRateLimitRetry(RateLimitErrorRetryHandler):
    """Waits out Retry-After on the manual clock instead of really sleeping."""

    def __init__(self, clock: ManualClock, max_retry_count: int = 3) -> None:
        super().__init__(max_retry_count=max_retry_count)
        self.clock = clock

    def prepare_for_next_attempt(self, *, state, request, response=None, error=None) -> None:
        state.next_attempt_requested = True
        headers = {k.lower(): v for k, v in response.headers.items()}
        self.clock.sleep(int(headers["retry-after"][0]))
        state.increment_current_attempt()


def test_over_the_limit_is_a_429_with_retry_after(
    client: WebClient, sandbox: SlackSandbox, clock: ManualClock
) -> None:
    sandbox.set_rate_limit("auth.test", 2)
    client.auth_test()
    clock.advance(timedelta(seconds=10))
    client.auth_test()
    clock.advance(timedelta(seconds=10))

    with pytest.raises(SlackApiError) as raised:
        client.auth_test()

    response = raised.value.response
    assert response.status_code == 429
    assert response["error"] == "ratelimited"
    assert response.headers["Retry-After"] == "40"  # the first slot frees 60 s after it was used
    assert [c.status for c in sandbox.calls_to("auth.test")] == [200, 200, 429]


def test_the_window_slides_on_the_sandbox_clock(
    client: WebClient, sandbox: SlackSandbox, clock: ManualClock
) -> None:
    sandbox.set_rate_limit("users.list", 1)
    client.users_list(limit=10)
    clock.advance(timedelta(seconds=59))
    with pytest.raises(SlackApiError) as raised:
        client.users_list(limit=10)
    assert raised.value.response.headers["Retry-After"] == "1"
    clock.advance(timedelta(seconds=1))
    assert client.users_list(limit=10)["ok"] is True


def test_a_retry_before_retry_after_is_recorded_as_early(
    client: WebClient, sandbox: SlackSandbox, clock: ManualClock
) -> None:
    sandbox.set_rate_limit("auth.test", 1)
    client.auth_test()
    with pytest.raises(SlackApiError):
        client.auth_test()  # told to wait 60 s

    clock.advance(timedelta(seconds=30))
    with pytest.raises(SlackApiError):
        client.auth_test()  # too soon
    assert sandbox.calls_to("auth.test")[-1].early_retry is True
    assert sandbox.early_retries == 1

    clock.advance(timedelta(seconds=30))
    assert client.auth_test()["ok"] is True
    assert sandbox.calls_to("auth.test")[-1].early_retry is False
    assert sandbox.early_retries == 1


def test_a_client_that_honours_retry_after_never_comes_back_early(
    sandbox: SlackSandbox, clock: ManualClock, alice: str
) -> None:
    client = WebClient(
        token=sandbox.bot_token,
        base_url=sandbox.api_url,
        retry_handlers=[ClockRateLimitRetry(clock)],
    )
    sandbox.set_rate_limit("chat.postMessage", 2)
    start = clock.now()

    for n in range(3):
        client.chat_postMessage(channel=alice, text=f"message {n}")

    assert [c.status for c in sandbox.calls_to("chat.postMessage")] == [200, 200, 429, 200]
    assert sandbox.early_retries == 0
    assert clock.now() - start == timedelta(seconds=60)
    assert len(sandbox.messages(sandbox.dm_channel(alice))) == 3


def test_fail_next_answers_a_slack_error_once(client: WebClient, sandbox: SlackSandbox) -> None:
    sandbox.fail_next("auth.test", "internal_error", status=500)
    with pytest.raises(SlackApiError) as raised:
        client.auth_test()
    assert raised.value.response.status_code == 500
    assert raised.value.response["error"] == "internal_error"
    assert client.auth_test()["ok"] is True


def test_fail_next_429_sets_retry_after_and_counts_early_retries(
    client: WebClient, sandbox: SlackSandbox, clock: ManualClock
) -> None:
    sandbox.fail_next("auth.test", status=429, retry_after=5, times=2)
    for _ in range(2):
        with pytest.raises(SlackApiError) as raised:
            client.auth_test()
        assert raised.value.response.headers["Retry-After"] == "5"
    assert sandbox.early_retries == 1
    clock.advance(timedelta(seconds=5))
    assert client.auth_test()["ok"] is True
    assert sandbox.early_retries == 1


def test_a_dropped_connection_is_a_connection_error(
    client: WebClient, sandbox: SlackSandbox
) -> None:
    sandbox.fail_next("auth.test", drop_connection=True)
    with pytest.raises((ConnectionError, URLError)):
        client.auth_test()
    [call] = sandbox.calls_to("auth.test")
    assert (call.status, call.error) == (0, "connection_dropped")
    assert client.auth_test()["ok"] is True


def test_a_connection_retry_handler_recovers_from_a_dropped_connection(
    sandbox: SlackSandbox,
) -> None:
    no_wait = FixedValueRetryIntervalCalculator(0)
    client = WebClient(
        token=sandbox.bot_token,
        base_url=sandbox.api_url,
        retry_handlers=[ConnectionErrorRetryHandler(interval_calculator=no_wait)],
    )
    sandbox.fail_next("auth.test", drop_connection=True)
    assert client.auth_test()["ok"] is True
    assert [c.status for c in sandbox.calls_to("auth.test")] == [0, 200]


def test_missing_scope_names_what_was_needed_and_provided(clock: ManualClock) -> None:
    with SlackSandbox(clock=clock, scopes=["chat:write", "im:write"]) as sandbox:
        alice = sandbox.add_user("alice")["id"]
        bob = sandbox.add_user("bob")["id"]
        client = WebClient(token=sandbox.bot_token, base_url=sandbox.api_url)

        with pytest.raises(SlackApiError) as raised:
            client.users_list(limit=10)
        assert raised.value.response.data == {
            "ok": False,
            "error": "missing_scope",
            "needed": "users:read",
            "provided": "chat:write,im:write",
        }
        assert client.conversations_open(users=alice)["ok"] is True
        with pytest.raises(SlackApiError) as raised:
            client.conversations_open(users=[alice, bob])
        assert raised.value.response["needed"] == "mpim:write"
        dm = sandbox.dm_channel(alice)
        with pytest.raises(SlackApiError) as raised:
            client.conversations_history(channel=dm)
        assert raised.value.response["needed"] == "im:history"
        assert client.auth_test()["ok"] is True  # needs no scope


def test_email_needs_users_read_email(clock: ManualClock) -> None:
    with SlackSandbox(clock=clock, scopes=["users:read"]) as sandbox:
        alice = sandbox.add_user("alice")["id"]
        client = WebClient(token=sandbox.bot_token, base_url=sandbox.api_url)
        assert "email" not in client.users_info(user=alice)["user"]["profile"]


def test_auth_is_checked_before_the_rate_limit(sandbox: SlackSandbox) -> None:
    sandbox.set_rate_limit("auth.test", 1)
    bad = WebClient(token="xoxb-wrong", base_url=sandbox.api_url)
    for _ in range(3):
        with pytest.raises(SlackApiError) as raised:
            bad.auth_test()
        assert raised.value.response["error"] == "invalid_auth"
