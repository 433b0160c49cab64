"""chat.* against the sandbox: where messages land, who sees them, and Slack's refusals."""

from __future__ import annotations

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.sandbox import SlackSandbox


def _refusal(call) -> dict:
    with pytest.raises(SlackApiError) as raised:
        call()
    return raised.value.response.data


def _section(text: str) -> dict:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}}


def test_posting_to_a_user_id_lands_in_their_dm_and_they_see_it(
    client: WebClient, sandbox: SlackSandbox, alice: str, bob: str
) -> None:
    answer = client.chat_postMessage(channel=alice, text="Meet Bob this week")

    dm = answer["channel"]
    assert dm.startswith("D") and dm == sandbox.dm_channel(alice)
    assert [m["text"] for m in sandbox.messages(dm)] == ["Meet Bob this week"]
    assert sandbox.messages(dm)[0]["user"] == sandbox.bot_user_id
    [seen] = sandbox.seen_by(alice)
    assert (seen.kind, seen.channel, seen.text, seen.ts) == (
        "message",
        dm,
        "Meet Bob this week",
        answer["ts"],
    )
    assert sandbox.seen_by(bob) == []


def test_a_group_dm_message_is_seen_by_every_human_member(
    client: WebClient, sandbox: SlackSandbox, alice: str, bob: str
) -> None:
    gone = sandbox.add_user("gone")["id"]
    channel = client.conversations_open(users=[alice, bob, gone])["channel"]["id"]
    sandbox.update_user(gone, deleted=True)

    client.chat_postMessage(channel=channel, text="You three are this week's circle")

    assert [s.text for s in sandbox.seen_by(alice)] == ["You three are this week's circle"]
    assert [s.text for s in sandbox.seen_by(bob)] == ["You three are this week's circle"]
    assert sandbox.seen_by(gone) == []
    assert sandbox.seen_by(sandbox.bot_user_id) == []


def test_timestamps_increase_even_when_the_clock_stands_still(
    client: WebClient, alice: str
) -> None:
    stamps = [client.chat_postMessage(channel=alice, text=str(i))["ts"] for i in range(3)]
    assert stamps == sorted(stamps, key=float) and len(set(stamps)) == 3
    assert stamps[0].startswith("1736154000.")  # 2025-01-06 09:00 UTC, the test clock


def test_51_blocks_are_invalid_blocks_with_slacks_explanation(
    client: WebClient, sandbox: SlackSandbox, alice: str
) -> None:
    body = _refusal(
        lambda: client.chat_postMessage(channel=alice, text="x", blocks=[_section("hi")] * 51)
    )
    assert body["error"] == "invalid_blocks"
    assert body["response_metadata"]["messages"] == [
        "[ERROR] no more than 50 items allowed [json-pointer:/blocks]"
    ]
    assert sandbox.seen_by(alice) == []


def test_a_3001_character_section_is_invalid_blocks(client: WebClient, alice: str) -> None:
    body = _refusal(
        lambda: client.chat_postMessage(channel=alice, text="x", blocks=[_section("a" * 3001)])
    )
    assert body["error"] == "invalid_blocks"
    assert body["response_metadata"]["messages"] == [
        "[ERROR] must be less than 3001 characters [json-pointer:/blocks/0/text/text]"
    ]
    assert client.chat_postMessage(channel=alice, text="a", blocks=[_section("a" * 3000)])["ok"]


def test_other_block_kit_limits(client: WebClient, alice: str) -> None:
    header = {"type": "header", "text": {"type": "plain_text", "text": "h" * 151}}
    button = {"type": "button", "text": {"type": "plain_text", "text": "b" * 76}, "action_id": "a"}
    small = {**button, "text": {"type": "plain_text", "text": "b"}}
    many = {"type": "actions", "elements": [{**small, "action_id": f"a{i}"} for i in range(26)]}
    long_id = {**_section("x"), "block_id": "i" * 256}

    body = _refusal(
        lambda: client.chat_postMessage(
            channel=alice,
            text="limits",
            blocks=[header, {"type": "actions", "elements": [button]}, many, long_id],
        )
    )
    assert body["response_metadata"]["messages"] == [
        "[ERROR] must be less than 151 characters [json-pointer:/blocks/0/text/text]",
        "[ERROR] must be less than 76 characters [json-pointer:/blocks/1/elements/0/text/text]",
        "[ERROR] no more than 25 items allowed [json-pointer:/blocks/2/elements]",
        "[ERROR] must be less than 256 characters [json-pointer:/blocks/3/block_id]",
    ]


