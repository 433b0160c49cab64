"""Deleting a member's data, in one transaction (the caller's): all or nothing.

What goes: the profile, check-ins, follow-up answers, votes, the don't-pair list,
applications, friendships, circle membership, queued or sent messages that name them, and
(unless they choose to leave them) their vault entries. What stays: the member row as an
opaque id (no Slack id, no name) so other members' pairing history still knows they met
*someone*, and one audit entry saying who asked and when. Names and ids the member left as
an admin elsewhere (who opened a cohort, who decided an application) become "former".
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import delete, or_, select, update
from sqlalchemy.orm import Session

from bot.circles.membership import placement
from bot.cohorts.admissions import member_left
from bot.lunches.privacy import delete_lunch_data
from bot.mentors.departures import delete_mentoring
from bot.outbox.queue import OutgoingMessage, enqueue
from bot.pairing.controls import depart
from bot.platform.settings import Settings
from bot.pulse.stored import forget_in_pulse
from storage.models import (
    FORMER,
    Application,
    AuditEntry,
    CheckinResponse,
    Circle,
    CircleMember,
    Cohort,
    DontPair,
    Friendship,
    Member,
    MemberStatus,
    OutboxMessage,
    PairingMember,
)
from storage.models.outbox import OutboxMember
from storage.models.vault import VaultResource, VaultVote


@dataclass
class Deleted:
    subject_id: int
    left_circle: tuple[str, str] | None = None  # (circle channel, Slack id) to remove from


def delete_member(
    session: Session,
    member: Member,
    *,
    actor: str,
    keep_vault: bool,
    now: datetime,
    settings: Settings,
) -> Deleted:
    """Delete everything about ``member`` (see the module docstring) and queue who must be
    told; returns what Slack still needs doing directly: removal from the circle's channel."""
    slack_id = member.slack_user_id
    result = Deleted(subject_id=member.id)
    messages: list[OutgoingMessage] = []
    # This week's undelivered intro is withdrawn and the partners told or re-paired, as
    # when someone leaves Slack (a deactivated member already went through this).
    departures = (
        [] if member.status == MemberStatus.LEFT else depart(session, member, now, settings)
    )
    # An admitted place goes to the first on the waitlist, who is told.
    messages += member_left(session, member, now)
    messages += _leave_circle(session, member, result)
    # Mentorships end with a kind note; offer, goals and recaps go.
    messages += delete_mentoring(session, member, now)
    checkin_posts = [
        f"checkin:{response_id}:v{n}"
        for response_id, version in session.execute(
            select(CheckinResponse.id, CheckinResponse.version).where(
                CheckinResponse.member_id == member.id
            )
        )
        for n in range(version + 1)
    ]
    _own_rows(session, member.id)
    # sign-ups, questions, takeaways; a held seat goes to the next in line
    messages += delete_lunch_data(session, member, now=now, settings=settings)
    forget_in_pulse(session, member.id)  # the stored weeks' quiet members
    _vault(session, slack_id, keep_vault)
    _former(session, slack_id)
    _outbox(session, slack_id, checkin_posts)
    # Queued after the outbox is cleared (which would remove them: they name the member),
    # and scrubbed from the outbox once delivered.
    messages += [_without_id(m, slack_id, member.id) for m in departures]
    _tombstone(member, now)
    session.add(AuditEntry(action="delete", actor=actor, subject_id=member.id, at=now))
    enqueue(session, messages, now=now)
    return result


def _leave_circle(session: Session, member: Member, result: Deleted) -> list[OutgoingMessage]:
    """Out of their circle; the circle is told, and ``result`` says which channel to leave."""
    placed = placement(session, member)
    if placed is None:
        return []
    circle, _role = placed
    messages = []
    if circle.channel_id:
        result.left_circle = (circle.channel_id, member.slack_user_id)
        messages.append(_farewell(circle, member.display_name, member.id))
    session.execute(delete(CircleMember).where(CircleMember.member_id == member.id))
    return messages


def _own_rows(session: Session, member_id: int) -> None:
    """Check-ins, applications, friendships and the don't-pair list go; pairings stay for
    the partners' history, without this member's answers."""
    session.execute(delete(CheckinResponse).where(CheckinResponse.member_id == member_id))
    session.execute(delete(Application).where(Application.member_id == member_id))
    session.execute(
        delete(Friendship).where(
            or_(Friendship.member_a == member_id, Friendship.member_b == member_id)
        )
    )
    session.execute(delete(DontPair).where(DontPair.member_id == member_id))
    session.execute(
        update(PairingMember)
        .where(PairingMember.member_id == member_id)
        .values(met=None, meet_again=None, answered_at=None, skipped=False)
    )


def _farewell(circle: Circle, name: str, member_id: int) -> OutgoingMessage:
    return OutgoingMessage(
        key=f"circle:{circle.id}:left:{member_id}",
        text=f"{name} has left the circle.",
        channel=circle.channel_id,
        scrub=True,
    )


def _without_id(message: OutgoingMessage, slack_id: str, member_id: int) -> OutgoingMessage:
    """A departure notice queued after the scan: its key names the member by row id, and
    its text (which names them) is scrubbed once delivered."""
    return replace(message, key=message.key.replace(slack_id, f"m{member_id}"), scrub=True)


def _vault(session: Session, slack_id: str, keep: bool) -> None:
    votes = session.scalars(select(VaultVote.resource_id).where(VaultVote.user_id == slack_id))
    for resource_id in votes.all():
        session.execute(
            update(VaultResource)
            .where(VaultResource.id == resource_id, VaultResource.votes > 0)
            .values(votes=VaultResource.votes - 1)
        )
    session.execute(delete(VaultVote).where(VaultVote.user_id == slack_id))
    if keep:
        session.execute(
            update(VaultResource).where(VaultResource.added_by == slack_id).values(added_by=FORMER)
        )
    else:
        session.execute(delete(VaultResource).where(VaultResource.added_by == slack_id))


def _former(session: Session, slack_id: str) -> None:
    """Where the member acted as an admin, the record keeps the act, not the person."""
    session.execute(update(Cohort).where(Cohort.opened_by == slack_id).values(opened_by=FORMER))
    session.execute(
        update(Application).where(Application.decided_by == slack_id).values(decided_by=FORMER)
    )
    session.execute(update(Circle).where(Circle.created_by == slack_id).values(created_by=FORMER))


def _outbox(session: Session, slack_id: str, checkin_posts: list[str]) -> None:
    """Remove every queued or sent message that names the member, through indexes only:
    ``outbox_member`` (recipients, mentions, ``about``; bot/outbox/queue.py), and the keys of
    the member's check-in answers in their circle's thread (``checkin:<response id>:v<n>``,
    bot/circles/checkins.py), which name them by name only."""
    named = select(OutboxMember.outbox_id).where(OutboxMember.slack_user_id == slack_id)
    session.execute(delete(OutboxMessage).where(OutboxMessage.id.in_(named)))
    if checkin_posts:
        session.execute(
            delete(OutboxMessage).where(OutboxMessage.idempotency_key.in_(checkin_posts))
        )


def _tombstone(member: Member, now: datetime) -> None:
    member.slack_user_id = f"deleted-{secrets.token_hex(8)}"
    member.name = member.real_name = ""
    member.slack_tz = member.tz_override = member.company = member.level = member.goals = None
    member.interests, member.tags = [], []
    member.status, member.paused_until, member.skip_period = MemberStatus.LEFT, None, None
    member.is_guide = member.is_workspace_admin = False
    member.profile_updated_at = member.pause_asked_at = None
    member.left_at = member.left_at or now
    member.deleted_at = now
    member.updated_at = now
