"""Keeping the member list in step with the workspace, and members' own profiles.

Slack is the source of truth for who exists (users.list, team_join, user_change); the
member owns their profile. Bots and Slackbot are never members.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.members.profiles import ProfileUpdate
from storage.models import Cohort, Member, MemberStatus

SLACKBOT = "USLACKBOT"


@dataclass
class SyncReport:
    added: int = 0
    updated: int = 0
    left: int = 0
    returned: int = 0
    skipped: int = 0

    def as_dict(self) -> dict[str, int]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class SyncOutcome:
    member: Member | None
    change: str  # "added", "updated", "left", "returned", "unchanged" or "skipped"


def is_person(user: dict[str, Any]) -> bool:
    """Humans only: not bots, not apps, not Slackbot."""
    return not (user.get("is_bot") or user.get("is_app_user") or user.get("id") in (SLACKBOT, None))


def joining_status(session: Session) -> MemberStatus:
    """Members join active, until admins run admissions: from the first cohort on,
    newcomers to the workspace are applicants until a cohort admits them."""
    if session.scalar(select(Cohort.id).limit(1)) is not None:
        return MemberStatus.APPLICANT
    return MemberStatus.ACTIVE


def get_member(session: Session, slack_user_id: str) -> Member | None:
    return session.scalar(select(Member).where(Member.slack_user_id == slack_user_id))


def new_member(
    session: Session, slack_user_id: str, *, status: MemberStatus, now: datetime, **fields: Any
) -> Member:
    """The one place a member row is created (by the sync, a profile, or an application
    from someone the sync has not seen yet); flushed, so it has its id."""
    member = Member(
        slack_user_id=slack_user_id,
        status=status,
        interests=[],
        tags=[],
        created_at=now,
        updated_at=now,
        **fields,
    )
    session.add(member)
    session.flush()
    return member


def apply_slack_user(session: Session, user: dict[str, Any], *, now: datetime) -> SyncOutcome:
    """Create or update the member for one Slack user object (users.list or an event)."""
    if not is_person(user):
        return SyncOutcome(None, "skipped")
    profile = user.get("profile") or {}
    fields = {
        "name": (profile.get("display_name") or user.get("name") or "")[:255],
        "real_name": (user.get("real_name") or profile.get("real_name") or "")[:255],
        "slack_tz": user.get("tz") or None,
        "is_workspace_admin": bool(
            user.get("is_admin") or user.get("is_owner") or user.get("is_primary_owner")
        ),
    }
    deleted = bool(user.get("deleted"))
    member = get_member(session, user["id"])
    if member is None:
        member = new_member(
            session,
            user["id"],
            status=MemberStatus.LEFT if deleted else joining_status(session),
            now=now,
            left_at=now if deleted else None,
            **fields,
        )
        return SyncOutcome(member, "left" if deleted else "added")

    change = "unchanged"
    for name, value in fields.items():
        if getattr(member, name) != value:
            setattr(member, name, value)
            change = "updated"
    if deleted and member.status != MemberStatus.LEFT:
        member.status, member.left_at, change = MemberStatus.LEFT, now, "left"
    elif not deleted and member.status == MemberStatus.LEFT:
        member.status, member.left_at, change = MemberStatus.ACTIVE, None, "returned"
    if change != "unchanged":
        member.updated_at = now
    return SyncOutcome(member, change)


def sync_members(session: Session, users: Iterable[dict[str, Any]], *, now: datetime) -> SyncReport:
    """Apply a full users.list snapshot. Members missing from it are left alone: the
    snapshot may be partial, and departures arrive as ``deleted`` users anyway."""
    report = SyncReport()
    for user in users:
        outcome = apply_slack_user(session, user, now=now)
        if outcome.change == "skipped":
            report.skipped += 1
        elif outcome.change != "unchanged":
            setattr(report, outcome.change, getattr(report, outcome.change) + 1)
    return report


def save_profile(
    session: Session, slack_user_id: str, update: ProfileUpdate, *, now: datetime
) -> Member:
    """Store a validated profile. A member we have not synced yet is created on the spot,
    so a profile is never lost to a missed team_join event."""
    member = get_member(session, slack_user_id)
    if member is None:
        member = new_member(session, slack_user_id, status=joining_status(session), now=now)
    member.company = update.company
    member.level = update.level
    member.interests = list(update.interests)
    member.tags = list(update.tags)
    member.goals = update.goals
    member.tz_override = update.tz_override
    member.profile_updated_at = now
    member.updated_at = now
    session.flush()
    return member
