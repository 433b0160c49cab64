"""conversations.* against the sandbox: DMs, group DMs, channels, members, history."""

from __future__ import annotations

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.sandbox import SlackSandbox


def _error(call) -> str:
    with pytest.raises(SlackApiError) as raised:
        call()
    return raised.value.response["error"]


def test_opening_the_same_people_twice_gives_the_same_group_dm(
    client: WebClient, sandbox: SlackSandbox, alice: str, bob: str
) -> None:
    first = client.conversations_open(users=[alice, bob])["channel"]["id"]
    again = client.conversations_open(users=f"{bob},{alice}")

    assert first.startswith("G")
    assert again["channel"]["id"] == first
    assert again["already_open"] is True
    assert sandbox.conversation_members(first) == [*sorted([alice, bob]), sandbox.bot_user_id]
    assert sandbox.dm_channel(alice, bob) == first


def test_one_person_gets_an_im_with_the_bot(
    client: WebClient, sandbox: SlackSandbox, alice: str
) -> None:
    answer = client.conversations_open(users=alice, return_im=True)
    assert answer["channel"]["id"].startswith("D")
    assert answer["channel"]["user"] == alice
    assert sandbox.dm_channel(alice) == answer["channel"]["id"]
    assert sandbox.dm_channel(alice, "UOTHER") is None


def test_nine_people_are_too_many_for_a_group_dm(client: WebClient, sandbox: SlackSandbox) -> None:
    people = [sandbox.add_user(f"p{i}")["id"] for i in range(9)]
    assert _error(lambda: client.conversations_open(users=people)) == "too_many_users"
    assert client.conversations_open(users=people[:8])["ok"] is True


def test_conversations_open_errors(client: WebClient, sandbox: SlackSandbox, alice: str) -> None:
    gone = sandbox.add_user("gone", deleted=True)["id"]
    assert _error(lambda: client.conversations_open(users="")) == "not_enough_users"
    assert _error(lambda: client.conversations_open(users=[alice, "UNOBODY"])) == "user_not_found"
    assert _error(lambda: client.conversations_open(users=[alice, gone])) == "user_disabled"


def test_create_checks_names_like_slack(client: WebClient) -> None:
    assert client.conversations_create(name="circle-week_1")["channel"]["is_member"] is True
    assert _error(lambda: client.conversations_create(name="circle-week_1")) == "name_taken"
    assert _error(lambda: client.conversations_create(name="Circle")) == "invalid_name_specials"
    assert _error(lambda: client.conversations_create(name="a b")) == "invalid_name_specials"
    assert _error(lambda: client.conversations_create(name="x" * 81)) == "invalid_name_maxlength"


def test_invite_adds_people_and_reports_slack_errors(
    client: WebClient, sandbox: SlackSandbox, alice: str, bob: str
) -> None:
    channel = client.conversations_create(name="circle", is_private=True)["channel"]["id"]
    client.conversations_invite(channel=channel, users=[alice])
    assert sandbox.conversation_members(channel) == [sandbox.bot_user_id, alice]

    assert _error(lambda: client.conversations_invite(channel=channel, users=alice)) == (
        "already_in_channel"
    )
    assert _error(lambda: client.conversations_invite(channel=channel, users="UNOBODY")) == (
        "user_not_found"
    )
    assert _error(
        lambda: client.conversations_invite(channel=channel, users=sandbox.bot_user_id)
    ) == ("cant_invite_self")
    assert _error(lambda: client.conversations_invite(channel="C404", users=bob)) == (
        "channel_not_found"
    )
    client.conversations_archive(channel=channel)
    assert _error(lambda: client.conversations_invite(channel=channel, users=bob)) == (
        "is_archived"
    )


def test_kick_removes_one_person_and_reports_slack_errors(
    client: WebClient, sandbox: SlackSandbox, alice: str, bob: str
) -> None:
    channel = client.conversations_create(name="circle-kick", is_private=True)["channel"]["id"]
    client.conversations_invite(channel=channel, users=[alice, bob])
    client.conversations_kick(channel=channel, user=alice)
    assert sandbox.conversation_members(channel) == [sandbox.bot_user_id, bob]
    kick = client.conversations_kick
    assert _error(lambda: kick(channel=channel, user=alice)) == "not_in_channel"
    assert _error(lambda: kick(channel=channel, user=sandbox.bot_user_id)) == "cant_kick_self"
    assert _error(lambda: kick(channel=channel, user="UNOBODY")) == "user_not_found"


def test_invite_needs_the_bot_in_the_channel(
    client: WebClient, sandbox: SlackSandbox, alice: str
) -> None:
    channel = sandbox.add_channel("lounge", members=[alice], bot_member=False)
    assert _error(lambda: client.conversations_invite(channel=channel, users=alice)) == (
        "not_in_channel"
    )


def test_members_are_cursor_paginated(client: WebClient, sandbox: SlackSandbox) -> None:
    people = [sandbox.add_user(f"m{i}")["id"] for i in range(5)]
    channel = sandbox.add_channel("cohort", members=people)

    seen, cursor = [], None
    while True:
        answer = client.conversations_members(channel=channel, limit=2, cursor=cursor)
        seen += answer["members"]
        cursor = answer["response_metadata"]["next_cursor"]
        if not cursor:
            break

    assert seen == [*people, sandbox.bot_user_id]
    assert len(sandbox.calls_to("conversations.members")) == 3


def test_history_is_newest_first_and_returns_metadata_when_asked(
    client: WebClient, sandbox: SlackSandbox, alice: str
) -> None:
    metadata = {"event_type": "pairing_sent", "event_payload": {"round": 7}}
    first = client.chat_postMessage(channel=alice, text="first", metadata=metadata)
    client.chat_postMessage(channel=alice, text="second")

    history = client.conversations_history(channel=first["channel"], include_all_metadata=True)
    assert [m["text"] for m in history["messages"]] == ["second", "first"]
    assert history["messages"][1]["metadata"] == metadata

    plain = client.conversations_history(channel=first["channel"])
    assert "metadata" not in plain["messages"][1]

    newer = client.conversations_history(channel=first["channel"], oldest=first["ts"])
    assert [m["text"] for m in newer["messages"]] == ["second"]


def test_history_needs_the_bot_in_the_channel(
    client: WebClient, sandbox: SlackSandbox, alice: str
) -> None:
    channel = sandbox.add_channel("lounge", members=[alice], bot_member=False)
    assert _error(lambda: client.conversations_history(channel=channel)) == "not_in_channel"
    assert _error(lambda: client.conversations_history(channel="C404")) == "channel_not_found"
