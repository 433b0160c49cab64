"""Starting a cohort: the admitted become members, are welcomed, and meet people in week one.

The first-week intros are stored as an "onboarding" pairing round, so they count as having
met (the weekly matcher won't repeat them), show in `/pairing history`, and get the same
"did you meet?" follow-up and meet-again path as any weekly intro.
"""

from __future__ import annotations

import calendar
import random
from dataclasses import dataclass, field, replace
from datetime import datetime, time, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from bot.cohorts.blocks import member_welcome, not_started_dm, onboarding_opening
from bot.cohorts.lifecycle import CohortRefused, counts
from bot.cohorts.onboarding_intros import first_week_intros, spread_over_days
from bot.members.names import first_name
from bot.outbox.queue import OutgoingMessage
from bot.pairing.blocks import intro_message
from bot.pairing.icebreakers import pick_icebreaker
from bot.pairing.records import new_pairing, recent_icebreakers
from bot.pairing.roster import as_person
from bot.pairing.schedule import next_round_week, round_time, week_index
from bot.platform.dates import day_words
from bot.platform.periods import week_key
from bot.platform.settings import WEEKDAYS, Settings
from storage.models import (
    Application,
    ApplicationStatus,
    Cohort,
    CohortStatus,
    Member,
    MemberStatus,
    Pairing,
    PairingRound,
    RoundKind,
)
from storage.rows_changed import rows_changed

PER_VETERAN = 2  # no existing member is handed more newcomers than this at once


@dataclass
class Started:
    cohort: Cohort
    members: list[Member]
    intros: int
    messages: list[OutgoingMessage] = field(default_factory=list)


def start_cohort(session: Session, cohort_id: int, *, now: datetime, settings: Settings) -> Started:
    """Start a closed cohort once; a second click (or a second admin) is told it already ran."""
    cohort = _claim(session, cohort_id, now)
    newcomers: list[Member] = []
    messages: list[OutgoingMessage] = []
    for application, member in _applicants(session, cohort):
        if application.status == ApplicationStatus.ADMITTED and member.status != MemberStatus.LEFT:
            _activate(member, application, now)
            newcomers.append(member)
        elif application.status == ApplicationStatus.WAITLISTED:
            messages.append(
                OutgoingMessage.dm(
                    member.slack_user_id,
                    key=f"application:{application.id}:not-started",
                    text=not_started_dm(cohort),
                )
            )
    intros = _first_week(session, cohort, newcomers, now, settings)
    # The welcome first, saying how many intros follow and when the weekly ones begin.
    welcomes = [
        _welcome(cohort, member, _intros_for(member, intros), settings, now) for member in newcomers
    ]
    return Started(cohort, newcomers, len(intros), welcomes + messages + intros)


def _intros_for(member: Member, intros: list[OutgoingMessage]) -> int:
    return sum(1 for intro in intros if member.slack_user_id in intro.to_users)


def _claim(session: Session, cohort_id: int, now: datetime) -> Cohort:
    """Mark a closed cohort with every application decided as started, exactly once."""
    cohort = session.get(Cohort, cohort_id)
    if cohort is None:
        raise CohortRefused("That cohort no longer exists.")
    if cohort.status == CohortStatus.OPEN:
        raise CohortRefused(f"Close applications for {cohort.name} first: `/cohort close`.")
    pending = counts(session, cohort.id).get(ApplicationStatus.PENDING, 0)
    if cohort.status == CohortStatus.CLOSED and pending:
        raise CohortRefused(
            f"{pending} application{'s are' if pending != 1 else ' is'} still waiting for a "
            "decision. `/cohort review` them, then start the cohort."
        )
    claimed = rows_changed(
        session,
        update(Cohort)
        .where(Cohort.id == cohort.id, Cohort.status == CohortStatus.CLOSED)
        .values(status=CohortStatus.STARTED, started_at=now),
    )
    if not claimed:
        raise CohortRefused(f"{cohort.name} has already started. Nothing was sent twice.")
    session.refresh(cohort)
    return cohort


def _applicants(session: Session, cohort: Cohort) -> list[tuple[Application, Member]]:
    rows = session.execute(
        select(Application, Member)
        .join(Member, Member.id == Application.member_id)
        .where(Application.cohort_id == cohort.id)
        .order_by(Application.id)
    )
    return [(application, member) for application, member in rows]


def _welcome(
    cohort: Cohort, member: Member, intros: int, settings: Settings, now: datetime
) -> OutgoingMessage:
    round_day = calendar.day_name[WEEKDAYS.index(settings.pairing_day)]
    text, blocks = member_welcome(
        first_name(member.full_name),
        cohort,
        intros=intros,
        round_day=round_day,
        weekly_from=_weekly_from(now, settings, skipping=intros > 0),
    )
    return OutgoingMessage.dm(
        member.slack_user_id,
        key=f"cohort:{cohort.id}:welcome:{member.slack_user_id}",
        text=text,
        blocks=blocks,
    )


