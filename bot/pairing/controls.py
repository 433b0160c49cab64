"""A member's own pairing controls: pause, resume, skip, history, and leaving.

Answers are sentences for the member; every change is in the caller's transaction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Connection, bindparam, select
from sqlalchemy.orm import Session

from bot.outbox.queue import OutgoingMessage, cancel
from bot.pairing.blocks import departed_text
from bot.pairing.records import intro_key, new_pairing, round_intro
from bot.pairing.schedule import next_round_week, round_time
from bot.platform.dates import dated, day_words
from bot.platform.periods import week_key
from bot.platform.settings import Settings
from bot.slack.words import plural
from storage.models import Member, MemberStatus, MetAnswer, Pairing, PairingMember, PairingRound

MAX_PAUSE_WEEKS = 26
PAUSE = re.compile(r"^(\d{1,3})\s*(w|wk|wks|week|weeks)?$")
NOT_IN = "You're not in the weekly pairings yet. An admin adds members when they join."
IN_PAIRINGS = (MemberStatus.ACTIVE, MemberStatus.PAUSED)  # may pause, resume and skip
HISTORY_MARKS: dict[str, str] = {
    MetAnswer.YES: "met :white_check_mark:",
    MetAnswer.NOT_YET: "not yet",
    MetAnswer.WONT: "didn't meet",
}


def parse_weeks(text: str) -> int | None:
    match = PAUSE.match(text.strip().lower())
    if not match:
        return None
    weeks = int(match[1])
    return weeks if 1 <= weeks <= MAX_PAUSE_WEEKS else None


def pause(member: Member | None, text: str, now: datetime, settings: Settings) -> str:
    if member is None or member.status not in IN_PAIRINGS:
        return NOT_IN
    weeks = parse_weeks(text)
    if weeks is None:
        return (
            f"Tell me for how long, like `/pairing pause 3w` (1 to {MAX_PAUSE_WEEKS} weeks). "
            "`/pairing skip` sits out just the next round."
        )
    member.status, member.paused_until = MemberStatus.PAUSED, now + timedelta(weeks=weeks)
    back = day_words(member.paused_until, settings.timezone)
    return (
        f"Paused for {plural(weeks, 'week')}, until {back}. "
        "`/pairing resume` brings you back sooner."
    )


def resume(member: Member | None) -> str:
    if member is None or member.status not in IN_PAIRINGS:
        return NOT_IN
    if member.status == MemberStatus.ACTIVE and not member.skip_period:
        return "You're not paused: you're in the next round."
    member.status, member.paused_until, member.skip_period = MemberStatus.ACTIVE, None, None
    return "Welcome back! You're in the next round."


def skip_next(session: Session, member: Member | None, now: datetime, settings: Settings) -> str:
    if member is None or member.status not in IN_PAIRINGS:
        return NOT_IN
    ran = session.scalar(
        select(PairingRound.id).where(PairingRound.period_key == week_key(now, settings.timezone))
    )
    when = round_time(next_round_week(now, settings, this_week_ran=ran is not None), settings)
    member.skip_period = week_key(when, settings.timezone)
    return f"You'll sit out the round on {day_words(when)}. You're back in the one after."


@dataclass(frozen=True)
class Meeting:
    introduced_at: datetime
    with_ids: tuple[str, ...]
    met: str | None
    skipped: bool


# Built once: constructing a statement costs about as much as running it on PostgreSQL.
_MY_INTROS = (
    select(Pairing.id, Pairing.created_at, PairingMember.met, PairingMember.skipped)
    .join(PairingMember, PairingMember.pairing_id == Pairing.id)
    .join(Member, Member.id == PairingMember.member_id)
    .where(Member.slack_user_id == bindparam("me"), Pairing.cancelled.is_(False))
    .order_by(Pairing.week.desc())
    .limit(bindparam("limit"))
)
_MET_WITH = (
    select(PairingMember.pairing_id, Member.slack_user_id)
    .join(Member, Member.id == PairingMember.member_id)
    .where(
        PairingMember.pairing_id.in_(bindparam("ids", expanding=True)),
        Member.slack_user_id != bindparam("me"),
    )
    .order_by(Member.id)
)


def history(conn: Connection, slack_user_id: str, limit: int = 15) -> list[Meeting]:
    """The member's latest intros, newest first: columns only, one query for their side and
    one for the people they met (none when there is no intro yet). It answers a slash
    command, so its cost is felt on every ``/pairing history``."""
    mine = conn.execute(_MY_INTROS, {"me": slack_user_id, "limit": limit}).all()
    if not mine:
        return []
    met_with: dict[int, list[str]] = {row[0]: [] for row in mine}
    others = conn.execute(_MET_WITH, {"ids": list(met_with), "me": slack_user_id})
    for pairing_id, other in others:
        met_with[pairing_id].append(other)
    meetings = []
    for pairing_id, introduced_at, met, skipped in mine:
        meetings.append(Meeting(introduced_at, tuple(met_with[pairing_id]), met, skipped))
    return meetings


def history_text(meetings: list[Meeting], settings: Settings) -> str:
    if not meetings:
        return "No intros yet. Your first one arrives with the next round."
    lines = ["*Who you've been introduced to*"]
    for m in meetings:
        who = " and ".join(f"<@{uid}>" for uid in m.with_ids)
        state = "skipped" if m.skipped else HISTORY_MARKS.get(m.met or "", "no answer")
        lines.append(f"• {dated(m.introduced_at, settings.timezone)}: {who} ({state})")
    return "\n".join(lines)


def depart(
    session: Session, member: Member, now: datetime, settings: Settings
) -> list[OutgoingMessage]:
    """A member left: their undelivered intros are cancelled, partners told or re-paired.

    Partners left alone this round are paired with each other where possible (two people
    whose partners both left meet each other rather than nobody).
    """
    period = week_key(now, settings.timezone)
    record = session.scalar(select(PairingRound).where(PairingRound.period_key == period))
    if record is None:
        return []
    pairings = _pairings_of(session, record, member)
    messages, orphans = _withdraw_intros(session, pairings, member, period, now)
    waiting = _alone_this_round(session, record, exclude={member.id, *(o.id for o in orphans)})
    orphans = waiting[:1] + orphans if waiting else orphans
    while len(orphans) >= 2:
        pair, orphans = orphans[:2], orphans[2:]
        messages += _repair(session, pairings[0], pair, period, now)
    for orphan in orphans:
        messages.append(
            OutgoingMessage.dm(
                orphan.slack_user_id,
                key=f"departed:{period}:{member.slack_user_id}:{orphan.slack_user_id}",
                text=departed_text(member, repaired=False),
            )
        )
    return messages


def _pairings_of(session: Session, record: PairingRound, member: Member) -> list[Pairing]:
    """The member's live pairings in this round."""
    return list(
        session.scalars(
            select(Pairing)
            .join(PairingMember, PairingMember.pairing_id == Pairing.id)
            .where(
                Pairing.round_id == record.id,
                Pairing.cancelled.is_(False),
                PairingMember.member_id == member.id,
            )
        )
    )


