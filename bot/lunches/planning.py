"""Lunches as admins run them: plan one (announce it, invite matching members), list
them in numbers, cancel one kindly. And `/lunch` for members: what's coming, my status."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.lunches import blocks as ui
from bot.lunches.closing import announcement_edit
from bot.lunches.home_blocks import home_section
from bot.lunches.records import LunchRefused, get_lunch, member_zone, signups, view_of
from bot.lunches.rules import Draft
from bot.lunches.seat_blocks import cancelled_text
from bot.lunches.upcoming_blocks import AdminRow, Upcoming
from bot.members.names import first_name
from bot.members.profile_options import level_rank
from bot.members.sync import get_member
from bot.outbox.queue import OutgoingMessage
from bot.platform.settings import Settings
from storage.models import Lunch, LunchSignup, LunchStatus, Member, MemberStatus, SeatStatus
from storage.models.lunches import AT_TABLE

UNKNOWN_GUEST = (
    "I don't know that person as a member of this workspace. Pick someone from Slack's "
    "list, or leave it empty and write an outside guest's name."
)


@dataclass
class Planned:
    lunch: Lunch
    messages: list[OutgoingMessage]
    invited: int | None = None  # members invited by DM, for a lunch on its topics only


def plan_lunch(
    session: Session, draft: Draft, *, by: str, channel: str, now: datetime, settings: Settings
) -> Planned:
    """Store the lunch and announce it; members whose interests match get a DM when the
    lunch is for them only."""
    name = draft.guest_name
    if draft.guest_user_id:
        guest = get_member(session, draft.guest_user_id)
        if guest is None or guest.deleted_at is not None or guest.status == MemberStatus.LEFT:
            raise LunchRefused(UNKNOWN_GUEST, field="guest_user")
        name = name or guest.display_name
    assert name
    lunch = Lunch(
        guest_user_id=draft.guest_user_id,
        guest_name=name,
        guest_title=draft.guest_title,
        guest_company=draft.guest_company,
        guest_bio=draft.guest_bio,
        starts_at=draft.starts_at,
        closes_at=draft.closes_at,
        place=draft.place,
        seats=draft.seats,
        tags=list(draft.tags),
        interests_only=draft.interests_only,
        level_min=draft.level_min,
        level_max=draft.level_max,
        status=LunchStatus.PLANNED,
        seed=secrets.randbits(48),
        channel_id=channel,
        created_by=by,
        created_at=now,
    )
    session.add(lunch)
    session.flush()
    view = view_of(session, lunch)
    text, blocks = ui.announcement(view, settings.timezone)
    messages = [
        OutgoingMessage(key=f"lunch:{lunch.id}:announce", text=text, blocks=blocks, channel=channel)
    ]
    if not lunch.interests_only:
        return Planned(lunch, messages)
    invitations = _invitations(session, lunch, view, settings)
    return Planned(lunch, messages + invitations, invited=len(invitations))


def _invitations(
    session: Session, lunch: Lunch, view: ui.LunchView, settings: Settings
) -> list[OutgoingMessage]:
    tags = set(lunch.tags or ())
    low, high = level_rank(lunch.level_min), level_rank(lunch.level_max)
    messages = []
    for member in session.scalars(
        select(Member).where(Member.status == MemberStatus.ACTIVE).order_by(Member.id)
    ):
        if member.slack_user_id == lunch.guest_user_id or not tags & set(member.interests or ()):
            continue
        rank = level_rank(member.level)
        if (low is not None or high is not None) and (
            rank is None or (low is not None and rank < low) or (high is not None and rank > high)
        ):
            continue
        text, blocks = ui.invitation(
            view, first_name(member.full_name), member_zone(member, settings)
        )
        messages.append(
            OutgoingMessage.dm(
                member.slack_user_id,
                key=f"lunch:{lunch.id}:invite:{member.slack_user_id}",
                text=text,
                blocks=blocks,
            )
        )
    return messages


def cancel_lunch(
    session: Session, lunch_id: int, *, now: datetime, settings: Settings
) -> tuple[Lunch, list[OutgoingMessage]]:
    """Cancel, and tell everyone who asked, kindly, in their own time zone."""
    lunch = get_lunch(session, lunch_id)
    if lunch.status == LunchStatus.CANCELLED:
        raise LunchRefused(f"Lunch #{lunch.id} is already cancelled.")
    if lunch.starts_at <= now:
        raise LunchRefused(f"Lunch #{lunch.id} has already started, so it can't be cancelled.")
    view = view_of(session, lunch)
    messages = []
    for signup, member in signups(
        session, lunch.id, (*AT_TABLE, SeatStatus.ASKED, SeatStatus.WAITLISTED)
    ):
        messages.append(
            OutgoingMessage.dm(
                member.slack_user_id,
                key=f"lunch:{lunch.id}:cancelled:{signup.id}",
                text=cancelled_text(view, member_zone(member, settings)),
            )
        )
    lunch.status, lunch.cancelled_at = LunchStatus.CANCELLED, now
    messages += announcement_edit(lunch, view, settings)
    return lunch, messages


def status_counts(session: Session, lunch_id: int) -> dict[str, int]:
    rows = session.execute(
        select(LunchSignup.status, func.count())
        .where(LunchSignup.lunch_id == lunch_id)
        .group_by(LunchSignup.status)
    )
    return {status: n for status, n in rows}


def coming_up(session: Session, now: datetime) -> list[Lunch]:
    return list(
        session.scalars(
            select(Lunch)
            .where(Lunch.status != LunchStatus.CANCELLED, Lunch.starts_at > now)
            .order_by(Lunch.starts_at, Lunch.id)
        )
    )


def admin_rows(session: Session, now: datetime) -> list[AdminRow]:
    return [
        AdminRow(view_of(session, lunch), lunch.status, status_counts(session, lunch.id))
        for lunch in coming_up(session, now)
    ]


def upcoming_for(session: Session, slack_id: str, now: datetime) -> list[Upcoming]:
    member = get_member(session, slack_id)
    mine: dict[int, str] = {}
    if member is not None:
        mine = dict(
            session.execute(
                select(LunchSignup.lunch_id, LunchSignup.status).where(
                    LunchSignup.member_id == member.id
                )
            ).all()
        )
    return [
        Upcoming(
            view_of(session, lunch),
            mine.get(lunch.id),
            lunch.status == LunchStatus.PLANNED and now < lunch.closes_at,
        )
        for lunch in coming_up(session, now)
    ]


def home_lunches(
    session: Session, member: Member, now: datetime, settings: Settings
) -> dict[str, Any] | None:
    """The App Home section for ``member`` (None: nothing coming up for them)."""
    items = upcoming_for(session, member.slack_user_id, now)
    return home_section(items, member_zone(member, settings))
