"""Seats: asking for one, the draw, confirming, giving one back, and the waitlist.

Each function works in the caller's transaction and returns the messages its change
causes. The draw is claimed once per lunch and each reseat once per freed seat
(``job_run``), inside the same transaction as the change, so two replicas at sign-up close
draw once and a seat freed twice (a click and the expiry job) is offered once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from bot.lunches import blocks as ui
from bot.lunches.draw import draw, next_in_line
from bot.lunches.records import (
    DRAW_JOB,
    RESEAT_JOB,
    LunchRefused,
    candidates,
    get_lunch,
    member_zone,
    past_tablemates,
    signups,
    view_of,
)
from bot.lunches.times import TAKEAWAY_ASK_UNTIL, confirm_by, offers_open, when
from bot.members.profile_options import level_rank
from bot.members.sync import get_member
from bot.outbox.queue import OutgoingMessage
from bot.platform.settings import Settings
from storage.insert_once import insert_once
from storage.job_runs import claim_in
from storage.models import (
    FORMER,
    Lunch,
    LunchSignup,
    LunchStatus,
    Member,
    MemberStatus,
    SeatStatus,
)
from storage.models.lunches import AT_TABLE
from storage.rows_changed import rows_changed


@dataclass
class Changed:
    note: str  # the sentence for the person who acted
    messages: list[OutgoingMessage] = field(default_factory=list)


@dataclass
class Drawn:
    lunch_id: int
    seated: int
    waiting: int
    messages: list[OutgoingMessage]


def closed_text(lunch: Lunch, settings: Settings, member: Member | None) -> str:
    tz = member_zone(member, settings)
    return (
        f"Sign-up for the lunch with {lunch.guest_name} closed on {when(lunch.closes_at, tz)} "
        "(your time), so I couldn't add you. `/lunch` shows the lunches you can still ask for."
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
    return ui.signed_up_text(
        view_of(session, lunch), member_zone(member, settings), again=not inserted
    )


def draw_lunch(
    session: Session, lunch_id: int, *, now: datetime, settings: Settings
) -> Drawn | None:
    """The draw, once per lunch whoever asks (the job at close, or an admin's `seat`)."""
    lunch = session.get(Lunch, lunch_id)
    if lunch is None or lunch.status != LunchStatus.PLANNED:
        return None
    if not claim_in(session, DRAW_JOB, str(lunch.id), now=now):
        return None
    session.refresh(lunch)
    asked = signups(session, lunch.id, (SeatStatus.ASKED,))
    people = {m.id: (s, m) for s, m in asked}
    outcome = draw(
        candidates(session, lunch, [m for _, m in asked], settings.lunch_season_weeks),
        lunch.seats,
        lunch.seed,
        past_tablemates(session, lunch, list(people)),
    )
    view = view_of(session, lunch)
    # Drawn inside the last two hours (the bot was down at sign-up close): the table still
    # hears, without a deadline to confirm by, and the admin who planned it is told.
    late = not offers_open(lunch.starts_at, now)
    messages = []
    for member_id in outcome.seated:
        signup, member = people[member_id]
        signup.status, signup.seated_at = SeatStatus.SEATED, now
        messages.append(_offer(lunch, view, signup, member, now, settings, freed=False, late=late))
    for line, member_id in enumerate(outcome.waitlist, start=1):
        signup, member = people[member_id]
        signup.status, signup.line = SeatStatus.WAITLISTED, line
        signup.reason = outcome.reasons[member_id].value
        tz = member_zone(member, settings)
        messages.append(
            OutgoingMessage.dm(
                member.slack_user_id,
                key=f"lunch:{lunch.id}:drawn:{signup.id}",
                text=ui.waitlisted_text(view, tz, signup.reason, line),
            )
        )
    lunch.status, lunch.drawn_at = LunchStatus.SEATED, now
    messages += announcement_edit(lunch, view, settings, asked=len(asked))
    if late and lunch.created_by != FORMER:
        admin = get_member(session, lunch.created_by)
        messages.append(
            OutgoingMessage.dm(
                lunch.created_by,
                key=f"lunch:{lunch.id}:late-draw",
                text=ui.late_draw_admin_text(view, member_zone(admin, settings)),
            )
        )
    session.flush()
    return Drawn(lunch.id, len(outcome.seated), len(outcome.waitlist), messages)


def missed(
    session: Session, lunch_id: int, *, now: datetime, settings: Settings
) -> list[OutgoingMessage] | None:
    """A lunch that began before its draw could run (the bot was down from sign-up close
    until after the start): claimed once like a draw, marked cancelled (so it weighs on
    nobody's claim), and everyone who asked, and the admin who planned it, is told, unless
    it is so long ago that a note would only confuse."""
    lunch = session.get(Lunch, lunch_id)
    if lunch is None or lunch.status != LunchStatus.PLANNED or lunch.starts_at > now:
        return None
    if not claim_in(session, DRAW_JOB, str(lunch.id), now=now):
        return None
    session.refresh(lunch)
    asked = signups(session, lunch.id, (SeatStatus.ASKED,))
    lunch.status, lunch.cancelled_at = LunchStatus.CANCELLED, now
    view = view_of(session, lunch)
    messages = announcement_edit(lunch, view, settings)
    if now - lunch.starts_at > TAKEAWAY_ASK_UNTIL:
        return messages
    for signup, member in asked:
        messages.append(
            OutgoingMessage.dm(
                member.slack_user_id,
                key=f"lunch:{lunch.id}:missed:{signup.id}",
                text=ui.missed_text(view, member_zone(member, settings)),
            )
        )
    if lunch.created_by != FORMER:
        admin = get_member(session, lunch.created_by)
        messages.append(
            OutgoingMessage.dm(
                lunch.created_by,
                key=f"lunch:{lunch.id}:missed",
                text=ui.missed_admin_text(view, member_zone(admin, settings), len(asked)),
            )
        )
    session.flush()
    return messages


def announcement_edit(
    lunch: Lunch, view: ui.LunchView, settings: Settings, *, asked: int = 0
) -> list[OutgoingMessage]:
    """The channel announcement edited in place when sign-up closes or the lunch is
    cancelled (the outbox waits for the announcement itself to be sent)."""
    if not lunch.channel_id:
        return []
    cancelled = lunch.status == LunchStatus.CANCELLED
    text, blocks = ui.announcement_closed(view, settings.timezone, cancelled=cancelled, asked=asked)
    kind = "cancelled" if cancelled else "closed"
    return [
        OutgoingMessage(
            key=f"lunch:{lunch.id}:announce-{kind}",
            text=text,
            blocks=blocks,
            channel=lunch.channel_id,
            edit_of=f"lunch:{lunch.id}:announce",
        )
    ]


def _offer(
    lunch: Lunch,
    view: ui.LunchView,
    signup: LunchSignup,
    member: Member,
    now: datetime,
    settings: Settings,
    *,
    freed: bool,
    late: bool = False,
) -> OutgoingMessage:
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
    return [_offer(lunch, view_of(session, lunch), signup, member, now, settings, freed=True)]


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
