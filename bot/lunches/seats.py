"""Holding a seat: the offer, confirming, giving one back, expiry, and the waitlist's
next in line. (Asking is in asking.py; the draw at sign-up close in closing.py.)

Each function works in the caller's transaction and returns the messages its change
causes. Each reseat is claimed once per freed seat (``job_run``), inside the same
transaction as the change, so a seat freed twice (a click and the expiry job) is offered
once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from bot.lunches import seat_blocks as ui
from bot.lunches.blocks import LunchView
from bot.lunches.draw import next_in_line
from bot.lunches.records import (
    RESEAT_JOB,
    LunchRefused,
    candidates,
    get_lunch,
    member_zone,
    past_tablemates,
    signups,
    view_of,
)
from bot.lunches.times import confirm_by, offers_open
from bot.members.sync import get_member
from bot.outbox.queue import OutgoingMessage
from bot.platform.settings import Settings
from storage.job_runs import claim_in
from storage.models import Lunch, LunchSignup, LunchStatus, Member, SeatStatus
from storage.models.lunches import AT_TABLE
from storage.rows_changed import rows_changed


@dataclass
class Changed:
    note: str  # the sentence for the person who acted
    messages: list[OutgoingMessage] = field(default_factory=list)


def offer(
    lunch: Lunch,
    view: LunchView,
    signup: LunchSignup,
    member: Member,
    now: datetime,
    settings: Settings,
    *,
    freed: bool,
    late: bool = False,
) -> OutgoingMessage:
    """The DM with a seat, drawn or freed by someone else, and the time to confirm by."""
    tz = member_zone(member, settings)
    deadline = confirm_by(now, settings.lunch_confirm_hours, lunch.starts_at)
    text, blocks = ui.seat_offer(view, tz, signup.id, deadline, freed=freed, late=late)
    kind = "offer" if freed else "drawn"
    return OutgoingMessage.dm(
        member.slack_user_id, key=f"lunch:{lunch.id}:{kind}:{signup.id}", text=text, blocks=blocks
    )


def reseat(
    session: Session, lunch: Lunch, freed_id: int, *, now: datetime, settings: Settings
) -> list[OutgoingMessage]:
    """Offer the seat ``freed_id`` gave up to the next in line, once; not within two hours
    of the lunch (nobody can plan for that)."""
    if lunch.status != LunchStatus.SEATED or not offers_open(lunch.starts_at, now):
        return []
    if not claim_in(session, RESEAT_JOB, f"{lunch.id}:{freed_id}", now=now):
        return []
    table = signups(session, lunch.id, AT_TABLE)
    if len(table) >= lunch.seats:
        return []
    waiting = signups(session, lunch.id, (SeatStatus.WAITLISTED,))
    if not waiting:
        return []
    members = [m for _, m in table + waiting]
    weighed = {c.key: c for c in candidates(session, lunch, members, settings.lunch_season_weeks)}
    met = past_tablemates(session, lunch, list(weighed))
    chosen = next_in_line(
        [weighed[m.id] for _, m in table], [weighed[m.id] for _, m in waiting], lunch.seed, met
    )
    if chosen is None:
        return []
    signup, member = next((s, m) for s, m in waiting if m.id == chosen.key)
    won = rows_changed(
        session,
        update(LunchSignup)
        .where(LunchSignup.id == signup.id, LunchSignup.status == SeatStatus.WAITLISTED)
        .values(status=SeatStatus.SEATED, seated_at=now),
    )
    if won != 1:
        return []
    return [offer(lunch, view_of(session, lunch), signup, member, now, settings, freed=True)]


def _own_signup(session: Session, signup_id: int, slack_id: str) -> tuple[LunchSignup, Lunch]:
    signup = session.get(LunchSignup, signup_id)
    member = get_member(session, slack_id)
    if signup is None or member is None or signup.member_id != member.id:
        raise LunchRefused("That seat isn't one I know for you, so nothing changed.")
    return signup, get_lunch(session, signup.lunch_id)


def confirm(
    session: Session, signup_id: int, slack_id: str, *, now: datetime, settings: Settings
) -> str:
    signup, lunch = _own_signup(session, signup_id, slack_id)
    view = view_of(session, lunch)
    tz = member_zone(get_member(session, slack_id), settings)
    if lunch.status == LunchStatus.CANCELLED:
        raise LunchRefused(ui.cancelled_text(view, tz))
    if signup.status == SeatStatus.CONFIRMED:
        return ui.confirmed_text(view, tz)
    changed = rows_changed(
        session,
        update(LunchSignup)
        .where(LunchSignup.id == signup.id, LunchSignup.status == SeatStatus.SEATED)
        .values(status=SeatStatus.CONFIRMED, confirmed_at=now),
    )
    if changed != 1:
        raise LunchRefused(
            "That seat has gone to the next person, because the time to confirm ran out or "
            "you gave it back. `/lunch` shows the next lunches."
        )
    return ui.confirmed_text(view, tz)


def give_back(
    session: Session,
    *,
    lunch_id: int | None = None,
    signup_id: int | None = None,
    slack_id: str,
    now: datetime,
    settings: Settings,
) -> Changed:
    """`/lunch leave <id>` or *I can't make it*: off the list, and a held seat is offered
    to the next in line at once."""
    if signup_id is not None:
        signup, lunch = _own_signup(session, signup_id, slack_id)
    else:
        assert lunch_id is not None
        lunch = get_lunch(session, lunch_id)
        member = get_member(session, slack_id)
        found = None
        if member is not None:
            found = session.scalar(
                select(LunchSignup).where(
                    LunchSignup.lunch_id == lunch.id, LunchSignup.member_id == member.id
                )
            )
        if found is None:
            raise LunchRefused(
                f"You haven't asked for a seat at lunch #{lunch.id}, so there is nothing to "
                "give back."
            )
        signup = found
    if lunch.status == LunchStatus.CANCELLED or lunch.starts_at <= now:
        raise LunchRefused("That lunch is no longer coming up, so there is nothing to give back.")
    view = view_of(session, lunch)
    held = signup.status in AT_TABLE
    waiting = signup.status in (SeatStatus.ASKED, SeatStatus.WAITLISTED)
    if not (held or waiting):
        raise LunchRefused("You don't hold a seat or a place on the list for that lunch any more.")
    new_status = SeatStatus.GAVE_BACK if held else SeatStatus.WITHDRAWN
    changed = rows_changed(
        session,
        update(LunchSignup)
        .where(LunchSignup.id == signup.id, LunchSignup.status == signup.status)
        .values(status=new_status, released_at=now),
    )
    if changed != 1:
        raise LunchRefused("That changed a moment ago; `/lunch` shows where you stand.")
    if not held:
        return Changed(f"Done: you're off the list for the lunch with {view.guest.name}.")
    return Changed(
        ui.gave_back_text(view), reseat(session, lunch, signup.id, now=now, settings=settings)
    )


def expire_due(session: Session, *, now: datetime, settings: Settings) -> list[OutgoingMessage]:
    """Seats not confirmed in time go back to the waitlist, once each."""
    messages: list[OutgoingMessage] = []
    rows = session.execute(
        select(LunchSignup, Lunch, Member)
        .join(Lunch, Lunch.id == LunchSignup.lunch_id)
        .join(Member, Member.id == LunchSignup.member_id)
        .where(
            LunchSignup.status == SeatStatus.SEATED,
            Lunch.status == LunchStatus.SEATED,
            Lunch.starts_at > now,
        )
        .order_by(LunchSignup.id)
    ).all()
    for signup, lunch, member in rows:
        assert signup.seated_at is not None
        deadline = confirm_by(signup.seated_at, settings.lunch_confirm_hours, lunch.starts_at)
        if deadline > now or deadline <= signup.seated_at:
            continue  # still time to confirm, or drawn late with no time to confirm at all
        changed = rows_changed(
            session,
            update(LunchSignup)
            .where(LunchSignup.id == signup.id, LunchSignup.status == SeatStatus.SEATED)
            .values(status=SeatStatus.EXPIRED, released_at=now),
        )
        if changed != 1:
            continue
        view = view_of(session, lunch)
        messages.append(
            OutgoingMessage.dm(
                member.slack_user_id,
                key=f"lunch:{lunch.id}:expired:{signup.id}",
                text=ui.expired_text(view),
            )
        )
        messages += reseat(session, lunch, signup.id, now=now, settings=settings)
    return messages
