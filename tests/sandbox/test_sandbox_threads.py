"""Threads as Slack returns them: history lists the top-level messages, each parent with its
thread's summary; conversations.replies lists one thread, parent first."""

from __future__ import annotations

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.platform.clock import ManualClock
from bot.sandbox import SlackSandbox


def _error(call) -> str:
    with pytest.raises(SlackApiError) as raised:
        call()
    return raised.value.response["error"]


def _check_ins(client: WebClient, sandbox: SlackSandbox, alice: str, bob: str) -> dict:
    """A circle channel: the bot's check-in post, Alice and Bob answer in its thread, then a
    plain message; returns the ids and timestamps."""
    room = sandbox.add_channel("circle-otter", is_private=True, members=[alice, bob])
    parent = client.chat_postMessage(channel=room, text="Week 48 check-ins")["ts"]
    ana = sandbox.post_user_message(alice, room, "shipped the beta", thread_ts=parent)["ts"]
    ben = sandbox.post_user_message(bob, room, "on holiday", thread_ts=parent)["ts"]
    again = sandbox.post_user_message(alice, room, "and fixed a bug", thread_ts=parent)["ts"]
    later = client.chat_postMessage(channel=room, text="See you next week")["ts"]
    return {"room": room, "parent": parent, "replies": [ana, ben, again], "later": later}


def test_history_lists_top_level_messages_and_each_thread_in_summary(
    client: WebClient, sandbox: SlackSandbox, alice: str, bob: str
) -> None:
    week = _check_ins(client, sandbox, alice, bob)

    history = client.conversations_history(channel=week["room"])["messages"]

    assert [m["text"] for m in history] == ["See you next week", "Week 48 check-ins"]
    parent = history[1]
    assert parent["thread_ts"] == week["parent"]
    assert parent["reply_count"] == 3
    assert parent["reply_users"] == [alice, bob] and parent["reply_users_count"] == 2
    assert parent["latest_reply"] == week["replies"][-1]
    assert "reply_count" not in history[0]


def test_replies_are_the_parent_then_its_thread_oldest_first(
    client: WebClient, sandbox: SlackSandbox, alice: str, bob: str
) -> None:
    week = _check_ins(client, sandbox, alice, bob)

    thread = client.conversations_replies(channel=week["room"], ts=week["parent"])

    texts = [m["text"] for m in thread["messages"]]
    assert texts == ["Week 48 check-ins", "shipped the beta", "on holiday", "and fixed a bug"]
    assert thread["has_more"] is False
    assert thread["messages"][0]["reply_count"] == 3
    reply = thread["messages"][1]
    assert reply["thread_ts"] == week["parent"]
    assert reply["parent_user_id"] == sandbox.bot_user_id
    assert reply["user"] == alice


def test_a_reply_names_its_thread_and_a_lone_message_comes_back_alone(
    client: WebClient, sandbox: SlackSandbox, alice: str, bob: str
) -> None:
    week = _check_ins(client, sandbox, alice, bob)

    from_a_reply = client.conversations_replies(channel=week["room"], ts=week["replies"][1])
    assert [m["ts"] for m in from_a_reply["messages"]] == [week["parent"], *week["replies"]]
    alone = client.conversations_replies(channel=week["room"], ts=week["later"])
    assert [m["text"] for m in alone["messages"]] == ["See you next week"]


def test_replies_refuse_an_unknown_thread_and_a_channel_without_the_bot(
    client: WebClient, sandbox: SlackSandbox, alice: str, bob: str
) -> None:
    week = _check_ins(client, sandbox, alice, bob)
    lounge = sandbox.add_channel("lounge", members=[alice], bot_member=False)

    room = week["room"]
    assert _error(lambda: client.conversations_replies(channel=room, ts="1.000001")) == (
        "thread_not_found"
    )
    assert _error(lambda: client.conversations_replies(channel=room, ts="")) == ("thread_not_found")
    assert _error(lambda: client.conversations_replies(channel="C404", ts=week["parent"])) == (
        "channel_not_found"
    )
    assert _error(lambda: client.conversations_replies(channel=lounge, ts="1.000001")) == (
        "not_in_channel"
    )


def test_the_window_picks_replies_and_the_parent_always_opens_the_thread(
    client: WebClient, sandbox: SlackSandbox, alice: str, bob: str
) -> None:
    week = _check_ins(client, sandbox, alice, bob)
    ana, ben, again = week["replies"]

    after_ana = client.conversations_replies(channel=week["room"], ts=week["parent"], oldest=ana)
    assert [m["ts"] for m in after_ana["messages"]] == [week["parent"], ben, again]
    just_ben = client.conversations_replies(
        channel=week["room"], ts=week["parent"], oldest=ben, latest=ben, inclusive=True
    )
    assert [m["ts"] for m in just_ben["messages"]] == [week["parent"], ben]


def test_replies_are_cursor_paginated_and_later_pages_hold_replies_only(
    client: WebClient, sandbox: SlackSandbox, alice: str, bob: str
) -> None:
    week = _check_ins(client, sandbox, alice, bob)

    first = client.conversations_replies(channel=week["room"], ts=week["parent"], limit=2)
    assert [m["ts"] for m in first["messages"]] == [week["parent"], week["replies"][0]]
    assert first["has_more"] is True
    cursor = first["response_metadata"]["next_cursor"]
    rest = client.conversations_replies(
        channel=week["room"], ts=week["parent"], limit=2, cursor=cursor
    )
    assert [m["ts"] for m in rest["messages"]] == week["replies"][1:]
    assert rest["has_more"] is False and rest["response_metadata"]["next_cursor"] == ""


def test_replies_return_metadata_only_when_asked(
    client: WebClient, sandbox: SlackSandbox, alice: str
) -> None:
    metadata = {"event_type": "outbox", "event_payload": {"outbox_key": "week:ana"}}
    parent = client.chat_postMessage(channel=alice, text="Week 48")
    client.chat_postMessage(
        channel=alice, text="Ana: shipped", thread_ts=parent["ts"], metadata=metadata
    )

    asked = client.conversations_replies(
        channel=parent["channel"], ts=parent["ts"], include_all_metadata=True
    )
    assert asked["messages"][1]["metadata"] == metadata
    plain = client.conversations_replies(channel=parent["channel"], ts=parent["ts"])
    assert "metadata" not in plain["messages"][1]


def test_replies_need_the_history_scope_of_the_conversation_type(clock: ManualClock) -> None:
    with SlackSandbox(clock=clock, scopes=["chat:write", "im:write", "groups:write"]) as sandbox:
        alice = sandbox.add_user("alice")["id"]
        client = WebClient(token=sandbox.bot_token, base_url=sandbox.api_url, retry_handlers=[])
        dm = client.chat_postMessage(channel=alice, text="Week 48")
        room = sandbox.add_channel("circle-otter", is_private=True, members=[alice])
        post = client.chat_postMessage(channel=room, text="Week 48")

        with pytest.raises(SlackApiError) as in_the_dm:
            client.conversations_replies(channel=dm["channel"], ts=dm["ts"])
        assert in_the_dm.value.response["needed"] == "im:history"
        with pytest.raises(SlackApiError) as in_the_room:
            client.conversations_replies(channel=room, ts=post["ts"])
        assert in_the_room.value.response["needed"] == "groups:history"
