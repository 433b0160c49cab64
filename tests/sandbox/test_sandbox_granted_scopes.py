"""Slack names the token's scopes in ``X-OAuth-Scopes`` on every answer to an authenticated
Web API call; the sandbox does too, from the scopes it was built with."""

from __future__ import annotations

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.platform.clock import ManualClock
from bot.sandbox import SlackSandbox
from bot.sandbox.manifest import AppManifest


def _scopes(headers: dict[str, str]) -> list[str]:
    return headers["X-OAuth-Scopes"].split(",")


def test_every_authenticated_answer_names_the_granted_scopes(clock: ManualClock) -> None:
    with SlackSandbox(clock=clock, scopes=["chat:write", "im:write"]) as sandbox:
        alice = sandbox.add_user("alice")["id"]
        client = WebClient(token=sandbox.bot_token, base_url=sandbox.api_url, retry_handlers=[])

        assert _scopes(client.auth_test().headers) == ["chat:write", "im:write"]
        assert _scopes(client.chat_postMessage(channel=alice, text="hi").headers) == [
            "chat:write",
            "im:write",
        ]
        with pytest.raises(SlackApiError) as refused:
            client.users_list()
        assert refused.value.response["error"] == "missing_scope"
        assert _scopes(refused.value.response.headers) == ["chat:write", "im:write"]


def test_an_answer_to_a_wrong_token_names_no_scopes(clock: ManualClock) -> None:
    with SlackSandbox(clock=clock, scopes=["chat:write"]) as sandbox:
        stranger = WebClient(token="xoxb-wrong", base_url=sandbox.api_url, retry_handlers=[])
        with pytest.raises(SlackApiError) as refused:
            stranger.auth_test()
        assert refused.value.response["error"] == "invalid_auth"
        assert "X-OAuth-Scopes" not in refused.value.response.headers


def test_without_scope_checks_it_announces_all_the_manifest_asks_for(clock: ManualClock) -> None:
    manifest = AppManifest.load()
    with SlackSandbox(clock=clock, scopes=None) as sandbox:
        client = WebClient(token=sandbox.bot_token, base_url=sandbox.api_url)
        announced = _scopes(client.auth_test().headers)
    assert announced == [*manifest.bot_scopes, *manifest.bot_optional_scopes]
    assert "im:history" in manifest.bot_optional_scopes
