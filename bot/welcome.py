"""Deciding the welcome DM for someone who just joined the workspace."""

from __future__ import annotations

from bot.blocks.welcome import welcome_blocks, welcome_text
from bot.outbox import OutgoingMessage
from storage.models import Member


def welcome_message(member: Member) -> OutgoingMessage:
    """One welcome per person, ever: the key has no date in it."""
    first = (member.real_name or member.name or "there").split()[0]
    return OutgoingMessage.dm(
        member.slack_user_id,
        key=f"welcome:{member.slack_user_id}",
        text=welcome_text(first),
        blocks=welcome_blocks(first),
    )
