"""Slash commands. Every command answers `help`, unknown input and not-yet features
with an ephemeral sentence; implemented sub-commands are routed to small functions."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot.commands import COMMANDS, not_ready, split, unknown, usage
from handlers import circle_commands, cohort_commands, pairing_commands, profile_commands
from handlers.command_call import CommandCall

ROUTES: dict[tuple[str, str], Callable[[CommandCall], None]] = {
    **profile_commands.ROUTES,
    **pairing_commands.ROUTES,
    **cohort_commands.ROUTES,
    **circle_commands.ROUTES,
}


def reply(ack: Ack, text: str) -> None:
    ack(text=text, response_type="ephemeral")


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
