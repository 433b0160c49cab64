"""The mentoring line of a member's App Home, read from the database (bot/mentors/blocks.py
builds it): their mentor and next session, their mentees, or how to find a mentor."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.members.profile_options import LEVELS, level_rank
from bot.mentors.home_blocks import HomeMentoring
from bot.mentors.mentorships import active_pairs, people
from bot.mentors.pool import zone
from bot.mentors.rhythm import next_session
from bot.mentors.topics import LEVEL_GAP
from storage.models import Member, MentorOffer, MentorRequest, RequestStatus


def home_mentoring(session: Session, member: Member, now: datetime, tz: ZoneInfo) -> HomeMentoring:
    today = now.astimezone(zone(member, tz)).date()
    mentor_name, mentor_day, mentees = None, None, []
    for pair in active_pairs(session, member):
        mentor, mentee = people(session, pair)
        day = None
        if pair.first_session_on is not None and pair.session_day:
            day = next_session(pair.first_session_on, pair.session_day, today)
        if mentee.id == member.id:
            mentor_name, mentor_day = mentor.display_name, day
        else:
            mentees.append((mentee.display_name, day))
    waiting = session.execute(
        select(MentorRequest.status, MentorRequest.mentor_id)
        .where(
            MentorRequest.mentee_id == member.id,
            MentorRequest.status.in_((RequestStatus.OPEN, RequestStatus.ASKED)),
        )
        .order_by(MentorRequest.id.desc())
    ).first()
    asked = None
    if waiting is not None and waiting.status == RequestStatus.ASKED and waiting.mentor_id:
        asked_member = session.get(Member, waiting.mentor_id)
        asked = asked_member.display_name if asked_member is not None else None
    rank = level_rank(member.level)
    return HomeMentoring(
        mentor=mentor_name,
        mentor_session=mentor_day,
        mentees=tuple(mentees),
        asked=asked,
        looking=waiting is not None and waiting.status == RequestStatus.OPEN,
        may_look=rank is not None and rank + LEVEL_GAP < len(LEVELS),
        offers=session.get(MentorOffer, member.id) is not None,
    )
