"""Slash commands. Every command answers `help` and unknown input with an ephemeral
sentence; sub-commands are routed to small functions, one module per command. The router
checks admin sub-commands (``Subcommand.admin``) before the route runs, so no route does."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot.members.admins import REFUSAL
from bot.platform.services import Services
from bot.slack.commands import COMMANDS, split, unknown, usage
from bot.slack.mentions import unescape
from handlers.circles import commands as circle_commands
from handlers.circles import forming as circle_forming
from handlers.cohorts import commands as cohort_commands
from handlers.common.admin_guard import admin_allowed
from handlers.common.command_call import CommandCall
from handlers.lunches import commands as lunch_commands
from handlers.members import commands as profile_commands
from handlers.mentors import commands as mentor_commands
from handlers.pairing import commands as pairing_commands
from handlers.privacy import commands as privacy_commands
from handlers.pulse import commands as pulse_commands
from handlers.vault import commands as vault_commands

ROUTES: dict[tuple[str, str], Callable[[CommandCall], None]] = {
    **profile_commands.ROUTES,
    **pairing_commands.ROUTES,
    **cohort_commands.ROUTES,
    **circle_commands.ROUTES,
    **circle_forming.ROUTES,
    **privacy_commands.ROUTES,
    **pulse_commands.ROUTES,
    **vault_commands.ROUTES,
    **mentor_commands.ROUTES,
    **lunch_commands.ROUTES,
}


def reply(ack: Ack, text: str) -> None:
    ack(text=text, response_type="ephemeral")


def handle_command(
    ack: Ack, command: dict[str, Any], client: WebClient, services: Services
) -> None:
    name = command["command"]
    spec = COMMANDS[name]
    sub, sent_args = split(command.get("text"))
    if not sub and spec.default:
        sub = spec.default
    if sub in ("", "help"):
        reply(ack, usage(name, admin=admin_allowed(client, services, command["user_id"])))
        return
    route = ROUTES.get((name, sub))
    if route is None:
        admin = admin_allowed(client, services, command["user_id"])
        reply(ack, unknown(name, sub, admin=admin))
        return
    listed = spec.find(sub)
    if (
        listed is not None
        and listed.admin
        and not admin_allowed(client, services, command["user_id"])
    ):
        reply(ack, REFUSAL)
        return
    route(
        CommandCall(
            ack=ack,
            client=client,
            services=services,
            command=name,
            sub=sub,
            args=unescape(sent_args),
            sent_args=sent_args,
            user_id=command["user_id"],
            channel_id=command.get("channel_id", ""),
            trigger_id=command.get("trigger_id", ""),
        )
    )


def register(app: App) -> None:
    # One listener for all of them: Bolt tries listeners one by one, and each try builds
    # its listener arguments anew (/circle, third of eight, paid for three tries).
    names = "|".join(re.escape(name) for name in COMMANDS)
    app.command(re.compile(rf"\A(?:{names})\Z"))(handle_command)
