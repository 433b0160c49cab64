"""The first DM a new workspace member gets from the bot."""

from __future__ import annotations

from typing import Any

from bot.members.profile_blocks import EDIT_ACTION
from bot.slack.blocks import actions_block, button, section


def welcome_text(first_name: str) -> str:
    return f"Welcome to Product Circle, {first_name}! Set up your profile with /profile."


def welcome_blocks(first_name: str) -> list[dict[str, Any]]:
    return [
        section(
            f"*Welcome to Product Circle, {first_name}!* :wave:\n"
            "This is a small community of product managers who want friends, not just "
            "connections. Each week you'll meet one member 1:1, you'll check in with a small "
            "circle of peers, and you can borrow from our shared vault of playbooks."
        ),
        section(
            "Start with your profile: your company, level and interests help us introduce "
            "you to the right people."
        ),
        actions_block([button("Set up my profile", EDIT_ACTION, style="primary")]),
    ]
