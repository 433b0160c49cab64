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

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from bot.members.sync import get_member
from bot.outbox.queue import OutgoingMessage, enqueue
from bot.platform.settings import Settings
from storage.models import (
    Application,
    AuditEntry,
    CheckinResponse,
    Circle,
    CircleMember,
    Cohort,
    DontPair,
    Friendship,
    Member,
    OutboxMessage,
    Pairing,
    PairingMember,
)
from storage.models.vault import VaultResource, VaultVote


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
        f"{settings.checkin_retention_months} months.\n"
        "• *Your application*: admins who review it, until you are admitted or declined; "
        "a decline note is for your eyes only.\n"
        "• *Vault entries and votes*: entries show your name to members; votes are counted.\n"
        "• If the workspace deactivates you, your data is deleted after "
        f"{settings.deactivated_grace_days} days.\n"
        "`/profile export` sends you all of it as a file. `/profile delete` deletes it."
    )


def _when(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def export_data(session: Session, member: Member, now: datetime) -> dict[str, Any]:
    """Everything the bot holds about ``member``, in plain JSON types."""
    mine = session.execute(
        select(PairingMember, Pairing)
        .join(Pairing, Pairing.id == PairingMember.pairing_id)
        .where(PairingMember.member_id == member.id)
        .order_by(Pairing.id)
    ).all()
    partners: dict[int, list[int]] = {}
    for pairing_id, other in session.execute(
        select(PairingMember.pairing_id, PairingMember.member_id).where(
            PairingMember.pairing_id.in_([pairing.id for _, pairing in mine]),
            PairingMember.member_id != member.id,
        )
    ):
        partners.setdefault(pairing_id, []).append(other)
    friends = [
        f.member_b if f.member_a == member.id else f.member_a
        for f in session.scalars(
            select(Friendship).where(
                or_(Friendship.member_a == member.id, Friendship.member_b == member.id)
            )
        )
    ]
    avoided = list(
        session.scalars(select(DontPair.other_id).where(DontPair.member_id == member.id))
    )
    mentioned = {*friends, *avoided, *(i for ids in partners.values() for i in ids)}
    names = {
        m.id: m.display_name
        for m in session.scalars(select(Member).where(Member.id.in_(mentioned)))
    }

    def name(member_id: int) -> str:
        return names.get(member_id, "a former member")

    pairings = [
        {
            "week_of": _when(pairing.created_at),
            "with": [name(i) for i in partners.get(pairing.id, [])],
            "shared_interests": pairing.shared,
            "did_you_meet": row.met,
            "meet_again": row.meet_again,
            "skipped": row.skipped,
        }
        for row, pairing in mine
    ]
    placed = session.execute(
        select(Circle.name, CircleMember.role)
        .join(CircleMember, CircleMember.circle_id == Circle.id)
        .where(CircleMember.member_id == member.id)
    ).first()
    return {
        "exported_at": now.isoformat(),
        "profile": {
            "slack_user_id": member.slack_user_id,
            "name": member.display_name,
            "status": member.status,
            "company": member.company,
            "level": member.level,
            "interests": member.interests,
            "other_topics": member.tags,
            "goals": member.goals,
            "time_zone": member.timezone_name,
            "is_guide": member.is_guide,
            "joined": _when(member.created_at),
        },
        "applications": [
            {
                "cohort": session.get(Cohort, a.cohort_id).name,  # type: ignore[union-attr]
                "company": a.company,
                "role": a.role,
                "level": a.level,
                "years_in_product": a.years,
                "interests": a.interests,
                "wants": a.wants,
                "note": a.note,
                "status": a.status,
                "submitted": _when(a.submitted_at),
                "decided": _when(a.decided_at),
                "note_from_admins": a.decline_note,
            }
            for a in session.scalars(select(Application).where(Application.member_id == member.id))
        ],
        "pairings": pairings,
        "friends": [name(i) for i in friends],
        "dont_pair_with": [name(i) for i in avoided],
        "circle": {"name": placed[0], "role": placed[1]} if placed else None,
        "checkins": [
            {
                "week": c.period_key,
                "win": c.win,
                "challenge": c.challenge,
                "help_wanted": c.help_wanted,
                "mood": c.mood,
                "mood_shared": c.share_mood,
                "rough_week": c.rough_week,
                "answered": _when(c.answered_at),
                "skipped": _when(c.skipped_at),
            }
            for c in session.scalars(
                select(CheckinResponse)
                .where(CheckinResponse.member_id == member.id)
                .order_by(CheckinResponse.period_key)
            )
        ],
        "vault_entries": [
            {"title": r.title, "url": r.url, "description": r.description, "votes": r.votes}
            for r in session.scalars(
                select(VaultResource).where(VaultResource.added_by == member.slack_user_id)
            )
        ],
        "vault_votes": [
            session.get(VaultResource, v.resource_id).title  # type: ignore[union-attr]
            for v in session.scalars(
                select(VaultVote).where(VaultVote.user_id == member.slack_user_id)
            )
        ],
    }


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