def _members_of(session: Session, pairing: Pairing) -> list[Member]:
    ids = session.scalars(
        select(PairingMember.member_id).where(PairingMember.pairing_id == pairing.id)
    ).all()
    found = (session.get(Member, i) for i in ids)
    return [m for m in found if m is not None]


def _withdraw_intros(
    session: Session, pairings: list[Pairing], member: Member, period: str, now: datetime
) -> tuple[list[OutgoingMessage], list[Member]]:
    """Cancel the leaver's intros still in the outbox: a trio goes on as a pair; a partner
    left alone is returned, to be re-paired or told."""
    messages: list[OutgoingMessage] = []
    orphans: list[Member] = []
    for pairing in pairings:
        group = _members_of(session, pairing)
        rest = [g for g in group if g.id != member.id and g.status != MemberStatus.LEFT]
        withdrawn = cancel(
            session, intro_key(period, group), reason=f"cancelled: member {member.id} left"
        )
        if not withdrawn:  # already in Slack: the partners have the intro and each other
            continue
        if len(rest) >= 2:  # a trio goes on as a pair
            messages += _repair(session, pairing, rest, period, now)
        else:
            orphans += rest
        pairing.cancelled = True
    return messages, orphans


def _alone_this_round(session: Session, record: PairingRound, exclude: set[int]) -> list[Member]:
    """Active members with nobody this round: unpaired, or whose partners all left."""
    rows = session.execute(
        select(PairingMember.member_id, Pairing.cancelled)
        .join(Pairing, Pairing.id == PairingMember.pairing_id)
        .where(Pairing.round_id == record.id)
    ).all()
    live = {mid for mid, cancelled in rows if not cancelled}
    ids = {mid for mid, cancelled in rows if cancelled} - live
    unpaired = {item["member"] for item in record.stats.get("unpaired", [])}
    members = [session.get(Member, mid) for mid in sorted(ids - exclude)]
    members += list(
        session.scalars(
            select(Member).where(Member.slack_user_id.in_(unpaired)).order_by(Member.id)
        )
    )
    return [
        m
        for m in members
        if m is not None and m.status == MemberStatus.ACTIVE and m.id not in exclude
    ]


def _repair(
    session: Session, old: Pairing, members: list[Member], period: str, now: datetime
) -> list[OutgoingMessage]:
    """A new intro in the same round and week for people whose pairing fell apart."""
    pairing = new_pairing(
        session,
        round_id=old.round_id,
        week=old.week,
        members=members,
        shared=set.intersection(*(set(m.interests or []) for m in members)),
        icebreaker=old.icebreaker,
        now=now,
    )
    return [round_intro(pairing, members, period)]
