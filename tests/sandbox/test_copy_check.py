"""The copy test's reading of the sandbox (bot/sandbox/copy_check.py): which text of a message
is a notification fallback and which is the message itself."""

from __future__ import annotations

from slack_sdk import WebClient

from bot.sandbox import SlackSandbox
from bot.sandbox.copy_check import copy_problems, surfaces


def test_a_mention_in_a_message_without_blocks_is_the_message_itself_and_fine(
    sandbox: SlackSandbox,
) -> None:
    ana = sandbox.add_user("ana", real_name="Ana Okafor")["id"]
    ben = sandbox.add_user("ben", real_name="Ben Ito")["id"]
    client = WebClient(token=sandbox.bot_token, base_url=sandbox.api_url)
    group = client.conversations_open(users=f"{ana},{ben}")["channel"]["id"]
    said = f"Did you meet, <@{ana}> and <@{ben}>?"  # Slack shows "@Ana Okafor", even notified
    client.chat_postMessage(channel=group, text=said)
    section = {"type": "section", "text": {"type": "mrkdwn", "text": f"*Meet* <@{ana}>"}}
    client.chat_postMessage(channel=group, text="Meet Ana Okafor", blocks=[section])

    seen = {(s.fallback, s.texts) for s in surfaces(sandbox)}
    assert ("", (said,)) in seen  # judged as a body, not as a fallback
    assert ("Meet Ana Okafor", (f"*Meet* <@{ana}>",)) in seen
    assert copy_problems(sandbox) == []
