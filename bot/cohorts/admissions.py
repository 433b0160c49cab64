"""The admins' decisions on applications, and what an applicant's own buttons do.

Every transition is a compare-and-set UPDATE (``WHERE status IN (...)``), and admitting also
takes a spot with ``UPDATE cohort SET taken = taken + 1 WHERE taken < spots``: the cohort row
is always written before the application row, so on PostgreSQL two admins clicking at once
queue on the cohort row and the second sees the first's result — nobody is admitted twice
and the spots are never exceeded. A lost race rolls back its savepoint and says so.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from bot.cohorts.blocks import admitted_dm, declined_dm, spots_taken, waitlisted_dm
from bot.cohorts.lifecycle import CohortRefused
from bot.outbox.queue import OutgoingMessage
from bot.slack.words import plural
from storage.models import UNDECIDED, Application, ApplicationStatus, Cohort, CohortStatus, Member
from storage.rows_changed import rows_changed


@dataclass
class Decided:
    application: Application
    note: str  # for the admin who clicked
    messages: list[OutgoingMessage] = field(default_factory=list)
    full: bool = False  # Admit found no spot left


@dataclass
class Answered:
    """What an applicant's own button did: the sentence they read, and what it sends."""

    note: str
    messages: list[OutgoingMessage] = field(default_factory=list)


def _load(session: Session, application_id: int) -> tuple[Application, Cohort, Member]:
    application = session.get(Application, application_id)
    if application is None:
        raise CohortRefused("That application no longer exists.")
    cohort = session.get(Cohort, application.cohort_id)
    member = session.get(Member, application.member_id)
    assert cohort is not None and member is not None
    return application, cohort, member


def _refused_state(application: Application, cohort: Cohort) -> str:
    if cohort.status == CohortStatus.STARTED:
        return f"{cohort.name} has already started, so its applications can't change."
    who = f" by <@{application.decided_by}>" if application.decided_by else ""
    return f"This application was already {application.status}{who}. Nothing changed."


def still_undecided(session: Session, application_id: int) -> tuple[Application, Member]:
    """The application and its applicant while an admin can still decide it (before asking
    for a decline note); CohortRefused with the reason otherwise."""
    application, cohort, member = _load(session, application_id)
    if application.status not in UNDECIDED or cohort.status == CohortStatus.STARTED:
        raise CohortRefused(_refused_state(application, cohort))
    return application, member


def _take_spot(session: Session, cohort_id: int) -> bool:
    free = (Cohort.id == cohort_id, Cohort.taken < Cohort.spots)
    return bool(
        rows_changed(
            session,
            update(Cohort)
            .where(*free, Cohort.status != CohortStatus.STARTED)
            .values(taken=Cohort.taken + 1),
        )
    )


def _move(session: Session, application_id: int, from_: tuple[str, ...], **values: object) -> bool:
    return bool(
        rows_changed(
            session,
            update(Application)
            .where(Application.id == application_id, Application.status.in_(from_))
            .values(**values),
        )
    )


def admit(
    session: Session, application_id: int, *, by: str, now: datetime, auto: bool = False
) -> Decided:
    """Admit if a spot is free; ``full`` when none is (the admin is offered the waitlist)."""
    application, cohort, member = _load(session, application_id)
    if application.status not in UNDECIDED or cohort.status == CohortStatus.STARTED:
        raise CohortRefused(_refused_state(application, cohort))
    savepoint = session.begin_nested()
    if not _take_spot(session, cohort.id):
        savepoint.rollback()
        session.refresh(cohort)
        if cohort.status == CohortStatus.STARTED:
            raise CohortRefused(_refused_state(application, cohort))
        return Decided(application, spots_taken(cohort.spots), full=True)
    if not _move(
        session,
        application.id,
        UNDECIDED,
        status=ApplicationStatus.ADMITTED,
        decided_by=by,
        decided_at=now,
    ):
        savepoint.rollback()
        session.refresh(application)
        raise CohortRefused(_refused_state(application, cohort))
    savepoint.commit()
    session.refresh(application)
    session.refresh(cohort)
    text, blocks = admitted_dm(cohort, application.id, from_waitlist=auto)
    message = OutgoingMessage.dm(
        member.slack_user_id, key=f"application:{application.id}:admitted", text=text, blocks=blocks
    )
    note = (
        f"Admitted <@{member.slack_user_id}>. {plural(cohort.spots - cohort.taken, 'spot')} left."
    )
    return Decided(application, note, [message])


def waitlist(session: Session, application_id: int, *, by: str, now: datetime) -> Decided:
    application, cohort, member = _load(session, application_id)
    if cohort.status == CohortStatus.STARTED or not _move(
        session,
        application.id,
        (ApplicationStatus.PENDING,),
        status=ApplicationStatus.WAITLISTED,
        decided_by=by,
        decided_at=now,
    ):
        session.refresh(application)
        raise CohortRefused(_refused_state(application, cohort))
    session.refresh(application)
    position = waitlist_position(session, application)
    message = OutgoingMessage.dm(
        member.slack_user_id,
        key=f"application:{application.id}:waitlisted",
        text=waitlisted_dm(cohort, position),
    )
    return Decided(
        application, f"<@{member.slack_user_id}> is number {position} on the waitlist.", [message]
    )


