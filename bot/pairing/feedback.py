"""What members say about their pairings: did we meet, meet again, skip, not a fit.

Each function checks that the clicking member belongs to the pairing (button payloads
can be forged), changes state in the caller's transaction, and returns the outgoing
messages the change causes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.members.sync import get_member
from bot.outbox.queue import OutgoingMessage
from bot.pairing.blocks import (
    followup_message,
    friends_text,
    skipped_text,
    slot_line,
    slot_picked_text,
    time_slots_message,
)
from bot.pairing.schedule import followup_due, suggest_slots
from bot.platform.refused import Refused
from bot.platform.settings import Settings
from storage.insert_once import insert_once
from storage.models import (
    DontPair,
    Friendship,
    Member,
    MemberStatus,
    MetAnswer,
    Pairing,
    PairingMember,
)

RECENT = timedelta(days=14)
THANKS = {
    MetAnswer.YES: "",
    MetAnswer.NOT_YET: "Thanks! There's still time this week. :calendar:",
    MetAnswer.WONT: "Thanks for letting us know. We'll find you someone new next week.",
}


NOT_YOURS = "That button belongs to someone else's intro, so nothing changed."


class NotYourPairing(Refused):
    """The clicking member is not in this pairing (or it does not exist)."""

    def __init__(self) -> None:
        super().__init__(NOT_YOURS)


@dataclass
class Outcome:
    messages: list[OutgoingMessage] = field(default_factory=list)
    ask_again: list[Member] = field(default_factory=list)  # others, when a yes needs asking
    note: str = ""  # a sentence for the clicking member only


@dataclass
class Seat:
    """The clicking member's place in a pairing."""

    pairing: Pairing
    me: Member
    mine: PairingMember
    rows: list[PairingMember]
    others: list[Member]

    @property
    def everyone(self) -> list[Member]:
        return [self.me, *self.others]


def _load(session: Session, pairing_id: int, slack_user_id: str) -> Seat:
    pairing = session.get(Pairing, pairing_id)
    me = get_member(session, slack_user_id)
    if pairing is None or me is None:
        raise NotYourPairing
    rows = list(
        session.scalars(select(PairingMember).where(PairingMember.pairing_id == pairing_id))
    )
    mine = next((row for row in rows if row.member_id == me.id), None)
    if mine is None:
        raise NotYourPairing
    others = [session.get(Member, row.member_id) for row in rows if row.member_id != me.id]
    return Seat(pairing, me, mine, rows, [o for o in others if o is not None])


def group_to(members: Sequence[Member]) -> tuple[str, ...]:
    return tuple(sorted(m.slack_user_id for m in members))


def record_met(
    session: Session, pairing_id: int, slack_user_id: str, answer: str, now: datetime
) -> Outcome:
    """``answer`` comes from a button value, so anything but a MetAnswer is refused."""
    try:
        met = MetAnswer(answer)
    except ValueError:
        raise NotYourPairing from None
    seat = _load(session, pairing_id, slack_user_id)
    seat.mine.met, seat.mine.answered_at = met, now
    return Outcome(ask_again=seat.others if met == MetAnswer.YES else [], note=THANKS[met])


def record_again(
    session: Session,
    pairing_id: int,
    slack_user_id: str,
    yes: bool,
    now: datetime,
    settings: Settings,
) -> Outcome:
    """A meet-again vote; when every pair inside the group said yes, they become friends."""
    seat = _load(session, pairing_id, slack_user_id)
    pairing = seat.pairing
    seat.mine.meet_again, seat.mine.answered_at = yes, now
    if seat.mine.met is None:
        seat.mine.met = MetAnswer.YES
    if not yes:
        return Outcome(note="Got it. You'll keep meeting new people.")
    keen = [row.member_id for row in seat.rows if row.meet_again]
    new_friends = _befriend(session, keen, pairing.week, now)
    if not new_friends:
        return Outcome(note="Noted! If they say yes too, we'll pair you again.")
    found = (session.get(Member, mid) for mid in sorted(new_friends))
    members = [m for m in found if m is not None]
    message = OutgoingMessage(
        key=f"friends:{pairing.id}:" + "-".join(m.slack_user_id for m in members),
        text=friends_text(members, settings.friend_repair_weeks),
        to_users=group_to(members),
    )
    return Outcome(messages=[message], note="You're friends now. :tada:")


