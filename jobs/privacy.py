"""The daily privacy job: old check-ins go, and members the workspace deactivated are
deleted once their grace period is over (they may come back within it)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import delete, select

from bot.platform.services import Services
from bot.privacy.deletion import delete_member
from storage.models import CheckinResponse, Member, MemberStatus
from storage.rows_changed import rows_changed

log = logging.getLogger(__name__)
DAYS_PER_MONTH = 30.44
ACTOR = "circlebot"  # the audit log's actor for deletions the bot does on its own


@dataclass
class Purged:
    checkins: int
    members: int


def run_privacy(services: Services) -> Purged:
    now = services.clock.now()
    settings = services.settings
    cutoff = now - timedelta(days=round(settings.checkin_retention_months * DAYS_PER_MONTH))
    grace = now - timedelta(days=settings.deactivated_grace_days)
    with services.sessions.begin() as session:
        checkins = rows_changed(
            session,
            delete(CheckinResponse).where(
                CheckinResponse.answered_at.is_not(None), CheckinResponse.answered_at < cutoff
            ),
        )
        session.execute(
            delete(CheckinResponse).where(
                CheckinResponse.answered_at.is_(None),
                CheckinResponse.prompted_at < cutoff,
            )
        )
    members = 0
    with services.sessions() as session:
        due = session.scalars(
            select(Member.id).where(
                Member.status == MemberStatus.LEFT,
                Member.deleted_at.is_(None),
                Member.left_at < grace,
            )
        ).all()
    for member_id in due:  # one transaction each: a failure leaves the others done
        with services.sessions.begin() as session:
            # Locked and checked again: a second replica's run waits here, then skips.
            member = session.get(Member, member_id, with_for_update=True)
            if member is None or member.deleted_at is not None:
                continue
            delete_member(session, member, actor=ACTOR, keep_vault=True, now=now, settings=settings)
            members += 1
    if checkins or members:
        log.info("privacy: %s old check-ins and %s departed members deleted", checkins, members)
    return Purged(checkins=int(checkins or 0), members=members)
