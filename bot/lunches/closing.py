"""Sign-up closing: the draw, claimed once per lunch (``job_run``) inside the same
transaction as its change, so two replicas at sign-up close draw once; a lunch whose draw
could not run before it began; and the channel announcement edited to say so.

Each function works in the caller's transaction and returns the messages its change causes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from bot.lunches.blocks import LunchView, announcement_closed
from bot.lunches.draw import draw
from bot.lunches.records import (
    DRAW_JOB,
    candidates,
    member_zone,
    past_tablemates,
    signups,
    view_of,
)
from bot.lunches.seat_blocks import (
    late_draw_admin_text,
    missed_admin_text,
    missed_text,
    waitlisted_text,
)
from bot.lunches.seats import offer
from bot.lunches.times import TAKEAWAY_ASK_UNTIL, offers_open
from bot.members.sync import get_member
from bot.outbox.queue import OutgoingMessage
from bot.platform.settings import Settings
from storage.job_runs import claim_in
from storage.models import FORMER, Lunch, LunchStatus, SeatStatus


@dataclass
class Drawn:
    lunch_id: int
    seated: int
    waiting: int
    messages: list[OutgoingMessage]


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
        messages.append(offer(lunch, view, signup, member, now, settings, freed=False, late=late))
    for line, member_id in enumerate(outcome.waitlist, start=1):
        signup, member = people[member_id]
        signup.status, signup.line = SeatStatus.WAITLISTED, line
        signup.reason = outcome.reasons[member_id].value
        tz = member_zone(member, settings)
        messages.append(
            OutgoingMessage.dm(
                member.slack_user_id,
                key=f"lunch:{lunch.id}:drawn:{signup.id}",
                text=waitlisted_text(view, tz, signup.reason, line),
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
                text=late_draw_admin_text(view, member_zone(admin, settings)),
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
                text=missed_text(view, member_zone(member, settings)),
            )
        )
    if lunch.created_by != FORMER:
        admin = get_member(session, lunch.created_by)
        messages.append(
            OutgoingMessage.dm(
                lunch.created_by,
                key=f"lunch:{lunch.id}:missed",
                text=missed_admin_text(view, member_zone(admin, settings), len(asked)),
            )
        )
    session.flush()
    return messages


def announcement_edit(
    lunch: Lunch, view: LunchView, settings: Settings, *, asked: int = 0
) -> list[OutgoingMessage]:
    """The channel announcement edited in place when sign-up closes or the lunch is
    cancelled (the outbox waits for the announcement itself to be sent)."""
    if not lunch.channel_id:
        return []
    cancelled = lunch.status == LunchStatus.CANCELLED
    text, blocks = announcement_closed(view, settings.timezone, cancelled=cancelled, asked=asked)
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
