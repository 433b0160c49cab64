"""Asking for a seat: who may ask for one at a lunch now, and the sign-up itself (again,
with a new question, is an update). Works in the caller's transaction."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import update
from sqlalchemy.orm import Session

from bot.lunches.records import LunchRefused, get_lunch, member_zone, view_of
from bot.lunches.seat_blocks import signed_up_text
from bot.members.profile_options import level_rank
from bot.members.sync import get_member
from bot.platform.dates import day_and_time
from bot.platform.settings import Settings
from storage.insert_once import insert_once
from storage.models import Lunch, LunchSignup, LunchStatus, Member, MemberStatus, SeatStatus


def closed_text(lunch: Lunch, settings: Settings, member: Member | None) -> str:
    tz = member_zone(member, settings)
    return (
        f"Sign-up for the lunch with {lunch.guest_name} closed on "
        f"{day_and_time(lunch.closes_at, tz)} (your time), so I couldn't add you. "
        "`/lunch` shows the lunches you can still ask for."
    )


def may_ask(
    session: Session, lunch: Lunch, member: Member | None, now: datetime, settings: Settings
) -> Member:
    """The member, if they may ask for a seat at this lunch now; otherwise a refusal."""
    if lunch.status == LunchStatus.CANCELLED:
        raise LunchRefused(
            f"The lunch with {lunch.guest_name} was cancelled. `/lunch` shows the next ones."
        )
    if lunch.status != LunchStatus.PLANNED or now >= lunch.closes_at:
        raise LunchRefused(closed_text(lunch, settings, member))
    if member is None or member.status != MemberStatus.ACTIVE:
        raise LunchRefused(
            "Tiny lunches are for members of the community. If you're a member and see this, "
            "ask an admin to check your profile."
        )
    if member.slack_user_id == lunch.guest_user_id:
        raise LunchRefused("You're the guest at this lunch, so your seat is already yours.")
    if lunch.interests_only and not set(member.interests or ()) & set(lunch.tags or ()):
        raise LunchRefused(
            "This lunch is for members whose interests match its topics. Add them to your "
            "profile with `/profile` if they're yours, then ask again."
        )
    rank = level_rank(member.level)
    low, high = level_rank(lunch.level_min), level_rank(lunch.level_max)
    if (low is not None or high is not None) and (
        rank is None or (low is not None and rank < low) or (high is not None and rank > high)
    ):
        raise LunchRefused(
            "This lunch is for a range of levels that doesn't include yours (as your profile "
            "says). If your level changed, update it with `/profile` and ask again."
        )
    return member


def sign_up(
    session: Session,
    lunch_id: int,
    slack_id: str,
    question: str | None,
    *,
    now: datetime,
    settings: Settings,
) -> str:
    """Ask for a seat (again, or with a new question); returns the sentence for the member."""
    lunch = get_lunch(session, lunch_id)
    member = may_ask(session, lunch, get_member(session, slack_id), now, settings)
    inserted = insert_once(
        session,
        LunchSignup,
        {
            "lunch_id": lunch.id,
            "member_id": member.id,
            "status": SeatStatus.ASKED,
            "asked_at": now,
            "question": question,
            "share_with_guest": False,
        },
        ["lunch_id", "member_id"],
    )
    if not inserted:
        session.execute(
            update(LunchSignup)
            .where(LunchSignup.lunch_id == lunch.id, LunchSignup.member_id == member.id)
            .values(status=SeatStatus.ASKED, question=question)
            .execution_options(synchronize_session=False)
        )
    return signed_up_text(
        view_of(session, lunch), member_zone(member, settings), again=not inserted
    )
