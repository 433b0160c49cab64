"""response_url posts: ephemeral by default, in_channel, replace_original, and Slack's limits."""

from __future__ import annotations

from datetime import timedelta

from slack_sdk import WebClient
from slack_sdk.webhook import WebhookClient

from bot.platform.clock import ManualClock
from bot.sandbox import SlackSandbox


def test_a_response_is_ephemeral_by_default(sandbox: SlackSandbox, alice: str, bob: str) -> None:
    channel = sandbox.add_channel("cohort", members=[alice, bob])
    hook = WebhookClient(sandbox.response_url(alice, channel))

    answer = hook.send(text="Saved your answer")

    assert (answer.status_code, answer.body) == (200, "ok")
    assert [(s.kind, s.text) for s in sandbox.seen_by(alice)] == [
        ("ephemeral", "Saved your answer")
    ]
    assert sandbox.seen_by(bob) == []
    assert sandbox.responses[0].outcome == "ephemeral"


def test_an_in_channel_response_is_posted_for_everyone(
    sandbox: SlackSandbox, alice: str, bob: str
) -> None:
    channel = sandbox.add_channel("cohort", members=[alice, bob])
    WebhookClient(sandbox.response_url(alice, channel)).send(
        text="Alice shared a resource", response_type="in_channel"
    )

    assert [m["text"] for m in sandbox.messages(channel)] == ["Alice shared a resource"]
    assert [s.kind for s in sandbox.seen_by(bob)] == ["response"]


def test_replace_original_edits_the_message_that_was_clicked(
    client: WebClient, sandbox: SlackSandbox, alice: str
) -> None:
    posted = client.chat_postMessage(channel=alice, text="Did you meet Bob?")
    url = sandbox.response_url(alice, posted["channel"], message_ts=posted["ts"])

    WebhookClient(url).send(text="You met Bob", replace_original=True)

    [message] = sandbox.messages(posted["channel"])
    assert (message["ts"], message["text"]) == (posted["ts"], "You met Bob")
    assert [s.kind for s in sandbox.seen_by(alice)] == ["message", "response"]


def test_delete_original_removes_the_message(
    client: WebClient, sandbox: SlackSandbox, alice: str
) -> None:
    posted = client.chat_postMessage(channel=alice, text="Pick a slot")
    url = sandbox.response_url(alice, posted["channel"], message_ts=posted["ts"])
    WebhookClient(url).send_dict({"delete_original": True})
    assert sandbox.messages(posted["channel"]) == []


def test_a_response_url_takes_five_posts(sandbox: SlackSandbox, alice: str) -> None:
    hook = WebhookClient(sandbox.response_url(alice, sandbox.open_dm(alice)))
    statuses = [hook.send(text=f"update {n}").status_code for n in range(6)]
    last = hook.send(text="again")

    assert statuses == [200] * 5 + [404]
    assert last.body == "used_url"
    assert len(sandbox.seen_by(alice)) == 5


def test_a_response_url_expires_after_30_minutes(
    sandbox: SlackSandbox, clock: ManualClock, alice: str
) -> None:
    hook = WebhookClient(sandbox.response_url(alice, sandbox.open_dm(alice)))
    clock.advance(timedelta(minutes=30, seconds=1))
    answer = hook.send(text="too late")
    assert (answer.status_code, answer.body) == (404, "expired_url")
    assert sandbox.seen_by(alice) == []
