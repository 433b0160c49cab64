"""What the monthly rhythm sends now: recap prompts, next steps, the quarterly "something
you could offer?", the first-session fit question, the end of a term, and a kind note when
one of a pair has left the workspace.

Each (step, pair, month) is claimed once in ``job_run`` inside the caller's transaction, and
every message has its own outbox key, so a repeated run or a second replica sends nothing
twice.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, aliased

from bot.mentors import pair_blocks, panel_blocks, rhythm_blocks
from bot.mentors.finding import move_on
from bot.mentors.mentorships import end, people
from bot.mentors.panels import readers
from bot.mentors.pool import zone
from bot.mentors.rhythm import Due, Plan, Step, due_steps, panel_update_due
from bot.outbox.queue import OutgoingMessage
from bot.platform.settings import Settings
from storage.job_runs import claim_in
from storage.models import (
    JobRunStatus,
    Member,
    MemberStatus,
    MentorRequest,
    MentorSession,
    Mentorship,
    MentorshipStatus,
    PanelAdviser,
    RequestStatus,
)


def due_messages(session: Session, now: datetime, settings: Settings) -> list[OutgoingMessage]:
    messages = departures(session, now)
    messages += panel_prompts(session, now, settings)
    pairs = session.scalars(
        select(Mentorship)
        .where(Mentorship.status == MentorshipStatus.ACTIVE)
        .order_by(Mentorship.id)
    )
    for pair in list(pairs):
        mentor, mentee = people(session, pair)
        plan = Plan(
            first_session_on=pair.first_session_on,
            session_day=pair.session_day or 1,
            mentee_tz=zone(mentee, settings.timezone),
            mentor_tz=zone(mentor, settings.timezone),
            ends_at=pair.ends_at,
        )
        for due in due_steps(now, plan):
            if claim_in(
                session,
                f"mentor_{due.step}:{pair.id}",
                due.month,
                now=now,
                status=JobRunStatus.DONE,
            ):
                messages += _step(session, pair, mentor, mentee, due, now, settings)
    return messages


def _step(
    session: Session,
    pair: Mentorship,
    mentor: Member,
    mentee: Member,
    due: Due,
    now: datetime,
    settings: Settings,
) -> list[OutgoingMessage]:
    key = f"mentorship:{pair.id}:ask-{due.step}:{due.month}"
    if due.step == Step.RECAP:
        text, blocks = rhythm_blocks.recap_prompt(
            pair.id, due.month, mentor.display_name, due.session_on, _last_step(session, pair)
        )
        return [_to(mentee, key, text, blocks, about=mentor)]
    if due.step == Step.NEXT_STEP:
        text, blocks = rhythm_blocks.next_step_prompt(pair.id, due.month, mentor.display_name)
        return [_to(mentee, key, text, blocks, about=mentor)]
    if due.step == Step.MUTUAL:
        return [
            _to(mentee, key, rhythm_blocks.mutual_text(mentor.display_name), None, about=mentor)
        ]
    if due.step == Step.FIT_MENTEE:
        text, blocks = pair_blocks.fit_question(pair.id, mentor.display_name)
        return [_to(mentee, key, text, blocks, about=mentor)]
    if due.step == Step.FIT_MENTOR:
        text, blocks = pair_blocks.fit_question(pair.id, mentee.display_name)
        return [_to(mentor, key, text, blocks, about=mentee)]
    if due.step == Step.RENEW_ASK:  # a private choice: asked of each alone
        months = settings.mentor_term_months
        asks = []
        for person, other, role in ((mentee, mentor, "mentee"), (mentor, mentee, "mentor")):
            text, blocks = pair_blocks.renew_question(
                pair.id, other.display_name, due.session_on, months
            )
            asks.append(_to(person, f"{key}:{role}", text, blocks, about=other))
        return asks
    end(pair, now, "term")
    return [
        OutgoingMessage(
            key=key,
            text=pair_blocks.term_end_text(settings.mentor_term_months),
            to_users=(mentee.slack_user_id, mentor.slack_user_id),
        )
    ]


def _to(
    member: Member, key: str, text: str, blocks: list | None, *, about: Member
) -> OutgoingMessage:
    return OutgoingMessage(
        key=key,
        text=text,
        blocks=blocks,
        to_users=(member.slack_user_id,),
        about=(about.slack_user_id,),
    )


def _last_step(session: Session, pair: Mentorship) -> str | None:
    return session.scalar(
        select(MentorSession.next_step)
        .where(MentorSession.mentorship_id == pair.id, MentorSession.next_step.is_not(None))
        .order_by(MentorSession.month.desc())
        .limit(1)
    )


def departures(session: Session, now: datetime) -> list[OutgoingMessage]:
    """Pairs where one person has left the workspace end, and the other is told kindly; a
    mentee waiting on a mentor who left is offered the next one."""
    mentor, mentee = aliased(Member), aliased(Member)
    rows = session.execute(
        select(Mentorship, mentor, mentee)
        .join(mentor, mentor.id == Mentorship.mentor_id)
        .join(mentee, mentee.id == Mentorship.mentee_id)
        .where(
            Mentorship.status == MentorshipStatus.ACTIVE,
            or_(mentor.status == MemberStatus.LEFT, mentee.status == MemberStatus.LEFT),
        )
    ).all()
    messages = []
    asked_gone = session.execute(
        select(MentorRequest, mentee)
        .join(mentor, mentor.id == MentorRequest.mentor_id)
        .join(mentee, mentee.id == MentorRequest.mentee_id)
        .where(MentorRequest.status == RequestStatus.ASKED, mentor.status == MemberStatus.LEFT)
    ).all()
    for request, waiting in asked_gone:  # asked a mentor who then left: the next proposal
        messages += move_on(session, request, waiting, now)
    for pair, mentor_row, mentee_row in rows:
        end(pair, now, "left")
        for gone, other in ((mentor_row, mentee_row), (mentee_row, mentor_row)):
            if gone.status == MemberStatus.LEFT and other.status != MemberStatus.LEFT:
                messages.append(
                    OutgoingMessage(
                        key=f"mentorship:{pair.id}:left:{other.id}",
                        text=pair_blocks.left_for_other(gone.display_name),
                        to_users=(other.slack_user_id,),
                        about=(gone.slack_user_id,),
                    )
                )
    return messages


def panel_prompts(session: Session, now: datetime, settings: Settings) -> list[OutgoingMessage]:
    """Once a quarter, members with a panel are offered to send it an update (their own
    words, only if they write one), at 10:00 on the quarter's first day in their zone."""
    with_panel = select(PanelAdviser.member_id).union(
        select(Mentorship.mentee_id).where(Mentorship.status == MentorshipStatus.ACTIVE)
    )
    members = session.scalars(
        select(Member).where(Member.id.in_(with_panel), Member.status == MemberStatus.ACTIVE)
    )
    messages = []
    for member in members:
        quarter = panel_update_due(now, zone(member, settings.timezone))
        if quarter is None:
            continue
        people = readers(session, member)
        if people and claim_in(
            session, f"mentor_panel:{member.id}", quarter, now=now, status=JobRunStatus.DONE
        ):
            text, blocks = panel_blocks.panel_update_prompt(quarter, len(people))
            messages.append(
                OutgoingMessage(
                    key=f"panel:{member.id}:{quarter}:ask",
                    text=text,
                    blocks=blocks,
                    to_users=(member.slack_user_id,),
                )
            )
    return messages