def _activate(member: Member, application: Application, now: datetime) -> None:
    """A member now; their application is their starting profile unless they wrote one."""
    member.status = MemberStatus.ACTIVE
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
    """Each newcomer meets a few people in week one, stored as an onboarding round."""
    if not newcomers or settings.first_week_intros == 0:
        return []
    joining = {m.id for m in newcomers}
    veterans = [
        m
        for m in session.scalars(select(Member).where(Member.status == MemberStatus.ACTIVE))
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
    week = week_index(now, settings.timezone)
    stats = {"newcomers": len(newcomers), "intros": len(plan), "veterans": len(veterans)}
    record = _onboarding_round(session, cohort, week, stats, now)
    by_id = {m.id: m for m in [*newcomers, *veterans]}
    tz = settings.timezone
    start_day = now.astimezone(tz).date()
    avoid = (WEEKDAYS.index(settings.pairing_day) - start_day.weekday()) % 7
    days = spread_over_days(plan, first_day=1, avoid_weekday=avoid)
    skip = _first_regular_round(now, settings)
    asked = recent_icebreakers(session, week=week)  # grows as intros are planned below
    messages = []
    for intro, day in zip(plan, days, strict=True):
        newcomer, other = by_id[intro.newcomer], by_id[intro.other]
        hour, minute = (int(part) for part in settings.pairing_time.split(":"))
        when = datetime.combine(start_day + timedelta(days=day), time(hour, minute), tzinfo=tz)
        for person in (newcomer, other):
            if person.id in joining:
                person.skip_period = skip
        rng = random.Random(f"{cohort.id}:{newcomer.id}:{other.id}")
        icebreaker = pick_icebreaker(
            intro.shared,
            rng,
            interests=[*(newcomer.interests or []), *(other.interests or [])],
            avoid=asked.get(newcomer.id, set()) | asked.get(other.id, set()),
        )
        for person in (newcomer, other):
            asked.setdefault(person.id, set()).add(icebreaker)
        pairing = new_pairing(
            session,
            round_id=record.id,
            week=week,
            members=(newcomer, other),
            shared=intro.shared,
            icebreaker=icebreaker,
            now=when,  # the follow-up counts from when the intro arrives
        )
        message = _intro(cohort, pairing, newcomer, other, both_new=other.id in joining)
        messages.append(replace(message, not_before=when))
    return messages


def _first_regular_round(now: datetime, settings: Settings) -> str:
    """The week key of the next weekly round still to come: a newcomer with first-week
    intros sits it out, so the first week is not four asks at once."""
    return week_key(_next_round(now, settings), settings.timezone)


def _next_round(now: datetime, settings: Settings) -> datetime:
    this_week = week_index(now, settings.timezone)
    passed = round_time(this_week, settings) <= now
    return round_time(next_round_week(now, settings, this_week_ran=passed), settings)


def _weekly_from(now: datetime, settings: Settings, *, skipping: bool) -> str:
    """When a newcomer's weekly intros begin, as people say it ("Mon 25 Jan")."""
    when = _next_round(now, settings)
    if skipping:
        when = _next_round(when + timedelta(minutes=1), settings)
    return day_words(when, settings.timezone)


def _onboarding_round(
    session: Session, cohort: Cohort, week: int, stats: dict[str, int], now: datetime
) -> PairingRound:
    """The round a cohort's first-week intros belong to: one per cohort."""
    record = PairingRound(
        period_key=f"cohort-{cohort.id}",
        kind=RoundKind.ONBOARDING,
        week=week,
        seed=cohort.id,
        stats=stats,
        created_at=now,
    )
    session.add(record)
    session.flush()
    return record


def _intro(
    cohort: Cohort, pairing: Pairing, newcomer: Member, other: Member, *, both_new: bool
) -> OutgoingMessage:
    """The group DM introducing a newcomer to someone, as any weekly intro looks."""
    opening, notes = onboarding_opening(newcomer, other, cohort, both_new=both_new)
    text, blocks = intro_message(
        [newcomer, other],
        pairing_id=pairing.id,
        shared=pairing.shared,
        icebreaker=pairing.icebreaker,
        friends=False,
        repeat=False,
        opening=opening,
        notes=notes,
    )
    users = tuple(sorted((newcomer.slack_user_id, other.slack_user_id)))
    return OutgoingMessage(
        key=f"cohort:{cohort.id}:intro:{'-'.join(users)}",
        text=text,
        blocks=blocks,
        to_users=users,
    )