@pytest.mark.filterwarnings("ignore:The top-level `text` argument is missing")
def test_post_message_refusals(client: WebClient, sandbox: SlackSandbox, alice: str) -> None:
    outside = sandbox.add_channel("outside", members=[alice], bot_member=False)
    archived = client.conversations_create(name="old")["channel"]["id"]
    client.conversations_archive(channel=archived)
    gone = sandbox.add_user("gone")["id"]
    client.chat_postMessage(channel=gone, text="welcome")
    sandbox.update_user(gone, deleted=True)

    def post(**kwargs) -> str:
        return _refusal(lambda: client.chat_postMessage(**kwargs))["error"]

    assert post(channel=alice) == "no_text"
    assert post(channel=alice, text="x" * 40_001) == "msg_too_long"
    assert post(channel="C404", text="hi") == "channel_not_found"
    assert post(channel=outside, text="hi") == "not_in_channel"
    assert post(channel=archived, text="hi") == "is_archived"
    assert post(channel=gone, text="hi") == "user_disabled"
    assert post(channel=sandbox.dm_channel(gone), text="hi") == "user_disabled"


def test_form_encoded_blocks_and_metadata_are_understood(
    client: WebClient, sandbox: SlackSandbox, alice: str
) -> None:
    answer = client.api_call(
        "chat.postMessage",
        data={
            "channel": alice,
            "blocks": '[{"type": "section", "text": {"type": "mrkdwn", "text": "hi"}}]',
            "metadata": '{"event_type": "nudge", "event_payload": {"n": 1}}',
        },
    )
    assert answer["message"]["blocks"][0]["text"]["text"] == "hi"
    assert sandbox.calls_to("chat.postMessage")[0].args["metadata"]["event_type"] == "nudge"


def test_ephemeral_is_seen_only_by_its_person(
    client: WebClient, sandbox: SlackSandbox, alice: str, bob: str
) -> None:
    carol = sandbox.add_user("carol")["id"]
    channel = sandbox.add_channel("cohort", members=[alice, bob])

    answer = client.chat_postEphemeral(channel=channel, user=alice, text="Only you")

    [seen] = sandbox.seen_by(alice)
    assert (seen.kind, seen.text, seen.ts) == ("ephemeral", "Only you", answer["message_ts"])
    assert sandbox.seen_by(bob) == []
    assert sandbox.messages(channel) == []
    assert (
        _refusal(lambda: client.chat_postEphemeral(channel=channel, user=carol, text="x"))["error"]
        == "user_not_in_channel"
    )


def test_update_edits_in_place_and_members_see_it_again(
    client: WebClient, sandbox: SlackSandbox, alice: str
) -> None:
    posted = client.chat_postMessage(channel=alice, text="Did you meet?", blocks=[_section("?")])
    client.chat_update(channel=posted["channel"], ts=posted["ts"], text="Thanks!")

    [message] = sandbox.messages(posted["channel"])
    assert message["text"] == "Thanks!"
    assert message["blocks"] == [_section("?")]  # left out, so kept, as in Slack
    assert [(s.text, s.ts) for s in sandbox.seen_by(alice)] == [
        ("Did you meet?", posted["ts"]),
        ("Thanks!", posted["ts"]),
    ]


def test_update_refusals(client: WebClient, sandbox: SlackSandbox, alice: str) -> None:
    dm = sandbox.open_dm(alice)
    human = sandbox.post_user_message(alice, dm, "hello bot")

    def update(**kwargs) -> str:
        return _refusal(lambda: client.chat_update(text="x", **kwargs))["error"]

    assert update(channel=dm, ts="1.000000") == "message_not_found"
    assert update(channel=dm, ts=human["ts"]) == "cant_update_message"
    assert update(channel="C404", ts=human["ts"]) == "channel_not_found"
