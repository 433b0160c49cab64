"""Applying to a cohort: who may, and storing a new or edited application.

The application is stored before anything is sent; the card for the admins' review
channel is returned as a message to queue in the same transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, tzinfo

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.cohorts.application_blocks import application_card
from bot.cohorts.lifecycle import CohortRefused
from bot.cohorts.rules import ApplicationAnswers, closed_reason
from bot.members.sync import get_member, new_member
from bot.outbox.queue import OutgoingMessage
from storage.models import Application, ApplicationStatus, Cohort, Member, MemberStatus
from storage.rows_changed import rows_changed


@dataclass
class Submitted:
    application: Application
    edited: bool
    messages: list[OutgoingMessage] = field(default_factory=list)


def can_apply(
    session: Session, cohort_id: int, slack_user_id: str, now: datetime, tz: tzinfo
) -> tuple[Cohort, Application | None]:
    """The cohort and any earlier application, or CohortRefused with the reason."""
    cohort = session.get(Cohort, cohort_id)
    if cohort is None:
        raise CohortRefused("That cohort no longer exists.")
    reason = closed_reason(cohort.status, cohort.closes_on, now.astimezone(tz).date())
    if reason:
        raise CohortRefused(reason)
    member = get_member(session, slack_user_id)
    if member is not None and member.status in (MemberStatus.ACTIVE, MemberStatus.PAUSED):
        raise CohortRefused(
            "You're already a member of Product Circle, so there's no need to apply."
        )
    previous = None
    if member is not None:
        previous = session.scalar(
            select(Application).where(
                Application.cohort_id == cohort_id, Application.member_id == member.id
            )
        )
    if previous is not None and previous.status != ApplicationStatus.PENDING:
        raise CohortRefused(
            f"Your application to {cohort.name} has already been reviewed "
            f"({previous.status}), so it can't be changed."
        )
    return cohort, previous


def submit(
    session: Session,
    cohort_id: int,
    slack_user_id: str,
    answers: ApplicationAnswers,
    *,
    now: datetime,
    tz: tzinfo,
    review_channel: str | None,
) -> Submitted:
    """Store a new application or edit a pending one, before anything is sent."""
    cohort, previous = can_apply(session, cohort_id, slack_user_id, now, tz)
    if previous is not None:
        return Submitted(_edit(session, previous, answers, now), edited=True)
    member = get_member(session, slack_user_id) or new_member(  # not seen by the sync yet
        session, slack_user_id, status=MemberStatus.APPLICANT, now=now
    )
    application = _file(session, cohort, member, answers, now)
    if application is None:  # a double submit: the first one is the application, edit it
        return submit(
            session,
            cohort_id,
            slack_user_id,
            answers,
            now=now,
            tz=tz,
            review_channel=review_channel,
        )
    messages = _for_review(application, cohort, member, review_channel)
    return Submitted(application, edited=False, messages=messages)


def _answers(answers: ApplicationAnswers, now: datetime) -> dict[str, object]:
    """The application's columns the applicant writes (on filing and on every edit)."""
    return {
        "company": answers.company,
        "role": answers.role,
        "level": answers.level,
        "years": answers.years,
        "interests": list(answers.interests),
        "wants": answers.wants,
        "note": answers.note,
        "updated_at": now,
    }


def _edit(
    session: Session, previous: Application, answers: ApplicationAnswers, now: datetime
) -> Application:
    """Rewrite a pending application, unless an admin decided it in the meantime."""
    changed = rows_changed(
        session,
        update(Application)
        .where(Application.id == previous.id, Application.status == ApplicationStatus.PENDING)
        .values(**_answers(answers, now)),
    )
    if not changed:
        raise CohortRefused("Your application was reviewed a moment ago, so it can't be changed.")
    session.refresh(previous)
    return previous


def _file(
    session: Session, cohort: Cohort, member: Member, answers: ApplicationAnswers, now: datetime
) -> Application | None:
    """A new pending application; None when the same person's arrived a moment earlier."""
    application = Application(
        cohort_id=cohort.id,
        member_id=member.id,
        status=ApplicationStatus.PENDING,
        submitted_at=now,
        **_answers(answers, now),
    )
    try:
        with session.begin_nested():
            session.add(application)
    except IntegrityError:
        return None
    return application


def _for_review(
    application: Application, cohort: Cohort, member: Member, review_channel: str | None
) -> list[OutgoingMessage]:
    """The card admins decide on, posted in the review channel if there is one."""
    if not review_channel:
        return []
    return [
        OutgoingMessage(
            key=f"application:{application.id}:review",
            text=f"New application to {cohort.name} from {member.display_name}",
            blocks=application_card(application, member),
            channel=review_channel,
            about=(member.slack_user_id,),
        )
    ]
