"""What the bot keeps about a member, said plainly, and all of it as an export.

``export_data`` gathers one member's data into a JSON-ready dict; ``request_export`` sends
it through the outbox as a file in the member's DM (scrubbed from the outbox once
delivered), so the database never keeps a second copy.
"""

from __future__ import annotations

import json
from datetime import datetime
from enum import Enum
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.members.sync import get_member
from bot.outbox.queue import OutgoingMessage, enqueue
from bot.platform.settings import Settings
from bot.privacy.sections import SECTIONS
from bot.slack.words import plural
from storage.models import AuditEntry, Member, OutboxMessage


def privacy_text(settings: Settings) -> str:
    return (
        "*What Product Circle keeps about you, and who sees it*\n"
        "• *Your profile* (company, level, interests, goals, time zone): every member.\n"
        '• *Your weekly intros*, who you met and your "did you meet?" answers: you; the '
        "people in that intro see the intro itself. Admins see counts only.\n"
        "• *Friendships and your don't-pair list*: only you (the list is never shown to "
        "anyone).\n"
        "• *Circle check-ins* (win, challenge, help, mood): only your circle's private "
        "channel, and your mood only if you tick the box. Your guide's digest and admins "
        "see names and counts, never what you wrote. Check-ins are deleted after "
        f"{plural(settings.checkin_retention_months, 'month')}.\n"
        "• *Your application*: admins who review it, until you are admitted or declined; "
        "a decline note is for your eyes only.\n"
        "• *Vault entries and votes*: entries show your name to members; votes are counted.\n"
        "• *Vault searches*: counted without who searched (the words and whether anything "
        "was found), so admins can see what members look for and the vault lacks.\n"
        "• *Mentoring*: your goal, recaps and next steps are seen by you and that mentor "
        "only; an offer to mentor shows your topics to members it is proposed to. Admins "
        "see counts.\n"
        "• *Tiny lunches*: that you asked for a seat and your seats, for the draw; your "
        "question is seen by that lunch's table and guest, a takeaway only where you add it. "
        "Admins see counts.\n"
        "• If the workspace deactivates you, your data is deleted after "
        f"{plural(settings.deactivated_grace_days, 'day')}.\n"
        "`/profile export` sends you all of it as a file. `/profile delete` deletes it.\n"
        "\n"
        "*What the bot can read in Slack*\n"
        "• As installed by default, nothing you and other members write to each other: "
        "not your DMs, not your intro group chats, not your circle's channel. It gets only "
        "what you send it yourself (commands, buttons, forms) and your Slack profile "
        "(name, title, time zone).\n"
        "• If your admins grant its optional history permissions, it may look up its own "
        "recent messages in a conversation, so that it never sends you the same one twice. "
        "It looks at nothing else there, and keeps none of it."
    )


def export_data(session: Session, member: Member, now: datetime) -> dict[str, Any]:
    """Everything the bot holds about ``member``, in plain JSON types, one section per
    domain in the order of ``SECTIONS``."""
    data: dict[str, Any] = {"exported_at": now.isoformat()}
    for section in SECTIONS:
        data |= section(session, member)
    return data


class Export(Enum):
    QUEUED = "queued"
    TOO_SOON = "too_soon"  # one export per member per clock hour
    UNKNOWN = "unknown"  # nothing is held about them


def request_export(session: Session, slack_id: str, *, actor: str, now: datetime) -> Export:
    """Queue ``slack_id``'s export (asked for by ``actor``: them, or an admin on their
    behalf) and record it in the audit log, unless one was queued this hour."""
    member = get_member(session, slack_id)
    if member is None:
        return Export.UNKNOWN
    key = export_key(slack_id, now)
    if session.scalar(select(OutboxMessage.id).where(OutboxMessage.idempotency_key == key)):
        return Export.TOO_SOON  # checked before gathering: the refusal costs one query
    enqueue(session, [export_message(member, export_data(session, member, now), now)], now=now)
    session.add(AuditEntry(action="export", actor=actor, subject_id=member.id, at=now))
    return Export.QUEUED


def export_key(slack_id: str, now: datetime) -> str:
    return f"export:{slack_id}:{now.strftime('%Y%m%d-%H')}"


def export_message(member: Member, data: dict[str, Any], now: datetime) -> OutgoingMessage:
    """The export as a file in the member's DM; at most one per hour (the key's hour)."""
    stamp = now.strftime("%Y%m%d-%H")
    return OutgoingMessage(
        key=export_key(member.slack_user_id, now),
        text="Here is everything Product Circle holds about you.",
        to_users=(member.slack_user_id,),
        file={
            "filename": f"product-circle-data-{stamp}.json",
            "title": "Your Product Circle data",
            "content": json.dumps(data, indent=2, ensure_ascii=False),
        },
        scrub=True,
    )
