"""Cohorts as admins run them: open one, close it, and see where admissions stand.

Each function works inside the caller's transaction and returns the messages its change
causes, so a state change and what it announces commit together.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.cohorts.application_blocks import application_card
from bot.cohorts.blocks import PAGE_SIZE, announcement, open_invitation, review_page
from bot.cohorts.rules import OpenRequest
from bot.members.names import first_name
from bot.outbox.queue import OutgoingMessage
from bot.platform.refused import Refused
from storage.models import (
    UNDECIDED,
    Application,
    ApplicationStatus,
    Cohort,
    CohortStatus,
    Member,
    MemberStatus,
)
from storage.rows_changed import rows_changed


class CohortRefused(Refused):
    """A request the rules turn down; ``str()`` is the sentence for the admin."""


@dataclass
class Opened:
    cohort: Cohort
    channel: str
    messages: list[OutgoingMessage]


def admissions_in_use(session: Session) -> bool:
    """From the first cohort on, newcomers to the workspace join as applicants."""
    return session.scalar(select(Cohort.id).limit(1)) is not None


def current_cohort(session: Session) -> Cohort | None:
    """The open cohort, or else the closed one waiting to start."""
    return session.scalar(
        select(Cohort)
        .where(Cohort.status.in_((CohortStatus.OPEN, CohortStatus.CLOSED)))
        .order_by((Cohort.status == CohortStatus.OPEN).desc(), Cohort.opened_at.desc())
        .limit(1)
    )


def latest_cohort(session: Session) -> Cohort | None:
    """What `/cohort status` talks about: the running cohort, else the last one."""
    return current_cohort(session) or session.scalar(
        select(Cohort).order_by(Cohort.opened_at.desc()).limit(1)
    )


def counts(session: Session, cohort_id: int) -> dict[str, int]:
    rows = session.execute(
        select(Application.status, func.count())
        .where(Application.cohort_id == cohort_id)
        .group_by(Application.status)
    )
    return {status: n for status, n in rows}


def open_cohort(
    session: Session, request: OpenRequest, *, by: str, channel: str, now: datetime
) -> Opened:
    """Open a cohort and announce it; people already waiting in the workspace get a DM."""
    _refuse_a_second(session, request)
    cohort = Cohort(
        name=request.name,
        spots=request.spots,
        taken=0,
        status=CohortStatus.OPEN,
        closes_on=request.closes_on,
        channel_id=channel,
        opened_by=by,
        opened_at=now,
    )
    try:
        with session.begin_nested():
            session.add(cohort)
    except IntegrityError as exc:  # another admin opened one at the same moment
        raise CohortRefused(
            "Another cohort was opened a moment ago. See `/cohort status`."
        ) from exc
    text, blocks = announcement(cohort)
    announce = OutgoingMessage(
        key=f"cohort:{cohort.id}:announce", text=text, blocks=blocks, channel=channel
    )
    return Opened(cohort, channel, [announce, *_invitations(session, cohort)])


def _refuse_a_second(session: Session, request: OpenRequest) -> None:
    """One cohort runs at a time, and no two share a name."""
    existing = current_cohort(session)
    if existing is not None:
        is_open = existing.status == CohortStatus.OPEN
        state = "open" if is_open else "closed but not started yet"
        raise CohortRefused(
            f"*{existing.name}* is {state}. Only one cohort runs at a time: "
            + (
                "close it with `/cohort close` first."
                if is_open
                else "start it from `/cohort close` first."
            )
        )
    if session.scalar(select(Cohort.id).where(func.lower(Cohort.name) == request.name.lower())):
        raise CohortRefused(f"A cohort called *{request.name}* already exists. Pick another name.")


def _invitations(session: Session, cohort: Cohort) -> list[OutgoingMessage]:
    """A DM to everyone already waiting in the workspace to apply."""
    messages = []
    for member in session.scalars(select(Member).where(Member.status == MemberStatus.APPLICANT)):
        text, blocks = open_invitation(cohort, first_name(member.full_name))
        messages.append(
            OutgoingMessage.dm(
                member.slack_user_id,
                key=f"cohort:{cohort.id}:open:{member.slack_user_id}",
                text=text,
                blocks=blocks,
            )
        )
    return messages


def close_cohort(session: Session, *, now: datetime) -> Cohort:
    """Stop applications. Closing twice is harmless: the closed cohort is returned again."""
    cohort = current_cohort(session)
    if cohort is None:
        raise CohortRefused("No cohort is open. Open one with `/cohort open <name>`.")
    if cohort.status == CohortStatus.OPEN:
        rows_changed(
            session,
            update(Cohort)
            .where(Cohort.id == cohort.id, Cohort.status == CohortStatus.OPEN)
            .values(status=CohortStatus.CLOSED, closed_at=now),
        )
        session.refresh(cohort)
    return cohort


def all_cohorts(session: Session) -> list[tuple[Cohort, dict[str, int]]]:
    cohorts: Iterable[Cohort] = session.scalars(select(Cohort).order_by(Cohort.opened_at))
    return [(cohort, counts(session, cohort.id)) for cohort in cohorts]


def review_cards(
    session: Session, cohort_id: int, *, page: int, size: int = PAGE_SIZE
) -> tuple[list[tuple[Application, Member]], int, int]:
    """One page of applications still open to a decision: pending first, then the waitlist
    in its order. Returns the cards, how many there are in all, and the page shown (a page
    past the end shows the last one, since decisions shrink the list)."""
    waiting = Application.status.in_(UNDECIDED)
    total = session.scalar(
        select(func.count())
        .select_from(Application)
        .where(Application.cohort_id == cohort_id, waiting)
    )
    total = int(total or 0)
    last = max(0, (total - 1) // size)
    page = min(max(page, 0), last)
    rows = session.execute(
        select(Application, Member)
        .join(Member, Member.id == Application.member_id)
        .where(Application.cohort_id == cohort_id, waiting)
        .order_by(
            (Application.status == ApplicationStatus.WAITLISTED),
            Application.decided_at,
            Application.submitted_at,
            Application.id,
        )
        .offset(page * size)
        .limit(size)
    ).all()
    return [(a, m) for a, m in rows], total, page


def decision_screen(
    session: Session, application_id: int, page: int | None, card_text: str | None = None
) -> tuple[str, list[dict[str, Any]]] | None:
    """What a decided application's message shows again: its review page, or its single
    card (``card_text`` as the notification text). None once the application is gone."""
    application = session.get(Application, application_id)
    cohort = session.get(Cohort, application.cohort_id) if application else None
    if application is None or cohort is None:
        return None
    if page is not None:
        cards, total, shown = review_cards(session, cohort.id, page=page)
        return review_page(cohort, cards, page=shown, total=total)
    member = session.get(Member, application.member_id)
    if member is None:
        return None
    text = card_text or f"Application from {member.display_name}"
    return text, application_card(application, member)
