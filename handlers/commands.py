"""Slash commands. Every command answers `help`, unknown input and not-yet features
with an ephemeral sentence; implemented sub-commands are routed to small functions."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot.blocks.profile import profile_card
from bot.commands import COMMANDS, not_ready, split, unknown, usage
from bot.members import get_member
from bot.services import Services
from handlers.screens import open_profile_modal


@dataclass
class CommandCall:
    """One slash command, parsed: what a sub-command handler needs."""

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


def reply(ack: Ack, text: str) -> None:
    ack(text=text, response_type="ephemeral")


def profile_edit(call: CommandCall) -> None:
    # process_before_response: the ack is sent when this returns, so the modal can be
    # opened first and a refusal from Slack can still be the command's answer.
    trouble = open_profile_modal(call.client, call.services, call.user_id, call.trigger_id)
    call.reply(trouble) if trouble else call.ack()


def profile_show(call: CommandCall) -> None:
    with call.services.sessions() as session:
        member = get_member(session, call.user_id)
    if member is None:
        call.reply("I don't know you yet. Type `/profile` to write your profile.")
        return
    call.reply(f"{member.display_name}'s profile", blocks=profile_card(member))


ROUTES: dict[tuple[str, str], Callable[[CommandCall], None]] = {
    ("/profile", "edit"): profile_edit,
    ("/profile", "show"): profile_show,
}


def handle_command(
    ack: Ack, command: dict[str, Any], client: WebClient, context: dict[str, Any]
) -> None:
    name = command["command"]
    spec = COMMANDS[name]
    sub, args = split(command.get("text"))
    if not sub and spec.default:
        sub = spec.default
    if sub in ("", "help"):
        reply(ack, usage(name))
        return
    route = ROUTES.get((name, sub))
    if route is None:
        reply(ack, not_ready(name, sub) if spec.find(sub) else unknown(name, sub))
        return
    route(
        CommandCall(
            ack=ack,
            client=client,
            services=context["services"],
            command=name,
            sub=sub,
            args=args,
            user_id=command["user_id"],
            channel_id=command.get("channel_id", ""),
            trigger_id=command.get("trigger_id", ""),
        )
    )


def register(app: App) -> None:
    for name in COMMANDS:
        app.command(name)(handle_command)
