"""Deciding the welcome DM for someone who just joined the workspace."""

from __future__ import annotations

from bot.cohorts.blocks import WHAT_IT_IS, open_invitation
from bot.members.names import first_name
from bot.members.welcome_blocks import welcome_blocks, welcome_text
from bot.outbox.queue import OutgoingMessage
from storage.models import Cohort, Member


def welcome_message(member: Member) -> OutgoingMessage:
    """One welcome per person, ever: the key has no date in it."""
    first = first_name(member.full_name)
    return OutgoingMessage.dm(
        member.slack_user_id,
        key=f"welcome:{member.slack_user_id}",
        text=welcome_text(first),
        blocks=welcome_blocks(first),
    )


def applicant_welcome(member: Member, open_cohort: Cohort | None) -> OutgoingMessage:
    """Newcomers while admissions run: how to get in (same key: still one welcome ever)."""
    first = first_name(member.full_name)
    key = f"welcome:{member.slack_user_id}"
    if open_cohort is not None:
        text, blocks = open_invitation(open_cohort, first, first=True)
        return OutgoingMessage.dm(member.slack_user_id, key=key, text=text, blocks=blocks)
    return OutgoingMessage.dm(
        member.slack_user_id,
        key=key,
        text=(
            f"Welcome, {first}! {WHAT_IT_IS} New members join in small cohorts, and intros "
            "start once you're admitted. No cohort is taking applications right now; I'll DM "
            "you when the next one opens, with an Apply button."
        ),
    )
