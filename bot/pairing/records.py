"""Writing pairings: the one place a pairing row and its member rows are created.

Weekly rounds, a re-pairing after someone leaves, and a cohort's first-week intros all
introduce people the same way, so they all store the introduction here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.outbox.queue import OutgoingMessage
from bot.pairing.blocks import intro_message
from storage.models import Member, Pairing, PairingMember

ICEBREAKER_MEMORY_WEEKS = 4  # covers a newcomer's first week: onboarding + first regular intro


def new_pairing(
    session: Session,
    *,
    round_id: int,
    week: int,
    members: Sequence[Member],
    shared: Iterable[str],
    icebreaker: str,
    now: datetime,
    repeat: bool = False,
    friends: bool = False,
) -> Pairing:
    """A pairing with one member row per person, flushed so its id can go in the intro."""
    pairing = Pairing(
        round_id=round_id,
        week=week,
        shared=sorted(shared),
        is_repeat=repeat,
        is_friends=friends,
        icebreaker=icebreaker,
        cancelled=False,
        created_at=now,
    )
    session.add(pairing)
    session.flush()
    session.add_all(
        PairingMember(pairing_id=pairing.id, member_id=m.id, skipped=False) for m in members
    )
    return pairing


def recent_icebreakers(session: Session, *, week: int) -> dict[int, set[str]]:
    """Member id → the icebreakers they were given in the last few weeks, so a new intro
    can ask something else (one query for the whole round, not one per group)."""
    rows = session.execute(
        select(PairingMember.member_id, Pairing.icebreaker)
        .join(Pairing, Pairing.id == PairingMember.pairing_id)
        .where(Pairing.week >= week - ICEBREAKER_MEMORY_WEEKS, Pairing.icebreaker != "")
    )
    asked: dict[int, set[str]] = {}
    for member_id, icebreaker in rows:
        asked.setdefault(member_id, set()).add(icebreaker)
    return asked


def intro_key(period: str, members: Sequence[Member]) -> str:
    """The outbox key of a round's intro: one per period and group of people."""
    return f"pairing:{period}:" + "-".join(sorted(m.slack_user_id for m in members))


def round_intro(pairing: Pairing, members: Sequence[Member], period: str) -> OutgoingMessage:
    """The group DM introducing a round's pairing (weekly, or re-paired in that week)."""
    text, blocks = intro_message(
        members,
        pairing_id=pairing.id,
        shared=pairing.shared,
        icebreaker=pairing.icebreaker,
        friends=pairing.is_friends,
        repeat=pairing.is_repeat,
    )
    return OutgoingMessage(
        key=intro_key(period, members),
        text=text,
        blocks=blocks,
        to_users=tuple(m.slack_user_id for m in members),
    )
