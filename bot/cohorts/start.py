"""Starting a cohort: the admitted become members, are welcomed, and meet people in week one.

The first-week intros are stored as an "onboarding" pairing round, so they count as having
met (the weekly matcher won't repeat them), show in `/pairing history`, and get the same
"did you meet?" follow-up and meet-again path as any weekly intro.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from bot.cohorts.blocks import member_welcome, not_started_dm, onboarding_opening
from bot.cohorts.lifecycle import CohortRefused, counts, first_name
from bot.cohorts.onboarding_intros import first_week_intros
from bot.outbox.queue import OutgoingMessage
from bot.pairing.blocks import intro_message
from bot.pairing.icebreakers import pick_icebreaker
from bot.pairing.roster import as_person
from bot.pairing.schedule import week_number
from bot.platform.settings import Settings
from storage.models import Application, Cohort, Member, Pairing, PairingMember, PairingRound

PER_VETERAN = 2  # no existing member is handed more newcomers than this at once


@dataclass
class Started:
    cohort: Cohort
    members: list[Member]
    intros: int
    messages: list[OutgoingMessage] = field(default_factory=list)


def start_cohort(session: Session, cohort_id: int, *, now: datetime, settings: Settings) -> Started:
    """Start a closed cohort once; a second click (or a second admin) is told it already ran."""
    cohort = session.get(Cohort, cohort_id)
    if cohort is None:
        raise CohortRefused("That cohort no longer exists.")
    if cohort.status == "open":
        raise CohortRefused(f"Close applications for {cohort.name} first: `/cohort close`.")
    pending = counts(session, cohort.id).get("pending", 0)
    if cohort.status == "closed" and pending:
        raise CohortRefused(
            f"{pending} application{'s are' if pending != 1 else ' is'} still waiting for a "
            "decision. `/cohort review` them, then start the cohort."
        )
    claimed = session.execute(
        update(Cohort)
        .where(Cohort.id == cohort.id, Cohort.status == "closed")
        .values(status="started", started_at=now)
        .execution_options(synchronize_session=False)
    ).rowcount
    if not claimed:
        raise CohortRefused(f"{cohort.name} has already started. Nothing was sent twice.")
    session.refresh(cohort)
    rows = session.execute(
        select(Application, Member)
        .join(Member, Member.id == Application.member_id)
        .where(Application.cohort_id == cohort.id)
        .order_by(Application.id)
    ).all()
    newcomers: list[Member] = []
    messages: list[OutgoingMessage] = []
    for application, member in rows:
        if application.status == "admitted" and member.status != "left":
            _activate(member, application, now)
            newcomers.append(member)
            text, blocks = member_welcome(first_name(member), cohort)
            messages.append(
                OutgoingMessage.dm(
                    member.slack_user_id,
                    key=f"cohort:{cohort.id}:welcome:{member.slack_user_id}",
                    text=text,
                    blocks=blocks,
                )
            )
        elif application.status == "waitlisted":
            messages.append(
                OutgoingMessage.dm(
                    member.slack_user_id,
                    key=f"application:{application.id}:not-started",
                    text=not_started_dm(cohort),
                )
            )
    intros = _first_week(session, cohort, newcomers, now, settings)
    return Started(cohort, newcomers, len(intros), messages + intros)


def _activate(member: Member, application: Application, now: datetime) -> None:
    """A member now; their application is their starting profile unless they wrote one."""
    member.status = "active"
    member.left_at = None
    if not member.has_profile:
        member.company = application.company
        member.level = application.level
        member.interests = list(application.interests)
        member.profile_updated_at = now
    member.updated_at = now


def _first_week(
    session: Session, cohort: Cohort, newcomers: list[Member], now: datetime, settings: Settings
) -> list[OutgoingMessage]:
    if not newcomers or settings.first_week_intros == 0:
        return []
    joining = {m.id for m in newcomers}
    veterans = [
        m
        for m in session.scalars(select(Member).where(Member.status == "active"))
        if m.id not in joining
    ]
    plan = first_week_intros(
        [as_person(m, now) for m in newcomers],
        [as_person(m, now) for m in veterans],
        per_newcomer=settings.first_week_intros,
        per_veteran=PER_VETERAN,
    )
    if not plan:
        return []
    week = week_number(now, settings.timezone)
    record = PairingRound(
        period_key=f"cohort-{cohort.id}",
        kind="onboarding",
        week=week,
        seed=cohort.id,
        stats={"newcomers": len(newcomers), "intros": len(plan), "veterans": len(veterans)},
        created_at=now,
    )
    session.add(record)
    session.flush()
    by_id = {m.id: m for m in [*newcomers, *veterans]}
    messages = []
    for intro in plan:
        newcomer, other = by_id[intro.newcomer], by_id[intro.other]
        rng = random.Random(f"{cohort.id}:{newcomer.id}:{other.id}")
        pairing = Pairing(
            round_id=record.id,
            week=week,
            shared=sorted(intro.shared),
            is_repeat=False,
            is_friends=False,
            icebreaker=pick_icebreaker(intro.shared, rng),
            cancelled=False,
            created_at=now,
        )
        session.add(pairing)
        session.flush()
        session.add_all(
            PairingMember(pairing_id=pairing.id, member_id=m.id, skipped=False)
            for m in (newcomer, other)
        )
        text, blocks = intro_message(
            [newcomer, other],
            pairing_id=pairing.id,
            shared=pairing.shared,
            icebreaker=pairing.icebreaker,
            friends=False,
            repeat=False,
            opening=onboarding_opening(newcomer, other, cohort, both_new=other.id in joining),
        )
        users = tuple(sorted((newcomer.slack_user_id, other.slack_user_id)))
        messages.append(
            OutgoingMessage(
                key=f"cohort:{cohort.id}:intro:{'-'.join(users)}",
                text=text,
                blocks=blocks,
                to_users=users,
            )
        )
    return messages
