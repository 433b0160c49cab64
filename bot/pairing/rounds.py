"""A weekly pairing round: who takes part, the matcher's plan, and what gets sent.

``plan`` only reads (it is what `/pairing preview` and `circlebot pair --dry-run` show);
``run_round`` claims the period and writes the round, its pairings and every intro to the
outbox in one transaction, so a crash leaves either the whole round or nothing.
"""

from __future__ import annotations

import hashlib
import random
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from bot.members.names import first_name
from bot.outbox.queue import OutgoingMessage, enqueue
from bot.pairing.blocks import nudge_text, pause_question, unpaired_text
from bot.pairing.engine import Group, History, Round, Rules, plan_round
from bot.pairing.icebreakers import pick_icebreaker
from bot.pairing.records import intro_key as intro_key  # re-exported: where intros are keyed
from bot.pairing.records import new_pairing, recent_icebreakers, round_intro
from bot.pairing.roster import Roster, as_person, build_roster
from bot.pairing.schedule import week_index
from bot.platform.periods import week_key
from bot.platform.settings import Settings
from storage.job_runs import claim_in
from storage.models import (
    DontPair,
    Friendship,
    JobRun,
    JobRunStatus,
    Member,
    MemberStatus,
    Pairing,
    PairingMember,
    PairingRound,
    RoundKind,
)

JOB = "pairing"
HISTORY_WEEKS = 52
IGNORED_IN_A_ROW = 3
NUDGE_AFTER_WEEKS = 4
NUDGE_EVERY = timedelta(days=30)


@dataclass
class RoundPlan:
    period_key: str
    week: int
    seed: int
    roster: Roster
    round: Round
    members: dict[int, Member]

    def stats(self) -> dict[str, Any]:
        groups = self.round.groups
        return {
            **self.roster.counts(),
            "paired": sum(len(g.members) for g in groups),
            "pairs": sum(1 for g in groups if len(g.members) == 2),
            "trios": sum(1 for g in groups if len(g.members) == 3),
            "unpaired": [
                {"member": self.members[mid].slack_user_id, "reason": reason}
                for mid, reason in self.round.unpaired
            ],
            "repeats": self.round.repeats,
            "friends": sum(1 for g in groups if g.friends),
            "mean_shared_interests": round(self.round.mean_shared, 2),
            "seed": self.seed,
        }


def seed_for(period_key: str) -> int:
    """Stable per period, so a preview shows exactly what the run will do."""
    return int.from_bytes(hashlib.sha256(period_key.encode()).digest()[:4], "big")


def load_history(session: Session, week: int, settings: Settings) -> History:
    rows = session.execute(
        select(PairingMember.pairing_id, PairingMember.member_id, Pairing.week)
        .join(Pairing, Pairing.id == PairingMember.pairing_id)
        .where(Pairing.cancelled.is_(False), Pairing.week > week - HISTORY_WEEKS)
    ).all()
    groups: dict[int, list[int]] = defaultdict(list)
    weeks: dict[int, int] = {}
    for pairing_id, member_id, pairing_week in rows:
        groups[pairing_id].append(member_id)
        weeks[pairing_id] = pairing_week
    last_met: dict[frozenset[int], int] = {}
    for pairing_id, ids in groups.items():
        for i, a in enumerate(ids):
            for b in ids[i + 1 :]:
                pair = frozenset((a, b))
                last_met[pair] = max(last_met.get(pair, weeks[pairing_id]), weeks[pairing_id])
    blocked = frozenset(
        frozenset(pair) for pair in session.execute(select(DontPair.member_id, DontPair.other_id))
    )
    due = frozenset(
        frozenset((f.member_a, f.member_b))
        for f in session.scalars(select(Friendship))
        if week - f.last_paired_week >= settings.friend_repair_weeks
    )
    return History(last_met=last_met, blocked=blocked, friends_due=due)


def plan(
    session: Session, now: datetime, settings: Settings, *, seed: int | None = None
) -> RoundPlan:
    """This period's round as it would run now. Reads only."""
    period = week_key(now, settings.timezone)
    week = week_index(now, settings.timezone)
    previous = session.scalar(
        select(PairingRound.created_at)
        .where(PairingRound.kind == RoundKind.WEEKLY)
        .order_by(PairingRound.created_at.desc())
        .limit(1)
    )
    members = list(session.scalars(select(Member).order_by(Member.id)))
    roster = build_roster(
        members,
        period_key=period,
        now=now,
        left_since=previous or now - timedelta(weeks=1),
    )
    seed = seed_for(period) if seed is None else seed
    people = [as_person(m, now) for m in roster.eligible]
    rules = Rules(repeat_window=settings.pairing_repeat_window_weeks)
    planned = plan_round(people, load_history(session, week, settings), week, seed, rules)
    return RoundPlan(period, week, seed, roster, planned, {m.id: m for m in members})


@dataclass
class RoundResult:
    round_id: int
    plan: RoundPlan
    messages: int


