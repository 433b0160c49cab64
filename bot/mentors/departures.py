"""Deleting a member's mentoring data (called by bot/privacy/deletion.py, in its
transaction): their offer, their requests and goals, their mentorships and recaps, their
panel and their place on others' panels. Whoever
they were paired with gets a kind note; a mentee waiting on their answer is offered the next
mentor, as after any "not now"."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session

from bot.mentors import pair_blocks
from bot.mentors.finding import move_on
from bot.outbox.queue import OutgoingMessage
from storage.models import (
    Member,
    MentorOffer,
    MentorRequest,
    Mentorship,
    MentorshipStatus,
    PanelAdviser,
    RequestStatus,
)


def delete_mentoring(session: Session, member: Member, now: datetime) -> list[OutgoingMessage]:
    """Delete everything mentoring holds about ``member``; returns the notes to queue.
    The notes name the member, so they are scrubbed from the outbox once delivered."""
    messages: list[OutgoingMessage] = []
    session.execute(delete(MentorOffer).where(MentorOffer.member_id == member.id))
    session.flush()
    pairs = session.scalars(
        select(Mentorship).where(
            or_(Mentorship.mentor_id == member.id, Mentorship.mentee_id == member.id)
        )
    ).all()
    for pair in pairs:
        other_id = pair.mentee_id if pair.mentor_id == member.id else pair.mentor_id
        other = session.get(Member, other_id)
        told = other is not None and other.deleted_at is None
        if pair.status == MentorshipStatus.ACTIVE and other is not None and told:
            messages.append(
                OutgoingMessage(
                    key=f"mentorship:{pair.id}:gone:{other.id}",
                    text=pair_blocks.left_for_other(member.display_name),
                    to_users=(other.slack_user_id,),
                    scrub=True,
                )
            )
    waiting = session.scalars(
        select(MentorRequest).where(
            MentorRequest.mentor_id == member.id, MentorRequest.status == RequestStatus.ASKED
        )
    ).all()
    for request in waiting:
        mentee = session.get(Member, request.mentee_id)
        if mentee is not None:
            messages += move_on(session, request, mentee, now)
    session.execute(
        delete(Mentorship).where(
            or_(Mentorship.mentor_id == member.id, Mentorship.mentee_id == member.id)
        )
    )
    session.execute(delete(MentorRequest).where(MentorRequest.mentee_id == member.id))
    session.execute(
        delete(PanelAdviser).where(
            or_(PanelAdviser.member_id == member.id, PanelAdviser.adviser_id == member.id)
        )
    )
    return messages
