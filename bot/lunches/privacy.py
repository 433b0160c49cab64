"""A member's tiny-lunch data: what the export shows, and what deleting them removes.

Their sign-ups go, with the questions and takeaways in them (a seat they held is offered
to the next in line) (a takeaway they added to the
vault follows the vault's own rule: kept as "former" or deleted, as they chose). Lunches
they planned as an admin keep the act, not the person; a lunch they were the guest of
keeps the guest's name as it was announced, without the link to their account.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from bot.lunches.seats import reseat
from bot.outbox.queue import OutgoingMessage
from bot.platform.settings import Settings
from storage.models import FORMER, Lunch, LunchSignup, LunchStatus, Member
from storage.models.lunches import AT_TABLE


def lunches_section(session: Session, member: Member) -> dict[str, Any]:
    rows = session.execute(
        select(LunchSignup, Lunch)
        .join(Lunch, Lunch.id == LunchSignup.lunch_id)
        .where(LunchSignup.member_id == member.id)
        .order_by(Lunch.starts_at)
    )
    return {
        "tiny_lunches": [
            {
                "guest": lunch.guest_name,
                "starts": lunch.starts_at.isoformat(),
                "status": signup.status,
                "asked": signup.asked_at.isoformat(),
                "question": signup.question,
                "takeaway": signup.takeaway,
                "takeaway_shared_with_guest": signup.share_with_guest,
                "takeaway_in_vault": signup.vault_resource_id is not None,
            }
            for signup, lunch in rows
        ]
    }


def delete_lunch_data(
    session: Session, member: Member, *, now: datetime, settings: Settings
) -> list[OutgoingMessage]:
    """In the caller's transaction, before the member row is made anonymous. A seat they
    held at a lunch still to come goes to the next in line, through the same claimed
    reseat as a seat given back (so it is offered once, and not in the last two hours)."""
    held = list(
        session.execute(
            select(LunchSignup.id, Lunch)
            .join(Lunch, Lunch.id == LunchSignup.lunch_id)
            .where(
                LunchSignup.member_id == member.id,
                LunchSignup.status.in_(AT_TABLE),
                Lunch.status == LunchStatus.SEATED,
                Lunch.starts_at > now,
            )
        ).all()
    )
    session.execute(delete(LunchSignup).where(LunchSignup.member_id == member.id))
    session.execute(
        update(Lunch).where(Lunch.created_by == member.slack_user_id).values(created_by=FORMER)
    )
    session.execute(
        update(Lunch).where(Lunch.guest_user_id == member.slack_user_id).values(guest_user_id=None)
    )
    session.flush()
    messages: list[OutgoingMessage] = []
    for signup_id, lunch in held:
        messages += reseat(session, lunch, signup_id, now=now, settings=settings)
    return messages