def run_round(
    session: Session, now: datetime, settings: Settings, *, worker: str | None = None
) -> RoundResult | None:
    """Run this period's round once; None when it already ran (or is running elsewhere)."""
    period = week_key(now, settings.timezone)
    if not claim_in(session, JOB, period, now=now, worker=worker):
        return None
    planned = plan(session, now, settings)
    for member in planned.roster.resumed:  # their pause ended by itself
        member.status, member.paused_until = MemberStatus.ACTIVE, None
    record = PairingRound(
        period_key=period,
        week=planned.week,
        seed=planned.seed,
        stats=planned.stats(),
        created_at=now,
    )
    session.add(record)
    session.flush()
    messages = _intros(session, planned, record, now)
    messages += _unpaired(planned)
    messages += _pause_questions(session, planned, now)
    messages += _friend_nudges(session, planned, now)
    enqueue(session, messages, now=now)
    session.execute(
        update(JobRun)
        .where(JobRun.job == JOB, JobRun.period_key == period)
        .values(status=JobRunStatus.DONE, finished_at=now, detail=record.stats)
    )
    return RoundResult(record.id, planned, len(messages))


def _intros(
    session: Session, planned: RoundPlan, record: PairingRound, now: datetime
) -> list[OutgoingMessage]:
    messages = []
    asked = recent_icebreakers(session, week=planned.week)
    for group in planned.round.groups:
        members = [planned.members[mid] for mid in group.members]
        rng = random.Random(f"{planned.seed}:{group.members}")
        icebreaker = pick_icebreaker(
            group.shared,
            rng,
            interests=[i for m in members for i in (*(m.interests or []), *(m.tags or []))],
            avoid=set().union(*(asked.get(mid, set()) for mid in group.members)),
        )
        pairing = new_pairing(
            session,
            round_id=record.id,
            week=planned.week,
            members=members,
            shared=group.shared,
            icebreaker=icebreaker,
            now=now,
            repeat=group.repeat,
            friends=group.friends,
        )
        if group.friends:
            _mark_friends_paired(session, group, planned.week)
        messages.append(round_intro(pairing, members, planned.period_key))
    return messages


def _mark_friends_paired(session: Session, group: Group, week: int) -> None:
    """Friendships inside the group count from this week (their next re-pairing waits)."""
    ids = sorted(group.members)
    for i, a in enumerate(ids):
        for b in ids[i + 1 :]:
            session.execute(
                update(Friendship)
                .where(Friendship.member_a == a, Friendship.member_b == b)
                .values(last_paired_week=week)
            )


def _unpaired(planned: RoundPlan) -> list[OutgoingMessage]:
    return [
        OutgoingMessage.dm(
            planned.members[mid].slack_user_id,
            key=f"unpaired:{planned.period_key}:{planned.members[mid].slack_user_id}",
            text=unpaired_text(reason),
        )
        for mid, reason in planned.round.unpaired
    ]


def _pause_questions(session: Session, planned: RoundPlan, now: datetime) -> list[OutgoingMessage]:
    """Members whose last three intros went unanswered are asked, once, about pausing."""
    candidates = {m.id: m for m in planned.roster.eligible if m.pause_asked_at is None}
    if not candidates:
        return []
    rows = session.execute(
        select(PairingMember.member_id, PairingMember.met, PairingMember.skipped)
        .join(Pairing, Pairing.id == PairingMember.pairing_id)
        .where(
            PairingMember.member_id.in_(candidates),
            Pairing.cancelled.is_(False),
            Pairing.followup_sent_at.is_not(None),
        )
        .order_by(Pairing.week.desc())
    ).all()
    recent: dict[int, list[bool]] = defaultdict(list)
    for member_id, met, skipped in rows:
        if len(recent[member_id]) < IGNORED_IN_A_ROW:
            recent[member_id].append(met is None and not skipped)
    messages = []
    for member_id, ignored in recent.items():
        if len(ignored) == IGNORED_IN_A_ROW and all(ignored):
            member = candidates[member_id]
            member.pause_asked_at = now
            text, blocks = pause_question(first_name(member.full_name), IGNORED_IN_A_ROW)
            messages.append(
                OutgoingMessage.dm(
                    member.slack_user_id, f"pause-ask:{member.slack_user_id}", text, blocks
                )
            )
    return messages


def _friend_nudges(session: Session, planned: RoundPlan, now: datetime) -> list[OutgoingMessage]:
    """Once a month between re-pairings, remind one friend of the other."""
    messages = []
    active = {m.id for m in planned.roster.eligible}
    for friendship in session.scalars(select(Friendship)):
        if not {friendship.member_a, friendship.member_b} <= active:
            continue
        if planned.week - friendship.last_paired_week < NUDGE_AFTER_WEEKS:
            continue
        if friendship.last_nudged_at and now - friendship.last_nudged_at < NUDGE_EVERY:
            continue
        a, b = planned.members[friendship.member_a], planned.members[friendship.member_b]
        to, about = (a, b) if now.month % 2 else (b, a)  # take turns reaching out
        friendship.last_nudged_at = now
        messages.append(
            OutgoingMessage.dm(
                to.slack_user_id, f"nudge:{friendship.id}:{now:%Y-%m}", nudge_text(about)
            )
        )
    return messages
