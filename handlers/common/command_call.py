"""One parsed slash command, handed to the sub-command that handles it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from slack_bolt import Ack
from slack_sdk import WebClient

from bot.platform.services import Services


@dataclass
class CommandCall:
    ack: Ack
    client: WebClient
    services: Services
    command: str
    sub: str
    args: str
    user_id: str
    channel_id: str
    trigger_id: str

    def reply(self, text: str, blocks: list[dict[str, Any]] | None = None) -> None:
        """Answer only the person who typed the command."""
        self.ack(text=text, blocks=blocks, response_type="ephemeral")