def decline(
    session: Session, application_id: int, *, by: str, now: datetime, note: str | None
) -> Decided:
    application, cohort, member = _load(session, application_id)
    note = (note or "").strip()[:1000] or None
    if cohort.status == CohortStatus.STARTED or not _move(
        session,
        application.id,
        UNDECIDED,
        status=ApplicationStatus.DECLINED,
        decided_by=by,
        decided_at=now,
        decline_note=note,
    ):
        session.refresh(application)
        raise CohortRefused(_refused_state(application, cohort))
    session.refresh(application)
    message = OutgoingMessage.dm(
        member.slack_user_id,
        key=f"application:{application.id}:declined",
        text=declined_dm(cohort, note),
    )
    return Decided(
        application, f"Declined <@{member.slack_user_id}>. I'll let them know kindly.", [message]
    )


def waitlist_position(session: Session, application: Application) -> int:
    """1-based place in line: earlier waitlisting first, ties by id."""
    ahead = session.scalar(
        select(func.count())
        .select_from(Application)
        .where(
            Application.cohort_id == application.cohort_id,
            Application.status == ApplicationStatus.WAITLISTED,
            (Application.decided_at < application.decided_at)
            | (
                (Application.decided_at == application.decided_at)
                & (Application.id < application.id)
            ),
        )
    )
    return int(ahead or 0) + 1


def confirm(session: Session, application_id: int, slack_user_id: str, now: datetime) -> Answered:
    application, cohort, member = _load(session, application_id)
    if member.slack_user_id != slack_user_id:
        raise CohortRefused("That invitation belongs to someone else, so nothing changed.")
    if application.status != ApplicationStatus.ADMITTED:
        return Answered(
            f"Your place in {cohort.name} is no longer open: it was {application.status}."
        )
    application.confirmed_at = application.confirmed_at or now
    return Answered(f"Wonderful! See you when {cohort.name} starts.")


def withdraw(session: Session, application_id: int, slack_user_id: str, now: datetime) -> Answered:
    """The admitted person can't make it: free the spot and offer it to the waitlist."""
    application, cohort, member = _load(session, application_id)
    if member.slack_user_id != slack_user_id:
        raise CohortRefused("That invitation belongs to someone else, so nothing changed.")
    if cohort.status == CohortStatus.STARTED:
        return Answered(f"{cohort.name} has already started. To leave, write to an admin.")
    messages = release(session, application, cohort, now)
    if application.status != ApplicationStatus.WITHDRAWN:
        return Answered(f"Your application is {application.status}; nothing changed.")
    return Answered(
        f"Thank you for telling us. Your spot in {cohort.name} goes to someone on the waitlist.",
        messages,
    )


def release(
    session: Session, application: Application, cohort: Cohort, now: datetime
) -> list[OutgoingMessage]:
    """Withdraw an application; an admitted one frees its spot for the next in line."""
    was = application.status
    if was not in (*UNDECIDED, ApplicationStatus.ADMITTED) or cohort.status == CohortStatus.STARTED:
        return []
    if not _move(
        session, application.id, (was,), status=ApplicationStatus.WITHDRAWN, updated_at=now
    ):
        return []
    session.refresh(application)
    if was != ApplicationStatus.ADMITTED:
        return []
    rows_changed(
        session, update(Cohort).where(Cohort.id == cohort.id).values(taken=Cohort.taken - 1)
    )
    return offer_next(session, cohort, now)


def offer_next(session: Session, cohort: Cohort, now: datetime) -> list[OutgoingMessage]:
    """Admit the first person on the waitlist, if any, and tell them."""
    line = session.scalars(
        select(Application.id)
        .where(
            Application.cohort_id == cohort.id, Application.status == ApplicationStatus.WAITLISTED
        )
        .order_by(Application.decided_at, Application.id)
    ).all()
    for application_id in line:
        application = session.get(Application, application_id)
        assert application is not None
        decided = admit(
            session, application_id, by=application.decided_by or "", now=now, auto=True
        )
        if decided.full:
            return []
        return decided.messages
    return []


def member_left(session: Session, member: Member, now: datetime) -> list[OutgoingMessage]:
    """Someone left the workspace before their cohort started: withdraw their applications."""
    messages: list[OutgoingMessage] = []
    rows = session.execute(
        select(Application, Cohort)
        .join(Cohort, Cohort.id == Application.cohort_id)
        .where(Application.member_id == member.id, Cohort.status != CohortStatus.STARTED)
    ).all()
    for application, cohort in rows:
        messages += release(session, application, cohort, now)
    return messages