def _befriend(session: Session, keen: list[int], week: int, now: datetime) -> set[int]:
    """A friendship for every pair of keen members (once); the ids in new friendships."""
    new_friends: set[int] = set()
    for i, a in enumerate(sorted(keen)):
        for b in sorted(keen)[i + 1 :]:
            created = insert_once(
                session,
                Friendship,
                {"member_a": a, "member_b": b, "created_at": now, "last_paired_week": week},
                ["member_a", "member_b"],
            )
            if created:
                new_friends |= {a, b}
    return new_friends


def skip_pairing(session: Session, pairing_id: int, slack_user_id: str, now: datetime) -> Outcome:
    seat = _load(session, pairing_id, slack_user_id)
    if seat.mine.skipped:
        return Outcome(note="You've already skipped this one.")
    seat.mine.skipped, seat.mine.answered_at = True, now
    message = OutgoingMessage(
        key=f"skip:{seat.pairing.id}:{seat.me.slack_user_id}",
        text=skipped_text(seat.me),
        to_users=group_to(seat.everyone),
    )
    return Outcome(messages=[message], note="Skipped. See you next week.")


def not_a_fit(session: Session, pairing_id: int, slack_user_id: str, now: datetime) -> Outcome:
    """Private: only the clicking member learns anything, and only their list changes."""
    seat = _load(session, pairing_id, slack_user_id)
    for other in seat.others:
        insert_once(
            session,
            DontPair,
            {"member_id": seat.me.id, "other_id": other.id, "created_at": now},
            ["member_id", "other_id"],
        )
    seat.mine.answered_at = now
    who = ", ".join(o.display_name for o in seat.others)
    return Outcome(note=f"Understood. We won't pair you with {who} again. Only you can see this.")


def suggest_times(session: Session, pairing_id: int, slack_user_id: str, now: datetime) -> Outcome:
    seat = _load(session, pairing_id, slack_user_id)
    members = seat.everyone
    slots = suggest_slots(now, [m.timezone_name or "UTC" for m in members])
    text, blocks = time_slots_message(members, slots, pairing_id=seat.pairing.id)
    message = OutgoingMessage(
        key=f"times:{seat.pairing.id}",
        text=text,
        blocks=blocks,
        to_users=group_to(members),
        extra={"slots": [s.isoformat() for s in slots]},
    )
    return Outcome(messages=[message])


def pick_slot(session: Session, pairing_id: int, slack_user_id: str, slot: datetime) -> Outcome:
    seat = _load(session, pairing_id, slack_user_id)
    line = slot_line(slot, seat.everyone)
    message = OutgoingMessage(
        key=f"slot:{seat.pairing.id}:{seat.me.slack_user_id}:{int(slot.timestamp())}",
        text=slot_picked_text(seat.me, line),
        to_users=group_to(seat.everyone),
    )
    return Outcome(messages=[message])


def due_followups(session: Session, now: datetime, settings: Settings) -> list[OutgoingMessage]:
    """ "Did you meet?" for every pairing whose follow-up time has come, asked once."""
    messages = []
    pending = session.scalars(
        select(Pairing).where(
            Pairing.followup_sent_at.is_(None),
            Pairing.cancelled.is_(False),
            Pairing.created_at > now - RECENT,  # older ones are past their window anyway
        )
    )
    for pairing in pending:
        if not followup_due(pairing.created_at, now, settings):
            continue
        members = _still_in(session, pairing)
        pairing.followup_sent_at = now
        if len(members) < 2:
            continue
        text, blocks = followup_message(members, pairing.id)
        messages.append(
            OutgoingMessage(
                key=f"followup:{pairing.id}",
                text=text,
                blocks=blocks,
                to_users=group_to(members),
            )
        )
    return messages


def _still_in(session: Session, pairing: Pairing) -> list[Member]:
    """Who is asked "did you meet?": not those who skipped it, nor those who left since."""
    rows = session.scalars(select(PairingMember).where(PairingMember.pairing_id == pairing.id))
    found = (session.get(Member, row.member_id) for row in rows if not row.skipped)
    return [m for m in found if m is not None and m.status != MemberStatus.LEFT]
