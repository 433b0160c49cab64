"""One parsed slash command, handed to the sub-command that handles it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from slack_bolt import Ack
from slack_sdk import WebClient

from bot.platform.refused import Refused
from bot.platform.services import Services
from bot.slack.blocks import escape
from bot.slack.mentions import Mention, leading_mention, typed_name


@dataclass
class CommandCall:
    ack: Ack
    client: WebClient
    services: Services
    command: str
    sub: str
    args: str  # what follows the sub-command, unescaped once (bot/slack/mentions.unescape)
    sent_args: str  # the same as Slack sent it: where mentions are read
    user_id: str
    channel_id: str
    trigger_id: str

    def person(self, usage: str) -> Mention:
        """The person the arguments start with (``@ana`` as Slack sends it), and the rest.

        A name Slack could not turn into a person, or no name at all, is refused with a
        sentence saying what to type.
        """
        mention = leading_mention(self.sent_args)
        if mention is not None:
            return mention
        name = typed_name(self.sent_args)
        if name is not None:
            raise Refused(
                f"I couldn't find @{escape(name)} in this workspace. Type @ and pick the "
                f"person from Slack's list.\n{usage}"
            )
        raise Refused(usage)

    def reply(self, text: str, blocks: list[dict[str, Any]] | None = None) -> None:
        """Answer only the person who typed the command."""
        self.ack(text=text, blocks=blocks, response_type="ephemeral")
